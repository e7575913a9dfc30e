"""Le lexique des annexes (solutions/99_annexes.md) : chaque terme apparaît dans le chapitre qui l'introduit."""
import re
from pathlib import Path

import pytest

RACINE = Path(__file__).resolve().parents[1]
ANNEXES = RACINE / "solutions" / "99_annexes.md"


def lexique():
    """Les lignes (terme, anglais, chapitre, livre) du tableau du lexique."""
    lignes = []
    for ligne in ANNEXES.read_text(encoding="utf-8").splitlines():
        m = re.match(r"^\| (?P<terme>[^|]+) \| (?P<anglais>[^|]+) \| (?P<chapitre>\d\d) \|", ligne)
        if m and not m["terme"].startswith("-"):
            lignes.append((m["terme"].strip("* "), m["anglais"].strip(), m["chapitre"]))
    return lignes


def _chapitre(numero):
    fichiers = sorted((RACINE / "solutions").glob(f"{numero}_*.md"))
    assert fichiers, f"aucun chapitre {numero} dans solutions/"
    return fichiers[0].read_text(encoding="utf-8").lower()


def test_le_lexique_est_complet():
    termes = [t for t, _, _ in lexique()]
    assert len(termes) >= 70
    assert len(set(termes)) == len(termes), "terme en double dans le lexique"


@pytest.mark.parametrize("terme, anglais, chapitre", lexique(), ids=lambda v: str(v)[:30])
def test_chaque_terme_apparait_dans_son_chapitre(terme, anglais, chapitre):
    assert anglais, f"{terme} : terme anglais manquant"
    assert terme.lower() in _chapitre(chapitre), f"« {terme} » n'apparaît pas au chapitre {chapitre}"


def test_les_chapitres_disent_taille_et_non_forme_pour_shape():
    """Un seul terme par concept : *shape* se dit « taille » (revue de la partie I)."""
    for chemin in sorted((RACINE / "solutions").glob("[0-9][0-9]_*.md")):
        texte = chemin.read_text(encoding="utf-8").lower()
        assert "forme (*shape*)" not in texte and "forme *shape*" not in texte, chemin.name
