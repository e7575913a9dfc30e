"""Graine aléatoire : les mêmes tirages à chaque exécution."""
import os
import random
import sys

import numpy as np

__all__ = ["fixer_graine"]


def fixer_graine(graine=0):
    """Fixe la graine de Python, de NumPy, et de Keras et PyTorch s'ils sont chargés.

    Appelez-la après avoir importé keras ou torch (``demarrer`` le fait pour vous).

    Présenté au chapitre 00 (appelée par ``helpers.demarrer``).

    >>> fixer_graine(3)
    3
    >>> import numpy as np; a = np.random.rand(); _ = fixer_graine(3)
    >>> a == np.random.rand()
    True
    """
    if isinstance(graine, bool) or not isinstance(graine, (int, np.integer)):
        raise TypeError(f"La graine doit être un entier, pas {type(graine).__name__}.")
    graine = int(graine)
    if not 0 <= graine < 2**32:
        raise ValueError(f"La graine doit être comprise entre 0 et 2**32 - 1 ; reçu {graine}.")
    os.environ["PYTHONHASHSEED"] = str(graine)
    random.seed(graine)
    np.random.seed(graine)
    if "keras" in sys.modules:
        sys.modules["keras"].utils.set_random_seed(graine)
    if "torch" in sys.modules:
        sys.modules["torch"].manual_seed(graine)
    return graine
