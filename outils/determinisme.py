"""Vérification du déterminisme : les cellules marquées ``NBVAL_CHECK_OUTPUT`` donnent-elles toujours la même sortie ?

Chaque chapitre de ``solutions/`` qui contient au moins une cellule marquée
``# NBVAL_CHECK_OUTPUT`` est exécuté plusieurs fois en mode rapide, chaque
fois dans un noyau neuf (donc avec une graine de hachage de Python
différente). Les sorties texte des cellules marquées sont comparées d'une
exécution à l'autre, comme nbval les comparerait :

* flux ``stdout`` et ``stderr`` regroupés par nom, retours chariot et
  retours arrière appliqués ; résultats et affichages : leur ``text/plain`` ;
* images ignorées ; adresses mémoire (``0x7f…``) remplacées par ``0xADRESSE``.

Le dépôt n'a pas de fichier de nettoyage pour nbval (``--nbval-sanitize-with``) :
aucune autre normalisation n'est appliquée.

Le rapport est écrit dans ``build/determinisme.md`` (et ``build/determinisme.json``).
Le code de sortie vaut 1 si une cellule marquée diffère ou si une exécution échoue.

Utilisation ::

    python -m outils.determinisme                  # trois exécutions par chapitre
    python -m outils.determinisme --repetitions 5 --chapitre 09
"""
import argparse
import datetime
import difflib
import re
import sys
from pathlib import Path

from ._execution import (Progression, chemin_affiche, date_lisible, decrire_echec, ecrire_rapports,
                         executer_notebook, lire_cahier, lister_cahiers, options_communes, pluriel, tableau_markdown)

__all__ = ["MARQUEUR", "cellules_marquees", "normaliser_sorties", "verifier_determinisme"]

#: Le commentaire qui marque une cellule dont la sortie doit être identique d'une exécution à l'autre.
MARQUEUR = "NBVAL_CHECK_OUTPUT"
#: Nettoyage appliqué à chaque texte comparé (motif, remplacement).
NETTOYAGE = [(re.compile(r"\b0x[0-9a-fA-F]{6,}\b"), "0xADRESSE")]
_LIGNES_DE_DIFF = 40
_RETOUR_ARRIERE = re.compile("[^\n]\b")  # un caractère effacé par un retour arrière (code 8)
_RETOUR_CHARIOT = re.compile(r"^.*\r(?=[^\n])", re.MULTILINE)


def cellules_marquees(carnet):
    """Les cellules de code marquées ``NBVAL_CHECK_OUTPUT`` : liste de (numéro parmi les cellules de code, index).

    >>> import jupytext
    >>> carnet = jupytext.reads("```python\\nx = 1\\n```\\n\\n```python\\n# NBVAL_CHECK_OUTPUT\\nprint(x)\\n```", "md")
    >>> cellules_marquees(carnet)
    [(2, 1)]
    """
    code = [(index, c) for index, c in enumerate(carnet.cells) if c.cell_type == "code"]
    return [(numero, index) for numero, (index, c) in enumerate(code, start=1) if MARQUEUR in c.source]


def _nettoyer(texte):
    for motif, remplacement in NETTOYAGE:
        texte = motif.sub(remplacement, texte)
    return texte


def normaliser_sorties(sorties):
    """Le texte comparé d'une cellule : ses flux regroupés par nom et ses ``text/plain``, sans les images.

    Comme nbval, les morceaux d'un même flux sont réunis (à la place du
    premier) et les retours chariot (``\\r``) et retours arrière (``\\b``)
    sont appliqués ; les adresses mémoire sont remplacées par ``0xADRESSE``.

    >>> import nbformat
    >>> sorties = [nbformat.v4.new_output("stream", name="stdout", text="10 %\\r100 %\\n"),
    ...            nbformat.v4.new_output("display_data", data={"image/png": "iVBOR...", "text/plain": "<Figure>"}),
    ...            nbformat.v4.new_output("stream", name="stdout", text="<objet at 0x7f3a5c2e1d90>\\n")]
    >>> print(normaliser_sorties(sorties))
    [stdout]
    100 %
    <objet at 0xADRESSE>
    [text/plain]
    <Figure>
    """
    morceaux, flux = [], {}
    for sortie in sorties:
        if sortie.get("output_type") == "stream":
            nom = sortie.get("name", "stdout")
            if nom not in flux:
                flux[nom] = len(morceaux)
                morceaux.append([f"[{nom}]", ""])
            morceaux[flux[nom]][1] += sortie.get("text", "")
        elif "text/plain" in sortie.get("data", {}):
            morceaux.append(["[text/plain]", sortie["data"]["text/plain"]])
        elif sortie.get("output_type") == "error":
            morceaux.append(["[erreur]", f"{sortie.get('ename')}: {sortie.get('evalue')}"])
    for morceau in morceaux:
        texte, precedent = morceau[1], None
        while precedent != texte:
            precedent, texte = texte, _RETOUR_ARRIERE.sub("", texte)
        morceau[1] = _nettoyer(_RETOUR_CHARIOT.sub("", texte)).rstrip("\n")
    return "\n".join(f"{entete}\n{texte}" for entete, texte in morceaux)


