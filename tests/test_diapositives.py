"""Diapositives : métadonnées des chapitres, construction hors ligne et affichage dans Chromium.

Les diaporamas sont construits (chapitres exécutés en mode rapide) dans un
dossier temporaire, puis ouverts un à un dans Chromium sans écran, avec toute
requête hors du disque bloquée : ce que voit un enseignant sans réseau.
"""
import os
import re
from pathlib import Path

import jupytext
import nbformat
import pytest

from conftest import sauter_ou_echouer
from outils import diapositives as d

RACINE = Path(__file__).resolve().parent.parent
DOSSIER_BUILD = RACINE / "build"
CHAPITRES = sorted((RACINE / "solutions").glob("[0-9][0-9]_*.md"))


def _type(cellule):
    return cellule.metadata.get("slideshow", {}).get("slide_type", "-")


# --- Métadonnées de diaporama des chapitres ---------------------------------------------------

@pytest.mark.parametrize("chemin", CHAPITRES, ids=lambda c: c.stem)
def test_metadonnees_de_diaporama(chemin):
    """Titres et sections ouvrent une diapositive, préparation et vérifications sont masquées, il y a des notes."""
    carnet = jupytext.read(chemin)
    types = [_type(c) for c in carnet.cells]
    assert types[0] == "slide", "la première cellule (le titre) doit ouvrir une diapositive"
    for cellule, type_ in zip(carnet.cells, types):
        premiere = cellule.source.lstrip().split("\n", 1)[0]
        if cellule.cell_type == "markdown" and re.match(r"#{1,2} ", premiere):
            assert type_ in ("slide", "subslide"), f"le titre « {premiere} » doit ouvrir une diapositive"
        if "solution" in (cellule.metadata.get("tags") or []):
            assert type_ == "skip", "une cellule de vérification (tag solution) doit être masquée (skip)"
        if "helpers.demarrer(" in cellule.source and not chemin.name.startswith("00_"):
            # Le chapitre 00 montre volontairement la cellule de préparation : il l'explique.
            assert type_ == "skip", "la cellule de préparation doit être masquée (skip)"
    assert "notes" in types, "aucune note pour l'enseignant (slide_type notes)"


@pytest.mark.parametrize("chemin", CHAPITRES, ids=lambda c: c.stem)
def test_metadonnees_survivent_aux_conversions(chemin):
    """.md → .ipynb → .md (ce que font make notebooks et JupyterLab) garde tags et slideshow de chaque cellule."""
    def resume(carnet):
        return [(c.cell_type, c.metadata.get("slideshow"), c.metadata.get("tags")) for c in carnet.cells]

    depart = jupytext.read(chemin)
    ipynb = nbformat.reads(nbformat.writes(jupytext.reads(jupytext.writes(depart, fmt="ipynb"), fmt="ipynb")),
                           as_version=4)
    retour = jupytext.reads(jupytext.writes(ipynb, fmt="md"), fmt="md")
    assert resume(ipynb) == resume(depart) == resume(retour)


def test_compter_diapositives_suit_reveal():
    """Notes et cellules masquées au début ne comptent pas ; un fragment n'ouvre rien."""
    c = nbformat.v4.new_markdown_cell
    carnet = nbformat.v4.new_notebook(cells=[
        c("note", metadata={"slideshow": {"slide_type": "notes"}}),
        c("# Titre", metadata={"slideshow": {"slide_type": "subslide"}}),
        c("a", metadata={"slideshow": {"slide_type": "slide"}}),
        c("b", metadata={"slideshow": {"slide_type": "fragment"}}),
        c("c", metadata={"slideshow": {"slide_type": "subslide"}}),
        c("d", metadata={"slideshow": {"slide_type": "notes"}}),
    ])
    assert d.compter_diapositives(carnet) == 3
    carnet.cells = carnet.cells[:1]
    with pytest.raises(ValueError, match="masquées"):
        d.compter_diapositives(carnet)


def test_titre_par_defaut():
    carnet = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("## Pas un titre de niveau 1")])
    assert d.titre_chapitre(carnet, defaut="05_x") == "05_x"


