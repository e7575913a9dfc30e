"""Le cours vu par l'étudiant : un chapitre exécuté dans JupyterLab, dans un vrai navigateur.

Le test lance JupyterLab comme ``make lab`` (mais sans ouvrir de navigateur, sur un port libre de
127.0.0.1 et avec un jeton aléatoire) dans un dossier temporaire qui ne contient qu'une copie du
chapitre, produite par Jupytext à partir de ``course/<chapitre>.md`` : les cahiers de l'étudiant
ne sont jamais touchés et ``make notebooks`` n'a pas besoin d'avoir été lancé. Chromium ouvre
le cahier, attend que le noyau soit prêt, exécute tout par le menu « Run → Run All Cells »
comme le ferait un étudiant, puis enregistre par « File → Save ». Le test vérifie alors :

- dans la page, que chaque cellule de code porte un numéro d'exécution, dans l'ordre, et
  qu'aucune sortie n'est une erreur (trace d'exception ou widget impossible à afficher) ;
- dans le cahier enregistré, relu par l'API REST du serveur, qu'aucune sortie n'est de type
  ``error`` et que chaque cellule de code a un ``execution_count`` ;
- que la page n'a levé aucune exception JavaScript non rattrapée (``pageerror``) ;
- qu'une solution affichée par ``solution()`` garde son indentation : une cellule ajoutée à la fin
  de la copie du chapitre affiche la solution d'un exercice dont le code est indenté, et le texte
  rendu par Chromium (``innerText``, qui applique les règles d'espacement du HTML) doit contenir
  ces espaces en début de ligne (issue 10 §7 : des ``<br>`` dans un ``<span>`` les perdaient).

Les exercices laissés à ``...`` affichent « Pas encore de réponse » sans lever d'exception : une
sortie d'erreur est donc toujours un vrai défaut. Les messages écrits sur la sortie d'erreur
(avertissements, journaux de TensorFlow) ne sont pas des erreurs.

Ce que le test laisse dans ``build/`` (ignoré par git) :

- ``lab_<chapitre>.png`` : la page, le cahier défilé jusqu'à la première cellule de code qui
  affiche un résultat (la bannière de ``helpers.demarrer``) ;
- ``lab_<chapitre>_figure.png`` et ``lab_<chapitre>_widget.png`` : la page défilée jusqu'à la
  première figure et jusqu'au premier widget, si le chapitre en a ;
- ``lab_<chapitre>_solution.png`` : la solution affichée par la cellule ajoutée ;
- ``lab_<chapitre>_interface.png`` : la page à l'ouverture, pour la barre de menus en français
  (« Fichier », « Exécution »…) et l'absence de question sur les actualités de Jupyter ;
- ``lab_<chapitre>_console.txt`` : les erreurs et avertissements de la console du navigateur, les
  notifications et dialogues rencontrés, et la durée de chaque étape.

Variables d'environnement :

- ``COURS_NOTEBOOK_LAB`` : le chapitre à exécuter, nom d'un fichier de ``course/`` sans
  extension (``00_bienvenue`` par défaut) ; un chemin relatif à la racine du dépôt, comme
  ``solutions/05_reseau_de_neurones``, est aussi accepté ;
- ``COURS_NAVIGATEUR=obligatoire`` : l'absence de Chromium est une erreur au lieu d'un test
  sauté (voir ``tests/conftest.py``).

Le test vérifie aussi l'interface : barre de menus en français et aucune question sur les
actualités de Jupyter. Ces réglages ne sont pas imposés par le test : ils viennent de
``jupyterlab/overrides.json``, que ``make test`` copie dans l'environnement comme ``make lab``.

Le noyau hérite de l'environnement du test, avec ``COURS_MODE=rapide`` si ce mode n'est pas
déjà fixé, mais sans ``MPLBACKEND`` : comme dans ``make lab``, les figures passent par le moteur
« inline » de Jupyter et s'affichent dans la page. La configuration de Jupyter (réglages et
espaces de travail de JupyterLab), les fichiers d'exécution et le profil IPython sont placés
dans le dossier temporaire ; seul le dossier de données est gardé, pour que les extensions
(jupytext, jupyterlab-rise, widgets) soient trouvées.
"""
import contextlib
import json
import os
import re
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import jupytext
import nbformat
import pytest

RACINE = Path(__file__).resolve().parent.parent
DOSSIER_BUILD = RACINE / "build"

DELAI_DEMARRAGE = 60  # secondes : le serveur répond à /api/status
DELAI_OUVERTURE = 90  # secondes : le cahier est affiché et le noyau est prêt
DELAI_EXECUTION = 180  # secondes : toutes les cellules sont exécutées
DELAI_ARRET_PREMATURE = 10  # secondes : noyau au repos alors que des cellules attendent encore
DELAI_ENREGISTREMENT = 20  # secondes : le cahier est enregistré sur le disque

