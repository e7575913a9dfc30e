"""Tests du corpus de romans (data/corpus_romans.tsv.gz) et de ses chargeurs (helpers.donnees)."""
import importlib.util
import itertools
import json
import re
from pathlib import Path

import pytest

from helpers import donnees
from helpers.donnees import (
    DOSSIER_DONNEES,
    PARTIES,
    auteurs,
    empreinte,
    partie_du_bloc,
    passages_auteurs,
    romans,
    texte_corpus,
    texte_modele_langue,
)
from helpers.ngrammes import FICHIER_REFERENCES, ModeleCaracteres, lire_references

RACINE = Path(__file__).resolve().parent.parent
SOURCE = RACINE.parent / "shared" / "corpus" / "eltec-fra"


def test_romans_et_auteurs():
    r = romans()
    assert len(r) == 12 and len({x.identifiant for x in r}) == 12
    assert len(auteurs()) == 11 and sum(x.auteur == "Maupassant" for x in r) == 2
    assert sum(x.mots for x in r) == 1_398_163
    assert [x.annee for x in r if x.titre == "Madame Bovary"] == [1857]


def test_empreinte_documentee():
    description = (DOSSIER_DONNEES / "README.md").read_text(encoding="utf-8")
    for nom in ("corpus_romans.tsv.gz", "romans.csv", FICHIER_REFERENCES):
        assert empreinte(DOSSIER_DONNEES / nom) in description, nom
    assert "10.5281/zenodo.4662433" in description and "Schöch" in description


def test_texte_corpus_et_normalisation():
    tout = texte_corpus()
    assert 7_900_000 < len(tout) < 8_100_000
    for interdit in ("\u2019", "\u00a0", "\u202f", "\t", "\r", "\u00ad", "  "):
        assert interdit not in tout, repr(interdit)
    bovary = texte_corpus("FRA01302")
    assert bovary == texte_corpus("Madame Bovary") and bovary in tout
    assert bovary.startswith("Nous étions à l'Étude")
    assert sum(len(texte_corpus(r.identifiant)) for r in romans()) + 2 * 11 == len(tout)


def test_parties_des_blocs():
    parties = [partie_du_bloc(b) for b in range(20)]
    assert parties.count("validation") == parties.count("test") == 2
    with pytest.raises(ValueError, match="entre 0 et 19"):
        partie_du_bloc(20)
    with pytest.raises(TypeError, match="entier"):
        partie_du_bloc("3")


@pytest.mark.parametrize("rapide", [True, False])
def test_parties_disjointes(rapide):
    textes = {p: texte_modele_langue(p, rapide=rapide) for p in PARTIES}
    ensembles = {p: set(t.split("\n")) - {""} for p, t in textes.items()}
    # aucun paragraphe long n'apparaît dans deux parties (les répliques très courtes peuvent se répéter)
    longs = {p: {x for x in e if len(x) > 200} for p, e in ensembles.items()}
    assert not longs["entrainement"] & longs["test"]
    assert not longs["entrainement"] & longs["validation"]
    assert not longs["validation"] & longs["test"]
    passages = {p: {x.texte for x in passages_auteurs(p, rapide=rapide)} for p in PARTIES}
    assert not passages["entrainement"] & passages["test"]
    assert not passages["entrainement"] & passages["validation"]
    if not rapide:
        n = {p: len(t) for p, t in textes.items()}
        assert 0.09 < n["test"] / sum(n.values()) < 0.11
        assert 0.09 < n["validation"] / sum(n.values()) < 0.11


def test_passages():
    p = passages_auteurs("test")
    assert len(p) == 1378
    assert all(len(x.texte.split(" ")) == 100 for x in p)
    assert {x.auteur for x in p} == set(auteurs())
    assert {x.roman for x in p} == {r.identifiant for r in romans()}
    courts = passages_auteurs("validation", nb_mots=30, rapide=True, auteurs=["Sand", "Verne"])
    assert {x.auteur for x in courts} == {"Sand", "Verne"}
    assert all(len(x.texte.split()) == 30 for x in courts)
    assert len(passages_auteurs("test", rapide=True)) == 120


def test_determinisme():
    assert passages_auteurs("validation", rapide=True) == passages_auteurs("validation", rapide=True)
    donnees._corpus.cache_clear()
    a = texte_modele_langue("test")
    donnees._corpus.cache_clear()
    assert a == texte_modele_langue("test")


