"""Aucun chapitre exécuté n'écrit sur la sortie d'erreur (avertissements, journaux de bibliothèques).

Ce que l'étudiant verrait en rouge sous une cellule (un avertissement de NumPy, les lignes de
TensorFlow au démarrage, une barre de progression mal réglée) est une sortie ``stream`` de nom
``stderr`` dans le cahier exécuté. Les chapitres sont pris dans le cache de ``outils.cache``
(``build/executes/<mode>/``) : ceux que ``make livre`` ou ``tests/test_livre.py`` ont déjà exécutés ne
coûtent rien ; les autres sont exécutés une fois et rangés pour le livre et les diapositives.

Le noyau est lancé sans les variables ``PYTEST_*`` (voir ``outils._execution.executer_notebook``) :
sinon ipykernel ne recopierait pas dans le cahier ce qui est écrit directement sur le descripteur 2.

Une sortie anglaise qu'un chapitre montre exprès et explique (un ``fit(verbose=2)``, un ``summary()``)
passe par la liste ``AUTORISATIONS`` : chapitre → motifs (expressions régulières) autorisés, chacun
avec la raison. Tout le reste fait échouer le test.
"""
import os
import re
from pathlib import Path

import pytest

from helpers.mode import mode as mode_courant

RACINE = Path(__file__).resolve().parent.parent
CHAPITRES = sorted((RACINE / "solutions").glob("[0-9][0-9]_*.md"))

#: Chapitre (nom sans extension) → {motif autorisé : raison}. Vide : aucun chapitre n'en a besoin.
AUTORISATIONS: dict[str, dict[str, str]] = {}


def sorties_stderr(carnet):
    """Les textes écrits sur stderr, avec le rang (à partir de 1) de la cellule de code qui les a produits."""
    trouves, rang = [], 0
    for cellule in carnet.cells:
        if cellule.cell_type != "code":
            continue
        rang += 1
        for sortie in cellule.get("outputs", []):
            if sortie.get("output_type") == "stream" and sortie.get("name") == "stderr":
                trouves.append((rang, sortie.get("text", "")))
    return trouves


def non_autorisees(nom, sorties):
    """Les lignes de stderr qu'aucun motif de ``AUTORISATIONS[nom]`` n'explique."""
    motifs = [re.compile(m) for m in AUTORISATIONS.get(nom, {})]
    return [(rang, ligne) for rang, texte in sorties for ligne in texte.splitlines()
            if ligne.strip() and not any(m.search(ligne) for m in motifs)]


def test_les_autorisations_visent_des_chapitres_existants():
    noms = {c.stem for c in CHAPITRES}
    assert set(AUTORISATIONS) <= noms, f"chapitres inconnus dans AUTORISATIONS : {set(AUTORISATIONS) - noms}"
    for nom, motifs in AUTORISATIONS.items():
        assert all(raison.strip() for raison in motifs.values()), f"{nom} : chaque motif autorisé dit pourquoi"


def test_non_autorisees_repere_un_avertissement():
    import nbformat

    sortie = nbformat.v4.new_output("stream", name="stderr", text="UserWarning: attention\n")
    carnet = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("x", outputs=[sortie])])
    assert non_autorisees("00_bienvenue", sorties_stderr(carnet)) == [(1, "UserWarning: attention")]


@pytest.mark.parametrize("chemin", CHAPITRES, ids=lambda c: c.stem)
def test_aucune_sortie_sur_stderr(chemin):
    from outils.cache import cahier_execute

    mode = mode_courant(os.environ.get("COURS_MODE") or "rapide")
    carnet = cahier_execute(chemin, mode)
    fautes = non_autorisees(chemin.stem, sorties_stderr(carnet))
    assert not fautes, (
        f"{chemin.name} (mode {mode}) écrit sur la sortie d'erreur, en rouge pour l'étudiant :\n  "
        + "\n  ".join(f"cellule de code n° {rang} : {ligne[:200]}" for rang, ligne in fautes[:20])
        + "\nCorrigez la cause (réglage de la bibliothèque, verbose=0, tqdm.auto…) ; seule une sortie que le "
          "chapitre montre et explique peut aller dans AUTORISATIONS (tests/test_sorties_d_erreur.py).")
