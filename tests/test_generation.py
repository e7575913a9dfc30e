"""Tests du générateur de la version étudiant (outils.generation)."""
import ast
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import jupytext
import pytest

from outils import generation
from outils.generation import (
    ErreurGeneration,
    generer_cours,
    normaliser,
    ressemble_a_un_marqueur,
    transformer_chapitre,
    transformer_code,
)

RACINE = Path(__file__).resolve().parent.parent
SOUCHE = "...  # À compléter"


# --------------------------------------------------------------------------
# transformer_code
# --------------------------------------------------------------------------

@pytest.mark.parametrize("ligne, attendu", [
    ("poids = [1, 1]  # SOLUTION", "poids = ...  # À compléter"),
    ("poids=[1, 1]#SOLUTION", "poids = ...  # À compléter"),
    ("x = f(a=1, b=2)  # SOLUTION   ", "x = ...  # À compléter"),
    ("    taux = 0.1  # SOLUTION", "    taux = ...  # À compléter"),
    ("\t\tn = 3  # SOLUTION", "\t\tn = ...  # À compléter"),
    ("modele.poids[0] = np.zeros(3)  # SOLUTION", "modele.poids[0] = ...  # À compléter"),
    ("x: int = 3  # SOLUTION", "x: int = ...  # À compléter"),
    ("reponse = 'a == b'  # SOLUTION", "reponse = ...  # À compléter"),
])
def test_ligne_solution(ligne, attendu):
    assert transformer_code(ligne) == attendu


def test_lignes_ordinaires_inchangees():
    source = "import numpy as np\nx = 3  # une remarque\n\ndef f(t):\n    return t == 2\nprint(f(x))"
    assert transformer_code(source) == source


def test_cellule_complete():
    source = ("import numpy as np\n"
              "poids = [1, 1]  # SOLUTION\n"
              "def f(x):\n"
              "    y = 2 * x  # SOLUTION\n"
              "    return y\n"
              "print(f(poids))")
    assert transformer_code(source) == ("import numpy as np\n"
                                        "poids = ...  # À compléter\n"
                                        "def f(x):\n"
                                        "    y = ...  # À compléter\n"
                                        "    return y\n"
                                        "print(f(poids))")


def test_bloc_avec_squelette():
    source = ("def f(x):\n"
              "    # DEBUT SOLUTION\n"
              "    # SQUELETTE: total = 0\n"
              "    # SQUELETTE: for t in x:\n"
              "    # SQUELETTE:     total += ...\n"
              "    # SQUELETTE: return total\n"
              "    total = 0\n"
              "    for t in x:\n"
              "        total += t * t\n"
              "    return total\n"
              "    # FIN SOLUTION\n"
              "print(f([1, 2]))")
    resultat = transformer_code(source)
    assert resultat == ("def f(x):\n"
                        "    total = 0\n"
                        "    for t in x:\n"
                        "        total += ...  # À compléter\n"
                        "    return total\n"
                        "print(f([1, 2]))")
    ast.parse(resultat)
    assert "t * t" not in resultat


def test_bloc_sans_squelette():
    source = ("for i in range(3):\n"
              "        # DEBUT SOLUTION\n"
              "        print(i)\n"
              "        print(i * i)\n"
              "        # FIN SOLUTION\n"
              "x = 1")
    assert transformer_code(source) == "for i in range(3):\n        " + SOUCHE + "\nx = 1"


def test_bloc_au_niveau_zero():
    source = "a = 1\n# DEBUT SOLUTION\nb = a + 1\n# FIN SOLUTION\nprint(a)"
    assert transformer_code(source) == "a = 1\n" + SOUCHE + "\nprint(a)"


def test_squelette_sans_points_de_suspension():
    source = "# DEBUT SOLUTION\n# SQUELETTE: resultat = None\nresultat = 42\n# FIN SOLUTION"
    assert transformer_code(source) == "resultat = None"


def test_deux_blocs_et_lignes():
    source = ("# DEBUT SOLUTION\nx = 1\n# FIN SOLUTION\n"
              "y = 2  # SOLUTION\n"
              "    # DEBUT SOLUTION\n    # SQUELETTE: z = ...\n    z = 3\n    # FIN SOLUTION")
    assert transformer_code(source) == f"{SOUCHE}\ny = {SOUCHE}\n    z = {SOUCHE}"


def test_bloc_non_ferme():
    with pytest.raises(ErreurGeneration, match="chapitre 03, cellule 4 : DEBUT SOLUTION sans FIN SOLUTION"):
        transformer_code("x = 1\n# DEBUT SOLUTION\ny = 2", "chapitre 03, cellule 4")


def test_bloc_imbrique():
    source = "# DEBUT SOLUTION\nx = 1\n    # DEBUT SOLUTION\ny = 2\n# FIN SOLUTION\n# FIN SOLUTION"
    with pytest.raises(ErreurGeneration, match="cellule, ligne 3 : DEBUT SOLUTION imbriqué"):
        transformer_code(source)


def test_fin_sans_debut():
    with pytest.raises(ErreurGeneration, match="ligne 2 : FIN SOLUTION sans DEBUT SOLUTION"):
        transformer_code("x = 1\n# FIN SOLUTION")


@pytest.mark.parametrize("ligne", [
    "print(x)  # SOLUTION",
    "x += 1  # SOLUTION",
    "if x == 1:  # SOLUTION",
    "return 2 * x  # SOLUTION",
    "f(a=1)  # SOLUTION",
    "modele.fit(X, y, epochs=5)  # SOLUTION",
    "# SOLUTION",
])
def test_marqueur_sur_une_ligne_qui_n_est_pas_une_affectation(ligne):
    with pytest.raises(ErreurGeneration) as erreur:
        transformer_code(f"a = 1\n{ligne}", "chap, cellule 2")
    message = str(erreur.value)
    assert message.startswith("chap, cellule 2, ligne 2 : « # SOLUTION » ne peut terminer qu'une affectation simple")
    assert repr(ligne.strip()) in message


def test_erreur_generation_est_une_valueerror():
    assert issubclass(ErreurGeneration, ValueError)


# --------------------------------------------------------------------------
# transformer_chapitre
# --------------------------------------------------------------------------

