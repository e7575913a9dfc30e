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
