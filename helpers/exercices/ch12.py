"""Exercices du chapitre 12 : convolution en deux dimensions.

* ``q1`` : max-pooling et pooling en moyenne à la main ;
* ``q2`` : deux coefficients d'une convolution à la main (un au bord, un à l'intérieur) ;
* ``q3`` : la formule de la taille de sortie (motif, marge, pas) ;
* ``q4`` : un motif qui détecte les bords horizontaux, avec le bon signe ;
* ``q5`` : dérivées par rapport à des poids partagés.

Les contrôles recalculent eux-mêmes la bonne réponse et ne la donnent pas.
"""
import numbers

import numpy as np

from . import (Exercice, Incorrect, PasDeReponse, appeler, comparer_nombre, est_vide, nombre, tableau)

__all__ = ["q1", "q2", "q3", "q4", "q5", "EXERCICES", "convolution_meme_taille", "A_Q1", "A_Q2", "M_Q2",
           "F_Q5", "MOTIF_Q5", "COEFFS_Q5"]


def convolution_meme_taille(A, M):
    """A ⋆ M au sens du livre (motif retourné, zéros virtuels, même taille que A) ; motif de taille impaire.

    >>> convolution_meme_taille(np.ones((2, 2)), np.ones((3, 3))).tolist()
    [[4.0, 4.0], [4.0, 4.0]]
    """
    A = np.asarray(A, dtype=float)
    M = np.asarray(M, dtype=float)[::-1, ::-1]
    kx, ky = M.shape[0] // 2, M.shape[1] // 2
    etendu = np.pad(A, ((kx, kx), (ky, ky)))
    B = np.zeros_like(A)
    for i in range(A.shape[0]):
        for j in range(A.shape[1]):
            B[i, j] = np.sum(etendu[i:i + M.shape[0], j:j + M.shape[1]] * M)
    return B


def _matrice(reponse, nom):
    """Comme ``tableau``, mais refuse le texte caché dans une liste (« "9" » n'est pas le nombre 9)."""
    if not est_vide(reponse) and isinstance(reponse, (list, tuple)):
        elements = np.ravel(np.asarray(reponse, dtype=object)) if _reguliere(reponse) else ()
        if any(isinstance(e, (str, bytes, bool, np.bool_)) for e in elements):
            raise Incorrect(f"{nom} doit contenir des nombres, pas du texte ni des booléens.")
    return tableau(reponse, nom)


def _reguliere(reponse):
    try:
        np.asarray(reponse, dtype=object)
        return True
    except ValueError:
        return False


