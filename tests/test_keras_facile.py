"""Tests de helpers.keras_facile (et du module de compatibilité keras_facile).

Le moteur de Keras est fixé à l'importation : ce fichier tourne avec le moteur
par défaut (TensorFlow), puis ``test_sous_processus_moteur_torch`` le relance
dans un sous-processus avec ``KERAS_BACKEND=torch``.
"""
import os
import subprocess
import sys
from pathlib import Path

import keras
import matplotlib
import matplotlib.pyplot as plt
import numpy as np
import pytest
from scipy.special import expit

import helpers.keras_facile as kf
import keras_facile as compat
from helpers.keras_facile import (Dense, Input, Sequential, affichage_approximation,
                                  affichage_evaluation_deux_var_2d, affichage_evaluation_deux_var_3d,
                                  affichage_evaluation_trois_var, affichage_evaluation_une_var,
                                  affiche_poids, calcul_approximation, definir_poids, evaluation,
                                  gradient_poids, heaviside, poids_a_zeros, sorties)

MOTEUR = keras.backend.backend()
RACINE = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.filterwarnings("ignore:FigureCanvasAgg is non-interactive:UserWarning")


def test_moteur_connu():
    assert MOTEUR in ("tensorflow", "torch")
    attendu = os.environ.get("KERAS_BACKEND", "tensorflow")
    assert MOTEUR == attendu
    assert matplotlib.get_backend().lower() == "agg"


def _executer(listing):
    """Exécute un listing du livre, qui commence par « from keras_facile import * »."""
    espace = {}
    exec(compile("from keras_facile import *\n" + listing, "<listing>", "exec"), espace)
    return espace


# --------------------------------------------------------------------------
# Les exemples du livre, tels quels
# --------------------------------------------------------------------------

LISTING_F3 = """
modele = Sequential()
modele.add(Input(shape=(1,)))
modele.add(Dense(2, activation='relu'))
modele.add(Dense(1, activation='relu'))
definir_poids(modele, 0, 0, 1, -1)
definir_poids(modele, 0, 1, -0.5, 1)
definir_poids(modele, 1, 0, [1, 1], 0)
entree = 3
sortie = evaluation(modele, entree)
"""


def test_livre_F3_vaut_2():
    espace = _executer(LISTING_F3)
    assert espace["sortie"] == 2.0
    assert type(espace["sortie"]) is float
    modele = espace["modele"]
    # d'autres valeurs, calculées à la main : F(x) = relu(x − 1) + relu(1 − x/2)
    for x in (-4.0, 0.0, 1.0, 1.5, 2.0, 5.0):
        attendu = max(x - 1, 0) + max(1 - x / 2, 0)
        assert evaluation(modele, x) == pytest.approx(attendu, abs=1e-6)


LISTING_F_7_MOINS_5 = """
modele = Sequential()
modele.add(Input(shape=(2,)))
modele.add(Dense(3, activation='sigmoid'))
modele.add(Dense(1, activation='sigmoid'))
coeff = np.array([[1., 3., -5.], [2., -4., -6.]])
biais = np.array([-1., 0., 1.])
modele.layers[0].set_weights([coeff, biais])
modele.layers[1].set_weights([np.array([[1.], [1.], [1.]]), np.array([-3.])])
sortie = evaluation(modele, 7, -5)
sortie_liste = evaluation(modele, [7, -5])
"""


def test_livre_F_7_moins_5():
    espace = _executer(LISTING_F_7_MOINS_5)
    x, y = 7, -5
    cachee = expit(np.array([x + 2 * y - 1, 3 * x - 4 * y, -5 * x - 6 * y + 1]))
    attendu = expit(cachee.sum() - 3)
    assert round(espace["sortie"], 3) == 0.123
    assert espace["sortie"] == pytest.approx(attendu, abs=1e-6)
    assert espace["sortie_liste"] == espace["sortie"]


def test_livre_F_2_1():
    """Un neurone sigmoïde à deux entrées, coefficients (1, 2), biais −1 : F(2, 1) = σ(3) ≈ 0,952."""
    espace = _executer("""
modele = Sequential()
modele.add(Input(shape=(2,)))
modele.add(Dense(1, activation='sigmoid'))
definir_poids(modele, 0, 0, [1, 2], -1)
sortie = evaluation(modele, 2, 1)
""")
    assert round(espace["sortie"], 3) == 0.953
    assert espace["sortie"] == pytest.approx(0.952574, abs=1e-5)


