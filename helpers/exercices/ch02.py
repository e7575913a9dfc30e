"""Exercices du chapitre 02 : NumPy et Matplotlib avec une variable.

Les contrôles recalculent eux-mêmes ce qui est attendu et expliquent ce qui ne
va pas (mauvais type, mauvais nombre de valeurs, bornes, boucle cachée…) sans
jamais afficher la réponse.
"""
import math
import os
import sys

import numpy as np

from . import Exercice, Incorrect, PasDeReponse, comparer_nombre, controle_choix, est_vide

__all__ = ["q1", "q2", "q3", "q4", "q5", "EXERCICES", "amorti_boucle", "BornesGauss"]


# ---------------------------------------------------------------------------
# q1 : une subdivision de [-1, 2] au pas de 0,25 avec linspace
# ---------------------------------------------------------------------------

_A1, _B1, _PAS1 = -1.0, 2.0, 0.25
_T_ATTENDU = np.linspace(_A1, _B1, num=int(round((_B1 - _A1) / _PAS1)) + 1)


def _controle_subdivision(T):
    if est_vide(T):
        raise PasDeReponse
    if not isinstance(T, np.ndarray):
        raise Incorrect(f"On attend un tableau NumPy (np.ndarray) ; vous avez donné un objet de type "
                        f"{type(T).__name__}. Utilisez np.linspace.")
    if T.ndim != 1:
        raise Incorrect(f"On attend un vecteur (tableau à une dimension) ; votre tableau a la taille {T.shape}.")
    try:
        T = T.astype(float)
    except (TypeError, ValueError):
        raise Incorrect("Votre tableau doit contenir des nombres.") from None
    if T.size < 2:
        raise Incorrect(f"Votre tableau ne contient que {T.size} valeur(s) : il en faut beaucoup plus.")
    if not np.all(np.isfinite(T)):
        raise Incorrect("Votre tableau contient des valeurs infinies ou non définies (nan).")
    if not math.isclose(T[0], _A1, abs_tol=1e-9):
        raise Incorrect(f"La première valeur vaut {T[0]:.6g} : elle doit être la borne gauche de l'intervalle.")
    if not math.isclose(T[-1], _B1, abs_tol=1e-9):
        raise Incorrect(f"La dernière valeur vaut {T[-1]:.6g} : elle doit être la borne droite de l'intervalle, "
                        "qui fait partie de la subdivision.")
    if T.size != _T_ATTENDU.size:
        pas = (T[-1] - T[0]) / (T.size - 1)
        raise Incorrect(f"Votre tableau contient {T.size} valeurs, si bien que deux valeurs voisines sont "
                        f"espacées de {pas:.6g} et non de 0,25. Rappel : n valeurs découpent l'intervalle "
                        "en n − 1 morceaux.")
    if not np.allclose(T, _T_ATTENDU, rtol=0, atol=1e-9):
        raise Incorrect("Les bornes et le nombre de valeurs sont bons, mais les valeurs ne sont pas régulièrement "
                        "espacées.")


q1 = Exercice(
    "Une subdivision avec linspace",
    _controle_subdivision,
    indices=["np.linspace(a, b, num=n) renvoie n valeurs régulièrement espacées de a à b, les deux bornes comprises.",
             "Comptez combien de morceaux de longueur 0,25 il faut pour aller de −1 à 2 ; "
             "il y a une valeur de plus que de morceaux."],
    solution="T = np.linspace(-1, 2, num=13)   # 12 morceaux de longueur 0,25, donc 13 valeurs",
)


# ---------------------------------------------------------------------------
# q4 : l'aire sous la courbe de Gauss par la méthode des rectangles
# ---------------------------------------------------------------------------

class BornesGauss:
    """Les données de l'exercice 4 : intervalle [A, B] et nombre de points NUM."""
    A, B, NUM = -3.0, 3.0, 601


_AIRE_EXACTE = math.sqrt(math.pi) * math.erf(3.0)  # intégrale de exp(-x²) sur [-3, 3]


def _controle_aire(S):
    if est_vide(S):
        raise PasDeReponse
    if isinstance(S, np.ndarray) and S.size > 1:
        raise Incorrect(f"S doit être un seul nombre ; vous avez donné un tableau de taille {S.shape}. "
                        "Il reste à additionner ses éléments (np.sum).")
    if isinstance(S, (int, float, np.number)) and not isinstance(S, bool) and math.isfinite(float(S)):
        h = (BornesGauss.B - BornesGauss.A) / (BornesGauss.NUM - 1)
        if math.isclose(float(S), _AIRE_EXACTE / h, rel_tol=1e-3):
            raise Incorrect("Votre somme est environ cent fois trop grande : chaque rectangle a pour aire "
                            "hauteur × largeur, et la largeur est le pas h.")
    comparer_nombre(S, _AIRE_EXACTE, "votre somme", tolerance=1e-5)


