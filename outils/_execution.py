"""Exécution mesurée d'un cahier dans un noyau neuf, commune à :mod:`outils.banc` et :mod:`outils.determinisme`.

Module interne des outils de maintenance (il n'est pas importé par les
chapitres). Un cahier est lu à partir de son ``.md`` avec Jupytext (jamais à
partir d'un ``.ipynb`` généré), puis exécuté par nbclient dans un noyau
Python neuf, comme le fait nbval :

* répertoire de travail : le dossier du cahier (``solutions/``) ;
* environnement : celui du processus appelant, plus ``COURS_MODE`` (le mode
  demandé) et ``MPLBACKEND=Agg`` ;
* chaque cellule de code est chronométrée ; l'exécution s'arrête à la
  première cellule qui lève une exception ;
* le noyau est ensuite arrêté sans attendre (``shutdown_kernel(now=True)``,
  comme nbval).

Le pic de mémoire est celui du processus du noyau : sous Linux, la valeur
``VmHWM`` (pic de mémoire résidente) de ``/proc/<pid>/status``, lue juste
avant l'arrêt du noyau ; ailleurs, un relevé régulier de la mémoire
résidente avec psutil.
"""
import datetime
import json
import os
import platform
import tempfile
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

from .generation import RACINE

__all__ = ["SOLUTIONS", "MIO", "Execution", "Progression", "lister_cahiers", "lire_cahier", "executer_notebook",
           "decrire_echec", "decrire_machine", "options_communes", "ecrire_rapports", "chemin_affiche", "date_lisible",
           "nombre", "pluriel", "tableau_markdown"]

#: Dossier des chapitres complets, exécutés par défaut.
SOLUTIONS = RACINE / "solutions"
#: Un mébioctet (Mio), en octets.
MIO = 2 ** 20


@dataclass
class Execution:
    """Résultat de l'exécution d'un cahier : durées (en secondes), pic de mémoire (en octets), échec éventuel.

    >>> e = Execution("05_reseau_de_neurones", "rapide", reussi=True, pic_memoire=3 * MIO)
    >>> e.pic_memoire_mio, e.en_dict()["cahier"]
    (3.0, '05_reseau_de_neurones')
    """

    cahier: str
    mode: str
    reussi: bool = False
    #: « TypeErreur: message » si une cellule a levé une exception (ou si le noyau n'a pas démarré).
    erreur: str | None = None
    #: Numéro (à partir de 1) de la cellule de code en échec, et sa ligne dans le .md.
    cellule_en_echec: int | None = None
    ligne_en_echec: int | None = None
    duree_demarrage: float | None = None
    duree_execution: float | None = None
    duree_arret: float | None = None
    duree_totale: float | None = None
    pic_memoire: int | None = None
    methode_memoire: str | None = None
    #: Une entrée par cellule de code exécutée : numero, ligne, debut (première ligne du code), duree.
    cellules: list = field(default_factory=list)
    #: Le cahier exécuté, avec ses sorties (non enregistré dans les rapports).
    notebook: object = field(default=None, repr=False)

    @property
    def pic_memoire_mio(self):
        """Le pic de mémoire en Mio (None s'il n'a pas pu être mesuré)."""
        return None if self.pic_memoire is None else self.pic_memoire / MIO

    def en_dict(self):
        """Les mesures sous forme de dictionnaire (pour le JSON), sans le cahier exécuté."""
        donnees = asdict(self)
        del donnees["notebook"]
        donnees["pic_memoire_mio"] = self.pic_memoire_mio
        return donnees


