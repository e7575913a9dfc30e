"""Tests du noyau des exercices : Exercice, comparer_nombre, comparer_tableau, appeler, bilan."""
import html
import math
import re
from pathlib import Path

import IPython
import numpy as np
import pytest

from helpers import exercices as ex
from helpers.exercices import (CORRECT, INCORRECT, VIDE, Exercice, Incorrect, PasDeReponse, appeler,
                               bilan, comparer_nombre, comparer_tableau, est_vide)

ATTENDU = 0.123456
RACINE = Path(__file__).resolve().parent.parent


def _formes(valeur):
    """Les façons dont une valeur attendue pourrait fuiter dans un message."""
    return {repr(valeur), str(valeur), f"{valeur:.6g}", f"{valeur:.4g}", f"{valeur:.3g}", f"{valeur:g}"}


def _sans_fuite(message, valeur):
    for forme in _formes(valeur):
        assert forme not in message, f"le message {message!r} révèle la réponse ({forme})"


def controle_nombre(x):
    comparer_nombre(x, ATTENDU, "le résultat")


@pytest.fixture
def exercice():
    return Exercice("Calcul", controle_nombre, indices=["Premier indice.", "Deuxième indice.", "Troisième indice."],
                    solution="x = 0.123456", message_correct="Bravo.")


# --------------------------------------------------------------------------
# Exercice.verifier
# --------------------------------------------------------------------------

def test_verifier_bonne_reponse(exercice, capsys):
    assert exercice.etat is None
    assert exercice.verifier(0.123456) == True
    assert exercice.etat == CORRECT
    assert capsys.readouterr().out == "✅ Correct ! Bravo.\n"


def test_verifier_bonne_reponse_sans_message():
    q = Exercice("Q", controle_nombre)
    assert q.verifier(ATTENDU)


def test_verifier_mauvaise_reponse(exercice, capsys):
    assert exercice.verifier(0.5) == False
    assert exercice.etat == INCORRECT
    sortie = capsys.readouterr().out
    assert sortie.startswith("❌ Pas encore : Le résultat ne convient pas : la valeur 0.5 est trop grande.")
    _sans_fuite(sortie, ATTENDU)
    assert exercice.verifier(-1) == False
    sortie = capsys.readouterr().out
    assert "trop petite" in sortie
    _sans_fuite(sortie, ATTENDU)


@pytest.mark.parametrize("vide", [..., None], ids=repr)
def test_verifier_sans_reponse(exercice, capsys, vide):
    assert exercice.verifier(vide) == False
    assert exercice.etat == VIDE
    sortie = capsys.readouterr().out
    assert "Pas encore de réponse" in sortie and "« ... »" in sortie


@pytest.mark.parametrize("erreur", [KeyError("clé"), ZeroDivisionError("division by zero"),
                                    AttributeError("'list' object has no attribute 'shape'"),
                                    RuntimeError("boum")], ids=lambda e: type(e).__name__)
def test_verifier_controle_qui_plante(capsys, erreur):
    def controle(x):
        raise erreur

    q = Exercice("Q", controle)
    assert q.verifier(1) == False  # ne lève pas
    assert q.etat == INCORRECT
    sortie = capsys.readouterr().out
    assert "❌ Votre réponse n'a pas pu être vérifiée" in sortie
    assert type(erreur).__name__ in sortie
    assert "Vérifiez son type et sa taille" in sortie


def test_verifier_mauvais_type_ne_plante_pas(exercice, capsys):
    for reponse in ("0.123456", [0.123456], {"x": 1}, object()):
        assert exercice.verifier(reponse) == False
        assert exercice.etat == INCORRECT
        assert "doit être un nombre" in capsys.readouterr().out


def test_verifier_transmet_arguments_et_options():
    recus = []
    q = Exercice("Q", lambda *a, **k: recus.append((a, k)))
    assert q.verifier(1, 2, mode="x")
    assert recus == [((1, 2), {"mode": "x"})]


def test_etat_suit_la_derniere_verification(exercice):
    exercice.verifier(0.5)
    assert exercice.etat == INCORRECT
    exercice.verifier(...)
    assert exercice.etat == VIDE
    exercice.verifier(ATTENDU)
    assert exercice.etat == CORRECT


def test_controle_non_appelable():
    with pytest.raises(TypeError, match="controle doit être une fonction"):
        Exercice("Q", "pas une fonction")


def test_repr(exercice):
    assert repr(exercice) == "<Exercice « Calcul »>"


# --------------------------------------------------------------------------
# Indices, solution
# --------------------------------------------------------------------------

def test_indices_un_par_un(exercice, capsys):
    for _ in range(5):
        exercice.indice()
    lignes = capsys.readouterr().out.splitlines()
    assert lignes == [
        "💡 Indice 1/3 : Premier indice.",
        "💡 Indice 2/3 : Deuxième indice.",
        "💡 Indice 3/3 : Troisième indice.",
        PLUS_RIEN,  # au bout des indices, on le dit au lieu de répéter « Indice 3/3 »
        PLUS_RIEN,
    ]


