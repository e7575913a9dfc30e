"""Photographies hors ligne pour les chapitres de convolution.

Les chapitres 11 à 14 appliquent des convolutions à de vraies photographies.
Celles-ci viennent du paquet **scikit-image** (``skimage.data``), qui les livre
avec lui : aucun téléchargement n'est nécessaire. Provenance et licence, d'après
la documentation de ``skimage.data`` (version 0.26) :

========== ================================================ ==========================================
nom        sujet                                            licence (auteur)
========== ================================================ ==========================================
camera     un photographe et son appareil sur un trépied     CC0 (Lav Varshney)
astronaut  l'astronaute Eileen Collins (NASA)               domaine public (NASA, Great Images)
coffee     une tasse de café sur une table en bois           CC0 (Rachel Michetti, Pikolo Espresso Bar)
chelsea    Chelsea, un chat                                  CC0 (Stefan van der Walt)
brick      un mur de briques                                 CC0 (CC0Textures, transformée par scikit-image)
========== ================================================ ==========================================

CC0 : l'auteur a renoncé à ses droits ; l'image peut être réutilisée sans
condition. Présenté au chapitre 12.

>>> A = photo("camera", taille=64)
>>> A.shape, A.dtype, float(A.min()) >= 0.0, float(A.max()) <= 1.0
((64, 64), dtype('float64'), True, True)
"""
import numbers

import numpy as np

__all__ = ["PHOTOS", "photo", "montrer"]

#: Photographies disponibles : nom → (description, licence et auteur).
PHOTOS = {
    "camera": ("un photographe et son appareil sur un trépied", "CC0, Lav Varshney"),
    "astronaut": ("l'astronaute Eileen Collins", "domaine public, NASA"),
    "coffee": ("une tasse de café", "CC0, Rachel Michetti"),
    "chelsea": ("Chelsea, un chat", "CC0, Stefan van der Walt"),
    "brick": ("un mur de briques", "CC0, CC0Textures"),
}


def photo(nom="camera", taille=None, maximum=1.0):
    """Une photographie de scikit-image, en niveaux de gris, sous forme de tableau NumPy 2-D de flottants.

    Les photographies en couleur sont converties en niveaux de gris
    (luminance, ``skimage.color.rgb2gray``). Les valeurs vont de 0 (noir) à
    ``maximum`` (blanc) : 1 par défaut, ou 255 pour la convention du livre.

    ``taille`` (un entier, facultatif) réduit l'image pour que son plus grand
    côté mesure ``taille`` pixels (proportions gardées, avec anticrénelage) :
    pratique pour le mode rapide. Une taille plus grande que l'image est refusée.

    Présenté au chapitre 12. Provenance et licences : voir :data:`PHOTOS`.

    >>> A = photo("coffee", taille=60, maximum=255)
    >>> A.shape, bool(A.max() <= 255)
    ((40, 60), True)
    >>> photo("lena")
    Traceback (most recent call last):
    ...
    ValueError: Photographie inconnue : 'lena'. Noms possibles : camera, astronaut, coffee, chelsea, brick.
    """
    if not isinstance(nom, str):
        raise TypeError(f"Le nom de la photographie doit être une chaîne de caractères, pas {type(nom).__name__}.")
    if nom not in PHOTOS:
        raise ValueError(f"Photographie inconnue : {nom!r}. Noms possibles : {', '.join(PHOTOS)}.")
    if isinstance(maximum, bool) or not isinstance(maximum, numbers.Real):
        raise TypeError(f"maximum doit être un nombre, pas {type(maximum).__name__}.")
    if not maximum > 0:
        raise ValueError(f"maximum doit être strictement positif (1 ou 255 en général), pas {maximum}.")
    if taille is not None and (isinstance(taille, bool) or not isinstance(taille, numbers.Integral)):
        raise TypeError(f"taille doit être un entier (nombre de pixels), pas {type(taille).__name__}.")

    import skimage.data
    from skimage.color import rgb2gray

    image = getattr(skimage.data, nom)()
    if image.ndim == 3:
        image = rgb2gray(image)              # flottants entre 0 et 1
    else:
        image = image.astype(np.float64) / 255.0
    if taille is not None:
        cote = max(image.shape)
        if not 2 <= taille <= cote:
            raise ValueError(f"taille doit être comprise entre 2 et {cote} pixels pour {nom!r}, pas {taille}.")
        if taille < cote:
            from skimage.transform import resize
            forme = tuple(max(1, round(n * taille / cote)) for n in image.shape)
            image = resize(image, forme, anti_aliasing=True)
    return np.clip(image, 0.0, 1.0) * float(maximum)


def montrer(images, titres=None, colonnes=None, taille_case=3.2, bornes=None):
    """Affiche des images en niveaux de gris côte à côte (par exemple avant/après une convolution).

    ``images`` : liste de tableaux 2-D ; ``titres`` : liste de chaînes de même
    longueur ; ``colonnes`` : nombre d'images par ligne (toutes sur une ligne
    par défaut) ; ``bornes`` : ``(vmin, vmax)`` commun, sinon chaque image est
    étirée entre son minimum (noir) et son maximum (blanc). Renvoie la figure.

    Présenté au chapitre 12.

    >>> fig = montrer([np.eye(4), np.ones((4, 4))], ["identité", "uns"])
    >>> len(fig.axes)
    2
    """
    import matplotlib.pyplot as plt

    if isinstance(images, np.ndarray) and images.ndim == 2:
        images = [images]
    if not isinstance(images, (list, tuple)) or not images:
        raise TypeError("images doit être une liste (non vide) de tableaux à deux dimensions.")
    tableaux = []
    for i, image in enumerate(images):
        t = np.asarray(image)
        if t.ndim != 2 or not np.issubdtype(t.dtype, np.number):
            raise ValueError(f"L'image numéro {i} doit être un tableau de nombres à deux dimensions ; "
                             f"sa taille est {t.shape}.")
        tableaux.append(t)
    if titres is None:
        titres = [""] * len(tableaux)
    if isinstance(titres, str) or len(titres) != len(tableaux):
        raise ValueError("titres doit être une liste avec un titre par image.")
    colonnes = len(tableaux) if colonnes is None else int(colonnes)
    if colonnes < 1:
        raise ValueError("colonnes doit être un entier au moins égal à 1.")
    lignes = -(-len(tableaux) // colonnes)
    fig, axes = plt.subplots(lignes, colonnes, figsize=(taille_case * colonnes, taille_case * lignes), squeeze=False)
    for ax in axes.ravel():
        ax.axis("off")
    options = {} if bornes is None else {"vmin": bornes[0], "vmax": bornes[1]}
    for ax, t, titre in zip(axes.ravel(), tableaux, titres):
        ax.imshow(t, cmap="gray", interpolation="nearest", **options)
        ax.set_title(titre)
    fig.tight_layout()
    return fig
