"""Exercices du chapitre 04 : bonnes et mauvaises réponses."""
import numpy as np
import pytest

from helpers.exercices import CORRECT, INCORRECT, VIDE
from helpers.exercices import ch04 as ex

X1, Y1 = np.meshgrid(ex.VX_Q1, ex.VY_Q1)
M, T = ex.M_Q2, ex.T_Q3


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


def test_q2(capsys):
    assert ex.q2.verifier(X1 ** 2 - Y1) and ex.q2.etat == CORRECT
    assert "Correct" in _sortie(capsys)
    _verifier_faux(ex.q2, [(X1 ** 2 - Y1).T], capsys, "échangées")
    _verifier_faux(ex.q2, [Y1 ** 2 - X1], capsys, "inversés")
    _verifier_faux(ex.q2, [X1 ** 2 + Y1], capsys)
    _verifier_faux(ex.q2, [ex.VX_Q1 ** 2], capsys, "deux dimensions")
    _verifier_faux(ex.q2, ["table"], capsys)
    _verifier_faux(ex.q2, [None.__class__], capsys)
    _verifier_vide(ex.q2, 1, capsys)


def test_q2_ne_donne_pas_la_reponse(capsys):
    sortie = _verifier_faux(ex.q2, [X1 ** 2 + Y1], capsys)
    assert "-0.75" not in sortie and "0.25" not in sortie


def test_q1(capsys):
    assert ex.q1.verifier(M.flatten(), M.flatten().reshape((6, 2)))
    assert ex.q1.verifier(list(range(1, 13)), [[1, 2], [3, 4], [5, 6], [7, 8], [9, 10], [11, 12]])
    _verifier_faux(ex.q1, [M, M.reshape((6, 2))], capsys, "une seule dimension")
    _verifier_faux(ex.q1, [M.flatten(order="F"), M.reshape((6, 2))], capsys, "colonne par colonne")
    _verifier_faux(ex.q1, [M.flatten(), M.reshape((2, 6))], capsys, "l'inverse")
    _verifier_faux(ex.q1, [M.flatten(), M.reshape((6, 2), order="F")], capsys, "colonne par colonne")
    _verifier_faux(ex.q1, [M.flatten(), M.reshape((4, 3))], capsys)
    _verifier_faux(ex.q1, ["abc", M.reshape((6, 2))], capsys)
    _verifier_faux(ex.q1, [M.flatten(), {"a": 1}], capsys)
    _verifier_vide(ex.q1, 2, capsys)
    assert ex.q1.verifier(M.flatten()) == False and ex.q1.etat == VIDE


def test_q4(capsys):
    assert ex.q4.verifier(T[1:4, 2:5], T[:, -1])
    assert ex.q4.verifier(T[1:4, 2:5].tolist(), T[:, 5])
    _verifier_faux(ex.q4, [T[1:3, 2:4], T[:, -1]], capsys, "exclu")
    _verifier_faux(ex.q4, [T[1:5, 2:6], T[:, -1]], capsys, "trop")
    _verifier_faux(ex.q4, [T[2:5, 1:4], T[:, -1]], capsys, "dizaines")
    _verifier_faux(ex.q4, [T[1:4, 2:5], T[:, -1:]], capsys, "vecteur")
    _verifier_faux(ex.q4, [T[1:4, 2:5], T[-1, :]], capsys, "ligne")
    _verifier_faux(ex.q4, [T[1:4, 2:5], T[:, 0]], capsys)
    _verifier_faux(ex.q4, [3.5, T[:, -1]], capsys)
    _verifier_faux(ex.q4, [[[1, 2], [3]], T[:, -1]], capsys)
    _verifier_vide(ex.q4, 2, capsys)


