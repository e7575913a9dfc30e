"""Tests de helpers.donnees (jeux de données hors ligne) et helpers.graphiques (tracés)."""
import hashlib
import math
from types import SimpleNamespace

import matplotlib as mpl
import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.axes import Axes
from matplotlib.collections import PathCollection

from helpers import donnees, graphiques
from helpers.donnees import DOSSIER_DONNEES, chiffres, empreinte, mnist, tailles_poids
from helpers.graphiques import (BLEU, ORANGE, PALETTE, appliquer_style, courbes_apprentissage, tracer_fonction,
                                tracer_points, tracer_regions, tracer_surface)


# --------------------------------------------------------------------------
# chiffres
# --------------------------------------------------------------------------

def test_chiffres():
    X, y = chiffres()
    assert X.shape == (1797, 64) and y.shape == (1797,)
    assert X.dtype == np.float32 and y.dtype == np.int64
    assert X.min() == 0.0 and X.max() == 1.0
    assert sorted(set(y.tolist())) == list(range(10))
    assert np.all(np.bincount(y) > 170)  # environ 180 images par chiffre


def test_chiffres_bruts():
    Xb, yb = chiffres(normaliser=False)
    X, y = chiffres()
    assert Xb.max() == 16.0
    np.testing.assert_array_equal(Xb, np.round(Xb))
    np.testing.assert_allclose(Xb / 16, X)
    np.testing.assert_array_equal(y, yb)


# --------------------------------------------------------------------------
# tailles_poids
# --------------------------------------------------------------------------

def test_tailles_poids():
    X, y = tailles_poids()
    assert X.shape == (200, 2) and y.shape == (200,)
    assert sorted(set(y.tolist())) == [0, 1]
    assert np.bincount(y).tolist() == [100, 100]
    assert 1.3 < X[:, 0].min() and X[:, 0].max() < 2.2       # tailles en mètres
    assert 30 < X[:, 1].min() and X[:, 1].max() < 150        # poids en kilogrammes
    # les hommes fictifs sont en moyenne plus grands et plus lourds
    assert X[y == 0].mean(axis=0)[0] > X[y == 1].mean(axis=0)[0]
    assert X[y == 0].mean(axis=0)[1] > X[y == 1].mean(axis=0)[1]


def test_tailles_poids_conforme_au_csv():
    chemin = DOSSIER_DONNEES / "tailles_poids.csv"
    entete = chemin.read_text(encoding="utf-8").splitlines()[0]
    assert entete == "taille_m,poids_kg,classe"
    brut = np.loadtxt(chemin, delimiter=",", skiprows=1)
    X, y = tailles_poids()
    np.testing.assert_array_equal(X, brut[:, :2])
    np.testing.assert_array_equal(y, brut[:, 2].astype(int))


def test_tailles_poids_fichier_absent(monkeypatch, tmp_path):
    monkeypatch.setattr(donnees, "DOSSIER_DONNEES", tmp_path)
    with pytest.raises(FileNotFoundError, match="Fichier de données introuvable .* dossier data/ du dépôt"):
        tailles_poids()


# --------------------------------------------------------------------------
# mnist (avec repli hors ligne)
# --------------------------------------------------------------------------

def test_mnist_repli_hors_ligne(capsys):
    appels = []

    def charger():
        appels.append(1)
        raise OSError("réseau inaccessible")

    xa, ya, xt, yt, nom = mnist(_charger=charger)
    assert appels == [1]
    assert nom == "chiffres 8x8"
    message = capsys.readouterr().out
    assert "MNIST n'a pas pu être téléchargé (OSError)" in message
    assert "chiffres 8×8 de scikit-learn" in message and "hors ligne" in message
    assert xa.shape == (1347, 64) and xt.shape == (450, 64)
    assert ya.shape == (1347,) and yt.shape == (450,)
    assert 0.0 <= xa.min() and xa.max() <= 1.0
    # découpage stratifié (un quart de chaque chiffre en test) et reproductible
    _, y = chiffres()
    assert np.abs(np.bincount(yt) - np.bincount(y) / 4).max() <= 1
    xa2, ya2, *_ = mnist(_charger=charger)
    np.testing.assert_array_equal(xa, xa2)
    np.testing.assert_array_equal(ya, ya2)
    # ce sont bien les chiffres 8x8, partagés sans perte
    X, y = chiffres()
    assert len(xa) + len(xt) == len(X)
    np.testing.assert_array_equal(np.sort(np.concatenate([ya, yt])), np.sort(y))


@pytest.mark.parametrize("erreur", [OSError, ConnectionError, ValueError, RuntimeError])
def test_mnist_repli_sur_toute_erreur(capsys, erreur):
    def charger():
        raise erreur("échec")

    *_, nom = mnist(_charger=charger)
    assert nom == "chiffres 8x8"
    assert f"({erreur.__name__})" in capsys.readouterr().out