TAILLE_FENETRE = {"width": 1400, "height": 1000}

# Le panneau du cahier affiché (JupyterLab cache les autres onglets avec « lm-mod-hidden »).
PANNEAU = ".jp-NotebookPanel:not(.lm-mod-hidden)"

# JupyterLab 4 affiche une sortie d'erreur comme un flux « stderr » : même type MIME
# (application/vnd.jupyter.stderr), mêmes classes. Ce qui la distingue d'un simple message sur
# la sortie d'erreur, c'est son contenu, la trace d'IPython : soit « Traceback (most recent call
# last) », soit, pour une erreur de syntaxe, une ligne « Cell In[4], line 1 » (ou « File …,
# line 1 ») suivie, en dernière ligne, de « NomDeLErreur: message ».
MIME_STDERR = "application/vnd.jupyter.stderr"
TRACE = re.compile(r"Traceback \(most recent call last\)")
LIGNE_FAUTIVE = re.compile(r"^\s*(Cell In\[\d+\]|File .+), line \d+", re.MULTILINE)
DERNIERE_LIGNE_D_ERREUR = re.compile(r"^[A-Za-z_][\w.]*(Error|Exception|Exit|Interrupt)\b\s*(:|$)")
# Message affiché par le gestionnaire de widgets quand un widget ne peut pas être rendu.
WIDGET_EN_ERREUR = "Error displaying widget"

# État du cahier affiché, lu dans la page : une entrée par cellule, dans l'ordre du cahier.
# textContent (et non innerText) : JupyterLab ne dessine pas les cellules hors de l'écran
# (« content-visibility »), dont innerText serait vide.
JS_ETAT_DU_CAHIER = """
(selecteur) => {
  const panneau = document.querySelector(selecteur);
  if (!panneau) return null;
  const indicateur = panneau.querySelector('.jp-Notebook-ExecutionIndicator');
  const cellules = Array.from(panneau.querySelectorAll('.jp-Notebook .jp-Cell.jp-Notebook-cell'));
  return {
    noyau: indicateur ? indicateur.getAttribute('data-status') : null,
    cellules: cellules.map((cellule, position) => {
      const code = cellule.classList.contains('jp-CodeCell');
      const invite = cellule.querySelector('.jp-InputPrompt');
      const editeur = cellule.querySelector('.jp-InputArea-editor');
      return {
        rang: cellule.hasAttribute('data-windowed-list-index')
          ? Number(cellule.getAttribute('data-windowed-list-index')) : position,
        code: code,
        invite: code && invite ? invite.textContent.trim() : null,
        debut: code && editeur ? Array.from(editeur.querySelectorAll('.cm-line'))
          .map((ligne) => ligne.textContent.trim()).filter((ligne) => ligne)[0] || '' : '',
        sorties: Array.from(cellule.querySelectorAll('.jp-OutputArea-output')).map((sortie) => {
          const mime = sortie.getAttribute('data-mime-type');
          const avecTexte = mime === null || mime === 'application/vnd.jupyter.stderr';
          return {
            mime: mime,
            image: sortie.querySelector('img') !== null,
            widget: sortie.querySelector('.jupyter-widgets') !== null,
            texte: avecTexte ? sortie.textContent.slice(-4000) : '',
          };
        }),
      };
    }),
  };
}
"""

JS_DEFILER_JUSQU_A = """
([selecteur, rang]) => {
  const panneau = document.querySelector(selecteur);
  if (!panneau) return false;
  const cellule = panneau.querySelector(`.jp-Notebook .jp-Cell[data-windowed-list-index="${rang}"]`)
    || panneau.querySelectorAll('.jp-Notebook .jp-Cell.jp-Notebook-cell')[rang];
  if (cellule) cellule.scrollIntoView({block: 'start'});
  return Boolean(cellule);
}
"""

# Cellule ajoutée à la fin de la copie du chapitre : la solution d'un exercice dont le code est
# indenté, affichée comme dans un chapitre. Le test lit ensuite le texte rendu de sa sortie.
CODE_SOLUTION_INDENTEE = "def valeur_absolue(x):\n    if x < 0:\n        return -x\n    return x"
CELLULE_SOLUTION = (
    "# Ajoutée par tests/test_navigateur_lab.py : une solution garde-t-elle son indentation ?\n"
    "from helpers.exercices import Exercice\n"
    f"Exercice('Indentation', lambda: None, solution={CODE_SOLUTION_INDENTEE!r}).solution()"
)

# Texte rendu (innerText) de la première sortie d'une cellule, ou null si elle n'est pas dessinée.
JS_TEXTE_RENDU = """
([selecteur, rang]) => {
  const panneau = document.querySelector(selecteur);
  if (!panneau) return null;
  const cellule = panneau.querySelector(`.jp-Notebook .jp-Cell[data-windowed-list-index="${rang}"]`)
    || panneau.querySelectorAll('.jp-Notebook .jp-Cell.jp-Notebook-cell')[rang];
  const sortie = cellule ? cellule.querySelector('.jp-OutputArea-output') : null;
  return sortie ? sortie.innerText : null;
}
"""

