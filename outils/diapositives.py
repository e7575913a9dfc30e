"""Diapositives reveal.js des chapitres, lisibles sans réseau (``make slides``).

Chaque chapitre de ``solutions/`` est exécuté, puis converti en un diaporama
reveal.js (``build/slides/NN_nom.html``) d'après les métadonnées ``slideshow``
de ses cellules : ``slide`` ouvre une diapositive, ``subslide`` une
sous-diapositive (en dessous), ``fragment`` apparaît au clic, ``skip`` est
masqué et ``notes`` va dans la vue de l'orateur (touche ``S``).

Rien n'est chargé depuis Internet au moment de la projection : reveal.js,
MathJax, RequireJS et jQuery sont installés depuis le registre npm
(``diapositives/package.json``, versions figées par ``package-lock.json``) puis
copiés dans ``build/slides/lib/``. Le dossier ``build/slides/`` se copie tel
quel sur une clé USB.

Ligne de commande ::

    python -m outils.diapositives                  # tous les chapitres
    python -m outils.diapositives --chapitre 05    # un seul
    python -m outils.diapositives --sans-execution # structure seule, sans sorties
"""
import argparse
import concurrent.futures
import copy
import html
import multiprocessing
import re
import shutil
import sys
import time
from pathlib import Path

__all__ = ["compter_diapositives", "titre_chapitre", "remplacer_widgets", "construire_diaporama",
           "copier_bibliotheques", "construire_tout", "main"]

RACINE = Path(__file__).resolve().parent.parent
DOSSIER_NPM = RACINE / "diapositives"
GABARIT = DOSSIER_NPM / "gabarit"
SORTIE = RACINE / "build" / "slides"

#: Fichiers copiés de ``diapositives/node_modules`` vers ``lib/`` : (source, destination, motifs ignorés).
BIBLIOTHEQUES = [
    ("reveal.js/dist", "reveal.js/dist", ()),
    ("reveal.js/plugin", "reveal.js/plugin", ()),
    ("reveal.js/LICENSE", "reveal.js/LICENSE", ()),
    ("mathjax", "mathjax", ("unpacked", "test", "Asana-Math", "Gyre-Pagella", "Gyre-Termes",
                            "Latin-Modern", "Neo-Euler", "STIX-Web", "*.md")),
    ("requirejs/require.js", "requirejs/require.js", ()),
    ("jquery/dist/jquery.min.js", "jquery/jquery.min.js", ()),
]

#: Adresses relatives (depuis chaque diaporama) des bibliothèques locales.
ADRESSES = {
    "reveal_url_prefix": "lib/reveal.js",
    "mathjax_url": "lib/mathjax/MathJax.js?config=TeX-AMS_CHTML-full,Safe",
    "require_js_url": "lib/requirejs/require.js",
    "jquery_url": "lib/jquery/jquery.min.js",
}

_WIDGET = "application/vnd.jupyter.widget-view+json"
_MESSAGE_WIDGET = ("<p><em>Ici, un contrôle interactif (curseurs, boutons) : il s'anime dans JupyterLab, "
                   "pendant l'exécution du cahier, ou avec RISE. Le diaporama statique, sans Python "
                   "derrière lui, ne peut pas le faire vivre.</em></p>")


def _type(cellule):
    return cellule.get("metadata", {}).get("slideshow", {}).get("slide_type", "-")


