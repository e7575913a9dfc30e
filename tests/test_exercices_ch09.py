"""Exercices du chapitre 09 : bonnes et mauvaises réponses, messages sans la réponse."""
import numpy as np
import pytest

from helpers.exercices import CORRECT, INCORRECT
from helpers.exercices import ch09 as ex

sigmoide = ex.sigmoide


def _sortie(capsys):
    return capsys.readouterr().out


from conftest import reponses_qui_plantent as _communs  # noqa: E402


# ----------------------------------------------------------------- q1 (gradient du neurone seul)
def _gradient(P, X, z):
    Xa = np.column_stack([X, np.ones(len(X))])
    F = sigmoide(Xa @ P)
    return (2 * F * (1 - F) * (F - z)) @ Xa / len(X)


def test_q1_bonne_reponse(capsys):
    assert ex.q1.verifier(_gradient) and ex.q1.etat == CORRECT

    def avec_boucle(P, X, z):
        g = [0.0, 0.0, 0.0]
        for (x, y), zi in zip(X, z):
            F = 1 / (1 + np.exp(-(P[0] * x + P[1] * y + P[2])))
            c = 2 * F * (1 - F) * (F - zi) / len(X)
            g = [g[0] + c * x, g[1] + c * y, g[2] + c]
        return g

    assert ex.q1.verifier(avec_boucle)


@pytest.mark.parametrize("mauvaise, mot", [
    (lambda P, X, z: _gradient(P, X, z) * len(X), "moyenne"),
    (lambda P, X, z: _gradient(P, X, z) / 2, "deux fois"),
    (lambda P, X, z: -_gradient(P, X, z), "signe"),
    (lambda P, X, z: np.r_[_gradient(P, X, z)[:2], 0.0], "∂E/∂c"),
    (lambda P, X, z: _gradient(P, X, z)[:2], "taille"),
    (lambda P, X, z: _gradient(np.asarray(P) + 0.1, X, z), "ne convient pas"),
])
def test_q1_mauvaises(mauvaise, mot, capsys):
    assert not ex.q1.verifier(mauvaise) and ex.q1.etat == INCORRECT
    assert mot in _sortie(capsys)


def test_q1_communs(capsys):
    _communs(ex.q1, capsys)


# ----------------------------------------------------------------- q2 (passe arrière, rangement par entrée)
def _lin(x, W, delta):
    return x.T @ delta, delta.sum(axis=0), delta @ W.T


def test_q2(essayer_reponses, capsys):
    essayer_reponses(ex.q2, bonnes=[_lin, lambda x, W, d: list(_lin(x, W, d)),
                                    lambda x, W, d: (np.einsum("ij,ik->jk", x, d), d.sum(0),
                                                     np.einsum("ik,jk->ij", d, W))],
                     mauvaises=[lambda x, W, d: (d.T @ x, d.sum(0), d @ W.T),
                                lambda x, W, d: (x.T @ d, d.mean(0), d @ W.T),
                                lambda x, W, d: (x.T @ d, d, d @ W.T),
                                lambda x, W, d: (x.T @ d, d.sum(0), d @ W.T * 2),
                                lambda x, W, d: (x.T @ d, d.sum(0)), lambda x, W, d: "grad", 3,
                                lambda x, W, d: (2 * x.T @ d, d.sum(0), d @ W.T)])
    for faux, mot in [(lambda x, W, d: (d.T @ x, d.sum(0), d @ W.T), "transposée"),
                      (lambda x, W, d: (x.T @ d, d.mean(0), d @ W.T), "moyenne"),
                      (lambda x, W, d: (x.T @ d, d, d @ W.T), "additionner"),
                      (lambda x, W, d: (x.T @ d, d.sum(0), d @ W.T * 2), "grad_x ne convient pas"),
                      (lambda x, W, d: (x.T @ d, d.sum(0)), "trois tableaux")]:
        assert not ex.q2.verifier(faux)
        assert mot in _sortie(capsys)


def test_q2_accord_avec_torch():
    torch = pytest.importorskip("torch")
    rng = np.random.default_rng(0)
    x, W, b = rng.normal(size=(5, 3)), rng.normal(size=(3, 2)), rng.normal(size=2)
    xt, Wt, bt = (torch.tensor(t, requires_grad=True) for t in (x, W, b))
    z = xt @ Wt + bt
    delta = rng.normal(size=(5, 2))
    (z * torch.tensor(delta)).sum().backward()
    for nous, eux in zip(_lin(x, W, delta), (Wt.grad, bt.grad, xt.grad)):
        np.testing.assert_allclose(nous, eux.numpy(), rtol=1e-12)


