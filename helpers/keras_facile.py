"""keras_facile : définir les poids d'un réseau Keras à la main, l'évaluer, le tracer.

Réécriture, pour Keras 3, du module ``keras_facile`` du livre *Deepmath*
(A. Bodin et F. Recher) : mêmes noms, mêmes signatures et mêmes valeurs par
défaut, de sorte que les listings du livre fonctionnent tels quels après ::

    from keras_facile import *

Différences avec le module d'origine :

* fonctionne avec les deux moteurs de Keras 3 (TensorFlow et PyTorch,
  variable ``KERAS_BACKEND``) ;
* silencieux (aucune barre de progression) et vectorisé : ``evaluation``
  appelle directement le modèle au lieu de ``predict``, et chaque tracé évalue
  tous ses points en un seul appel ;
* ``calcul_approximation`` fonctionne sur tout intervalle, même s'il contient 0 ;
* ``gradient_poids`` remplace ``get_weights_grad``, qui reposait sur des
  fonctions internes disparues de Keras ;
* les erreurs de saisie produisent des messages en français qui disent ce qui
  était attendu.
"""
import os

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

import keras  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
from keras import Input, Sequential  # noqa: E402
from keras.layers import Dense  # noqa: E402

__all__ = [
    "definir_poids", "affiche_poids", "poids_a_zeros", "evaluation",
    "affichage_evaluation_une_var", "affichage_evaluation_deux_var_3d",
    "affichage_evaluation_deux_var_2d", "affichage_evaluation_trois_var",
    "calcul_approximation", "affichage_approximation", "heaviside", "gradient_poids",
    "sorties", "keras", "Sequential", "Input", "Dense", "np", "plt",
]


# --------------------------------------------------------------------------
# Vérifications communes
# --------------------------------------------------------------------------

def _entier(valeur, nom):
    if isinstance(valeur, bool) or not isinstance(valeur, (int, np.integer)):
        raise TypeError(f"{nom} doit être un entier ; reçu {valeur!r} ({type(valeur).__name__}).")
    return int(valeur)


def _nombre(valeur, nom):
    if isinstance(valeur, bool) or not isinstance(valeur, (int, float, np.integer, np.floating)):
        raise TypeError(f"{nom} doit être un nombre ; reçu {valeur!r} ({type(valeur).__name__}).")
    valeur = float(valeur)
    if not np.isfinite(valeur):
        raise ValueError(f"{nom} doit être un nombre fini ; reçu {valeur} : une valeur infinie ou non définie "
                         "(nan) fausserait tous les calculs du réseau.")
    return valeur


def _finis(tableau, nom):
    """Refuse un tableau donné par l'utilisateur qui contient nan ou ±inf.

    (Les valeurs lues d'un modèle, elles, s'affichent.)
    """
    tableau = np.asarray(tableau)
    if tableau.size and not np.all(np.isfinite(tableau)):
        n = int(np.size(tableau) - np.count_nonzero(np.isfinite(tableau)))
        raise ValueError(f"{nom} contiennent {n} valeur(s) infinie(s) ou non définie(s) (nan) : donnez des "
                         "nombres finis, sinon le résultat du réseau n'aurait pas de sens.")
    return tableau


def _ecrire(valeur):
    """Un poids lu dans le modèle, écrit comme dans le livre (« 2.0 », « -0.5 »).

    nan et ±inf sont écrits tels quels.
    """
    valeur = float(valeur)
    if not np.isfinite(valeur):
        return str(valeur)
    return f"{valeur:.1f}" if valeur == int(valeur) else f"{valeur:.6g}"


def _verifier_modele(modele):
    if not isinstance(modele, keras.Model):
        raise TypeError(f"Le premier argument doit être un modèle Keras (par exemple Sequential) ; "
                        f"reçu un objet de type {type(modele).__name__}.")
    if not modele.built or not any(c.weights for c in modele.layers):
        raise ValueError("Le modèle n'a pas encore de poids : commencez par modele.add(Input(shape=(n,))) "
                         "pour indiquer le nombre d'entrées, puis ajoutez les couches Dense.")


