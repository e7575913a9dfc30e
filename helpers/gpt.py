"""Un petit GPT de caractères qui écrit en français (présenté au chapitre 20).

Le modèle est un *transformer* décodeur, comme GPT-2, en miniature : plongement
des jetons et des positions, blocs « attention causale multi-têtes + perceptron
à GELU » avec connexions résiduelles et normalisation de couche, puis
« déplongement » (*unembedding*) vers les logits du jeton suivant.

**Un jeton est un caractère.** Le vocabulaire est l'ensemble des caractères du
texte d'entraînement, plus deux jetons spéciaux : ``DEBUT`` (début de texte) et
``INCONNU`` (un caractère jamais vu). Un caractère inconnu n'est pas refusé : il
coûte ``-log2 p(INCONNU)`` bits, plus 8 bits par octet de son codage UTF-8 (on
l'écrit octet par octet, sans rien deviner), si bien que le nombre de bits par
caractère reste la longueur d'un vrai code.

API publique, pour réutiliser le modèle hors du chapitre :

* :func:`charger_modele` — le modèle livré avec le cours (``data/gpt/``), un
  seul objet qui porte son tokeniseur ;
* :func:`bits_par_caractere` — note n'importe quel texte français ;
* :func:`generer` — prolonge un début de texte de ``n`` caractères ;
* :func:`entrainer` — entraîne (ou reprend l'entraînement d') un modèle ;
* :func:`bits_compression` — la référence des compresseurs ``bzip2`` et ``lzma``.

Le modèle livré se réentraîne par ``python -m helpers.gpt entrainer`` (graine
fixe, reprise possible depuis un état sauvegardé : voir ``--help``).

>>> tok = Tokeniseur.depuis_texte("le chat")
>>> tok.decoder(tok.encoder("la tâche"))
'la t�che'
"""
from __future__ import annotations

import bz2
import json
import lzma
import math
import time
from dataclasses import asdict, dataclass
from pathlib import Path

__all__ = [
    "DOSSIER_MODELE",
    "GPT",
    "Configuration",
    "ModeleLangue",
    "Tokeniseur",
    "bits_compression",
    "bits_par_caractere",
    "charger_modele",
    "entrainer",
    "generer",
    "sauvegarder_modele",
]

DOSSIER_MODELE = Path(__file__).resolve().parents[1] / "data" / "gpt"
DEBUT, INCONNU = 0, 1
SYMBOLE_INCONNU = "\N{REPLACEMENT CHARACTER}"


def _verifier_texte(texte, nom="texte", vide_permis=False):
    if not isinstance(texte, str):
        raise TypeError(f"{nom} doit être une chaîne de caractères (str), pas {type(texte).__name__}.")
    if not vide_permis and not texte:
        raise ValueError(f"{nom} est vide : donnez au moins un caractère.")


def _verifier_entier(valeur, nom, minimum):
    if isinstance(valeur, bool) or not isinstance(valeur, int):
        raise TypeError(f"{nom} doit être un entier, pas {type(valeur).__name__}.")
    if valeur < minimum:
        raise ValueError(f"{nom} doit être au moins {minimum} (reçu : {valeur}).")


class Tokeniseur:
    """Tokeniseur de caractères : un jeton par caractère, plus ``DEBUT`` et ``INCONNU``.

    >>> tok = Tokeniseur(["a", "b"])
    >>> tok.encoder("abc"), len(tok)
    ([2, 3, 1], 4)
    """

    def __init__(self, caracteres):
        caracteres = list(caracteres)
        if len(set(caracteres)) != len(caracteres) or not all(isinstance(c, str) and len(c) == 1 for c in caracteres):
            raise ValueError("Le vocabulaire doit être une liste de caractères distincts (chaînes de longueur 1).")
        self.caracteres = caracteres
        self._indices = {c: i + 2 for i, c in enumerate(caracteres)}

    @classmethod
    def depuis_texte(cls, texte, min_occurrences=1):
        """Vocabulaire des caractères qui apparaissent au moins ``min_occurrences`` fois dans ``texte``.

        Les caractères plus rares sont laissés au jeton ``INCONNU`` : le modèle
        apprend ainsi quelle probabilité donner à un caractère jamais vu.

        >>> Tokeniseur.depuis_texte("abracadabra", min_occurrences=2).caracteres
        ['a', 'b', 'r']
        """
        _verifier_texte(texte)
        _verifier_entier(min_occurrences, "min_occurrences", 1)
        from collections import Counter

        comptes = Counter(texte)
        return cls(sorted(c for c, n in comptes.items() if n >= min_occurrences))

    def __len__(self):
        return len(self.caracteres) + 2

    def encoder(self, texte):
        """Liste des numéros de jetons du texte (``INCONNU`` pour un caractère absent du vocabulaire)."""
        _verifier_texte(texte, vide_permis=True)
        return [self._indices.get(c, INCONNU) for c in texte]

    def decoder(self, ids):
        """Texte des jetons ``ids`` ; ``INCONNU`` s'écrit « � » et ``DEBUT`` ne s'écrit pas."""
        morceaux = []
        for i in ids:
            i = int(i)
            if i == DEBUT:
                continue
            morceaux.append(SYMBOLE_INCONNU if i == INCONNU else self.caracteres[i - 2])
        return "".join(morceaux)


