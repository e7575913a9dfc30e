"""Tests de helpers.activations : valeurs de référence, propriétés, stabilité, erreurs en français."""
import math
import warnings

import numpy as np
import pytest
import scipy.special
import torch
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from helpers import activations as act
from helpers.activations import gelu, gelu_sigmoide, gelu_tanh, heaviside, relu, sigmoide, softmax, tanh

# Écarts maximaux mesurés sur [-6, 6] (grille de 200 001 points) :
#   |gelu_tanh - gelu|     ≈ 4.73e-4
#   |gelu_sigmoide - gelu| ≈ 2.03e-2
BORNE_GELU_TANH = 5e-4
BORNE_GELU_SIGMOIDE = 2.1e-2

GRILLE = np.linspace(-8, 8, 1601)


def _torch(f, x, **options):
    return f(torch.from_numpy(np.asarray(x, dtype=np.float64)), **options).numpy()


# --------------------------------------------------------------------------
# Valeurs de référence
# --------------------------------------------------------------------------

REFERENCES = [
    (sigmoide, scipy.special.expit),
    (sigmoide, lambda x: _torch(torch.sigmoid, x)),
    (relu, lambda x: _torch(torch.relu, x)),
    (tanh, np.tanh),
    (gelu, lambda x: _torch(torch.nn.functional.gelu, x, approximate="none")),
    (gelu_tanh, lambda x: _torch(torch.nn.functional.gelu, x, approximate="tanh")),
    (heaviside, lambda x: np.heaviside(x, 1.0)),
]


@pytest.mark.parametrize("fonction, reference", REFERENCES,
                         ids=["sigmoide-scipy", "sigmoide-torch", "relu-torch", "tanh-numpy",
                              "gelu-torch", "gelu_tanh-torch", "heaviside-numpy"])
def test_valeurs_de_reference(fonction, reference):
    np.testing.assert_allclose(fonction(GRILLE), reference(GRILLE), rtol=1e-12, atol=1e-14)


def test_gelu_sigmoide_formule():
    np.testing.assert_allclose(gelu_sigmoide(GRILLE), GRILLE * scipy.special.expit(1.702 * GRILLE), rtol=1e-12)


def test_softmax_reference_scipy():
    rng = np.random.default_rng(0)
    x = rng.normal(size=(4, 7)) * 5
    np.testing.assert_allclose(softmax(x), scipy.special.softmax(x, axis=-1), rtol=1e-12)
    np.testing.assert_allclose(softmax(x, axe=0), scipy.special.softmax(x, axis=0), rtol=1e-12)
    np.testing.assert_allclose(softmax(x, temperature=2.5), scipy.special.softmax(x / 2.5, axis=-1), rtol=1e-12)
    np.testing.assert_allclose(softmax(x[0]), _torch(torch.softmax, x[0], dim=0), rtol=1e-12)


def test_valeurs_du_cours():
    assert heaviside(0) == 1.0
    assert heaviside(-1e-12) == 0.0
    assert heaviside(3.5) == 1.0
    assert heaviside(np.array([-2.0, 0.0, 0.0, 1.0])).tolist() == [0.0, 1.0, 1.0, 1.0]
    assert sigmoide(0) == 0.5
    assert relu(-1) == 0.0 and relu(2) == 2.0
    assert math.isclose(gelu(1.0), 0.8413447460685429, rel_tol=1e-12)
    assert math.isclose(tanh(1.0), 2 * sigmoide(2.0) - 1, rel_tol=1e-12)


def test_sigmoide_sans_depassement():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with np.errstate(all="raise"):
            valeurs = sigmoide(np.array([-1000.0, 1000.0]))
    assert valeurs.tolist() == [0.0, 1.0]


# --------------------------------------------------------------------------
# Formes et types de sortie
# --------------------------------------------------------------------------

TOUTES = [heaviside, sigmoide, relu, tanh, gelu, gelu_tanh, gelu_sigmoide]


@pytest.mark.parametrize("fonction", TOUTES, ids=lambda f: f.__name__)
@pytest.mark.parametrize("x", [0, 1, -2.5, np.float64(0.3), np.int64(-3)], ids=repr)
def test_nombre_donne_un_float(fonction, x):
    y = fonction(x)
    assert type(y) is float


@pytest.mark.parametrize("fonction", TOUTES, ids=lambda f: f.__name__)
@pytest.mark.parametrize("forme", [(5,), (2, 3), (2, 1, 4), (0,)])
def test_tableau_garde_sa_forme(fonction, forme):
    x = np.linspace(-3, 3, int(np.prod(forme))).reshape(forme)
    y = fonction(x)
    assert isinstance(y, np.ndarray)
    assert y.shape == forme
    # une liste Python donne le même résultat qu'un tableau
    np.testing.assert_array_equal(fonction(x.tolist()), y)


def test_softmax_garde_sa_forme():
    x = np.arange(24.0).reshape(2, 3, 4)
    for axe in (0, 1, 2, -1):
        s = softmax(x, axe=axe)
        assert s.shape == x.shape
        np.testing.assert_allclose(s.sum(axis=axe), 1.0)


# --------------------------------------------------------------------------
# Propriétés de softmax (hypothesis)
# --------------------------------------------------------------------------

logits = arrays(np.float64, st.integers(2, 12), elements=st.floats(-50, 50, allow_nan=False))


@settings(max_examples=60, deadline=None)
@given(x=logits)
def test_softmax_somme_un_et_positive(x):
    s = softmax(x)
    assert s.shape == x.shape
    assert math.isclose(s.sum(), 1.0, rel_tol=1e-12)
    assert np.all(s > 0)
    assert s[np.argmax(x)] == s.max()