def _couche(modele, couche):
    _verifier_modele(modele)
    couche = _entier(couche, "Le numéro de couche")
    n = len(modele.layers)
    if not 0 <= couche < n:
        raise ValueError(f"Le modèle a {n} couche(s), numérotées de 0 à {n - 1} ; la couche {couche} n'existe pas.")
    c = modele.layers[couche]
    poids = c.get_weights()
    if len(poids) == 0 or poids[0].ndim != 2:
        raise ValueError(f"La couche {couche} ({type(c).__name__}) n'a pas de poids de la forme attendue "
                         "(une couche Dense).")
    return c, poids


def _nb_entrees(modele):
    _verifier_modele(modele)
    for c in modele.layers:
        poids = c.get_weights()
        if poids and poids[0].ndim == 2:
            return poids[0].shape[0]
    raise ValueError("Le modèle ne contient aucune couche Dense.")


def _nb_sorties(modele):
    for c in reversed(modele.layers):
        poids = c.get_weights()
        if poids and poids[0].ndim == 2:
            return poids[0].shape[1]
    raise ValueError("Le modèle ne contient aucune couche Dense.")


def _rang_sortie(modele, rang):
    rang = _entier(rang, "Le rang du neurone de sortie")
    p = _nb_sorties(modele)
    if not 0 <= rang < p:
        raise ValueError(f"Le réseau a {p} sortie(s), de rang 0 à {p - 1} ; le rang {rang} n'existe pas.")
    return rang


def _intervalle(a, b, nom="l'intervalle"):
    a, b = _nombre(a, "La borne inférieure"), _nombre(b, "La borne supérieure")
    if not a < b:
        raise ValueError(f"Pour {nom}, la borne inférieure doit être strictement plus petite que la borne "
                         f"supérieure ; reçu [{a:g}, {b:g}].")
    return a, b


def _num(num, minimum=2):
    num = _entier(num, "Le nombre de points num")
    if num < minimum:
        raise ValueError(f"Le nombre de points num doit valoir au moins {minimum} ; reçu {num}.")
    return num


# --------------------------------------------------------------------------
# Activation de Heaviside
# --------------------------------------------------------------------------

def heaviside(x):
    """Fonction marche de Heaviside, utilisable comme activation Keras : H(x) = 1 si x ≥ 0, 0 sinon.

    S'écrit sans guillemets : ``Dense(1, activation=heaviside)``. Sa dérivée est
    nulle partout : elle sert aux poids fixés à la main, pas à l'apprentissage.

    >>> [float(v) for v in keras.ops.convert_to_numpy(heaviside(np.array([-1.0, 0.0, 2.0])))]
    [0.0, 1.0, 1.0]
    """
    x = keras.ops.convert_to_tensor(x)
    return keras.ops.cast(keras.ops.greater_equal(x, 0), x.dtype)


# --------------------------------------------------------------------------
# Poids
# --------------------------------------------------------------------------

