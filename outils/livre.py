"""Le cours en livre HTML hors ligne (``make livre``) : Sphinx, MyST-NB et le thème sphinx-book-theme.

Chaque chapitre de ``solutions/`` est exécuté (ou relu dans le cache partagé
avec les diapositives, :mod:`outils.cache`), puis Sphinx écrit un site statique
dans ``build/livre/`` : une page par chapitre avec ses sorties, figures et
formules, une table des matières par partie, une recherche, des liens
précédent/suivant, le lexique des annexes et les licences.

Le site fonctionne sans réseau, depuis ``file://`` ou n'importe quel serveur
statique : le thème embarque ses polices et icônes, MathJax est copié depuis
``diapositives/node_modules`` (installé par npm, comme pour les diapositives),
et les widgets, qui ont besoin d'un noyau Python, sont remplacés par une note
qui renvoie à JupyterLab.

Ligne de commande ::

    python -m outils.livre                    # tout le cours
    python -m outils.livre --chapitre 05      # un seul chapitre (avec l'accueil)
    python -m outils.livre --sans-execution   # structure seule, sans sorties
"""
import argparse
import concurrent.futures
import html
import multiprocessing
import shutil
import subprocess
import sys
import time
from pathlib import Path

from outils.generation import RACINE

__all__ = ["PARTIES", "partie_du_chapitre", "preparer_sources", "construire_livre", "main"]

SORTIE = RACINE / "build" / "livre"
SOURCES = RACINE / "build" / "livre_sources"

#: Les parties du cours : (titre, premier numéro, dernier numéro).
PARTIES = [
    ("Partie I — Analyse et réseaux de neurones", 0, 10),
    ("Partie II — Algèbre et convolution", 11, 16),
    ("Partie III — Séquences, plongements et ChatGPT", 17, 98),
    ("Annexes", 99, 99),
]

_WIDGET = "application/vnd.jupyter.widget-view+json"
_NOTE_WIDGET = ('<div class="admonition note"><p class="admonition-title">Contrôle interactif</p>'
                "<p>Ici, le cahier affiche des curseurs ou des boutons. Une page web n'a pas de noyau "
                "Python pour les faire vivre : ouvrez ce chapitre dans JupyterLab (<code>make lab</code>) "
                "pour jouer avec.</p></div>")

_CONF = '''# Configuration Sphinx écrite par outils/livre.py (ne pas modifier : elle est régénérée).
project = "Réseaux de neurones, pas à pas"
author = "Les auteurs du cours"
copyright = "textes CC BY-NC-SA 4.0, code MIT"
language = "fr"
extensions = ["myst_nb"]
nb_execution_mode = "off"          # les chapitres arrivent déjà exécutés (outils.cache)
nb_merge_streams = True
nb_output_stderr = "remove"
nb_ipywidgets_js = {{}}              # aucun script de widgets chargé depuis un CDN
myst_enable_extensions = ["dollarmath", "amsmath"]
suppress_warnings = ["mystnb.unknown_mime_type", "myst.header", "misc.highlighting_failure"]
exclude_patterns = ["_build"]
html_theme = "sphinx_book_theme"
html_title = "Réseaux de neurones, pas à pas"
html_static_path = ["_static"]
html_last_updated_fmt = None
html_show_sourcelink = False
html_show_search_summary = False   # les extraits seraient lus par fetch(), refusé depuis file://
html_copy_source = False
html_theme_options = {{
    "show_toc_level": 2,
    "use_download_button": False,
    "use_fullscreen_button": False,
    "navigation_with_keys": True,
    "home_page_in_toc": True,
    "search_bar_text": "Rechercher dans le cours…",
}}
# MathJax 2 local (copié de diapositives/node_modules), jamais un CDN.
mathjax_path = "mathjax/MathJax.js?config=TeX-AMS_CHTML-full,Safe"
mathjax2_config = {{"tex2jax": {{"inlineMath": [["\\\\(", "\\\\)"]], "displayMath": [["\\\\[", "\\\\]"]],
                                "processEscapes": True, "ignoreClass": "document",
                                "processClass": "math|output_area"}}}}
html_context = {{"default_mode": "light"}}  # sinon le thème écrit une erreur dans la console (mode vide)
mathjax3_config = None
'''


