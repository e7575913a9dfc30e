"""Le petit GPT du chapitre 20 (helpers.gpt) : tokeniseur, masque causal, notation, génération, reprise."""
import math

import pytest

torch = pytest.importorskip("torch")
from helpers import gpt  # noqa: E402

TEXTE = "le petit chat boit du lait. le chien dort. " * 20


@pytest.fixture
def petit():
    return gpt.nouveau_modele(TEXTE, contexte=16, d_modele=16, n_tetes=2, n_couches=2, min_occurrences=1,
                              appareil="cpu")


def test_tokeniseur_aller_retour_et_inconnus():
    tok = gpt.Tokeniseur.depuis_texte(TEXTE)
    assert tok.decoder(tok.encoder("le chat")) == "le chat"
    assert tok.encoder("é") == [gpt.INCONNU]
    assert tok.decoder([gpt.DEBUT] + tok.encoder("lé")) == "l\N{REPLACEMENT CHARACTER}"
    with pytest.raises(ValueError, match="distincts"):
        gpt.Tokeniseur(["a", "a"])
    with pytest.raises(TypeError, match="chaîne"):
        tok.encoder(3)


def test_configuration_refuse_les_tailles_incoherentes():
    with pytest.raises(ValueError, match="divisible"):
        gpt.Configuration(taille_vocab=5, d_modele=10, n_tetes=3)
    with pytest.raises(ValueError, match="au moins 1"):
        gpt.Configuration(taille_vocab=0)
    with pytest.raises(TypeError, match="Configuration"):
        gpt.GPT({"taille_vocab": 3})


def test_le_masque_cache_le_futur(petit):
    ids = torch.tensor([petit.tokeniseur.encoder("le petit chat b")])
    change = ids.clone()
    change[0, -1] = petit.tokeniseur.encoder("z")[0] if "z" in petit.tokeniseur.caracteres else 2
    with torch.no_grad():
        a, b = petit.reseau(ids), petit.reseau(change)
    assert torch.allclose(a[0, :-1], b[0, :-1])
    assert not torch.allclose(a[0, -1], b[0, -1])


def test_poids_attention_causaux_et_normalises(petit):
    cartes = gpt.poids_attention(petit, "le chat")
    assert len(cartes) == 2 and cartes[0].shape == (2, 7, 7)
    for carte in cartes:
        assert abs(carte.sum(-1) - 1).max() < 1e-5
        assert (carte[:, 0, 1:] == 0).all()


def test_une_tete_contre_un_calcul_a_la_main(petit):
    """La couche d'attention du modèle refait le calcul softmax(QKᵀ/√d + masque) V de la formule."""
    couche = petit.reseau.blocs[0].attention
    x = torch.randn(1, 5, 16)
    with torch.no_grad():
        y, poids = couche(x, renvoyer_poids=True)
        q, k, v = couche.qkv(x).split(16, dim=2)
        q0, k0 = q[0, :, :8], k[0, :, :8]  # première tête
        scores = q0 @ k0.T / math.sqrt(8)
        scores = scores.masked_fill(torch.triu(torch.ones(5, 5, dtype=torch.bool), 1), float("-inf"))
        attendu = torch.softmax(scores, -1)
    assert torch.allclose(poids[0, 0], attendu, atol=1e-6)


def test_bits_par_caractere_et_inconnus(petit):
    b = gpt.bits_par_caractere(petit, "le chat")
    assert 0 < b < 10
    # un caractère inconnu coûte au moins ses 8 bits par octet
    assert gpt.bits_par_caractere(petit, "é") >= 16
    # fenêtres glissantes : un texte plus long que le contexte est noté en entier
    assert gpt.bits_par_caractere(petit, TEXTE[:100]) > 0
    for mauvais, erreur in [("", ValueError), (None, TypeError), (["le"], TypeError)]:
        with pytest.raises(erreur):
            gpt.bits_par_caractere(petit, mauvais)
    with pytest.raises(TypeError, match="ModeleLangue"):
        gpt.bits_par_caractere("modèle", "texte")


def test_generer_reproductible_et_erreurs(petit):
    a = gpt.generer(petit, "le ", 20, temperature=0.8, top_k=5, graine=3)
    assert a.startswith("le ") and len(a) == 23
    assert a == gpt.generer(petit, "le ", 20, temperature=0.8, top_k=5, graine=3)
    assert gpt.generer(petit, "le", 0) == "le"
    assert "\N{REPLACEMENT CHARACTER}" not in gpt.generer(petit, "", 30, graine=1)
    for kwargs, erreur in [({"temperature": 0}, ValueError), ({"temperature": -1}, ValueError),
                           ({"temperature": float("nan")}, TypeError), ({"top_k": 0}, ValueError)]:
        with pytest.raises(erreur):
            gpt.generer(petit, "le", 5, **kwargs)
    with pytest.raises(ValueError, match="au moins 0"):
        gpt.generer(petit, "le", -1)
    with pytest.raises(TypeError):
        gpt.generer(petit, 12, 3)