def definir_poids(modele, couche, rang, coeff, biais):
    """Fixe les coefficients et le biais du neurone numéro ``rang`` de la couche ``couche``.

    ``coeff`` est un nombre (neurone à une entrée) ou une liste de nombres, un
    par entrée du neurone ; ``biais`` est un nombre. Couches et neurones sont
    numérotés à partir de 0.

    >>> modele = Sequential([Input(shape=(2,)), Dense(1, activation="relu")])
    >>> definir_poids(modele, 0, 0, [1, -1], 2)
    >>> evaluation(modele, 3, 1)
    4.0
    """
    c, poids = _couche(modele, couche)
    rang = _entier(rang, "Le rang du neurone")
    noyau = poids[0]
    n_entrees, n_neurones = noyau.shape
    if not 0 <= rang < n_neurones:
        raise ValueError(f"La couche {couche} a {n_neurones} neurone(s), de rang 0 à {n_neurones - 1} ; "
                         f"le rang {rang} n'existe pas.")
    if isinstance(coeff, (str, bytes)) or coeff is None:
        raise TypeError(f"Les coefficients doivent être un nombre ou une liste de {n_entrees} nombre(s) ; "
                        f"reçu {coeff!r}.")
    try:
        valeurs = np.asarray(coeff, dtype=float).reshape(-1)
    except (TypeError, ValueError):
        raise TypeError(f"Les coefficients doivent être un nombre ou une liste de {n_entrees} nombre(s) ; "
                        f"reçu {coeff!r}.") from None
    if valeurs.size != n_entrees:
        forme = "un nombre" if n_entrees == 1 else f"une liste de {n_entrees} nombres"
        raise ValueError(f"Le neurone {rang} de la couche {couche} a {n_entrees} entrée(s) : il faut {n_entrees} "
                         f"coefficient(s) ({forme}), mais {valeurs.size} ont été donnés.")
    _finis(valeurs, "Les coefficients")
    b = _nombre(biais, "Le biais")
    noyau[:, rang] = valeurs
    if len(poids) > 1:
        poids[1][rang] = b
    elif b != 0:
        raise ValueError(f"La couche {couche} n'a pas de biais (use_bias=False) : le biais doit valoir 0.")
    c.set_weights(poids)


def poids_a_zeros(modele, couche):
    """Met à zéro tous les coefficients et biais de la couche ``couche``.

    >>> modele = Sequential([Input(shape=(1,)), Dense(2)])
    >>> poids_a_zeros(modele, 0)
    >>> float(np.abs(modele.layers[0].get_weights()[0]).sum())
    0.0
    """
    c, poids = _couche(modele, couche)
    c.set_weights([np.zeros_like(p) for p in poids])


def affiche_poids(modele, couche):
    """Affiche, neurone par neurone, les coefficients et le biais de la couche ``couche``.

    Un poids infini ou non défini (après un entraînement qui diverge, par
    exemple) est affiché tel quel : ``nan``, ``inf`` ou ``-inf``.

    >>> modele = Sequential([Input(shape=(1,)), Dense(1)])
    >>> definir_poids(modele, 0, 0, 2, -1)
    >>> affiche_poids(modele, 0)
    ===== Couche numéro 0 =====
    Neurones : 1 ; entrées par neurone : 1 ; poids par neurone : 2 (coefficients et biais)
      Neurone 0 : coefficients [2.0], biais -1.0
    """
    c, poids = _couche(modele, couche)
    noyau = poids[0]
    biais = poids[1] if len(poids) > 1 else np.zeros(noyau.shape[1])
    n_entrees, n_neurones = noyau.shape
    print(f"===== Couche numéro {couche} =====")
    print(f"Neurones : {n_neurones} ; entrées par neurone : {n_entrees} ; "
          f"poids par neurone : {n_entrees + 1} (coefficients et biais)")
    for r in range(n_neurones):
        coeffs = ", ".join(_ecrire(v) for v in noyau[:, r])
        print(f"  Neurone {r} : coefficients [{coeffs}], biais {_ecrire(biais[r])}")


# --------------------------------------------------------------------------
# Évaluation
# --------------------------------------------------------------------------

def sorties(modele, entrees):
    """Évalue le réseau sur un lot d'entrées (tableau de forme (N, nombre d'entrées)), en un seul appel.

    Renvoie un tableau NumPy de forme (N, nombre de sorties). C'est la brique
    commune de ``evaluation`` et des tracés ; elle n'affiche rien.

    >>> modele = Sequential([Input(shape=(1,)), Dense(1)])
    >>> definir_poids(modele, 0, 0, 2, 1)
    >>> sorties(modele, [[0.0], [1.0]]).ravel().tolist()
    [1.0, 3.0]
    """
    n = _nb_entrees(modele)
    try:
        x = np.asarray(entrees, dtype="float32")
    except (TypeError, ValueError):
        raise TypeError("Les entrées doivent être des nombres.") from None
    if x.ndim == 1 and n == 1:
        x = x.reshape(-1, 1)
    if x.ndim != 2 or x.shape[1] != n:
        raise ValueError(f"Le réseau a {n} entrée(s) : le lot doit avoir la forme (N, {n}) ; reçu {x.shape}.")
    _finis(x, "Les entrées")
    y = modele(x, training=False)
    return np.asarray(keras.ops.convert_to_numpy(y), dtype=float).reshape(len(x), -1)