# Menus de la barre de menus attendus avec le pack de langue français (jupyterlab/overrides.json).
MENUS_EN_FRANCAIS = ["Fichier", "Édition", "Affichage", "Exécution", "Noyau"]
# Question sur les actualités de Jupyter (anglais ou français), qui ne doit jamais apparaître.
QUESTION_ACTUALITES = re.compile(r"official Jupyter news|actualités officielles de Jupyter|notified about|"
                                 r"être notifié", re.IGNORECASE)

# Le serveur local ne doit jamais passer par un mandataire (proxy) éventuel.
_OUVREUR = urllib.request.build_opener(urllib.request.ProxyHandler({}))


# --------------------------------------------------------------------------
# Le chapitre et le serveur JupyterLab
# --------------------------------------------------------------------------

def source_du_chapitre():
    """Le fichier Markdown (Jupytext) du chapitre choisi par ``COURS_NOTEBOOK_LAB``."""
    nom = os.environ.get("COURS_NOTEBOOK_LAB", "").strip() or "00_bienvenue"
    chemin = Path(nom)
    if chemin.suffix in (".md", ".ipynb"):
        chemin = chemin.with_suffix("")
    if len(chemin.parts) == 1:
        chemin = Path("course") / chemin
    return RACINE / chemin.with_suffix(".md")


def port_libre():
    """Un port TCP libre sur 127.0.0.1 (le système en choisit un)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as prise:
        prise.bind(("127.0.0.1", 0))
        return prise.getsockname()[1]


def commande_jupyterlab():
    """Le JupyterLab de l'environnement qui exécute les tests (``jupyter`` à côté de ``sys.executable``)."""
    jupyter = Path(sys.executable).with_name("jupyter")
    if jupyter.exists():
        return [str(jupyter), "lab"]
    return [sys.executable, "-m", "jupyterlab"]


@dataclass
class ServeurLab:
    """Un serveur JupyterLab lancé pour le test, et le cahier qu'il sert."""

    url: str
    jeton: str
    dossier: Path
    cahier: str  # chemin du cahier relatif au dossier servi
    journal: Path
    processus: subprocess.Popen
    cellules: list = field(default_factory=list)  # types des cellules du cahier, dans l'ordre

    @property
    def nombre_de_cellules_de_code(self):
        return self.cellules.count("code")

    def api(self, chemin, methode="GET", delai=10):
        """Appelle l'API REST du serveur avec le jeton et renvoie la réponse JSON décodée."""
        requete = urllib.request.Request(self.url + chemin, method=methode,
                                         headers={"Authorization": f"token {self.jeton}"})
        with _OUVREUR.open(requete, timeout=delai) as reponse:
            corps = reponse.read()
        return json.loads(corps) if corps else None

    def fin_du_journal(self, taille=4000):
        """Les dernières lignes du journal du serveur (pour les messages d'échec)."""
        try:
            texte = self.journal.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return "(journal illisible)"
        return texte[-taille:] or "(journal vide)"


def ecrire_reglages_jupyterlab(dossier_config):
    """Réglages de JupyterLab propres au test : aucun, sinon un dossier vide à la place de ceux de l'utilisateur.

    La langue (français) et l'absence de question sur les actualités de Jupyter viennent des réglages
    par défaut de l'environnement (``jupyterlab/overrides.json``, copié par ``make lab`` et
    ``make test``), comme pour l'étudiant : le test les vérifie au lieu de les imposer.
    """
    (dossier_config / "lab" / "user-settings").mkdir(parents=True)


def attendre_le_serveur(serveur):
    """Attend que le serveur réponde à ``/api/status`` ; échoue avec son journal sinon."""
    limite = time.monotonic() + DELAI_DEMARRAGE
    while time.monotonic() < limite:
        code = serveur.processus.poll()
        if code is not None:
            pytest.fail(f"JupyterLab s'est arrêté pendant son démarrage (code de sortie {code}).\n"
                        f"Fin du journal du serveur :\n{serveur.fin_du_journal()}", pytrace=False)
        try:
            serveur.api("/api/status", delai=2)
            return
        except (urllib.error.URLError, OSError):
            time.sleep(0.25)
    pytest.fail(f"JupyterLab ne répond pas sur {serveur.url} au bout de {DELAI_DEMARRAGE} s.\n"
                f"Fin du journal du serveur :\n{serveur.fin_du_journal()}", pytrace=False)


def descendants(pid):
    """Les processus lancés par le serveur (les noyaux), si psutil est disponible."""
    try:
        import psutil
        return psutil.Process(pid).children(recursive=True)
    except Exception:  # psutil absent, ou serveur déjà arrêté
        return []


