"""Exercices du chapitre 09 : rétropropagation.

* ``q1`` : écrire la passe arrière (*backward*) d'un module sigmoïde, contrôlée par différences finies ;
* ``q2`` : écrire le gradient de l'erreur moyenne E(a, b, c) du neurone seul F(x, y) = σ(ax + by + c) ;
* ``q3`` : appliquer la règle de Hebb à une donnée ;
* ``q4`` : écrire l'erreur E(a) de l'exemple du minimum local (neurone ReLU, biais fixé à −1) ;
* ``q5`` : compter les poids du réseau du problème de la « hauteur ».

Les contrôles recalculent eux-mêmes la bonne réponse ; leurs messages disent
ce qui ne va pas (forme, signe, cas fautif…) sans donner la valeur attendue.
"""
import math

import numpy as np

from . import Exercice, Incorrect, appeler, nombre, tableau

__all__ = ["q1", "q2", "q3", "q4", "q5", "EXERCICES", "DONNEES_MINIMUM_LOCAL", "sigmoide"]

#: Données (x_i, y_i) de l'exemple du minimum local (Deepmath, ch. 9, § 3.2).
DONNEES_MINIMUM_LOCAL = [(-2.0, 1.0), (-1.0, 0.0), (0.0, 0.0), (1.0, 0.0), (3.0, 2.0)]


def sigmoide(x):
    """σ(x) = 1 / (1 + exp(−x)), sans débordement pour les grands |x|."""
    x = np.asarray(x, dtype=float)
    return 0.5 * (1.0 + np.tanh(0.5 * x))


# --------------------------------------------------------------------------- q1
def _backward_sigmoide_ref(x, delta):
    s = sigmoide(x)
    return delta * s * (1 - s)


def _cas_q1():
    rng = np.random.default_rng(9)
    return [
        (rng.normal(0, 2, size=(4, 3)), rng.normal(0, 1, size=(4, 3))),
        (np.array([0.0]), np.array([1.0])),
        (np.array([-2.0, 0.5, 3.0]), np.array([1.0, 1.0, 1.0])),
    ]


def _controle_backward(sigmoide_backward):
    for x, delta in _cas_q1():
        resultat = appeler(sigmoide_backward, x.copy(), delta.copy(), nom="sigmoide_backward")
        r = tableau(resultat, "ce que renvoie sigmoide_backward")
        if r.shape != x.shape:
            raise Incorrect(f"Pour une entrée x de forme {x.shape}, le gradient renvoyé doit avoir la même forme ; "
                            f"vous renvoyez la forme {r.shape}.")
        # Contrôle par différences finies centrées : d/dx de somme(delta * σ(x)).
        h = 1e-6
        numerique = delta * (sigmoide(x + h) - sigmoide(x - h)) / (2 * h)
        if np.allclose(r, numerique, rtol=1e-5, atol=1e-8):
            continue
        if np.allclose(r, delta, atol=1e-8):
            raise Incorrect("Vous renvoyez delta tel quel : il faut le multiplier par la dérivée locale σ'(x).")
        if np.allclose(r, sigmoide(x) * (1 - sigmoide(x)), atol=1e-8) and not np.allclose(delta, 1):
            raise Incorrect("Vous renvoyez σ'(x) seule : la passe arrière multiplie le gradient reçu (delta) "
                            "par la dérivée locale.")
        if np.allclose(r, delta * sigmoide(x), atol=1e-8):
            raise Incorrect("Vous multipliez delta par σ(x) ; la dérivée de σ est σ(x)(1 − σ(x)).")
        if np.allclose(r, -numerique, atol=1e-8):
            raise Incorrect("Le signe de votre gradient est inversé.")
        raise Incorrect(f"Pour x de forme {x.shape}, votre gradient ne coïncide pas avec celui obtenu par "
                        "différences finies (un écart de plus de 1e-5 sur au moins une case).")


q1 = Exercice(
    "La passe arrière d'un module sigmoïde",
    _controle_backward,
    indices=["La passe arrière reçoit delta = ∂L/∂(sortie) et renvoie ∂L/∂(entrée) = delta × σ'(x), case par case.",
             "σ'(x) = σ(x) (1 − σ(x)) ; calculez d'abord s = sigma(x) (la fonction sigma de la partie 1)."],
    solution="def sigmoide_backward(x, delta):\n    s = sigma(x)\n    return delta * s * (1 - s)",
)


# --------------------------------------------------------------------------- q2
def _gradient_neurone_ref(P, X, z):
    P = np.asarray(P, dtype=float)
    X = np.asarray(X, dtype=float)
    z = np.asarray(z, dtype=float)
    Xa = np.column_stack([X, np.ones(len(X))])
    F = sigmoide(Xa @ P)
    return (2 * F * (1 - F) * (F - z)) @ Xa / len(X)


