"""Exercices du chapitre 07 : bonnes et mauvaises réponses, messages sans la réponse."""
import math
from fractions import Fraction

import numpy as np
import pytest

from helpers.exercices import CORRECT, INCORRECT, VIDE
from helpers.exercices import ch07 as ex


def _centre(f, x, y, h=1e-5):
    return np.array([(f(x + h, y) - f(x - h, y)) / (2 * h), (f(x, y + h) - f(x, y - h)) / (2 * h)])


def _avant(f, x, y, h=1e-5):
    return np.array([(f(x + h, y) - f(x, y)) / h, (f(x, y + h) - f(x, y)) / h])


def _sortie(capsys):
    return capsys.readouterr().out


# ----------------------------------------------------------------- q1
def test_q1_bonne_reponse(capsys):
    assert ex.q1.verifier(_centre) and ex.q1.etat == CORRECT
    assert ex.q1.verifier(lambda f, x, y, h: tuple(_centre(f, x, y, h)))
    assert ex.q1.verifier(lambda f, x, y, h: list(_centre(f, x, y, h)))
    assert "Correct" in _sortie(capsys)


def test_q1_difference_avant_signalee(capsys):
    assert not ex.q1.verifier(_avant) and ex.q1.etat == INCORRECT
    assert "un côté" in _sortie(capsys)


def test_q1_mauvaises_reponses(capsys):
    mauvaises = [
        lambda f, x, y, h: _centre(f, x, y, 1e-6),                     # ignore h
        lambda f, x, y, h: _centre(f, x, y, h)[::-1],                  # désordre
        lambda f, x, y, h: 2 * _centre(f, x, y, h),                    # divise par h
        lambda f, x, y, h: _centre(f, x, y, h)[0],                     # un seul nombre
        lambda f, x, y, h: "gradient",
        lambda f, x, y, h: 1 / 0,
        lambda f, x, y: _centre(f, x, y),                              # mauvaise signature
        42,
        "grad",
    ]
    for mauvaise in mauvaises:
        assert ex.q1.verifier(mauvaise) == False and ex.q1.etat == INCORRECT
        assert "Pas encore" in _sortie(capsys)


def test_q1_vide(capsys):
    assert not ex.q1.verifier(...) and ex.q1.etat == VIDE
    assert not ex.q1.verifier(lambda f, x, y, h: ...) and ex.q1.etat == VIDE
    assert not ex.q1.verifier(lambda f, x, y, h: (..., ...)) and ex.q1.etat == VIDE


# ----------------------------------------------------------------- q2
@pytest.mark.parametrize("bonne", [[1, 9], (1.0, 9.0), np.array([1, 9]), np.array([[1], [9]])])
def test_q2_bonnes(bonne, capsys):
    assert ex.q2.verifier(bonne) and ex.q2.etat == CORRECT


@pytest.mark.parametrize("mauvaise", [[9, 1], [1, 8], [6, 9], [1, 9, 0], 10, "1, 9", {"x": 1}, [1, "9"],
                                      [np.nan, 9], [[1, 9], [1, 9]]])
def test_q2_mauvaises(mauvaise, capsys):
    assert ex.q2.verifier(mauvaise) == False and ex.q2.etat == INCORRECT
    sortie = _sortie(capsys)
    assert "Pas encore" in sortie


def test_q2_message_dit_quelle_composante(capsys):
    ex.q2.verifier([1, 8])
    sortie = _sortie(capsys)
    assert "∂f/∂y ne convient pas" in sortie and "∂f/∂x ne convient pas" not in sortie
    assert "9" not in sortie


def test_q2_vide(capsys):
    assert not ex.q2.verifier(...) and ex.q2.etat == VIDE
    assert not ex.q2.verifier([..., ...]) and ex.q2.etat == VIDE


def test_q2_solution_coherente():
    h = 1e-6
    assert np.allclose(_centre(ex.f_q2, *ex.POINT_Q2, h), [1, 9], atol=1e-6)


# ----------------------------------------------------------------- q3
def test_q3(capsys):
    assert ex.q3.verifier(12, math.sqrt(160)) and ex.q3.etat == CORRECT
    assert ex.q3.verifier(np.float64(12.0), np.hypot(4, 12))
    assert ex.q3.verifier(4 * Fraction(3, 5) + 12 * Fraction(4, 5), 12.65)   # fractions, racine arrondie
    assert ex.q3.verifier(12, 12.6) == False
    for derivee, pente in [(12, 16), (16, math.sqrt(160)), (12, 160), ("12", 12.6), (12, [12.6])]:
        assert ex.q3.verifier(derivee, pente) == False and ex.q3.etat == INCORRECT
    sortie = _sortie(capsys)
    assert "norme" in sortie and "12.65" not in sortie
    assert not ex.q3.verifier(..., ...) and ex.q3.etat == VIDE
    assert not ex.q3.verifier(12, ...) and ex.q3.etat == VIDE


