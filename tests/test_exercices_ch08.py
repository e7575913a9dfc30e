"""Exercices du chapitre 08 : bonnes, mauvaises, partielles et mal typées réponses ; messages sans la réponse."""
import numpy as np
import pytest

from helpers.exercices import CORRECT, INCORRECT, VIDE
from helpers.exercices import ch08 as ex


def _sortie(capsys):
    return capsys.readouterr().out


# ----------------------------------------------------------------- q1
@pytest.mark.parametrize("bon", [0.2, 0.25, 0.3, np.float64(0.17)])
def test_q1_bons_pas(bon, capsys):
    assert ex.q1.verifier(bon) and ex.q1.etat == CORRECT


@pytest.mark.parametrize("mauvais, mot", [(0.1, "sans osciller"), (1 / 6, "sans osciller"), (0.4, "trop grand"),
                                          (1 / 3, "trop grand"), (-0.1, "positif"), (0, "positif"),
                                          ("0.25", "nombre"), ([0.25], "nombre"), (float("nan"), "fini")])
def test_q1_mauvais_pas(mauvais, mot, capsys):
    assert not ex.q1.verifier(mauvais) and ex.q1.etat == INCORRECT
    assert mot in _sortie(capsys)


def test_q1_vide(capsys):
    assert not ex.q1.verifier(...) and ex.q1.etat == VIDE


# ----------------------------------------------------------------- q2
def _converge(delta, n=3000):
    """La descente du chapitre (section 2.2), depuis (0, 1)."""
    x, y = ex.X_Q2, ex.Y_Q2
    P = np.array([0.0, 1.0])
    with np.errstate(over="ignore", invalid="ignore"):
        for _ in range(n):
            r = y - (P[0] * x + P[1])
            P = P - delta * np.array([np.sum(-2 * x * r), np.sum(-2 * r)])
    return bool(np.all(np.isfinite(P)) and np.allclose(P, [0.5, 3], atol=1e-3))


def test_q2_pas_critique_par_l_experience():
    critique = ex.pas_critique_q2()
    assert _converge(0.99 * critique) and not _converge(1.01 * critique)


def test_q2(essayer_reponses, capsys):
    c = ex.pas_critique_q2()
    essayer_reponses(ex.q2, bonnes=[0.024, 0.0235, 0.95 * c, np.float32(0.023)],
                     mauvaises=[0.02, 0.025, c, -0.01, 0, "0.024", [0.024], float("inf")])
    ex.q2.verifier(0.02)
    sortie = _sortie(capsys)
    assert "plus grand" in sortie and "0.024" not in sortie
    ex.q2.verifier(0.03)
    assert "ne converge pas" in _sortie(capsys)


def test_q2_solution_affichee_fonctionne():
    espace = {"np": np, "x3": ex.X_Q2, "y3": ex.Y_Q2}

    def descente_gradient(grad, P0, delta, n):
        P = np.array(P0, dtype=float)
        points = [P.copy()]
        with np.errstate(over="ignore", invalid="ignore"):
            for _ in range(n):
                P = P - delta * grad(P)
                points.append(P.copy())
        return np.array(points)

    def grad_erreur_droite(P, x, y):
        r = y - (P[0] * x + P[1])
        return np.array([np.sum(-2 * x * r), np.sum(-2 * r)])

    espace.update(descente_gradient=descente_gradient, grad_erreur_droite=grad_erreur_droite)
    exec(ex.q2._solution, espace)
    assert 0.9 * ex.pas_critique_q2() <= espace["delta_max"] < ex.pas_critique_q2()


# ----------------------------------------------------------------- q3
def _grad_mae(P, x, y):
    a, b = P
    s = np.sign(y - (a * x + b))
    return np.array([-np.mean(x * s), -np.mean(s)])


def test_q3(essayer_reponses, capsys):
    essayer_reponses(ex.q3, bonnes=[_grad_mae, lambda P, x, y: list(_grad_mae(P, x, y)),
                                    lambda P, x, y: _grad_mae(P, x, y).reshape(2, 1)],
                     mauvaises=[lambda P, x, y: -_grad_mae(P, x, y), lambda P, x, y: len(x) * _grad_mae(P, x, y),
                                lambda P, x, y: _grad_mae(P, x, y)[::-1], lambda P, x, y: _grad_mae(P, x, y)[0],
                                lambda P, x, y: "gradient", 42, lambda P, x, y: 1 / 0])
    for faux, mot in [(lambda P, x, y: -_grad_mae(P, x, y), "signe"),
                      (lambda P, x, y: len(x) * _grad_mae(P, x, y), "MOYENNE"),
                      (lambda P, x, y: _grad_mae(P, x, y)[::-1], "échangées"),
                      (lambda P, x, y: _grad_mae(P, x, y) + np.array([0, 0.5]), "∂E/∂b"),
                      (lambda P, x, y: _grad_mae(P, x, y)[0], "deux nombres")]:
        assert not ex.q3.verifier(faux)
        assert mot in _sortie(capsys)

    def grad_mse(P, x, y):
        a, b = P
        r = y - (a * x + b)
        return np.array([-2 * np.mean(x * r), -2 * np.mean(r)])

    assert not ex.q3.verifier(grad_mse)
    assert "quadratique" in _sortie(capsys)


