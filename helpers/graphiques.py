"""Style commun des figures et tracés qui reviennent d'un chapitre à l'autre.

La palette est celle d'Okabe et Ito, lisible par les personnes daltoniennes.
Chaque fonction de tracé renvoie l'objet ``Axes`` de matplotlib, pour que vous
puissiez compléter la figure (titre, légende…).
"""
import matplotlib as mpl
import matplotlib.pyplot as plt
import numpy as np

__all__ = ["PALETTE", "BLEU", "ORANGE", "VERT", "ROUGE", "appliquer_style", "tracer_fonction",
           "tracer_points", "tracer_regions", "tracer_surface", "courbes_apprentissage", "tracer_reseau",
           "animation_html"]

#: Palette d'Okabe et Ito (sans le noir). Présentée au chapitre 01, comme BLEU, ORANGE et VERT ;
#: ROSE au chapitre 07.
PALETTE = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442"]
BLEU, ORANGE, VERT, ROSE = PALETTE[0], PALETTE[1], PALETTE[2], PALETTE[3]
ROUGE = ORANGE


def appliquer_style():
    """Applique le style du cours à toutes les figures suivantes.

    Présenté au chapitre 00 (appelée par ``helpers.demarrer``).

    >>> appliquer_style()
    >>> mpl.rcParams["axes.grid"]
    True
    """
    mpl.rcParams.update({
        "figure.figsize": (6.4, 4.2),
        "figure.dpi": 100,
        "axes.prop_cycle": mpl.cycler(color=PALETTE),
        "axes.grid": True,
        "grid.alpha": 0.3,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "font.size": 11,
        "legend.frameon": False,
        "image.cmap": "viridis",
    })


def _axes(ax):
    return ax if ax is not None else plt.subplots()[1]


def _bornes(a, b):
    if not float(a) < float(b):
        raise ValueError(f"La borne inférieure doit être plus petite que la borne supérieure ; reçu [{a}, {b}].")


def tracer_fonction(f, a, b, num=200, ax=None, **options):
    """Trace le graphe de ``f`` (fonction NumPy vectorisée ou non) sur [a, b].

    Présenté au chapitre 01.

    >>> ax = tracer_fonction(np.sin, 0, 3, label="sin")
    >>> len(ax.lines)
    1
    """
    if not callable(f):
        raise TypeError(f"f doit être une fonction ; reçu {type(f).__name__}.")
    _bornes(a, b)
    ax = _axes(ax)
    x = np.linspace(a, b, num)
    try:
        y = np.asarray(f(x), dtype=float)
    except (TypeError, ValueError):  # fonction non vectorisée (math.sin, if…) : point par point
        y = None
    if y is None or y.shape != x.shape:
        y = np.array([f(t) for t in x], dtype=float)
    ax.plot(x, y, **options)
    ax.set_xlabel("$x$")
    return ax


def tracer_points(X, y, ax=None, noms=("classe 0", "classe 1")):
    """Nuage de points du plan colorés selon leur classe (0 : ronds bleus, 1 : carrés orange).

    Présenté au chapitre 05.

    >>> ax = tracer_points(np.array([[0, 0], [1, 1]]), np.array([0, 1]))
    >>> len(ax.collections)
    2
    """
    X, y = np.asarray(X, dtype=float), np.asarray(y)
    if X.ndim != 2 or X.shape[1] != 2:
        raise ValueError(f"X doit avoir la taille (N, 2) ; reçu {X.shape}.")
    if len(y) != len(X):
        raise ValueError(f"X et y doivent avoir la même longueur ; reçu {len(X)} et {len(y)}.")
    inconnues = sorted(set(np.unique(y).tolist()) - {0, 1})
    if inconnues:
        raise ValueError(f"Les classes doivent valoir 0 ou 1 ; valeurs inattendues : {inconnues}.")
    ax = _axes(ax)
    for classe, (couleur, marque) in enumerate([(BLEU, "o"), (ORANGE, "s")]):
        masque = y == classe
        ax.scatter(X[masque, 0], X[masque, 1], c=couleur, marker=marque, edgecolors="white",
                   s=50, label=noms[classe], zorder=3)
    ax.legend()
    return ax