def compter_diapositives(carnet):
    """Nombre de diapositives (sous-diapositives comprises) qu'un diaporama reveal.js affichera.

    La première cellule visible (ni ``skip`` ni ``notes``) ouvre toujours une
    diapositive ; ensuite, chaque cellule ``slide`` ou ``subslide`` en ouvre une.

    >>> import nbformat
    >>> c = nbformat.v4.new_markdown_cell
    >>> carnet = nbformat.v4.new_notebook(cells=[
    ...     c("préparation", metadata={"slideshow": {"slide_type": "skip"}}),
    ...     c("# Titre"), c("suite"),
    ...     c("## Partie", metadata={"slideshow": {"slide_type": "slide"}}),
    ...     c("détail", metadata={"slideshow": {"slide_type": "subslide"}}),
    ...     c("au clic", metadata={"slideshow": {"slide_type": "fragment"}})])
    >>> compter_diapositives(carnet)
    3
    """
    types = [_type(cellule) for cellule in carnet["cells"]]
    visibles = [i for i, t in enumerate(types) if t not in ("skip", "notes")]
    if not visibles:
        raise ValueError("Toutes les cellules sont masquées (skip ou notes) : le diaporama serait vide.")
    return 1 + sum(t in ("slide", "subslide") for t in types[visibles[0] + 1:])


def titre_chapitre(carnet, defaut="Chapitre"):
    """Titre du chapitre : le premier titre Markdown de niveau 1 (``# …``).

    >>> import nbformat
    >>> titre_chapitre(nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# Chapitre 05 — Réseau")]))
    'Chapitre 05 — Réseau'
    """
    for cellule in carnet["cells"]:
        if cellule["cell_type"] == "markdown":
            trouve = re.search(r"^#\s+(.+?)\s*$", cellule["source"], flags=re.MULTILINE)
            if trouve:
                return trouve.group(1)
    return defaut


def remplacer_widgets(carnet):
    """Remplace chaque sortie de widget par un court message : sans noyau, un curseur ne ferait rien.

    La représentation texte (``interactive(children=…)``) serait illisible
    sur une diapositive. Le carnet est modifié sur place et renvoyé.

    >>> import nbformat
    >>> sortie = nbformat.v4.new_output("display_data", data={
    ...     "application/vnd.jupyter.widget-view+json": {"model_id": "x"}, "text/plain": "interactive(...)"})
    >>> carnet = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("w", outputs=[sortie])])
    >>> "JupyterLab" in remplacer_widgets(carnet).cells[0].outputs[0].data["text/html"]
    True
    """
    for cellule in carnet["cells"]:
        for sortie in cellule.get("outputs", []):
            donnees = sortie.get("data", {})
            if _WIDGET in donnees:
                sortie["data"] = {"text/html": _MESSAGE_WIDGET, "text/plain": "[contrôle interactif]"}
    carnet.get("metadata", {}).pop("widgets", None)
    return carnet


def _dossier_npm(dossier_npm):
    modules = Path(dossier_npm) / "node_modules"
    if not (modules / "reveal.js").is_dir() or not (modules / "mathjax").is_dir():
        raise FileNotFoundError(
            f"Les bibliothèques des diapositives sont absentes de {modules}. Lancez « make slides », "
            f"qui les installe (npm ci dans {Path(dossier_npm).name}/), ou installez Node.js et npm."
        )
    return modules


def copier_bibliotheques(sortie=SORTIE, dossier_npm=DOSSIER_NPM):
    """Copie reveal.js, MathJax, RequireJS et jQuery dans ``sortie/lib`` et renvoie ce dossier.

    >>> copier_bibliotheques("/nulle/part", dossier_npm="/nulle/part")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    FileNotFoundError: Les bibliothèques des diapositives sont absentes de ...
    """
    modules = _dossier_npm(dossier_npm)
    lib = Path(sortie) / "lib"
    for source, destination, ignores in BIBLIOTHEQUES:
        depart, arrivee = modules / source, lib / destination
        if arrivee.exists():
            continue
        arrivee.parent.mkdir(parents=True, exist_ok=True)
        if depart.is_dir():
            shutil.copytree(depart, arrivee, ignore=shutil.ignore_patterns(*ignores))
        else:
            shutil.copy2(depart, arrivee)
    return lib