def arreter_le_serveur(serveur):
    """Arrête le serveur (SIGTERM, puis SIGKILL s'il traîne), puis les noyaux qui lui survivraient.

    Sur SIGTERM, Jupyter Server arrête lui-même ses noyaux ; les processus enfants relevés avant
    l'arrêt ne sont tués, un par un, que s'ils sont encore là.
    """
    enfants = descendants(serveur.processus.pid)
    if serveur.processus.poll() is None:
        serveur.processus.terminate()
        try:
            serveur.processus.wait(timeout=15)
        except subprocess.TimeoutExpired:
            serveur.processus.kill()
            serveur.processus.wait(timeout=10)
    for enfant in enfants:
        try:
            enfant.wait(timeout=5)
        except Exception:
            try:
                enfant.terminate()
                enfant.wait(timeout=5)
            except Exception:
                try:
                    enfant.kill()
                except Exception:
                    pass


@pytest.fixture(scope="module")
def serveur_lab(tmp_path_factory):
    """JupyterLab lancé comme ``make lab``, sur une copie du chapitre dans un dossier temporaire."""
    source = source_du_chapitre()
    if not source.is_file():
        disponibles = ", ".join(sorted(p.stem for p in (RACINE / "course").glob("[0-9]*.md")))
        pytest.fail(f"Le chapitre demandé par COURS_NOTEBOOK_LAB est introuvable : {source}.\n"
                    f"Chapitres de course/ : {disponibles}", pytrace=False)

    base = tmp_path_factory.mktemp("jupyterlab")
    dossier = base / "cahiers"
    dossier.mkdir()
    cahier = dossier / f"{source.stem}.ipynb"
    carnet = jupytext.read(source)
    carnet.cells.append(nbformat.v4.new_code_cell(CELLULE_SOLUTION))
    jupytext.write(carnet, cahier, fmt="ipynb")

    config = base / "config"
    ecrire_reglages_jupyterlab(config)
    with serveur_jupyterlab(base, dossier, carnet, cahier.name, config,
                            COURS_MODE=os.environ.get("COURS_MODE", "rapide")) as serveur:
        yield serveur


@contextlib.contextmanager
def serveur_jupyterlab(base, dossier, carnet, nom_cahier, config, **variables):
    """Lance JupyterLab comme ``make lab`` sur ``dossier`` (réglages dans ``config``) ; rend un :class:`ServeurLab`.

    Figures « inline » (pas de ``MPLBACKEND``), jeton secret passé par l'environnement, aucun fichier
    écrit hors de ``base`` ; ``variables`` s'ajoutent à l'environnement. Le serveur est arrêté à la sortie.
    """
    jeton = secrets.token_hex(24)
    environnement = {cle: valeur for cle, valeur in os.environ.items() if cle != "MPLBACKEND"}
    environnement.update(variables)
    environnement.update({
        "JUPYTER_TOKEN": jeton,  # par l'environnement : le jeton n'apparaît pas dans la liste des processus
        "JUPYTER_CONFIG_DIR": str(config),
        "JUPYTERLAB_SETTINGS_DIR": str(config / "lab" / "user-settings"),
        "JUPYTERLAB_WORKSPACES_DIR": str(config / "lab" / "workspaces"),
        "JUPYTER_RUNTIME_DIR": str(base / "runtime"),
        "IPYTHONDIR": str(base / "ipython"),
    })
    port = port_libre()
    commande = [
        *commande_jupyterlab(),
        "--no-browser",
        f"--ServerApp.root_dir={dossier}",
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",
        "--LabApp.news_url=None",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        "--NotebookNotary.db_file=:memory:",  # ne pas écrire dans nbsignatures.db de l'utilisateur
    ]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        commande.append("--allow-root")

    journal = base / "journal_serveur.txt"
    with open(journal, "wb") as sortie:
        processus = subprocess.Popen(commande, cwd=dossier, env=environnement, stdin=subprocess.DEVNULL,
                                     stdout=sortie, stderr=subprocess.STDOUT)
    serveur = ServeurLab(url=f"http://127.0.0.1:{port}", jeton=jeton, dossier=dossier, cahier=nom_cahier,
                         journal=journal, processus=processus,
                         cellules=[cellule.cell_type for cellule in carnet.cells])
    try:
        attendre_le_serveur(serveur)
        yield serveur
    finally:
        arreter_le_serveur(serveur)


# --------------------------------------------------------------------------
# La page : attentes, dialogues, état du cahier
# --------------------------------------------------------------------------

