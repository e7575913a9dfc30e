"""Exercices avec retour immédiat, en français.

Chaque exercice d'un chapitre est un objet :class:`Exercice` qui offre trois
méthodes :

* ``verifier(reponse)`` dit « Correct ! », ou explique ce qui ne va pas sans
  donner la réponse, ou signale « Pas encore de réponse » tant que la réponse
  vaut ``...`` (le squelette du cahier d'exercices) ;
* ``indice()`` donne les indices un par un ;
* ``solution()`` affiche une solution.

``verifier`` ne lève jamais d'exception : une réponse de mauvais type, ou une
fonction qui plante, produit un message d'explication. Les exercices de chaque
chapitre sont dans ``helpers.exercices.chNN`` ::

    from helpers.exercices import ch05 as ex
    ex.q1.verifier(poids)

Pour écrire un contrôle, voyez :class:`Exercice` et les fonctions ``comparer_*``.

:class:`Exercice` et :func:`bilan` sont présentés au chapitre 00. Les autres
fonctions (``nombre``, ``tableau``, ``vecteur``, ``comparer_*``, ``appeler``,
``majuscule``, ``compter``, ``enumerer``, ``ne_conviennent_pas``) servent à écrire
les contrôles des modules ``chNN.py`` ; les chapitres ne les montrent pas.
"""
import ast
import dis
import html
import inspect
import math
import numbers
import re
import textwrap
import types

import numpy as np

__all__ = ["Exercice", "Verdict", "Incorrect", "PasDeReponse", "RienRenvoye", "est_vide", "nombre", "tableau",
           "vecteur", "comparer_nombre", "comparer_tableau", "appeler", "bilan", "Bilan", "majuscule", "compter",
           "enumerer", "ne_conviennent_pas", "controle_choix", "CORRECT", "INCORRECT", "VIDE"]

CORRECT, INCORRECT, VIDE = "correct", "incorrect", "vide"

_COULEURS = {CORRECT: "#1b7837", INCORRECT: "#b2182b", VIDE: "#6a51a3", "indice": "#b35806", "solution": "#2166ac"}

#: Longueur maximale du message d'une erreur Python recopié dans un retour (le reste est coupé).
_LONGUEUR_MAX_ERREUR = 300


class Incorrect(Exception):
    """Levée par un contrôle pour dire ce qui ne va pas (le message est montré à l'étudiant)."""


class PasDeReponse(Exception):
    """Levée par un contrôle quand la réponse n'a pas encore été écrite."""


class RienRenvoye(Incorrect):
    """Levée quand une fonction de l'étudiant ne renvoie rien (``print`` au lieu de ``return``)."""


def est_vide(reponse):
    """Vrai si la réponse est le squelette ``...`` (ou ``None``) laissé dans le cahier.

    >>> est_vide(...), est_vide(None), est_vide(0)
    (True, True, False)
    """
    return reponse is Ellipsis or reponse is None


# --------------------------------------------------------------------------
# Affichage
# --------------------------------------------------------------------------

def _dans_jupyter():
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython est toujours installé avec le cours
        return False
    return get_ipython() is not None


def _afficher(texte, genre, code=None):
    """Affiche un message coloré dans Jupyter, ou en texte simple ailleurs.

    ``code``, s'il est donné, est affiché sous le message comme du code : dans un bloc
    ``<pre>`` qui garde l'indentation et les retours à la ligne.
    """
    complet = texte if code is None else f"{texte}\n{code}"
    if not _dans_jupyter():
        print(complet)
        return
    from IPython.display import display

    couleur = _COULEURS.get(genre, "#333333")
    corps = f'<span style="color: {couleur};">{html.escape(texte).replace(chr(10), "<br>")}</span>'
    if code is not None:
        corps += ('<pre style="margin: 0.4em 0 0.2em 0; padding: 0.5em 0.7em; white-space: pre; '
                  'overflow-x: auto; background: rgba(127, 127, 127, 0.08); border-radius: 3px;">'
                  '<code class="language-python" style="background: none; padding: 0;">'
                  f'{html.escape(code)}</code></pre>')
    display({"text/plain": complet,
             "text/html": f'<div style="border-left: 4px solid {couleur}; padding: 0.3em 0.8em; '
                          f'margin: 0.3em 0;">{corps}</div>'},
            raw=True)


# --------------------------------------------------------------------------
# Français : majuscule, accords, énumérations
# --------------------------------------------------------------------------

