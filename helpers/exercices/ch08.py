"""Exercices du chapitre 08 : descente de gradient.

* ``q1`` (section 1.3) : choisir un pas qui fait osciller la descente sur f(a) = 3a² tout en convergeant ;
* ``q2`` (section 2.2) : trouver, par des essais, le plus grand pas pour lequel la régression converge ;
* ``q3`` (section 3.2) : écrire le gradient de l'erreur absolue moyenne (*mae*) d'une droite ;
* ``q4`` (section 3.3) : découper une époque en lots mélangés ;
* ``q5`` (section 4.3) : écrire un pas de RMSProp (le pas adaptatif d'Adam, sans le moment).

Les contrôles recalculent eux-mêmes la bonne réponse ; leurs messages disent
ce qui ne va pas (taille, signe, mélange…) sans donner la valeur attendue.
Chaque contrôle essaie aussi l'appel même que fait la cellule du chapitre
(avec des entiers là où la cellule en donne).
"""
import math

import numpy as np

from . import Exercice, Incorrect, appeler, nombre, tableau

__all__ = ["q1", "q2", "q3", "q4", "q5", "EXERCICES", "X_Q2", "Y_Q2", "pas_critique_q2"]


# --------------------------------------------------------------------------- q1
def _controle_pas_oscillant(delta):
    delta = nombre(delta, "le pas δ")
    if delta <= 0:
        raise Incorrect("Le pas δ doit être strictement positif : on se déplace dans la direction "
                        "opposée au gradient.")
    facteur = 1 - 6 * delta  # a_(k+1) = a_k - δ·6a_k = (1 - 6δ) a_k
    if abs(facteur) >= 1:
        raise Incorrect(f"Avec δ = {delta:g}, la suite (a_k) ne tend pas vers 0 : ses valeurs grandissent "
                        "(ou restent de même taille) en changeant de signe. Ce pas est trop grand.")
    if facteur >= 0:
        raise Incorrect(f"Avec δ = {delta:g}, la suite converge, mais sans osciller : tous les a_k restent "
                        "positifs. Il faut un pas plus grand.")


q1 = Exercice(
    "Un pas qui oscille mais converge",
    _controle_pas_oscillant,
    indices=["Écrivez la formule de récurrence : a_(k+1) = a_k − δ f'(a_k) = (1 − 6δ) a_k.",
             "La suite tend vers 0 si |1 − 6δ| < 1 ; elle change de signe à chaque pas si 1 − 6δ < 0."],
    solution="delta = 0.25   # tout pas strictement compris entre 1/6 et 1/3 convient",
)


# --------------------------------------------------------------------------- q2
X_Q2 = np.array([0.0, 2.0, 6.0])
Y_Q2 = np.array([3.0, 4.0, 6.0])


def pas_critique_q2(x=X_Q2):
    """Pas au-delà duquel la descente sur E(a, b) = Σ (y_i − (a x_i + b))² diverge : 2 / (plus grande valeur
    propre de la hessienne 2 [[Σx², Σx], [Σx, N]]).

    >>> round(pas_critique_q2(), 5)
    0.02401
    """
    x = np.asarray(x, dtype=float)
    hessienne = 2 * np.array([[np.sum(x**2), np.sum(x)], [np.sum(x), len(x)]])
    return float(2 / np.linalg.eigvalsh(hessienne).max())


def _controle_pas_max(delta):
    delta = nombre(delta, "le pas δ")
    critique = pas_critique_q2()
    if delta <= 0:
        raise Incorrect("Le pas δ doit être strictement positif.")
    if delta >= critique:
        raise Incorrect(f"Avec δ = {delta:g}, la descente depuis (0, 1) ne converge pas : les points (a_k, b_k) "
                        "s'éloignent en zigzag (regardez E(a_k, b_k) sur quelques centaines d'itérations). "
                        "Cherchez un peu plus petit.")
    if delta < 0.9 * critique:
        raise Incorrect(f"Avec δ = {delta:g}, la descente converge, c'est vrai ; mais un pas plus grand de plus "
                        "de 10 % converge encore. Cherchez la limite de plus près.")


