"""Exercices du chapitre 18 : réseaux récurrents.

* ``q1`` : nombres de paramètres de ``nn.RNN(8, 16)``, ``nn.LSTM(8, 16)``, ``nn.GRU(8, 16)`` ;
* ``q2`` : premier pas où le gradient du RNN a perdu un facteur 1000 ;
* ``q3`` : écrire ``fenetres_horizon(serie, p, horizon)``.

Les contrôles recalculent eux-mêmes la bonne réponse ; leurs messages disent
ce qui ne va pas sans donner de valeur.
"""
import numbers

import numpy as np

from . import Exercice, Incorrect, PasDeReponse, appeler, est_vide, tableau

__all__ = ["EXERCICES", "q1", "q2", "q3"]


def _entier(reponse, nom):
    if est_vide(reponse):
        raise PasDeReponse
    if isinstance(reponse, (bool, np.bool_)) or not isinstance(reponse, (numbers.Integral, np.integer)):
        if isinstance(reponse, (float, np.floating)) and float(reponse).is_integer():
            return int(reponse)
        raise Incorrect(f"{nom} doit être un nombre entier ; "
                        f"vous avez donné un objet de type {type(reponse).__name__}.")
    return int(reponse)


# --------------------------------------------------------------------------- q1
_D, _H = 8, 16


def _controle_parametres(nb_rnn, nb_lstm, nb_gru):
    if est_vide(nb_rnn) or est_vide(nb_lstm) or est_vide(nb_gru):
        raise PasDeReponse
    rnn = _H * _D + _H * _H + 2 * _H
    valeurs = {"nn.RNN(8, 16)": (_entier(nb_rnn, "Le nombre de paramètres du RNN"), rnn),
               "nn.LSTM(8, 16)": (_entier(nb_lstm, "Le nombre de paramètres du LSTM"), 4 * rnn),
               "nn.GRU(8, 16)": (_entier(nb_gru, "Le nombre de paramètres du GRU"), 3 * rnn)}
    n_rnn = valeurs["nn.RNN(8, 16)"][0]
    if n_rnn != rnn:
        if n_rnn == rnn - _H:
            raise Incorrect("Pour nn.RNN(8, 16), il manque 16 paramètres : PyTorch met deux vecteurs de biais.")
        if n_rnn == _H * _D + _H * _H:
            raise Incorrect("Pour nn.RNN(8, 16), vous avez oublié les biais.")
        if n_rnn in (_D * _D + _D * _H + 2 * _H, _H * _D + _D * _D + 2 * _H):
            raise Incorrect("Pour nn.RNN(8, 16), la taille de W_hh ne convient pas : elle relie l'état à l'état.")
        raise Incorrect("Le nombre de paramètres de nn.RNN(8, 16) ne convient pas : comptez W_ih (16 × 8), "
                        "W_hh et les biais.")
    for nom, (donne, attendu) in valeurs.items():
        if donne != attendu:
            raise Incorrect(f"Le RNN est juste, mais pas {nom} : combien de jeux de poids de la taille de ceux "
                            "du RNN cette cellule a-t-elle ?")


q1 = Exercice(
    "Compter les poids d'un RNN, d'un LSTM, d'un GRU",
    _controle_parametres,
    indices=["W_ih a une ligne par unité et une colonne par composante de l'entrée ; "
             "W_hh relie l'état (16) à l'état (16).",
             "PyTorch met deux biais de 16 composantes, b_ih et b_hh.",
             "Le LSTM a quatre blocs (i, f, g, o) de la taille du RNN, le GRU trois (r, z, n)."],
    solution=("nb_rnn = 16 * 8 + 16 * 16 + 2 * 16   # 416\n"
              "nb_lstm = 4 * nb_rnn                 # 1664\n"
              "nb_gru = 3 * nb_rnn                  # 1248"),
)


# --------------------------------------------------------------------------- q2
def _pas_mille(normes):
    normes = np.asarray(normes, dtype=float)
    for k in range(1, len(normes)):
        if normes[k] <= normes[1] / 1000:
            return k
    return None


