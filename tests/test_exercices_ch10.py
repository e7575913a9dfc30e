"""Exercices du chapitre 10 : bonnes et mauvaises réponses."""
import math

import numpy as np
import pytest

from helpers.exercices import CORRECT, INCORRECT, VIDE
from helpers.exercices import ch10 as ex


def _sortie(capsys):
    return capsys.readouterr().out


@pytest.mark.parametrize("question, bonne, mauvaises", [
    (ex.q2, 5071, [16, 5055, 5071 + 1016, 5070, "5071", [5071], 5071.5]),
    (ex.q1, 400, [375, 391, 16, 25 * 1000, 401, "400", 400.5]),
])
def test_reponses_nombres(question, bonne, mauvaises, capsys):
    assert question.verifier(bonne) and question.etat == CORRECT
    assert question.verifier(float(bonne))
    assert question.verifier(np.int64(bonne))
    _sortie(capsys)
    for mauvaise in mauvaises:
        assert question.verifier(mauvaise) == False and question.etat == INCORRECT
        sortie = _sortie(capsys)
        assert "Pas encore" in sortie
        if str(bonne) not in str(mauvaise):  # le message ne donne jamais la réponse
            assert str(bonne) not in sortie
    assert question.verifier(...) == False and question.etat == VIDE


def test_q2_coincide_avec_keras():
    keras = pytest.importorskip("keras")
    modele = keras.Sequential([keras.Input(shape=(1000,))] +
                              [keras.layers.Dense(5, activation="relu") for _ in range(3)] +
                              [keras.layers.Dense(1, activation="sigmoid")])
    assert modele.count_params() == ex.nb_poids_dense(ex.TAILLES_Q2) == 5071
    assert ex.nb_poids_dense([784, 8, 8, 10]) == 6442


def test_q2_messages(capsys):
    ex.q2.verifier(16)
    assert "neurones" in _sortie(capsys)
    ex.q2.verifier(5055)
    assert "biais" in _sortie(capsys)


def test_q3_vectoriser(capsys):
    vocabulaire = ex.VOCABULAIRE

    def bonne(phrase):
        mots = phrase.lower().split()
        return [1 if m in mots else 0 for m in vocabulaire]

    assert ex.q3.verifier(bonne) and ex.q3.etat == CORRECT
    assert ex.vectoriser_reference("début moyen mais après c'est très mauvais") == [0, 0, 1, 0, 0, 1, 0, 0, 1, 0]
    assert ex.q3.verifier(lambda p: np.array(bonne(p)))
    _sortie(capsys)
    # liste d'indices au lieu du vecteur
    assert not ex.q3.verifier(lambda p: [vocabulaire.index(m) + 1 for m in p.split() if m in vocabulaire])
    assert "une case par mot" in _sortie(capsys)
    # comptage au lieu de présence
    assert not ex.q3.verifier(lambda p: [p.split().count(m) for m in vocabulaire])
    assert "présence" in _sortie(capsys)
    # recherche d'un morceau de texte au lieu d'un mot entier (« mal » dans « normal »)
    assert not ex.q3.verifier(lambda p: [1 if m in p else 0 for m in vocabulaire])
    assert "mots entiers" in _sortie(capsys)
    # décalage d'indice
    assert not ex.q3.verifier(lambda p: bonne(p)[1:] + [0])
    assert not ex.q3.verifier(lambda p: 1 / 0)
    assert "ZeroDivisionError" in _sortie(capsys)
    assert not ex.q3.verifier(lambda p: "oui")
    assert not ex.q3.verifier(42) and ex.q3.etat == INCORRECT
    assert not ex.q3.verifier(lambda p: ...) and ex.q3.etat == VIDE
    assert not ex.q3.verifier(...) and ex.q3.etat == VIDE