def lister_cahiers(dossier=None, chapitres=None):
    """Les chapitres ``NN_nom.md`` d'un dossier (``solutions/`` par défaut), triés, éventuellement filtrés par numéro.

    Lève ``ValueError`` si un numéro demandé ne correspond à aucun chapitre,
    ou si le dossier n'en contient aucun.

    >>> [c.name for c in lister_cahiers(chapitres=["5"])]
    ['05_reseau_de_neurones.md']
    """
    dossier = Path(dossier or SOLUTIONS)
    cahiers = sorted(dossier.glob("[0-9][0-9]_*.md"))
    if chapitres:
        voulus = [str(c).strip().zfill(2) for c in chapitres]
        presents = {c.name[:2] for c in cahiers}
        absents = [v for v in voulus if v not in presents]
        if absents:
            raise ValueError(f"Chapitre introuvable dans {dossier} : {', '.join(absents)} "
                             f"(chapitres présents : {', '.join(sorted(presents)) or 'aucun'}).")
        cahiers = [c for c in cahiers if c.name[:2] in voulus]
    if not cahiers:
        raise ValueError(f"Aucun chapitre (NN_nom.md) dans {dossier}.")
    return cahiers


def lire_cahier(chemin):
    """Lit un cahier avec Jupytext ; renvoie le cahier et, pour chaque cellule, sa ligne de départ dans le fichier.

    La ligne (à partir de 1) est celle de la première ligne de code dans le
    ``.md`` ; elle vaut None si elle n'a pas été retrouvée (ou pour un ``.ipynb``).

    >>> carnet, lignes = lire_cahier(SOLUTIONS / "00_bienvenue.md")
    >>> len(lignes) == len(carnet.cells), carnet.cells[0].source.startswith("# ") and lignes[0] > 1
    (True, True)
    """
    import jupytext

    chemin = Path(chemin)
    texte = chemin.read_text(encoding="utf-8")
    carnet = jupytext.reads(texte, fmt=chemin.suffix.lstrip(".") or "md")
    lignes, position = [], 0
    for cellule in carnet.cells:
        ligne = None
        if chemin.suffix == ".md" and cellule.source.strip():
            trouve = texte.find(cellule.source, position)
            if trouve >= 0:
                ligne = texte.count("\n", 0, trouve) + 1
                position = trouve + len(cellule.source)
        lignes.append(ligne)
    return carnet, lignes


def _lire_vmhwm(pid):
    """Le pic de mémoire résidente (VmHWM, en octets) d'un processus Linux, ou None s'il est illisible."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii", errors="replace") as fichier:
            for ligne in fichier:
                if ligne.startswith("VmHWM:"):
                    return int(ligne.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        return None
    return None


class _SondeMemoire:
    """Pic de mémoire d'un processus : VmHWM (Linux) lu à la fin, ou relevés réguliers avec psutil."""

    def __init__(self, pid, methode="auto", periode=0.02):
        if methode not in ("auto", "VmHWM", "psutil"):
            raise ValueError(f"Méthode de mesure de la mémoire inconnue : {methode!r} (auto, VmHWM ou psutil).")
        if methode == "auto":
            methode = "VmHWM" if pid is not None and _lire_vmhwm(pid) is not None else "psutil"
        self.pid, self.methode, self.periode = pid, methode, periode
        self.pic, self._arret, self._fil = None, threading.Event(), None
        if methode == "psutil" and pid is not None:
            import psutil

            try:
                self._processus = psutil.Process(pid)
            except psutil.Error:
                return
            self._relever()
            self._fil = threading.Thread(target=self._boucle, name="sonde-memoire", daemon=True)
            self._fil.start()

    def _relever(self):
        import psutil

        try:
            info = self._processus.memory_info()
        except psutil.Error:
            return False
        valeur = max(info.rss, getattr(info, "peak_wset", 0))  # peak_wset : pic exact sous Windows
        self.pic = valeur if self.pic is None else max(self.pic, valeur)
        return True

    def _boucle(self):
        while not self._arret.wait(self.periode):
            if not self._relever():
                break

    def arreter(self):
        """Renvoie (pic en octets ou None, méthode) ; à appeler juste avant l'arrêt du noyau."""
        if self.methode == "VmHWM":
            return (None if self.pid is None else _lire_vmhwm(self.pid)), self.methode
        if self._fil is not None:
            self._arret.set()
            self._fil.join()
            self._relever()
        return self.pic, self.methode