def tracer_regions(F, xmin, xmax, ymin, ymax, num=200, ax=None, seuil=0.5):
    """Colore les régions du plan où F(x, y) ≥ seuil (orange) et F(x, y) < seuil (bleu).

    ``F`` reçoit deux tableaux X et Y (grille) et renvoie un tableau de même taille.

    Présenté au chapitre 05.

    >>> ax = tracer_regions(lambda X, Y: X + Y, -1, 1, -1, 1, seuil=0)
    >>> [float(v) for v in ax.get_xlim()]
    [-1.0, 1.0]
    """
    if not callable(F):
        raise TypeError(f"F doit être une fonction ; reçu {type(F).__name__}.")
    _bornes(xmin, xmax)
    _bornes(ymin, ymax)
    ax = _axes(ax)
    X, Y = np.meshgrid(np.linspace(xmin, xmax, num), np.linspace(ymin, ymax, num))
    Z = np.asarray(F(X, Y), dtype=float)
    if Z.shape != X.shape:
        raise ValueError(f"F doit renvoyer un tableau de taille {X.shape} ; reçu {Z.shape}.")
    ax.contourf(X, Y, (Z >= seuil).astype(float), levels=[-0.5, 0.5, 1.5],
                colors=[BLEU, ORANGE], alpha=0.25)
    if np.nanmin(Z) < seuil <= np.nanmax(Z):
        ax.contour(X, Y, Z, levels=[seuil], colors="k", linewidths=1.5)
    ax.set_xlim(xmin, xmax)
    ax.set_ylim(ymin, ymax)
    ax.set_xlabel("$x$")
    ax.set_ylabel("$y$")
    return ax


def tracer_surface(F, xmin, xmax, ymin, ymax, num=40, titre=None):
    """Surface z = F(x, y) en 3D, à côté de ses lignes de niveau. Renvoie les deux ``Axes``.

    Présenté au chapitre 03.

    >>> ax3d, ax2d = tracer_surface(lambda X, Y: X**2 + Y**2, -1, 1, -1, 1)
    >>> ax3d.name
    '3d'
    """
    if not callable(F):
        raise TypeError(f"F doit être une fonction ; reçu {type(F).__name__}.")
    _bornes(xmin, xmax)
    _bornes(ymin, ymax)
    X, Y = np.meshgrid(np.linspace(xmin, xmax, num), np.linspace(ymin, ymax, num))
    Z = np.asarray(F(X, Y), dtype=float)
    if Z.shape != X.shape:
        raise ValueError(f"F doit renvoyer un tableau de taille {X.shape} ; reçu {Z.shape}.")
    fig = plt.figure(figsize=(11, 4.2))
    ax3d = fig.add_subplot(1, 2, 1, projection="3d")
    ax3d.plot_surface(X, Y, Z, cmap="viridis", edgecolor="none", alpha=0.9)
    ax3d.set_xlabel("$x$")
    ax3d.set_ylabel("$y$")
    ax2d = fig.add_subplot(1, 2, 2)
    lignes = ax2d.contour(X, Y, Z, levels=12, cmap="viridis")
    ax2d.clabel(lignes, fontsize=8)
    ax2d.set_aspect("equal")
    ax2d.set_xlabel("$x$")
    ax2d.set_ylabel("$y$")
    if titre:
        fig.suptitle(titre)
    return ax3d, ax2d


