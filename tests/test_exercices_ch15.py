"""Exercices du chapitre 15 : bonnes, mauvaises, partielles et mal typées réponses."""
import numpy as np
import pytest
import torch

from helpers.exercices import CORRECT, INCORRECT, VIDE
from helpers.exercices import ch15 as ex


def _sortie(capsys):
    return capsys.readouterr().out


from conftest import reponses_qui_plantent as _fonctions_qui_plantent  # noqa: E402


# ----------------------------------------------------------------- q1
def test_q1(essayer_reponses):
    n = 64 * 3 * 28 * 28
    essayer_reponses(ex.q1, bonnes=[(4, n, 4 * n), [4, n, 4 * n], (4, float(n), np.int64(4 * n))],
                     mauvaises=[(3, n, 4 * n), (4, 3 * 28 * 28, 4 * n), (4, n, n), (4, n, 8 * n),
                                (4, 64 + 3 + 28 + 28, 4 * n), (4, n), "4, n", 4, (4, n, 4.5), (True, n, 4 * n)])


@pytest.mark.parametrize("mauvaise, mot", [
    ((4, 3 * 28 * 28, 4 * 150528), "une seule image"),
    ((4, 64 + 3 + 28 + 28, 4 * 150528), "somme"),
    ((4, 150528, 150528), "4 octets"),
    ((4, 150528, 8 * 150528), "float64"),
    ((64, 150528, 4 * 150528), "nombre d'axes"),
])
def test_q1_messages(mauvaise, mot, capsys):
    assert not ex.q1.verifier(mauvaise)
    assert mot in _sortie(capsys)


def test_q1_partielle(capsys):
    assert not ex.q1.verifier((4, ..., ...)) and ex.q1.etat == VIDE


# ----------------------------------------------------------------- q2
def test_q2_bonnes(capsys):
    assert ex.q2.verifier(lambda X: X - X.mean(axis=1, keepdims=True)) and ex.q2.etat == CORRECT
    assert ex.q2.verifier(lambda X: (np.asarray(X).T - np.asarray(X).mean(axis=1)).T)
    assert ex.q2.verifier(lambda X: [list(ligne - np.mean(ligne)) for ligne in X])


@pytest.mark.parametrize("mauvaise, mot", [
    (lambda X: X - X.mean(axis=0), "colonnes"),
    (lambda X: X - X.mean(), "toute la matrice"),
    (lambda X: X - X.mean(axis=1), "broadcast"),              # la diffusion échoue (3, 4) − (3,)
    (lambda X: (X - X.mean(axis=1, keepdims=True)).ravel(), "taille"),
])
def test_q2_mauvaises(mauvaise, mot, capsys):
    assert not ex.q2.verifier(mauvaise) and ex.q2.etat == INCORRECT
    assert mot in _sortie(capsys)


def test_q2_diffusion_sur_matrice_carree_expliquee(capsys):
    def carre_seulement(X):
        if X.shape[0] != X.shape[1]:
            return X - X.mean(axis=1, keepdims=True)
        return X - X.mean(axis=1)

    assert not ex.q2.verifier(carre_seulement)
    assert "carrée" in _sortie(capsys)


def test_q2_modifie_l_entree(capsys):
    def en_place(X):
        X -= X.mean(axis=1, keepdims=True)
        return X

    assert not ex.q2.verifier(en_place)
    assert "modifie la matrice" in _sortie(capsys)


def test_q2_communs(capsys):
    _fonctions_qui_plantent(ex.q2, capsys)


# ----------------------------------------------------------------- q3
def _gradient(f, point):
    v = torch.tensor(point, dtype=torch.float64, requires_grad=True)
    f(v).backward()
    return v.grad.numpy()


def test_q3_bonnes(capsys):
    assert ex.q3.verifier(_gradient) and ex.q3.etat == CORRECT

    def en_float32_tenseur(f, point):
        v = torch.tensor(point, requires_grad=True)
        f(v).backward()
        return v.grad

    assert ex.q3.verifier(en_float32_tenseur)
    assert ex.q3.verifier(lambda f, p: list(_gradient(f, p)))