def evaluation(modele, *entree):
    """Calcule la sortie du réseau pour une seule entrée.

    L'entrée se donne comme un nombre (``evaluation(modele, 3)``), plusieurs
    nombres (``evaluation(modele, 2, 1)``), une liste ou un tableau
    (``evaluation(modele, [2, 3, 4])``). Renvoie un nombre si le réseau a une
    seule sortie, sinon le tableau des sorties.

    C'est une version rapide et silencieuse de ``modele.predict`` : elle appelle
    directement le modèle, sans barre de progression.

    >>> modele = Sequential([Input(shape=(1,)), Dense(1, activation="relu")])
    >>> definir_poids(modele, 0, 0, -1, 2)
    >>> evaluation(modele, 0.5)
    1.5
    """
    if len(entree) == 0:
        raise TypeError("Donnez une entrée à évaluer, par exemple evaluation(modele, 3).")
    valeurs = entree[0] if len(entree) == 1 else entree
    if isinstance(valeurs, (str, bytes)):
        raise TypeError(f"L'entrée doit être numérique ; reçu {valeurs!r}.")
    try:
        x = np.asarray(valeurs, dtype="float32").reshape(1, -1)
    except (TypeError, ValueError):
        raise TypeError(f"L'entrée doit être un nombre ou une liste de nombres ; reçu {valeurs!r}.") from None
    n = _nb_entrees(modele)
    if x.shape[1] != n:
        raise ValueError(f"Le réseau a {n} entrée(s) : donnez {n} nombre(s) ; reçu {x.shape[1]}.")
    _finis(x, "Les entrées")
    y = sorties(modele, x)[0]
    return float(y[0]) if y.size == 1 else y


# --------------------------------------------------------------------------
# Tracés
# --------------------------------------------------------------------------

def affichage_evaluation_une_var(modele, a, b, rang=0, num=100):
    """Trace le graphe de la sortie ``rang`` du réseau (une entrée) sur [a, b].

    >>> modele = Sequential([Input(shape=(1,)), Dense(1, activation="relu")])
    >>> definir_poids(modele, 0, 0, 1, 0)
    >>> affichage_evaluation_une_var(modele, -2, 3)
    """
    a, b = _intervalle(a, b)
    num, rang = _num(num), _rang_sortie(modele, rang)
    if _nb_entrees(modele) != 1:
        raise ValueError("affichage_evaluation_une_var demande un réseau à une entrée ; "
                         f"celui-ci en a {_nb_entrees(modele)}.")
    x = np.linspace(a, b, num)
    y = sorties(modele, x.reshape(-1, 1))[:, rang]
    fig, ax = plt.subplots()
    ax.plot(x, y, linewidth=2)
    ax.set_xlabel("$x$")
    ax.set_ylabel("$F(x)$")
    ax.set_title("Fonction calculée par le réseau")
    ax.grid(True, alpha=0.3)
    plt.show()


def _grille(modele, xmin, xmax, ymin, ymax, rang, num):
    xmin, xmax = _intervalle(xmin, xmax, "l'intervalle des x")
    ymin, ymax = _intervalle(ymin, ymax, "l'intervalle des y")
    num, rang = _num(num), _rang_sortie(modele, rang)
    if _nb_entrees(modele) != 2:
        raise ValueError(f"Ce tracé demande un réseau à deux entrées ; celui-ci en a {_nb_entrees(modele)}.")
    X, Y = np.meshgrid(np.linspace(xmin, xmax, num), np.linspace(ymin, ymax, num))
    Z = sorties(modele, np.c_[X.ravel(), Y.ravel()])[:, rang].reshape(X.shape)
    return X, Y, Z


