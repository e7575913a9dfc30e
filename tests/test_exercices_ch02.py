"""Exercices du chapitre 02 : bonnes et mauvaises réponses."""
import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from helpers.exercices import VIDE
from helpers.exercices import ch02 as ex

X_GAUSS = np.linspace(ex.BornesGauss.A, ex.BornesGauss.B, num=ex.BornesGauss.NUM)
H_GAUSS = X_GAUSS[1] - X_GAUSS[0]


def _verdict(question, *reponse):
    question.verifier(*reponse)
    return question.etat


def seuil_bon(X, Y, seuil):
    atteint = Y >= seuil
    if not np.any(atteint):
        return None
    return X[np.argmax(atteint)]


def seuil_boucle(X, Y, seuil):
    for x, y in zip(X, Y):
        if y >= seuil:
            return x
    return None


@pytest.mark.parametrize("question, bonnes, mauvaises", [
    (ex.q1,
     [np.linspace(-1, 2, num=13), np.arange(-1, 2.25, 0.25)],
     [np.linspace(-1, 2, num=12), np.linspace(-1, 2, num=14), np.arange(-1, 2, 0.25), list(np.linspace(-1, 2, 13)),
      np.linspace(0, 3, 13), np.linspace(-1, 2, 13).reshape(1, 13), np.array(["a", "b"]), np.geomspace(1, 4, 13) - 2,
      np.array([-1.0]), "linspace", 3]),
    (ex.q4,
     [H_GAUSS * np.sum(np.exp(-X_GAUSS[:-1] ** 2)), H_GAUSS * np.sum(np.exp(-X_GAUSS ** 2)),
      float(np.trapezoid(np.exp(-X_GAUSS ** 2), X_GAUSS))],
     [np.sum(np.exp(-X_GAUSS ** 2)), np.exp(-X_GAUSS ** 2), math.sqrt(math.pi), H_GAUSS * np.sum(np.exp(-X_GAUSS) ** 2),
      "1.77", [1.77], float("nan"), True]),
    (ex.q2,
     [lambda X: np.exp(-X) * np.cos(2 * np.pi * X), lambda X: np.cos(2 * np.pi * X) / np.exp(X)],
     [ex.amorti_boucle, lambda X: np.array(ex.amorti_boucle(X)),
      lambda X: np.array([np.exp(-X[i]) * np.cos(2 * np.pi * X[i]) for i in range(len(X))]),
      lambda X: math.exp(-X) * math.cos(2 * math.pi * X), lambda X: np.exp(-X) * np.cos(np.pi * X),
      lambda X: np.exp(-X), lambda X: 1 / 0, lambda X: np.sum(np.exp(-X)), 42,
      # boucles déguisées : np.vectorize, tolist, map, np.asarray puis boucle, frompyfunc
      np.vectorize(lambda x: math.exp(-x) * math.cos(2 * math.pi * x)),
      lambda X: np.vectorize(lambda x: math.exp(-x) * math.cos(2 * math.pi * x))(X),
      lambda X: np.vectorize(math.exp)(-X) * np.vectorize(math.cos)(2 * np.pi * X),
      lambda X: np.array([math.exp(-x) * math.cos(2 * math.pi * x) for x in X.tolist()]),
      lambda X: np.array(list(map(lambda x: math.exp(-x) * math.cos(2 * math.pi * x), X))),  # noqa: C417
      lambda X: np.array([math.exp(-x) * math.cos(2 * math.pi * x) for x in np.asarray(X)]),
      lambda X: np.frompyfunc(lambda x: math.exp(-x) * math.cos(2 * math.pi * x), 1, 1)(X).astype(float)]),
    (ex.q3, ["b", " B "], ["a", "c", "d", "e", 2, ["b"]]),
    (ex.q5,
     [seuil_bon, seuil_boucle,
      lambda X, Y, s: X[np.flatnonzero(Y >= s)[0]] if np.any(Y >= s) else None],
     [lambda X, Y, s: X[np.argmax(Y >= s)],                 # oublie le cas « jamais atteint »
      lambda X, Y, s: np.argmax(Y >= s) if np.any(Y >= s) else None,   # renvoie l'indice
      lambda X, Y, s: X[Y >= s][-1] if np.any(Y >= s) else None,       # la dernière abscisse
      lambda X, Y, s: X[Y >= s] if np.any(Y >= s) else None,           # tout le tableau
      lambda X, Y, s: print(X[np.argmax(Y >= s)]),                     # print au lieu de return
      lambda X, Y, s: "1.15", lambda X, Y, s: 1 / 0, 42]),
])
def test_reponses(question, bonnes, mauvaises, essayer_reponses):
    essayer_reponses(question, bonnes, mauvaises)


def test_q1_message_ne_donne_pas_le_nombre_de_valeurs(capsys):
    ex.q1.verifier(np.linspace(-1, 2, num=12))
    sortie = capsys.readouterr().out
    assert "12 valeurs" in sortie and "13" not in sortie


def test_q4_oubli_du_pas(capsys):
    ex.q4.verifier(np.sum(np.exp(-X_GAUSS ** 2)))
    sortie = capsys.readouterr().out
    assert "pas h" in sortie and "1.772" not in sortie


def test_q2_boucle_detectee_et_math_explique(capsys):
    ex.q2.verifier(lambda X: np.array([math.exp(-x) * math.cos(2 * math.pi * x) for x in X]))
    assert "élément par élément" in capsys.readouterr().out
    ex.q2.verifier(lambda X: math.exp(-X))
    assert "module math" in capsys.readouterr().out
    assert not ex.q2.verifier(lambda X: ...) and ex.q2.etat == VIDE


@given(st.lists(st.floats(-10, 10), min_size=1, max_size=30))
def test_q2_reference_egale_boucle(valeurs):
    """La version vectorisée de référence donne les mêmes valeurs que la boucle, sur des entrées quelconques."""
    X = np.array(valeurs)
    np.testing.assert_allclose(np.exp(-X) * np.cos(2 * np.pi * X), ex.amorti_boucle(X), rtol=1e-12, atol=1e-300)


def test_q5_messages(capsys):
    ex.q5.verifier(lambda X, Y, s: X[np.argmax(Y >= s)])
    assert "None" in capsys.readouterr().out
    ex.q5.verifier(lambda X, Y, s: np.argmax(Y >= s) if np.any(Y >= s) else None)
    assert "indice" in capsys.readouterr().out
    ex.q5.verifier(lambda X, Y, s: X[Y >= s][-1] if np.any(Y >= s) else None)
    assert "pas la première" in capsys.readouterr().out
    assert not ex.q5.verifier(lambda X, Y, s: ...) and ex.q5.etat == VIDE


def test_q2_boucle_deguisee_expliquee(capsys):
    ex.q2.verifier(np.vectorize(lambda x: math.exp(-x) * math.cos(2 * math.pi * x)))
    assert "élément par élément" in capsys.readouterr().out
    # le contrôle remet numpy en état : np.vectorize fonctionne encore ensuite
    assert np.vectorize(lambda x: x + 1)(np.arange(3)).tolist() == [1, 2, 3]
    assert ex.q2.verifier(lambda X: np.exp(-X) * np.cos(2 * np.pi * X))


def test_nombre_d_exercices():
    assert ex.EXERCICES == [ex.q1, ex.q2, ex.q3, ex.q4, ex.q5]
    for q in ex.EXERCICES:
        assert q._indices and q._solution