def _exporteur():
    from nbconvert import SlidesExporter
    from traitlets.config import Config

    config = Config()
    for nom, valeur in ADRESSES.items():
        setattr(config.SlidesExporter, nom, valeur)
    config.SlidesExporter.language_code = "fr"
    config.SlidesExporter.reveal_scroll = True
    config.SlidesExporter.reveal_number = "c/t"
    config.SlidesExporter.reveal_theme = "white"  # ses polices sont locales (d'autres thèmes appellent Google Fonts)
    config.SlidesExporter.reveal_width = "1280"
    config.SlidesExporter.reveal_height = "900"
    config.SlidesExporter.extra_template_basedirs = [str(GABARIT.parent)]
    config.SlidesExporter.template_name = GABARIT.name
    return SlidesExporter(config=config)


def construire_diaporama(source, sortie=SORTIE, executer=True, delai=300):
    """Exécute un chapitre (fichier ``.md`` Jupytext ou ``.ipynb``) et écrit son diaporama HTML.

    Renvoie ``(chemin du diaporama, nombre de diapositives attendu)``. Le
    dossier ``sortie/lib`` doit déjà contenir les bibliothèques (voir
    :func:`copier_bibliotheques`).

    >>> construire_diaporama("absent.md")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    FileNotFoundError: Chapitre introuvable : absent.md
    """
    import jupytext

    source = Path(source)
    if not source.is_file():
        raise FileNotFoundError(f"Chapitre introuvable : {source}")
    carnet = jupytext.read(source)
    attendu = compter_diapositives(carnet)
    if executer:
        from helpers.mode import mode

        from .cache import cahier_execute

        # Chapitre exécuté une seule fois pour les diapositives et le livre (outils.cache) : noyau neuf,
        # figures gardées, sans suivi des widgets (la figure d'un interact arrive dans la cellule).
        try:
            carnet = cahier_execute(source, mode(), delai=delai)
        except RuntimeError as erreur:
            raise RuntimeError(f"{erreur} Le diaporama n'est pas écrit.") from None
    remplacer_widgets(carnet)
    carnet.metadata["title"] = titre_chapitre(carnet, defaut=source.stem)
    corps, _ = _exporteur().from_notebook_node(copy.deepcopy(carnet))
    cible = Path(sortie) / f"{source.stem}.html"
    cible.parent.mkdir(parents=True, exist_ok=True)
    cible.write_text(corps, encoding="utf-8")
    return cible, attendu


def _construire_chronometre(source, sortie, executer):
    debut = time.perf_counter()
    cible, attendu = construire_diaporama(source, sortie, executer=executer)
    return cible, attendu, time.perf_counter() - debut


def _ecrire_index(sortie, diaporamas):
    lignes = "\n".join(
        f'<li><a href="{html.escape(chemin.name)}">{html.escape(titre)}</a> — {n} diapositives</li>'
        for chemin, titre, n in diaporamas
    )
    page = f"""<!DOCTYPE html>
<html lang="fr">
<head><meta charset="utf-8"><title>Réseaux de neurones, pas à pas — diapositives</title>
<style>body {{ font-family: sans-serif; max-width: 50em; margin: 2em auto; line-height: 1.6; }}</style>
</head>
<body>
<h1>Réseaux de neurones, pas à pas — diapositives</h1>
<p>Ouvrez un chapitre, puis : flèches pour avancer, <kbd>Échap</kbd> pour la vue d'ensemble,
<kbd>S</kbd> pour la vue de l'orateur (notes), <kbd>F</kbd> pour le plein écran.
Tout est local : aucune connexion n'est nécessaire.</p>
<ul>
{lignes}
</ul>
</body>
</html>
"""
    index = Path(sortie) / "index.html"
    index.write_text(page, encoding="utf-8")
    return index


def _arreter(groupe):
    """Annule les chapitres en attente et interrompt ceux en cours (processus du groupe et leurs noyaux)."""
    processus = list((getattr(groupe, "_processes", None) or {}).values())
    groupe.shutdown(wait=False, cancel_futures=True)
    for p in processus:
        _terminer_arbre(p.pid)