def partie_du_chapitre(numero):
    """Titre de la partie d'un chapitre, d'après son numéro.

    >>> partie_du_chapitre(5)
    'Partie I — Analyse et réseaux de neurones'
    >>> partie_du_chapitre(99)
    'Annexes'
    """
    for titre, premier, dernier in PARTIES:
        if premier <= int(numero) <= dernier:
            return titre
    raise ValueError(f"Numéro de chapitre hors des parties du cours : {numero}")


def _preparer_cahier(carnet):
    """Retire ce qu'une page statique ne peut pas montrer : widgets (remplacés par une note), cellules skip."""
    for cellule in carnet.cells:
        for sortie in cellule.get("outputs", []):
            if _WIDGET in sortie.get("data", {}):
                sortie["data"] = {"text/html": _NOTE_WIDGET, "text/plain": "[contrôle interactif]"}
        cellule.get("metadata", {}).pop("jupyter", None)
    carnet.metadata.pop("widgets", None)
    carnet.metadata.pop("jupytext", None)
    return carnet


def _titre(carnet, defaut):
    from outils.diapositives import titre_chapitre

    return titre_chapitre(carnet, defaut)


def _executer(source, mode, executer):
    import jupytext

    if not executer:
        return source, jupytext.read(source), 0.0
    from outils.cache import cahier_execute

    debut = time.perf_counter()
    return source, cahier_execute(source, mode), time.perf_counter() - debut


def _copier_mathjax(statique):
    from outils.diapositives import BIBLIOTHEQUES, DOSSIER_NPM, _dossier_npm

    modules = _dossier_npm(DOSSIER_NPM)
    ignores = next(i for s, _, i in BIBLIOTHEQUES if s == "mathjax")
    cible = statique / "mathjax"
    if not cible.exists():
        shutil.copytree(modules / "mathjax", cible, ignore=shutil.ignore_patterns(*ignores))


def _page_licences():
    contenu = (RACINE / "LICENCE-CONTENU.md").read_text(encoding="utf-8")
    code = (RACINE / "LICENSE").read_text(encoding="utf-8")
    donnees = (RACINE / "data" / "README.md").read_text(encoding="utf-8")
    return ("# Licences\n\n## Les textes du cours\n\n" + contenu.split("\n", 1)[1]
            + "\n\n## Le code\n\n```text\n" + code + "\n```\n\n## Les données\n\n"
            + donnees.split("\n", 1)[1].replace("\n# ", "\n### ").replace("\n## ", "\n### "))