PLUS_RIEN = ("Il n'y a pas d'autre indice : vous avez vu les 3 indices de cet exercice. "
             "Revoyez-les avec indice(1) à indice(3), ou affichez la solution avec solution().")


@pytest.mark.parametrize("indices, attendu", [
    (["Un.", "Deux."], "Il n'y a pas d'autre indice : vous avez vu les 2 indices de cet exercice. "
                       "Revoyez-les avec indice(1) et indice(2), ou affichez la solution avec solution()."),
    (["Un."], "Il n'y a pas d'autre indice : vous avez vu l'unique indice de cet exercice. "
              "Revoyez-le avec indice(1), ou affichez la solution avec solution()."),
], ids=["deux", "un"])
def test_troisieme_appel_d_indice_sans_repetition(capsys, indices, attendu):
    """Issue 17 : au 3e appel avec 2 indices, « pas d'autre indice », et jamais « Indice 2/2 » répété."""
    q = Exercice("Q", controle_nombre, indices=indices)
    for _ in range(3):
        q.indice()
    lignes = capsys.readouterr().out.splitlines()
    assert lignes[len(indices)] == attendu
    assert len([ligne for ligne in lignes if ligne.startswith(f"💡 Indice {len(indices)}/")]) == 1
    q.indice(len(indices))  # on peut toujours revoir un indice par son numéro
    assert capsys.readouterr().out.startswith(f"💡 Indice {len(indices)}/{len(indices)} :")


def test_indice_numerote(exercice, capsys):
    exercice.indice(2)
    exercice.indice(1)
    assert capsys.readouterr().out.splitlines() == ["💡 Indice 2/3 : Deuxième indice.",
                                                    "💡 Indice 1/3 : Premier indice."]
    # demander un indice par son numéro ne fait pas avancer la suite
    exercice.indice()
    assert capsys.readouterr().out == "💡 Indice 1/3 : Premier indice.\n"


@pytest.mark.parametrize("numero", [0, 4, -1, "2", 1.0], ids=repr)
def test_indice_numero_invalide(exercice, capsys, numero):
    exercice.indice(numero)
    assert capsys.readouterr().out == "Il y a 3 indices, numérotés de 1 à 3.\n"


def test_indice_numero_invalide_un_seul_indice(capsys):
    Exercice("Q", controle_nombre, indices="Seul.").indice(2)
    assert capsys.readouterr().out == "Il n'y a qu'un indice : indice(1).\n"


def test_sans_indice(capsys):
    Exercice("Q", controle_nombre).indice()
    assert capsys.readouterr().out == "Pas d'indice pour cet exercice.\n"


def test_indice_unique_donne_en_chaine(capsys):
    Exercice("Q", controle_nombre, indices="Un seul indice.").indice()
    assert capsys.readouterr().out == "💡 Indice 1/1 : Un seul indice.\n"


def test_solution(exercice, capsys):
    exercice.solution()
    assert capsys.readouterr().out == "📖 Solution :\nx = 0.123456\n"


def test_solution_affichee_comme_du_code_dans_jupyter(monkeypatch):
    """Issue 10 §7 : la solution est un bloc <pre> (l'indentation survit au HTML), pas des <br> dans un <span>."""
    affiches = []
    monkeypatch.setattr(IPython, "get_ipython", lambda: object())
    monkeypatch.setattr(IPython.display, "display", lambda obj, raw=False: affiches.append(obj))
    code = "def f(x):\n    if x < 0:\n        return -x\n    return x"
    Exercice("Q", controle_nombre, solution=code).solution()
    (objet,) = affiches
    assert objet["text/plain"] == f"📖 Solution :\n{code}"
    html_ = objet["text/html"]
    bloc = re.search(r"<pre[^>]*>(.*)</pre>", html_, re.DOTALL)
    assert bloc, html_
    assert "white-space: pre" in bloc.group(0)
    assert "<br>" not in bloc.group(1)
    texte = html.unescape(re.sub(r"<[^>]+>", "", bloc.group(1)))
    assert texte == code  # indentation et retours à la ligne intacts
    assert "&lt; 0" in bloc.group(1)  # le code est échappé


def test_affichage_html_dans_jupyter(monkeypatch, exercice):
    affiches = []
    monkeypatch.setattr(IPython, "get_ipython", lambda: object())
    monkeypatch.setattr(IPython.display, "display", lambda obj, raw=False: affiches.append((obj, raw)))
    q = Exercice("Q", lambda x: (_ for _ in ()).throw(Incorrect("a < b\net c")))
    assert q.verifier(1) == False
    (objet, brut), = affiches
    assert brut is True
    assert objet["text/plain"] == "❌ Pas encore : a < b\net c"
    assert "a &lt; b<br>et c" in objet["text/html"]
    assert "<b\n" not in objet["text/html"]


