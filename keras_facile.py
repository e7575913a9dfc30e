"""Module de compatibilité : ``from keras_facile import *`` comme dans le livre Deepmath.

Tout le code est dans :mod:`helpers.keras_facile`.
"""
from helpers.keras_facile import *  # noqa: F401,F403
from helpers.keras_facile import __all__  # noqa: F401