def test_mnist_sans_internet_n_essaie_pas(capsys):
    def charger():  # pragma: no cover - ne doit pas être appelé
        raise AssertionError("ne doit pas être appelé")

    *_, nom = mnist(essayer_en_ligne=False, _charger=charger)
    assert nom == "chiffres 8x8"
    assert capsys.readouterr().out == ""


def test_mnist_chargeur_factice(capsys):
    rng = np.random.default_rng(0)
    xa = rng.integers(0, 256, size=(6, 28, 28), dtype=np.uint8)
    xa[0, 0, 0], xa[0, 0, 1] = 0, 255
    ya = np.array([0, 1, 2, 3, 4, 5], dtype=np.uint8)
    xt = rng.integers(0, 256, size=(3, 28, 28), dtype=np.uint8)
    yt = np.array([7, 8, 9], dtype=np.uint8)

    X_train, y_train, X_test, y_test, nom = mnist(_charger=lambda: ((xa, ya), (xt, yt)))
    assert nom == "mnist"
    assert capsys.readouterr().out == ""
    assert X_train.shape == (6, 784) and X_test.shape == (3, 784)
    assert X_train.dtype == np.float32
    assert y_train.dtype == np.int64 and y_test.dtype == np.int64
    assert X_train.min() == 0.0 and X_train.max() == 1.0
    np.testing.assert_allclose(X_train, xa.reshape(6, -1) / 255.0, rtol=1e-6)
    np.testing.assert_allclose(X_test, xt.reshape(3, -1) / 255.0, rtol=1e-6)
    assert y_train.tolist() == [0, 1, 2, 3, 4, 5] and y_test.tolist() == [7, 8, 9]


# --------------------------------------------------------------------------
# empreinte
# --------------------------------------------------------------------------

def test_empreinte(tmp_path):
    fichier = tmp_path / "abc.txt"
    fichier.write_bytes(b"abc")
    assert empreinte(fichier) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    assert empreinte(str(fichier)) == empreinte(fichier)
    csv = DOSSIER_DONNEES / "tailles_poids.csv"
    assert empreinte(csv) == hashlib.sha256(csv.read_bytes()).hexdigest()
    fichier.write_bytes(b"abd")
    assert empreinte(fichier) != "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"


def test_empreinte_fichier_absent(tmp_path):
    with pytest.raises(FileNotFoundError):
        empreinte(tmp_path / "absent.csv")


# --------------------------------------------------------------------------
# graphiques : style
# --------------------------------------------------------------------------

def test_appliquer_style():
    with mpl.rc_context():
        mpl.rcParams["axes.grid"] = False
        mpl.rcParams["axes.spines.top"] = True
        appliquer_style()
        assert mpl.rcParams["axes.grid"] is True
        assert mpl.rcParams["axes.spines.top"] is False
        assert mpl.rcParams["image.cmap"] == "viridis"
        couleurs = [c["color"] for c in mpl.rcParams["axes.prop_cycle"]]
        assert [c.lower() for c in couleurs] == [c.lower() for c in PALETTE]
        _, ax = plt.subplots()
        (ligne,) = ax.plot([0, 1])
        assert ligne.get_color().lower() == BLEU.lower()


def test_palette_okabe_ito():
    assert len(set(PALETTE)) == len(PALETTE) == 7
    assert BLEU == "#0072B2" and ORANGE == "#D55E00"
    assert graphiques.ROUGE == ORANGE


# --------------------------------------------------------------------------
# tracer_fonction
# --------------------------------------------------------------------------

def test_tracer_fonction_vectorisee():
    ax = tracer_fonction(np.sin, 0, 3, num=50, label="sin", color="k")
    assert isinstance(ax, Axes)
    (ligne,) = ax.lines
    x, y = ligne.get_data()
    np.testing.assert_allclose(x, np.linspace(0, 3, 50))
    np.testing.assert_allclose(y, np.sin(x))
    assert ligne.get_label() == "sin" and ligne.get_color() == "k"
    assert ax.get_xlabel() == "$x$"


@pytest.mark.parametrize("f, reference", [
    (math.sin, np.sin),                                          # non vectorisée : lève sur un tableau
    (lambda t: 1.0 if t >= 0 else 0.0, lambda x: (x >= 0) * 1.0),  # un « if » : lève sur un tableau
    (lambda t: 2.0, lambda x: np.full_like(x, 2.0)),             # renvoie un seul nombre
], ids=["math.sin", "if", "constante"])
def test_tracer_fonction_non_vectorisee(f, reference):
    ax = tracer_fonction(f, -1, 2, num=31)
    x, y = ax.lines[0].get_data()
    np.testing.assert_allclose(y, reference(x))


