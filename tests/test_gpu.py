"""Suite GPU (``make test-gpu``, ``COURS_APPAREIL=cuda``) : les calculs PyTorch ont-ils vraiment eu lieu sur la carte ?

Sur une machine sans GPU, ces tests sont sautés dans ``make test`` ; seul le
dernier vérifie, sur le processeur, qu'une demande de CUDA sans CUDA arrête
la suite avec un message clair au lieu de passer en silence sur le processeur.
"""
import os
import subprocess
import sys
from pathlib import Path

import jupytext
import nbformat
import pytest

RACINE = Path(__file__).resolve().parent.parent
DEMANDE_CUDA = os.environ.get("COURS_APPAREIL", "").strip().lower() == "cuda"
pour_gpu = pytest.mark.skipif(not DEMANDE_CUDA, reason="suite GPU : lancée par make test-gpu (COURS_APPAREIL=cuda)")

# Cellule ajoutée à la fin du chapitre, dans le même noyau : le nombre d'allocations faites
# sur la carte par ce processus prouve que les tenseurs du chapitre y ont vécu.
SONDE = """import torch
print("allocations cuda :", torch.cuda.memory_stats().get("allocation.all.allocated", 0))
print("carte :", torch.cuda.get_device_name(0))"""


def _textes(cellule):
    return "".join(s.get("text", "") + str(s.get("data", {}).get("text/plain", ""))
                   for s in cellule.get("outputs", []))


@pour_gpu
def test_cuda_est_disponible():
    import torch

    from helpers.materiel import choisir_appareil, decrire_appareil

    assert torch.cuda.is_available()
    assert choisir_appareil().type == "cuda"
    assert decrire_appareil().startswith("cuda (")


@pour_gpu
def test_chapitre_torch_calcule_sur_le_gpu():
    """Le chapitre 07 (autograd sur l'appareil choisi) s'exécute, sa bannière nomme le GPU, la carte a servi."""
    from outils._execution import executer_notebook

    carnet = jupytext.read(RACINE / "solutions" / "07_gradient.md")
    carnet.cells.append(nbformat.v4.new_code_cell(SONDE))
    resultat = executer_notebook(carnet, "rapide", nom="07_gradient", dossier=RACINE / "solutions")
    assert resultat.reussi, resultat.erreur
    sorties = [_textes(c) for c in carnet.cells if c.cell_type == "code"]
    banniere = next(t for t in sorties if "appareil :" in t)
    carte = sorties[-1].split("carte :")[1].strip()
    assert f"appareil : cuda ({carte})" in banniere, banniere
    assert any(f"Calculs PyTorch en float64 sur : cuda ({carte})" in t for t in sorties)
    allocations = int(sorties[-1].split("allocations cuda :")[1].split()[0])
    assert allocations > 0, "aucune allocation sur la carte : les tenseurs sont restés sur le processeur"
    print(f"GPU : {carte}, {allocations} allocations CUDA pendant le chapitre 07")


# Sonde du chapitre 17 : l'appareil des poids du réseau des chiffres et d'un lot de données.
SONDE_17 = SONDE + """
print("poids du réseau des chiffres sur :", next(modele_chiffres.parameters()).device.type)
print("lot envoyé sur :", next(iter(chargeur_test))[0].to(appareil).device.type)"""


@pour_gpu
def test_chapitre_17_calcule_sur_le_gpu():
    """Le chapitre 17 (PyTorch en pratique) s'exécute avec le même code, et ses tenseurs étaient sur CUDA."""
    from outils._execution import executer_notebook

    carnet = jupytext.read(RACINE / "solutions" / "17_pytorch_en_pratique.md")
    carnet.cells.append(nbformat.v4.new_code_cell(SONDE_17))
    resultat = executer_notebook(carnet, "rapide", nom="17_pytorch_en_pratique", dossier=RACINE / "solutions")
    assert resultat.reussi, resultat.erreur
    sorties = [_textes(c) for c in carnet.cells if c.cell_type == "code"]
    sonde = sorties[-1]
    carte = sonde.split("carte :")[1].split("\n")[0].strip()
    assert any(f"Calculs PyTorch sur : cuda ({carte})" in t for t in sorties)
    assert "poids du réseau des chiffres sur : cuda" in sonde and "lot envoyé sur : cuda" in sonde
    allocations = int(sonde.split("allocations cuda :")[1].split()[0])
    assert allocations > 0, "aucune allocation sur la carte : les tenseurs sont restés sur le processeur"
    print(f"GPU : {carte}, {allocations} allocations CUDA pendant le chapitre 17")


@pytest.mark.skipif(DEMANDE_CUDA, reason="vérifie le cas d'une machine sans CUDA")
def test_cuda_demande_sans_gpu_arrete_la_suite():
    import torch

    if torch.cuda.is_available():
        pytest.skip("cette machine a un GPU CUDA")
    environnement = dict(os.environ, COURS_APPAREIL="cuda")
    fini = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                           str(Path(__file__))], cwd=RACINE, env=environnement,
                          capture_output=True, text=True, timeout=300)
    assert fini.returncode != 0
    assert "CUDA a été demandé (COURS_APPAREIL=cuda) mais PyTorch ne voit aucun GPU" in fini.stdout + fini.stderr


def test_flux_ci_processeur_et_gpu():
    """Le flux GitHub Actions a un travail processeur (make test) et un travail GPU auto-hébergé (make test-gpu)."""
    import yaml

    dossier = RACINE / ".github" / "workflows"
    travaux = {}
    for nom in ("ci.yml", "gpu.yml"):
        travaux.update(yaml.safe_load((dossier / nom).read_text(encoding="utf-8"))["jobs"])
    commandes = {nom: " ; ".join(etape.get("run", "") for etape in travail["steps"])
                 for nom, travail in travaux.items()}
    assert "make test " in commandes["cpu"] + " " and "make test-gpu" not in commandes["cpu"]
    assert "self-hosted" in travaux["gpu"]["runs-on"] and "gpu" in travaux["gpu"]["runs-on"]
    assert "make test-gpu" in commandes["gpu"]
    makefile = (RACINE / "Makefile").read_text(encoding="utf-8")
    recette = makefile.split("\ntest-gpu:", 1)[1].split("\n\n", 1)[0]
    assert "COURS_APPAREIL=cuda" in recette and "-m pytest" in recette
