"""Réglages communs des tests : figures sans écran, TensorFlow discret, hypothesis modéré."""
import os
from pathlib import Path

os.environ.setdefault("MPLBACKEND", "Agg")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

import matplotlib  # noqa: E402

matplotlib.use("Agg")

import pytest  # noqa: E402
from hypothesis import settings  # noqa: E402

settings.register_profile("cours", max_examples=60, deadline=None, database=None)
settings.load_profile("cours")


@pytest.fixture(autouse=True)
def _fermer_figures():
    """Ferme toutes les figures après chaque test."""
    yield
    import matplotlib.pyplot as plt
    plt.close("all")


@pytest.fixture
def essayer_reponses(capsys):
    """Vérifie qu'un exercice accepte chaque bonne réponse, refuse chaque mauvaise, et attend devant ``...``.

    Utilisation : ``essayer_reponses(ex.q1, bonnes=[…], mauvaises=[…])``.
    """
    from helpers.exercices import CORRECT, INCORRECT, VIDE

    def essayer(question, bonnes, mauvaises):
        for bonne in bonnes:
            assert question.verifier(bonne) == True and question.etat == CORRECT, bonne  # noqa: E712
            assert "Correct" in capsys.readouterr().out
        for mauvaise in mauvaises:
            assert question.verifier(mauvaise) == False and question.etat == INCORRECT, mauvaise  # noqa: E712
            assert "Pas encore :" in capsys.readouterr().out
        assert question.verifier(...) == False and question.etat == VIDE  # noqa: E712
        assert "Pas encore de réponse" in capsys.readouterr().out

    return essayer


# --- Navigateur sans écran (tests des diapositives et de JupyterLab) -------------------------

# Chromium de Debian, lancé comme le fait la machine d'intégration : sans bac à sable (root),
# sans GPU et sans aucune connexion de fond (le réseau est fermé : tout doit être local).
OPTIONS_CHROMIUM = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-dev-shm-usage",
]


def sauter_ou_echouer(message):
    """Saute le test avec ``message`` (outil absent), sauf si ``COURS_NAVIGATEUR=obligatoire`` : alors il échoue."""
    if os.environ.get("COURS_NAVIGATEUR") == "obligatoire":
        pytest.fail(message)
    pytest.skip(message)


