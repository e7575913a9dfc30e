"""Exercices du chapitre 17 : bonnes, mauvaises, partielles et mal typées réponses."""
import numpy as np
import pytest
import torch
from torch import nn
from torch.utils.data import Dataset

from helpers.exercices import CORRECT, INCORRECT, VIDE
from helpers.exercices import ch17 as ex


def _sortie(capsys):
    return capsys.readouterr().out


def _communs_fonction(question, capsys):
    assert not question.verifier(...) and question.etat == VIDE
    assert not question.verifier(lambda *a: ...) and question.etat == VIDE
    assert not question.verifier(42) and question.etat == INCORRECT
    assert not question.verifier(lambda *a: 1 / 0) and question.etat == INCORRECT
    assert "ZeroDivisionError" in _sortie(capsys)


# ----------------------------------------------------------------- q1
class Bon(Dataset):
    def __init__(self, X, y):
        self.X = torch.tensor(np.asarray(X) / 16, dtype=torch.float32)
        self.y = torch.tensor(np.asarray(y), dtype=torch.int64)

    def __len__(self):
        return len(self.y)

    def __getitem__(self, i):
        return self.X[i], self.y[i]


class AuVol(Dataset):
    """Convertit à chaque appel : juste aussi."""

    def __init__(self, X, y):
        self.X, self.y = X, y

    def __len__(self):
        return len(self.X)

    def __getitem__(self, i):
        return torch.from_numpy(self.X[i] / 16).float(), torch.tensor(self.y[i])


def _variante(**changements):
    """Une sous-classe de Bon dont __getitem__ est remplacé."""
    return type("Variante", (Bon,), changements)


def test_q1_bonnes(capsys):
    assert ex.q1.verifier(Bon) and ex.q1.etat == CORRECT
    assert ex.q1.verifier(AuVol)


@pytest.mark.parametrize("mauvaise, mot", [
    (_variante(__getitem__=lambda self, i: (self.X[i] * 16, self.y[i])), "divisés par 16"),
    (_variante(__getitem__=lambda self, i: (self.X[i].double(), self.y[i])), "float32"),
    (_variante(__getitem__=lambda self, i: (self.X[i].numpy(), self.y[i])), "tenseur PyTorch"),
    (_variante(__getitem__=lambda self, i: (self.X[i].view(8, 8), self.y[i])), "taille (64,)"),
    (_variante(__getitem__=lambda self, i: (self.X[i], int(self.y[i]))), "torch.int64"),
    (_variante(__getitem__=lambda self, i: (self.X[i], self.y[i].float())), "torch.int64"),
    (_variante(__getitem__=lambda self, i: (self.X[i], self.y[i].view(1))), "zéro dimension"),
    (_variante(__getitem__=lambda self, i: (self.X[0], self.y[0])), "numéro"),
    (_variante(__getitem__=lambda self, i: self.X[i]), "couple"),
    (_variante(__len__=lambda self: 64), "len(donnees)"),
])
def test_q1_mauvaises(mauvaise, mot, capsys):
    assert not ex.q1.verifier(mauvaise) and ex.q1.etat == INCORRECT
    assert mot in _sortie(capsys)


def test_q1_types(capsys):
    assert not ex.q1.verifier(...) and ex.q1.etat == VIDE

    class Squelette(Dataset):
        pass

    assert not ex.q1.verifier(Squelette) and ex.q1.etat == VIDE
    assert not ex.q1.verifier(Bon(np.zeros((2, 64)), [0, 1])) and "classe" in _sortie(capsys)
    assert not ex.q1.verifier(int) and "hériter" in _sortie(capsys)

    class Plante(Dataset):
        def __init__(self, X, y):
            raise ValueError("oups")

    assert not ex.q1.verifier(Plante) and "oups" in _sortie(capsys)


# ----------------------------------------------------------------- q2
def _epoque(modele, chargeur, perte_fn, optimiseur):
    modele.train()
    total, n = 0.0, 0
    for x, y in chargeur:
        optimiseur.zero_grad()
        perte = perte_fn(modele(x), y)
        perte.backward()
        optimiseur.step()
        total += perte.item() * len(y)
        n += len(y)
    return total / n


def _variante_epoque(zero=True, retour="moyenne", pas_de_step=False):
    def une_epoque(modele, chargeur, perte_fn, optimiseur):
        pertes, tailles = [], []
        for x, y in chargeur:
            if zero:
                optimiseur.zero_grad()
            perte = perte_fn(modele(x), y)
            perte.backward()
            if not pas_de_step:
                optimiseur.step()
            pertes.append(perte.item())
            tailles.append(len(y))
        if retour == "moyenne des lots":
            return sum(pertes) / len(pertes)
        if retour == "dernier":
            return pertes[-1]
        if retour == "somme":
            return sum(p * t for p, t in zip(pertes, tailles))
        if retour == "tenseur":
            return torch.tensor(pertes)
        return sum(p * t for p, t in zip(pertes, tailles)) / sum(tailles)

    return une_epoque


