"""Copies exécutées des chapitres, pour présenter avec RISE (``make presentation``).

``make notebooks`` écrit des cahiers sans sorties : un diaporama RISE ouvert dessus n'a ni figures
ni résultats tant que l'enseignant n'a pas tout exécuté. Ce module écrit, pour chaque chapitre de
``solutions/``, une copie exécutée ``build/presentation/NN_nom.ipynb`` : figures et résultats y sont
déjà, et les réglages de RISE (défilement, navigation linéaire) sont dans ses métadonnées.

Les chapitres sont exécutés une seule fois (cache partagé avec ``make slides`` et ``make livre``,
voir :mod:`outils.cache`). Les copies ne sont pas appariées à un ``.md`` (Jupytext les laisse seules) :
les modifier ne change pas le cours.

Ligne de commande ::

    python -m outils.presentation                  # tous les chapitres
    python -m outils.presentation --chapitre 08    # un seul (répétable)
"""
import argparse
import concurrent.futures
import multiprocessing
import sys
from pathlib import Path

from outils.generation import RACINE

__all__ = ["SORTIE", "preparer_pour_presenter", "ecrire_presentations", "main"]

SORTIE = RACINE / "build" / "presentation"

_WIDGET = "application/vnd.jupyter.widget-view+json"
_MESSAGE_WIDGET = ("<p><em>Les curseurs apparaissent quand la cellule est exécutée (Maj+Entrée), "
                   "dans le cahier ou dans le diaporama.</em></p>")


def preparer_pour_presenter(carnet):
    """Prépare un chapitre exécuté pour RISE ; le carnet est modifié sur place et renvoyé.

    Réglages de RISE et kernelspec de JupyterLab dans les métadonnées ; copie non appariée par
    Jupytext ; un widget enregistré (sans noyau derrière lui, il s'afficherait en erreur) est
    remplacé par une phrase qui dit de réexécuter la cellule.

    >>> import nbformat
    >>> sortie = nbformat.v4.new_output("display_data", data={_WIDGET: {"model_id": "x"}, "text/plain": "interactive"})
    >>> cellule = nbformat.v4.new_code_cell("w", outputs=[sortie])
    >>> carnet = preparer_pour_presenter(nbformat.v4.new_notebook(cells=[cellule]))
    >>> carnet.metadata["rise"]["navigationMode"], carnet.metadata["jupytext"]["formats"]
    ('linear', 'ipynb')
    >>> "Maj+Entrée" in carnet.cells[0].outputs[0].data["text/html"]
    True
    >>> preparer_pour_presenter("08")
    Traceback (most recent call last):
    ...
    TypeError: Un cahier nbformat est attendu, pas str.
    """
    from outils.generation import metadonnees_de_presentation

    if not hasattr(carnet, "cells") or not hasattr(carnet, "metadata"):
        raise TypeError(f"Un cahier nbformat est attendu, pas {type(carnet).__name__}.")
    metadonnees_de_presentation(carnet.metadata)
    carnet.metadata.setdefault("jupytext", {})["formats"] = "ipynb"
    carnet.metadata.pop("widgets", None)
    for cellule in carnet.cells:
        for sortie in cellule.get("outputs", []):
            if _WIDGET in sortie.get("data", {}):
                sortie["data"] = {"text/html": _MESSAGE_WIDGET, "text/plain": "[curseurs : exécutez la cellule]"}
    return carnet


def _une_presentation(source, mode, sortie):
    import nbformat

    from outils.cache import cahier_execute

    carnet = preparer_pour_presenter(cahier_execute(source, mode))
    cible = Path(sortie) / f"{Path(source).stem}.ipynb"
    nbformat.write(carnet, cible)
    return cible


def ecrire_presentations(chapitres=None, sortie=SORTIE, mode=None, travaux=2, afficher=print):
    """Écrit une copie exécutée de chaque chapitre dans ``sortie`` ; renvoie les chemins écrits."""
    from outils._execution import lister_cahiers
    from helpers.mode import mode as mode_courant

    mode = mode or mode_courant()
    sources = lister_cahiers(RACINE / "solutions", chapitres)
    Path(sortie).mkdir(parents=True, exist_ok=True)
    contexte = multiprocessing.get_context("spawn")  # comme outils.livre : un processus par chapitre
    with concurrent.futures.ProcessPoolExecutor(max_workers=max(1, travaux), mp_context=contexte) as groupe:
        ecrits = []
        for tache in [groupe.submit(_une_presentation, source, mode, sortie) for source in sources]:
            cible = tache.result()
            afficher(f"  {cible.relative_to(RACINE) if RACINE in cible.parents else cible}")
            ecrits.append(cible)
    afficher(f"Copies pour présenter prêtes dans {sortie} : ouvrez-en une dans JupyterLab, puis le bouton RISE.")
    return ecrits


def main(arguments=None):
    """Point d'entrée de ``python -m outils.presentation`` (voir ``--help``)."""
    analyseur = argparse.ArgumentParser(prog="python -m outils.presentation",
                                        description="Écrit des copies exécutées des chapitres pour présenter "
                                                    "(build/presentation/).")
    analyseur.add_argument("--chapitre", action="append", help="numéro du chapitre (répétable), par exemple 08")
    analyseur.add_argument("--sortie", default=str(SORTIE), help="dossier de sortie (build/presentation par défaut)")
    analyseur.add_argument("--travaux", type=int, default=2, help="chapitres exécutés en parallèle (2 par défaut)")
    options = analyseur.parse_args(arguments)
    try:
        ecrire_presentations(options.chapitre, Path(options.sortie), travaux=options.travaux)
    except (FileNotFoundError, ValueError, RuntimeError) as erreur:
        print(erreur, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
