"""Exercices du chapitre 05 : réseau de neurones (poids fixés à la main).

Chaque contrôle calcule lui-même ce que fait le neurone ou le réseau proposé
et compare au comportement attendu ; les messages disent ce qui ne va pas
(combien d'entrées sont mal traitées, lesquelles parfois) sans donner de poids.
"""
import math

import numpy as np

from . import (
    Exercice,
    Incorrect,
    PasDeReponse,
    appeler,
    controle_choix,
    comparer_nombre,
    comparer_tableau,
    est_vide,
    nombre,
    vecteur,
)

__all__ = ["q1", "q2", "q3", "q4", "q5", "q6", "q7", "q8", "q9", "q10", "EXERCICES", "RONDS", "CARRES",
           "SOMMETS_TRIANGLE", "CRENEAU", "SCORES", "CLASSE", "W_XYZ", "B_XYZ", "V_XYZ", "ENTREES_XYZ",
           "reseau_xyz"]


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


q_et3 = Exercice(
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
        if isinstance(resultat, (bool, np.bool_)):
            raise Incorrect(f"perceptron_affine{arguments} renvoie le booléen {resultat!r} : la sortie d'un "
                            "perceptron est le nombre 0 ou 1. Convertissez-la, par exemple avec int(...) ou un "
                            "if … else.")
        if isinstance(resultat, str):
            raise Incorrect(f"perceptron_affine{arguments} renvoie le texte {resultat!r} : la sortie doit être le "
                            "nombre 0 ou 1, sans guillemets.")
        valeur = nombre(resultat, f"le résultat de perceptron_affine{arguments}")
        if valeur != attendu:
            x, y, a, b, c = arguments
            f = a * x + b * y + c
            if math.isclose(f, 0, abs_tol=1e-12):
                raise Incorrect(f"perceptron_affine{arguments} renvoie {valeur:g} : ici ax + by + c = 0 exactement, "
                                "et la convention du cours est H(0) = 1.")
            raise Incorrect(f"perceptron_affine{arguments} renvoie {valeur:g}, ce qui ne convient pas : calculez "
                            "d'abord la partie affine ax + by + c, puis appliquez la marche de Heaviside.")


q_perceptron = Exercice(
    "Écrire la fonction perceptron_affine(x, y, a, b, c)",
    _controle_perceptron,
    indices=["La fonction calcule d'abord f = a·x + b·y + c.",
             "Elle renvoie ensuite 1 si f ≥ 0 (le cas f = 0 compris) et 0 sinon."],
    solution="def perceptron_affine(x, y, a, b, c):\n    f = a * x + b * y + c\n    return 1 if f >= 0 else 0",
)


# ---------------------------------------------------------------------------
# q3 : un perceptron affine qui sépare des ronds et des carrés
# ---------------------------------------------------------------------------

#: Ronds (sortie attendue 0) et carrés (sortie attendue 1) des exercices 2 et 3.
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
                        f"{len(CARRES)} reçoivent 0. Tracez votre droite ax + by + c = 0 avec les points pour "
                        "voir où elle passe.")


