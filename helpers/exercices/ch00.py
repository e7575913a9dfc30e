"""Exercices du chapitre 00 : prendre en main le cours."""
import numpy as np

from . import Exercice, Incorrect, PasDeReponse, appeler, comparer_nombre, comparer_tableau, est_vide, nombre

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
        # nombre() refuse une chaîne comme "9" ou un booléen : on attend un vrai nombre.
        valeur = nombre(resultat, f"le résultat de carre({x!r})")
        if not np.isclose(valeur, x * x):
            raise Incorrect(f"carre({x!r}) renvoie {resultat!r}, ce qui n'est pas le carré de {x!r}.")


q2 = Exercice(
    "La fonction carre",
    _controle_carre,
    indices=["Une fonction renvoie sa valeur avec le mot-clé return.",
             "En Python, x puissance 2 s'écrit x ** 2 (ou x * x) ; attention, x ^ 2 est une tout autre opération."],
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
        raise Incorrect("On attend une chaîne de caractères, c'est-à-dire un mot entre guillemets, "
                        "par exemple \"bonjour\".")
    mot = " ".join(reponse.lower().split())
    for debut in ("le mode ", "mode "):  # « mode rapide » est aussi une bonne réponse
        if mot.startswith(debut):
            mot = mot[len(debut):]
    if mot not in ("rapide", "complet"):
        raise Incorrect("Les deux modes du cours s'appellent « rapide » et « complet ».")
    if mot != "rapide":
        raise Incorrect("Relisez la section sur les modes : les tests doivent être courts.")


q4 = Exercice(
    "Le mode des tests",
    _controle_mode,
    indices=["Relisez la section « Mode rapide et mode complet ».",
             "Les tests doivent tourner en quelques secondes."],
    solution="reponse = \"rapide\"",
)

EXERCICES = [q1, q2, q3, q4]
