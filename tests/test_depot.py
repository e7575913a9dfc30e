"""Cohérence du dépôt : chapitres, version étudiant, données, environnement, originalité."""
import ast
import importlib
import inspect
import re
import subprocess
import sys
from pathlib import Path

import pytest

from helpers.donnees import empreinte
from outils.generation import transformer_chapitre

RACINE = Path(__file__).resolve().parent.parent
SOLUTIONS = sorted((RACINE / "solutions").glob("[0-9][0-9]_*.md"))
#: Chapitres sans exercice : les annexes (lexique, histoire, errata, références).
SANS_EXERCICES = {"99_annexes"}
PARTAGE = RACINE.parent / "shared"


def test_il_y_a_des_chapitres():
    noms = [c.stem for c in SOLUTIONS]
    for attendu in ("00_bienvenue", "05_reseau_de_neurones", "06_keras_partie_1"):
        assert attendu in noms


@pytest.mark.parametrize("chapitre", SOLUTIONS, ids=lambda c: c.stem)
def test_nom_de_fichier_ascii(chapitre):
    assert re.fullmatch(r"[0-9]{2}_[a-z0-9_]+\.md", chapitre.name), chapitre.name


@pytest.mark.parametrize("chapitre", SOLUTIONS, ids=lambda c: c.stem)
def test_chapitre_cite_dans_le_readme(chapitre):
    readme = (RACINE / "README.md").read_text(encoding="utf-8")
    assert f"[{chapitre.stem}](course/{chapitre.name})" in readme, f"{chapitre.stem} absent du tableau du README"


def _cellules(texte):
    """Les cellules d'un chapitre (type, source, tags, diapositive), sans l'en-tête que Jupytext réécrit."""
    import jupytext

    return [(c.cell_type, c.source, c.metadata.get("tags"), c.metadata.get("slideshow"))
            for c in jupytext.reads(texte, fmt="md").cells]


@pytest.mark.parametrize("chapitre", SOLUTIONS, ids=lambda c: c.stem)
def test_version_etudiant_a_jour(chapitre):
    """course/ doit être exactement ce que le générateur tire de solutions/ (lancez « make exercices »)."""
    cours = RACINE / "course" / chapitre.name
    assert cours.exists(), f"{cours} manque : lancez « make exercices »"
    attendu = _cellules(transformer_chapitre(chapitre.read_text(encoding="utf-8"), chapitre.name))
    assert _cellules(cours.read_text(encoding="utf-8")) == attendu, (
        f"{cours} ne correspond pas à solutions/ : si vous avez changé solutions/, lancez « make exercices » ; "
        "s'il contient votre travail d'étudiant, ce test le signale simplement")


def test_pas_de_chapitre_etudiant_orphelin():
    cours = {c.name for c in (RACINE / "course").glob("[0-9][0-9]_*.md")}
    assert cours == {c.name for c in SOLUTIONS}


@pytest.mark.parametrize("chapitre", SOLUTIONS, ids=lambda c: c.stem)
def test_structure_du_chapitre(chapitre):
    texte = chapitre.read_text(encoding="utf-8")
    assert "helpers.demarrer(" in texte, "la cellule de démarrage manque"
    assert '"slide_type": "slide"' in texte, "pas de métadonnées de diaporama"
    assert '"slide_type": "skip"' in texte, "les cellules de préparation doivent être masquées (skip)"
    assert "## À retenir" in texte
    assert "## Références" in texte
    assert "Dans ce chapitre, vous allez" in texte
    if chapitre.stem in SANS_EXERCICES:
        return
    verifications = set(re.findall(r"ex\.(q\d+)\.verifier\(", texte))
    assert len(verifications) >= 3, "au moins trois exercices avec retour"
    assert "assert bilan(*ex.EXERCICES) == len(ex.EXERCICES)" in texte


@pytest.mark.parametrize("chapitre", SOLUTIONS, ids=lambda c: c.stem)
def test_module_d_exercices(chapitre):
    if chapitre.stem in SANS_EXERCICES:
        pytest.skip("chapitre sans exercice")
    numero = chapitre.name[:2]
    module = importlib.import_module(f"helpers.exercices.ch{numero}")
    assert len(module.EXERCICES) >= 3
    utilises = set(re.findall(r"ex\.(q\d+)\.verifier\(", chapitre.read_text(encoding="utf-8")))
    definis = {nom for nom, objet in vars(module).items() if any(objet is q for q in module.EXERCICES)}
    assert utilises == definis, f"exercices définis {sorted(definis)} mais vérifiés {sorted(utilises)}"


@pytest.mark.parametrize("chapitre", SOLUTIONS, ids=lambda c: c.stem)
def test_la_version_etudiant_ne_contient_pas_les_reponses(chapitre):
    cours = (RACINE / "course" / chapitre.name).read_text(encoding="utf-8")
    assert "# SOLUTION" not in cours and "DEBUT SOLUTION" not in cours
    assert 'tags=["solution"]' not in cours
    if "# SOLUTION" in chapitre.read_text(encoding="utf-8"):
        assert "# À compléter" in cours


def test_donnees_documentees_et_intactes():
    dossier = RACINE / "data"
    description = (dossier / "README.md").read_text(encoding="utf-8")
    for fichier in sorted(dossier.iterdir()):
        if fichier.name == "README.md" or fichier.name.startswith(".") or fichier.is_dir():
            continue
        assert f"`{fichier.name}`" in description, f"data/{fichier.name} n'est pas décrit dans data/README.md"
        if fichier.suffix != ".py":
            assert empreinte(fichier) in description, f"l'empreinte de data/{fichier.name} ne correspond pas"


