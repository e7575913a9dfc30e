"""Exercices du chapitre 03 : fonctions de plusieurs variables.

Les contrôles recalculent eux-mêmes la bonne réponse (grille, formule, tranches)
et disent ce qui ne va pas sans la donner : point hors de la grille, valeur de
z qui ne correspond pas au point, coordonnées échangées, nombre de réponses
fausses…
"""
import unicodedata

import numpy as np

from . import Exercice, Incorrect, PasDeReponse, appeler, comparer_nombre, est_vide, majuscule, vecteur

__all__ = ["q1", "q2", "q3", "q4", "q5", "EXERCICES", "h", "POINTS_X", "POINTS_Y",
           "grille_reference", "resserree_reference", "erreur_regression_reference", "FONCTIONS_QUADRIQUES"]


# ---------------------------------------------------------------------------
# Outils communs
# ---------------------------------------------------------------------------

def grille_reference(f, xmin, xmax, ymin, ymax, N):
    """Minimum de ``f`` (vectorisée) sur la grille N × N : renvoie (x0, y0, z0).

    >>> grille_reference(lambda x, y: (x - 1) ** 2 + y ** 2, -2, 2, -2, 2, 5)
    (1.0, 0.0, 0.0)
    """
    X, Y = np.meshgrid(np.linspace(xmin, xmax, N), np.linspace(ymin, ymax, N))
    Z = f(X, Y)
    i = np.unravel_index(np.argmin(Z), Z.shape)
    return float(X[i]), float(Y[i]), float(Z[i])


# ---------------------------------------------------------------------------
# q1 : resserrer la grille autour du meilleur point
# ---------------------------------------------------------------------------

def _g_mediane(x, y):
    """Somme des distances aux points A(1, 2), B(3, 5), C(6, 1) (exemple du livre)."""
    return (np.sqrt((x - 1) ** 2 + (y - 2) ** 2) + np.sqrt((x - 3) ** 2 + (y - 5) ** 2)
            + np.sqrt((x - 6) ** 2 + (y - 1) ** 2))


def resserree_reference(f, x0, y0, largeur, N, etapes):
    """Recherche sur des grilles de plus en plus fines, recentrées sur le meilleur point : renvoie (x, y, z).

    Chaque étape cherche le minimum sur la grille N × N du carré de centre (x0, y0) et de demi-côté
    ``largeur``, puis recentre et remplace ``largeur`` par le pas de cette grille, 2·largeur / (N − 1).

    >>> resserree_reference(lambda x, y: (x - 1) ** 2 + y ** 2, 0, 0, 2, 5, 2)
    (1.0, 0.0, 0.0)
    """
    z0 = None
    for _ in range(etapes):
        x0, y0, z0 = grille_reference(f, x0 - largeur, x0 + largeur, y0 - largeur, y0 + largeur, N)
        largeur = 2 * largeur / (N - 1)
    return x0, y0, z0


_CAS_RESSERRE = [
    (lambda x, y: (x - 1) ** 2 + (y + 0.5) ** 2, (0.0, 0.0, 2.0, 11, 3), "(x - 1)² + (y + 0.5)²"),
    (_g_mediane, (3.0, 3.0, 3.0, 21, 4), "MA + MB + MC"),
    (lambda x, y: x ** 2 + 2 * y ** 2 - x * y - 3 * x + 1, (0.0, 0.0, 3.0, 7, 6), "h"),
    (lambda x, y: np.abs(x - 0.3) + np.abs(y - 0.2), (0.0, 0.0, 1.0, 5, 1), "|x − 0,3| + |y − 0,2|"),
]


