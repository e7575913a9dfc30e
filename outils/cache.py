"""Chapitres exécutés une seule fois, partagés par les diapositives et le livre HTML.

Un chapitre exécuté est rangé dans ``build/executes/<mode>/NN_nom-<empreinte>.ipynb``.
L'empreinte couvre le texte du chapitre, le mode, et le code qu'il importe
(``helpers/``, ``keras_facile.py``) ainsi que ``data/`` : si l'un d'eux change,
le chapitre est exécuté de nouveau ; sinon, ``make slides`` puis ``make livre``
(ou les deux tests qui les construisent) ne l'exécutent qu'une fois.

Pendant ``make test``, nbval exécute déjà chaque chapitre de ``solutions/`` : ``tests/conftest.py``
range ces exécutions-là dans le cache (``ranger_cahier_execute``), si bien que les tests des
diapositives et du livre n'exécutent plus rien eux-mêmes quand nbval est passé avant eux.
"""
import contextlib
import fcntl
import hashlib
import os
from pathlib import Path

from outils.generation import RACINE

__all__ = ["DOSSIER_CACHE", "empreinte_chapitre", "cahier_execute", "ranger_cahier_execute"]

DOSSIER_CACHE = Path(os.environ.get("COURS_CACHE_EXECUTION", RACINE / "build" / "executes"))


def _fichiers_dependances():
    fichiers = sorted((RACINE / "helpers").rglob("*.py")) + [RACINE / "keras_facile.py"]
    fichiers += sorted(p for p in (RACINE / "data").rglob("*") if p.is_file())
    return [f for f in fichiers if f.exists() and "__pycache__" not in f.parts]


def empreinte_chapitre(source, mode):
    """Empreinte SHA-256 (16 chiffres hexadécimaux) d'un chapitre, de son mode et de ce qu'il importe.

    >>> from outils._execution import SOLUTIONS
    >>> a = empreinte_chapitre(SOLUTIONS / "00_bienvenue.md", "rapide")
    >>> a == empreinte_chapitre(SOLUTIONS / "00_bienvenue.md", "rapide") != empreinte_chapitre(
    ...     SOLUTIONS / "00_bienvenue.md", "complet")
    True
    """
    h = hashlib.sha256()
    h.update(mode.encode())
    h.update(Path(source).read_bytes())
    for fichier in _fichiers_dependances():
        h.update(str(fichier.relative_to(RACINE)).encode())
        h.update(fichier.read_bytes())
    return h.hexdigest()[:16]


@contextlib.contextmanager
def _entree_verrouillee(source, mode, dossier):
    """Dossier et chemin de l'entrée du cache pour ``source``, sous le verrou du chapitre.

    Un verrou par chapitre : deux processus (tests en parallèle, diapositives et livre) qui demandent
    le même chapitre l'exécutent une seule fois ; le second attend puis lit le résultat.
    """
    source = Path(source)
    dossier = Path(dossier or DOSSIER_CACHE) / mode
    dossier.mkdir(parents=True, exist_ok=True)
    cible = dossier / f"{source.stem}-{empreinte_chapitre(source, mode)}.ipynb"
    with open(dossier / f"{source.stem}.verrou", "w") as verrou:
        fcntl.flock(verrou, fcntl.LOCK_EX)
        try:
            yield dossier, cible
        finally:
            fcntl.flock(verrou, fcntl.LOCK_UN)


def cahier_execute(source, mode, delai=300, dossier=None):
    """Le chapitre ``source`` (``.md``) exécuté en ``mode`` avec ses figures, lu dans le cache ou exécuté.

    Lève ``RuntimeError`` (message français : cellule et erreur) si une cellule échoue.
    """
    import nbformat

    source = Path(source)
    if not source.is_file():
        raise FileNotFoundError(f"Chapitre introuvable : {source}")
    with _entree_verrouillee(source, mode, dossier) as (dossier, cible):
        if cible.exists():
            return nbformat.read(cible, as_version=4)
        return _executer_et_ranger(source, mode, delai, dossier, cible)


def _executer_et_ranger(source, mode, delai, dossier, cible):
    from outils._execution import executer_notebook

    # Même exécution que make bench (noyau neuf, arrêt immédiat), figures gardées, sans suivi des widgets.
    resultat = executer_notebook(source, mode, delai_cellule=delai, figures=True, widgets=False)
    if not resultat.reussi:
        raise RuntimeError(f"{source.name} : la cellule de code n° {resultat.cellule_en_echec} a échoué "
                           f"({resultat.erreur}).")
    _ecrire(resultat.notebook, source, dossier, cible)
    return resultat.notebook


def _ecrire(carnet, source, dossier, cible):
    import nbformat

    for ancien in dossier.glob(f"{source.stem}-*.ipynb"):
        ancien.unlink()
    temporaire = cible.with_suffix(".tmp")
    nbformat.write(carnet, temporaire)
    temporaire.replace(cible)


def ranger_cahier_execute(carnet, source, mode, dossier=None):
    """Range dans le cache un chapitre exécuté ailleurs (par nbval pendant ``make test``), figures comprises.

    ``carnet`` doit avoir été exécuté en entier, sans erreur, en ``mode``, avec l'affichage « inline »
    des figures, à partir du texte actuel de ``source`` (le ``.md``) : l'appelant en répond.
    Renvoie le chemin écrit.
    """
    with _entree_verrouillee(source, mode, dossier) as (dossier, cible):
        _ecrire(carnet, Path(source), dossier, cible)
    return cible
