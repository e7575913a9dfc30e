"""Exercices du chapitre 09 : rétropropagation.

* ``q1`` (section 1.2) : écrire le gradient de l'erreur moyenne E(a, b, c) du neurone seul F(x, y) = σ(ax + by + c) ;
* ``q2`` (section 2.2) : écrire la passe arrière d'une couche linéaire rangée « par entrée »
  (z = x W + b, comme Keras) ;
* ``q3`` (section 3.2) : un pas de la règle du perceptron avec des classes notées −1 et +1 ;
* ``q4`` (section 3.5) : compter les poids du réseau du problème de la « hauteur » ;
* ``q5`` (section 4.2) : relancer la descente depuis plusieurs départs et garder le meilleur résultat.

Les contrôles recalculent eux-mêmes la bonne réponse ; leurs messages disent
ce qui ne va pas (forme, signe, cas fautif…) sans donner la valeur attendue.
"""
import math

import numpy as np

from . import Exercice, Incorrect, appeler, nombre, tableau

__all__ = ["q1", "q2", "q3", "q4", "q5", "EXERCICES", "DONNEES_MINIMUM_LOCAL", "sigmoide", "E_ml", "descente_1d"]

#: Données (x_i, y_i) de l'exemple du minimum local (Deepmath, ch. 9, § 3.2).
DONNEES_MINIMUM_LOCAL = [(-2.0, 1.0), (-1.0, 0.0), (0.0, 0.0), (1.0, 0.0), (3.0, 2.0)]


def sigmoide(x):
    """σ(x) = 1 / (1 + exp(−x)), sans débordement pour les grands |x|."""
    x = np.asarray(x, dtype=float)
    return 0.5 * (1.0 + np.tanh(0.5 * x))


# --------------------------------------------------------------------------- q1 (section 1.2)
def _gradient_neurone_ref(P, X, z):
    P = np.asarray(P, dtype=float)
    X = np.asarray(X, dtype=float)
    z = np.asarray(z, dtype=float)
    Xa = np.column_stack([X, np.ones(len(X))])
    F = sigmoide(Xa @ P)
    return (2 * F * (1 - F) * (F - z)) @ Xa / len(X)


def _cas_q1():
    rng = np.random.default_rng(2)
    X1 = np.array([[0, 3], [1, 1], [4, 3], [2, 0.5]], dtype=float)
    z1 = np.array([0, 1, 0, 1], dtype=float)
    X2 = rng.uniform(-2, 2, size=(7, 2))
    z2 = (rng.uniform(size=7) < 0.5).astype(float)
    return [((0.0, 1.0, -2.0), X1, z1), ((0.7, -0.3, 0.2), X2, z2), ((-1.0, 2.0, 0.5), X2[:3], z2[:3])]


def _controle_gradient(gradient_neurone_seul):
    for P, X, z in _cas_q1():
        resultat = appeler(gradient_neurone_seul, np.array(P), X.copy(), z.copy(), nom="gradient_neurone_seul")
        r = tableau(resultat, "ce que renvoie gradient_neurone_seul")
        attendu = _gradient_neurone_ref(P, X, z)
        if r.shape != (3,):
            raise Incorrect("Le gradient a trois composantes (∂E/∂a, ∂E/∂b, ∂E/∂c) ; "
                            f"vous renvoyez la taille {r.shape}.")
        if np.allclose(r, attendu, rtol=1e-6, atol=1e-10):
            continue
        N = len(X)
        if np.allclose(r, attendu * N, rtol=1e-6, atol=1e-10):
            raise Incorrect("Votre gradient est N fois trop grand : E est une moyenne, divisez par le nombre "
                            "de données.")
        if np.allclose(r, attendu / 2, rtol=1e-6, atol=1e-10):
            raise Incorrect("Votre gradient est deux fois trop petit : la dérivée de u² est 2u u'.")
        if np.allclose(r, -attendu, rtol=1e-6, atol=1e-10):
            raise Incorrect("Le signe de votre gradient est inversé : le facteur est F(X_i) − z_i.")
        if np.allclose(r[:2], attendu[:2], rtol=1e-6, atol=1e-10):
            raise Incorrect("∂E/∂a et ∂E/∂b sont justes, mais pas ∂E/∂c (le biais est multiplié par une entrée "
                            "égale à 1).")
        raise Incorrect(f"Pour P = {P} et {N} données, votre gradient ne convient pas "
                        "(comparez-le, par exemple, à des différences finies).")


