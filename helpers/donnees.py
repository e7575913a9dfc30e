"""Jeux de données disponibles hors ligne.

Chaque fonction indique la provenance des données dans sa documentation.
Aucune ne télécharge quoi que ce soit, sauf ``mnist`` qui essaie Internet
puis se replie sur les chiffres hors ligne.

Le corpus de romans français (chapitres 10, 18, 19 et 20) : ``romans``,
``texte_corpus``, ``passages_auteurs`` et ``texte_modele_langue``.
"""
import csv
import functools
import gzip
import hashlib
from collections import namedtuple
from pathlib import Path

import numpy as np

__all__ = ["DOSSIER_DONNEES", "chiffres", "mnist", "tailles_poids", "empreinte",
           "Roman", "Passage", "PARTIES", "romans", "auteurs", "texte_corpus",
           "passages_auteurs", "texte_modele_langue", "partie_du_bloc"]

#: Dossier ``data/`` du dépôt.
DOSSIER_DONNEES = Path(__file__).resolve().parent.parent / "data"


def empreinte(chemin):
    """Empreinte SHA-256 d'un fichier (pour vérifier qu'il n'a pas été modifié).

    Pas présenté dans un chapitre : outil de ``data/README.md`` et des tests.

    >>> len(empreinte(DOSSIER_DONNEES / "tailles_poids.csv"))
    64
    """
    return hashlib.sha256(Path(chemin).read_bytes()).hexdigest()


def chiffres(normaliser=True):
    """Les 1 797 chiffres manuscrits de scikit-learn (images 8×8, niveaux de gris 0 à 16).

    Provenance : jeu « Optical Recognition of Handwritten Digits » de l'UCI
    (E. Alpaydin, C. Kaynak, 1998), livré avec scikit-learn
    (``sklearn.datasets.load_digits``) : aucun téléchargement.

    Renvoie ``(X, y)`` : ``X`` de taille (1797, 64), divisé par 16 si
    ``normaliser`` (valeurs entre 0 et 1) ; ``y`` les chiffres de 0 à 9.

    Présenté au chapitre 10.

    >>> X, y = chiffres()
    >>> X.shape, y.shape, float(X.max())
    ((1797, 64), (1797,), 1.0)
    """
    from sklearn.datasets import load_digits

    d = load_digits()
    X = d.data.astype("float32")
    if normaliser:
        X = X / 16.0
    return X, d.target.astype("int64")


def mnist(essayer_en_ligne=True, _charger=None):
    """MNIST (70 000 chiffres 28×28) si Internet est accessible, sinon les chiffres 8×8 hors ligne.

    Renvoie ``(X_train, y_train, X_test, y_test, nom)`` avec des images
    aplaties et normalisées entre 0 et 1 ; ``nom`` vaut ``"mnist"`` ou
    ``"chiffres 8x8"`` selon ce qui a pu être chargé. En cas d'échec, un
    message en français explique le repli.

    Présenté au chapitre 10.

    >>> *_, nom = mnist(essayer_en_ligne=False)
    >>> nom
    'chiffres 8x8'
    """
    if essayer_en_ligne:
        try:
            if _charger is None:
                import keras
                _charger = keras.datasets.mnist.load_data
            (xa, ya), (xt, yt) = _charger()
            xa = xa.reshape(len(xa), -1).astype("float32") / 255.0
            xt = xt.reshape(len(xt), -1).astype("float32") / 255.0
            return xa, ya.astype("int64"), xt, yt.astype("int64"), "mnist"
        except Exception as erreur:
            print("MNIST n'a pas pu être téléchargé "
                  f"({type(erreur).__name__}). On utilise à la place les chiffres 8×8 de scikit-learn, "
                  "disponibles hors ligne : les précisions seront un peu différentes de celles du livre.")
    from sklearn.model_selection import train_test_split

    X, y = chiffres()
    xa, xt, ya, yt = train_test_split(X, y, test_size=0.25, random_state=0, stratify=y)
    return xa, ya, xt, yt, "chiffres 8x8"