def _cas_q2():
    rng = np.random.default_rng(2)
    X1 = np.array([[0, 3], [1, 1], [4, 3], [2, 0.5]], dtype=float)
    z1 = np.array([0, 1, 0, 1], dtype=float)
    X2 = rng.uniform(-2, 2, size=(7, 2))
    z2 = (rng.uniform(size=7) < 0.5).astype(float)
    return [((0.0, 1.0, -2.0), X1, z1), ((0.7, -0.3, 0.2), X2, z2), ((-1.0, 2.0, 0.5), X2[:3], z2[:3])]


def _controle_gradient(gradient_neurone_seul):
    for P, X, z in _cas_q2():
        resultat = appeler(gradient_neurone_seul, np.array(P), X.copy(), z.copy(), nom="gradient_neurone_seul")
        r = tableau(resultat, "ce que renvoie gradient_neurone_seul")
        attendu = _gradient_neurone_ref(P, X, z)
        if r.shape != (3,):
            raise Incorrect(f"Le gradient a trois composantes (∂E/∂a, ∂E/∂b, ∂E/∂c) ; vous renvoyez la forme {r.shape}.")
        if np.allclose(r, attendu, rtol=1e-6, atol=1e-10):
            continue
        N = len(X)
        if np.allclose(r, attendu * N, rtol=1e-6, atol=1e-10):
            raise Incorrect("Votre gradient est N fois trop grand : E est une moyenne, divisez par le nombre de données.")
        if np.allclose(r, attendu / 2, rtol=1e-6, atol=1e-10):
            raise Incorrect("Votre gradient est deux fois trop petit : la dérivée de u² est 2u u'.")
        if np.allclose(r, -attendu, rtol=1e-6, atol=1e-10):
            raise Incorrect("Le signe de votre gradient est inversé : le facteur est F(X_i) − z_i.")
        if np.allclose(r[:2], attendu[:2], rtol=1e-6, atol=1e-10):
            raise Incorrect("∂E/∂a et ∂E/∂b sont justes, mais pas ∂E/∂c (le biais est multiplié par une entrée égale à 1).")
        raise Incorrect(f"Pour P = {P} et {N} données, votre gradient ne convient pas "
                        "(comparez-le, par exemple, à des différences finies).")


q2 = Exercice(
    "Le gradient de l'erreur du neurone seul",
    _controle_gradient,
    indices=["Pour chaque donnée, ∂E_i/∂a = 2 σ'(t_i) (F(X_i) − z_i) x_i avec t_i = a x_i + b y_i + c ; "
             "remplacez x_i par y_i pour ∂E_i/∂b et par 1 pour ∂E_i/∂c.",
             "σ'(t) = σ(t)(1 − σ(t)). N'oubliez pas de faire la moyenne sur les N données.",
             "Vectorisé : ajoutez une colonne de 1 à X (np.column_stack), puis "
             "(2 * F * (1 - F) * (F - z)) @ Xa / N."],
    solution=("def gradient_neurone_seul(P, X, z):\n"
              "    Xa = np.column_stack([X, np.ones(len(X))])   # colonnes x, y, 1\n"
              "    F = sigma(Xa @ P)\n"
              "    return (2 * F * (1 - F) * (F - z)) @ Xa / len(X)"),
)


# --------------------------------------------------------------------------- q3
def _hebb_ref(P, X, z, delta):
    P = np.asarray(P, dtype=float)
    X = np.asarray(X, dtype=float)
    prediction = 1.0 if float(P @ X) >= 0 else 0.0
    if prediction == z:
        return P.copy()
    if prediction == 1:
        return P - 2 * delta * X
    return P + 2 * delta * X


_CAS_Q3 = [
    ("prédiction 0, sortie attendue 1", (1.0, -1.0, 0.5), (2.0, 3.0, 1.0), 1, 0.1),
    ("prédiction 1, sortie attendue 0", (1.0, -1.0, 0.5), (3.0, 1.0, 1.0), 0, 0.1),
    ("prédiction juste (1 et 1)", (1.0, -1.0, 0.5), (3.0, 1.0, 1.0), 1, 0.1),
    ("prédiction juste (0 et 0)", (0.5, 0.5, -2.0), (1.0, 1.0, 1.0), 0, 0.25),
    ("cas limite a·X = 0 (prédiction 1), sortie attendue 0", (1.0, -1.0, 0.0), (2.0, 2.0, 1.0), 0, 0.5),
]


