"""Exercices du chapitre 16 : bonnes, mauvaises, partielles et mal typées réponses."""
import numpy as np
import pytest
import torch

from helpers.activations import softmax
from helpers.exercices import CORRECT, INCORRECT
from helpers.exercices import ch16 as ex


def _sortie(capsys):
    return capsys.readouterr().out


from conftest import reponses_qui_plantent as _communs  # noqa: E402


# ----------------------------------------------------------------- q1
def _jacobienne(x):
    s = softmax(np.asarray(x, dtype=float))
    return np.diag(s) - np.outer(s, s)


def test_q1_bonnes(capsys):
    assert ex.q1.verifier(_jacobienne) and ex.q1.etat == CORRECT

    def avec_boucles(x):
        s = softmax(x)
        return [[s[i] * ((i == j) - s[j]) for j in range(len(x))] for i in range(len(x))]

    assert ex.q1.verifier(avec_boucles)
    assert ex.q1.verifier(lambda x: torch.autograd.functional.jacobian(
        lambda v: torch.softmax(v, 0), torch.tensor(x)))


@pytest.mark.parametrize("mauvaise, mot", [
    (lambda x: np.diag(softmax(x) * (1 - softmax(x))), "hors diagonale (i ≠ j) ne sont pas nuls"),
    (lambda x: np.diag(softmax(x)) + np.outer(softmax(x), softmax(x)) - 2 * np.diag(softmax(x) ** 2), "signe"),
    (lambda x: np.diag(softmax(x)), "σ_i(1 − σ_i)"),
    (lambda x: np.diag(np.asarray(x, float)) - np.outer(x, x), "au lieu de σ(x)"),
    (lambda x: softmax(x) * (1 - softmax(x)), "matrice"),
    (lambda x: 2 * _jacobienne(x), "autograd"),
])
def test_q1_mauvaises(mauvaise, mot, capsys):
    assert not ex.q1.verifier(mauvaise) and ex.q1.etat == INCORRECT
    assert mot in _sortie(capsys)


def test_q1_communs(capsys):
    _communs(ex.q1, capsys)


# ----------------------------------------------------------------- q2
def _bce(y, p):
    p = np.clip(p, 1e-7, 1 - 1e-7)
    return -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))


def test_q2_bonnes(capsys):
    assert ex.q2.verifier(_bce) and ex.q2.etat == CORRECT
    # le seul terme utile, sans rognage : juste aussi
    assert ex.q2.verifier(lambda y, p: -np.mean(np.where(y == 1, np.log(np.maximum(p, 1e-300)),
                                                         np.log(np.maximum(1 - p, 1e-300)))))
    assert ex.q2.verifier(lambda y, p: torch.nn.BCELoss()(torch.tensor(p), torch.tensor(y)))


def test_q2_nan_explique(capsys):
    with np.errstate(divide="ignore", invalid="ignore"):
        assert not ex.q2.verifier(lambda y, p: -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))
    assert "nan" in _sortie(capsys)


@pytest.mark.parametrize("mauvaise, mot", [
    (lambda y, p: -_bce(y, p), "signe"),
    (lambda y, p: _bce(y, p) * len(y), "somme"),
    (lambda y, p: _bce(1 - y, p), "échangés"),
    (lambda y, p: -(y * np.log(np.clip(p, 1e-7, 1)) + (1 - y) * np.log(np.clip(1 - p, 1e-7, 1))), "moyenne"),
    (lambda y, p: np.mean((y - p) ** 2), "n'est pas l'entropie"),
])
def test_q2_mauvaises(mauvaise, mot, capsys):
    assert not ex.q2.verifier(mauvaise) and ex.q2.etat == INCORRECT
    assert mot in _sortie(capsys)


def test_q2_communs(capsys):
    _communs(ex.q2, capsys)


# ----------------------------------------------------------------- q3
def _min_max(y, a, b):
    y = np.asarray(y, dtype=float)
    return a + (b - a) * (y - y.min()) / (y.max() - y.min())


def test_q3_bonnes(capsys):
    assert ex.q3.verifier(_min_max) and ex.q3.etat == CORRECT
    assert ex.q3.verifier(lambda y, a, b: list(_min_max(y, a, b)))
    assert ex.q3.verifier(lambda y, a, b: (b - a) / (max(y) - min(y)) * (np.asarray(y) - min(y)) + a)


@pytest.mark.parametrize("mauvaise, mot", [
    (lambda y, a, b: (y - y.min()) / (y.max() - y.min()) * (a - b) + b, "livre"),
    (lambda y, a, b: (y - y.min()) / (y.max() - y.min()), "[0, 1]"),
    (lambda y, a, b: np.sort(_min_max(y, a, b)), "affine croissante"),
    (lambda y, a, b: _min_max(y, a, b) + 0.1, "n'est pas envoyé"),
    (lambda y, a, b: _min_max(y, a, b)[:-1], "taille"),
])
def test_q3_mauvaises(mauvaise, mot, capsys):
    assert not ex.q3.verifier(mauvaise) and ex.q3.etat == INCORRECT
    assert mot in _sortie(capsys)


def test_q3_communs(capsys):
    _communs(ex.q3, capsys)


# ----------------------------------------------------------------- q4
def _dropout(x, p, entrainement, rng):
    x = np.asarray(x, dtype=float)
    if not entrainement:
        return x
    return np.where(rng.random(x.shape) < p, x / p, 0.0)


def test_q4_bonnes(capsys):
    assert ex.q4.verifier(_dropout) and ex.q4.etat == CORRECT

    def avec_masque(x, p, entrainement, rng):
        if entrainement:
            return x * (rng.random(np.shape(x)) < p) / p
        return x

    assert ex.q4.verifier(avec_masque)


def _drop_inverse(x, p, entrainement, rng):
    if not entrainement:
        return x
    return np.where(rng.random(x.shape) < 1 - p, x / (1 - p), 0.0)


@pytest.mark.parametrize("mauvaise, mot", [
    (_drop_inverse, "GARDER"),
    (lambda x, p, e, rng: np.where(rng.random(x.shape) < p, x, 0.0) if e else x, "mis à l'échelle"),
    (lambda x, p, e, rng: _dropout(x, p, True, rng) if e else x / p, "pas diviser par p"),
    (lambda x, p, e, rng: _dropout(x, p, True, rng), "tel quel"),
    (lambda x, p, e, rng: x, "aucun élément"),
    (lambda x, p, e, rng: np.where(rng.random(x.shape) < p, x / p**2, 0.0) if e else x, "bonne valeur"),
    (lambda x, p, e, rng: np.where(np.arange(x.size).reshape(x.shape) % 2 == 0, x / p, 0.0) if e else x,
     "Bernoulli"),
    (lambda x, p, e, rng: _dropout(x, p, e, np.random.default_rng()), "rng.random"),
])
def test_q4_mauvaises(mauvaise, mot, capsys):
    assert not ex.q4.verifier(mauvaise) and ex.q4.etat == INCORRECT
    assert mot in _sortie(capsys)


def test_q4_communs(capsys):
    _communs(ex.q4, capsys)
