"""helpers.sousprocessus : un programme lancé avec un autre moteur de Keras (chapitre 06)."""
import pytest

from helpers.sousprocessus import executer_avec_moteur


def test_moteur_et_chemin_transmis():
    sortie = executer_avec_moteur("""
        import importlib.util, os
        print(os.environ["KERAS_BACKEND"])
        print(importlib.util.find_spec("keras_facile") is not None)
    """, moteur="jax")
    assert sortie.splitlines() == ["jax", "True"]


def test_echec_explique():
    with pytest.raises(RuntimeError, match="ZeroDivisionError"):
        executer_avec_moteur("1 / 0")
    with pytest.raises(RuntimeError, match="n'a pas fini"):
        executer_avec_moteur("import time; time.sleep(5)", delai=0.5)


@pytest.mark.parametrize("programme, moteur, delai, erreur", [
    (42, "torch", 10, TypeError), ("print(1)", "theano", 10, ValueError),
    ("print(1)", "torch", 0, ValueError), ("print(1)", "torch", "10", ValueError)])
def test_mauvaises_entrees(programme, moteur, delai, erreur):
    with pytest.raises(erreur):
        executer_avec_moteur(programme, moteur, delai)
