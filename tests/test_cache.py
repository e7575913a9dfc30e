"""Cache des chapitres exécutés (outils.cache) : une seule exécution tant que rien ne change."""
import pytest

from outils import cache

CHAPITRE = """---
jupyter:
  jupytext:
    text_representation:
      extension: .md
      format_name: markdown
  kernelspec:
    display_name: Python 3 (ipykernel)
    language: python
    name: python3
---

# Chapitre 98 — essai

```python
from pathlib import Path
with open("executions.txt", "a") as f:
    f.write("x")
print("valeur", {valeur})
```
"""


def test_une_seule_execution_puis_relecture(tmp_path):
    source = tmp_path / "98_essai.md"
    source.write_text(CHAPITRE.format(valeur=1), encoding="utf-8")
    premier = cahier = cache.cahier_execute(source, "rapide", dossier=tmp_path / "cache")
    assert "valeur 1" in cahier.cells[1].outputs[0]["text"]
    second = cache.cahier_execute(source, "rapide", dossier=tmp_path / "cache")
    assert (tmp_path / "executions.txt").read_text() == "x", "le chapitre a été exécuté deux fois"
    assert second.cells[1].outputs == premier.cells[1].outputs
    # texte modifié : nouvelle exécution, l'ancienne entrée est remplacée
    source.write_text(CHAPITRE.format(valeur=2), encoding="utf-8")
    troisieme = cache.cahier_execute(source, "rapide", dossier=tmp_path / "cache")
    assert "valeur 2" in troisieme.cells[1].outputs[0]["text"]
    assert (tmp_path / "executions.txt").read_text() == "xx"
    assert len(list((tmp_path / "cache" / "rapide").glob("98_essai-*.ipynb"))) == 1
    # autre mode : autre entrée
    assert cache.empreinte_chapitre(source, "rapide") != cache.empreinte_chapitre(source, "complet")


def test_echec_rapporte_en_francais(tmp_path):
    source = tmp_path / "98_essai.md"
    source.write_text(CHAPITRE.format(valeur="1/0"), encoding="utf-8")
    with pytest.raises(RuntimeError, match="cellule de code n° 1 a échoué"):
        cache.cahier_execute(source, "rapide", dossier=tmp_path / "cache")
    assert not list((tmp_path / "cache" / "rapide").glob("*.ipynb")), "un échec ne doit rien ranger"
    with pytest.raises(FileNotFoundError, match="introuvable"):
        cache.cahier_execute(tmp_path / "absent.md", "rapide", dossier=tmp_path / "cache")


def test_un_cahier_range_n_est_pas_reexecute(tmp_path):
    """Ce que nbval a rangé (ranger_cahier_execute) est relu tel quel, sans nouvelle exécution."""
    import jupytext
    import nbformat

    source = tmp_path / "98_essai.md"
    source.write_text(CHAPITRE.format(valeur=3), encoding="utf-8")
    carnet = jupytext.read(source)
    carnet.cells[1].outputs = [nbformat.v4.new_output("stream", name="stdout", text="rangé par nbval\n")]
    chemin = cache.ranger_cahier_execute(carnet, source, "rapide", dossier=tmp_path / "cache")
    assert chemin.name == f"98_essai-{cache.empreinte_chapitre(source, 'rapide')}.ipynb"
    relu = cache.cahier_execute(source, "rapide", dossier=tmp_path / "cache")
    assert relu.cells[1].outputs[0]["text"] == "rangé par nbval\n"
    assert not (tmp_path / "executions.txt").exists(), "le chapitre a été exécuté alors qu'il était rangé"
