"""Génère la version étudiant (``course/``) à partir des chapitres complets (``solutions/``).

Les chapitres s'écrivent une seule fois, complets, dans ``solutions/`` au
format Markdown de Jupytext. Ce module en tire la version étudiant :

* une cellule marquée du tag ``solution`` disparaît, ainsi qu'une cellule
  ``notes`` (remarques pour l'enseignant, vues dans la vue de l'orateur) ;
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

    python -m outils.generation cours [--force] [--chapitre NN]  # régénère course/
    python -m outils.generation notebooks [--force]  # crée ou synchronise les .ipynb appariés
    python -m outils.generation nettoyer             # supprime les .ipynb (un .ipynb modifié est mis de côté)
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

__all__ = [
    "RACINE",
    "KERNELSPEC",
    "REGLAGES_RISE",
    "metadonnees_de_presentation",
    "ErreurGeneration",
    "generer_cours",
    "nettoyer_notebooks",
    "synchroniser_notebooks",
    "transformer_chapitre",
    "transformer_code",
]

RACINE = Path(__file__).resolve().parent.parent
EMPREINTES = ".empreintes.json"
SYNCHRO = ".synchro.json"
SAUVEGARDES = "sauvegardes"
FILTRE_CELLULES = "tags,slideshow,-all"
SOUCHE = "...  # À compléter"
#: Description du noyau écrite par JupyterLab à l'enregistrement (la même dans course/, pour un git status propre).
NOYAU = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}
#: Réglages du diaporama RISE (jupyterlab-rise lit la métadonnée « rise » du cahier) écrits dans chaque .ipynb :
#: défilement des diapositives trop hautes, flèches de navigation affichées, et navigation linéaire (la flèche
#: droite visite aussi les sous-diapositives ; vérifié dans Chromium par tests/test_navigateur_rise.py).
RISE = {"scroll": True, "controls": True, "navigationMode": "linear"}
#: Noms publics (utilisés par outils.presentation et les tests).
KERNELSPEC, REGLAGES_RISE = NOYAU, RISE

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

    Chaque morceau qui suit un « # » est examiné (``# a  # Solution`` ressemble à un marqueur).

    >>> [ressemble_a_un_marqueur(c) for c in ("# Solution", "#début solution", "# ex.q1.solution()", "# la solution")]
    [True, True, False, False]
    """
    return any(_SUSPECT.match(normaliser(morceau)) for morceau in _morceaux(commentaire))


def _morceaux(commentaire):
    return commentaire.split("#")[1:] if "#" in commentaire else [commentaire]


def _marqueur_de_fin_valide(commentaire):
    """Vrai si le seul morceau qui ressemble à un marqueur est le dernier, écrit exactement « SOLUTION »."""
    morceaux = _morceaux(commentaire)
    suspects = [i for i, morceau in enumerate(morceaux) if _SUSPECT.match(normaliser(morceau))]
    return suspects == [len(morceaux) - 1] and re.fullmatch(r"\s*SOLUTION\s*", morceaux[-1]) is not None


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
    >>> print(transformer_code("def f(x):\\n    # DEBUT SOLUTION\\n    # SQUELETTE: return ...\\n"
    ...                        "    return 2 * x\\n    # FIN SOLUTION"))
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
            valide = (_marqueur_de_fin_valide(commentaire) and bloc is None) or _DEBUT.match(ligne) \
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
        if _MARQUEUR_LIGNE.search(ligne):
            m = _LIGNE.match(ligne)
            if not m or not _est_cible(m.group("gauche")):
                raise ErreurGeneration(f"{lieu(numero)} : « # SOLUTION » ne peut terminer qu'une "
                                       f"affectation simple (nom = valeur) ; ligne : {ligne.strip()!r}")
            cibles = _nombre_de_cibles(m.group("gauche") + "=" + m.group("droite"))
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
        if "solution" in tags or cellule.metadata.get("slideshow", {}).get("slide_type") == "notes":
            continue  # réponses, et remarques pour l'enseignant (cellules « notes » du diaporama)
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
    # Le noyau tel que JupyterLab l'écrit : enregistrer le cahier ne modifie pas l'en-tête du .md.
    carnet.metadata["kernelspec"] = dict(NOYAU)
    return jupytext.writes(carnet, fmt="md")


def _empreinte(texte):
    return hashlib.sha256(texte.encode("utf-8")).hexdigest()


# --------------------------------------------------------------------------
# Contenu d'un cahier : ce qui compte comme travail de l'étudiant
# --------------------------------------------------------------------------

