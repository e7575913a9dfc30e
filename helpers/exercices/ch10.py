"""Exercices du chapitre 10 : Keras, deuxième partie (apprentissage, texte, évaluation)."""
import math

import numpy as np

from . import Exercice, Incorrect, PasDeReponse, appeler, est_vide, nombre

__all__ = ["VOCABULAIRE", "MATRICE_CONFUSION", "q1", "q2", "q3", "q4", "q5", "EXERCICES",
           "nb_poids_dense", "vectoriser_reference", "standardiser_reference"]

#: Le vocabulaire jouet du livre : le mot numéro i (à partir de 1) est VOCABULAIRE[i - 1].
VOCABULAIRE = ["film", "bon", "mauvais", "voir", "éviter", "très", "bien", "mal", "moyen", "super"]

#: Matrice de confusion d'un classifieur binaire (lignes : classe vraie 0 puis 1 ; colonnes : classe prédite).
MATRICE_CONFUSION = np.array([[50, 10],
                              [5, 35]])


def _entier(reponse, nom):
    """Ramène une réponse entière (int, np.integer, float entier) à un int, ou lève Incorrect."""
    if est_vide(reponse):
        raise PasDeReponse
    if isinstance(reponse, (bool, str)) or not isinstance(reponse, (int, float, np.integer, np.floating)):
        raise Incorrect(f"{nom} doit être un nombre entier ; vous avez donné un objet de type "
                        f"{type(reponse).__name__}.")
    if not math.isfinite(float(reponse)):
        raise Incorrect(f"{nom} doit être un nombre fini.")
    if float(reponse) != int(reponse):
        raise Incorrect(f"{nom} doit être un nombre entier ; {reponse} ne l'est pas.")
    return int(reponse)


# --------------------------------------------------------------------------
# q1 : nombre d'étapes de descente de gradient
# --------------------------------------------------------------------------

N_Q1, LOT_Q1, EPOQUES_Q1 = 1000, 64, 25