@settings(max_examples=60, deadline=None)
@given(x=logits, c=st.floats(-1e4, 1e4, allow_nan=False))
def test_softmax_invariante_par_translation(x, c):
    np.testing.assert_allclose(softmax(x + c), softmax(x), rtol=1e-6, atol=1e-12)


@settings(max_examples=60, deadline=None)
@given(x=logits)
def test_softmax_temperature_petite_concentre_sur_argmax(x):
    tri = np.sort(x)
    assume(tri[-1] - tri[-2] >= 0.01)
    s = softmax(x, temperature=1e-4)
    assert s[np.argmax(x)] > 1 - 1e-9
    assert math.isclose(s.sum(), 1.0, rel_tol=1e-12)


@settings(max_examples=60, deadline=None)
@given(x=logits)
def test_softmax_grande_temperature_presque_uniforme(x):
    s = softmax(x, temperature=1e6)
    np.testing.assert_allclose(s, np.full(len(x), 1 / len(x)), atol=1e-4)


def test_softmax_temperature_rend_plus_pique():
    x = np.array([1.0, 2.0, 3.0])
    maxima = [softmax(x, temperature=t).max() for t in (0.1, 0.5, 1, 2, 10)]
    assert maxima == sorted(maxima, reverse=True)


# --------------------------------------------------------------------------
# Stabilité numérique de softmax
# --------------------------------------------------------------------------

@pytest.mark.parametrize("x, attendu", [
    ([1e4, 1e4 + 1], [1 / (1 + math.e), math.e / (1 + math.e)]),
    ([1e4, 1e4 + 1, 0.0], [1 / (1 + math.e), math.e / (1 + math.e), 0.0]),
    ([-1e4, -1e4], [0.5, 0.5]),
    ([1e308, -1e308, 0.0], [1.0, 0.0, 0.0]),
    ([1e308, -1e308, 1e307], [1.0, 0.0, 0.0]),
    ([1e308, 1e308, -1e308], [0.5, 0.5, 0.0]),
    ([-1e308, -1.7e308], [1.0, 0.0]),
])
def test_softmax_sans_depassement(x, attendu):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with np.errstate(all="raise"):
            s = softmax(x)
    assert np.all(np.isfinite(s))
    np.testing.assert_allclose(s, attendu, rtol=1e-12, atol=1e-300)


def test_softmax_petite_temperature_sans_depassement():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with np.errstate(all="raise"):
            s = softmax([1e300, -1e300, 0.0], temperature=1e-10)
    np.testing.assert_array_equal(s, [1.0, 0.0, 0.0])


# --------------------------------------------------------------------------
# Approximations de GELU
# --------------------------------------------------------------------------

def test_ecart_des_approximations_de_gelu():
    x = np.linspace(-6, 6, 200_001)
    ecart_tanh = np.max(np.abs(gelu_tanh(x) - gelu(x)))
    ecart_sigmoide = np.max(np.abs(gelu_sigmoide(x) - gelu(x)))
    print(f"écart max sur [-6, 6] : gelu_tanh {ecart_tanh:.3e}, gelu_sigmoide {ecart_sigmoide:.3e}")
    assert ecart_tanh < BORNE_GELU_TANH
    assert ecart_sigmoide < BORNE_GELU_SIGMOIDE
    # les bornes sont serrées : elles ne laisseraient pas passer une approximation deux fois moins bonne
    assert ecart_tanh > BORNE_GELU_TANH / 2
    assert ecart_sigmoide > BORNE_GELU_SIGMOIDE / 2
    # la tanh est nettement meilleure que la sigmoïde
    assert ecart_tanh < ecart_sigmoide / 10


@settings(max_examples=60, deadline=None)
@given(x=st.floats(-6, 6, allow_nan=False))
def test_gelu_approximations_ponctuelles(x):
    assert abs(gelu_tanh(x) - gelu(x)) <= BORNE_GELU_TANH
    assert abs(gelu_sigmoide(x) - gelu(x)) <= BORNE_GELU_SIGMOIDE


# --------------------------------------------------------------------------
# Erreurs en français
# --------------------------------------------------------------------------

@pytest.mark.parametrize("fonction", TOUTES + [softmax], ids=lambda f: f.__name__)
@pytest.mark.parametrize("mauvais", ["3", b"3", None, ["a", "b"], {"x": 1}], ids=repr)
def test_entree_non_numerique(fonction, mauvais):
    with pytest.raises(TypeError, match="doit être un nombre ou un tableau de nombres"):
        fonction(mauvais)


@pytest.mark.parametrize("temperature", [0, 0.0, -1, -1e-9, float("nan")])
def test_temperature_non_positive(temperature):
    with pytest.raises(ValueError, match="température doit être strictement positive"):
        softmax([1.0, 2.0], temperature=temperature)


@pytest.mark.parametrize("temperature", ["1", None, True, [1.0]], ids=repr)
def test_temperature_non_numerique(temperature):
    with pytest.raises(TypeError, match="La température doit être un nombre"):
        softmax([1.0, 2.0], temperature=temperature)


@pytest.mark.parametrize("x", [3, 2.5, np.float64(1.0), np.array(4.0)], ids=repr)
def test_softmax_d_un_nombre_seul(x):
    with pytest.raises(ValueError, match="softmax attend un vecteur"):
        softmax(x)


def test_softmax_vide():
    with pytest.raises(ValueError, match="non vide"):
        softmax([])


def test_all_exporte():
    assert set(act.__all__) == {"heaviside", "sigmoide", "relu", "tanh", "softmax",
                                "gelu", "gelu_tanh", "gelu_sigmoide"}
