"""Exercices du chapitre 02 : NumPy et Matplotlib avec une variable.

Les contrôles recalculent eux-mêmes ce qui est attendu et expliquent ce qui ne
va pas (mauvais type, mauvais nombre de valeurs, bornes, boucle cachée…) sans
jamais afficher la réponse.
"""
import math
import time

import numpy as np

from . import Exercice, Incorrect, PasDeReponse, comparer_nombre, est_vide

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
# q2 : l'aire sous la courbe de Gauss par la méthode des rectangles
# ---------------------------------------------------------------------------

class BornesGauss:
    """Les données de l'exercice 2 : intervalle [A, B] et nombre de points NUM."""
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


q2 = Exercice(
    "L'aire sous la courbe de Gauss",
    _controle_aire,
    indices=["Calculez d'abord le vecteur Y = np.exp(-X**2) des hauteurs des rectangles, sans boucle.",
             "L'aire d'un rectangle vaut hauteur × largeur ; ici la largeur est h. np.sum additionne un vecteur."],
    solution="S = h * np.sum(np.exp(-X[:-1]**2))   # rectangles à gauche ; h * np.sum(np.exp(-X**2)) convient aussi",
)


# ---------------------------------------------------------------------------
# q3 : vectoriser une fonction écrite avec une boucle
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
    """Tableau NumPy qui refuse d'être parcouru élément par élément (boucle for, X[i])."""

    def __iter__(self):
        raise _BoucleDetectee

    def __getitem__(self, cle):
        if isinstance(cle, (int, np.integer)):
            raise _BoucleDetectee
        return super().__getitem__(cle)


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
    X = np.linspace(0, 5, 30).view(_TableauSansBoucle)
    try:
        _appeler_vect(f, X)
    except _BoucleDetectee:
        raise Incorrect("Les valeurs sont justes, mais votre fonction parcourt encore le tableau élément par "
                        "élément (boucle for ou X[i]). Écrivez-la avec des opérations sur le tableau entier.") from None


q3 = Exercice(
    "Vectoriser une fonction",
    _controle_vectorisation,
    indices=["Remplacez math.exp et math.cos par np.exp et np.cos : elles s'appliquent à tout le tableau d'un coup.",
             "Le corps de la fonction tient en une ligne, sans for : return np.exp(…) * np.cos(…)."],
    solution="def amorti_vect(X):\n    return np.exp(-X) * np.cos(2 * np.pi * X)",
)


# ---------------------------------------------------------------------------
# q4 : un chronomètre qui garde la meilleure mesure
# ---------------------------------------------------------------------------

# Secondes : la plus courte n'est ni la première ni la dernière, pour refuser aussi « la dernière mesure ».
_ATTENTES = (0.12, 0.02, 0.06, 0.06)