def test_livre_F_2_3_4():
    espace = _executer("""
modele = Sequential()
modele.add(Input(shape=(3,)))
modele.add(Dense(1, activation='relu'))
definir_poids(modele, 0, 0, [1, -1, 1], -1)
sortie = evaluation(modele, 2, 3, 4)
sortie_liste = evaluation(modele, [2, 3, 4])
sortie_nulle = evaluation(modele, 0, 5, 0)
""")
    assert espace["sortie"] == 2.0
    assert espace["sortie_liste"] == 2.0
    assert espace["sortie_nulle"] == 0.0


def test_compat_exporte_tout():
    for nom in kf.__all__:
        assert getattr(compat, nom) is getattr(kf, nom)
    espace = _executer("")
    for nom in ("definir_poids", "evaluation", "heaviside", "Sequential", "Dense", "Input", "np", "plt",
                "calcul_approximation", "affichage_approximation", "gradient_poids", "keras"):
        assert nom in espace


# --------------------------------------------------------------------------
# Outils
# --------------------------------------------------------------------------

def _reseau_F3():
    modele = Sequential([Input(shape=(1,)), Dense(2, activation="relu"), Dense(1, activation="relu")])
    definir_poids(modele, 0, 0, 1, -1)
    definir_poids(modele, 0, 1, -0.5, 1)
    definir_poids(modele, 1, 0, [1, 1], 0)
    return modele


def _reseau(entrees, *neurones, activation="tanh", sortie=None, classe=Sequential):
    couches = [Input(shape=(entrees,))] + [Dense(n, activation=activation) for n in neurones]
    if sortie is not None:
        couches.append(Dense(sortie))
    return classe(couches)


def test_definir_poids_ne_touche_que_le_neurone_vise():
    modele = _reseau(2, 3)
    avant = [p.copy() for p in modele.layers[0].get_weights()]
    definir_poids(modele, 0, 1, [4, -5], 0.25)
    noyau, biais = modele.layers[0].get_weights()
    np.testing.assert_array_equal(noyau[:, 1], [4, -5])
    assert biais[1] == 0.25
    np.testing.assert_array_equal(noyau[:, [0, 2]], avant[0][:, [0, 2]])
    np.testing.assert_array_equal(biais[[0, 2]], avant[1][[0, 2]])


def test_affiche_poids(capsys):
    modele = _reseau_F3()
    affiche_poids(modele, 0)
    affiche_poids(modele, 1)
    lignes = capsys.readouterr().out.splitlines()
    assert lignes == [
        "===== Couche numéro 0 =====",
        "Neurones : 2 ; entrées par neurone : 1 ; poids par neurone : 2 (coefficients et biais)",
        "  Neurone 0 : coefficients [1.0], biais -1.0",
        "  Neurone 1 : coefficients [-0.5], biais 1.0",
        "===== Couche numéro 1 =====",
        "Neurones : 1 ; entrées par neurone : 2 ; poids par neurone : 3 (coefficients et biais)",
        "  Neurone 0 : coefficients [1.0, 1.0], biais 0.0",
    ]


def test_poids_a_zeros():
    modele = _reseau_F3()
    poids_couche1 = [p.copy() for p in modele.layers[1].get_weights()]
    poids_a_zeros(modele, 0)
    for p in modele.layers[0].get_weights():
        assert p.shape and not np.any(p)
    for p, q in zip(modele.layers[1].get_weights(), poids_couche1):
        np.testing.assert_array_equal(p, q)
    assert evaluation(modele, 3) == 0.0


def test_heaviside_keras():
    valeurs = keras.ops.convert_to_numpy(heaviside(np.array([-2.0, -1e-6, 0.0, 1e-6, 5.0], dtype="float32")))
    assert valeurs.tolist() == [0.0, 0.0, 1.0, 1.0, 1.0]
    assert valeurs.dtype == np.float32
    modele = Sequential([Input(shape=(1,)), Dense(1, activation=heaviside)])
    definir_poids(modele, 0, 0, 1, 0)
    assert evaluation(modele, 0) == 1.0
    assert evaluation(modele, -0.01) == 0.0
    assert evaluation(modele, 3) == 1.0


def test_sorties_en_lot():
    modele = _reseau_F3()
    x = np.array([-2.0, 0.0, 3.0, 6.0])
    y = sorties(modele, x)
    assert y.shape == (4, 1)
    np.testing.assert_allclose(y.ravel(), np.maximum(x - 1, 0) + np.maximum(1 - x / 2, 0), atol=1e-6)
    assert [evaluation(modele, v) for v in x] == pytest.approx(y.ravel().tolist())


def test_evaluation_plusieurs_sorties():
    modele = Sequential([Input(shape=(1,)), Dense(2)])
    definir_poids(modele, 0, 0, 2, 1)
    definir_poids(modele, 0, 1, -1, 0)
    y = evaluation(modele, 3)
    assert isinstance(y, np.ndarray)
    np.testing.assert_allclose(y, [7.0, -3.0])


