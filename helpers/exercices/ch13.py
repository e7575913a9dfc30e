"""Exercices du chapitre 13 : convolution avec Python.

* ``q1`` : écrire sa propre fonction de convolution (modes ``same``, ``full``, ``valid``), comparée à SciPy ;
* ``q2`` : le motif unique équivalent à deux flous successifs (associativité) ;
* ``q3`` : un pooling qui accepte des tailles non multiples de k ;
* ``q4`` : retrouver la position d'un écho radar par corrélation.

Les contrôles comparent aux fonctions de NumPy et SciPy et disent ce qui ne va
pas (mode, retournement, taille) sans donner la réponse.
"""
import numpy as np
from scipy import signal

from . import Exercice, Incorrect, PasDeReponse, appeler, est_vide, nombre, tableau

__all__ = ["q1", "q2", "q3", "q4", "EXERCICES", "convolution_reference", "impulsion_radar", "signal_radar"]

MODES = ("same", "full", "valid")


def convolution_reference(A, M, mode="same"):
    """Convolution 2-D écrite avec des boucles (motif retourné, zéros virtuels) ; modes same, full, valid.

    Sert de valeur de secours au chapitre 13 tant que la fonction de l'étudiant n'est pas juste. Le
    motif doit avoir des côtés impairs.

    >>> convolution_reference([[1, 2], [3, 4]], [[0, 0, 0], [0, 2, 0], [0, 0, 0]], "same").tolist()
    [[2.0, 4.0], [6.0, 8.0]]
    """
    A = np.asarray(A, dtype=float)
    M = np.asarray(M, dtype=float)
    if mode not in MODES:
        raise ValueError(f"mode doit valoir 'same', 'full' ou 'valid', pas {mode!r}.")
    K1, K2 = M.shape
    if K1 % 2 == 0 or K2 % 2 == 0:
        raise ValueError("Le motif doit avoir un nombre impair de lignes et de colonnes.")
    retourne = M[::-1, ::-1]
    etendu = np.pad(A, ((K1 - 1, K1 - 1), (K2 - 1, K2 - 1)))
    n, p = etendu.shape[0] - K1 + 1, etendu.shape[1] - K2 + 1
    complete = np.zeros((n, p))
    for i in range(n):
        for j in range(p):
            complete[i, j] = np.sum(etendu[i:i + K1, j:j + K2] * retourne)
    if mode == "full":
        return complete
    if mode == "same":
        return complete[K1 // 2:K1 // 2 + A.shape[0], K2 // 2:K2 // 2 + A.shape[1]]
    return complete[K1 - 1:A.shape[0], K2 - 1:A.shape[1]]


# --------------------------------------------------------------------------- q1
def _cas_q1():
    rng = np.random.default_rng(13)
    A_livre = np.array([[2, 1, 3, 0], [1, 1, 0, 5], [3, 3, 1, 0], [2, 0, 0, 2]])
    M_livre = np.array([[1, 0, 2], [2, 1, 0], [1, 0, 3]])
    cas = [(A_livre, M_livre), (rng.integers(-5, 6, size=(6, 7)), rng.integers(-3, 4, size=(3, 3))),
           (rng.normal(size=(8, 5)), rng.normal(size=(5, 5))), (rng.normal(size=(5, 6)), rng.normal(size=(1, 3))),
           (rng.normal(size=(7, 7)), rng.normal(size=(3, 5)))]
    return cas


def _controle_q1(convolution):
    if est_vide(convolution):
        raise PasDeReponse
    if not callable(convolution):
        raise Incorrect("On attend une fonction convolution(A, M, mode) ; vous avez donné un objet de type "
                        f"{type(convolution).__name__}.")
    for mode in MODES:
        for A, M in _cas_q1():
            appel = f"convolution(A, M, {mode!r}) avec A de taille {A.shape} et M de taille {M.shape}"
            B = tableau(appeler(convolution, A.copy(), M.copy(), mode, nom="convolution"), f"Le résultat de {appel}")
            attendu = signal.convolve2d(A, M, mode=mode)
            if B.shape != attendu.shape:
                raise Incorrect(f"{appel} : la taille du résultat est {B.shape}, celle de scipy.signal.convolve2d "
                                f"est {attendu.shape}.")
            if np.allclose(B, attendu):
                continue
            if np.allclose(B, signal.correlate2d(A, M, mode=mode)):
                raise Incorrect(f"{appel} : vous calculez une corrélation ; il faut retourner le motif (demi-tour).")
            if np.allclose(B, signal.convolve2d(A, M[::-1], mode=mode)) or \
                    np.allclose(B, signal.convolve2d(A, M[:, ::-1], mode=mode)):
                raise Incorrect(f"{appel} : le motif n'est retourné que dans une direction ; il faut le retourner "
                                "de haut en bas ET de gauche à droite.")
            raise Incorrect(f"{appel} : la taille est bonne mais certaines valeurs diffèrent de celles de "
                            "scipy.signal.convolve2d.")


q1 = Exercice(
    "Votre fonction de convolution",
    _controle_q1,
    indices=["Commencez par le mode 'full' : entourez A de K − 1 rangées de zéros (np.pad) pour un motif de côté K, "
             "puis faites glisser le motif retourné M[::-1, ::-1] sur toutes les positions possibles.",
             "La sortie 'full' a la taille (n + K1 − 1) × (p + K2 − 1). Les deux autres modes en sont des morceaux.",
             "'same' garde le bloc de la taille de A qui commence à la ligne K1 // 2 et à la colonne K2 // 2 ; "
             "'valid' garde le bloc qui commence en (K1 − 1, K2 − 1) et finit en (n, p)."],
    solution=("def convolution(A, M, mode='same'):\n"
              "    A, M = np.asarray(A, dtype=float), np.asarray(M, dtype=float)\n"
              "    K1, K2 = M.shape\n"
              "    R = M[::-1, ::-1]                                     # motif retourné\n"
              "    E = np.pad(A, ((K1 - 1, K1 - 1), (K2 - 1, K2 - 1)))   # zéros virtuels\n"
              "    n, p = E.shape[0] - K1 + 1, E.shape[1] - K2 + 1\n"
              "    C = np.zeros((n, p))\n"
              "    for i in range(n):\n"
              "        for j in range(p):\n"
              "            C[i, j] = np.sum(E[i:i + K1, j:j + K2] * R)\n"
              "    if mode == 'full':\n"
              "        return C\n"
              "    if mode == 'same':\n"
              "        return C[K1 // 2:K1 // 2 + A.shape[0], K2 // 2:K2 // 2 + A.shape[1]]\n"
              "    return C[K1 - 1:A.shape[0], K2 - 1:A.shape[1]]           # 'valid'"),
)


# --------------------------------------------------------------------------- q2
_FLOU = np.ones((3, 3)) / 9


def _controle_q2(motif):
    M = tableau(motif, "Le motif")
    attendu = signal.convolve2d(_FLOU, _FLOU, mode="full")
    if M.shape == (3, 3):
        raise Incorrect("Un motif 3 × 3 ne suffit pas : chaque pixel de la sortie dépend maintenant de pixels situés "
                        "jusqu'à deux cases de distance.")
    if M.shape != attendu.shape:
        raise Incorrect(f"Le motif a la taille {M.shape} ; jusqu'à quelle distance un pixel influence-t-il la sortie "
                        "après deux flous 3 × 3 ?")
    if not np.isclose(M.sum(), 1):
        raise Incorrect("La somme des coefficients de votre motif ne vaut pas 1 : or deux flous successifs gardent la "
                        "luminosité moyenne de l'image.")
    if not np.allclose(M, attendu):
        raise Incorrect("Le motif a la bonne taille et la bonne somme, mais ses coefficients ne conviennent pas. "
                        "Utilisez l'associativité de la convolution complète.")


q2 = Exercice(
    "Un seul motif pour deux flous",
    _controle_q2,
    indices=["L'associativité : (A ∗̃ M) ∗̃ N = A ∗̃ (M ∗̃ N). Le motif cherché est M ∗̃ N.",
             "La convolution complète de deux motifs 3 × 3 est de taille 5 × 5 : "
             "signal.convolve2d(M, N, mode='full')."],
    solution=("flou = np.ones((3, 3)) / 9\n"
              "motif = signal.convolve2d(flou, flou, mode='full')   # 5 × 5 : [1, 2, 3, 2, 1] ⊗ [1, 2, 3, 2, 1] / 81"),
)


# --------------------------------------------------------------------------- q3
def _pooling_attendu(A, k, resume):
    n, p = A.shape
    B = A[:n // k * k, :p // k * k].reshape(n // k, k, p // k, k).transpose((0, 2, 1, 3))
    return resume(B, axis=(2, 3))


def _controle_q3(pooling):
    if est_vide(pooling):
        raise PasDeReponse
    if not callable(pooling):
        raise Incorrect("On attend une fonction pooling(A, k, resume) ; vous avez donné un objet de type "
                        f"{type(pooling).__name__}.")
    rng = np.random.default_rng(3)
    livre = np.array([[16, 23, 22, 21, 12, 13], [0, 5, 18, 2, 17, 15], [10, 20, 4, 9, 7, 8], [11, 14, 1, 19, 6, 3]])
    cas = [(livre, 2), (rng.integers(0, 50, size=(7, 9)), 2), (rng.normal(size=(10, 11)), 3),
           (rng.normal(size=(5, 5)), 5), (rng.normal(size=(6, 4)), 1)]
    for resume, nom in ((np.max, "np.max"), (np.mean, "np.mean")):
        for A, k in cas:
            appel = f"pooling(A, {k}, {nom}) pour A de taille {A.shape}"
            B = tableau(appeler(pooling, A.copy(), k, resume, nom="pooling"), f"Le résultat de {appel}")
            attendu = _pooling_attendu(A, k, resume)
            if B.shape != attendu.shape:
                if A.shape[0] % k or A.shape[1] % k:
                    raise Incorrect(f"{appel} : taille {B.shape} au lieu de {attendu.shape}. Quand n ou p n'est pas "
                                    "un multiple de k, on ignore les dernières lignes ou colonnes.")
                raise Incorrect(f"{appel} : taille {B.shape} au lieu de {attendu.shape}.")
            if not np.allclose(B, attendu):
                coupee = A[:A.shape[0] // k * k, :A.shape[1] // k * k]
                if np.allclose(B, resume(coupee.reshape(A.shape[0] // k, A.shape[1] // k, k, k), axis=(2, 3))):
                    raise Incorrect(f"{appel} : les blocs sont mélangés ; un reshape direct en (n // k, p // k, k, k) "
                                    "ne découpe pas des blocs carrés. Passez par (n // k, k, p // k, k) puis "
                                    "transpose.")
                raise Incorrect(f"{appel} : la taille est bonne mais certaines valeurs ne conviennent pas.")


q3 = Exercice(
    "Un pooling pour toutes les tailles",
    _controle_q3,
    indices=["Coupez d'abord A pour ne garder que n // k * k lignes et p // k * k colonnes.",
             "Ensuite, la méthode du livre s'applique : reshape(n // k, k, p // k, k), transpose((0, 2, 1, 3)), "
             "puis resume(…, axis=(2, 3))."],
    solution=("def pooling(A, k, resume=np.max):\n"
              "    n, p = A.shape\n"
              "    A = A[:n // k * k, :p // k * k]\n"
              "    B = A.reshape(n // k, k, p // k, k).transpose((0, 2, 1, 3))\n"
              "    return resume(B, axis=(2, 3))"),
)


# --------------------------------------------------------------------------- q4
def impulsion_radar(longueur=100):
    """Une impulsion non symétrique (fréquence croissante, enveloppe douce), comme celle du radar du chapitre 13.

    >>> impulsion_radar(50).shape
    (50,)
    """
    t = np.linspace(0, 1, longueur)
    return np.sin(2 * np.pi * (3 * t + 6 * t ** 2)) * np.sin(np.pi * t)


def signal_radar(debut, longueur=1000, bruit=1.0, graine=0, impulsion=None):
    """Bruit gaussien plus une copie de l'impulsion à partir de l'indice ``debut``.

    >>> signal_radar(350).shape
    (1000,)
    """
    g = impulsion_radar() if impulsion is None else np.asarray(impulsion, dtype=float)
    f = bruit * np.random.default_rng(graine).normal(size=longueur)
    f[debut:debut + len(g)] += g
    return f


_CAS_Q4 = [(350, 0.4, 1), (120, 0.4, 2), (700, 0.5, 3), (500, 0.3, 4)]


def _controle_q4(position_echo):
    if est_vide(position_echo):
        raise PasDeReponse
    if not callable(position_echo):
        raise Incorrect("On attend une fonction position_echo(f, g) ; vous avez donné un objet de type "
                        f"{type(position_echo).__name__}.")
    g = impulsion_radar()
    for debut, bruit, graine in _CAS_Q4:
        f = signal_radar(debut, bruit=bruit, graine=graine)
        appel = f"position_echo(f, g) pour un écho qui occupe les indices {debut} à {debut + len(g) - 1}"
        r = appeler(position_echo, f.copy(), g.copy(), nom="position_echo")
        x = nombre(r, f"Le résultat de {appel}")
        centre = debut + len(g) // 2
        if abs(x - centre) <= 2:
            continue
        if abs(x - debut) <= 2:
            raise Incorrect(f"{appel} : vous renvoyez le début de l'écho ; on attend le pic de la corrélation en mode "
                            "'same', c'est-à-dire le milieu de l'écho.")
        if abs(x - int(np.argmax(np.convolve(f, g, "same")))) <= 1:
            raise Incorrect(f"{appel} : vous avez utilisé une convolution, qui retourne l'impulsion ; il faut une "
                            "corrélation (np.correlate).")
        raise Incorrect(f"{appel} : la position renvoyée ne correspond pas au pic de la corrélation de f avec g "
                        "(mode 'same').")


q4 = Exercice(
    "Où est l'avion ?",
    _controle_q4,
    indices=["Calculez h = np.correlate(f, g, 'same') : h a la même longueur que f.",
             "La position cherchée est l'indice du plus grand coefficient de h : np.argmax(h)."],
    solution=("def position_echo(f, g):\n"
              "    h = np.correlate(f, g, 'same')\n"
              "    return int(np.argmax(h))"),
)

EXERCICES = [q1, q2, q3, q4]