def test_tracer_fonction_sur_axes_donnes():
    _, ax = plt.subplots()
    assert tracer_fonction(np.cos, 0, 1, ax=ax) is ax
    assert tracer_fonction(np.sin, 0, 1, ax=ax) is ax
    assert len(ax.lines) == 2
    assert len(plt.get_fignums()) == 1


def test_tracer_fonction_erreurs():
    with pytest.raises(TypeError, match="f doit être une fonction ; reçu float"):
        tracer_fonction(3.0, 0, 1)
    for a, b in ((1, 0), (2, 2)):
        with pytest.raises(ValueError, match=r"La borne inférieure doit être plus petite que la borne supérieure ; "
                                             rf"reçu \[{a}, {b}\]"):
            tracer_fonction(np.sin, a, b)
    assert plt.get_fignums() == []


# --------------------------------------------------------------------------
# tracer_points
# --------------------------------------------------------------------------

def test_tracer_points():
    X = np.array([[0.0, 0.0], [1.0, 1.0], [2.0, 0.5], [3.0, 3.0], [0.5, 2.0]])
    y = np.array([0, 1, 1, 0, 1])
    ax = tracer_points(X, y, noms=("hommes", "femmes"))
    assert isinstance(ax, Axes)
    nuages = [c for c in ax.collections if isinstance(c, PathCollection)]
    assert len(nuages) == 2
    np.testing.assert_array_equal(nuages[0].get_offsets(), X[y == 0])
    np.testing.assert_array_equal(nuages[1].get_offsets(), X[y == 1])
    np.testing.assert_allclose(nuages[0].get_facecolor()[0], mpl.colors.to_rgba(BLEU))
    np.testing.assert_allclose(nuages[1].get_facecolor()[0], mpl.colors.to_rgba(ORANGE))
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["hommes", "femmes"]


def test_tracer_points_listes():
    ax = tracer_points([[0, 0], [1, 1]], [1, 1])
    assert len(ax.collections[1].get_offsets()) == 2


@pytest.mark.parametrize("X", [np.zeros((4, 3)), np.zeros(4), np.zeros((2, 2, 2))], ids=lambda X: str(X.shape))
def test_tracer_points_mauvaise_forme(X):
    with pytest.raises(ValueError, match=rf"X doit avoir la taille \(N, 2\) ; reçu {re_forme(X.shape)}"):
        tracer_points(X, np.zeros(len(X)))


def re_forme(forme):
    return str(forme).replace("(", r"\(").replace(")", r"\)")


def test_tracer_points_longueurs_differentes():
    with pytest.raises(ValueError, match="X et y doivent avoir la même longueur ; reçu 3 et 2"):
        tracer_points(np.zeros((3, 2)), [0, 1])


# --------------------------------------------------------------------------
# tracer_regions
# --------------------------------------------------------------------------

def test_tracer_regions():
    ax = tracer_regions(lambda X, Y: X + Y, -1, 2, -3, 1, num=50, seuil=0)
    assert isinstance(ax, Axes)
    assert tuple(map(float, ax.get_xlim())) == (-1.0, 2.0)
    assert tuple(map(float, ax.get_ylim())) == (-3.0, 1.0)
    # zones colorées + frontière
    assert len(ax.collections) >= 2
    zones = ax.collections[0]
    assert [mpl.colors.to_hex(c) for c in zones.get_facecolor()] == [BLEU.lower(), ORANGE.lower()]


def test_tracer_regions_sans_frontiere():
    ax = tracer_regions(lambda X, Y: np.ones_like(X), 0, 1, 0, 1, num=20)
    assert len(ax.collections) == 1  # tout est du même côté du seuil : pas de ligne de frontière


def test_tracer_regions_sur_axes_donnes():
    _, ax = plt.subplots()
    assert tracer_regions(lambda X, Y: X - Y, 0, 1, 0, 1, ax=ax, num=10, seuil=0) is ax


def test_tracer_regions_erreurs():
    with pytest.raises(TypeError, match="F doit être une fonction"):
        tracer_regions("X + Y", 0, 1, 0, 1)
    with pytest.raises(ValueError, match="borne inférieure doit être plus petite"):
        tracer_regions(lambda X, Y: X, 1, 0, 0, 1)
    with pytest.raises(ValueError, match="borne inférieure doit être plus petite"):
        tracer_regions(lambda X, Y: X, 0, 1, 5, 5)
    with pytest.raises(ValueError, match=r"F doit renvoyer un tableau de taille \(10, 10\) ; reçu \(10,\)"):
        tracer_regions(lambda X, Y: X[0], 0, 1, 0, 1, num=10)


