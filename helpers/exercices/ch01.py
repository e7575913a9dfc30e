"""Exercices du chapitre 01 : dérivée, dérivation automatique, méthode de Newton.

Chaque contrôle recalcule lui-même la bonne valeur et compare ; les messages
disent ce qui ne va pas (type, nombre d'éléments, erreur classique repérée)
sans jamais afficher la valeur attendue.
"""
import math

import numpy as np

from . import (
    Exercice,
    Incorrect,
    PasDeReponse,
    appeler,
    comparer_nombre,
    est_vide,
    nombre,
)

__all__ = ["q1", "q2", "q3", "q4", "q5", "q6", "EXERCICES", "f_exercice2", "F_exercice3"]


from . import nombre as _nombre  # un seul convertisseur, celui du noyau (issue 11 §4)


def _proche(a, b, tol=1e-7):
    return math.isclose(a, b, rel_tol=tol, abs_tol=tol)


# ---------------------------------------------------------------------------
# q1 : approximation affine de √4.1
# ---------------------------------------------------------------------------

def _controle_racine(approx):
    x = _nombre(approx, "L'approximation")
    if _proche(x, math.sqrt(4.1), 1e-9):
        raise Incorrect("C'est la valeur donnée par la calculatrice (math.sqrt) : on demande la valeur "
                        "approchée f(x0) + h·f'(x0), calculée à partir de la tangente en x0 = 4.")
    if _proche(x, 2 + 0.1 / 2, 1e-9):
        raise Incorrect("Vous avez pris f'(x0) = 1/2, qui est la pente de la tangente en x0 = 1. "
                        "Recalculez f'(x) = 1/(2√x) en x0 = 4.")
    if _proche(x, 1 + 4.1 / 2, 1e-9) or _proche(x, 1.05, 1e-9):
        raise Incorrect("Vous avez appliqué la formule √(1 + h) ≃ 1 + h/2, valable près de 1 seulement. "
                        "Ici le point de départ est x0 = 4 et h = 0.1.")
    comparer_nombre(x, 2.025, "l'approximation de √4.1", tolerance=1e-9)


q1 = Exercice(
    "Approximation affine de √4.1",
    _controle_racine,
    indices=["Écrivez 4.1 = x0 + h avec x0 = 4 (dont la racine est connue) et h = 0.1.",
             "f(x) = √x, donc f(x0) = 2 et f'(x) = 1 / (2√x) ; calculez f'(4).",
             "La formule est f(x0 + h) ≃ f(x0) + h·f'(x0)."],
    solution="approx = math.sqrt(4) + 0.1 * 1 / (2 * math.sqrt(4))   # = 2.025",
)


# ---------------------------------------------------------------------------
# q2 : dérivée de f(x) = x sin(x²)
# ---------------------------------------------------------------------------

# Des points où x sin(x²) oscille vite (x = 12, 30) : une différence finie n'y atteint pas la précision demandée.
POINTS_Q2 = (-2.0, -0.7, 0.3, 1.0, 1.6, 2.5, 12.0, 30.0)
_TOLERANCE_Q2 = 1e-10   # relative : une formule exacte la respecte, un taux d'accroissement non


def f_exercice2(x):
    """La fonction de l'exercice 2 : f(x) = x sin(x²)."""
    return x * np.sin(x ** 2)


def _df_exercice2(x):
    return math.sin(x ** 2) + 2 * x ** 2 * math.cos(x ** 2)


def _controle_derivee(df):
    valeurs = []
    for x in POINTS_Q2:
        r = appeler(df, x, nom="df")
        valeurs.append(_nombre(r, f"df({x})"))
    valeurs = np.array(valeurs)
    pts = np.array(POINTS_Q2)
    attendu = np.array([_df_exercice2(x) for x in POINTS_Q2])
    if np.allclose(valeurs, attendu, rtol=_TOLERANCE_Q2, atol=_TOLERANCE_Q2):
        return
    if np.allclose(valeurs, attendu, rtol=1e-3, atol=1e-6):
        raise Incorrect("Vos valeurs sont proches de la dérivée, mais pas exactes : en x = 30, où f oscille très vite, "
                        "l'écart devient net. Un taux d'accroissement (f(x + h) − f(x)) / h n'est qu'une "
                        "approximation ; l'exercice demande la formule de f'(x), obtenue avec les règles de "
                        "dérivation.")
    # erreurs classiques repérées (le message ne donne pas la formule juste)
    if np.allclose(valeurs, pts * np.sin(pts ** 2), atol=1e-7):
        raise Incorrect("df renvoie les valeurs de f elle-même, pas celles de sa dérivée.")
    if np.allclose(valeurs, np.sin(pts ** 2) + pts * np.cos(pts ** 2), atol=1e-7):
        raise Incorrect("La dérivée de x ↦ sin(x²) n'est pas x ↦ cos(x²) : c'est une composition, "
                        "n'oubliez pas de multiplier par la dérivée de x².")
    if np.allclose(valeurs, 2 * pts ** 2 * np.cos(pts ** 2), atol=1e-7) or \
            np.allclose(valeurs, np.sin(pts ** 2), atol=1e-7):
        raise Incorrect("f est un produit x × sin(x²) : la formule (uv)' = u'v + uv' donne deux termes, "
                        "il en manque un.")
    if np.allclose(valeurs, np.cos(pts ** 2) * 2 * pts, atol=1e-7):
        raise Incorrect("Vous avez dérivé les deux facteurs et multiplié les dérivées : "
                        "la dérivée d'un produit n'est pas le produit des dérivées.")
    fautes = ~np.isclose(valeurs, attendu, rtol=_TOLERANCE_Q2, atol=_TOLERANCE_Q2)
    x_faux = pts[fautes][0]
    raise Incorrect(f"df est fausse en {int(fautes.sum())} point(s) sur {len(pts)}, par exemple en x = {x_faux}. "
                    "Comparez avec le taux d'accroissement (f(x + h) − f(x)) / h pour h petit.")


