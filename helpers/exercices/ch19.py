"""Exercices du chapitre 19 : ChatGPT, partie 1.

* ``q1`` : écrire ``zipf_pur(frequences, nb_rangs)`` (régression log–log, b = 0) ;
* ``q2`` : la température pour laquelle le candidat principal a une probabilité 1/2 ;
* ``q3`` : écrire ``encoder(mot, fusions)`` (appliquer des fusions BPE dans l'ordre) ;
* ``q4`` : écrire ``analogie(a, b, c, vecteurs, vocabulaire)``.

Les contrôles recalculent eux-mêmes la bonne réponse sur des données
fabriquées ; leurs messages disent ce qui ne va pas sans donner de valeur.
"""
import math

import numpy as np

from . import (
    Exercice,
    Incorrect,
    PasDeReponse,
    appeler,
    est_vide,
    vecteur,
)

__all__ = ["EXERCICES", "X_TEMPERATURE", "q1", "q2", "q3", "q4"]


# --------------------------------------------------------------------------- q1
def _zipf_reference(frequences, nb_rangs):
    rangs = np.arange(1, nb_rangs + 1)
    pente, ordonnee = np.polyfit(np.log(rangs), np.log(np.asarray(frequences, float)[:nb_rangs]), 1)
    return math.exp(ordonnee), -pente


def _cas_q1():
    rng = np.random.default_rng(19)
    cas = []
    for a, c, bruit, n in ((0.08, 1.0, 0.0, 200), (0.05, 1.2, 0.05, 200), (0.2, 0.8, 0.1, 50)):
        rangs = np.arange(1, 1001)
        f = a / rangs ** c * np.exp(bruit * rng.normal(size=1000))
        cas.append((np.sort(f)[::-1], n))
    return cas


def _controle_zipf(zipf_pur):
    if est_vide(zipf_pur):
        raise PasDeReponse
    if not callable(zipf_pur):
        raise Incorrect(f"On attend une fonction zipf_pur(frequences, nb_rangs) ; vous avez donné un objet de type "
                        f"{type(zipf_pur).__name__}.")
    for k, (f, n) in enumerate(_cas_q1(), start=1):
        resultat = appeler(zipf_pur, f, n, nom="zipf_pur")
        a, c = vecteur(resultat, 2, "Le résultat de zipf_pur")
        a_ref, c_ref = _zipf_reference(f, n)
        if math.isclose(a, math.log(a_ref), rel_tol=1e-6):
            raise Incorrect(f"Cas {k} : vous renvoyez ln a au lieu de a ; repassez à l'exponentielle.")
        if math.isclose(c, -c_ref, rel_tol=1e-6):
            raise Incorrect(f"Cas {k} : le signe de c est inversé : la pente de la droite log–log vaut −c.")
        if math.isclose(a, c_ref, rel_tol=1e-6) and math.isclose(c, a_ref, rel_tol=1e-6):
            raise Incorrect("Les deux nombres sont dans le désordre : renvoyez (a, c).")
        if not math.isclose(c, c_ref, rel_tol=1e-4):
            raise Incorrect(f"Cas {k} (nb_rangs = {n}) : l'exposant c ne convient pas. Ajustez ln f sur ln i, "
                            "pour les rangs i = 1 à nb_rangs seulement (les rangs commencent à 1).")
        if not math.isclose(a, a_ref, rel_tol=1e-4):
            raise Incorrect(f"Cas {k} : c convient, mais pas a. L'ordonnée à l'origine de la droite est ln a.")


q1 = Exercice(
    "Loi de Zipf pure par régression log–log",
    _controle_zipf,
    indices=["Prenez les rangs i = 1, 2, …, nb_rangs : np.arange(1, nb_rangs + 1).",
             "np.polyfit(x, y, 1) renvoie (pente, ordonnée à l'origine) de la droite y ≃ pente·x + ordonnée.",
             "Avec x = ln i et y = ln f_i, la pente vaut −c et l'ordonnée ln a."],
    solution=("def zipf_pur(frequences, nb_rangs=200):\n"
              "    rangs = np.arange(1, nb_rangs + 1)\n"
              "    pente, ordonnee = np.polyfit(np.log(rangs), np.log(frequences[:nb_rangs]), 1)\n"
              "    return math.exp(ordonnee), -pente"),
)


# --------------------------------------------------------------------------- q2
#: Le vecteur X du livre : (1/53)(2, 5, 25, 3, 14, 4).
X_TEMPERATURE = np.array([2, 5, 25, 3, 14, 4]) / 53


def _p_max(T):
    z = X_TEMPERATURE / T
    e = np.exp(z - z.max())
    return float(e[2] / e.sum())


def _T_moitie():
    bas, haut = 0.05, 10.0
    for _ in range(100):
        milieu = (bas + haut) / 2
        bas, haut = (milieu, haut) if _p_max(milieu) > 0.5 else (bas, milieu)
    return (bas + haut) / 2