q_aire = Exercice(
    "L'aire sous la courbe de Gauss",
    _controle_aire,
    indices=["Calculez d'abord le vecteur Y = np.exp(-X**2) des hauteurs des rectangles, sans boucle.",
             "L'aire d'un rectangle vaut hauteur × largeur ; ici la largeur est h. np.sum additionne un vecteur."],
    solution="S = h * np.sum(np.exp(-X[:-1]**2))   # rectangles à gauche ; h * np.sum(np.exp(-X**2)) convient aussi",
)


# ---------------------------------------------------------------------------
# q2 : vectoriser une fonction écrite avec une boucle
# ---------------------------------------------------------------------------

def amorti_boucle(X):
    """Version « boucle » de x ↦ e^{-x} cos(2πx), élément par élément (module math)."""
    Y = []
    for x in X:
        Y.append(math.exp(-x) * math.cos(2 * math.pi * x))
    return Y


class _BoucleDetectee(Exception):
    """Levée quand la fonction de l'étudiant parcourt le tableau élément par élément."""


class _TableauSansBoucle(np.ndarray):
    """Tableau NumPy qui refuse d'être parcouru élément par élément (boucle for, X[i], tolist, item, flat)."""

    def __iter__(self):
        raise _BoucleDetectee

    def __getitem__(self, cle):
        if isinstance(cle, (int, np.integer)):
            raise _BoucleDetectee
        return super().__getitem__(cle)

    def tolist(self):
        raise _BoucleDetectee

    def item(self, *args):
        raise _BoucleDetectee

    @property
    def flat(self):
        raise _BoucleDetectee


def _refuser(*args, **kwargs):
    raise _BoucleDetectee


_DOSSIER_NUMPY = os.path.dirname(np.__file__)
_LIGNES_MAX = 50  # une version vectorisée exécute quelques lignes ; une boucle, au moins une par élément


def _appeler_sans_boucle(f, X):
    """Appelle f(X) en repérant une boucle : np.vectorize, np.frompyfunc, ou des lignes Python exécutées par élément.

    Le décompte des lignes (``sys.settrace``) ne dépend pas de la vitesse de la machine.
    """
    lignes = [0]

    def tracer(cadre, evenement, arg):
        if cadre.f_code.co_filename.startswith(_DOSSIER_NUMPY):
            return None
        if evenement == "line":
            lignes[0] += 1
            if lignes[0] > _LIGNES_MAX:
                raise _BoucleDetectee
        return tracer

    ancien_appel, ancien_frompyfunc = np.vectorize.__call__, np.frompyfunc
    ancienne_trace = sys.gettrace()
    np.vectorize.__call__, np.frompyfunc = _refuser, _refuser
    sys.settrace(tracer)
    try:
        return _appeler_vect(f, X)
    finally:
        sys.settrace(ancienne_trace)
        np.vectorize.__call__, np.frompyfunc = ancien_appel, ancien_frompyfunc


def _appeler_vect(f, X):
    try:
        return f(X)
    except _BoucleDetectee:
        raise
    except NotImplementedError:
        raise PasDeReponse from None
    except TypeError as erreur:
        conseil = (" Les fonctions du module math n'acceptent qu'un seul nombre : utilisez celles de NumPy "
                   "(np.exp, np.cos, np.pi).") if "scalar" in str(erreur) or "math" in str(erreur) else ""
        raise Incorrect(f"Appelée sur un tableau de {len(X)} valeurs, votre fonction provoque une erreur : "
                        f"TypeError : {erreur}.{conseil}") from None
    except Exception as erreur:  # l'étudiant doit voir l'erreur, pas une trace de pile
        raise Incorrect(f"Appelée sur un tableau de {len(X)} valeurs, votre fonction provoque une erreur : "
                        f"{type(erreur).__name__} : {erreur}") from None


