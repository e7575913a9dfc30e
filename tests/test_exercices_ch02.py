"""Exercices du chapitre 02 : bonnes et mauvaises réponses."""
import math
import time

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from helpers.exercices import CORRECT, INCORRECT, VIDE
from helpers.exercices import ch02 as ex

X_GAUSS = np.linspace(ex.BornesGauss.A, ex.BornesGauss.B, num=ex.BornesGauss.NUM)
H_GAUSS = X_GAUSS[1] - X_GAUSS[0]


def _verdict(question, *reponse):
    question.verifier(*reponse)
    return question.etat


def chrono_min(f, X, repetitions=5):
    durees = []
    for _ in range(repetitions):
        debut = time.perf_counter()
        f(X)
        durees.append(time.perf_counter() - debut)
    return min(durees)


def chrono_moyenne(f, X, repetitions=5):
    durees = []
    for _ in range(repetitions):
        debut = time.perf_counter()
        f(X)
        durees.append(time.perf_counter() - debut)
    return sum(durees) / len(durees)


def chrono_total(f, X, repetitions=5):
    debut = time.perf_counter()
    for _ in range(repetitions):
        f(X)
    return time.perf_counter() - debut


@pytest.mark.parametrize("question, bonnes, mauvaises", [
    (ex.q1,
     [np.linspace(-1, 2, num=13), np.arange(-1, 2.25, 0.25)],
     [np.linspace(-1, 2, num=12), np.linspace(-1, 2, num=14), np.arange(-1, 2, 0.25), list(np.linspace(-1, 2, 13)),
      np.linspace(0, 3, 13), np.linspace(-1, 2, 13).reshape(1, 13), np.array(["a", "b"]), np.geomspace(1, 4, 13) - 2,
      np.array([-1.0]), "linspace", 3]),
    (ex.q2,
     [H_GAUSS * np.sum(np.exp(-X_GAUSS[:-1] ** 2)), H_GAUSS * np.sum(np.exp(-X_GAUSS ** 2)),
      float(np.trapezoid(np.exp(-X_GAUSS ** 2), X_GAUSS))],
     [np.sum(np.exp(-X_GAUSS ** 2)), np.exp(-X_GAUSS ** 2), math.sqrt(math.pi), H_GAUSS * np.sum(np.exp(-X_GAUSS) ** 2),
      "1.77", [1.77], float("nan"), True]),
    (ex.q3,
     [lambda X: np.exp(-X) * np.cos(2 * np.pi * X), lambda X: np.cos(2 * np.pi * X) / np.exp(X)],
     [ex.amorti_boucle, lambda X: np.array(ex.amorti_boucle(X)),
      lambda X: np.array([np.exp(-X[i]) * np.cos(2 * np.pi * X[i]) for i in range(len(X))]),
      lambda X: math.exp(-X) * math.cos(2 * math.pi * X), lambda X: np.exp(-X) * np.cos(np.pi * X),
      lambda X: np.exp(-X), lambda X: 1 / 0, lambda X: np.sum(np.exp(-X)), 42]),
    (ex.q5, ["b", " B "], ["a", "c", "d", "e", 2, ["b"]]),
])
def test_reponses(question, bonnes, mauvaises, essayer_reponses):
    essayer_reponses(question, bonnes, mauvaises)


def test_q1_message_ne_donne_pas_le_nombre_de_valeurs(capsys):
    ex.q1.verifier(np.linspace(-1, 2, num=12))
    sortie = capsys.readouterr().out
    assert "12 valeurs" in sortie and "13" not in sortie


def test_q2_oubli_du_pas(capsys):
    ex.q2.verifier(np.sum(np.exp(-X_GAUSS ** 2)))
    sortie = capsys.readouterr().out
    assert "pas h" in sortie and "1.772" not in sortie


def test_q3_boucle_detectee_et_math_explique(capsys):
    ex.q3.verifier(lambda X: np.array([math.exp(-x) * math.cos(2 * math.pi * x) for x in X]))
    assert "élément par élément" in capsys.readouterr().out
    ex.q3.verifier(lambda X: math.exp(-X))
    assert "module math" in capsys.readouterr().out
    assert not ex.q3.verifier(lambda X: ...) and ex.q3.etat == VIDE


@given(st.lists(st.floats(-10, 10), min_size=1, max_size=30))
def test_q3_reference_egale_boucle(valeurs):
    """La version vectorisée de référence donne les mêmes valeurs que la boucle, sur des entrées quelconques."""
    X = np.array(valeurs)
    np.testing.assert_allclose(np.exp(-X) * np.cos(2 * np.pi * X), ex.amorti_boucle(X), rtol=1e-12, atol=1e-300)


def test_q4_chronometre(capsys):
    assert ex.q4.verifier(chrono_min) and ex.q4.etat == CORRECT
    for mauvais in (chrono_moyenne, chrono_total, lambda f, X, r=5: 1000 * chrono_min(f, X, r),
                    lambda f, X, r=5: chrono_min(f, X, 1), lambda f, X, r=5: -chrono_min(f, X, r),
                    lambda f, X, r=5: str(chrono_min(f, X, r)), lambda f, X, r=5: [chrono_min(f, X, r)],
                    lambda f, X, r=5: chrono_min(lambda Z: None, X, r), lambda f, X, r=5: f(list(X)),
                    lambda f, X, r=5: 1 / 0, "chrono"):
        assert not ex.q4.verifier(mauvais) and ex.q4.etat == INCORRECT, mauvais
        assert "Pas encore :" in capsys.readouterr().out
    assert not ex.q4.verifier(lambda f, X, r=5: ...) and ex.q4.etat == VIDE
    assert not ex.q4.verifier(...) and ex.q4.etat == VIDE


def test_q4_moyenne_refusee_avec_explication(capsys):
    ex.q4.verifier(chrono_moyenne)
    assert "plus petite" in capsys.readouterr().out


def test_nombre_d_exercices():
    assert ex.EXERCICES == [ex.q1, ex.q2, ex.q3, ex.q4, ex.q5]
    for q in ex.EXERCICES:
        assert q._indices and q._solution