ENTETE = """---
jupyter:
  jupytext:
    cell_metadata_filter: tags,slideshow,-all
    text_representation:
      extension: .md
      format_name: markdown
      format_version: '1.3'
      jupytext_version: 1.19.6
  kernelspec:
    display_name: Python 3 (ipykernel)
    language: python
    name: python3
---
"""

CHAPITRE = ENTETE + """
<!-- #region slideshow={"slide_type": "slide"} -->
# Chapitre 01 — Essai

Une formule : $f(x) = x^2$.
<!-- #endregion -->

```python slideshow={"slide_type": "skip"}
import helpers
```

```python tags=["parameters"]
EPOQUES = 3
```

Une cellule de texte sans métadonnées.

```python slideshow={"slide_type": "fragment"}
poids = [1, 1]  # SOLUTION
print(poids)
```

```python
def f(x):
    # DEBUT SOLUTION
    # SQUELETTE: return ...
    return 2 * x
    # FIN SOLUTION
```

```python tags=["solution"] slideshow={"slide_type": "skip"}
assert f(2) == 4
SECRET = "réponse cachée"
```

<!-- #region tags=["solution"] -->
Explication réservée aux solutions.
<!-- #endregion -->

<!-- #region slideshow={"slide_type": "notes"} -->
Remarque pour l'enseignant : insister sur le biais.
<!-- #endregion -->

```python
%matplotlib inline
```
"""


def _cellules(texte):
    return jupytext.reads(texte, fmt="md").cells


def test_transformer_chapitre():
    etudiant = transformer_chapitre(CHAPITRE, "01_essai.md")
    cellules = _cellules(etudiant)
    originales = _cellules(CHAPITRE)
    assert len(originales) == 10
    assert len(cellules) == 7
    for cellule in cellules:
        assert "solution" not in cellule.metadata.get("tags", [])
    assert "SECRET" not in etudiant and "réservée aux solutions" not in etudiant
    assert "Remarque pour l'enseignant" not in etudiant, "les cellules notes restent dans les solutions"
    assert "2 * x" not in etudiant and "[1, 1]" not in etudiant and "SOLUTION" not in etudiant
    # métadonnées conservées
    assert cellules[0].metadata == {"slideshow": {"slide_type": "slide"}}
    assert cellules[1].metadata == {"slideshow": {"slide_type": "skip"}}
    assert cellules[2].metadata == {"tags": ["parameters"]}
    assert cellules[4].metadata == {"slideshow": {"slide_type": "fragment"}}
    # contenu transformé
    assert cellules[4].source == "poids = ...  # À compléter\nprint(poids)"
    assert cellules[5].source == "def f(x):\n    return ...  # À compléter"
    assert cellules[6].source == "%matplotlib inline"
    # le texte est conservé tel quel
    assert cellules[0].source == originales[0].source
    assert "Une cellule de texte sans métadonnées." in etudiant
    # chaque cellule de code (hors commandes magiques) est du Python valide
    for cellule in cellules:
        if cellule.cell_type == "code" and not cellule.source.lstrip().startswith(("%", "!")):
            ast.parse(cellule.source)
    # l'en-tête Jupytext est conservé
    assert etudiant.startswith("---\njupyter:\n")
    assert "cell_metadata_filter: tags,slideshow,-all" in etudiant
    # le noyau tel que JupyterLab l'écrit : enregistrer le cahier ne change pas l'en-tête
    assert ("  kernelspec:\n    display_name: Python 3 (ipykernel)\n    language: python\n"
            "    name: python3\n") in etudiant


def test_transformer_chapitre_idempotent():
    etudiant = transformer_chapitre(CHAPITRE, "01_essai.md")
    assert transformer_chapitre(etudiant, "01_essai.md") == etudiant


def test_chapitre_sans_marqueur_inchange():
    carnet = jupytext.reads(CHAPITRE, fmt="md")
    carnet.cells = [c for c in carnet.cells
                    if "solution" not in c.metadata.get("tags", []) and "SOLUTION" not in c.source
                    and c.metadata.get("slideshow", {}).get("slide_type") != "notes"]
    carnet.metadata["kernelspec"] = dict(generation.NOYAU)
    texte = jupytext.writes(carnet, fmt="md")
    assert transformer_chapitre(texte) == texte


def test_chapitre_python_invalide():
    texte = ENTETE + "\n```python\n# DEBUT SOLUTION\n# SQUELETTE: def f(\nx = 1\n# FIN SOLUTION\n```\n"
    with pytest.raises(ErreurGeneration, match=r"02_x\.md, cellule 1 : la version étudiant n'est pas du Python valide"):
        transformer_chapitre(texte, "02_x.md")


def test_chapitre_marqueur_mal_place():
    texte = ENTETE + "\n```python\nx = 1\n```\n\n```python\nprint(x)  # SOLUTION\n```\n"
    with pytest.raises(ErreurGeneration,
                       match=r"03_y\.md, cellule 2, ligne 1 \(ligne 21 du fichier\) : « # SOLUTION »"):
        transformer_chapitre(texte, "03_y.md")


@pytest.mark.parametrize("chapitre", sorted((RACINE / "solutions").glob("[0-9][0-9]_*.md")), ids=lambda p: p.name)
def test_chapitres_du_depot(chapitre):
    """Chaque vrai chapitre se transforme ; la version étudiant ne garde ni marqueur ni cellule « solution »."""
    etudiant = transformer_chapitre(chapitre.read_text(encoding="utf-8"), chapitre.name)
    assert "# SOLUTION" not in etudiant and "DEBUT SOLUTION" not in etudiant
    for cellule in _cellules(etudiant):
        assert "solution" not in cellule.metadata.get("tags", [])
        if cellule.cell_type == "code" and not cellule.source.lstrip().startswith(("%", "!")):
            ast.parse(cellule.source)
    assert transformer_chapitre(etudiant, chapitre.name) == etudiant


# --------------------------------------------------------------------------
# Marqueurs mal écrits : la génération s'arrête (jamais de réponse divulguée)
# --------------------------------------------------------------------------

