"""Les conventions de rédaction du cours (CONTRIBUTING.md, « Conventions de rédaction »), vérifiées.

Chaque règle est une fonction ``fautes_…(texte)`` qui renvoie la liste des fautes trouvées dans le
texte d'un chapitre (format Markdown de Jupytext), chacune avec son numéro de ligne :

* ``fautes_de_placement`` : aucune section de niveau 2 qui ne fait que regrouper des exercices
  (« ## 6. Exercices ») ; aucun exercice dans « Bilan des exercices », « À retenir »,
  « Pour aller plus loin » ou « Références » ; un exercice est un titre de niveau 3 (ou plus),
  placé dans la section de niveau 2 dont il pratique l'idée ;
* ``fautes_pour_aller_plus_loin`` : une section « Pour aller plus loin », après « À retenir »
  et avant « Références », avec deux à quatre questions ou prolongements ;
* ``fautes_de_vocabulaire`` : aucune des variantes interdites de ``VARIANTES_INTERDITES`` (un
  terme par concept), sauf les passages de ``AUTORISATIONS`` ;
* ``fautes_de_virgule`` : pas de nombre décimal écrit avec un point dans une formule LaTeX de la
  prose (``$0.5$`` → ``$0{,}5$``) ;
* ``fautes_de_titres`` : le titre du chapitre est « # Chapitre NN — … » (deux chiffres, ceux du
  nom du fichier), et un exercice s'intitule « Exercice N — … », jamais « Question N ».

Chaque règle est appliquée à chaque chapitre de ``solutions/`` (``course/`` est généré à partir
de lui). Les chapitres qui ne la respectent pas encore sont listés, règle par règle, dans
``CHAPITRES_A_METTRE_AUX_NORMES`` : leur test est marqué ``xfail`` (non strict). Quand un
chapitre a été mis aux normes, retirez-le de la liste : son test redevient obligatoire. Un
chapitre nouveau doit respecter toutes les règles dès le départ.

Les fonctions sont elles-mêmes testées sur de petits chapitres fabriqués (section « Les règles
elles-mêmes ») : une règle qui ne trouverait plus rien serait repérée.
"""
import re
from pathlib import Path

import pytest

# Règle → chapitres (numéros) qui ne la respectent pas encore. À vider au fil des mises aux normes.
CHAPITRES_A_METTRE_AUX_NORMES = {
    "placement": set(),
    "pour_aller_plus_loin": set(),
    "vocabulaire": set(),
    "virgule": set(),
    "titres": set(),
}

RACINE = Path(__file__).resolve().parent.parent
CHAPITRES = sorted((RACINE / "solutions").glob("[0-9][0-9]_*.md"))

# --------------------------------------------------------------------------
# Vocabulaire : un terme par concept
# --------------------------------------------------------------------------

# (expression régulière interdite, terme du cours). Les variantes sont écrites comme des
# expressions, pas comme des mots isolés : « forme » reste permis dans « sous forme de »,
# « en forme de sourire » ou « forme canonique » ; seule la *shape* d'un tableau se dit « taille ».
VARIANTES_INTERDITES = [
    # shape = taille (lexique du livre : taille / shape ; nombre d'éléments / size)
    (r"\bformes? \$?\((?=[^()\n]*,)", "taille : « de taille (N, 2) », pas « de forme (N, 2) »"),
    (r"\b(?:tableaux?|matrices?|vecteurs?|coeff|biais|sorties?|entrées?) (?:de (?:même )?|d'une )forme\b",
     "taille : « un tableau de taille … », « de même taille »"),
    (r"(?<!sous )(?<!en )\bformes? (?:d'un |du |de |des )?(?:tableaux?|données|gradients?|poids)\b",
     "taille : « la taille du tableau », « taille des données »"),
    (r"\b(?:même|la bonne|mauvaise) forme\b", "taille : « la même taille », « la bonne taille »"),
    (r"\bforme\** (?:attendue|reçue|quelconque)", "taille : « la taille attendue »"),
    (r"\bforme \(\*?shape", "taille (*shape*)"),
    # pas δ = learning rate (lexique du livre)
    (r"\btaux d'apprentissage\b", "pas (*learning rate*)"),
    # fonction d'erreur = loss function (lexique du livre)
    (r"\bfonctions? de (?:perte|coût)\b", "fonction d'erreur"),
    # « rappel » est réservé au rappel (*recall*) d'un classifieur ; l'objet de Keras est un *callback*
    (r"\brappels? \(\*?callback", "*callback* (le rappel est la mesure *recall*)"),
    (r"\b(?:liste|fonctions?) de rappels?\b", "*callbacks* (le rappel est la mesure *recall*)"),
    (r"\*\*rappels?\*\* \(\*callback", "*callback* (le rappel est la mesure *recall*)"),
    # « neurone linéaire » a désigné deux choses (sans biais au ch. 05, activation identité au ch. 06)
    (r"\bneurones? linéaires?\b",
     "« neurone à activation identité » (et « perceptron linéaire » pour le perceptron sans biais)"),
    # sous-apprentissage = modèle trop simple (*underfitting*), pas un entraînement trop court
    (r"sous-apprentissage[^.\n]{0,80}mal entraîné", "« entraînement insuffisant » (le sous-apprentissage "
                                                     "est un modèle trop simple)"),
]

