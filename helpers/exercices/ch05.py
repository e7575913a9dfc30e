"""Exercices du chapitre 5 : réseau de neurones (poids fixés à la main).

Chaque contrôle calcule lui-même ce que fait le neurone ou le réseau proposé
et compare au comportement attendu ; les messages disent ce qui ne va pas
(combien d'entrées sont mal traitées, lesquelles parfois) sans donner de poids.
"""
import math

import numpy as np

from . import Exercice, Incorrect, PasDeReponse, appeler, comparer_nombre, est_vide, vecteur

__all__ = ["q1", "q2", "q3", "q4", "q5", "q6", "EXERCICES", "RONDS", "CARRES",
           "SOMMETS_TRIANGLE", "CRENEAU", "SCORES", "CLASSE"]


def _H(t):
    """Marche de Heaviside avec H(0) = 1 (convention du livre)."""
    return np.where(np.asarray(t, dtype=float) >= 0, 1.0, 0.0)


# ---------------------------------------------------------------------------
# q1 : le perceptron « x ET y ET z »
# ---------------------------------------------------------------------------

# Les données du module sont des tuples (et non des tableaux NumPy) : on peut ainsi les comparer sans ambiguïté.
_CUBE = tuple((x, y, z) for x in (0, 1) for y in (0, 1) for z in (0, 1))


def _controle_et3(poids):
    v = vecteur(poids, 4, "La liste des poids [a, b, c, d]")
    cube = np.array(_CUBE, dtype=float)
    sorties = _H(cube @ v[:3] + v[3])
    attendu = cube.all(axis=1).astype(float)
    fautes = [tuple(int(t) for t in p) for p, s, e in zip(cube, sorties, attendu) if s != e]
    if fautes:
        faux_positifs = [p for p in fautes if p != (1, 1, 1)]
        if (1, 1, 1) in fautes:
            raise Incorrect("Pour l'entrée (1, 1, 1), votre perceptron renvoie 0 alors que « x ET y ET z » "
                            "est vrai : la somme pondérée doit y être positive ou nulle.")
        raise Incorrect(f"Votre perceptron renvoie 1 pour {len(faux_positifs)} sommet(s) du cube où "
                        f"« x ET y ET z » est faux, par exemple {faux_positifs[0]}. Le biais est-il assez négatif ?")


q1 = Exercice(
    "Perceptron « x ET y ET z »",
    _controle_et3,
    indices=["Les huit entrées sont les sommets du cube {0, 1}³ ; seul le sommet (1, 1, 1) doit donner 1.",
             "Prenez les trois coefficients égaux à 1 : la somme x + y + z vaut 3 au seul sommet (1, 1, 1) "
             "et au plus 2 ailleurs. Choisissez le biais en conséquence.",
             "Le biais doit être compris entre −3 (inclus) et −2 (exclu)."],
    solution="poids = [1, 1, 1, -3]   # ou, plus stable numériquement, [1, 1, 1, -2.5]",
)


# ---------------------------------------------------------------------------
# q2 : écrire la fonction perceptron_affine(x, y, a, b, c)
# ---------------------------------------------------------------------------

_CAS_PERCEPTRON = [
    ((4, -1, 2, 3, 0), 1), ((-3, 1, 2, 3, 0), 0), ((6, -4, 2, 3, 0), 1),   # le bord : H(0) = 1
    ((0, 1, 1, 1, -1), 1), ((0, 0, 1, 1, -1), 0), ((1.77, 75, 85, -1, -77), 0),
    ((1.67, 64, 85, -1, -77), 1), ((0.5, 0.5, -2, 1, 0.4), 0), ((2, 8, 4, -1, 0), 1),
]


