"""Exercices du chapitre 08 : descente de gradient.

* ``q1`` : écrire ``descente(grad, P0, delta, n)`` qui renvoie les points P_0, …, P_n ;
* ``q2`` : choisir un pas qui fait osciller la descente sur f(a) = 3a² tout en convergeant ;
* ``q3`` : écrire un pas de la descente avec moment ;
* ``q4`` : écrire le gradient de l'erreur de la régression linéaire y = ax + b ;
* ``q5`` : compter les itérations d'une descente par lots.

Les contrôles recalculent eux-mêmes la bonne réponse ; leurs messages disent
ce qui ne va pas (forme, première ligne, signe…) sans donner la valeur attendue.
"""
import math

import numpy as np

from . import Exercice, Incorrect, appeler, nombre, tableau

__all__ = ["q1", "q2", "q3", "q4", "q5", "EXERCICES", "N_Q5", "K_Q5", "EPOQUES_Q5"]


# --------------------------------------------------------------------------- q1
def _descente_ref(grad, P0, delta, n):
    P = np.array(P0, dtype=float)
    points = [P.copy()]
    for _ in range(n):
        P = P - delta * np.asarray(grad(P), dtype=float)
        points.append(P.copy())
    return np.array(points)


_CAS_Q1 = [
    ("f(a, b) = a² + 3b² depuis (2, 1) avec δ = 0.2",
     lambda P: np.array([2 * P[0], 6 * P[1]]), [2.0, 1.0], 0.2, 5),
    ("f(a, b) = a² + 3b² depuis (-1, -1) avec δ = 0.1",
     lambda P: np.array([2 * P[0], 6 * P[1]]), [-1.0, -1.0], 0.1, 3),
    ("f(a, b, c) = (a - 1)² + b⁴ + c² depuis (0, 1, 2) avec δ = 0.05",
     lambda P: np.array([2 * (P[0] - 1), 4 * P[1] ** 3, 2 * P[2]]), [0.0, 1.0, 2.0], 0.05, 4),
]


def _controle_descente(descente):
    for texte, grad, P0, delta, n in _CAS_Q1:
        resultat = appeler(descente, grad, list(P0), delta, n, nom="descente")
        points = tableau(resultat, "ce que renvoie descente")
        attendu = _descente_ref(grad, P0, delta, n)
        if points.ndim != 2 or points.shape != attendu.shape:
            raise Incorrect(f"Pour {texte} et n = {n}, descente doit renvoyer les n + 1 points P_0, …, P_n, "
                            f"chacun avec {attendu.shape[1]} coordonnées, soit un tableau de forme "
                            f"{attendu.shape} ; vous renvoyez la forme {points.shape}.")
        if not np.all(np.isfinite(points)):
            raise Incorrect(f"Pour {texte}, vos points contiennent des valeurs infinies ou nan.")
        if not np.allclose(points[0], attendu[0]):
            if n > 0 and np.allclose(points, points[-1]):
                raise Incorrect(f"Pour {texte}, toutes vos lignes sont identiques au dernier point : vous rangez "
                                "sans doute plusieurs fois le même tableau dans la liste, puis le modifiez sur "
                                "place (P -= ...). Rangez une copie (P.copy()) ou écrivez P = P - ...")
            raise Incorrect("La première ligne doit être le point de départ P_0 lui-même.")
        for k in range(1, n + 1):
            if not np.allclose(points[k], attendu[k], rtol=1e-9, atol=1e-12):
                precedent = points[k - 1]
                montee = precedent + delta * np.asarray(grad(precedent))
                if np.allclose(points[k], montee):
                    raise Incorrect(f"Pour {texte}, le point P_{k} s'éloigne du minimum : vous suivez le "
                                    "gradient au lieu de son opposé (vérifiez le signe).")
                raise Incorrect(f"Pour {texte}, le point P_{k} ne suit pas la formule "
                                "P_(k+1) = P_k − δ grad f(P_k) à partir du point précédent.")


q1 = Exercice(
    "La fonction descente",
    _controle_descente,
    indices=["Partez de P = np.array(P0, dtype=float) et rangez-le dans une liste ; répétez n fois "
             "P = P - delta * grad(P) en ajoutant chaque nouveau point à la liste.",
             "Renvoyez np.array(liste) : une ligne par point, n + 1 lignes en tout (le point de départ compris)."],
    solution=("def descente(grad, P0, delta, n):\n"
              "    P = np.array(P0, dtype=float)\n"
              "    points = [P.copy()]\n"
              "    for _ in range(n):\n"
              "        P = P - delta * grad(P)\n"
              "        points.append(P.copy())\n"
              "    return np.array(points)"),
)


