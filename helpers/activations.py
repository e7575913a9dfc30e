"""Fonctions d'activation, en NumPy.

Chaque fonction accepte un nombre ou un tableau NumPy et renvoie un résultat de
même taille (un ``float`` pour un nombre). Elles servent aux calculs « à la
main » des chapitres ; pour Keras, voyez ``keras_facile.heaviside``.
"""
import math

import numpy as np
from scipy.special import erf, expit

__all__ = ["heaviside", "sigmoide", "relu", "tanh", "softmax",
           "gelu", "gelu_tanh", "gelu_sigmoide"]


def _tableau(x, nom="x"):
    if isinstance(x, (str, bytes)) or x is None:
        raise TypeError(f"{nom} doit être un nombre ou un tableau de nombres, pas {type(x).__name__}.")
    try:
        t = np.asarray(x, dtype=float)
    except (TypeError, ValueError):
        raise TypeError(f"{nom} doit être un nombre ou un tableau de nombres ; reçu {x!r}.") from None
    return t


def _sortie(resultat, x):
    return float(resultat) if np.ndim(resultat) == 0 and not isinstance(x, np.ndarray) else resultat


def heaviside(x):
    """Fonction marche de Heaviside : 1 si x ≥ 0, 0 sinon (convention du livre : H(0) = 1).

    Présenté au chapitre 01.

    >>> heaviside(-2), heaviside(0), heaviside(3.5)
    (0.0, 1.0, 1.0)
    """
    t = _tableau(x)
    return _sortie(np.where(t >= 0, 1.0, 0.0), x)


def sigmoide(x):
    """Fonction sigmoïde σ(x) = 1 / (1 + e^{-x}), calculée sans dépassement de capacité.

    Présenté au chapitre 00.

    >>> round(sigmoide(0), 3), round(sigmoide(3), 3)
    (0.5, 0.953)
    """
    return _sortie(expit(_tableau(x)), x)


def relu(x):
    """Fonction ReLU : max(0, x).

    Présenté au chapitre 01.

    >>> relu(-1), relu(2)
    (0.0, 2.0)
    """
    return _sortie(np.maximum(_tableau(x), 0.0), x)


def tanh(x):
    """Tangente hyperbolique, égale à 2σ(2x) − 1.

    Présenté au chapitre 01.

    >>> round(tanh(1), 4)
    0.7616
    """
    return _sortie(np.tanh(_tableau(x)), x)


def softmax(x, temperature=1.0, axe=-1):
    """Softmax avec température : exp(x_i / T) / Σ_j exp(x_j / T), le long de ``axe``.

    Le maximum est retranché avant l'exponentielle : des logits de l'ordre de
    10⁴ ne provoquent aucun dépassement. Une petite température rend la
    distribution plus « piquée », une grande la rend plus uniforme.

    Présenté au chapitre 05.

    >>> softmax([1, 2, 3]).round(3)
    array([0.09 , 0.245, 0.665])
    >>> softmax([10000, 10001]).round(3)
    array([0.269, 0.731])
    """
    t = _tableau(x)
    if t.ndim == 0:
        raise ValueError("softmax attend un vecteur (au moins deux valeurs), pas un nombre seul.")
    if t.size == 0:
        raise ValueError("softmax attend un vecteur non vide.")
    if isinstance(temperature, bool) or not isinstance(temperature, (int, float, np.number)):
        raise TypeError(f"La température doit être un nombre, pas {type(temperature).__name__}.")
    if not temperature > 0:
        raise ValueError(f"La température doit être strictement positive ; reçu {temperature}.")
    # Le maximum est retranché avant la division par T : l'écart x_i − max est ≤ 0, et
    # s'il déborde (logits de signes opposés vers ±1e308), il vaut −inf et exp le met à 0.
    with np.errstate(over="ignore", under="ignore"):
        z = (t - np.max(t, axis=axe, keepdims=True)) / float(temperature)
        e = np.exp(z)
        return e / np.sum(e, axis=axe, keepdims=True)


def gelu(x):
    """GELU exacte : x · Φ(x) = x/2 · (1 + erf(x / √2)).

    Présenté au chapitre 05.

    >>> round(gelu(1.0), 4)
    0.8413
    """
    t = _tableau(x)
    return _sortie(0.5 * t * (1.0 + erf(t / math.sqrt(2.0))), x)


def gelu_tanh(x):
    """Approximation de GELU par la tangente hyperbolique :
    x/2 · (1 + tanh(√(2/π) · (x + 0,044715 x³))).

    Présenté au chapitre 05.

    >>> round(gelu_tanh(1.0), 4)
    0.8412
    """
    t = _tableau(x)
    return _sortie(0.5 * t * (1.0 + np.tanh(math.sqrt(2.0 / math.pi) * (t + 0.044715 * t**3))), x)


def gelu_sigmoide(x):
    """Approximation de GELU par la sigmoïde : x · σ(1,702 x).

    Présenté au chapitre 05 (à côté de ``gelu`` ; pas encore utilisée par un chapitre).

    >>> round(gelu_sigmoide(1.0), 4)
    0.8458
    """
    t = _tableau(x)
    return _sortie(t * expit(1.702 * t), x)