def affichage_evaluation_deux_var_3d(modele, xmin, xmax, ymin, ymax, rang=0, num=20):
    """Trace en 3D la surface z = F(x, y) d'un réseau à deux entrées.

    >>> modele = Sequential([Input(shape=(2,)), Dense(1, activation="sigmoid")])
    >>> definir_poids(modele, 0, 0, [1, 2], -1)
    >>> affichage_evaluation_deux_var_3d(modele, -5, 5, -5, 5)
    """
    X, Y, Z = _grille(modele, xmin, xmax, ymin, ymax, rang, num)
    fig = plt.figure()
    ax = fig.add_subplot(projection="3d")
    ax.plot_surface(X, Y, Z, cmap="viridis", edgecolor="none", alpha=0.9)
    ax.set_xlabel("$x$")
    ax.set_ylabel("$y$")
    ax.set_zlabel("$F(x, y)$")
    plt.show()


def affichage_evaluation_deux_var_2d(modele, xmin, xmax, ymin, ymax, rang=0, num=30, niveaux=10):
    """Trace les lignes de niveau (zones colorées) de F(x, y) pour un réseau à deux entrées.

    >>> modele = Sequential([Input(shape=(2,)), Dense(1, activation="sigmoid")])
    >>> definir_poids(modele, 0, 0, [1, 2], -1)
    >>> affichage_evaluation_deux_var_2d(modele, -5, 5, -5, 5)
    """
    niveaux = _entier(niveaux, "Le nombre de niveaux")
    if niveaux < 1:
        raise ValueError(f"Le nombre de niveaux doit être au moins 1 ; reçu {niveaux}.")
    X, Y, Z = _grille(modele, xmin, xmax, ymin, ymax, rang, num)
    fig, ax = plt.subplots()
    zones = ax.contourf(X, Y, Z, levels=niveaux, cmap="viridis")
    fig.colorbar(zones, ax=ax, label="$F(x, y)$")
    ax.set_xlabel("$x$")
    ax.set_ylabel("$y$")
    ax.set_aspect("equal")
    plt.show()


def affichage_evaluation_trois_var(modele, xmin, xmax, ymin, ymax, zmin, zmax, rang=0, num=10):
    """Place les points d'une grille de l'espace, colorés selon la valeur F(x, y, z).

    >>> modele = Sequential([Input(shape=(3,)), Dense(1, activation="relu")])
    >>> definir_poids(modele, 0, 0, [1, -1, 1], -1)
    >>> affichage_evaluation_trois_var(modele, -5, 5, -5, 5, -5, 5, num=5)
    """
    xmin, xmax = _intervalle(xmin, xmax, "l'intervalle des x")
    ymin, ymax = _intervalle(ymin, ymax, "l'intervalle des y")
    zmin, zmax = _intervalle(zmin, zmax, "l'intervalle des z")
    num, rang = _num(num), _rang_sortie(modele, rang)
    if _nb_entrees(modele) != 3:
        raise ValueError(f"Ce tracé demande un réseau à trois entrées ; celui-ci en a {_nb_entrees(modele)}.")
    X, Y, Z = np.meshgrid(np.linspace(xmin, xmax, num), np.linspace(ymin, ymax, num), np.linspace(zmin, zmax, num))
    valeurs = sorties(modele, np.c_[X.ravel(), Y.ravel(), Z.ravel()])[:, rang]
    fig = plt.figure()
    ax = fig.add_subplot(projection="3d")
    nuage = ax.scatter(X.ravel(), Y.ravel(), Z.ravel(), c=valeurs, cmap="viridis", s=12)
    fig.colorbar(nuage, ax=ax, shrink=0.7, pad=0.12, label="$F(x, y, z)$")
    ax.set_xlabel("$x$")
    ax.set_ylabel("$y$")
    ax.set_zlabel("$z$")
    plt.show()


# --------------------------------------------------------------------------
# Théorème d'approximation universelle
# --------------------------------------------------------------------------