def _controle_vectorisation(f):
    if est_vide(f):
        raise PasDeReponse
    if not callable(f):
        raise Incorrect(f"On attend une fonction ; vous avez donné un objet de type {type(f).__name__}.")
    rng = np.random.default_rng(2)
    for X in (rng.uniform(0, 5, size=40), np.array([0.0, 0.25, 0.5]), rng.uniform(-1, 1, size=7)):
        try:
            Y = _appeler_vect(f, X)
        except _BoucleDetectee:  # impossible avec un tableau ordinaire, par sécurité
            raise Incorrect("Votre fonction parcourt le tableau élément par élément.") from None
        if est_vide(Y):
            raise PasDeReponse
        if isinstance(Y, (list, tuple)):
            raise Incorrect("Votre fonction renvoie une liste : une fonction vectorisée renvoie un tableau NumPy, "
                            "obtenu directement par des opérations sur X.")
        if not isinstance(Y, np.ndarray):
            raise Incorrect(f"Votre fonction doit renvoyer un tableau NumPy ; elle renvoie un objet de type "
                            f"{type(Y).__name__}.")
        if Y.shape != X.shape:
            raise Incorrect(f"Pour un vecteur X de taille {X.shape}, votre fonction renvoie un tableau de taille "
                            f"{Y.shape} : il faut une valeur par élément de X.")
        try:
            Yf = np.asarray(Y, dtype=float)
        except (TypeError, ValueError):
            raise Incorrect("Votre fonction doit renvoyer un tableau de nombres.") from None
        attendu = np.array(amorti_boucle(X))
        fautes = ~np.isclose(Yf, attendu, rtol=1e-9, atol=1e-12)
        if fautes.any():
            raise Incorrect(f"Votre fonction renvoie un tableau de la bonne taille, mais {int(fautes.sum())} valeur(s) "
                            f"sur {X.size} diffèrent de celles de amorti_boucle (tableau tiré au hasard).")
    X = np.linspace(0, 5, 200).view(_TableauSansBoucle)
    try:
        _appeler_sans_boucle(f, X)
    except _BoucleDetectee:
        raise Incorrect("Les valeurs sont justes, mais votre fonction parcourt encore le tableau élément par "
                        "élément (boucle for, X[i], tolist, map ou np.vectorize, qui cache une boucle Python). "
                        "Écrivez-la avec des opérations sur le tableau entier.") from None


q_vect = Exercice(
    "Vectoriser une fonction",
    _controle_vectorisation,
    indices=["Remplacez math.exp et math.cos par np.exp et np.cos : elles s'appliquent à tout le tableau d'un coup.",
             "Le corps de la fonction tient en une ligne, sans for : return np.exp(…) * np.cos(…)."],
    solution="def amorti_vect(X):\n    return np.exp(-X) * np.cos(2 * np.pi * X)",
)


# ---------------------------------------------------------------------------
# seuil : la première abscisse où une courbe atteint un seuil (comparaison et masque booléen)
# ---------------------------------------------------------------------------

def _premier_seuil_reference(X, Y, seuil):
    """Première abscisse X[i] telle que Y[i] >= seuil, ou None (référence du contrôle)."""
    indices = np.flatnonzero(np.asarray(Y) >= seuil)
    return None if indices.size == 0 else float(X[indices[0]])


def _cas_seuil():
    """Cas d'essai : sigmoïdes, courbe qui monte puis redescend, seuil jamais atteint, seuil atteint au départ."""
    X = np.linspace(-5, 5, 201)
    cas = [(X, 1 / (1 + np.exp(-k * X)), s) for k, s in ((1, 0.9), (4, 0.99), (2, 0.5))]
    Z = np.linspace(0, 5, 101)
    cas.append((Z, np.exp(-Z) * np.cos(2 * np.pi * Z), 0.3))    # dépassé plusieurs fois : le premier compte
    cas.append((Z, np.exp(-(Z - 2.5) ** 2), 0.8))                 # monte puis redescend
    cas.append((X, 1 / (1 + np.exp(-X)), 1.5))                    # jamais atteint : None
    cas.append((X, np.exp(-X ** 2) + 1, 1.0))                     # atteint dès la première valeur
    return cas