def test_erreurs_en_francais():
    with pytest.raises(ValueError, match="Auteur inconnu : 'Hugo'"):
        passages_auteurs("test", auteurs=["Hugo"])
    with pytest.raises(TypeError, match="liste de noms"):
        passages_auteurs("test", auteurs="Verne")
    with pytest.raises(ValueError, match="strictement positif"):
        passages_auteurs("test", nb_mots=-5)
    with pytest.raises(ValueError, match="strictement positif"):
        passages_auteurs("test", nb_mots=0)
    with pytest.raises(TypeError, match="entier"):
        passages_auteurs("test", nb_mots=10.5)
    with pytest.raises(ValueError, match="Partie inconnue"):
        passages_auteurs("apprentissage")
    with pytest.raises(ValueError, match="Partie inconnue"):
        texte_modele_langue("train")
    with pytest.raises(TypeError, match="chaîne"):
        texte_modele_langue(3)
    with pytest.raises(ValueError, match="Roman inconnu"):
        texte_corpus("Les Misérables")
    with pytest.raises(TypeError, match="identifiant ou son titre"):
        texte_corpus(5)


def test_fichier_absent(monkeypatch, tmp_path):
    monkeypatch.setattr(donnees, "DOSSIER_DONNEES", tmp_path)
    donnees._corpus.cache_clear()
    try:
        with pytest.raises(FileNotFoundError, match="introuvable"):
            texte_modele_langue("test")
    finally:
        donnees._corpus.cache_clear()


@pytest.mark.skipif(not SOURCE.is_dir(), reason="../shared/corpus/eltec-fra absent : le corpus ne peut pas être refait")
def test_le_script_redonne_les_memes_octets(tmp_path):
    spec = importlib.util.spec_from_file_location("fabriquer_corpus", DOSSIER_DONNEES / "fabriquer_corpus.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    for chemin in module.fabriquer(SOURCE, tmp_path):
        assert chemin.read_bytes() == (DOSSIER_DONNEES / chemin.name).read_bytes(), chemin.name


def test_normaliser():
    spec = importlib.util.spec_from_file_location("fabriquer_corpus", DOSSIER_DONNEES / "fabriquer_corpus.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.normaliser("  l\u2019e\u0301te\u0301\u00a0! ") == "l'été !"


# --- n-grammes de caractères ----------------------------------------------------------------

def test_ngrammes_normalises_et_sans_zero():
    m = ModeleCaracteres(4).entrainer(texte_modele_langue("entrainement", rapide=True))
    for contexte in ("Elle ", "xqzw", "", "le ch"):
        loi = m.probabilites(contexte)
        assert abs(sum(loi.values()) - 1) < 1e-9
        assert min(loi.values()) > 0
    assert m.bits_par_caractere("Ω€ caractères jamais vus ☃") < 20  # fini : pas de probabilité nulle


def test_ngrammes_erreurs():
    with pytest.raises(ValueError, match="entre 1 et 8"):
        ModeleCaracteres(9)
    with pytest.raises(ValueError, match="pas entraîné"):
        ModeleCaracteres(2).probabilites("a")
    with pytest.raises(TypeError, match="chaîne"):
        ModeleCaracteres(2).entrainer(["a"])
    with pytest.raises(ValueError, match="vide"):
        ModeleCaracteres(2).entrainer("")


def test_references_ngrammes():
    ref = lire_references()
    assert ref["corpus_sha256"] == empreinte(DOSSIER_DONNEES / "corpus_romans.tsv.gz")
    assert ref["rapide"] is False
    bpc = [ref["bits_par_caractere"][str(n)]["test"] for n in range(1, 9)]
    assert all(a > b for a, b in itertools.pairwise(bpc[:7]))  # de mieux en mieux jusqu'à n = 7
    assert 4.0 < bpc[0] < 5.0 and 1.5 < bpc[4] < 2.5
    # recalcul d'un ordre, sur les mêmes textes : même chiffre au dix-millième près
    m = ModeleCaracteres(3).entrainer(texte_modele_langue("entrainement"))
    assert abs(m.bits_par_caractere(texte_modele_langue("test")) - ref["bits_par_caractere"]["3"]["test"]) < 1e-4


def test_script_ngrammes_rapide(monkeypatch, tmp_path, capsys):
    from helpers import ngrammes
    resultats = ngrammes.calculer_references(ordres=[1, 2], rapide=True)
    ngrammes._ecrire(resultats, tmp_path / "r.json")
    relu = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert relu["rapide"] is True and set(relu["bits_par_caractere"]) == {"1", "2"}
    assert re.search(r"n = 2 : validation \d\.\d{4}", capsys.readouterr().out)
