"""Exercices du chapitre 11 : convolution en une dimension.

* ``q1`` : une convolution tronquée calculée à la main ;
* ``q2`` : trouver deux motifs (décalage vers la gauche, différence centrée) ;
* ``q3`` : la matrice d'une couche de convolution ;
* ``q4`` : la convolution complète f ∗̃ g par une double boucle.

Les contrôles recalculent eux-mêmes la bonne réponse et disent ce qui ne va
pas (motif non retourné, mauvaise longueur…) sans donner de valeur.
"""
import numpy as np

from . import Exercice, Incorrect, PasDeReponse, appeler, est_vide, tableau

__all__ = ["q1", "q2", "q3", "q4", "EXERCICES", "convolution_tronquee", "F_Q1", "G_Q1"]


def convolution_tronquee(f, g):
    """f ⋆ g au sens du livre : motif retourné, zéros virtuels, même longueur que f (0 ajouté devant un motif pair).

    >>> convolution_tronquee([1, 0, 3, 5, 1], [1, 2, 3]).tolist()
    [2.0, 6.0, 11.0, 20.0, 17.0]
    """
    f = np.asarray(f, dtype=float)
    g = np.asarray(g, dtype=float)
    if len(g) % 2 == 0:
        g = np.concatenate([[0.0], g])
    K = len(g) // 2
    retourne = g[::-1]
    etendu = np.concatenate([np.zeros(K), f, np.zeros(K)])
    return np.array([etendu[n:n + len(g)] @ retourne for n in range(len(f))])


# --------------------------------------------------------------------------- q1
F_Q1 = [2, -1, 0, 3]
G_Q1 = [1, 0, -2]


def _controle_q1(resultat):
    r = tableau(resultat, "Votre résultat")
    attendu = convolution_tronquee(F_Q1, G_Q1)
    if r.ndim != 1:
        raise Incorrect(f"Votre résultat doit être une simple liste de nombres ; sa taille est {r.shape}.")
    if len(r) == len(F_Q1) + len(G_Q1) - 1:
        raise Incorrect("Votre liste a la longueur de la convolution complète ; la convolution tronquée f ⋆ g "
                        "a la même longueur que la liste d'entrée f.")
    if len(r) != len(F_Q1):
        raise Incorrect(f"Votre liste contient {len(r)} nombres ; la convolution tronquée en contient autant "
                        "que la liste d'entrée.")
    if np.allclose(r, attendu):
        return
    if np.allclose(r, convolution_tronquee(F_Q1, G_Q1[::-1])):
        raise Incorrect("Vous avez fait glisser le motif sans le retourner (c'est une corrélation). "
                        "Retournez d'abord le motif.")
    faux = [str(i) for i, ok in enumerate(np.isclose(r, attendu)) if not ok]
    raise Incorrect(f"Le ou les termes de rang {', '.join(faux)} ne conviennent pas (le rang commence à 0). "
                    "Aux bords, n'oubliez pas les zéros virtuels.")


q1 = Exercice(
    "Une convolution tronquée à la main",
    _controle_q1,
    indices=["Retournez le motif : [1, 0, −2] devient [−2, 0, 1].",
             "Ajoutez un zéro virtuel de chaque côté : [0, 2, −1, 0, 3, 0].",
             "Le terme de rang n est −2 × (terme de gauche) + 0 × (terme du milieu) + 1 × (terme de droite)."],
    solution=("# Motif retourné [-2, 0, 1] sous [0, 2, -1, 0, 3, 0] :\n"
              "resultat = [-1, -4, 5, 0]"),
)


# --------------------------------------------------------------------------- q2
_ESSAIS_Q2 = [np.arange(1.0, 10.0), np.array([4.0, -2.0, 7.0, 0.5, 3.0, 3.0, -1.0]),
              np.random.default_rng(11).normal(size=12)]