# --------------------------------------------------------------------------
# Approximation universelle
# --------------------------------------------------------------------------

def f_livre(x):
    return np.cos(2 * x) + x * np.sin(3 * x) + np.sqrt(x)


def _reseau_approximation(n):
    return Sequential([Input(shape=(1,)), Dense(2 * n, activation=heaviside), Dense(1)])


def test_calcul_approximation_livre():
    a, b = 2.0, 10.0
    # grille fine qui évite les points de découpe x_i (où deux créneaux se touchent)
    t = np.linspace(a, b, 4001)
    grille = (t[:-1] + t[1:]) / 2
    maxima, moyennes = [], []
    for n in (5, 10, 20, 50, 100):
        modele = _reseau_approximation(n)
        calcul_approximation(modele, f_livre, a, b, n)
        x = np.linspace(a, b, n + 1)
        milieux = (x[:-1] + x[1:]) / 2
        # sur [x_i, x_{i+1}], le réseau vaut f(x_i) (extrémité gauche), pas f(milieu)
        np.testing.assert_allclose(sorties(modele, milieux).ravel(), f_livre(x[:-1]), rtol=0, atol=2e-4)
        ecart = np.abs(sorties(modele, grille).ravel() - f_livre(grille))
        maxima.append(ecart.max())
        moyennes.append(ecart.mean())
        # borne de Lipschitz : |f(t) − f(x_i)| ≤ sup|f'| · h
        derivee = -2 * np.sin(2 * grille) + np.sin(3 * grille) + 3 * grille * np.cos(3 * grille) + 0.5 / np.sqrt(grille)
        assert ecart.max() <= np.abs(derivee).max() * (b - a) / n * 1.01 + 1e-3
    print("écarts max :", [round(float(e), 3) for e in maxima], "moyens :", [round(float(e), 3) for e in moyennes])
    # l'écart moyen diminue à chaque raffinement ; l'écart maximal aussi à partir de n = 10
    # (de n = 5 à n = 10 il reste ≈ 16 : la fonction oscille trop pour ces découpages grossiers)
    assert all(u > v for u, v in zip(moyennes, moyennes[1:]))
    assert all(u > v for u, v in zip(maxima[1:], maxima[2:]))
    assert maxima[-1] < maxima[0] / 5


def test_calcul_approximation_intervalle_contenant_zero():
    n = 6
    modele = _reseau_approximation(n)
    calcul_approximation(modele, np.cos, -3, 3, n)
    poids = [p for c in modele.layers for p in c.get_weights()]
    assert all(np.all(np.isfinite(p)) for p in poids)
    x = np.linspace(-3, 3, n + 1)
    milieux = (x[:-1] + x[1:]) / 2
    np.testing.assert_allclose(sorties(modele, milieux).ravel(), np.cos(x[:-1]), atol=1e-5)
    assert evaluation(modele, 0.5) == pytest.approx(1.0, abs=1e-6)      # sur [0, 1] : cos(0)
    assert evaluation(modele, -0.5) == pytest.approx(np.cos(-1.0), abs=1e-6)


def test_calcul_approximation_fonction_python():
    """f peut être une fonction Python ordinaire (non vectorisée)."""
    import math
    n = 4
    modele = _reseau_approximation(n)
    calcul_approximation(modele, lambda t: math.exp(t), 0, 2, n)
    assert evaluation(modele, 0.75) == pytest.approx(math.exp(0.5), rel=1e-6)


# --------------------------------------------------------------------------
# Tracés : un seul appel du modèle par figure
# --------------------------------------------------------------------------

class SequentialCompteur(Sequential):
    """Sequential qui compte ses appels directs."""

    def __call__(self, *args, **kwargs):
        self.appels = getattr(self, "appels", 0) + 1
        return super().__call__(*args, **kwargs)


def _reseau_compte(entrees, n=None, approximation=False):
    if approximation:
        modele = SequentialCompteur([Input(shape=(1,)), Dense(2 * n, activation=heaviside), Dense(1)])
    else:
        modele = SequentialCompteur([Input(shape=(entrees,)), Dense(3, activation="tanh"), Dense(2)])
    return modele


TRACES = [
    ("une_var", 1, lambda m: affichage_evaluation_une_var(m, -2, 3, num=50)),
    ("une_var_rang1", 1, lambda m: affichage_evaluation_une_var(m, -2, 3, rang=1)),
    ("deux_var_3d", 2, lambda m: affichage_evaluation_deux_var_3d(m, -5, 5, -5, 5)),
    ("deux_var_2d", 2, lambda m: affichage_evaluation_deux_var_2d(m, -5, 5, -5, 5, num=25)),
    ("trois_var", 3, lambda m: affichage_evaluation_trois_var(m, -5, 5, -5, 5, -5, 5, num=6)),
]