def _controle_hebb(pas_hebb):
    for texte, P, X, z, delta in _CAS_Q3:
        resultat = appeler(pas_hebb, np.array(P), np.array(X), z, delta, nom="pas_hebb")
        r = tableau(resultat, "ce que renvoie pas_hebb")
        attendu = _hebb_ref(P, X, z, delta)
        if r.shape != attendu.shape:
            raise Incorrect(f"pas_hebb doit renvoyer un poids de même forme que P, ici {attendu.shape} ; "
                            f"vous renvoyez la forme {r.shape}.")
        if np.allclose(r, attendu, atol=1e-9):
            continue
        P_ = np.array(P)
        if np.allclose(r, P_ - (attendu - P_), atol=1e-9):
            raise Incorrect(f"Cas « {texte} » : vous corrigez dans le mauvais sens (signe inversé).")
        if np.allclose(r, P_ + (attendu - P_) / 2, atol=1e-9) and not np.allclose(attendu, P_):
            raise Incorrect(f"Cas « {texte} » : la correction est deux fois trop petite (le pas est 2δ X_i).")
        if np.allclose(attendu, P_):
            raise Incorrect(f"Cas « {texte} » : quand la prédiction est juste, la règle ne change rien.")
        if "limite" in texte:
            raise Incorrect("Cas limite a·X = 0 : le perceptron prédit 1 quand a·X ≥ 0 (inégalité large).")
        raise Incorrect(f"Cas « {texte} » : le nouveau poids ne convient pas.")


q3 = Exercice(
    "Un pas de la règle de Hebb",
    _controle_hebb,
    indices=["Calculez d'abord la prédiction : 1 si P · X ≥ 0, 0 sinon (np.dot ou @).",
             "Trois cas : prédiction = z → P inchangé ; prédiction 1 et z = 0 → P − 2δX ; prédiction 0 et z = 1 → P + 2δX."],
    solution=("def pas_hebb(P, X, z, delta):\n"
              "    prediction = 1 if P @ X >= 0 else 0\n"
              "    if prediction == z:\n"
              "        return P\n"
              "    if prediction == 1:\n"
              "        return P - 2 * delta * X\n"
              "    return P + 2 * delta * X"),
)


# --------------------------------------------------------------------------- q4
def _erreur_ref(a):
    return sum((max(a * x - 1, 0.0) - y) ** 2 for x, y in DONNEES_MINIMUM_LOCAL)


def _controle_erreur(erreur_minimum_local):
    for a in (1.0, -1.0, 2.0, 0.0, -2.5, 0.6, 1.7):
        valeur = nombre(appeler(erreur_minimum_local, a, nom="erreur_minimum_local"), "ce que renvoie erreur_minimum_local")
        attendu = _erreur_ref(a)
        if math.isclose(valeur, attendu, rel_tol=1e-9, abs_tol=1e-9):
            continue
        if math.isclose(valeur, attendu / len(DONNEES_MINIMUM_LOCAL), rel_tol=1e-9, abs_tol=1e-9) and attendu:
            raise Incorrect(f"erreur_minimum_local({a}) est une moyenne : dans cet exemple, le livre prend la "
                            "somme des E_i, sans diviser par le nombre de données.")
        sans_relu = sum((a * x - 1 - y) ** 2 for x, y in DONNEES_MINIMUM_LOCAL)
        if math.isclose(valeur, sans_relu, rel_tol=1e-9, abs_tol=1e-9):
            raise Incorrect(f"erreur_minimum_local({a}) : vous avez oublié la fonction ReLU (F(x) = max(ax − 1, 0)).")
        raise Incorrect(f"erreur_minimum_local({a}) renvoie {valeur:.6g}, ce qui ne convient pas.")


q4 = Exercice(
    "L'erreur E(a) du neurone ReLU",
    _controle_erreur,
    indices=["F(x) = ReLU(a x − 1) = max(a x − 1, 0) ; E(a) est la somme des (F(x_i) − y_i)².",
             "Parcourez ex.DONNEES_MINIMUM_LOCAL avec une boucle for x, y in … ; E(1) doit valoir 1."],
    solution=("def erreur_minimum_local(a):\n"
              "    return sum((max(a * x - 1, 0) - y) ** 2 for x, y in ex.DONNEES_MINIMUM_LOCAL)"),
)


# --------------------------------------------------------------------------- q5
def _controle_poids(nombre_poids):
    for p in (3, 5, 1, 10, 20, 64):
        valeur = nombre(appeler(nombre_poids, p, nom="nombre_poids"), "ce que renvoie nombre_poids")
        attendu = p * p + 23 * p + 1
        if valeur == attendu:
            continue
        if valeur == attendu - (2 * p + 1):
            raise Incorrect(f"nombre_poids({p}) : vous avez oublié les biais (un par neurone).")
        if valeur == attendu - (p * p + p):
            raise Incorrect(f"nombre_poids({p}) : il manque la deuxième couche cachée (p neurones à p entrées).")
        sens = "trop grand" if valeur > attendu else "trop petit"
        raise Incorrect(f"nombre_poids({p}) = {valeur:g} est {sens}.")


q5 = Exercice(
    "Les poids du réseau de la « hauteur »",
    _controle_poids,
    indices=["Un neurone à k entrées possède k coefficients et un biais, soit k + 1 poids.",
             "Couche 1 : p neurones à 20 entrées ; couche 2 : p neurones à p entrées ; sortie : 1 neurone à p entrées."],
    solution="def nombre_poids(p):\n    return p * (20 + 1) + p * (p + 1) + (p + 1)",
)

EXERCICES = [q1, q2, q3, q4, q5]
