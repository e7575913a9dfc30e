"""Exercices du chapitre 01 : bonnes réponses, erreurs classiques, réponses vides et types inattendus."""
import math

import numpy as np
import pytest

from helpers.exercices import CORRECT, INCORRECT, VIDE
from helpers.exercices import ch01 as ex

MAUVAIS_TYPES = ["2.025", [1, 2], {"a": 1}, None.__class__, object(), True]


def _df_juste(x):
    return math.sin(x ** 2) + 2 * x ** 2 * math.cos(x ** 2)


def _newton_juste(f, df, x0, n):
    x = x0
    for _ in range(n):
        x = x - f(x) / df(x)
    return x


def _fois_juste(u, v):
    (a, da), (b, db) = u, v
    return (a * b, da * b + a * db)


Y = math.log(2)
LOCALES = [0.5, 3 * Y ** 2, math.exp(Y ** 3 + 1)]
GLOBALE = LOCALES[2] * LOCALES[1] * LOCALES[0]


def _verifie(question, *reponse):
    resultat = question.verifier(*reponse)
    return resultat, question.etat


# --- bonnes réponses -------------------------------------------------------------------------

@pytest.mark.parametrize("question, reponse", [
    (ex.q1, (2.025,)),
    (ex.q1, (np.float64(2.025),)),
    (ex.q2, (_df_juste,)),
    (ex.q2, (lambda x: np.sin(x ** 2) + 2 * x ** 2 * np.cos(x ** 2),)),
    (ex.q3, (lambda x, y, z: math.sqrt(x * y + z ** 2),)),
    (ex.q3, (lambda x, y, z: np.sqrt(np.multiply(x, y) + np.square(z)),)),
    (ex.q4, (LOCALES, GLOBALE)),
    (ex.q4, (np.array(LOCALES), np.float64(GLOBALE))),
    (ex.q5, (_fois_juste,)),
    (ex.q5, (lambda u, v: [u[0] * v[0], u[1] * v[0] + u[0] * v[1]],)),
    (ex.q6, (_newton_juste,)),
])
def test_bonne_reponse(question, reponse, capsys):
    assert _verifie(question, *reponse) == (True, CORRECT)
    assert "Correct" in capsys.readouterr().out


# --- réponses vides --------------------------------------------------------------------------

@pytest.mark.parametrize("question, reponse", [
    (ex.q1, (...,)),
    (ex.q2, (...,)),
    (ex.q2, (lambda x: ...,)),
    (ex.q3, (...,)),
    (ex.q3, (lambda x, y, z: ...,)),
    (ex.q4, (..., ...)),
    (ex.q4, (LOCALES, ...)),
    (ex.q4, ([..., ..., ...], ...)),
    (ex.q5, (...,)),
    (ex.q5, (lambda u, v: ...,)),
    (ex.q5, (lambda u, v: (..., ...),)),
    (ex.q6, (...,)),
    (ex.q6, (lambda f, df, x0, n: ...,)),
])
def test_reponse_vide(question, reponse, capsys):
    assert _verifie(question, *reponse) == (False, VIDE)
    assert "Pas encore de réponse" in capsys.readouterr().out


# --- mauvais types : jamais d'exception ------------------------------------------------------

@pytest.mark.parametrize("question", [ex.q1, ex.q2, ex.q3, ex.q5, ex.q6])
@pytest.mark.parametrize("mauvais", MAUVAIS_TYPES)
def test_mauvais_types(question, mauvais, capsys):
    assert _verifie(question, mauvais) == (False, INCORRECT)
    assert "Pas encore :" in capsys.readouterr().out


@pytest.mark.parametrize("locales, globale", [
    ("abc", 1.0), (3.0, 1.0), ({"a": 1}, 1.0), (LOCALES, "x"), (LOCALES, [1, 2]), (["a", "b", "c"], 1.0),
])
def test_q4_mauvais_types(locales, globale):
    assert _verifie(ex.q4, locales, globale) == (False, INCORRECT)


# --- erreurs classiques, avec un message utile qui ne donne pas la réponse ----------------------

def _message(question, *reponse, capsys):
    assert _verifie(question, *reponse) == (False, INCORRECT)
    return capsys.readouterr().out


def test_q1_erreurs(capsys):
    assert "calculatrice" in _message(ex.q1, math.sqrt(4.1), capsys=capsys)
    assert "x0 = 1" in _message(ex.q1, 2.05, capsys=capsys)
    assert "près de 1" in _message(ex.q1, 1.05, capsys=capsys)
    sortie = _message(ex.q1, 2.1, capsys=capsys)
    assert "trop grande" in sortie and "2.025" not in sortie
    assert "2.025" not in _message(ex.q1, 2.0, capsys=capsys)


def test_q2_erreurs(capsys):
    assert "f elle-même" in _message(ex.q2, lambda x: x * math.sin(x ** 2), capsys=capsys)
    assert "composition" in _message(ex.q2, lambda x: math.sin(x ** 2) + x * math.cos(x ** 2), capsys=capsys)
    assert "produit" in _message(ex.q2, lambda x: 2 * x ** 2 * math.cos(x ** 2), capsys=capsys)
    assert "deux termes" in _message(ex.q2, lambda x: math.sin(x ** 2), capsys=capsys)
    assert "produit des dérivées" in _message(ex.q2, lambda x: 2 * x * math.cos(x ** 2), capsys=capsys)
    sortie = _message(ex.q2, lambda x: math.cos(x), capsys=capsys)
    assert "taux d'accroissement" in sortie and "cos(x**2)" not in sortie
    assert "ZeroDivisionError" in _message(ex.q2, lambda x: 1 / 0, capsys=capsys)
    assert "nombre" in _message(ex.q2, lambda x: "y", capsys=capsys)