def courbes_apprentissage(historique, ax=None):
    """Trace l'erreur (et la précision si elle existe) au fil des époques.

    ``historique`` est le dictionnaire ``history.history`` de Keras, ou tout
    dictionnaire {nom : liste de valeurs}.

    Présenté au chapitre 10.

    >>> ax = courbes_apprentissage({"loss": [1.0, 0.5], "val_loss": [1.1, 0.7]})
    >>> len(ax.lines)
    2
    """
    if hasattr(historique, "history"):
        historique = historique.history
    if not isinstance(historique, dict) or not historique:
        raise TypeError("historique doit être un dictionnaire non vide {nom : valeurs} (ou un History de Keras).")
    ax = _axes(ax)
    for nom, valeurs in historique.items():
        ax.plot(np.arange(1, len(valeurs) + 1), valeurs, marker="o", markersize=3, label=nom)
    ax.set_xlabel("époque")
    ax.legend()
    return ax


def _etiquette(valeur):
    """Écrit un nombre à la française (virgule décimale, vrai signe moins) : -0.5 devient « −0,5 »."""
    if isinstance(valeur, (int, float, np.integer, np.floating)):
        return f"{valeur:g}".replace(".", ",").replace("-", "\u2212")
    return str(valeur)


def tracer_reseau(tailles, ax=None, poids=None, biais=None, noms_entrees=None, activations=None,
                  connexions=None, titre=""):
    """Dessine le schéma d'un réseau de neurones par couches : un disque par neurone, une flèche par coefficient.

    * ``tailles`` : le nombre d'entrées puis le nombre de neurones de chaque couche, par exemple ``[2, 3, 1]`` ;
    * ``poids`` : pour chaque couche, la matrice des coefficients rangée **par entrée** comme dans Keras
      (taille (entrées, neurones)) ; ses valeurs sont écrites sur les arêtes ;
    * ``biais`` : pour chaque couche, le vecteur des biais, écrits au-dessus des neurones ;
    * ``activations`` : pour chaque couche, le nom de la fonction d'activation écrit dans les disques
      (par exemple ``["ReLU", "H"]``) ;
    * ``connexions`` : pour chaque couche, un tableau de booléens de taille (entrées, neurones) ; une arête
      absente correspond à un coefficient nul (couche partiellement connectée).

    Renvoie l'objet ``Axes``.

    Présenté au chapitre 05.

    >>> ax = tracer_reseau([2, 2, 1], poids=[[[1, -1], [-1, 1]], [[1], [1]]], activations=["H", "H"])
    >>> len(ax.patches)
    5
    """
    tailles = list(tailles)
    if len(tailles) < 2 or any(isinstance(t, bool) or not isinstance(t, (int, np.integer)) or t < 1
                               for t in tailles):
        raise ValueError(f"tailles doit être une liste d'au moins deux entiers positifs (entrées puis couches) ; "
                         f"reçu {tailles}.")
    n_couches = len(tailles) - 1

    def _par_couche(valeurs, nom, forme):
        if valeurs is None:
            return [None] * n_couches
        if len(valeurs) != n_couches:
            raise ValueError(f"{nom} doit contenir une valeur par couche, soit {n_couches} ; reçu {len(valeurs)}.")
        resultat = []
        for k, v in enumerate(valeurs):
            if forme is not None and v is not None:
                v = np.asarray(v)
                attendu = forme(k)
                if v.shape != attendu:
                    raise ValueError(f"{nom}[{k}] doit avoir la taille {attendu} (entrées, neurones) ; "
                                     f"reçu {v.shape}.")
            resultat.append(v)
        return resultat

    poids = _par_couche(poids, "poids", lambda k: (tailles[k], tailles[k + 1]))
    connexions = _par_couche(connexions, "connexions", lambda k: (tailles[k], tailles[k + 1]))
    biais = _par_couche(biais, "biais", lambda k: (tailles[k + 1],))
    activations = _par_couche(activations, "activations", None)
    ax = ax if ax is not None else plt.subplots(figsize=(1.8 * len(tailles) + 1, 0.9 * max(tailles) + 1.2))[1]
    positions = [[(2.0 * c, (n - 1) / 2 - i) for i in range(n)] for c, n in enumerate(tailles)]
    rayon = 0.28
    for k in range(n_couches):
        for j, (xd, yd) in enumerate(positions[k + 1]):
            for i, (xs, ys) in enumerate(positions[k]):
                if connexions[k] is not None and not connexions[k][i, j]:
                    continue
                ax.annotate("", xy=(xd - rayon, yd), xytext=(xs + rayon, ys),
                            arrowprops=dict(arrowstyle="->", color="0.45", lw=1), zorder=1)
                if poids[k] is not None:
                    t = 0.7  # près du neurone d'arrivée, comme dans les schémas du livre
                    ax.text(xs + rayon + t * (xd - xs - 2 * rayon), ys + t * (yd - ys), _etiquette(poids[k][i, j]),
                            fontsize=9, ha="center", va="center", color=BLEU,
                            bbox=dict(fc="white", ec="none", pad=0.4), zorder=2)
            if biais[k] is not None:
                ax.text(xd, yd + rayon + 0.08, _etiquette(biais[k][j]), fontsize=9, ha="center", va="bottom",
                        color=ORANGE, zorder=2)
    for c, couche in enumerate(positions):
        for i, (x, y) in enumerate(couche):
            entree = c == 0
            ax.add_patch(plt.Circle((x, y), rayon if not entree else rayon * 0.6, fc="white" if entree else "#e8f1f8",
                                    ec="black", zorder=3))
            if entree and noms_entrees is not None:
                ax.text(x - rayon, y, noms_entrees[i], ha="right", va="center", fontsize=11)
            elif not entree and activations[c - 1] is not None:
                ax.text(x, y, str(activations[c - 1]), ha="center", va="center", fontsize=8, zorder=4)
    ax.set_xlim(-1.0, 2.0 * n_couches + 0.8)
    ax.set_ylim(-max(tailles) / 2 - 0.1, max(tailles) / 2 + 0.4)
    ax.set_aspect("equal")
    ax.axis("off")
    if titre:
        ax.set_title(titre)
    return ax


