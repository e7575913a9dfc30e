"""Exercices du chapitre 13 : bonnes, mauvaises, partielles et mal typées réponses ; messages sans la réponse."""
import numpy as np
import pytest
from scipy import signal

from helpers.exercices import CORRECT, INCORRECT, VIDE
from helpers.exercices import ch13 as ex


def _sortie(capsys):
    return capsys.readouterr().out


def _solution(q, nom):
    espace = {"np": np, "signal": signal}
    exec(q._solution, espace)
    return espace[nom]


def test_convolution_reference():
    rng = np.random.default_rng(0)
    for mode in ex.MODES:
        for forme in [(3, 3), (1, 5), (5, 3)]:
            A, M = rng.normal(size=(7, 8)), rng.normal(size=forme)
            np.testing.assert_allclose(ex.convolution_reference(A, M, mode), signal.convolve2d(A, M, mode=mode),
                                       atol=1e-12)
    with pytest.raises(ValueError, match="mode"):
        ex.convolution_reference(np.ones((3, 3)), np.ones((3, 3)), "tronque")
    with pytest.raises(ValueError, match="impair"):
        ex.convolution_reference(np.ones((3, 3)), np.ones((2, 2)))


# ----------------------------------------------------------------- q1
def test_q1(capsys):
    assert ex.q1.verifier(ex.convolution_reference) and ex.q1.etat == CORRECT
    assert ex.q1.verifier(_solution(ex.q1, "convolution"))
    assert ex.q1.verifier(lambda A, M, mode="same": signal.convolve2d(A, M, mode=mode).tolist())
    mauvaises = [
        (lambda A, M, mode: signal.correlate2d(A, M, mode=mode), "corrélation"),
        (lambda A, M, mode: signal.convolve2d(A, M[::-1], mode=mode), "une direction"),
        (lambda A, M, mode: signal.convolve2d(A, M, mode="same"), "taille"),
        (lambda A, M, mode: signal.convolve2d(A, M, mode=mode) + 1, "valeurs"),
        (lambda A, M, mode: "B", "liste ou un tableau"),
        (lambda A, M: signal.convolve2d(A, M), "erreur"),
        (lambda A, M, mode: 1 / 0, "ZeroDivisionError"),
        ("convolve2d", "fonction"),
    ]
    for mauvaise, morceau in mauvaises:
        assert ex.q1.verifier(mauvaise) == False and ex.q1.etat == INCORRECT
        assert morceau in _sortie(capsys)
    assert not ex.q1.verifier(...) and ex.q1.etat == VIDE
    assert not ex.q1.verifier(lambda A, M, mode="same": ...) and ex.q1.etat == VIDE


def test_q1_partielle_seulement_same(capsys):
    """Une fonction qui ne traite que le mode 'same' est refusée (réponse partielle)."""
    assert ex.q1.verifier(lambda A, M, mode="same": signal.convolve2d(A, M, mode="same")) == False
    assert "'full'" in _sortie(capsys)


# ----------------------------------------------------------------- q2
def test_q2(essayer_reponses, capsys):
    flou = np.ones((3, 3)) / 9
    essayer_reponses(ex.q2, bonnes=[signal.convolve2d(flou, flou), np.outer([1, 2, 3, 2, 1], [1, 2, 3, 2, 1]) / 81],
                     mauvaises=[flou, flou @ flou, np.ones((5, 5)) / 25, np.ones((5, 5)), np.ones((4, 4)) / 16,
                                "flou", 3, [[1, 2], [3]]])
    ex.q2.verifier(flou)
    assert "3 × 3 ne suffit pas" in _sortie(capsys)
    ex.q2.verifier(np.ones((5, 5)))
    assert "somme" in _sortie(capsys)
    assert not ex.q2.verifier([[...]]) and ex.q2.etat == VIDE


# ----------------------------------------------------------------- q3
def test_q3(capsys):
    assert ex.q3.verifier(_solution(ex.q3, "pooling")) and ex.q3.etat == CORRECT
    mauvaises = [
        (lambda A, k, r: r(A.reshape(A.shape[0] // k, k, A.shape[1] // k, k).transpose((0, 2, 1, 3)), axis=(2, 3)),
         "erreur"),
        (lambda A, k, r: r(A[:A.shape[0] // k * k, :A.shape[1] // k * k].reshape(A.shape[0] // k, -1, k, k),
                           axis=(2, 3)),
         "mélangés"),
        (lambda A, k, r: r(A), "taille"),
        (lambda A, k, r: ex._pooling_attendu(A, k, np.max), "valeurs"),
        (lambda A, k: A, "erreur"),
        (lambda A, k, r: "pooling", "liste ou un tableau"),
        (np.max, "erreur"),
        ([1, 2], "fonction"),
    ]
    for mauvaise, morceau in mauvaises:
        assert ex.q3.verifier(mauvaise) == False and ex.q3.etat == INCORRECT
        assert morceau in _sortie(capsys), morceau
    assert not ex.q3.verifier(...) and ex.q3.etat == VIDE


# ----------------------------------------------------------------- q4
def test_q4(capsys):
    assert ex.q4.verifier(_solution(ex.q4, "position_echo")) and ex.q4.etat == CORRECT
    assert ex.q4.verifier(lambda f, g: np.argmax(np.correlate(f, g, "same")))          # entier NumPy accepté
    assert ex.q4.verifier(lambda f, g: float(np.argmax(np.correlate(f, g, "same"))))
    mauvaises = [
        (lambda f, g: int(np.argmax(np.convolve(f, g, "same"))), "convolution"),
        (lambda f, g: int(np.argmax(np.correlate(f, g, "valid"))), "début"),
        (lambda f, g: int(np.argmax(f)), "pic de la corrélation"),
        (lambda f, g: np.correlate(f, g, "same"), "seul nombre"),
        (lambda f, g: "400", "nombre"),
        (lambda f: 400, "erreur"),
        (400, "fonction"),
    ]
    for mauvaise, morceau in mauvaises:
        assert ex.q4.verifier(mauvaise) == False and ex.q4.etat == INCORRECT
        assert morceau in _sortie(capsys), morceau
    assert not ex.q4.verifier(...) and ex.q4.etat == VIDE
    assert not ex.q4.verifier(lambda f, g: ...) and ex.q4.etat == VIDE


def test_radar_pic_a_400():
    f = ex.signal_radar(350, bruit=0.8, graine=0)
    assert abs(int(np.argmax(np.correlate(f, ex.impulsion_radar(), "same"))) - 400) <= 1


@pytest.mark.parametrize("q", ex.EXERCICES, ids=lambda q: q.titre)
def test_indices_et_solutions(q, capsys):
    q.indice()
    q.solution()
    assert "Indice" in _sortie(capsys)