@pytest.mark.parametrize("ligne", [
    "reponse_secrete = 42  # Solution",
    "reponse_secrete = 42  # solution",
    "reponse_secrete = 42  # SOLUTION: la réponse",
    "reponse_secrete = 42  # SOLUTION.",
    "reponse_secrete = 42  # Solution à cacher",
    "reponse_secrete = 42  # ＳＯＬＵＴＩＯＮ",
    "# Début solution",
    "# début solution",
    "# DÉBUT SOLUTION",
    "#  DEBUT  SOLUTION",
    "# DEBUT_SOLUTION",
    "# debutsolution",
    "# Fin solution",
    "# FIN  SOLUTION",
    "# SQUELETTE: x = ...",
    "# Squelette: x = ...",
    "reponse_secrete = 42  # à cacher # Solution",
    "%time reponse_secrete = 42  # Solution",
])
def test_marqueur_mal_ecrit_arrete_la_generation(ligne):
    source = f"a = 1\n{ligne}\nreponse_secrete = 42\n# FIN SOLUTION" if "but" in normaliser(ligne) else \
        f"a = 1\n{ligne}"
    with pytest.raises(ErreurGeneration) as erreur:
        transformer_code(source, "05_x.md, cellule 3", premiere_ligne=40)
    message = str(erreur.value)
    assert message.startswith("05_x.md, cellule 3, ligne 2 (ligne 41 du fichier) : ")
    assert "ressemble à un marqueur de solution" in message and "# DEBUT SOLUTION" in message


def test_marqueur_mal_ecrit_dans_un_bloc():
    source = "# DEBUT SOLUTION\n# squelette: x = ...\nx = 1\n# FIN SOLUTION"
    with pytest.raises(ErreurGeneration, match="ligne 2 : le commentaire '# squelette: x = ...' ressemble"):
        transformer_code(source)
    with pytest.raises(ErreurGeneration, match="ligne 2 : le commentaire '# SOLUTION' ressemble"):
        transformer_code("# DEBUT SOLUTION\nx = 1  # SOLUTION\n# FIN SOLUTION")


@pytest.mark.parametrize("ligne", [
    "# ex.q1.solution()   # … ou celle-ci pour voir une solution",
    "# la solution de l'équation",
    "print('# Solution')  # une chaîne, pas un commentaire",
    "solution = 3  # une variable qui s'appelle solution",
    "# solutions possibles : 2",
    "# solution_exacte = 2",
])
def test_commentaires_ordinaires_acceptes(ligne):
    assert transformer_code(ligne) == ligne


@pytest.mark.parametrize("ligne", ["a = b = 3  # SOLUTION", "d[k] = v = 1  # SOLUTION", "x = y = z = 0  # SOLUTION"])
def test_affectation_a_plusieurs_cibles_refusee(ligne):
    with pytest.raises(ErreurGeneration, match=r"cellule, ligne 1 : « # SOLUTION » sur une affectation à \d cibles"):
        transformer_code(ligne)


@pytest.mark.parametrize("ligne, attendu", [
    ("a, b = 1, 2  # SOLUTION", "a, b = ..., ...  # À compléter"),
    ("x = (y == 3)  # SOLUTION", "x = ...  # À compléter"),
    ("x = 3  # la réponse # SOLUTION", "x = ...  # À compléter"),
    ("x = 3  #SOLUTION", "x = ...  # À compléter"),
])
def test_une_seule_cible_acceptee(ligne, attendu):
    assert transformer_code(ligne) == attendu


def test_chapitre_reponse_secrete_refusee(depot):
    """Le cas de la relecture : « reponse_secrete = 42  # Solution » ne doit jamais atteindre course/."""
    texte = ENTETE + "\n# Chapitre 03\n\n```python\nx = 1\nreponse_secrete = 42  # Solution\n```\n"
    (depot / "solutions" / "03_fuite.md").write_text(texte, encoding="utf-8")
    with pytest.raises(ErreurGeneration, match=r"^03_fuite\.md, cellule 2, ligne 2 \(ligne 20 du fichier\) : "):
        _generer(depot)
    assert not (depot / "course").exists() or not list((depot / "course").glob("*.md"))


@pytest.mark.parametrize("tag", ["Solution", "SOLUTION", "solution ", "Sölution"])
def test_etiquette_solution_mal_ecrite(tag):
    texte = ENTETE + f'\n```python tags=["{tag}"]\nreponse_secrete = 42\n```\n'
    with pytest.raises(ErreurGeneration,
                       match=r"04_t\.md, cellule 1, ligne 17 : l'étiquette .* ressemble à « solution »"):
        transformer_chapitre(texte, "04_t.md")


def _fuites(texte):
    """Les lignes d'une version étudiant qui ressemblent à un marqueur de solution (casse et accents ignorés)."""
    lignes = []
    for cellule in _cellules(texte):
        for tag in cellule.metadata.get("tags", []):
            if "solution" in normaliser(str(tag)):
                lignes.append(f"étiquette {tag!r}")
        if cellule.cell_type == "code":
            lignes += [c for c in generation._commentaires(cellule.source).values() if ressemble_a_un_marqueur(c)]
    return lignes


@pytest.mark.parametrize("chapitre", sorted((RACINE / "course").glob("[0-9][0-9]_*.md")), ids=lambda p: p.name)
def test_aucune_fuite_dans_course(chapitre):
    """Test anti-fuite du dépôt, insensible à la casse et aux accents."""
    assert _fuites(chapitre.read_text(encoding="utf-8")) == []


def test_detecteur_de_fuites_voit_toutes_les_ecritures():
    texte = ENTETE + ('\n```python\nx = 1  # solution\n# Début Solution\n```\n\n'
                      '```python tags=["Solution"]\ny = 2\n```\n')
    assert _fuites(texte) == ["# solution", "# Début Solution", "étiquette 'Solution'"]


# --------------------------------------------------------------------------
# generer_cours
# --------------------------------------------------------------------------

CHAPITRE_2 = ENTETE + "\n# Chapitre 02\n\n```python\nreponse = 'b'  # SOLUTION\n```\n"