# Mots qui commencent un groupe nominal français : seuls ceux-là prennent la majuscule en tête
# de phrase. Un nom de variable (« x_min », « Y1 », « df(0.5) », « carre(2) ») reste tel quel.
_DEBUTS_FRANCAIS = re.compile(
    r"^(?:(?:l|d|qu|s|n|j|c)[’']|(?:le|la|les|un|une|des|du|de|votre|vos|ce|cet|cette|ces|chaque|son|sa|ses|"
    r"leur|leurs|aucun|aucune|tout|toute|tous|toutes|on|il|elle|ils|elles|pour|avec|sur|dans|en)(?=\s|$))",
    re.IGNORECASE)


def majuscule(texte):
    """Met la majuscule en tête de phrase, sans jamais altérer un nom de variable.

    Seul un premier mot français (article, possessif…) prend la majuscule : « la réponse »
    devient « La réponse », mais « x_min », « Y1 », « df(0.5) » ou « ∂F/∂a » restent tels
    quels. Contrairement à ``str.capitalize``, le reste du texte n'est jamais modifié.

    Outil des modules d'exercices (``helpers/exercices/chNN.py``), pas présenté dans un chapitre.

    >>> majuscule("la dérivée de F"), majuscule("l'approximation"), majuscule("x_min"), majuscule("Y1")
    ('La dérivée de F', "L'approximation", 'x_min', 'Y1')
    """
    if not isinstance(texte, str):
        raise TypeError(f"majuscule attend une chaîne de caractères, pas un objet de type {type(texte).__name__}.")
    if _DEBUTS_FRANCAIS.match(texte):
        return texte[:1].upper() + texte[1:]
    return texte


_majuscule = majuscule  # ancien nom, gardé pour les modules de chapitre qui l'importeraient


def compter(n, mot, pluriel=None):
    """Écrit « 1 valeur », « 2 valeurs » : le nombre suivi du mot accordé.

    ``pluriel`` donne la forme plurielle si elle n'est pas ``mot + "s"``.

    >>> compter(1, "valeur"), compter(3, "valeur"), compter(0, "indice"), compter(2, "œil", "yeux")
    ('1 valeur', '3 valeurs', '0 indice', '2 yeux')
    """
    if isinstance(n, bool) or not isinstance(n, (numbers.Integral, np.integer)):
        raise TypeError(f"compter attend un nombre entier, pas un objet de type {type(n).__name__}.")
    n = int(n)
    return f"{n} {mot if abs(n) < 2 else (pluriel or mot + 's')}"


def enumerer(elements, conjonction="et"):
    """Énumère à la française : « a », « a et b », « a, b et c ».

    >>> enumerer(["∂f/∂x"]), enumerer(["∂f/∂x", "∂f/∂y"]), enumerer([1, 2, 3], "ou")
    ('∂f/∂x', '∂f/∂x et ∂f/∂y', '1, 2 ou 3')
    """
    elements = [str(e) for e in elements]
    if not elements:
        raise ValueError("enumerer attend au moins un élément.")
    if len(elements) == 1:
        return elements[0]
    return f"{', '.join(elements[:-1])} {conjonction} {elements[-1]}"


def controle_choix(explications, lettres="abcd"):
    """Contrôle d'une question à choix : la réponse est une lettre ; chaque mauvaise lettre a son explication.

    ``explications`` associe à chaque mauvaise lettre le message qui dit pourquoi elle ne convient
    pas (sans donner la bonne) ; la lettre absente du dictionnaire est la bonne réponse. « b »,
    « B », « b) » et « b. » sont acceptés. Outil des modules d'exercices, pas présenté dans un chapitre.

    >>> controle = controle_choix({"a": "Non : relisez la section 2.", "c": "Non.", "d": "Non."})
    >>> controle(" B) ")
    >>> controle("a")
    Traceback (most recent call last):
    ...
    helpers.exercices.Incorrect: Non : relisez la section 2.
    """
    lettres = tuple(lettres)
    texte_lettres = enumerer([f'"{l}"' for l in lettres], "ou")

    def controle(reponse):
        if est_vide(reponse):
            raise PasDeReponse
        if not isinstance(reponse, str):
            raise Incorrect(f"Répondez par une lettre entre guillemets, par exemple \"{lettres[0]}\" ; vous avez "
                            f"donné un objet de type {type(reponse).__name__}.")
        lettre = reponse.strip().lower().rstrip(").")
        if lettre not in lettres:
            raise Incorrect(f"Répondez par une seule lettre : {texte_lettres}.")
        if lettre in explications:
            raise Incorrect(explications[lettre])

    return controle