def test_q3_appel_de_la_cellule_avec_des_entiers(capsys):
    """La cellule appelle grad_mae((0, 1), x3, y3) : un n-uplet d'entiers doit fonctionner."""
    def grad_mae_sur_place(P, x, y):
        P = np.asarray(P)
        P -= 0        # une opération sur place sur un tableau d'entiers passe ici ; la réponse reste juste
        return _grad_mae(P, x, y)

    assert ex.q3.verifier(grad_mae_sur_place)
    assert ex.q3.verifier(_grad_mae)
    assert np.allclose(_grad_mae((0, 1), ex.X_Q2, ex.Y_Q2), [-8 / 3, -1])


# ----------------------------------------------------------------- q4
def _lots(N, K, rng):
    ordre = rng.permutation(N)
    return [ordre[j:j + K] for j in range(0, N, K)]


def test_q4(essayer_reponses, capsys):
    essayer_reponses(ex.q4, bonnes=[_lots, lambda N, K, rng: [list(l) for l in _lots(N, K, rng)],
                                    lambda N, K, rng: tuple(_lots(N, K, rng))],
                     mauvaises=[lambda N, K, rng: [np.arange(N)[j:j + K] for j in range(0, N, K)],
                                lambda N, K, rng: _lots(N, K, np.random.default_rng()),
                                lambda N, K, rng: _lots(N, K, np.random.default_rng(1)),
                                lambda N, K, rng: _lots(N, K, rng)[:-1],
                                lambda N, K, rng: [rng.permutation(N)[j:j + K] for j in range(0, N - K + 1, K)],
                                lambda N, K, rng: np.array_split(rng.permutation(N), K),
                                lambda N, K, rng: rng.permutation(N), "lots", 3])
    for faux, mot in [(lambda N, K, rng: [np.arange(N)[j:j + K] for j in range(0, N, K)], "mélanger"),
                      (lambda N, K, rng: _lots(N, K, np.random.default_rng()), "même générateur"),
                      (lambda N, K, rng: _lots(N, K, np.random.default_rng(1)), "cinq générateurs"),
                      (lambda N, K, rng: np.array_split(rng.permutation(N), K), "tailles"),
                      (lambda N, K, rng: _lots(N, K, rng)[:-1], "exactement une fois")]:
        assert not ex.q4.verifier(faux)
        assert mot in _sortie(capsys)


# ----------------------------------------------------------------- q5
def _rmsprop(theta, s, g, rho, beta=0.9, eps=1e-8):
    s = beta * s + (1 - beta) * g**2
    return theta - rho * g / (np.sqrt(s) + eps), s


def test_q5(essayer_reponses, capsys):
    essayer_reponses(ex.q5, bonnes=[_rmsprop, lambda t, s, g, r, b: list(_rmsprop(t, s, g, r, b))],
                     mauvaises=[lambda t, s, g, r, b: _rmsprop(t, s, g, r, b)[0],
                                lambda t, s, g, r, b: (t - r * g / (np.sqrt(s) + 1e-8), s * b + (1 - b) * g**2),
                                lambda t, s, g, r, b: (t, s), "theta", None.__class__])

    def s_neuf(s, g, b):
        return b * s + (1 - b) * g**2

    def pas(t, g, r, s, e=1e-8):
        return t - r * g / (np.sqrt(s) + e)

    for faux, mot in [(lambda t, s, g, r, b: (pas(t, g, r, s_neuf(s, g, b)), b * s + (1 - b) * g), "CARRÉS"),
                      (lambda t, s, g, r, b: (t, (1 - b) * s + b * g**2), "échangés"),
                      (lambda t, s, g, r, b: (pas(t, g, r, s), s_neuf(s, g, b)), "ANCIEN"),
                      (lambda t, s, g, r, b: (pas(t, g, r, s_neuf(s, g, b) ** 2), s_neuf(s, g, b)), "racine"),
                      (lambda t, s, g, r, b: (pas(t, -g, r, s_neuf(s, g, b)), s_neuf(s, g, b)), "mauvais sens"),
                      (lambda t, s, g, r, b: _rmsprop(t, s, g, r, b)[0], "deux choses")]:
        assert not ex.q5.verifier(faux)
        assert mot in _sortie(capsys)
