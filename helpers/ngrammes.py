"""Modèles n-grammes de caractères lissés (Kneser–Ney interpolé), présentés au chapitre 19.

Un modèle n-gramme de caractères prédit le caractère suivant d'après les
n − 1 précédents. Ses probabilités sont lissées par la méthode de
**Kneser–Ney interpolée** (Chen et Goodman, 1998) : à chaque ordre, on retire
une remise D = n₁ / (n₁ + 2 n₂) à chaque compte observé (n₁, n₂ : nombres
de n-grammes vus une et deux fois), et la masse ainsi libérée est redonnée à
l'ordre inférieur, jusqu'à une loi uniforme sur le vocabulaire (plus un
caractère « inconnu ») : aucune probabilité n'est jamais nulle.

Tout est calculé avec NumPy : chaque n-gramme est codé par un entier
(écriture en base V, V la taille du vocabulaire), compté avec ``np.unique``
et retrouvé avec ``np.searchsorted``.

En ligne de commande, ``python -m helpers.ngrammes`` entraîne les modèles
n = 1 à 8 sur la partie d'entraînement du corpus et écrit leurs bits par
caractère sur la validation et le test dans ``data/ngrammes_caracteres.json``
(la référence que le GPT du chapitre 20 doit battre).
"""
import json
import sys

import numpy as np

__all__ = ["FICHIER_REFERENCES", "ModeleCaracteres", "calculer_references", "lire_references"]

FICHIER_REFERENCES = "ngrammes_caracteres.json"
_INCONNU = 0