def _pid_du_noyau(client):
    """Le numéro du processus du noyau : celui que connaît le gestionnaire, sinon celui que le noyau donne lui-même."""
    km = client.km
    for chemin in (("provisioner", "process", "pid"), ("provisioner", "pid"), ("kernel", "pid")):
        objet = km
        for attribut in chemin:
            objet = getattr(objet, attribut, None)
        if isinstance(objet, int) and objet > 0:
            return objet
    try:  # dernier recours : une expression évaluée en silence, qui ne laisse rien dans le noyau
        msg_id = client.kc.execute("", silent=True, store_history=False,
                                   user_expressions={"pid": "__import__('os').getpid()"})
        reponse = client.wait_for_reply(msg_id)
        return int(reponse["content"]["user_expressions"]["pid"]["data"]["text/plain"])
    except Exception:  # noqa: BLE001 — sans pid, la mémoire n'est simplement pas mesurée
        return None


def _decrire_erreur(erreur):
    """Un message d'une ligne pour une exception levée par nbclient."""
    from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

    if isinstance(erreur, CellExecutionError):
        return f"{erreur.ename}: {erreur.evalue}".strip()
    if isinstance(erreur, CellTimeoutError):
        return f"délai dépassé : {erreur}".splitlines()[0]
    if isinstance(erreur, DeadKernelError):
        return "le noyau s'est arrêté brutalement (mémoire épuisée ? plantage d'une bibliothèque ?)"
    return f"{type(erreur).__name__}: {erreur}".splitlines()[0]


def _fin_du_journal(journal, lignes=5):
    """Les dernières lignes écrites par le processus du noyau (pour expliquer un arrêt brutal)."""
    journal.seek(0)
    fin = [l for l in journal.read().decode("utf-8", "replace").splitlines()
           if l.strip() and "without encryption" not in l][-lignes:]
    return (" ; sorties du noyau : " + " / ".join(l.strip() for l in fin)) if fin else ""


def _debut_du_code(source):
    """La première ligne significative d'une cellule (ni vide, ni commentaire), raccourcie."""
    lignes = [l.strip() for l in source.splitlines() if l.strip()]
    ligne = next((l for l in lignes if not l.startswith("#")), lignes[0] if lignes else "")
    return ligne if len(ligne) <= 70 else ligne[:69] + "…"