@pytest.mark.parametrize("nom, entrees, tracer", TRACES, ids=[t[0] for t in TRACES])
def test_trace_un_seul_appel(nom, entrees, tracer, monkeypatch):
    modele = _reseau_compte(entrees)
    appels_sorties = []
    vraie = kf.sorties

    def espion(m, x):
        appels_sorties.append(np.asarray(x).shape)
        return vraie(m, x)

    monkeypatch.setattr(kf, "sorties", espion)
    modele.appels = 0
    figures_avant = len(plt.get_fignums())
    tracer(modele)
    assert modele.appels == 1
    assert len(appels_sorties) == 1
    assert len(plt.get_fignums()) == figures_avant + 1
    fig = plt.gcf()
    assert fig.axes


def test_trace_une_var_dessine_le_reseau():
    modele = _reseau_F3()
    affichage_evaluation_une_var(modele, -2, 4, num=30)
    ax = plt.gcf().axes[0]
    (ligne,) = ax.lines
    x, y = ligne.get_data()
    np.testing.assert_allclose(x, np.linspace(-2, 4, 30))
    np.testing.assert_allclose(y, np.maximum(x - 1, 0) + np.maximum(1 - x / 2, 0), atol=1e-6)


def test_trace_deux_var_2d_niveaux():
    modele = Sequential([Input(shape=(2,)), Dense(1, activation="sigmoid")])
    definir_poids(modele, 0, 0, [1, 2], -1)
    affichage_evaluation_deux_var_2d(modele, -5, 5, -5, 5, num=12, niveaux=4)
    fig = plt.gcf()
    assert len(fig.axes) == 2  # le graphique et sa barre de couleurs


def test_affichage_approximation_un_seul_appel():
    n = 5
    modele = _reseau_compte(1, n, approximation=True)
    calcul_approximation(modele, np.sin, 0, 3, n)
    modele.appels = 0
    affichage_approximation(modele, np.sin, 0, 3, num=40)
    assert modele.appels == 1
    ax = plt.gcf().axes[0]
    f_ligne, F_ligne = ax.lines
    x = np.linspace(0, 3, 40)
    np.testing.assert_allclose(f_ligne.get_ydata(), np.sin(x))
    np.testing.assert_allclose(F_ligne.get_ydata(), sorties(modele, x).ravel())


# --------------------------------------------------------------------------
# evaluation : un appel direct du modèle, jamais predict
# --------------------------------------------------------------------------
# La vitesse (evaluation contre predict) dépend de la charge de la machine : elle est mesurée par
# « make bench » (outils.banc.mesurer_evaluation). Ici, seulement ce qui la garantit sans chronomètre.

def test_evaluation_appelle_le_modele_une_fois_sans_predict(monkeypatch):
    modele = _reseau_compte(1)
    definir_poids(modele, 0, 0, 1, 0)

    def interdit(*args, **kwargs):
        raise AssertionError("evaluation ne doit pas passer par predict (lent, barre de progression)")

    monkeypatch.setattr(modele, "predict", interdit)
    modele.appels = 0
    for k in range(5):
        evaluation(modele, float(k))
    assert modele.appels == 5


# --------------------------------------------------------------------------
# Gradient par rapport aux poids
# --------------------------------------------------------------------------

X_GRAD = np.array([[0.5, -1.0], [1.5, 0.25], [-0.75, 2.0], [0.1, 0.3], [-1.2, -0.4]])
Y_GRAD = np.array([[0.3], [-0.5], [1.0], [0.0], [0.7]])


def _reseau_gradient():
    keras.utils.set_random_seed(0)
    modele = Sequential([Input(shape=(2,)), Dense(3, activation="tanh"), Dense(1)])
    definir_poids(modele, 0, 0, [0.4, -0.7], 0.1)
    definir_poids(modele, 0, 1, [-0.3, 0.8], -0.2)
    definir_poids(modele, 0, 2, [0.9, 0.5], 0.05)
    definir_poids(modele, 1, 0, [0.6, -1.1, 0.7], 0.3)
    return modele


def _perte_numpy(poids, X, Y):
    W0, b0, W1, b1 = poids
    sortie = np.tanh(X @ W0 + b0) @ W1 + b1
    return np.mean((sortie - Y) ** 2)


