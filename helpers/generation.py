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

Un commentaire qui ressemble à un marqueur sans en être un (``# Solution``,
``# début solution``, ``#SOLUTION:``…) arrête la génération : la réponse
partirait sinon dans la version étudiant. Le message donne le chapitre et la
ligne.

Le travail d'un étudiant n'est jamais écrasé en silence :

* ``course/.empreintes.json`` (versionné) garde l'empreinte de chaque ``.md``
  généré ; ``<dossier>/.synchro.json`` (local) celle des deux fichiers
  appariés à la dernière synchronisation ;
* avant d'écraser ou de supprimer un ``.md`` ou un ``.ipynb`` dont le contenu
  (cellules, sources, pièces jointes) n'est pas celui que l'outil a écrit, ou
  dont les deux fichiers appariés divergent, chaque commande s'arrête avec un
  message qui nomme le fichier et l'issue (``FORCE=1``), ou copie d'abord les
  deux fichiers dans ``sauvegardes/`` avec un horodatage.

Utilisation ::

    python -m helpers.generation cours [--force] [--chapitre NN]  # régénère course/
    python -m helpers.generation notebooks [--force]  # crée ou synchronise les .ipynb appariés
    python -m helpers.generation nettoyer             # supprime les .ipynb (un .ipynb modifié est mis de côté)
"""
import argparse
import ast
import datetime
import hashlib
import io
import json
import re
import shutil
import sys
import tokenize
import unicodedata
from pathlib import Path

__all__ = ["transformer_code", "transformer_chapitre", "generer_cours", "synchroniser_notebooks", "nettoyer_notebooks",
           "ErreurGeneration", "RACINE"]

RACINE = Path(__file__).resolve().parent.parent
EMPREINTES = ".empreintes.json"
SYNCHRO = ".synchro.json"
SAUVEGARDES = "sauvegardes"
FILTRE_CELLULES = "tags,slideshow,-all"
SOUCHE = "...  # À compléter"

_LIGNE = re.compile(r"^(?P<indent>\s*)(?P<gauche>[^#=\n]*?[^=!<>+\-*/%&|^:\s])\s*=(?!=)(?P<droite>.*?)#\s*SOLUTION\s*$")
_MARQUEUR_LIGNE = re.compile(r"#\s*SOLUTION\s*$")
_DEBUT = re.compile(r"^(?P<indent>\s*)#\s*DEBUT SOLUTION\s*$")
_FIN = re.compile(r"^\s*#\s*FIN SOLUTION\s*$")
_SQUELETTE = re.compile(r"^\s*#\s*SQUELETTE:\s?(?P<code>.*)$")
#: Début (normalisé : minuscules, sans accents ni espaces multiples) d'un commentaire qui ressemble à un marqueur.
_SUSPECT = re.compile(r"^(solution(?![a-z0-9_(]|\.\w)|debut[ _-]?solution|fin[ _-]?solution|squelette)")
_FORMES_VALIDES = "« # SOLUTION » (en fin d'affectation), « # DEBUT SOLUTION », « # FIN SOLUTION », « # SQUELETTE: »"


class ErreurGeneration(ValueError):
    """Un chapitre de solutions/ est mal balisé, ou un fichier de l'étudiant serait perdu (le message dit où)."""


def normaliser(texte):
    """Minuscules, sans accents, espaces regroupés : la forme sous laquelle on cherche les marqueurs.

    >>> normaliser("  Début   SOLUTION ")
    'debut solution'
    """
    decompose = unicodedata.normalize("NFKD", texte)
    sans_accents = "".join(c for c in decompose if not unicodedata.combining(c))
    return " ".join(sans_accents.casefold().split())


def ressemble_a_un_marqueur(commentaire):
    """Vrai si un commentaire (avec ou sans « # ») ressemble à un marqueur de solution, quelle qu'en soit l'écriture.

    >>> [ressemble_a_un_marqueur(c) for c in ("# Solution", "#début solution", "# ex.q1.solution()", "# la solution")]
    [True, True, False, False]
    """
    return bool(_SUSPECT.match(normaliser(commentaire.lstrip().lstrip("#"))))


def _commentaires(source):
    """Numéro de ligne (à partir de 1) → texte du commentaire, pour chaque commentaire d'une cellule de code.

    Les « # » à l'intérieur d'une chaîne ne comptent pas. Si la cellule ne se découpe pas en unités
    lexicales (commande magique, code incomplet), chaque ligne est lue à partir de son premier « # ».
    """
    try:
        return {t.start[0]: t.string for t in tokenize.generate_tokens(io.StringIO(source).readline)
                if t.type == tokenize.COMMENT}
    except (tokenize.TokenError, SyntaxError, IndentationError):
        return {numero: ligne[ligne.index("#"):] for numero, ligne in enumerate(source.splitlines(), start=1)
                if "#" in ligne}


def _est_cible(gauche):
    """Vrai si ``gauche = ...`` est une affectation (et non, par exemple, ``f(a=1)`` coupé au « = »)."""
    try:
        arbre = ast.parse(f"{gauche.strip()} = ...")
    except SyntaxError:
        return False
    return len(arbre.body) == 1 and isinstance(arbre.body[0], (ast.Assign, ast.AnnAssign))


def _nombre_de_cibles(code):
    """Nombre de cibles d'une affectation écrite sur une ligne (``a = b = 3`` : 2), ou None si ce n'en est pas une."""
    try:
        arbre = ast.parse(code.strip())
    except SyntaxError:
        return None
    if len(arbre.body) == 1 and isinstance(arbre.body[0], ast.Assign):
        return len(arbre.body[0].targets)
    return None


def transformer_code(source, contexte="cellule", premiere_ligne=None):
    """Remplace les parties « solution » d'une cellule de code par un squelette.

    ``contexte`` (par exemple « 05_x.md, cellule 12 ») et ``premiere_ligne``
    (ligne du fichier où commence la cellule) servent aux messages d'erreur.

    >>> print(transformer_code("poids = [1, 1]  # SOLUTION\\nprint(poids)"))
    poids = ...  # À compléter
    print(poids)
    >>> print(transformer_code("def f(x):\\n    # DEBUT SOLUTION\\n    # SQUELETTE: return ...\\n    return 2 * x\\n    # FIN SOLUTION"))
    def f(x):
        return ...  # À compléter
    """
    def lieu(numero):
        if premiere_ligne is None:
            return f"{contexte}, ligne {numero}"
        return f"{contexte}, ligne {numero} (ligne {premiere_ligne + numero - 1} du fichier)"

    commentaires = _commentaires(source)
    sortie, bloc = [], None
    for numero, ligne in enumerate(source.splitlines(), start=1):
        commentaire = commentaires.get(numero)
        if commentaire is not None and ressemble_a_un_marqueur(commentaire):
            valide = (_MARQUEUR_LIGNE.fullmatch(commentaire) and bloc is None) or _DEBUT.match(ligne) \
                or _FIN.match(ligne) or (_SQUELETTE.match(ligne) and bloc is not None)
            if not valide:
                raise ErreurGeneration(
                    f"{lieu(numero)} : le commentaire {commentaire.strip()!r} ressemble à un marqueur de solution "
                    f"mais n'en est pas un (ou n'est pas à sa place) ; la réponse partirait dans la version étudiant. "
                    f"Les marqueurs s'écrivent exactement : {_FORMES_VALIDES} (un SQUELETTE ne va qu'entre DEBUT "
                    f"et FIN).")
        if bloc is not None:
            if _DEBUT.match(ligne):
                raise ErreurGeneration(f"{lieu(numero)} : DEBUT SOLUTION imbriqué.")
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
            raise ErreurGeneration(f"{lieu(numero)} : FIN SOLUTION sans DEBUT SOLUTION.")
        if commentaire is not None and _MARQUEUR_LIGNE.fullmatch(commentaire):
            m = _LIGNE.match(ligne)
            if not m or not _est_cible(m.group("gauche")):
                raise ErreurGeneration(f"{lieu(numero)} : « # SOLUTION » ne peut terminer qu'une "
                                       f"affectation simple (nom = valeur) ; ligne : {ligne.strip()!r}")
            cibles = _nombre_de_cibles(ligne[:len(ligne) - len(commentaire)] if ligne.endswith(commentaire)
                                       else m.group("gauche") + "=" + m.group("droite"))
            if cibles is not None and cibles > 1:
                raise ErreurGeneration(f"{lieu(numero)} : « # SOLUTION » sur une affectation à {cibles} cibles "
                                       f"({ligne.strip()!r}) : la version étudiant perdrait les autres noms. "
                                       "Écrivez une affectation par ligne, chacune avec son « # SOLUTION ».")
            affectation = ast.parse(f"{m.group('gauche').strip()} = ...").body[0]
            cible = affectation.targets[0] if isinstance(affectation, ast.Assign) else affectation.target
            souche = ", ".join(["..."] * len(cible.elts)) if isinstance(cible, ast.Tuple) else "..."
            sortie.append(f"{m.group('indent')}{m.group('gauche')} = {souche}  # À compléter")
            continue
        sortie.append(ligne)
    if bloc is not None:
        raise ErreurGeneration(f"{contexte} : DEBUT SOLUTION sans FIN SOLUTION.")
    return "\n".join(sortie)


def _lignes_des_cellules(texte, carnet):
    """Ligne (à partir de 1) du fichier où commence chaque cellule, ou None si elle n'est pas retrouvée."""
    lignes, position = [], 0
    for cellule in carnet.cells:
        ligne = None
        if cellule.source.strip():
            trouve = texte.find(cellule.source, position)
            if trouve >= 0:
                ligne = texte.count("\n", 0, trouve) + 1
                position = trouve + len(cellule.source)
        lignes.append(ligne)
    return lignes


def transformer_chapitre(texte, nom="chapitre"):
    """Transforme le texte Markdown (Jupytext) d'un chapitre complet en version étudiant."""
    import jupytext

    carnet = jupytext.reads(texte, fmt="md")
    lignes = _lignes_des_cellules(texte, carnet)
    cellules = []
    for i, cellule in enumerate(carnet.cells, start=1):
        tags = cellule.metadata.get("tags", [])
        for tag in tags:
            if tag != "solution" and ressemble_a_un_marqueur(str(tag)):
                ligne = f", ligne {lignes[i - 1]}" if lignes[i - 1] else ""
                raise ErreurGeneration(f"{nom}, cellule {i}{ligne} : l'étiquette {tag!r} ressemble à « solution » "
                                       "sans l'être ; la cellule partirait dans la version étudiant. "
                                       "Écrivez exactement tags=[\"solution\"].")
        if "solution" in tags:
            continue
        if cellule.cell_type == "code":
            nouveau = transformer_code(cellule.source, f"{nom}, cellule {i}", lignes[i - 1])
            if nouveau != cellule.source and not nouveau.lstrip().startswith(("%", "!")):
                try:
                    ast.parse(nouveau)
                except SyntaxError as erreur:
                    raise ErreurGeneration(f"{nom}, cellule {i} : la version étudiant n'est pas du Python "
                                           f"valide ({erreur.msg}, ligne {erreur.lineno}).") from None
            cellule.source = nouveau
        cellules.append(cellule)
    carnet.cells = cellules
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
    return fichiers


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
