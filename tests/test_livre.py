"""Le livre HTML (make livre) : construit hors ligne, ouvert dans Chromium sans réseau.

Les chapitres sont exécutés en mode rapide (ou relus dans le cache partagé
avec les diapositives, outils.cache), le livre est écrit dans un dossier
temporaire, puis chaque page est ouverte avec toute requête hors du disque
bloquée : ce que voit un étudiant qui lit le cours sur son téléphone ou sans
réseau.
"""
import os
import re
from pathlib import Path

import pytest

from conftest import sauter_ou_echouer
from outils import livre

RACINE = Path(__file__).resolve().parent.parent
CHAPITRES = sorted((RACINE / "solutions").glob("[0-9][0-9]_*.md"))


def test_parties_couvrent_tous_les_chapitres():
    for chemin in CHAPITRES:
        assert livre.partie_du_chapitre(chemin.name[:2])
    with pytest.raises(ValueError, match="hors des parties"):
        livre.partie_du_chapitre(150)


def _mathjax_present():
    if not (RACINE / "diapositives" / "node_modules" / "mathjax").is_dir():
        sauter_ou_echouer("MathJax n'est pas installé (diapositives/node_modules) : "
                          "« make livre » l'installe avec npm.")


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    _mathjax_present()
    dossier = tmp_path_factory.mktemp("livre")
    os.environ.setdefault("COURS_MODE", "rapide")
    livre.construire_livre(sortie=dossier / "site", sources=dossier / "sources", afficher=lambda *_: None)
    return dossier / "site"


def test_pages_et_aucun_cdn(site):
    accueil = (site / "index.html").read_text(encoding="utf-8")
    for chemin in CHAPITRES:
        page = site / f"{chemin.stem}.html"
        assert page.is_file(), f"page absente : {page.name}"
        assert f'href="{chemin.stem}.html"' in accueil, f"{chemin.stem} absent de la table des matières"
        texte = page.read_text(encoding="utf-8")
        externes = re.findall(r'<(?:script|link)[^>]+(?:src|href)="(https?://[^"]+)"', texte)
        assert externes == [], f"{chemin.stem} charge depuis Internet : {externes}"
    assert "Partie I" in accueil and (site / "licences.html").is_file() and (site / "search.html").is_file()
    assert 'lang="fr"' in accueil


def _ouvrir(navigateur, url):
    page = navigateur.new_page(viewport={"width": 1200, "height": 900})
    erreurs, externes = [], []
    page.on("console", lambda m: erreurs.append(f"console : {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda e: erreurs.append(f"exception : {e}"))

    def hors_ligne(route):
        if route.request.url.startswith(("file://", "data:")):
            route.continue_()
        else:
            externes.append(route.request.url)
            route.abort()

    page.route("**/*", hors_ligne)
    page.goto(url)
    return page, erreurs, externes


@pytest.mark.parametrize("chemin", CHAPITRES, ids=lambda c: c.stem)
def test_page_du_chapitre_dans_chromium(chemin, site, navigateur):
    """La page se charge sans erreur ni requête externe, MathJax rend les formules, les figures sont là.

    MathJax 2 met en forme les formules au fil de l'eau : on attend la première (un chapitre en a
    des centaines, dont la mise en forme complète prendrait des dizaines de secondes par page) ;
    la mise en forme complète, sans formule laissée brute, est vérifiée sur le chapitre 00.
    """
    page, erreurs, externes = _ouvrir(navigateur, (site / f"{chemin.stem}.html").as_uri())
    try:
        source = chemin.read_text(encoding="utf-8")
        if "$" in source:
            page.wait_for_selector(".MathJax_CHTML", state="attached", timeout=60_000)
            assert page.evaluate("document.querySelectorAll('.MathJax_Error, .mjx-merror').length") == 0
        if chemin == CHAPITRES[0]:
            page.evaluate("new Promise(fini => MathJax.Hub.Queue(() => fini(true)))")
            restes = page.evaluate("""[...document.querySelectorAll('span.math')]
                .filter(s => s.textContent.includes('\\\\(') || s.textContent.includes('\\\\[')).length""")
            assert restes == 0, f"{restes} formule(s) laissée(s) brute(s)"
        if "plt.show()" in source:
            assert page.evaluate("document.querySelectorAll('.cell_output img').length") > 0, "figures absentes"
        assert page.evaluate("document.querySelectorAll('.cell_output').length") > 0, "aucune sortie de cellule"
        # liens précédent / suivant du thème
        assert page.evaluate("document.querySelectorAll('a.left-prev, a.right-next').length") >= 1
        if chemin.stem == "08_descente_de_gradient" and "to_jshtml" in source:
            assert page.evaluate("document.querySelectorAll('.animation').length") > 0, "animation absente"
        assert externes == [], f"requêtes vers Internet : {externes}"
        assert erreurs == [], "\n".join(erreurs)
        if chemin == CHAPITRES[0]:
            (RACINE / "build").mkdir(exist_ok=True)
            page.screenshot(path=str(RACINE / "build" / "livre_chapitre.png"))
    finally:
        page.close()


def test_recherche_trouve_un_terme(site, navigateur):
    """La recherche de Sphinx (index local) trouve un terme du cours, hors ligne."""
    terme = "gradient"
    glossaire = RACINE / "solutions" / "99_annexes.md"
    if glossaire.exists():
        terme = "rétropropagation"
    page, erreurs, externes = _ouvrir(navigateur, (site / "search.html").as_uri() + f"?q={terme}")
    try:
        # Les résultats s'affichent un à un (un toutes les 5 ms, extrait de page chargé pour chacun) ;
        # Sphinx écrit le résumé (« … pages trouvées ») à la fin seulement : on l'attend.
        page.wait_for_function("(document.querySelector('#search-results .search-summary') || {}).innerText",
                               timeout=60_000)
        n = page.evaluate("document.querySelectorAll('#search-results ul.search li').length")
        assert n > 0, f"la recherche de « {terme} » ne trouve rien"
        if glossaire.exists():
            liens = page.evaluate("[...document.querySelectorAll('#search-results li a')].map(a => a.href)")
            assert any("99_annexes" in lien for lien in liens), "le lexique n'apparaît pas dans la recherche"
        assert externes == [] and erreurs == [], (externes, erreurs)
        (RACINE / "build").mkdir(exist_ok=True)
        page.screenshot(path=str(RACINE / "build" / "livre_recherche.png"))
    finally:
        page.close()