# Passages permis malgré une variante interdite : (numéro du chapitre, extrait exact qui contient
# la correspondance). Exemple : ("05", "sa forme (sa *shape*)") pour un texte qui parle du mot lui-même.
AUTORISATIONS = [
    ("99", "le cours n'emploie pas « taux d'apprentissage »"),
]

# --------------------------------------------------------------------------
# Lecture d'un chapitre
# --------------------------------------------------------------------------

SECTIONS_DE_FIN = re.compile(r"^(bilan des exercices|à retenir|pour aller plus loin|références)\b", re.I)
TITRE_QUI_REGROUPE = re.compile(
    r"^(?:\d+(?:\.\d+)*\.?\s+)?(?:exercices?|questions?|à vous de jouer|entraînement|mise en pratique)"
    r"(?:\s+(?:du|de ce) chapitre)?\s*[.:]?\s*$", re.I)
TITRE_D_EXERCICE = re.compile(r"^(?:exercices?|questions?|exo)\s*(?:n°\s*)?\d", re.I)
FORME_D_EXERCICE = re.compile(r"^Exercice \d+ — \S")
NOMBRE_A_POINT = re.compile(r"(?<![\w.])\d+\.\d+(?![\w.])")


def lignes_de_prose(texte):
    """Les lignes du chapitre, numérotées à partir de 1, celles des blocs ``` remplacées par "".

    L'en-tête YAML de Jupytext est lui aussi vidé : il ne reste que le Markdown des cellules.
    """
    lignes = texte.splitlines()
    fin_entete = 0
    if lignes and lignes[0].strip() == "---" and "---" in lignes[1:]:
        fin_entete = lignes.index("---", 1) + 1
    prose, bloc = [], None
    for numero, ligne in enumerate(lignes, 1):
        ouverture = re.match(r"^\s*(`{3,}|~{3,})", ligne)
        if numero <= fin_entete:
            prose.append("")
        elif bloc is None and ouverture:
            bloc = ouverture.group(1)
            prose.append("")
        elif bloc is not None:
            if ligne.strip() == bloc:
                bloc = None
            prose.append("")
        else:
            prose.append(ligne)
    return prose


def titres(texte):
    """Les titres Markdown (hors code) : liste de (ligne, niveau, titre)."""
    resultat = []
    for numero, ligne in enumerate(lignes_de_prose(texte), 1):
        m = re.match(r"^(#{1,6})\s+(.*?)\s*#*\s*$", ligne)
        if m:
            resultat.append((numero, len(m.group(1)), m.group(2)))
    return resultat


def sections_de_niveau_2(texte):
    """Les sections de niveau 2 : liste de (ligne, titre, [(ligne, niveau, titre) des sous-titres])."""
    sections = []
    for numero, niveau, titre in titres(texte):
        if niveau <= 2:
            sections.append((numero, titre if niveau == 2 else None, []))
        elif sections:
            sections[-1][2].append((numero, niveau, titre))
        else:
            sections.append((numero, None, [(numero, niveau, titre)]))
    return [s for s in sections if s[1] is not None or s[2]]


