"""Exercices du chapitre 08 : bonnes et mauvaises réponses, messages sans la réponse."""
import numpy as np
import pytest

from helpers.exercices import CORRECT, INCORRECT, VIDE
from helpers.exercices import ch08 as ex


def _sortie(capsys):
    return capsys.readouterr().out


# ----------------------------------------------------------------- q1
def _descente(grad, P0, delta, n):
    P = np.array(P0, dtype=float)
    points = [P.copy()]
    for _ in range(n):
        P = P - delta * grad(P)
        points.append(P.copy())
    return np.array(points)


def test_q1_bonne_reponse(capsys):
    assert ex.q1.verifier(_descente) and ex.q1.etat == CORRECT
    # une liste de listes convient aussi
    assert ex.q1.verifier(lambda g, P0, d, n: [list(p) for p in _descente(g, P0, d, n)])
    assert "Correct" in _sortie(capsys)


def test_q1_messages(capsys):
    assert not ex.q1.verifier(lambda g, P0, d, n: _descente(g, P0, d, n)[1:])
    assert "forme" in _sortie(capsys)
    assert not ex.q1.verifier(lambda g, P0, d, n: _descente(g, P0, -d, n))
    assert "signe" in _sortie(capsys)
    assert not ex.q1.verifier(lambda g, P0, d, n: _descente(g, P0, d, n) * 1.01)
    assert "point de départ" in _sortie(capsys)

    def descente_sans_copie(grad, P0, delta, n):   # erreur classique : le même tableau rangé n + 1 fois
        P = np.array(P0, dtype=float)
        points = [P]
        for _ in range(n):
            P -= delta * grad(P)
            points.append(P)
        return np.array(points)

    assert not ex.q1.verifier(descente_sans_copie)
    assert "copie" in _sortie(capsys)
    assert not ex.q1.verifier(lambda g, P0, d, n: _descente(g, P0, d / 2, n))
    sortie = _sortie(capsys)
    assert "P_1" in sortie and "1.2" not in sortie
    assert not ex.q1.verifier(lambda g, P0, d, n: 1 / 0)
    assert "ZeroDivisionError" in _sortie(capsys)
    assert not ex.q1.verifier(lambda g, P0, d, n: "points")
    assert not ex.q1.verifier(42) and ex.q1.etat == INCORRECT
    assert not ex.q1.verifier(lambda g, P0, d, n: ...) and ex.q1.etat == VIDE
    assert not ex.q1.verifier(...) and ex.q1.etat == VIDE


# ----------------------------------------------------------------- q2
@pytest.mark.parametrize("bon", [0.2, 0.25, 0.3, np.float64(0.17)])
def test_q2_bons_pas(bon, capsys):
    assert ex.q2.verifier(bon) and ex.q2.etat == CORRECT


@pytest.mark.parametrize("mauvais, mot", [(0.1, "sans osciller"), (1 / 6, "sans osciller"), (0.4, "trop grand"),
                                          (1 / 3, "trop grand"), (-0.1, "positif"), (0, "positif"),
                                          ("0.25", "nombre"), ([0.25], "nombre"), (float("nan"), "fini")])
def test_q2_mauvais_pas(mauvais, mot, capsys):
    assert not ex.q2.verifier(mauvais) and ex.q2.etat == INCORRECT
    assert mot in _sortie(capsys)


def test_q2_vide(capsys):
    assert not ex.q2.verifier(...) and ex.q2.etat == VIDE


# ----------------------------------------------------------------- q3
def test_q3(capsys):
    assert ex.q3.verifier(lambda P, Pp, g, d, mu: P + mu * (P - Pp) - d * g(P))
    assert ex.q3.etat == CORRECT
    assert not ex.q3.verifier(lambda P, Pp, g, d, mu: P - d * g(P))
    assert "moment" in _sortie(capsys)
    assert not ex.q3.verifier(lambda P, Pp, g, d, mu: P - mu * (P - Pp) - d * g(P))
    assert "mauvais sens" in _sortie(capsys)
    assert not ex.q3.verifier(lambda P, Pp, g, d, mu: P + mu * (P - Pp) + d * g(P))
    assert not ex.q3.verifier(lambda P, Pp, g, d, mu: P + mu * (P - Pp) - d * g(P + mu * (P - Pp)))
    assert "Nesterov" in _sortie(capsys)
    assert not ex.q3.verifier(lambda P, Pp, g, d, mu: 0.0)
    assert "forme" in _sortie(capsys)
    assert not ex.q3.verifier("P") and ex.q3.etat == INCORRECT
    assert not ex.q3.verifier(...) and ex.q3.etat == VIDE


# ----------------------------------------------------------------- q4
def _grad(a, b, x, y):
    r = y - (a * x + b)
    return np.array([np.sum(-2 * x * r), np.sum(-2 * r)])


def test_q4(capsys):
    assert ex.q4.verifier(_grad) and ex.q4.etat == CORRECT
    assert ex.q4.verifier(lambda a, b, x, y: list(_grad(a, b, x, y)))
    assert not ex.q4.verifier(lambda a, b, x, y: -_grad(a, b, x, y))
    assert "signe" in _sortie(capsys)
    assert not ex.q4.verifier(lambda a, b, x, y: _grad(a, b, x, y)[::-1])
    assert "échangées" in _sortie(capsys)
    assert not ex.q4.verifier(lambda a, b, x, y: _grad(a, b, x, y) / 2)
    assert "facteur 2" in _sortie(capsys)
    assert not ex.q4.verifier(lambda a, b, x, y: _grad(a, b, x, y) / len(x))
    assert "moyenne" in _sortie(capsys)
    assert not ex.q4.verifier(lambda a, b, x, y: _grad(a, b, x, y) + np.array([0, 1]))
    assert "∂E/∂b" in _sortie(capsys)
    assert not ex.q4.verifier(lambda a, b, x, y: _grad(a, b, x, y)[0])
    assert not ex.q4.verifier(lambda a, b, x, y: {"a": 1})
    assert ex.q4.etat == INCORRECT
    assert not ex.q4.verifier(...) and ex.q4.etat == VIDE


# ----------------------------------------------------------------- q5
def test_q5(capsys):
    assert ex.q5.verifier(200) and ex.q5.etat == CORRECT
    assert ex.q5.verifier(200.0)
    for mauvais, mot in [(40, "une seule époque"), (5000, "stochastique"), (5, "nombre d'époques"),
                         (123, "ne convient pas"), ("200", "nombre")]:
        assert not ex.q5.verifier(mauvais) and ex.q5.etat == INCORRECT
        sortie = _sortie(capsys)
        assert mot in sortie and "200" not in sortie.replace("'200'", "")
    assert not ex.q5.verifier(...) and ex.q5.etat == VIDE
