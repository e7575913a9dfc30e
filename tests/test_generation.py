"""Tests du générateur de la version étudiant (helpers.generation)."""
import ast
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import jupytext
import pytest

from helpers import generation
from helpers.generation import ErreurGeneration, generer_cours, transformer_chapitre, transformer_code

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
    assert len(originales) == 9
    assert len(cellules) == 7
    for cellule in cellules:
        assert "solution" not in cellule.metadata.get("tags", [])
    assert "SECRET" not in etudiant and "réservée aux solutions" not in etudiant
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


def test_transformer_chapitre_idempotent():
    etudiant = transformer_chapitre(CHAPITRE, "01_essai.md")
    assert transformer_chapitre(etudiant, "01_essai.md") == etudiant


def test_chapitre_sans_marqueur_inchange():
    carnet = jupytext.reads(CHAPITRE, fmt="md")
    carnet.cells = [c for c in carnet.cells
                    if "solution" not in c.metadata.get("tags", []) and "SOLUTION" not in c.source]
    texte = jupytext.writes(carnet, fmt="md")
    assert transformer_chapitre(texte) == texte


def test_chapitre_python_invalide():
    texte = ENTETE + "\n```python\n# DEBUT SOLUTION\n# SQUELETTE: def f(\nx = 1\n# FIN SOLUTION\n```\n"
    with pytest.raises(ErreurGeneration, match=r"02_x\.md, cellule 1 : la version étudiant n'est pas du Python valide"):
        transformer_chapitre(texte, "02_x.md")


def test_chapitre_marqueur_mal_place():
    texte = ENTETE + "\n```python\nx = 1\n```\n\n```python\nprint(x)  # SOLUTION\n```\n"
    with pytest.raises(ErreurGeneration, match=r"03_y\.md, cellule 2, ligne 1 : « # SOLUTION »"):
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
    assert not any(p.suffix == ".md" for p in (depot / "course").iterdir())


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
    """« python -m helpers.generation cours » dans une copie du dépôt : code 1 et message en français."""
    shutil.copytree(RACINE / "helpers", depot / "helpers", ignore=shutil.ignore_patterns("__pycache__"))
    env = {**os.environ, "PYTHONPATH": str(depot)}

    def lancer(*arguments):
        return subprocess.run([sys.executable, "-m", "helpers.generation", "cours", *arguments], cwd=depot, env=env,
                              capture_output=True, text=True, timeout=120)

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

    from helpers.generation import nettoyer_notebooks

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
    assert carnet.metadata["rise"] == {"scroll": True, "navigationMode": "linear"}
    assert carnet.metadata["kernelspec"] == generation.KERNELSPEC
    assert (tmp_path / "01_essai.md").read_text(encoding="utf-8") == CHAPITRE
    # Le .ipynb n'est pas plus récent que le .md : Jupytext lit toujours les cellules dans le .md.
    assert cahier.stat().st_mtime <= (tmp_path / "01_essai.md").stat().st_mtime + 1
    # Un réglage choisi par l'enseignant est gardé ; une seconde synchronisation ne change rien.
    carnet.metadata["rise"]["theme"] = "sky"
    nbformat.write(carnet, cahier)
    generation.synchroniser_notebooks([tmp_path])
    assert nbformat.read(cahier, as_version=4).metadata["rise"]["theme"] == "sky"


def test_metadonnees_de_presentation_refuse_autre_chose_qu_un_dict():
    with pytest.raises(TypeError, match="dictionnaire"):
        generation.metadonnees_de_presentation(["rise"])
