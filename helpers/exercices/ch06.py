"""Exercices du chapitre 6 : Keras, première partie (poids fixés à la main).

* ``q1`` : écrire ``coeff`` et ``biais`` d'une couche dans le rangement de ``set_weights`` (par entrée) ;
* ``q2`` : un réseau de deux neurones ReLU qui calcule |x| (poids donnés neurone par neurone) ;
* ``q3`` : un neurone de Heaviside qui vaut 1 exactement pour x ≥ 3 ;
* ``q4`` : le nombre de poids du réseau de ``calcul_approximation`` pour n = 50.

Les contrôles construisent eux-mêmes un réseau neuf et y chargent la réponse :
une réponse fausse ne peut donc pas modifier un modèle du chapitre.
"""
import math

import numpy as np

from . import Exercice, Incorrect, PasDeReponse, comparer_nombre, enumerer, est_vide, tableau

__all__ = ["q1", "q2", "q3", "q4", "EXERCICES"]


def _kf():
    """Importe keras_facile seulement quand un contrôle en a besoin (import de Keras coûteux)."""
    from helpers import keras_facile
    return keras_facile


from . import nombre as _nombre  # noqa: E402 - un seul convertisseur, celui du noyau (issue 11 §4)


# --------------------------------------------------------------------------
# Exercice 1 : coeff et biais par entrée
# --------------------------------------------------------------------------

_COEFF_Q1 = np.array([[2.0, 1.0, -3.0],     # coefficients de x pour les neurones 0, 1, 2
                      [-1.0, 4.0, 0.5]])    # coefficients de y
_BIAIS_Q1 = np.array([1.0, 0.0, -2.0])


def _controle_q1(coeff=..., biais=...):
    if est_vide(coeff) or est_vide(biais):
        raise PasDeReponse
    coeff = tableau(coeff, "coeff")
    biais = tableau(biais, "biais")
    if coeff.shape == _COEFF_Q1.T.shape and np.allclose(coeff, _COEFF_Q1.T):
        raise Incorrect("Vos coefficients sont justes, mais rangés neurone par neurone (une ligne par neurone). "
                        "set_weights les range autrement : relisez le tableau « Pourquoi par entrée ? ».")
    if coeff.ndim != 2:
        raise Incorrect(f"coeff doit être un tableau à deux dimensions ; le vôtre en a {coeff.ndim}.")
    if coeff.shape != _COEFF_Q1.shape:
        raise Incorrect(f"coeff a la taille {coeff.shape}. Pour une couche, la taille est (nombre d'entrées, "
                        "nombre de neurones) : comptez les entrées et les neurones de cette couche.")
    if biais.shape != _BIAIS_Q1.shape:
        raise Incorrect(f"biais a la taille {biais.shape} : il faut un vecteur avec un nombre par neurone.")
    # On charge la réponse dans une couche neuve, comme le ferait le chapitre.
    kf = _kf()
    couche = kf.Sequential([kf.Input(shape=(2,)), kf.Dense(3)])
    couche.layers[0].set_weights([coeff, biais])
    points = np.array([[0.0, 0.0], [1.0, 0.0], [0.0, 1.0], [2.0, -3.0]])
    obtenu = kf.sorties(couche, points)
    attendu = points @ _COEFF_Q1 + _BIAIS_Q1
    faux = [j for j in range(3) if not np.allclose(obtenu[:, j], attendu[:, j], atol=1e-5)]
    if faux:
        neurones = ("le neurone " if len(faux) == 1 else "les neurones ") + enumerer(faux)
        verbe = "ne calcule pas" if len(faux) == 1 else "ne calculent pas"
        raise Incorrect(f"La taille est bonne, mais {neurones} {verbe} l'expression "
                        "demandée. Vérifiez, dans la colonne de chacun, le coefficient de x (ligne 0), celui "
                        "de y (ligne 1), et son biais.")


