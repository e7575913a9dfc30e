"""Petits jeux d'images en couleurs, fabriqués hors ligne, et écriture d'un dossier d'images.

Présenté au chapitre 14 (convolution avec Keras). Trois fonctions :

* :func:`imagettes_photos` découpe des imagettes dans des photographies livrées
  avec scikit-image (aucun téléchargement) ; la classe d'une imagette est la
  photo dont elle vient. C'est une tâche **réelle** : les pixels sont ceux des
  photos ;
* :func:`formes_colorees` fabrique des images **synthétiques** : un disque, un
  carré ou une croix de couleur aléatoire sur un fond sombre bruité ;
* :func:`ecrire_dossier_images` range des images dans un dossier, un
  sous-dossier par classe, comme l'attend
  ``keras.utils.image_dataset_from_directory``.

Provenance des photographies (voir :data:`PROVENANCE`) : module
``skimage.data`` de scikit-image (licence BSD), images dans le domaine public
ou sous licence CC0.
"""
from functools import cache
from pathlib import Path

import numpy as np

__all__ = [
    "NOMS_FORMES",
    "PHOTOS",
    "PROVENANCE",
    "ZONES",
    "ecrire_dossier_images",
    "formes_colorees",
    "imagettes_photos",
]

#: Photographies en couleurs utilisées par :func:`imagettes_photos` (noms des fonctions de ``skimage.data``).
PHOTOS = ("chelsea", "coffee", "astronaut", "rocket", "immunohistochemistry", "hubble_deep_field")

#: Provenance et licence de chaque photographie (d'après la documentation de ``skimage.data``).
PROVENANCE = {
    "chelsea": "Chelsea, une chatte ; photo de Stéfan van der Walt, CC0",
    "coffee": "une tasse de café (Pikolo Espresso Bar) ; photo de Rachel Michetti, CC0",
    "astronaut": "l'astronaute Eileen Collins ; NASA, domaine public",
    "rocket": "lancement de DSCOVR sur une fusée Falcon 9 ; SpaceX, domaine public",
    "immunohistochemistry": "coupe de tissu colorée (immunohistochimie) ; CMMI, sans restriction connue",
    "hubble_deep_field": "le champ profond extrême de Hubble ; NASA, domaine public",
}

#: Les trois classes de :func:`formes_colorees`, dans l'ordre des étiquettes 0, 1, 2.
NOMS_FORMES = ("disque", "carré", "croix")

#: Bandes verticales de chaque photo (fractions de la largeur) : elles ne se chevauchent pas.
ZONES = {"apprentissage": (0.0, 0.5), "validation": (0.5, 0.7), "test": (0.7, 1.0)}


def _entier_positif(valeur, nom, minimum=1):
    if isinstance(valeur, bool) or not isinstance(valeur, (int, np.integer)):
        raise TypeError(f"{nom} doit être un entier, pas {type(valeur).__name__}.")
    if valeur < minimum:
        raise ValueError(f"{nom} doit valoir au moins {minimum} (reçu : {valeur}).")
    return int(valeur)


@cache
def _photo_reduite(nom, cote):
    """La photo ``nom`` en flottants de [0, 1], réduite pour que son petit côté mesure ``cote`` pixels."""
    from skimage import data, transform

    image = getattr(data, nom)()[..., :3]
    echelle = cote / min(image.shape[:2])
    reduite = transform.rescale(image, echelle, channel_axis=-1, anti_aliasing=True)
    return np.clip(reduite, 0.0, 1.0).astype("float32")