# --------------------------------------------------------------------------
# bilan
# --------------------------------------------------------------------------

def test_bilan(capsys):
    q1, q2, q3, q4 = (Exercice(f"Question {i}", controle_nombre) for i in range(1, 5))
    q1.verifier(ATTENDU)
    q2.verifier(7)
    q3.verifier(...)
    capsys.readouterr()
    assert bilan(q1, q2, q3, q4) == 1
    assert capsys.readouterr().out.splitlines() == [
        "✅ Question 1 : correct",
        "❌ Question 2 : à reprendre",
        "✏️ Question 3 : pas encore de réponse",
        "⬜ Question 4 : non vérifié",
    ]
    q2.verifier(ATTENDU)
    assert bilan(q1, q2, q3, q4) == 2
    assert bilan() == 0


# --------------------------------------------------------------------------
# comparer_nombre
# --------------------------------------------------------------------------

@pytest.mark.parametrize("reponse", [0.1 + 0.2, 0.3, 0.3 + 1e-8, np.float32(0.3), np.float64(0.3), np.array([0.3]),
                                     np.array(0.3)], ids=repr)
def test_comparer_nombre_accepte(reponse):
    comparer_nombre(reponse, 0.3)


def test_comparer_nombre_entiers():
    comparer_nombre(4, 4)
    comparer_nombre(np.int64(4), 4.0)
    with pytest.raises(Incorrect):
        comparer_nombre(5, 4)


def test_comparer_nombre_tolerance():
    with pytest.raises(Incorrect, match="trop grande"):
        comparer_nombre(0.31, 0.3)
    comparer_nombre(0.31, 0.3, tolerance=0.05)
    with pytest.raises(Incorrect, match="trop petite"):
        comparer_nombre(0.2, 0.3, tolerance=0.05)
    # tolérance relative pour les grands nombres
    comparer_nombre(1e9 + 100, 1e9)
    with pytest.raises(Incorrect):
        comparer_nombre(1e9 + 1e4, 1e9)


@pytest.mark.parametrize("reponse, type_", [("0.3", "str"), ([0.3], "list"), ((0.3,), "tuple"), (True, "bool"),
                                            ({"x": 0.3}, "dict")], ids=repr)
def test_comparer_nombre_mauvais_type(reponse, type_):
    with pytest.raises(Incorrect) as erreur:
        comparer_nombre(reponse, ATTENDU, "le poids")
    message = str(erreur.value)
    assert message == f"Le poids doit être un nombre ; vous avez donné un objet de type {type_}."
    _sans_fuite(message, ATTENDU)


@pytest.mark.parametrize("reponse", [float("nan"), float("inf"), -math.inf, np.float32("nan"), np.array([np.nan])],
                         ids=repr)
def test_comparer_nombre_non_fini(reponse):
    with pytest.raises(Incorrect, match="ce n'est pas un nombre fini"):
        comparer_nombre(reponse, ATTENDU)


@pytest.mark.parametrize("forme", [(2,), (1, 2), (0,), (3, 3)])
def test_comparer_nombre_tableau_trop_grand(forme):
    with pytest.raises(Incorrect) as erreur:
        comparer_nombre(np.full(forme, ATTENDU), ATTENDU)
    message = str(erreur.value)
    assert message == f"La réponse doit être un seul nombre ; vous avez donné un tableau de taille {forme}."
    _sans_fuite(message, ATTENDU)


@pytest.mark.parametrize("vide", [..., None], ids=repr)
def test_comparer_nombre_vide(vide):
    with pytest.raises(PasDeReponse):
        comparer_nombre(vide, ATTENDU)


@pytest.mark.parametrize("reponse", [0.0, 1.0, 0.12, 0.13, -0.5, 123456.0])
def test_comparer_nombre_ne_revele_pas_la_reponse(reponse):
    with pytest.raises(Incorrect) as erreur:
        comparer_nombre(reponse, ATTENDU)
    _sans_fuite(str(erreur.value), ATTENDU)


# --------------------------------------------------------------------------
# comparer_tableau
# --------------------------------------------------------------------------

ATTENDU_TABLEAU = np.array([[0.25, -1.5, 3.75], [2.125, 0.0, -7.5]])


def test_comparer_tableau_accepte():
    comparer_tableau(ATTENDU_TABLEAU.tolist(), ATTENDU_TABLEAU)
    comparer_tableau(ATTENDU_TABLEAU + 1e-9, ATTENDU_TABLEAU)
    comparer_tableau(ATTENDU_TABLEAU.astype("float32"), ATTENDU_TABLEAU)
    comparer_tableau([1, 2], [1.0, 2.0])
    comparer_tableau(ATTENDU_TABLEAU + 0.01, ATTENDU_TABLEAU, tolerance=0.05)