# --------------------------------------------------------------------------- q2
def _controle_pas_oscillant(delta):
    delta = nombre(delta, "Le pas δ")
    if delta <= 0:
        raise Incorrect("Le pas δ doit être strictement positif : on se déplace dans la direction "
                        "opposée au gradient.")
    facteur = 1 - 6 * delta  # a_(k+1) = a_k - δ·6a_k = (1 - 6δ) a_k
    if abs(facteur) >= 1:
        raise Incorrect(f"Avec δ = {delta:g}, la suite (a_k) ne tend pas vers 0 : ses valeurs grandissent "
                        "(ou restent de même taille) en changeant de signe. Ce pas est trop grand.")
    if facteur >= 0:
        raise Incorrect(f"Avec δ = {delta:g}, la suite converge, mais sans osciller : tous les a_k restent "
                        "positifs. Il faut un pas plus grand.")


q2 = Exercice(
    "Un pas qui oscille mais converge",
    _controle_pas_oscillant,
    indices=["Écrivez la formule de récurrence : a_(k+1) = a_k − δ f'(a_k) = (1 − 6δ) a_k.",
             "La suite tend vers 0 si |1 − 6δ| < 1 ; elle change de signe à chaque pas si 1 − 6δ < 0."],
    solution="delta = 0.25   # tout pas strictement compris entre 1/6 et 1/3 convient",
)


# --------------------------------------------------------------------------- q3
def _pas_moment_ref(P, P_prec, grad, delta, mu):
    P, P_prec = np.asarray(P, dtype=float), np.asarray(P_prec, dtype=float)
    return P + mu * (P - P_prec) - delta * np.asarray(grad(P), dtype=float)


def _controle_pas_moment(pas_moment):
    grad = lambda P: np.array([2 * P[0], 20 * P[1]])  # noqa: E731 - f(a, b) = a² + 10 b²
    cas = [
        (np.array([1.0, 0.5]), np.array([1.0, 0.5]), 0.01, 0.9, "une particule immobile (P_prec = P)"),
        (np.array([0.8, -0.3]), np.array([1.0, 0.5]), 0.01, 0.9, "P = (0.8, -0.3), P_prec = (1, 0.5), μ = 0.9"),
        (np.array([-2.0, 1.0]), np.array([-2.5, 1.5]), 0.05, 0.5, "P = (-2, 1), P_prec = (-2.5, 1.5), μ = 0.5"),
    ]
    for P, P_prec, delta, mu, texte in cas:
        resultat = appeler(pas_moment, P.copy(), P_prec.copy(), grad, delta, mu, nom="pas_moment")
        r = tableau(resultat, "ce que renvoie pas_moment")
        attendu = _pas_moment_ref(P, P_prec, grad, delta, mu)
        if r.shape != attendu.shape:
            raise Incorrect(f"pas_moment doit renvoyer un point de même forme que P, {attendu.shape} ; "
                            f"vous renvoyez la forme {r.shape}.")
        if np.allclose(r, attendu):
            continue
        if np.allclose(r, P - delta * grad(P)):
            raise Incorrect(f"Pour {texte}, vous faites un pas de descente classique : le terme de moment "
                            "μ·(P − P_prec) manque.")
        if np.allclose(r, P + mu * (P - P_prec) - delta * grad(P + mu * (P - P_prec))):
            raise Incorrect(f"Pour {texte}, vous calculez le gradient après l'élan, au point P + μ(P − P_prec) : "
                            "c'est la méthode de Nesterov. Ici, le gradient se calcule au point P lui-même.")
        if np.allclose(r, P - mu * (P - P_prec) - delta * grad(P)):
            raise Incorrect(f"Pour {texte}, le moment est dans le mauvais sens : il prolonge le déplacement "
                            "précédent, qui va de P_prec à P.")
        raise Incorrect(f"Pour {texte}, le point renvoyé ne suit pas la formule de la descente avec moment.")


q3 = Exercice(
    "Un pas de descente avec moment",
    _controle_pas_moment,
    indices=["Le moment est le vecteur qui va de P_prec à P, c'est-à-dire P − P_prec.",
             "P_(k+1) = P_k + μ (P_k − P_(k−1)) − δ grad f(P_k) ; convertissez au besoin avec np.asarray."],
    solution=("def pas_moment(P, P_prec, grad, delta, mu):\n"
              "    return P + mu * (P - P_prec) - delta * grad(P)"),
)