def _controle_perceptron(fonction):
    if est_vide(fonction):
        raise PasDeReponse
    for arguments, attendu in _CAS_PERCEPTRON:
        resultat = appeler(fonction, *arguments, nom="perceptron_affine")
        try:
            valeur = float(np.asarray(resultat, dtype=float))
        except (TypeError, ValueError):
            raise Incorrect(f"perceptron_affine{arguments} doit renvoyer un nombre (0 ou 1) ; elle renvoie un objet "
                            f"de type {type(resultat).__name__}.") from None
        if valeur != attendu:
            x, y, a, b, c = arguments
            f = a * x + b * y + c
            if math.isclose(f, 0, abs_tol=1e-12):
                raise Incorrect(f"perceptron_affine{arguments} renvoie {valeur:g} : ici ax + by + c = 0 exactement, "
                                "et la convention du cours est H(0) = 1.")
            raise Incorrect(f"perceptron_affine{arguments} renvoie {valeur:g}, ce qui ne convient pas : calculez "
                            "d'abord la partie affine ax + by + c, puis appliquez la marche de Heaviside.")


q2 = Exercice(
    "Écrire la fonction perceptron_affine(x, y, a, b, c)",
    _controle_perceptron,
    indices=["La fonction calcule d'abord f = a·x + b·y + c.",
             "Elle renvoie ensuite 1 si f ≥ 0 (le cas f = 0 compris) et 0 sinon."],
    solution="def perceptron_affine(x, y, a, b, c):\n    f = a * x + b * y + c\n    return 1 if f >= 0 else 0",
)


# ---------------------------------------------------------------------------
# q3 : un perceptron affine qui sépare des ronds et des carrés
# ---------------------------------------------------------------------------

#: Ronds (sortie attendue 0) et carrés (sortie attendue 1) de l'exercice 3.
RONDS = ((0.5, 1.0), (1.0, 0.4), (1.5, 1.2), (0.8, 1.8), (1.9, 0.6), (0.3, 0.2), (1.2, 2.0))
CARRES = ((3.0, 2.5), (2.4, 3.1), (3.5, 3.8), (4.0, 2.2), (2.2, 2.8), (3.2, 4.0), (4.3, 3.5))


def _controle_separation(poids):
    v = vecteur(poids, 3, "Le triplet (a, b, c)")
    if v[0] == 0 and v[1] == 0:
        raise Incorrect("Avec a = b = 0, la sortie ne dépend plus du point : il n'y a plus de droite séparatrice.")
    sortie_ronds = _H(np.array(RONDS) @ v[:2] + v[2])
    sortie_carres = _H(np.array(CARRES) @ v[:2] + v[2])
    mal_ronds = int(sortie_ronds.sum())
    mal_carres = int((1 - sortie_carres).sum())
    if mal_ronds == len(RONDS) and mal_carres == len(CARRES):
        raise Incorrect("Tous les points sont du mauvais côté : votre droite est bien placée, mais l'orientation est "
                        "inversée. Changez le signe des trois poids.")
    if mal_ronds or mal_carres:
        raise Incorrect(f"{mal_ronds} rond(s) sur {len(RONDS)} reçoivent 1 et {mal_carres} carré(s) sur "
                        f"{len(CARRES)} reçoivent 0. Tracez votre droite ax + by + c = 0 avec les points pour voir où elle passe.")


q3 = Exercice(
    "Un perceptron affine qui sépare les ronds des carrés",
    _controle_separation,
    indices=["Tracez les points (ex.RONDS et ex.CARRES) : les ronds sont près de l'origine, les carrés plus loin "
             "dans la même direction. Aucune droite passant par l'origine ne convient : il faut un biais.",
             "Cherchez une droite qui passe entre les deux nuages, par exemple parallèle à la droite x + y = 0, "
             "et écrivez-la sous la forme ax + by + c = 0.",
             "Les carrés doivent donner ax + by + c ≥ 0 et les ronds une valeur strictement négative."],
    solution="poids = [1, 1, -4]   # la droite x + y = 4 passe entre les deux nuages\n"
             "# Sans biais, c'est impossible : (1,5 ; 1,2) ≈ 0,249·(4 ; 2,2) + 0,211·(2,4 ; 3,1), donc pour tout\n"
             "# perceptron linéaire f(rond) = 0,249·f(carré) + 0,211·f(carré') ≥ 0 et ce rond recevrait 1.",
)


# ---------------------------------------------------------------------------
# q4 : un réseau qui vaut 1 sur un triangle
# ---------------------------------------------------------------------------

#: Sommets du triangle de l'exercice 4.
SOMMETS_TRIANGLE = ((1.0, 0.0), (3.0, 0.0), (2.0, 2.0))