def executer_notebook(cahier, mode="rapide", *, nom=None, dossier=None, delai_cellule=600, memoire="auto",
                      figures=False, widgets=True):
    """Exécute un cahier dans un noyau neuf et renvoie une :class:`Execution` (durées, pic de mémoire, échec).

    ``cahier`` est un chemin (``.md`` lu avec Jupytext) ou un cahier déjà
    chargé (``nbformat``) ; dans ce cas ``nom`` et ``dossier`` (répertoire de
    travail du noyau) sont à donner. ``delai_cellule`` limite la durée de
    chaque cellule (en secondes) ; ``memoire`` choisit la mesure du pic :
    ``"auto"`` (VmHWM sous Linux, psutil ailleurs), ``"VmHWM"`` ou ``"psutil"``.
    ``figures=True`` garde l'affichage « inline » de Jupyter (pas de
    ``MPLBACKEND=Agg``) : les figures sont alors dans les sorties du cahier.
    ``widgets=False`` ne suit pas les widgets (messages « comm ») : ce que
    le noyau affiche dans un widget ``Output`` (la figure d'un ``interact``)
    arrive alors directement dans les sorties de la cellule. Avec les figures
    « inline », le suivi des widgets par nbclient bloque parfois une cellule
    ``interact`` jusqu'au délai maximal (observé 3 fois sur 40 exécutions du
    chapitre 05) ; sans ce suivi, jamais en 45 exécutions.

    La fonction ne lève pas d'exception quand une cellule échoue : l'échec est
    décrit dans le résultat (``reussi``, ``erreur``, ``cellule_en_echec``).

    >>> import nbformat
    >>> r = executer_notebook(nbformat.v4.new_notebook(), nom="vide", dossier=".")  # doctest: +SKIP
    >>> r.reussi, r.duree_totale > r.duree_execution  # doctest: +SKIP
    (True, True)
    """
    from nbclient import NotebookClient
    from nbclient.exceptions import DeadKernelError

    if isinstance(cahier, (str, Path)):
        chemin = Path(cahier)
        carnet, lignes = lire_cahier(chemin)
        nom, dossier = nom or chemin.stem, dossier or chemin.parent
    else:
        carnet, lignes = cahier, [None] * len(cahier.cells)
        nom, dossier = nom or "cahier", dossier or Path.cwd()
    resultat = Execution(nom, mode, notebook=carnet)
    # Sans PYTEST_* : en présence de PYTEST_CURRENT_TEST, ipykernel ne recopie pas dans le cahier ce qui
    # est écrit sur le descripteur 2 (journaux de TensorFlow…), que l'étudiant verrait pourtant.
    environnement = {**{cle: valeur for cle, valeur in os.environ.items() if not cle.startswith("PYTEST_")},
                     "COURS_MODE": mode, "MPLBACKEND": "Agg"}
    if figures:
        del environnement["MPLBACKEND"]
    # Arrêt immédiat du noyau, comme nbval : un arrêt « poli » attend parfois 2,5 s pour rien.
    client = NotebookClient(carnet, timeout=delai_cellule, kernel_name="python3", allow_errors=False,
                            shutdown_kernel="immediate", resources={"metadata": {"path": str(dossier)}})
    if not widgets:
        client.comm_open_handlers = {}
    journal = tempfile.TemporaryFile()  # sorties du processus du noyau lui-même (hors cellules)
    debut = time.perf_counter()
    arret, brutal = None, False  # brutal : le noyau n'a pas démarré ou s'est arrêté seul
    try:
        with client.setup_kernel(env=environnement, stdout=journal, stderr=journal):
            pret = time.perf_counter()
            resultat.duree_demarrage = pret - debut
            sonde = _SondeMemoire(_pid_du_noyau(client), memoire)
            numero = 0
            try:
                for index, cellule in enumerate(carnet.cells):
                    if cellule.cell_type != "code":
                        continue
                    numero += 1
                    depart = time.perf_counter()
                    try:
                        client.execute_cell(cellule, index, execution_count=numero)
                    finally:
                        resultat.cellules.append({"numero": numero, "ligne": lignes[index],
                                                  "debut": _debut_du_code(cellule.source),
                                                  "duree": time.perf_counter() - depart})
            except Exception as erreur:  # noqa: BLE001 — l'échec est rapporté, pas propagé
                resultat.erreur, brutal = _decrire_erreur(erreur), isinstance(erreur, DeadKernelError)
                resultat.cellule_en_echec, resultat.ligne_en_echec = numero, lignes[index]
            finally:
                resultat.duree_execution = time.perf_counter() - pret
                resultat.pic_memoire, resultat.methode_memoire = sonde.arreter()
                arret = time.perf_counter()
    except Exception as erreur:  # noqa: BLE001 — noyau impossible à démarrer ou à arrêter
        if resultat.erreur is None:
            etape = "démarrer" if resultat.duree_demarrage is None else "arrêter"
            resultat.erreur, brutal = f"le noyau n'a pas pu {etape} : {_decrire_erreur(erreur)}", True
    fin = time.perf_counter()
    if brutal:
        resultat.erreur += _fin_du_journal(journal)
    journal.close()
    resultat.duree_arret = None if arret is None else fin - arret
    resultat.duree_totale = fin - debut
    resultat.reussi = resultat.erreur is None
    return resultat


def nombre(valeur, decimales=1):
    """Écrit un nombre à la française (virgule décimale) ; « — » pour une valeur absente.

    >>> nombre(3.14159, 2), nombre(None), nombre(1234.5, 0)
    ('3,14', '—', '1234')
    """
    if valeur is None:
        return "—"
    return f"{valeur:.{decimales}f}".replace(".", ",")