def test_gradient_poids_differences_finies():
    modele = _reseau_gradient()
    poids = [p.astype(float) for p in modele.get_weights()]
    # le modèle NumPy est bien le même réseau
    np.testing.assert_allclose(sorties(modele, X_GRAD),
                               np.tanh(X_GRAD @ poids[0] + poids[1]) @ poids[2] + poids[3], atol=1e-6)
    gradients = gradient_poids(modele, X_GRAD, Y_GRAD, perte="mse")
    assert [g.shape for g in gradients] == [p.shape for p in poids]
    h = 1e-6
    for k, p in enumerate(poids):
        numerique = np.zeros_like(p)
        for indice in np.ndindex(p.shape):
            plus = [q.copy() for q in poids]
            moins = [q.copy() for q in poids]
            plus[k][indice] += h
            moins[k][indice] -= h
            numerique[indice] = (_perte_numpy(plus, X_GRAD, Y_GRAD) - _perte_numpy(moins, X_GRAD, Y_GRAD)) / (2 * h)
        np.testing.assert_allclose(gradients[k], numerique, rtol=1e-4, atol=1e-6)


def test_gradient_poids_exemple_simple():
    modele = Sequential([Input(shape=(1,)), Dense(1)])
    definir_poids(modele, 0, 0, 2, 0)
    # E = (2·1 + 0 − 0)² : dE/da = 2·2·1 = 4, dE/db = 4
    gradients = gradient_poids(modele, [[1.0]], [[0.0]], perte="mse")
    assert [g.ravel().tolist() for g in gradients] == [[4.0], [4.0]]
    gradients = gradient_poids(modele, [1.0, 2.0], [0.0, 0.0], perte="mae")
    np.testing.assert_allclose(np.concatenate([g.ravel() for g in gradients]), [1.5, 1.0])


@pytest.mark.parametrize("eta", [0.1, 0.03])
def test_un_pas_de_sgd_a_la_main(eta):
    modele = _reseau_gradient()
    modele.compile(optimizer=keras.optimizers.SGD(learning_rate=eta), loss="mse")
    avant = [p.copy() for p in modele.get_weights()]
    gradients = gradient_poids(modele, X_GRAD, Y_GRAD)  # perte lue dans le modèle compilé
    a_la_main = [p - eta * g for p, g in zip(avant, gradients)]
    modele.train_on_batch(X_GRAD.astype("float32"), Y_GRAD.astype("float32"))
    apres = modele.get_weights()
    for p, q, r in zip(apres, a_la_main, avant):
        np.testing.assert_allclose(p, q, atol=1e-5, rtol=0)
        assert not np.allclose(p, r)  # les poids ont vraiment bougé


# --------------------------------------------------------------------------
# Erreurs en français
# --------------------------------------------------------------------------

def test_erreur_trop_de_coefficients():
    modele = Sequential([Input(shape=(2,)), Dense(3)])
    with pytest.raises(ValueError) as erreur:
        definir_poids(modele, 0, 1, [1, 2, 3], 0)
    message = str(erreur.value)
    assert "2 entrée(s)" in message
    assert "il faut 2 coefficient(s)" in message
    assert "une liste de 2 nombres" in message
    assert "3 ont été donnés" in message


def test_erreur_un_seul_coefficient_attendu():
    modele = Sequential([Input(shape=(1,)), Dense(2)])
    with pytest.raises(ValueError, match=r"1 entrée\(s\).*il faut 1 coefficient\(s\) \(un nombre\)"):
        definir_poids(modele, 0, 0, [1, 2], 0)


@pytest.mark.parametrize("couche", [2, -1, 10])
def test_erreur_numero_de_couche(couche):
    with pytest.raises(ValueError, match=rf"2 couche\(s\), numérotées de 0 à 1 ; la couche {couche} n'existe pas"):
        definir_poids(_reseau_F3(), couche, 0, 1, 0)


@pytest.mark.parametrize("couche", [0.0, "0", True])
def test_erreur_couche_non_entiere(couche):
    with pytest.raises(TypeError, match="Le numéro de couche doit être un entier"):
        definir_poids(_reseau_F3(), couche, 0, 1, 0)


@pytest.mark.parametrize("rang", [2, -1])
def test_erreur_rang(rang):
    with pytest.raises(ValueError, match=rf"2 neurone\(s\), de rang 0 à 1 ; le rang {rang} n'existe pas"):
        definir_poids(_reseau_F3(), 0, rang, 1, 0)


@pytest.mark.parametrize("coeff", ["1", "1, 2", ["a", "b"], None, {"a": 1}], ids=repr)
def test_erreur_coefficients_non_numeriques(coeff):
    modele = Sequential([Input(shape=(2,)), Dense(1)])
    with pytest.raises(TypeError, match=r"Les coefficients doivent être un nombre ou une liste de 2 nombre\(s\)"):
        definir_poids(modele, 0, 0, coeff, 0)


