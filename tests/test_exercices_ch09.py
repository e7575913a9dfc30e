"""Exercices du chapitre 09 : bonnes et mauvaises réponses, messages sans la réponse."""
import numpy as np
import pytest

from helpers.exercices import CORRECT, INCORRECT, VIDE
from helpers.exercices import ch09 as ex

sigmoide = ex.sigmoide


def _sortie(capsys):
    return capsys.readouterr().out


def _communs(question, capsys):
    """Réponses absentes, de mauvais type ou qui plantent : jamais d'exception."""
    assert not question.verifier(...) and question.etat == VIDE
    assert not question.verifier(lambda *a: ...) and question.etat == VIDE
    assert not question.verifier(42) and question.etat == INCORRECT
    assert not question.verifier("réponse") and question.etat == INCORRECT
    assert not question.verifier(lambda *a: 1 / 0) and question.etat == INCORRECT
    assert "ZeroDivisionError" in _sortie(capsys)
    assert not question.verifier(lambda *a: "texte") and question.etat == INCORRECT
    assert not question.verifier(lambda *a: {"a": 1}) and question.etat == INCORRECT


# ----------------------------------------------------------------- q1
def test_q1_bonne_reponse(capsys):
    def bonne(x, delta):
        s = sigmoide(x)
        return delta * s * (1 - s)

    assert ex.q1.verifier(bonne) and ex.q1.etat == CORRECT
    assert "Correct" in _sortie(capsys)
    # une version écrite avec exp convient aussi
    assert ex.q1.verifier(lambda x, d: d * np.exp(-x) / (1 + np.exp(-x)) ** 2)


@pytest.mark.parametrize("mauvaise, mot", [
    (lambda x, d: d, "tel quel"),
    (lambda x, d: sigmoide(x) * (1 - sigmoide(x)), "seule"),
    (lambda x, d: d * sigmoide(x), "σ(x)(1 − σ(x))"),
    (lambda x, d: -d * sigmoide(x) * (1 - sigmoide(x)), "signe"),
    (lambda x, d: (d * sigmoide(x) * (1 - sigmoide(x))).ravel(), "forme"),
    (lambda x, d: d * (1 - np.tanh(x) ** 2), "différences finies"),
])
def test_q1_mauvaises(mauvaise, mot, capsys):
    assert not ex.q1.verifier(mauvaise) and ex.q1.etat == INCORRECT
    assert mot in _sortie(capsys)


def test_q1_communs(capsys):
    _communs(ex.q1, capsys)


# ----------------------------------------------------------------- q2
def _gradient(P, X, z):
    Xa = np.column_stack([X, np.ones(len(X))])
    F = sigmoide(Xa @ P)
    return (2 * F * (1 - F) * (F - z)) @ Xa / len(X)


def test_q2_bonne_reponse(capsys):
    assert ex.q2.verifier(_gradient) and ex.q2.etat == CORRECT

    def avec_boucle(P, X, z):
        g = [0.0, 0.0, 0.0]
        for (x, y), zi in zip(X, z):
            F = 1 / (1 + np.exp(-(P[0] * x + P[1] * y + P[2])))
            c = 2 * F * (1 - F) * (F - zi) / len(X)
            g = [g[0] + c * x, g[1] + c * y, g[2] + c]
        return g

    assert ex.q2.verifier(avec_boucle)


@pytest.mark.parametrize("mauvaise, mot", [
    (lambda P, X, z: _gradient(P, X, z) * len(X), "moyenne"),
    (lambda P, X, z: _gradient(P, X, z) / 2, "deux fois"),
    (lambda P, X, z: -_gradient(P, X, z), "signe"),
    (lambda P, X, z: np.r_[_gradient(P, X, z)[:2], 0.0], "∂E/∂c"),
    (lambda P, X, z: _gradient(P, X, z)[:2], "forme"),
    (lambda P, X, z: _gradient(np.asarray(P) + 0.1, X, z), "ne convient pas"),
])
def test_q2_mauvaises(mauvaise, mot, capsys):
    assert not ex.q2.verifier(mauvaise) and ex.q2.etat == INCORRECT
    assert mot in _sortie(capsys)


def test_q2_communs(capsys):
    _communs(ex.q2, capsys)


# ----------------------------------------------------------------- q3
def _hebb(P, X, z, delta):
    prediction = 1 if P @ X >= 0 else 0
    if prediction == z:
        return P
    if prediction == 1:
        return P - 2 * delta * X
    return P + 2 * delta * X


