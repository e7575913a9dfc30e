"""Fabrique le corpus du cours (data/corpus_romans.tsv.gz et data/romans.csv).

Source : douze romans français du domaine public tirés d'ELTeC-fra (TEI XML,
niveau 1), copiés sans modification dans ``../shared/corpus/eltec-fra/`` (voir
son README : provenance, licence, citation). Ce script n'est utile qu'à qui
veut refaire le corpus : le cours ne lit que les fichiers écrits dans data/.

Ce qui est gardé : le texte des éléments ``<p>`` du ``<body>`` de chaque
roman (le ``<teiHeader>``, le ``<front>`` et le ``<back>`` ne sont pas du
texte du roman ; les titres de chapitre ``<head>``, les vers ``<l>`` hors
paragraphe et les notes ``<note>`` sont écartés), avec le numéro du chapitre
(``<div type="chapter">``, ou lettre) où se trouve chaque paragraphe.

Normalisation (documentée dans data/README.md) :

* Unicode NFC ;
* toute suite d'espaces (espace insécable U+00A0, fine U+202F, tabulation,
  fin de ligne…) devient une seule espace ordinaire, retirée en début et fin
  de paragraphe ; le trait d'union conditionnel U+00AD est supprimé ;
* l'apostrophe typographique ’ (U+2019) et ‘ (U+2018) devient l'apostrophe
  droite ' (U+0027), déjà utilisée 88 000 fois contre 1 fois dans les
  sources : un seul caractère pour un seul signe ;
* le reste (guillemets « », tirets – —, points de suspension …, ligatures
  œ) est gardé tel quel : c'est du français imprimé.

Sortie, relancer le script redonne exactement les mêmes octets :

* ``data/corpus_romans.tsv.gz`` : une ligne par paragraphe,
  ``identifiant<TAB>chapitre<TAB>texte``, dans l'ordre des romans puis du
  texte ; compressé par gzip niveau 9, sans nom de fichier ni date (mtime=0) ;
* ``data/romans.csv`` : identifiant, auteur, auteur complet, titre, année,
  nombre de paragraphes, de mots (séparés par des espaces) et de caractères.

    python data/fabriquer_corpus.py [dossier_source]
"""
import csv
import gzip
import io
import re
import sys
import unicodedata
import xml.etree.ElementTree as ET
from pathlib import Path

ICI = Path(__file__).resolve().parent
SOURCE = ICI.parent.parent / "shared" / "corpus" / "eltec-fra"
TEI = "{http://www.tei-c.org/ns/1.0}"

#: fichier source → (identifiant, auteur, auteur complet, titre, année de référence)
ROMANS = [
    ("FRA00502_Balzac.xml", "FRA00502", "Balzac", "Honoré de Balzac", "Le cousin Pons", 1853),
    ("FRA00901_Daudet.xml", "FRA00901", "Daudet", "Alphonse Daudet", "Le petit chose", 1868),
    ("FRA01302_Flaubert.xml", "FRA01302", "Flaubert", "Gustave Flaubert", "Madame Bovary", 1857),
    ("FRA01501_France.xml", "FRA01501", "France", "Anatole France", "Les dieux ont soif", 1912),
    ("FRA02602_Malot.xml", "FRA02602", "Malot", "Hector Malot", "Sans famille", 1878),
    ("FRA02701_Maupassant.xml", "FRA02701", "Maupassant", "Guy de Maupassant", "Bel-Ami", 1885),
    ("FRA02702_Maupassant.xml", "FRA02702", "Maupassant", "Guy de Maupassant", "Une vie", 1883),
    ("FRA03601_Proust.xml", "FRA03601", "Proust", "Marcel Proust", "Du côté de chez Swann", 1913),
    ("FRA03701_Sand.xml", "FRA03701", "Sand", "George Sand", "Nanon", 1872),
    ("FRA04001_Verne.xml", "FRA04001", "Verne", "Jules Verne", "Un capitaine de quinze ans", 1878),
    ("FRA04901_Dumas.xml", "FRA04901", "Dumas", "Alexandre Dumas", "La Reine Margot", 1845),
    ("FRA07401_Leblanc.xml", "FRA07401", "Leblanc", "Maurice Leblanc", "813", 1910),
]

_ESPACES = re.compile(r"\s+")
_ECARTES = {TEI + "note", TEI + "head", TEI + "gap"}


def normaliser(texte):
    """NFC, apostrophe droite, espaces réduites à une seule espace ordinaire.

    >>> normaliser("l’été\\u00a0 :  «\\u202fOui\\u202f»\\n")
    "l'été : « Oui »"
    """
    texte = unicodedata.normalize("NFC", texte)
    texte = texte.replace("\u2019", "'").replace("\u2018", "'").replace("\u00ad", "")
    return _ESPACES.sub(" ", texte).strip()


def _texte_sans_notes(element):
    """Texte d'un élément et de ses descendants, sans les notes ni titres."""
    morceaux = [element.text or ""]
    for enfant in element:
        if enfant.tag not in _ECARTES:
            morceaux.append(_texte_sans_notes(enfant))
        morceaux.append(enfant.tail or "")
    return "".join(morceaux)


def paragraphes(chemin):
    """Liste de (numéro de chapitre, paragraphe normalisé) du corps d'un roman."""
    racine = ET.parse(chemin).getroot()
    corps = racine.find(f"{TEI}text/{TEI}body")
    sortie, chapitre = [], 0

    def parcourir(element):
        nonlocal chapitre
        for enfant in element:
            if enfant.tag == TEI + "div" and enfant.get("type") in ("chapter", "letter"):
                chapitre += 1
            if enfant.tag == TEI + "p":
                texte = normaliser(_texte_sans_notes(enfant))
                if texte:
                    sortie.append((max(chapitre, 1), texte))
            elif enfant.tag not in _ECARTES:
                parcourir(enfant)

    parcourir(corps)
    return sortie


def fabriquer(source=SOURCE, destination=ICI):
    """Écrit les deux fichiers du corpus et renvoie leurs chemins."""
    source, destination = Path(source), Path(destination)
    if not source.is_dir():
        raise FileNotFoundError(f"Dossier source introuvable : {source} (voir data/README.md).")
    lignes, meta = [], []
    for fichier, ident, auteur, complet, titre, annee in ROMANS:
        paras = paragraphes(source / fichier)
        for chapitre, texte in paras:
            assert "\t" not in texte and "\n" not in texte
            lignes.append(f"{ident}\t{chapitre}\t{texte}\n")
        mots = sum(len(t.split()) for _, t in paras)
        car = sum(len(t) for _, t in paras) + len(paras)  # + une fin de ligne par paragraphe
        meta.append((ident, auteur, complet, titre, annee, len(paras), mots, car))
    brut = "".join(lignes).encode("utf-8")
    tampon = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=tampon, compresslevel=9, mtime=0) as gz:
        gz.write(brut)
    corpus = destination / "corpus_romans.tsv.gz"
    corpus.write_bytes(tampon.getvalue())
    table = io.StringIO()
    ecrivain = csv.writer(table, lineterminator="\n")
    ecrivain.writerow(["identifiant", "auteur", "auteur_complet", "titre", "annee",
                       "paragraphes", "mots", "caracteres"])
    ecrivain.writerows(meta)
    romans = destination / "romans.csv"
    romans.write_bytes(table.getvalue().encode("utf-8"))
    return corpus, romans


if __name__ == "__main__":
    chemins = fabriquer(*(sys.argv[1:2] or [SOURCE]))
    for chemin in chemins:
        print(f"{chemin} écrit ({chemin.stat().st_size} octets).")
