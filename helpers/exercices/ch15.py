"""Exercices du chapitre 15 : tenseurs.

* ``q1`` : dimension, nombre d'éléments et mémoire d'un lot d'images (64, 3, 28, 28) ;
* ``q2`` : écrire ``centrer_lignes(X)`` sans tomber dans le piège de la diffusion ;
* ``q3`` : écrire ``gradient_torch(f, point)`` avec ``requires_grad`` et ``backward`` ;
* ``q4`` : écrire ``etape_descente(w, X, y, pas)`` : une étape propre (gradient remis à zéro,
  mise à jour en place sous ``no_grad``).

Les contrôles recalculent eux-mêmes la bonne réponse ; leurs messages disent
ce qui ne va pas sans donner la valeur attendue.
"""
import numbers

import numpy as np

from . import Exercice, Incorrect, PasDeReponse, appeler, est_vide, tableau

__all__ = ["q1", "q2", "q3", "q4", "EXERCICES", "TAILLE_Q1"]

#: Taille du lot d'images de l'exercice 1 (lot, canaux, hauteur, largeur).
TAILLE_Q1 = (64, 3, 28, 28)


def _entier(valeur, nom):
    if isinstance(valeur, (bool, np.bool_)) or not isinstance(valeur, (numbers.Integral, np.integer, float)):
        raise Incorrect(f"{nom} doit être un nombre entier ; vous avez donné un objet de type {type(valeur).__name__}.")
    if isinstance(valeur, float) and not valeur.is_integer():
        raise Incorrect(f"{nom} doit être un nombre entier ; vous avez donné {valeur}.")
    return int(valeur)


# --------------------------------------------------------------------------- q1
def _controle_lot(reponse):
    if est_vide(reponse):
        raise PasDeReponse
    if isinstance(reponse, (str, bytes, dict, set)) or not hasattr(reponse, "__len__"):
        raise Incorrect("On attend un n-uplet de trois entiers (dimension, elements, octets) ; vous avez donné un "
                        f"objet de type {type(reponse).__name__}.")
    if any(est_vide(r) for r in reponse):
        raise PasDeReponse
    if len(reponse) != 3:
        raise Incorrect(f"On attend trois nombres (dimension, elements, octets) ; vous en avez donné {len(reponse)}.")
    dimension = _entier(reponse[0], "La dimension")
    elements = _entier(reponse[1], "Le nombre d'éléments")
    octets = _entier(reponse[2], "Le nombre d'octets")
    n = int(np.prod(TAILLE_Q1))
    if dimension != len(TAILLE_Q1):
        raise Incorrect("La dimension est le nombre d'axes (d'indices) du tenseur, pas une longueur : "
                        "comptez les nombres de sa taille.")
    if elements != n:
        if elements == int(np.prod(TAILLE_Q1[1:])):
            raise Incorrect("Votre nombre d'éléments est celui d'une seule image : le lot en contient 64.")
        if elements == sum(TAILLE_Q1):
            raise Incorrect("Le nombre d'éléments est le produit des longueurs de la taille, pas leur somme.")
        raise Incorrect("Le nombre d'éléments ne convient pas : c'est le produit des longueurs de la taille.")
    if octets != 4 * n:
        if octets == n:
            raise Incorrect("Un float32 occupe 4 octets, pas 1 : le nombre d'octets n'est pas le nombre d'éléments.")
        if octets == 8 * n:
            raise Incorrect("8 octets par nombre, c'est le float64 ; un float32 en occupe moins.")
        raise Incorrect("Le nombre d'octets ne convient pas : multipliez le nombre d'éléments par la place d'un "
                        "float32 (32 bits).")


q1 = Exercice(
    "Dimension, éléments et mémoire d'un lot d'images",
    _controle_lot,
    indices=["La dimension est le nombre de nombres dans la taille (64, 3, 28, 28).",
             "Le nombre d'éléments est le produit 64 × 3 × 28 × 28 ; un float32 occupe 32 bits = 4 octets."],
    solution="reponse_lot = (4, 64 * 3 * 28 * 28, 64 * 3 * 28 * 28 * 4)   # (4, 150528, 602112)",
)


# --------------------------------------------------------------------------- q2
def _cas_q2():
    rng = np.random.default_rng(15)
    return [rng.integers(-5, 6, size=(3, 4)).astype(float),
            rng.normal(size=(4, 3)),
            np.array([[1.0, 2.0, 3.0], [10.0, 0.0, -1.0], [4.0, 4.0, 7.0]]),
            np.arange(5.0).reshape(1, 5)]