@pytest.fixture
def depot(tmp_path):
    solutions = tmp_path / "solutions"
    solutions.mkdir()
    (solutions / "01_essai.md").write_text(CHAPITRE, encoding="utf-8")
    (solutions / "02_suite.md").write_text(CHAPITRE_2, encoding="utf-8")
    (solutions / "notes.md").write_text("pas un chapitre", encoding="utf-8")
    (solutions / "1_mauvais_nom.md").write_text("pas un chapitre", encoding="utf-8")
    return tmp_path


def _generer(depot, **options):
    messages = []
    ecrits = generer_cours(depot / "solutions", depot / "course", afficher=messages.append, **options)
    return ecrits, messages


def test_premiere_generation(depot):
    ecrits, messages = _generer(depot)
    cours = depot / "course"
    assert ecrits == [cours / "01_essai.md", cours / "02_suite.md"]
    assert sorted(p.name for p in cours.iterdir()) == [".empreintes.json", "01_essai.md", "02_suite.md"]
    assert (cours / "01_essai.md").read_text(encoding="utf-8") == transformer_chapitre(CHAPITRE, "01_essai.md")
    assert "reponse = ...  # À compléter" in (cours / "02_suite.md").read_text(encoding="utf-8")
    empreintes = json.loads((cours / ".empreintes.json").read_text(encoding="utf-8"))
    assert set(empreintes) == {"01_essai.md", "02_suite.md"}
    for nom, valeur in empreintes.items():
        assert valeur == generation._empreinte((cours / nom).read_text(encoding="utf-8"))
    assert messages == [f"Écrit : {cours / '01_essai.md'}", f"Écrit : {cours / '02_suite.md'}"]


def test_deuxieme_generation_ne_fait_rien(depot):
    _generer(depot)
    cours = depot / "course"
    dates = {p.name: p.stat().st_mtime_ns for p in cours.iterdir() if p.suffix == ".md"}
    contenus = {p.name: p.read_bytes() for p in cours.iterdir()}
    ecrits, messages = _generer(depot)
    assert ecrits == []
    assert messages == ["La version étudiant est déjà à jour."]
    assert {p.name: p.stat().st_mtime_ns for p in cours.iterdir() if p.suffix == ".md"} == dates
    assert {p.name: p.read_bytes() for p in cours.iterdir()} == contenus


def test_solution_modifiee_regeneree(depot):
    _generer(depot)
    (depot / "solutions" / "02_suite.md").write_text(CHAPITRE_2 + "\nUn paragraphe ajouté.\n", encoding="utf-8")
    ecrits, _ = _generer(depot)
    assert ecrits == [depot / "course" / "02_suite.md"]
    assert "Un paragraphe ajouté." in (depot / "course" / "02_suite.md").read_text(encoding="utf-8")


def test_travail_de_l_etudiant_protege(depot):
    _generer(depot)
    cours = depot / "course"
    fichier = cours / "01_essai.md"
    travail = fichier.read_text(encoding="utf-8").replace("poids = ...  # À compléter", "poids = [1, 1]")
    fichier.write_text(travail, encoding="utf-8")
    empreintes_avant = (cours / ".empreintes.json").read_text(encoding="utf-8")
    # même si les solutions changent entre-temps
    (depot / "solutions" / "01_essai.md").write_text(CHAPITRE + "\nAjout.\n", encoding="utf-8")
    with pytest.raises(ErreurGeneration) as erreur:
        _generer(depot)
    message = str(erreur.value)
    assert "course/01_essai.md" in message and "02_suite.md" not in message
    assert "modifiés depuis leur génération" in message
    assert "Rien n'a été écrasé" in message
    assert "make exercices FORCE=1" in message and "course/sauvegardes/" in message
    assert fichier.read_text(encoding="utf-8") == travail
    assert (cours / ".empreintes.json").read_text(encoding="utf-8") == empreintes_avant
    assert not (cours / "sauvegardes").exists()


def test_force_sauvegarde_puis_regenere(depot):
    _generer(depot)
    cours = depot / "course"
    fichier = cours / "01_essai.md"
    travail = fichier.read_text(encoding="utf-8") + "\nMes notes personnelles.\n"
    fichier.write_text(travail, encoding="utf-8")
    carnet = cours / "01_essai.ipynb"
    carnet.write_text('{"cells": []}', encoding="utf-8")
    ecrits, messages = _generer(depot, force=True)
    assert ecrits == [fichier]
    assert fichier.read_text(encoding="utf-8") == transformer_chapitre(CHAPITRE, "01_essai.md")
    copies = sorted((cours / "sauvegardes").iterdir())
    assert [c.suffix for c in copies] == [".ipynb", ".md"]
    copie_md = next(c for c in copies if c.suffix == ".md")
    assert copie_md.name.startswith("01_essai.") and copie_md.name != "01_essai.md"
    assert copie_md.read_text(encoding="utf-8") == travail
    assert next(c for c in copies if c.suffix == ".ipynb").read_text(encoding="utf-8") == '{"cells": []}'
    assert any(m.startswith("Copie de sauvegarde : ") and str(copie_md) in m for m in messages)
    # les empreintes sont à jour : une nouvelle génération ne fait rien
    assert _generer(depot)[0] == []


def test_fichier_supprime_regenere(depot):
    _generer(depot)
    (depot / "course" / "02_suite.md").unlink()
    ecrits, _ = _generer(depot)
    assert ecrits == [depot / "course" / "02_suite.md"]


def test_fichier_existant_identique_sans_empreinte(depot):
    """Un fichier déjà identique à la version générée n'est pas considéré comme modifié."""
    cours = depot / "course"
    cours.mkdir()
    (cours / "01_essai.md").write_text(transformer_chapitre(CHAPITRE, "01_essai.md"), encoding="utf-8")
    ecrits, _ = _generer(depot)
    assert ecrits == [cours / "02_suite.md"]


def test_fichier_inconnu_sans_empreinte_protege(depot):
    cours = depot / "course"
    cours.mkdir()
    (cours / "01_essai.md").write_text("mon propre fichier", encoding="utf-8")
    with pytest.raises(ErreurGeneration, match="FORCE=1"):
        _generer(depot)
    assert (cours / "01_essai.md").read_text(encoding="utf-8") == "mon propre fichier"


