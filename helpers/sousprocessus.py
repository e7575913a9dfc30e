"""Exécuter un petit programme Python dans un processus séparé, avec un autre moteur de Keras.

Présenté au chapitre 06 : le moteur de Keras (TensorFlow, PyTorch, JAX) se choisit
par la variable d'environnement ``KERAS_BACKEND`` **avant** d'importer Keras ; dans
un noyau Jupyter où Keras est déjà chargé, on ne peut plus en changer. On lance
donc le programme dans un interpréteur neuf, qui trouve les modules du cours
(``keras_facile``, ``helpers``) grâce à ``PYTHONPATH``, et on récupère ce qu'il
affiche.
"""
import os
import subprocess
import sys
import textwrap
from pathlib import Path

__all__ = ["RACINE", "executer_avec_moteur"]

#: Dossier qui contient ``keras_facile.py`` et le paquet ``helpers``.
RACINE = Path(__file__).resolve().parent.parent

_MOTEURS = ("tensorflow", "torch", "jax", "numpy")


def executer_avec_moteur(programme, moteur="torch", delai=300):
    """Exécute ``programme`` (du code Python, en texte) avec ``KERAS_BACKEND=moteur`` ; renvoie sa sortie.

    Présenté au chapitre 06.

    Le programme tourne dans un interpréteur neuf (le même que celui du cours),
    qui trouve ``keras_facile`` et ``helpers`` ; les journaux de TensorFlow sont
    coupés. Renvoie ce que le programme a affiché (sa sortie standard). Si le
    programme échoue, lève ``RuntimeError`` avec la fin de son message d'erreur.

    >>> executer_avec_moteur("import os; print(os.environ['KERAS_BACKEND'])")
    'torch\\n'
    """
    if not isinstance(programme, str):
        raise TypeError(f"programme doit être du code Python sous forme de texte ; reçu un objet de type "
                        f"{type(programme).__name__}.")
    if moteur not in _MOTEURS:
        raise ValueError(f"Moteur inconnu : {moteur!r}. Keras 3 connaît {', '.join(_MOTEURS)}.")
    if isinstance(delai, bool) or not isinstance(delai, (int, float)) or not delai > 0:
        raise ValueError(f"delai doit être un nombre de secondes strictement positif ; reçu {delai!r}.")
    chemins = [str(RACINE)] + [c for c in os.environ.get("PYTHONPATH", "").split(os.pathsep) if c]
    environnement = dict(os.environ, KERAS_BACKEND=moteur, TF_CPP_MIN_LOG_LEVEL="3",
                         PYTHONPATH=os.pathsep.join(chemins))
    try:
        resultat = subprocess.run([sys.executable, "-c", textwrap.dedent(programme)], capture_output=True,
                                  text=True, env=environnement, timeout=delai)
    except subprocess.TimeoutExpired:
        raise RuntimeError(f"Le programme n'a pas fini en {delai:g} s.") from None
    if resultat.returncode != 0:
        raise RuntimeError(f"Le programme a échoué (code de retour {resultat.returncode}) :\n"
                           f"{resultat.stderr[-2000:]}")
    return resultat.stdout
