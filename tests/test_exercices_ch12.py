"""Exercices du chapitre 12 : bonnes, mauvaises, partielles et mal typées réponses ; messages sans la réponse."""
import numpy as np
import pytest
from scipy import signal

from helpers.exercices import CORRECT, INCORRECT, VIDE
from helpers.exercices import ch12 as ex


def _sortie(capsys):
    return capsys.readouterr().out


def test_convolution_meme_taille_contre_scipy():
    rng = np.random.default_rng(0)
    for _ in range(30):
        A = rng.normal(size=(rng.integers(3, 9), rng.integers(3, 9)))
        M = rng.normal(size=(3, 3))
        np.testing.assert_allclose(ex.convolution_meme_taille(A, M), signal.convolve2d(A, M, mode="same"), atol=1e-12)


# ----------------------------------------------------------------- q1
def test_q1(capsys):
    assert ex.q1.verifier([[8, 4], [7, 9]], [[4.5, 2.25], [3, 5]]) and ex.q1.etat == CORRECT
    assert ex.q1.verifier(np.array([[8, 4], [7, 9]]), np.array([[18 / 4, 9 / 4], [12 / 4, 20 / 4]]))
    mauvaises = [
        (([[8, 7], [4, 9]], [[4.5, 2.25], [3, 5]]), "transposée"),
        (([[8, 4], [7, 9]], [[4.5, 2.25], [3, 6]]), "1 coefficient"),
        (([[8, 4, 6], [7, 9, 9]], [[4.5, 2.25], [3, 5]]), "taille"),
        (([8, 4, 7, 9], [[4.5, 2.25], [3, 5]]), "taille"),
        (("8 4 7 9", [[4.5, 2.25], [3, 5]]), "liste ou un tableau"),
        (([[8, 4], [7, 9]], 5), "taille"),
        (([[8, 4], [7, "9"]], [[4.5, 2.25], [3, 5]]), "Pas encore"),
    ]
    for (maxi, moy), morceau in mauvaises:
        assert ex.q1.verifier(maxi, moy) == False and ex.q1.etat == INCORRECT
        assert morceau in _sortie(capsys)
    assert not ex.q1.verifier(..., [[4.5, 2.25], [3, 5]]) and ex.q1.etat == VIDE
    assert not ex.q1.verifier([[8, 4], [7, ...]], [[4.5, 2.25], [3, 5]]) and ex.q1.etat == VIDE


# ----------------------------------------------------------------- q2
def test_q2(capsys):
    assert ex.q2.verifier(12, 8) and ex.q2.etat == CORRECT
    assert ex.q2.verifier(np.float64(12), 8.0)
    for b00, b12, morceau in [(-12, -8, "signe"), (8, 8, "coin"), (12, 6, "trop petite"), (10, 8, "B[0, 0]"),
                              ("12", 8, "nombre"), (12, [8], "nombre"), (12, np.array([8, 8]), "un seul")]:
        assert ex.q2.verifier(b00, b12) == False and ex.q2.etat == INCORRECT
        sortie = _sortie(capsys)
        assert morceau in sortie, sortie
    assert not ex.q2.verifier(12, ...) and ex.q2.etat == VIDE


# ----------------------------------------------------------------- q3
def test_q3(capsys):
    assert ex.q3.verifier(lambda n, k, m, s: (n + 2 * m - k) // s + 1) and ex.q3.etat == CORRECT
    assert ex.q3.verifier(lambda n, k, m, s: int(np.floor((n + 2 * m - k) / s)) + 1)
    mauvaises = [
        (lambda n, k, m, s: (n + m - k) // s + 1, "deux côtés"),
        (lambda n, k, m, s: (n + 2 * m - k) // s, "+ 1"),
        (lambda n, k, m, s: (n + 2 * m - k) / s + 1, "flottant"),
        (lambda n, k, m, s: n - k + 1, "ne convient pas"),
        (lambda n, k, m, s: str(n), "entier"),
        (lambda n, k, m, s: True, "entier"),
        (lambda n, k: n, "erreur"),
        (28, "fonction"),
    ]
    for mauvaise, morceau in mauvaises:
        assert ex.q3.verifier(mauvaise) == False and ex.q3.etat == INCORRECT
        assert morceau in _sortie(capsys)
    assert not ex.q3.verifier(...) and ex.q3.etat == VIDE
    assert not ex.q3.verifier(lambda n, k, m, s: ...) and ex.q3.etat == VIDE


def test_q3_formule_contre_torch():
    import torch
    for n, k, m, s in ex._CAS_Q3:
        sortie = torch.nn.functional.conv2d(torch.zeros(1, 1, n, n), torch.zeros(1, 1, k, k), padding=m, stride=s)
        assert sortie.shape[-1] == ex._taille(n, k, m, s)


# ----------------------------------------------------------------- q4
def test_q4(essayer_reponses):
    essayer_reponses(ex.q4,
                     bonnes=[[[1, 1, 1], [0, 0, 0], [-1, -1, -1]], np.array([[1, 2, 1], [0, 0, 0], [-1, -2, -1]]),
                             [[0, 3, 0], [0, 0, 0], [0, -3, 0]]],
                     mauvaises=[[[-1, -1, -1], [0, 0, 0], [1, 1, 1]], [[0, 1, 0], [1, -4, 1], [0, 1, 0]],
                                [[1, 0, -1], [1, 0, -1], [1, 0, -1]], [[1, 1, 1], [0, 0, 0]], np.zeros((3, 3)),
                                [[1, 1, 1], [1, 1, 1], [1, 1, 1]], "sobel", 3, [[1, 1, 1], [0, 0, 0], [-1, -1, "-1"]]])


def test_q4_messages(capsys):
    ex.q4.verifier([[-1, -1, -1], [0, 0, 0], [1, 1, 1]])
    assert "retournement" in _sortie(capsys)
    ex.q4.verifier([[1, 0, -1], [1, 0, -1], [1, 0, -1]])
    assert "bord vertical" in _sortie(capsys)
    ex.q4.verifier(np.ones((3, 3)))
    assert "somme" in _sortie(capsys)
    assert not ex.q4.verifier([[1, 1, 1], [0, ..., 0], [-1, -1, -1]]) and ex.q4.etat == VIDE


# ----------------------------------------------------------------- q5
def test_q5(capsys):
    assert ex.q5.verifier(5, 1) and ex.q5.etat == CORRECT
    for a, c, morceau in [(1, 5, "échangées"), (-1, 1, "un seul neurone"), (5, 2, "∂F/∂c"), (9, 1, "∂F/∂a"),
                          ("5", 1, "nombre"), (5, None, "Pas encore")]:
        resultat = ex.q5.verifier(a, c)
        assert resultat == False
        assert morceau in _sortie(capsys)
    assert not ex.q5.verifier(..., 1) and ex.q5.etat == VIDE


def test_q5_contre_torch():
    import torch
    poids = torch.tensor([[ex.MOTIF_Q5[::-1]]], requires_grad=True)
    s = torch.nn.functional.conv1d(torch.tensor([[ex.F_Q5]]), poids, padding=1)[0, 0]
    (s @ torch.tensor(ex.COEFFS_Q5)).backward()
    d = ex._derivees_q5()
    assert poids.grad[0, 0, 2].item() == d["a"] and poids.grad[0, 0, 0].item() == d["c"]
    assert poids.grad[0, 0, 1].item() == d["b"]


@pytest.mark.parametrize("q", ex.EXERCICES, ids=lambda q: q.titre)
def test_indices_et_solutions(q, capsys):
    q.indice()
    q.solution()
    assert "Indice" in _sortie(capsys)
