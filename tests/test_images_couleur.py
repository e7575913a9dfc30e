"""helpers.images_couleur : imagettes de photos, formes synthétiques, dossier d'images."""
import numpy as np
import pytest

from helpers.images_couleur import (
    NOMS_FORMES,
    PHOTOS,
    PROVENANCE,
    ecrire_dossier_images,
    formes_colorees,
    imagettes_photos,
)


def test_imagettes_tailles_valeurs_et_reproductibilite():
    X, y = imagettes_photos(3, partie="apprentissage", taille=12, cote=64, graine=4)
    assert X.shape == (3 * len(PHOTOS), 12, 12, 3) and X.dtype == np.float32
    assert y.tolist() == [k for k in range(len(PHOTOS)) for _ in range(3)]
    assert 0 <= X.min() and X.max() <= 1
    X2, _ = imagettes_photos(3, partie="apprentissage", taille=12, cote=64, graine=4)
    assert np.array_equal(X, X2)
    assert set(PHOTOS) <= set(PROVENANCE)


def test_imagettes_parties_sans_pixel_commun():
    """Les bandes ne se chevauchent pas : une imagette de test n'est jamais une imagette d'apprentissage."""
    A, _ = imagettes_photos(40, partie="apprentissage", taille=8, cote=48, photos=("coffee",))
    T, _ = imagettes_photos(40, partie="test", taille=8, cote=48, photos=("coffee",))
    distances = np.abs(A[:, None] - T[None]).reshape(40, 40, -1).max(axis=-1)
    assert distances.min() > 0


@pytest.mark.parametrize("arguments, erreur", [
    ({"n_par_photo": 0}, ValueError),
    ({"n_par_photo": 2.5}, TypeError),
    ({"n_par_photo": 2, "partie": "essai"}, ValueError),
    ({"n_par_photo": 2, "photos": "chelsea"}, TypeError),
    ({"n_par_photo": 2, "photos": ("chien",)}, ValueError),
    ({"n_par_photo": 2, "taille": 40, "cote": 48}, ValueError),
])
def test_imagettes_mauvaises_entrees(arguments, erreur):
    with pytest.raises(erreur) as info:
        imagettes_photos(**arguments)
    assert any(mot in str(info.value) for mot in ("doit", "inconnue", "trop grandes"))


def test_formes_cote_et_classes():
    X, y = formes_colorees(60, cote="gauche", graine=2)
    assert X.shape == (60, 16, 16, 3) and set(y.tolist()) == {0, 1, 2} and len(NOMS_FORMES) == 3
    assert X[:, :, 8:].max() < 0.1 and X[:, :, :8].max() > 0.3        # formes à gauche seulement
    D, _ = formes_colorees(60, cote="droite", graine=2)
    assert D[:, :, :8].max() < 0.1 and D[:, :, 8:].max() > 0.3
    P, _ = formes_colorees(10, taille=24, graine=0)
    assert P.shape == (10, 24, 24, 3)


@pytest.mark.parametrize("arguments, erreur", [
    ({"n": 5, "cote": "haut"}, ValueError), ({"n": -1}, ValueError), ({"n": "5"}, TypeError),
    ({"n": 5, "taille": 8}, ValueError),
])
def test_formes_mauvaises_entrees(arguments, erreur):
    with pytest.raises(erreur):
        formes_colorees(**arguments)


def test_dossier_relu_a_l_identique(tmp_path):
    from PIL import Image

    X, y = formes_colorees(9, graine=3)
    dossier = ecrire_dossier_images(tmp_path / "d", X, y, NOMS_FORMES)
    fichiers = sorted(dossier.glob("*/*.png"))
    assert len(fichiers) == 9
    premier = dossier / NOMS_FORMES[y[0]] / "00000.png"
    relu = np.asarray(Image.open(premier))
    assert relu.shape == (16, 16, 3) and np.array_equal(relu, np.round(X[0] * 255).astype(np.uint8))
    with pytest.raises(ValueError, match="pas vide"):
        ecrire_dossier_images(dossier, X, y, NOMS_FORMES)


@pytest.mark.parametrize("images, etiquettes, noms, erreur", [
    (np.zeros((2, 4, 4)), [0, 1], ["a", "b"], ValueError),              # pas de canaux
    (np.full((2, 4, 4, 3), 2.0), [0, 1], ["a", "b"], ValueError),       # hors de [0, 1]
    (np.zeros((2, 4, 4, 3), dtype=int), [0, 1], ["a", "b"], TypeError),
    (np.zeros((2, 4, 4, 3)), [0], ["a", "b"], ValueError),              # une étiquette manque
    (np.zeros((2, 4, 4, 3)), [0, 2], ["a", "b"], ValueError),           # étiquette hors des classes
    (np.zeros((2, 4, 4, 3)), [0, 1], "ab", TypeError),
])
def test_dossier_mauvaises_entrees(tmp_path, images, etiquettes, noms, erreur):
    with pytest.raises(erreur):
        ecrire_dossier_images(tmp_path / "d", images, etiquettes, noms)