#: Icônes de Font Awesome du lecteur d'animation de matplotlib, remplacées par des caractères Unicode.
_ICONES_ANIMATION = {
    "fa fa-fast-backward": "⏮", "fa fa-step-backward": "⏴︎|", "fa fa-play fa-flip-horizontal": "◀",
    "fa fa-pause": "⏸", "fa fa-play": "▶", "fa fa-step-forward": "|⏵︎", "fa fa-fast-forward": "⏭",
    "fa fa-minus": "−", "fa fa-plus": "+",
}


def animation_html(animation, **options):
    """HTML autonome d'une animation matplotlib (lecteur JavaScript), sans rien charger d'Internet.

    ``FuncAnimation.to_jshtml`` produit un petit lecteur (lecture, pause, image par
    image) qui joue aussi dans le livre HTML et les diapositives, mais il demande
    à un CDN la feuille de style de Font Awesome pour dessiner ses boutons. Cette
    fonction retire ce lien et remplace les icônes par des caractères Unicode : la
    page reste lisible sans réseau. ``options`` est passé à ``to_jshtml``
    (par exemple ``default_mode="once"``). Présenté au chapitre 08.

    >>> import matplotlib.pyplot as plt
    >>> from matplotlib.animation import FuncAnimation
    >>> fig, ax = plt.subplots()
    >>> (ligne,) = ax.plot([0, 1], [0, 1])
    >>> html = animation_html(FuncAnimation(fig, lambda i: (ligne,), frames=2))
    >>> "https://" in html, "▶" in html
    (False, True)
    """
    import re

    from matplotlib.animation import Animation

    if not isinstance(animation, Animation):
        raise TypeError(f"animation_html attend une animation matplotlib (FuncAnimation…), "
                        f"pas {type(animation).__name__}.")
    html = animation.to_jshtml(**options)
    html = re.sub(r"<link[^>]*font-awesome[^>]*>", "", html, flags=re.S)
    for classe, symbole in _ICONES_ANIMATION.items():
        html = html.replace(f'<i class="{classe}"></i>', symbole)
    return html