def test_comparer_tableau_forme():
    with pytest.raises(Incorrect) as erreur:
        comparer_tableau(ATTENDU_TABLEAU.T, ATTENDU_TABLEAU, "la matrice des poids")
    assert str(erreur.value) == "La matrice des poids a la taille (3, 2) ; la taille attendue est (2, 3)."
    with pytest.raises(Incorrect, match=r"a la taille \(6,\) ; la taille attendue est \(2, 3\)"):
        comparer_tableau(ATTENDU_TABLEAU.ravel(), ATTENDU_TABLEAU)


def test_comparer_tableau_valeurs():
    faux = ATTENDU_TABLEAU.copy()
    faux[0, 1] = 99.0
    faux[1, 2] = -99.0
    with pytest.raises(Incorrect) as erreur:
        comparer_tableau(faux, ATTENDU_TABLEAU)
    message = str(erreur.value)
    assert message == "La réponse a la bonne taille, mais 2 valeurs sur 6 ne conviennent pas."
    faux[1, 2] = ATTENDU_TABLEAU[1, 2]
    with pytest.raises(Incorrect) as erreur:
        comparer_tableau(faux, ATTENDU_TABLEAU)
    assert str(erreur.value) == "La réponse a la bonne taille, mais 1 valeur sur 6 ne convient pas."
    for v in ATTENDU_TABLEAU.ravel():
        if v not in (0.0,):
            _sans_fuite(message, float(v))


@pytest.mark.parametrize("mauvais", [np.nan, np.inf, -np.inf], ids=repr)
def test_comparer_tableau_nan(mauvais):
    r = ATTENDU_TABLEAU.copy()
    r[1, 1] = mauvais
    with pytest.raises(Incorrect, match=r"contient des valeurs infinies ou non définies \(nan\)"):
        comparer_tableau(r, ATTENDU_TABLEAU)


@pytest.mark.parametrize("mauvais", ["abc", [["a", "b"]], [[1, 2], [3]], {"a": 1}], ids=repr)
def test_comparer_tableau_non_numerique(mauvais):
    with pytest.raises(Incorrect, match="doit être une liste ou un tableau de nombres"):
        comparer_tableau(mauvais, [[1.0, 2.0]])


@pytest.mark.parametrize("vide", [..., None], ids=repr)
def test_comparer_tableau_vide(vide):
    with pytest.raises(PasDeReponse):
        comparer_tableau(vide, ATTENDU_TABLEAU)


# --------------------------------------------------------------------------
# appeler
# --------------------------------------------------------------------------

def test_appeler_renvoie_le_resultat():
    assert appeler(abs, -3) == 3
    assert appeler(lambda a, b: a * b, 2, 5) == 10
    assert appeler(lambda: 0) == 0  # 0 n'est pas une réponse vide


def test_appeler_fonction_qui_plante():
    def f(x, y):
        return x / y

    with pytest.raises(Incorrect) as erreur:
        appeler(f, 1, 0, nom="division")
    assert str(erreur.value) == ("L'appel de division(x, y) provoque une erreur : "
                                 "ZeroDivisionError : division by zero (avec x = 1, y = 0).")
    assert erreur.value.__cause__ is None and erreur.value.__suppress_context__


def test_appeler_montre_noms_et_tailles_pas_les_valeurs():
    """Issue 10 §2 : un tableau passé à la fonction n'est pas recopié dans le message (60 lignes au ch10)."""
    X_train = np.arange(3000.0).reshape(1000, 3) + 0.123456
    X_test = np.ones((50, 3))

    def standardiser(X_train, X_test):
        raise ValueError("boum")

    with pytest.raises(Incorrect) as erreur:
        appeler(standardiser, X_train, X_test, nom="standardiser")
    message = str(erreur.value)
    assert message == ("L'appel de standardiser(X_train, X_test) provoque une erreur : ValueError : boum "
                       "(avec X_train = un tableau de taille (1000, 3), X_test = un tableau de taille (50, 3)).")
    assert "0.123" not in message and "\n" not in message


def test_appeler_decrit_chaque_sorte_d_argument():
    def f(*args):
        raise KeyError("k")

    with pytest.raises(Incorrect) as erreur:
        appeler(f, [1, 2, 3], (1,), {"a": 1}, "court", "x" * 100, abs, True, 2.5, None)
    message = str(erreur.value)
    for morceau in ("args[0] = une liste de 3 éléments", "args[1] = un n-uplet de 1 élément",
                    "args[2] = un dictionnaire de 1 clé", "args[3] = 'court'", "un texte de 100 caractères",
                    "args[5] = la fonction abs", "args[6] = True", "args[7] = 2.5", "args[8] = None"):
        assert morceau in message, (morceau, message)
    assert "xxxxxxxx" not in message and "0x" not in message