def imagettes_photos(n_par_photo, partie="apprentissage", taille=16, cote=96, graine=0, photos=PHOTOS):
    """Imagettes carrées découpées au hasard dans des photos de scikit-image ; l'étiquette est la photo.

    Présenté au chapitre 14.

    Chaque photo est d'abord réduite (petit côté de ``cote`` pixels), puis on y
    découpe ``n_par_photo`` carrés de ``taille`` × ``taille`` pixels, tous dans
    la bande verticale de la ``partie`` demandée (voir :data:`ZONES`) : les
    imagettes d'apprentissage, de validation et de test ne partagent donc aucun
    pixel.

    Renvoie ``(X, y)`` : ``X`` de taille (n, taille, taille, 3), flottants de
    [0, 1] ; ``y`` les numéros des photos (rang dans ``photos``).

    Provenance : ``skimage.data`` (voir :data:`PROVENANCE`), aucun téléchargement.

    >>> X, y = imagettes_photos(2, partie="test", taille=8, cote=48)
    >>> X.shape, y.tolist()
    ((12, 8, 8, 3), [0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5])
    >>> bool(X.min() >= 0 and X.max() <= 1)
    True
    """
    n_par_photo = _entier_positif(n_par_photo, "n_par_photo")
    taille = _entier_positif(taille, "taille", 2)
    cote = _entier_positif(cote, "cote", 2)
    if partie not in ZONES:
        raise ValueError(f"Partie inconnue : {partie!r}. Valeurs possibles : {', '.join(ZONES)}.")
    if isinstance(photos, str) or not all(isinstance(p, str) for p in photos) or not photos:
        raise TypeError("photos doit être une liste non vide de noms de photos, par exemple ('chelsea', 'coffee').")
    inconnues = [p for p in photos if p not in PROVENANCE]
    if inconnues:
        raise ValueError(f"Photo(s) inconnue(s) : {', '.join(inconnues)}. Photos disponibles : {', '.join(PHOTOS)}.")
    rng = np.random.default_rng(graine)
    debut, fin = ZONES[partie]
    images, etiquettes = [], []
    for numero, nom in enumerate(photos):
        photo = _photo_reduite(nom, cote)
        hauteur, largeur, _ = photo.shape
        x0, x1 = int(debut * largeur), int(fin * largeur) - taille
        if x1 < x0 or hauteur < taille:
            raise ValueError(f"Imagettes de {taille} pixels trop grandes pour la bande « {partie} » de la photo "
                             f"{nom} réduite à {hauteur} × {largeur} : augmentez cote ou réduisez taille.")
        ys = rng.integers(0, hauteur - taille + 1, size=n_par_photo)
        xs = rng.integers(x0, x1 + 1, size=n_par_photo)
        images.extend(photo[y:y + taille, x:x + taille] for y, x in zip(ys, xs))
        etiquettes.extend([numero] * n_par_photo)
    return np.stack(images), np.array(etiquettes, dtype="int64")


def formes_colorees(n, taille=16, cote="partout", graine=0):
    """Images **synthétiques** : un disque, un carré ou une croix coloré sur un fond sombre légèrement bruité.

    Présenté au chapitre 14.

    La couleur, la demi-taille (2 ou 3 pixels) et la position de la forme sont
    tirées au hasard. ``cote`` place la forme dans la moitié ``"gauche"``, la
    moitié ``"droite"`` ou n'importe où (``"partout"``). C'est le jeu du
    chapitre 10 (section 6), fabriqué par le code du cours.

    Renvoie ``(X, y)`` : ``X`` de taille (n, taille, taille, 3), flottants de
    [0, 1] ; ``y`` l'étiquette (0 disque, 1 carré, 2 croix, voir :data:`NOMS_FORMES`).

    >>> X, y = formes_colorees(5, cote="droite", graine=1)
    >>> X.shape, bool(X[:, :, :8].max() < 0.1)      # rien de vif dans la moitié gauche
    ((5, 16, 16, 3), True)
    """
    n = _entier_positif(n, "n")
    taille = _entier_positif(taille, "taille", 12)
    if cote not in ("gauche", "droite", "partout"):
        raise ValueError(f"cote doit valoir « gauche », « droite » ou « partout » (reçu : {cote!r}).")
    rng = np.random.default_rng(graine)
    ii, jj = np.mgrid[0:taille, 0:taille]
    images = rng.uniform(0, 0.08, size=(n, taille, taille, 3)).astype("float32")
    classes = rng.integers(3, size=n)
    moitie = taille // 2
    for k in range(n):
        r = int(rng.integers(2, 4))
        ci = int(rng.integers(r, taille - r))
        if cote == "partout":
            cj = int(rng.integers(r, taille - r))
        else:
            cj = int(rng.integers(r, moitie - r)) + (moitie if cote == "droite" else 0)
        di, dj = ii - ci, jj - cj
        if classes[k] == 0:
            masque = di ** 2 + dj ** 2 <= r ** 2
        elif classes[k] == 1:
            masque = (np.abs(di) <= r) & (np.abs(dj) <= r)
        else:
            masque = ((np.abs(di) <= r) & (dj == 0)) | ((np.abs(dj) <= r) & (di == 0))
        images[k][masque] = rng.uniform(0.3, 1.0, size=3)
    return images, classes.astype("int64")


