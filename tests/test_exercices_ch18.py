"""Exercices du chapitre 18 : bonnes, mauvaises, partielles et mal typées réponses."""
import numpy as np
import pytest
import torch

from helpers.exercices import CORRECT, INCORRECT, VIDE
from helpers.exercices import ch18 as ex


def _sortie(capsys):
    return capsys.readouterr().out


# ----------------------------------------------------------------- q1
def _vrais():
    return [sum(p.numel() for p in m(8, 16).parameters()) for m in (torch.nn.RNN, torch.nn.LSTM, torch.nn.GRU)]


def test_q1_bonnes(capsys):
    assert _vrais() == [416, 1664, 1248]
    assert ex.q1.verifier(*_vrais()) and ex.q1.etat == CORRECT
    assert ex.q1.verifier(416.0, np.int64(1664), 1248)


@pytest.mark.parametrize("mauvaise", [(400, 1600, 1200), (384, 1536, 1152), (416, 1248, 1664), (416, 1664, 1664),
                                      (288, 1152, 864), ("416", 1664, 1248), (416.5, 1664, 1248), (True, 1664, 1248),
                                      ([416], 1664, 1248), (0, 0, 0)])
def test_q1_mauvaises(mauvaise, capsys):
    assert ex.q1.verifier(*mauvaise) == False and ex.q1.etat == INCORRECT
    assert "Pas encore" in _sortie(capsys)


def test_q1_messages(capsys):
    ex.q1.verifier(400, 1600, 1200)
    assert "deux vecteurs de biais" in _sortie(capsys)
    ex.q1.verifier(384, 1536, 1152)
    assert "oublié les biais" in _sortie(capsys)
    ex.q1.verifier(416, 1248, 1664)
    assert "nn.LSTM" in _sortie(capsys)
    assert not ex.q1.verifier(416, ..., 1248) and ex.q1.etat == VIDE


# ----------------------------------------------------------------- q2
NORMES = 10.0 ** -np.arange(0, 10, 0.25)       # 4 cases par ordre de grandeur ; n[1] = 10^-0.25


def test_q2(capsys):
    attendu = ex._pas_mille(NORMES)
    assert attendu == 13
    assert ex.q2.verifier(attendu, NORMES) and ex.q2.etat == CORRECT
    assert ex.q2.verifier(np.int64(attendu), list(NORMES))
    assert ex.q2.verifier(13.0, NORMES)
    for mauvaise in (12, 14, 3, 40, -1, "13", 13.5, True, [13]):
        assert ex.q2.verifier(mauvaise, NORMES) == False and ex.q2.etat == INCORRECT, mauvaise
    assert not ex.q2.verifier(..., NORMES) and ex.q2.etat == VIDE
    assert not ex.q2.verifier(5, np.ones(10)) and ex.q2.etat == INCORRECT   # jamais mille fois plus petit
    assert not ex.q2.verifier(5, "normes") and ex.q2.etat == INCORRECT


def test_q2_messages(capsys):
    ex.q2.verifier(12, NORMES)
    assert "un de plus" in _sortie(capsys)
    ex.q2.verifier(14, NORMES)
    assert "un de moins" in _sortie(capsys)


# ----------------------------------------------------------------- q3
def test_q3(essayer_reponses):
    def listes(serie, p, horizon):
        X, y = ex._reference(serie, p, horizon)
        return X.tolist(), list(y)

    essayer_reponses(ex.q3, bonnes=[ex._reference, listes], mauvaises=[
        lambda s, p, h: ex._reference(s, p, 1),                          # ignore l'horizon
        lambda s, p, h: ex._reference(s, p, h + 1),                      # décalé d'un pas
        lambda s, p, h: (ex._reference(s, p, h)[0][:, ::-1], ex._reference(s, p, h)[1]),   # fenêtre retournée
        lambda s, p, h: (ex._reference(s, p, h)[0][:-1], ex._reference(s, p, h)[1][:-1]),  # une fenêtre de moins
        lambda s, p, h: ex._reference(s, p, h)[0],                       # X seul
        lambda s, p, h: "fenêtres",
        lambda s, p: ex._reference(s, p, 1),                             # mauvaise signature
        12,
    ])


def test_q3_messages(capsys):
    ex.q3.verifier(lambda s, p, h: ex._reference(s, p, h + 1))
    assert "taille" in _sortie(capsys)
    ex.q3.verifier(lambda s, p, h: (ex._reference(s, p, h)[0], ex._reference(s, p, h)[1] + 1))
    assert "cibles" in _sortie(capsys)


def test_exercices():
    assert ex.EXERCICES == [ex.q1, ex.q2, ex.q3]
    for q in ex.EXERCICES:
        q.solution()
        q.indice()