def tailles_poids():
    """Tailles (m) et poids (kg) de 200 adultes fictifs, avec leur classe (0 : homme, 1 : femme).

    Données **inventées pour le cours** (voir ``data/README.md`` : script de
    fabrication et graine), à l'image de l'exemple fictif du livre Deepmath,
    chapitre « Réseau de neurones ». Elles ne décrivent aucune population réelle.

    Renvoie ``(X, y)`` : ``X`` a 200 lignes et 2 colonnes (taille en mètres, poids en kilogrammes),
    ``y`` est de taille (200,).

    Présenté au chapitre 05.

    >>> X, y = tailles_poids()
    >>> X.shape, sorted(set(y.tolist()))
    ((200, 2), [0, 1])
    """
    chemin = DOSSIER_DONNEES / "tailles_poids.csv"
    if not chemin.exists():
        raise FileNotFoundError(f"Fichier de données introuvable : {chemin}. "
                                "Le dossier data/ du dépôt est-il complet ?")
    with chemin.open(encoding="utf-8") as fichier:
        lignes = list(csv.DictReader(fichier))
    X = np.array([[float(l["taille_m"]), float(l["poids_kg"])] for l in lignes])
    y = np.array([int(l["classe"]) for l in lignes])
    return X, y


# ---------------------------------------------------------------------------
# Corpus de romans français (ELTeC-fra), présenté aux chapitres 18 et 19
# ---------------------------------------------------------------------------

#: Un roman du corpus (voir ``data/romans.csv``).
Roman = namedtuple("Roman", "identifiant auteur auteur_complet titre annee paragraphes mots caracteres")
#: Un passage étiqueté : son texte, son auteur (nom court) et l'identifiant du roman.
Passage = namedtuple("Passage", "texte auteur roman")

#: Les trois parties fixes du corpus.
PARTIES = ("entrainement", "validation", "test")
#: Chaque roman est coupé en 20 blocs contigus de même nombre de caractères.
NB_BLOCS = 20
#: En mode rapide, chaque bloc est réduit à ses premiers mots.
MOTS_RAPIDE = 500

_CORPUS = "corpus_romans.tsv.gz"


def partie_du_bloc(bloc):
    """Partie (entraînement, validation, test) d'un bloc numéroté de 0 à 19. Présenté au chapitre 19.

    Les blocs 4 et 14 vont à la validation, les blocs 9 et 19 au test, les
    seize autres à l'entraînement : chaque partie réservée prend 10 % de
    chaque roman, en deux morceaux (milieu et fin).

    >>> [partie_du_bloc(b)[0] for b in range(10)]
    ['e', 'e', 'e', 'e', 'v', 'e', 'e', 'e', 'e', 't']
    """
    if isinstance(bloc, bool) or not isinstance(bloc, (int, np.integer)):
        raise TypeError(f"Le numéro de bloc doit être un entier, pas {type(bloc).__name__}.")
    if not 0 <= bloc < NB_BLOCS:
        raise ValueError(f"Le numéro de bloc doit être entre 0 et {NB_BLOCS - 1}, pas {bloc}.")
    return {4: "validation", 9: "test"}.get(int(bloc) % 10, "entrainement")


def _fichier(nom):
    chemin = DOSSIER_DONNEES / nom
    if not chemin.exists():
        raise FileNotFoundError(f"Fichier de données introuvable : {chemin}. "
                                "Le dossier data/ du dépôt est-il complet ?")
    return chemin


