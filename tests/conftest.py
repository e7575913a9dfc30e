"""Réglages communs des tests : figures sans écran, TensorFlow discret, hypothesis modéré."""
import os

os.environ.setdefault("MPLBACKEND", "Agg")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

import matplotlib  # noqa: E402

matplotlib.use("Agg")

import pytest  # noqa: E402
from hypothesis import settings  # noqa: E402

settings.register_profile("cours", max_examples=60, deadline=None, database=None)
settings.load_profile("cours")


@pytest.fixture(autouse=True)
def _fermer_figures():
    """Ferme toutes les figures après chaque test."""
    yield
    import matplotlib.pyplot as plt
    plt.close("all")


@pytest.fixture
def essayer_reponses(capsys):
    """Vérifie qu'un exercice accepte chaque bonne réponse, refuse chaque mauvaise, et attend devant ``...``.

    Utilisation : ``essayer_reponses(ex.q1, bonnes=[…], mauvaises=[…])``.
    """
    from helpers.exercices import CORRECT, INCORRECT, VIDE

    def essayer(question, bonnes, mauvaises):
        for bonne in bonnes:
            assert question.verifier(bonne) == True and question.etat == CORRECT, bonne  # noqa: E712
            assert "Correct" in capsys.readouterr().out
        for mauvaise in mauvaises:
            assert question.verifier(mauvaise) == False and question.etat == INCORRECT, mauvaise  # noqa: E712
            assert "Pas encore :" in capsys.readouterr().out
        assert question.verifier(...) == False and question.etat == VIDE  # noqa: E712
        assert "Pas encore de réponse" in capsys.readouterr().out

    return essayer
