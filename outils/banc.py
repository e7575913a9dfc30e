"""Banc d'essai du cours : durée et pic de mémoire de chaque chapitre, en mode rapide et en mode complet.

Chaque chapitre de ``solutions/`` (lu à partir de son ``.md`` avec Jupytext)
est exécuté dans un noyau neuf, dans chaque mode demandé (``COURS_MODE``),
avec ``MPLBACKEND=Agg`` et ``solutions/`` pour répertoire de travail, comme
sous nbval. Pour chaque exécution, le banc mesure :

* la durée totale : démarrage du noyau, exécution des cellules, arrêt (immédiat) du noyau ;
* la durée d'exécution des cellules seules, et celle de chaque cellule ;
* le pic de mémoire du processus du noyau (``VmHWM`` sous Linux).

Ces nombres sont rapportés à un **plancher** : le même cahier réduit à sa
cellule de démarrage, ``import helpers`` suivi du même appel
``helpers.demarrer(...)`` que le chapitre (donc avec l'import de Keras et de
TensorFlow, ou de PyTorch, si le chapitre les demande). Le plancher « noyau
nu » (un noyau qui n'exécute rien) est toujours mesuré, pour référence.

Les rapports sont écrits dans ``build/bench.md`` (tableaux en français) et
``build/bench.json`` (les mêmes données, avec toutes les mesures). Le code de
sortie vaut 1 si un cahier a échoué (le rapport est écrit quand même).

Utilisation ::

    python -m outils.banc                                   # tous les chapitres, modes rapide et complet
    python -m outils.banc --modes rapide --chapitre 05 --chapitre 06
    python -m outils.banc --repetitions 3 --sortie build    # médiane de trois exécutions
"""
import argparse
import ast
import os
import statistics
import sys
import time
from pathlib import Path

from ._execution import (Progression, chemin_affiche, date_lisible, decrire_machine, ecrire_rapports,
                         executer_notebook, lire_cahier, lister_cahiers, nombre, options_communes, pluriel,
                         tableau_markdown)
from .generation import RACINE

SOLUTIONS = RACINE / "solutions"

__all__ = ["PLANCHER_NU", "SEUIL_RAPIDE", "SEUIL_COMPLET", "plancher_de", "mesurer", "mesurer_evaluation",
           "mesurer_debit_gpt"]

#: Le plancher de référence : un noyau qui n'exécute (presque) rien.
PLANCHER_NU = ("noyau nu", "pass")
#: Secondes d'exécution au-delà de son plancher qu'un chapitre en mode rapide ne devrait pas dépasser.
SEUIL_RAPIDE = 15
#: Durée totale au-delà de laquelle un chapitre en mode complet est signalé (« deux minutes environ »).
SEUIL_COMPLET = 150
#: Nombre de cellules les plus lentes citées pour chaque cahier.
CELLULES_CITEES = 3
_COLONNES_PLANCHERS = ["Plancher", "Cellule", "Mode", "Durée totale (s)", "Exécution (s)", "× noyau nu (durée)",
                       "Pic mémoire (Mio)", "× noyau nu (mémoire)", "État"]
_COLONNES_CAHIERS = ["Cahier", "Mode", "Plancher", "Durée totale (s)", "Exécution (s)", "× plancher (durée)",
                     "Exécution au-delà du plancher (s)", "Pic mémoire (Mio)", "× plancher (mémoire)", "État"]


def _appel_demarrer(source):
    """Le premier appel ``helpers.demarrer(...)`` d'un code Python (nœud ast), ou None."""
    try:
        arbre = ast.parse(source)
    except SyntaxError:  # cellule de commandes magiques (%…, !…)
        return None
    for noeud in ast.walk(arbre):
        if (isinstance(noeud, ast.Call) and isinstance(noeud.func, ast.Attribute) and noeud.func.attr == "demarrer"
                and isinstance(noeud.func.value, ast.Name) and noeud.func.value.id == "helpers"):
            return noeud
    return None