def test_q4_erreurs(capsys):
    assert "trois" in _message(ex.q4, LOCALES[:2], GLOBALE, capsys=capsys)
    assert "n° 1" in _message(ex.q4, [2.0, LOCALES[1], LOCALES[2]], GLOBALE, capsys=capsys)
    assert "ENTRE" in _message(ex.q4, [0.5, 12.0, LOCALES[2]], GLOBALE, capsys=capsys)
    assert "n° 3" in _message(ex.q4, [0.5, LOCALES[1], math.exp(2)], GLOBALE, capsys=capsys)
    assert "PRODUIT" in _message(ex.q4, LOCALES, sum(LOCALES), capsys=capsys)
    assert "F(2)" in _message(ex.q4, LOCALES, ex.F_exercice3(2.0), capsys=capsys)
    sortie = _message(ex.q4, LOCALES, GLOBALE * 2, capsys=capsys)
    assert "trop grande" in sortie and f"{GLOBALE:.4g}" not in sortie


def test_q5_erreurs(capsys):
    assert "produit des dérivées" in _message(ex.q5, lambda u, v: (u[0] * v[0], u[1] * v[1]), capsys=capsys)
    assert "deux termes" in _message(ex.q5, lambda u, v: (u[0] * v[0], u[1] * v[0]), capsys=capsys)
    assert "valeur" in _message(ex.q5, lambda u, v: (u[0] + v[0], u[1] * v[0] + u[0] * v[1]), capsys=capsys)
    assert "exactement deux" in _message(ex.q5, lambda u, v: (1, 2, 3), capsys=capsys)
    assert "couple" in _message(ex.q5, lambda u, v: 3.0, capsys=capsys)


def test_q6_erreurs(capsys):
    def signe(f, df, x0, n):
        x = x0
        for _ in range(n):
            x = x + f(x) / df(x)
        return x

    def une_de_trop(f, df, x0, n):
        x = x0
        for _ in range(n + 1):
            x = x - f(x) / df(x)
        return x

    def liste(f, df, x0, n):
        xs = [x0]
        for _ in range(n):
            xs.append(xs[-1] - f(xs[-1]) / df(xs[-1]))
        return xs

    def fige(f, df, x0, n):
        x = x0
        for _ in range(n):
            x = x - (x * x - 2) / (2 * x)
        return x

    def immobile(f, df, x0, n):
        x = x0
        for _ in range(n):
            y = x - f(x) / df(x)  # noqa: F841
        return x

    assert "signe" in _message(ex.q6, signe, capsys=capsys)
    assert "de trop" in _message(ex.q6, une_de_trop, capsys=capsys)
    assert "liste" in _message(ex.q6, liste, capsys=capsys)
    assert "cos(x) − x" in _message(ex.q6, fige, capsys=capsys)
    assert "mise à jour" in _message(ex.q6, immobile, capsys=capsys)
    assert "ZeroDivisionError" in _message(ex.q6, lambda f, df, x0, n: 1 / 0, capsys=capsys)
    assert "TypeError" in _message(ex.q6, lambda f: f, capsys=capsys)


def test_indices_et_solutions(capsys):
    for q in ex.EXERCICES:
        q.indice()
        q.solution()
    sortie = capsys.readouterr().out
    assert sortie.count("Indice 1/") == len(ex.EXERCICES)
    assert sortie.count("Solution") == len(ex.EXERCICES)


def test_fonctions_fournies():
    assert math.isclose(ex.f_exercice2(1.0), math.sin(1.0))
    assert math.isclose(ex.F_exercice3(1.0), math.e)


def test_q2_difference_finie_refusee(capsys):
    """Un taux d'accroissement, même centré, n'est pas la formule demandée."""
    f = ex.f_exercice2
    for h in (1e-5, 1e-6, 1e-7):
        sortie = _message(ex.q2, lambda x, h=h: (f(x + h) - f(x - h)) / (2 * h), capsys=capsys)
        assert "approximation" in sortie, h
    sortie = _message(ex.q2, lambda x: (f(x + 1e-8) - f(x)) / 1e-8, capsys=capsys)
    assert "Pas encore" in sortie


def test_q3_lire_le_graphe(capsys):
    assert "dernière flèche" in _message(ex.q3, lambda x, y, z: x * y + z ** 2, capsys=capsys)
    assert "chaque terme" in _message(ex.q3, lambda x, y, z: math.sqrt(x * y) + abs(z), capsys=capsys)
    assert "ne correspond pas" in _message(ex.q3, lambda x, y, z: math.sqrt(x + y + z ** 2), capsys=capsys)
    assert "ValueError" in _message(ex.q3, lambda x, y, z: math.sqrt(-1 - z ** 2), capsys=capsys)
    assert "nombre" in _message(ex.q3, lambda x, y, z: "5", capsys=capsys)