def ecrire_dossier_images(dossier, images, etiquettes, noms_classes):
    """Écrit des images PNG dans ``dossier/<classe>/<numéro>.png`` et renvoie le chemin du dossier.

    Présenté au chapitre 14.

    C'est l'organisation qu'attend ``keras.utils.image_dataset_from_directory``
    (et celle du livre pour les chats et les chiens : un sous-dossier par
    classe). ``images`` : tableau (n, hauteur, largeur, 3) de flottants dans
    [0, 1] ou d'entiers ``uint8`` ; ``etiquettes`` : n entiers, rangs dans
    ``noms_classes``. Le dossier est créé ; il doit être vide s'il existe déjà.

    >>> import tempfile
    >>> X, y = formes_colorees(6, graine=0)
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     d = ecrire_dossier_images(Path(tmp) / "formes", X, y, NOMS_FORMES)
    ...     sorted(p.name for p in d.iterdir()), len(list(d.glob("*/*.png")))
    (['carré', 'croix', 'disque'], 6)
    """
    images = np.asarray(images)
    if images.ndim != 4 or images.shape[-1] != 3:
        raise ValueError(f"images doit être de taille (n, hauteur, largeur, 3) ; reçu : {images.shape}.")
    if images.dtype != np.uint8:
        if not np.issubdtype(images.dtype, np.floating):
            raise TypeError(f"images doit contenir des flottants de [0, 1] ou des uint8, pas des {images.dtype}.")
        if not np.all(np.isfinite(images)) or images.min() < 0 or images.max() > 1:
            raise ValueError("Les images en flottants doivent avoir leurs valeurs dans [0, 1].")
        images = np.round(images * 255).astype(np.uint8)
    etiquettes = np.asarray(etiquettes)
    if etiquettes.shape != (len(images),) or not np.issubdtype(etiquettes.dtype, np.integer):
        raise ValueError(f"etiquettes doit contenir un entier par image ({len(images)}) ; "
                         f"reçu : taille {etiquettes.shape}, type {etiquettes.dtype}.")
    if isinstance(noms_classes, str) or not all(isinstance(c, str) and c for c in noms_classes):
        raise TypeError("noms_classes doit être une liste de noms (chaînes non vides), un par classe.")
    if len(etiquettes) and (etiquettes.min() < 0 or etiquettes.max() >= len(noms_classes)):
        raise ValueError(f"Les étiquettes doivent aller de 0 à {len(noms_classes) - 1} "
                         f"(une par nom de classe).")
    dossier = Path(dossier)
    if dossier.exists() and any(dossier.iterdir()):
        raise ValueError(f"Le dossier {dossier} existe et n'est pas vide : choisissez un dossier neuf.")
    from PIL import Image

    for nom in noms_classes:
        (dossier / nom).mkdir(parents=True, exist_ok=True)
    for numero, (image, etiquette) in enumerate(zip(images, etiquettes)):
        Image.fromarray(image).save(dossier / noms_classes[int(etiquette)] / f"{numero:05d}.png")
    return dossier