def plancher_de(carnet):
    """Le plancher d'un cahier : (nom, code), soit ``import helpers`` et le même appel à ``helpers.demarrer``.

    Le nom dit ce que charge le démarrage (``base``, ``keras``, ``torch``,
    ``keras+torch``) ; un cahier sans ``helpers.demarrer`` a pour plancher le
    noyau nu (:data:`PLANCHER_NU`).

    >>> import jupytext
    >>> carnet = jupytext.reads("```python\\nimport helpers\\nhelpers.demarrer(graine=0, torch=True)\\n```", "md")
    >>> plancher_de(carnet)
    ('torch', 'import helpers\\nhelpers.demarrer(graine=0, torch=True)')
    >>> plancher_de(jupytext.reads("```python\\nprint(1)\\n```", "md"))
    ('noyau nu', 'pass')
    """
    for cellule in carnet.cells:
        appel = _appel_demarrer(cellule.source) if cellule.cell_type == "code" else None
        if appel is None:
            continue
        options = {k.arg: k.value.value for k in appel.keywords if isinstance(k.value, ast.Constant)}
        simple = not appel.args and len(options) == len(appel.keywords) and set(options) <= {"graine", "keras", "torch"}
        if simple and options.get("graine", 0) == 0:
            nom = "+".join(m for m in ("keras", "torch") if options.get(m)) or "base"
        else:
            nom = ast.unparse(appel).removeprefix("helpers.")
        return nom, f"import helpers\n{ast.unparse(appel)}"
    return PLANCHER_NU


def _carnet_plancher(source):
    import nbformat

    carnet = nbformat.v4.new_notebook()
    carnet.cells.append(nbformat.v4.new_code_cell(source))
    return carnet


def _mediane(valeurs):
    valeurs = [v for v in valeurs if v is not None]
    return statistics.median(valeurs) if valeurs else None


def _agreger(executions):
    """Les mesures de plusieurs exécutions d'un même cahier : médianes, premier échec, toutes les mesures brutes."""
    premiere = executions[0]
    echec = next((e for e in executions if not e.reussi), None)
    cellules = {}
    for execution in executions:
        for cellule in execution.cellules:
            cellules.setdefault(cellule["numero"], {**cellule, "durees": []})["durees"].append(cellule["duree"])
    resume = {
        "cahier": premiere.cahier, "mode": premiere.mode, "reussi": echec is None,
        "erreur": None if echec is None else echec.erreur,
        "cellule_en_echec": None if echec is None else echec.cellule_en_echec,
        "ligne_en_echec": None if echec is None else echec.ligne_en_echec,
        "methode_memoire": premiere.methode_memoire,
    }
    for cle in ("duree_demarrage", "duree_execution", "duree_arret", "duree_totale", "pic_memoire_mio"):
        resume[cle] = _mediane([getattr(e, cle) for e in executions])
    resume["cellules"] = [{"numero": c["numero"], "ligne": c["ligne"], "debut": c["debut"],
                           "duree": _mediane(c["durees"])} for c in cellules.values()]
    resume["mesures"] = [{k: v for k, v in e.en_dict().items() if k not in ("cellules", "cahier", "mode")}
                         for e in executions]
    return resume


def _rapport(valeur, reference):
    if valeur is None or not reference:
        return None
    return valeur / reference


_SCRIPT_EVALUATION = """
import json, sys, time
import numpy as np
from helpers.keras_facile import Dense, Input, Sequential, definir_poids, evaluation
modele = Sequential([Input(shape=(1,)), Dense(2, activation="relu"), Dense(1, activation="relu")])
definir_poids(modele, 0, 0, 1, -1)
definir_poids(modele, 0, 1, -0.5, 1)
definir_poids(modele, 1, 0, [1, 1], 0)
x = np.array([[3.0]], dtype="float32")
evaluation(modele, 3)
modele.predict(x, verbose=0)
n = int(sys.argv[1])
debut = time.perf_counter()
for _ in range(n):
    evaluation(modele, 3)
t_evaluation = (time.perf_counter() - debut) / n
debut = time.perf_counter()
for _ in range(n):
    modele.predict(x, verbose=0)
t_predict = (time.perf_counter() - debut) / n
assert float(modele.predict(x, verbose=0)[0, 0]) == evaluation(modele, 3) == 2.0
import keras
print(json.dumps({"moteur": keras.backend.backend(), "repetitions": n, "evaluation_ms": 1e3 * t_evaluation,
                  "predict_ms": 1e3 * t_predict, "rapport": t_predict / t_evaluation}))
"""