def _controle_T(T_moitie):
    if est_vide(T_moitie):
        raise PasDeReponse
    from . import nombre

    T = nombre(T_moitie, "la température")
    if T <= 0:
        raise Incorrect("Une température doit être strictement positive.")
    p = _p_max(T)
    if abs(T - _T_moitie()) > 1e-4:
        sens = ("trop basse (la probabilité dépasse encore 1/2)" if p > 0.5
                else "trop haute (la probabilité est déjà sous 1/2)")
        raise Incorrect(f"Avec T = {T:g}, σ_T,3(X) vaut {p:.4f} : la température est {sens}.")


q2 = Exercice(
    "La température qui donne la majorité",
    _controle_T,
    indices=["Écrivez la fonction g(T) = softmax(X, temperature=T)[2] − 0.5 : on cherche T tel que g(T) = 0.",
             "g(0.1) > 0 et g(5) < 0 : une racine se trouve entre les deux.",
             "scipy.optimize.brentq(g, 0.1, 5) trouve cette racine ; une dichotomie à la main marche aussi."],
    solution=("from scipy.optimize import brentq\n"
              "T_moitie = brentq(lambda T: softmax(X, temperature=T)[2] - 0.5, 0.1, 5)   # ≈ 0.2165"),
)


# --------------------------------------------------------------------------- q3
def _encoder_reference(mot, fusions):
    symboles = list(mot)
    for gauche, droite in fusions:
        nouveau, i = [], 0
        while i < len(symboles):
            if i + 1 < len(symboles) and symboles[i] == gauche and symboles[i + 1] == droite:
                nouveau.append(gauche + droite)
                i += 2
            else:
                nouveau.append(symboles[i])
                i += 1
        symboles = nouveau
    return symboles


_FUSIONS_JOUET = [("a", "b"), ("b", "a"), ("ba", "c")]
_FUSIONS_FR = [("e", "s"), ("l", "e"), ("le", "s"), ("o", "n"), ("a", "i"), ("ai", "t"), ("t", "i"), ("ti", "on")]
_CAS_Q3 = [
    ("abc", _FUSIONS_JOUET), ("cabac", _FUSIONS_JOUET), ("bacab", _FUSIONS_JOUET), ("abab", _FUSIONS_JOUET),
    ("bac", [("a", "c"), ("b", "a")]), ("bac", [("b", "a"), ("a", "c")]),
    ("lesnations", _FUSIONS_FR), ("faisait", _FUSIONS_FR), ("aaa", [("a", "a")]), ("", _FUSIONS_JOUET),
]


def _controle_encoder(encoder):
    if est_vide(encoder):
        raise PasDeReponse
    if not callable(encoder):
        raise Incorrect(f"On attend une fonction encoder(mot, fusions) ; vous avez donné un objet de type "
                        f"{type(encoder).__name__}.")
    for mot, fusions in _CAS_Q3:
        resultat = appeler(encoder, mot, list(fusions), nom="encoder")
        if isinstance(resultat, str) or not isinstance(resultat, (list, tuple)):
            raise Incorrect(f"encoder({mot!r}, …) doit renvoyer une liste de chaînes, pas un objet de type "
                            f"{type(resultat).__name__}.")
        resultat = list(resultat)
        if not all(isinstance(s, str) for s in resultat):
            raise Incorrect(f"encoder({mot!r}, …) doit renvoyer une liste de chaînes de caractères.")
        attendu = _encoder_reference(mot, fusions)
        if resultat == attendu:
            continue
        if "".join(resultat) != mot:
            raise Incorrect(f"encoder({mot!r}, {fusions}) renvoie {resultat} : recollés, ces symboles ne redonnent "
                            "pas le mot. Un découpage BPE est sans perte.")
        raise Incorrect(f"encoder({mot!r}, {fusions}) renvoie {resultat}, qui n'est pas le découpage attendu. "
                        "Appliquez chaque fusion partout, de gauche à droite, avant de passer à la suivante, "
                        "dans l'ordre de la liste.")


q3 = Exercice(
    "Appliquer des fusions BPE à un mot nouveau",
    _controle_encoder,
    indices=["Partez de la liste des caractères du mot : list(mot).",
             "Pour une fusion (g, d), parcourez la liste de gauche à droite : "
             "si deux symboles voisins valent g puis d, remplacez-les par g + d et sautez deux positions.",
             "Appliquez toute la première fusion, puis toute la deuxième, etc. (ne recomptez pas les paires)."],
    solution=("def encoder(mot, fusions):\n"
              "    symboles = list(mot)\n"
              "    for gauche, droite in fusions:\n"
              "        nouveau, i = [], 0\n"
              "        while i < len(symboles):\n"
              "            if i + 1 < len(symboles) and symboles[i] == gauche and symboles[i + 1] == droite:\n"
              "                nouveau.append(gauche + droite); i += 2\n"
              "            else:\n"
              "                nouveau.append(symboles[i]); i += 1\n"
              "        symboles = nouveau\n"
              "    return symboles"),
)