def calcul_approximation(modele, f, a, b, n):
    """Fixe les poids d'un réseau pour que sa fonction approche ``f`` sur [a, b].

    Le réseau doit avoir une entrée, une couche de 2n neurones d'activation
    ``heaviside`` puis une couche d'un neurone linéaire. L'intervalle est
    découpé en n morceaux [x_i, x_{i+1}] ; la paire de neurones (2i, 2i+1)
    fabrique le créneau de hauteur f(x_i) sur ce morceau :

    * neurone 2i : H(t − x_i), qui vaut 1 si t ≥ x_i ;
    * neurone 2i+1 : H(x_{i+1} − t), qui vaut 1 si t ≤ x_{i+1} ;
    * neurone de sortie : Σ f(x_i) (s_{2i} + s_{2i+1} − 1).

    Contrairement au module du livre (coefficient 1/x_i), rien n'est divisé par
    x_i : l'intervalle peut contenir 0. Aux points x_i intérieurs, deux créneaux
    se touchent et la sortie vaut f(x_{i-1}) + f(x_i) ; partout ailleurs elle
    vaut f(x_i) sur [x_i, x_{i+1}].

    >>> n = 4
    >>> modele = Sequential([Input(shape=(1,)), Dense(2*n, activation=heaviside), Dense(1)])
    >>> calcul_approximation(modele, np.cos, -1, 1, n)
    >>> round(evaluation(modele, 0.1), 4) == round(float(np.cos(0.0)), 4)
    True
    """
    if not callable(f):
        raise TypeError(f"f doit être une fonction ; reçu un objet de type {type(f).__name__}.")
    a, b = _intervalle(a, b)
    n = _entier(n, "Le nombre de sous-intervalles n")
    if n < 1:
        raise ValueError(f"Le nombre de sous-intervalles n doit valoir au moins 1 ; reçu {n}.")
    _verifier_modele(modele)
    denses = [c for c in modele.layers if c.get_weights()]
    formes = [tuple(c.get_weights()[0].shape) for c in denses]
    if formes != [(1, 2 * n), (2 * n, 1)]:
        raise ValueError(f"Pour n = {n}, le réseau doit avoir 1 entrée, une couche de {2 * n} neurones "
                         f"(activation heaviside) puis une couche d'un neurone ; ses couches ont les formes "
                         f"{formes} (entrées, neurones).")
    x = np.linspace(a, b, n + 1)
    try:
        hauteurs = np.array([float(f(t)) for t in x[:-1]])
    except Exception as erreur:
        raise ValueError(f"Impossible d'évaluer f sur [{a:g}, {b:g}] : {type(erreur).__name__} : {erreur}") from None
    if not np.all(np.isfinite(hauteurs)):
        t = x[:-1][~np.isfinite(hauteurs)][0]
        raise ValueError(f"f n'a pas de valeur finie en x = {t:g} (elle vaut {f(t)}) : choisissez un intervalle "
                         "où f est définie.")
    noyau0 = np.zeros((1, 2 * n))
    biais0 = np.zeros(2 * n)
    noyau0[0, 0::2], biais0[0::2] = 1.0, -x[:-1]
    noyau0[0, 1::2], biais0[1::2] = -1.0, x[1:]
    noyau1 = np.repeat(hauteurs, 2).reshape(-1, 1)
    biais1 = np.array([-hauteurs.sum()])
    denses[0].set_weights([noyau0, biais0])
    denses[1].set_weights([noyau1, biais1])


def affichage_approximation(modele, f, a, b, rang=0, num=100):
    """Trace f (en rouge) et la fonction F du réseau (en bleu) sur [a, b].

    >>> n = 5
    >>> modele = Sequential([Input(shape=(1,)), Dense(2*n, activation=heaviside), Dense(1)])
    >>> calcul_approximation(modele, np.sin, 0, 3, n)
    >>> affichage_approximation(modele, np.sin, 0, 3)
    """
    if not callable(f):
        raise TypeError(f"f doit être une fonction ; reçu un objet de type {type(f).__name__}.")
    a, b = _intervalle(a, b)
    num, rang = _num(num), _rang_sortie(modele, rang)
    x = np.linspace(a, b, num)
    y_reseau = sorties(modele, x.reshape(-1, 1))[:, rang]
    fig, ax = plt.subplots()
    ax.plot(x, [f(t) for t in x], color="#D55E00", label="$f$")
    ax.plot(x, y_reseau, color="#0072B2", linewidth=2, label="$F$ (réseau)")
    ax.set_xlabel("$x$")
    ax.legend()
    ax.grid(True, alpha=0.3)
    plt.show()