def test_q3_bonne_reponse(capsys):
    assert ex.q3.verifier(_hebb) and ex.q3.etat == CORRECT
    assert ex.q3.verifier(lambda P, X, z, d: list(_hebb(P, X, z, d)))


@pytest.mark.parametrize("mauvaise, mot", [
    (lambda P, X, z, d: 2 * P - _hebb(P, X, z, d), "mauvais sens"),
    (lambda P, X, z, d: (P + _hebb(P, X, z, d)) / 2, "deux fois"),
    (lambda P, X, z, d: P + 2 * d * X * (2 * z - 1), "ne change rien"),
    (lambda P, X, z, d: _hebb(P, X, z, d) if P @ X != 0 else P + 2 * d * X * (z - 0), "a·X ≥ 0"),
    (lambda P, X, z, d: _hebb(P, X, z, d)[:2], "forme"),
])
def test_q3_mauvaises(mauvaise, mot, capsys):
    assert not ex.q3.verifier(mauvaise) and ex.q3.etat == INCORRECT
    assert mot in _sortie(capsys)


def test_q3_communs(capsys):
    _communs(ex.q3, capsys)


# ----------------------------------------------------------------- q4
def _erreur(a):
    return sum((max(a * x - 1, 0) - y) ** 2 for x, y in ex.DONNEES_MINIMUM_LOCAL)


def test_q4_valeurs_du_livre():
    assert _erreur(1) == 1 and _erreur(-1) == 4


def test_q4_bonne_reponse(capsys):
    assert ex.q4.verifier(_erreur) and ex.q4.etat == CORRECT
    assert ex.q4.verifier(lambda a: np.float64(_erreur(a)))


@pytest.mark.parametrize("mauvaise, mot", [
    (lambda a: _erreur(a) / 5, "somme"),
    (lambda a: sum((a * x - 1 - y) ** 2 for x, y in ex.DONNEES_MINIMUM_LOCAL), "ReLU"),
    (lambda a: _erreur(a) + 0.5, "ne convient pas"),
    (lambda a: [_erreur(a)], "nombre"),
    (lambda a: np.array([_erreur(a), 0.0]), "un seul nombre"),
    (lambda a: float("nan"), "fini"),
])
def test_q4_mauvaises(mauvaise, mot, capsys):
    assert not ex.q4.verifier(mauvaise) and ex.q4.etat == INCORRECT
    sortie = _sortie(capsys)
    assert mot in sortie


def test_q4_communs(capsys):
    _communs(ex.q4, capsys)


# ----------------------------------------------------------------- q5
def test_q5_bonne_reponse(capsys):
    assert ex.q5.verifier(lambda p: p * 21 + p * (p + 1) + p + 1) and ex.q5.etat == CORRECT
    assert ex.q5.verifier(lambda p: float(p ** 2 + 23 * p + 1))


@pytest.mark.parametrize("mauvaise, mot", [
    (lambda p: 20 * p + p * p + p, "biais"),
    (lambda p: 21 * p + p + 1, "deuxième couche"),
    (lambda p: p * p + 23 * p + 2, "trop grand"),
    (lambda p: p * p + 22 * p, "trop petit"),
])
def test_q5_mauvaises(mauvaise, mot, capsys):
    assert not ex.q5.verifier(mauvaise) and ex.q5.etat == INCORRECT
    sortie = _sortie(capsys)
    assert mot in sortie
    assert "331" not in sortie  # la réponse pour p = 10 n'est jamais donnée


def test_q5_communs(capsys):
    _communs(ex.q5, capsys)


# ----------------------------------------------------------------- solutions affichées
@pytest.mark.parametrize("question, nom", [
    (ex.q1, "sigmoide_backward"), (ex.q2, "gradient_neurone_seul"), (ex.q3, "pas_hebb"),
    (ex.q4, "erreur_minimum_local"), (ex.q5, "nombre_poids"),
])
def test_solution_affichee_fonctionne_dans_le_chapitre(question, nom, capsys):
    """Le code de ``solution()``, collé dans le chapitre (où existent np, sigma et ex), est accepté."""
    espace = {"np": np, "sigma": sigmoide, "ex": ex}
    exec(question._solution, espace)
    assert question.verifier(espace[nom]) and question.etat == CORRECT
