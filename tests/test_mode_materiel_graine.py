"""Tests de helpers.mode, helpers.materiel, helpers.reproductibilite et helpers.demarrer."""
import os
import random

import keras
import matplotlib as mpl
import numpy as np
import pytest
import torch

import helpers
from helpers import materiel
from helpers.materiel import choisir_appareil, decrire_appareil
from helpers.mode import MODES, est_rapide, mode, selon_mode
from helpers.reproductibilite import fixer_graine

CUDA = torch.cuda.is_available()
MPS = bool(getattr(torch.backends, "mps", None) and torch.backends.mps.is_available())


# --------------------------------------------------------------------------
# mode
# --------------------------------------------------------------------------

@pytest.mark.parametrize("valeur, attendu", [
    ("rapide", "rapide"), ("Rapide", "rapide"), ("  RAPIDE\n", "rapide"), ("fast", "rapide"), ("ci", "rapide"),
    ("test", "rapide"), (" FULL ", "complet"), ("complet", "complet"), ("", "complet"), ("   ", "complet"),
])
def test_mode_depuis_l_environnement(monkeypatch, valeur, attendu):
    monkeypatch.setenv("COURS_MODE", valeur)
    assert mode() == attendu
    assert est_rapide() is (attendu == "rapide")
    assert selon_mode(rapide=2, complet=50) == (2 if attendu == "rapide" else 50)


def test_mode_par_defaut(monkeypatch):
    monkeypatch.delenv("COURS_MODE", raising=False)
    assert mode() == "complet"
    assert not est_rapide()
    assert selon_mode(rapide="petit", complet="grand") == "grand"


def test_mode_argument_prioritaire(monkeypatch):
    monkeypatch.setenv("COURS_MODE", "rapide")
    assert mode("complet") == "complet"
    assert mode() == "rapide"


@pytest.mark.parametrize("valeur", ["turbo", "rapid", "1", "True", "rapide complet",
                                    "__import__('os')", "MODES['rapide']", "'rapide'", "rapide#"])
def test_mode_invalide(monkeypatch, valeur):
    monkeypatch.setenv("COURS_MODE", valeur)
    with pytest.raises(ValueError) as erreur:
        mode()
    message = str(erreur.value)
    assert message.startswith(f"Mode inconnu : {valeur!r}.")
    assert "Valeurs possibles pour COURS_MODE" in message and "« rapide »" in message and "« complet »" in message
    with pytest.raises(ValueError, match="Mode inconnu"):
        selon_mode(1, 2)


def test_mode_n_evalue_rien(monkeypatch):
    monkeypatch.delenv("COURS_TEST_EVALUE", raising=False)
    monkeypatch.setenv("COURS_MODE", "__import__('os').environ.__setitem__('COURS_TEST_EVALUE', '1') or 'rapide'")
    with pytest.raises(ValueError, match="Mode inconnu"):
        mode()
    assert "COURS_TEST_EVALUE" not in os.environ


@pytest.mark.parametrize("valeur", [1, True, ["rapide"], b"rapide"], ids=repr)
def test_mode_pas_une_chaine(valeur):
    with pytest.raises(TypeError, match="Le mode doit être une chaîne de caractères"):
        mode(valeur)


def test_modes_connus():
    assert set(MODES.values()) == {"rapide", "complet"}


# --------------------------------------------------------------------------
# materiel
# --------------------------------------------------------------------------

def _meilleur():
    return "cuda" if CUDA else "mps" if MPS else "cpu"


@pytest.mark.parametrize("valeur", [None, "", "auto", " AUTO "])
def test_choisir_appareil_automatique(monkeypatch, valeur):
    if valeur is None:
        monkeypatch.delenv("COURS_APPAREIL", raising=False)
    else:
        monkeypatch.setenv("COURS_APPAREIL", valeur)
    appareil = choisir_appareil()
    assert isinstance(appareil, torch.device)
    assert appareil.type == _meilleur()


def test_choisir_appareil_cpu(monkeypatch):
    monkeypatch.setenv("COURS_APPAREIL", " CPU ")
    assert choisir_appareil() == torch.device("cpu")
    monkeypatch.setenv("COURS_APPAREIL", "cuda")
    assert choisir_appareil("cpu") == torch.device("cpu")  # l'argument l'emporte sur la variable


@pytest.mark.skipif(CUDA, reason="cette machine a un GPU CUDA")
def test_cuda_demande_mais_absent(monkeypatch):
    monkeypatch.setenv("COURS_APPAREIL", "cuda")
    with pytest.raises(RuntimeError) as erreur:
        choisir_appareil()
    assert str(erreur.value) == ("L'appareil « cuda » a été demandé (COURS_APPAREIL) mais il n'est pas "
                                 "disponible sur cette machine.")
    with pytest.raises(RuntimeError, match="« cuda » a été demandé"):
        decrire_appareil()


