"""Exercices du chapitre 17 : PyTorch en pratique.

* ``q1`` : écrire un ``Dataset`` qui prépare les images au vol (division par 16, bons types) ;
* ``q2`` : écrire une époque d'apprentissage qui renvoie la perte moyenne par exemple ;
* ``q3`` : corriger une boucle d'apprentissage qui oublie ``zero_grad``.

``boucle_de_reference`` est la boucle corrigée de l'exercice 3 : le chapitre s'en
sert pour tracer la courbe juste, même quand l'exercice n'est pas encore fait.
Les contrôles comparent aux calculs de référence et expliquent l'écart sans donner la solution.
"""
import copy
import inspect

import numpy as np

from . import Exercice, Incorrect, PasDeReponse, appeler, est_vide

__all__ = ["q1", "q2", "q3", "EXERCICES", "boucle_de_reference"]


def _torch():
    import torch

    return torch


# --------------------------------------------------------------------------- q1
def _controle_dataset(classe):
    torch = _torch()
    if est_vide(classe):
        raise PasDeReponse
    if not inspect.isclass(classe):
        raise Incorrect(f"On attend une classe (class ChiffresBruts(Dataset): …) ; vous avez donné un objet de type "
                        f"{type(classe).__name__}.")
    if not issubclass(classe, torch.utils.data.Dataset):
        raise Incorrect("Votre classe doit hériter de torch.utils.data.Dataset : class ChiffresBruts(Dataset).")
    if not any(nom in vars(classe) for nom in ("__init__", "__len__", "__getitem__")):
        raise PasDeReponse  # le squelette « pass » du cahier
    rng = np.random.default_rng(17)
    X = rng.integers(0, 17, size=(10, 64)).astype(np.float64)
    y = rng.integers(0, 10, size=10)
    try:
        donnees = classe(X.copy(), y.copy())
    except Exception as erreur:  # l'étudiant doit voir l'erreur, pas une trace de pile
        raise Incorrect(f"ChiffresBruts(X, y) provoque une erreur : {type(erreur).__name__} : {erreur}") from None
    taille = appeler(len, donnees, nom="len")
    if taille != 10:
        raise Incorrect(f"Pour 10 images, len(donnees) doit valoir 10 ; vous obtenez {taille}.")
    for i in (0, 3, 9):
        exemple = appeler(donnees.__getitem__, i, nom="donnees.__getitem__")
        if not isinstance(exemple, (tuple, list)) or len(exemple) != 2:
            raise Incorrect("donnees[i] doit renvoyer un couple (x, etiquette).")
        x, etiquette = exemple
        if not isinstance(x, torch.Tensor):
            raise Incorrect(f"x doit être un tenseur PyTorch ; vous renvoyez un objet de type {type(x).__name__}.")
        if x.dtype != torch.float32:
            raise Incorrect(f"x est de type {x.dtype} : les couches nn.Linear attendent du torch.float32.")
        if tuple(x.shape) != (64,):
            raise Incorrect(f"x doit avoir la taille (64,) ; vous renvoyez la taille {tuple(x.shape)}.")
        valeurs = x.detach().cpu().numpy()
        if np.allclose(valeurs, X[i]):
            raise Incorrect("Les pixels ne sont pas divisés par 16 : ils doivent aller de 0 à 1.")
        if not np.allclose(valeurs, X[i] / 16, atol=1e-6):
            raise Incorrect(f"donnees[{i}] ne contient pas les pixels de l'image numéro {i}, divisés par 16.")
        if not isinstance(etiquette, torch.Tensor) or etiquette.dtype != torch.int64 or etiquette.numel() != 1:
            raise Incorrect("L'étiquette doit être un tenseur entier (torch.int64) à un seul élément, comme l'attend "
                            "nn.CrossEntropyLoss.")
        if int(etiquette.item()) != int(y[i]):
            raise Incorrect(f"L'étiquette de donnees[{i}] n'est pas le chiffre de l'image numéro {i}.")
    lot_x, lot_y = next(iter(torch.utils.data.DataLoader(donnees, batch_size=4)))
    if tuple(lot_x.shape) != (4, 64) or tuple(lot_y.shape) != (4,):
        raise Incorrect(f"Un DataLoader de lots de 4 donne des tailles {tuple(lot_x.shape)} et {tuple(lot_y.shape)} ; "
                        "on attend (4, 64) et (4,) : l'étiquette doit être un tenseur à zéro dimension.")


q1 = Exercice(
    "Votre propre Dataset",
    _controle_dataset,
    indices=["Dans __init__, convertissez une fois pour toutes : torch.tensor(X / 16, dtype=torch.float32) et "
             "torch.tensor(y, dtype=torch.int64).",
             "__len__ renvoie len(self.y) ; __getitem__(self, i) renvoie self.X[i], self.y[i]."],
    solution=("class ChiffresBruts(Dataset):\n"
              "    def __init__(self, X, y):\n"
              "        self.X = torch.tensor(np.asarray(X) / 16, dtype=torch.float32)\n"
              "        self.y = torch.tensor(np.asarray(y), dtype=torch.int64)\n\n"
              "    def __len__(self):\n"
              "        return len(self.y)\n\n"
              "    def __getitem__(self, i):\n"
              "        return self.X[i], self.y[i]"),
)


