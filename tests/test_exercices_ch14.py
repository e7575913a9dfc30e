"""Exercices du chapitre 14 : bonnes, mauvaises, partielles et mal typées réponses."""
import numpy as np
import pytest

from helpers.exercices import CORRECT, INCORRECT, VIDE
from helpers.exercices import ch14 as ex

keras = pytest.importorskip("keras")
layers = keras.layers


def _sortie(capsys):
    return capsys.readouterr().out


# ----------------------------------------------------------------- q1
def _modele_q1(pooling=True):
    couches = [keras.Input(shape=(32, 32, 3)), layers.Conv2D(8, 5, padding="same")]
    couches += [layers.MaxPooling2D(2)] if pooling else []
    couches += [layers.Conv2D(16, 3, padding="same")]
    couches += [layers.MaxPooling2D(2)] if pooling else []
    couches += [layers.Flatten(), layers.Dense(10)]
    return keras.Sequential(couches)


def test_q1_reference_egale_a_keras():
    assert ex.nb_poids_q1() == _modele_q1().count_params() == 12026
    assert ex.nb_poids_q1(poolings=0) == _modele_q1(pooling=False).count_params()


def test_q1(essayer_reponses):
    essayer_reponses(ex.q1, bonnes=[12026, np.int64(12026), 12026.0],
                     mauvaises=[ex.nb_poids_q1(biais=False), ex.nb_poids_q1(canaux=False),
                                ex.nb_poids_q1(poolings=0), ex.nb_poids_q1(poolings=1), 12025,
                                "12026", 12026.5, True, [12026], float("nan")])


@pytest.mark.parametrize("reponse, morceau", [
    (ex.nb_poids_q1(biais=False), "biais"), (ex.nb_poids_q1(canaux=False), "canaux"),
    (ex.nb_poids_q1(poolings=0), "MaxPooling2D"), (1776, "dense de sortie"), ("12026", "entier"),
])
def test_q1_messages(capsys, reponse, morceau):
    assert not ex.q1.verifier(reponse)
    sortie = _sortie(capsys)
    assert morceau in sortie and "12026" not in sortie.replace(str(reponse), "")


# ----------------------------------------------------------------- q2
def _invariant(globale=layers.GlobalMaxPooling2D, pooling=False):
    couches = [keras.Input(shape=(16, 16, 3)), layers.Conv2D(8, 3, padding="same", activation="relu")]
    couches += [layers.MaxPooling2D(2)] if pooling else []
    couches += [layers.Conv2D(8, 3, padding="same", activation="relu"), globale(),
                layers.Dense(3, activation="softmax")]
    return keras.Sequential(couches)


def test_q2_bonnes_reponses(capsys):
    for construire in [_invariant, lambda: _invariant(layers.GlobalAveragePooling2D),
                       lambda: _invariant(pooling=True)]:
        keras.utils.set_random_seed(0)
        assert ex.q2.verifier(construire) and ex.q2.etat == CORRECT
    assert "Correct" in _sortie(capsys)


def test_q2_flatten_refuse(capsys):
    keras.utils.set_random_seed(0)

    def avec_flatten():
        return keras.Sequential([
            keras.Input(shape=(16, 16, 3)), layers.Conv2D(4, 3, padding="same", activation="relu"),
            layers.MaxPooling2D(2), layers.Flatten(), layers.Dense(3, activation="softmax")])

    assert not ex.q2.verifier(avec_flatten) and ex.q2.etat == INCORRECT
    assert "Flatten" in _sortie(capsys)


@pytest.mark.parametrize("construire, morceau", [
    (lambda: keras.Sequential([keras.Input(shape=(16, 16, 3)), layers.GlobalAveragePooling2D(),
                               layers.Dense(3, activation="softmax")]), "Conv2D"),
    (lambda: _invariant().layers[0], "modèle Keras"),
    (lambda: keras.Sequential([keras.Input(shape=(16, 16, 3)), layers.Conv2D(4, 3), layers.GlobalMaxPooling2D(),
                               layers.Dense(3)]), "probabilités"),
    (lambda: keras.Sequential([keras.Input(shape=(16, 16, 3)), layers.Conv2D(4, 3), layers.GlobalMaxPooling2D(),
                               layers.Dense(10, activation="softmax")]), "trois"),
    (lambda: keras.Sequential([keras.Input(shape=(8, 8, 3)), layers.Conv2D(4, 3), layers.Flatten(),
                               layers.Dense(3, activation="softmax")]), "(1, 16, 16, 3)"),
    (lambda: keras.Sequential([keras.Input(shape=(16, 16, 3)), layers.Conv2D(64, 3, activation="relu"),
                               layers.Conv2D(64, 3, activation="relu"), layers.GlobalMaxPooling2D(),
                               layers.Dense(3, activation="softmax")]), "restez sous"),
    (lambda: 1 / 0, "ZeroDivisionError"),
    ("modele", "fonction"),
])
def test_q2_mauvaises_reponses(capsys, construire, morceau):
    assert not ex.q2.verifier(construire) and ex.q2.etat == INCORRECT
    assert morceau in _sortie(capsys)


def test_q2_vide(capsys):
    assert not ex.q2.verifier(...) and ex.q2.etat == VIDE
    assert not ex.q2.verifier(lambda: ...) and ex.q2.etat == VIDE


# ----------------------------------------------------------------- q3
def test_q3_reference_identique_a_keras():
    """La simulation d'EarlyStopping coïncide avec le vrai rappel de Keras."""
    class Injecter(keras.callbacks.Callback):
        def on_epoch_end(self, epoque, logs=None):
            logs["val_loss"] = ex.VAL_LOSS_Q3[epoque]

    arret = keras.callbacks.EarlyStopping(monitor="val_loss", patience=ex.PATIENCE_Q3, restore_best_weights=True)
    modele = keras.Sequential([keras.Input(shape=(1,)), layers.Dense(1)])
    modele.compile(loss="mse", optimizer="sgd")
    historique = modele.fit(np.zeros((4, 1)), np.zeros((4, 1)), epochs=len(ex.VAL_LOSS_Q3), verbose=0,
                            callbacks=[Injecter(), arret])
    effectuees, gardee = ex.arret_precoce(ex.VAL_LOSS_Q3, ex.PATIENCE_Q3)
    assert len(historique.history["loss"]) == effectuees == 10
    assert arret.best_epoch + 1 == gardee == 7


def test_q3(capsys):
    assert ex.q3.verifier(10, 7) and ex.q3.etat == CORRECT
    assert ex.q3.verifier(np.int64(10), 7.0)
    _sortie(capsys)
    for mauvaise, morceau in [((9, 6), "à partir de 1"), ((13, 7), "jusqu'au bout"), ((10, 10), "meilleure"),
                              ((6, 5), "record"), ((10, 5), "plus petit"), (("10", 7), "entier"),
                              ((10, 7.5), "entier"), ((None, [7]), "Pas encore de réponse")]:
        assert not ex.q3.verifier(*mauvaise)
        sortie = _sortie(capsys)
        assert morceau in sortie, (mauvaise, sortie)
    assert not ex.q3.verifier(..., 7) and ex.q3.etat == VIDE
    assert not ex.q3.verifier(10, ...) and ex.q3.etat == VIDE


def test_indices_et_solutions(capsys):
    for q in ex.EXERCICES:
        q.indice()
        q.solution()
        sortie = _sortie(capsys)
        assert "Indice 1/" in sortie and "Solution" in sortie
    assert len(ex.EXERCICES) >= 3