q2 = Exercice(
    "Dérivée de x sin(x²)",
    _controle_derivee,
    indices=["f est le produit de u(x) = x et de v(x) = sin(x²) : utilisez (uv)' = u'v + uv'.",
             "v est une composition : la dérivée de sin(w(x)) est w'(x) cos(w(x)).",
             "Dans votre fonction, utilisez math.sin / math.cos (ou np.sin / np.cos)."],
    solution="def df(x):\n    return math.sin(x**2) + 2 * x**2 * math.cos(x**2)",
)


# ---------------------------------------------------------------------------
# lire un graphe de calcul : quelle fonction de (x, y, z) ?
# ---------------------------------------------------------------------------

_POINTS_GRAPHE = ((2.0, 8.0, 3.0), (1.0, 1.0, 0.0), (0.5, 4.0, -1.0), (3.0, 0.0, 2.0), (-1.0, -2.0, 1.5))


def _controle_lire_graphe(calcul):
    for x, y, z in _POINTS_GRAPHE:
        r = appeler(calcul, x, y, z, nom="calcul")
        valeur = nombre(r, f"calcul({x:g}, {y:g}, {z:g})")
        attendu = math.sqrt(x * y + z ** 2)
        if math.isclose(valeur, attendu, rel_tol=1e-12, abs_tol=1e-12):
            continue
        if math.isclose(valeur, x * y + z ** 2, rel_tol=1e-12):
            raise Incorrect(f"calcul({x:g}, {y:g}, {z:g}) renvoie {valeur:g} : il manque la dernière flèche du graphe.")
        if math.isclose(valeur, math.sqrt(x * y) + abs(z), rel_tol=1e-12):
            raise Incorrect(f"calcul({x:g}, {y:g}, {z:g}) renvoie {valeur:g} : la racine s'applique au résultat de "
                            "l'addition, pas à chaque terme séparément.")
        raise Incorrect(f"calcul({x:g}, {y:g}, {z:g}) renvoie {valeur:g}, ce qui ne correspond pas au graphe. "
                        "Suivez les flèches une à une depuis les trois entrées.")


q_graphe = Exercice(
    "Lire un graphe de calcul",
    _controle_lire_graphe,
    indices=["Suivez chaque flèche : x et y entrent dans ⊗, z passe par x ↦ x², puis les deux résultats entrent "
             "dans ⊕.",
             "La dernière flèche applique la racine carrée au résultat de ⊕ (math.sqrt)."],
    solution="def calcul(x, y, z):\n    return math.sqrt(x * y + z ** 2)",
)


# ---------------------------------------------------------------------------
# q3 : dérivées locales et dérivée globale de F(x) = exp((ln x)³ + 1) en x0 = 2
# ---------------------------------------------------------------------------

def F_exercice3(x):
    """La fonction composée de l'exercice 3 : F(x) = exp((ln x)³ + 1)."""
    return math.exp(math.log(x) ** 3 + 1)


def _locales_q3(x0=2.0):
    y = math.log(x0)
    z = y ** 3 + 1
    return [1 / x0, 3 * y ** 2, math.exp(z)]