def section_references(texte):
    """(début, fin) des lignes de la section « Références », ou None."""
    liste = titres(texte)
    for i, (numero, niveau, titre) in enumerate(liste):
        if niveau == 2 and re.match(r"^références\b", titre, re.I):
            suivants = [n for n, niv, _ in liste[i + 1:] if niv <= 2]
            return numero, (suivants[0] - 1 if suivants else len(texte.splitlines()))
    return None


# --------------------------------------------------------------------------
# Les règles
# --------------------------------------------------------------------------

def fautes_de_placement(texte):
    """Exercices placés juste après leur section, jamais regroupés dans une section à part."""
    fautes = []
    for numero, titre, sous_titres in sections_de_niveau_2(texte):
        if titre is not None and TITRE_QUI_REGROUPE.match(titre):
            fautes.append(f"ligne {numero} : la section « {titre} » ne fait que regrouper des exercices ; "
                          "placez chaque exercice dans la section dont il pratique l'idée")
        for ligne, _niveau, sous_titre in sous_titres:
            if not TITRE_D_EXERCICE.match(sous_titre):
                continue
            if titre is None:
                fautes.append(f"ligne {ligne} : « {sous_titre} » est avant la première section")
            elif SECTIONS_DE_FIN.match(titre) and not TITRE_QUI_REGROUPE.match(titre):
                fautes.append(f"ligne {ligne} : « {sous_titre} » est dans la section « {titre} » ; "
                              "placez-le dans la section dont il pratique l'idée")
    for numero, niveau, titre in titres(texte):
        if niveau <= 2 and TITRE_D_EXERCICE.match(titre):
            fautes.append(f"ligne {numero} : l'exercice « {titre} » doit être un titre de niveau 3 (###) "
                          "dans la section qu'il pratique")
    return fautes


def _nombre_d_elements(lignes):
    """Nombre de sous-titres de la section, ou à défaut de ses éléments de liste de premier niveau."""
    sous_titres = [ligne for ligne in lignes if re.match(r"^#{3,6}\s", ligne)]
    if sous_titres:
        return len(sous_titres)
    return len([ligne for ligne in lignes if re.match(r"^(?:[-*+]|\d+[.)])\s+\S", ligne)])


def fautes_pour_aller_plus_loin(texte):
    """Une section « Pour aller plus loin » de deux à quatre éléments, entre « À retenir » et « Références »."""
    niveau_2 = [(numero, titre) for numero, niveau, titre in titres(texte) if niveau == 2]
    positions = {cle: [i for i, (_, titre) in enumerate(niveau_2) if re.match(motif, titre, re.I)]
                 for cle, motif in (("loin", r"^pour aller plus loin\b"), ("retenir", r"^à retenir\b"),
                                    ("references", r"^références\b"))}
    if not positions["loin"]:
        return ["aucune section de niveau 2 « Pour aller plus loin » (deux à quatre questions ouvertes "
                "ou prolongements, après « À retenir » et avant « Références »)"]
    fautes = []
    i = positions["loin"][0]
    if positions["retenir"] and positions["retenir"][0] > i:
        fautes.append("« Pour aller plus loin » doit venir après « À retenir »")
    if positions["references"] and positions["references"][0] < i:
        fautes.append("« Pour aller plus loin » doit venir avant « Références »")
    debut = niveau_2[i][0]
    fin = niveau_2[i + 1][0] - 1 if i + 1 < len(niveau_2) else len(texte.splitlines())
    n = _nombre_d_elements(lignes_de_prose(texte)[debut:fin])
    if not 2 <= n <= 4:
        fautes.append(f"ligne {debut} : « Pour aller plus loin » contient {n} élément(s) ; il en faut deux à "
                      "quatre (une liste, ou des sous-titres ###)")
    return fautes