def test_entrainement_fait_baisser_la_perte_et_reprend_a_l_identique(petit):
    avant = gpt.bits_par_caractere(petit, TEXTE[:200])
    copie = gpt.nouveau_modele(TEXTE, contexte=16, d_modele=16, n_tetes=2, n_couches=2, min_occurrences=1,
                               appareil="cpu")
    etat = gpt.entrainer(petit, TEXTE, 12, taille_lot=4, taux=2e-2, progression=False)
    assert gpt.bits_par_caractere(petit, TEXTE[:200]) < avant
    # 1 pas (arrêt par la durée), état gardé, puis la suite : mêmes poids qu'en 12 pas d'un coup
    etat1 = gpt.entrainer(copie, TEXTE, 12, taille_lot=4, taux=2e-2, progression=False, duree_max=0)
    assert etat1["etape"] == 1
    etat1 = gpt.entrainer(copie, TEXTE, 12, taille_lot=4, taux=2e-2, progression=False, etat=etat1)
    assert etat1["etape"] == 12 == etat["etape"]
    for p, q in zip(petit.reseau.parameters(), copie.reseau.parameters()):
        assert torch.allclose(p, q, atol=1e-6)


def test_sauvegarde_et_chargement(petit, tmp_path):
    gpt.sauvegarder_modele(petit, tmp_path)
    relu = gpt.charger_modele(tmp_path, appareil="cpu")
    assert relu.tokeniseur.caracteres == petit.tokeniseur.caracteres
    # float16 : mêmes bits par caractère à peu près
    assert abs(gpt.bits_par_caractere(relu, "le chat") - gpt.bits_par_caractere(petit, "le chat")) < 0.05
    with pytest.raises(FileNotFoundError, match="Aucun modèle"):
        gpt.charger_modele(tmp_path / "absent")


def test_compression_conditionnelle():
    assert gpt.bits_compression("abc" * 1000, "abc" * 100) < 1
    import random

    hasard = random.Random(0)
    texte = "".join(hasard.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(3000))
    assert gpt.bits_compression("", texte, "bzip2") > 3
    with pytest.raises(ValueError, match="lzma"):
        gpt.bits_compression("a", "b", "zip")
    with pytest.raises(ValueError):
        gpt.bits_compression("a", "")


def test_le_modele_livre_redonne_son_chiffre_de_controle():
    """Le modèle de data/gpt/ se recharge et redonne ses bits par caractère sur l'extrait du test (à 0,02 près)."""
    from helpers.donnees import texte_modele_langue

    modele = gpt.charger_modele(appareil="cpu")
    infos = modele.infos
    assert {"etapes", "bits_test_extrait", "extrait_controle", "historique"} <= set(infos)
    extrait = texte_modele_langue("test")[:infos["extrait_controle"]]
    assert abs(gpt.bits_par_caractere(modele, extrait) - infos["bits_test_extrait"]) < 0.02
    assert gpt.generer(modele, "Il était", 5, graine=0).startswith("Il était")


def test_les_empreintes_du_modele_livre_sont_dans_data_readme():
    from helpers.donnees import empreinte

    description = (gpt.DOSSIER_MODELE.parent / "README.md").read_text(encoding="utf-8")
    for nom in ("modele.pt", "config.json"):
        assert empreinte(gpt.DOSSIER_MODELE / nom) in description, f"empreinte de data/gpt/{nom} à mettre à jour"


def test_le_modele_livre_fait_mieux_que_lzma():
    """Objectif du chapitre 20 : moins de bits par caractère que lzma, sur l'extrait comme sur tout le test.

    Sur l'extrait de contrôle (chiffre recalculé par le test précédent), lzma est mesuré ici, conditionné
    par le dernier million de caractères d'entraînement ; sur tout le test, les deux chiffres ont été notés
    par ``python -m helpers.gpt evaluer --ecrire`` (lzma conditionné par tout l'entraînement).
    """
    from helpers.donnees import texte_modele_langue

    infos = gpt.charger_modele(appareil="cpu").infos
    extrait = texte_modele_langue("test")[:infos["extrait_controle"]]
    memoire = texte_modele_langue("entrainement")[-1_000_000:]
    assert infos["bits_test_extrait"] < gpt.bits_compression(memoire, extrait, "lzma")
    assert infos["bits_test"] < infos["bits_lzma_test"] < infos["bits_bzip2_test"]
    assert infos["bits_test"] <= 1.8, "objectif du modèle livré : 1,8 bit par caractère au plus"
    assert infos["caracteres_test"] == len(texte_modele_langue("test"))
