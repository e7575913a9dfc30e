"""Le diaporama de l'enseignant : jupyterlab-rise dans JupyterLab, dans un vrai navigateur (issue 17).

JupyterLab est lancé comme dans ``tests/test_navigateur_lab.py`` (même serveur, mêmes précautions)
sur un petit cahier fait comme ceux du cours : métadonnées de diaporama, réglages ``rise`` écrits par
le générateur (:func:`outils.generation.metadonnees_de_presentation`), un ``interact`` qui dessine
une figure, une diapositive trop haute pour l'écran. Chromium exécute tout, choisit la première
cellule, puis ouvre le diaporama par le bouton RISE de la barre d'outils. Le test vérifie :

- que le curseur de l'``interact`` est dessiné dans le diaporama (et non le texte
  ``interactive(children=…)`` : c'était le cas avec jupyterlab-widgets ≥ 3.0.10) ;
- que la flèche droite visite toutes les diapositives, sous-diapositives comprises, dans l'ordre
  (``navigationMode: "linear"``) ;
- que la diapositive haute défile à la molette (``scroll: true``).

Captures dans ``build/`` : ``rise_widget.png``, ``rise_haute.png`` (avant et après la molette :
``rise_haute_defilee.png``) et ``rise_console.txt``.
"""
import time

import nbformat
import pytest

from outils.generation import metadonnees_de_presentation

from test_navigateur_lab import (DOSSIER_BUILD, Observateur, cliquer_menu, ecrire_reglages_jupyterlab,
                                  fermer_dialogues, serveur_jupyterlab)

DELAI = 240  # secondes, pour chaque attente (machine chargée : le diaporama met parfois une minute)
LIGNES_HAUTES = 70  # une cellule de code de 70 lignes ne tient pas dans la hauteur d'une diapositive


def _cellule(type_cellule, source, diapositive):
    fabrique = nbformat.v4.new_markdown_cell if type_cellule == "markdown" else nbformat.v4.new_code_cell
    return fabrique(source, metadata={"slideshow": {"slide_type": diapositive}})


def cahier_de_demonstration():
    """Quatre diapositives (deux sous-diapositives), un ``interact`` et une diapositive haute."""
    cellules = [
        _cellule("markdown", "# Chapitre 99 — Essai du diaporama", "slide"),
        _cellule("code", "import ipywidgets as widgets\nimport matplotlib.pyplot as plt", "skip"),
        _cellule("markdown", "## Un curseur", "slide"),
        _cellule("code", "def dessiner(pente=1.0):\n    plt.plot([0, 1], [0, pente])\n    plt.show()\n\n\n"
                         "_ = widgets.interact(dessiner, pente=widgets.FloatSlider(value=1.0, min=0.0, max=2.0, "
                         "step=0.1))", "-"),
        _cellule("markdown", "## Une diapositive haute", "subslide"),
        _cellule("code", "\n".join(f"x{i} = {i}" for i in range(LIGNES_HAUTES)) + "\nprint('fin de la diapositive')",
                 "-"),
        _cellule("markdown", "## Fin", "subslide"),
    ]
    carnet = nbformat.v4.new_notebook(cells=cellules)
    metadonnees_de_presentation(carnet.metadata)
    return carnet


@pytest.fixture(scope="module")
def serveur_rise(tmp_path_factory):
    base = tmp_path_factory.mktemp("rise")
    dossier = base / "cahiers"
    dossier.mkdir()
    carnet = cahier_de_demonstration()
    nbformat.write(carnet, dossier / "99_essai_rise.ipynb")
    config = base / "config"
    ecrire_reglages_jupyterlab(config)
    # Cellules toutes dessinées (pas de fenêtrage) : le curseur doit exister dans la page du cahier.
    suivi = config / "lab" / "user-settings" / "@jupyterlab" / "notebook-extension"
    suivi.mkdir(parents=True)
    (suivi / "tracker.jupyterlab-settings").write_text('{"windowingMode": "none"}', encoding="utf-8")
    with serveur_jupyterlab(base, dossier, carnet, "99_essai_rise.ipynb", config) as serveur:
        yield serveur


def attendre_que(page, observateur, condition, message, delai=DELAI):
    limite = time.monotonic() + delai
    while time.monotonic() < limite:
        fermer_dialogues(page, observateur)
        if condition():
            return
        page.wait_for_timeout(500)
    pytest.fail(f"{message} (au bout de {delai} s)\n{observateur.rapport()}", pytrace=False)