def _controle_resserree(recherche_resserree):
    for f, (x0, y0, largeur, N, etapes), nom_f in _CAS_RESSERRE:
        evaluations = [0]

        def f_comptee(x, y, f=f, evaluations=evaluations):
            evaluations[0] += max(np.size(x), np.size(y))
            return f(x, y)

        appel = f"recherche_resserree(f, {x0:g}, {y0:g}, {largeur:g}, {N}, {etapes}) avec f = {nom_f}"
        resultat = appeler(recherche_resserree, f_comptee, x0, y0, largeur, N, etapes, nom="recherche_resserree")
        x, y, z = vecteur(resultat, 3, f"le résultat de {appel}")
        ax, ay, az = resserree_reference(f, x0, y0, largeur, N, etapes)
        if not np.isclose(z, float(f(x, y)), rtol=1e-9, atol=1e-9):
            raise Incorrect(f"{appel} : la valeur z renvoyée n'est pas f(x, y).")
        if evaluations[0] > etapes * (N * N + 1):
            raise Incorrect(f"{appel} : f a été évaluée en {evaluations[0]} points, alors que {etapes} grilles de "
                            f"{N} × {N} points n'en demandent que {etapes * N * N}. Chaque étape ne doit explorer "
                            "qu'une grille de N × N points.")
        if np.allclose((x, y), (ax, ay), atol=1e-6):
            continue
        un_pas = resserree_reference(f, x0, y0, largeur, N, 1)
        if etapes > 1 and np.allclose((x, y), un_pas[:2], atol=1e-6):
            raise Incorrect(f"{appel} : votre résultat est celui de la première grille seulement. Il faut "
                            f"recommencer {etapes} fois, en recentrant la grille sur le meilleur point trouvé.")
        if evaluations[0] < etapes * N * N:
            raise Incorrect(f"{appel} : f n'a été évaluée qu'en {evaluations[0]} points ; {etapes} grilles de "
                            f"{N} × {N} points en demandent {etapes * N * N}.")
        raise Incorrect(f"{appel} : le point renvoyé n'est pas celui qu'on attend. À chaque étape, la grille est "
                        "centrée sur le meilleur point de l'étape précédente, et sa nouvelle demi-largeur est le "
                        "pas de l'ancienne grille, 2 × largeur / (N − 1).")


q1 = Exercice(
    "Resserrer la grille",
    _controle_resserree,
    indices=["Une boucle for de etapes tours. Dans chaque tour : un appel à recherche_grille sur le carré "
             "[x0 − largeur, x0 + largeur] × [y0 − largeur, y0 + largeur], puis la mise à jour de x0, y0 et largeur.",
             "Le pas de la grille, qui devient la nouvelle demi-largeur, vaut 2 * largeur / (N - 1).",
             "Renvoyez le dernier triplet (x0, y0, z0) trouvé."],
    solution=("def recherche_resserree(f, x0, y0, largeur, N, etapes):\n"
              "    for _ in range(etapes):\n"
              "        x0, y0, z0 = recherche_grille(f, x0 - largeur, x0 + largeur, y0 - largeur, y0 + largeur, N)\n"
              "        largeur = 2 * largeur / (N - 1)\n"
              "    return x0, y0, z0"),
)


# ---------------------------------------------------------------------------
# q2 : minimum de h à 0,01 près
# ---------------------------------------------------------------------------

def h(x, y):
    """La fonction quadratique des exercices 2 et 3."""
    return x ** 2 + 2 * y ** 2 - x * y - 3 * x + 1


_MIN_H = (12 / 7, 3 / 7)  # le gradient s'annule en ce point (chapitre 07)


def _controle_minimum_h(minimum_h):
    x0, y0 = vecteur(minimum_h, 2, "Le point (x0, y0)")
    for valeur, exact, nom in ((x0, _MIN_H[0], "x0"), (y0, _MIN_H[1], "y0")):
        if abs(valeur - exact) > 0.01:
            if abs(x0 - _MIN_H[1]) <= 0.01 and abs(y0 - _MIN_H[0]) <= 0.01:
                raise Incorrect("Les deux coordonnées semblent échangées : donnez d'abord x0, puis y0.")
            sens = "trop grande" if valeur > exact else "trop petite"
            raise Incorrect(f"La coordonnée {nom} n'est pas à 0,01 près : elle est {sens}. "
                            f"Votre grille est-elle assez fine, et couvre-t-elle bien le carré [-3, 3] × [-3, 3] ?")


q2 = Exercice(
    "Minimum de h à 0,01 près",
    _controle_minimum_h,
    indices=["Pour un pas de 0,01 sur [-3, 3], il faut 601 valeurs par axe : np.linspace(-3, 3, 601).",
             "Utilisez la fonction recherche_grille de la section 2.4 et gardez les deux premières composantes du "
             "résultat."],
    solution="minimum_h = recherche_grille(h, -3, 3, -3, 3, 601)[:2]",
)


# ---------------------------------------------------------------------------
# q5 : fonction d'erreur de la régression
# ---------------------------------------------------------------------------

POINTS_X = np.array([2.0, 3.0, 4.0, 5.0, 6.0])
POINTS_Y = np.array([3.0, 5.0, 4.0, 6.0, 6.0])


def erreur_regression_reference(a, b, x, y):
    """Somme des carrés des distances des points (x_i, y_i) à la droite y = a x + b."""
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    return float(np.sum((a * x - y + b) ** 2) / (1 + a ** 2))


