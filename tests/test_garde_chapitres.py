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


# --- Partage : les cahiers de solutions/ exécutés par nbval vont dans le cache des diapositives --------

FIGURE = ("# Chapitre 01 — Essai\n\n```python\nimport matplotlib.pyplot as plt\nplt.plot([0, 1])\nplt.show()\n"
          "print('fini')\n```\n")


def test_nbval_range_les_solutions_dans_le_cache(mini_depot, monkeypatch):
    """Sous xdist, comme make test : figures « inline » gardées pour solutions/, rien pour course/,
    et un cahier en échec n'est pas rangé."""
    from outils.cache import empreinte_chapitre

    for dossier in ("solutions", "course"):
        (mini_depot / dossier / "01_essai.md").write_text(FIGURE, encoding="utf-8")
    (mini_depot / "solutions" / "02_echec.md").write_text("# Chapitre 02\n\n```python\n1 / 0\n```\n",
                                                          encoding="utf-8")
    for md in (mini_depot / "solutions").glob("*.md"):
        jupytext.write(jupytext.read(md), md.with_suffix(".ipynb"))
    jupytext.write(jupytext.read(mini_depot / "course" / "01_essai.md"), mini_depot / "course" / "01_essai.ipynb")
    cache = mini_depot / "cache"
    monkeypatch.setenv("COURS_CACHE_EXECUTION", str(cache))
    monkeypatch.setenv("COURS_MODE", "rapide")
    monkeypatch.setenv("MPLBACKEND", "Agg")
    code, sortie = _pytest(mini_depot, "-n", "2", ".")
    assert code == 1 and "1 failed" in sortie, sortie
    ranges = sorted(p.name for p in (cache / "rapide").glob("*.ipynb"))
    source = mini_depot / "solutions" / "01_essai.md"
    assert ranges == [f"01_essai-{empreinte_chapitre(source, 'rapide')}.ipynb"], ranges
    sorties = jupytext.read(cache / "rapide" / ranges[0]).cells[1].outputs
    assert any("image/png" in s.get("data", {}) for s in sorties), "la figure manque (noyau resté en Agg ?)"
    assert any("fini" in s.get("text", "") for s in sorties)