# --------------------------------------------------------------------------- q2
def _situation_q2():
    """Un petit réseau, des données de 10 exemples en lots de 4 (le dernier lot en a 2)."""
    torch = _torch()
    nn = torch.nn
    generateur = torch.Generator().manual_seed(2)
    X = torch.randn(10, 5, generator=generateur)
    y = torch.randint(0, 3, (10,), generator=generateur)
    torch.manual_seed(5)
    modele = nn.Sequential(nn.Linear(5, 4), nn.Tanh(), nn.Linear(4, 3))
    chargeur = torch.utils.data.DataLoader(torch.utils.data.TensorDataset(X, y), batch_size=4, shuffle=False)
    return modele, chargeur


def _epoque_reference(modele, chargeur, zero_grad=True):
    torch = _torch()
    perte_fn = torch.nn.CrossEntropyLoss()
    optimiseur = torch.optim.SGD(modele.parameters(), lr=0.5)
    pertes, tailles = [], []
    modele.train()
    for x, y in chargeur:
        if zero_grad:
            optimiseur.zero_grad()
        perte = perte_fn(modele(x), y)
        perte.backward()
        optimiseur.step()
        pertes.append(perte.item())
        tailles.append(len(y))
    return pertes, tailles


def _memes_poids(a, b):
    torch = _torch()
    return all(torch.allclose(p, q, rtol=1e-5, atol=1e-7) for p, q in zip(a.parameters(), b.parameters()))


def _controle_epoque(une_epoque):
    torch = _torch()
    if est_vide(une_epoque):
        raise PasDeReponse
    modele, chargeur = _situation_q2()
    reference, sans_zero = copy.deepcopy(modele), copy.deepcopy(modele)
    pertes, tailles = _epoque_reference(reference, chargeur)
    _epoque_reference(sans_zero, chargeur, zero_grad=False)
    initial = copy.deepcopy(modele)
    optimiseur = torch.optim.SGD(modele.parameters(), lr=0.5)
    resultat = appeler(une_epoque, modele, chargeur, torch.nn.CrossEntropyLoss(), optimiseur, nom="une_epoque")
    if _memes_poids(modele, initial):
        raise Incorrect("Après l'époque, les poids n'ont pas bougé : appelez backward() puis optimiseur.step() pour "
                        "chaque lot.")
    if not _memes_poids(modele, reference):
        if _memes_poids(modele, sans_zero):
            raise Incorrect("Les gradients s'accumulent d'un lot à l'autre : appelez optimiseur.zero_grad() au début "
                            "de chaque étape.")
        raise Incorrect("Après l'époque, les poids ne sont pas ceux d'une étape zero_grad, passe avant, perte, "
                        "backward, step par lot (n'oubliez aucun lot).")
    if isinstance(resultat, torch.Tensor) and resultat.numel() == 1:
        resultat = resultat.item()
    if isinstance(resultat, (bool, np.bool_)) or not isinstance(resultat, (int, float, np.number)):
        raise Incorrect("une_epoque doit renvoyer la perte moyenne, un nombre (utilisez perte.item()) ; vous renvoyez "
                        f"un objet de type {type(resultat).__name__}.")
    attendu = float(np.average(pertes, weights=tailles))
    if np.isclose(resultat, attendu, rtol=1e-5):
        return
    if np.isclose(resultat, np.mean(pertes), rtol=1e-5):
        raise Incorrect("Vous faites la moyenne des pertes des lots ; le dernier lot est plus petit : pondérez chaque "
                        "perte par le nombre d'exemples du lot.")
    if np.isclose(resultat, pertes[-1], rtol=1e-5):
        raise Incorrect("Vous renvoyez la perte du dernier lot ; on attend la moyenne sur toute l'époque.")
    if np.isclose(resultat, np.sum(np.multiply(pertes, tailles)), rtol=1e-5) or np.isclose(resultat, sum(pertes),
                                                                                             rtol=1e-5):
        raise Incorrect("Vous renvoyez une somme ; divisez par le nombre total d'exemples.")
    raise Incorrect("Les poids sont justes, mais la valeur renvoyée n'est pas la perte moyenne par exemple.")


q2 = Exercice(
    "Écrire une époque",
    _controle_epoque,
    indices=["Pour chaque lot (x, y) du chargeur : optimiseur.zero_grad() ; perte = perte_fn(modele(x), y) ; "
             "perte.backward() ; optimiseur.step().",
             "Accumulez perte.item() * len(y) et le nombre d'exemples, puis renvoyez leur quotient."],
    solution=("def une_epoque(modele, chargeur, perte_fn, optimiseur):\n"
              "    modele.train()\n"
              "    total, n = 0.0, 0\n"
              "    for x, y in chargeur:\n"
              "        optimiseur.zero_grad()\n"
              "        perte = perte_fn(modele(x), y)\n"
              "        perte.backward()\n"
              "        optimiseur.step()\n"
              "        total += perte.item() * len(y)\n"
              "        n += len(y)\n"
              "    return total / n"),
)