def _diff(avant, apres, numero):
    lignes = list(difflib.unified_diff(avant.splitlines(), apres.splitlines(), "exécution 1", f"exécution {numero}",
                                       lineterm="", n=2))
    if len(lignes) > _LIGNES_DE_DIFF:
        lignes = lignes[:_LIGNES_DE_DIFF] + [f"… ({len(lignes) - _LIGNES_DE_DIFF} lignes de plus)"]
    return "\n".join(lignes)


def _comparer(cahier, marquees, lignes, executions):
    """Compare les sorties des cellules marquées entre la première exécution réussie et les suivantes."""
    reussies = [(k, e) for k, e in enumerate(executions, start=1) if e.reussi]
    resultat = {
        "cahier": cahier.stem, "fichier": chemin_affiche(cahier), "cellules_verifiees": len(marquees),
        "executions": len(executions), "executions_reussies": len(reussies),
        "echecs": [{"execution": k, "message": decrire_echec(e, chemin_affiche(cahier))}
                   for k, e in enumerate(executions, start=1) if not e.reussi],
        "cellules": [],
    }
    for numero, index in marquees:
        textes = [(k, normaliser_sorties(e.notebook.cells[index].get("outputs", []))) for k, e in reussies]
        cellule = {"numero": numero, "ligne": lignes[index], "identique": True,
                   "sortie": textes[0][1] if textes else None}
        for k, texte in textes[1:]:
            if texte != textes[0][1]:
                cellule.update(identique=False, execution_differente=k, diff=_diff(textes[0][1], texte, k))
                break
        resultat["cellules"].append(cellule)
    resultat["cellules_differentes"] = sum(not c["identique"] for c in resultat["cellules"])
    resultat["identique"] = (not resultat["echecs"] and resultat["cellules_differentes"] == 0
                             and len(reussies) >= 2)
    return resultat


def verifier_determinisme(cahiers, repetitions=3, sortie=None, flux=None, delai_cellule=600):
    """Exécute plusieurs fois (mode rapide) chaque cahier qui a des cellules marquées, et compare leurs sorties.

    Renvoie une liste de résultats (un dict par cahier : ``identique``,
    ``cellules_verifiees``, ``cellules_differentes``, ``echecs``, et pour
    chaque cellule marquée sa sortie et, si elle varie, le diff de la
    première différence). Un cahier sans cellule marquée n'est pas exécuté.
    Si ``sortie`` est donné, ``determinisme.md`` et ``determinisme.json`` y
    sont écrits. La progression s'affiche sur ``flux`` (sortie d'erreur).

    >>> verifier_determinisme(lister_cahiers(chapitres=["09"]), repetitions=3)  # doctest: +SKIP
    >>> verifier_determinisme([], repetitions=1)
    Traceback (most recent call last):
    ...
    ValueError: Il faut au moins deux exécutions pour comparer leurs sorties.
    """
    if repetitions < 2:
        raise ValueError("Il faut au moins deux exécutions pour comparer leurs sorties.")
    flux = sys.stderr if flux is None else flux
    lus = []
    for cahier in map(Path, cahiers):
        carnet, lignes = lire_cahier(cahier)
        lus.append((cahier, lignes, cellules_marquees(carnet)))
    progression = Progression(repetitions * sum(bool(marquees) for *_, marquees in lus), flux)
    resultats = []
    for cahier, lignes, marquees in lus:
        if not marquees:
            resultats.append({"cahier": cahier.stem, "fichier": chemin_affiche(cahier), "cellules_verifiees": 0,
                              "executions": 0, "identique": None, "echecs": [], "cellules": [],
                              "cellules_differentes": 0})
            continue
        executions = []
        for k in range(1, repetitions + 1):
            progression.debut("rapide", f"{cahier.stem}, passage {k}/{repetitions}")
            execution = executer_notebook(cahier, "rapide", delai_cellule=delai_cellule)
            progression.fin(execution, chemin_affiche(cahier))
            executions.append(execution)
        resultats.append(_comparer(cahier, marquees, lignes, executions))
    if sortie is not None:
        ecrire_rapports(sortie, "determinisme", _markdown(resultats, repetitions),
                        {"repetitions": repetitions, "cahiers": resultats})
    return resultats


def _verdict(r):
    if not r["cellules_verifiees"]:
        return "rien à vérifier (non exécuté)"
    if r["echecs"]:
        return f"**échec** de {pluriel(len(r['echecs']), 'exécution', 'exécutions')} sur {r['executions']}"
    if r["cellules_differentes"]:
        return (f"**différentes** : {pluriel(r['cellules_differentes'], 'cellule', 'cellules')} "
                f"sur {r['cellules_verifiees']}")
    return f"identiques ({r['executions']} exécutions)"