def _controle_graphe(locales, globale=...):
    if est_vide(locales):
        raise PasDeReponse
    if isinstance(locales, (str, bytes, dict, set)) or not hasattr(locales, "__len__"):
        raise Incorrect("locales doit être une liste de trois nombres : une dérivée locale par flèche.")
    if any(est_vide(v) for v in locales):
        raise PasDeReponse
    if len(locales) != 3:
        raise Incorrect(f"Le graphe a trois flèches, donc trois dérivées locales ; votre liste en contient "
                        f"{len(locales)}.")
    vals = [_nombre(v, f"La dérivée locale n° {i + 1}") for i, v in enumerate(locales)]
    attendu = _locales_q3()
    for i, (v, a) in enumerate(zip(vals, attendu)):
        if not _proche(v, a):
            etiquette = ["ln", "y ↦ y³ + 1", "exp"][i]
            conseil = ""
            if i == 1 and _proche(v, 3 * 2.0 ** 2):
                conseil = (" Attention : cette dérivée s'évalue en la valeur qui ENTRE dans la flèche "
                           "(y = ln 2), pas en x0.")
            if i == 2 and _proche(v, math.exp(2.0)):
                conseil = " Attention : exp' s'évalue en la valeur qui entre dans la flèche, pas en x0."
            raise Incorrect(f"La dérivée locale n° {i + 1} (flèche « {etiquette} ») ne convient pas.{conseil}")
    if est_vide(globale):
        raise PasDeReponse
    g = _nombre(globale, "La dérivée globale")
    produit = math.prod(attendu)
    if _proche(g, sum(attendu)):
        raise Incorrect("Vos dérivées locales sont justes, mais la dérivée globale le long d'un chemin est "
                        "le PRODUIT des dérivées locales, pas leur somme.")
    if _proche(g, F_exercice3(2.0)):
        raise Incorrect("Vos dérivées locales sont justes ; la dérivée globale n'est pas la valeur F(2) "
                        "calculée par le graphe.")
    comparer_nombre(g, produit, "la dérivée globale F'(2)", tolerance=1e-7)


q3 = Exercice(
    "Dérivées locales et globale d'un graphe de calcul",
    _controle_graphe,
    indices=["Calculez d'abord les valeurs portées par le graphe : 2, puis y = ln 2, puis z = y³ + 1, puis e^z.",
             "Chaque dérivée locale est la dérivée de la flèche, évaluée en la valeur qui entre dans cette flèche.",
             "La dérivée globale est le produit des trois dérivées locales (calculé de droite à gauche)."],
    solution=("y = math.log(2); z = y**3 + 1\n"
              "locales = [1 / 2, 3 * y**2, math.exp(z)]\n"
              "globale = locales[2] * locales[1] * locales[0]"),
)


# ---------------------------------------------------------------------------
# q4 : la règle du produit pour des couples (valeur, dérivée)
# ---------------------------------------------------------------------------

COUPLES_Q4 = [((2.0, 1.0), (3.0, 0.0)), ((2.0, 1.0), (2.0, 1.0)), ((-1.5, 4.0), (0.5, -2.0)),
              ((0.0, 1.0), (7.0, 3.0)), ((1.0, -1.0), (-2.0, 5.0))]


def _couple(r, nom):
    if est_vide(r):
        raise PasDeReponse
    if isinstance(r, (str, bytes, dict, set)) or not hasattr(r, "__len__"):
        raise Incorrect(f"{nom} doit renvoyer un couple (valeur, dérivée), par exemple un tuple de deux nombres ; "
                        f"elle renvoie un objet de type {type(r).__name__}.")
    if len(r) != 2:
        raise Incorrect(f"{nom} doit renvoyer exactement deux nombres (valeur, dérivée) ; elle en renvoie {len(r)}.")
    if any(est_vide(v) for v in r):
        raise PasDeReponse
    return _nombre(r[0], "La valeur renvoyée"), _nombre(r[1], "La dérivée renvoyée")


def _controle_fois(fois):
    for u, v in COUPLES_Q4:
        val, der = _couple(appeler(fois, u, v, nom="fois"), "fois")
        a, da = u
        b, db = v
        if not _proche(val, a * b):
            raise Incorrect(f"fois({u}, {v}) : la première composante (la valeur) ne convient pas ; "
                            "c'est simplement le produit des deux valeurs.")
        if not _proche(der, da * b + a * db):
            if _proche(der, da * db):
                raise Incorrect(f"fois({u}, {v}) : la dérivée d'un produit n'est pas le produit des dérivées.")
            if _proche(der, da * b) or _proche(der, a * db):
                raise Incorrect(f"fois({u}, {v}) : la dérivée ne convient pas, il manque un des deux termes "
                                "de la formule (uv)' = u'v + uv'.")
            raise Incorrect(f"fois({u}, {v}) : la seconde composante (la dérivée) ne convient pas.")


