"""Exercices du chapitre 04 : NumPy et Matplotlib avec deux variables.

Les données des exercices sont définies ici (et recopiées dans le chapitre) :

* q1 : table de g(x, y) = x² − y sur la grille VX = linspace(−1, 1, 5), VY = linspace(0, 2, 3) ;
* q2 : aplatir puis remettre en forme M = [[1, …, 4], [5, …, 8], [9, …, 12]] ;
* q3 : extraire un bloc et une colonne du tableau T[i, j] = 10 i + j (5 lignes, 6 colonnes) ;
* q4 : vectoriser une fonction « rampe » écrite avec des tests ;
* q5 : minimum sur une grille de h(x, y) = x² + x y + y² − 3x.
"""
import numpy as np

from . import Exercice, Incorrect, PasDeReponse, appeler, comparer_nombre, comparer_tableau, est_vide

__all__ = ["q1", "q2", "q3", "q4", "q5", "EXERCICES",
           "VX_Q1", "VY_Q1", "M_Q2", "T_Q3", "V_Q5"]

# --- Données des exercices ---------------------------------------------------
VX_Q1 = np.linspace(-1, 1, 5)
VY_Q1 = np.linspace(0, 2, 3)
M_Q2 = np.arange(1, 13).reshape((3, 4))
T_Q3 = 10 * np.arange(5).reshape((5, 1)) + np.arange(6)
V_Q5 = np.linspace(-3, 3, 61)


def _tableau_ou_none(reponse):
    """Convertit une réponse en tableau de flottants, ou renvoie None si c'est impossible."""
    try:
        return np.asarray(reponse, dtype=float)
    except (TypeError, ValueError):
        return None


# --- q1 : table d'une fonction avec meshgrid --------------------------------------
def _table_q1():
    X, Y = np.meshgrid(VX_Q1, VY_Q1)
    return X ** 2 - Y


def _controle_q1(table):
    if est_vide(table):
        raise PasDeReponse
    attendu = _table_q1()
    r = _tableau_ou_none(table)
    if r is None:
        raise Incorrect("La table doit être un tableau NumPy de nombres (celui que renvoie g(X, Y)).")
    if r.shape == attendu.T.shape:
        raise Incorrect(f"Votre table a la forme {r.shape} : lignes et colonnes sont échangées. "
                        "Avec meshgrid(VX, VY), chaque ligne correspond à une valeur de y, "
                        "chaque colonne à une valeur de x.")
    if r.ndim != 2:
        raise Incorrect(f"La table doit avoir deux dimensions (une ligne par valeur de y) ; "
                        f"la vôtre a la forme {r.shape}. Avez-vous appelé meshgrid ?")
    if r.shape == attendu.shape and np.all(np.isfinite(r)):
        X, Y = np.meshgrid(VX_Q1, VY_Q1)
        if np.allclose(r, Y ** 2 - X):
            raise Incorrect("Les rôles de x et de y sont inversés : le premier tableau renvoyé par "
                            "meshgrid contient les abscisses x, le second les ordonnées y.")
    comparer_tableau(table, attendu, "la table")


q1 = Exercice(
    "Table de g(x, y) = x² − y avec meshgrid",
    _controle_q1,
    indices=["Commencez par X, Y = np.meshgrid(VX, VY).",
             "Les opérations s'appliquent case par case : X ** 2 - Y calcule g en chaque point de la grille."],
    solution="X, Y = np.meshgrid(VX, VY)\ntable = X ** 2 - Y",
)


# --- q2 : flatten et reshape -------------------------------------------------------
def _controle_q2(vecteur, tableau=...):
    if est_vide(vecteur) or est_vide(tableau):
        raise PasDeReponse
    v = _tableau_ou_none(vecteur)
    if v is None:
        raise Incorrect("vecteur doit être un tableau NumPy de nombres.")
    if v.ndim != 1:
        raise Incorrect(f"vecteur doit avoir une seule dimension ; le vôtre a la forme {v.shape}. "
                        "Quelle méthode « aplatit » un tableau ?")
    if v.shape == (12,) and np.array_equal(v, M_Q2.flatten(order="F")):
        raise Incorrect("vecteur contient les bons nombres, mais lus colonne par colonne : "
                        "flatten lit le tableau ligne par ligne.")
    comparer_tableau(v, M_Q2.flatten(), "vecteur")
    t = _tableau_ou_none(tableau)
    if t is None:
        raise Incorrect("tableau doit être un tableau NumPy de nombres.")
    if t.shape == (2, 6):
        raise Incorrect("tableau a 2 lignes et 6 colonnes ; on demande l'inverse. "
                        "Le premier nombre donné à reshape est le nombre de lignes.")
    if t.shape == (6, 2) and np.array_equal(t, M_Q2.reshape((6, 2), order="F")):
        raise Incorrect("tableau a la bonne forme, mais il est rempli colonne par colonne ; "
                        "reshape remplit les lignes l'une après l'autre.")
    comparer_tableau(t, M_Q2.reshape((6, 2)), "tableau")


