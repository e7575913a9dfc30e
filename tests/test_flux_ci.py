"""Sécurité des flux GitHub Actions : zizmor (hors ligne) et déclencheurs des exécuteurs auto-hébergés."""

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

RACINE = Path(__file__).resolve().parents[1]
FLUX = sorted((RACINE / ".github" / "workflows").glob("*.y*ml"))
GRAVES = {"medium", "high"}
DECLENCHEURS_INTERDITS = {"pull_request", "pull_request_target", "pull_request_review",
                          "pull_request_review_comment", "issue_comment", "workflow_run"}


def _zizmor():
    executable = Path(sys.executable).with_name("zizmor")
    return str(executable) if executable.exists() else shutil.which("zizmor")


def _declencheurs(flux):
    # PyYAML lit la clé « on » comme le booléen True (YAML 1.1).
    on = flux.get("on", flux.get(True))
    if isinstance(on, str):
        return {on}
    if isinstance(on, list):
        return set(on)
    return set(on or {})


def _auto_heberge(travail):
    cible = travail.get("runs-on", "")
    etiquettes = cible if isinstance(cible, list) else [cible]
    if isinstance(cible, dict):
        etiquettes = list(cible.get("labels", [])) + [cible.get("group", "")]
    return any("self-hosted" in str(e) for e in etiquettes)


def _constats(chemin):
    fini = subprocess.run([_zizmor(), "--offline", "--format", "json", str(chemin)],
                          capture_output=True, text=True, timeout=120)
    assert fini.stdout.strip(), f"zizmor n'a rien renvoyé : {fini.stderr[-2000:]}"
    return json.loads(fini.stdout)


def test_des_flux_existent():
    assert FLUX, "aucun flux dans .github/workflows"


@pytest.mark.parametrize("chemin", FLUX, ids=lambda c: c.name)
def test_zizmor_aucun_constat_moyen_ou_grave(chemin):
    if _zizmor() is None:
        pytest.fail("zizmor est introuvable : il est épinglé dans requirements.txt (make test l'installe)")
    graves = [c for c in _constats(chemin)
              if str(c.get("determinations", {}).get("severity", "")).lower() in GRAVES]
    resume = [f"{c['ident']} ({c['determinations']['severity']}) : {c.get('desc', '')}" for c in graves]
    assert not graves, f"{chemin.name} : constats zizmor de gravité moyenne ou plus :\n" + "\n".join(resume)


def test_zizmor_detecte_bien_un_flux_dangereux(tmp_path):
    """Garde-fou : le test ci-dessus échouerait sur un flux non épinglé, sans permissions."""
    if _zizmor() is None:
        pytest.fail("zizmor est introuvable")
    dangereux = tmp_path / "dangereux.yml"
    dangereux.write_text("on: [push]\njobs:\n  a:\n    runs-on: ubuntu-24.04\n    steps:\n"
                         "      - uses: actions/checkout@v4\n", encoding="utf-8")
    graves = [c for c in _constats(dangereux)
              if str(c.get("determinations", {}).get("severity", "")).lower() in GRAVES]
    assert graves


def auto_heberges_declenchables_par_une_demande_de_fusion(flux):
    """Noms des travaux auto-hébergés qu'une demande de fusion (ou un commentaire) peut déclencher."""
    interdits = _declencheurs(flux) & DECLENCHEURS_INTERDITS
    if not interdits:
        return []
    return [nom for nom, travail in flux.get("jobs", {}).items() if _auto_heberge(travail)]


@pytest.mark.parametrize("chemin", FLUX, ids=lambda c: c.name)
def test_aucun_executeur_auto_heberge_sur_une_demande_de_fusion(chemin):
    flux = yaml.safe_load(chemin.read_text(encoding="utf-8"))
    fautifs = auto_heberges_declenchables_par_une_demande_de_fusion(flux)
    assert not fautifs, (f"{chemin.name} : les travaux {fautifs} tournent sur un exécuteur auto-hébergé et "
                         "peuvent être déclenchés par une demande de fusion (code d'un fork sur la machine GPU)")


def test_la_regle_des_auto_heberges_attrape_un_flux_fautif():
    fautif = yaml.safe_load("on: [push, pull_request]\njobs:\n  gpu:\n    runs-on: [self-hosted, gpu]\n"
                            "    steps: [{run: 'true'}]\n")
    assert auto_heberges_declenchables_par_une_demande_de_fusion(fautif) == ["gpu"]
    sur = yaml.safe_load("on: {push: {branches: [main]}, workflow_dispatch: {}}\njobs:\n  gpu:\n"
                         "    runs-on: [self-hosted, gpu]\n    steps: [{run: 'true'}]\n")
    assert auto_heberges_declenchables_par_une_demande_de_fusion(sur) == []


def test_le_livre_est_construit_et_publie_sur_la_branche_principale():
    flux = yaml.safe_load((RACINE / ".github" / "workflows" / "livre.yml").read_text(encoding="utf-8"))
    assert _declencheurs(flux) == {"push", "workflow_dispatch"}
    on = flux.get("on", flux.get(True))
    assert on["push"]["branches"] == ["main"]
    construire = " ; ".join(e.get("run", "") for e in flux["jobs"]["construire"]["steps"])
    assert "make livre" in construire
    publier = flux["jobs"]["publier"]
    assert publier["permissions"] == {"pages": "write", "id-token": "write"}
    assert any("deploy-pages@" in e.get("uses", "") for e in publier["steps"])


def test_permissions_minimales_et_identifiants_non_conserves():
    for chemin in FLUX:
        flux = yaml.safe_load(chemin.read_text(encoding="utf-8"))
        assert flux.get("permissions") == {"contents": "read"}, f"{chemin.name} : permissions: contents: read attendu"
        for nom, travail in flux["jobs"].items():
            for etape in travail["steps"]:
                if str(etape.get("uses", "")).startswith("actions/checkout@"):
                    assert etape.get("with", {}).get("persist-credentials") is False, (
                        f"{chemin.name}/{nom} : persist-credentials: false attendu")
