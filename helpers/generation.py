"""Génère la version étudiant (``course/``) à partir des chapitres complets (``solutions/``).

Les chapitres s'écrivent une seule fois, complets, dans ``solutions/`` au
format Markdown de Jupytext. Ce module en tire la version étudiant :

* une cellule marquée du tag ``solution`` disparaît ;
* dans une cellule de code, une ligne terminée par ``# SOLUTION`` garde sa
  partie gauche : ``poids = [1, 1]  # SOLUTION`` devient
  ``poids = ...  # À compléter`` ;
* un bloc entre ``# DEBUT SOLUTION`` et ``# FIN SOLUTION`` est remplacé par
  ses lignes ``# SQUELETTE: …`` décommentées, ou à défaut par
  ``...  # À compléter``, avec la même indentation.

Le travail d'un étudiant n'est jamais écrasé en silence : le fichier
``course/.empreintes.json`` garde l'empreinte de chaque fichier généré. Si un
fichier de ``course/`` a changé depuis, la génération s'arrête et le dit ;
avec ``--force`` (``make exercices FORCE=1``), une copie datée est d'abord
rangée dans ``course/sauvegardes/``.

Utilisation ::

    python -m helpers.generation cours [--force]   # régénère course/
    python -m helpers.generation notebooks         # crée ou synchronise les .ipynb appariés
    python -m helpers.generation nettoyer          # supprime les .ipynb (un .ipynb modifié est mis de côté)
"""
import argparse
import ast
import datetime
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

__all__ = ["transformer_code", "transformer_chapitre", "generer_cours", "synchroniser_notebooks", "nettoyer_notebooks",
           "metadonnees_de_presentation", "ErreurGeneration", "RACINE", "KERNELSPEC", "REGLAGES_RISE"]

RACINE = Path(__file__).resolve().parent.parent
EMPREINTES = ".empreintes.json"

#: La kernelspec que JupyterLab écrit en enregistrant un cahier : la même dans les fichiers générés,
#: sinon enregistrer un chapitre modifierait l'en-tête du .md apparié (« Python 3 » devenait
#: « Python 3 (ipykernel) »).
KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}

#: Réglages de RISE (métadonnées ``rise`` du cahier) : les diapositives hautes défilent, et la flèche
#: droite visite toutes les diapositives, sous-diapositives comprises (reveal.js ``navigationMode``).
REGLAGES_RISE = {"scroll": True, "navigationMode": "linear"}
SOUCHE = "...  # À compléter"

_LIGNE = re.compile(r"^(?P<indent>\s*)(?P<gauche>[^#=\n]*?[^=!<>+\-*/%&|^:\s])\s*=(?!=)(?P<droite>.*?)#\s*SOLUTION\s*$")
_DEBUT = re.compile(r"^(?P<indent>\s*)#\s*DEBUT SOLUTION\s*$")
_FIN = re.compile(r"^\s*#\s*FIN SOLUTION\s*$")
_SQUELETTE = re.compile(r"^\s*#\s*SQUELETTE:\s?(?P<code>.*)$")


class ErreurGeneration(ValueError):
    """Un chapitre de solutions/ est mal balisé (le message dit où)."""


def _est_cible(gauche):
    """Vrai si ``gauche = ...`` est une affectation (et non, par exemple, ``f(a=1)`` coupé au « = »)."""
    try:
        arbre = ast.parse(f"{gauche.strip()} = ...")
    except SyntaxError:
        return False
    return len(arbre.body) == 1 and isinstance(arbre.body[0], (ast.Assign, ast.AnnAssign))


def transformer_code(source, contexte="cellule"):
    """Remplace les parties « solution » d'une cellule de code par un squelette.

    >>> print(transformer_code("poids = [1, 1]  # SOLUTION\\nprint(poids)"))
    poids = ...  # À compléter
    print(poids)
    >>> print(transformer_code("def f(x):\\n    # DEBUT SOLUTION\\n    # SQUELETTE: return ...\\n    return 2 * x\\n    # FIN SOLUTION"))
    def f(x):
        return ...  # À compléter
    """
    sortie, bloc = [], None
    for numero, ligne in enumerate(source.splitlines(), start=1):
        if bloc is not None:
            if _DEBUT.match(ligne):
                raise ErreurGeneration(f"{contexte}, ligne {numero} : DEBUT SOLUTION imbriqué.")
            if _FIN.match(ligne):
                indent, squelette = bloc
                if squelette:
                    sortie += [indent + code + ("  # À compléter" if code.rstrip().endswith("...") else "")
                               for code in squelette]
                else:
                    sortie.append(indent + SOUCHE)
                bloc = None
                continue
            m = _SQUELETTE.match(ligne)
            if m:
                bloc[1].append(m.group("code"))
            continue
        m = _DEBUT.match(ligne)
        if m:
            bloc = (m.group("indent"), [])
            continue
        if _FIN.match(ligne):
            raise ErreurGeneration(f"{contexte}, ligne {numero} : FIN SOLUTION sans DEBUT SOLUTION.")
        if re.search(r"#\s*SOLUTION\s*$", ligne):
            m = _LIGNE.match(ligne)
            if not m or not _est_cible(m.group("gauche")):
                raise ErreurGeneration(f"{contexte}, ligne {numero} : « # SOLUTION » ne peut terminer qu'une "
                                       f"affectation simple (nom = valeur) ; ligne : {ligne.strip()!r}")
            affectation = ast.parse(f"{m.group('gauche').strip()} = ...").body[0]
            cible = affectation.targets[0] if isinstance(affectation, ast.Assign) else affectation.target
            souche = ", ".join(["..."] * len(cible.elts)) if isinstance(cible, ast.Tuple) else "..."
            sortie.append(f"{m.group('indent')}{m.group('gauche')} = {souche}  # À compléter")
            continue
        sortie.append(ligne)
    if bloc is not None:
        raise ErreurGeneration(f"{contexte} : DEBUT SOLUTION sans FIN SOLUTION.")
    return "\n".join(sortie)