def _effet(motif, nom):
    g = tableau(motif, nom)
    if g.ndim != 1 or len(g) == 0:
        raise Incorrect(f"{nom} doit être une simple liste de nombres, par exemple [0, 1, 0].")
    if len(g) > 9:
        raise Incorrect(f"{nom} est bien long : trois coefficients suffisent.")
    return g


def _controle_q2(motif_gauche, motif_centre):
    if est_vide(motif_gauche) or est_vide(motif_centre):
        raise PasDeReponse
    for motif, nom in ((motif_gauche, "motif_gauche"), (motif_centre, "motif_centre")):
        if isinstance(motif, (str, bytes, dict, set, bool)) or not hasattr(motif, "__len__"):
            raise Incorrect(f"{nom} doit être une liste de nombres, par exemple [0, 1, 0].")
    g1 = _effet(motif_gauche, "motif_gauche")
    g2 = _effet(motif_centre, "motif_centre")
    for f in _ESSAIS_Q2:
        gauche = np.concatenate([f[1:], [0.0]])
        sortie = convolution_tronquee(f, g1)
        if not np.allclose(sortie, gauche):
            droite = np.concatenate([[0.0], f[:-1]])
            if np.allclose(sortie, droite):
                raise Incorrect("motif_gauche décale la liste vers la droite : pensez au retournement du motif.")
            raise Incorrect("motif_gauche ne décale pas la liste d'un cran vers la gauche (le terme de rang n "
                            "doit devenir f(n + 1)).")
        etendu = np.concatenate([[0.0], f, [0.0]])
        centre = (etendu[2:] - etendu[:-2]) / 2
        sortie = convolution_tronquee(f, g2)
        if not np.allclose(sortie, centre):
            if np.allclose(sortie, -centre):
                raise Incorrect("motif_centre donne l'opposé de la différence centrée : le motif est retourné "
                                "avant le calcul.")
            if np.allclose(sortie, 2 * centre):
                raise Incorrect("motif_centre calcule f(n + 1) − f(n − 1) : il manque la division par 2.")
            raise Incorrect("motif_centre ne calcule pas (f(n + 1) − f(n − 1)) / 2.")


q2 = Exercice(
    "Deux motifs à trouver",
    _controle_q2,
    indices=["Avec un motif [a, b, c], le terme de rang n vaut c·f(n − 1) + b·f(n) + a·f(n + 1).",
             "Pour obtenir f(n + 1), seul le coefficient qui multiplie f(n + 1) doit valoir 1.",
             "Pour la différence centrée, f(n + 1) reçoit 1/2 et f(n − 1) reçoit −1/2 : placez-les dans le motif "
             "en tenant compte du retournement."],
    solution=("motif_gauche = [1, 0, 0]        # retourné : [0, 0, 1], qui pointe sur f(n + 1)\n"
              "motif_centre = [1/2, 0, -1/2]   # retourné : [-1/2, 0, 1/2]"),
)


# --------------------------------------------------------------------------- q3
_CAS_Q3 = [([1.0, 2.0, 3.0], 5), ([0.5, -1.0, 4.0], 7), ([0.0, 1.0, -1.0], 4), ([2.0, 0.0, 0.0], 1)]


def _controle_q3(matrice_convolution):
    if est_vide(matrice_convolution):
        raise PasDeReponse
    if not callable(matrice_convolution):
        raise Incorrect("On attend une fonction matrice_convolution(g, n) ; vous avez donné un objet de type "
                        f"{type(matrice_convolution).__name__}.")
    for g, n in _CAS_Q3:
        appel = f"matrice_convolution({g}, {n})"
        W = tableau(appeler(matrice_convolution, g, n, nom="matrice_convolution"), f"Le résultat de {appel}")
        if W.shape != (n, n):
            raise Incorrect(f"{appel} doit être une matrice carrée de taille ({n}, {n}) ; la taille reçue est "
                            f"{W.shape}.")
        attendu = np.column_stack([convolution_tronquee(e, g) for e in np.eye(n)])
        if np.allclose(W, attendu):
            continue
        if np.allclose(W, attendu.T):
            raise Incorrect(f"{appel} : votre matrice est la transposée de la bonne, ce qui revient à oublier "
                            "de retourner le motif. La ligne numéro i contient les poids du neurone numéro i, "
                            "dans l'ordre du motif retourné.")
        raise Incorrect(f"{appel} : la matrice W ne vérifie pas W @ f = f ⋆ g. Chaque ligne contient le motif "
                        "retourné, centré sur la diagonale.")