def ne_conviennent_pas(elements, singulier, pluriel):
    """Phrase accordée : « la composante ∂f/∂x ne convient pas », « les composantes … ne conviennent pas ».

    >>> ne_conviennent_pas(["∂f/∂x"], "la composante", "les composantes")
    'la composante ∂f/∂x ne convient pas'
    >>> ne_conviennent_pas(["∂f/∂x", "∂f/∂y"], "la composante", "les composantes")
    'les composantes ∂f/∂x et ∂f/∂y ne conviennent pas'
    """
    elements = list(elements)
    if len(elements) == 1:
        return f"{singulier} {elements[0]} ne convient pas"
    return f"{pluriel} {enumerer(elements)} ne conviennent pas"


# Représentations Python qu'un étudiant n'a pas à voir : adresses mémoire, fonctions internes.
_REPR_FONCTION = re.compile(r"<(?:function|built-in function|bound method) (?P<nom>[\w.<>]+)"
                            r"(?: of <[^<>]*>| at 0x[0-9a-fA-F]+)?>")
_REPR_OBJET = re.compile(r"<(?P<type>[\w.]+) object at 0x[0-9a-fA-F]+>")
_NOM_INTERNE = re.compile(r"(?<![\w.])_\w+\(\)\s*")


def _nom_lisible(nom):
    dernier = nom.split(".")[-1]
    if dernier == "<lambda>":
        return "une fonction lambda"
    if dernier.startswith("_"):
        return "une fonction interne"
    return dernier


def _nettoyer(texte):
    """Retire d'un message les adresses mémoire et les noms internes (``_controle_q4()``).

    >>> _nettoyer("f vaut <function essai.<locals>.f at 0x7f3a>, g vaut <keras.Model object at 0x1f>")
    'f vaut f, g vaut un objet Model'
    """
    texte = _REPR_FONCTION.sub(lambda m: _nom_lisible(m.group("nom")), texte)
    texte = _REPR_OBJET.sub(lambda m: f"un objet {m.group('type').split('.')[-1]}", texte)
    return _NOM_INTERNE.sub("", texte)


def _message_d_erreur(erreur):
    """« TypeError : message » d'une exception, nettoyé et coupé s'il est trop long."""
    message = _nettoyer(str(erreur)).strip()
    if len(message) > _LONGUEUR_MAX_ERREUR:
        message = message[:_LONGUEUR_MAX_ERREUR].rstrip() + " […]"
    return f"{type(erreur).__name__} : {message}" if message else type(erreur).__name__


# --------------------------------------------------------------------------
# Conversions
# --------------------------------------------------------------------------

def nombre(reponse, nom="la réponse"):
    """Convertit une réponse en ``float`` fini, ou lève :class:`PasDeReponse` / :class:`Incorrect`.

    C'est le seul convertisseur du cours : tous les contrôles l'utilisent. Sont acceptés les
    nombres réels de Python, de NumPy et des fractions, ainsi que tout tableau ou tenseur qui
    contient un seul nombre réel (``np.array(2.0)``, ``np.array([2.0])``, ``np.array([[2.0]])``,
    un tenseur PyTorch ou TensorFlow à un élément). Sont refusés, avec une explication :
    le texte, les booléens, les complexes, les listes, les tableaux de plusieurs nombres, les
    valeurs infinies ou ``nan``. ``...`` et ``None`` comptent comme « pas encore de réponse ».

    >>> from fractions import Fraction
    >>> nombre(np.float32(2.5)), nombre(Fraction(1, 4)), nombre(np.array(2.0)), nombre(np.array([[3]]))
    (2.5, 0.25, 2.0, 3.0)
    >>> nombre("2", "le poids")
    Traceback (most recent call last):
    ...
    helpers.exercices.Incorrect: Le poids doit être un nombre ; vous avez donné un objet de type str.
    """
    if est_vide(reponse):
        raise PasDeReponse
    if not isinstance(nom, str):
        raise TypeError(f"nom doit être une chaîne de caractères, pas un objet de type {type(nom).__name__}.")
    Nom = majuscule(nom)
    if isinstance(reponse, (bool, np.bool_, str, bytes)):
        raise Incorrect(f"{Nom} doit être un nombre ; vous avez donné un objet de type {type(reponse).__name__}.")
    if isinstance(reponse, (numbers.Complex, np.complexfloating)) and not isinstance(reponse, numbers.Real):
        raise Incorrect(f"{Nom} doit être un nombre réel ; vous avez donné un nombre complexe.")
    if isinstance(reponse, (numbers.Real, np.number)):
        valeur = float(reponse)
    elif isinstance(reponse, np.ndarray) or (hasattr(reponse, "__array__") and hasattr(reponse, "shape")):
        try:
            t = np.asarray(reponse)
        except Exception:  # un tenseur exotique que NumPy ne sait pas lire
            raise Incorrect(f"{Nom} doit être un nombre ; vous avez donné un objet de type "
                            f"{type(reponse).__name__}.") from None
        if t.size != 1:
            raise Incorrect(f"{Nom} doit être un seul nombre ; vous avez donné un tableau de taille {t.shape}.")
        if t.dtype.kind not in "iuf":
            genre = {"b": "un booléen", "c": "un nombre complexe"}.get(t.dtype.kind, f"des valeurs de type {t.dtype}")
            raise Incorrect(f"{Nom} doit être un nombre réel ; votre tableau contient {genre}.")
        valeur = float(t.reshape(()))
    else:
        raise Incorrect(f"{Nom} doit être un nombre ; vous avez donné un objet de type {type(reponse).__name__}.")
    if not math.isfinite(valeur):
        raise Incorrect(f"{Nom} vaut {valeur} : ce n'est pas un nombre fini.")
    return valeur