def test_remplacer_widgets_garde_les_autres_sorties():
    figure = nbformat.v4.new_output("display_data", data={"image/png": "iVBOR", "text/plain": "<Figure>"})
    widget = nbformat.v4.new_output("display_data", data={d._WIDGET: {"model_id": "m"}, "text/plain": "w"})
    carnet = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("x", outputs=[figure, widget])],
                                      metadata={"widgets": {"état": 1}})
    d.remplacer_widgets(carnet)
    sorties = carnet.cells[0].outputs
    assert sorties[0].data == {"image/png": "iVBOR", "text/plain": "<Figure>"}
    assert d._WIDGET not in sorties[1].data and "JupyterLab" in sorties[1].data["text/html"]
    assert "widgets" not in carnet.metadata


# --- Construction et affichage dans Chromium ---------------------------------------------------

def _bibliotheques_presentes():
    modules = d.DOSSIER_NPM / "node_modules"
    if not (modules / "reveal.js").is_dir():
        sauter_ou_echouer("reveal.js et MathJax ne sont pas installés (diapositives/node_modules) : "
                          "« make slides » les installe avec npm.")


@pytest.fixture(scope="module")
def diaporamas(tmp_path_factory):
    """Construit tous les diaporamas, chapitres exécutés, dans un dossier temporaire."""
    _bibliotheques_presentes()
    sortie = tmp_path_factory.mktemp("slides")
    os.environ.setdefault("COURS_MODE", "rapide")
    d.construire_tout(sortie=sortie, afficher=lambda *_: None)
    return sortie


def test_aucune_adresse_externe_chargee(diaporamas):
    """Scripts et feuilles de style viennent de lib/ : aucune balise ne pointe vers un CDN."""
    for chemin in CHAPITRES:
        page = (diaporamas / f"{chemin.stem}.html").read_text(encoding="utf-8")
        externes = re.findall(r'<(?:script|link)[^>]+(?:src|href)="(https?://[^"]+)"', page)
        assert externes == [], f"{chemin.stem} charge depuis Internet : {externes}"
        assert 'src="lib/mathjax/MathJax.js' in page and 'lib/reveal.js/dist/reveal.css' in page
    assert (diaporamas / "lib" / "mathjax" / "MathJax.js").is_file()


@pytest.mark.parametrize("chemin", CHAPITRES, ids=lambda c: c.stem)
def test_figures_dans_les_diapositives(chemin, diaporamas):
    """Les chapitres exécutés apportent leurs figures (affichage inline, pas Agg) et leurs sorties."""
    page = (diaporamas / f"{chemin.stem}.html").read_text(encoding="utf-8")
    source = chemin.read_text(encoding="utf-8")
    if "plt.show()" in source:
        assert "data:image/png" in page, "les figures du chapitre manquent dans le diaporama"
    assert "jp-OutputArea-output" in page, "aucune sortie de cellule : le chapitre n'a pas été exécuté"
    accueil = (diaporamas / "index.html").read_text(encoding="utf-8")
    assert all(f'href="{c.stem}.html"' in accueil for c in CHAPITRES)