def test_q4_scores(capsys):
    (vn, fp), (fn, vp) = ex.MATRICE_CONFUSION
    p, r = vp / (vp + fp), vp / (vp + fn)
    f1 = 2 * p * r / (p + r)
    from sklearn.metrics import f1_score, precision_score, recall_score
    y_vrai = np.repeat([0, 0, 1, 1], [vn, fp, fn, vp])
    y_pred = np.repeat([0, 1, 0, 1], [vn, fp, fn, vp])
    assert math.isclose(precision_score(y_vrai, y_pred), p)
    assert math.isclose(recall_score(y_vrai, y_pred), r)
    assert math.isclose(f1_score(y_vrai, y_pred), f1)
    assert ex.q4.verifier(p, r, f1) and ex.q4.etat == CORRECT
    assert ex.q4.verifier(round(p, 4), round(r, 4), round(f1, 4))
    assert ex.q4.verifier(0.778, 0.875, 0.824)          # arrondis au millième, comme un étudiant les écrit
    assert ex.q4.verifier(np.float64(0.7778), 0.875, 0.8235)
    _sortie(capsys)
    assert not ex.q4.verifier(0.78, 0.875, 0.824)       # arrondi au centième : trop tôt
    sortie = _sortie(capsys)
    assert "arrondie trop tôt" in sortie and "trop grande" not in sortie
    assert not ex.q4.verifier(r, p, f1)
    assert "échangé" in _sortie(capsys)
    assert not ex.q4.verifier(p, r, (p + r) / 2)
    assert "harmonique" in _sortie(capsys)
    assert not ex.q4.verifier(100 * p, 100 * r, 100 * f1)
    assert not ex.q4.verifier(vn / (vn + fn), r, f1)
    assert not ex.q4.verifier("p", r, f1) and ex.q4.etat == INCORRECT
    sortie = _sortie(capsys)
    assert f"{p:.4f}" not in sortie and f"{f1:.4f}" not in sortie
    assert not ex.q4.verifier(..., ..., ...) and ex.q4.etat == VIDE
    assert not ex.q4.verifier(p, ..., f1) and ex.q4.etat == VIDE


def test_q5_standardiser(capsys):
    def bonne(A, B):
        mu, sigma = A.mean(axis=0), A.std(axis=0)
        return (A - mu) / sigma, (B - mu) / sigma

    def fuite(A, B):
        return (A - A.mean(0)) / A.std(0), (B - B.mean(0)) / B.std(0)

    def melange(A, B):
        T = np.vstack([A, B])
        return (A - A.mean(0)) / A.std(0), (B - T.mean(0)) / T.std(0)

    assert ex.q5.verifier(bonne) and ex.q5.etat == CORRECT
    _sortie(capsys)
    def corrigee(A, B):     # écart-type « corrigé » (N − 1) : une convention aussi valable
        mu, sigma = A.mean(axis=0), A.std(axis=0, ddof=1)
        return (A - mu) / sigma, (B - mu) / sigma

    assert ex.q5.verifier(corrigee) and ex.q5.etat == CORRECT
    _sortie(capsys)
    assert not ex.q5.verifier(fuite)
    sortie = _sortie(capsys)
    assert "propres statistiques" in sortie and "fuite" not in sortie
    assert not ex.q5.verifier(lambda A, B: (corrigee(A, B)[0], fuite(A, B)[1] * np.sqrt(14 / 15)))
    assert "propres statistiques" in _sortie(capsys)
    assert not ex.q5.verifier(melange)
    sortie = _sortie(capsys)
    assert "mélangent" in sortie and "fuite d'information" in sortie
    assert not ex.q5.verifier(lambda A, B: (bonne(A, B)[0], corrigee(A, B)[1]))   # deux conventions mêlées
    assert not ex.q5.verifier(lambda A, B: (A - A.mean(0), B - A.mean(0)))
    assert "réduites" in _sortie(capsys)
    assert not ex.q5.verifier(lambda A, B: ((A - A.mean()) / A.std(), (B - A.mean()) / A.std()))
    assert not ex.q5.verifier(lambda A, B: bonne(A, B)[0])
    assert not ex.q5.verifier(lambda A, B: (bonne(A, B)[0], B))
    assert not ex.q5.verifier(lambda A, B: "non")
    assert not ex.q5.verifier(lambda A: A)
    assert not ex.q5.verifier("f") and ex.q5.etat == INCORRECT
    assert not ex.q5.verifier(lambda A, B: ...) and ex.q5.etat == VIDE
    assert not ex.q5.verifier(...) and ex.q5.etat == VIDE


def test_q1_messages(capsys):
    ex.q1.verifier(375)
    assert "multiple" in _sortie(capsys)
    ex.q1.verifier(16)
    assert "une seule époque" in _sortie(capsys)


def test_indices_et_solutions(capsys):
    for q in ex.EXERCICES:
        q.indice()
        q.solution()
    sortie = _sortie(capsys)
    assert sortie.count("Indice 1/") == len(ex.EXERCICES) and sortie.count("Solution") == len(ex.EXERCICES)