def test_appeler_fonction_integree_sans_signature():
    with pytest.raises(Incorrect, match=r"^L'appel de max\(argument 1\) provoque une erreur : TypeError : .* "
                                        r"\(avec argument 1 = 3\)\.$"):
        appeler(max, 3)


def test_appeler_message_d_erreur_trop_long_coupe():
    def f(x):
        raise ValueError("a" * 5000)

    with pytest.raises(Incorrect) as erreur:
        appeler(f, 1)
    assert len(str(erreur.value)) < 500 and "[…]" in str(erreur.value)


def test_appeler_arguments_tableau():
    with pytest.raises(Incorrect, match=r"L'appel de votre fonction\(t\) provoque une erreur : KeyError : .*1.* "
                                        r"\(avec t = un tableau de taille \(2,\)\)\."):
        appeler(lambda t: {}[t[0]], np.array([1, 2]))


def test_appeler_mauvais_nombre_de_parametres():
    def carre(x, y):
        return x * y

    with pytest.raises(Incorrect) as erreur:
        appeler(carre, 3, nom="carre")
    assert str(erreur.value) == ("L'appel de carre provoque une erreur : TypeError : votre fonction carre doit "
                                 "accepter 1 argument, or ses paramètres sont (x, y). Vérifiez sa ligne « def ».")


def test_appeler_resultat_points_de_suspension():
    with pytest.raises(PasDeReponse):
        appeler(lambda x: ..., 1)


def carre_avec_print(x):
    print(x * x)


def carre_squelette_return(x):
    return ...  # À compléter


def carre_squelette_instruction(x):
    ...  # À compléter


def carre_squelette_pass(x):
    """Une docstring."""
    pass


def carre_commence(x):
    y = ...  # À compléter
    print(y)


def carre_avec_ellipsis_numpy(x):
    print(np.asarray(x)[..., 0])


def carre_oubli_dans_une_branche(x):
    if x > 0:
        return x * x


@pytest.mark.parametrize("fonction", [carre_avec_print, carre_avec_ellipsis_numpy, carre_oubli_dans_une_branche,
                                      lambda x: print(x)], ids=lambda f: f.__name__)
def test_appeler_fonction_qui_ne_renvoie_rien(fonction, capsys):
    """Issue 10 §2 : print au lieu de return → « ne renvoie rien », « return » oublié ?"""
    with pytest.raises(ex.RienRenvoye) as erreur:
        appeler(fonction, np.array([[-3.0]]), nom="carre")
    message = str(erreur.value)
    assert message.startswith("Votre fonction carre ne renvoie rien (son résultat est None).")
    assert "oublié « return »" in message and "print" in message
    assert isinstance(erreur.value, Incorrect)


@pytest.mark.parametrize("fonction", [carre_squelette_return, carre_squelette_instruction, carre_squelette_pass,
                                      carre_commence], ids=lambda f: f.__name__)
def test_appeler_squelette_est_pas_de_reponse(fonction, capsys):
    with pytest.raises(PasDeReponse):
        appeler(fonction, 2)


def test_appeler_squelette_sans_source():
    """Une fonction définie par exec (pas de source lisible) : on se fie à son code compilé."""
    espace = {}
    exec("def f(x):\n    ...\ndef g(x):\n    print(x)\n", espace)
    with pytest.raises(PasDeReponse):
        appeler(espace["f"], 1)
    with pytest.raises(ex.RienRenvoye, match="Votre fonction g ne renvoie rien"):
        appeler(espace["g"], 1)


def test_appeler_not_implemented_est_vide():
    def f(x):
        raise NotImplementedError

    with pytest.raises(PasDeReponse):
        appeler(f, 1)


@pytest.mark.parametrize("vide", [..., None], ids=repr)
def test_appeler_fonction_vide(vide):
    with pytest.raises(PasDeReponse):
        appeler(vide, 1)


@pytest.mark.parametrize("objet, type_", [(3, "int"), ("f", "str"), ([abs], "list")], ids=repr)
def test_appeler_pas_une_fonction(objet, type_):
    with pytest.raises(Incorrect) as erreur:
        appeler(objet, 1)
    assert str(erreur.value) == f"On attend une fonction ; vous avez donné un objet de type {type_}."


def test_exercice_avec_appeler(capsys):
    def controle(f):
        comparer_nombre(appeler(f, 2, nom="carre"), 4, "carre(2)")

    q = Exercice("Carré", controle)
    assert q.verifier(lambda x: x * x)
    assert not q.verifier(lambda x: x + 3)
    # le nom de la fonction n'est pas mis en majuscule (« carre(2) », pas « Carre(2) »)
    assert "❌ Pas encore : carre(2) ne convient pas : la valeur 5 est trop grande." in capsys.readouterr().out

    def pas_fait(x):
        raise NotImplementedError

    assert not q.verifier(pas_fait)
    assert q.etat == VIDE
    assert not q.verifier(carre_squelette_instruction)
    assert q.etat == VIDE
    capsys.readouterr()
    assert not q.verifier(carre_avec_print)
    assert q.etat == INCORRECT
    sortie = capsys.readouterr().out
    assert "Votre fonction carre ne renvoie rien" in sortie and "Pas encore de réponse" not in sortie
    assert not q.verifier(lambda x: [][x])
    assert q.etat == INCORRECT
    assert "provoque une erreur : IndexError" in capsys.readouterr().out