q2 = Exercice(
    "Le plus grand pas qui converge",
    _controle_pas_max,
    indices=["Pour un pas δ donné, lancez descente_gradient(lambda P: grad_erreur_droite(P, x3, y3), (0, 1), "
             "delta, 1000) et regardez si le dernier point est proche de (0,5 ; 3) ou s'il est immense.",
             "Le pas 0,02 du livre converge, le pas 0,03 diverge : coupez l'intervalle en deux (dichotomie) "
             "jusqu'à encadrer la limite à 10 % près.",
             "Pour une erreur quadratique, la limite est 2/L, où L est la plus grande valeur propre de la "
             "hessienne de E (voir « Pour aller plus loin »)."],
    solution=("def converge(delta, n=2000):\n"
              "    P = descente_gradient(lambda P: grad_erreur_droite(P, x3, y3), (0, 1), delta, n)[-1]\n"
              "    return np.all(np.isfinite(P)) and np.allclose(P, [0.5, 3], atol=1e-3)\n"
              "\n"
              "bas, haut = 0.02, 0.03          # bas converge, haut diverge\n"
              "while haut - bas > 1e-4:\n"
              "    milieu = (bas + haut) / 2\n"
              "    bas, haut = (milieu, haut) if converge(milieu) else (bas, milieu)\n"
              "delta_max = bas                # environ 0.0240"),
)


# --------------------------------------------------------------------------- q3
def _grad_mae_ref(P, x, y):
    a, b = (float(v) for v in P)
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    s = np.sign(y - (a * x + b))
    return np.array([-np.mean(x * s), -np.mean(s)])


def _grad_mse(P, x, y):
    a, b = (float(v) for v in P)
    r = y - (a * x + b)
    return np.array([-2 * np.mean(x * r), -2 * np.mean(r)])


_CAS_Q3 = [
    ((0, 1), X_Q2, Y_Q2),    # l'appel de la cellule : un n-uplet d'entiers
    (np.array([0.75, -2.0]), np.array([4.0, 7, 8, 10, 12]), np.array([1.0, 3, 3, 6, 7])),
    ([-0.5, 0.3], np.array([1.5, -1.0, 2.0, 0.5]), np.array([0.0, 2.0, -1.0, 1.0])),
]


def _controle_grad_mae(grad_mae):
    for P, x, y in _CAS_Q3:
        resultat = appeler(grad_mae, P, x.copy(), y.copy(), nom="grad_mae")
        g = tableau(resultat, "ce que renvoie grad_mae")
        if g.size != 2:
            raise Incorrect(f"grad_mae doit renvoyer deux nombres (∂E/∂a puis ∂E/∂b) ; vous renvoyez "
                            f"{g.size} valeur(s).")
        g = g.ravel()
        attendu = _grad_mae_ref(P, x, y)
        texte = f"(a, b) = ({float(P[0]):g}, {float(P[1]):g}) et {len(x)} points"
        if np.allclose(g, attendu):
            continue
        if np.allclose(g, -attendu):
            raise Incorrect(f"Pour {texte}, les deux dérivées ont le mauvais signe : la dérivée de "
                            "|y_i − (a x_i + b)| par rapport à a est −x_i fois le signe de l'écart.")
        if np.allclose(g, attendu * len(x)):
            raise Incorrect(f"Pour {texte}, vous calculez une somme : l'erreur absolue MOYENNE divise par N.")
        if np.allclose(g, attendu[::-1]):
            raise Incorrect(f"Pour {texte}, les deux composantes sont échangées : ∂E/∂a d'abord, ∂E/∂b ensuite.")
        if np.allclose(g, _grad_mse(P, x, y)) or np.allclose(g, _grad_mse(P, x, y) / 2):
            raise Incorrect(f"Pour {texte}, c'est le gradient de l'erreur quadratique (mse) : pour la valeur "
                            "absolue, l'écart y_i − (a x_i + b) est remplacé par son signe.")
        faux = [nom for nom, v, w in (("∂E/∂a", g[0], attendu[0]), ("∂E/∂b", g[1], attendu[1]))
                if not math.isclose(v, w, rel_tol=1e-6, abs_tol=1e-9)]
        raise Incorrect(f"Pour {texte}, la composante {' et la composante '.join(faux)} ne convient pas.")