class ModeleCaracteres:
    """Modèle n-gramme de caractères lissé par Kneser–Ney interpolé (présenté au chapitre 19).

    >>> m = ModeleCaracteres(2).entrainer("abracadabra " * 20)
    >>> round(sum(m.probabilites("a").values()), 6)
    1.0
    >>> m.bits_par_caractere("abracadabra") < 2.0
    True
    >>> ModeleCaracteres(0)
    Traceback (most recent call last):
    ...
    ValueError: L'ordre n doit être un entier entre 1 et 8, pas 0.
    """

    def __init__(self, n):
        if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or not 1 <= n <= 8:
            raise ValueError(f"L'ordre n doit être un entier entre 1 et 8, pas {n!r}.")
        self.n = int(n)
        self.tables = None

    # -- codage -----------------------------------------------------------
    def _coder(self, texte):
        if not isinstance(texte, str):
            raise TypeError(f"Le texte doit être une chaîne de caractères, pas {type(texte).__name__}.")
        codes = np.frombuffer(texte.encode("utf-32-le"), dtype=np.uint32).astype(np.int64)
        return self._table_codes[np.minimum(codes, len(self._table_codes) - 1)]

    def _kgrammes(self, x, k):
        """Codes entiers des k-grammes se terminant à chaque position de x (x déjà complété)."""
        V = self.V
        code = np.zeros(len(x) - k + 1, dtype=np.int64)
        for j in range(k):
            code = code * V + x[j:len(x) - k + 1 + j]
        return code

    # -- entraînement ------------------------------------------------------
    def entrainer(self, texte):
        """Compte les n-grammes du texte et prépare les tables lissées ; renvoie le modèle."""
        if not isinstance(texte, str):
            raise TypeError(f"Le texte doit être une chaîne de caractères, pas {type(texte).__name__}.")
        if not texte:
            raise ValueError("Le texte d'entraînement est vide.")
        self.vocabulaire = ["\uFFFD"] + sorted(set(texte) | {"\n"})
        maxi = max(ord(c) for c in self.vocabulaire) + 2
        self._table_codes = np.full(maxi, _INCONNU, dtype=np.int64)
        for i, c in enumerate(self.vocabulaire[1:], start=1):
            self._table_codes[ord(c)] = i
        self.V = len(self.vocabulaire)
        n, V = self.n, self.V
        x = np.concatenate([np.full(n - 1, self._table_codes[ord("\n")]), self._coder(texte)])
        self.tables = {}
        distincts_superieur = None
        for k in range(n, 0, -1):
            if k == n:
                codes, comptes = np.unique(self._kgrammes(x, k), return_counts=True)
            else:  # comptes de continuation : nombre de caractères distincts devant le k-gramme
                codes, comptes = np.unique(distincts_superieur % V ** k, return_counts=True)
            n1, n2 = np.sum(comptes == 1), np.sum(comptes == 2)
            D = float(n1 / (n1 + 2 * n2)) if n1 + n2 > 0 else 0.5
            contextes, inverse = np.unique(codes // V, return_inverse=True)
            totaux = np.bincount(inverse, weights=comptes).astype(np.float64)
            types = np.bincount(inverse).astype(np.float64)
            self.tables[k] = (codes, comptes.astype(np.float64), D, contextes, totaux, types)
            distincts_superieur = codes
        return self

    # -- probabilités ------------------------------------------------------
    def _proba_codes(self, x):
        """Probabilité de x[i] sachant ce qui précède, pour i ≥ n − 1 (x déjà codé et complété)."""
        if self.tables is None:
            raise ValueError("Le modèle n'est pas entraîné : appelez d'abord entrainer(texte).")
        n, V = self.n, self.V
        m = len(x) - n + 1
        p = np.full(m, 1.0 / V)
        for k in range(1, n + 1):
            codes, comptes, D, contextes, totaux, types = self.tables[k]
            g = self._kgrammes(x[n - k:], k)
            i = np.searchsorted(codes, g).clip(0, len(codes) - 1)
            c = np.where(codes[i] == g, comptes[i], 0.0)
            h = g // V
            j = np.searchsorted(contextes, h).clip(0, len(contextes) - 1)
            vu = contextes[j] == h
            tot, typ = np.where(vu, totaux[j], 1.0), np.where(vu, types[j], 0.0)
            p = np.where(vu, (np.maximum(c - D, 0.0) + D * typ * p) / tot, p)
        return p

    def bits_par_caractere(self, texte, contexte="\n"):
        """Entropie croisée moyenne, en bits par caractère, du texte sous le modèle.

        Le premier caractère est prédit après ``contexte`` (une fin de ligne
        par défaut, comme entre deux paragraphes).
        """
        if not isinstance(texte, str) or not texte:
            raise ValueError("Le texte à évaluer doit être une chaîne non vide.")
        debut = (("\n" * self.n) + contexte)[-(self.n - 1):] if self.n > 1 else ""
        x = self._coder(debut + texte)
        return float(-np.mean(np.log2(self._proba_codes(x))))

    def probabilites(self, contexte):
        """Loi du caractère suivant après ``contexte`` : dictionnaire {caractère: probabilité}."""
        if not isinstance(contexte, str):
            raise TypeError(f"Le contexte doit être une chaîne de caractères, pas {type(contexte).__name__}.")
        if self.tables is None:
            raise ValueError("Le modèle n'est pas entraîné : appelez d'abord entrainer(texte).")
        debut = (("\n" * self.n) + contexte)[-(self.n - 1):] if self.n > 1 else ""
        h = self._coder(debut)
        x = np.stack([np.concatenate([h, [c]]) for c in range(self.V)])
        p = np.array([self._proba_codes(ligne)[-1] for ligne in x])
        return dict(zip(self.vocabulaire, p.tolist()))

    def generer(self, debut, nb_caracteres, graine=0, temperature=1.0):
        """Prolonge ``debut`` de ``nb_caracteres`` caractères tirés au hasard selon le modèle."""
        if temperature <= 0:
            raise ValueError("La température doit être strictement positive.")
        rng = np.random.default_rng(graine)
        texte = debut
        for _ in range(nb_caracteres):
            loi = self.probabilites(texte)
            car = list(loi)[1:]
            p = np.array([loi[c] for c in car]) ** (1 / temperature)
            texte += car[rng.choice(len(car), p=p / p.sum())]
        return texte


def calculer_references(ordres=range(1, 9), rapide=False, afficher=True):
    """Bits par caractère des n-grammes de caractères sur la validation et le test du corpus.

    Entraînement sur ``texte_modele_langue("entrainement")`` ; renvoie un
    dictionnaire prêt à écrire en JSON. Présenté au chapitre 19.

    >>> r = calculer_references(ordres=[1], rapide=True, afficher=False)
    >>> 4 < r["bits_par_caractere"]["1"]["test"] < 5
    True
    """
    from helpers.donnees import _CORPUS, DOSSIER_DONNEES, empreinte, texte_modele_langue

    entrainement = texte_modele_langue("entrainement", rapide=rapide)
    evaluation = {p: texte_modele_langue(p, rapide=rapide) for p in ("validation", "test")}
    resultats = {}
    for n in ordres:
        modele = ModeleCaracteres(n).entrainer(entrainement)
        resultats[str(n)] = {p: round(modele.bits_par_caractere(t), 4) for p, t in evaluation.items()}
        if afficher:
            print(f"n = {n} : validation {resultats[str(n)]['validation']:.4f}, "
                  f"test {resultats[str(n)]['test']:.4f} bits par caractère")
    return {
        "description": "Bits par caractère des modèles n-grammes de caractères (Kneser–Ney interpolé, "
                       "remise D = n1/(n1+2 n2) par ordre, repli final uniforme sur le vocabulaire + inconnu), "
                       "entraînés sur texte_modele_langue('entrainement'), évalués sur 'validation' et 'test'. "
                       "Fabriqué par : python -m helpers.ngrammes",
        "corpus_sha256": empreinte(DOSSIER_DONNEES / _CORPUS),
        "rapide": rapide,
        "caracteres_entrainement": len(entrainement),
        "caracteres_evaluation": {p: len(t) for p, t in evaluation.items()},
        "bits_par_caractere": resultats,
    }


def lire_references():
    """Les bits par caractère des n-grammes écrits dans ``data/ngrammes_caracteres.json``.

    Présenté au chapitre 19.

    Lu par les chapitres 18, 19 et 20 : la référence des modèles de langue.

    >>> ref = lire_references()
    >>> ref["bits_par_caractere"]["3"]["test"] < ref["bits_par_caractere"]["1"]["test"]
    True
    """
    from helpers.donnees import _fichier

    return json.loads(_fichier(FICHIER_REFERENCES).read_text(encoding="utf-8"))


def _ecrire(resultats, chemin):
    chemin.write_text(json.dumps(resultats, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")


if __name__ == "__main__":
    from helpers.donnees import DOSSIER_DONNEES

    resultats = calculer_references(rapide="--rapide" in sys.argv)
    chemin = DOSSIER_DONNEES / FICHIER_REFERENCES
    _ecrire(resultats, chemin)
    print(f"{chemin} écrit.")