def _paquets_requirements():
    paquets = {}
    for ligne in (RACINE / "requirements.txt").read_text(encoding="utf-8").splitlines():
        ligne = ligne.split("#")[0].strip()
        if ligne:
            nom, version = ligne.split("==")
            paquets[nom.lower()] = version
    return paquets


def _paquets_environment():
    paquets, dans_pip = {}, False
    for ligne in (RACINE / "environment.yml").read_text(encoding="utf-8").splitlines():
        if re.match(r"^\s*-\s*pip:\s*$", ligne):
            dans_pip = True
            continue
        m = re.match(r"^\s+-\s*([A-Za-z0-9_.\-]+)==([^\s#]+)", ligne)
        if dans_pip and m:
            paquets[m.group(1).lower()] = m.group(2)
    return paquets


def test_environment_et_requirements_identiques():
    req, env = _paquets_requirements(), _paquets_environment()
    assert req, "requirements.txt est vide"
    assert req == env, f"différences : {set(req.items()) ^ set(env.items())}"
    assert req["torch"] == "2.13.0", "torch doit rester épinglé (sinon pip installe une version CUDA de plusieurs Go)"
    assert "python=3.11" in (RACINE / "environment.yml").read_text(encoding="utf-8")


def test_versions_installees_conformes():
    """L'environnement qui exécute les tests est bien celui que décrit requirements.txt."""
    from importlib.metadata import version

    for nom, attendue in _paquets_requirements().items():
        assert version(nom).split("+")[0] == attendue, f"{nom} : installé {version(nom)}, attendu {attendue}"


MODULES = ["helpers", "helpers.activations", "helpers.keras_facile", "helpers.exercices", "helpers.graphiques",
           "helpers.donnees", "helpers.materiel", "helpers.reproductibilite", "helpers.mode", "outils.generation",
           "outils.diapositives", "outils.banc", "outils.determinisme", "outils._execution"]


@pytest.mark.parametrize("nom", MODULES)
def test_fonctions_publiques_documentees_avec_exemple(nom):
    module = importlib.import_module(nom)
    assert module.__doc__, f"{nom} n'a pas de docstring de module"
    for nom_objet in module.__all__:
        objet = getattr(module, nom_objet)
        if inspect.ismodule(objet) or not (inspect.isfunction(objet) or inspect.isclass(objet)):
            continue
        if getattr(objet, "__module__", "").split(".")[0] != "helpers":
            continue  # objet réexporté (keras, numpy…)
        doc = inspect.getdoc(objet) or ""
        assert doc, f"{nom}.{nom_objet} n'a pas de docstring"
        if inspect.isfunction(objet) and nom != "outils.generation":
            assert ">>>" in doc, f"{nom}.{nom_objet} : la docstring doit contenir un exemple"


def test_keras_facile_compatible_avec_le_livre():
    """« from keras_facile import * » fournit les noms qu'utilisent les listings du livre."""
    arbre = ast.parse((RACINE / "keras_facile.py").read_text(encoding="utf-8"))
    assert any(isinstance(n, ast.ImportFrom) and n.module == "helpers.keras_facile" for n in ast.walk(arbre))
    espace = {}
    exec("from keras_facile import *", espace)
    for nom in ("definir_poids", "affiche_poids", "poids_a_zeros", "evaluation", "affichage_evaluation_une_var",
                "affichage_evaluation_deux_var_3d", "affichage_evaluation_deux_var_2d",
                "affichage_evaluation_trois_var", "calcul_approximation", "affichage_approximation", "heaviside",
                "gradient_poids", "Sequential", "Input", "Dense", "np", "plt"):
        assert nom in espace, nom


@pytest.mark.skipif(not (PARTAGE / "tools" / "originalite.py").exists(),
                    reason="../shared n'existe pas dans un clone d'utilisateur")
def test_aucune_phrase_copiee_des_sources():
    resultat = subprocess.run([sys.executable, str(PARTAGE / "tools" / "originalite.py"), "--prose",
                               "solutions", "course", "README.md"], cwd=RACINE, capture_output=True, text=True)
    assert resultat.returncode == 0, resultat.stdout[-3000:]


def test_les_chapitres_n_importent_que_le_paquet_de_l_etudiant():
    """Les chapitres et le paquet helpers n'importent jamais les outils des mainteneurs (outils/)."""
    import re

    motif = re.compile(r"^\s*(from|import)\s+outils\b", re.MULTILINE)
    fautifs = [c.name for dossier in ("solutions", "course") for c in (RACINE / dossier).glob("*.md")
               if motif.search(c.read_text(encoding="utf-8"))]
    fautifs += [str(f.relative_to(RACINE)) for f in (RACINE / "helpers").rglob("*.py")
                if motif.search(f.read_text(encoding="utf-8")) or "from .. import" in f.read_text(encoding="utf-8")]
    assert not fautifs, f"import des outils des mainteneurs dans : {fautifs}"
    for outil in ("generation", "banc", "determinisme", "diapositives", "_execution"):
        assert not (RACINE / "helpers" / f"{outil}.py").exists(), f"helpers/{outil}.py appartient à outils/"