def _lire(chemin):
    """Le cahier (.md ou .ipynb) lu avec Jupytext, ou None s'il est illisible (il est alors protégé)."""
    import jupytext

    try:
        return jupytext.read(chemin)
    except Exception:  # noqa: BLE001 — un fichier abîmé n'est jamais écrasé sans copie
        return None


def _contenu(carnet, pieces_jointes=True):
    """Le contenu qui compte d'un cahier.

    Pour chaque cellule : type, source, étiquettes, diaporama et (option) pièces jointes.

    Les sorties et les autres métadonnées (ajoutées par JupyterLab) n'en font pas partie. Un .md ne
    peut pas garder de pièce jointe : une image collée dans une cellule Markdown n'existe que dans le .ipynb.
    """
    if carnet is None:
        return None
    return [{"type": c.cell_type, "source": c.source, "tags": list(c.metadata.get("tags", [])),
             "diaporama": dict(c.metadata.get("slideshow", {})),
             **({"pieces_jointes": dict(c.get("attachments") or {})} if pieces_jointes else {})}
            for c in carnet.cells]


def _empreinte_contenu(carnet):
    contenu = _contenu(carnet)
    return None if contenu is None else _empreinte(json.dumps(contenu, sort_keys=True, ensure_ascii=False))


def _a_des_pieces_jointes(carnet):
    return carnet is not None and any(c.get("attachments") for c in carnet.cells)


def _relatif(chemin):
    chemin = Path(chemin)
    for base in (RACINE, chemin.parent.parent):
        try:
            return str(chemin.resolve().relative_to(Path(base).resolve()))
        except ValueError:
            continue
    return str(chemin)


def _sauvegarder(fichiers, afficher, horodatage=None):
    """Copie chaque fichier existant dans ``sauvegardes/`` à côté de lui, avec un horodatage ; renvoie les copies."""
    horodatage = horodatage or datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
    copies = []
    for fichier in map(Path, fichiers):
        if not fichier.exists():
            continue
        dossier = fichier.parent / SAUVEGARDES
        dossier.mkdir(exist_ok=True)
        copie = dossier / f"{fichier.stem}.{horodatage}{fichier.suffix}"
        numero = 1
        while copie.exists():
            numero += 1
            copie = dossier / f"{fichier.stem}.{horodatage}-{numero}{fichier.suffix}"
        shutil.copy2(fichier, copie)
        afficher(f"Copie de sauvegarde : {copie}")
        copies.append(copie)
    return copies