# ----------------------------------------------------------------- q4
def test_q4(capsys):
    assert ex.q4.verifier("minimum", "selle") and ex.q4.etat == CORRECT
    assert ex.q4.verifier("Minimum local", "point-selle")
    for selle in ["point de selle", "Point de Selle", "point col", "ni minimum ni maximum"]:
        assert ex.q4.verifier("minimum", selle), selle
    assert ex.q4.verifier("min", "col")
    for a, b in [("minimum", "maximum"), ("selle", "selle"), ("maximum", "minimum"), ("bof", "selle"),
                 (1, "selle"), ("minimum", 3.14)]:
        assert ex.q4.verifier(a, b) == False and ex.q4.etat == INCORRECT
    sortie = _sortie(capsys)
    assert "point B ne convient pas" in sortie and "non reconnue" in sortie
    assert not ex.q4.verifier(..., "selle") and ex.q4.etat == VIDE


def test_q4_points_critiques():
    for x0, y0 in ex.POINTS_Q4.values():
        assert np.allclose(_centre(ex.f_q4, x0, y0), 0, atol=1e-8)


# ----------------------------------------------------------------- q6 (sourire)
def test_q6_sourire(capsys):
    assert ex.q6.verifier(81, 54, 27) and ex.q6.etat == CORRECT
    assert ex.q6.verifier(81.0, np.float64(54), 27.0000000001)
    assert ex.q6.verifier(Fraction(81), Fraction(54), Fraction(27))           # calcul en fractions, comme en 4.3
    assert ex.q6.verifier(Fraction(81), Fraction(27), Fraction(27)) == False
    for rep in [(81, 27, 27), (81, 54, 54), (9, 54, 27), ("81", 54, 27), (81, [54], 27)]:
        assert ex.q6.verifier(*rep) == False and ex.q6.etat == INCORRECT
    assert "Pas encore" in _sortie(capsys)
    assert not ex.q6.verifier(..., 54, 27) and ex.q6.etat == VIDE


def test_q6_coherent_avec_differences_finies():
    p = ex.POINT_Q6
    h = 1e-6
    for nom, attendu in (("c", 81), ("a", 54), ("b", 27)):
        plus, moins = dict(p), dict(p)
        plus[nom] += h
        moins[nom] -= h
        assert math.isclose((ex.reseau_q6(**plus) - ex.reseau_q6(**moins)) / (2 * h), attendu, rel_tol=1e-6)


def test_q6_message_sans_reponse(capsys):
    ex.q6.verifier(81, 27, 27)
    sortie = _sortie(capsys)
    assert "∂F/∂a" in sortie and "54" not in sortie


def test_indices_et_solutions(capsys):
    for q in ex.EXERCICES:
        q.indice()
        q.solution()
    assert "Indice" in _sortie(capsys)


# ----------------------------------------------------------------- q5
def _produit(pu, pv):
    u, gu = pu
    v, gv = pv
    return u * v, gu * v + u * gv


def test_q5_produit_dual(essayer_reponses, capsys):
    essayer_reponses(ex.q5, bonnes=[_produit, lambda pu, pv: list(_produit(pu, pv)),
                                    lambda pu, pv: (_produit(pu, pv)[0], list(_produit(pu, pv)[1]))],
                     mauvaises=[lambda pu, pv: (pu[0] * pv[0], pu[1] * pv[1]),
                                lambda pu, pv: (pu[0] * pv[0], pu[1] * pv[0]),
                                lambda pu, pv: (pu[0] * pv[0], pu[1] * pu[0] + pv[0] * pv[1]),
                                lambda pu, pv: (pu[0] + pv[0], _produit(pu, pv)[1]),
                                lambda pu, pv: _produit(pu, pv)[1], lambda pu, pv: "uv", 3,
                                lambda pu, pv: (pu[0] * pv[0], pu[1][0])])
    for faux, mot in [(lambda pu, pv: (pu[0] * pv[0], pu[1] * pv[1]), "produit des gradients"),
                      (lambda pu, pv: (pu[0] * pv[0], pu[1] * pv[0]), "l'un des deux termes"),
                      (lambda pu, pv: (pu[0] * pv[0], pu[1] * pu[0] + pv[0] * pv[1]), "AUTRE"),
                      (lambda pu, pv: _produit(pu, pv)[1], "couple")]:
        assert not ex.q5.verifier(faux)
        assert mot in _sortie(capsys)


def test_q5_solution_affichee_fonctionne():
    espace = {}
    exec(ex.q5._solution, espace)
    assert ex.q5.verifier(espace["produit_dual"])