q2 = Exercice(
    "Aplatir puis remettre en forme",
    _controle_q2,
    indices=["M.flatten() range tous les éléments de M dans un vecteur, ligne après ligne.",
             "vecteur.reshape((p, n)) fabrique un tableau de p lignes et n colonnes."],
    solution="vecteur = M.flatten()\ntableau = vecteur.reshape((6, 2))",
)


# --- q3 : tranches dans un tableau à deux dimensions -----------------------------------
def _controle_q3(bloc, colonne=...):
    if est_vide(bloc) or est_vide(colonne):
        raise PasDeReponse
    b = _tableau_ou_none(bloc)
    if b is None:
        raise Incorrect("bloc doit être un tableau NumPy de nombres.")
    attendu = T_Q3[1:4, 2:5]
    if b.ndim == 2 and b.shape != attendu.shape and b.shape[0] <= 5 and b.shape[1] <= 6:
        if b.shape[0] < 3 or b.shape[1] < 3:
            raise Incorrect(f"bloc a la forme {b.shape} : il lui manque des lignes ou des colonnes. "
                            "Dans une tranche a:b, l'indice b est exclu.")
        raise Incorrect(f"bloc a la forme {b.shape} : il a trop de lignes ou de colonnes. "
                        "Comptez les lignes 1, 2, 3 et les colonnes 2, 3, 4.")
    if b.shape == attendu.shape and np.all(np.isfinite(b)) and not np.allclose(b, attendu):
        raise Incorrect("bloc a la bonne forme mais pas les bons éléments. Lisez-les : "
                        "le chiffre des dizaines est le numéro de ligne, celui des unités le numéro de colonne.")
    comparer_tableau(b, attendu, "bloc")
    c = _tableau_ou_none(colonne)
    if c is None:
        raise Incorrect("colonne doit être un tableau NumPy de nombres.")
    if c.ndim == 2 and c.size == 5:
        raise Incorrect(f"colonne a la forme {c.shape} ; on attend un vecteur (une seule dimension). "
                        "Un indice seul (et non une tranche) fait disparaître une dimension.")
    if c.shape == (6,):
        raise Incorrect("colonne a 6 éléments : c'est une ligne du tableau, pas une colonne. "
                        "Le premier indice désigne la ligne, le second la colonne.")
    comparer_tableau(c, T_Q3[:, -1], "colonne")


q3 = Exercice(
    "Un bloc et une colonne par tranches",
    _controle_q3,
    indices=["T[a:b, c:d] garde les lignes a à b − 1 et les colonnes c à d − 1.",
             "T[:, k] est la colonne k tout entière ; l'indice −1 désigne la dernière."],
    solution="bloc = T[1:4, 2:5]\ncolonne = T[:, -1]",
)


# --- q4 : np.vectorize ---------------------------------------------------------------
ENTREES_Q4 = np.array([[-2.0, 0.0, 0.25], [0.5, 1.0, 3.0]])


def _rampe_reference(x):
    return np.clip(x, 0.0, 1.0)