@pytest.mark.parametrize("mauvaise, mot", [
    (lambda f, p: f(torch.tensor(p, dtype=torch.float64)).item(), "un seul nombre"),
    (lambda f, p: -_gradient(f, p), "signe"),
    (lambda f, p: _gradient(f, p)[:1], "composante"),
    (lambda f, p: 2 * _gradient(f, p), "ne convient pas"),
])
def test_q3_mauvaises(mauvaise, mot, capsys):
    assert not ex.q3.verifier(mauvaise) and ex.q3.etat == INCORRECT
    assert mot in _sortie(capsys)


def test_q3_oubli_de_requires_grad(capsys):
    def sans_suivi(f, point):
        v = torch.tensor(point, dtype=torch.float64)
        f(v).backward()
        return v.grad.numpy()

    assert not ex.q3.verifier(sans_suivi) and ex.q3.etat == INCORRECT
    assert "RuntimeError" in _sortie(capsys)


def test_q3_communs(capsys):
    _fonctions_qui_plantent(ex.q3, capsys)


# ----------------------------------------------------------------- q4
def _etape(w, X, y, pas):
    w.grad = None
    erreur = ((X @ w - y) ** 2).mean()
    erreur.backward()
    with torch.no_grad():
        w -= pas * w.grad
    return erreur.item()


def test_q4_bonnes(capsys):
    assert ex.q4.verifier(_etape) and ex.q4.etat == CORRECT

    def avec_zero_(w, X, y, pas):
        erreur = ((X @ w - y) ** 2).sum() / len(y)
        erreur.backward()
        with torch.no_grad():
            w.sub_(pas * w.grad)
        w.grad.zero_()
        return erreur              # un tenseur à un élément est accepté

    assert ex.q4.verifier(avec_zero_)


def test_q4_accumulation_signalee(capsys):
    def sans_zero(w, X, y, pas):
        erreur = ((X @ w - y) ** 2).mean()
        erreur.backward()
        with torch.no_grad():
            w -= pas * w.grad
        return erreur.item()

    assert not ex.q4.verifier(sans_zero) and ex.q4.etat == INCORRECT
    assert "s'est ajouté" in _sortie(capsys)


def test_q4_autres_erreurs(capsys):
    def hors_place(w, X, y, pas):
        w.grad = None
        erreur = ((X @ w - y) ** 2).mean()
        erreur.backward()
        w = w.detach() - pas * w.grad
        return erreur.item()

    assert not ex.q4.verifier(hors_place)
    assert "n'a pas changé" in _sortie(capsys)

    def sans_no_grad(w, X, y, pas):
        w.grad = None
        erreur = ((X @ w - y) ** 2).mean()
        erreur.backward()
        w -= pas * w.grad
        return erreur.item()

    assert not ex.q4.verifier(sans_no_grad)
    assert "leaf Variable" in _sortie(capsys)

    def erreur_apres(w, X, y, pas):
        _etape(w, X, y, pas)
        return ((X @ w - y) ** 2).mean().item()

    assert not ex.q4.verifier(erreur_apres)
    assert "après la mise à jour" in _sortie(capsys)

    def somme(w, X, y, pas):
        w.grad = None
        erreur = ((X @ w - y) ** 2).sum()
        erreur.backward()
        with torch.no_grad():
            w -= pas * w.grad
        return erreur.item()

    assert not ex.q4.verifier(somme)
    assert "moyenne" in _sortie(capsys)

    assert not ex.q4.verifier(lambda w, X, y, pas: "0.5")
    assert "un nombre" in _sortie(capsys)


def test_q4_communs(capsys):
    assert not ex.q4.verifier(...) and ex.q4.etat == VIDE
    assert not ex.q4.verifier(42) and ex.q4.etat == INCORRECT
    assert not ex.q4.verifier(lambda *a: 1 / 0) and ex.q4.etat == INCORRECT
    assert "ZeroDivisionError" in _sortie(capsys)