@pytest.mark.parametrize("biais", ["0", None, [1, 2]], ids=repr)
def test_erreur_biais(biais):
    with pytest.raises(TypeError, match="Le biais doit être un nombre"):
        definir_poids(_reseau_F3(), 0, 0, 1, biais)


def test_erreur_modele_sans_input():
    modele = Sequential()
    modele.add(Dense(2, activation="relu"))
    for appel in (lambda: definir_poids(modele, 0, 0, 1, 0), lambda: evaluation(modele, 1),
                  lambda: affiche_poids(modele, 0), lambda: poids_a_zeros(modele, 0)):
        with pytest.raises(ValueError, match=r"pas encore de poids.*Input\(shape=\(n,\)\)"):
            appel()


@pytest.mark.parametrize("objet", [None, "modele", [1, 2]], ids=repr)
def test_erreur_pas_un_modele(objet):
    with pytest.raises(TypeError, match="doit être un modèle Keras"):
        definir_poids(objet, 0, 0, 1, 0)


def test_erreur_evaluation_nombre_d_entrees():
    modele = Sequential([Input(shape=(2,)), Dense(1)])
    with pytest.raises(ValueError, match=r"Le réseau a 2 entrée\(s\) : donnez 2 nombre\(s\) ; reçu 3"):
        evaluation(modele, 1, 2, 3)
    with pytest.raises(ValueError, match=r"donnez 2 nombre\(s\) ; reçu 1"):
        evaluation(modele, 1)
    with pytest.raises(TypeError, match="Donnez une entrée"):
        evaluation(modele)
    with pytest.raises(TypeError, match="L'entrée doit être numérique"):
        evaluation(modele, "1, 2")
    with pytest.raises(TypeError, match="liste de nombres"):
        evaluation(modele, ["a", "b"])


def test_erreur_sorties_forme():
    modele = Sequential([Input(shape=(2,)), Dense(1)])
    with pytest.raises(ValueError, match=r"le lot doit avoir la forme \(N, 2\)"):
        sorties(modele, np.zeros((4, 3)))


@pytest.mark.parametrize("n_reseau, n", [(3, 4), (4, 3)])
def test_erreur_calcul_approximation_mauvaise_forme(n_reseau, n):
    modele = _reseau_approximation(n_reseau)
    with pytest.raises(ValueError,
                       match=rf"Pour n = {n}, le réseau doit avoir 1 entrée, une couche de {2 * n} neurones"):
        calcul_approximation(modele, np.cos, 0, 1, n)


def test_erreur_calcul_approximation_deux_entrees():
    modele = Sequential([Input(shape=(2,)), Dense(6, activation=heaviside), Dense(1)])
    with pytest.raises(ValueError, match="le réseau doit avoir 1 entrée"):
        calcul_approximation(modele, np.cos, 0, 1, 3)


def test_erreur_calcul_approximation_f():
    modele = _reseau_approximation(3)
    with pytest.raises(TypeError, match="f doit être une fonction"):
        calcul_approximation(modele, 3.0, 0, 1, 3)
    with pytest.raises(ValueError, match="Impossible d'évaluer f sur"):
        calcul_approximation(modele, lambda t: 1 / 0, 0, 1, 3)
    with pytest.raises(ValueError, match="au moins 1"):
        calcul_approximation(modele, np.cos, 0, 1, 0)


@pytest.mark.parametrize("a, b", [(3, 1), (2, 2)])
def test_erreur_intervalle(a, b):
    with pytest.raises(ValueError,
                       match="la borne inférieure doit être strictement plus petite que la borne supérieure"):
        calcul_approximation(_reseau_approximation(2), np.cos, a, b, 2)
    with pytest.raises(ValueError, match="borne inférieure doit être strictement plus petite"):
        affichage_evaluation_une_var(_reseau_F3(), a, b)
    modele2 = Sequential([Input(shape=(2,)), Dense(1)])
    with pytest.raises(ValueError, match="l'intervalle des y"):
        affichage_evaluation_deux_var_2d(modele2, 0, 1, a, b)
    with pytest.raises(TypeError, match="borne inférieure doit être un nombre"):
        affichage_evaluation_une_var(_reseau_F3(), "0", 1)
    assert plt.get_fignums() == []  # aucune figure vide laissée derrière


@pytest.mark.parametrize("num", [1, 0, -5])
def test_erreur_num(num):
    with pytest.raises(ValueError, match=f"Le nombre de points num doit valoir au moins 2 ; reçu {num}"):
        affichage_evaluation_une_var(_reseau_F3(), 0, 1, num=num)
    with pytest.raises(ValueError, match="au moins 2"):
        affichage_evaluation_deux_var_3d(Sequential([Input(shape=(2,)), Dense(1)]), 0, 1, 0, 1, num=num)


