"""Exercices du chapitre 07 : gradient.

* ``q1`` : écrire ``grad_numerique(f, x, y, h)`` par différences centrées ;
* ``q2`` : calculer un gradient à la main ;
* ``q3`` : dérivée directionnelle et pente maximale ;
* ``q4`` : nature de deux points critiques ;
* ``q5`` : la règle du produit pour des nombres duaux porteurs d'un gradient (section 3.3) ;
* ``q6`` : formule du sourire sur un petit réseau (section 4.3).

Les contrôles recalculent eux-mêmes la bonne réponse ; leurs messages disent
ce qui ne va pas (quelle composante, quel point) sans donner de valeur.
"""
import math
import numbers
import unicodedata

import numpy as np

from . import (Exercice, Incorrect, PasDeReponse, appeler, comparer_nombre, est_vide, majuscule,
               ne_conviennent_pas, vecteur)

__all__ = ["q1", "q2", "q3", "q4", "q5", "q6", "EXERCICES", "f_q2", "POINT_Q2", "f_q4", "POINTS_Q4",
           "reseau_q6", "POINT_Q6"]


def _reel(reponse):
    """Accepte une fraction (``Fraction``), comme celles du chapitre, en la convertissant en ``float``."""
    if isinstance(reponse, numbers.Rational) and not isinstance(reponse, (bool, int, np.integer)):
        return float(reponse)
    return reponse


# --------------------------------------------------------------------------- q1
def _centre(f, x, y, h):
    return np.array([(f(x + h, y) - f(x - h, y)) / (2 * h), (f(x, y + h) - f(x, y - h)) / (2 * h)])


def _avant(f, x, y, h):
    return np.array([(f(x + h, y) - f(x, y)) / h, (f(x, y + h) - f(x, y)) / h])


_CAS_Q1 = [
    ("x²y³", lambda x, y: x ** 2 * y ** 3, 2.0, 1.0, 1e-4),
    ("x³ + y³", lambda x, y: x ** 3 + y ** 3, 1.0, 1.0, 0.1),
    ("sin(x)·exp(y)", lambda x, y: math.sin(x) * math.exp(y), 0.5, -0.3, 1e-3),
    ("x² − y³ + xy", lambda x, y: x ** 2 - y ** 3 + x * y, -1.0, 2.0, 0.05),
]


def _controle_grad_numerique(grad_numerique):
    if est_vide(grad_numerique):
        raise PasDeReponse
    if not callable(grad_numerique):
        raise Incorrect(f"On attend une fonction grad_numerique(f, x, y, h) ; vous avez donné un objet de type "
                        f"{type(grad_numerique).__name__}.")
    for nom_f, f, x, y, h in _CAS_Q1:
        resultat = appeler(grad_numerique, f, x, y, h, nom="grad_numerique")
        appel = f"grad_numerique(f, {x}, {y}, {h}) pour f(x, y) = {nom_f}"
        v = vecteur(resultat, 2, f"Le résultat de {appel}")
        attendu = _centre(f, x, y, h)
        if np.allclose(v, attendu, rtol=1e-7, atol=1e-9):
            continue
        if np.allclose(v, _avant(f, x, y, h), rtol=1e-7, atol=1e-9):
            raise Incorrect(f"{appel} : votre quotient n'utilise qu'un côté du point (f(x + h) − f(x)) / h. "
                            "La différence centrée compare f en x + h et en x − h.")
        if np.allclose(v, attendu[::-1], rtol=1e-7, atol=1e-9):
            raise Incorrect(f"{appel} : les deux composantes sont dans le désordre ; "
                            "la première doit être la dérivée partielle par rapport à x.")
        faux = [nom for nom, ok in zip(("∂f/∂x", "∂f/∂y"), np.isclose(v, attendu, rtol=1e-7, atol=1e-9)) if not ok]
        composantes = ne_conviennent_pas(faux, "la composante", "les composantes")
        raise Incorrect(f"{appel} : {composantes}. Utilisez bien le pas h reçu en argument, et divisez par 2h.")


