"""Jeux de données disponibles hors ligne.

Chaque fonction renvoie des tableaux NumPy et indique la provenance des
données dans sa documentation. Aucune ne télécharge quoi que ce soit, sauf
``mnist`` qui essaie Internet puis se replie sur les chiffres hors ligne.
"""
import csv
import hashlib
from pathlib import Path

import numpy as np

__all__ = ["DOSSIER_DONNEES", "chiffres", "mnist", "tailles_poids", "empreinte"]

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
        raise FileNotFoundError(f"Fichier de données introuvable : {chemin}. Le dossier data/ du dépôt est-il complet ?")
    with chemin.open(encoding="utf-8") as fichier:
        lignes = list(csv.DictReader(fichier))
    X = np.array([[float(l["taille_m"]), float(l["poids_kg"])] for l in lignes])
    y = np.array([int(l["classe"]) for l in lignes])
    return X, y