def tableau_markdown(entetes, lignes, alignements=None):
    """Un tableau Markdown ; ``alignements`` est une chaîne de « g » (gauche) et « d » (droite), une lettre par colonne.

    >>> print(tableau_markdown(["cahier", "durée (s)"], [["00", "1,5"]], "gd"))
    | cahier | durée (s) |
    | --- | ---: |
    | 00 | 1,5 |
    """
    alignements = alignements or "g" * len(entetes)
    separateurs = ["---:" if a == "d" else "---" for a in alignements]
    echapper = lambda x: str(x).replace("|", "\\|").replace("\n", " ")  # noqa: E731
    rangs = [entetes, separateurs, *lignes]
    return "\n".join("| " + " | ".join(echapper(x) for x in rang) + " |" for rang in rangs)


def _version(*distributions):
    from importlib.metadata import PackageNotFoundError, version

    for distribution in distributions:
        try:
            return version(distribution)
        except PackageNotFoundError:
            continue
    return None


def _modele_processeur():
    try:
        with open("/proc/cpuinfo", encoding="utf-8", errors="replace") as fichier:
            for ligne in fichier:
                if ligne.lower().startswith("model name"):
                    return ligne.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or None


def decrire_machine():
    """Décrit la machine et les versions des bibliothèques, sans importer les bibliothèques lourdes.

    >>> m = decrire_machine()
    >>> m["processeurs"] >= 1 and m["python"].startswith("3.")
    True
    """
    import psutil

    try:
        disponibles = len(os.sched_getaffinity(0))
    except AttributeError:  # pas sous Linux
        disponibles = os.cpu_count()
    try:
        charge = [round(c, 2) for c in os.getloadavg()]
    except (AttributeError, OSError):
        charge = None
    return {
        "date": datetime.datetime.now().astimezone().isoformat(timespec="seconds"),
        "systeme": platform.platform(),
        "processeur": _modele_processeur(),
        "processeurs": os.cpu_count(),
        "processeurs_disponibles": disponibles,
        "memoire_totale_mio": round(psutil.virtual_memory().total / MIO),
        "charge_moyenne": charge,
        "python": platform.python_version(),
        "versions": {nom: _version(*distributions) for nom, distributions in (
            ("torch", ["torch"]), ("keras", ["keras"]), ("tensorflow", ["tensorflow-cpu", "tensorflow"]),
            ("numpy", ["numpy"]), ("matplotlib", ["matplotlib"]), ("nbclient", ["nbclient"]),
            ("ipykernel", ["ipykernel"]))},
    }


def options_communes(parseur, sortie=True):
    """Ajoute à un analyseur d'arguments les options communes aux deux outils (dossier, chapitres, sortie, délai).

    >>> import argparse
    >>> p = options_communes(argparse.ArgumentParser())
    >>> p.parse_args(["--chapitre", "05", "--chapitre", "6"]).chapitre
    ['05', '6']
    """
    parseur.add_argument("--dossier", type=Path, default=SOLUTIONS,
                         help="dossier des chapitres NN_nom.md (par défaut : solutions/)")
    parseur.add_argument("--chapitre", action="append", metavar="NN",
                         help="numéro d'un chapitre à exécuter (répétable) ; tous par défaut")
    if sortie:
        parseur.add_argument("--sortie", type=Path, default=RACINE / "build",
                             help="dossier où écrire les rapports (par défaut : build/ à la racine du dépôt)")
    parseur.add_argument("--delai", type=float, default=600, metavar="SECONDES",
                         help="durée maximale d'une cellule, en secondes (par défaut : 600, comme pour nbval)")
    return parseur


def chemin_affiche(chemin):
    """Un chemin relatif à la racine du dépôt si possible (pour les messages et les rapports).

    >>> chemin_affiche(SOLUTIONS / "05_reseau_de_neurones.md")
    'solutions/05_reseau_de_neurones.md'
    """
    chemin = Path(chemin).resolve()
    try:
        return str(chemin.relative_to(RACINE))
    except ValueError:
        return str(chemin)


