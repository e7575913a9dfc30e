"""Exercices du chapitre 20 : ChatGPT, partie 2.

* ``q1`` : écrire ``deplonger(y, W)`` (logits ``W y`` puis softmax : probabilités des jetons) ;
* ``q2`` : écrire ``poids_tete(Q, K)`` (softmax ligne par ligne des scores ``Q Kᵀ / √r``) ;
* ``q3`` : écrire ``masque_causal(t)`` (qui peut regarder qui dans une phrase de ``t`` jetons).

Les contrôles recalculent eux-mêmes la bonne réponse sur des données tirées au
hasard (graine fixe) ; leurs messages disent ce qui ne va pas sans donner de valeur.
"""
import math

import numpy as np

from ..activations import softmax
from . import Exercice, Incorrect, PasDeReponse, appeler, est_vide, tableau

__all__ = ["EXERCICES", "q1", "q2", "q3"]


def _en_tableau(resultat, nom):
    """Convertit un résultat (liste, tableau NumPy ou tenseur PyTorch) en tableau de flottants (voir ``tableau``)."""
    if hasattr(resultat, "detach"):  # tenseur PyTorch
        resultat = resultat.detach().cpu().numpy()
    return tableau(resultat, nom)


def _verifier_fonction(fonction, nom):
    if est_vide(fonction):
        raise PasDeReponse
    if not callable(fonction):
        raise Incorrect(f"On attend une fonction {nom} ; vous avez donné un objet de type {type(fonction).__name__}.")


# --------------------------------------------------------------------------- q1
def _cas_q1():
    rng = np.random.default_rng(20)
    cas = [(np.array([1.0, -0.5]), np.array([[1.0, 2.0], [0.5, -1.0], [-2.0, 0.0], [3.0, 1.0]]))]
    for n, N in ((3, 5), (8, 30)):
        cas.append((rng.normal(size=n), rng.normal(size=(N, n))))
    return cas


def _controle_deplonger(deplonger):
    _verifier_fonction(deplonger, "deplonger(y, W)")
    for k, (y, W) in enumerate(_cas_q1(), start=1):
        p = _en_tableau(appeler(deplonger, y.copy(), W.copy(), nom="deplonger"), "Le résultat de deplonger")
        logits = W @ y
        attendu = softmax(logits)
        if p.shape != attendu.shape:
            raise Incorrect(f"Cas {k} : W a la taille {W.shape} et y la taille {y.shape} ; on attend un vecteur de "
                            f"{W.shape[0]} probabilités (une par jeton du vocabulaire), vous en renvoyez la taille "
                            f"{p.shape}.")
        if np.allclose(p, logits, atol=1e-6):
            raise Incorrect(f"Cas {k} : vous renvoyez les logits W y ; il reste à les changer en probabilités.")
        if not math.isclose(p.sum(), 1.0, abs_tol=1e-6) or (p < 0).any():
            raise Incorrect(f"Cas {k} : vos nombres ne forment pas une loi de probabilité (positifs, de somme 1).")
        if not np.allclose(p, attendu, atol=1e-6):
            raise Incorrect(f"Cas {k} : ce sont bien des probabilités, mais pas celles de la softmax des logits W y.")


q1 = Exercice(
    "Déplonger un vecteur : logits puis probabilités",
    _controle_deplonger,
    indices=["Les logits sont le produit matriciel W @ y : un nombre par jeton du vocabulaire.",
             "La softmax : exponentielle de chaque logit, divisée par la somme des exponentielles.",
             "Retranchez le plus grand logit avant l'exponentielle : le résultat ne change pas et ne déborde pas."],
    solution=("def deplonger(y, W):\n"
              "    logits = W @ y\n"
              "    e = np.exp(logits - logits.max())\n"
              "    return e / e.sum()"),
)


# --------------------------------------------------------------------------- q2
def _cas_q2():
    rng = np.random.default_rng(2020)
    cas = [(np.array([[2.0, 1.0, 4.0, 3.0]]), np.array([[-1.0, 3.0, 0.0, 2.0], [-2.0, 0.0, 2.0, 2.0]]))]
    for t, s, r in ((4, 4, 2), (5, 3, 8)):
        cas.append((rng.normal(size=(t, r)), rng.normal(size=(s, r))))
    return cas


