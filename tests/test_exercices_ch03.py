"""Exercices du chapitre 03 : bonnes et mauvaises réponses."""
import numpy as np
import pytest

from helpers.exercices import CORRECT, INCORRECT, VIDE
from helpers.exercices import ch03 as ex


def grille_juste(f, xmin, xmax, ymin, ymax, N):
    X, Y = np.meshgrid(np.linspace(xmin, xmax, N), np.linspace(ymin, ymax, N))
    Z = f(X, Y)
    i = np.unravel_index(np.argmin(Z), Z.shape)
    return X[i], Y[i], Z[i]


def grille_boucles(f, xmin, xmax, ymin, ymax, N):
    meilleur = None
    for x in np.linspace(xmin, xmax, N):
        for y in np.linspace(ymin, ymax, N):
            z = f(x, y)
            if meilleur is None or z < meilleur[2]:
                meilleur = (x, y, z)
    return meilleur


def resserree_juste(f, x0, y0, largeur, N, etapes):
    for _ in range(etapes):
        x0, y0, z0 = grille_juste(f, x0 - largeur, x0 + largeur, y0 - largeur, y0 + largeur, N)
        largeur = 2 * largeur / (N - 1)
    return x0, y0, z0


def resserree_boucles(f, x0, y0, largeur, N, etapes):
    for _ in range(etapes):
        x0, y0, z0 = grille_boucles(f, x0 - largeur, x0 + largeur, y0 - largeur, y0 + largeur, N)
        largeur = 2 * largeur / (N - 1)
    return x0, y0, z0


def resserree_une_etape(f, x0, y0, largeur, N, etapes):
    return grille_juste(f, x0 - largeur, x0 + largeur, y0 - largeur, y0 + largeur, N)


def resserree_sans_recentrer(f, x0, y0, largeur, N, etapes):
    for _ in range(etapes):
        x, y, z = grille_juste(f, x0 - largeur, x0 + largeur, y0 - largeur, y0 + largeur, N)
        largeur = 2 * largeur / (N - 1)
    return x, y, z


def resserree_grande_grille(f, x0, y0, largeur, N, etapes):
    n = etapes * N
    return grille_juste(f, x0 - largeur, x0 + largeur, y0 - largeur, y0 + largeur, n)


def resserree_z_faux(f, x0, y0, largeur, N, etapes):
    x, y, z = resserree_juste(f, x0, y0, largeur, N, etapes)
    return x, y, z + 1


def resserree_mauvaise_largeur(f, x0, y0, largeur, N, etapes):
    for _ in range(etapes):
        x0, y0, z0 = grille_juste(f, x0 - largeur, x0 + largeur, y0 - largeur, y0 + largeur, N)
        largeur = largeur / 2
    return x0, y0, z0


def test_q1_resserree(capsys):
    assert ex.q1.verifier(resserree_juste) and ex.q1.etat == CORRECT
    assert ex.q1.verifier(resserree_boucles)
    capsys.readouterr()
    assert not ex.q1.verifier(resserree_une_etape) and ex.q1.etat == INCORRECT
    assert "première grille seulement" in capsys.readouterr().out
    assert not ex.q1.verifier(resserree_grande_grille)
    assert "évaluée en" in capsys.readouterr().out
    assert not ex.q1.verifier(resserree_z_faux)
    assert "f(x, y)" in capsys.readouterr().out
    for mauvaise in (resserree_sans_recentrer, resserree_mauvaise_largeur):
        assert not ex.q1.verifier(mauvaise) and ex.q1.etat == INCORRECT
        assert "Pas encore" in capsys.readouterr().out
    assert not ex.q1.verifier(lambda *a: (0, 0)) and ex.q1.etat == INCORRECT
    assert not ex.q1.verifier(lambda *a: 1 / 0)
    assert "ZeroDivisionError" in capsys.readouterr().out
    assert not ex.q1.verifier(lambda *a: "minimum") and ex.q1.etat == INCORRECT
    assert not ex.q1.verifier(42) and ex.q1.etat == INCORRECT
    assert not ex.q1.verifier(lambda *a: ...) and ex.q1.etat == VIDE
    assert not ex.q1.verifier(...) and ex.q1.etat == VIDE


def test_resserree_reference_converge():
    """Six étapes de grilles 7 × 7 (294 évaluations) trouvent le minimum (12/7, 3/7) de h à 0,005 près."""
    x, y, _ = ex.resserree_reference(ex.h, 0, 0, 3, 7, 6)
    assert abs(x - 12 / 7) < 5e-3 and abs(y - 3 / 7) < 5e-3