def _pooling(A, k, fonction):
    n, p = A.shape
    return fonction(A[:n // k * k, :p // k * k].reshape(n // k, k, p // k, k), axis=(1, 3))


# --------------------------------------------------------------------------- q1
A_Q1 = np.array([[3, 8, 1, 0],
                 [5, 2, 4, 4],
                 [7, 1, 6, 9],
                 [0, 4, 2, 3]])


def _controle_q1(maximum, moyenne):
    if est_vide(maximum) or est_vide(moyenne):
        raise PasDeReponse
    for reponse, nom, fonction in ((maximum, "maximum", np.max), (moyenne, "moyenne", np.mean)):
        r = _matrice(reponse, f"La matrice {nom}")
        attendu = _pooling(A_Q1, 2, fonction)
        if r.shape != attendu.shape:
            raise Incorrect(f"La matrice {nom} a la taille {r.shape} : un pooling de taille 2 divise par 2 le nombre "
                            "de lignes et le nombre de colonnes.")
        if not np.allclose(r, attendu):
            if np.allclose(r, attendu.T):
                raise Incorrect(f"La matrice {nom} est transposée : le bloc en haut à droite donne le coefficient "
                                "de la première ligne, deuxième colonne.")
            faux = int((~np.isclose(r, attendu)).sum())
            raise Incorrect(f"La matrice {nom} : {faux} coefficient(s) sur 4 ne conviennent pas. Chaque "
                            "coefficient résume un bloc 2 × 2, sans chevauchement.")


q1 = Exercice(
    "Pooling à la main",
    _controle_q1,
    indices=["Découpez la matrice 4 × 4 en quatre blocs 2 × 2 qui ne se chevauchent pas.",
             "Le bloc en haut à gauche est [[3, 8], [5, 2]] : son maximum est 8, sa moyenne 18 / 4."],
    solution=("maximum = [[8, 4], [7, 9]]\n"
              "moyenne = [[4.5, 2.25], [3, 5]]"),
)


# --------------------------------------------------------------------------- q2
A_Q2 = np.arange(1, 19).reshape(3, 6)
M_Q2 = np.array([[1, 0, -1], [2, 0, -2], [1, 0, -1]])


def _controle_q2(b_00, b_12):
    if est_vide(b_00) or est_vide(b_12):
        raise PasDeReponse
    B = convolution_meme_taille(A_Q2, M_Q2)
    B_sans_retournement = convolution_meme_taille(A_Q2, M_Q2[::-1, ::-1])
    for valeur, (i, j) in ((b_12, (1, 2)), (b_00, (0, 0))):
        x = nombre(valeur, f"B[{i}, {j}]")
        if np.isclose(x, B_sans_retournement[i, j]) and not np.isclose(x, B[i, j]):
            raise Incorrect(f"B[{i}, {j}] a le mauvais signe : vous n'avez pas retourné le motif.")
        if (i, j) == (0, 0) and np.isclose(x, np.sum(A_Q2[:3, :3] * M_Q2[::-1, ::-1])):
            raise Incorrect("B[0, 0] : le motif doit être centré sur le coefficient A[0, 0], avec des zéros virtuels "
                            "au-dessus et à gauche ; vous l'avez posé sur le bloc 3 × 3 du coin.")
        comparer_nombre(x, B[i, j], f"B[{i}, {j}]")


q2 = Exercice(
    "Deux coefficients d'une convolution",
    _controle_q2,
    indices=["Retournez d'abord le motif : [[1, 0, −1], [2, 0, −2], [1, 0, −1]] devient [[−1, 0, 1], [−2, 0, 2], "
             "[−1, 0, 1]].",
             "Pour B[1, 2], le motif retourné est posé sur le bloc des lignes 0 à 2 et des colonnes 1 à 3 de A ; "
             "seules les colonnes de gauche et de droite comptent (celle du milieu est multipliée par 0).",
             "Pour B[0, 0], centrez le motif retourné sur A[0, 0] : sa première ligne et sa première colonne tombent "
             "sur des zéros virtuels."],
    solution=("# Motif retourné : [[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]]\n"
              "b_12 = (4 - 2) + 2 * (10 - 8) + (16 - 14)    # 8 : les colonnes de A augmentent de 1 en 1\n"
              "b_00 = 2 * 2 + 1 * 8                         # 12 : seuls A[0, 1] et A[1, 1] sont face "
              "à un poids non nul"),
)


# --------------------------------------------------------------------------- q3
def _taille(n, k, marge, pas):
    return (n + 2 * marge - k) // pas + 1


_CAS_Q3 = [(28, 3, 0, 1), (28, 3, 1, 1), (32, 5, 2, 1), (32, 3, 1, 2), (7, 3, 0, 2), (10, 4, 0, 3), (224, 7, 3, 2),
           (5, 5, 0, 1), (9, 2, 0, 2), (100, 3, 1, 4)]


def _controle_q3(taille_sortie):
    if est_vide(taille_sortie):
        raise PasDeReponse
    if not callable(taille_sortie):
        raise Incorrect("On attend une fonction taille_sortie(n, k, marge, pas) ; vous avez donné un objet de type "
                        f"{type(taille_sortie).__name__}.")
    for n, k, marge, pas in _CAS_Q3:
        appel = f"taille_sortie({n}, {k}, {marge}, {pas})"
        r = appeler(taille_sortie, n, k, marge, pas, nom="taille_sortie")
        if isinstance(r, (bool, np.bool_)) or not isinstance(r, (numbers.Integral, np.integer)):
            if isinstance(r, (float, np.floating)) and float(r).is_integer():
                raise Incorrect(f"{appel} renvoie un flottant ({r}) : une taille est un entier. Utilisez la "
                                "division entière //.")
            raise Incorrect(f"{appel} doit renvoyer un entier ; vous renvoyez un objet de type {type(r).__name__}.")
        attendu = _taille(n, k, marge, pas)
        if r == attendu:
            continue
        if marge and r == _taille(n, k, marge / 2, pas):
            raise Incorrect(f"{appel} : la marge s'ajoute des deux côtés (en haut et en bas, à gauche et à droite).")
        if r == n + 2 * marge - k:
            raise Incorrect(f"{appel} : il manque le « + 1 ». Vérifiez sur un cas simple : un motif de la taille de "
                            "l'image, sans marge, donne une seule position.")
        raise Incorrect(f"{appel} ne convient pas. Comptez les positions possibles du coin du motif, de pas en pas.")


q3 = Exercice(
    "La taille de la sortie",
    _controle_q3,
    indices=["Avec la marge, l'image a n + 2 × marge lignes.",
             "Le coin haut du motif peut aller de la ligne 0 à la ligne n + 2 × marge − k.",
             "De pas en pas, cela fait (n + 2 × marge − k) // pas + 1 positions."],
    solution=("def taille_sortie(n, k, marge, pas):\n"
              "    return (n + 2 * marge - k) // pas + 1"),
)


# --------------------------------------------------------------------------- q4
def _marche(n=8, horizontale=True):
    """Image n × n : moitié haute sombre (0), moitié basse claire (1) ; ou gauche/droite si horizontale=False."""
    A = np.zeros((n, n))
    if horizontale:
        A[n // 2:, :] = 1.0
    else:
        A[:, n // 2:] = 1.0
    return A


def _controle_q4(noyau):
    M = _matrice(noyau, "Le motif")
    if M.shape != (3, 3):
        raise Incorrect(f"Le motif doit être une matrice 3 × 3 ; sa taille est {M.shape}.")
    if not np.any(M):
        raise Incorrect("Le motif est nul : il ne détecte rien.")
    interieur = (slice(1, -1), slice(1, -1))
    haut_bas = convolution_meme_taille(_marche(8, True), M)[interieur]
    gauche_droite = convolution_meme_taille(_marche(8, False), M)[interieur]
    uni = convolution_meme_taille(np.full((8, 8), 0.7), M)[interieur]
    if not np.allclose(uni, 0):
        raise Incorrect("Sur une zone uniforme, la réponse de votre motif n'est pas nulle : la somme de ses "
                        "coefficients doit valoir 0.")
    if not np.allclose(gauche_droite, 0):
        raise Incorrect("Votre motif réagit aussi à un bord vertical (sombre à gauche, clair à droite) : "
                        "il doit ignorer ce qui varie de gauche à droite.")
    bord = haut_bas[2:4, :]          # lignes 3 et 4 de l'image : de part et d'autre de la marche
    if np.all(bord <= 1e-12) and np.any(bord < -1e-12):
        raise Incorrect("Le bord est bien détecté, mais avec le signe opposé : pensez au retournement du motif.")
    if not (np.all(bord > 1e-12) and np.allclose(haut_bas[[0, 1, 4, 5], :], 0)):
        raise Incorrect("Votre motif ne donne pas une réponse positive le long du bord horizontal, et nulle loin de "
                        "lui.")


q4 = Exercice(
    "Un détecteur de bords horizontaux",
    _controle_q4,
    indices=["Loin de tout bord, l'image est uniforme : la somme des coefficients du motif doit être nulle.",
             "Après retournement, le motif doit soustraire la ligne du dessus et ajouter la ligne du dessous.",
             "Le retournement échange la première et la dernière ligne du motif : "
             "écrivez donc le motif « à l'envers »."],
    solution=("noyau = [[1, 1, 1],\n"
              "         [0, 0, 0],\n"
              "         [-1, -1, -1]]   # retourné : [[-1, -1, -1], [0, 0, 0], [1, 1, 1]] = dessous − dessus"),
)


# --------------------------------------------------------------------------- q5
F_Q5 = [2.0, -1.0, 3.0]
MOTIF_Q5 = [1.0, 0.0, 2.0]       # [a, b, c]
COEFFS_Q5 = [1.0, 2.0, 3.0]      # F = 1·s_0 + 2·s_1 + 3·s_2


def _derivees_q5():
    f = np.concatenate([[0.0], F_Q5, [0.0]])
    d = np.array(COEFFS_Q5)
    # s_n = c f(n-1) + b f(n) + a f(n+1)
    return {"a": float(f[2:] @ d), "b": float(f[1:-1] @ d), "c": float(f[:-2] @ d)}


def _controle_q5(dF_da, dF_dc):
    if est_vide(dF_da) or est_vide(dF_dc):
        raise PasDeReponse
    attendu = _derivees_q5()
    x_a, x_c = nombre(dF_da, "∂F/∂a"), nombre(dF_dc, "∂F/∂c")
    if np.isclose(x_a, attendu["c"]) and np.isclose(x_c, attendu["a"]) and not np.isclose(x_a, attendu["a"]):
        raise Incorrect("Vos deux valeurs sont échangées : le poids a multiplie le voisin de droite f(n + 1), "
                        "à cause du retournement.")
    for x, nom in ((x_a, "a"), (x_c, "c")):
        if not np.isclose(x, attendu[nom]):
            f = np.concatenate([[0.0], F_Q5, [0.0]])
            entrees = f[2:] if nom == "a" else f[:-2]
            contributions = [float(v) for v in entrees * np.array(COEFFS_Q5) if v != 0]
            if any(np.isclose(x, v) for v in contributions):
                raise Incorrect(f"∂F/∂{nom} ne compte qu'un seul neurone : le poids {nom} est partagé par les trois "
                                "neurones, il faut additionner leurs contributions.")
            comparer_nombre(x, attendu[nom], f"∂F/∂{nom}")


q5 = Exercice(
    "Dérivées par rapport à des poids partagés",
    _controle_q5,
    indices=["Écrivez les trois sorties : s_n = c·f(n − 1) + b·f(n) + a·f(n + 1), avec des zéros virtuels.",
             "Le poids a apparaît dans s_0, s_1 et s_2 ; dans s_n, il multiplie f(n + 1).",
             "∂F/∂a = Σ_n (entrée que a multiplie dans s_n) × ∂F/∂s_n, et ici ∂F/∂s_n = 1, 2, 3."],
    solution=("# a multiplie f(1), f(2), puis le zéro virtuel ; c multiplie le zéro virtuel, f(0), f(1).\n"
              "dF_da = (-1) * 1 + 3 * 2 + 0 * 3    # 5\n"
              "dF_dc = 0 * 1 + 2 * 2 + (-1) * 3    # 1"),
)

EXERCICES = [q1, q2, q3, q4, q5]