def mesurer_evaluation(repetitions=30):
    """Durée d'un appel de ``keras_facile.evaluation`` et de ``modele.predict`` (réseau F3 du livre), en ms.

    Mesuré dans un processus Python neuf (moteur Keras par défaut). La promesse
    du module : ``evaluation`` est au moins dix fois plus rapide que ``predict``.
    Le résultat dépend de la charge de la machine : c'est pourquoi il est ici,
    dans ``make bench``, et non dans les tests.

    >>> m = mesurer_evaluation(3)  # doctest: +SKIP
    >>> sorted(m)  # doctest: +SKIP
    ['evaluation_ms', 'moteur', 'predict_ms', 'rapport', 'repetitions']
    """
    return _dans_un_processus_neuf(_SCRIPT_EVALUATION, repetitions)


def _dans_un_processus_neuf(script, *arguments):
    """Exécute ``script`` dans un Python neuf ; renvoie le JSON de sa dernière ligne, ou {"erreur": …}."""
    import json
    import subprocess

    resultat = subprocess.run([sys.executable, "-c", script, *map(str, arguments)], cwd=RACINE,
                              env={**os.environ, "PYTHONPATH": str(RACINE), "TF_CPP_MIN_LOG_LEVEL": "3"},
                              capture_output=True, text=True, timeout=600, check=False)
    if resultat.returncode != 0:
        return {"erreur": (resultat.stderr.strip().splitlines() or ["échec sans message"])[-1]}
    return json.loads(resultat.stdout.strip().splitlines()[-1])


_SCRIPT_DEBIT_GPT = """
import json, sys, time
import torch
from helpers import donnees, gpt
texte = donnees.texte_modele_langue("entrainement")[:200_000]
tailles = json.loads(sys.argv[2]) if len(sys.argv) > 2 else {
    "modèle livré": gpt.CONFIG_LIVREE,
    # la taille du modèle en direct du chapitre 20 sur processeur (TAILLE_EN_DIRECT)
    "modèle en direct (processeur)": {"contexte": 64, "d_modele": 128, "n_tetes": 4, "n_couches": 2}}
appareils = ["cpu"] + (["cuda"] if torch.cuda.is_available() else [])
mesures = []
for appareil in appareils:
    for nom, taille in tailles.items():
        modele = gpt.nouveau_modele(texte, appareil=appareil, **taille)
        gpt.entrainer(modele, texte, 2, progression=False)
        if appareil == "cuda":
            torch.cuda.synchronize()
        n = int(sys.argv[1])
        debut = time.perf_counter()
        gpt.entrainer(modele, texte, n, progression=False)
        if appareil == "cuda":
            torch.cuda.synchronize()
        duree = (time.perf_counter() - debut) / n
        mesures.append({"appareil": appareil, "modele": nom, "parametres": modele.nombre_parametres(),
                        "fils": torch.get_num_threads(), "ms_par_pas": 1e3 * duree,
                        "jetons_par_seconde": 32 * taille["contexte"] / duree})
print(json.dumps({"mesures": mesures}))
"""


def mesurer_debit_gpt(pas=10, tailles=None):
    """Débit d'entraînement du petit GPT (``helpers.gpt``), en jetons par seconde, sur chaque appareil présent.

    Par défaut, deux tailles : celle du modèle livré et celle du modèle en direct du chapitre 20
    (``tailles`` : un dictionnaire nom → taille, pour en mesurer d'autres) ; lots de 32 fenêtres ;
    processeur, plus CUDA si PyTorch voit un GPU.

    >>> sorted(mesurer_debit_gpt(2)["mesures"][0])  # doctest: +SKIP
    ['appareil', 'fils', 'jetons_par_seconde', 'modele', 'ms_par_pas', 'parametres']
    """
    import json

    return _dans_un_processus_neuf(_SCRIPT_DEBIT_GPT, pas, *([json.dumps(tailles)] if tailles else []))