def test_reference_grille_h():
    ex._verifier_minimum_h()
    x0, y0, z0 = ex.grille_reference(ex.h, -3, 3, -3, 3, 601)
    assert abs(x0 - 12 / 7) <= 0.005 and abs(y0 - 3 / 7) <= 0.005


@pytest.mark.parametrize("question, bonnes, mauvaises", [
    (ex.q2, [(12 / 7, 3 / 7), [1.71, 0.43], np.array([1.72, 0.42])],
     [(3 / 7, 12 / 7), (1.5, 0.375), (0, 0), (1.71,), "1.71, 0.43", (np.nan, 0.43), 1.7]),
    (ex.q4, [["elliptique", "hyperbolique", "cylindre", "elliptique"],
             ("paraboloïde elliptique", "selle de cheval", "Cylindre parabolique", "Paraboloïde Elliptique")],
     [["elliptique", "elliptique", "cylindre", "elliptique"], ["elliptique", "hyperbolique", "cylindre"],
      ["pas elliptique", "hyperbolique", "cylindre", "elliptique"],
      ["elliptique", "hyperbolique", "cylindre", "non elliptique"],
      ["elliptique ou hyperbolique", "hyperbolique", "cylindre", "elliptique"],
      ["elliptique", "hyperbolique", "cylindre", "sphère"], "elliptique", [1, 2, 3, 4],
      ["elliptique", "hyperbolique", "cylindre", "hyperbolique"]]),
    (ex.q3, [(0, 1.5, 0.375), [0.0, 1.5, 0.3751]],
     [(0, 1.5, 0.5), (8 / 3, 10 / 3, 8 / 3), (0, 0, 0), (1.5, 0, 0.375), (0, 1.5), "0 1.5 0.375"]),
])
def test_reponses(question, bonnes, mauvaises, essayer_reponses):
    essayer_reponses(question, bonnes, mauvaises)


def test_q2_message_sans_reponse(capsys):
    ex.q2.verifier((1.5, 0.43))
    sortie = capsys.readouterr().out
    assert "trop petit" in sortie and "1.71" not in sortie and "12/7" not in sortie
    ex.q2.verifier((3 / 7, 12 / 7))
    assert "échangées" in capsys.readouterr().out
    assert not ex.q2.verifier((..., 0.4)) and ex.q2.etat == VIDE


def test_q4_message_ne_dit_pas_lesquelles(capsys):
    ex.q4.verifier(["elliptique", "elliptique", "cylindre", "elliptique"])
    sortie = capsys.readouterr().out
    assert "1 réponse(s) sur 4" in sortie and "hyperbolique\"" not in sortie.split("possibles")[0]
    assert not ex.q4.verifier(["elliptique", ..., "cylindre", "elliptique"]) and ex.q4.etat == VIDE


def test_q5_regression(capsys):
    assert ex.q5.verifier(lambda a, b, x, y: np.sum((a * x - y + b) ** 2) / (1 + a ** 2))
    assert ex.q5.verifier(lambda a, b, x, y: sum((a * xi - yi + b) ** 2 for xi, yi in zip(x, y)) / (1 + a * a))
    capsys.readouterr()
    assert not ex.q5.verifier(lambda a, b, x, y: np.sum((a * x - y + b) ** 2))
    assert "distance verticale" in capsys.readouterr().out
    assert not ex.q5.verifier(lambda a, b, x, y: np.mean((a * x - y + b) ** 2) / (1 + a ** 2))
    assert "moyenne" in capsys.readouterr().out
    assert not ex.q5.verifier(lambda a, b, x, y: (a * x - y + b) ** 2 / (1 + a ** 2))
    assert "somme" in capsys.readouterr().out
    assert not ex.q5.verifier(lambda a, b, x, y: np.sum((a * x + y + b) ** 2) / (1 + a ** 2))
    assert ex.q5.etat == INCORRECT
    assert not ex.q5.verifier(lambda a, b, x, y: "erreur") and ex.q5.etat == INCORRECT
    assert not ex.q5.verifier(lambda a, b, x, y: x[10]) and ex.q5.etat == INCORRECT
    assert "IndexError" in capsys.readouterr().out
    assert not ex.q5.verifier(3.0) and ex.q5.etat == INCORRECT
    assert not ex.q5.verifier(lambda a, b, x, y: ...) and ex.q5.etat == VIDE


def test_reference_regression():
    a = (np.sqrt(1289) - 8) / 35
    b = 24 / 5 - 4 * a
    assert np.isclose(ex.erreur_regression_reference(a, b, ex.POINTS_X, ex.POINTS_Y), 8.4 - 0.2 * np.sqrt(1289))