def fautes_de_vocabulaire(texte, chapitre=""):
    """Les variantes interdites (hors section « Références », qui cite le vocabulaire des sources)."""
    references = section_references(texte)
    autorises = [extrait for numero, extrait in AUTORISATIONS if numero == chapitre]
    fautes = []
    lignes = texte.splitlines()
    for numero, ligne in enumerate(lignes, 1):
        if references and references[0] <= numero <= references[1]:
            continue
        for motif, terme in VARIANTES_INTERDITES:
            for m in re.finditer(motif, ligne, re.I):
                if any(m.group(0) in extrait and extrait in ligne for extrait in autorises):
                    continue
                fautes.append(f"ligne {numero} : « {m.group(0)} » → {terme}")
    return fautes


def formules(texte):
    """Les formules LaTeX de la prose : liste de (ligne, contenu), pour $…$ et $$…$$."""
    prose = "\n".join(lignes_de_prose(texte))
    prose = re.sub(r"`[^`\n]*`", lambda m: " " * len(m.group(0)), prose)  # code en ligne
    prose = prose.replace(r"\$", "  ")  # dollar littéral
    resultat = []
    for m in re.finditer(r"\$\$(.+?)\$\$|\$([^$\n]+?)\$", prose, re.S):
        contenu = m.group(1) if m.group(1) is not None else m.group(2)
        resultat.append((prose.count("\n", 0, m.start()) + 1, contenu))
    return resultat


def fautes_de_virgule(texte):
    """Virgule décimale dans les formules : ``$0{,}5$``, jamais ``$0.5$``."""
    fautes = []
    for numero, contenu in formules(texte):
        for m in NOMBRE_A_POINT.finditer(contenu):
            entier, decimales = m.group(0).split(".")
            fautes.append(f"ligne {numero} : « {m.group(0)} » dans une formule → {entier}{{,}}{decimales}")
    return fautes


def fautes_de_titres(texte, chapitre):
    """Titre « # Chapitre NN — … » et exercices « Exercice N — … »."""
    fautes = []
    liste = titres(texte)
    premiers = [(numero, titre) for numero, niveau, titre in liste if niveau == 1]
    attendu = re.compile(rf"^Chapitre {re.escape(chapitre)} — \S")
    if not premiers:
        fautes.append(f"aucun titre de niveau 1 : le chapitre commence par « # Chapitre {chapitre} — … »")
    elif not attendu.match(premiers[0][1]):
        fautes.append(f"ligne {premiers[0][0]} : le titre « {premiers[0][1]} » doit commencer par "
                      f"« Chapitre {chapitre} — »")
    for numero, _niveau, titre in liste:
        if TITRE_D_EXERCICE.match(titre) and not FORME_D_EXERCICE.match(titre):
            fautes.append(f"ligne {numero} : le titre « {titre} » doit avoir la forme « Exercice N — … »")
    return fautes


# --------------------------------------------------------------------------
# Application à chaque chapitre
# --------------------------------------------------------------------------

def _parametres(regle):
    """Un cas par chapitre, marqué xfail s'il figure dans CHAPITRES_A_METTRE_AUX_NORMES[regle]."""
    cas = []
    for chemin in CHAPITRES:
        numero = chemin.name[:2]
        marques = []
        if numero in CHAPITRES_A_METTRE_AUX_NORMES.get(regle, ()):
            marques.append(pytest.mark.xfail(strict=False, reason=f"chapitre {numero} pas encore mis aux normes "
                                                                  f"pour la règle « {regle} » (issue 10 §1)"))
        cas.append(pytest.param(chemin, id=chemin.stem, marks=marques))
    return cas


def _echec(chemin, fautes):
    return f"{chemin.relative_to(RACINE)} :\n  " + "\n  ".join(fautes)


def test_les_chapitres_sont_trouves():
    assert len(CHAPITRES) >= 11
    inconnus = {n for numeros in CHAPITRES_A_METTRE_AUX_NORMES.values() for n in numeros} - {
        c.name[:2] for c in CHAPITRES}
    assert not inconnus, f"CHAPITRES_A_METTRE_AUX_NORMES cite des chapitres absents de solutions/ : {inconnus}"


@pytest.mark.parametrize("chemin", _parametres("placement"))
def test_exercices_places_apres_leur_section(chemin):
    fautes = fautes_de_placement(chemin.read_text(encoding="utf-8"))
    assert not fautes, _echec(chemin, fautes)


