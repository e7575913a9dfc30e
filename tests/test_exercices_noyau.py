"""Tests du noyau des exercices : Exercice, comparer_nombre, comparer_tableau, appeler, bilan."""
import math

import IPython
import numpy as np
import pytest

from helpers import exercices as ex
from helpers.exercices import (CORRECT, INCORRECT, VIDE, Exercice, Incorrect, PasDeReponse, appeler,
                               bilan, comparer_nombre, comparer_tableau, est_vide)

ATTENDU = 0.123456


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
    assert "Vérifiez son type et sa forme" in sortie


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
        "💡 Indice 3/3 : Troisième indice.",  # une fois au bout, le dernier indice reste affiché
        "💡 Indice 3/3 : Troisième indice.",
    ]


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
    assert capsys.readouterr().out == "Il y a 3 indice(s), numérotés de 1 à 3.\n"


def test_sans_indice(capsys):
    Exercice("Q", controle_nombre).indice()
    assert capsys.readouterr().out == "Pas d'indice pour cet exercice.\n"


def test_indice_unique_donne_en_chaine(capsys):
    Exercice("Q", controle_nombre, indices="Un seul indice.").indice()
    assert capsys.readouterr().out == "💡 Indice 1/1 : Un seul indice.\n"


def test_solution(exercice, capsys):
    exercice.solution()
    assert capsys.readouterr().out == "📖 Solution :\nx = 0.123456\n"


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
    assert message == f"La réponse doit être un seul nombre ; vous avez donné un tableau de forme {forme}."
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
    assert str(erreur.value) == "La matrice des poids a la forme (3, 2) ; la forme attendue est (2, 3)."
    with pytest.raises(Incorrect, match=r"a la forme \(6,\) ; la forme attendue est \(2, 3\)"):
        comparer_tableau(ATTENDU_TABLEAU.ravel(), ATTENDU_TABLEAU)


def test_comparer_tableau_valeurs():
    faux = ATTENDU_TABLEAU.copy()
    faux[0, 1] = 99.0
    faux[1, 2] = -99.0
    with pytest.raises(Incorrect) as erreur:
        comparer_tableau(faux, ATTENDU_TABLEAU)
    message = str(erreur.value)
    assert message == "La réponse a la bonne forme, mais 2 valeur(s) sur 6 ne conviennent pas."
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
    assert str(erreur.value) == ("L'appel de division(1, 0) provoque une erreur : "
                                 "ZeroDivisionError : division by zero")
    assert erreur.value.__cause__ is None and erreur.value.__suppress_context__


def test_appeler_arguments_tableau():
    with pytest.raises(Incorrect, match=r"L'appel de votre fonction\(array\(\[1, 2\]\)\) provoque une erreur : "
                                        r"KeyError"):
        appeler(lambda t: {}[t[0]], np.array([1, 2]))


@pytest.mark.parametrize("resultat", [None, ...], ids=repr)
def test_appeler_resultat_vide(resultat):
    with pytest.raises(PasDeReponse):
        appeler(lambda x: resultat, 1)


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
    assert "Carre(2) ne convient pas : la valeur 5 est trop grande." in capsys.readouterr().out

    def pas_fait(x):
        raise NotImplementedError

    assert not q.verifier(pas_fait)
    assert q.etat == VIDE
    assert not q.verifier(lambda x: None)
    assert q.etat == VIDE
    assert not q.verifier(lambda x: [][x])
    assert q.etat == INCORRECT
    assert "provoque une erreur : IndexError" in capsys.readouterr().out


def test_est_vide():
    assert est_vide(...) and est_vide(None)
    assert not any(est_vide(v) for v in (0, "", [], False, np.array([])))


def test_exports():
    for nom in ex.__all__:
        assert hasattr(ex, nom)


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
        with pytest.raises(Incorrect, match="6 valeur\\(s\\) sur 6 ne conviennent pas"):
            comparer_tableau(ATTENDU_TABLEAU + decalage, ATTENDU_TABLEAU)
    with pytest.raises(Incorrect, match="1 valeur\\(s\\) sur 6"):
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