def transformer_chapitre(texte, nom="chapitre"):
    """Transforme le texte Markdown (Jupytext) d'un chapitre complet en version étudiant."""
    import jupytext

    carnet = jupytext.reads(texte, fmt="md")
    cellules = []
    for i, cellule in enumerate(carnet.cells, start=1):
        if "solution" in cellule.metadata.get("tags", []):
            continue
        if cellule.cell_type == "code":
            nouveau = transformer_code(cellule.source, f"{nom}, cellule {i}")
            if nouveau != cellule.source and not nouveau.lstrip().startswith(("%", "!")):
                try:
                    ast.parse(nouveau)
                except SyntaxError as erreur:
                    raise ErreurGeneration(f"{nom}, cellule {i} : la version étudiant n'est pas du Python "
                                           f"valide ({erreur.msg}, ligne {erreur.lineno}).") from None
            cellule.source = nouveau
        cellules.append(cellule)
    carnet.cells = cellules
    carnet.metadata["kernelspec"] = dict(KERNELSPEC)
    return jupytext.writes(carnet, fmt="md")


def _empreinte(texte):
    return hashlib.sha256(texte.encode("utf-8")).hexdigest()


def generer_cours(solutions=None, cours=None, force=False, afficher=print, chapitres=None):
    """Écrit la version étudiant de chaque chapitre de ``solutions`` dans ``cours``.

    Renvoie la liste des fichiers écrits. Lève :class:`ErreurGeneration` si un
    fichier de ``cours`` a été modifié depuis la dernière génération et que
    ``force`` est faux ; avec ``force``, il est d'abord copié dans
    ``cours/sauvegardes/``.
    """
    solutions = Path(solutions or RACINE / "solutions")
    cours = Path(cours or RACINE / "course")
    cours.mkdir(parents=True, exist_ok=True)
    chemin_empreintes = cours / EMPREINTES
    empreintes = json.loads(chemin_empreintes.read_text(encoding="utf-8")) if chemin_empreintes.exists() else {}
    sources = sorted(solutions.glob("[0-9][0-9]_*.md"))
    if chapitres:
        sources = [src for src in sources if src.name[:2] in {str(c).zfill(2) for c in chapitres}]
    if not sources:
        raise ErreurGeneration(f"Aucun chapitre (NN_nom.md) dans {solutions}.")
    nouveaux = {src.name: transformer_chapitre(src.read_text(encoding="utf-8"), src.name) for src in sources}

    modifies = []
    for nom, texte in nouveaux.items():
        cible = cours / nom
        if cible.exists():
            actuel = cible.read_text(encoding="utf-8")
            if actuel != texte and _empreinte(actuel) != empreintes.get(nom):
                modifies.append(cible)
    if modifies and not force:
        liste = ", ".join(str(c.relative_to(cours.parent)) if cours.parent in c.parents else str(c) for c in modifies)
        raise ErreurGeneration(
            f"Ces fichiers de la version étudiant ont été modifiés depuis leur génération : {liste}. "
            "Rien n'a été écrasé. Pour les régénérer quand même, lancez « make exercices FORCE=1 » : "
            "une copie de chacun sera gardée dans course/sauvegardes/.")
    if modifies:
        horodatage = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
        dossier = cours / "sauvegardes"
        dossier.mkdir(exist_ok=True)
        for cible in modifies:
            for fichier in (cible, cible.with_suffix(".ipynb")):
                if fichier.exists():
                    copie = dossier / f"{fichier.stem}.{horodatage}{fichier.suffix}"
                    shutil.copy2(fichier, copie)
                    afficher(f"Copie de sauvegarde : {copie}")

    ecrits = []
    for nom, texte in nouveaux.items():
        cible = cours / nom
        if not cible.exists() or cible.read_text(encoding="utf-8") != texte:
            cible.write_text(texte, encoding="utf-8")
            ecrits.append(cible)
            afficher(f"Écrit : {cible}")
        empreintes[nom] = _empreinte(texte)
    chemin_empreintes.write_text(json.dumps(dict(sorted(empreintes.items())), indent=1, ensure_ascii=False) + "\n",
                                 encoding="utf-8")
    if not ecrits:
        afficher("La version étudiant est déjà à jour.")
    return ecrits