def decrire_echec(execution, fichier=None):
    """Une phrase qui dit où et pourquoi un cahier a échoué.

    >>> decrire_echec(Execution("05_x", "rapide", erreur="ValueError: non", cellule_en_echec=3, ligne_en_echec=40),
    ...               "solutions/05_x.md")
    '05_x (mode rapide) : cellule de code n° 3 (ligne 40 de solutions/05_x.md) : ValueError: non'
    """
    lieu = ""
    if execution.cellule_en_echec:
        lieu = f"cellule de code n° {execution.cellule_en_echec}"
        if execution.ligne_en_echec and fichier:
            lieu += f" (ligne {execution.ligne_en_echec} de {fichier})"
        lieu += " : "
    return f"{execution.cahier} (mode {execution.mode}) : {lieu}{execution.erreur}"


class Progression:
    """Une ligne par exécution sur la sortie d'erreur : « [3/24] rapide  · 05_reseau_de_neurones … 4,2 s … ».

    >>> import io
    >>> flux = io.StringIO()
    >>> p = Progression(2, flux)
    >>> p.debut("rapide", "05_x")
    >>> p.fin(Execution("05_x", "rapide", reussi=True, duree_totale=4.25, duree_execution=3.0, pic_memoire=MIO))
    >>> flux.getvalue()
    '[1/2] rapide  · 05_x … 4,2 s (exécution 3,0 s), pic 1 Mio\\n'
    """

    def __init__(self, total, flux):
        self.total, self.numero, self.flux = total, 0, flux

    def debut(self, mode, nom):
        """Annonce l'exécution suivante (sans passer à la ligne)."""
        self.numero += 1
        largeur = len(str(self.total))
        print(f"[{self.numero:>{largeur}}/{self.total}] {mode:<7} · {nom} …", end=" ", file=self.flux, flush=True)

    def fin(self, execution, fichier=None):
        """Complète la ligne avec les mesures, ou signale l'échec en clair."""
        if execution.reussi:
            print(f"{nombre(execution.duree_totale)} s (exécution {nombre(execution.duree_execution)} s), "
                  f"pic {nombre(execution.pic_memoire_mio, 0)} Mio", file=self.flux, flush=True)
        else:
            print(f"ÉCHEC après {nombre(execution.duree_totale)} s", file=self.flux, flush=True)
            print(f"Erreur : {decrire_echec(execution, fichier)}", file=self.flux, flush=True)


def date_lisible(iso):
    """Une date ISO 8601 écrite à la française.

    >>> date_lisible("2025-11-25T07:21:28+00:00")
    '25/11/2025 à 07:21 (UTC)'
    """
    date = datetime.datetime.fromisoformat(iso)
    return date.strftime("%d/%m/%Y à %H:%M") + (f" ({date.tzname()})" if date.tzinfo else "")


def pluriel(n, singulier, pluriel_):
    """« 1 cellule diffère », « 2 cellules diffèrent ».

    >>> pluriel(1, "cellule diffère", "cellules diffèrent"), pluriel(2, "cellule diffère", "cellules diffèrent")
    ('1 cellule diffère', '2 cellules diffèrent')
    """
    return f"{n} {singulier if n <= 1 else pluriel_}"


def ecrire_rapports(sortie, nom, markdown, donnees):
    """Écrit ``nom.md`` (texte) et ``nom.json`` (données) dans le dossier ``sortie``, créé si besoin.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as dossier:
    ...     [p.name for p in ecrire_rapports(Path(dossier) / "build", "bench", "# Banc\\n", {"cahiers": []})]
    ['bench.md', 'bench.json']
    """
    sortie = Path(sortie)
    sortie.mkdir(parents=True, exist_ok=True)
    (sortie / f"{nom}.md").write_text(markdown, encoding="utf-8")
    (sortie / f"{nom}.json").write_text(json.dumps(donnees, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return sortie / f"{nom}.md", sortie / f"{nom}.json"