def chemin_chromium():
    """Chemin du Chromium du système (variable ``COURS_CHROMIUM``, sinon ``chromium`` du PATH), ou None."""
    import shutil

    return os.environ.get("COURS_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="module")
def navigateur():
    """Un Chromium sans écran piloté par Playwright, partagé par les tests d'un module.

    Sans Chromium, les tests sont sautés avec un message, sauf si ``COURS_NAVIGATEUR=obligatoire``
    (réglé par .ci/run) : là, l'absence du navigateur est une erreur.
    """
    chemin = chemin_chromium()
    if chemin is None:
        message = ("Chromium est introuvable : installez-le (Debian/Ubuntu : sudo apt install chromium) "
                   "ou indiquez son chemin dans COURS_CHROMIUM.")
        sauter_ou_echouer(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        navigateur = p.chromium.launch(executable_path=chemin, args=OPTIONS_CHROMIUM)
        try:
            yield navigateur
        finally:
            navigateur.close()


def pytest_sessionstart(session):
    """``COURS_APPAREIL=cuda`` sans GPU : la suite s'arrête tout de suite, avec la raison."""
    if os.environ.get("COURS_APPAREIL", "").strip().lower() == "cuda":
        import torch

        if not torch.cuda.is_available():
            pytest.exit("CUDA a été demandé (COURS_APPAREIL=cuda) mais PyTorch ne voit aucun GPU : "
                        "vérifiez le pilote NVIDIA (nvidia-smi) et que torch est une version CUDA.", returncode=3)


# --- Garde : « make test » exécute bien tous les chapitres ----------------------------------------
# nbval n'exécute que les .ipynb présents : sans elle, un clone sans cahiers (ou une synchronisation
# qui ne fait rien) laisserait passer la suite sans avoir lancé un seul chapitre. Elle ne joue que
# quand toute la suite est lancée (« pytest » sans chemin, ou la racine du dépôt), sans -k ni -m ;
# sous pytest-xdist, elle compte sur le processus principal les rapports envoyés par les travailleurs.

def _suite_complete(config):
    """Vrai si pytest a été lancé sur toute la suite (pas sur un fichier ou un dossier isolé)."""
    if config.getoption("keyword", "") or config.getoption("markexpr", "") or config.getoption("collectonly", False):
        return False
    arguments = config.getoption("file_or_dir") or []
    racine = Path(str(config.rootpath)).resolve()
    return not arguments or any(Path(a.split("::")[0]).resolve() == racine for a in arguments)


def chapitres_attendus(racine):
    """Les cahiers que la suite complète doit exécuter : un .ipynb par chapitre .md de solutions/ et course/."""
    return sorted(f"{dossier}/{md.stem}.ipynb" for dossier in ("solutions", "course")
                  for md in (Path(racine) / dossier).glob("[0-9][0-9]_*.md"))


class _GardeDesChapitres:
    """Greffon enregistré pour toute la session : les rapports de nbval (hors de tests/) lui parviennent aussi."""

    def __init__(self):
        self.executes = set()

    def pytest_runtest_logreport(self, report):
        """Note chaque cahier dont au moins une cellule a été exécutée (rapports des travailleurs xdist inclus)."""
        chemin = report.nodeid.split("::")[0]
        if report.when == "call" and chemin.endswith(".ipynb"):
            self.executes.add(chemin)

    def pytest_sessionfinish(self, session, exitstatus):
        config = session.config
        if hasattr(config, "workerinput") or exitstatus != 0 or not _suite_complete(config):
            return
        manquants = [c for c in chapitres_attendus(config.rootpath) if c not in self.executes]
        if manquants:
            config._cours_garde = (
                f"{len(manquants)} chapitre(s) n'ont pas été exécutés par nbval : {', '.join(manquants)}. "
                "Les .ipynb sont-ils générés ? Lancez « make test » (qui appelle « make notebooks »), ou "
                "« python -m outils.generation notebooks » avant pytest.")
            session.exitstatus = pytest.ExitCode.TESTS_FAILED


# --- Partage : les chapitres que nbval exécute servent aussi aux diapositives et au livre ----------
# Sans lui, make test exécute chaque chapitre de solutions/ deux fois : sous nbval, puis pour construire
# diapositives et livre (outils.cache). Ici, le noyau d'un cahier de solutions/ affiche ses figures
# (« inline », pas Agg) et, quand toutes ses cellules ont réussi, le cahier exécuté est rangé dans le cache.

class _PartageDesExecutions:
    """Greffon de session : range dans ``build/executes/`` les cahiers de ``solutions/`` exécutés par nbval."""

    def __init__(self, racine):
        self.solutions = (Path(racine) / "solutions").resolve()
        self.mode = os.environ.get("COURS_MODE", "").strip().lower()
        self.moteur = os.environ.get("MPLBACKEND")
        self.echecs = set()

    def source(self, item):
        """Le .md d'un cahier de solutions/ exécuté par nbval, ou None (autre test, autre mode)."""
        chemin = Path(str(getattr(item, "fspath", "")))
        if self.mode not in ("rapide", "complet") or not hasattr(item, "test_outputs"):
            return None
        if chemin.suffix != ".ipynb" or chemin.parent.resolve() != self.solutions:
            return None
        md = chemin.with_suffix(".md")
        return md if md.is_file() else None

    @pytest.hookimpl(tryfirst=True)
    def pytest_runtest_setup(self, item):
        # Le noyau démarre avec la première cellule et hérite de l'environnement de ce moment-là.
        if self.source(item) is not None:
            os.environ.pop("MPLBACKEND", None)
        elif self.moteur is not None:
            os.environ["MPLBACKEND"] = self.moteur

    @pytest.hookimpl(hookwrapper=True)
    def pytest_runtest_makereport(self, item, call):
        rapport = (yield).get_result()
        source = self.source(item)
        if source is None:
            return
        if rapport.failed or rapport.skipped:
            self.echecs.add(source)
        elif call.when == "call":
            item.cell.outputs = list(item.test_outputs or [])

    @pytest.hookimpl(hookwrapper=True)
    def pytest_runtest_teardown(self, item, nextitem):
        yield
        source = self.source(item)
        if source is None or (nextitem is not None and nextitem.parent is item.parent):
            return
        if source not in self.echecs:
            self.ranger(item.parent.nb, source)

    def ranger(self, carnet, source):
        import copy

        import jupytext

        from outils.cache import ranger_cahier_execute

        # Le .ipynb doit être la copie exacte du .md (make notebooks) : sinon, on ne range rien.
        texte = [c.source for c in jupytext.read(source).cells]
        if [c.source for c in carnet.cells] != texte:
            return
        carnet = copy.deepcopy(carnet)
        numero = 0
        for cellule in carnet.cells:
            if cellule.cell_type == "code":
                numero += 1
                cellule.execution_count = numero
        ranger_cahier_execute(carnet, source, self.mode)


def pytest_configure(config):
    if not config.pluginmanager.has_plugin("cours-garde-des-chapitres"):
        config.pluginmanager.register(_GardeDesChapitres(), "cours-garde-des-chapitres")
    if not config.pluginmanager.has_plugin("cours-partage-des-executions"):
        config.pluginmanager.register(_PartageDesExecutions(config.rootpath), "cours-partage-des-executions")


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    message = getattr(config, "_cours_garde", None)
    if message:
        terminalreporter.section("Chapitres non exécutés", sep="=", red=True, bold=True)
        terminalreporter.write_line(f"ÉCHEC : {message}", red=True)


def reponses_qui_plantent(question, capsys):
    """Réponses absentes, de mauvais type ou qui plantent : l'exercice répond, ne lève jamais d'exception.

    Commun aux tests des exercices qui attendent une fonction (chapitres 09, 15, 16…) :
    ``from conftest import reponses_qui_plantent``.
    """
    from helpers.exercices import INCORRECT, VIDE

    assert not question.verifier(...) and question.etat == VIDE
    assert not question.verifier(lambda *a: ...) and question.etat == VIDE
    assert not question.verifier(42) and question.etat == INCORRECT
    assert not question.verifier("réponse") and question.etat == INCORRECT
    assert not question.verifier(lambda *a: 1 / 0) and question.etat == INCORRECT
    assert "ZeroDivisionError" in capsys.readouterr().out
    assert not question.verifier(lambda *a: "texte") and question.etat == INCORRECT
    assert not question.verifier(lambda *a: {"a": 1}) and question.etat == INCORRECT