def _terminer_arbre(pid):
    """Termine un processus et ses descendants (le noyau Jupyter lancé par le chapitre)."""
    try:
        import psutil

        parent = psutil.Process(pid)
        enfants = parent.children(recursive=True)
        for p in [*enfants, parent]:
            try:
                p.terminate()
            except psutil.Error:
                pass
        psutil.wait_procs([*enfants, parent], timeout=5)
    except Exception:  # noqa: BLE001 — processus déjà fini
        pass


def construire_tout(solutions=RACINE / "solutions", sortie=SORTIE, chapitres=None, executer=True,
                    travaux=2, afficher=print):
    """Construit un diaporama par chapitre et une page d'accueil ``index.html`` ; renvoie les chemins.

    ``chapitres`` restreint aux numéros donnés (``["05"]``) ; ``travaux``
    chapitres s'exécutent en parallèle, chacun dans son propre noyau.

    >>> construire_tout(chapitres=["98"])  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: Chapitre introuvable dans .../solutions : 98 (chapitres présents : 00, 01, ...).
    """
    from ._execution import lister_cahiers

    sources = lister_cahiers(solutions, chapitres)
    copier_bibliotheques(sortie)

    # Un processus par chapitre en cours (et non un fil) : nbclient lancé depuis plusieurs fils
    # d'un même processus peut rester bloqué indéfiniment (observé ici sur un chapitre sur onze).
    # Au premier échec, la construction s'arrête aussitôt : les chapitres en attente sont annulés
    # et ceux en cours interrompus, au lieu d'attendre qu'ils finissent pour rien.
    contexte = multiprocessing.get_context("spawn")
    groupe = concurrent.futures.ProcessPoolExecutor(max_workers=max(1, travaux), mp_context=contexte)
    try:
        taches = [groupe.submit(_construire_chronometre, source, sortie, executer) for source in sources]
        for tache in concurrent.futures.as_completed(taches):
            cible, attendu, duree = tache.result()  # lève l'erreur du premier chapitre en échec
            afficher(f"  {cible.name} : {attendu} diapositives ({duree:.0f} s)")
        resultats = [tache.result()[:2] for tache in taches]
    except BaseException:
        _arreter(groupe)
        raise
    groupe.shutdown(wait=True)
    import jupytext

    diaporamas = [(cible, titre_chapitre(jupytext.read(source), source.stem), n)
                  for source, (cible, n) in zip(sources, resultats)]
    index = _ecrire_index(sortie, diaporamas)
    afficher(f"Diapositives prêtes : ouvrez {index}")
    return [cible for cible, _ in resultats]


def main(arguments=None):
    """Point d'entrée de ``python -m outils.diapositives`` (voir ``--help``).

    >>> main(["--chapitre", "98"])  # doctest: +ELLIPSIS
    Chapitre introuvable dans .../solutions : 98 (chapitres présents : 00, 01, ...).
    1
    """
    analyseur = argparse.ArgumentParser(prog="python -m outils.diapositives",
                                        description="Construit les diapositives reveal.js des chapitres (hors ligne).")
    analyseur.add_argument("--chapitre", action="append", help="numéro du chapitre (répétable), par exemple 05")
    analyseur.add_argument("--sortie", default=str(SORTIE), help="dossier de sortie (build/slides par défaut)")
    analyseur.add_argument("--sans-execution", action="store_true", help="ne pas exécuter les cahiers (pas de sorties)")
    analyseur.add_argument("--travaux", type=int, default=2, help="chapitres exécutés en parallèle (2 par défaut)")
    options = analyseur.parse_args(arguments)
    try:
        construire_tout(sortie=Path(options.sortie), chapitres=options.chapitre,
                        executer=not options.sans_execution, travaux=options.travaux)
    except (FileNotFoundError, ValueError, RuntimeError) as erreur:
        print(erreur)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