@pytest.mark.skipif(MPS, reason="cette machine a une puce Apple")
def test_mps_demande_mais_absent():
    with pytest.raises(RuntimeError, match="« mps » a été demandé .* n'est pas disponible"):
        choisir_appareil("mps")


def test_cuda_simule(monkeypatch):
    monkeypatch.setattr(torch.cuda, "is_available", lambda: True)
    monkeypatch.setattr(torch.cuda, "get_device_name", lambda appareil=None: "GPU factice")
    monkeypatch.delenv("COURS_APPAREIL", raising=False)
    assert choisir_appareil() == torch.device("cuda")
    assert choisir_appareil("cuda") == torch.device("cuda")
    assert choisir_appareil("cpu") == torch.device("cpu")
    assert decrire_appareil() == "cuda (GPU factice)"


@pytest.mark.parametrize("valeur", ["gpu", "cuda:0", "tpu", "processeur"])
def test_appareil_inconnu(monkeypatch, valeur):
    monkeypatch.setenv("COURS_APPAREIL", valeur)
    with pytest.raises(ValueError) as erreur:
        choisir_appareil()
    assert str(erreur.value) == (f"Appareil inconnu : {valeur!r}. "
                                 "Choisissez parmi « cuda », « mps », « cpu » ou « auto ».")


@pytest.mark.parametrize("valeur", [0, torch.device("cpu"), ["cpu"]], ids=repr)
def test_appareil_pas_une_chaine(valeur):
    with pytest.raises(TypeError, match="L'appareil doit être une chaîne"):
        choisir_appareil(valeur)


def test_decrire_appareil(monkeypatch):
    assert decrire_appareil("cpu") == "cpu (processeur)"
    assert decrire_appareil(torch.device("cpu")) == "cpu (processeur)"
    assert decrire_appareil("mps") == "mps (puce Apple)"
    monkeypatch.delenv("COURS_APPAREIL", raising=False)
    assert decrire_appareil() == decrire_appareil(choisir_appareil())
    if not CUDA and not MPS:
        assert decrire_appareil() == "cpu (processeur)"


def test_appareils_dans_l_ordre():
    assert materiel.APPAREILS == ("cuda", "mps", "cpu")


# --------------------------------------------------------------------------
# fixer_graine
# --------------------------------------------------------------------------

def _tirages():
    return (random.random(), np.random.rand(3).tolist(), torch.rand(3).tolist(),
            keras.ops.convert_to_numpy(keras.random.uniform((3,))).tolist())


@pytest.mark.parametrize("graine", [0, 7, 2**32 - 1, np.int64(12)], ids=repr)
def test_fixer_graine_reproductible(monkeypatch, graine):
    monkeypatch.setenv("PYTHONHASHSEED", "0")
    assert fixer_graine(graine) == int(graine)
    assert type(fixer_graine(graine)) is int
    premiers = _tirages()
    suivants = _tirages()
    assert premiers != suivants  # le générateur avance bien
    fixer_graine(graine)
    assert _tirages() == premiers
    assert os.environ["PYTHONHASHSEED"] == str(int(graine))


def test_graines_differentes_tirages_differents(monkeypatch):
    monkeypatch.setenv("PYTHONHASHSEED", "0")
    fixer_graine(1)
    a = _tirages()
    fixer_graine(2)
    b = _tirages()
    for x, y in zip(a, b):
        assert x != y


def test_fixer_graine_poids_keras(monkeypatch):
    monkeypatch.setenv("PYTHONHASHSEED", "0")

    def poids():
        couche = keras.layers.Dense(4)
        couche.build((None, 3))
        return couche.get_weights()[0]

    fixer_graine(5)
    a = poids()
    fixer_graine(5)
    np.testing.assert_array_equal(poids(), a)


@pytest.mark.parametrize("graine", [1.0, 2.5, "3", None, np.float64(1.0)], ids=repr)
def test_graine_pas_un_entier(graine):
    with pytest.raises(TypeError, match="La graine doit être un entier"):
        fixer_graine(graine)


@pytest.mark.parametrize("graine", [True, False])
def test_graine_booleenne(graine):
    with pytest.raises(TypeError, match="La graine doit être un entier, pas bool"):
        fixer_graine(graine)


@pytest.mark.parametrize("graine", [-1, -(2**40), 2**32])
def test_graine_hors_limites(graine):
    with pytest.raises(ValueError) as erreur:
        fixer_graine(graine)
    assert str(erreur.value) == f"La graine doit être comprise entre 0 et 2**32 - 1 ; reçu {graine}."


