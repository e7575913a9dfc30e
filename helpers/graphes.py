"""Dessin des graphes de calcul (valeurs, dérivées locales et globales) avec Matplotlib.

Présenté au chapitre 01 (dérivation automatique) ::

    from helpers.graphes import dessiner_graphe
    dessiner_graphe({"x": (0, 0, "$2$", None), "y": (3, 0, "$4$", None)},
                    [("x", "y", "$x \\mapsto x^2$", None)])
    plt.show()
"""
import math
import numbers

import matplotlib.pyplot as plt
import numpy as np

from .graphiques import BLEU, ORANGE, VERT

__all__ = ["dessiner_graphe"]


def _verifier_entrees(noeuds, fleches, notes, taille):
    """Lève ValueError / TypeError, en français, si les arguments de dessiner_graphe sont mal formés."""
    if not isinstance(noeuds, dict) or not noeuds:
        raise TypeError("noeuds doit être un dictionnaire non vide {nom: (x, y, texte, texte_orange)}.")
    for nom, valeur in noeuds.items():
        if not isinstance(valeur, (tuple, list)) or len(valeur) != 4:
            raise ValueError(f"Le nœud {nom!r} doit être décrit par (x, y, texte, texte_orange) ; reçu {valeur!r}.")
        x, y, texte, orange = valeur
        for coordonnee in (x, y):
            if isinstance(coordonnee, bool) or not isinstance(coordonnee, numbers.Real) \
                    or not math.isfinite(coordonnee):
                raise ValueError(f"Les coordonnées du nœud {nom!r} doivent être des nombres finis ; "
                                 f"reçu ({x!r}, {y!r}).")
        if not isinstance(texte, str) or (orange is not None and not isinstance(orange, str)):
            raise TypeError(f"Les textes du nœud {nom!r} doivent être des chaînes (le second peut valoir None).")
    for fleche in fleches:
        if not isinstance(fleche, (tuple, list)) or len(fleche) != 4:
            raise ValueError(f"Chaque flèche doit être (départ, arrivée, dessus, dessous) ; reçu {fleche!r}.")
        depart, arrivee = fleche[:2]
        for bout in (depart, arrivee):
            if bout not in noeuds:
                raise ValueError(f"La flèche {fleche!r} mentionne le nœud {bout!r}, qui n'existe pas.")
        if depart == arrivee:
            raise ValueError(f"La flèche {fleche!r} part et arrive au même nœud.")
        if noeuds[depart][:2] == noeuds[arrivee][:2]:
            raise ValueError(f"Les nœuds {depart!r} et {arrivee!r} sont au même endroit : la flèche serait invisible.")
    for note in notes:
        if not isinstance(note, (tuple, list)) or len(note) != 3:
            raise ValueError(f"Chaque note doit être (x, y, texte) ; reçu {note!r}.")
    if not isinstance(taille, (tuple, list)) or len(taille) != 2 or not all(
            isinstance(t, numbers.Real) and not isinstance(t, bool) and math.isfinite(t) and t > 0 for t in taille):
        raise ValueError(f"taille doit être (largeur, hauteur) en pouces, deux nombres positifs ; reçu {taille!r}.")