def _controle_centrer(centrer_lignes):
    for X in _cas_q2():
        original = X.copy()
        resultat = appeler(centrer_lignes, X, nom="centrer_lignes")
        r = tableau(resultat, "ce que renvoie centrer_lignes")
        attendu = original - original.mean(axis=1, keepdims=True)
        if r.shape != X.shape:
            raise Incorrect(f"Pour une matrice de taille {X.shape}, le résultat doit avoir la même taille ; "
                            f"vous renvoyez la taille {r.shape} (diffusion accidentelle ?).")
        if np.allclose(r, attendu, atol=1e-9):
            if not np.array_equal(X, original):
                raise Incorrect("Le résultat est juste, mais votre fonction modifie la matrice reçue : "
                                "renvoyez un nouveau tableau sans toucher à X.")
            continue
        if np.allclose(r, original - original.mean(axis=0), atol=1e-9):
            raise Incorrect("Vous centrez les colonnes : chaque colonne a une moyenne nulle, pas chaque ligne.")
        if np.allclose(r, original - original.mean(), atol=1e-9):
            raise Incorrect("Vous retranchez la moyenne de toute la matrice, pas celle de chaque ligne.")
        if X.shape[0] == X.shape[1] and np.allclose(r, original - original.mean(axis=1), atol=1e-9):
            raise Incorrect("Sur une matrice carrée, la moyenne des lignes, de taille (n,), a été diffusée le long "
                            "des lignes : la moyenne de la ligne i est retranchée à la colonne i.")
        raise Incorrect(f"Pour une matrice de taille {X.shape}, les lignes du résultat n'ont pas toutes une moyenne "
                        "nulle, ou le résultat ne vient pas de X.")


q2 = Exercice(
    "Centrer chaque ligne",
    _controle_centrer,
    indices=["X.mean(axis=1) donne la moyenne de chaque ligne, de taille (n,) : diffusée contre (n, m), elle "
             "s'aligne sur les colonnes, pas sur les lignes.",
             "Donnez-lui la taille (n, 1) : X.mean(axis=1, keepdims=True), ou X.mean(axis=1)[:, None]."],
    solution="def centrer_lignes(X):\n    X = np.asarray(X, dtype=float)\n    return X - X.mean(axis=1, keepdims=True)",
)


# --------------------------------------------------------------------------- q3
def _cas_q3():
    import torch

    return [
        ("x·y² en (2, 3)", lambda v: v[0] * v[1] ** 2, [2.0, 3.0], lambda p: [p[1] ** 2, 2 * p[0] * p[1]]),
        ("x² en 3", lambda v: v[0] ** 2, [3.0], lambda p: [2 * p[0]]),
        ("somme des carrés en (1, −2, 0,5)", lambda v: (v ** 2).sum(), [1.0, -2.0, 0.5],
         lambda p: [2 * t for t in p]),
        ("sin(x)·exp(y) en (0,3, −0,7)", lambda v: torch.sin(v[0]) * torch.exp(v[1]), [0.3, -0.7],
         lambda p: [np.cos(p[0]) * np.exp(p[1]), np.sin(p[0]) * np.exp(p[1])]),
    ]


def _en_numpy(resultat):
    """Un tenseur PyTorch (même suivi, même sur GPU) est converti en tableau NumPy."""
    import torch

    if isinstance(resultat, torch.Tensor):
        return resultat.detach().cpu().numpy()
    return resultat


def _controle_gradient(gradient_torch):
    for nom, f, point, gradient in _cas_q3():
        resultat = appeler(gradient_torch, f, list(point), nom="gradient_torch")
        r = tableau(_en_numpy(resultat), f"le gradient renvoyé pour {nom}")
        attendu = np.array(gradient(point), dtype=float)
        if r.size == 1 and attendu.size > 1:
            raise Incorrect(f"Pour {nom}, vous renvoyez un seul nombre : le gradient a une composante par variable "
                            "(lisez .grad, pas la valeur de f).")
        if r.shape not in (attendu.shape, (1,) + attendu.shape) and r.ravel().shape != attendu.shape:
            raise Incorrect(f"Pour {nom}, le gradient doit avoir {attendu.size} composante(s) ; vous renvoyez la "
                            f"taille {r.shape}.")
        r = r.ravel()
        if np.allclose(r, attendu, rtol=1e-5, atol=1e-7):
            continue
        if np.allclose(r, -attendu, rtol=1e-5, atol=1e-7):
            raise Incorrect(f"Pour {nom}, le signe du gradient est inversé.")
        raise Incorrect(f"Pour {nom}, le gradient renvoyé ne convient pas. Créez un tenseur neuf avec "
                        "requires_grad=True à chaque appel, puis appelez backward() sur f(v).")