@dataclass
class Configuration:
    """Taille du modèle : vocabulaire, contexte (en jetons), largeur, têtes, couches."""

    taille_vocab: int
    contexte: int = 128
    d_modele: int = 128
    n_tetes: int = 4
    n_couches: int = 3
    dropout: float = 0.0

    def __post_init__(self):
        for nom in ("taille_vocab", "contexte", "d_modele", "n_tetes", "n_couches"):
            _verifier_entier(getattr(self, nom), nom, 1)
        if self.d_modele % self.n_tetes:
            raise ValueError(f"d_modele ({self.d_modele}) doit être divisible par n_tetes ({self.n_tetes}).")
        if not 0 <= self.dropout < 1:
            raise ValueError(f"dropout doit être dans [0, 1[ (reçu : {self.dropout}).")


def _classes_torch():
    """Construit les modules PyTorch à la demande (importer ``helpers`` ne charge pas torch)."""
    import torch
    from torch import nn
    from torch.nn import functional as F

    class AttentionCausale(nn.Module):
        """Attention multi-têtes masquée : la position t ne voit que les positions ≤ t."""

        def __init__(self, config):
            super().__init__()
            self.n_tetes = config.n_tetes
            self.qkv = nn.Linear(config.d_modele, 3 * config.d_modele)
            self.sortie = nn.Linear(config.d_modele, config.d_modele)
            self.abandon = nn.Dropout(config.dropout)
            masque = torch.tril(torch.ones(config.contexte, config.contexte, dtype=torch.bool))
            self.register_buffer("masque", masque, persistent=False)

        def forward(self, x, renvoyer_poids=False):
            b, t, d = x.shape
            q, k, v = self.qkv(x).split(d, dim=2)
            # (b, t, d) → (b, têtes, t, d/têtes)
            q, k, v = (z.view(b, t, self.n_tetes, d // self.n_tetes).transpose(1, 2) for z in (q, k, v))
            if not renvoyer_poids:
                # Même calcul que ci-dessous, par la fonction fusionnée de PyTorch (environ deux fois plus rapide).
                y = F.scaled_dot_product_attention(q, k, v, dropout_p=self.abandon.p if self.training else 0.0,
                                                   is_causal=True)
                return self.sortie(y.transpose(1, 2).reshape(b, t, d))
            scores = q @ k.transpose(-2, -1) / math.sqrt(d // self.n_tetes)
            scores = scores.masked_fill(~self.masque[:t, :t], float("-inf"))
            poids = torch.softmax(scores, dim=-1)
            y = (self.abandon(poids) @ v).transpose(1, 2).reshape(b, t, d)
            return self.sortie(y), poids

    class Bloc(nn.Module):
        """x + attention(norme(x)), puis x + perceptron(norme(x)) (normalisation « avant », comme GPT-2)."""

        def __init__(self, config):
            super().__init__()
            self.norme1 = nn.LayerNorm(config.d_modele)
            self.attention = AttentionCausale(config)
            self.norme2 = nn.LayerNorm(config.d_modele)
            self.perceptron = nn.Sequential(
                nn.Linear(config.d_modele, 4 * config.d_modele), nn.GELU(),
                nn.Linear(4 * config.d_modele, config.d_modele), nn.Dropout(config.dropout))

        def forward(self, x, renvoyer_poids=False):
            a = self.attention(self.norme1(x), renvoyer_poids=renvoyer_poids)
            a, poids = a if renvoyer_poids else (a, None)
            x = x + a
            x = x + self.perceptron(self.norme2(x))
            return (x, poids) if renvoyer_poids else x

    class GPT(nn.Module):
        """Le transformer décodeur complet : ``forward(ids)`` renvoie les logits du jeton suivant."""

        def __init__(self, config):
            super().__init__()
            self.config = config
            self.plongement = nn.Embedding(config.taille_vocab, config.d_modele)
            self.positions = nn.Embedding(config.contexte, config.d_modele)
            self.blocs = nn.ModuleList(Bloc(config) for _ in range(config.n_couches))
            self.norme = nn.LayerNorm(config.d_modele)
            self.deplongement = nn.Linear(config.d_modele, config.taille_vocab, bias=False)
            self.apply(self._initialiser)

        @staticmethod
        def _initialiser(module):
            if isinstance(module, (nn.Linear, nn.Embedding)):
                nn.init.normal_(module.weight, mean=0.0, std=0.02)
            if isinstance(module, nn.Linear) and module.bias is not None:
                nn.init.zeros_(module.bias)

        def forward(self, ids, renvoyer_poids=False):
            t = ids.shape[1]
            if t > self.config.contexte:
                raise ValueError(f"Séquence de {t} jetons, plus longue que le contexte ({self.config.contexte}).")
            x = self.plongement(ids) + self.positions(torch.arange(t, device=ids.device))
            tous_poids = []
            for bloc in self.blocs:
                if renvoyer_poids:
                    x, poids = bloc(x, renvoyer_poids=True)
                    tous_poids.append(poids)
                else:
                    x = bloc(x)
            logits = self.deplongement(self.norme(x))
            return (logits, tous_poids) if renvoyer_poids else logits

    return torch, F, GPT


def GPT(config):
    """Crée le réseau PyTorch décrit par ``config`` (une :class:`Configuration`).

    Présenté au chapitre 20.

    >>> import torch
    >>> reseau = GPT(Configuration(taille_vocab=10, contexte=8, d_modele=16, n_tetes=2, n_couches=1))
    >>> tuple(reseau(torch.zeros(3, 5, dtype=torch.long)).shape)
    (3, 5, 10)
    """
    if not isinstance(config, Configuration):
        raise TypeError("GPT attend une Configuration (helpers.gpt.Configuration).")
    _, _, classe = _classes_torch()
    return classe(config)


class ModeleLangue:
    """Un GPT de caractères et son tokeniseur, réunis : ce que renvoie :func:`charger_modele`.

    ``infos`` garde l'historique (étapes, pertes, bits par caractère de validation…).
    """

    def __init__(self, reseau, tokeniseur, infos=None):
        if len(tokeniseur) != reseau.config.taille_vocab:
            raise ValueError(f"Le tokeniseur a {len(tokeniseur)} jetons mais le réseau en attend "
                             f"{reseau.config.taille_vocab}.")
        self.reseau = reseau
        self.tokeniseur = tokeniseur
        self.infos = dict(infos or {})

    @property
    def config(self):
        return self.reseau.config

    @property
    def appareil(self):
        return next(self.reseau.parameters()).device

    def nombre_parametres(self):
        """Nombre de coefficients (poids et biais) du réseau."""
        return sum(p.numel() for p in self.reseau.parameters())

    def __repr__(self):
        c = self.config
        parametres = f"{self.nombre_parametres():,}".replace(",", "\u202f")
        return (f"ModeleLangue({c.n_couches} couches, largeur {c.d_modele}, {c.n_tetes} têtes, contexte {c.contexte}, "
                f"{len(self.tokeniseur)} jetons, {parametres} paramètres)")


def nouveau_modele(texte, config=None, min_occurrences=2, graine=0, appareil=None, **tailles):
    """Crée un modèle non entraîné dont le vocabulaire est celui de ``texte``.

    ``tailles`` précise la :class:`Configuration` (``contexte``, ``d_modele``…).

    >>> m = nouveau_modele("bonjour le monde", d_modele=16, n_tetes=2, n_couches=1, contexte=8, min_occurrences=1)
    >>> len(m.tokeniseur), m.config.contexte
    (13, 8)
    """
    torch, _, _ = _classes_torch()
    from .materiel import choisir_appareil

    tokeniseur = Tokeniseur.depuis_texte(texte, min_occurrences=min_occurrences)
    config = config or Configuration(taille_vocab=len(tokeniseur), **tailles)
    torch.manual_seed(graine)
    reseau = GPT(config).to(appareil or choisir_appareil())
    return ModeleLangue(reseau, tokeniseur)


def sauvegarder_modele(modele, dossier):
    """Écrit ``modele.pt`` (poids en float16), ``config.json`` (taille, vocabulaire, infos) dans ``dossier``.

    Présenté au chapitre 20.
    """
    torch, _, _ = _classes_torch()
    dossier = Path(dossier)
    dossier.mkdir(parents=True, exist_ok=True)
    poids = {k: v.detach().to("cpu", torch.float16) for k, v in modele.reseau.state_dict().items()}
    torch.save(poids, dossier / "modele.pt")
    description = {"configuration": asdict(modele.config), "caracteres": "".join(modele.tokeniseur.caracteres),
                   "infos": modele.infos}
    (dossier / "config.json").write_text(json.dumps(description, ensure_ascii=False, indent=1) + "\n",
                                         encoding="utf-8")


def charger_modele(dossier=None, appareil=None):
    """Charge le modèle livré avec le cours (``data/gpt/``), ou celui de ``dossier``.

    Présenté au chapitre 20.

    Renvoie un :class:`ModeleLangue` en mode évaluation, sur ``appareil`` (par
    défaut celui de :func:`helpers.materiel.choisir_appareil`), en float32.

    >>> m = charger_modele()  # doctest: +SKIP
    >>> round(bits_par_caractere(m, "Il était une fois une petite fille."), 1)  # doctest: +SKIP
    2.1
    """
    torch, _, _ = _classes_torch()
    from .materiel import choisir_appareil

    dossier = Path(dossier) if dossier is not None else DOSSIER_MODELE
    if not (dossier / "modele.pt").exists() or not (dossier / "config.json").exists():
        raise FileNotFoundError(f"Aucun modèle dans {dossier} (fichiers modele.pt et config.json attendus). "
                                "Le modèle du cours s'entraîne avec : python -m helpers.gpt entrainer")
    description = json.loads((dossier / "config.json").read_text(encoding="utf-8"))
    config = Configuration(**description["configuration"])
    reseau = GPT(config)
    poids = torch.load(dossier / "modele.pt", map_location="cpu", weights_only=True)
    reseau.load_state_dict({k: v.float() for k, v in poids.items()})
    reseau.to(appareil or choisir_appareil()).eval()
    return ModeleLangue(reseau, Tokeniseur(list(description["caracteres"])), description.get("infos"))


def _verifier_modele(modele):
    if not isinstance(modele, ModeleLangue):
        raise TypeError(f"modele doit être un ModeleLangue (voir charger_modele), pas {type(modele).__name__}.")


def bits_par_caractere(modele, texte, pas=None, lot=64):
    """Nombre moyen de bits par caractère que le modèle dépense pour coder ``texte``.

    Présenté au chapitre 20.

    Chaque caractère est prédit à partir des ``contexte`` jetons qui le
    précèdent (fenêtres glissantes qui avancent de la moitié du contexte, ou de
    ``pas`` jetons ; ``lot`` fenêtres sont calculées ensemble). Le premier est
    prédit après le jeton ``DEBUT``. Un caractère hors du vocabulaire coûte
    ``-log2 p(INCONNU)`` plus 8 bits par octet UTF-8.
    Plus c'est bas, mieux le modèle connaît la langue (8 bits = aucun savoir
    pour un texte en ASCII).

    >>> m = nouveau_modele("abab" * 10, d_modele=8, n_tetes=1, n_couches=1, contexte=4, min_occurrences=1)
    >>> 0 < bits_par_caractere(m, "abba") < 8
    True
    """
    _verifier_modele(modele)
    _verifier_texte(texte)
    torch, F, _ = _classes_torch()
    contexte = modele.config.contexte
    pas = pas or max(1, contexte // 2)
    _verifier_entier(pas, "pas", 1)
    _verifier_entier(lot, "lot", 1)
    if pas > contexte:
        raise ValueError(f"pas ({pas}) ne doit pas dépasser le contexte ({contexte}) : des caractères ne seraient "
                         "pas notés.")
    jetons = torch.tensor([DEBUT] + modele.tokeniseur.encoder(texte), dtype=torch.long)
    n = len(jetons) - 1  # nombre de caractères à prédire
    # Fenêtres : la k-ième commence au jeton k·pas et note les caractères pas encore notés.
    fenetres, deja, debut = [], 0, 0
    while deja < n:
        fin = min(debut + contexte, n)
        fenetres.append((debut, deja, fin))
        deja, debut = fin, debut + pas
    cout = torch.zeros(n, dtype=torch.float64)
    etait_en_entrainement = modele.reseau.training
    modele.reseau.eval()
    with torch.no_grad():
        # Plusieurs fenêtres par passage (lot) ; une fenêtre courte est complétée à droite par DEBUT,
        # ce qui ne change rien à ses sorties : le masque causal cache ce qui suit.
        for i in range(0, len(fenetres), lot):
            groupe = fenetres[i:i + lot]
            entrees = torch.full((len(groupe), contexte), DEBUT, dtype=torch.long)
            for b, (d, _, f) in enumerate(groupe):
                entrees[b, :f - d] = jetons[d:f]
            log_p = F.log_softmax(modele.reseau(entrees.to(modele.appareil)).double(), dim=-1).cpu()
            for b, (d, deja_note, f) in enumerate(groupe):
                positions = torch.arange(deja_note - d, f - d)
                cout[deja_note:f] = -log_p[b, positions, jetons[deja_note + 1:f + 1]] / math.log(2)
    modele.reseau.train(etait_en_entrainement)
    total = float(cout.sum())
    total += sum(8 * len(c.encode("utf-8")) for c in texte if c not in modele.tokeniseur._indices)
    return total / n


def generer(modele, debut, n, temperature=1.0, top_k=None, graine=None):
    """Renvoie ``debut`` suivi de ``n`` caractères tirés par le modèle.

    Présenté au chapitre 20.

    Un jeton est un caractère. À chaque pas, les logits sont divisés par
    ``temperature`` (petite : texte prudent et répétitif ; grande : texte
    audacieux), puis seuls les ``top_k`` meilleurs candidats sont gardés (tous
    si ``top_k`` vaut ``None``). ``graine`` rend le tirage reproductible.

    >>> m = nouveau_modele("abab" * 10, d_modele=8, n_tetes=1, n_couches=1, contexte=4, min_occurrences=1)
    >>> len(generer(m, "ab", 5, graine=0))
    7
    """
    _verifier_modele(modele)
    _verifier_texte(debut, "debut", vide_permis=True)
    _verifier_entier(n, "n", 0)
    if isinstance(temperature, bool) or not isinstance(temperature, (int, float)) or not math.isfinite(temperature):
        raise TypeError(f"temperature doit être un nombre fini, pas {temperature!r}.")
    if temperature <= 0:
        raise ValueError(f"temperature doit être strictement positive (reçu : {temperature}).")
    if top_k is not None:
        _verifier_entier(top_k, "top_k", 1)
    torch, _, _ = _classes_torch()
    generateur = torch.Generator().manual_seed(graine) if graine is not None else None
    ids = [DEBUT] + modele.tokeniseur.encoder(debut)
    nouveaux = []
    etait_en_entrainement = modele.reseau.training
    modele.reseau.eval()
    # Un jeton à la fois : des calculs minuscules, plus rapides sur un seul fil (processeur partagé surtout).
    fils = torch.get_num_threads()
    if modele.appareil.type == "cpu":
        torch.set_num_threads(1)
    try:
        _tirer(modele, ids, nouveaux, n, temperature, top_k, generateur, torch)
    finally:
        torch.set_num_threads(fils)
    modele.reseau.train(etait_en_entrainement)
    return debut + modele.tokeniseur.decoder(nouveaux)


def _tirer(modele, ids, nouveaux, n, temperature, top_k, generateur, torch):
    with torch.no_grad():
        for _ in range(n):
            entree = torch.tensor([ids[-modele.config.contexte:]], dtype=torch.long, device=modele.appareil)
            logits = modele.reseau(entree)[0, -1].double().cpu() / temperature
            logits[DEBUT] = float("-inf")
            logits[INCONNU] = float("-inf")
            if top_k is not None and top_k < len(logits):
                seuil = torch.topk(logits, top_k).values[-1]
                logits[logits < seuil] = float("-inf")
            suivant = int(torch.multinomial(torch.softmax(logits, dim=-1), 1, generator=generateur))
            ids.append(suivant)
            nouveaux.append(suivant)


def poids_attention(modele, texte):
    """Poids d'attention de chaque couche pour ``texte`` : liste de tableaux (têtes, t, t).

    La ligne i d'une carte dit où regarde le caractère i (il ne voit que les
    caractères 0 … i : le masque causal).
    """
    _verifier_modele(modele)
    _verifier_texte(texte)
    torch, _, _ = _classes_torch()
    ids = modele.tokeniseur.encoder(texte)[-modele.config.contexte:]
    with torch.no_grad():
        modele.reseau.eval()
        _, poids = modele.reseau(torch.tensor([ids], device=modele.appareil), renvoyer_poids=True)
    return [p[0].cpu().numpy() for p in poids]


def _lots(jetons, taille_lot, contexte, generateur, torch):
    debuts = torch.randint(0, len(jetons) - contexte - 1, (taille_lot,), generator=generateur)
    x = torch.stack([jetons[d:d + contexte] for d in debuts])
    y = torch.stack([jetons[d + 1:d + contexte + 1] for d in debuts])
    return x, y


def entrainer(modele, texte, etapes, taille_lot=32, taux=3e-3, texte_validation=None, evaluer_tous=None,
              graine=0, etat=None, progression=True, duree_max=None):
    """Entraîne ``modele`` sur ``texte`` pendant ``etapes`` pas d'AdamW ; renvoie l'état de l'entraînement.

    Présenté au chapitre 20.

    Chaque pas tire ``taille_lot`` fenêtres de ``contexte`` caractères au hasard
    (générateur de graine ``graine``). Le taux suit une montée linéaire puis une
    décroissance en cosinus. Tous les ``evaluer_tous`` pas, la perte de
    validation (en bits par caractère, sur ``texte_validation``) est notée.

    ``etat`` (un dictionnaire renvoyé par un appel précédent) permet de
    reprendre exactement là où l'on s'était arrêté : poids, optimiseur,
    générateur et historique. ``duree_max`` (secondes) arrête proprement avant
    la fin ; l'état renvoyé dit où l'on en est (``etat["etape"]``).
    """
    _verifier_modele(modele)
    _verifier_texte(texte)
    _verifier_entier(etapes, "etapes", 1)
    _verifier_entier(taille_lot, "taille_lot", 1)
    torch, F, _ = _classes_torch()
    from tqdm.auto import tqdm

    contexte = modele.config.contexte
    jetons = torch.tensor([DEBUT] + modele.tokeniseur.encoder(texte), dtype=torch.long)
    if len(jetons) <= contexte + 1:
        raise ValueError(f"Le texte d'entraînement ({len(texte)} caractères) est plus court que le contexte.")
    optimiseur = torch.optim.AdamW(modele.reseau.parameters(), lr=taux, betas=(0.9, 0.99), weight_decay=0.1)
    generateur = torch.Generator().manual_seed(graine)
    if etat is None:
        etat = {"etape": 0, "etapes": etapes, "historique": [], "secondes": 0.0, "jetons_vus": 0}
    else:
        modele.reseau.load_state_dict(etat["reseau"])
        optimiseur.load_state_dict(etat["optimiseur"])
        generateur.set_state(etat["generateur"])
    echauffement = max(1, min(200, etapes // 10))

    def taux_a(etape):
        if etape < echauffement:
            return taux * (etape + 1) / echauffement
        avance = (etape - echauffement) / max(1, etapes - echauffement)
        return taux * (0.1 + 0.9 * 0.5 * (1 + math.cos(math.pi * min(1.0, avance))))

    barre = tqdm(total=etapes, initial=etat["etape"], desc="entraînement", disable=not progression,
                 unit="pas", leave=True)
    debut_chrono = time.perf_counter()
    modele.reseau.train()
    perte_lissee = None
    while etat["etape"] < etapes:
        for groupe in optimiseur.param_groups:
            groupe["lr"] = taux_a(etat["etape"])
        x, y = _lots(jetons, taille_lot, contexte, generateur, torch)
        x, y = x.to(modele.appareil), y.to(modele.appareil)
        logits = modele.reseau(x)
        perte = F.cross_entropy(logits.reshape(-1, logits.shape[-1]), y.reshape(-1))
        optimiseur.zero_grad(set_to_none=True)
        perte.backward()
        torch.nn.utils.clip_grad_norm_(modele.reseau.parameters(), 1.0)
        optimiseur.step()
        etat["etape"] += 1
        etat["jetons_vus"] += x.numel()
        perte_bits = perte.detach().item() / math.log(2)
        perte_lissee = perte_bits if perte_lissee is None else 0.95 * perte_lissee + 0.05 * perte_bits
        barre.update(1)
        barre.set_postfix(bits=f"{perte_lissee:.2f}")
        fin = etat["etape"] == etapes
        if texte_validation and evaluer_tous and (etat["etape"] % evaluer_tous == 0 or fin):
            bpc = bits_par_caractere(modele, texte_validation)
            etat["historique"].append({"etape": etat["etape"], "bits_entrainement": round(perte_lissee, 4),
                                       "bits_validation": round(bpc, 4)})
            modele.reseau.train()
        if duree_max is not None and time.perf_counter() - debut_chrono > duree_max:
            break
    barre.close()
    modele.reseau.eval()
    etat["secondes"] += time.perf_counter() - debut_chrono
    etat["reseau"] = modele.reseau.state_dict()
    etat["optimiseur"] = optimiseur.state_dict()
    etat["generateur"] = generateur.get_state()
    modele.infos.update({"etapes": etat["etape"], "taille_lot": taille_lot, "taux": taux, "graine": graine,
                         "secondes": round(etat["secondes"], 1), "jetons_vus": etat["jetons_vus"],
                         "historique": etat["historique"]})
    return etat


def bits_compression(texte_entrainement, texte_test, methode="lzma"):
    """Bits par caractère qu'un compresseur dépense pour ``texte_test`` après avoir vu ``texte_entrainement``.

    Présenté au chapitre 20.

    Mesure équitable d'un compresseur vu comme un modèle de langue : la taille
    compressée de « entraînement + test », moins celle de « entraînement »
    seul, divisée par le nombre de caractères du test. ``methode`` :
    ``"lzma"`` (préréglage 9 extrême) ou ``"bzip2"`` (niveau 9).

    >>> round(bits_compression("abc" * 1000, "abc" * 1000), 3) < 0.1
    True
    """
    _verifier_texte(texte_entrainement, "texte_entrainement", vide_permis=True)
    _verifier_texte(texte_test, "texte_test")
    compresseurs = {"lzma": lambda b: lzma.compress(b, preset=9 | lzma.PRESET_EXTREME),
                    "bzip2": lambda b: bz2.compress(b, compresslevel=9)}
    if methode not in compresseurs:
        raise ValueError(f"Méthode inconnue : {methode!r}. Choisissez « lzma » ou « bzip2 ».")
    compresser = compresseurs[methode]
    a = texte_entrainement.encode("utf-8")
    avec = len(compresser(a + texte_test.encode("utf-8")))
    sans = len(compresser(a))
    return 8 * (avec - sans) / len(texte_test)


# --- Le modèle livré avec le cours : python -m helpers.gpt entrainer -------------------------------------

#: Taille du modèle livré (≈ 1,3 million de paramètres, ≈ 2,6 Mo en float16).
CONFIG_LIVREE = {"contexte": 128, "d_modele": 160, "n_tetes": 5, "n_couches": 4}
#: Longueur de l'extrait du texte réservé que le test recalcule (le chiffre complet est aussi noté).
EXTRAIT_CONTROLE = 4000


def _textes_corpus():
    from . import donnees

    return donnees.texte_modele_langue("entrainement"), donnees.texte_modele_langue("validation"), \
        donnees.texte_modele_langue("test")


def _mesures_finales(modele, entrainement, test):
    """Note dans ``modele.infos`` les bits par caractère du modèle et des compresseurs sur tout le test."""
    modele.infos["bits_test_extrait"] = round(bits_par_caractere(modele, test[:EXTRAIT_CONTROLE]), 4)
    modele.infos["extrait_controle"] = EXTRAIT_CONTROLE
    modele.infos["bits_test"] = round(bits_par_caractere(modele, test), 4)
    modele.infos["caracteres_test"] = len(test)
    for methode in ("bzip2", "lzma"):  # conditionnés par tout le texte d'entraînement
        modele.infos[f"bits_{methode}_test"] = round(bits_compression(entrainement, test, methode), 4)


def _principal(arguments=None):
    import argparse

    parseur = argparse.ArgumentParser(prog="python -m helpers.gpt", description="Le petit GPT du chapitre 20.")
    sous = parseur.add_subparsers(dest="commande", required=True)
    e = sous.add_parser("entrainer", help="entraîne (ou reprend) le modèle livré dans data/gpt/")
    e.add_argument("--etapes", type=int, default=6000, help="nombre total de pas d'entraînement (6000)")
    e.add_argument("--duree-max", type=float, default=None, help="s'arrêter après tant de secondes (reprise possible)")
    e.add_argument("--reprendre", action="store_true", help="reprendre depuis l'état sauvegardé (--etat)")
    e.add_argument("--etat", type=Path, default=Path("build/gpt/etat.pt"),
                   help="fichier de l'état complet (poids, optimiseur, générateur) : build/gpt/etat.pt")
    e.add_argument("--dossier", type=Path, default=DOSSIER_MODELE, help="où écrire modele.pt et config.json")
    e.add_argument("--taille-lot", type=int, default=32)
    e.add_argument("--evaluer-tous", type=int, default=250)
    e.add_argument("--graine", type=int, default=0)
    for nom, defaut in CONFIG_LIVREE.items():
        e.add_argument(f"--{nom.replace('_', '-')}", type=int, default=defaut, help=f"taille du modèle ({defaut})")
    v = sous.add_parser("evaluer", help="bits par caractère du modèle livré sur le texte réservé")
    v.add_argument("--dossier", type=Path, default=DOSSIER_MODELE)
    v.add_argument("--ecrire", action="store_true",
                   help="noter les chiffres (modèle, lzma, bzip2 sur tout le test) dans config.json")
    args = parseur.parse_args(arguments)
    torch, _, _ = _classes_torch()
    entrainement, validation, test = _textes_corpus()
    if args.commande == "evaluer":
        modele = charger_modele(args.dossier)
        if args.ecrire:
            # Poids relus en float16, comme les lira l'étudiant : ce sont eux que l'on note.
            _mesures_finales(modele, entrainement, test)
            sauvegarder_modele(modele, args.dossier)
        bpc = modele.infos["bits_test"] if args.ecrire else bits_par_caractere(modele, test)
        print(f"{modele}\nbits par caractère (texte réservé, {len(test)} caractères) : {bpc:.4f}")
        return 0
    torch.manual_seed(args.graine)
    torch.set_num_threads(max(1, torch.get_num_threads()))
    etat = None
    if args.reprendre:
        if not args.etat.exists():
            parseur.error(f"aucun état à reprendre dans {args.etat}")
        etat = torch.load(args.etat, map_location="cpu", weights_only=False)
        modele = ModeleLangue(GPT(Configuration(**etat["configuration"])), Tokeniseur(list(etat["caracteres"])))
        from .materiel import choisir_appareil
        modele.reseau.to(choisir_appareil())
        print(f"Reprise à l'étape {etat['etape']} sur {args.etapes}.")
    else:
        modele = nouveau_modele(entrainement, graine=args.graine,
                                **{nom: getattr(args, nom) for nom in CONFIG_LIVREE})
    print(modele)
    # La validation pendant l'entraînement porte sur un extrait (pour aller vite) ; le chiffre final sur tout.
    etat = entrainer(modele, entrainement, args.etapes, taille_lot=args.taille_lot,
                     texte_validation=validation[:20000], evaluer_tous=args.evaluer_tous, graine=args.graine,
                     etat=etat, duree_max=args.duree_max)
    etat["configuration"] = asdict(modele.config)
    etat["caracteres"] = "".join(modele.tokeniseur.caracteres)
    args.etat.parent.mkdir(parents=True, exist_ok=True)
    torch.save(etat, args.etat)
    print(f"État sauvegardé dans {args.etat} (étape {etat['etape']} sur {args.etapes}).")
    modele.infos["appareil"] = str(modele.appareil)
    modele.infos["bits_test_extrait"] = round(bits_par_caractere(modele, test[:EXTRAIT_CONTROLE]), 4)
    modele.infos["extrait_controle"] = EXTRAIT_CONTROLE
    sauvegarder_modele(modele, args.dossier)
    if etat["etape"] >= args.etapes:
        modele = charger_modele(args.dossier)  # les poids tels qu'ils sont livrés (float16)
        _mesures_finales(modele, entrainement, test)
        sauvegarder_modele(modele, args.dossier)
    resume = {k: v for k, v in modele.infos.items() if k != "historique"}
    print(f"Modèle écrit dans {args.dossier} : {json.dumps(resume)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(_principal())