def preparer_sources(chapitres, sources=SOURCES):
    """Écrit le projet Sphinx dans ``sources`` : conf.py, accueil, chapitres exécutés, licences.

    ``chapitres`` est une liste de ``(chemin du .md, cahier exécuté)``.
    """
    import nbformat

    sources = Path(sources)
    if sources.exists():
        shutil.rmtree(sources)
    (sources / "_static").mkdir(parents=True)
    (sources / "conf.py").write_text(_CONF.format(), encoding="utf-8")
    _copier_mathjax(sources / "_static")
    par_partie = {}
    for chemin, carnet in chapitres:
        nbformat.write(_preparer_cahier(carnet), sources / f"{chemin.stem}.ipynb")
        par_partie.setdefault(partie_du_chapitre(chemin.name[:2]), []).append(chemin.stem)
    blocs = []
    for titre, _, _ in PARTIES:
        if titre in par_partie:
            noms = "\n".join(par_partie[titre])
            blocs.append(f"```{{toctree}}\n:caption: {titre}\n:maxdepth: 1\n\n{noms}\n```\n")
    blocs.append("```{toctree}\n:caption: À propos\n:maxdepth: 1\n\nlicences\n```\n")
    accueil = f"""# Réseaux de neurones, pas à pas

Un cours en français pour comprendre les réseaux de neurones en partant des
mathématiques du lycée, de la dérivée jusqu'à un petit GPT qui écrit en
français. Chaque chapitre est un cahier Jupyter : ce livre en montre la
version complète, exécutée, avec ses figures et ses résultats.

Pour **faire** les exercices (et voir vivre les curseurs, qu'une page web ne
peut pas animer), ouvrez le cours dans JupyterLab : `make lab` à la racine du
dépôt (voir le `README.md`). La barre de recherche, en haut à gauche, trouve un
terme dans tout le cours ; le lexique français–anglais est dans les annexes.

{chr(10).join(blocs)}
"""
    (sources / "index.md").write_text(accueil, encoding="utf-8")
    (sources / "licences.md").write_text(_page_licences(), encoding="utf-8")
    return sources


def construire_livre(chapitres=None, sortie=SORTIE, executer=True, mode=None, travaux=2, afficher=print,
                     sources=SOURCES):
    """Construit le livre HTML ; renvoie le chemin de sa page d'accueil (``index.html``)."""
    import multiprocessing as _mp  # noqa: F401 — contexte « spawn » ci-dessous

    from outils._execution import lister_cahiers
    from helpers.mode import mode as mode_courant

    mode = mode or mode_courant()
    fichiers = lister_cahiers(RACINE / "solutions", chapitres)
    contexte = multiprocessing.get_context("spawn")
    resultats = {}
    with concurrent.futures.ProcessPoolExecutor(max_workers=max(1, travaux), mp_context=contexte) as groupe:
        taches = [groupe.submit(_executer, f, mode, executer) for f in fichiers]
        try:
            for tache in concurrent.futures.as_completed(taches):
                source, carnet, duree = tache.result()
                resultats[source] = carnet
                afficher(f"  {source.stem} : prêt ({duree:.0f} s)")
        except BaseException:
            for tache in taches:
                tache.cancel()
            raise
    projet = preparer_sources([(f, resultats[f]) for f in fichiers], sources)
    sortie = Path(sortie)
    if sortie.exists():
        shutil.rmtree(sortie)
    commande = [sys.executable, "-m", "sphinx", "-b", "html", "-q", "-j", "1", "-E", str(projet), str(sortie)]
    fini = subprocess.run(commande, capture_output=True, text=True)
    if fini.returncode != 0:
        raise RuntimeError("Sphinx n'a pas pu construire le livre :\n" + (fini.stderr or fini.stdout)[-3000:])
    index = sortie / "index.html"
    afficher(f"Livre prêt : ouvrez {index}")
    return index


def main(arguments=None):
    """Point d'entrée de ``python -m outils.livre`` (voir ``--help``)."""
    analyseur = argparse.ArgumentParser(prog="python -m outils.livre",
                                        description="Construit le cours en livre HTML hors ligne (build/livre/).")
    analyseur.add_argument("--chapitre", action="append", help="numéro du chapitre (répétable), par exemple 05")
    analyseur.add_argument("--sortie", default=str(SORTIE), help="dossier de sortie (build/livre par défaut)")
    analyseur.add_argument("--sans-execution", action="store_true", help="ne pas exécuter les cahiers (pas de sorties)")
    analyseur.add_argument("--travaux", type=int, default=2, help="chapitres exécutés en parallèle (2 par défaut)")
    options = analyseur.parse_args(arguments)
    try:
        construire_livre(options.chapitre, Path(options.sortie), executer=not options.sans_execution,
                         travaux=options.travaux)
    except (FileNotFoundError, ValueError, RuntimeError) as erreur:
        print(html.unescape(str(erreur)))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