def test_q3(capsys):
    assert ex.q3.verifier(np.vectorize(_rampe, otypes=[np.float64]))
    assert ex.q3.verifier(np.vectorize(lambda x: min(max(x, 0.0), 1.0)))
    # np.clip donne les bonnes valeurs, mais sans np.vectorize : refusé, avec une explication
    _verifier_faux(ex.q3, [lambda x: np.clip(x, 0, 1)], capsys, "np.clip")
    _verifier_faux(ex.q3, [lambda x: np.where(x < 0, 0.0, np.where(x > 1, 1.0, x))], capsys, "np.vectorize")
    _verifier_faux(ex.q3, [np.vectorize(_rampe)], capsys, "entiers")
    _verifier_faux(ex.q3, [_rampe], capsys, "np.vectorize")
    _verifier_faux(ex.q3, [np.vectorize(abs, otypes=[float])], capsys)
    _verifier_faux(ex.q3, [np.vectorize(lambda v: float(np.sum(v)), signature="(n)->()")], capsys, "taille")
    _verifier_faux(ex.q3, [np.vectorize(lambda x: 1 / 0)], capsys, "ZeroDivisionError")
    _verifier_faux(ex.q3, [lambda x: "rampe"], capsys)
    _verifier_faux(ex.q3, [42], capsys, "fonction")
    _verifier_vide(ex.q3, 1, capsys)
    assert ex.q3.verifier(lambda x: ...) == False and ex.q3.etat == VIDE


def test_q5(capsys):
    bonne = {"A": 3, "B": 1, "C": 4, "D": 2}
    assert ex.q5.verifier(bonne) and ex.q5.etat == CORRECT
    assert ex.q5.verifier({"a": 3, "b": 1, "c": 4, "d": 2})
    assert ex.q5.verifier({"D": 2, "C": 4, "B": 1, "A": np.int64(3)})
    sortie = _verifier_faux(ex.q5, [{"A": 1, "B": 3, "C": 4, "D": 2}], capsys, "2 carte(s)")
    assert "ellipses" in sortie
    _verifier_faux(ex.q5, [{"A": 3, "B": 3, "C": 4, "D": 2}], capsys, "une fois")
    _verifier_faux(ex.q5, [{"A": 3, "B": 1, "C": 4}], capsys, "quatre clés")
    _verifier_faux(ex.q5, [{"A": "3", "B": 1, "C": 4, "D": 2}], capsys, "entier")
    _verifier_faux(ex.q5, [{"A": 3.5, "B": 1, "C": 4, "D": 2}], capsys, "entier")
    _verifier_faux(ex.q5, [{"A": True, "B": 1, "C": 4, "D": 2}], capsys, "entier")
    _verifier_faux(ex.q5, [[3, 1, 4, 2]], capsys, "dictionnaire")
    _verifier_faux(ex.q5, ["3142"], capsys, "dictionnaire")
    assert ex.q5.verifier({"A": ..., "B": ..., "C": ..., "D": ...}) == False and ex.q5.etat == VIDE
    _verifier_vide(ex.q5, 1, capsys)


def test_q5_les_cartes_correspondent_aux_formules():
    """Chaque carte dessinée est bien celle de la formule que le contrôle attend (ordre mélangé)."""
    fig = ex.dessiner_cartes()
    assert [ax.get_title() for ax in fig.axes] == ["carte A", "carte B", "carte C", "carte D"]
    x = np.linspace(-3, 3, 121)
    X, Y = np.meshgrid(x, x)
    for ax, (lettre, numero) in zip(fig.axes, ex._CARTES_Q5.items()):
        Z = ex._FONCTIONS_Q5[numero](X, Y)
        niveaux = ax.collections[0].levels
        # les niveaux tracés couvrent l'intervalle des valeurs de cette formule, et d'aucune autre
        marge = 0.05 * (Z.max() - Z.min())
        assert Z.min() - marge <= niveaux.min() < niveaux.max() <= Z.max() + marge, lettre
        assert niveaux.max() - niveaux.min() > 0.5 * (Z.max() - Z.min()), lettre
    assert sorted(ex._CARTES_Q5.values()) == [1, 2, 3, 4] and set(ex.FORMULES_Q5) == {1, 2, 3, 4}


@pytest.mark.parametrize("question", ex.EXERCICES)
def test_indices_et_solution(question, capsys):
    question.indice()
    question.indice()
    question.solution()
    sortie = _sortie(capsys)
    assert "Indice 1/" in sortie and "Indice 2/" in sortie and "Solution" in sortie
