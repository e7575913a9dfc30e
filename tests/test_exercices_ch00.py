"""Exercices du chapitre 00 : bonnes et mauvaises réponses."""
import numpy as np
import pytest

from helpers.exercices import CORRECT, INCORRECT, VIDE
from helpers.exercices import ch00 as ex


@pytest.mark.parametrize("question, bonne, mauvaises", [
    (ex.q1, 13.0, [12, 14.5, "13", [13.0]]),
    (ex.q3, np.arange(10) ** 2, [np.arange(10), list(range(10)), np.arange(11) ** 2, [x * x for x in range(10)]]),
    (ex.q4, "rapide", ["complet", "lent", 1]),
])
def test_reponses(question, bonne, mauvaises, capsys):
    assert question.verifier(bonne) == True and question.etat == CORRECT
    assert "Correct" in capsys.readouterr().out
    for mauvaise in mauvaises:
        assert question.verifier(mauvaise) == False and question.etat == INCORRECT
        sortie = capsys.readouterr().out
        assert "Pas encore" in sortie
    assert question.verifier(...) == False and question.etat == VIDE
    assert "Pas encore de réponse" in capsys.readouterr().out


def test_moyenne_message_sans_reponse(capsys):
    ex.q1.verifier(12.0)
    sortie = capsys.readouterr().out
    assert "trop petite" in sortie and "13" not in sortie


def test_fonction_carre(capsys):
    assert ex.q2.verifier(lambda x: x ** 2)
    assert not ex.q2.verifier(lambda x: 2 * x)
    assert "carre(1)" in capsys.readouterr().out
    assert not ex.q2.verifier(lambda x: x ** 2 if x >= 0 else -x ** 2)
    assert not ex.q2.verifier(lambda x: 1 / 0)
    assert "ZeroDivisionError" in capsys.readouterr().out
    assert not ex.q2.verifier(lambda x: "x²")
    assert not ex.q2.verifier(lambda x: str(x * x)) and ex.q2.etat == INCORRECT  # une chaîne n'est pas un nombre
    assert not ex.q2.verifier(lambda x: x ^ 2)  # ^ n'est pas la puissance en Python
    assert not ex.q2.verifier(lambda x: ...) and ex.q2.etat == VIDE
    assert not ex.q2.verifier(42) and ex.q2.etat == INCORRECT


@pytest.mark.parametrize("bonne", [
    lambda x: x * x, lambda x: pow(x, 2), np.square, lambda x: float(x) ** 2,
])
def test_fonction_carre_autres_ecritures(bonne, capsys):
    assert ex.q2.verifier(bonne) and ex.q2.etat == CORRECT


def test_autres_bonnes_reponses(capsys):
    import statistics
    notes = [12, 15, 9, 14, 17, 11]
    for moyenne in (sum(notes) / len(notes), np.mean(notes), statistics.mean(notes), 13):
        assert ex.q1.verifier(moyenne)
    for carres in (np.square(np.arange(10)), np.arange(10.0) ** 2, np.array([k * k for k in range(10)])):
        assert ex.q3.verifier(carres)
    for reponse in ("Rapide", " rapide ", "mode rapide", "le mode rapide"):
        assert ex.q4.verifier(reponse)
    assert not ex.q4.verifier("mode complet")