def test_erreur_trace_mauvais_nombre_d_entrees():
    with pytest.raises(ValueError, match="demande un réseau à une entrée ; celui-ci en a 2"):
        affichage_evaluation_une_var(Sequential([Input(shape=(2,)), Dense(1)]), 0, 1)
    with pytest.raises(ValueError, match="deux entrées ; celui-ci en a 1"):
        affichage_evaluation_deux_var_2d(_reseau_F3(), 0, 1, 0, 1)
    with pytest.raises(ValueError, match="trois entrées ; celui-ci en a 1"):
        affichage_evaluation_trois_var(_reseau_F3(), 0, 1, 0, 1, 0, 1)
    with pytest.raises(ValueError, match=r"1 sortie\(s\), de rang 0 à 0 ; le rang 1 n'existe pas"):
        affichage_evaluation_une_var(_reseau_F3(), 0, 1, rang=1)


def test_erreur_gradient_modele_non_compile():
    modele = _reseau_gradient()
    with pytest.raises(ValueError, match=r"n'est pas compilé : indiquez la perte, par exemple perte=\"mse\""):
        gradient_poids(modele, X_GRAD, Y_GRAD)


def test_erreur_gradient_formes():
    modele = _reseau_gradient()
    with pytest.raises(ValueError, match=r"X doit avoir la forme \(N, 2\)"):
        gradient_poids(modele, np.zeros((5, 3)), Y_GRAD, perte="mse")
    with pytest.raises(ValueError, match="même nombre d'exemples ; reçu 5 et 4"):
        gradient_poids(modele, X_GRAD, Y_GRAD[:4], perte="mse")


# --------------------------------------------------------------------------
# Gradient : zéros là où aucun gradient ne passe, rangés comme get_weights()
# --------------------------------------------------------------------------

def _formes(modele):
    return [p.shape for p in modele.get_weights()]


def test_gradient_poids_heaviside():
    """Derrière une marche de Heaviside, aucun gradient : des zéros, aux tailles de get_weights()."""
    modele = Sequential([Input(shape=(1,)), Dense(2, activation=heaviside), Dense(1)])
    definir_poids(modele, 0, 0, 1, 0)      # h0 = H(x)
    definir_poids(modele, 0, 1, -1, 0)     # h1 = H(-x)
    definir_poids(modele, 1, 0, [2, -1], 0.5)
    X, Y = np.array([[0.5], [-1.0], [2.0]]), np.array([[1.0], [0.0], [3.0]])
    gradients = gradient_poids(modele, X, Y, perte="mse")
    assert [g.shape for g in gradients] == _formes(modele)
    assert all(np.all(np.isfinite(g)) for g in gradients)
    np.testing.assert_array_equal(gradients[0], 0)
    np.testing.assert_array_equal(gradients[1], 0)
    H = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 0.0]])
    residus = H @ np.array([2.0, -1.0]) + 0.5 - Y.ravel()
    np.testing.assert_allclose(gradients[2].ravel(), 2 * H.T @ residus / 3, atol=1e-6)
    np.testing.assert_allclose(gradients[3], [2 * residus.mean()], atol=1e-6)


def test_gradient_poids_aucun_chemin_derivable():
    modele = Sequential([Input(shape=(2,)), Dense(1, activation=heaviside)])
    gradients = gradient_poids(modele, [[1.0, 2.0]], [[0.0]], perte="mse")
    assert [g.shape for g in gradients] == _formes(modele) == [(2, 1), (1,)]
    assert all(not np.any(g) for g in gradients)


def test_gradient_poids_couche_gelee():
    """Une couche gelée (trainable=False) : ses poids gardent leur place, avec un gradient nul."""
    libre = _reseau_gradient()
    attendu = gradient_poids(libre, X_GRAD, Y_GRAD, perte="mse")
    gele = _reseau_gradient()
    gele.layers[0].trainable = False
    gradients = gradient_poids(gele, X_GRAD, Y_GRAD, perte="mse")
    assert [g.shape for g in gradients] == _formes(gele) == [(2, 3), (3,), (3, 1), (1,)]
    assert not np.any(gradients[0]) and not np.any(gradients[1])
    np.testing.assert_allclose(gradients[2], attendu[2], atol=1e-6)
    np.testing.assert_allclose(gradients[3], attendu[3], atol=1e-6)
    # un pas de SGD à la main donne les mêmes poids que l'entraînement de Keras
    gele.compile(optimizer=keras.optimizers.SGD(learning_rate=0.1), loss="mse")
    a_la_main = [p - 0.1 * g for p, g in zip(gele.get_weights(), gradients)]
    gele.train_on_batch(X_GRAD.astype("float32"), Y_GRAD.astype("float32"))
    for p, q in zip(gele.get_weights(), a_la_main):
        np.testing.assert_allclose(p, q, atol=1e-5, rtol=0)


