"""Contrôles des exercices du chapitre 6 : bonne réponse, mauvaise réponse, réponse vide, mauvais type."""
import numpy as np
import pytest

from helpers.exercices import CORRECT, INCORRECT, VIDE
from helpers.exercices import ch06 as ex

BONNES = {
    "q1": (np.array([[2, 1, -3], [-1, 4, 0.5]]), np.array([1, 0, -2])),
    "q2": ([(0, 0, 1, 0), (0, 1, -1, 0), (1, 0, [1, 1], 0)],),
    "q3": (1, -3),
    "q4": (301,),
}

# Une erreur plausible par exercice, et un morceau du message attendu.
MAUVAISES = {
    "q1": ((np.array([[2, -1], [1, 4], [-3, 0.5]]), np.array([1, 0, -2])), "neurone par neurone"),
    "q2": (([(0, 0, 1, 0), (0, 1, 1, 0), (1, 0, [1, 1], 0)],), "au lieu de |x|"),
    "q3": ((-1, 3), "coefficient négatif"),
    "q4": ((300,), "biais"),
}

VIDES = {"q1": (..., ...), "q2": (...,), "q3": (..., ...), "q4": (...,)}

MAUVAIS_TYPES = {
    "q1": ("coeff", {"biais": 1}),
    "q2": ("pas une liste",),
    "q3": ("un", [1, 2]),
    "q4": ("trois cent un",),
}

NOMS = ["q1", "q2", "q3", "q4"]


def test_liste_des_exercices():
    assert [getattr(ex, nom) for nom in NOMS] == ex.EXERCICES


@pytest.mark.parametrize("nom", NOMS)
def test_bonne_reponse(nom):
    q = getattr(ex, nom)
    assert q.verifier(*BONNES[nom]) == True
    assert q.etat == CORRECT


@pytest.mark.parametrize("nom", NOMS)
def test_mauvaise_reponse(nom, capsys):
    q = getattr(ex, nom)
    reponse, extrait = MAUVAISES[nom]
    assert q.verifier(*reponse) == False
    assert q.etat == INCORRECT
    message = capsys.readouterr().out
    assert extrait in message
    assert "n'a pas pu être vérifiée" not in message  # le contrôle explique, il ne plante pas


@pytest.mark.parametrize("nom", NOMS)
def test_reponse_vide(nom):
    q = getattr(ex, nom)
    assert q.verifier(*VIDES[nom]) == False
    assert q.etat == VIDE


@pytest.mark.parametrize("nom", NOMS)
def test_mauvais_type_ne_leve_pas(nom, capsys):
    q = getattr(ex, nom)
    assert q.verifier(*MAUVAIS_TYPES[nom]) == False
    assert q.etat == INCORRECT
    assert "n'a pas pu être vérifiée" not in capsys.readouterr().out


def test_message_ne_donne_pas_la_reponse(capsys):
    ex.q3.verifier(2, -4)
    message = capsys.readouterr().out
    assert "x = 2" in message and "-3" not in message
    ex.q4.verifier(250)
    assert "301" not in capsys.readouterr().out


@pytest.mark.parametrize("reponse, extrait", [
    ((np.ones((2, 2)), np.zeros(3)), "taille"),
    ((np.array([[2, 1, -3], [-1, 4, 0.5]]), np.zeros(3)), "les neurones 0 et 2"),
    ((np.array([[2, 1, -3], [-1, 4, 0.5]]), np.zeros(2)), "biais"),
])
def test_q1_diagnostics(reponse, extrait, capsys):
    assert ex.q1.verifier(*reponse) == False
    assert extrait in capsys.readouterr().out


@pytest.mark.parametrize("reponse, extrait", [
    ([(0, 0, 1, 0), (0, 1, -1, 0)], "couche 1, rang 0"),
    ([(0, 0, 1, 0), (0, 1, -1, 0), (1, 0, [1, 1, 1], 0)], "definir_poids refuse"),
    ([(0, 0, 1, 0), (0, 1, -1, 0), (1, 0)], "quadruplet"),
    ([(0, 0, 1, 0), (0, 1, -1, 0), (2, 0, [1, 1], 0)], "definir_poids refuse"),
])
def test_q2_diagnostics(reponse, extrait, capsys):
    assert ex.q2.verifier(reponse) == False
    assert extrait in capsys.readouterr().out


def test_q3_accepte_tout_multiple_positif():
    assert ex.q3.verifier(0.5, -1.5) == True
    assert ex.q3.verifier(2.0, -6.0) == True
    assert ex.q3.verifier(0, -3) == False


@pytest.mark.parametrize("valeur", [100, 101, 200])
def test_q4_diagnostics(valeur, capsys):
    assert ex.q4.verifier(valeur) == False
    assert "301" not in capsys.readouterr().out


def test_q4_coherent_avec_keras():
    from helpers.keras_facile import Dense, Input, Sequential, heaviside
    n = 50
    modele = Sequential([Input(shape=(1,)), Dense(2 * n, activation=heaviside), Dense(1)])
    assert ex.q4.verifier(modele.count_params()) == True


def test_indices_et_solution(capsys):
    for q in ex.EXERCICES:
        q.indice()
        q.solution()
        sortie = capsys.readouterr().out
        assert "Indice 1/" in sortie and "Solution" in sortie