# --------------------------------------------------------------------------
# demarrer
# --------------------------------------------------------------------------

@pytest.fixture
def style_preserve(monkeypatch):
    monkeypatch.setenv("PYTHONHASHSEED", "0")
    with mpl.rc_context():
        yield


def test_demarrer_banniere(monkeypatch, capsys, style_preserve):
    monkeypatch.setenv("COURS_MODE", "rapide")
    monkeypatch.delenv("COURS_APPAREIL", raising=False)
    mpl.rcParams["axes.grid"] = False
    helpers.demarrer(graine=5)
    sortie = capsys.readouterr().out
    premiere, deuxieme = sortie.strip().splitlines()
    assert premiere.startswith("Réseaux de neurones, pas à pas — Python ")
    for morceau in (f"numpy {np.__version__}", f"matplotlib {mpl.__version__}"):
        assert morceau in premiere
    assert "graine : 5" in deuxieme and "mode : rapide" in deuxieme
    assert deuxieme.startswith("appareil : ")
    assert mpl.rcParams["axes.grid"] is True  # le style du cours est appliqué
    # la graine est fixée : les tirages sont ceux de fixer_graine(5)
    tirage = np.random.rand()
    fixer_graine(5)
    assert np.random.rand() == tirage


def test_demarrer_avec_keras(monkeypatch, capsys, style_preserve):
    monkeypatch.setenv("COURS_MODE", "complet")
    helpers.demarrer(graine=0, keras=True)
    sortie = capsys.readouterr().out
    assert f"keras {keras.__version__} (moteur {keras.backend.backend()})" in sortie
    assert "mode : complet" in sortie and "graine : 0" in sortie


def test_demarrer_avec_torch(monkeypatch, capsys, style_preserve):
    monkeypatch.delenv("COURS_APPAREIL", raising=False)
    monkeypatch.setenv("COURS_MODE", "")
    helpers.demarrer(graine=3, torch=True)
    sortie = capsys.readouterr().out
    assert f"torch {torch.__version__}" in sortie
    assert f"appareil : {decrire_appareil()} · graine : 3 · mode : complet" in sortie
    if not CUDA and not MPS:
        assert "appareil : cpu (processeur)" in sortie
    # torch est bien réensemencé
    t = torch.rand(2).tolist()
    fixer_graine(3)
    assert torch.rand(2).tolist() == t


def test_demarrer_torch_gpu_simule(monkeypatch, capsys, style_preserve):
    monkeypatch.setattr(torch.cuda, "is_available", lambda: True)
    monkeypatch.setattr(torch.cuda, "get_device_name", lambda appareil=None: "GPU factice")
    monkeypatch.delenv("COURS_APPAREIL", raising=False)
    helpers.demarrer(torch=True)
    assert "appareil : cuda (GPU factice)" in capsys.readouterr().out


def test_demarrer_mode_invalide(monkeypatch, capsys, style_preserve):
    monkeypatch.setenv("COURS_MODE", "turbo")
    with pytest.raises(ValueError, match="Mode inconnu"):
        helpers.demarrer()
    assert capsys.readouterr().out == ""


@pytest.mark.skipif(CUDA, reason="cette machine a un GPU CUDA")
def test_demarrer_cuda_absent(monkeypatch, capsys, style_preserve):
    monkeypatch.setenv("COURS_APPAREIL", "cuda")
    with pytest.raises(RuntimeError, match="n'est pas disponible"):
        helpers.demarrer(torch=True)
    assert capsys.readouterr().out == ""


def test_banniere_sans_effet(monkeypatch):
    monkeypatch.setenv("COURS_MODE", "rapide")
    etat = np.random.get_state()[1].copy()
    texte = helpers.banniere(42)
    assert "graine : 42" in texte and "mode : rapide" in texte
    np.testing.assert_array_equal(np.random.get_state()[1], etat)


def test_figures_fermees_apres_chaque_cellule_sous_agg(monkeypatch):
    """Sous Agg (tests), demarrer enregistre une seule fois un crochet qui ferme les figures après chaque cellule."""
    import IPython
    import matplotlib.pyplot as plt

    import helpers

    class Evenements:
        def __init__(self):
            import collections

            self.callbacks = collections.defaultdict(list)

        def register(self, nom, fonction):
            self.callbacks[nom].append(fonction)

    class Noyau:
        events = Evenements()

    noyau = Noyau()
    monkeypatch.setattr(IPython, "get_ipython", lambda: noyau)
    plt.figure()
    helpers.demarrer(graine=0)
    helpers.demarrer(graine=0)
    assert noyau.events.callbacks["post_run_cell"] == [helpers._fermer]
    helpers._fermer(None)
    assert plt.get_fignums() == []