def _section_debit_gpt(mesure):
    lignes = ["", "## Petit GPT (chapitre 20) : débit d'entraînement", ""]
    if "erreur" in mesure:
        return lignes + [f"Mesure impossible : `{mesure['erreur']}`"]
    return lignes + [tableau_markdown(
        ["Appareil", "Modèle", "Paramètres", "Fils", "ms par pas", "Jetons par seconde"],
        [[m["appareil"], m["modele"], f"{m['parametres']:,}".replace(",", "\u202f"), m["fils"],
          nombre(m["ms_par_pas"]), f"{m['jetons_par_seconde']:,.0f}".replace(",", "\u202f")]
         for m in mesure["mesures"]], "ggdddd")]


def _section_evaluation(mesure):
    """La section de ``bench.md`` sur la vitesse de ``evaluation`` (promesse : 10 fois plus rapide que predict)."""
    lignes = ["", "## keras_facile : evaluation contre predict", ""]
    if "erreur" in mesure:
        return lignes + [f"Mesure impossible : `{mesure['erreur']}`"]
    verdict = "tenue" if mesure["rapport"] >= 10 else "**non tenue** sur cette machine"
    return lignes + [
        f"Réseau F3 du livre, moteur {mesure['moteur']}, {mesure['repetitions']} appels de chaque : "
        f"`evaluation` {nombre(mesure['evaluation_ms'], 2)} ms par appel, `predict` "
        f"{nombre(mesure['predict_ms'], 2)} ms, soit {nombre(mesure['rapport'])} fois plus rapide "
        f"(promesse : au moins 10 fois ; {verdict})."]


def mesurer(cahiers, modes=("rapide", "complet"), repetitions=1, sortie=None, flux=None, delai_cellule=600,
            memoire="auto", evaluation=False):
    """Mesure chaque cahier (chemins de ``.md``) dans chaque mode, et ses planchers ; renvoie le rapport (un dict).

    Chaque exécution a lieu dans un noyau neuf ; avec ``repetitions`` > 1, les
    nombres rapportés sont des médianes. Si ``sortie`` est donné, les rapports
    ``bench.md`` et ``bench.json`` y sont écrits. La progression s'affiche sur
    ``flux`` (la sortie d'erreur par défaut). Un cahier qui échoue est noté
    dans le rapport (``reussi`` faux, ``erreur``) ; la mesure continue.
    ``evaluation=True`` ajoute la mesure de :func:`mesurer_evaluation`.

    >>> rapport = mesurer(lister_cahiers(chapitres=["05"]), modes=["rapide"])  # doctest: +SKIP
    >>> mesurer([])
    Traceback (most recent call last):
    ...
    ValueError: Aucun cahier à mesurer.
    """
    from helpers.mode import mode as mode_canonique

    cahiers = [Path(c) for c in cahiers]
    if not cahiers:
        raise ValueError("Aucun cahier à mesurer.")
    if repetitions < 1:
        raise ValueError("Le nombre de répétitions doit être au moins 1.")
    modes = list(dict.fromkeys(mode_canonique(m) for m in modes))
    if not modes:
        raise ValueError("Aucun mode demandé : indiquez rapide, complet, ou les deux (rapide,complet).")
    flux = sys.stderr if flux is None else flux
    machine = decrire_machine()
    planchers = dict([PLANCHER_NU[::-1]])  # code → nom, dans l'ordre de première apparition
    plancher_du_cahier = {}
    for cahier in cahiers:
        nom, source = plancher_de(lire_cahier(cahier)[0])
        planchers.setdefault(source, nom)
        plancher_du_cahier[cahier] = source
    progression = Progression(len(modes) * (len(planchers) + len(cahiers)) * repetitions, flux)
    debut = time.perf_counter()

    def executer(cible, mode, nom, fichier=None):
        executions = []
        for k in range(1, repetitions + 1):
            progression.debut(mode, nom if repetitions == 1 else f"{nom}, passage {k}/{repetitions}")
            if isinstance(cible, Path):
                execution = executer_notebook(cible, mode, delai_cellule=delai_cellule, memoire=memoire)
            else:
                execution = executer_notebook(_carnet_plancher(cible), mode, nom=nom, dossier=cahiers[0].parent,
                                              delai_cellule=delai_cellule, memoire=memoire)
            progression.fin(execution, fichier)
            executions.append(execution)
        return _agreger(executions)

    resultats_planchers, resultats_cahiers = [], []
    for mode in modes:
        references = {}
        for source, nom in planchers.items():
            resultat = executer(source, mode, f"plancher {nom}")
            resultat.update(cahier=nom, source=source)
            references[source] = resultat
            resultats_planchers.append(resultat)
        nu = references[PLANCHER_NU[1]]
        for resultat in references.values():
            resultat["rapport_duree"] = _rapport(resultat["duree_totale"], nu["duree_totale"])
            resultat["rapport_memoire"] = _rapport(resultat["pic_memoire_mio"], nu["pic_memoire_mio"])
        for cahier in cahiers:
            resultat = executer(cahier, mode, cahier.stem, chemin_affiche(cahier))
            plancher = references[plancher_du_cahier[cahier]]
            resultat.update(
                fichier=chemin_affiche(cahier), plancher=plancher["cahier"],
                rapport_duree=_rapport(resultat["duree_totale"], plancher["duree_totale"]),
                rapport_memoire=_rapport(resultat["pic_memoire_mio"], plancher["pic_memoire_mio"]),
                au_dela_du_plancher=(None if None in (resultat["duree_execution"], plancher["duree_execution"])
                                     else resultat["duree_execution"] - plancher["duree_execution"]))
            resultats_cahiers.append(resultat)

    echecs = [r for r in resultats_planchers + resultats_cahiers if not r["reussi"]]
    rapport = {
        "machine": machine,
        "parametres": {"modes": modes, "repetitions": repetitions, "dossier": chemin_affiche(cahiers[0].parent),
                       "delai_cellule": delai_cellule, "seuil_rapide_s": SEUIL_RAPIDE,
                       "seuil_complet_s": SEUIL_COMPLET},
        "duree_du_banc": time.perf_counter() - debut,
        "charge_moyenne_finale": decrire_machine()["charge_moyenne"],
        "planchers": resultats_planchers,
        "cahiers": resultats_cahiers,
        "totaux": [_totaux(mode, [r for r in resultats_cahiers if r["mode"] == mode]) for mode in modes],
        "echecs": [{"cahier": r["cahier"], "mode": r["mode"], "erreur": r["erreur"],
                    "cellule": r["cellule_en_echec"], "ligne": r["ligne_en_echec"]} for r in echecs],
    }
    if evaluation:
        rapport["evaluation"] = mesurer_evaluation()
        rapport["debit_gpt"] = mesurer_debit_gpt()
    if sortie is not None:
        ecrire_rapports(sortie, "bench", _markdown(rapport), rapport)
    return rapport