q4 = Exercice(
    "La règle du produit pour des nombres duaux",
    _controle_fois,
    indices=["u = (a, da) porte la valeur a de u(x0) et sa dérivée da = u'(x0) ; de même v = (b, db).",
             "La valeur du produit est a·b ; sa dérivée est donnée par (uv)' = u'v + uv'."],
    solution="def fois(u, v):\n    a, da = u\n    b, db = v\n    return (a * b, da * b + a * db)",
)


# ---------------------------------------------------------------------------
# q5 : la méthode de Newton
# ---------------------------------------------------------------------------

def _newton_ref(f, df, x0, n):
    x = x0
    for _ in range(n):
        x = x - f(x) / df(x)
    return x


def _controle_newton(newton):
    if est_vide(newton):
        raise PasDeReponse
    if not callable(newton):
        raise Incorrect(f"On attend une fonction newton(f, df, x0, n) ; vous avez donné un objet de type "
                        f"{type(newton).__name__}.")

    def f(x):
        return x * x - 2

    def df(x):
        return 2 * x

    r = appeler(newton, f, df, 1.0, 1, nom="newton")
    if isinstance(r, (list, tuple)) or (isinstance(r, np.ndarray) and r.size > 1):
        raise Incorrect("newton doit renvoyer seulement la dernière valeur x_n (un nombre), pas la liste des itérés.")
    x1 = _nombre(r, "newton(f, df, 1.0, 1)")
    if _proche(x1, 1.0 + f(1.0) / df(1.0)):
        raise Incorrect("Avec f(x) = x² − 2, x0 = 1 et une itération, votre résultat part du mauvais côté : "
                        "vérifiez le signe dans x − f(x)/f'(x).")
    if _proche(x1, _newton_ref(f, df, 1.0, 2)):
        raise Incorrect("Avec n = 1, votre fonction fait une itération de trop : la boucle doit tourner "
                        "exactement n fois.")
    if _proche(x1, 1.0):
        raise Incorrect("Avec n = 1, votre fonction renvoie x0 sans l'avoir modifié : la variable x est-elle "
                        "bien mise à jour dans la boucle ?")
    if not _proche(x1, _newton_ref(f, df, 1.0, 1)):
        raise Incorrect("Avec f(x) = x² − 2, x0 = 1 et une seule itération, le résultat ne convient pas. "
                        "Une itération remplace x par x − f(x)/f'(x).")
    x0 = _nombre(appeler(newton, f, df, 1.0, 0, nom="newton"), "newton(f, df, 1.0, 0)")
    if not _proche(x0, 1.0):
        raise Incorrect("Avec n = 0 (aucune itération), newton doit renvoyer x0 tel quel.")
    for n in (2, 3):
        xn = _nombre(appeler(newton, f, df, 1.0, n, nom="newton"), f"newton(f, df, 1.0, {n})")
        if not _proche(xn, _newton_ref(f, df, 1.0, n), 1e-10):
            raise Incorrect(f"Avec n = {n} itérations, le résultat ne convient pas : la boucle doit repartir "
                            "à chaque tour de la valeur précédente.")
    r6 = _nombre(appeler(newton, f, df, 1.0, 6, nom="newton"), "newton(f, df, 1.0, 6)")
    if not _proche(r6, math.sqrt(2), 1e-12):
        raise Incorrect("Après 6 itérations pour x² − 2 = 0 depuis 1, on devrait être très près de √2.")
    # une autre fonction, pour s'assurer que f et df ne sont pas figées dans le code
    g = lambda x: math.cos(x) - x  # noqa: E731
    dg = lambda x: -math.sin(x) - 1  # noqa: E731
    r = _nombre(appeler(newton, g, dg, 1.0, 5, nom="newton"), "newton(g, dg, 1.0, 5)")
    if not _proche(r, _newton_ref(g, dg, 1.0, 5), 1e-10):
        raise Incorrect("Votre fonction marche pour x² − 2 mais pas pour cos(x) − x : utilise-t-elle bien "
                        "les fonctions f et df reçues en arguments ?")


q5 = Exercice(
    "La méthode de Newton",
    _controle_newton,
    indices=["Partez de x = x0, puis répétez n fois (for _ in range(n)) la mise à jour.",
             "La mise à jour est x ← x − f(x) / df(x) ; à la fin, renvoyez x."],
    solution=("def newton(f, df, x0, n):\n    x = x0\n    for _ in range(n):\n"
              "        x = x - f(x) / df(x)\n    return x"),
)

# Numérotation dans l'ordre où les exercices apparaissent dans le chapitre.
_q_locales, _q_produit, _q_newton = q3, q4, q5
q3, q4, q5, q6 = q_graphe, _q_locales, _q_produit, _q_newton
del q_graphe, _q_locales, _q_produit, _q_newton   # un seul nom par exercice
EXERCICES = [q1, q2, q3, q4, q5, q6]