q1 = Exercice(
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


# --------------------------------------------------------------------------- q2 (section 2.2)
def _lineaire_backward_ref(x, W, delta):
    return x.T @ delta, delta.sum(axis=0), delta @ W.T


def _cas_q2():
    rng = np.random.default_rng(12)
    return [(rng.normal(size=(4, 3)), rng.normal(size=(3, 2)), rng.normal(size=(4, 2))),
            (rng.normal(size=(1, 2)), rng.normal(size=(2, 5)), rng.normal(size=(1, 5))),
            (rng.normal(size=(6, 4)), rng.normal(size=(4, 1)), rng.normal(size=(6, 1)))]


def _controle_lineaire_backward(lineaire_backward):
    for x, W, delta in _cas_q2():
        resultat = appeler(lineaire_backward, x.copy(), W.copy(), delta.copy(), nom="lineaire_backward")
        if not isinstance(resultat, (tuple, list)) or len(resultat) != 3:
            raise Incorrect("lineaire_backward doit renvoyer trois tableaux : (grad_W, grad_b, grad_x).")
        gW, gb, gx = (tableau(t, nom) for t, nom in zip(resultat, ("grad_W", "grad_b", "grad_x")))
        aW, ab, ax = _lineaire_backward_ref(x, W, delta)
        texte = f"x de taille {x.shape}, W de taille {W.shape}"
        if gW.shape != aW.shape:
            if gW.shape == aW.T.shape:
                raise Incorrect(f"Pour {texte}, grad_W a la taille de W transposée : ici W est rangée par entrée "
                                "(une ligne par entrée), et son gradient a la même taille que W.")
            raise Incorrect(f"Pour {texte}, grad_W doit avoir la taille de W, {W.shape} ; la vôtre est {gW.shape}.")
        if not np.allclose(gW, aW):
            raise Incorrect(f"Pour {texte}, grad_W ne convient pas : chaque case est la somme, sur les données, de "
                            "(valeur qui entre par le poids) × (erreur du neurone d'arrivée).")
        if gb.shape != ab.shape:
            raise Incorrect(f"Pour {texte}, grad_b doit avoir un nombre par neurone, soit la taille {ab.shape} ; "
                            f"la vôtre est {gb.shape} (faut-il additionner sur les données ?).")
        if not np.allclose(gb, ab):
            if np.allclose(gb, delta.mean(axis=0)):
                raise Incorrect(f"Pour {texte}, grad_b est une moyenne : la passe arrière additionne les "
                                "contributions des données (la division par N est déjà dans delta).")
            raise Incorrect(f"Pour {texte}, grad_b ne convient pas.")
        if gx.shape != ax.shape:
            raise Incorrect(f"Pour {texte}, grad_x doit avoir la taille de x, {x.shape} ; la vôtre est {gx.shape}.")
        if not np.allclose(gx, ax):
            raise Incorrect(f"Pour {texte}, grad_x ne convient pas : l'erreur transmise à l'entrée j est la somme "
                            "des erreurs des neurones, pondérées par les coefficients de l'entrée j.")


q2 = Exercice(
    "La passe arrière d'une couche rangée par entrée",
    _controle_lineaire_backward,
    indices=["Écrivez la couche case par case : z[i, k] = Σ_j x[i, j] W[j, k] + b[k]. Dérivez par rapport à W[j, k], "
             "à b[k] et à x[i, j], puis sommez les contributions.",
             "Vérifiez les tailles : grad_W a la taille (entrées, neurones) de W, grad_b une case par neurone, "
             "grad_x la taille de x. Avec des produits matriciels : x.T @ delta, delta.sum(axis=0), delta @ W.T."],
    solution=("def lineaire_backward(x, W, delta):\n"
              "    grad_W = x.T @ delta          # (entrées, N) @ (N, neurones)\n"
              "    grad_b = delta.sum(axis=0)    # une case par neurone\n"
              "    grad_x = delta @ W.T          # (N, neurones) @ (neurones, entrées)\n"
              "    return grad_W, grad_b, grad_x"),
)


# --------------------------------------------------------------------------- q3 (section 3.2)
def _perceptron_ref(P, X, y, delta):
    P, X = np.asarray(P, dtype=float), np.asarray(X, dtype=float)
    prediction = 1.0 if float(P @ X) >= 0 else -1.0
    return P + delta * (y - prediction) * X


_CAS_Q3 = [
    ("prédiction −1, classe +1", (1.0, -1.0, 0.5), (2.0, 3.0, 1.0), 1, 0.1),
    ("prédiction +1, classe −1", (1.0, -1.0, 0.5), (3.0, 1.0, 1.0), -1, 0.1),
    ("prédiction juste (+1 et +1)", (1.0, -1.0, 0.5), (3.0, 1.0, 1.0), 1, 0.1),
    ("prédiction juste (−1 et −1)", (0.5, 0.5, -2.0), (1.0, 1.0, 1.0), -1, 0.25),
    ("cas limite P·X = 0 (prédiction +1), classe −1", (1.0, -1.0, 0.0), (2.0, 2.0, 1.0), -1, 0.5),
]


def _controle_perceptron(pas_perceptron):
    for texte, P, X, y, delta in _CAS_Q3:
        resultat = appeler(pas_perceptron, np.array(P), np.array(X), y, delta, nom="pas_perceptron")
        r = tableau(resultat, "ce que renvoie pas_perceptron")
        attendu = _perceptron_ref(P, X, y, delta)
        if r.shape != attendu.shape:
            raise Incorrect(f"pas_perceptron doit renvoyer un poids de même taille que P, ici {attendu.shape} ; "
                            f"vous renvoyez la taille {r.shape}.")
        if np.allclose(r, attendu, atol=1e-9):
            continue
        P_ = np.array(P)
        if np.allclose(attendu, P_):
            if "limite" in texte:
                raise Incorrect("Cas limite P·X = 0 : le perceptron prédit +1 quand P·X ≥ 0 (inégalité large).")
            raise Incorrect(f"Cas « {texte} » : quand la prédiction est juste, la règle ne change rien.")
        if np.allclose(r, P_ - (attendu - P_), atol=1e-9):
            raise Incorrect(f"Cas « {texte} » : vous corrigez dans le mauvais sens (signe inversé).")
        if np.allclose(r, P_ + (attendu - P_) / 2, atol=1e-9):
            raise Incorrect(f"Cas « {texte} » : la correction est deux fois trop petite ; avec des classes ±1, "
                            "y − ŷ vaut ±2 en cas d'erreur.")
        if "limite" in texte:
            raise Incorrect("Cas limite P·X = 0 : le perceptron prédit +1 quand P·X ≥ 0 (inégalité large).")
        raise Incorrect(f"Cas « {texte} » : le nouveau poids ne convient pas.")


q3 = Exercice(
    "Un pas du perceptron, classes ±1",
    _controle_perceptron,
    indices=["Prédiction : ŷ = +1 si P · X ≥ 0, −1 sinon. Comparez-la à y.",
             "La règle s'écrit alors en une ligne : P + δ (y − ŷ) X, qui vaut P si ŷ = y et P ± 2δX sinon."],
    solution=("def pas_perceptron(P, X, y, delta):\n"
              "    prediction = 1 if P @ X >= 0 else -1\n"
              "    return P + delta * (y - prediction) * X"),
)


# --------------------------------------------------------------------------- q4 (section 3.5)
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


q4 = Exercice(
    "Les poids du réseau de la « hauteur »",
    _controle_poids,
    indices=["Un neurone à k entrées possède k coefficients et un biais, soit k + 1 poids.",
             "Couche 1 : p neurones à 20 entrées ; couche 2 : p neurones à p entrées ; "
             "sortie : 1 neurone à p entrées."],
    solution="def nombre_poids(p):\n    return p * (20 + 1) + p * (p + 1) + (p + 1)",
)

# --------------------------------------------------------------------------- q5 (section 4.2)
def E_ml(a):
    """E(a) = Σ (ReLU(a x_i − 1) − y_i)² pour les cinq données du minimum local (comme au chapitre)."""
    return sum((max(a * x - 1, 0.0) - y) ** 2 for x, y in DONNEES_MINIMUM_LOCAL)


def _dE_ml(a):
    return sum(2 * (max(a * x - 1, 0.0) - y) * x * (a * x - 1 > 0) for x, y in DONNEES_MINIMUM_LOCAL)


def descente_1d(a0, delta=0.02, n=300):
    """La descente de la section 4.2 sur E(a), depuis a0 (comme au chapitre)."""
    a = float(a0)
    for _ in range(n):
        a = a - delta * _dE_ml(a)
    return a


_CAS_Q5 = [[-2.0, -0.8, 0.6, 2.0], [-2.0, -1.5, -0.8], [0.6], [2.5, -0.3, -1.2], [-0.3, 0.0, 0.2]]


def _controle_departs(meilleure_descente):
    for departs in _CAS_Q5:
        valeur = nombre(appeler(meilleure_descente, list(departs), nom="meilleure_descente"),
                        "ce que renvoie meilleure_descente")
        arrivees = [descente_1d(a0) for a0 in departs]
        erreurs = [E_ml(a) for a in arrivees]
        if any(math.isclose(valeur, a, abs_tol=1e-6) and math.isclose(E_ml(valeur), min(erreurs), abs_tol=1e-9)
               for a in arrivees):
            continue
        texte = f"Pour les départs {departs}"
        if any(math.isclose(valeur, a0, abs_tol=1e-9) for a0 in departs) and not any(
                math.isclose(valeur, a, abs_tol=1e-6) for a in arrivees):
            raise Incorrect(f"{texte}, vous renvoyez un point de départ : il faut renvoyer le point d'ARRIVÉE de la "
                            "meilleure descente.")
        if math.isclose(valeur, arrivees[-1], abs_tol=1e-6):
            raise Incorrect(f"{texte}, vous renvoyez l'arrivée de la dernière descente, pas de la meilleure : "
                            "comparez les erreurs E(a) des arrivées.")
        if math.isclose(E_ml(valeur), max(erreurs), abs_tol=1e-9):
            raise Incorrect(f"{texte}, vous gardez l'arrivée de plus GRANDE erreur.")
        raise Incorrect(f"{texte}, la valeur renvoyée n'est l'arrivée d'aucune des descentes de plus petite erreur.")


q5 = Exercice(
    "Relancer la descente depuis plusieurs départs",
    _controle_departs,
    indices=["Pour chaque départ a0, calculez l'arrivée descente_1d(a0) et son erreur E_ml(arrivée).",
             "Gardez l'arrivée de plus petite erreur : min(arrivees, key=E_ml)."],
    solution=("def meilleure_descente(departs):\n"
              "    arrivees = [descente_1d(a0) for a0 in departs]\n"
              "    return min(arrivees, key=E_ml)"),
)

EXERCICES = [q1, q2, q3, q4, q5]
