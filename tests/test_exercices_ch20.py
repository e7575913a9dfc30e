"""Exercices du chapitre 20 : bonnes, mauvaises, partielles et mal typées réponses."""
import numpy as np
import pytest

from helpers.exercices import VIDE
from helpers.exercices import ch20 as ex


def _softmax(z, axe=-1):
    e = np.exp(z - z.max(axis=axe, keepdims=True))
    return e / e.sum(axis=axe, keepdims=True)


# ----------------------------------------------------------------- q1
def test_q1(essayer_reponses):
    torch = pytest.importorskip("torch")

    def avec_torch(y, W):
        return torch.softmax(torch.tensor(W) @ torch.tensor(y), dim=0)

    essayer_reponses(ex.q1, bonnes=[lambda y, W: _softmax(W @ y), lambda y, W: list(_softmax(W @ y)), avec_torch],
                     mauvaises=[
                         lambda y, W: W @ y,                                   # logits seulement
                         lambda y, W: np.exp(W @ y),                           # pas normalisé
                         lambda y, W: _softmax(-(W @ y)),                      # signe
                         lambda y, W: _softmax(W.T @ y[: W.shape[0]]) if len(y) >= W.shape[0] else 1 / 0,
                         lambda y, W: _softmax(W @ y)[:-1],                    # un jeton de moins
                         lambda y, W: "probabilités",
                         lambda y, W: float(_softmax(W @ y).max()),
                         lambda y: y,                                           # mauvaise signature
                         42,
                     ])


def test_q1_messages(capsys):
    ex.q1.verifier(lambda y, W: W @ y)
    assert "logits" in capsys.readouterr().out
    ex.q1.verifier(lambda y, W: np.exp(W @ y))
    assert "somme 1" in capsys.readouterr().out
    assert not ex.q1.verifier(lambda y, W: ...) and ex.q1.etat == VIDE


# ----------------------------------------------------------------- q2
def _poids(Q, K):
    return _softmax(Q @ K.T / np.sqrt(Q.shape[1]), axe=1)


def test_q2(essayer_reponses):
    torch = pytest.importorskip("torch")

    def avec_torch(Q, K):
        Q, K = torch.tensor(Q), torch.tensor(K)
        return torch.softmax(Q @ K.T / Q.shape[1] ** 0.5, dim=-1)

    essayer_reponses(ex.q2, bonnes=[_poids, avec_torch, lambda Q, K: _poids(Q, K).tolist()], mauvaises=[
        lambda Q, K: _softmax(Q @ K.T, axe=1),                      # sans √r
        lambda Q, K: Q @ K.T / np.sqrt(Q.shape[1]),                 # scores seulement
        lambda Q, K: _softmax(Q @ K.T / np.sqrt(Q.shape[1]), axe=0),  # colonnes
        lambda Q, K: _poids(Q, K).T,                                # transposé
        lambda Q, K: _softmax(Q @ K.T / Q.shape[1], axe=1),         # divise par r
        lambda Q, K: _poids(Q, K)[:1],                              # une ligne
        lambda Q, K: "poids",
        lambda Q, K: 1 / 0,
        [[0.5, 0.5]],
    ])


def test_q2_messages(capsys):
    ex.q2.verifier(lambda Q, K: _softmax(Q @ K.T, axe=1))
    assert "√r" in capsys.readouterr().out
    ex.q2.verifier(lambda Q, K: _softmax(Q @ K.T / np.sqrt(Q.shape[1]), axe=0))
    assert "colonnes" in capsys.readouterr().out


# ----------------------------------------------------------------- q3
def test_q3(essayer_reponses):
    torch = pytest.importorskip("torch")
    essayer_reponses(ex.q3, bonnes=[
        lambda t: np.tril(np.ones((t, t), dtype=bool)),
        lambda t: np.tril(np.ones((t, t))),
        lambda t: torch.tril(torch.ones(t, t, dtype=torch.bool)),
        lambda t: [[j <= i for j in range(t)] for i in range(t)],
        lambda t: np.arange(t)[None, :] <= np.arange(t)[:, None],
    ], mauvaises=[
        lambda t: np.triu(np.ones((t, t), dtype=bool)),              # le futur
        lambda t: np.tril(np.ones((t, t), dtype=bool), -1),          # sans la diagonale
        lambda t: np.ones((t, t), dtype=bool),                       # rien de caché
        lambda t: np.tril(np.ones((t + 1, t + 1), dtype=bool)),      # mauvaise taille
        lambda t: np.where(np.tril(np.ones((t, t))), 0.0, -np.inf),  # masque additif (infini)
        lambda t: 2 * np.tril(np.ones((t, t))),
        lambda t: "tril",
        lambda: None,
        3,
    ])


def test_q3_messages(capsys):
    ex.q3.verifier(lambda t: np.triu(np.ones((t, t), dtype=bool)))
    assert "futur" in capsys.readouterr().out
    ex.q3.verifier(lambda t: np.tril(np.ones((t, t), dtype=bool), -1))
    assert "diagonale" in capsys.readouterr().out


def test_solutions_acceptees():
    espace = {"np": np}
    for q, nom, args in ((ex.q1, "deplonger", ()), (ex.q2, "poids_tete", ()), (ex.q3, "masque_causal", ())):
        exec(q._solution, espace)  # noqa: S102 — solution écrite par le cours
        assert q.verifier(espace[nom], *args)