def _dans_triangle(X, Y):
    """Appartenance au triangle et distance (approchée) au bord, pour ignorer une marge autour de la frontière."""
    P = np.stack([X, Y], axis=-1)
    sommets = np.array(SOMMETS_TRIANGLE)
    distances = []
    signes = []
    for i in range(3):
        A, B, C = sommets[i], sommets[(i + 1) % 3], sommets[(i + 2) % 3]
        n = np.array([-(B - A)[1], (B - A)[0]])
        n = n / np.linalg.norm(n)
        if np.dot(C - A, n) < 0:
            n = -n
        d = (P - A) @ n
        signes.append(d >= 0)
        distances.append(np.abs(d))
    dedans = np.logical_and.reduce(signes)
    return dedans, np.min(distances, axis=0)


def _controle_triangle(W, b):
    if est_vide(W) or est_vide(b):
        raise PasDeReponse
    try:
        W = np.asarray(W, dtype=float)
        b = np.asarray(b, dtype=float)
    except (TypeError, ValueError):
        raise Incorrect("W doit être un tableau de nombres de forme (n, 2) et b un vecteur de n nombres.") from None
    if W.ndim != 2 or W.shape[1] != 2:
        raise Incorrect(f"W doit avoir une ligne (a, b) par neurone de la première couche, donc la forme (n, 2) ; "
                        f"reçu {W.shape}.")
    if b.shape != (W.shape[0],):
        raise Incorrect(f"b doit contenir un biais par neurone, soit {W.shape[0]} nombres ; reçu la forme {b.shape}.")
    if not (np.all(np.isfinite(W)) and np.all(np.isfinite(b))):
        raise Incorrect("W ou b contient une valeur infinie ou non définie (nan).")
    n = W.shape[0]
    X, Y = np.meshgrid(np.linspace(-1, 5, 121), np.linspace(-1.5, 3.5, 101))
    dedans, distance = _dans_triangle(X, Y)
    S = _H(np.einsum("ij,...j->...i", W, np.stack([X, Y], axis=-1)) + b)
    F = _H(S.sum(axis=-1) - n)
    loin = distance > 0.05
    rates = int(np.sum(loin & dedans & (F == 0)))
    en_trop = int(np.sum(loin & ~dedans & (F == 1)))
    if rates or en_trop:
        raise Incorrect(f"Sur une grille de test, votre réseau vaut 0 en {rates} point(s) intérieur(s) au triangle "
                        f"et 1 en {en_trop} point(s) extérieur(s). Vérifiez chaque demi-plan : le sommet opposé "
                        "à un côté doit donner une valeur positive au neurone de ce côté.")


q4 = Exercice(
    "Un réseau qui vaut 1 sur un triangle",
    _controle_triangle,
    indices=["Un triangle est l'intersection de trois demi-plans : un neurone par côté.",
             "Pour le côté qui joint deux sommets, écrivez l'équation ax + by + c = 0 de la droite, puis orientez-la "
             "pour que le troisième sommet donne ax + by + c > 0.",
             "Le neurone de sortie (fourni) fait le « ET » : coefficients 1, biais −n."],
    solution="W = [[0, 1], [2, -1], [-2, -1]]\nb = [0, -2, 6]\n"
             "# y ≥ 0, 2x − y − 2 ≥ 0 et −2x − y + 6 ≥ 0",
)


# ---------------------------------------------------------------------------
# q5 : les poids d'un créneau
# ---------------------------------------------------------------------------

#: Le créneau de l'exercice 5 : hauteur 3 sur l'intervalle [1, 4].
CRENEAU = {"hauteur": 3.0, "debut": 1.0, "fin": 4.0}