def test_verifier_detecte_une_fonction_sans_return_appelee_directement(capsys):
    """Un contrôle qui appelle la fonction sans passer par appeler : None → PasDeReponse → « ne renvoie rien »."""
    def controle(f):
        comparer_nombre(f(2), 4, "f(2)")

    q = Exercice("Carré", controle)
    assert not q.verifier(carre_avec_print)
    assert q.etat == INCORRECT
    assert "Votre fonction carre_avec_print ne renvoie rien" in capsys.readouterr().out
    assert not q.verifier(carre_squelette_instruction)
    assert q.etat == VIDE


def test_verifier_mauvais_nombre_de_reponses_sans_nom_interne(capsys):
    """Issue 10 §2 : pas de « _controle_q4() takes 1 positional argument » dans le message."""
    def _controle_q4(nombre=...):
        comparer_nombre(nombre, 301, "le nombre de poids")

    def _controle_q1(coeff, biais):
        pass

    q4, q1 = Exercice("Q4", _controle_q4), Exercice("Q1", _controle_q1)
    assert not q4.verifier(1, 2)
    assert q4.etat == INCORRECT
    assert capsys.readouterr().out == ("❌ Cet exercice attend une seule réponse : verifier(nombre) ; "
                                       "vous en avez donné 2.\n")
    assert not q1.verifier()
    assert capsys.readouterr().out == ("❌ Cet exercice attend 2 réponses : verifier(coeff, biais) ; "
                                       "vous n'en avez donné aucune.\n")
    assert not q4.verifier(3, tolerance=1)
    assert "l'option tolerance n'existe pas" in capsys.readouterr().out
    assert q4.verifier(301)


def test_verifier_ne_montre_ni_adresse_ni_nom_interne(capsys):
    def f(x):
        return x

    def controle(g):
        raise Incorrect(f"vous avez donné {g!r} et {object()!r}")

    def controle_qui_plante(g):
        def _aide():
            raise TypeError(f"{_aide.__name__}() got {g!r}")
        _aide()

    for controle_ in (controle, controle_qui_plante):
        Exercice("Q", controle_).verifier(f)
        sortie = capsys.readouterr().out
        assert "0x" not in sortie and "<function" not in sortie and "_aide()" not in sortie, sortie
        assert "❌" in sortie


# --------------------------------------------------------------------------
# nombre : le seul convertisseur (issue 11 §4)
# --------------------------------------------------------------------------

@pytest.mark.parametrize("reponse, attendu", [
    (2, 2.0), (2.5, 2.5), (np.float32(2.5), 2.5), (np.int64(3), 3.0), (np.uint8(3), 3.0),
    (np.array(2.0), 2.0), (np.array([2.0]), 2.0), (np.array([[2.0]]), 2.0), (np.array(3, dtype=np.int32), 3.0),
], ids=repr)
def test_nombre_accepte(reponse, attendu):
    valeur = ex.nombre(reponse)
    assert type(valeur) is float and valeur == attendu


def test_nombre_fraction_et_tenseurs():
    from fractions import Fraction

    assert ex.nombre(Fraction(3, 4)) == 0.75

    class Tenseur:  # comme un tenseur PyTorch ou TensorFlow : shape et __array__
        def __init__(self, valeurs):
            self.valeurs = np.asarray(valeurs)
            self.shape = self.valeurs.shape

        def __array__(self, dtype=None, copy=None):
            return self.valeurs

    assert ex.nombre(Tenseur([[1.5]])) == 1.5
    with pytest.raises(Incorrect, match=r"un seul nombre ; vous avez donné un tableau de taille \(2,\)"):
        ex.nombre(Tenseur([1.0, 2.0]))