def _controle_q1(reponse):
    n = _entier(reponse, "Le nombre d'étapes")
    attendu = EPOQUES_Q1 * math.ceil(N_Q1 / LOT_Q1)
    if n == attendu:
        return
    if n == EPOQUES_Q1 * (N_Q1 // LOT_Q1) or n == round(EPOQUES_Q1 * N_Q1 / LOT_Q1):
        raise Incorrect(f"Presque : {N_Q1} n'est pas un multiple de {LOT_Q1}. Que fait Keras des exemples "
                        "qui restent à la fin d'une époque ?")
    if n == math.ceil(N_Q1 / LOT_Q1):
        raise Incorrect("C'est le nombre d'étapes d'une seule époque.")
    if n == EPOQUES_Q1 * N_Q1:
        raise Incorrect("Une étape traite tout un lot d'exemples, pas un seul exemple.")
    raise Incorrect(f"{n} ne convient pas : comptez les lots d'une époque, puis multipliez par le nombre "
                    "d'époques.")


q1 = Exercice(
    "Nombre d'étapes de descente de gradient",
    _controle_q1,
    indices=["Une étape de descente de gradient traite un lot de batch_size exemples.",
             "Le dernier lot d'une époque peut être incomplet : il compte quand même pour une étape "
             "(math.ceil)."],
    solution="etapes = 25 * math.ceil(1000 / 64)",
)

# --------------------------------------------------------------------------
# q2 : nombre de poids d'un réseau dense
# --------------------------------------------------------------------------

def nb_poids_dense(tailles):
    """Nombre de poids (coefficients et biais) d'un réseau dense de tailles ``[n, N1, N2, …]``.

    >>> nb_poids_dense([64, 8, 8, 10])
    682
    """
    return sum((a + 1) * b for a, b in zip(tailles[:-1], tailles[1:]))


TAILLES_Q2 = [1000, 5, 5, 5, 1]


def _controle_q2(reponse):
    n = _entier(reponse, "Le nombre de poids")
    attendu = nb_poids_dense(TAILLES_Q2)
    sans_biais = sum(a * b for a, b in zip(TAILLES_Q2[:-1], TAILLES_Q2[1:]))
    if n == attendu:
        return
    if n == sum(TAILLES_Q2[1:]):
        raise Incorrect("Ce nombre est celui des neurones. On demande le nombre de poids : "
                        "chaque neurone a un coefficient par entrée, plus un biais.")
    if n == sans_biais:
        raise Incorrect("Vous avez compté les coefficients, mais pas les biais (un par neurone).")
    if n == sans_biais + sum(TAILLES_Q2):
        raise Incorrect("Les entrées du réseau n'ont pas de biais : seuls les neurones en ont un.")
    raise Incorrect(f"{n} ne convient pas. Comptez couche par couche : une couche de m neurones "
                    "qui reçoit n valeurs a n × m coefficients et m biais.")


q2 = Exercice(
    "Nombre de poids du réseau IMDB du livre",
    _controle_q2,
    indices=["Une couche Dense de m neurones qui reçoit n valeurs possède n × m coefficients et m biais, "
             "soit (n + 1) × m poids.",
             "Les quatre couches reçoivent respectivement 1000, 5, 5 et 5 valeurs."],
    solution="nb_poids = (1000 + 1) * 5 + (5 + 1) * 5 + (5 + 1) * 5 + (5 + 1) * 1",
)


# --------------------------------------------------------------------------
# q3 : sac de mots avec le vocabulaire jouet
# --------------------------------------------------------------------------

def vectoriser_reference(phrase, vocabulaire=VOCABULAIRE):
    """Vecteur de 0 et de 1 : la case i vaut 1 si le mot numéro i + 1 du vocabulaire est dans la phrase.

    >>> vectoriser_reference("bon film à voir absolument")
    [1, 1, 0, 1, 0, 0, 0, 0, 0, 0]
    """
    mots = set(phrase.lower().split())
    return [1 if m in mots else 0 for m in vocabulaire]


PHRASES_Q3 = ["bon film à voir absolument",
              "début moyen mais après c'est très mauvais",
              "film drôle et émouvant on passe un bon moment",
              "super super super",
              "bon acteur mais mauvais film",
              "une soirée perdue",
              "un film normal sans surprise"]


def _controle_q3(vectoriser):
    if est_vide(vectoriser):
        raise PasDeReponse
    for phrase in PHRASES_Q3:
        resultat = appeler(vectoriser, phrase, nom="vectoriser")
        attendu = np.array(vectoriser_reference(phrase), dtype=float)
        try:
            r = np.asarray(resultat, dtype=float)
        except (TypeError, ValueError):
            raise Incorrect(f"vectoriser({phrase!r}) doit renvoyer une liste (ou un tableau) de nombres ; "
                            f"elle renvoie un objet de type {type(resultat).__name__}.") from None
        if r.ndim != 1 or r.size != len(VOCABULAIRE):
            taille = r.size if r.ndim == 1 else r.shape
            raise Incorrect(f"vectoriser({phrase!r}) renvoie un objet de taille {taille} : le vecteur doit avoir "
                            f"une case par mot du vocabulaire ({len(VOCABULAIRE)} cases), pas une par mot de "
                            "la phrase.")
        if np.any(r > 1):
            raise Incorrect(f"Pour {phrase!r}, une case dépasse 1 : on note seulement la présence d'un mot, "
                            "pas le nombre de fois où il apparaît.")
        if not np.array_equal(r, attendu):
            if np.array_equal(r, [1 if m in phrase.lower() else 0 for m in VOCABULAIRE]):
                raise Incorrect(f"Pour {phrase!r}, vous cherchez les mots comme des morceaux de texte : "
                                "« mal » se trouve dans « normal ». Comparez des mots entiers (phrase.split()).")
            raise Incorrect(f"Le vecteur obtenu pour la phrase {phrase!r} n'est pas le bon : vérifiez que la "
                            "case numéro i (à partir de 0) correspond au mot vocabulaire[i].")


q3 = Exercice(
    "Sac de mots avec le vocabulaire jouet",
    _controle_q3,
    indices=["Découpez la phrase en mots avec phrase.split(), puis parcourez le vocabulaire dans l'ordre.",
             "Pour chaque mot m du vocabulaire, la case vaut 1 si m est parmi les mots de la phrase, 0 sinon : "
             "[1 if m in mots else 0 for m in vocabulaire]."],
    solution=("def vectoriser(phrase):\n"
              "    mots = phrase.lower().split()\n"
              "    return [1 if m in mots else 0 for m in vocabulaire]"),
)


# --------------------------------------------------------------------------
# q4 : précision, rappel, F1
# --------------------------------------------------------------------------

def _scores(matrice):
    (vn, fp), (fn, vp) = np.asarray(matrice, dtype=float)
    precision = vp / (vp + fp)
    rappel = vp / (vp + fn)
    return precision, rappel, 2 * precision * rappel / (precision + rappel)


def _majuscule(texte):
    return texte[:1].upper() + texte[1:]


#: Écart toléré sur un score : une valeur arrondie au millième est acceptée (0.778 pour 0.7777…).
TOLERANCE_SCORE = 5.1e-4


def _comparer_score(valeur, attendu, nom):
    ecart = valeur - attendu
    if abs(ecart) <= TOLERANCE_SCORE:
        return
    if abs(ecart) <= 1e-2:
        raise Incorrect(f"{_majuscule(nom)} est proche, mais arrondie trop tôt : gardez au moins trois "
                        "décimales (ou ne l'arrondissez pas du tout).")
    sens = "trop grande" if ecart > 0 else "trop petite"
    raise Incorrect(f"{_majuscule(nom)} ne convient pas : la valeur {valeur:.4g} est {sens}.")


def _controle_q4(precision, rappel, f1):
    if est_vide(precision) or est_vide(rappel) or est_vide(f1):
        raise PasDeReponse
    p, r, f = _scores(MATRICE_CONFUSION)
    precision, rappel, f1 = (nombre(v, nom) for v, nom in ((precision, "la précision"), (rappel, "le rappel"),
                                                            (f1, "le score F1")))
    if abs(precision - r) <= TOLERANCE_SCORE and abs(rappel - p) <= TOLERANCE_SCORE:
        raise Incorrect("Vous avez échangé la précision et le rappel : la précision regarde la colonne des "
                        "exemples prédits positifs, le rappel la ligne des exemples vraiment positifs.")
    if precision > 1 or rappel > 1 or f1 > 1:
        raise Incorrect("Ces trois scores sont des proportions : donnez-les entre 0 et 1 (pas en pourcentage).")
    _comparer_score(precision, p, "la précision")
    _comparer_score(rappel, r, "le rappel")
    if abs(f1 - (p + r) / 2) <= TOLERANCE_SCORE:
        raise Incorrect("Le score F1 n'est pas la moyenne ordinaire de la précision et du rappel, mais leur "
                        "moyenne harmonique.")
    _comparer_score(f1, f, "le score F1")


q4 = Exercice(
    "Précision, rappel et F1 à partir d'une matrice de confusion",
    _controle_q4,
    indices=["Dans la matrice, la ligne 1 contient les exemples vraiment positifs, la colonne 1 les exemples "
             "prédits positifs : VP = M[1, 1], FP = M[0, 1], FN = M[1, 0].",
             "précision = VP / (VP + FP), rappel = VP / (VP + FN), F1 = 2 P R / (P + R)."],
    solution=("VN, FP, FN, VP = M.ravel()\n"
              "precision = VP / (VP + FP)\n"
              "rappel = VP / (VP + FN)\n"
              "f1 = 2 * precision * rappel / (precision + rappel)"),
)


# --------------------------------------------------------------------------
# q5 : standardiser avec les statistiques d'apprentissage
# --------------------------------------------------------------------------

def standardiser_reference(X_train, X_test, ddof=0):
    """Centre et réduit les deux jeux avec la moyenne et l'écart-type des seules données d'apprentissage.

    ``ddof=1`` prend l'écart-type « corrigé » (division par N − 1). Présenté au chapitre 10.

    >>> A, B = standardiser_reference([[0.0], [2.0]], [[4.0]])
    >>> A.ravel().tolist(), B.ravel().tolist()
    ([-1.0, 1.0], [3.0])
    """
    X_train, X_test = np.asarray(X_train, dtype=float), np.asarray(X_test, dtype=float)
    mu, sigma = X_train.mean(axis=0), X_train.std(axis=0, ddof=ddof)
    return (X_train - mu) / sigma, (X_test - mu) / sigma


def _donnees_q5():
    rng = np.random.default_rng(10)
    X_train = rng.normal([5.0, -2.0, 100.0], [1.0, 3.0, 20.0], size=(40, 3))
    X_test = rng.normal([6.0, -1.0, 130.0], [2.0, 1.0, 10.0], size=(15, 3))
    return X_train, X_test


def _controle_q5(standardiser):
    if est_vide(standardiser):
        raise PasDeReponse
    X_train, X_test = _donnees_q5()
    resultat = appeler(standardiser, X_train.copy(), X_test.copy(), nom="standardiser")
    if not isinstance(resultat, (tuple, list)) or len(resultat) != 2:
        raise Incorrect("standardiser doit renvoyer deux tableaux : (X_train standardisé, X_test standardisé).")
    try:
        A, B = (np.asarray(t, dtype=float) for t in resultat)
    except (TypeError, ValueError):
        raise Incorrect("standardiser doit renvoyer deux tableaux de nombres.") from None
    A_ref, B_ref = standardiser_reference(X_train, X_test)
    if A.shape != A_ref.shape or B.shape != B_ref.shape:
        raise Incorrect(f"Les tableaux renvoyés ont les tailles {A.shape} et {B.shape} ; ils doivent garder les "
                        f"tailles des entrées, {A_ref.shape} et {B_ref.shape}. Calculez moyenne et écart-type "
                        "colonne par colonne (axis=0).")
    # L'écart-type « corrigé » (ddof=1, division par N − 1) est une convention aussi valable que ddof=0 :
    # on accepte l'une ou l'autre, pourvu que la même transformation serve aux deux jeux.
    references = [standardiser_reference(X_train, X_test, ddof=d) for d in (0, 1)]
    if not any(np.allclose(A, A_r, atol=1e-6) for A_r, _ in references):
        if np.allclose(A, X_train - X_train.mean(axis=0), atol=1e-6):
            raise Incorrect("Les données d'apprentissage sont centrées mais pas réduites : divisez aussi par "
                            "l'écart-type.")
        raise Incorrect("Les données d'apprentissage standardisées ne conviennent pas : chaque colonne doit "
                        "être centrée (moyenne 0) puis divisée par son écart-type.")
    for A_r, B_r in references:
        if np.allclose(A, A_r, atol=1e-6) and np.allclose(B, B_r, atol=1e-6):
            return
    propres = [(X_test - X_test.mean(axis=0)) / X_test.std(axis=0, ddof=d) for d in (0, 1)]
    if any(np.allclose(B, B_p, atol=1e-6) for B_p in propres):
        raise Incorrect("Les données de test sont standardisées avec leurs propres statistiques : la "
                        "transformation d'un exemple de test dépend alors des autres exemples de test (et un "
                        "exemple seul donnerait 0/0). Appliquez au test la transformation réglée sur "
                        "l'apprentissage : la moyenne et l'écart-type des données d'apprentissage.")
    tout = np.vstack([X_train, X_test])
    if any(np.allclose(B, (X_test - tout.mean(axis=0)) / tout.std(axis=0, ddof=d), atol=1e-6) for d in (0, 1)):
        raise Incorrect("Les statistiques utilisées pour le test mélangent apprentissage et test : le test "
                        "influence alors la transformation, c'est une fuite d'information. Seules les données "
                        "d'apprentissage doivent servir.")
    raise Incorrect("Les données de test standardisées ne conviennent pas : appliquez-leur exactement la "
                    "même transformation qu'aux données d'apprentissage.")


q5 = Exercice(
    "Standardiser avec les statistiques d'apprentissage",
    _controle_q5,
    indices=["Calculez mu = X_train.mean(axis=0) et sigma = X_train.std(axis=0) : une valeur par colonne.",
             "Renvoyez ((X_train - mu) / sigma, (X_test - mu) / sigma) : le test ne sert jamais au calcul de "
             "mu et sigma."],
    solution=("def standardiser(X_train, X_test):\n"
              "    mu, sigma = X_train.mean(axis=0), X_train.std(axis=0)\n"
              "    return (X_train - mu) / sigma, (X_test - mu) / sigma"),
)


EXERCICES = [q1, q2, q3, q4, q5]