# --------------------------------------------------------------------------- q4
def _analogie_reference(a, b, c, vecteurs, vocabulaire):
    position = {m: i for i, m in enumerate(vocabulaire)}
    cible = vecteurs[position[b]] - vecteurs[position[a]] + vecteurs[position[c]]
    sim = vecteurs @ cible / (np.linalg.norm(vecteurs, axis=1) * np.linalg.norm(cible))
    for i in np.argsort(-sim):
        if vocabulaire[i] not in (a, b, c):
            return vocabulaire[i]
    return None


def _cas_q4():
    """Petits plongements fabriqués où cosinus, distance et exclusion donnent des réponses différentes."""
    # axes : (homme, femme, royauté, enfant)
    vocab = ["roi", "reine", "homme", "femme", "prince", "princesse", "garçon", "fille", "géante"]
    v = np.array([[1, 0, 1, 0], [0, 1, 1, 0], [1, 0, 0, 0], [0, 1, 0, 0], [1, 0, 1, 1],
                  [0, 1, 1, 1], [1, 0, 0, 1], [0, 1, 0, 1], [0, 6, 5, 0]], dtype=float)
    rng = np.random.default_rng(4)
    v = v + 0.05 * rng.normal(size=v.shape)
    v[:8] *= rng.uniform(0.5, 2.0, size=(8, 1))          # normes variées : seule la direction compte
    cas = [("homme", "femme", "roi", v, vocab), ("roi", "reine", "prince", v, vocab),
           ("garçon", "fille", "homme", v, vocab)]
    rng2 = np.random.default_rng(5)
    mots = [f"m{i}" for i in range(30)]
    w = rng2.normal(size=(30, 8)) * rng2.uniform(0.2, 5.0, size=(30, 1))
    cas.append(("m0", "m1", "m2", w, mots))
    cas.append(("m3", "m7", "m11", w, mots))
    return cas


def _controle_analogie(analogie):
    if est_vide(analogie):
        raise PasDeReponse
    if not callable(analogie):
        raise Incorrect(f"On attend une fonction analogie(a, b, c, vecteurs, vocabulaire) ; vous avez donné un "
                        f"objet de type {type(analogie).__name__}.")
    for a, b, c, vecteurs, vocab in _cas_q4():
        resultat = appeler(analogie, a, b, c, vecteurs.copy(), list(vocab), nom="analogie")
        attendu = _analogie_reference(a, b, c, vecteurs, vocab)
        if not isinstance(resultat, str):
            raise Incorrect("analogie doit renvoyer un mot (une chaîne), "
                            f"pas un objet de type {type(resultat).__name__}.")
        if resultat == attendu:
            continue
        if resultat in (a, b, c):
            raise Incorrect(f"analogie({a!r}, {b!r}, {c!r}, …) renvoie {resultat!r}, l'un des trois mots donnés : "
                            "il faut les exclure.")
        if resultat not in vocab:
            raise Incorrect(f"analogie renvoie {resultat!r}, qui n'est pas dans le vocabulaire.")
        raise Incorrect(f"analogie({a!r}, {b!r}, {c!r}, …) renvoie {resultat!r}, qui n'est pas le mot attendu. "
                        "Vérifiez le vecteur cible v_b − v_a + v_c et comparez les directions (similarité cosinus), "
                        "pas les distances ni les produits scalaires bruts.")


q4 = Exercice(
    "La méthode des analogies",
    _controle_analogie,
    indices=["Le vecteur cible est vecteurs[i_b] − vecteurs[i_a] + vecteurs[i_c], où i_a est la position de a "
             "dans vocabulaire.",
             "La similarité cosinus de chaque ligne avec la cible : "
             "(vecteurs @ cible) divisé par le produit des normes.",
             "Parcourez les mots par similarité décroissante (np.argsort(-similarite)) et renvoyez le premier qui "
             "n'est ni a, ni b, ni c."],
    solution=("def analogie(a, b, c, vecteurs, vocabulaire):\n"
              "    position = {m: i for i, m in enumerate(vocabulaire)}\n"
              "    cible = vecteurs[position[b]] - vecteurs[position[a]] + vecteurs[position[c]]\n"
              "    similarite = vecteurs @ cible / (np.linalg.norm(vecteurs, axis=1) * np.linalg.norm(cible))\n"
              "    for i in np.argsort(-similarite):\n"
              "        if vocabulaire[i] not in (a, b, c):\n"
              "            return vocabulaire[i]"),
)

EXERCICES = [q1, q2, q3, q4]
