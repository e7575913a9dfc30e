"""Les contrôles des exercices du chapitre 05 acceptent les bonnes réponses et expliquent les mauvaises."""
import numpy as np
import pytest

from helpers.exercices import ch05 as ex


def _perceptron_juste(x, y, a, b, c):
    return 1 if a * x + b * y + c >= 0 else 0


def _perceptron_strict(x, y, a, b, c):  # oublie la convention H(0) = 1
    return 1 if a * x + b * y + c > 0 else 0


def _perceptron_plante(x, y, a, b, c):
    raise ZeroDivisionError("division par zéro")


def _softmax(z):
    e = np.exp(np.asarray(z) - np.max(z))
    return e / e.sum()


NLL = float(-np.log(_softmax(ex.SCORES)[ex.CLASSE]))

# (exercice, bonnes réponses, [(mauvaise réponse, extrait du message)], réponse de mauvais type)
CAS = [
    (ex.q1, [(_perceptron_juste,), (lambda x, y, a, b, c: int(a * x + b * y + c >= 0),)],
     [((_perceptron_strict,), "H(0) = 1"), ((_perceptron_plante,), "ZeroDivisionError"),
      ((lambda x, y, a, b, c: 1,), "ne convient pas"),
      ((lambda x, y, a, b, c: "1" if a * x + b * y + c >= 0 else "0",), "texte"),
      ((lambda x, y, a, b, c: a * x + b * y + c >= 0,), "booléen"),
      ((lambda x, y, a, b, c: np.bool_(a * x + b * y + c >= 0),), "booléen")],
     (42,)),
    (ex.q2, [([1, 1, -4],), ([2, 2, -7],)],
     [(([-1, -1, 4],), "orientation"), (([1, 1, -2],), "rond(s)"), (([0, 0, 1],), "a = b = 0")],
     ({"a": 1},)),
    (ex.q3, [("b",), (" B) ",)],
     [(("a",), "nombre de points"), (("c",), "toujours 0"), (("d",), "origine"), (("e",), "seule lettre")],
     (2,)),
    (ex.q4, [([1, 1, 1, -3],), ([1, 1, 1, -2.5],), (np.array([2, 2, 2, -5.5]),)],
     [(([1, 1, 1, -2],), "biais"), (([1, 1, 1, -4],), "(1, 1, 1)"), (([1, 1, 1],), "exactement 4")],
     ("et",)),
    (ex.q5, [([[0, 0], [2, 8], [3, 21], [8, 32]],), (np.array([[0, 0], [2, 8], [3, 21], [8, 32]]),)],
     [(([[0, 0], [2, 8], [1, 1], [8, 32]],), "valeurs"), (([[0, 0, 2], [8, 3, 21]],), "(4, 2)"),
      (([[0, 2, 3, 8], [0, 8, 21, 32]],), "4 lignes")],
     ("0, 0, 2, 8",)),
    (ex.q6, [((0, 0, 2),), ([0, 1, 3],), (np.array([0.5, 0, 1]),)],
     [(((1, 0, 0),), "s1 = 1"), (((0, 0, 0),), "Y1 = 0"), (((0, 0),), "exactement 3")],
     ("x=0",)),
    (ex.q7, [("non",), (" Non. ",)],
     [(("oui",), "positives ou nulles"), (("peut-être",), "un seul mot"), ((False,), "oui")],
     (0,)),
    (ex.q8, [([[0, 1], [2, -1], [-2, -1]], [0, -2, 6]),
             ([[0, 2], [4, -2], [-4, -2], [0, 1]], [0, -4, 12, 10])],
     [(([[0, 1], [2, -1], [2, 1]], [0, -2, -6]), "sommet opposé"),
      (([[0, 1], [2, -1]], [0, -2, 6]), "biais par neurone")],
     ("triangle", [1, 2])),
    (ex.q9, [([1, -1, -1, 4, 3, 3, -3],), ([2, -2, -0.5, 2, 3, 3, -3],)],
     [(([1, -1, -1, 4, 1, 1, -1],), "hauteur"), (([1, -1, -1, 5, 3, 3, -3],), "à droite"),
      (([1, -1, -1, 4, 3, 3],), "exactement 7")],
     ("créneau",)),
    (ex.q10, [(NLL,), (np.float64(NLL),), (np.array(NLL),)],
     [((-NLL,), "signe"), ((float(_softmax(ex.SCORES)[ex.CLASSE]),), "−log"),
      ((float(-np.log(_softmax(ex.SCORES)[0])),), "classe 0"), ((1.0,), "ne convient pas"),
      ((_softmax(ex.SCORES),), "seul nombre")],
     ("1.2",)),
]