q_separation = Exercice(
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
# pourquoi : pourquoi un perceptron linéaire ne sépare pas les ronds des carrés
# ---------------------------------------------------------------------------

_EXPLICATIONS_POURQUOI = {
    "a": "Le nombre de points n'y est pour rien : un seul neurone sépare des milliers de points s'ils sont de part "
         "et d'autre d'une droite.",
    "c": "Un perceptron linéaire renvoie 1 d'un côté de sa droite et 0 de l'autre : il ne renvoie pas toujours 0.",
    "d": "Changer d'activation ne déplace pas la frontière : avec σ, elle reste la droite ax + by = 0, qui passe "
         "par l'origine.",
}


_controle_pourquoi = controle_choix(_EXPLICATIONS_POURQUOI)


q_pourquoi = Exercice(
    "Pourquoi il faut un biais",
    _controle_pourquoi,
    indices=["Sans biais, la frontière ax + by = 0 passe par l'origine. Si f(P) ≥ 0 et f(Q) ≥ 0, que vaut le signe "
             "de f(λP + μQ) pour λ, μ ≥ 0 ?",
             "Regardez le rond (1,5 ; 1,2) et les carrés (4 ; 2,2) et (2,4 ; 3,1) sur la figure."],
    solution=("reponse = \"b\"\n"
              "# f(x, y) = ax + by est linéaire : f(1,5 ; 1,2) = 0,249·f(4 ; 2,2) + 0,211·f(2,4 ; 3,1) ≥ 0\n"
              "# dès que les deux carrés reçoivent 1 ; ce rond recevrait donc 1 lui aussi."),
)


# ---------------------------------------------------------------------------
# réseau (x, y, z) → (Y1, Y2) : propagation à la main, puis deux questions inverses
# ---------------------------------------------------------------------------

#: Première couche (ReLU) du réseau des exercices 5 à 7 : une ligne (a, b, c) par neurone, et les biais.
W_XYZ = ((1.0, 1.0, -1.0), (2.0, -1.0, 1.0))
B_XYZ = (0.0, -1.0)
#: Seconde couche (activation identité, sans biais) : Y1 = s1 + s2, Y2 = s1 + 7 s2.
V_XYZ = ((1.0, 1.0), (1.0, 7.0))
#: Les quatre entrées de l'exercice 5 (celles du livre).
ENTREES_XYZ = ((0.0, 0.0, 0.0), (1.0, 0.0, 0.0), (1.0, -1.0, 1.0), (3.0, 2.0, 1.0))


def reseau_xyz(x, y, z):
    """Sorties (Y1, Y2) du réseau des exercices 5 à 7, et sorties (s1, s2) de la première couche.

    >>> reseau_xyz(1, 0, 0)
    ((2.0, 8.0), (1.0, 1.0))
    """
    s = np.maximum(np.array(W_XYZ) @ np.array([x, y, z], dtype=float) + np.array(B_XYZ), 0.0)
    Y = np.array(V_XYZ) @ s
    return (float(Y[0]), float(Y[1])), (float(s[0]), float(s[1]))


def _controle_sorties_xyz(sorties):
    attendu = np.array([reseau_xyz(*e)[0] for e in ENTREES_XYZ])
    if not est_vide(sorties) and np.shape(np.asarray(sorties, dtype=object)) == (2, 4):
        raise Incorrect("Votre tableau a 2 lignes et 4 colonnes : il faut une ligne (Y1, Y2) par entrée, soit "
                        "4 lignes et 2 colonnes.")
    comparer_tableau(sorties, attendu, "le tableau des sorties", tolerance=1e-9)


q_sorties = Exercice(
    "Propager à la main dans le réseau (x, y, z) → (Y1, Y2)",
    _controle_sorties_xyz,
    indices=["Pour chaque entrée, calculez d'abord s1 = ReLU(x + y − z) et s2 = ReLU(2x − y + z − 1), puis "
             "Y1 = s1 + s2 et Y2 = s1 + 7 s2.",
             "ReLU(t) = max(0, t) : une valeur négative devient 0. Pour (1, −1, 1), le premier neurone reçoit −1."],
    solution=("sorties = [[0, 0], [2, 8], [3, 21], [8, 32]]\n"
              "# (0,0,0) : s = (0, 0) ; (1,0,0) : s = (1, 1) ; (1,−1,1) : s = (0, 3) ; (3,2,1) : s = (4, 4)"),
)


def _controle_inverse_xyz(point):
    v = vecteur(point, 3, "le point (x, y, z)")
    (Y1, Y2), (s1, s2) = reseau_xyz(*v)
    if math.isclose(Y1, 1, abs_tol=1e-6) and math.isclose(Y2, 7, abs_tol=1e-6):
        return
    raise Incorrect(f"En ce point, la première couche donne s1 = {s1:g} et s2 = {s2:g}, d'où Y1 = {Y1:g} et "
                    f"Y2 = {Y2:g}. Déterminez d'abord les valeurs de s1 et s2 qui donnent Y1 = 1 et Y2 = 7.")


q_inverse = Exercice(
    "Trouver une entrée qui donne Y1 = 1 et Y2 = 7",
    _controle_inverse_xyz,
    indices=["Résolvez d'abord le système s1 + s2 = 1, s1 + 7 s2 = 7 : il donne s1 et s2.",
             "Il faut s1 = 0, c'est-à-dire x + y − z ≤ 0, et s2 = 1, c'est-à-dire 2x − y + z − 1 = 1.",
             "Essayez x = y = 0 : que doit valoir z ?"],
    solution=("point = (0, 0, 2)\n"
              "# s1 + s2 = 1 et s1 + 7 s2 = 7 donnent s1 = 0, s2 = 1 ; (0, 0, 2) donne x + y − z = −2 ≤ 0 et\n"
              "# 2x − y + z − 1 = 1. Il y a une infinité d'autres solutions."),
)


def _controle_existence_xyz(reponse):
    if est_vide(reponse):
        raise PasDeReponse
    if isinstance(reponse, (bool, np.bool_)):
        raise Incorrect("Répondez par le mot \"oui\" ou \"non\", entre guillemets.")
    if not isinstance(reponse, str):
        raise Incorrect(f"Répondez par \"oui\" ou \"non\", entre guillemets ; vous avez donné un objet de type "
                        f"{type(reponse).__name__}.")
    mot = reponse.strip().lower().rstrip(" .!")
    if mot not in ("oui", "non"):
        raise Incorrect("Répondez par un seul mot : \"oui\" ou \"non\".")
    if mot == "oui":
        raise Incorrect("Cherchez un tel point… Les sorties de ReLU sont positives ou nulles : si s1 + 7 s2 = 0, "
                        "que valent s1 et s2, puis Y1 ?")


q_existence = Exercice(
    "Y2 nul sans que Y1 le soit ?",
    _controle_existence_xyz,
    indices=["s1 et s2 sont des sorties de ReLU : elles sont positives ou nulles.",
             "Une somme de nombres positifs ou nuls, avec des coefficients strictement positifs, n'est nulle que si "
             "chacun d'eux l'est."],
    solution=("reponse = \"non\"\n"
              "# Y2 = s1 + 7 s2 = 0 avec s1, s2 ≥ 0 impose s1 = s2 = 0, donc Y1 = s1 + s2 = 0."),
)


# ---------------------------------------------------------------------------
# q4 : un réseau qui vaut 1 sur un triangle
# ---------------------------------------------------------------------------

#: Sommets du triangle de l'exercice 8.
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
        raise Incorrect("W doit être un tableau de nombres de taille (n, 2) et b un vecteur de n nombres.") from None
    if W.ndim != 2 or W.shape[1] != 2:
        raise Incorrect(f"W doit avoir une ligne (a, b) par neurone de la première couche, donc la taille (n, 2) ; "
                        f"reçu {W.shape}.")
    if b.shape != (W.shape[0],):
        raise Incorrect(f"b doit contenir un biais par neurone, soit {W.shape[0]} nombres ; reçu la taille {b.shape}.")
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


q_triangle = Exercice(
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

#: Le créneau de l'exercice 9 : hauteur 3 sur l'intervalle [1, 4].
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
        message = " ; ".join(morceaux)
        raise Incorrect(message[:1].upper() + message[1:] + ". Tracez votre fonction F pour le voir.")


q_creneau = Exercice(
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

#: Scores (logits) et classe correcte de l'exercice 10.
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


q_nll = Exercice(
    "La log-vraisemblance négative d'un exemple",
    _controle_nll_complet,
    indices=["Transformez d'abord les scores ex.SCORES en probabilités avec softmax.",
             "Prenez la probabilité de la classe ex.CLASSE (les indices commencent à 0), puis −log."],
    solution="perte = -np.log(helpers.activations.softmax(ex.SCORES)[ex.CLASSE])",
)


# Numérotation dans l'ordre où les exercices apparaissent dans le chapitre.
(q1, q2, q3, q4, q5, q6, q7, q8, q9, q10) = (q_perceptron, q_separation, q_pourquoi, q_et3, q_sorties, q_inverse,
                                             q_existence, q_triangle, q_creneau, q_nll)
del (q_perceptron, q_separation, q_pourquoi, q_et3, q_sorties, q_inverse, q_existence, q_triangle, q_creneau,
     q_nll)   # un seul nom par exercice
EXERCICES = [q1, q2, q3, q4, q5, q6, q7, q8, q9, q10]
