"""Exercices du chapitre 16 : probabilités.

* ``q1`` : écrire la jacobienne de softmax, contrôlée contre autograd (PyTorch) ;
* ``q2`` : écrire l'entropie croisée binaire, finie même quand une prédiction vaut 0 ou 1 ;
* ``q3`` : écrire la normalisation min–max vers [a, b] (la formule croissante, pas celle du livre) ;
* ``q4`` : écrire un dropout à la main, avec la convention du livre (p = probabilité de garder).

Les contrôles recalculent eux-mêmes la bonne réponse ; leurs messages disent
ce qui ne va pas sans donner la valeur attendue.
"""
import numpy as np

from . import Exercice, Incorrect, PasDeReponse, appeler, est_vide, nombre, tableau

__all__ = ["q1", "q2", "q3", "q4", "EXERCICES"]


def _softmax(x):
    e = np.exp(x - np.max(x))
    return e / e.sum()


def _en_numpy(resultat):
    """Accepte aussi un tenseur PyTorch (converti en tableau NumPy)."""
    try:
        import torch
    except ImportError:  # pragma: no cover - torch fait partie du cours
        return resultat
    if isinstance(resultat, torch.Tensor):
        return resultat.detach().cpu().numpy()
    return resultat


# --------------------------------------------------------------------------- q1
def _cas_q1():
    rng = np.random.default_rng(16)
    return [np.array([3.0, 1.0, 8.0, 6.0, 0.0]), np.array([0.5, -0.5]), rng.normal(0, 2, size=6),
            np.array([1.0, 1.0, 1.0])]


def _jacobienne_autograd(x):
    import torch

    return torch.autograd.functional.jacobian(lambda v: torch.softmax(v, dim=0),
                                              torch.tensor(x, dtype=torch.float64)).numpy()


def _controle_jacobienne(jacobienne_softmax):
    for x in _cas_q1():
        k = len(x)
        resultat = appeler(jacobienne_softmax, x.copy(), nom="jacobienne_softmax")
        J = tableau(_en_numpy(resultat), "ce que renvoie jacobienne_softmax")
        if J.shape != (k, k):
            raise Incorrect(f"Pour un vecteur de longueur {k}, la jacobienne est une matrice {k} × {k} ; vous renvoyez "
                            f"la taille {J.shape}.")
        attendu = _jacobienne_autograd(x)
        if np.allclose(J, attendu, rtol=1e-6, atol=1e-10):
            continue
        s = _softmax(x)
        if np.allclose(np.diag(J), np.diag(attendu), atol=1e-10):
            if np.allclose(J - np.diag(np.diag(J)), 0):
                raise Incorrect("La diagonale est juste, mais les termes hors diagonale (i ≠ j) ne sont pas nuls : "
                                "chaque σ_i dépend de tous les x_j.")
            if np.allclose(J - np.diag(np.diag(J)), -(attendu - np.diag(np.diag(attendu))), atol=1e-10):
                raise Incorrect("La diagonale est juste, mais le signe des termes hors diagonale est inversé.")
            raise Incorrect("La diagonale est juste, mais pas les termes hors diagonale (i ≠ j).")
        if np.allclose(np.diag(J), s, atol=1e-10):
            raise Incorrect("Sur la diagonale, vous avez mis σ_i ; la dérivée de σ_i par rapport à x_i "
                            "est σ_i(1 − σ_i).")
        if np.allclose(J, np.diag(x) - np.outer(x, x), atol=1e-10):
            raise Incorrect("Vous avez utilisé x au lieu de σ(x) = softmax(x) dans la formule.")
        raise Incorrect(f"Pour x = {np.round(x, 3).tolist()}, votre matrice ne coïncide pas avec la jacobienne "
                        "calculée par autograd.")


q1 = Exercice(
    "La jacobienne de softmax",
    _controle_jacobienne,
    indices=["Calculez d'abord s = softmax(x). Le terme (i, j) vaut s_i (1 − s_i) si i = j, et −s_i s_j sinon.",
             "Sans boucle : la matrice des s_i s_j est np.outer(s, s), et np.diag(s) met s sur la diagonale."],
    solution=("def jacobienne_softmax(x):\n"
              "    s = softmax(np.asarray(x, dtype=float))\n"
              "    return np.diag(s) - np.outer(s, s)"),
)


# --------------------------------------------------------------------------- q2
_EPS = 1e-7


def _bce(y, p):
    p = np.clip(p, _EPS, 1 - _EPS)
    return float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))