def test_aucun_chapitre(tmp_path):
    (tmp_path / "solutions").mkdir()
    with pytest.raises(ErreurGeneration, match="Aucun chapitre"):
        generer_cours(tmp_path / "solutions", tmp_path / "course", afficher=lambda m: None)


def test_chapitre_mal_balise_n_ecrit_rien(depot):
    (depot / "solutions" / "03_casse.md").write_text(ENTETE + "\n```python\n# DEBUT SOLUTION\nx = 1\n```\n",
                                                     encoding="utf-8")
    with pytest.raises(ErreurGeneration, match=r"03_casse\.md, cellule 1 : DEBUT SOLUTION sans FIN SOLUTION"):
        _generer(depot)
    assert not list((depot / "course").glob("*.md"))


# --------------------------------------------------------------------------
# Ligne de commande
# --------------------------------------------------------------------------

def test_main_refus(depot, monkeypatch, capsys):
    monkeypatch.setattr(generation, "RACINE", depot)
    assert generation.main(["cours"]) == 0
    capsys.readouterr()
    (depot / "course" / "02_suite.md").write_text("travail de l'étudiant", encoding="utf-8")
    assert generation.main(["cours"]) == 1
    sortie = capsys.readouterr()
    assert sortie.err.startswith("Erreur : Ces fichiers de la version étudiant ont été modifiés")
    assert "FORCE=1" in sortie.err
    assert (depot / "course" / "02_suite.md").read_text(encoding="utf-8") == "travail de l'étudiant"
    assert generation.main(["cours", "--force"]) == 0
    assert "Copie de sauvegarde" in capsys.readouterr().out
    assert (depot / "course" / "02_suite.md").read_text(encoding="utf-8") != "travail de l'étudiant"


def test_main_sans_commande(capsys):
    with pytest.raises(SystemExit) as sortie:
        generation.main([])
    assert sortie.value.code == 2


def test_ligne_de_commande_reelle(depot):
    """« python -m outils.generation cours » dans une copie du dépôt : code 1 et message en français."""
    for paquet in ("helpers", "outils"):
        shutil.copytree(RACINE / paquet, depot / paquet, ignore=shutil.ignore_patterns("__pycache__"))
    env = {**os.environ, "PYTHONPATH": str(depot)}

    def lancer(*arguments):
        return subprocess.run([sys.executable, "-m", "outils.generation", "cours", *arguments], cwd=depot, env=env,
                              capture_output=True, text=True, timeout=120, check=False)

    premier = lancer()
    assert premier.returncode == 0, premier.stderr
    assert "Écrit : " in premier.stdout
    (depot / "course" / "01_essai.md").write_text("modifié", encoding="utf-8")
    refus = lancer()
    assert refus.returncode == 1
    assert refus.stderr.startswith("Erreur : ") and "FORCE=1" in refus.stderr and "Traceback" not in refus.stderr
    assert (depot / "course" / "01_essai.md").read_text(encoding="utf-8") == "modifié"


def test_nettoyer_garde_un_cahier_modifie(tmp_path):
    """« make clean » supprime un .ipynb identique à son .md, mais met de côté un .ipynb modifié."""
    import jupytext

    from outils.generation import nettoyer_notebooks

    texte = "```python\nx = 1\n```\n"
    for nom in ("01_a", "02_b"):
        (tmp_path / f"{nom}.md").write_text(texte, encoding="utf-8")
        jupytext.write(jupytext.reads(texte, fmt="md"), tmp_path / f"{nom}.ipynb")
    modifie = jupytext.read(tmp_path / "02_b.ipynb")
    modifie.cells[0].source = "x = 42  # travail de l'étudiant"
    jupytext.write(modifie, tmp_path / "02_b.ipynb")
    messages = []
    supprimes = nettoyer_notebooks([tmp_path], afficher=messages.append)
    assert supprimes == [tmp_path / "01_a.ipynb"]
    assert not (tmp_path / "02_b.ipynb").exists()
    (copie,) = (tmp_path / "sauvegardes").glob("02_b.*.ipynb")
    assert "x = 42" in copie.read_text(encoding="utf-8")
    assert "gardé" in messages[0]


# --------------------------------------------------------------------------
# Aucun travail d'étudiant perdu : chaque modification × chaque commande
# --------------------------------------------------------------------------
# Copie minimale du dépôt dans tmp_path : solutions/ (deux chapitres), course/ généré, .ipynb
# synchronisés. Chaque scénario modifie course/01_essai comme le ferait un étudiant ; chaque commande
# est celle qu'appelle la cible make (vérifié plus bas avec « make -n »). La règle : la commande
# s'arrête sans rien écrire (message qui nomme le fichier et FORCE=1), ou copie d'abord les deux
# fichiers dans course/sauvegardes/ ; jamais un octet de travail perdu.

PIXEL = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="


def _lire_json(chemin):
    return json.loads(chemin.read_text(encoding="utf-8"))