q3 = Exercice(
    "Un gradient par PyTorch",
    _controle_gradient,
    indices=["v = torch.tensor(point, dtype=torch.float64, requires_grad=True) crée la variable suivie.",
             "Appelez f(v).backward() : le gradient est alors déposé dans v.grad ; "
             "convertissez-le avec .numpy()."],
    solution=("def gradient_torch(f, point):\n"
              "    v = torch.tensor(point, dtype=torch.float64, requires_grad=True)\n"
              "    f(v).backward()\n"
              "    return v.grad.numpy()"),
)


# --------------------------------------------------------------------------- q4
def _donnees_q4():
    rng = np.random.default_rng(4)
    X = rng.normal(size=(20, 3))
    y = X @ np.array([1.0, -2.0, 0.5]) + 0.1 * rng.normal(size=20)
    return X, y, np.array([0.5, 0.5, 0.5]), 0.05


def _trajectoire(X, y, w0, pas, etapes, accumuler=False):
    """Erreurs avant chaque étape et poids après chaque étape (avec ou sans accumulation du gradient)."""
    w, cumul, erreurs, poids = w0.copy(), np.zeros_like(w0), [], []
    for _ in range(etapes):
        residu = X @ w - y
        erreurs.append(float(np.mean(residu ** 2)))
        g = 2 * X.T @ residu / len(y)
        cumul = cumul + g if accumuler else g
        w = w - pas * cumul
        poids.append(w.copy())
    return erreurs, poids


def _controle_etape(etape_descente):
    import torch

    if est_vide(etape_descente):
        raise PasDeReponse
    X, y, w0, pas = _donnees_q4()
    erreurs, poids = _trajectoire(X, y, w0, pas, 3)
    _, poids_cumul = _trajectoire(X, y, w0, pas, 3, accumuler=True)
    w = torch.tensor(w0, dtype=torch.float64, requires_grad=True)
    tX, ty = torch.tensor(X), torch.tensor(y)
    for etape in range(3):
        avant = w
        resultat = appeler(etape_descente, w, tX, ty, pas, nom="etape_descente")
        if isinstance(resultat, torch.Tensor):
            if resultat.numel() != 1:
                raise Incorrect("etape_descente doit renvoyer la valeur de l'erreur (un nombre), pas un tenseur de "
                                f"taille {tuple(resultat.shape)}.")
            resultat = resultat.item()
        if isinstance(resultat, (bool, np.bool_)) or not isinstance(resultat, (numbers.Real, np.number)):
            raise Incorrect("etape_descente doit renvoyer la valeur de l'erreur, un nombre ; vous renvoyez un objet "
                            f"de type {type(resultat).__name__}.")
        if w is not avant or not w.is_leaf or not w.requires_grad:
            raise Incorrect("Après l'appel, w n'est plus une feuille qui demande un gradient : faites la mise à jour "
                            "en place, dans un bloc with torch.no_grad().")
        valeurs = w.detach().numpy()
        if etape == 0 and np.allclose(valeurs, w0):
            raise Incorrect("Après un appel, w n'a pas changé : la mise à jour doit modifier w lui-même (w -= …), "
                            "pas une variable locale.")
        if not np.isclose(float(resultat), erreurs[etape], rtol=1e-6):
            if np.isclose(float(resultat), float(np.mean((X @ valeurs - y) ** 2)), rtol=1e-6):
                raise Incorrect("Vous renvoyez l'erreur après la mise à jour ; on attend celle d'avant.")
            raise Incorrect(f"À l'appel n° {etape + 1}, la valeur renvoyée n'est pas l'erreur quadratique moyenne "
                            "(moyenne des carrés des écarts X @ w − y).")
        if np.allclose(valeurs, poids[etape], rtol=1e-6, atol=1e-9):
            continue
        if etape > 0 and np.allclose(valeurs, poids_cumul[etape], rtol=1e-6, atol=1e-9):
            raise Incorrect("Le premier appel est juste, mais au suivant le gradient s'est ajouté à l'ancien : "
                            "remettez-le à zéro avant backward().")
        raise Incorrect(f"Après l'appel n° {etape + 1}, les poids ne sont pas ceux d'une étape w ← w − pas × grad E.")


q4 = Exercice(
    "Une étape de descente de gradient propre",
    _controle_etape,
    indices=["Dans l'ordre : w.grad = None ; erreur = ((X @ w - y) ** 2).mean() ; erreur.backward().",
             "La mise à jour se fait sans enregistrement et en place : with torch.no_grad(): w -= pas * w.grad. "
             "Renvoyez erreur.item()."],
    solution=("def etape_descente(w, X, y, pas):\n"
              "    w.grad = None\n"
              "    erreur = ((X @ w - y) ** 2).mean()\n"
              "    erreur.backward()\n"
              "    with torch.no_grad():\n"
              "        w -= pas * w.grad\n"
              "    return erreur.item()"),
)

EXERCICES = [q1, q2, q3, q4]