def _cas_q2():
    rng = np.random.default_rng(2)
    return [
        ("l'exemple du livre", np.array([1, 0, 1, 1, 0, 1.0]), np.array([0.9, 0.2, 0.8, 1.0, 0.1, 0.7])),
        ("des prédictions sans 0 ni 1", (rng.random(8) < 0.5).astype(float), rng.uniform(0.05, 0.95, 8)),
        ("une prédiction parfaite égale à 0", np.array([0.0, 1.0]), np.array([0.0, 0.6])),
    ]


def _controle_bce(entropie_croisee_binaire):
    for nom, y, p in _cas_q2():
        resultat = appeler(entropie_croisee_binaire, y.copy(), p.copy(), nom="entropie_croisee_binaire")
        resultat = _en_numpy(resultat)
        if isinstance(resultat, np.ndarray) and resultat.size > 1:
            raise Incorrect(f"Pour {nom}, vous renvoyez {resultat.size} valeurs : faites la moyenne des termes.")
        valeur = nombre(resultat, f"l'erreur renvoyée pour {nom}") if not _est_nan(resultat) else float("nan")
        if np.isnan(valeur):
            raise Incorrect(f"Pour {nom}, vous obtenez nan : 0 × ln(0) ne vaut rien en virgule flottante. "
                            "Rognez les prédictions (np.clip) ou ne calculez que le terme utile.")
        attendu = _bce(y, p)
        if np.isclose(valeur, attendu, rtol=1e-4, atol=1e-6):
            continue
        if np.isclose(valeur, -attendu, rtol=1e-4, atol=1e-6):
            raise Incorrect(f"Pour {nom}, le signe est inversé : l'entropie croisée est positive "
                            "(il y a un « − » devant).")
        if np.isclose(valeur, attendu * len(y), rtol=1e-4, atol=1e-6):
            raise Incorrect(f"Pour {nom}, vous renvoyez la somme des termes ; il faut leur moyenne.")
        if np.isclose(valeur, _bce(1 - y, p), rtol=1e-4, atol=1e-6):
            raise Incorrect(f"Pour {nom}, les rôles de y et de 1 − y sont échangés : "
                            "quand y = 1, c'est ln(ỹ) qui compte.")
        raise Incorrect(f"Pour {nom}, la valeur renvoyée n'est pas l'entropie croisée binaire moyenne.")


def _est_nan(valeur):
    try:
        return bool(np.isnan(valeur))
    except (TypeError, ValueError):
        return False


q2 = Exercice(
    "L'entropie croisée binaire, sans nan",
    _controle_bce,
    indices=["E = −moyenne(y ln ỹ + (1 − y) ln(1 − ỹ)).",
             "Si ỹ vaut exactement 0 ou 1, l'un des logarithmes vaut −∞ : rognez d'abord "
             "p = np.clip(y_pred, 1e-7, 1 - 1e-7)."],
    solution=("def entropie_croisee_binaire(y, y_pred):\n"
              "    y = np.asarray(y, dtype=float)\n"
              "    p = np.clip(np.asarray(y_pred, dtype=float), 1e-7, 1 - 1e-7)\n"
              "    return -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))"),
)


# --------------------------------------------------------------------------- q3
def _cas_q3():
    tailles = np.array([172, 165, 187, 181, 167, 184, 168, 174, 180, 186], dtype=float)
    return [(tailles, -1.0, 1.0), (tailles, 0.0, 1.0), (np.array([3.0, -2.0, 10.0, 0.5]), 2.0, 5.0),
            (np.array([0.0, 255.0, 100.0]), -0.5, 0.5)]


def _controle_min_max(normaliser_min_max):
    for y, a, b in _cas_q3():
        resultat = appeler(normaliser_min_max, y.copy(), a, b, nom="normaliser_min_max")
        r = tableau(_en_numpy(resultat), "ce que renvoie normaliser_min_max")
        if r.shape != y.shape:
            raise Incorrect(f"Le résultat doit avoir la taille des données, {y.shape} ; vous renvoyez {r.shape}.")
        u = (y - y.min()) / (y.max() - y.min())
        attendu = a + (b - a) * u
        if np.allclose(r, attendu, atol=1e-9):
            continue
        cas = f"pour [a, b] = [{a:g}, {b:g}]"
        if np.allclose(r, u * (a - b) + b, atol=1e-9):
            raise Incorrect(f"{cas.capitalize()}, y_min est envoyé sur b et y_max sur a : c'est la formule du livre, "
                            "qui parcourt l'intervalle à l'envers.")
        if np.allclose(r, u, atol=1e-9):
            raise Incorrect(f"{cas.capitalize()}, vos valeurs restent dans [0, 1] : il faut ensuite étirer et décaler "
                            "vers [a, b].")
        if np.isclose(r.min(), a) and np.isclose(r.max(), b):
            raise Incorrect(f"{cas.capitalize()}, les bornes sont atteintes, mais la fonction n'est pas "
                            "affine croissante.")
        raise Incorrect(f"{cas.capitalize()}, y_min n'est pas envoyé sur a ou y_max sur b.")