def _controle_regression(erreur_regression):
    autres_x = np.array([0.0, 1.0, -2.0])
    autres_y = np.array([1.0, -1.0, 0.5])
    essais = [(0.8, 1.6, POINTS_X, POINTS_Y), (0.0, 0.0, POINTS_X, POINTS_Y), (-1.5, 2.0, POINTS_X, POINTS_Y),
              (2.0, -1.0, autres_x, autres_y), (0.0, 4.0, autres_x, autres_y)]
    for a, b, x, y in essais:
        resultat = appeler(erreur_regression, a, b, x.copy(), y.copy(), nom="erreur_regression")
        nom = f"erreur_regression({a}, {b}, x, y)" + ("" if x is POINTS_X else " (avec d'autres points)")
        try:
            valeur = float(np.asarray(resultat, dtype=float).item())
        except (TypeError, ValueError):
            raise Incorrect(f"{nom} doit renvoyer un seul nombre ; elle renvoie {type(resultat).__name__} "
                            f"{np.shape(resultat) if hasattr(resultat, 'shape') else ''}. "
                            "N'oubliez pas de faire la somme sur tous les points.") from None
        attendu = erreur_regression_reference(a, b, x, y)
        if not np.isclose(valeur, attendu, rtol=1e-7, atol=1e-9):
            sans_facteur = float(np.sum((a * x - y + b) ** 2))
            if a != 0 and np.isclose(valeur, sans_facteur, rtol=1e-7):
                raise Incorrect(f"{nom} est incorrect, alors que votre fonction est juste quand a = 0 : "
                                "relisez la formule de la distance d'un point à une droite, qui n'est pas "
                                "la distance verticale.")
            if np.isclose(valeur, attendu / len(x), rtol=1e-7) or np.isclose(valeur, attendu * len(x), rtol=1e-7):
                raise Incorrect(f"{nom} est incorrect : on attend une somme sur les points, pas une moyenne.")
            sens = "trop grande" if valeur > attendu else "trop petite"
            raise Incorrect(f"{nom} renvoie {valeur:.6g}, valeur {sens}.")


q5 = Exercice(
    "La fonction d'erreur de la régression",
    _controle_regression,
    indices=["x et y sont des tableaux NumPy : a * x - y + b est le tableau des quantités a x_i - y_i + b.",
             "Élevez au carré, faites la somme avec np.sum, puis divisez par 1 + a²."],
    solution=("def erreur_regression(a, b, x, y):\n"
              "    return np.sum((a * x - y + b) ** 2) / (1 + a ** 2)"),
)


# ---------------------------------------------------------------------------
# q4 : reconnaître une surface quadratique
# ---------------------------------------------------------------------------

#: Les quatre fonctions de l'exercice 4, dans l'ordre (formule LaTeX, fonction).
FONCTIONS_QUADRIQUES = [
    (r"f_1(x, y) = 2x^2 + y^2 + 3", lambda x, y: 2 * x ** 2 + y ** 2 + 3),
    (r"f_2(x, y) = y^2 - 3x^2", lambda x, y: y ** 2 - 3 * x ** 2),
    (r"f_3(x, y) = (x - y)^2", lambda x, y: (x - y) ** 2),
    (r"f_4(x, y) = -x^2 - 4y^2", lambda x, y: -x ** 2 - 4 * y ** 2),
]
_TYPES = ["elliptique", "hyperbolique", "cylindre", "elliptique"]


_NOMS_TYPES = {
    "elliptique": "elliptique", "paraboloide elliptique": "elliptique", "un paraboloide elliptique": "elliptique",
    "cylindre": "cylindre", "cylindre parabolique": "cylindre", "un cylindre parabolique": "cylindre",
    "cylindrique": "cylindre",
    "hyperbolique": "hyperbolique", "paraboloide hyperbolique": "hyperbolique",
    "un paraboloide hyperbolique": "hyperbolique", "selle": "hyperbolique", "selle de cheval": "hyperbolique",
    "une selle": "hyperbolique", "col": "hyperbolique",
}


def _normaliser_type(texte):
    """Le type nommé par la réponse, ou None : seuls les noms exacts (accents et majuscules libres) comptent.

    Une réponse comme « pas elliptique » ou « elliptique ou cylindre » n'est pas un nom : elle est refusée.

    >>> _normaliser_type(" Paraboloïde elliptique "), _normaliser_type("pas elliptique")
    ('elliptique', None)
    """
    t = unicodedata.normalize("NFKD", texte).encode("ascii", "ignore").decode().lower()
    t = " ".join(t.replace("-", " ").split()).rstrip(".")
    return _NOMS_TYPES.get(t)