@pytest.mark.parametrize("chemin", CHAPITRES, ids=lambda c: c.stem)
def test_diaporama_dans_chromium(chemin, diaporamas, navigateur):
    """Nombre de diapositives conforme aux métadonnées, formules rendues par MathJax, console sans erreur."""
    page = navigateur.new_page(viewport={"width": 1280, "height": 800})
    erreurs, externes = [], []
    page.on("console", lambda m: erreurs.append(f"console : {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda e: erreurs.append(f"exception : {e}"))

    def hors_ligne(route):
        if route.request.url.startswith("file://"):
            route.continue_()
        else:
            externes.append(route.request.url)
            route.abort()

    page.route("**/*", hors_ligne)
    try:
        page.goto((diaporamas / f"{chemin.stem}.html").as_uri())
        page.wait_for_selector(".reveal.ready", state="attached", timeout=60_000)
        # Attendre que MathJax ait fini sa file de travail (typographie de toute la page).
        page.evaluate("new Promise(fini => MathJax.Hub.Queue(() => fini(true)))")

        attendu = d.compter_diapositives(jupytext.read(chemin))
        sections = page.evaluate("document.querySelectorAll('.reveal .slides > section > section').length")
        numero = page.inner_text(".reveal .slide-number")  # « 1 / N » calculé par reveal.js lui-même
        assert sections == attendu, f"{sections} diapositives dans la page, {attendu} d'après les métadonnées"
        assert re.sub(r"\s+", "", numero) == f"1/{attendu}", f"reveal.js compte {numero!r}, attendu 1/{attendu}"

        formules = page.evaluate("document.querySelectorAll('.MathJax_CHTML').length")
        fautes = page.evaluate("document.querySelectorAll('.MathJax_Error, .mjx-merror').length")
        brut = page.evaluate("""() => {
            const restes = [];
            document.querySelectorAll('.jp-MarkdownOutput').forEach(bloc => {
                const copie = bloc.cloneNode(true);
                copie.querySelectorAll('code, pre, script').forEach(n => n.remove());
                const texte = copie.textContent;
                const i = texte.indexOf('$');
                if (i >= 0) restes.push(texte.slice(Math.max(0, i - 60), i + 60));
            });
            return restes;
        }""")
        notes = page.evaluate("document.querySelectorAll('aside.notes').length")
        attendues = sum(_type(c) == "notes" for c in jupytext.read(chemin).cells)
        assert notes == attendues, f"{notes} notes pour l'orateur dans la page, {attendues} cellules notes"
        assert formules > 0, "aucune formule rendue par MathJax"
        assert fautes == 0, f"{fautes} formule(s) en erreur (LaTeX invalide)"
        assert brut == [], f"formules laissées brutes ($…$) : {brut[:3]}"
        assert externes == [], f"requêtes vers Internet : {externes}"
        assert erreurs == [], "\n".join(erreurs)
        # En dernier : la navigation déplace la page (captures et numéros ci-dessus lus au début).
        parcourir = visiter_a_la_fleche_droite if chemin == CHAPITRES[0] else parcourir_avec_reveal
        parcourir(page, attendu, DOSSIER_BUILD / f"diapositives_{chemin.stem}_fin.png")
    finally:
        page.close()


def parcourir_avec_reveal(page, attendu, capture=None):
    """Parcourt le diaporama par ``Reveal.next()`` (ce que fait la flèche droite en mode linéaire), dans la page.

    Un seul aller-retour avec le navigateur : appuyer sur la flèche pour chaque diapositive et chaque
    fragment coûte un tiers de seconde par appui (transition, remise en forme MathJax), soit 30 à 50 s
    par chapitre. La vraie touche est essayée, elle, par ``test_fleche_droite_visite_toutes_les_diapositives``
    (et ici sur le premier chapitre) ; chaque chapitre vérifie son mode « linear » et l'ordre de visite.
    """
    parcours = page.evaluate("""() => new Promise(fini => require(["lib/reveal.js/dist/reveal.js"], R => {
        const vus = [R.getSlidePastCount() + 1];
        const fragments = document.querySelectorAll('.reveal .fragment').length;
        for (let i = 0; i < R.getTotalSlides() + fragments + 2; i++) {
            R.next();
            vus.push(R.getSlidePastCount() + 1);
        }
        fini({mode: R.getConfig().navigationMode, total: R.getTotalSlides(), vus: vus});
    }))""")
    if capture is not None:
        capture.parent.mkdir(exist_ok=True)
        page.screenshot(path=str(capture))
    assert parcours["mode"] == "linear", f"navigationMode vaut {parcours['mode']!r} : la flèche droite sauterait " \
        "les sous-diapositives"
    assert parcours["total"] == attendu
    suite = [n for i, n in enumerate(parcours["vus"]) if i == 0 or n != parcours["vus"][i - 1]]
    assert suite == list(range(1, attendu + 1)), f"ordre de visite : {suite}"


def visiter_a_la_fleche_droite(page, attendu, capture=None):
    """Appuie sur la flèche droite jusqu'au bout : chaque diapositive doit être vue, dans l'ordre.

    Le numéro affiché par reveal.js (« c/t », diapositives et sous-diapositives comptées à plat)
    doit passer de 1 à ``attendu`` sans en sauter : sans ``navigationMode: "linear"``, la flèche
    droite sauterait les sous-diapositives (1, 2, 4, 6…). Une pression qui fait apparaître un
    fragment (cellule « fragment ») garde le numéro : on attend donc que le numéro ou le nombre de
    fragments visibles change. À la fin, une pression de plus ne change plus rien.
    """
    etat = ("(() => document.querySelector('.reveal .slide-number').innerText.replace(/\\s+/g, '') + '#' "
            "+ document.querySelectorAll('.reveal .fragment.visible').length)()")
    fragments = page.evaluate("document.querySelectorAll('.reveal .fragment').length")
    vus = [page.evaluate(etat)]
    for _ in range(attendu + fragments + 2):
        page.keyboard.press("ArrowRight")
        try:  # reveal.js met le numéro à jour à la fin de la transition
            page.wait_for_function(f"{etat} !== {vus[-1]!r}", timeout=3000)
        except Exception:
            break  # plus rien ne bouge : c'est la fin du diaporama (ou la touche est restée sans effet)
        vus.append(page.evaluate(etat))
    if capture is not None:
        capture.parent.mkdir(exist_ok=True)
        page.screenshot(path=str(capture))
    numeros = [v.split("#")[0] for v in vus]
    suite = [n for i, n in enumerate(numeros) if i == 0 or n != numeros[i - 1]]
    attendus = [f"{n}/{attendu}" for n in range(1, attendu + 1)]
    assert suite == attendus, (
        f"la flèche droite devrait visiter les {attendu} diapositives une à une ; numéros vus : {suite}")


def test_fleche_droite_visite_toutes_les_diapositives(tmp_path, navigateur):
    """Diaporama statique sans exécution (rapide) : la flèche droite suit l'ordre, sous-diapositives comprises."""
    _bibliotheques_presentes()
    chemin = RACINE / "solutions" / "11_convolution_une_dimension.md"
    d.copier_bibliotheques(tmp_path)
    cible, attendu = d.construire_diaporama(chemin, tmp_path, executer=False)
    carnet = jupytext.read(chemin)
    assert any(_type(c) == "subslide" for c in carnet.cells), "le chapitre choisi doit avoir des sous-diapositives"
    page = navigateur.new_page(viewport={"width": 1280, "height": 800})
    try:
        page.goto(cible.as_uri())
        page.wait_for_selector(".reveal.ready", state="attached", timeout=60_000)
        page.wait_for_function("document.querySelector('.reveal .slide-number') !== null")
        visiter_a_la_fleche_droite(page, attendu, DOSSIER_BUILD / "diapositives_fleche_droite.png")
    finally:
        page.close()


# --- Un chapitre en échec arrête la construction aussitôt -------------------------------------


def test_premier_chapitre_en_echec_arrete_tout(tmp_path, monkeypatch):
    """Le premier chapitre échoue en une cellule : les autres (deux minutes chacun) sont annulés ou interrompus."""
    import time

    solutions = tmp_path / "solutions"
    solutions.mkdir()
    (solutions / "01_echec.md").write_text("# Chapitre 01\n\n```python\nraise RuntimeError('échec voulu')\n```\n",
                                           encoding="utf-8")
    for numero in ("02", "03", "04"):
        (solutions / f"{numero}_long.md").write_text(
            f"# Chapitre {numero}\n\n```python\nimport time\ntime.sleep(120)\n```\n", encoding="utf-8")
    monkeypatch.setattr(d, "copier_bibliotheques", lambda sortie, dossier_npm=None: None)
    debut = time.perf_counter()
    with pytest.raises(RuntimeError, match=r"01_echec\.md : la cellule de code n° 1 a échoué \(RuntimeError"):
        d.construire_tout(solutions, tmp_path / "diapos", travaux=2, afficher=lambda *_: None)
    duree = time.perf_counter() - debut
    assert duree < 100, f"la construction a attendu les autres chapitres ({duree:.0f} s)"
    assert not list((tmp_path / "diapos").glob("*.html")) if (tmp_path / "diapos").exists() else True