def tableau(reponse, nom="la réponse"):
    """Convertit une réponse (liste, tableau…) en tableau de flottants finis, ou explique le problème.

    >>> tableau([1, 2]).tolist()
    [1.0, 2.0]
    """
    if est_vide(reponse) or _contient_du_vide(reponse):
        raise PasDeReponse
    if isinstance(reponse, (str, bytes, dict, set, bool)):
        raise Incorrect(f"{majuscule(nom)} doit être une liste ou un tableau de nombres ; vous avez donné un "
                        f"objet de type {type(reponse).__name__}.")
    try:
        t = np.asarray(reponse, dtype=float)
    except (TypeError, ValueError):
        raise Incorrect(f"{majuscule(nom)} doit être une liste ou un tableau de nombres.") from None
    if not np.all(np.isfinite(t)):
        raise Incorrect(f"{majuscule(nom)} contient des valeurs infinies ou non définies (nan).")
    return t


def _contient_du_vide(reponse):
    """Vrai si une liste ou un tableau contient encore un ``...`` (réponse commencée mais pas finie)."""
    try:
        return any(est_vide(r) for r in np.ravel(np.asarray(reponse, dtype=object)))
    except (TypeError, ValueError):  # listes de longueurs irrégulières : traitées par l'appelant
        return False


def vecteur(reponse, taille, nom="la réponse"):
    """Convertit une réponse en vecteur de ``taille`` nombres finis (liste, n-uplet, ligne ou colonne).

    Une liste qui contient encore ``...`` compte comme « pas encore de réponse ».

    >>> vecteur((1, 2), 2).tolist()
    [1.0, 2.0]
    """
    if est_vide(reponse) or _contient_du_vide(reponse):
        raise PasDeReponse
    if isinstance(reponse, (str, bytes, dict, set, bool)) or not hasattr(reponse, "__len__"):
        raise Incorrect(f"{majuscule(nom)} doit être une liste de {taille} nombres ; vous avez donné un objet "
                        f"de type {type(reponse).__name__}.")
    try:
        elements = np.ravel(np.asarray(reponse, dtype=object))
    except (TypeError, ValueError):
        elements = ()
    if any(isinstance(e, (str, bytes, bool, np.bool_)) for e in elements):
        raise Incorrect(f"{majuscule(nom)} doit contenir des nombres, pas du texte ni des booléens.")
    try:
        v = np.asarray(reponse, dtype=float)
    except (TypeError, ValueError):
        raise Incorrect(f"{majuscule(nom)} doit être une liste de {taille} nombres.") from None
    if v.shape not in ((taille,), (taille, 1), (1, taille)):
        raise Incorrect(f"{majuscule(nom)} doit contenir exactement {taille} nombres ; la taille reçue est "
                        f"{v.shape}.")
    v = v.ravel()
    if not np.all(np.isfinite(v)):
        raise Incorrect(f"{majuscule(nom)} contient une valeur infinie ou non définie (nan).")
    return v