@pytest.mark.parametrize("chemin", _parametres("pour_aller_plus_loin"))
def test_pour_aller_plus_loin(chemin):
    fautes = fautes_pour_aller_plus_loin(chemin.read_text(encoding="utf-8"))
    assert not fautes, _echec(chemin, fautes)


@pytest.mark.parametrize("chemin", _parametres("vocabulaire"))
def test_un_terme_par_concept(chemin):
    fautes = fautes_de_vocabulaire(chemin.read_text(encoding="utf-8"), chemin.name[:2])
    assert not fautes, _echec(chemin, fautes)


@pytest.mark.parametrize("chemin", _parametres("virgule"))
def test_virgule_decimale_dans_les_formules(chemin):
    fautes = fautes_de_virgule(chemin.read_text(encoding="utf-8"))
    assert not fautes, _echec(chemin, fautes)


@pytest.mark.parametrize("chemin", _parametres("titres"))
def test_titres_chapitre_et_exercices(chemin):
    fautes = fautes_de_titres(chemin.read_text(encoding="utf-8"), chemin.name[:2])
    assert not fautes, _echec(chemin, fautes)


def test_les_autorisations_servent():
    """Chaque autorisation de vocabulaire couvre un passage qui existe encore (sinon, retirez-la)."""
    for numero, extrait in AUTORISATIONS:
        chemins = [c for c in CHAPITRES if c.name[:2] == numero]
        assert chemins and extrait in chemins[0].read_text(encoding="utf-8"), (numero, extrait)


# --------------------------------------------------------------------------
# Les règles elles-mêmes, sur de petits chapitres fabriqués
# --------------------------------------------------------------------------

ENTETE = """---
jupyter:
  jupytext:
    text_representation:
      format_name: markdown
---

"""

CHAPITRE_CONFORME = ENTETE + """<!-- #region slideshow={"slide_type": "slide"} -->
# Chapitre 42 — Un chapitre modèle

Dans ce chapitre, vous allez calculer $0{,}5 + 0{,}25$ et lire la taille d'un tableau.
<!-- #endregion -->

## 1. Une idée

Le tableau a la taille $(3, 2)$ ; on l'obtient sous forme de tableau avec `np.array(t)` ou `x = 0.5`.

```python
## Ceci est du code, pas un titre, et 0.5 n'y est pas une faute de prose.
x = 0.5
```

### Exercice 1 — Pratiquer l'idée

Calculez $\\frac{1}{2}$.

## 2. Une autre idée

### 2.1 Détail

### Exercice 2 — Pratiquer l'autre idée

## Bilan des exercices

## À retenir

- Une chose.

## Pour aller plus loin

- Une question ouverte.
- Un prolongement.

## Références

- Un livre qui parle de « fonction de perte » : la section Références cite le vocabulaire de ses sources.
"""

CHAPITRE_FAUTIF = ENTETE + """# Chapitre 5 — Un chapitre à reprendre

### Exercice 0 — Avant toute section

## 1. Une idée

Le tableau `X` est un tableau de forme $(N, 2)$, et sa forme (*shape*) compte ; la forme du tableau change.
Le taux d'apprentissage vaut $\\delta = 0.01$ et $$E = 1.5 \\times 10^{-3}$$ avec la fonction de perte.
La fonction `suivi` fabrique un **rappel** (*callback*) ; puis un neurone linéaire.

```python
print("forme des données :", X.shape)  # les commentaires et les textes affichés comptent aussi
```

## 2. Exercices

### Question 1 — Une question

### Exercice 2 — Un exercice

## À retenir

### Exercice 3 — Perdu dans À retenir

## Références

## Pour aller plus loin

- Une seule piste.
"""


def test_un_chapitre_conforme_passe_toutes_les_regles():
    assert fautes_de_placement(CHAPITRE_CONFORME) == []
    assert fautes_pour_aller_plus_loin(CHAPITRE_CONFORME) == []
    assert fautes_de_vocabulaire(CHAPITRE_CONFORME, "42") == []
    assert fautes_de_virgule(CHAPITRE_CONFORME) == []
    assert fautes_de_titres(CHAPITRE_CONFORME, "42") == []