q3 = Exercice(
    "Le gradient de l'erreur absolue moyenne",
    _controle_grad_mae,
    indices=["La dérivée de |u| est le signe de u (np.sign), pour u ≠ 0.",
             "Avec r = y - (a * x + b) : ∂E/∂a = −moyenne(x · signe(r)) et ∂E/∂b = −moyenne(signe(r))."],
    solution=("def grad_mae(P, x, y):\n"
              "    a, b = P\n"
              "    s = np.sign(y - (a * x + b))\n"
              "    return np.array([-np.mean(x * s), -np.mean(s)])"),
)


# --------------------------------------------------------------------------- q4
_CAS_Q4 = [(10, 3), (12, 4), (5, 5), (7, 1), (9, 4)]


def _indices_lots(resultat, N, K):
    if isinstance(resultat, (str, bytes, dict, set)) or not hasattr(resultat, "__len__"):
        raise Incorrect("lots doit renvoyer une liste de lots (chaque lot est un tableau ou une liste "
                        f"d'indices) ; vous renvoyez un objet de type {type(resultat).__name__}.")
    paquets = []
    for lot in resultat:
        t = tableau(lot, "chaque lot")
        if t.ndim != 1:
            raise Incorrect("Chaque lot doit être une liste (ou un tableau à une dimension) d'indices.")
        paquets.append(t)
    tailles = [len(p) for p in paquets]
    attendues = [K] * (N // K) + ([N % K] if N % K else [])
    tout = np.concatenate(paquets) if paquets else np.array([])
    if sorted(tout.tolist()) != list(range(N)):
        raise Incorrect(f"Pour N = {N} et K = {K}, vos lots réunis doivent contenir chaque indice 0, 1, …, "
                        f"N − 1 exactement une fois ; ce n'est pas le cas.")
    if tailles != attendues:
        raise Incorrect(f"Pour N = {N} et K = {K}, les tailles de vos lots sont {tailles} : chaque lot doit "
                        "compter K indices, sauf le dernier qui garde le reste s'il y en a un.")
    return tout


def _controle_lots(lots):
    for N, K in _CAS_Q4:
        tout = _indices_lots(appeler(lots, N, K, np.random.default_rng(0), nom="lots"), N, K)
        if K < N and np.array_equal(tout, np.arange(N)):
            raise Incorrect(f"Pour N = {N} et K = {K}, les indices sont dans l'ordre 0, 1, 2… : il faut les "
                            "mélanger avant de les découper (rng.permutation).")
        encore = _indices_lots(appeler(lots, N, K, np.random.default_rng(0), nom="lots"), N, K)
        if not np.array_equal(tout, encore):
            raise Incorrect("Deux appels avec le même générateur rng = np.random.default_rng(0) donnent des "
                            "lots différents : tirez l'ordre avec le générateur rng reçu, pas avec un autre.")
    differents = {tuple(_indices_lots(appeler(lots, 12, 4, np.random.default_rng(g), nom="lots"), 12, 4))
                  for g in range(5)}
    if len(differents) == 1:
        raise Incorrect("Avec cinq générateurs différents, vous obtenez toujours le même ordre : tirez le "
                        "mélange avec le générateur rng reçu en argument.")


q4 = Exercice(
    "Découper une époque en lots",
    _controle_lots,
    indices=["Mélangez d'abord les indices 0, …, N − 1 : ordre = rng.permutation(N).",
             "Puis découpez : [ordre[j:j + K] for j in range(0, N, K)] ; la dernière tranche est plus courte "
             "si K ne divise pas N."],
    solution=("def lots(N, K, rng):\n"
              "    ordre = rng.permutation(N)\n"
              "    return [ordre[j:j + K] for j in range(0, N, K)]"),
)


# --------------------------------------------------------------------------- q5
def _rmsprop_ref(theta, s, g, rho, beta, eps):
    s = beta * s + (1 - beta) * g**2
    return theta - rho * g / (np.sqrt(s) + eps), s


_CAS_Q5 = [
    (np.array([1.0, -3.0]), np.array([0.0, 0.0]), np.array([2.0, -0.5]), 0.1, 0.9),
    (np.array([0.5, 2.0, -1.0]), np.array([0.4, 0.01, 1.0]), np.array([-1.0, 0.2, 3.0]), 0.01, 0.99),
    (np.array([-2.0]), np.array([4.0]), np.array([0.5]), 0.05, 0.5),
]


def _controle_rmsprop(pas_rmsprop):
    for theta, s, g, rho, beta in _CAS_Q5:
        resultat = appeler(pas_rmsprop, theta.copy(), s.copy(), g.copy(), rho, beta, nom="pas_rmsprop")
        if not isinstance(resultat, (tuple, list)) or len(resultat) != 2:
            raise Incorrect("pas_rmsprop doit renvoyer deux choses, (theta, s) : le nouveau point et la nouvelle "
                            "moyenne des carrés.")
        t_r, s_r = (tableau(v, nom) for v, nom in zip(resultat, ("le nouveau theta", "le nouveau s")))
        t_a, s_a = _rmsprop_ref(theta, s, g, rho, beta, 1e-8)
        texte = f"θ = {theta.tolist()}, s = {s.tolist()}, g = {g.tolist()}, ρ = {rho:g}, β = {beta:g}"
        if t_r.shape != theta.shape or s_r.shape != theta.shape:
            raise Incorrect(f"theta et s doivent garder la taille {theta.shape} ; vous renvoyez {t_r.shape} "
                            f"et {s_r.shape}.")
        if not np.allclose(s_r, s_a, rtol=1e-9, atol=1e-12):
            if np.allclose(s_r, beta * s + (1 - beta) * g):
                raise Incorrect(f"Pour {texte}, s doit être une moyenne glissante des CARRÉS g² du gradient.")
            if np.allclose(s_r, (1 - beta) * s + beta * g**2):
                raise Incorrect(f"Pour {texte}, les poids β et 1 − β sont échangés : l'ancien s garde la part β.")
            raise Incorrect(f"Pour {texte}, la nouvelle valeur de s ne suit pas s ← β s + (1 − β) g².")
        if np.allclose(t_r, t_a, rtol=1e-9, atol=1e-12):
            continue
        if np.allclose(t_r, theta - rho * g / (np.sqrt(s) + 1e-8)):
            raise Incorrect(f"Pour {texte}, vous divisez par l'ANCIEN s : mettez d'abord s à jour, puis "
                            "servez-vous du nouveau.")
        if np.allclose(t_r, theta - rho * g / (s_a + 1e-8)):
            raise Incorrect(f"Pour {texte}, il manque la racine carrée : on divise par √s.")
        if np.allclose(t_r, theta + rho * g / (np.sqrt(s_a) + 1e-8)):
            raise Incorrect(f"Pour {texte}, le pas va dans le mauvais sens : on descend, θ − ρ g/(√s + ε).")
        raise Incorrect(f"Pour {texte}, le nouveau theta ne suit pas θ ← θ − ρ g / (√s + ε).")


q5 = Exercice(
    "Un pas de RMSProp",
    _controle_rmsprop,
    indices=["Deux lignes : d'abord s = beta * s + (1 - beta) * g**2, puis le pas sur theta avec ce nouveau s.",
             "theta = theta - rho * g / (np.sqrt(s) + eps), puis return theta, s."],
    solution=("def pas_rmsprop(theta, s, g, rho, beta=0.9, eps=1e-8):\n"
              "    s = beta * s + (1 - beta) * g**2\n"
              "    theta = theta - rho * g / (np.sqrt(s) + eps)\n"
              "    return theta, s"),
)

EXERCICES = [q1, q2, q3, q4, q5]