q1 = Exercice(
    "grad_numerique par différences centrées",
    _controle_grad_numerique,
    indices=["Pour ∂f/∂x, seul x bouge : comparez f(x + h, y) et f(x − h, y).",
             "L'écart entre x − h et x + h vaut 2h : c'est par lui qu'on divise.",
             "Renvoyez les deux nombres dans l'ordre (∂f/∂x, ∂f/∂y), par exemple dans un tableau np.array([dx, dy])."],
    solution=("def grad_numerique(f, x, y, h=1e-5):\n"
              "    dx = (f(x + h, y) - f(x - h, y)) / (2 * h)\n"
              "    dy = (f(x, y + h) - f(x, y - h)) / (2 * h)\n"
              "    return np.array([dx, dy])"),
)


# --------------------------------------------------------------------------- q2
def f_q2(x, y):
    """La fonction de l'exercice 2 : f(x, y) = x³y + 2y² − 5x."""
    return x ** 3 * y + 2 * y ** 2 - 5 * x


POINT_Q2 = (1.0, 2.0)


def _grad_q2(x, y):
    return np.array([3 * x ** 2 * y - 5, x ** 3 + 4 * y])


def _controle_gradient(gradient):
    v = vecteur(gradient, 2, "Le gradient")
    attendu = _grad_q2(*POINT_Q2)
    ok = np.isclose(v, attendu, rtol=1e-9, atol=1e-9)
    if ok.all():
        return
    if np.allclose(v, attendu[::-1]):
        raise Incorrect("Les deux composantes sont dans le désordre : la première est la dérivée partielle par "
                        "rapport à x, la seconde par rapport à y.")
    messages = []
    if not ok[0]:
        messages.append("la composante ∂f/∂x ne convient pas (dérivez par rapport à x en traitant y comme une "
                        "constante : que devient le terme 2y² ?)")
    if not ok[1]:
        messages.append("la composante ∂f/∂y ne convient pas (dérivez par rapport à y en traitant x comme une "
                        "constante : que devient le terme −5x ?)")
    raise Incorrect(majuscule(" ; ".join(messages)) + ". Vérifiez aussi que vous évaluez bien au point (1, 2).")


q2 = Exercice(
    "Un gradient à la main",
    _controle_gradient,
    indices=["Un terme qui ne contient pas la variable de dérivation est une constante : sa dérivée partielle "
             "est nulle.",
             "∂/∂x (x³y) = 3x²y et ∂/∂y (x³y) = x³.",
             "Remplacez ensuite x par 1 et y par 2 dans les deux dérivées partielles."],
    solution=("# ∂f/∂x = 3x²y − 5 et ∂f/∂y = x³ + 4y, évaluées en (1, 2) :\n"
              "gradient = [3 * 1**2 * 2 - 5, 1**3 + 4 * 2]   # [1, 9]"),
)


# --------------------------------------------------------------------------- q3
_GRAD_Q3 = np.array([4.0, 12.0])       # grad de x²y³ en (2, 1)
_V_Q3 = np.array([3 / 5, 4 / 5])


def _controle_directionnelle(derivee, pente_max):
    if est_vide(derivee) or est_vide(pente_max):
        raise PasDeReponse
    derivee, pente_max = _reel(derivee), _reel(pente_max)
    comparer_nombre(derivee, float(_GRAD_Q3 @ _V_Q3), "La dérivée directionnelle D_v f(2, 1)")
    if isinstance(pente_max, (int, float, np.number)) and not isinstance(pente_max, bool) \
            and math.isclose(float(pente_max), float(_GRAD_Q3.sum()), rel_tol=1e-9):
        raise Incorrect("La pente maximale n'est pas la somme des composantes du gradient : "
                        "pensez à la longueur (la norme) du vecteur.")
    # Tolérance 1e-4 : une racine carrée arrondie au centième par l'étudiant reste acceptée.
    comparer_nombre(pente_max, float(np.linalg.norm(_GRAD_Q3)), "La pente maximale", tolerance=1e-4)


q3 = Exercice(
    "Dérivée directionnelle et pente maximale",
    _controle_directionnelle,
    indices=["D_v f = h ∂f/∂x + k ∂f/∂y : c'est le produit scalaire du gradient avec v = (h, k).",
             "Parmi les vecteurs v de longueur 1, le produit scalaire ‖grad f‖·‖v‖·cos θ est le plus grand pour θ = 0.",
             "La norme d'un vecteur (p, q) vaut √(p² + q²) ; en Python : math.hypot(p, q) ou np.linalg.norm."],
    solution=("derivee = 4 * 3/5 + 12 * 4/5          # 12\n"
              "pente_max = math.hypot(4, 12)         # √160 ≈ 12.65"),
)