def synchroniser_notebooks(dossiers=None):
    """Crée (ou met à jour) le .ipynb apparié à chaque chapitre .md, avec Jupytext."""
    dossiers = dossiers or [RACINE / "solutions", RACINE / "course"]
    fichiers = [str(f) for d in dossiers for f in sorted(Path(d).glob("[0-9][0-9]_*.md"))]
    if fichiers:
        subprocess.run([sys.executable, "-m", "jupytext", "--quiet", "--sync", *fichiers], check=True)
        for fichier in fichiers:
            _completer_ipynb(Path(fichier).with_suffix(".ipynb"))
    return fichiers


def metadonnees_de_presentation(metadonnees):
    """Ajoute à des métadonnées de cahier la kernelspec de JupyterLab et les réglages de RISE.

    Renvoie True si elles ont changé. Les réglages ``rise`` déjà présents (choisis par un
    enseignant) sont gardés ; seuls les manquants sont ajoutés.

    >>> m = {"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"}}
    >>> metadonnees_de_presentation(m), m["kernelspec"]["display_name"], m["rise"]["navigationMode"]
    (True, 'Python 3 (ipykernel)', 'linear')
    >>> metadonnees_de_presentation(m)
    False
    """
    if not isinstance(metadonnees, dict):
        raise TypeError(f"Les métadonnées d'un cahier sont un dictionnaire, pas {type(metadonnees).__name__}.")
    avant = json.dumps(metadonnees, sort_keys=True, default=str)
    metadonnees["kernelspec"] = dict(KERNELSPEC)
    rise = metadonnees.setdefault("rise", {})
    for cle, valeur in REGLAGES_RISE.items():
        rise.setdefault(cle, valeur)
    return json.dumps(metadonnees, sort_keys=True, default=str) != avant


def _completer_ipynb(cahier):
    """Écrit dans le .ipynb apparié la kernelspec et les réglages de RISE (le .md n'a pas ``rise``).

    Le .ipynb garde la date du .md : Jupytext continue de lire les cellules dans le .md.
    """
    import nbformat

    md = cahier.with_suffix(".md")
    if not cahier.exists() or not md.exists():
        return False
    carnet = nbformat.read(cahier, as_version=4)
    if not metadonnees_de_presentation(carnet.metadata):
        return False
    date = min(md.stat().st_mtime, cahier.stat().st_mtime)
    nbformat.write(carnet, cahier)
    os.utime(cahier, (date, date))
    return True


def _sources(carnet):
    return [(c.cell_type, c.source) for c in carnet.cells]


def nettoyer_notebooks(dossiers=None, afficher=print):
    """Supprime les .ipynb générés, sauf ceux qui contiennent un travail absent du .md apparié.

    Un .ipynb dont les cellules diffèrent de son .md (par exemple modifié dans
    un éditeur sans Jupytext) n'est pas supprimé mais déplacé dans
    ``sauvegardes/`` à côté de lui. Renvoie la liste des fichiers supprimés.
    """
    import jupytext

    dossiers = dossiers or [RACINE / "solutions", RACINE / "course"]
    supprimes = []
    for dossier in map(Path, dossiers):
        for carnet in sorted(dossier.glob("[0-9][0-9]_*.ipynb")):
            md = carnet.with_suffix(".md")
            identique = md.exists() and _sources(jupytext.read(carnet)) == _sources(jupytext.read(md))
            if identique:
                carnet.unlink()
                supprimes.append(carnet)
            else:
                (dossier / "sauvegardes").mkdir(exist_ok=True)
                horodatage = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
                copie = dossier / "sauvegardes" / f"{carnet.stem}.{horodatage}.ipynb"
                shutil.move(carnet, copie)
                afficher(f"{carnet} diffère de {md.name} : il est gardé dans {copie}")
    return supprimes


def main(arguments=None):
    parseur = argparse.ArgumentParser(prog="python -m helpers.generation", description=__doc__.splitlines()[0])
    sous = parseur.add_subparsers(dest="commande", required=True)
    c = sous.add_parser("cours", help="régénère course/ à partir de solutions/")
    c.add_argument("--force", action="store_true", help="écrase les fichiers modifiés, après en avoir gardé une copie")
    c.add_argument("--chapitre", action="append", help="numéro d'un chapitre à régénérer (répétable) ; tous par défaut")
    sous.add_parser("notebooks", help="crée ou synchronise les .ipynb appariés")
    sous.add_parser("nettoyer", help="supprime les .ipynb générés (un .ipynb modifié est mis de côté)")
    args = parseur.parse_args(arguments)
    try:
        if args.commande == "cours":
            generer_cours(force=args.force, chapitres=args.chapitre)
        elif args.commande == "nettoyer":
            print(f"{len(nettoyer_notebooks())} cahier(s) .ipynb supprimé(s).")
        else:
            fichiers = synchroniser_notebooks()
            print(f"{len(fichiers)} chapitre(s) synchronisé(s) avec leur .ipynb.")
    except ErreurGeneration as erreur:
        print(f"Erreur : {erreur}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