q1 = Exercice(
    "Les poids par entrée pour set_weights",
    _controle_q1,
    indices=[
        "coeff a une ligne par entrée (x puis y) et une colonne par neurone : sa taille est (2, 3).",
        "La première ligne contient les coefficients de x des neurones 0, 1 et 2 ; la seconde, ceux de y.",
        "Le biais est un vecteur de trois nombres, un par neurone.",
    ],
    solution="coeff_q1 = np.array([[2, 1, -3], [-1, 4, 0.5]])\nbiais_q1 = np.array([1, 0, -2])",
)


# --------------------------------------------------------------------------
# Exercice 2 : |x| avec deux neurones ReLU
# --------------------------------------------------------------------------

_POINTS_Q2 = np.array([-4.0, -1.5, -0.5, 0.0, 0.25, 1.0, 2.5, 7.0])


def _controle_q2(neurones=...):
    if est_vide(neurones):
        raise PasDeReponse
    if not isinstance(neurones, (list, tuple)) or len(neurones) == 0:
        raise Incorrect("On attend une liste de quadruplets (couche, rang, coeff, biais), un par neurone ; "
                        f"vous avez donné un objet de type {type(neurones).__name__}.")
    kf = _kf()
    modele = kf.Sequential([kf.Input(shape=(1,)), kf.Dense(2, activation="relu"), kf.Dense(1, activation="linear")])
    kf.poids_a_zeros(modele, 0)
    kf.poids_a_zeros(modele, 1)
    regles = set()
    for i, neurone in enumerate(neurones):
        if est_vide(neurone):
            raise PasDeReponse
        if not isinstance(neurone, (list, tuple)) or len(neurone) != 4:
            raise Incorrect(f"L'élément {i} de votre liste doit être un quadruplet (couche, rang, coeff, biais) ; "
                            f"reçu {neurone!r}.")
        if any(est_vide(v) for v in neurone):
            raise PasDeReponse
        try:
            kf.definir_poids(modele, *neurone)
        except Exception as erreur:  # message de keras_facile, en français
            raise Incorrect(f"definir_poids refuse l'élément {i} {tuple(neurone)!r} : {erreur}") from None
        regles.add((int(neurone[0]), int(neurone[1])))
    manquants = sorted({(0, 0), (0, 1), (1, 0)} - regles)
    if manquants:
        noms = ", ".join(f"(couche {c}, rang {r})" for c, r in manquants)
        raise Incorrect(f"Vous n'avez pas donné les poids de : {noms}. Le réseau a trois neurones à régler.")
    valeurs = kf.sorties(modele, _POINTS_Q2)[:, 0]
    for x, y in zip(_POINTS_Q2, valeurs):
        if not math.isclose(y, abs(x), abs_tol=1e-5):
            raise Incorrect(f"En x = {x:g}, votre réseau renvoie {y:.6g} au lieu de |x| = {abs(x):g}. "
                            "Calculez à la main la sortie de chaque neurone en ce point.")


q2 = Exercice(
    "La valeur absolue avec deux neurones ReLU",
    _controle_q2,
    indices=[
        "|x| = ReLU(x) + ReLU(−x) : il suffit que chaque neurone caché s'occupe d'un côté de 0.",
        "Un neurone caché à une entrée a un coefficient (un nombre) et un biais ; "
        "le neurone de sortie a deux coefficients (une liste) et un biais.",
    ],
    solution="neurones_abs = [\n    (0, 0, 1, 0),        # ReLU(x)\n    (0, 1, -1, 0),       # ReLU(-x)\n"
             "    (1, 0, [1, 1], 0),   # ReLU(x) + ReLU(-x) = |x|\n]",
)


# --------------------------------------------------------------------------
# Exercice 3 : neurone de Heaviside égal à 1 exactement pour x ≥ 3
# --------------------------------------------------------------------------

