"""Outils du cours « Réseaux de neurones, pas à pas ».

Chaque chapitre commence par ::

    import helpers
    helpers.demarrer()

qui fixe la graine aléatoire, applique le style des figures et affiche une
bannière : versions des bibliothèques, appareil de calcul, graine et mode.

Modules :

* :mod:`helpers.keras_facile` — poids d'un réseau Keras fixés à la main (livre Deepmath) ;
* :mod:`helpers.activations` — Heaviside, sigmoïde, ReLU, tanh, softmax, GELU ;
* :mod:`helpers.exercices` — exercices avec retour immédiat ;
* :mod:`helpers.graphiques` — style et tracés récurrents ;
* :mod:`helpers.donnees` — jeux de données hors ligne ;
* :mod:`helpers.images` — photographies hors ligne (scikit-image) pour la convolution ;
* :mod:`helpers.images_couleur` — imagettes en couleurs et dossiers d'images (chapitre 14) ;
* :mod:`helpers.graphes` — graphes de calcul dessinés (chapitre 01) ;
* :mod:`helpers.gpt` — le petit GPT de caractères (chapitre 20) ;
* :mod:`helpers.materiel` — choix du GPU ou du processeur ;
* :mod:`helpers.reproductibilite` — graine aléatoire ;
* :mod:`helpers.mode` — mode rapide (tests) ou complet.

La docstring de chaque fonction publique dit dans quel chapitre elle est
présentée (« Présenté au chapitre 05 ») : c'est là qu'on la voit à l'œuvre.
"""
import os
import platform
import sys

# TensorFlow lit ces variables quand sa bibliothèque est chargée, une seule fois : elles doivent
# donc être fixées avant tout import de TensorFlow, y compris celui que fait Keras. D'où leur place
# ici, à l'import de ``helpers`` (la première ligne de chaque chapitre), et non dans demarrer().
# - TF_CPP_MIN_LOG_LEVEL=2 : ni informations ni avertissements du journal C++ de TensorFlow ;
# - les deux lignes anglaises que TensorFlow écrit sur stderr à son chargement (« WARNING: All log
#   messages before absl::InitializeLog() is called… » et « oneDNN custom operations are on… »), que
#   TF_CPP_MIN_LOG_LEVEL ne supprime pas, sont écartées par demarrer(keras=True), qui charge Keras
#   le descripteur 2 détourné (voir _charger_en_silence). On garde ainsi les opérations oneDNN :
#   les désactiver (TF_ENABLE_ONEDNN_OPTS=0) coûtait environ 30 % de temps de calcul aux
#   convolutions du chapitre 14.
# setdefault : une valeur choisie par l'utilisateur est respectée.
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

__version__ = "0.1.0"


def _charger_en_silence(nom):
    """Importe le module ``nom`` en jetant ce que ses bibliothèques C écrivent sur stderr pendant l'import.

    Seul le chargement est concerné : une erreur Python (ImportError…) est levée normalement, et
    tout ce qui est écrit ensuite sur stderr reste visible.

    >>> _charger_en_silence("json").__name__
    'json'
    """
    import importlib

    if nom in sys.modules:
        return sys.modules[nom]
    try:
        sys.stderr.flush()
        sauvegarde = os.dup(2)
    except (OSError, ValueError, AttributeError):  # pas de vrai descripteur 2 : import ordinaire
        return importlib.import_module(nom)
    nul = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(nul, 2)
        return importlib.import_module(nom)
    finally:
        os.dup2(sauvegarde, 2)
        os.close(nul)
        os.close(sauvegarde)
__all__ = ["demarrer", "banniere"]


def banniere(graine=0, avec_keras=False, avec_torch=False):
    """Renvoie la bannière du chapitre (une chaîne de caractères), sans rien modifier.

    Présenté au chapitre 00 (affichée par ``demarrer``).

    >>> "graine : 7" in banniere(7)
    True
    """
    import matplotlib
    import numpy as np

    from .mode import mode

    morceaux = [f"Python {platform.python_version()}", f"numpy {np.__version__}",
                f"matplotlib {matplotlib.__version__}"]
    if avec_keras or "keras" in sys.modules:
        import keras
        morceaux.append(f"keras {keras.__version__} (moteur {keras.backend.backend()})")
    appareil = "cpu (processeur)"
    if avec_torch or "torch" in sys.modules:
        import torch

        from .materiel import decrire_appareil
        morceaux.append(f"torch {torch.__version__}")
        appareil = decrire_appareil()
    return (f"Réseaux de neurones, pas à pas — {' · '.join(morceaux)}\n"
            f"appareil : {appareil} · graine : {graine} · mode : {mode()}")


def demarrer(graine=0, keras=False, torch=False):
    """Prépare un chapitre : charge Keras ou PyTorch si demandé, fixe la graine, règle le style, affiche la bannière.

    ``keras=True`` importe Keras (moteur TensorFlow par défaut, ou celui de
    ``KERAS_BACKEND``) ; ``torch=True`` importe PyTorch et choisit l'appareil
    (voir :func:`helpers.materiel.choisir_appareil`).

    Présenté au chapitre 00.

    >>> demarrer(graine=1)  # doctest: +ELLIPSIS
    Réseaux de neurones, pas à pas — Python ...
    appareil : ... · graine : 1 · mode : ...
    """
    from .graphiques import appliquer_style
    from .materiel import choisir_appareil
    from .mode import mode
    from .reproductibilite import fixer_graine

    mode()  # une valeur invalide de COURS_MODE est signalée dès le début
    if keras:
        _charger_en_silence("keras")
    if torch:
        import torch as _torch  # noqa: F401
        choisir_appareil()  # échoue clairement si COURS_APPAREIL demande un appareil absent
    fixer_graine(graine)
    appliquer_style()
    _fermer_figures_apres_chaque_cellule()
    print(banniere(graine, avec_keras=keras, avec_torch=torch))


def _fermer_figures_apres_chaque_cellule():
    """Avec un moteur matplotlib sans affichage (Agg, celui des tests), ferme les figures après chaque cellule.

    Dans JupyterLab, le moteur « inline » le fait déjà ; sous Agg, les figures
    s'accumuleraient en mémoire d'une cellule à l'autre.
    """
    import matplotlib

    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover
        return
    ip = get_ipython()
    if ip is None or "agg" != matplotlib.get_backend().lower():
        return
    if _fermer not in ip.events.callbacks["post_run_cell"]:
        ip.events.register("post_run_cell", _fermer)


def _fermer(*_):
    import matplotlib.pyplot as plt

    plt.close("all")
