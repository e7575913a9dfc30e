"""Exercices du chapitre 19 : bonnes, mauvaises, partielles et mal typées réponses."""
import math

import numpy as np
import pytest

from helpers.exercices import CORRECT, INCORRECT, VIDE
from helpers.exercices import ch19 as ex


def _sortie(capsys):
    return capsys.readouterr().out


# ----------------------------------------------------------------- q1
def _zipf(frequences, nb_rangs=200):
    rangs = np.arange(1, nb_rangs + 1)
    pente, ordonnee = np.polyfit(np.log(rangs), np.log(frequences[:nb_rangs]), 1)
    return math.exp(ordonnee), -pente


def test_q1(essayer_reponses, capsys):
    def moindres_carres(f, n=200):  # même droite, calculée par lstsq
        A = np.c_[np.ones(n), np.log(np.arange(1, n + 1))]
        (b0, b1), *_ = np.linalg.lstsq(A, np.log(f[:n]), rcond=None)
        return [math.exp(b0), -b1]

    essayer_reponses(ex.q1, bonnes=[_zipf, moindres_carres], mauvaises=[
        lambda f, n=200: (math.log(_zipf(f, n)[0]), _zipf(f, n)[1]),       # ln a
        lambda f, n=200: (_zipf(f, n)[0], -_zipf(f, n)[1]),                # signe de c
        lambda f, n=200: _zipf(f, n)[::-1],                                # désordre
        lambda f, n=200: _zipf(f, 200),                                    # ignore nb_rangs
        lambda f, n=200: _zipf_rangs_depuis_zero(f, n),                    # rangs 0..n-1 (+1 oublié ailleurs)
        lambda f, n=200: _zipf(f, n)[1],                                   # un seul nombre
        lambda f, n=200: "zipf",
        lambda f: _zipf(f),                                                # mauvaise signature
        42,
    ])


def _zipf_rangs_depuis_zero(f, n):
    rangs = np.arange(2, n + 2)
    pente, ordonnee = np.polyfit(np.log(rangs), np.log(f[:n]), 1)
    return math.exp(ordonnee), -pente


def test_q1_messages(capsys):
    ex.q1.verifier(lambda f, n=200: (_zipf(f, n)[0], -_zipf(f, n)[1]))
    assert "signe" in _sortie(capsys)
    ex.q1.verifier(lambda f, n=200: (math.log(_zipf(f, n)[0]), _zipf(f, n)[1]))
    assert "ln a" in _sortie(capsys)
    assert not ex.q1.verifier(lambda f, n=200: (..., ...)) and ex.q1.etat == VIDE


# ----------------------------------------------------------------- q2
def test_q2(essayer_reponses):
    T = ex._T_moitie()
    essayer_reponses(ex.q2, bonnes=[T, round(T, 5), np.float64(T), np.array([T])],
                     mauvaises=[0.2, 0.25, round(T, 2), -T, 0, "0.2165", [T, T], True, math.nan])


def test_q2_sens(capsys):
    ex.q2.verifier(0.1)
    assert "trop basse" in _sortie(capsys)
    ex.q2.verifier(1.0)
    assert "trop haute" in _sortie(capsys)


def test_q2_valeur():
    T = ex._T_moitie()
    assert 0.2 < T < 0.23
    z = ex.X_TEMPERATURE / T
    assert abs(np.exp(z[2]) / np.exp(z).sum() - 0.5) < 1e-9


# ----------------------------------------------------------------- q3
def test_q3(essayer_reponses):
    def recompte(mot, fusions):             # applique seulement les fusions possibles, dans un autre ordre
        return ex._encoder_reference(mot, list(reversed(fusions)))

    def tuple_ok(mot, fusions):
        return tuple(ex._encoder_reference(mot, fusions))

    essayer_reponses(ex.q3, bonnes=[ex._encoder_reference, tuple_ok], mauvaises=[
        recompte,
        lambda mot, fusions: list(mot),                                  # aucune fusion
        lambda mot, fusions: [mot],                                      # tout fusionné
        lambda mot, fusions: ex._encoder_reference(mot, fusions)[:-1],   # perd un symbole
        lambda mot, fusions: "".join(ex._encoder_reference(mot, fusions)),
        lambda mot, fusions: [1, 2],
        lambda mot: list(mot),
        "encoder",
    ])


def test_q3_message_sans_perte(capsys):
    ex.q3.verifier(lambda mot, fusions: ex._encoder_reference(mot, fusions)[:-1])
    assert "sans perte" in _sortie(capsys)
    assert not ex.q3.verifier(lambda mot, fusions: ...) and ex.q3.etat == VIDE


# ----------------------------------------------------------------- q4
def _sans_exclusion(a, b, c, v, voc):
    p = {m: i for i, m in enumerate(voc)}
    t = v[p[b]] - v[p[a]] + v[p[c]]
    return voc[int(np.argmax(v @ t / (np.linalg.norm(v, axis=1) * np.linalg.norm(t))))]


def _produit_scalaire(a, b, c, v, voc):
    p = {m: i for i, m in enumerate(voc)}
    t = v[p[b]] - v[p[a]] + v[p[c]]
    return next(voc[i] for i in np.argsort(-(v @ t)) if voc[i] not in (a, b, c))


def _distance(a, b, c, v, voc):
    p = {m: i for i, m in enumerate(voc)}
    t = v[p[b]] - v[p[a]] + v[p[c]]
    return next(voc[i] for i in np.argsort(np.linalg.norm(v - t, axis=1)) if voc[i] not in (a, b, c))


def test_q4(essayer_reponses):
    essayer_reponses(ex.q4, bonnes=[ex._analogie_reference], mauvaises=[
        _sans_exclusion, _produit_scalaire, _distance,
        lambda a, b, c, v, voc: b,
        lambda a, b, c, v, voc: 3,
        lambda a, b, c, v, voc: "inexistant",
        lambda a, b, c: "reine",
        "reine",
    ])


def test_q4_messages(capsys):
    ex.q4.verifier(_sans_exclusion)
    assert "exclure" in _sortie(capsys)
    ex.q4.verifier(_produit_scalaire)
    assert "cosinus" in _sortie(capsys)


def test_exercices():
    assert ex.EXERCICES == [ex.q1, ex.q2, ex.q3, ex.q4]
    for q in ex.EXERCICES:
        q.solution()
        q.indice()
    assert ex.q1.etat in (None, CORRECT, INCORRECT, VIDE)


@pytest.mark.parametrize("q", ["q1", "q3", "q4"])
def test_pas_une_fonction(q, capsys):
    assert not getattr(ex, q).verifier(3.5)
    assert "fonction" in _sortie(capsys)