# --------------------------------------------------------------------------- q4
def f_q4(x, y):
    """La fonction de l'exercice 4 : f(x, y) = x³ − 3x + y²."""
    return x ** 3 - 3 * x + y ** 2


POINTS_Q4 = {"A": (1.0, 0.0), "B": (-1.0, 0.0)}
_NATURES_Q4 = {"A": "minimum", "B": "selle"}
_SYNONYMES = {
    "minimum": "minimum", "min": "minimum", "minimum local": "minimum",
    "maximum": "maximum", "max": "maximum", "maximum local": "maximum",
    "selle": "selle", "point selle": "selle", "point-selle": "selle", "col": "selle",
    "point de selle": "selle", "point col": "selle", "point-col": "selle", "selle de cheval": "selle",
    "ni minimum ni maximum": "selle", "ni min ni max": "selle",
}


def _normaliser(texte):
    sans_accents = "".join(c for c in unicodedata.normalize("NFD", texte) if unicodedata.category(c) != "Mn")
    return " ".join(sans_accents.lower().replace("_", " ").split())


def _controle_natures(nature_A, nature_B):
    if est_vide(nature_A) or est_vide(nature_B):
        raise PasDeReponse
    for nom, reponse in (("A", nature_A), ("B", nature_B)):
        if not isinstance(reponse, str):
            raise Incorrect(f"La nature du point {nom} doit être une chaîne de caractères entre guillemets, "
                            "par exemple \"maximum\".")
        cle = _normaliser(reponse)
        if cle not in _SYNONYMES:
            raise Incorrect(f"Réponse « {reponse} » non reconnue pour le point {nom} : répondez par "
                            "« minimum », « maximum » ou « selle ».")
        if _SYNONYMES[cle] != _NATURES_Q4[nom]:
            x0, y0 = POINTS_Q4[nom]
            raise Incorrect(f"La nature du point {nom} ne convient pas. Étudiez séparément les deux tranches "
                            f"x ↦ f(x, {y0:g}) et y ↦ f({x0:g}, y) autour de ce point.")


q4 = Exercice(
    "Nature de deux points critiques",
    _controle_natures,
    indices=["Le long de la tranche y = 0, f(x, 0) = x³ − 3x : tracez-la ou étudiez le signe de sa dérivée.",
             "Le long d'une tranche verticale x = x₀, f(x₀, y) = constante + y² : toujours un minimum en y = 0.",
             "Si une tranche présente un minimum et l'autre un maximum, le point n'est ni l'un ni l'autre."],
    solution=("nature_A = \"minimum\"   # les deux tranches ont un minimum en A, et les lignes de niveau\n"
              "                      # y forment de petites courbes fermées\n"
              "nature_B = \"selle\"     # x ↦ f(x, 0) a un maximum en −1, y ↦ f(−1, y) un minimum en 0"),
)


# --------------------------------------------------------------------------- q6
POINT_Q6 = {"x": 2.0, "a": 1.0, "b": 1.0, "c": 0.5}


def reseau_q6(x, a, b, c):
    """Le réseau de l'exercice 5 : F = h(c · g(a x + b)) avec g(u) = u² et h(v) = v²."""
    return (c * (a * x + b) ** 2) ** 2


def _derivees_q6(x, a, b, c):
    s = a * x + b
    return {"∂F/∂c": 2 * c * s ** 4, "∂F/∂a": 4 * c ** 2 * s ** 3 * x, "∂F/∂b": 4 * c ** 2 * s ** 3}


def _controle_sourire(dF_dc, dF_da, dF_db):
    if est_vide(dF_dc) or est_vide(dF_da) or est_vide(dF_db):
        raise PasDeReponse
    attendu = _derivees_q6(**POINT_Q6)
    for (nom, valeur), reponse in zip(attendu.items(), (dF_dc, dF_da, dF_db)):
        try:
            comparer_nombre(_reel(reponse), valeur, nom)
        except Incorrect as erreur:
            conseil = {"∂F/∂c": " Pour le poids de sortie, c'est la formule du demi-sourire.",
                       "∂F/∂a": " N'oubliez pas le facteur x (la valeur qui entre dans l'arête a).",
                       "∂F/∂b": " Pour un biais, la valeur qui entre dans l'arête vaut 1."}[nom]
            raise Incorrect(str(erreur) + conseil) from None