q3 = Exercice(
    "Min–max vers [a, b]",
    _controle_min_max,
    indices=["Commencez par u = (y − y_min) / (y_max − y_min), qui va de 0 à 1.",
             "Puis étirez et décalez : a + (b − a) u vaut a quand u = 0 et b quand u = 1."],
    solution=("def normaliser_min_max(y, a, b):\n"
              "    y = np.asarray(y, dtype=float)\n"
              "    return a + (b - a) * (y - y.min()) / (y.max() - y.min())"),
)


# --------------------------------------------------------------------------- q4
def _controle_dropout(dropout):
    if est_vide(dropout):
        raise PasDeReponse
    x_test = np.array([[1.0, -2.0, 3.0], [0.5, 0.0, 4.0]])
    for p in (0.8, 0.5):
        resultat = appeler(dropout, x_test.copy(), p, False, np.random.default_rng(0), nom="dropout")
        r = tableau(_en_numpy(resultat), "ce que renvoie dropout")
        if r.shape != x_test.shape or not np.allclose(r, x_test):
            if r.shape == x_test.shape and np.allclose(r, x_test / p):
                raise Incorrect("Au test (entrainement=False), il ne faut pas diviser par p : x est renvoyé tel quel.")
            raise Incorrect("Au test (entrainement=False), dropout doit renvoyer x tel quel.")
    n = 200_000
    for p in (0.8, 0.3):
        x = np.full(n, 3.0)
        resultat = appeler(dropout, x.copy(), p, True, np.random.default_rng(7), nom="dropout")
        r = tableau(_en_numpy(resultat), "ce que renvoie dropout")
        if r.shape != x.shape:
            raise Incorrect(f"Le résultat doit avoir la taille de x, {x.shape} ; vous renvoyez {r.shape}.")
        zeros = np.mean(r == 0)
        if zeros < 0.01:
            raise Incorrect(f"En apprentissage avec p = {p}, aucun élément n'est mis à 0 : "
                            "il faut en éteindre au hasard.")
        non_nuls = np.unique(np.round(r[r != 0], 9))
        if abs(zeros - p) < 0.01 and abs(p - 0.5) > 0.05:
            raise Incorrect(f"Avec p = {p}, vous éteignez une proportion p des éléments : dans la convention du livre, "
                            "p est la probabilité de GARDER un élément (c'est l'inverse de Keras et de PyTorch).")
        if abs(zeros - (1 - p)) > 0.01:
            raise Incorrect(f"Avec p = {p}, la proportion d'éléments éteints ({zeros:.1%}) ne correspond pas "
                            "à des tirages de Bernoulli indépendants.")
        if np.allclose(non_nuls, 3.0):
            raise Incorrect("Les éléments gardés ne sont pas mis à l'échelle : divisez-les par p pour conserver "
                            "l'espérance.")
        if not np.allclose(non_nuls, 3.0 / p):
            raise Incorrect(f"Avec p = {p}, les éléments gardés n'ont pas la bonne valeur : "
                            "chacun doit être divisé par p.")
    # Les tirages doivent venir de rng : deux générateurs de même graine donnent le même masque.
    x = np.ones(1000)
    r1 = tableau(_en_numpy(appeler(dropout, x.copy(), 0.5, True, np.random.default_rng(3), nom="dropout")))
    r2 = tableau(_en_numpy(appeler(dropout, x.copy(), 0.5, True, np.random.default_rng(3), nom="dropout")))
    if not np.array_equal(r1, r2):
        raise Incorrect("Avec deux générateurs rng de même graine, vos masques diffèrent : tirez avec rng.random, "
                        "pas avec un autre générateur.")


q4 = Exercice(
    "Un dropout écrit à la main",
    _controle_dropout,
    indices=["Au test, return x. En apprentissage, garde = rng.random(x.shape) < p donne un tableau de booléens, "
             "vrai avec la probabilité p.",
             "np.where(garde, x / p, 0.0) garde les éléments tirés (divisés par p) et met les autres à 0."],
    solution=("def dropout(x, p, entrainement, rng):\n"
              "    x = np.asarray(x, dtype=float)\n"
              "    if not entrainement:\n"
              "        return x\n"
              "    garde = rng.random(x.shape) < p\n"
              "    return np.where(garde, x / p, 0.0)"),
)

EXERCICES = [q1, q2, q3, q4]