# --------------------------------------------------------------------------
# Gradient par rapport aux poids
# --------------------------------------------------------------------------

def gradient_poids(modele, X, Y, perte=None):
    """Gradient de l'erreur par rapport à chaque poids du réseau, sur les données (X, Y).

    Remplace ``get_weights_grad`` du livre. L'erreur est la fonction de perte
    du modèle compilé, ou ``perte`` (par exemple ``"mse"``). Le résultat est une
    liste de tableaux NumPy rangés comme ``modele.get_weights()``, un par
    poids, de mêmes tailles, avec les deux moteurs. Là où aucun gradient ne
    passe, il vaut zéro : derrière une activation ``heaviside`` (sa dérivée est
    nulle), et pour les poids d'une couche gelée (``trainable=False``), que
    l'entraînement ne modifie pas.

    >>> modele = Sequential([Input(shape=(1,)), Dense(1)])
    >>> definir_poids(modele, 0, 0, 2, 0)
    >>> [g.ravel().tolist() for g in gradient_poids(modele, [[1.0]], [[0.0]], perte="mse")]
    [[4.0], [4.0]]
    """
    _verifier_modele(modele)
    if perte is None:
        perte = getattr(modele, "loss", None)
        if perte is None:
            raise ValueError("Le modèle n'est pas compilé : indiquez la perte, par exemple perte=\"mse\", "
                             "ou appelez d'abord modele.compile(loss=...).")
    fonction_perte = keras.losses.get(perte)
    x = np.asarray(X, dtype="float32")
    y = np.asarray(Y, dtype="float32")
    n = _nb_entrees(modele)
    if x.ndim == 1 and n == 1:
        x = x.reshape(-1, 1)
    if x.ndim != 2 or x.shape[1] != n:
        raise ValueError(f"X doit avoir la forme (N, {n}) ; reçu {x.shape}.")
    if len(y) != len(x):
        raise ValueError(f"X et Y doivent avoir le même nombre d'exemples ; reçu {len(x)} et {len(y)}.")
    _finis(x, "Les entrées X")
    _finis(y, "Les sorties attendues Y")
    y = y.reshape(len(x), -1)
    variables = modele.trainable_weights
    moteur = keras.backend.backend()
    if not variables:
        gradients = []
    elif moteur == "tensorflow":
        import tensorflow as tf

        with tf.GradientTape() as bande:
            erreur = keras.ops.mean(fonction_perte(y, modele(x, training=False)))
        gradients = bande.gradient(erreur, variables)
    elif moteur == "torch":
        import torch

        erreur = keras.ops.mean(fonction_perte(keras.ops.convert_to_tensor(y), modele(x, training=False)))
        if erreur.requires_grad:
            gradients = torch.autograd.grad(erreur, [v.value for v in variables], allow_unused=True)
        else:  # aucun chemin dérivable jusqu'à l'erreur (que des heaviside, par exemple)
            gradients = [None] * len(variables)
    else:  # pragma: no cover - les deux moteurs du cours sont testés
        raise NotImplementedError(f"gradient_poids ne gère pas le moteur Keras « {moteur} ».")
    calcules = {id(v): g for v, g in zip(variables, gradients)}
    resultat = []
    for v in modele.weights:  # l'ordre de get_weights()
        g = calcules.get(id(v))
        forme = tuple(v.shape)
        resultat.append(np.zeros(forme) if g is None
                        else np.asarray(keras.ops.convert_to_numpy(g), dtype=float).reshape(forme))
    return resultat