def test_q2_bonnes(capsys):
    assert ex.q2.verifier(_epoque) and ex.q2.etat == CORRECT
    assert ex.q2.verifier(_variante_epoque())


@pytest.mark.parametrize("mauvaise, mot", [
    (_variante_epoque(zero=False), "s'accumulent"),
    (_variante_epoque(pas_de_step=True), "n'ont pas bougé"),
    (_variante_epoque(retour="moyenne des lots"), "pondérez"),
    (_variante_epoque(retour="dernier"), "dernier lot"),
    (_variante_epoque(retour="somme"), "somme"),
    (_variante_epoque(retour="tenseur"), "un nombre"),
])
def test_q2_mauvaises(mauvaise, mot, capsys):
    assert not ex.q2.verifier(mauvaise) and ex.q2.etat == INCORRECT
    assert mot in _sortie(capsys)


def test_q2_un_seul_lot(capsys):
    def premier_lot(modele, chargeur, perte_fn, optimiseur):
        x, y = next(iter(chargeur))
        optimiseur.zero_grad()
        perte = perte_fn(modele(x), y)
        perte.backward()
        optimiseur.step()
        return perte.item()

    assert not ex.q2.verifier(premier_lot)
    assert "aucun lot" in _sortie(capsys)


def test_q2_communs(capsys):
    _communs_fonction(ex.q2, capsys)


# ----------------------------------------------------------------- q3
def _corrigee(modele, X, y, etapes, pas=0.05):
    optimiseur = torch.optim.SGD(modele.parameters(), lr=pas)
    pertes = []
    for _ in range(etapes):
        optimiseur.zero_grad()
        perte = nn.MSELoss()(modele(X), y)
        perte.backward()
        optimiseur.step()
        pertes.append(perte.item())
    return pertes


def test_q3_bonnes(capsys):
    assert ex.q3.verifier(_corrigee) and ex.q3.etat == CORRECT
    assert ex.q3.verifier(ex.boucle_de_reference)

    def avec_modele_zero_grad(modele, X, y, etapes, pas=0.05):
        optimiseur = torch.optim.SGD(modele.parameters(), lr=pas)
        pertes = []
        for _ in range(etapes):
            modele.zero_grad()
            perte = ((modele(X) - y) ** 2).mean()
            perte.backward()
            optimiseur.step()
            pertes.append(perte)            # des tenseurs : acceptés
        return pertes

    assert ex.q3.verifier(avec_modele_zero_grad)


def _boguee(modele, X, y, etapes, pas=0.05):
    optimiseur = torch.optim.SGD(modele.parameters(), lr=pas)
    pertes = []
    for _ in range(etapes):
        perte = nn.MSELoss()(modele(X), y)
        perte.backward()
        optimiseur.step()
        pertes.append(perte.item())
    return pertes


def _zero_mal_place(modele, X, y, etapes, pas=0.05):
    optimiseur = torch.optim.SGD(modele.parameters(), lr=pas)
    pertes = []
    for _ in range(etapes):
        perte = nn.MSELoss()(modele(X), y)
        perte.backward()
        optimiseur.zero_grad()
        optimiseur.step()
        pertes.append(perte.item())
    return pertes


@pytest.mark.parametrize("mauvaise, mot", [
    (_boguee, "boguée"),
    (_zero_mal_place, "AVANT"),
    (lambda m, X, y, e, pas=0.05: _corrigee(m, X, y, e, pas)[:-1], "pertes ; vous en renvoyez"),
    (lambda m, X, y, e, pas=0.05: _corrigee(m, X, y, e, 2 * pas), "référence"),
    (lambda m, X, y, e, pas=0.05: sum(_corrigee(m, X, y, e, pas)), "liste des pertes"),
    (lambda m, X, y, e, pas=0.05: ["a"] * e, "nombres"),
])
def test_q3_mauvaises(mauvaise, mot, capsys):
    assert not ex.q3.verifier(mauvaise) and ex.q3.etat == INCORRECT
    assert mot in _sortie(capsys)


def test_q3_communs(capsys):
    _communs_fonction(ex.q3, capsys)


def test_boucle_de_reference_erreurs():
    with pytest.raises(TypeError, match="torch.nn.Module"):
        ex.boucle_de_reference("réseau", None, None, 3)
    with pytest.raises(ValueError, match="entier"):
        ex.boucle_de_reference(nn.Linear(2, 1), None, None, 0)
