"""Exercices du chapitre 00 : prendre en main le cours."""
import numpy as np

from . import Exercice, Incorrect, PasDeReponse, appeler, comparer_nombre, comparer_tableau, est_vide

__all__ = ["q1", "q2", "q3", "q4", "EXERCICES"]

NOTES = [12, 15, 9, 14, 17, 11]


def _controle_moyenne(moyenne):
    comparer_nombre(moyenne, float(np.mean(NOTES)), "la moyenne", tolerance=1e-9)


q1 = Exercice(
    "Moyenne des notes",
    _controle_moyenne,
    indices=["La moyenne est la somme des notes divisée par leur nombre.",
             "En Python : sum(notes) et len(notes)."],
    solution="moyenne = sum(notes) / len(notes)",
)


def _controle_carre(carre):
    for x in (0, 1, -3, 2.5, 10):
        resultat = appeler(carre, x, nom="carre")
        try:
            ok = np.isclose(float(resultat), x * x)
        except (TypeError, ValueError):
            raise Incorrect(f"carre({x!r}) doit renvoyer un nombre ; elle renvoie {resultat!r}.") from None
        if not ok:
            raise Incorrect(f"carre({x!r}) renvoie {resultat!r}, ce qui n'est pas le carré de {x!r}.")


q2 = Exercice(
    "La fonction carre",
    _controle_carre,
    indices=["Une fonction renvoie sa valeur avec le mot-clé return.",
             "En Python, x puissance 2 s'écrit x ** 2 (ou x * x)."],
    solution="def carre(x):\n    return x ** 2",
)


def _controle_carres(carres):
    if est_vide(carres):
        raise PasDeReponse
    if not isinstance(carres, np.ndarray):
        raise Incorrect(f"On attend un tableau NumPy (np.ndarray) ; vous avez donné un objet de type "
                        f"{type(carres).__name__}. Essayez np.arange.")
    comparer_tableau(carres, np.arange(10) ** 2, "le tableau des carrés")


q3 = Exercice(
    "Les dix premiers carrés avec NumPy",
    _controle_carres,
    indices=["np.arange(10) donne les entiers de 0 à 9.",
             "Les opérations s'appliquent case par case : un tableau ** 2 élève chaque case au carré."],
    solution="carres = np.arange(10) ** 2",
)


def _controle_mode(reponse):
    if est_vide(reponse):
        raise PasDeReponse
    if not isinstance(reponse, str):
        raise Incorrect("On attend une chaîne de caractères, entre guillemets, par exemple \"complet\".")
    if reponse.strip().lower() not in ("rapide", "complet"):
        raise Incorrect("Les deux modes du cours s'appellent « rapide » et « complet ».")
    if reponse.strip().lower() != "rapide":
        raise Incorrect("Relisez la section sur les modes : les tests doivent être courts.")


q4 = Exercice(
    "Le mode des tests",
    _controle_mode,
    indices=["Relisez la section « Mode rapide et mode complet ».",
             "Les tests doivent tourner en quelques secondes."],
    solution="reponse = \"rapide\"",
)

EXERCICES = [q1, q2, q3, q4]