def test_placement_sur_un_chapitre_fautif():
    fautes = fautes_de_placement(CHAPITRE_FAUTIF)
    assert any("« 2. Exercices » ne fait que regrouper des exercices" in f for f in fautes), fautes
    assert any("« Exercice 0 — Avant toute section » est avant la première section" in f for f in fautes), fautes
    assert any("« Exercice 3 — Perdu dans À retenir » est dans la section « À retenir »" in f for f in fautes)
    assert len(fautes) == 3, fautes
    regroupement = ENTETE + "# Chapitre 01 — T\n\n## Exercices du chapitre\n\n### Exercice 1 — A\n"
    assert fautes_de_placement(regroupement)
    niveau_2 = ENTETE + "# Chapitre 01 — T\n\n## 1. Idée\n\n## Exercice 1 — Au mauvais niveau\n"
    assert any("niveau 3" in f for f in fautes_de_placement(niveau_2))


def test_pour_aller_plus_loin_sur_des_chapitres_fautifs():
    fautes = fautes_pour_aller_plus_loin(CHAPITRE_FAUTIF)
    assert "« Pour aller plus loin » doit venir avant « Références »" in fautes
    assert any("contient 1 élément(s)" in f for f in fautes), fautes
    sans = CHAPITRE_CONFORME.replace("## Pour aller plus loin", "## Et ensuite")
    assert fautes_pour_aller_plus_loin(sans)[0].startswith("aucune section de niveau 2 « Pour aller plus loin »")
    trop = CHAPITRE_CONFORME.replace("- Un prolongement.", "- A.\n- B.\n- C.\n- D.")
    assert any("contient 5 élément(s)" in f for f in fautes_pour_aller_plus_loin(trop))


def test_vocabulaire_sur_un_chapitre_fautif():
    fautes = fautes_de_vocabulaire(CHAPITRE_FAUTIF, "05")
    trouves = " ".join(fautes)
    for variante in ("tableau de forme", "forme $(", "forme (*shape", "forme du tableau", "taux d'apprentissage",
                     "fonction de perte", "**rappel** (*callback", "neurone linéaire", "forme des données"):
        assert f"« {variante}" in trouves, (variante, fautes)


def test_vocabulaire_autorisations(monkeypatch):
    texte = ENTETE + "## 1. Idée\n\nD'autres livres disent « la forme du tableau » pour *shape*.\n"
    assert fautes_de_vocabulaire(texte, "07")
    monkeypatch.setitem(globals(), "AUTORISATIONS", [("07", "« la forme du tableau » pour *shape*")])
    assert fautes_de_vocabulaire(texte, "07") == []
    assert fautes_de_vocabulaire(texte, "08")  # l'autorisation vaut pour un chapitre


def test_virgule_sur_un_chapitre_fautif():
    fautes = fautes_de_virgule(CHAPITRE_FAUTIF)
    assert any("« 0.01 » dans une formule → 0{,}01" in f for f in fautes), fautes
    assert any("« 1.5 » dans une formule → 1{,}5" in f for f in fautes), fautes
    assert len(fautes) == 2, fautes
    # le numéro de ligne est celui du fichier
    ligne = next(n for n, texte in enumerate(CHAPITRE_FAUTIF.splitlines(), 1) if "0.01" in texte)
    assert any(f.startswith(f"ligne {ligne} :") for f in fautes), fautes
    assert fautes_de_virgule(ENTETE + "Un dollar \\$ puis `$0.5$` en code, et $1{,}5$.\n") == []
    assert fautes_de_virgule(ENTETE + "$$\nx = 2.5\n$$\n")


def test_titres_sur_un_chapitre_fautif():
    fautes = fautes_de_titres(CHAPITRE_FAUTIF, "05")
    assert any("le titre « Chapitre 5 — Un chapitre à reprendre » doit commencer par « Chapitre 05 — »" in f
               for f in fautes), fautes
    assert any("« Question 1 — Une question » doit avoir la forme « Exercice N — … »" in f for f in fautes)
    assert any("« Exercice 0 — Avant toute section »" in f for f in fautes) is False
    assert fautes_de_titres(ENTETE + "Pas de titre.\n", "01")[0].startswith("aucun titre de niveau 1")
    assert fautes_de_titres(ENTETE + "# Chapitre 01 — T\n\n### Exercice 2: sans tiret\n", "01")