# Diapositive courante du diaporama de RISE : indices, texte, et ce qui la fait défiler.
JS_DIAPOSITIVE = """() => {
  const feuilles = Array.from(document.querySelectorAll('.reveal .slides section'))
    .filter((s) => !s.querySelector('section'));
  const courante = document.querySelector('.reveal .slides section.present:not(.stack)');
  let defile = null;
  for (let e = courante; e && e !== document.body; e = e.parentElement) {
    const style = getComputedStyle(e);
    if (['auto', 'scroll'].includes(style.overflowY) && e.scrollHeight > e.clientHeight + 20) {
      defile = {hauteur: e.scrollHeight, visible: e.clientHeight, position: e.scrollTop};
      break;
    }
  }
  return {rang: feuilles.indexOf(courante), total: feuilles.length,
          texte: courante ? courante.innerText.slice(0, 80) : '', defile: defile};
}"""


def test_rise_curseurs_fleche_droite_et_defilement(navigateur, serveur_rise):
    serveur = serveur_rise
    DOSSIER_BUILD.mkdir(exist_ok=True)
    contexte = navigateur.new_context(viewport={"width": 1400, "height": 900})
    page = contexte.new_page()
    observateur = Observateur(page)
    try:
        page.goto(f"{serveur.url}/lab/tree/{serveur.cahier}?token={serveur.jeton}", wait_until="domcontentloaded")
        attendre_que(page, observateur, lambda: any(
            s["path"] == serveur.cahier and s["kernel"]["execution_state"] == "idle"
            for s in serveur.api("/api/sessions")) and page.locator(".jp-NotebookPanel .jp-Cell").count() > 0,
            "le cahier ou son noyau n'est pas prêt")
        cliquer_menu(page, "Run", "runmenu:run-all")
        attendre_que(page, observateur, lambda: page.locator(".jp-NotebookPanel .widget-slider").count() > 0,
                     "le curseur n'est pas dessiné dans le cahier")
        # Le diaporama s'ouvre sur la diapositive de la cellule active : la première.
        page.locator(".jp-NotebookPanel .jp-Cell").first.click(position={"x": 5, "y": 5})
        page.locator('.jp-NotebookPanel [data-command="RISE:preview"]').first.click()
        cadre = []

        def diaporama_pret():
            cadre[:] = [f for f in page.frames if "/rise/" in f.url]
            return bool(cadre) and cadre[0].locator(".reveal .slides section.present").count() > 0

        attendre_que(page, observateur, diaporama_pret, "le diaporama de RISE ne s'affiche pas")
        rise = cadre[0]
        attendre_que(page, observateur, lambda: rise.locator(".reveal .widget-slider").count() > 0
                     or rise.locator(".reveal").get_by_text("interactive(children").count() > 0,
                     "ni curseur ni texte de widget dans le diaporama")
        page.wait_for_timeout(1000)
        assert rise.locator(".reveal").get_by_text("interactive(children").count() == 0, (
            "RISE affiche le texte « interactive(children=…) » au lieu du curseur : versions d'ipywidgets et de "
            "jupyterlab-widgets différentes de requirements.txt ?")

        # La flèche droite, de la première diapositive à la dernière.
        rise.locator(".reveal").click(position={"x": 30, "y": 30})
        vus = [rise.evaluate(JS_DIAPOSITIVE)]
        assert vus[0]["rang"] == 0, f"le diaporama devrait s'ouvrir sur la première diapositive : {vus[0]}"
        for _ in range(vus[0]["total"] + 1):
            if "curseur" in vus[-1]["texte"]:
                page.screenshot(path=str(DOSSIER_BUILD / "rise_widget.png"))
                assert rise.locator(".reveal section.present .widget-slider").count() > 0, (
                    "le curseur n'est pas sur la diapositive de sa cellule")
            if "haute" in vus[-1]["texte"]:
                haute = vus[-1]
                page.screenshot(path=str(DOSSIER_BUILD / "rise_haute.png"))
                assert haute["defile"], f"la diapositive haute ne défile pas (scroll de RISE) : {haute}"
                rise.locator(".reveal section.present:not(.stack)").first.hover()
                page.mouse.wheel(0, 800)
                page.wait_for_timeout(800)
                apres = rise.evaluate(JS_DIAPOSITIVE)
                page.screenshot(path=str(DOSSIER_BUILD / "rise_haute_defilee.png"))
                assert apres["defile"] and apres["defile"]["position"] > 0, (
                    f"la molette ne fait pas défiler la diapositive haute : {apres}")
            rise.locator("body").press("ArrowRight")
            page.wait_for_timeout(700)
            vus.append(rise.evaluate(JS_DIAPOSITIVE))
        rangs = [v["rang"] for v in vus]
        suite = [r for i, r in enumerate(rangs) if i == 0 or r != rangs[i - 1]]
        assert suite == list(range(vus[0]["total"])), (
            f"la flèche droite devrait visiter les {vus[0]['total']} diapositives dans l'ordre ; vues : {suite}")
    finally:
        (DOSSIER_BUILD / "rise_console.txt").write_text(observateur.rapport(), encoding="utf-8")
        contexte.close()