def dessiner_graphe(noeuds, fleches, titre=None, notes=(), taille=(9, 2.6)):
    """Dessine un graphe de calcul : des boîtes (les nœuds) reliées par des flèches (les opérations).

    * ``noeuds`` : ``{nom: (x, y, texte, texte_orange)}`` ; ``texte`` s'écrit dans la boîte,
      ``texte_orange`` (ou ``None``) juste en dessous, en orange (une dérivée) ;
    * ``fleches`` : ``[(départ, arrivée, dessus, dessous)]`` ; ``dessus`` (ou ``None``) s'écrit au-dessus
      de la flèche, ``dessous`` (ou ``None``) au-dessous, en orange s'il commence par « [ » ou « $[ »
      (une dérivée locale), en gris sinon ;
    * ``notes`` : ``[(x, y, texte)]``, écrits en vert (les dérivées globales) ;
    * ``taille`` : (largeur, hauteur) de la figure, en pouces.

    Les flèches s'arrêtent au bord des boîtes, quelle que soit leur taille. La fonction renvoie la
    figure sans l'afficher : appelez ``plt.show()`` ensuite. Présenté au chapitre 01.

    >>> fig = dessiner_graphe({"x": (0, 0, "$2$", None), "y": (3, 0, "$4$", "$[4]$")},
    ...                       [("x", "y", "$x \\\\mapsto x^2$", "$[x \\\\mapsto 2x]$")], titre="Un carré")
    >>> ax = fig.axes[0]
    >>> ax.get_title(), len(ax.texts)
    ('Un carré', 6)
    >>> plt.close(fig)
    >>> dessiner_graphe({"x": (0, 0, "$2$", None)}, [("x", "z", None, None)])
    Traceback (most recent call last):
    ...
    ValueError: La flèche ('x', 'z', None, None) mentionne le nœud 'z', qui n'existe pas.
    """
    notes = list(notes)
    fleches = list(fleches)
    _verifier_entrees(noeuds, fleches, notes, taille)
    fig, ax = plt.subplots(figsize=taille)
    xs = [v[0] for v in noeuds.values()] + [n[0] for n in notes]
    ys = [v[1] for v in noeuds.values()] + [n[1] for n in notes]
    ax.set_xlim(min(xs) - 0.9, max(xs) + 0.9)
    ax.set_ylim(min(ys) - 0.8, max(ys) + 0.5)
    ax.set_aspect("equal")
    ax.set_axis_off()
    boites = {}
    for nom, (x, y, texte, orange) in noeuds.items():
        boites[nom] = ax.text(x, y, texte, ha="center", va="center", fontsize=13, zorder=3,
                              bbox={"boxstyle": "round,pad=0.4", "fc": "white", "ec": BLEU, "lw": 1.6})
        if orange:
            ax.text(x, y - 0.42, orange, ha="center", va="top", fontsize=12, color=ORANGE)
    # Taille réelle de chaque boîte, en unités du graphique, pour que les flèches s'arrêtent au bord.
    fig.canvas.draw()
    inverse = ax.transData.inverted()
    demi = {}
    for nom, t in boites.items():
        (xa, ya), (xb, yb) = inverse.transform(t.get_bbox_patch().get_window_extent())
        demi[nom] = ((xb - xa) / 2 + 0.05, (yb - ya) / 2 + 0.05)
    for depart, arrivee, dessus, dessous in fleches:
        (xa, ya), (xb, yb) = noeuds[depart][:2], noeuds[arrivee][:2]
        dx, dy = xb - xa, yb - ya

        def bord(nom, dx=dx, dy=dy):
            """Fraction du segment qui se trouve à l'intérieur de la boîte (rectangulaire) du nœud."""
            largeur, hauteur = demi[nom]
            return min(largeur / abs(dx) if dx else np.inf, hauteur / abs(dy) if dy else np.inf)

        sa, sb = bord(depart), bord(arrivee)
        p0 = (xa + sa * dx, ya + sa * dy)
        p1 = (xb - sb * dx, yb - sb * dy)
        ax.annotate("", xy=p1, xytext=p0, zorder=2,
                    arrowprops={"arrowstyle": "-|>", "color": "0.25", "lw": 1.6, "mutation_scale": 16,
                                "shrinkA": 0, "shrinkB": 0})
        xm, ym = (p0[0] + p1[0]) / 2, (p0[1] + p1[1]) / 2
        if dessus:
            ax.text(xm, ym + 0.08, dessus, ha="center", va="bottom", fontsize=11)
        if dessous:
            couleur = ORANGE if dessous.startswith(("[", "$[")) else "0.4"
            ax.text(xm, ym - 0.08, dessous, ha="center", va="top", fontsize=10, color=couleur)
    for x, y, texte in notes:
        ax.text(x, y, texte, ha="center", va="center", fontsize=13, color=VERT)
    if titre:
        ax.set_title(titre)
    return fig