@pytest.mark.parametrize("reponse, fin", [
    ("2", "doit être un nombre ; vous avez donné un objet de type str."),
    (b"2", "doit être un nombre ; vous avez donné un objet de type bytes."),
    (True, "doit être un nombre ; vous avez donné un objet de type bool."),
    (np.bool_(True), f"doit être un nombre ; vous avez donné un objet de type {type(np.bool_(True)).__name__}."),
    ([2.0], "doit être un nombre ; vous avez donné un objet de type list."),
    ((2.0,), "doit être un nombre ; vous avez donné un objet de type tuple."),
    (1 + 2j, "doit être un nombre réel ; vous avez donné un nombre complexe."),
    (np.complex128(1), "doit être un nombre réel ; vous avez donné un nombre complexe."),
    (np.array(True), "doit être un nombre réel ; votre tableau contient un booléen."),
    (np.array([1 + 1j]), "doit être un nombre réel ; votre tableau contient un nombre complexe."),
    (np.array("2"), "doit être un nombre réel ; votre tableau contient des valeurs de type <U1."),
    (np.array([1.0, 2.0]), "doit être un seul nombre ; vous avez donné un tableau de taille (2,)."),
    (np.zeros((0,)), "doit être un seul nombre ; vous avez donné un tableau de taille (0,)."),
    (float("nan"), "vaut nan : ce n'est pas un nombre fini."),
    (np.array([np.inf]), "vaut inf : ce n'est pas un nombre fini."),
], ids=repr)
def test_nombre_refuse(reponse, fin):
    with pytest.raises(Incorrect) as erreur:
        ex.nombre(reponse, "x_min")
    message = str(erreur.value)
    assert message.startswith("x_min ") and message.endswith(fin), message


@pytest.mark.parametrize("vide", [..., None], ids=repr)
def test_nombre_vide(vide):
    with pytest.raises(PasDeReponse):
        ex.nombre(vide)


def test_un_seul_convertisseur():
    """ch01 et ch06 n'ont plus leur propre _nombre : c'est celui du noyau."""
    from helpers.exercices import ch01, ch06

    assert ch01._nombre is ex.nombre
    assert ch06._nombre is ex.nombre


# --------------------------------------------------------------------------
# Français : majuscule sans altérer les noms, accords
# --------------------------------------------------------------------------

@pytest.mark.parametrize("texte, attendu", [
    ("la réponse", "La réponse"), ("l'approximation", "L'approximation"), ("le poids w", "Le poids w"),
    ("votre fonction", "Votre fonction"), ("ce que renvoie f", "Ce que renvoie f"), ("d'abord", "D'abord"),
    ("Y1", "Y1"), ("X_min", "X_min"), ("x_min", "x_min"), ("df(0.5)", "df(0.5)"), ("carre(2)", "carre(2)"),
    ("∂F/∂a", "∂F/∂a"), ("a et b", "a et b"), ("f'(x)", "f'(x)"), ("", ""), ("La Forme", "La Forme"),
])
def test_majuscule(texte, attendu):
    assert ex.majuscule(texte) == attendu


@pytest.mark.parametrize("nom", ["Y1", "X_min", "y_min", "nombre_poids(3)"])
def test_les_noms_de_variables_ne_sont_pas_alteres(nom):
    for appel in (lambda: comparer_nombre(5.0, 1.0, nom), lambda: comparer_tableau([1.0], [2.0], nom),
                  lambda: ex.nombre("5", nom), lambda: ex.vecteur([1], 2, nom)):
        with pytest.raises(Incorrect) as erreur:
            appel()
        assert str(erreur.value).startswith(nom + " "), str(erreur.value)


def test_accords():
    assert ex.compter(1, "valeur") == "1 valeur" and ex.compter(2, "valeur") == "2 valeurs"
    assert ex.compter(np.int64(0), "indice") == "0 indice"
    assert ex.enumerer(["a", "b", "c"]) == "a, b et c"
    assert ex.ne_conviennent_pas(["∂f/∂x"], "la composante", "les composantes") == (
        "la composante ∂f/∂x ne convient pas")
    assert ex.ne_conviennent_pas(["∂f/∂x", "∂f/∂y"], "la composante", "les composantes") == (
        "les composantes ∂f/∂x et ∂f/∂y ne conviennent pas")
    with pytest.raises(TypeError):
        ex.compter(1.5, "valeur")
    with pytest.raises(ValueError):
        ex.enumerer([])
    with pytest.raises(TypeError):
        ex.majuscule(3)


# --------------------------------------------------------------------------
# bilan : aucun 0 ou 1 parasite sous la cellule (issue 17)
# --------------------------------------------------------------------------

def test_bilan_ne_s_affiche_pas_comme_valeur_de_cellule(capsys):
    from IPython.core.formatters import DisplayFormatter

    q = Exercice("Q", controle_nombre)
    q.verifier(ATTENDU)
    resultat = bilan(q, Exercice("R", controle_nombre))
    assert resultat == 1 and isinstance(resultat, int) and resultat + 1 == 2
    assert resultat == len([q])  # comme la dernière cellule des chapitres
    assert DisplayFormatter().format(resultat) == ({}, {})  # IPython n'affiche rien pour ce résultat
    assert DisplayFormatter().format(1) != ({}, {})