def _controle_poids_tete(poids_tete):
    _verifier_fonction(poids_tete, "poids_tete(Q, K)")
    for k, (Q, K) in enumerate(_cas_q2(), start=1):
        A = _en_tableau(appeler(poids_tete, Q.copy(), K.copy(), nom="poids_tete"), "Le résultat de poids_tete")
        r = Q.shape[1]
        scores = Q @ K.T / math.sqrt(r)
        attendu = softmax(scores, axe=1)
        if A.shape != attendu.shape:
            raise Incorrect(f"Cas {k} : avec {Q.shape[0]} requêtes et {K.shape[0]} clés, on attend un tableau de "
                            f"taille {attendu.shape} (une ligne par requête) ; vous renvoyez la taille {A.shape}.")
        if np.allclose(A, softmax(Q @ K.T, axe=1), atol=1e-6) and not np.allclose(A, attendu, atol=1e-6):
            raise Incorrect(f"Cas {k} : il manque la division des scores par √r (r = {r}, la taille des requêtes).")
        if np.allclose(A, scores, atol=1e-6):
            raise Incorrect(f"Cas {k} : ce sont les scores ; appliquez encore la softmax sur chaque ligne.")
        if np.allclose(A, softmax(scores, axe=0), atol=1e-6) and not np.allclose(A, attendu, atol=1e-6):
            raise Incorrect(f"Cas {k} : la softmax est prise sur les colonnes ; chaque ligne (une requête) doit "
                            "sommer à 1.")
        if not np.allclose(A.sum(axis=1), 1.0, atol=1e-6) or (A < 0).any():
            raise Incorrect(f"Cas {k} : chaque ligne doit être une loi de probabilité (nombres positifs de somme 1).")
        if not np.allclose(A, attendu, atol=1e-6):
            raise Incorrect(f"Cas {k} : les lignes somment bien à 1, mais ce ne sont pas les poids softmax(Q Kᵀ/√r).")


q2 = Exercice(
    "Les poids d'une tête d'attention",
    _controle_poids_tete,
    indices=["Les scores : Q @ K.T, un tableau (requêtes × clés), divisé par √r avec r = Q.shape[1].",
             "La softmax se prend ligne par ligne : axis=1, avec keepdims=True pour la division.",
             "Retranchez le maximum de chaque ligne avant l'exponentielle."],
    solution=("def poids_tete(Q, K):\n"
              "    scores = Q @ K.T / np.sqrt(Q.shape[1])\n"
              "    e = np.exp(scores - scores.max(axis=1, keepdims=True))\n"
              "    return e / e.sum(axis=1, keepdims=True)"),
)


# --------------------------------------------------------------------------- q3
def _controle_masque(masque_causal):
    _verifier_fonction(masque_causal, "masque_causal(t)")
    for t in (1, 4, 7):
        m = _en_tableau(appeler(masque_causal, t, nom="masque_causal"), "Le masque")
        attendu = np.tril(np.ones((t, t)))
        if m.shape != (t, t):
            raise Incorrect(f"Pour t = {t}, le masque doit être un tableau carré de taille ({t}, {t}) ; vous "
                            f"renvoyez la taille {m.shape}.")
        if not np.isin(m, (0.0, 1.0)).all():
            raise Incorrect("Le masque ne doit contenir que des booléens (ou des 0 et des 1) : True là où la "
                            "position i a le droit de regarder la position j.")
        if t > 1 and np.array_equal(m, attendu.T):
            raise Incorrect(f"Pour t = {t}, votre masque laisse chaque jeton regarder les jetons qui le SUIVENT : "
                            "c'est le futur qu'il faut cacher.")
        if np.array_equal(m, np.tril(np.ones((t, t)), -1)):
            raise Incorrect(f"Pour t = {t}, la diagonale manque : un jeton a le droit de se regarder lui-même.")
        if not np.array_equal(m, attendu):
            raise Incorrect(f"Pour t = {t}, le masque ne convient pas : la ligne i doit autoriser exactement les "
                            "colonnes j ≤ i.")


q3 = Exercice(
    "Le masque causal",
    _controle_masque,
    indices=["La ligne i est le jeton qui regarde, la colonne j celui qui est regardé : on autorise j ≤ i.",
             "np.tril garde le triangle inférieur d'une matrice, diagonale comprise.",
             "np.tril(np.ones((t, t), dtype=bool))."],
    solution=("def masque_causal(t):\n"
              "    return np.tril(np.ones((t, t), dtype=bool))"),
)

EXERCICES = [q1, q2, q3]