# --------------------------------------------------------------------------
# Aucune sortie sur stderr au démarrage d'un chapitre (issue 17)
# --------------------------------------------------------------------------

def test_demarrer_avec_keras_n_ecrit_rien_sur_stderr():
    """Comme la première cellule d'un chapitre : ``import helpers; helpers.demarrer(keras=True)``, puis Keras.

    Le cahier est exécuté dans un vrai noyau Jupyter (qui recopie dans le cahier ce que les
    bibliothèques C écrivent sur le descripteur 2). L'environnement est débarrassé des réglages de
    TensorFlow : c'est ``import helpers`` qui doit les fixer, avant que TensorFlow soit chargé.
    """
    nbclient = pytest.importorskip("nbclient")
    import os

    import nbformat

    cellules = [
        "import helpers\nhelpers.demarrer(graine=0, keras=True)",
        "import keras\nimport numpy as np\n"
        "modele = keras.Sequential([keras.Input((2,)), keras.layers.Dense(3, activation='relu'), "
        "keras.layers.Dense(1)])\nmodele.compile(optimizer='adam', loss='mse')\n"
        "_ = modele.fit(np.zeros((8, 2)), np.zeros(8), epochs=1, verbose=0)\n"
        "print(modele.predict(np.zeros((2, 2)), verbose=0).shape)",
    ]
    cahier = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in cellules])
    # Sans PYTEST_CURRENT_TEST : en sa présence, ipykernel ne recopie pas dans le cahier ce qui est
    # écrit sur le descripteur 2 (iostream.OutStream, watchfd), et les journaux de TensorFlow passeraient
    # inaperçus.
    environnement = {cle: valeur for cle, valeur in os.environ.items()
                     if not cle.startswith(("TF_CPP_", "TF_ENABLE_ONEDNN", "KERAS_BACKEND", "PYTEST_"))}
    environnement["PYTHONPATH"] = str(RACINE)
    environnement.setdefault("COURS_MODE", "rapide")
    nbclient.NotebookClient(cahier, timeout=300, kernel_name="python3",
                            resources={"metadata": {"path": str(RACINE)}}).execute(env=environnement)
    sorties = [sortie for cellule in cahier.cells for sortie in cellule.outputs]
    stderr = [sortie.text for sortie in sorties if sortie.output_type == "stream" and sortie.name == "stderr"]
    assert not stderr, "le démarrage d'un chapitre écrit sur stderr :\n" + "".join(stderr)
    assert "(2, 1)" in "".join(s.get("text", "") for s in sorties)


# --------------------------------------------------------------------------
# Docstrings des helpers : où chaque outil est présenté (issue 10 §7)
# --------------------------------------------------------------------------

MODULES_DOCUMENTES = ["helpers", "helpers.activations", "helpers.donnees", "helpers.graphiques", "helpers.materiel",
                      "helpers.mode", "helpers.reproductibilite", "helpers.images", "helpers.gpt"]
PRESENTE = re.compile(r"Présenté au chapitre (\d\d)\b|Pas présenté dans un chapitre")


@pytest.mark.parametrize("nom_module", MODULES_DOCUMENTES)
def test_chaque_helper_dit_ou_il_est_presente(nom_module):
    """Chaque fonction publique dit dans sa docstring le chapitre qui la présente (et ce chapitre existe)."""
    import importlib
    import inspect

    module = importlib.import_module(nom_module)
    numeros = {c.name[:2] for c in CHAPITRES}
    fautes = []
    for nom in module.__all__:
        objet = getattr(module, nom)
        if not inspect.isfunction(objet):
            continue  # constantes : leur commentaire #: le dit
        m = PRESENTE.search(inspect.getdoc(objet) or "")
        if m is None:
            fautes.append(f"{nom_module}.{nom} : ajoutez « Présenté au chapitre NN. » à sa docstring")
        elif m.group(1) and m.group(1) not in numeros:
            fautes.append(f"{nom_module}.{nom} : le chapitre {m.group(1)} n'existe pas dans solutions/")
    assert not fautes, "\n".join(fautes)