def _lire_etat(dossier):
    chemin = Path(dossier) / SYNCHRO
    try:
        return json.loads(chemin.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _ecrire_etat(dossier, etat):
    chemin = Path(dossier) / SYNCHRO
    if etat:
        chemin.write_text(json.dumps(dict(sorted(etat.items())), indent=1) + "\n", encoding="utf-8")
    elif chemin.exists():
        chemin.unlink()


def _noter(etat, md, nb):
    """Retient le contenu des deux fichiers appariés.

    Tels que l'outil vient de les écrire ou de les trouver d'accord.
    """
    etat[Path(md).stem] = {"md": _empreinte_contenu(_lire(md)), "ipynb": _empreinte_contenu(_lire(nb))}


def _ecrire_ipynb_depuis_md(md, nb):
    """Écrit le .ipynb à partir du .md ; les sorties et pièces jointes des cellules inchangées sont gardées."""
    import jupytext
    from jupytext.combine import combine_inputs_with_outputs

    carnet = jupytext.read(md)
    ancien = _lire(nb) if Path(nb).exists() else None
    if ancien is not None:
        try:
            carnet = combine_inputs_with_outputs(carnet, ancien, fmt="md")
        except Exception:  # noqa: BLE001 — un ancien cahier incompatible : on repart du .md seul
            carnet = jupytext.read(md)
    carnet.metadata["rise"] = {**RISE, **carnet.metadata.get("rise", {})}
    jupytext.write(carnet, nb, fmt="ipynb")


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
    metadonnees["kernelspec"] = dict(NOYAU)
    rise = metadonnees.setdefault("rise", {})
    for cle, valeur in RISE.items():
        rise.setdefault(cle, valeur)
    return json.dumps(metadonnees, sort_keys=True, default=str) != avant


def _completer_metadonnees(nb, noyau=None):
    """Ajoute les réglages RISE à un .ipynb qui n'en a pas (créé avant eux), et lui donne le noyau de son .md.

    Rien d'autre n'est touché ; le fichier n'est réécrit que si quelque chose change.
    """
    import nbformat

    carnet = nbformat.read(nb, as_version=4)
    rise = {**RISE, **carnet.metadata.get("rise", {})}
    if rise == carnet.metadata.get("rise") and (not noyau or carnet.metadata.get("kernelspec") == noyau):
        return
    carnet.metadata["rise"] = rise
    if noyau:
        carnet.metadata["kernelspec"] = dict(noyau)
    nbformat.write(carnet, nb)


def _ecrire_md_depuis_ipynb(nb, md):
    import jupytext

    carnet = jupytext.read(nb)
    carnet.metadata.setdefault("jupytext", {})["cell_metadata_filter"] = FILTRE_CELLULES
    jupytext.write(carnet, md, fmt="md")


def _message_divergence(md, nb, commande):
    return (f"{_relatif(nb)} et {_relatif(md)} ont tous deux changé depuis la dernière synchronisation et ne "
            f"contiennent plus les mêmes cellules : rien n'a été écrasé. Réunissez votre travail dans l'un des deux "
            f"(ouvrez le .ipynb dans JupyterLab et enregistrez-le), ou relancez « {commande} FORCE=1 » : les deux "
            f"fichiers seront d'abord copiés dans {_relatif(md.parent / SAUVEGARDES)}/, puis le plus récent "
            "remplacera l'autre.")


def _synchroniser_paire(md, nb, etat, force, afficher):
    """Met d'accord un .md et son .ipynb sans jamais perdre ce qui n'existe que dans l'un d'eux ; renvoie l'action."""
    if not nb.exists():
        _ecrire_ipynb_depuis_md(md, nb)
        _noter(etat, md, nb)
        return "créé"
    carnet_md, carnet_nb = _lire(md), _lire(nb)
    if carnet_md is not None and carnet_nb is not None and \
            _contenu(carnet_md, pieces_jointes=False) == _contenu(carnet_nb, pieces_jointes=False):
        _completer_metadonnees(nb, carnet_md.metadata.get("kernelspec"))
        _noter(etat, md, nb)
        return None
    connu = etat.get(md.stem, {})
    if carnet_md is not None and carnet_nb is not None and _empreinte_contenu(carnet_nb) == connu.get("ipynb"):
        # Seul le .md a changé (nouvelle version des solutions, édition du .md) : le .ipynb suit. Hors de
        # solutions/ (versionné par l'auteur), les deux fichiers sont d'abord copiés : ils divergeaient.
        if md.parent.name != "solutions" or _a_des_pieces_jointes(carnet_nb):
            _sauvegarder([md, nb], afficher)
        _ecrire_ipynb_depuis_md(md, nb)
        _noter(etat, md, nb)
        afficher(f"{_relatif(nb)} mis à jour d'après {md.name}.")
        return "ipynb"
    if carnet_md is not None and carnet_nb is not None and _empreinte_contenu(carnet_md) == connu.get("md"):
        # Seul le .ipynb a changé (éditeur sans Jupytext, VS Code…) : le .md suit, après copie des deux.
        _sauvegarder([md, nb], afficher)
        _ecrire_md_depuis_ipynb(nb, md)
        _noter(etat, md, nb)
        afficher(f"{_relatif(md)} mis à jour d'après {nb.name} (votre travail enregistré dans le .ipynb).")
        return "md"
    if not force and connu:
        raise ErreurGeneration(_message_divergence(md, nb, "make notebooks"))
    # FORCE=1, ou paire jamais synchronisée par cet outil (cahiers créés par jupytext --sync) : copie des
    # deux fichiers, puis le plus récent l'emporte.
    raison = "FORCE=1" if force else "première synchronisation"
    _sauvegarder([md, nb], afficher)
    if carnet_nb is not None and (carnet_md is None or nb.stat().st_mtime > md.stat().st_mtime):
        _ecrire_md_depuis_ipynb(nb, md)
        afficher(f"{_relatif(md)} remplacé par le contenu de {nb.name}, plus récent ({raison}).")
        action = "md"
    else:
        _ecrire_ipynb_depuis_md(md, nb)
        afficher(f"{_relatif(nb)} remplacé par le contenu de {md.name}, plus récent ({raison}).")
        action = "ipynb"
    _noter(etat, md, nb)
    return action


def generer_cours(solutions=None, cours=None, force=False, afficher=print, chapitres=None):
    """Écrit la version étudiant de chaque chapitre de ``solutions`` dans ``cours``.

    Renvoie la liste des .md écrits (le .ipynb apparié, s'il existe, est mis à
    jour aussi). Lève :class:`ErreurGeneration` si un fichier de ``cours`` a
    été modifié depuis la dernière génération (le .md, ou le .ipynb qui ne dit
    plus la même chose que lui, ou qui porte une pièce jointe) et que
    ``force`` est faux ; avec ``force``, les deux fichiers sont d'abord copiés
    dans ``cours/sauvegardes/``.
    """
    solutions = Path(solutions or RACINE / "solutions")
    cours = Path(cours or RACINE / "course")
    chemin_empreintes = cours / EMPREINTES
    empreintes = json.loads(chemin_empreintes.read_text(encoding="utf-8")) if chemin_empreintes.exists() else {}
    sources = sorted(solutions.glob("[0-9][0-9]_*.md"))
    if chapitres:
        voulus = {str(c).strip().zfill(2) for c in chapitres}
        absents = sorted(voulus - {src.name[:2] for src in sources})
        if absents:
            raise ErreurGeneration(f"Chapitre introuvable dans {solutions} : {', '.join(absents)}.")
        sources = [src for src in sources if src.name[:2] in voulus]
    if not sources:
        raise ErreurGeneration(f"Aucun chapitre (NN_nom.md) dans {solutions}.")
    nouveaux = {src.name: transformer_chapitre(src.read_text(encoding="utf-8"), src.name) for src in sources}

    modifies = []
    for nom, texte in nouveaux.items():
        cible, carnet = cours / nom, (cours / nom).with_suffix(".ipynb")
        if cible.exists():
            actuel = cible.read_text(encoding="utf-8")
            if actuel != texte and _empreinte(actuel) != empreintes.get(nom):
                modifies.append(cible)
                continue
        if carnet.exists():
            contenu_md = _contenu(_lire(cible)) if cible.exists() else None
            if contenu_md is None or _contenu(_lire(carnet)) != contenu_md:
                modifies.append(carnet)
    if modifies and not force:
        liste = ", ".join(_relatif(c) for c in modifies)
        raise ErreurGeneration(
            f"Ces fichiers de la version étudiant ont été modifiés depuis leur génération : {liste}. "
            "Rien n'a été écrasé. Pour les régénérer quand même, lancez « make exercices FORCE=1 » : "
            "une copie de chacun sera gardée dans course/sauvegardes/.")
    if modifies:
        horodatage = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
        for fichier in modifies:
            _sauvegarder([fichier.with_suffix(".md"), fichier.with_suffix(".ipynb")], afficher, horodatage)

    cours.mkdir(parents=True, exist_ok=True)
    etat = _lire_etat(cours)
    ecrits = []
    for nom, texte in nouveaux.items():
        cible = cours / nom
        if not cible.exists() or cible.read_text(encoding="utf-8") != texte:
            cible.write_text(texte, encoding="utf-8")
            ecrits.append(cible)
            afficher(f"Écrit : {cible}")
        empreintes[nom] = _empreinte(texte)
        carnet = cible.with_suffix(".ipynb")
        if carnet.exists() and _contenu(_lire(carnet)) != _contenu(_lire(cible)):
            _ecrire_ipynb_depuis_md(cible, carnet)
            afficher(f"Écrit : {carnet}")
        if carnet.exists():
            _noter(etat, cible, carnet)
    chemin_empreintes.write_text(json.dumps(dict(sorted(empreintes.items())), indent=1, ensure_ascii=False) + "\n",
                                 encoding="utf-8")
    _ecrire_etat(cours, etat)
    if not ecrits:
        afficher("La version étudiant est déjà à jour.")
    return ecrits


def synchroniser_notebooks(dossiers=None, force=False, afficher=print):
    """Crée le .ipynb apparié à chaque chapitre .md, ou met les deux fichiers d'accord, sans rien perdre.

    * pas de .ipynb : il est créé à partir du .md (clone neuf : aucun message) ;
    * les deux fichiers ont les mêmes cellules : rien n'est écrit ;
    * seul le .md a changé depuis la dernière synchronisation : le .ipynb suit
      (sorties et pièces jointes des cellules inchangées gardées) ;
    * seul le .ipynb a changé (éditeur sans Jupytext) : les deux fichiers sont
      copiés dans ``sauvegardes/``, puis le .md suit ;
    * les deux ont changé et divergent : :class:`ErreurGeneration`, rien n'est
      écrit ; avec ``force``, copie des deux puis le plus récent l'emporte ;
    * une paire qui diverge sans avoir jamais été synchronisée par cet outil
      (cahiers créés par ``jupytext --sync``) : copie des deux, le plus récent
      l'emporte.

    Tous les conflits sont cherchés avant la moindre écriture. Renvoie la liste des .md traités.
    """
    dossiers = [Path(d) for d in (dossiers or [RACINE / "solutions", RACINE / "course"])]
    paires = [(md, md.with_suffix(".ipynb")) for d in dossiers for md in sorted(d.glob("[0-9][0-9]_*.md"))]
    if not force:
        conflits = []
        for dossier in dossiers:
            etat = _lire_etat(dossier)
            for md, nb in paires:
                if md.parent != dossier or not nb.exists():
                    continue
                carnet_md, carnet_nb = _lire(md), _lire(nb)
                d_accord = carnet_md is not None and carnet_nb is not None and \
                    _contenu(carnet_md, False) == _contenu(carnet_nb, False)
                connu = etat.get(md.stem, {})
                if not d_accord and connu and not (carnet_md is not None and carnet_nb is not None and (
                        _empreinte_contenu(carnet_nb) == connu.get("ipynb")
                        or _empreinte_contenu(carnet_md) == connu.get("md"))):
                    conflits.append(_message_divergence(md, nb, "make notebooks"))
        if conflits:
            raise ErreurGeneration("\n".join(conflits))
    for dossier in dossiers:
        etat = _lire_etat(dossier)
        for md, nb in paires:
            if md.parent == dossier:
                _synchroniser_paire(md, nb, etat, force, afficher)
        if any(md.parent == dossier for md, _ in paires):
            _ecrire_etat(dossier, etat)
    return [str(md) for md, _ in paires]


def nettoyer_notebooks(dossiers=None, afficher=print):
    """Supprime les .ipynb générés, sauf ceux qui contiennent un travail absent du .md apparié.

    Un .ipynb dont le contenu (cellules, sources, étiquettes, pièces jointes)
    diffère de son .md — modifié dans un éditeur sans Jupytext, ou portant une
    image collée dans une cellule Markdown — n'est pas supprimé : le .md est
    copié et le .ipynb déplacé dans ``sauvegardes/`` à côté d'eux. Renvoie la
    liste des fichiers supprimés.
    """
    dossiers = dossiers or [RACINE / "solutions", RACINE / "course"]
    supprimes = []
    for dossier in map(Path, dossiers):
        etat = _lire_etat(dossier)
        for carnet in sorted(dossier.glob("[0-9][0-9]_*.ipynb")):
            md = carnet.with_suffix(".md")
            contenu = _contenu(_lire(carnet))
            if md.exists() and contenu is not None and contenu == _contenu(_lire(md)):
                carnet.unlink()
                supprimes.append(carnet)
            else:
                horodatage = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
                (copie,) = _sauvegarder([carnet], lambda m: None, horodatage)
                copie_md = _sauvegarder([md], lambda m: None, horodatage)
                carnet.unlink()
                afficher(f"{_relatif(carnet)} diffère de {md.name} : il est gardé dans {copie}"
                         + (f" (et le .md copié dans {copie_md[0].name})" if copie_md else ""))
            etat.pop(carnet.stem, None)
        _ecrire_etat(dossier, etat)
    return supprimes


def main(arguments=None):
    parseur = argparse.ArgumentParser(prog="python -m outils.generation", description=__doc__.splitlines()[0])
    sous = parseur.add_subparsers(dest="commande", required=True)
    c = sous.add_parser("cours", help="régénère course/ à partir de solutions/")
    c.add_argument("--force", action="store_true", help="écrase les fichiers modifiés, après en avoir gardé une copie")
    c.add_argument("--chapitre", action="append", help="numéro d'un chapitre à régénérer (répétable) ; tous par défaut")
    n = sous.add_parser("notebooks", help="crée ou synchronise les .ipynb appariés")
    n.add_argument("--force", action="store_true",
                   help="en cas de divergence, copie les deux fichiers puis garde le plus récent")
    sous.add_parser("nettoyer", help="supprime les .ipynb générés (un .ipynb modifié est mis de côté)")
    args = parseur.parse_args(arguments)
    try:
        if args.commande == "cours":
            generer_cours(force=args.force, chapitres=args.chapitre)
        elif args.commande == "nettoyer":
            print(f"{len(nettoyer_notebooks())} cahier(s) .ipynb supprimé(s).")
        else:
            fichiers = synchroniser_notebooks(force=args.force)
            print(f"{len(fichiers)} chapitre(s) synchronisé(s) avec leur .ipynb.")
    except ErreurGeneration as erreur:
        print(f"Erreur : {erreur}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