@functools.lru_cache(maxsize=1)
def _corpus():
    """{identifiant: [(chapitre, bloc, paragraphe), …]} lu une seule fois."""
    par_roman = {}
    with gzip.open(_fichier(_CORPUS), "rt", encoding="utf-8", newline="\n") as f:
        for ligne in f:
            ident, chapitre, texte = ligne.rstrip("\n").split("\t")
            par_roman.setdefault(ident, []).append((int(chapitre), texte))
    sortie = {}
    for ident, paras in par_roman.items():
        total = sum(len(t) + 1 for _, t in paras)
        debut, blocs = 0, []
        for chapitre, texte in paras:
            blocs.append((chapitre, min(NB_BLOCS * debut // total, NB_BLOCS - 1), texte))
            debut += len(texte) + 1
        sortie[ident] = blocs
    return sortie


def romans():
    """Les douze romans du corpus : identifiant, auteur, titre, année, tailles.

    Corpus : *French Novel Corpus (ELTeC-fra)*, éd. C. Schöch et L. Burnard,
    v1.0.1, 2021, DOI 10.5281/zenodo.4662433 ; textes du domaine public
    (voir ``data/README.md``). Présenté au chapitre 19 (utilisé aussi au 18).

    >>> r = romans()
    >>> len(r), r[2].auteur, r[2].titre, r[2].annee
    (12, 'Flaubert', 'Madame Bovary', 1857)
    """
    with _fichier("romans.csv").open(encoding="utf-8") as f:
        return [Roman(l["identifiant"], l["auteur"], l["auteur_complet"], l["titre"], int(l["annee"]),
                      int(l["paragraphes"]), int(l["mots"]), int(l["caracteres"]))
                for l in csv.DictReader(f)]


def auteurs():
    """Les onze auteurs du corpus (noms courts), dans l'ordre alphabétique. Présenté au chapitre 19.

    >>> auteurs()[:3]
    ['Balzac', 'Daudet', 'Dumas']
    """
    return sorted({r.auteur for r in romans()})


def _verifier_partie(partie):
    if not isinstance(partie, str):
        raise TypeError(f"La partie doit être une chaîne de caractères, pas {type(partie).__name__}.")
    if partie not in PARTIES:
        raise ValueError(f"Partie inconnue : {partie!r}. Choisissez parmi « entrainement », « validation », « test ».")


def _verifier_entier_positif(valeur, nom):
    if isinstance(valeur, bool) or not isinstance(valeur, (int, np.integer)):
        raise TypeError(f"{nom} doit être un entier, pas {type(valeur).__name__}.")
    if valeur <= 0:
        raise ValueError(f"{nom} doit être strictement positif (reçu : {valeur}).")


def _identifiant(roman):
    """Identifiant d'un roman donné par son identifiant ou son titre."""
    if not isinstance(roman, str):
        raise TypeError(f"Le roman se désigne par son identifiant ou son titre (chaîne), pas {type(roman).__name__}.")
    for r in romans():
        if roman in (r.identifiant, r.titre):
            return r.identifiant
    noms = ", ".join(f"{r.identifiant} ({r.titre})" for r in romans())
    raise ValueError(f"Roman inconnu : {roman!r}. Romans du corpus : {noms}.")


def texte_corpus(roman=None):
    """Tout le texte du corpus, ou celui d'un roman (identifiant ou titre).

    Un paragraphe par ligne ; les romans sont séparés par une ligne vide.
    Environ 8 millions de caractères en tout. Présenté au chapitre 19.

    >>> print(texte_corpus("Madame Bovary")[:41])
    Nous étions à l'Étude, quand le Proviseur
    """
    corpus = _corpus()
    idents = [r.identifiant for r in romans()] if roman is None else [_identifiant(roman)]
    return "\n\n".join("\n".join(t for _, _, t in corpus[i]) for i in idents)


def _blocs(partie, rapide):
    """[(identifiant, auteur, [paragraphe, …]) pour chaque bloc de la partie], dans l'ordre."""
    _verifier_partie(partie)
    corpus, sortie = _corpus(), []
    for r in romans():
        for bloc in range(NB_BLOCS):
            if partie_du_bloc(bloc) != partie:
                continue
            paras = [t for _, b, t in corpus[r.identifiant] if b == bloc]
            if rapide:
                gardes, reste = [], MOTS_RAPIDE
                for p in paras:
                    mots = p.split(" ")
                    gardes.append(" ".join(mots[:reste]))
                    reste -= len(mots)
                    if reste <= 0:
                        break
                paras = gardes
            sortie.append((r.identifiant, r.auteur, paras))
    return sortie


def texte_modele_langue(partie="entrainement", rapide=False):
    """Texte courant d'une partie fixe du corpus, pour les modèles de langue.

    Chaque roman est coupé en 20 blocs contigus ; les blocs 4 et 14 forment la
    validation, les blocs 9 et 19 le test (10 % de chaque roman chacun), le
    reste l'entraînement. La perplexité d'un modèle se mesure toujours sur la
    validation ou le test, jamais sur le texte d'entraînement. Un paragraphe
    par ligne. ``rapide=True`` ne garde que les 500 premiers mots de chaque
    bloc (mode rapide des tests). Présenté au chapitre 19.

    >>> len(texte_modele_langue("test", rapide=True)) < len(texte_modele_langue("test"))
    True
    >>> texte_modele_langue("apprentissage")
    Traceback (most recent call last):
    ...
    ValueError: Partie inconnue : 'apprentissage'. Choisissez parmi « entrainement », « validation », « test ».
    """
    return "\n".join("\n".join(paras) for _, _, paras in _blocs(partie, rapide))


def passages_auteurs(partie="entrainement", nb_mots=100, rapide=False, auteurs=None):
    """Passages étiquetés pour la tâche « qui a écrit ce passage ? ».

    Chaque bloc de la partie demandée (voir ``texte_modele_langue``) est
    découpé en passages consécutifs, sans recouvrement, de exactement
    ``nb_mots`` mots (mots séparés par des espaces, ponctuation comprise) ;
    le reste d'un bloc est laissé de côté et aucun passage ne chevauche deux
    blocs. Les passages de test viennent donc d'autres scènes que ceux
    d'entraînement. ``auteurs`` restreint la liste à certains auteurs (noms
    courts, voir ``auteurs()``). Présenté au chapitre 10 (et repris au 18).

    Renvoie une liste de ``Passage(texte, auteur, roman)``.

    >>> p = passages_auteurs("test", nb_mots=50, rapide=True, auteurs=["Verne"])
    >>> len(p[0].texte.split()), p[0].auteur, p[0].roman
    (50, 'Verne', 'FRA04001')
    >>> passages_auteurs("test", auteurs=["Hugo"])  # doctest: +NORMALIZE_WHITESPACE
    Traceback (most recent call last):
    ...
    ValueError: Auteur inconnu : 'Hugo'. Auteurs du corpus : Balzac, Daudet, Dumas, Flaubert, France,
    Leblanc, Malot, Maupassant, Proust, Sand, Verne.
    """
    _verifier_partie(partie)
    _verifier_entier_positif(nb_mots, "Le nombre de mots par passage")
    connus = globals()["auteurs"]()
    if auteurs is not None:
        if isinstance(auteurs, str) or not all(isinstance(a, str) for a in auteurs):
            raise TypeError("auteurs doit être une liste de noms d'auteurs (par exemple ['Verne', 'Sand']).")
        for a in auteurs:
            if a not in connus:
                raise ValueError(f"Auteur inconnu : {a!r}. Auteurs du corpus : {', '.join(connus)}.")
    sortie = []
    for ident, auteur, paras in _blocs(partie, rapide):
        if auteurs is not None and auteur not in auteurs:
            continue
        mots = " ".join(paras).split(" ")
        for debut in range(0, len(mots) - nb_mots + 1, nb_mots):
            sortie.append(Passage(" ".join(mots[debut:debut + nb_mots]), auteur, ident))
    return sortie
