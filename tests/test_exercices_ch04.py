"""Exercices du chapitre 04 : bonnes et mauvaises réponses."""
import numpy as np
import pytest

from helpers.exercices import CORRECT, INCORRECT, VIDE
from helpers.exercices import ch04 as ex

X1, Y1 = np.meshgrid(ex.VX_Q1, ex.VY_Q1)
M, T, V = ex.M_Q2, ex.T_Q3, ex.V_Q5


def _rampe(x):
    if x < 0:
        return 0
    elif x <= 1:
        return x
    return 1


def _sortie(capsys):
    return capsys.readouterr().out


def _verifier_vide(question, nb_arguments, capsys):
    assert question.verifier(*([...] * nb_arguments)) == False and question.etat == VIDE
    assert "Pas encore de réponse" in _sortie(capsys)


def _verifier_faux(question, arguments, capsys, fragment=None):
    assert question.verifier(*arguments) == False and question.etat == INCORRECT
    sortie = _sortie(capsys)
    assert "Pas encore" in sortie
    if fragment:
        assert fragment in sortie
    return sortie


def test_q1(capsys):
    assert ex.q1.verifier(X1 ** 2 - Y1) and ex.q1.etat == CORRECT
    assert "Correct" in _sortie(capsys)
    _verifier_faux(ex.q1, [(X1 ** 2 - Y1).T], capsys, "échangées")
    _verifier_faux(ex.q1, [Y1 ** 2 - X1], capsys, "inversés")
    _verifier_faux(ex.q1, [X1 ** 2 + Y1], capsys)
    _verifier_faux(ex.q1, [ex.VX_Q1 ** 2], capsys, "deux dimensions")
    _verifier_faux(ex.q1, ["table"], capsys)
    _verifier_faux(ex.q1, [None.__class__], capsys)
    _verifier_vide(ex.q1, 1, capsys)


def test_q1_ne_donne_pas_la_reponse(capsys):
    sortie = _verifier_faux(ex.q1, [X1 ** 2 + Y1], capsys)
    assert "-0.75" not in sortie and "0.25" not in sortie


def test_q2(capsys):
    assert ex.q2.verifier(M.flatten(), M.flatten().reshape((6, 2)))
    assert ex.q2.verifier(list(range(1, 13)), [[1, 2], [3, 4], [5, 6], [7, 8], [9, 10], [11, 12]])
    _verifier_faux(ex.q2, [M, M.reshape((6, 2))], capsys, "une seule dimension")
    _verifier_faux(ex.q2, [M.flatten(order="F"), M.reshape((6, 2))], capsys, "colonne par colonne")
    _verifier_faux(ex.q2, [M.flatten(), M.reshape((2, 6))], capsys, "l'inverse")
    _verifier_faux(ex.q2, [M.flatten(), M.reshape((6, 2), order="F")], capsys, "colonne par colonne")
    _verifier_faux(ex.q2, [M.flatten(), M.reshape((4, 3))], capsys)
    _verifier_faux(ex.q2, ["abc", M.reshape((6, 2))], capsys)
    _verifier_faux(ex.q2, [M.flatten(), {"a": 1}], capsys)
    _verifier_vide(ex.q2, 2, capsys)
    assert ex.q2.verifier(M.flatten()) == False and ex.q2.etat == VIDE


def test_q3(capsys):
    assert ex.q3.verifier(T[1:4, 2:5], T[:, -1])
    assert ex.q3.verifier(T[1:4, 2:5].tolist(), T[:, 5])
    _verifier_faux(ex.q3, [T[1:3, 2:4], T[:, -1]], capsys, "exclu")
    _verifier_faux(ex.q3, [T[1:5, 2:6], T[:, -1]], capsys, "trop")
    _verifier_faux(ex.q3, [T[2:5, 1:4], T[:, -1]], capsys, "dizaines")
    _verifier_faux(ex.q3, [T[1:4, 2:5], T[:, -1:]], capsys, "vecteur")
    _verifier_faux(ex.q3, [T[1:4, 2:5], T[-1, :]], capsys, "ligne")
    _verifier_faux(ex.q3, [T[1:4, 2:5], T[:, 0]], capsys)
    _verifier_faux(ex.q3, [3.5, T[:, -1]], capsys)
    _verifier_faux(ex.q3, [[[1, 2], [3]], T[:, -1]], capsys)
    _verifier_vide(ex.q3, 2, capsys)


def test_q4(capsys):
    assert ex.q4.verifier(np.vectorize(_rampe, otypes=[np.float64]))
    assert ex.q4.verifier(lambda x: np.clip(x, 0, 1))
    _verifier_faux(ex.q4, [np.vectorize(_rampe)], capsys, "entiers")
    _verifier_faux(ex.q4, [_rampe], capsys, "np.vectorize")
    _verifier_faux(ex.q4, [np.vectorize(abs, otypes=[float])], capsys)
    _verifier_faux(ex.q4, [lambda x: np.sum(x)], capsys, "forme")
    _verifier_faux(ex.q4, [lambda x: 1 / 0], capsys, "ZeroDivisionError")
    _verifier_faux(ex.q4, [lambda x: "rampe"], capsys)
    _verifier_faux(ex.q4, [42], capsys, "fonction")
    _verifier_vide(ex.q4, 1, capsys)
    assert ex.q4.verifier(lambda x: ...) == False and ex.q4.etat == VIDE


def test_q5(capsys):
    X, Y = np.meshgrid(V, V)
    Z = X ** 2 + X * Y + Y ** 2 - 3 * X
    i, j = np.unravel_index(np.argmin(Z), Z.shape)
    assert ex.q5.verifier(X[i, j], Y[i, j])
    assert ex.q5.verifier(2, -1.0)
    sortie = _verifier_faux(ex.q5, [Y[i, j], X[i, j]], capsys, "échangés")
    _verifier_faux(ex.q5, [int(j), int(i)], capsys, "indices")
    _verifier_faux(ex.q5, [int(i), int(j)], capsys, "indices")
    sortie = _verifier_faux(ex.q5, [0.0, 0.0], capsys)
    assert "2" not in sortie.replace("x_min", "").replace("y_min", "").replace("0.0", "")
    _verifier_faux(ex.q5, ["2", "-1"], capsys, "nombre")
    _verifier_faux(ex.q5, [np.array([2.0, -1.0]), -1.0], capsys, "seul nombre")
    _verifier_faux(ex.q5, [float("nan"), -1.0], capsys)
    _verifier_vide(ex.q5, 2, capsys)


@pytest.mark.parametrize("question", ex.EXERCICES)
def test_indices_et_solution(question, capsys):
    question.indice()
    question.indice()
    question.solution()
    sortie = _sortie(capsys)
    assert "Indice 1/" in sortie and "Indice 2/" in sortie and "Solution" in sortie