def test_bilan_solution_et_verdict_dans_un_vrai_noyau():
    """Dans un noyau Jupyter : ``bilan(...)`` en fin de cellule n'a pas de sortie « execute_result »
    (pas de 0 ou de 1 parasite), ``verifier`` non plus, et ``solution()`` s'affiche dans un bloc <pre>."""
    nbclient = pytest.importorskip("nbclient")
    import nbformat

    cellules = [
        "from helpers.exercices import Exercice, bilan\n"
        "q = Exercice('Exemple', lambda x: None, solution='def f(x):\\n    return x')",
        "bilan(q)",
        "q.verifier(1)",
        "bilan(q)",
        "assert bilan(q) == len([q])",
        "q.solution()",
    ]
    cahier = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in cellules])
    environnement = {"PYTHONPATH": str(RACINE)}
    nbclient.NotebookClient(cahier, timeout=120, kernel_name="python3",
                            resources={"metadata": {"path": str(RACINE)}}).execute(env=environnement)
    sorties = [cellule.outputs for cellule in cahier.cells]
    assert all(s.output_type != "error" for sortie in sorties for s in sortie), sorties
    for rang in (1, 2, 3, 4):
        assert not [s for s in sorties[rang] if s.output_type == "execute_result"], (cellules[rang], sorties[rang])
    assert sorties[1][0].text == "⬜ Exemple : non vérifié\n"
    assert sorties[3][0].text == "✅ Exemple : correct\n"
    (solution,) = sorties[5]
    assert "<pre" in solution.data["text/html"] and "    return x" in solution.data["text/html"]


def test_est_vide():
    assert est_vide(...) and est_vide(None)
    assert not any(est_vide(v) for v in (0, "", [], False, np.array([])))


def test_exports():
    for nom in ex.__all__:
        assert hasattr(ex, nom)


def test_tolerance_par_defaut_des_comparaisons():
    """La tolérance par défaut est 1e-6 (relative ou absolue) : un écart de 1e-5 est refusé (issue 11 §5)."""
    with pytest.raises(Incorrect):
        comparer_tableau(ATTENDU_TABLEAU + 1e-5, ATTENDU_TABLEAU)
    with pytest.raises(Incorrect):
        comparer_tableau(ATTENDU_TABLEAU * (1 + 1e-5) + 1e-5, ATTENDU_TABLEAU)
    with pytest.raises(Incorrect):
        comparer_nombre(ATTENDU + 1e-5, ATTENDU)
    comparer_tableau(ATTENDU_TABLEAU + 5e-7, ATTENDU_TABLEAU)
    comparer_nombre(ATTENDU + 5e-7, ATTENDU)


# --------------------------------------------------------------------------
# Ce que des mutations du noyau ne doivent pas pouvoir changer sans qu'un test le voie
# --------------------------------------------------------------------------

@pytest.mark.parametrize("valeur", [True, False])
def test_verdict_ne_s_affiche_pas_dans_jupyter(exercice, capsys, valeur):
    """Dans une cellule « ex.q1.verifier(x) », Jupyter n'ajoute pas « True » ou « False » sous le message."""
    from IPython.core.formatters import DisplayFormatter

    formateur = DisplayFormatter()
    verdict = exercice.verifier(0.123456 if valeur else 5.0)
    capsys.readouterr()
    assert verdict == valeur
    assert formateur.format(verdict) == ({}, {})
    assert formateur.format(valeur) == ({"text/plain": repr(valeur)}, {})  # un booléen, lui, s'afficherait


def test_comparer_tableau_tolerance_serree():
    """Un écart de 1e-4 (cent fois la tolérance) est refusé : une tolérance relâchée mille fois serait vue."""
    comparer_tableau(ATTENDU_TABLEAU + 5e-7, ATTENDU_TABLEAU)
    comparer_tableau(ATTENDU_TABLEAU * (1 + 5e-7), ATTENDU_TABLEAU)
    for decalage in (1e-4, -1e-4):
        with pytest.raises(Incorrect, match="6 valeurs sur 6"):
            comparer_tableau(ATTENDU_TABLEAU + decalage, ATTENDU_TABLEAU)
    with pytest.raises(Incorrect, match="1 valeur sur 6"):
        comparer_tableau(ATTENDU_TABLEAU * np.array([[1, 1, 1], [1, 1, 1 + 1e-4]]), ATTENDU_TABLEAU)
    # la tolérance demandée est respectée, dans les deux sens
    comparer_tableau(ATTENDU_TABLEAU + 1e-4, ATTENDU_TABLEAU, tolerance=1e-3)
    with pytest.raises(Incorrect):
        comparer_tableau(ATTENDU_TABLEAU + 1e-2, ATTENDU_TABLEAU, tolerance=1e-3)


def test_comparer_nombre_tolerance_serree():
    comparer_nombre(2.5 + 1e-7, 2.5)
    with pytest.raises(Incorrect, match="trop grande"):
        comparer_nombre(2.5 + 1e-4, 2.5)
    with pytest.raises(Incorrect, match="trop petite"):
        comparer_nombre(2.5 - 1e-4, 2.5)