# ----------------------------------------------------------------- q3 (perceptron, classes ±1)
def _perc(P, X, y, delta):
    prediction = 1 if P @ X >= 0 else -1
    return P + delta * (y - prediction) * X


def test_q3(essayer_reponses, capsys):
    essayer_reponses(ex.q3, bonnes=[_perc, lambda P, X, y, d: list(_perc(P, X, y, d))],
                     mauvaises=[lambda P, X, y, d: P - d * (y - (1 if P @ X >= 0 else -1)) * X,
                                lambda P, X, y, d: P + d * (y - (1 if P @ X > 0 else -1)) * X,
                                lambda P, X, y, d: P + d * y * X,
                                lambda P, X, y, d: P + 0.5 * d * (y - (1 if P @ X >= 0 else -1)) * X,
                                lambda P, X, y, d: P[:2], "P", 7])
    for faux, mot in [(lambda P, X, y, d: P - d * (y - (1 if P @ X >= 0 else -1)) * X, "mauvais sens"),
                      (lambda P, X, y, d: P + d * (y - (1 if P @ X > 0 else -1)) * X, "inégalité large"),
                      (lambda P, X, y, d: P + d * y * X, "deux fois"),
                      (lambda P, X, y, d: P + 2 * d * y * X, "ne change rien"),
                      (lambda P, X, y, d: P + 0.5 * d * (y - (1 if P @ X >= 0 else -1)) * X, "deux fois")]:
        assert not ex.q3.verifier(faux)
        assert mot in _sortie(capsys)


# ----------------------------------------------------------------- q5 (plusieurs départs)
def _meilleure(departs):
    return min([ex.descente_1d(a0) for a0 in departs], key=ex.E_ml)


def test_q5(essayer_reponses, capsys):
    essayer_reponses(ex.q5, bonnes=[_meilleure, lambda d: np.float64(_meilleure(d))],
                     mauvaises=[lambda d: min(d, key=ex.E_ml), lambda d: ex.descente_1d(d[-1]),
                                lambda d: max([ex.descente_1d(a0) for a0 in d], key=ex.E_ml),
                                lambda d: 0.5, lambda d: [1.0], "a"])
    for faux, mot in [(lambda d: ex.descente_1d(d[-1]), "dernière"),
                      (lambda d: max([ex.descente_1d(a0) for a0 in d], key=ex.E_ml), "GRANDE"),
                      (lambda d: d[-1] if d[-1] != 2.0 else 2.0, "point de départ")]:
        assert not ex.q5.verifier(faux)
        assert mot in _sortie(capsys)


# ----------------------------------------------------------------- q4 (poids de la hauteur)
def test_q4_bonne_reponse(capsys):
    assert ex.q4.verifier(lambda p: p * 21 + p * (p + 1) + p + 1) and ex.q4.etat == CORRECT
    assert ex.q4.verifier(lambda p: float(p ** 2 + 23 * p + 1))


@pytest.mark.parametrize("mauvaise, mot", [
    (lambda p: 20 * p + p * p + p, "biais"),
    (lambda p: 21 * p + p + 1, "deuxième couche"),
    (lambda p: p * p + 23 * p + 2, "trop grand"),
    (lambda p: p * p + 22 * p, "trop petit"),
])
def test_q4_mauvaises(mauvaise, mot, capsys):
    assert not ex.q4.verifier(mauvaise) and ex.q4.etat == INCORRECT
    sortie = _sortie(capsys)
    assert mot in sortie
    assert "331" not in sortie  # la réponse pour p = 10 n'est jamais donnée


def test_q4_communs(capsys):
    _communs(ex.q4, capsys)


# ----------------------------------------------------------------- solutions affichées
@pytest.mark.parametrize("question, nom", [
    (ex.q1, "gradient_neurone_seul"), (ex.q2, "lineaire_backward"), (ex.q3, "pas_perceptron"),
    (ex.q4, "nombre_poids"), (ex.q5, "meilleure_descente"),
])
def test_solution_affichee_fonctionne_dans_le_chapitre(question, nom, capsys):
    """Le code de ``solution()``, collé dans le chapitre (où existent np, sigma, E_ml, descente_1d), est accepté."""
    espace = {"np": np, "sigma": sigmoide, "ex": ex, "E_ml": ex.E_ml, "descente_1d": ex.descente_1d}
    exec(question._solution, espace)
    assert question.verifier(espace[nom]) and question.etat == CORRECT