def _controle_q4(rampe_vec):
    if est_vide(rampe_vec):
        raise PasDeReponse
    if not callable(rampe_vec):
        raise Incorrect(f"On attend une fonction (celle que renvoie np.vectorize) ; vous avez donné un objet "
                        f"de type {type(rampe_vec).__name__}.")
    try:
        sortie = rampe_vec(ENTREES_Q4)
    except ValueError as erreur:
        if "ambiguous" in str(erreur):
            raise Incorrect("Votre fonction ne sait pas traiter un tableau : le test « if » porte sur un "
                            "tableau entier. Vectorisez-la avec np.vectorize.") from None
        raise Incorrect(f"L'appel sur un tableau provoque une erreur : ValueError : {erreur}") from None
    except NotImplementedError:
        raise PasDeReponse from None
    except Exception as erreur:
        raise Incorrect(f"L'appel sur un tableau provoque une erreur : {type(erreur).__name__} : {erreur}") from None
    if est_vide(sortie):
        raise PasDeReponse
    s = _tableau_ou_none(sortie)
    if s is None:
        raise Incorrect("La fonction doit renvoyer un tableau de nombres.")
    if s.shape != ENTREES_Q4.shape:
        raise Incorrect(f"Sur un tableau de forme {ENTREES_Q4.shape}, votre fonction renvoie un tableau de forme "
                        f"{s.shape} : la sortie doit avoir la même forme que l'entrée.")
    attendu = _rampe_reference(ENTREES_Q4)
    if np.issubdtype(np.asarray(sortie).dtype, np.integer) and not np.allclose(s, attendu):
        raise Incorrect("La sortie est un tableau d'entiers : les valeurs entre 0 et 1 ont été arrondies. "
                        "np.vectorize a deviné le type de sortie à partir du premier résultat ; "
                        "précisez-le avec otypes.")
    comparer_tableau(s, attendu, "la sortie de votre fonction")
    for x in (-0.5, 0.7, 1.5):
        comparer_nombre(appeler(rampe_vec, x, nom="rampe_vec"), float(np.clip(x, 0, 1)), f"rampe_vec({x})")


q4 = Exercice(
    "Vectoriser la fonction rampe",
    _controle_q4,
    indices=["Écrivez d'abord rampe(x) pour un nombre x, avec if / elif / else.",
             "Puis rampe_vec = np.vectorize(rampe, otypes=[np.float64]) : sans otypes, le type de sortie "
             "est deviné à partir du premier élément."],
    solution=("def rampe(x):\n    if x < 0:\n        return 0\n    elif x <= 1:\n        return x\n"
              "    else:\n        return 1\n\nrampe_vec = np.vectorize(rampe, otypes=[np.float64])"),
)


# --- q5 : minimum sur une grille ------------------------------------------------------
def _h_q5(x, y):
    return x ** 2 + x * y + y ** 2 - 3 * x


def _argmin_q5():
    X, Y = np.meshgrid(V_Q5, V_Q5)
    Z = _h_q5(X, Y)
    i, j = np.unravel_index(np.argmin(Z), Z.shape)
    return float(X[i, j]), float(Y[i, j])


def _controle_q5(x_min, y_min=...):
    if est_vide(x_min) or est_vide(y_min):
        raise PasDeReponse
    for nom, valeur in (("x_min", x_min), ("y_min", y_min)):
        if isinstance(valeur, (bool, str)) or not isinstance(valeur, (int, float, np.number, np.ndarray)):
            raise Incorrect(f"{nom} doit être un nombre ; vous avez donné un objet de type {type(valeur).__name__}.")
        if isinstance(valeur, np.ndarray) and valeur.size != 1:
            raise Incorrect(f"{nom} doit être un seul nombre ; vous avez donné un tableau de forme {valeur.shape}.")
    x, y = float(np.asarray(x_min).item()), float(np.asarray(y_min).item())
    xa, ya = _argmin_q5()
    if not (-3 - 1e-9 <= x <= 3 + 1e-9 and -3 - 1e-9 <= y <= 3 + 1e-9):
        if float(x).is_integer() and float(y).is_integer():
            raise Incorrect("Vos valeurs sortent de la grille [−3, 3] × [−3, 3] : ce sont sans doute des indices "
                            "de ligne et de colonne. Lisez les coordonnées dans X et Y à ces indices.")
        raise Incorrect("Vos valeurs sortent de la grille [−3, 3] × [−3, 3].")
    if np.isclose(x, ya, atol=1e-6) and np.isclose(y, xa, atol=1e-6):
        raise Incorrect("x_min et y_min sont échangés : l'indice de ligne i correspond à y, "
                        "l'indice de colonne j à x.")
    comparer_nombre(x, xa, "x_min", tolerance=1e-6)
    comparer_nombre(y, ya, "y_min", tolerance=1e-6)


q5 = Exercice(
    "Le point le plus bas d'une grille",
    _controle_q5,
    indices=["Calculez Z = h(X, Y) sur la grille, puis k = np.argmin(Z).",
             "np.argmin renvoie un numéro dans le tableau aplati ; np.unravel_index(k, Z.shape) le "
             "transforme en (ligne i, colonne j). Les coordonnées sont X[i, j] et Y[i, j]."],
    solution=("X, Y = np.meshgrid(V, V)\nZ = h(X, Y)\ni, j = np.unravel_index(np.argmin(Z), Z.shape)\n"
              "x_min, y_min = X[i, j], Y[i, j]"),
)

EXERCICES = [q1, q2, q3, q4, q5]