def test_liste_des_exercices():
    assert ex.EXERCICES == [ex.q1, ex.q2, ex.q3, ex.q4, ex.q5, ex.q6, ex.q7, ex.q8, ex.q9, ex.q10]
    # aucune donnée du module n'est un tableau NumPy (la comparaison « objet in EXERCICES » doit rester sûre)
    assert not any(isinstance(v, np.ndarray) for v in vars(ex).values())
    assert all(q.titre and q._indices and q._solution for q in ex.EXERCICES)


@pytest.mark.parametrize("q, bonnes, mauvaises, mauvais_type", CAS, ids=[c[0].titre for c in CAS])
def test_bonne_reponse(q, bonnes, mauvaises, mauvais_type, capsys):
    for reponse in bonnes:
        assert q.verifier(*reponse) == True
        assert q.etat == "correct"
        assert "Correct" in capsys.readouterr().out


@pytest.mark.parametrize("q, bonnes, mauvaises, mauvais_type", CAS, ids=[c[0].titre for c in CAS])
def test_mauvaise_reponse(q, bonnes, mauvaises, mauvais_type, capsys):
    for reponse, extrait in mauvaises:
        assert q.verifier(*reponse) == False
        assert q.etat == "incorrect"
        sortie = capsys.readouterr().out
        assert "Pas encore" in sortie
        assert extrait in sortie, sortie


@pytest.mark.parametrize("q, bonnes, mauvaises, mauvais_type", CAS, ids=[c[0].titre for c in CAS])
def test_reponse_vide(q, bonnes, mauvaises, mauvais_type, capsys):
    arite = len(bonnes[0])
    assert q.verifier(*([...] * arite)) == False
    assert q.etat == "vide"
    assert "Pas encore de réponse" in capsys.readouterr().out


@pytest.mark.parametrize("q, bonnes, mauvaises, mauvais_type", CAS, ids=[c[0].titre for c in CAS])
def test_mauvais_type_sans_exception(q, bonnes, mauvaises, mauvais_type, capsys):
    assert q.verifier(*mauvais_type) == False
    assert q.etat == "incorrect"
    assert capsys.readouterr().out.strip()


def test_les_messages_ne_donnent_pas_la_solution(capsys):
    ex.q4.verifier([1, 1, 1, -2])
    ex.q2.verifier([1, 1, -2])
    ex.q9.verifier([1, -1, -1, 5, 3, 3, -3])
    sortie = capsys.readouterr().out
    assert "-3" not in sortie and "−3" not in sortie
    assert "-4" not in sortie


def test_liste_avec_points_de_suspension_est_vide(capsys):
    assert ex.q4.verifier([..., ..., ..., ...]) == False
    assert ex.q4.etat == "vide"


def test_perceptron_qui_renvoie_points_de_suspension(capsys):
    assert ex.q1.verifier(lambda x, y, a, b, c: ...) == False
    assert ex.q1.etat == "vide"


def test_indices_et_solution(capsys):
    ex.q8.indice()
    ex.q8.solution()
    sortie = capsys.readouterr().out
    assert "Indice 1/3" in sortie and "Solution" in sortie


def test_reseau_xyz_sorties_et_questions_inverses():
    """Le réseau (x, y, z) → (Y1, Y2) : valeurs calculées à la main, et Y2 = 0 impose Y1 = 0."""
    assert [ex.reseau_xyz(*e)[0] for e in ex.ENTREES_XYZ] == [(0, 0), (2, 8), (3, 21), (8, 32)]
    assert ex.reseau_xyz(0, 0, 2)[0] == (1, 7)
    rng = np.random.default_rng(0)
    for x, y, z in rng.uniform(-5, 5, size=(2000, 3)):
        (Y1, Y2), _ = ex.reseau_xyz(x, y, z)
        assert Y2 >= 0 and Y1 >= 0 and (Y2 > 0 or Y1 == 0)
