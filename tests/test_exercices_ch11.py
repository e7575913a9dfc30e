"""Exercices du chapitre 11 : bonnes, mauvaises, partielles et mal typées réponses ; messages sans la réponse."""
import numpy as np
import pytest

from helpers.exercices import CORRECT, INCORRECT, VIDE
from helpers.exercices import ch11 as ex


def _sortie(capsys):
    return capsys.readouterr().out


def test_convolution_tronquee_contre_numpy():
    rng = np.random.default_rng(0)
    for _ in range(50):
        f = rng.normal(size=rng.integers(2, 15))
        g = rng.normal(size=rng.integers(1, min(6, len(f) + 1)))
        np.testing.assert_allclose(ex.convolution_tronquee(f, g), np.convolve(f, g, "same"), atol=1e-12)


# ----------------------------------------------------------------- q1
def test_q1(essayer_reponses):
    essayer_reponses(ex.q1, bonnes=[[-1, -4, 5, 0], (-1.0, -4.0, 5.0, 0.0), np.array([-1, -4, 5, 0])],
                     mauvaises=[[-1, -4, 5, 1], [2, -1, -4, 5, 0, -6], [-1, -4, 5], "[-1, -4, 5, 0]", 3,
                                {"a": 1}, [[-1, -4], [5, 0]], [-1, "x", 5, 0]])


def test_q1_messages(capsys):
    ex.q1.verifier(list(np.correlate(ex.F_Q1, ex.G_Q1, "same")))
    assert "retourner" in _sortie(capsys)
    ex.q1.verifier(list(np.convolve(ex.F_Q1, ex.G_Q1, "full")))
    assert "complète" in _sortie(capsys)
    ex.q1.verifier([-1, -4, 5, 7])
    sortie = _sortie(capsys)
    assert "rang 3" in sortie and "0]" not in sortie
    assert not ex.q1.verifier([-1, ..., 5, 0]) and ex.q1.etat == VIDE     # réponse partielle


# ----------------------------------------------------------------- q2
def test_q2(capsys):
    assert ex.q2.verifier([1, 0, 0], [0.5, 0, -0.5]) and ex.q2.etat == CORRECT
    assert ex.q2.verifier(np.array([1.0, 0, 0]), (1 / 2, 0.0, -1 / 2))
    assert ex.q2.verifier([1, 0, 0], [0.5, 0, -0.5])
    for gauche, centre, morceau in [([0, 0, 1], [0.5, 0, -0.5], "vers la droite"),
                                    ([1, 0, 0], [-0.5, 0, 0.5], "opposé"),
                                    ([1, 0, 0], [1, 0, -1], "division par 2"),
                                    ([0, 1, 0], [0.5, 0, -0.5], "gauche"),
                                    ("1, 0, 0", [0.5, 0, -0.5], "liste"),
                                    ([1, 0, 0], 0.5, "liste"),
                                    ([[1, 0, 0]], [0.5, 0, -0.5], "simple liste"),
                                    ([1, 0, 0], list(range(12)), "long")]:
        assert ex.q2.verifier(gauche, centre) == False and ex.q2.etat == INCORRECT
        assert morceau in _sortie(capsys)
    assert not ex.q2.verifier(..., [0.5, 0, -0.5]) and ex.q2.etat == VIDE
    assert not ex.q2.verifier([1, 0, 0], [..., 0, -0.5]) and ex.q2.etat == VIDE


# ----------------------------------------------------------------- q3
def _bonne_q3(g, n):
    a, b, c = g
    return b * np.eye(n) + c * np.eye(n, k=-1) + a * np.eye(n, k=1)


def test_q3(capsys):
    assert ex.q3.verifier(_bonne_q3) and ex.q3.etat == CORRECT
    assert ex.q3.verifier(lambda g, n: _bonne_q3(g, n).tolist())
    mauvaises = [
        (lambda g, n: _bonne_q3(g, n).T, "transposée"),
        (lambda g, n: _bonne_q3(g[::-1], n), "retourner"),
        (lambda g, n: np.eye(n), "W @ f"),
        (lambda g, n: _bonne_q3(g, n)[:-1], "taille"),
        (lambda g, n: 1 / 0, "ZeroDivisionError"),
        (lambda g: g, "erreur"),
        (lambda g, n: "W", "liste ou un tableau"),
        (42, "fonction"),
    ]
    for mauvaise, morceau in mauvaises:
        assert ex.q3.verifier(mauvaise) == False and ex.q3.etat == INCORRECT
        assert morceau in _sortie(capsys)
    assert not ex.q3.verifier(...) and ex.q3.etat == VIDE
    assert not ex.q3.verifier(lambda g, n: ...) and ex.q3.etat == VIDE


def test_q3_solution_du_module_est_juste():
    espace = {"np": np}
    exec(ex.q3._solution, espace)
    assert ex.q3.verifier(espace["matrice_convolution"])


# ----------------------------------------------------------------- q4
def test_q4(capsys):
    assert ex.q4.verifier(lambda f, g: list(np.convolve(f, g))) and ex.q4.etat == CORRECT
    espace = {}
    exec(ex.q4._solution, espace)
    assert ex.q4.verifier(espace["convolution_complete"])
    mauvaises = [
        (lambda f, g: np.convolve(f, g, "same"), "tronquée"),
        (lambda f, g: np.correlate(f, g, "full"), "corrélation"),
        (lambda f, g: np.convolve(f, g)[:-1], "nombres"),
        (lambda f, g: 2 * np.convolve(f, g), "i + j"),
        (lambda f, g: [np.convolve(f, g)], "taille"),
        (lambda f, g: "h", "liste ou un tableau"),
        (lambda f: f, "erreur"),
        ("convolve", "fonction"),
    ]
    for mauvaise, morceau in mauvaises:
        assert ex.q4.verifier(mauvaise) == False and ex.q4.etat == INCORRECT
        assert morceau in _sortie(capsys)
    assert not ex.q4.verifier(...) and ex.q4.etat == VIDE
    assert not ex.q4.verifier(lambda f, g: [..., 1]) and ex.q4.etat == VIDE


@pytest.mark.parametrize("q", ex.EXERCICES, ids=lambda q: q.titre)
def test_indices_et_solutions(q, capsys):
    q.indice()
    q.solution()
    assert "Indice" in _sortie(capsys)