def _totaux(mode, resultats):
    def somme(cle):
        valeurs = [r[cle] for r in resultats if r[cle] is not None]
        return sum(valeurs) if valeurs else None

    pics = [r["pic_memoire_mio"] for r in resultats if r["pic_memoire_mio"] is not None]
    return {"mode": mode, "cahiers": len(resultats), "duree_totale": somme("duree_totale"),
            "duree_execution": somme("duree_execution"), "au_dela_du_plancher": somme("au_dela_du_plancher"),
            "pic_memoire_max_mio": max(pics) if pics else None,
            "echecs": sum(not r["reussi"] for r in resultats)}


def _etat(resultat):
    if not resultat["reussi"]:
        return f"**échec** (cellule {resultat['cellule_en_echec'] or '?'})"
    if resultat["mode"] == "rapide" and (resultat.get("au_dela_du_plancher") or 0) > SEUIL_RAPIDE:
        return f"lent (exécution > plancher + {SEUIL_RAPIDE} s)"
    if resultat["mode"] == "complet" and "fichier" in resultat and (resultat["duree_totale"] or 0) > SEUIL_COMPLET:
        return f"long (> {SEUIL_COMPLET} s)"
    return "ok"


def _fois(valeur):
    return "—" if valeur is None else f"× {nombre(valeur, 2)}"


