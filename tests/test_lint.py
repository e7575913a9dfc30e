"""Analyse statique : ``ruff check .`` ne trouve rien dans le dépôt.

La configuration (règles E, F, W, B ; lignes de 120 caractères au plus ;
cahiers, diapositives et environnement exclus) est dans ``pyproject.toml``.
Le second test vérifie que cette configuration est bien lue : une ligne de
121 caractères doit être signalée.
"""
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

RACINE = Path(__file__).resolve().parent.parent


def _ruff():
    """Le binaire ruff de l'environnement qui lance les tests, sinon celui du PATH."""
    voisin = Path(sys.executable).parent / ("ruff.exe" if sys.platform == "win32" else "ruff")
    if voisin.exists():
        return str(voisin)
    trouve = shutil.which("ruff")
    if trouve is None:
        pytest.fail("ruff est introuvable : installez les dépendances (pip install -r requirements.txt).")
    return trouve


def _lancer(*arguments, entree=None):
    return subprocess.run([_ruff(), *arguments], cwd=RACINE, input=entree, capture_output=True,
                          text=True, encoding="utf-8", timeout=300)


def test_ruff_ne_signale_rien():
    resultat = _lancer("check", ".", "--no-cache", "--output-format", "concise")
    assert resultat.returncode == 0, (
        "ruff check . signale des erreurs (corrigez-les ; voir CONTRIBUTING.md) :\n"
        + resultat.stdout + resultat.stderr)


def test_ruff_attrape_une_ligne_trop_longue():
    ligne_121 = "x = " + repr("a" * 115) + "\n"
    assert len(ligne_121.rstrip("\n")) == 121
    resultat = _lancer("check", "--config", "pyproject.toml", "--no-cache", "--output-format", "concise",
                       "--stdin-filename", "x.py", "-", entree=ligne_121)
    assert resultat.returncode == 1, resultat.stdout + resultat.stderr
    assert "E501" in resultat.stdout, resultat.stdout + resultat.stderr
    # À 120 caractères, la ligne est acceptée : la limite est bien 120.
    ligne_120 = "x = " + repr("a" * 114) + "\n"
    resultat = _lancer("check", "--config", "pyproject.toml", "--no-cache", "--output-format", "concise",
                       "--stdin-filename", "x.py", "-", entree=ligne_120)
    assert resultat.returncode == 0, resultat.stdout + resultat.stderr
