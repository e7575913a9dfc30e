"""Tests de helpers.images (photographies hors ligne de scikit-image)."""
import inspect

import numpy as np
import pytest

from helpers import images
from helpers.images import PHOTOS, montrer, photo


@pytest.mark.parametrize("nom", list(PHOTOS))
def test_photo_niveaux_de_gris(nom):
    A = photo(nom)
    assert A.ndim == 2 and A.dtype == np.float64
    assert 0.0 <= A.min() and A.max() <= 1.0
    assert A.std() > 0.05          # une vraie photographie, pas une image unie


def test_photo_echelle_du_livre():
    A1, A255 = photo("camera"), photo("camera", maximum=255)
    np.testing.assert_allclose(A255, 255 * A1)
    brute = __import__("skimage.data", fromlist=["camera"]).camera()
    np.testing.assert_allclose(A255, brute.astype(float))   # image déjà grise : valeurs d'origine


def test_photo_reduite():
    A = photo("chelsea", taille=90)
    assert max(A.shape) == 90 and A.shape == (60, 90)
    assert photo("camera", taille=512).shape == (512, 512)     # taille égale : rien ne change
    # La réduction moyenne sans inventer de valeurs : moyenne globale proche.
    assert abs(photo("camera", taille=64).mean() - photo("camera").mean()) < 0.02


@pytest.mark.parametrize("appel, erreur, morceau", [
    (lambda: photo("lena"), ValueError, "inconnue"),
    (lambda: photo(3), TypeError, "chaîne"),
    (lambda: photo("camera", taille=1000), ValueError, "entre 2 et 512"),
    (lambda: photo("camera", taille=1), ValueError, "entre 2"),
    (lambda: photo("camera", taille=20.5), TypeError, "entier"),
    (lambda: photo("camera", taille=True), TypeError, "entier"),
    (lambda: photo("camera", maximum=0), ValueError, "positif"),
    (lambda: photo("camera", maximum="255"), TypeError, "nombre"),
    (lambda: montrer([]), TypeError, "liste"),
    (lambda: montrer([np.ones(3)]), ValueError, "deux dimensions"),
    (lambda: montrer([np.ones((2, 2))], ["a", "b"]), ValueError, "un titre par image"),
    (lambda: montrer([np.ones((2, 2))], colonnes=0), ValueError, "colonnes"),
])
def test_erreurs_en_francais(appel, erreur, morceau):
    with pytest.raises(erreur, match=morceau):
        appel()


def test_montrer_grille():
    fig = montrer([np.eye(3)] * 5, [str(i) for i in range(5)], colonnes=3, bornes=(0, 1))
    assert len(fig.axes) == 6
    assert [ax.get_title() for ax in fig.axes[:5]] == ["0", "1", "2", "3", "4"]
    assert len(montrer(np.eye(3)).axes) == 1


def test_docstrings_avec_exemple():
    assert "CC0" in images.__doc__ and "Présenté au chapitre" in images.__doc__
    for nom in images.__all__:
        objet = getattr(images, nom)
        if inspect.isfunction(objet):
            doc = inspect.getdoc(objet)
            assert doc and ">>>" in doc and "Présenté au chapitre" in doc