def _controle_creneau(poids):
    v = vecteur(poids, 7, "La liste [a1, b1, a2, b2, k1, k2, c]")
    a1, b1, a2, b2, k1, k2, c = v
    # Grille fine, plus des points à ±0,002 des deux bords : une marche décalée de plus de 0,001 est repérée.
    x = np.union1d(np.linspace(-3, 8, 1101), [0.998, 1.002, 3.998, 4.002])
    F = k1 * _H(a1 * x + b1) + k2 * _H(a2 * x + b2) + c
    h, d, f = CRENEAU["hauteur"], CRENEAU["debut"], CRENEAU["fin"]
    attendu = np.where((x >= d) & (x <= f), h, 0.0)
    loin = (np.abs(x - d) > 1e-3) & (np.abs(x - f) > 1e-3)
    faux = loin & ~np.isclose(F, attendu, atol=1e-6)
    if faux.any():
        dedans = faux & (x > d) & (x < f)
        dehors = faux & ~((x > d) & (x < f))
        morceaux = []
        if dedans.any():
            morceaux.append("la hauteur n'est pas la bonne à l'intérieur de [1, 4]")
        if dehors.any():
            gauche, droite = (faux & (x < d)).any(), (faux & (x > f)).any()
            cote = "à gauche et à droite" if gauche and droite else ("à gauche" if gauche else "à droite")
            morceaux.append(f"la fonction ne vaut pas 0 {cote} de l'intervalle")
        raise Incorrect(" ; ".join(morceaux).capitalize() + ". Tracez votre fonction F pour le voir.")


q5 = Exercice(
    "Les poids d'un créneau de hauteur 3 sur [1, 4]",
    _controle_creneau,
    indices=["Le premier neurone fait une marche qui monte en x = 1, le second une marche qui descend en x = 4.",
             "H(a·x + b) vaut 1 pour x ≥ −b/a si a > 0, et pour x ≤ −b/a si a < 0.",
             "Les deux marches valent 1 en même temps sur [1, 4] et une seule vaut 1 ailleurs : "
             "multipliez par la hauteur et retranchez-la."],
    solution="poids = [1, -1, -1, 4, 3, 3, -3]\n# s1 = H(x − 1), s2 = H(−x + 4), F = 3 s1 + 3 s2 − 3",
)


# ---------------------------------------------------------------------------
# q6 : la log-vraisemblance négative
# ---------------------------------------------------------------------------

#: Scores (logits) et classe correcte de l'exercice 6.
SCORES = (2.0, 0.5, -1.0)
CLASSE = 1


def _nll_attendue():
    z = np.array(SCORES) - max(SCORES)
    p = np.exp(z) / np.exp(z).sum()
    return float(-np.log(p[CLASSE]))


def _controle_nll(perte):
    if est_vide(perte):
        raise PasDeReponse
    if isinstance(perte, (np.ndarray, list, tuple)) and np.size(perte) != 1:
        raise Incorrect("La perte est un seul nombre : −log de la probabilité de la bonne classe, "
                        "pas le vecteur des probabilités.")
    if isinstance(perte, (list, tuple)):
        perte = perte[0]
    comparer_nombre(perte, _nll_attendue(), "la perte", tolerance=1e-4)


def _controle_nll_complet(perte):
    try:
        _controle_nll(perte)
    except Incorrect as erreur:
        try:
            valeur = float(np.ravel(np.asarray(perte, dtype=float))[0])
        except (TypeError, ValueError, IndexError):
            raise erreur from None
        z = np.array(SCORES) - max(SCORES)
        p = np.exp(z) / np.exp(z).sum()
        if math.isclose(valeur, float(-np.log(p[0])), rel_tol=1e-4):
            raise Incorrect("Vous avez pris la probabilité de la classe 0 ; la bonne classe est la classe 1 "
                            "(les indices commencent à 0).") from None
        if math.isclose(valeur, float(np.log(p[CLASSE])), rel_tol=1e-4):
            raise Incorrect("Le signe est inversé : une perte est positive, on prend −log p.") from None
        if math.isclose(valeur, float(p[CLASSE]), rel_tol=1e-4):
            raise Incorrect("C'est la probabilité de la bonne classe ; il reste à prendre −log.") from None
        raise


q6 = Exercice(
    "La log-vraisemblance négative d'un exemple",
    _controle_nll_complet,
    indices=["Transformez d'abord les scores ex.SCORES en probabilités avec softmax.",
             "Prenez la probabilité de la classe ex.CLASSE (les indices commencent à 0), puis −log."],
    solution="perte = -np.log(helpers.activations.softmax(ex.SCORES)[ex.CLASSE])",
)


EXERCICES = [q1, q2, q3, q4, q5, q6]