def _controle_pas(pas_mille, normes):
    if est_vide(pas_mille):
        raise PasDeReponse
    normes = tableau(normes, "Le tableau des normes")
    if normes.ndim != 1 or len(normes) < 3:
        raise Incorrect("Donnez en second argument le tableau normes[\"RNN\"] du chapitre.")
    k = _entier(pas_mille, "Le nombre de pas")
    attendu = _pas_mille(normes)
    if attendu is None:
        raise Incorrect("Dans ce tableau, la norme ne perd jamais un facteur 1000 : utilisez normes[\"RNN\"].")
    if k == attendu:
        return
    if k == attendu - 1:
        raise Incorrect(f"Au pas {k}, la norme n'a pas encore perdu un facteur 1000 : un de plus.")
    if k == attendu + 1:
        raise Incorrect("On demande le plus petit pas où la norme est au moins mille fois plus petite : un de moins.")
    if 0 <= k < len(normes) and normes[k] > normes[1] / 1000:
        raise Incorrect(f"Au pas {k}, la norme vaut encore plus d'un millième de la norme à 1 pas.")
    raise Incorrect(f"Le pas {k} n'est pas le premier où la norme passe sous le millième de normes[1] : "
                    "cherchez le premier, en partant de k = 1.")


q2 = Exercice(
    "Trois ordres de grandeur perdus",
    _controle_pas,
    indices=["Comparez chaque case du tableau à n_rnn[1] / 1000 : "
             "n_rnn <= n_rnn[1] / 1000 donne un tableau de booléens.",
             "np.argmax d'un tableau de booléens renvoie l'indice du premier True.",
             "La case 0 (le dernier pas) ne vérifie jamais la condition : argmax donne bien un pas ≥ 1."],
    solution="pas_mille = int(np.argmax(n_rnn <= n_rnn[1] / 1000))",
)


# --------------------------------------------------------------------------- q3
def _reference(serie, p, horizon):
    n = len(serie) - p - horizon + 1
    return np.stack([serie[k:k + p] for k in range(n)]), np.array([serie[k + p + horizon - 1] for k in range(n)])


_CAS_Q3 = [(np.arange(20.0), 3, 1), (np.arange(20.0) ** 2, 4, 5), (np.sin(np.arange(50.0)), 12, 3),
           (np.array([5.0, 1.0, 4.0, 2.0, 8.0, 7.0]), 2, 2)]


def _controle_fenetres(fenetres_horizon):
    if est_vide(fenetres_horizon):
        raise PasDeReponse
    if not callable(fenetres_horizon):
        raise Incorrect(f"On attend une fonction fenetres_horizon(serie, p, horizon) ; vous avez donné un objet de "
                        f"type {type(fenetres_horizon).__name__}.")
    for serie, p, h in _CAS_Q3:
        resultat = appeler(fenetres_horizon, serie.copy(), p, h, nom="fenetres_horizon")
        appel = f"fenetres_horizon(serie de {len(serie)} valeurs, p={p}, horizon={h})"
        if not isinstance(resultat, (tuple, list)) or len(resultat) != 2:
            raise Incorrect(f"{appel} doit renvoyer un couple (X, y).")
        X, y = tableau(resultat[0], "X"), tableau(resultat[1], "y")
        X_ref, y_ref = _reference(serie, p, h)
        if X.shape != X_ref.shape:
            raise Incorrect(f"{appel} : X a la taille {X.shape} au lieu de ({len(X_ref)}, {p}) : "
                            "combien de fenêtres complètes, cible comprise, tiennent dans la série ?")
        if not np.allclose(X, X_ref):
            raise Incorrect(f"{appel} : les fenêtres X ne contiennent pas les p valeurs passées attendues.")
        y = y.ravel()
        if y.shape != y_ref.shape:
            raise Incorrect(f"{appel} : y doit avoir une valeur par fenêtre.")
        if not np.allclose(y, y_ref):
            raise Incorrect(f"{appel} : les cibles y ne sont pas à la bonne distance de la fin de chaque fenêtre "
                            "(horizon 1 : la valeur qui suit immédiatement).")


q3 = Exercice(
    "Des fenêtres pour prévoir plus loin",
    _controle_fenetres,
    indices=["La fenêtre numéro k commence en serie[k] et se termine en serie[k + p - 1].",
             "Sa cible est horizon pas après la fin de la fenêtre : serie[k + p - 1 + horizon].",
             "La dernière cible possible est serie[len(serie) - 1] : il y a len(serie) - p - horizon + 1 fenêtres."],
    solution=("def fenetres_horizon(serie, p, horizon):\n"
              "    n = len(serie) - p - horizon + 1\n"
              "    X = np.stack([serie[k:k + p] for k in range(n)])\n"
              "    y = np.array([serie[k + p + horizon - 1] for k in range(n)])\n"
              "    return X, y"),
)

EXERCICES = [q1, q2, q3]