def _controle_quadriques(types):
    if est_vide(types):
        raise PasDeReponse
    if isinstance(types, str) or not isinstance(types, (list, tuple)):
        raise Incorrect(f"On attend une liste de 4 chaînes de caractères ; vous avez donné un objet de type "
                        f"{type(types).__name__}.")
    if any(est_vide(t) for t in types):
        raise PasDeReponse
    if len(types) != 4:
        raise Incorrect(f"On attend 4 réponses, une par fonction ; votre liste en contient {len(types)}.")
    normes = []
    for numero, t in enumerate(types, start=1):
        if not isinstance(t, str):
            raise Incorrect(f"La réponse n° {numero} doit être une chaîne de caractères (entre guillemets).")
        n = _normaliser_type(t)
        if n is None:
            raise Incorrect(f"La réponse n° {numero} ({t!r}) n'est pas l'un des trois noms possibles : "
                            "\"elliptique\", \"cylindre\" ou \"hyperbolique\".")
        normes.append(n)
    fautes = sum(n != attendu for n, attendu in zip(normes, _TYPES))
    if fautes:
        raise Incorrect(f"{fautes} réponse(s) sur 4 ne conviennent pas. Regardez la forme des lignes de niveau "
                        "(ellipses, droites ou hyperboles) et le sens des paraboles dans les tranches.")


q4 = Exercice(
    "Reconnaître une surface quadratique",
    _controle_quadriques,
    indices=["Cherchez d'abord les lignes de niveau : des ellipses, des droites parallèles ou des hyperboles ?",
             "Un paraboloïde elliptique peut être tourné vers le bas : ses lignes de niveau restent des ellipses.",
             "Pour (x - y)², posez u = x - y : la fonction ne dépend que de u."],
    solution="types = [\"elliptique\", \"hyperbolique\", \"cylindre\", \"elliptique\"]",
)


# ---------------------------------------------------------------------------
# q3 : la recherche par tranches, à la main
# ---------------------------------------------------------------------------

_TRANCHES = (0.0, 1.5, 0.375)  # y0, x1, y1 pour h en partant de x0 = 0


def _controle_tranches(tranches):
    v = vecteur(tranches, 3, "Le triplet (y0, x1, y1)")
    noms = ["y0 (minimum de la tranche x = 0)", "x1 (minimum de la tranche y = y0)",
            "y1 (minimum de la tranche x = x1)"]
    for valeur, exact, nom in zip(v, _TRANCHES, noms):
        if abs(valeur - exact) > 1e-3:
            sens = "trop grand" if valeur > exact else "trop petit"
            raise Incorrect(f"{majuscule(nom)} ne convient pas : {valeur:.6g} est {sens}. Écrivez la fonction "
                            "d'une variable obtenue en fixant l'autre variable, puis annulez sa dérivée.")


q3 = Exercice(
    "La recherche par tranches, à la main",
    _controle_tranches,
    indices=["Pour x = 0, la tranche est y ↦ h(0, y) = 2y² + 1 : où sa dérivée s'annule-t-elle ?",
             "Pour y = y0 fixé, x ↦ h(x, y0) est un polynôme du second degré en x ; "
             "le minimum de αx² + βx + γ (α > 0) est en x = -β / (2α).",
             "Pour x = x1 fixé, h(x1, y) = 2y² - x1·y + (termes sans y)."],
    solution=("tranches_h = (0, 1.5, 0.375)   # h(0, y) = 2y² + 1 ; h(x, 0) = x² - 3x + 1 ; "
              "h(1.5, y) = 2y² - 1.5y - 1.25\n"
              "# Pourquoi une étape ne suffit pas : à cause du terme -xy, le minimum de la tranche y ↦ h(x, y)\n"
              "# est en y = x/4, il dépend de x ; chaque nouvelle valeur de x déplace donc celui de y.\n"
              "# Pour 3x² + 3y² - 20x - 16y + 76, sans terme xy, le minimum en y vaut 8/3 quel que soit x :\n"
              "# une étape tombe sur le minimum (10/3, 8/3)."),
)

EXERCICES = [q1, q2, q3, q4, q5]


def _verifier_minimum_h():
    """Contrôle interne : la grille de pas 0,01 trouve bien le minimum à 0,01 près."""
    x0, y0, _ = grille_reference(h, -3, 3, -3, 3, 601)
    comparer_nombre(x0, _MIN_H[0], "x0", tolerance=0.01)
    comparer_nombre(y0, _MIN_H[1], "y0", tolerance=0.01)