def comparer_nombre(reponse, attendu, nom="la réponse", tolerance=1e-6):
    """Contrôle qu'un nombre est proche de ``attendu`` (écart relatif ou absolu ≤ tolérance).

    Lève :class:`PasDeReponse` ou :class:`Incorrect` ; le message ne donne pas la valeur attendue.

    >>> comparer_nombre(0.1 + 0.2, 0.3)
    """
    reponse = nombre(reponse, nom)
    if not math.isclose(reponse, float(attendu), rel_tol=tolerance, abs_tol=tolerance):
        sens = "trop grande" if reponse > attendu else "trop petite"
        raise Incorrect(f"{majuscule(nom)} ne convient pas : la valeur {reponse:.6g} est {sens}.")


def comparer_tableau(reponse, attendu, nom="la réponse", tolerance=1e-6):
    """Contrôle qu'un tableau (ou une liste) a la bonne taille et des valeurs proches de ``attendu``.

    >>> comparer_tableau([1, 2], np.array([1.0, 2.0]))
    """
    attendu = np.asarray(attendu, dtype=float)
    r = tableau(reponse, nom)
    if r.shape != attendu.shape:
        raise Incorrect(f"{majuscule(nom)} a la taille {r.shape} ; la taille attendue est {attendu.shape}.")
    ecarts = ~np.isclose(r, attendu, rtol=tolerance, atol=tolerance)
    if ecarts.any():
        n = int(ecarts.sum())
        accord = "ne convient pas" if n == 1 else "ne conviennent pas"
        raise Incorrect(f"{majuscule(nom)} a la bonne taille, mais {compter(n, 'valeur')} sur {r.size} {accord}.")


# --------------------------------------------------------------------------
# Fonctions écrites par l'étudiant
# --------------------------------------------------------------------------

def _source(fonction):
    """L'arbre syntaxique du ``def`` de ``fonction``, ou None (source introuvable, lambda…)."""
    if not isinstance(fonction, types.FunctionType) or fonction.__name__ == "<lambda>":
        return None
    try:
        arbre = ast.parse(textwrap.dedent(inspect.getsource(fonction)))
    except (OSError, TypeError, SyntaxError, ValueError):
        return None
    for noeud in ast.walk(arbre):
        if isinstance(noeud, (ast.FunctionDef, ast.AsyncFunctionDef)) and noeud.name == fonction.__name__:
            return noeud
    return None


def _noeuds_propres(definition):
    """Les nœuds du corps d'une fonction, sans entrer dans les fonctions ou classes qu'elle définit."""
    a_voir = list(definition.body)
    while a_voir:
        noeud = a_voir.pop()
        yield noeud
        if not isinstance(noeud, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)):
            a_voir.extend(ast.iter_child_nodes(noeud))


def _est_ellipsis(noeud):
    return isinstance(noeud, ast.Constant) and noeud.value is Ellipsis


def _corps_vide(code):
    """Vrai si le code compilé ne fait que renvoyer None (``pass``, ``...`` ou une docstring)."""
    utiles = [i for i in dis.get_instructions(code) if i.opname not in ("RESUME", "NOP", "CACHE")]
    if [i.opname for i in utiles] == ["RETURN_CONST"]:  # Python ≥ 3.12
        return utiles[0].argval is None
    return [i.opname for i in utiles] == ["LOAD_CONST", "RETURN_VALUE"] and utiles[0].argval is None


def _est_squelette(fonction):
    """Vrai si la fonction est encore le squelette du cahier : corps vide, ou un « ... » à remplacer.

    Un « ... » compte s'il est seul sur sa ligne, renvoyé (``return ...``) ou affecté
    (``x = ...``) ; celui d'un indice NumPy (``X[..., 0]``) ne compte pas. Un
    ``raise NotImplementedError`` compte aussi comme squelette.
    """
    definition = _source(fonction)
    if definition is None:
        code = getattr(fonction, "__code__", None)
        return code is not None and _corps_vide(code)
    for noeud in _noeuds_propres(definition):
        if isinstance(noeud, (ast.Expr, ast.Return, ast.Assign, ast.AnnAssign)) and _est_ellipsis(noeud.value):
            return True
        if isinstance(noeud, ast.Raise) and "NotImplementedError" in ast.unparse(noeud.exc or ast.Pass()):
            return True
    return all(isinstance(n, ast.Pass) or (isinstance(n, ast.Expr) and isinstance(n.value, ast.Constant))
               for n in definition.body)


def _sans_return(fonction):
    """Vrai si le ``def`` de la fonction ne contient aucun ``return valeur`` (faux si on ne peut pas le lire)."""
    definition = _source(fonction)
    if definition is None:
        return False
    return not any(isinstance(n, ast.Return) and n.value is not None for n in _noeuds_propres(definition))