q6 = Exercice(
    "La formule du sourire sur un petit réseau",
    _controle_sourire,
    indices=["Commencez par les valeurs : a x + b, puis g_* = (a x + b)², puis h_* = (c g_*)², et les dérivées "
             "g'_* = 2(a x + b), h'_* = 2 c g_*.",
             "Demi-sourire pour le poids de sortie : ∂F/∂c = g_* · h'_*.",
             "Sourire : ∂F/∂a = x · (g'_* / g_*) · c · ∂F/∂c ; pour le biais, remplacez x par 1."],
    solution=("# a x + b = 3, g_* = 9, g'_* = 6, c g_* = 4.5, h'_* = 9\n"
              "dF_dc = 9 * 9                      # 81\n"
              "dF_da = 2 * (6 / 9) * 0.5 * dF_dc  # 54\n"
              "dF_db = 1 * (6 / 9) * 0.5 * dF_dc  # 27"),
)

# --------------------------------------------------------------------------- q5
_CAS_Q5 = [
    ((2.0, [1.0, 0.0]), (3.0, [0.0, 1.0])),                     # x · y en (2, 3)
    ((9.0, [6.0, 0.0]), (2.0, [0.0, 1.0])),                     # x² · y en (3, 2)
    ((-1.5, [0.5, 2.0, -1.0]), (0.25, [3.0, -0.5, 4.0])),       # trois variables
    ((4.0, [1, 2]), (5.0, [3, 4])),                             # gradients donnés en entiers
]


def _controle_produit_dual(produit_dual):
    for (u, gu), (v, gv) in _CAS_Q5:
        resultat = appeler(produit_dual, (u, np.array(gu)), (v, np.array(gv)), nom="produit_dual")
        if not isinstance(resultat, (tuple, list)) or len(resultat) != 2:
            raise Incorrect("produit_dual doit renvoyer un couple (valeur, gradient), comme ses deux arguments.")
        valeur, gradient = resultat
        gu_, gv_ = np.asarray(gu, dtype=float), np.asarray(gv, dtype=float)
        comparer_nombre(valeur, u * v, "la valeur du produit")
        g = vecteur(gradient, len(gu_), "le gradient du produit")
        attendu = gu_ * v + u * gv_
        if np.allclose(g, attendu, rtol=1e-12, atol=1e-12):
            continue
        texte = f"pour u = ({u:g}, {list(gu_)}) et v = ({v:g}, {list(gv_)})"
        if np.allclose(g, gu_ * gv_):
            raise Incorrect(f"Le gradient ne convient pas {texte} : le gradient d'un produit n'est pas le produit "
                            "des gradients. Pensez à la règle (uv)' = u'v + uv'.")
        if np.allclose(g, gu_ * v) or np.allclose(g, u * gv_):
            raise Incorrect(f"Le gradient ne convient pas {texte} : il manque l'un des deux termes de la règle "
                            "du produit.")
        if np.allclose(g, gu_ * u + v * gv_):
            raise Incorrect(f"Le gradient ne convient pas {texte} : chaque gradient doit être multiplié par la "
                            "valeur de l'AUTRE facteur.")
        raise Incorrect(f"Le gradient ne convient pas {texte} : appliquez la règle du produit composante par "
                        "composante.")


q5 = Exercice(
    "La règle du produit pour un gradient",
    _controle_produit_dual,
    indices=["Pour une seule variable, (uv)' = u'v + uv'. Pour chaque variable x_i, c'est la même règle avec "
             "∂/∂x_i : le gradient du produit est grad u · v + u · grad v.",
             "Avec des tableaux NumPy : return (u * v, gu * v + u * gv), après avoir écrit u, gu = paire_u."],
    solution=("def produit_dual(paire_u, paire_v):\n"
              "    u, gu = paire_u\n"
              "    v, gv = paire_v\n"
              "    return u * v, gu * v + u * gv"),
)

EXERCICES = [q1, q2, q3, q4, q5, q6]