def _ecrire_json(chemin, donnees):
    chemin.write_text(json.dumps(donnees, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def _travail_md(cours):
    md = cours / "01_essai.md"
    md.write_text(md.read_text(encoding="utf-8").replace("poids = ...  # À compléter", "poids = [1, 1]  # TRAVAIL_MD"),
                  encoding="utf-8")


def _travail_ipynb(cours, texte="TRAVAIL_NB"):
    nb = cours / "01_essai.ipynb"
    donnees = _lire_json(nb)
    cellule = next(c for c in donnees["cells"] if "poids = ..." in "".join(c["source"]))
    cellule["source"] = f"poids = [2, 2]  # {texte}\nprint(poids)"
    _ecrire_json(nb, donnees)


def _piece_jointe(cours):
    """Une image collée dans une cellule Markdown, enregistrée par JupyterLab dans les deux fichiers."""
    nb, md = cours / "01_essai.ipynb", cours / "01_essai.md"
    donnees = _lire_json(nb)
    cellule = next(c for c in donnees["cells"] if "sans métadonnées" in "".join(c["source"]))
    cellule["source"] = "".join(cellule["source"]) + "\n\n![schema.png](attachment:schema.png)"
    cellule["attachments"] = {"schema.png": {"image/png": PIXEL}}
    _ecrire_json(nb, donnees)
    md.write_text(md.read_text(encoding="utf-8").replace(
        "Une cellule de texte sans métadonnées.", "Une cellule de texte sans métadonnées.\n\n"
        "![schema.png](attachment:schema.png)"), encoding="utf-8")


def _cellule_ajoutee(cours):
    nb = cours / "01_essai.ipynb"
    donnees = _lire_json(nb)
    donnees["cells"].insert(3, {"cell_type": "code", "execution_count": None, "id": "ajout", "metadata": {},
                                "outputs": [], "source": "mon_essai = 1  # TRAVAIL_NOUVELLE_CELLULE"})
    _ecrire_json(nb, donnees)


def _cellule_supprimee(cours):
    nb = cours / "01_essai.ipynb"
    donnees = _lire_json(nb)
    donnees["cells"] = [c for c in donnees["cells"] if "sans métadonnées" not in "".join(c["source"])]
    _ecrire_json(nb, donnees)


SCENARIOS = {
    "md_seul": _travail_md,
    "ipynb_seul": _travail_ipynb,
    "les_deux": lambda cours: (_travail_md(cours), _travail_ipynb(cours)),
    "piece_jointe": _piece_jointe,
    "cellule_ajoutee": _cellule_ajoutee,
    "cellule_supprimee": _cellule_supprimee,
}


def _solutions_mises_a_jour(depot):
    """L'enseignant publie une nouvelle version des deux chapitres (la génération doit réécrire course/)."""
    for nom, texte in (("01_essai.md", CHAPITRE), ("02_suite.md", CHAPITRE_2)):
        (depot / "solutions" / nom).write_text(texte + "\nUn paragraphe ajouté par l'enseignant.\n", encoding="utf-8")


def _dossiers(depot):
    return [depot / "solutions", depot / "course"]


COMMANDES = {
    # make exercices / make exercices CHAPITRE=01 / … FORCE=1 : python -m outils.generation cours […]
    "exercices": lambda depot, afficher: (_solutions_mises_a_jour(depot), generer_cours(
        depot / "solutions", depot / "course", afficher=afficher)),
    "exercices_chapitre": lambda depot, afficher: (_solutions_mises_a_jour(depot), generer_cours(
        depot / "solutions", depot / "course", afficher=afficher, chapitres=["01"])),
    "exercices_force": lambda depot, afficher: (_solutions_mises_a_jour(depot), generer_cours(
        depot / "solutions", depot / "course", afficher=afficher, force=True)),
    # make notebooks, et la synchronisation de make lab et de make test : python -m outils.generation notebooks
    "notebooks": lambda depot, afficher: generation.synchroniser_notebooks(_dossiers(depot), afficher=afficher),
    "notebooks_force": lambda depot, afficher: generation.synchroniser_notebooks(_dossiers(depot), force=True,
                                                                                 afficher=afficher),
    # make clean : python -m outils.generation nettoyer
    "clean": lambda depot, afficher: generation.nettoyer_notebooks(_dossiers(depot), afficher=afficher),
}


@pytest.fixture
def depot_synchronise(tmp_path):
    """Un dépôt miniature tel qu'un étudiant l'a après « make lab » : course/ généré, .ipynb créés."""
    solutions = tmp_path / "solutions"
    solutions.mkdir()
    (solutions / "01_essai.md").write_text(CHAPITRE, encoding="utf-8")
    (solutions / "02_suite.md").write_text(CHAPITRE_2, encoding="utf-8")
    generer_cours(solutions, tmp_path / "course", afficher=lambda m: None)
    messages = []
    generation.synchroniser_notebooks(_dossiers(tmp_path), afficher=messages.append)
    assert messages == []  # clone neuf : aucun message
    assert sorted(p.name for p in (tmp_path / "course").glob("*.ipynb")) == ["01_essai.ipynb", "02_suite.ipynb"]
    return tmp_path


def _instantane(dossier):
    return {p.relative_to(dossier): p.read_bytes() for p in sorted(dossier.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("commande", list(COMMANDES))
@pytest.mark.parametrize("scenario", list(SCENARIOS))
def test_aucun_travail_perdu(depot_synchronise, scenario, commande):
    cours = depot_synchronise / "course"
    SCENARIOS[scenario](cours)
    paire = [cours / "01_essai.md", cours / "01_essai.ipynb"]
    avant = {p: p.read_bytes() for p in paire}
    tout_avant = _instantane(cours)
    messages = []
    try:
        COMMANDES[commande](depot_synchronise, messages.append)
    except ErreurGeneration as erreur:
        message = str(erreur)
        assert "01_essai" in message and "FORCE=1" in message, message
        assert "02_suite" not in message
        assert _instantane(cours) == tout_avant, "une commande qui s'arrête ne doit rien avoir écrit"
        return
    copies = [p.read_bytes() for p in (cours / "sauvegardes").glob("01_essai.*")] \
        if (cours / "sauvegardes").exists() else []
    touches = [p for p in paire if not p.exists() or p.read_bytes() != avant[p]]
    for fichier in touches:
        assert avant[fichier] in copies, f"{fichier.name} écrasé ou supprimé sans copie dans sauvegardes/"
        assert any(fichier.name in m or fichier.stem in m for m in messages), messages
    if touches:
        for fichier in paire:
            assert avant[fichier] in copies, f"les deux fichiers doivent être copiés ; {fichier.name} manque"
    if scenario == "piece_jointe":
        gardes = [nb for nb in [cours / "01_essai.ipynb", *(cours / "sauvegardes").glob("*.ipynb")] if nb.exists()] \
            if (cours / "sauvegardes").exists() else [cours / "01_essai.ipynb"]
        assert any(PIXEL in nb.read_text(encoding="utf-8") for nb in gardes), "l'image collée a disparu"


@pytest.mark.parametrize("scenario", ["ipynb_seul", "cellule_ajoutee", "cellule_supprimee", "md_seul"])
def test_synchronisation_apres_une_modification_d_un_seul_cote(depot_synchronise, scenario):
    """Un seul des deux fichiers a changé : l'autre le rejoint (après copie des deux), puis tout est stable."""
    cours = depot_synchronise / "course"
    SCENARIOS[scenario](cours)
    generation.synchroniser_notebooks(_dossiers(depot_synchronise), afficher=lambda m: None)
    md, nb = jupytext.read(cours / "01_essai.md"), jupytext.read(cours / "01_essai.ipynb")
    assert generation._contenu(md) == generation._contenu(nb)
    assert len(list((cours / "sauvegardes").iterdir())) == 2
    # une deuxième synchronisation ne fait plus rien
    instantane, messages = _instantane(cours), []
    generation.synchroniser_notebooks(_dossiers(depot_synchronise), afficher=messages.append)
    assert _instantane(cours) == instantane and messages == []


def test_synchronisation_suit_une_nouvelle_version_du_md(depot_synchronise):
    """Attrape une synchronisation sans effet : une modification du .md doit atteindre le .ipynb."""
    solutions = depot_synchronise / "solutions"
    (solutions / "02_suite.md").write_text(CHAPITRE_2 + "\nParagraphe NOUVEAU.\n", encoding="utf-8")
    messages = []
    generation.synchroniser_notebooks(_dossiers(depot_synchronise), afficher=messages.append)
    assert "Paragraphe NOUVEAU." in (solutions / "02_suite.ipynb").read_text(encoding="utf-8")
    assert not (solutions / "sauvegardes").exists(), "solutions/ est versionné : pas de copie pour l'auteur"
    assert messages == ["solutions/02_suite.ipynb mis à jour d'après 02_suite.md."]


def test_synchronisation_divergente_puis_force(depot_synchronise):
    cours = depot_synchronise / "course"
    _travail_md(cours)
    _travail_ipynb(cours)
    with pytest.raises(ErreurGeneration) as erreur:
        generation.synchroniser_notebooks(_dossiers(depot_synchronise), afficher=lambda m: None)
    assert "01_essai.ipynb" in str(erreur.value) and "make notebooks FORCE=1" in str(erreur.value)
    os.utime(cours / "01_essai.ipynb", (9e9, 9e9))  # le .ipynb est le plus récent
    messages = []
    generation.synchroniser_notebooks(_dossiers(depot_synchronise), force=True, afficher=messages.append)
    assert "TRAVAIL_NB" in (cours / "01_essai.md").read_text(encoding="utf-8")
    (copie_md,) = (cours / "sauvegardes").glob("01_essai.*.md")
    assert "TRAVAIL_MD" in copie_md.read_text(encoding="utf-8")
    assert any("plus récent (FORCE=1)" in m for m in messages)


def test_nettoyer_garde_une_piece_jointe(depot_synchronise):
    """« make clean » ne supprime pas un .ipynb dont la seule différence est une image collée."""
    cours = depot_synchronise / "course"
    _piece_jointe(cours)
    supprimes = generation.nettoyer_notebooks(_dossiers(depot_synchronise), afficher=lambda m: None)
    assert cours / "01_essai.ipynb" not in supprimes and cours / "02_suite.ipynb" in supprimes
    (copie,) = (cours / "sauvegardes").glob("01_essai.*.ipynb")
    assert PIXEL in copie.read_text(encoding="utf-8")


def test_exercices_chapitre_ne_touche_que_ce_chapitre(depot, monkeypatch, capsys):
    """Attrape « --chapitre ignoré » : seul le chapitre demandé est régénéré."""
    monkeypatch.setattr(generation, "RACINE", depot)
    assert generation.main(["cours"]) == 0
    _solutions_mises_a_jour(depot)
    capsys.readouterr()
    assert generation.main(["cours", "--chapitre", "2"]) == 0
    assert "Un paragraphe ajouté" in (depot / "course" / "02_suite.md").read_text(encoding="utf-8")
    assert "Un paragraphe ajouté" not in (depot / "course" / "01_essai.md").read_text(encoding="utf-8")
    assert capsys.readouterr().out == f"Écrit : {depot / 'course' / '02_suite.md'}\n"
    assert generation.main(["cours", "--chapitre", "07"]) == 1
    assert "Chapitre introuvable" in capsys.readouterr().err


def test_clone_neuf_sans_message(depot, monkeypatch, capsys):
    """Sur un clone neuf (aucun .ipynb), « make notebooks » crée tout sans rien signaler d'autre."""
    monkeypatch.setattr(generation, "RACINE", depot)
    assert generation.main(["cours"]) == 0
    capsys.readouterr()
    assert generation.main(["notebooks"]) == 0
    sortie = capsys.readouterr()
    assert sortie.err == "" and sortie.out == "4 chapitre(s) synchronisé(s) avec leur .ipynb.\n"
    assert len(list(depot.glob("*/0*.ipynb"))) == 4


def test_notebooks_en_ligne_de_commande(depot_synchronise):
    """« python -m outils.generation notebooks » dans la copie : code 1, message en français, rien d'écrit."""
    for paquet in ("helpers", "outils"):
        shutil.copytree(RACINE / paquet, depot_synchronise / paquet, ignore=shutil.ignore_patterns("__pycache__"))
    cours = depot_synchronise / "course"
    _travail_md(cours)
    _travail_ipynb(cours)
    avant = _instantane(cours)
    resultat = subprocess.run([sys.executable, "-m", "outils.generation", "notebooks"], cwd=depot_synchronise,
                              env={**os.environ, "PYTHONPATH": str(depot_synchronise)}, capture_output=True,
                              text=True, timeout=120, check=False)
    assert resultat.returncode == 1
    assert resultat.stderr.startswith("Erreur : course/01_essai.ipynb et course/01_essai.md ont tous deux changé")
    assert "FORCE=1" in resultat.stderr and "Traceback" not in resultat.stderr
    assert _instantane(cours) == avant


@pytest.mark.skipif(shutil.which("make") is None, reason="make absent")
@pytest.mark.parametrize("cible, options, attendu", [
    ("notebooks", [], [".venv/bin/python -m outils.generation notebooks"]),
    ("notebooks", ["FORCE=1"], [".venv/bin/python -m outils.generation notebooks --force"]),
    ("lab", [], [".venv/bin/python -m outils.generation notebooks", ".venv/bin/jupyter lab"]),
    ("test", [], [".venv/bin/python -m outils.generation notebooks", "-m pytest"]),
    ("exercices", [], [".venv/bin/python -m outils.generation cours"]),
    ("exercices", ["CHAPITRE=05", "FORCE=1"], [".venv/bin/python -m outils.generation cours --force --chapitre 05"]),
    ("clean", [], [".venv/bin/python -m outils.generation nettoyer"]),
])
def test_les_cibles_make_appellent_le_generateur(cible, options, attendu):
    """Les commandes essayées ci-dessus sont bien celles des cibles make (make -n n'exécute rien)."""
    resultat = subprocess.run(["make", "-n", "-C", str(RACINE), "-o", ".venv/.installe", "-o", "navigateur",
                               cible, *options], capture_output=True, text=True, timeout=60, check=False)
    assert resultat.returncode == 0, resultat.stderr
    lignes = resultat.stdout.splitlines()
    position = -1
    for morceau in attendu:
        suivantes = [i for i, ligne in enumerate(lignes) if morceau in ligne and i > position]
        assert suivantes, f"« {morceau} » absent de make {cible} : {lignes}"
        position = suivantes[0]


def test_reglages_rise_dans_chaque_ipynb(depot_synchronise):
    """Chaque .ipynb écrit par le générateur porte les réglages RISE (défilement, flèches), sans écraser les siens."""
    for nb in sorted(depot_synchronise.glob("*/0*.ipynb")):
        assert _lire_json(nb)["metadata"]["rise"] == {"scroll": True, "controls": True, "navigationMode": "linear"}, nb
    # un .ipynb plus ancien, sans réglages : ils sont ajoutés, le reste ne bouge pas
    nb = depot_synchronise / "course" / "02_suite.ipynb"
    donnees = _lire_json(nb)
    donnees["metadata"]["rise"] = {"theme": "sky"}
    _ecrire_json(nb, donnees)
    generation.synchroniser_notebooks(_dossiers(depot_synchronise), afficher=lambda m: None)
    apres = _lire_json(nb)
    assert apres["metadata"]["rise"] == {"scroll": True, "controls": True, "navigationMode": "linear", "theme": "sky"}
    assert apres["cells"] == donnees["cells"]


def test_premiere_synchronisation_d_anciens_cahiers(depot_synchronise):
    """Des cahiers créés avant cet outil (jupytext --sync, pas d'état) : copie des deux, le plus récent gagne."""
    cours = depot_synchronise / "course"
    (cours / generation.SYNCHRO).unlink()
    _travail_md(cours)
    os.utime(cours / "01_essai.ipynb", (1e9, 1e9))  # le .md est le plus récent
    messages = []
    generation.synchroniser_notebooks([cours], afficher=messages.append)
    assert "TRAVAIL_MD" in (cours / "01_essai.ipynb").read_text(encoding="utf-8")
    assert sorted(p.suffix for p in (cours / "sauvegardes").iterdir()) == [".ipynb", ".md"]
    assert any("plus récent (première synchronisation)" in m for m in messages)


# --------------------------------------------------------------------------
# Kernelspec de JupyterLab et réglages de RISE (issue 17)
# --------------------------------------------------------------------------

def _kernelspec(texte):
    return jupytext.reads(texte, fmt="md").metadata.get("kernelspec")


def test_version_etudiant_avec_la_kernelspec_de_jupyterlab():
    """Enregistrer dans JupyterLab ne change plus l'en-tête : le générateur écrit « Python 3 (ipykernel) »."""
    ancien = CHAPITRE.replace("display_name: Python 3 (ipykernel)", "display_name: Python 3")
    assert _kernelspec(ancien)["display_name"] == "Python 3"
    assert _kernelspec(transformer_chapitre(ancien, "01_essai.md")) == generation.KERNELSPEC


@pytest.mark.parametrize("chapitre", sorted([*(RACINE / "solutions").glob("[0-9][0-9]_*.md"),
                                             *(RACINE / "course").glob("[0-9][0-9]_*.md")]),
                         ids=lambda p: f"{p.parent.name}/{p.name}")
def test_en_tete_des_chapitres_comme_jupyterlab_l_ecrit(chapitre):
    """L'en-tête des .md a la kernelspec que JupyterLab écrit en enregistrant (sinon git voit un changement).

    Pour corriger un chapitre : sed -i 's/^    display_name: Python 3$/    display_name: Python 3 (ipykernel)/'
    """
    assert _kernelspec(chapitre.read_text(encoding="utf-8")) == generation.KERNELSPEC, (
        f"{chapitre.name} : kernelspec {_kernelspec(chapitre.read_text(encoding='utf-8'))}, "
        f"attendu {generation.KERNELSPEC} (celle que JupyterLab écrit en enregistrant)")


def test_cahiers_crees_avec_les_reglages_de_rise(tmp_path):
    """make notebooks : chaque .ipynb a scroll et navigationMode linéaire, sans rien changer au .md."""
    import nbformat

    shutil.copy(RACINE / "jupytext.toml", tmp_path)
    (tmp_path / "01_essai.md").write_text(CHAPITRE, encoding="utf-8")
    generation.synchroniser_notebooks([tmp_path])
    cahier = tmp_path / "01_essai.ipynb"
    carnet = nbformat.read(cahier, as_version=4)
    assert carnet.metadata["rise"]["scroll"] is True and carnet.metadata["rise"]["navigationMode"] == "linear"
    assert carnet.metadata["kernelspec"] == generation.KERNELSPEC
    assert (tmp_path / "01_essai.md").read_text(encoding="utf-8") == CHAPITRE
    # Un réglage choisi par l'enseignant est gardé ; une seconde synchronisation ne change rien.
    carnet.metadata["rise"]["theme"] = "sky"
    nbformat.write(carnet, cahier)
    generation.synchroniser_notebooks([tmp_path])
    assert nbformat.read(cahier, as_version=4).metadata["rise"]["theme"] == "sky"


def test_metadonnees_de_presentation_refuse_autre_chose_qu_un_dict():
    with pytest.raises(TypeError, match="dictionnaire"):
        generation.metadonnees_de_presentation(["rise"])