def _designation(fonction, nom):
    """« votre fonction carre », ou « votre fonction » si on ne connaît pas de nom lisible."""
    if nom != "votre fonction":
        return nom if nom.startswith("votre ") else f"votre fonction {nom}"
    nom_propre = getattr(fonction, "__name__", "")
    return f"votre fonction {nom_propre}" if nom_propre.isidentifier() and not nom_propre.startswith("_") else nom


def _message_rien_renvoye(designation):
    return (f"{majuscule(designation)} ne renvoie rien (son résultat est None). Avez-vous oublié « return » ? "
            "« print » affiche une valeur à l'écran, mais ne la renvoie pas.")


def _decrire(valeur):
    """Description courte d'un argument : sa valeur si c'est un petit nombre, sinon son type et sa taille."""
    if isinstance(valeur, (bool, np.bool_)) or valeur is None or valeur is Ellipsis:
        return repr(valeur)
    if isinstance(valeur, (numbers.Real, np.number)):
        texte = f"{valeur:.6g}" if isinstance(valeur, (float, np.floating)) else str(valeur)
        return texte if len(texte) <= 20 else f"un nombre de type {type(valeur).__name__}"
    if isinstance(valeur, str):
        return repr(valeur) if len(valeur) <= 30 else f"un texte de {compter(len(valeur), 'caractère')}"
    if isinstance(valeur, np.ndarray):
        return f"un tableau de taille {valeur.shape}"
    forme = getattr(valeur, "shape", None)
    if forme is not None and not callable(forme):
        try:
            return f"un objet {type(valeur).__name__} de taille {tuple(forme)}"
        except TypeError:
            pass
    if isinstance(valeur, list):
        return f"une liste de {compter(len(valeur), 'élément')}"
    if isinstance(valeur, tuple):
        return f"un n-uplet de {compter(len(valeur), 'élément')}"
    if isinstance(valeur, dict):
        return f"un dictionnaire de {compter(len(valeur), 'clé')}"
    if callable(valeur):
        nom = getattr(valeur, "__name__", "")
        return f"la fonction {nom}" if nom.isidentifier() and not nom.startswith("_") else "une fonction"
    return f"un objet de type {type(valeur).__name__}"


def _parametres(fonction, arguments):
    """Noms des paramètres qui reçoivent ``arguments`` ; lève TypeError si la fonction ne les accepte pas.

    Sans signature lisible (fonction intégrée), les arguments sont numérotés.
    """
    try:
        signature = inspect.signature(fonction)
    except (TypeError, ValueError):
        return [f"argument {i}" for i in range(1, len(arguments) + 1)]
    lies = signature.bind(*arguments)  # TypeError si le nombre d'arguments ne va pas
    noms = []
    for nom, valeur in lies.arguments.items():
        if signature.parameters[nom].kind is inspect.Parameter.VAR_POSITIONAL:
            noms += [f"{nom}[{i}]" for i in range(len(valeur))]
        else:
            noms.append(nom)
    return noms


def appeler(fonction, *arguments, nom="votre fonction"):
    """Appelle la fonction de l'étudiant et transforme tout ce qui ne va pas en message d'explication.

    * la fonction est encore le squelette (elle renvoie ``...`` ou lève ``NotImplementedError``) :
      :class:`PasDeReponse` ;
    * elle ne renvoie rien (``None``, souvent un ``print`` à la place de ``return``) :
      :class:`RienRenvoye`, qui demande si ``return`` a été oublié ;
    * elle n'accepte pas ce nombre d'arguments, ou elle lève une exception : :class:`Incorrect`,
      avec le nom et la taille de chaque argument (jamais le contenu d'un tableau).

    ``nom`` est le nom de la fonction dans l'énoncé (« carre »).

    >>> appeler(abs, -3)
    3
    >>> def carre(x):
    ...     print(x * x)
    >>> appeler(carre, 3)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    helpers.exercices.RienRenvoye: Votre fonction carre ne renvoie rien (son résultat est None). Avez-vous oublié ...
    """
    if est_vide(fonction):
        raise PasDeReponse
    if not callable(fonction):
        raise Incorrect(f"On attend une fonction ; vous avez donné un objet de type {type(fonction).__name__}.")
    designation = _designation(fonction, nom)
    try:
        parametres = _parametres(fonction, arguments)
    except TypeError:
        attendus = [p for p in inspect.signature(fonction).parameters]
        court = designation.removeprefix("votre fonction").strip() or "votre fonction"
        raise Incorrect(f"L'appel de {court} provoque une erreur : TypeError : {designation} doit accepter "
                        f"{compter(len(arguments), 'argument')}, or ses paramètres sont ({', '.join(attendus)}). "
                        "Vérifiez sa ligne « def ».") from None
    try:
        resultat = fonction(*arguments)
    except NotImplementedError:
        raise PasDeReponse from None
    except Exception as erreur:  # l'étudiant doit voir l'erreur, pas une trace de pile
        court = designation.removeprefix("votre fonction").strip()
        appel = f"{court}({', '.join(parametres)})" if court else f"votre fonction({', '.join(parametres)})"
        detail = ", ".join(f"{p} = {_decrire(a)}" for p, a in zip(parametres, arguments))
        raise Incorrect(f"L'appel de {appel} provoque une erreur : "
                        f"{_message_d_erreur(erreur)}" + (f" (avec {detail})." if detail else "")) from None
    if resultat is Ellipsis:
        raise PasDeReponse
    if resultat is None:
        if _est_squelette(fonction):
            raise PasDeReponse
        raise RienRenvoye(_message_rien_renvoye(designation))
    return resultat