# --------------------------------------------------------------------------
# Valeurs non finies : refusées à l'entrée, affichées à la lecture
# --------------------------------------------------------------------------

def test_affiche_poids_nan_et_infini(capsys):
    """Après un entraînement qui diverge, les poids illisibles s'affichent tels quels."""
    modele = Sequential([Input(shape=(2,)), Dense(2)])
    modele.layers[0].set_weights([np.array([[np.nan, 1.5], [np.inf, 2.0]]), np.array([-np.inf, np.nan])])
    affiche_poids(modele, 0)
    lignes = capsys.readouterr().out.splitlines()
    assert lignes[-2:] == ["  Neurone 0 : coefficients [nan, inf], biais -inf",
                           "  Neurone 1 : coefficients [1.5, 2.0], biais nan"]


NON_FINIS = [np.nan, np.inf, -np.inf, float("nan")]


@pytest.mark.parametrize("valeur", NON_FINIS, ids=repr)
def test_erreur_poids_non_finis(valeur):
    modele = Sequential([Input(shape=(2,)), Dense(1)])
    with pytest.raises(ValueError,
                       match=r"Les coefficients contiennent 1 valeur\(s\) infinie\(s\) ou non définie\(s\)"):
        definir_poids(modele, 0, 0, [1.0, valeur], 0)
    with pytest.raises(ValueError, match="Le biais doit être un nombre fini"):
        definir_poids(modele, 0, 0, [1.0, 2.0], valeur)
    with pytest.raises(ValueError, match="Les coefficients contiennent"):
        definir_poids(modele, 0, 0, np.array([valeur, valeur]), 0)
    assert np.all(np.isfinite(modele.get_weights()[0])), "rien ne doit avoir été écrit"


@pytest.mark.parametrize("valeur", NON_FINIS, ids=repr)
def test_erreur_entrees_non_finies(valeur):
    modele = _reseau_F3()
    with pytest.raises(ValueError, match="Les entrées contiennent 1 valeur"):
        evaluation(modele, valeur)
    with pytest.raises(ValueError, match="Les entrées contiennent 1 valeur"):
        sorties(modele, [0.0, valeur, 1.0])
    with pytest.raises(ValueError, match="Les entrées X contiennent"):
        gradient_poids(modele, [[valeur]], [[0.0]], perte="mse")
    with pytest.raises(ValueError, match="Les sorties attendues Y contiennent"):
        gradient_poids(modele, [[1.0]], [[valeur]], perte="mse")


@pytest.mark.parametrize("valeur", NON_FINIS, ids=repr)
def test_erreur_bornes_non_finies(valeur):
    with pytest.raises(ValueError, match="La borne inférieure doit être un nombre fini"):
        affichage_evaluation_une_var(_reseau_F3(), valeur, 1)
    with pytest.raises(ValueError, match="La borne supérieure doit être un nombre fini"):
        calcul_approximation(_reseau_approximation(2), np.cos, 0, valeur, 2)
    with pytest.raises(ValueError, match="borne .* doit être un nombre fini"):
        affichage_evaluation_deux_var_2d(Sequential([Input(shape=(2,)), Dense(1)]), 0, 1, valeur, 1)
    assert plt.get_fignums() == []


def test_erreur_f_non_finie():
    import math
    with pytest.raises(ValueError, match=r"f n'a pas de valeur finie en x = 0 \(elle vaut inf\)"):
        calcul_approximation(_reseau_approximation(2), lambda t: math.inf if t == 0 else 1 / t, 0, 1, 2)


# --------------------------------------------------------------------------
# Le même fichier avec le moteur PyTorch
# --------------------------------------------------------------------------

@pytest.mark.skipif(MOTEUR == "torch", reason="déjà sous le moteur torch")
def test_sous_processus_moteur_torch():
    env = {**os.environ, "KERAS_BACKEND": "torch", "MPLBACKEND": "Agg"}
    resultat = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-o", "addopts=", __file__,
         "-k", "not sous_processus"],
        env=env, cwd=RACINE, capture_output=True, text=True, timeout=300)
    sortie = resultat.stdout + resultat.stderr
    assert resultat.returncode == 0, sortie[-5000:]
    assert " passed" in sortie and "failed" not in sortie