def _controle_seuil(premier_seuil):
    if est_vide(premier_seuil):
        raise PasDeReponse
    if not callable(premier_seuil):
        raise Incorrect(f"On attend une fonction ; vous avez donné un objet de type {type(premier_seuil).__name__}.")
    for X, Y, seuil in _cas_seuil():
        attendu = _premier_seuil_reference(X, Y, seuil)
        try:
            resultat = premier_seuil(X.copy(), Y.copy(), seuil)
        except NotImplementedError:
            raise PasDeReponse from None
        except Exception as erreur:  # l'étudiant doit voir l'erreur, pas une trace de pile
            raise Incorrect(f"Avec un vecteur X de {X.size} abscisses et seuil = {seuil}, votre fonction provoque "
                            f"une erreur : {type(erreur).__name__} : {erreur}") from None
        if resultat is Ellipsis:
            raise PasDeReponse
        if attendu is None:
            if resultat is not None:
                raise Incorrect(f"Avec seuil = {seuil}, la courbe d'essai n'atteint jamais le seuil : votre fonction "
                                f"devrait renvoyer None, et elle renvoie {resultat!r}. Attention : np.argmax d'un "
                                "tableau qui ne contient que False vaut 0.")
            continue
        if resultat is None:
            raise Incorrect(f"Avec seuil = {seuil}, votre fonction renvoie None alors que la courbe d'essai atteint "
                            "le seuil. Avez-vous oublié return ?")
        if isinstance(resultat, (bool, np.bool_, str)) or not isinstance(resultat, (int, float, np.number)):
            raise Incorrect(f"Votre fonction doit renvoyer une abscisse (un nombre) ; elle renvoie un objet de type "
                            f"{type(resultat).__name__}. Un tableau d'indices se réduit à son premier élément.")
        resultat = float(resultat)
        if not math.isclose(resultat, attendu, abs_tol=1e-9):
            indices = np.flatnonzero(np.isclose(X, resultat))
            if indices.size and Y[indices[0]] >= seuil:
                raise Incorrect(f"Avec seuil = {seuil}, votre abscisse {resultat:.4g} atteint bien le seuil, mais ce "
                                "n'est pas la première : la courbe d'essai l'atteint plus tôt.")
            if indices.size == 0 and 0 <= resultat < X.size and float(resultat).is_integer():
                raise Incorrect(f"Avec seuil = {seuil}, votre fonction renvoie {resultat:.0f}, qui ressemble à un "
                                "indice : il faut renvoyer l'abscisse correspondante, X[indice].")
            raise Incorrect(f"Avec seuil = {seuil}, votre fonction renvoie {resultat:.4g}, qui n'est pas la première "
                            "abscisse où la courbe atteint le seuil.")


q_seuil = Exercice(
    "Où la courbe atteint-elle un seuil ?",
    _controle_seuil,
    indices=["Y >= seuil est un vecteur de booléens (True ou False), calculé sans boucle.",
             "np.argmax d'un vecteur de booléens donne l'indice du premier True ; mais s'il n'y a aucun True, il "
             "vaut 0 : vérifiez d'abord avec np.any.",
             "Renvoyez l'abscisse X[i], pas l'indice i."],
    solution=("def premier_seuil(X, Y, seuil):\n"
              "    atteint = Y >= seuil\n"
              "    if not np.any(atteint):\n"
              "        return None\n"
              "    return X[np.argmax(atteint)]\n\n"
              "# Pour k = 4 et seuil = 0,99 : x ≈ 1,15 (valeur exacte ln(99)/4 ≈ 1,1488)"),
)


# ---------------------------------------------------------------------------
# q3 : pourquoi la boucle est-elle plus lente ?
# ---------------------------------------------------------------------------

_EXPLICATIONS = {
    "a": "Relisez la remarque sur les cœurs du processeur : np.sin ne répartit pas le calcul entre plusieurs cœurs, "
         "et pourtant il va bien plus vite que la boucle.",
    "c": "NumPy calcule ici avec des flottants de 64 bits, exactement comme Python : la précision est la même.",
    "d": "Les deux versions font le même nombre d'évaluations du sinus, une par élément.",
}


_controle_pourquoi = controle_choix(_EXPLICATIONS)


q_pourquoi = Exercice(
    "Pourquoi la boucle est-elle lente ?",
    _controle_pourquoi,
    indices=["Comparez ce que fait Python à chaque tour de boucle avec ce que fait np.sin une fois appelée.",
             "Relisez la section « Pourquoi la boucle est-elle lente ? »."],
    solution="reponse = \"b\"",
)

# Numérotation dans l'ordre où les exercices apparaissent dans le chapitre.
q2, q3, q4, q5 = q_vect, q_pourquoi, q_aire, q_seuil
del q_vect, q_pourquoi, q_aire, q_seuil   # un seul nom par exercice
EXERCICES = [q1, q2, q3, q4, q5]