class Verdict:
    """Résultat de ``verifier`` : se comporte comme ``True`` ou ``False``, sans s'afficher dans Jupyter.

    Le message de ``verifier`` suffit ; sans cela, la cellule afficherait aussi
    ``True`` ou ``False`` en dessous.

    >>> bool(Verdict(True)), Verdict(False) == False
    (True, True)
    """

    __slots__ = ("_valeur",)

    def __init__(self, valeur):
        self._valeur = bool(valeur)

    def __bool__(self):
        return self._valeur

    def __eq__(self, autre):
        return self._valeur == (bool(autre) if isinstance(autre, Verdict) else autre)

    def __hash__(self):
        return hash(self._valeur)

    def __repr__(self):
        return repr(self._valeur)

    def _ipython_display_(self):
        """N'affiche rien : le message a déjà été montré."""


class Exercice:
    """Un exercice : un contrôle, des indices et une solution.

    ``controle`` reçoit les arguments de ``verifier`` ; il ne renvoie rien si la
    réponse est juste et lève :class:`Incorrect` (avec une explication) ou
    :class:`PasDeReponse` sinon.

    Présenté au chapitre 00.

    >>> def controle(x):
    ...     comparer_nombre(x, 4, "le résultat")
    >>> q = Exercice("Calculez 2 + 2", controle, indices=["Comptez sur vos doigts."], solution="x = 2 + 2")
    >>> q.verifier(4)
    ✅ Correct !
    True
    >>> q.verifier(5)
    ❌ Pas encore : Le résultat ne convient pas : la valeur 5 est trop grande.
    False
    """

    def __init__(self, titre, controle, indices=(), solution="", message_correct=""):
        if not callable(controle):
            raise TypeError("controle doit être une fonction.")
        if isinstance(indices, str):
            indices = [indices]
        self.titre = titre
        self._controle = controle
        self._indices = list(indices)
        self._solution = solution
        self._message_correct = message_correct
        self._prochain_indice = 0
        self.etat = None

    def _arguments_acceptes(self, reponse, options):
        """None si le contrôle accepte ces arguments, sinon le message qui explique le bon appel."""
        try:
            signature = inspect.signature(self._controle)
        except (TypeError, ValueError):
            return None
        try:
            signature.bind(*reponse, **options)
            return None
        except TypeError:
            pass
        noms = [p.name for p in signature.parameters.values()
                if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
        attendu = (f"une seule réponse : verifier({noms[0]})" if len(noms) == 1
                   else f"{compter(len(noms), 'réponse')} : verifier({', '.join(noms)})")
        donne = f"vous en avez donné {len(reponse)}" if reponse else "vous n'en avez donné aucune"
        inconnues = [cle for cle in options if cle not in signature.parameters]
        if inconnues and len(reponse) <= len(noms):
            donne = f"l'option {enumerer(inconnues)} n'existe pas pour cet exercice"
        return f"Cet exercice attend {attendu} ; {donne}."

    def _fonction_sans_return(self, reponse, options):
        """La désignation d'une fonction de l'étudiant qui ne contient aucun ``return``, ou None."""
        for valeur in (*reponse, *options.values()):
            if isinstance(valeur, types.FunctionType) and not _est_squelette(valeur) and _sans_return(valeur):
                return _designation(valeur, "votre fonction")
        return None

    def verifier(self, *reponse, **options):
        """Vérifie la réponse et affiche un message. Renvoie un :class:`Verdict`, vrai si elle est juste."""
        mauvais_appel = self._arguments_acceptes(reponse, options)
        if mauvais_appel is not None:
            self.etat = INCORRECT
            _afficher(f"❌ {mauvais_appel}", INCORRECT)
            return Verdict(False)
        try:
            self._controle(*reponse, **options)
        except PasDeReponse:
            sans_return = self._fonction_sans_return(reponse, options)
            if sans_return is not None:
                self.etat = INCORRECT
                _afficher(f"❌ Pas encore : {_message_rien_renvoye(sans_return)}", INCORRECT)
                return Verdict(False)
            self.etat = VIDE
            _afficher("✏️ Pas encore de réponse : remplacez les « ... » par votre code, "
                      "puis relancez la cellule.", VIDE)
            return Verdict(False)
        except Incorrect as erreur:
            self.etat = INCORRECT
            _afficher(f"❌ Pas encore : {_nettoyer(str(erreur))}", INCORRECT)
            return Verdict(False)
        except Exception as erreur:  # un contrôle ne doit jamais interrompre le cahier
            self.etat = INCORRECT
            _afficher(f"❌ Votre réponse n'a pas pu être vérifiée ({_message_d_erreur(erreur)}). "
                      "Vérifiez son type et sa taille.", INCORRECT)
            return Verdict(False)
        self.etat = CORRECT
        _afficher("✅ Correct !" + (f" {self._message_correct}" if self._message_correct else ""), CORRECT)
        return Verdict(True)

    def indice(self, numero=None):
        """Affiche l'indice suivant (ou l'indice ``numero``, à partir de 1).

        Une fois tous les indices donnés, un nouvel appel le dit au lieu de répéter le dernier.
        """
        n = len(self._indices)
        if not n:
            _afficher("Pas d'indice pour cet exercice.", "indice")
            return
        if numero is None:
            if self._prochain_indice >= n:
                revoir = "indice(1)" if n == 1 else ("indice(1) et indice(2)" if n == 2 else f"indice(1) à indice({n})")
                tous = "l'unique indice" if n == 1 else f"les {n} indices"
                pronom = "le" if n == 1 else "les"
                _afficher(f"Il n'y a pas d'autre indice : vous avez vu {tous} de cet exercice. Revoyez-{pronom} avec "
                          f"{revoir}, ou affichez la solution avec solution().", "indice")
                return
            self._prochain_indice += 1
            numero = self._prochain_indice
        if isinstance(numero, bool) or not isinstance(numero, int) or not 1 <= numero <= n:
            message = ("Il n'y a qu'un indice : indice(1)." if n == 1
                       else f"Il y a {n} indices, numérotés de 1 à {n}.")
            _afficher(message, "indice")
            return
        _afficher(f"💡 Indice {numero}/{n} : {self._indices[numero - 1]}", "indice")

    def solution(self):
        """Affiche une solution, comme du code (l'indentation est gardée)."""
        _afficher("📖 Solution :", "solution", code=self._solution)

    def __repr__(self):
        return f"<Exercice « {self.titre} »>"


class Bilan(int):
    """Nombre de réponses justes renvoyé par :func:`bilan` : un entier qui ne s'affiche pas dans Jupyter.

    ``bilan(*ex.EXERCICES)`` en dernière ligne de cellule n'ajoute donc pas de ``0`` ou de ``1``
    sous le tableau ; ``assert bilan(...) == len(...)`` fonctionne comme avec un entier.

    >>> Bilan(2) == 2, Bilan(2) + 1
    (True, 3)
    """

    __slots__ = ()

    def _ipython_display_(self):
        """N'affiche rien : le bilan a déjà été imprimé."""


def bilan(*exercices):
    """Affiche l'état de chaque exercice et renvoie le nombre de réponses justes.

    Le nombre renvoyé (un :class:`Bilan`) ne s'affiche pas sous la cellule dans Jupyter.

    Présenté au chapitre 00.

    >>> q = Exercice("Exemple", lambda x: None)
    >>> bilan(q)
    ⬜ Exemple : non vérifié
    0
    """
    libelles = {CORRECT: "✅ {} : correct", INCORRECT: "❌ {} : à reprendre",
                VIDE: "✏️ {} : pas encore de réponse", None: "⬜ {} : non vérifié"}
    lignes = [libelles[q.etat].format(q.titre) for q in exercices]
    print("\n".join(lignes))
    return Bilan(sum(q.etat == CORRECT for q in exercices))
