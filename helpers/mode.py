"""Mode rapide ou complet du cours.

Les chapitres qui entraînent un réseau lisent leurs paramètres (nombre
d'époques, taille des données…) selon le mode :

* ``complet`` (par défaut) : les valeurs qu'un étudiant doit utiliser ;
* ``rapide`` : de petites valeurs, pour que les tests (``make test``) tournent
  en quelques secondes.

Le mode se choisit avec la variable d'environnement ``COURS_MODE``.
"""
import os

__all__ = ["MODES", "mode", "est_rapide", "selon_mode"]

#: Noms acceptés pour chaque mode (sans tenir compte de la casse).
MODES = {
    "rapide": "rapide", "fast": "rapide", "ci": "rapide", "test": "rapide",
    "complet": "complet", "full": "complet", "": "complet",
}


def mode(valeur=None):
    """Renvoie le mode du cours : ``"rapide"`` ou ``"complet"``.

    La valeur est lue dans ``COURS_MODE`` si ``valeur`` n'est pas donnée. Elle
    est comparée à une liste de noms connus : rien n'est jamais évalué.

    Présenté au chapitre 00.

    >>> mode("Rapide")
    'rapide'
    >>> mode("full")
    'complet'
    """
    if valeur is None:
        valeur = os.environ.get("COURS_MODE", "")
    if not isinstance(valeur, str):
        raise TypeError(f"Le mode doit être une chaîne de caractères, pas {type(valeur).__name__}.")
    cle = valeur.strip().lower()
    if cle not in MODES:
        raise ValueError(
            f"Mode inconnu : {valeur!r}. Valeurs possibles pour COURS_MODE : "
            "« rapide » (tests) ou « complet » (par défaut)."
        )
    return MODES[cle]


def est_rapide():
    """Vrai si le cours tourne en mode rapide.

    Présenté au chapitre 09.

    >>> isinstance(est_rapide(), bool)
    True
    """
    return mode() == "rapide"


def selon_mode(rapide, complet):
    """Choisit une valeur selon le mode courant.

    Présenté au chapitre 00.

    >>> selon_mode(rapide=2, complet=50) == (2 if est_rapide() else 50)
    True
    """
    return rapide if est_rapide() else complet