def _controle_q3(coeff=..., biais=...):
    if est_vide(coeff) or est_vide(biais):
        raise PasDeReponse
    a = _nombre(coeff, "Le coefficient")
    b = _nombre(biais, "Le biais")
    if a == 0:
        raise Incorrect("Avec un coefficient nul, H(b) ne dépend pas de x : le neurone est constant.")
    if a < 0:
        raise Incorrect("Avec un coefficient négatif, ax + b décroît : le neurone vaut 1 à gauche d'un seuil "
                        "(pour les petits x), pas à droite.")
    seuil = -b / a
    if not math.isclose(seuil, 3.0, rel_tol=1e-9, abs_tol=1e-9):
        raise Incorrect(f"Votre neurone passe de 0 à 1 en x = {seuil:g}, pas au bon endroit. "
                        "Résolvez ax + b ≥ 0.")
    # Vérification par Keras, loin du seuil (au seuil même, l'arrondi float32 pourrait tromper).
    kf = _kf()
    modele = kf.Sequential([kf.Input(shape=(1,)), kf.Dense(1, activation=kf.heaviside)])
    kf.definir_poids(modele, 0, 0, a, b)
    x = np.array([-5.0, 0.0, 2.9, 3.1, 4.0, 10.0])
    obtenu = kf.sorties(modele, x)[:, 0]
    if not np.array_equal(obtenu, (x >= 3).astype(float)):
        raise Incorrect("Le seuil est bon en théorie, mais le réseau ne donne pas les valeurs attendues ; "
                        "essayez des nombres plus simples.")


q3 = Exercice(
    "Un neurone de Heaviside qui vaut 1 pour x ≥ 3",
    _controle_q3,
    indices=[
        "Le neurone calcule H(ax + b), qui vaut 1 exactement quand ax + b ≥ 0.",
        "Pour que ax + b ≥ 0 équivaille à x ≥ 3, il faut a > 0 et −b/a = 3.",
    ],
    solution="coeff_q3 = 1\nbiais_q3 = -3     # H(x - 3) vaut 1 exactement pour x ≥ 3 (car H(0) = 1)\n"
             "# tout couple (a, -3a) avec a > 0 convient",
)


# --------------------------------------------------------------------------
# Exercice 4 : nombre de poids du réseau d'approximation pour n = 50
# --------------------------------------------------------------------------

_N_Q4 = 50


def _controle_q4(nombre=...):
    if est_vide(nombre):
        raise PasDeReponse
    n = _N_Q4
    valeur = _nombre(nombre, "Le nombre de poids")
    diagnostics = {
        2 * n: "c'est le nombre de neurones de la couche cachée, pas le nombre de poids.",
        2 * n + 1: "c'est le nombre de neurones du réseau ; on demande le nombre de poids (coefficients et biais).",
        4 * n: "vous n'avez compté que la couche cachée : le neurone de sortie a lui aussi des poids.",
        6 * n: "il manque un poids : n'oubliez aucun biais.",
    }
    if valeur in diagnostics:
        raise Incorrect(f"{valeur:g} : {diagnostics[valeur]}")
    comparer_nombre(valeur, 6 * n + 1, "le nombre de poids", tolerance=1e-9)


q4 = Exercice(
    "Le nombre de poids du réseau d'approximation (n = 50)",
    _controle_q4,
    indices=[
        "Le réseau a une entrée, une couche de 2n neurones de Heaviside, puis un neurone de sortie.",
        "Chaque neurone caché a 1 coefficient et 1 biais ; le neurone de sortie a 2n coefficients et 1 biais.",
        "Vous pouvez vérifier avec Sequential([Input(shape=(1,)), Dense(100, activation=heaviside), "
        "Dense(1)]).count_params().",
    ],
    solution="nb_poids_q4 = 4 * 50 + (2 * 50 + 1)   # 2n neurones × 2 poids, puis 2n coefficients + 1 biais : 301",
)


EXERCICES = [q1, q2, q3, q4]