def _markdown(rapport):
    """Le rapport ``bench.md`` (texte Markdown en français)."""
    m, p = rapport["machine"], rapport["parametres"]
    versions = " · ".join(f"{nom} {version}" for nom, version in m["versions"].items() if version)
    charge, charge_fin = (" / ".join(nombre(c, 2) for c in valeurs) if valeurs else "inconnue"
                          for valeurs in (m["charge_moyenne"], rapport.get("charge_moyenne_finale")))
    avertissement = ""
    if max((m["charge_moyenne"] or [0])[0], (rapport.get("charge_moyenne_finale") or [0])[0]) > m["processeurs"] / 2:
        avertissement = (" **Attention : d'autres programmes occupaient la machine ; les durées peuvent en être "
                         "gonflées** (relancez le banc sur une machine au repos, ou avec `--repetitions 3`).")
    repetition = ("une exécution par mesure" if p["repetitions"] == 1
                  else f"médiane de {p['repetitions']} exécutions par mesure")
    lignes = [
        "# Banc d'essai du cours",
        "",
        f"Mesuré le {date_lisible(m['date'])}, en {nombre(rapport['duree_du_banc'] / 60)} min "
        f"({repetition}, modes : {', '.join(p['modes'])}).",
        "",
        f"- Machine : {m['processeurs']} processeurs ({m['processeurs_disponibles']} disponibles pour ce "
        f"processus){' — ' + m['processeur'] if m['processeur'] else ''} ; "
        f"{nombre(m['memoire_totale_mio'] / 1024)} Gio de mémoire ; {m['systeme']}.",
        f"- Charge moyenne (1, 5, 15 min) au début : {charge} ; à la fin : {charge_fin}.{avertissement}",
        f"- Python {m['python']} · {versions}.",
        "",
        "Chaque cahier est lu à partir de son `.md` (Jupytext) et exécuté dans un noyau neuf, avec "
        f"`{p['dossier']}/` pour répertoire de travail, `MPLBACKEND=Agg` et `COURS_MODE` égal au mode.",
        "",
        "- **Durée totale** : démarrage du noyau, exécution des cellules et arrêt (immédiat, comme sous nbval) "
        "du noyau ; **exécution** : les cellules seules.",
        "- **Pic mémoire** : pic de mémoire résidente du processus du noyau (`VmHWM` de `/proc/<pid>/status`, "
        "lu juste avant l'arrêt du noyau ; relevés psutil ailleurs que sous Linux), sans les sous-processus "
        "qu'un cahier lancerait lui-même. 1 Mio = 2²⁰ octets.",
        "- **Plancher** : le cahier réduit à sa cellule de démarrage, `import helpers` et le même appel "
        "`helpers.demarrer(...)` que le chapitre (`base` : sans Keras ni PyTorch ; `keras`, `torch`, "
        "`keras+torch` : avec leur import). « × plancher » : rapport au plancher du chapitre, dans le même mode ; "
        "« exécution au-delà du plancher » : durée d'exécution moins celle du plancher (le démarrage et "
        "l'arrêt du noyau, plus variables, en sont exclus). Le **noyau nu** n'exécute rien.",
        f"- **État** : « lent » en mode rapide si l'exécution dépasse celle du plancher de plus de {SEUIL_RAPIDE} s ; "
        f"« long » en mode complet au-delà de {SEUIL_COMPLET} s (objectif : deux minutes environ).",
        "",
        "## Planchers",
        "",
        tableau_markdown(_COLONNES_PLANCHERS, [
            [r["cahier"], f"`{r['source'].splitlines()[-1]}`", r["mode"], nombre(r["duree_totale"]),
             nombre(r["duree_execution"]), _fois(r.get("rapport_duree")), nombre(r["pic_memoire_mio"], 0),
             _fois(r.get("rapport_memoire")), _etat(r)] for r in rapport["planchers"]], "gggdddddg"),
        "",
        "## Chapitres",
        "",
        tableau_markdown(_COLONNES_CAHIERS, [
            [r["cahier"], r["mode"], r["plancher"], nombre(r["duree_totale"]), nombre(r["duree_execution"]),
             _fois(r["rapport_duree"]), nombre(r["au_dela_du_plancher"]), nombre(r["pic_memoire_mio"], 0),
             _fois(r["rapport_memoire"]), _etat(r)] for r in rapport["cahiers"]], "gggddddddg"),
        "",
        "## Totaux",
        "",
        tableau_markdown(["Mode", "Cahiers", "Durée totale (s)", "Exécution (s)", "Exécution au-delà des planchers (s)",
                          "Pic mémoire maximal (Mio)", "Échecs"], [
            [t["mode"], t["cahiers"], nombre(t["duree_totale"]), nombre(t["duree_execution"]),
             nombre(t["au_dela_du_plancher"]), nombre(t["pic_memoire_max_mio"], 0), t["echecs"]]
            for t in rapport["totaux"]], "gdddddd"),
        "",
        "## Cellules les plus lentes",
        "",
        f"Pour chaque chapitre et chaque mode, les {CELLULES_CITEES} cellules de code les plus longues "
        "(numéro parmi les cellules de code, ligne dans le `.md`).",
        "",
    ]
    rangs = []
    for r in rapport["cahiers"]:
        lentes = sorted((c for c in r["cellules"] if c["duree"] is not None), key=lambda c: -c["duree"])
        for c in lentes[:CELLULES_CITEES]:
            part = _rapport(c["duree"], r["duree_execution"])
            rangs.append([r["cahier"], r["mode"], c["numero"], c["ligne"] or "—", nombre(c["duree"], 2),
                          "—" if part is None else f"{nombre(100 * part, 0)} %", f"`{c['debut']}`"])
    lignes.append(tableau_markdown(["Cahier", "Mode", "Cellule", "Ligne", "Durée (s)", "Part de l'exécution",
                                    "Début du code"], rangs, "ggddddg"))
    if rapport["echecs"]:
        lignes += ["", "## Échecs", ""]
        for e in rapport["echecs"]:
            lieu = f", cellule de code n° {e['cellule']}" if e["cellule"] else ""
            lieu += f", ligne {e['ligne']} du `.md`" if e["ligne"] else ""
            lignes.append(f"- {e['cahier']}, mode {e['mode']}{lieu} : `{e['erreur']}`")
    if "evaluation" in rapport:
        lignes += _section_evaluation(rapport["evaluation"])
    if "debit_gpt" in rapport:
        lignes += _section_debit_gpt(rapport["debit_gpt"])
    return "\n".join(lignes) + "\n"