# --------------------------------------------------------------------------
# tracer_surface
# --------------------------------------------------------------------------

def test_tracer_surface():
    ax3d, ax2d = tracer_surface(lambda X, Y: X**2 + Y**2, -1, 1, -2, 2, num=15, titre="Bol")
    assert ax3d.name == "3d" and ax2d.name == "rectilinear"
    assert ax3d.figure is ax2d.figure
    assert ax3d.figure._suptitle.get_text() == "Bol"
    assert len(ax3d.collections) == 1       # la surface
    assert len(ax2d.collections) >= 1       # les lignes de niveau
    assert ax2d.get_aspect() == 1.0


def test_tracer_surface_erreurs():
    with pytest.raises(TypeError, match="F doit être une fonction"):
        tracer_surface(None, 0, 1, 0, 1)
    with pytest.raises(ValueError, match="borne inférieure doit être plus petite"):
        tracer_surface(lambda X, Y: X, 0, 1, 1, -1)
    with pytest.raises(ValueError, match=r"F doit renvoyer un tableau de taille \(8, 8\) ; reçu \(\)"):
        tracer_surface(lambda X, Y: 3.0, 0, 1, 0, 1, num=8)
    assert plt.get_fignums() == []


# --------------------------------------------------------------------------
# courbes_apprentissage
# --------------------------------------------------------------------------

def test_courbes_apprentissage_dictionnaire():
    historique = {"loss": [1.0, 0.5, 0.25], "val_loss": [1.1, 0.7, 0.6]}
    ax = courbes_apprentissage(historique)
    assert isinstance(ax, Axes)
    assert [l.get_label() for l in ax.lines] == ["loss", "val_loss"]
    for ligne, valeurs in zip(ax.lines, historique.values()):
        x, y = ligne.get_data()
        assert list(x) == [1, 2, 3] and list(y) == valeurs
    assert ax.get_xlabel() == "époque"


def test_courbes_apprentissage_history_keras():
    ax = courbes_apprentissage(SimpleNamespace(history={"accuracy": [0.5, 0.9]}))
    assert ax.lines[0].get_label() == "accuracy"


@pytest.mark.parametrize("historique", [{}, [1.0, 0.5], None, "loss"], ids=repr)
def test_courbes_apprentissage_erreurs(historique):
    with pytest.raises(TypeError, match=r"historique doit être un dictionnaire non vide"):
        courbes_apprentissage(historique)


def test_tracer_reseau_dessine_neurones_aretes_et_etiquettes():
    from helpers.graphiques import tracer_reseau

    ax = tracer_reseau([2, 3, 1], poids=[[[1, 3, -5], [2, -4, -6]], [[1], [1], [0.5]]], biais=[[-1, 0, 1], [-3]],
                       noms_entrees=["$x$", "$y$"], activations=["σ", "σ"], titre="exemple")
    assert len(ax.patches) == 2 + 3 + 1                      # un disque par entrée et par neurone
    textes = [t.get_text() for t in ax.texts]
    assert "−5" in textes and "−6" in textes and "−3" in textes  # coefficients et biais, à la française
    assert "0,5" in textes and textes.count("σ") == 4 and ax.get_title() == "exemple"
    assert len([c for c in ax.get_children() if type(c).__name__ == "Annotation"]) == 2 * 3 + 3 * 1


def test_tracer_reseau_connexion_partielle_et_erreurs():
    import numpy as np

    from helpers.graphiques import tracer_reseau

    masque = np.array([[True, False], [False, True]])
    ax = tracer_reseau([2, 2], connexions=[masque])
    assert len([c for c in ax.get_children() if type(c).__name__ == "Annotation"]) == 2
    with pytest.raises(ValueError, match="au moins deux entiers"):
        tracer_reseau([3])
    with pytest.raises(ValueError, match="une valeur par couche"):
        tracer_reseau([2, 2, 1], poids=[[[1, 2], [3, 4]]])
    with pytest.raises(ValueError, match=r"poids\[0\] doit avoir la taille \(2, 3\)"):
        tracer_reseau([2, 3], poids=[[[1, 2], [3, 4], [5, 6]]])


def test_animation_html_sans_cdn_et_erreur():
    import matplotlib.pyplot as plt
    from matplotlib.animation import FuncAnimation

    from helpers.graphiques import animation_html

    fig, ax = plt.subplots()
    (ligne,) = ax.plot([0, 1], [0, 1])
    html = animation_html(FuncAnimation(fig, lambda i: (ligne,), frames=3), default_mode="once")
    assert "http" not in html and "font-awesome" not in html and 'class="fa ' not in html
    assert "▶" in html and "⏸" in html and "<img" in html
    with pytest.raises(TypeError, match="animation matplotlib"):
        animation_html(fig)