def _markdown(resultats, repetitions):
    verifies = [r for r in resultats if r["cellules_verifiees"]]
    differentes = sum(r["cellules_differentes"] for r in resultats)
    echecs = sum(len(r["echecs"]) for r in resultats)
    total = sum(r["cellules_verifiees"] for r in resultats)
    if echecs:
        bilan = f"**{pluriel(echecs, 'exécution a échoué', 'exécutions ont échoué')}** (voir plus bas)."
    elif differentes:
        bilan = f"**{pluriel(differentes, 'cellule marquée diffère', 'cellules marquées diffèrent')}** " \
                f"d'une exécution à l'autre, sur {total}."
    elif not total:
        bilan = "aucune cellule marquée dans les chapitres demandés : rien à comparer."
    else:
        bilan = ("La cellule marquée donne" if total == 1 else f"Les {total} cellules marquées donnent") + \
            " la même sortie à chaque exécution."
    lignes = [
        "# Vérification du déterminisme",
        "",
        f"Le {date_lisible(datetime.datetime.now().astimezone().isoformat(timespec='seconds'))} : "
        f"{repetitions} exécutions de chaque chapitre qui a des cellules marquées, en mode rapide, chacune dans un "
        f"noyau neuf (Python {sys.version.split()[0]}).",
        "",
        f"- Cellules comparées : celles dont le code contient `{MARQUEUR}`.",
        "- Sorties comparées : les flux (`stdout`, `stderr`) regroupés comme le fait nbval, retours chariot "
        "appliqués, et le `text/plain` des résultats ; les images sont ignorées ; les adresses mémoire (`0x…`) "
        "sont remplacées par `0xADRESSE`. Le dépôt n'a pas de fichier de nettoyage nbval : rien d'autre n'est "
        "normalisé.",
        "",
        f"**Bilan** : {bilan}",
        "",
        tableau_markdown(["Cahier", "Cellules vérifiées", "Résultat"],
                         [[r["cahier"], r["cellules_verifiees"], _verdict(r)] for r in resultats], "gdg"),
    ]
    if any(r["echecs"] for r in resultats):
        lignes += ["", "## Échecs", ""]
        lignes += [f"- exécution {e['execution']} : {e['message']}" for r in verifies for e in r["echecs"]]
    if differentes:
        lignes += ["", "## Différences", ""]
        for r in verifies:
            for c in r["cellules"]:
                if c["identique"]:
                    continue
                ligne = f" (ligne {c['ligne']} de `{r['fichier']}`)" if c["ligne"] else ""
                lignes += [f"### {r['cahier']} — cellule de code n° {c['numero']}{ligne}", "",
                           f"Première différence, entre l'exécution 1 et l'exécution {c['execution_differente']} :",
                           "", "```diff", c["diff"], "```", ""]
    return "\n".join(lignes).rstrip("\n") + "\n"


def main(arguments=None):
    parseur = argparse.ArgumentParser(prog="python -m outils.determinisme", description=__doc__.splitlines()[0])
    parseur.add_argument("--repetitions", type=int, default=3, metavar="N",
                         help="exécutions de chaque chapitre, comparées entre elles (par défaut : 3)")
    options_communes(parseur)
    args = parseur.parse_args(arguments)
    try:
        resultats = verifier_determinisme(lister_cahiers(args.dossier, args.chapitre), args.repetitions, args.sortie,
                                          delai_cellule=args.delai)
    except ValueError as erreur:
        print(f"Erreur : {erreur}", file=sys.stderr)
        return 2
    rapport = chemin_affiche(args.sortie / "determinisme.md")
    echecs = sum(len(r["echecs"]) for r in resultats)
    differentes = sum(r["cellules_differentes"] for r in resultats)
    if echecs:
        print(f"Erreur : {pluriel(echecs, 'exécution a échoué', 'exécutions ont échoué')} "
              f"(détails dans {rapport}).", file=sys.stderr)
    if differentes:
        print(f"Erreur : {pluriel(differentes, 'cellule marquée diffère', 'cellules marquées diffèrent')} "
              f"d'une exécution à l'autre (détails dans {rapport}).", file=sys.stderr)
    if echecs or differentes:
        return 1
    total = sum(r["cellules_verifiees"] for r in resultats)
    if not total:
        print(f"Aucune cellule marquée {MARQUEUR} dans les chapitres demandés : rien à comparer "
              f"(rapport : {rapport}).", file=sys.stderr)
        return 0
    print(f"Déterminisme vérifié : {pluriel(total, 'cellule marquée', 'cellules marquées')}, "
          f"sorties identiques sur {args.repetitions} exécutions (rapport : {rapport}).", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