class Observateur:
    """Ce que la page signale : exceptions non rattrapées, console, dialogues et notifications."""

    def __init__(self, page):
        self.exceptions = []
        self.console = []
        self.evenements = []
        self.etapes = []
        self._debut = time.monotonic()
        page.on("pageerror", lambda erreur: self.exceptions.append(str(erreur)))
        page.on("console", self._console)

    def _console(self, message):
        if message.type in ("error", "warning"):
            self.console.append(f"[{message.type}] {message.text}")

    def etape(self, nom):
        self.etapes.append(f"{time.monotonic() - self._debut:6.1f} s  {nom}")

    def rapport(self):
        parties = [
            "Étapes (secondes depuis l'ouverture de la page) :", *self.etapes, "",
            f"Exceptions non rattrapées (pageerror) : {len(self.exceptions)}", *self.exceptions, "",
            f"Dialogues et notifications : {len(self.evenements)}", *self.evenements, "",
            f"Console, erreurs et avertissements : {len(self.console)}", *self.console,
        ]
        return "\n".join(parties) + "\n"


def fermer_dialogues(page, observateur):
    """Ferme les dialogues et notifications qui pourraient masquer le cahier ou bloquer l'exécution.

    Le choix du noyau est accepté (noyau proposé par défaut) ; tout autre dialogue (par exemple
    « Build recommended ») est refusé. Chaque fermeture est notée dans le rapport.
    """
    from playwright.sync_api import Error as ErreurPlaywright

    try:
        for dialogue in page.locator(".jp-Dialog").all():
            texte = " ".join(dialogue.inner_text(timeout=1000).split())
            if dialogue.locator(".jp-Dialog-body select").count():
                dialogue.locator(".jp-Dialog-button.jp-mod-accept").click(timeout=2000)
                observateur.evenements.append(f"dialogue accepté (choix du noyau) : {texte[:300]}")
            else:
                refus = dialogue.locator(".jp-Dialog-button.jp-mod-reject")
                if refus.count():
                    refus.first.click(timeout=2000)
                else:
                    page.keyboard.press("Escape")
                observateur.evenements.append(f"dialogue refusé : {texte[:300]}")
        for bouton in page.locator(".jp-Notification-Toast-Close").all():
            notification = bouton.locator("xpath=ancestor::*[contains(@class, 'Toastify__toast')][1]")
            texte = " ".join(notification.inner_text(timeout=1000).split()) if notification.count() else "?"
            bouton.click(timeout=2000)
            observateur.evenements.append(f"notification fermée : {texte[:300]}")
    except ErreurPlaywright:
        pass  # le dialogue a disparu entre-temps : il sera revu au passage suivant


def etat_du_cahier(page):
    """L'état du cahier affiché (voir ``JS_ETAT_DU_CAHIER``), ou None s'il n'est pas encore là."""
    return page.evaluate(JS_ETAT_DU_CAHIER, PANNEAU)


def cellules_de_code(etat):
    return [cellule for cellule in etat["cellules"] if cellule["code"]] if etat else []


def executee(cellule):
    """Une cellule de code est exécutée quand son invite porte un numéro : « [3]: »."""
    return re.fullmatch(r"\[\d+\]:", cellule["invite"] or "") is not None


def decrire(cellule):
    invite = cellule["invite"] or "(aucune invite)"
    return f"cellule n° {cellule['rang'] + 1} {invite} « {cellule['debut']} »"


def est_une_sortie_d_erreur(sortie):
    """Vrai pour une trace d'exception ou un widget impossible à afficher ; faux pour un simple message sur stderr."""
    texte = sortie["texte"]
    if WIDGET_EN_ERREUR in texte:
        return True
    if sortie["mime"] != MIME_STDERR:
        return False
    lignes = [ligne for ligne in texte.strip().splitlines() if ligne.strip()]
    if TRACE.search(texte):
        return True
    return bool(LIGNE_FAUTIVE.search(texte) and lignes and DERNIERE_LIGNE_D_ERREUR.match(lignes[-1].strip()))


def widgets_en_attente(etat):
    """Les cellules dont un widget n'est pas encore dessiné (ni affiché en erreur).

    Le rendu d'un widget n'a pas de type MIME dans la page (``data-mime-type`` absent) : il est
    dessiné quand un élément ``.jupyter-widgets`` apparaît dans la sortie ; s'il échoue, la
    sortie affiche « Error displaying widget », parfois un moment après la fin de la cellule.
    """
    return [decrire(cellule) for cellule in cellules_de_code(etat)
            if any(sortie["mime"] is None and not sortie["widget"] and WIDGET_EN_ERREUR not in sortie["texte"]
                   for sortie in cellule["sorties"])]


def erreurs_affichees(etat):
    """Les sorties d'erreur visibles dans la page, décrites pour un message d'échec."""
    erreurs = []
    for cellule in cellules_de_code(etat):
        for sortie in cellule["sorties"]:
            if est_une_sortie_d_erreur(sortie):
                lignes = sortie["texte"].strip().splitlines()
                erreurs.append(f"{decrire(cellule)} : {lignes[-1] if lignes else '?'}")
    return erreurs


