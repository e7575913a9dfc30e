"""helpers.graphes : dessin des graphes de calcul du chapitre 01."""
import matplotlib.pyplot as plt
import numpy as np
import pytest

from helpers.graphes import dessiner_graphe
from helpers.graphiques import ORANGE, VERT

NOEUDS = {"x": (0, 0, "$2$", None), "y": (3, 0, "$4$", "$[4]$"), "z": (6, 0, "$5$", "$[1]$")}
FLECHES = [("x", "y", "$x \\mapsto x^2$", "$[x \\mapsto 2x]$"), ("y", "z", "$y \\mapsto y + 1$", "règle")]


def test_textes_couleurs_et_fleches():
    fig = dessiner_graphe(NOEUDS, FLECHES, titre="Un graphe", notes=[(3, -1.2, "$\\{\\{4\\}\\}$")])
    ax = fig.axes[0]
    assert ax.get_title() == "Un graphe"
    textes = {t.get_text(): t for t in ax.texts}
    # 3 boîtes, 2 dérivées orange sous les boîtes, 2 textes au-dessus, 2 au-dessous, 1 note, 2 flèches
    assert len(ax.texts) == 12
    assert textes["$[4]$"].get_color() == ORANGE and textes["$[x \\mapsto 2x]$"].get_color() == ORANGE
    assert textes["règle"].get_color() == "0.4" and textes["$\\{\\{4\\}\\}$"].get_color() == VERT
    assert len(ax.patches) + sum(1 for c in ax.get_children() if type(c).__name__ == "Annotation") >= 2
    plt.close(fig)


def test_les_fleches_s_arretent_au_bord_des_boites():
    fig = dessiner_graphe(NOEUDS, FLECHES)
    ax = fig.axes[0]
    fleches = [c for c in ax.get_children() if type(c).__name__ == "Annotation"]
    assert len(fleches) == 2
    for annotation, (depart, arrivee, _, _) in zip(fleches, FLECHES):
        x0, x1 = annotation.xyann[0], annotation.xy[0]
        assert NOEUDS[depart][0] < x0 < x1 < NOEUDS[arrivee][0]     # ni dans la boîte de départ, ni dans l'arrivée
    plt.close(fig)


def test_ne_montre_pas_la_figure_et_la_renvoie():
    avant = plt.get_fignums()
    fig = dessiner_graphe(NOEUDS, FLECHES)
    assert fig.number in plt.get_fignums() and len(plt.get_fignums()) == len(avant) + 1
    plt.close(fig)


@pytest.mark.parametrize("noeuds, fleches, erreur, extrait", [
    ({}, [], TypeError, "dictionnaire"),
    ([("x", 0, 0)], [], TypeError, "dictionnaire"),
    ({"x": (0, 0, "$2$")}, [], ValueError, "(x, y, texte, texte_orange)"),
    ({"x": (0, np.nan, "$2$", None)}, [], ValueError, "nombres finis"),
    ({"x": ("0", 0, "$2$", None)}, [], ValueError, "nombres finis"),
    ({"x": (0, 0, 2, None)}, [], TypeError, "chaînes"),
    ({"x": (0, 0, "a", None)}, [("x", "y", None, None)], ValueError, "n'existe pas"),
    ({"x": (0, 0, "a", None)}, [("x", "x", None, None)], ValueError, "même nœud"),
    ({"x": (0, 0, "a", None), "y": (0, 0, "b", None)}, [("x", "y", None, None)], ValueError, "même endroit"),
    ({"x": (0, 0, "a", None), "y": (1, 0, "b", None)}, [("x", "y")], ValueError, "(départ, arrivée"),
])
def test_entrees_refusees_en_francais(noeuds, fleches, erreur, extrait):
    with pytest.raises(erreur, match=extrait.replace("(", r"\(").replace(")", r"\)")):
        dessiner_graphe(noeuds, fleches)


def test_taille_et_notes_refusees():
    with pytest.raises(ValueError, match="taille"):
        dessiner_graphe(NOEUDS, FLECHES, taille=(0, 2))
    with pytest.raises(ValueError, match="note"):
        dessiner_graphe(NOEUDS, FLECHES, notes=[(1, 2)])