def _controle_chronometre(chronometre):
    if est_vide(chronometre):
        raise PasDeReponse
    if not callable(chronometre):
        raise Incorrect(f"On attend une fonction ; vous avez donné un objet de type {type(chronometre).__name__}.")
    X = np.arange(3.0)
    appels = []

    def tache(Z):
        if Z is not X:
            raise Incorrect("Votre chronomètre doit appeler f avec le tableau X qu'il a reçu.")
        time.sleep(_ATTENTES[min(len(appels), len(_ATTENTES) - 1)])
        appels.append(1)

    try:
        duree = chronometre(tache, X, len(_ATTENTES))
    except Incorrect:
        raise
    except NotImplementedError:
        raise PasDeReponse from None
    except Exception as erreur:  # l'étudiant doit voir l'erreur, pas une trace de pile
        raise Incorrect(f"L'appel chronometre(f, X, {len(_ATTENTES)}) provoque une erreur : {type(erreur).__name__} : {erreur}") from None
    if est_vide(duree):
        raise PasDeReponse
    if len(appels) != len(_ATTENTES):
        raise Incorrect(f"Avec repetitions={len(_ATTENTES)}, votre chronomètre a appelé f {len(appels)} fois "
                        f"au lieu de {len(_ATTENTES)}.")
    if isinstance(duree, (bool, str)) or not isinstance(duree, (int, float, np.number)):
        raise Incorrect(f"Votre chronomètre doit renvoyer un nombre (une durée en secondes) ; il renvoie un objet "
                        f"de type {type(duree).__name__}.")
    duree = float(duree)
    if not math.isfinite(duree) or duree <= 0:
        raise Incorrect(f"Votre chronomètre renvoie {duree!r} : une durée doit être un nombre strictement positif.")
    if duree > 5:
        raise Incorrect(f"Votre chronomètre renvoie {duree:.4g}, beaucoup trop pour une tâche de quelques "
                        "centièmes de seconde : la durée doit être exprimée en secondes.")
    if duree < 0.9 * min(_ATTENTES):
        raise Incorrect(f"Votre chronomètre renvoie {duree:.4g} s alors que chaque appel de la tâche de test dure "
                        "au moins deux centièmes de seconde : mesurez-vous bien l'appel de f entre deux lectures de "
                        "time.perf_counter() ?")
    if duree > 1.8 * min(_ATTENTES):
        raise Incorrect(f"Votre chronomètre renvoie {duree:.3g} s : les exécutions de la tâche de test n'ont pas "
                        "toutes la même durée, et votre résultat n'est pas la durée de la plus rapide. Le chronomètre "
                        "doit garder la plus petite des durées mesurées (ni leur somme, ni leur moyenne, ni la "
                        "dernière).")


q4 = Exercice(
    "Un chronomètre",
    _controle_chronometre,
    indices=["time.perf_counter() renvoie l'heure d'une horloge précise : la durée d'un appel est la différence "
             "entre deux lectures, avant et après.",
             "Rangez les durées dans une liste et renvoyez min(...) de cette liste."],
    solution=("def chronometre(f, X, repetitions=5):\n"
              "    durees = []\n"
              "    for _ in range(repetitions):\n"
              "        debut = time.perf_counter()\n"
              "        f(X)\n"
              "        durees.append(time.perf_counter() - debut)\n"
              "    return min(durees)"),
)


# ---------------------------------------------------------------------------
# q5 : pourquoi la boucle est-elle plus lente ?
# ---------------------------------------------------------------------------

_EXPLICATIONS = {
    "a": "Relisez la remarque sur les cœurs du processeur : np.sin ne répartit pas le calcul entre plusieurs cœurs, "
         "et pourtant il va bien plus vite que la boucle.",
    "c": "NumPy calcule ici avec des flottants de 64 bits, exactement comme Python : la précision est la même.",
    "d": "Les deux versions font le même nombre d'évaluations du sinus, une par élément.",
}


def _controle_pourquoi(reponse):
    if est_vide(reponse):
        raise PasDeReponse
    if not isinstance(reponse, str):
        raise Incorrect(f"Répondez par une lettre entre guillemets, par exemple \"a\" ; vous avez donné un objet de "
                        f"type {type(reponse).__name__}.")
    lettre = reponse.strip().lower().rstrip(").")
    if lettre not in ("a", "b", "c", "d"):
        raise Incorrect("Répondez par une seule lettre : \"a\", \"b\", \"c\" ou \"d\".")
    if lettre in _EXPLICATIONS:
        raise Incorrect(_EXPLICATIONS[lettre])


q5 = Exercice(
    "Pourquoi la boucle est-elle lente ?",
    _controle_pourquoi,
    indices=["Comparez ce que fait Python à chaque tour de boucle avec ce que fait np.sin une fois appelée.",
             "Relisez la section « Pourquoi la boucle est-elle lente ? »."],
    solution="reponse = \"b\"",
)

EXERCICES = [q1, q2, q3, q4, q5]