q3 = Exercice(
    "La matrice d'une couche de convolution",
    _controle_q3,
    indices=["Le neurone numéro i calcule c·f(i − 1) + b·f(i) + a·f(i + 1) pour g = [a, b, c].",
             "Dans la ligne i de W : W[i, i − 1] = c, W[i, i] = b, W[i, i + 1] = a (quand ces colonnes existent).",
             "Partez de np.zeros((n, n)) et remplissez les trois diagonales (une boucle sur i suffit)."],
    solution=("def matrice_convolution(g, n):\n"
              "    a, b, c = g\n"
              "    W = np.zeros((n, n))\n"
              "    for i in range(n):\n"
              "        W[i, i] = b\n"
              "        if i > 0:\n"
              "            W[i, i - 1] = c\n"
              "        if i < n - 1:\n"
              "            W[i, i + 1] = a\n"
              "    return W"),
)


# --------------------------------------------------------------------------- q4
_CAS_Q4 = [([1, 0, 3, 5, 1], [1, 2, 3]), ([1, 2, 3, 4], [5, 6, 7]), ([2.5, -1.0], [4.0, 0.5, -3.0, 1.0]),
           ([7], [1, -1]), ([0.5, 1.5, -2.0, 3.0, 1.0, 4.0], [1.0, -2.0])]


def _controle_q4(convolution_complete):
    if est_vide(convolution_complete):
        raise PasDeReponse
    if not callable(convolution_complete):
        raise Incorrect("On attend une fonction convolution_complete(f, g) ; vous avez donné un objet de type "
                        f"{type(convolution_complete).__name__}.")
    for f, g in _CAS_Q4:
        appel = f"convolution_complete({f}, {g})"
        h = tableau(appeler(convolution_complete, list(f), list(g), nom="convolution_complete"),
                    f"Le résultat de {appel}")
        attendu = np.convolve(f, g)
        if h.ndim != 1:
            raise Incorrect(f"{appel} doit renvoyer une liste de nombres ; la taille reçue est {h.shape}.")
        if len(h) == len(f):
            raise Incorrect(f"{appel} renvoie {len(h)} nombres, autant que f : c'est la convolution tronquée. "
                            "La convolution complète garde tous les termes non nuls.")
        if len(h) != len(attendu):
            raise Incorrect(f"{appel} renvoie {len(h)} nombres. Combien de valeurs i + j différentes "
                            "peut-on former avec i indice de f et j indice de g ?")
        if not np.allclose(h, attendu):
            if np.allclose(h, np.correlate(f, g, "full")):
                raise Incorrect(f"{appel} : vous avez calculé une corrélation (motif non retourné).")
            raise Incorrect(f"{appel} : certaines valeurs ne conviennent pas. Le produit f[i]·g[j] s'ajoute "
                            "au terme de rang i + j.")


q4 = Exercice(
    "La convolution complète par une double boucle",
    _controle_q4,
    indices=["Le résultat a len(f) + len(g) − 1 termes : commencez par une liste de zéros de cette longueur.",
             "Dans la formule h(n) = Σ f(n − k) g(k), posez i = n − k : le produit f[i]·g[k] contribue à h[i + k].",
             "Deux boucles imbriquées, sur i puis sur k, et h[i + k] += f[i] * g[k]."],
    solution=("def convolution_complete(f, g):\n"
              "    h = [0] * (len(f) + len(g) - 1)\n"
              "    for i in range(len(f)):\n"
              "        for k in range(len(g)):\n"
              "            h[i + k] += f[i] * g[k]\n"
              "    return h"),
)

EXERCICES = [q1, q2, q3, q4]