# --------------------------------------------------------------------------- q4
def _grad_erreur_ref(a, b, x, y):
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    r = y - (a * x + b)
    return np.array([np.sum(-2 * x * r), np.sum(-2 * r)])


def _controle_grad_erreur(grad_erreur):
    cas = [
        (0.0, 1.0, np.array([0.0, 2.0, 6.0]), np.array([3.0, 4.0, 6.0])),
        (0.5, -1.0, np.array([4.0, 7.0, 8.0, 10.0, 12.0]), np.array([1.0, 3.0, 3.0, 6.0, 7.0])),
        (-2.0, 0.3, np.array([1.5, -1.0]), np.array([0.0, 2.0])),
    ]
    for a, b, x, y in cas:
        resultat = appeler(grad_erreur, a, b, x.copy(), y.copy(), nom="grad_erreur")
        g = tableau(resultat, "ce que renvoie grad_erreur")
        attendu = _grad_erreur_ref(a, b, x, y)
        texte = f"(a, b) = ({a:g}, {b:g}) et {len(x)} points"
        if g.size != 2:
            raise Incorrect(f"grad_erreur doit renvoyer deux nombres (∂E/∂a puis ∂E/∂b) ; "
                            f"vous renvoyez {g.size} valeur(s).")
        g = g.ravel()
        if not np.all(np.isfinite(g)):
            raise Incorrect("grad_erreur renvoie des valeurs infinies ou nan.")
        if np.allclose(g, attendu):
            continue
        if np.allclose(g, -attendu):
            raise Incorrect(f"Pour {texte}, vos deux dérivées ont le mauvais signe : dérivez "
                            "(y_i − (a x_i + b))² avec soin (la dérivée de l'intérieur par rapport à a est −x_i).")
        if np.allclose(g, attendu[::-1]):
            raise Incorrect(f"Pour {texte}, les deux composantes sont échangées : ∂E/∂a d'abord, ∂E/∂b ensuite.")
        if np.allclose(g, attendu / 2):
            raise Incorrect(f"Pour {texte}, il manque un facteur 2 : la dérivée de u² est 2u·u'.")
        if np.allclose(g, attendu / len(x)):
            raise Incorrect(f"Pour {texte}, vous calculez une moyenne : l'erreur E de ce chapitre est une "
                            "somme, sans division par N.")
        faux = [nom for nom, v, w in (("∂E/∂a", g[0], attendu[0]), ("∂E/∂b", g[1], attendu[1]))
                if not math.isclose(v, w, rel_tol=1e-6, abs_tol=1e-9)]
        raise Incorrect(f"Pour {texte}, la composante {' et '.join(faux)} ne convient pas.")


q4 = Exercice(
    "Le gradient de l'erreur de régression",
    _controle_grad_erreur,
    indices=["Dérivez chaque terme (y_i − (a x_i + b))² : par rapport à a on obtient −2 x_i (y_i − (a x_i + b)).",
             "Avec NumPy : r = y - (a * x + b), puis np.sum(-2 * x * r) et np.sum(-2 * r)."],
    solution=("def grad_erreur(a, b, x, y):\n"
              "    r = y - (a * x + b)\n"
              "    return np.array([np.sum(-2 * x * r), np.sum(-2 * r)])"),
)


# --------------------------------------------------------------------------- q5
N_Q5, K_Q5, EPOQUES_Q5 = 1000, 25, 5


def _controle_iterations(iterations):
    valeur = nombre(iterations, "Le nombre d'itérations")
    attendu = EPOQUES_Q5 * N_Q5 // K_Q5
    if valeur == attendu:
        return
    if valeur == N_Q5 // K_Q5:
        raise Incorrect("C'est le nombre d'itérations d'une seule époque ; il y en a plusieurs.")
    if valeur == EPOQUES_Q5 * N_Q5:
        raise Incorrect("C'est le compte de la descente stochastique (une donnée par itération) ; "
                        "ici chaque itération traite un lot entier.")
    if valeur == EPOQUES_Q5:
        raise Incorrect("C'est le nombre d'époques : chaque époque contient plusieurs itérations.")
    raise Incorrect("Ce nombre ne convient pas : comptez les lots d'une époque, puis multipliez.")


q5 = Exercice(
    "Combien d'itérations ?",
    _controle_iterations,
    indices=["Une époque parcourt toutes les données une fois, un lot de K données par itération.",
             "Une époque compte N / K itérations."],
    solution="iterations = EPOQUES * N // K   # 5 × 1000 / 25",
)

EXERCICES = [q1, q2, q3, q4, q5]
