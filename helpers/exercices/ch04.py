"""Exercices du chapitre 04 : NumPy et Matplotlib avec deux variables.

Les données des exercices sont définies ici (et recopiées dans le chapitre) :

* q1 : aplatir puis changer la taille de M = [[1, …, 4], [5, …, 8], [9, …, 12]] ;
* q2 : table de g(x, y) = x² − y sur la grille VX = linspace(−1, 1, 5), VY = linspace(0, 2, 3) ;
* q3 : vectoriser une fonction « rampe » écrite avec des tests ;
* q4 : extraire un bloc et une colonne du tableau T[i, j] = 10 i + j (5 lignes, 6 colonnes) ;
* q5 : reconnaître quatre fonctions d'après leurs cartes de lignes de niveau.
"""
import numpy as np

from . import Exercice, Incorrect, PasDeReponse, appeler, comparer_nombre, comparer_tableau, est_vide

__all__ = ["q1", "q2", "q3", "q4", "q5", "EXERCICES",
           "VX_Q1", "VY_Q1", "M_Q2", "T_Q3", "FORMULES_Q5", "dessiner_cartes"]

# --- Données des exercices ---------------------------------------------------
VX_Q1 = np.linspace(-1, 1, 5)
VY_Q1 = np.linspace(0, 2, 3)
M_Q2 = np.arange(1, 13).reshape((3, 4))
T_Q3 = 10 * np.arange(5).reshape((5, 1)) + np.arange(6)


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
        raise Incorrect(f"Votre table a la taille {r.shape} : lignes et colonnes sont échangées. "
                        "Avec meshgrid(VX, VY), chaque ligne correspond à une valeur de y, "
                        "chaque colonne à une valeur de x.")
    if r.ndim != 2:
        raise Incorrect(f"La table doit avoir deux dimensions (une ligne par valeur de y) ; "
                        f"la vôtre a la taille {r.shape}. Avez-vous appelé meshgrid ?")
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
        raise Incorrect(f"vecteur doit avoir une seule dimension ; le vôtre a la taille {v.shape}. "
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
        raise Incorrect("tableau a la bonne taille, mais il est rempli colonne par colonne ; "
                        "reshape remplit les lignes l'une après l'autre.")
    comparer_tableau(t, M_Q2.reshape((6, 2)), "tableau")


q2 = Exercice(
    "Aplatir puis changer de taille",
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
            raise Incorrect(f"bloc a la taille {b.shape} : il lui manque des lignes ou des colonnes. "
                            "Dans une tranche a:b, l'indice b est exclu.")
        raise Incorrect(f"bloc a la taille {b.shape} : il a trop de lignes ou de colonnes. "
                        "Comptez les lignes 1, 2, 3 et les colonnes 2, 3, 4.")
    if b.shape == attendu.shape and np.all(np.isfinite(b)) and not np.allclose(b, attendu):
        raise Incorrect("bloc a la bonne taille mais pas les bons éléments. Lisez-les : "
                        "le chiffre des dizaines est le numéro de ligne, celui des unités le numéro de colonne.")
    comparer_tableau(b, attendu, "bloc")
    c = _tableau_ou_none(colonne)
    if c is None:
        raise Incorrect("colonne doit être un tableau NumPy de nombres.")
    if c.ndim == 2 and c.size == 5:
        raise Incorrect(f"colonne a la taille {c.shape} ; on attend un vecteur (une seule dimension). "
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
    if not isinstance(rampe_vec, np.vectorize):
        try:
            sortie = rampe_vec(ENTREES_Q4)
        except NotImplementedError:
            raise PasDeReponse from None
        except Exception:  # noqa: BLE001 - une fonction quelconque : seul compte le message ci-dessous
            sortie = None
        if est_vide(sortie) and sortie is not None:
            raise PasDeReponse
        try:
            juste = np.allclose(np.asarray(sortie, dtype=float), _rampe_reference(ENTREES_Q4))
        except (TypeError, ValueError):
            juste = False
        debut = ("Votre fonction donne les bonnes valeurs, et une formule NumPy comme np.clip est en effet la plus "
                 "rapide. Mais cet exercice entraîne à np.vectorize : " if juste else
                 "rampe_vec doit être la fonction que renvoie np.vectorize : ")
        raise Incorrect(debut + "écrivez rampe(x) avec des tests if, puis rampe_vec = np.vectorize(rampe, ...).")
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
        raise Incorrect(f"Sur un tableau de taille {ENTREES_Q4.shape}, votre fonction renvoie un tableau de taille "
                        f"{s.shape} : la sortie doit avoir la même taille que l'entrée.")
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


# --- q5 : lire des cartes de lignes de niveau -------------------------------------------------
#: Les quatre formules proposées, numérotées de 1 à 4.
FORMULES_Q5 = {1: "x² + 3y²", 2: "x² − y²", 3: "y − x²", 4: "sin(x)·cos(y)"}
_FONCTIONS_Q5 = {1: lambda x, y: x ** 2 + 3 * y ** 2, 2: lambda x, y: x ** 2 - y ** 2,
                 3: lambda x, y: y - x ** 2, 4: lambda x, y: np.sin(x) * np.cos(y)}
# Carte A, B, C, D → numéro de la formule (l'ordre des cartes est mélangé).
_CARTES_Q5 = {"A": 3, "B": 1, "C": 4, "D": 2}
_INDICES_CARTES = {
    1: "des ellipses emboîtées, toutes centrées au même point, allongées le long d'un axe",
    2: "un col : deux familles d'hyperboles, séparées par deux droites de niveau 0 qui se croisent",
    3: "des paraboles toutes identiques, décalées les unes des autres",
    4: "une alternance régulière de bosses et de creux, comme un damier",
}


def dessiner_cartes():
    """Dessine les cartes de lignes de niveau A, B, C, D de l'exercice 5 (sans dire quelle formule est laquelle).

    Présenté au chapitre 04. Renvoie la figure.

    >>> fig = dessiner_cartes()
    >>> len(fig.axes)
    4
    """
    import matplotlib.pyplot as plt

    x = np.linspace(-3, 3, 121)
    X, Y = np.meshgrid(x, x)
    fig, axes = plt.subplots(1, 4, figsize=(13, 3.4))
    for ax, (lettre, numero) in zip(axes, _CARTES_Q5.items()):
        ax.contour(X, Y, _FONCTIONS_Q5[numero](X, Y), levels=12, cmap="viridis")
        ax.set_aspect("equal")
        ax.set_title(f"carte {lettre}")
        ax.set_xlabel("$x$")
    axes[0].set_ylabel("$y$")
    fig.tight_layout()
    return fig


def _controle_q5(reponse):
    if est_vide(reponse):
        raise PasDeReponse
    if not isinstance(reponse, dict):
        raise Incorrect("On attend un dictionnaire qui associe à chaque carte son numéro de formule, du type "
                        "{\"A\": …, \"B\": …, \"C\": …, \"D\": …} ; vous avez donné un objet de type "
                        f"{type(reponse).__name__}.")
    if any(est_vide(v) for v in reponse.values()):
        raise PasDeReponse
    cles = {str(k).strip().upper(): v for k, v in reponse.items()}
    if set(cles) != set(_CARTES_Q5):
        raise Incorrect("Le dictionnaire doit avoir exactement les quatre clés \"A\", \"B\", \"C\" et \"D\".")
    for lettre, v in cles.items():
        if isinstance(v, (bool, np.bool_)) or not isinstance(v, (int, np.integer)) or v not in FORMULES_Q5:
            raise Incorrect(f"À la carte {lettre}, associez un numéro de formule : 1, 2, 3 ou 4 (un entier) ; "
                            f"vous avez donné {v!r}.")
    if len(set(cles.values())) != 4:
        raise Incorrect("Chaque formule correspond à une seule carte : utilisez chacun des numéros 1, 2, 3 et 4 "
                        "une fois.")
    fautes = sorted(lettre for lettre, v in cles.items() if v != _CARTES_Q5[lettre])
    if fautes:
        lettre = fautes[0]
        raise Incorrect(f"{len(fautes)} carte(s) sur 4 ne correspondent pas à la formule choisie, dont la carte "
                        f"{lettre} : la formule n°{cles[lettre]} ({FORMULES_Q5[cles[lettre]]}) dessinerait "
                        f"{_INDICES_CARTES[cles[lettre]]}. Est-ce ce que vous voyez ?")


q5 = Exercice(
    "Reconnaître une fonction à ses lignes de niveau",
    _controle_q5,
    indices=["Cherchez d'abord la forme des lignes : fermées (ellipses), ouvertes (paraboles, hyperboles) ou "
             "répétées (damier).",
             "Pour y − x², la ligne de niveau c est la parabole y = x² + c. Pour x² − y², les lignes de niveau 0 "
             "sont les deux droites y = x et y = −x.",
             "sin(x)·cos(y) change de signe à chaque multiple de π en x, et à chaque π/2 + multiple de π en y."],
    solution='cartes = {"A": 3, "B": 1, "C": 4, "D": 2}',
)

# Numérotation dans l'ordre où les exercices apparaissent dans le chapitre.
_q_table, _q_aplatir, _q_tranches, _q_rampe = q1, q2, q3, q4
q1, q2, q3, q4 = _q_aplatir, _q_table, _q_rampe, _q_tranches
del _q_aplatir, _q_table, _q_rampe, _q_tranches   # un seul nom par exercice
EXERCICES = [q1, q2, q3, q4, q5]
