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
"""
import html
import math
import numbers

import numpy as np

__all__ = ["Exercice", "Verdict", "Incorrect", "PasDeReponse", "est_vide", "nombre", "tableau", "vecteur", "comparer_nombre",
           "comparer_tableau", "appeler", "bilan", "CORRECT", "INCORRECT", "VIDE"]

CORRECT, INCORRECT, VIDE = "correct", "incorrect", "vide"

_COULEURS = {CORRECT: "#1b7837", INCORRECT: "#b2182b", VIDE: "#6a51a3", "indice": "#b35806", "solution": "#2166ac"}


class Incorrect(Exception):
    """Levée par un contrôle pour dire ce qui ne va pas (le message est montré à l'étudiant)."""


class PasDeReponse(Exception):
    """Levée par un contrôle quand la réponse n'a pas encore été écrite."""


def est_vide(reponse):
    """Vrai si la réponse est le squelette ``...`` (ou ``None``) laissé dans le cahier.

    >>> est_vide(...), est_vide(None), est_vide(0)
    (True, True, False)
    """
    return reponse is Ellipsis or reponse is None


def _afficher(texte, genre):
    """Affiche un message coloré dans Jupyter, ou en texte simple ailleurs."""
    try:
        from IPython import get_ipython
        from IPython.display import display
        actif = get_ipython() is not None
    except ImportError:  # pragma: no cover - IPython est toujours installé avec le cours
        actif = False
    if actif:
        couleur = _COULEURS.get(genre, "#333333")
        corps = html.escape(texte).replace("\n", "<br>")
        display({"text/plain": texte,
                 "text/html": f'<div style="border-left: 4px solid {couleur}; padding: 0.3em 0.8em; '
                              f'margin: 0.3em 0;"><span style="color: {couleur};">{corps}</span></div>'},
                raw=True)
    else:
        print(texte)


def _majuscule(texte):
    """Met la première lettre en majuscule sans toucher au reste (« ∂F/∂a » reste « ∂F/∂a »)."""
    return texte[:1].upper() + texte[1:]


def nombre(reponse, nom="la réponse"):
    """Convertit une réponse en ``float`` fini, ou lève :class:`PasDeReponse` / :class:`Incorrect`.

    >>> from fractions import Fraction
    >>> nombre(np.float32(2.5)), nombre(Fraction(1, 4))
    (2.5, 0.25)
    """
    if est_vide(reponse):
        raise PasDeReponse
    if isinstance(reponse, (bool, np.bool_, str)) or not isinstance(reponse, (numbers.Real, np.number, np.ndarray)):
        raise Incorrect(f"{_majuscule(nom)} doit être un nombre ; vous avez donné un objet de type "
                        f"{type(reponse).__name__}.")
    if isinstance(reponse, np.ndarray):
        if reponse.size != 1:
            raise Incorrect(f"{_majuscule(nom)} doit être un seul nombre ; vous avez donné un tableau de forme "
                            f"{reponse.shape}.")
        reponse = reponse.item()
    valeur = float(reponse)
    if not math.isfinite(valeur):
        raise Incorrect(f"{_majuscule(nom)} vaut {valeur} : ce n'est pas un nombre fini.")
    return valeur


def tableau(reponse, nom="la réponse"):
    """Convertit une réponse (liste, tableau…) en tableau de flottants finis, ou explique le problème.

    >>> tableau([1, 2]).tolist()
    [1.0, 2.0]
    """
    if est_vide(reponse) or _contient_du_vide(reponse):
        raise PasDeReponse
    if isinstance(reponse, (str, bytes, dict, set, bool)):
        raise Incorrect(f"{_majuscule(nom)} doit être une liste ou un tableau de nombres ; vous avez donné un "
                        f"objet de type {type(reponse).__name__}.")
    try:
        t = np.asarray(reponse, dtype=float)
    except (TypeError, ValueError):
        raise Incorrect(f"{_majuscule(nom)} doit être une liste ou un tableau de nombres.") from None
    if not np.all(np.isfinite(t)):
        raise Incorrect(f"{_majuscule(nom)} contient des valeurs infinies ou non définies (nan).")
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
        raise Incorrect(f"{_majuscule(nom)} doit être une liste de {taille} nombres ; vous avez donné un objet "
                        f"de type {type(reponse).__name__}.")
    try:
        elements = np.ravel(np.asarray(reponse, dtype=object))
    except (TypeError, ValueError):
        elements = ()
    if any(isinstance(e, (str, bytes, bool, np.bool_)) for e in elements):
        raise Incorrect(f"{_majuscule(nom)} doit contenir des nombres, pas du texte ni des booléens.")
    try:
        v = np.asarray(reponse, dtype=float)
    except (TypeError, ValueError):
        raise Incorrect(f"{_majuscule(nom)} doit être une liste de {taille} nombres.") from None
    if v.shape not in ((taille,), (taille, 1), (1, taille)):
        raise Incorrect(f"{_majuscule(nom)} doit contenir exactement {taille} nombres ; la forme reçue est "
                        f"{v.shape}.")
    v = v.ravel()
    if not np.all(np.isfinite(v)):
        raise Incorrect(f"{_majuscule(nom)} contient une valeur infinie ou non définie (nan).")
    return v


def comparer_nombre(reponse, attendu, nom="la réponse", tolerance=1e-6):
    """Contrôle qu'un nombre est proche de ``attendu`` (écart relatif ou absolu ≤ tolérance).

    Lève :class:`PasDeReponse` ou :class:`Incorrect` ; le message ne donne pas la valeur attendue.

    >>> comparer_nombre(0.1 + 0.2, 0.3)
    """
    reponse = nombre(reponse, nom)
    if not math.isclose(reponse, float(attendu), rel_tol=tolerance, abs_tol=tolerance):
        sens = "trop grande" if reponse > attendu else "trop petite"
        raise Incorrect(f"{_majuscule(nom)} ne convient pas : la valeur {reponse:.6g} est {sens}.")


def comparer_tableau(reponse, attendu, nom="la réponse", tolerance=1e-6):
    """Contrôle qu'un tableau (ou une liste) a la bonne forme et des valeurs proches de ``attendu``.

    >>> comparer_tableau([1, 2], np.array([1.0, 2.0]))
    """
    attendu = np.asarray(attendu, dtype=float)
    r = tableau(reponse, nom)
    if r.shape != attendu.shape:
        raise Incorrect(f"{_majuscule(nom)} a la forme {r.shape} ; la forme attendue est {attendu.shape}.")
    ecarts = ~np.isclose(r, attendu, rtol=tolerance, atol=tolerance)
    if ecarts.any():
        n = int(ecarts.sum())
        raise Incorrect(f"{_majuscule(nom)} a la bonne forme, mais {n} valeur(s) sur {r.size} ne conviennent pas.")


def appeler(fonction, *arguments, nom="votre fonction"):
    """Appelle la fonction de l'étudiant et transforme une erreur en message d'explication.

    >>> appeler(abs, -3)
    3
    """
    if est_vide(fonction):
        raise PasDeReponse
    if not callable(fonction):
        raise Incorrect(f"On attend une fonction ; vous avez donné un objet de type {type(fonction).__name__}.")
    try:
        resultat = fonction(*arguments)
    except NotImplementedError:
        raise PasDeReponse from None
    except Exception as erreur:  # l'étudiant doit voir l'erreur, pas une trace de pile
        args = ", ".join(repr(a) for a in arguments)
        raise Incorrect(f"L'appel de {nom}({args}) provoque une erreur : {type(erreur).__name__} : {erreur}") from None
    if est_vide(resultat):
        raise PasDeReponse
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

    def verifier(self, *reponse, **options):
        """Vérifie la réponse et affiche un message. Renvoie un :class:`Verdict`, vrai si elle est juste."""
        try:
            self._controle(*reponse, **options)
        except PasDeReponse:
            self.etat = VIDE
            _afficher("✏️ Pas encore de réponse : remplacez les « ... » par votre code, "
                      "puis relancez la cellule.", VIDE)
            return Verdict(False)
        except Incorrect as erreur:
            self.etat = INCORRECT
            _afficher(f"❌ Pas encore : {erreur}", INCORRECT)
            return Verdict(False)
        except Exception as erreur:  # un contrôle ne doit jamais interrompre le cahier
            self.etat = INCORRECT
            _afficher(f"❌ Votre réponse n'a pas pu être vérifiée ({type(erreur).__name__} : {erreur}). "
                      "Vérifiez son type et sa forme.", INCORRECT)
            return Verdict(False)
        self.etat = CORRECT
        _afficher("✅ Correct !" + (f" {self._message_correct}" if self._message_correct else ""), CORRECT)
        return Verdict(True)

    def indice(self, numero=None):
        """Affiche l'indice suivant (ou l'indice ``numero``, à partir de 1)."""
        if not self._indices:
            _afficher("Pas d'indice pour cet exercice.", "indice")
            return
        if numero is None:
            numero = min(self._prochain_indice, len(self._indices) - 1) + 1
            self._prochain_indice += 1
        if not isinstance(numero, int) or not 1 <= numero <= len(self._indices):
            _afficher(f"Il y a {len(self._indices)} indice(s), numérotés de 1 à {len(self._indices)}.", "indice")
            return
        _afficher(f"💡 Indice {numero}/{len(self._indices)} : {self._indices[numero - 1]}", "indice")

    def solution(self):
        """Affiche une solution."""
        _afficher(f"📖 Solution :\n{self._solution}", "solution")

    def __repr__(self):
        return f"<Exercice « {self.titre} »>"


def bilan(*exercices):
    """Affiche l'état de chaque exercice et renvoie le nombre de réponses justes.

    >>> q = Exercice("Exemple", lambda x: None)
    >>> bilan(q)
    ⬜ Exemple : non vérifié
    0
    """
    libelles = {CORRECT: "✅ {} : correct", INCORRECT: "❌ {} : à reprendre",
                VIDE: "✏️ {} : pas encore de réponse", None: "⬜ {} : non vérifié"}
    lignes = [libelles[q.etat].format(q.titre) for q in exercices]
    print("\n".join(lignes))
    return sum(q.etat == CORRECT for q in exercices)