# --------------------------------------------------------------------------- q3
def boucle_de_reference(modele, X, y, etapes, pas=0.05):
    """La boucle corrigée de l'exercice 3 : descente de gradient (SGD) sur l'erreur quadratique, pertes par étape.

    >>> import torch
    >>> _ = torch.manual_seed(0)
    >>> X = torch.rand(20, 2); y = X.sum(dim=1, keepdim=True)
    >>> pertes = boucle_de_reference(torch.nn.Linear(2, 1), X, y, 50, pas=0.1)
    >>> pertes[-1] < pertes[0]
    True
    """
    torch = _torch()
    if not isinstance(modele, torch.nn.Module):
        raise TypeError(f"modele doit être un torch.nn.Module, pas {type(modele).__name__}.")
    if isinstance(etapes, bool) or not isinstance(etapes, int) or etapes < 1:
        raise ValueError(f"etapes doit être un entier au moins égal à 1 ; reçu {etapes!r}.")
    optimiseur = torch.optim.SGD(modele.parameters(), lr=pas)
    perte_fn = torch.nn.MSELoss()
    pertes = []
    for _ in range(etapes):
        optimiseur.zero_grad()
        perte = perte_fn(modele(X), y)
        perte.backward()
        optimiseur.step()
        pertes.append(perte.item())
    return pertes


def _situation_q3():
    torch = _torch()
    nn = torch.nn
    generateur = torch.Generator().manual_seed(3)
    X = torch.rand(50, 3, generator=generateur) * 2 - 1
    y = X @ torch.tensor([[1.0], [0.5], [-1.5]]) - 0.2
    torch.manual_seed(3)
    return nn.Sequential(nn.Linear(3, 6), nn.Tanh(), nn.Linear(6, 1)), X, y


def _pertes_sans_zero(modele, X, y, etapes, pas):
    torch = _torch()
    optimiseur = torch.optim.SGD(modele.parameters(), lr=pas)
    pertes = []
    for _ in range(etapes):
        perte = torch.nn.MSELoss()(modele(X), y)
        perte.backward()
        optimiseur.step()
        pertes.append(perte.item())
    return pertes


def _controle_boucle(boucle_corrigee):
    if est_vide(boucle_corrigee):
        raise PasDeReponse
    modele, X, y = _situation_q3()
    etapes, pas = 40, 0.05
    attendu = boucle_de_reference(copy.deepcopy(modele), X, y, etapes, pas)
    bogue = _pertes_sans_zero(copy.deepcopy(modele), X, y, etapes, pas)
    resultat = appeler(boucle_corrigee, copy.deepcopy(modele), X, y, etapes, pas, nom="boucle_corrigee")
    if not isinstance(resultat, (list, tuple, np.ndarray)) or isinstance(resultat, str):
        raise Incorrect("boucle_corrigee doit renvoyer la liste des pertes, une par étape ; vous renvoyez un objet "
                        f"de type {type(resultat).__name__}.")
    try:
        pertes = np.array([float(p.item()) if hasattr(p, "item") else float(p) for p in resultat])
    except (TypeError, ValueError):
        raise Incorrect("La liste renvoyée doit contenir des nombres (perte.item()).") from None
    if len(pertes) != etapes:
        raise Incorrect(f"Pour {etapes} étapes, on attend {etapes} pertes ; vous en renvoyez {len(pertes)}.")
    if np.allclose(pertes, attendu, rtol=1e-4):
        return
    if np.allclose(pertes, bogue, rtol=1e-4):
        raise Incorrect("Les pertes sont celles de la boucle boguée : les gradients s'accumulent toujours.")
    if np.allclose(pertes, pertes[0]):
        raise Incorrect("La perte ne change pas : les poids ne bougent plus. Le gradient doit être effacé AVANT "
                        "backward(), pas entre backward() et step().")
    raise Incorrect("Les pertes ne suivent pas celles de la boucle de référence (une étape : zero_grad, perte, "
                    "backward, step).")


q3 = Exercice(
    "Trouver le bogue",
    _controle_boucle,
    indices=["Comparez avec les cinq lignes d'une étape (section 3) : laquelle manque ?",
             "Ajoutez optimiseur.zero_grad() au début de chaque tour de boucle, avant le calcul de la perte."],
    solution=("def boucle_corrigee(modele, X, y, etapes, pas=0.05):\n"
              "    optimiseur = torch.optim.SGD(modele.parameters(), lr=pas)\n"
              "    perte_fn = nn.MSELoss()\n"
              "    pertes = []\n"
              "    for _ in range(etapes):\n"
              "        optimiseur.zero_grad()\n"
              "        perte = perte_fn(modele(X), y)\n"
              "        perte.backward()\n"
              "        optimiseur.step()\n"
              "        pertes.append(perte.item())\n"
              "    return pertes"),
)

EXERCICES = [q1, q2, q3]