def attendre(page, observateur, condition, delai, message):
    """Interroge la page jusqu'à ce que ``condition(etat)`` soit vraie ; échoue avec ``message(etat)`` sinon.

    ``condition`` peut aussi lever une exception d'échec (``pytest.fail``) pour arrêter tôt.
    """
    limite = time.monotonic() + delai
    etat = None
    while time.monotonic() < limite:
        fermer_dialogues(page, observateur)
        etat = etat_du_cahier(page)
        if etat is not None and condition(etat):
            return etat
        page.wait_for_timeout(250)
    pytest.fail(message(etat), pytrace=False)


def cliquer_menu(page, menu, commande):
    """Ouvre un menu de la barre de menus (« Run », « File »…) et choisit l'une de ses commandes.

    L'élément est désigné par son identifiant de commande JupyterLab (``data-command``), plus
    stable que son libellé (« Run All Cells » et « Restart Kernel and Run All Cells… » se
    ressemblent). Le menu est cherché sous son nom anglais ou français (« Run » ou « Exécution »,
    « File » ou « Fichier ») : avec le pack de langue français, JupyterLab traduit la barre de menus.
    """
    noms = {"Run": "Exécution", "File": "Fichier", "Edit": "Édition", "Kernel": "Noyau", "View": "Affichage"}
    libelle = re.compile(rf"^(?:{re.escape(menu)}|{re.escape(noms.get(menu, menu))})$")
    page.locator("#jp-MainMenu").get_by_role("menuitem", name=libelle).click()
    page.locator(f'.lm-Menu li[data-command="{commande}"]').click()


def verifier_l_interface_en_francais(page, observateur, capture):
    """La barre de menus est en français et aucune fenêtre ne demande les actualités de Jupyter.

    Les notifications sont lues dans la page (y compris repliées dans le centre de notifications) et
    dans celles que le test a déjà fermées (``observateur.evenements``).
    """
    page.mouse.move(5, TAILLE_FENETRE["height"] - 5)
    page.screenshot(path=str(capture))
    menus = [" ".join(t.split()) for t in page.locator("#jp-MainMenu .lm-MenuBar-itemLabel").all_inner_texts()]
    manquants = [m for m in MENUS_EN_FRANCAIS if m not in menus]
    assert not manquants, (
        f"La barre de menus de JupyterLab n'est pas en français : {menus} (manquent : {manquants}). "
        "Le pack jupyterlab-language-pack-fr-FR est-il installé, et jupyterlab/overrides.json copié dans "
        "<venv>/share/jupyter/lab/settings/ (make lab, make test) ?")
    textes = page.evaluate("""() => Array.from(document.querySelectorAll(
        '.Toastify__toast, .jp-Notification-List, .jp-Dialog')).map(e => e.textContent)""")
    questions = [t for t in [*textes, *observateur.evenements] if QUESTION_ACTUALITES.search(t)]
    assert not questions, (
        "JupyterLab demande s'il faut suivre les actualités de Jupyter (fetchNews de "
        f"jupyterlab/overrides.json non appliqué ?) : {questions[0][:300]}")


def onglet_modifie(page):
    """Vrai si l'onglet du cahier affiché porte la marque « modifié, non enregistré »."""
    return page.locator("#jp-main-dock-panel .lm-TabBar-tab.lm-mod-current.jp-mod-dirty").count() > 0


def capturer(page, rang, chemin):
    """Fait défiler le cahier jusqu'à la cellule ``rang`` et enregistre une capture de la page."""
    page.evaluate(JS_DEFILER_JUSQU_A, [PANNEAU, rang])
    page.mouse.move(5, TAILLE_FENETRE["height"] - 5)  # pas d'infobulle sur la capture
    page.wait_for_timeout(600)  # le temps de dessiner les cellules qui entrent à l'écran
    page.screenshot(path=str(chemin), full_page=True)


def premiere_cellule(etat, critere):
    for cellule in cellules_de_code(etat):
        if any(critere(sortie) for sortie in cellule["sorties"]):
            return cellule["rang"]
    return None


def verifier_l_indentation_de_la_solution(page, cellule, nom, rang_attendu):
    """La cellule ajoutée affiche la solution ; son texte rendu doit garder les espaces de début de ligne.

    ``innerText`` donne le texte tel que Chromium le dessine : dans un ``<span>``, les espaces de
    début de ligne disparaissent ; dans un ``<pre>``, ils restent. La cellule est d'abord amenée à
    l'écran (JupyterLab ne dessine pas les cellules hors de la vue), et une capture est gardée.
    """
    assert cellule["rang"] == rang_attendu, (
        f"la dernière cellule de code devrait être celle ajoutée par le test ; lu : {decrire(cellule)}")
    capturer(page, cellule["rang"], DOSSIER_BUILD / f"lab_{nom}_solution.png")
    texte = page.evaluate(JS_TEXTE_RENDU, [PANNEAU, cellule["rang"]])
    assert texte, f"la solution n'est pas affichée sous la cellule ajoutée ({decrire(cellule)})"
    lignes = [ligne.rstrip() for ligne in texte.replace("\u00a0", " ").splitlines()]
    attendues = CODE_SOLUTION_INDENTEE.splitlines()
    assert all(ligne in lignes for ligne in attendues), (
        "la solution affichée dans JupyterLab a perdu son indentation ; texte rendu :\n" + texte)


