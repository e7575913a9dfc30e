"""La garde de tests/conftest.py : la suite complète échoue si un chapitre n'a pas été exécuté par nbval.

Essayée dans un dépôt miniature (un chapitre dans solutions/ et course/, un test ordinaire), avec
pytest lancé dans un sous-processus, en série puis en parallèle (pytest-xdist).
"""
import os
import shutil
import subprocess
import sys
from pathlib import Path

import jupytext
import pytest

RACINE = Path(__file__).resolve().parent.parent
CHAPITRE = "# Chapitre 01 — Essai\n\n```python\nx = 1\n```\n"


@pytest.fixture
def mini_depot(tmp_path):
    (tmp_path / "tests").mkdir()
    shutil.copy(RACINE / "tests" / "conftest.py", tmp_path / "tests" / "conftest.py")
    (tmp_path / "tests" / "test_rien.py").write_text("def test_rien():\n    pass\n", encoding="utf-8")
    for dossier in ("solutions", "course"):
        (tmp_path / dossier).mkdir()
        (tmp_path / dossier / "01_essai.md").write_text(CHAPITRE, encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text(
        '[tool.pytest.ini_options]\ntestpaths = ["tests", "solutions", "course"]\n'
        'addopts = "--nbval-lax --nbval-current-env -p no:cacheprovider"\n', encoding="utf-8")
    return tmp_path


def _cahiers(depot):
    for dossier in ("solutions", "course"):
        md = depot / dossier / "01_essai.md"
        jupytext.write(jupytext.read(md), md.with_suffix(".ipynb"))


def _pytest(depot, *arguments):
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("PYTEST_", "COURS_APPAREIL")) and k != "PYTHONPATH"}
    resultat = subprocess.run([sys.executable, "-m", "pytest", *arguments], cwd=depot, env=env,
                              capture_output=True, text=True, timeout=300, check=False)
    return resultat.returncode, resultat.stdout + resultat.stderr


def test_suite_complete_sans_cahiers_echoue(mini_depot):
    code, sortie = _pytest(mini_depot)
    assert code == 1, sortie
    assert "1 passed" in sortie
    assert "2 chapitre(s) n'ont pas été exécutés par nbval : course/01_essai.ipynb, solutions/01_essai.ipynb" in sortie


def test_fichier_isole_sans_garde(mini_depot):
    code, sortie = _pytest(mini_depot, "tests/test_rien.py")
    assert code == 0, sortie


def test_suite_complete_avec_cahiers_passe(mini_depot):
    _cahiers(mini_depot)
    code, sortie = _pytest(mini_depot)
    assert code == 0, sortie
    assert "3 passed" in sortie and "non exécutés" not in sortie


def test_garde_en_parallele(mini_depot):
    """Sous xdist : le cahier exécuté par un travailleur compte, celui qui manque est nommé."""
    _cahiers(mini_depot)
    (mini_depot / "course" / "01_essai.ipynb").unlink()
    code, sortie = _pytest(mini_depot, "-n", "2", ".")
    assert code == 1, sortie
    assert "1 chapitre(s) n'ont pas été exécutés par nbval : course/01_essai.ipynb" in sortie


def test_chapitres_attendus_du_depot():
    """Dans le vrai dépôt, la garde attend les deux versions de chaque chapitre."""
    from conftest import chapitres_attendus

    attendus = chapitres_attendus(RACINE)
    nombre = len(list((RACINE / "solutions").glob("[0-9][0-9]_*.md")))
    assert len(attendus) == 2 * nombre and "course/05_reseau_de_neurones.ipynb" in attendus