def main(arguments=None):
    parseur = argparse.ArgumentParser(prog="python -m outils.banc", description=__doc__.splitlines()[0])
    parseur.add_argument("--modes", default="rapide,complet",
                         help="modes à mesurer, séparés par des virgules (par défaut : rapide,complet)")
    parseur.add_argument("--repetitions", type=int, default=1, metavar="N",
                         help="exécutions de chaque cahier ; les nombres rapportés sont des médianes (par défaut : 1)")
    parseur.add_argument("--memoire", choices=["auto", "VmHWM", "psutil"], default="auto",
                         help="mesure du pic de mémoire (par défaut : VmHWM sous Linux, psutil ailleurs)")
    parseur.add_argument("--evaluation", choices=["oui", "non", "auto"], default="auto",
                         help="mesurer aussi keras_facile.evaluation contre predict (auto : oui pour solutions/)")
    options_communes(parseur)
    args = parseur.parse_args(arguments)
    evaluation = args.evaluation == "oui" or (args.evaluation == "auto" and Path(args.dossier).resolve() == SOLUTIONS)
    try:
        rapport = mesurer(lister_cahiers(args.dossier, args.chapitre), [m for m in args.modes.split(",") if m.strip()],
                          args.repetitions, args.sortie, delai_cellule=args.delai, memoire=args.memoire,
                          evaluation=evaluation)
    except ValueError as erreur:
        print(f"Erreur : {erreur}", file=sys.stderr)
        return 2
    print(f"Rapports écrits : {chemin_affiche(args.sortie / 'bench.md')} et "
          f"{chemin_affiche(args.sortie / 'bench.json')} ({nombre(rapport['duree_du_banc'] / 60)} min).",
          file=sys.stderr)
    if rapport["echecs"]:
        print(f"Erreur : {pluriel(len(rapport['echecs']), 'exécution a échoué', 'exécutions ont échoué')} "
              f"(détails dans {chemin_affiche(args.sortie / 'bench.md')}).", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