# --------------------------------------------------------------------------
# Le test
# --------------------------------------------------------------------------

def test_le_chapitre_s_execute_sans_erreur_dans_jupyterlab(navigateur, serveur_lab):
    """Ouvrir le chapitre, « Run → Run All Cells », enregistrer : aucune erreur, nulle part."""
    serveur = serveur_lab
    nom = Path(serveur.cahier).stem
    attendues = serveur.nombre_de_cellules_de_code
    assert attendues > 0, f"Le chapitre {nom} ne contient aucune cellule de code."
    DOSSIER_BUILD.mkdir(exist_ok=True)

    contexte = navigateur.new_context(viewport=TAILLE_FENETRE)
    page = contexte.new_page()
    observateur = Observateur(page)
    etat = None
    try:
        # 1. Ouvrir le cahier et attendre le noyau.
        page.goto(f"{serveur.url}/lab/tree/{serveur.cahier}?token={serveur.jeton}", wait_until="domcontentloaded")
        observateur.etape("page chargée")

        def pret(etat):
            if len(etat["cellules"]) != len(serveur.cellules) or etat["noyau"] != "idle":
                return False
            sessions = serveur.api("/api/sessions")
            return any(s["path"] == serveur.cahier and s["kernel"]["execution_state"] == "idle" for s in sessions)

        attendre(page, observateur, pret, DELAI_OUVERTURE, lambda etat: (
            f"Le cahier {serveur.cahier} ou son noyau n'est pas prêt au bout de {DELAI_OUVERTURE} s : "
            f"{len(etat['cellules']) if etat else 0} cellule(s) affichée(s) sur {len(serveur.cellules)}, "
            f"état du noyau : {etat['noyau'] if etat else 'cahier absent de la page'}.\n"
            f"{observateur.rapport()}\nFin du journal du serveur :\n{serveur.fin_du_journal()}"))
        observateur.etape("cahier affiché, noyau au repos")

        # L'interface de l'étudiant : en français, sans question sur les actualités (issue 17).
        page.wait_for_timeout(1500)  # la question, si elle venait, arrive peu après l'ouverture
        verifier_l_interface_en_francais(page, observateur, DOSSIER_BUILD / f"lab_{nom}_interface.png")
        observateur.etape("interface en français, sans question sur les actualités")

        # jupyterlab-rise, que make lab promet aux enseignants : son bouton de diaporama est là.
        assert page.locator(f'{PANNEAU} [data-command="RISE:preview"]').count() >= 1, (
            "le bouton de diaporama de jupyterlab-rise manque dans la barre d'outils du cahier")

        # 2. Tout exécuter, comme un étudiant : menu « Run → Run All Cells ».
        cliquer_menu(page, "Run", "runmenu:run-all")
        observateur.etape("Run → Run All Cells")
        repos_depuis = [None]  # instant depuis lequel le noyau est au repos avec des cellules en attente

        def fini(etat):
            code = cellules_de_code(etat)
            en_attente = [cellule for cellule in code if not executee(cellule)]
            au_repos = etat["noyau"] == "idle"
            if au_repos and erreurs_affichees(etat):
                pytest.fail(f"Le chapitre {nom} affiche une erreur dans JupyterLab :\n  "
                            + "\n  ".join(erreurs_affichees(etat)), pytrace=False)
            if not en_attente and len(code) == attendues:
                return au_repos and not widgets_en_attente(etat)
            if au_repos and en_attente:
                repos_depuis[0] = repos_depuis[0] or time.monotonic()
                if time.monotonic() - repos_depuis[0] > DELAI_ARRET_PREMATURE:
                    pytest.fail(f"L'exécution s'est arrêtée avant la fin (noyau au repos depuis "
                                f"{DELAI_ARRET_PREMATURE} s) ; cellules non exécutées :\n  "
                                + "\n  ".join(decrire(cellule) for cellule in en_attente), pytrace=False)
            else:
                repos_depuis[0] = None
            return False

        etat = attendre(page, observateur, fini, DELAI_EXECUTION, lambda etat: (
            f"Toutes les cellules de {nom} ne sont pas exécutées au bout de {DELAI_EXECUTION} s "
            f"(état du noyau : {etat['noyau'] if etat else '?'}) ; cellules en attente :\n  "
            + "\n  ".join(decrire(c) for c in cellules_de_code(etat) if not executee(c))
            + "\nWidgets pas encore dessinés :\n  " + "\n  ".join(widgets_en_attente(etat) if etat else [])))
        page.wait_for_timeout(500)  # dernières sorties (figures, widgets) encore en route
        etat = etat_du_cahier(page)
        observateur.etape("toutes les cellules exécutées")

        # 3. Ce que montre la page.
        code = cellules_de_code(etat)
        assert len(code) == attendues, (
            f"La page montre {len(code)} cellule(s) de code, le cahier en contient {attendues}.")
        assert not erreurs_affichees(etat), (
            f"Le chapitre {nom} affiche une erreur dans JupyterLab :\n  " + "\n  ".join(erreurs_affichees(etat)))
        numeros = [int(cellule["invite"][1:-2]) for cellule in code]
        assert numeros == sorted(numeros) and len(set(numeros)) == len(numeros), (
            f"« Run All Cells » aurait dû exécuter les cellules dans l'ordre du cahier ; numéros lus : {numeros}")

        # 3 bis. La solution affichée par la dernière cellule garde son indentation (texte rendu).
        verifier_l_indentation_de_la_solution(page, code[-1], nom, len(serveur.cellules) - 1)
        observateur.etape("indentation de la solution vérifiée")

        # 4. Enregistrer (« File → Save ») et relire le cahier par l'API REST.
        cliquer_menu(page, "File", "docmanager:save")
        limite = time.monotonic() + DELAI_ENREGISTREMENT
        while onglet_modifie(page) and time.monotonic() < limite:
            fermer_dialogues(page, observateur)
            page.wait_for_timeout(250)
        assert not onglet_modifie(page), (
            f"Le cahier est toujours marqué « modifié » {DELAI_ENREGISTREMENT} s après « File → Save ».\n"
            f"{observateur.rapport()}")
        observateur.etape("cahier enregistré")
        while True:  # l'écriture sur le disque peut suivre de peu la disparition de la marque « modifié »
            modele = serveur.api(f"/api/contents/{serveur.cahier}?content=1&type=notebook")
            enregistrees = [cellule for cellule in modele["content"]["cells"] if cellule["cell_type"] == "code"]
            if all(cellule["execution_count"] is not None for cellule in enregistrees) or time.monotonic() > limite:
                break
            page.wait_for_timeout(250)
        assert len(enregistrees) == attendues, (
            f"Le cahier enregistré contient {len(enregistrees)} cellule(s) de code au lieu de {attendues}.")
        sans_numero = [rang for rang, cellule in enumerate(enregistrees, 1) if cellule["execution_count"] is None]
        assert not sans_numero, (
            f"Dans le cahier enregistré, des cellules de code n'ont pas de numéro d'exécution "
            f"(rangs parmi les cellules de code) : {sans_numero}")
        erreurs = [f"cellule de code n° {rang} : {sortie.get('ename')}: {sortie.get('evalue')}"
                   for rang, cellule in enumerate(enregistrees, 1)
                   for sortie in cellule["outputs"] if sortie["output_type"] == "error"]
        assert not erreurs, "Le cahier enregistré contient des sorties d'erreur :\n  " + "\n  ".join(erreurs)

        # 5. La page elle-même : aucune exception JavaScript non rattrapée, aucune question sur les actualités.
        questions = [e for e in observateur.evenements if QUESTION_ACTUALITES.search(e)]
        assert not questions, f"JupyterLab a demandé s'il faut suivre les actualités de Jupyter : {questions[0]}"
        assert not observateur.exceptions, (
            "La page de JupyterLab a levé des exceptions non rattrapées :\n  " + "\n  ".join(observateur.exceptions))
    finally:
        # Captures et rapport, même en cas d'échec : ils aident à comprendre ce qui s'est passé.
        try:
            etat = etat_du_cahier(page) or etat
            debut = premiere_cellule(etat, lambda sortie: True)
            capturer(page, debut if debut is not None else 0, DOSSIER_BUILD / f"lab_{nom}.png")
            figure = premiere_cellule(etat, lambda sortie: sortie["image"])
            if figure is not None:
                capturer(page, figure, DOSSIER_BUILD / f"lab_{nom}_figure.png")
            widget = premiere_cellule(etat, lambda sortie: sortie["widget"])
            if widget is not None:
                capturer(page, widget, DOSSIER_BUILD / f"lab_{nom}_widget.png")
            observateur.etape("captures enregistrées")
        except Exception as erreur:  # une capture manquée ne doit pas masquer la vraie cause d'un échec
            observateur.etape(f"captures impossibles : {erreur}")
        (DOSSIER_BUILD / f"lab_{nom}_console.txt").write_text(observateur.rapport(), encoding="utf-8")
        print(observateur.rapport())
        contexte.close()
