"""Exercices du chapitre 14 : convolution avec Keras.

* ``q1`` : compter les poids d'un réseau convolutif avec pooling ;
* ``q2`` : construire un réseau convolutif invariant par translation ;
* ``q3`` : prévoir l'effet d'un arrêt précoce (``EarlyStopping``).

Les contrôles recalculent la bonne réponse ; leurs messages disent ce qui ne
va pas sans donner de valeur.
"""
import math

import numpy as np

from . import Exercice, Incorrect, PasDeReponse, appeler, est_vide

__all__ = ["ARCHITECTURE_Q1", "EXERCICES", "PATIENCE_Q3", "VAL_LOSS_Q3", "arret_precoce", "nb_poids_q1", "q1", "q2",
           "q3"]


def _entier(reponse, nom):
    """Ramène une réponse entière (int, np.integer, float entier) à un int, ou lève Incorrect."""
    if est_vide(reponse):
        raise PasDeReponse
    if isinstance(reponse, (bool, str, np.bool_)) or not isinstance(reponse, (int, float, np.integer, np.floating)):
        raise Incorrect(f"{nom} doit être un nombre entier ; vous avez donné un objet de type "
                        f"{type(reponse).__name__}.")
    if not math.isfinite(float(reponse)) or float(reponse) != int(reponse):
        raise Incorrect(f"{nom} doit être un nombre entier ; {reponse} ne l'est pas.")
    return int(reponse)


# --------------------------------------------------------------------------
# q1 : nombre de poids d'un réseau convolutif
# --------------------------------------------------------------------------

#: Le réseau de q1, couche par couche (toutes les convolutions avec padding='same').
ARCHITECTURE_Q1 = [
    ("Input", {"shape": (32, 32, 3)}),
    ("Conv2D", {"filtres": 8, "noyau": 5}),
    ("MaxPooling2D", {"pool_size": 2}),
    ("Conv2D", {"filtres": 16, "noyau": 3}),
    ("MaxPooling2D", {"pool_size": 2}),
    ("Flatten", {}),
    ("Dense", {"neurones": 10}),
]


def nb_poids_q1(biais=True, canaux=True, poolings=2):
    """Nombre de poids du réseau de q1 ; les options reproduisent les oublis classiques.

    >>> nb_poids_q1()
    12026
    """
    b = 1 if biais else 0
    conv1 = (5 * 5 * (3 if canaux else 1) + b) * 8
    conv2 = (3 * 3 * (8 if canaux else 1) + b) * 16
    cote = 32 // 2 ** poolings
    return conv1 + conv2 + (cote * cote * 16 + b) * 10


def _controle_q1(reponse):
    n = _entier(reponse, "Le nombre de poids")
    if n == nb_poids_q1():
        return
    if n == nb_poids_q1(biais=False):
        raise Incorrect("Il manque les biais : chaque filtre de convolution et chaque neurone dense en a un.")
    if n == nb_poids_q1(canaux=False):
        raise Incorrect("Un filtre de convolution couvre tous les canaux de son entrée : son motif a la taille "
                        "noyau × noyau × canaux d'entrée.")
    if n in (nb_poids_q1(poolings=0), nb_poids_q1(poolings=1)):
        raise Incorrect("La couche dense est trop grosse : chaque MaxPooling2D(2) divise par deux la hauteur et la "
                        "largeur des cartes avant l'aplatissement.")
    if n == nb_poids_q1() - (8 * 8 * 16 + 1) * 10:
        raise Incorrect("Vous avez oublié la couche dense de sortie : c'est elle qui a le plus de poids.")
    raise Incorrect(f"{n} ne convient pas. Comptez couche par couche : une Conv2D de k filtres n × n sur c canaux "
                    "a (n·n·c + 1)·k poids ; pooling et aplatissement n'en ont aucun.")


q1 = Exercice(
    "Nombre de poids d'un réseau convolutif",
    _controle_q1,
    indices=["Une couche Conv2D de k filtres de taille n × n, qui reçoit c canaux, a (n × n × c + 1) × k poids.",
             "MaxPooling2D et Flatten n'ont aucun poids, mais ils changent la taille de ce qui arrive à la couche "
             "dense : suivez la taille (hauteur, largeur, canaux) après chaque couche.",
             "Après les deux poolings, les cartes font 8 × 8 ; combien de nombres l'aplatissement donne-t-il ?"],
    solution=("conv1 = (5 * 5 * 3 + 1) * 8        # 608\n"
              "conv2 = (3 * 3 * 8 + 1) * 16       # 1 168\n"
              "dense = (8 * 8 * 16 + 1) * 10      # 10 250\n"
              "nb_poids = conv1 + conv2 + dense   # 12 026"),
)


# --------------------------------------------------------------------------
# q2 : un réseau invariant par translation
# --------------------------------------------------------------------------

LIMITE_POIDS_Q2 = 5000


def _image_test(colonne, ligne=7):
    """Une image 16×16×3 noire avec une petite croix colorée centrée en (ligne, colonne)."""
    image = np.zeros((1, 16, 16, 3), dtype="float32")
    image[0, ligne - 1:ligne + 2, colonne] = (0.9, 0.4, 0.1)
    image[0, ligne, colonne - 1:colonne + 2] = (0.9, 0.4, 0.1)
    return image


def _controle_q2(construire):
    import keras

    modele = appeler(construire, nom="reseau_invariant")
    if not isinstance(modele, keras.Model):
        raise Incorrect(f"reseau_invariant() doit renvoyer un modèle Keras ; elle a renvoyé un objet de type "
                        f"{type(modele).__name__}.")
    try:
        sortie = np.asarray(modele(_image_test(4), training=False))
    except Exception as erreur:
        raise Incorrect(f"Le modèle n'accepte pas une image de taille (1, 16, 16, 3) : {type(erreur).__name__}. "
                        "Commencez par keras.Input(shape=(16, 16, 3)).") from None
    if sortie.shape != (1, 3):
        raise Incorrect(f"Pour une image, le modèle renvoie un tableau de taille {sortie.shape} : on attend trois "
                        "probabilités, une par forme.")
    if not math.isclose(float(sortie.sum()), 1.0, abs_tol=1e-4) or sortie.min() < 0:
        raise Incorrect("Les trois sorties doivent être des probabilités de somme 1 : quelle activation pour la "
                        "dernière couche ?")
    if not any(isinstance(c, keras.layers.Conv2D) for c in modele.layers):
        raise Incorrect("Le modèle doit contenir au moins une couche Conv2D.")
    if modele.count_params() > LIMITE_POIDS_Q2:
        raise Incorrect(f"Le modèle a {modele.count_params()} poids : restez sous {LIMITE_POIDS_Q2}.")
    ecart = 0.0
    for colonne, ligne in [(8, 7), (12, 7), (4, 11)]:
        autre = np.asarray(modele(_image_test(colonne, ligne), training=False))
        ecart = max(ecart, float(np.abs(autre - sortie).max()))
    if ecart > 1e-4:
        aplatit = any(isinstance(c, keras.layers.Flatten) for c in modele.layers)
        conseil = ("Flatten garde la position de chaque pixel : chaque position a ses propres poids dans la couche "
                   "dense." if aplatit else "Résumez chaque carte par un seul nombre, quelle que soit la position.")
        raise Incorrect(f"Déplacer la forme de 4 ou 8 pixels change les sorties (jusqu'à {ecart:.2g}). {conseil}")


q2 = Exercice(
    "Un réseau invariant par translation",
    _controle_q2,
    indices=["La convolution est équivariante : déplacer l'image déplace les cartes de caractéristiques. "
             "Il reste à résumer chaque carte sans tenir compte de la position.",
             "GlobalMaxPooling2D (ou GlobalAveragePooling2D) remplace chaque carte par son maximum (ou sa moyenne) : "
             "mettez-la à la place de Flatten.",
             "Un MaxPooling2D(2) intermédiaire reste permis : le contrôle décale la forme d'un multiple de 4 pixels."],
    solution=("def reseau_invariant():\n"
              "    return keras.Sequential([\n"
              "        keras.Input(shape=(16, 16, 3)),\n"
              "        keras.layers.Conv2D(16, 3, padding='same', activation='relu'),\n"
              "        keras.layers.Conv2D(16, 3, padding='same', activation='relu'),\n"
              "        keras.layers.GlobalMaxPooling2D(),\n"
              "        keras.layers.Dense(3, activation='softmax'),\n"
              "    ])"),
)


# --------------------------------------------------------------------------
# q3 : arrêt précoce
# --------------------------------------------------------------------------

#: Erreur de validation (val_loss) à la fin des époques 1, 2, 3… d'un apprentissage imaginaire.
VAL_LOSS_Q3 = [0.90, 0.62, 0.48, 0.41, 0.39, 0.40, 0.38, 0.385, 0.39, 0.40, 0.41, 0.43, 0.45]
PATIENCE_Q3 = 3


def arret_precoce(pertes, patience):
    """Simule ``EarlyStopping(monitor='val_loss', patience=patience, restore_best_weights=True)``.

    Renvoie ``(époques effectuées, époque dont les poids sont gardés)``, numérotées à partir de 1.

    >>> arret_precoce([3, 2, 2.5, 2.6, 1], patience=2)
    (4, 2)
    """
    meilleure, rang, attente = math.inf, 0, 0
    for epoque, perte in enumerate(pertes, start=1):
        attente += 1
        if perte < meilleure:
            meilleure, rang, attente = perte, epoque, 0
        elif attente >= patience:
            return epoque, rang
    return len(pertes), rang


def _controle_q3(epoques, gardee):
    if est_vide(epoques) or est_vide(gardee):
        raise PasDeReponse
    epoques = _entier(epoques, "Le nombre d'époques effectuées")
    gardee = _entier(gardee, "Le numéro de l'époque gardée")
    attendu_e, attendu_g = arret_precoce(VAL_LOSS_Q3, PATIENCE_Q3)
    if (epoques, gardee) == (attendu_e, attendu_g):
        return
    if (epoques, gardee) == (attendu_e - 1, attendu_g - 1):
        raise Incorrect("Numérotez les époques à partir de 1, comme Keras les affiche (« Epoch 1/… »).")
    if epoques == len(VAL_LOSS_Q3):
        raise Incorrect("L'apprentissage ne va pas jusqu'au bout : cherchez le moment où val_loss n'a pas battu son "
                        f"record depuis {PATIENCE_Q3} époques.")
    if epoques == attendu_e and gardee == epoques:
        raise Incorrect("Le nombre d'époques est juste, mais restore_best_weights=True remet les poids de la "
                        "meilleure époque, pas ceux de la dernière.")
    if epoques != attendu_e:
        raise Incorrect(f"L'arrêt n'a pas lieu à l'époque {epoques}. Une petite remontée ne suffit pas : il faut "
                        f"{PATIENCE_Q3} époques de suite sans nouveau record ; un record remet le compte à zéro.")
    raise Incorrect(f"L'époque {gardee} n'est pas celle du plus petit val_loss avant l'arrêt.")


q3 = Exercice(
    "Où s'arrête EarlyStopping ?",
    _controle_q3,
    indices=["Suivez le record (le plus petit val_loss vu jusque-là) et le nombre d'époques écoulées depuis ce record.",
             f"L'apprentissage s'arrête à la fin de l'époque où ce nombre atteint la patience ({PATIENCE_Q3}).",
             "Une valeur égale ou un peu plus grande que le record n'est pas un nouveau record."],
    solution=("# records : 0.90 (1), 0.62 (2), 0.48 (3), 0.41 (4), 0.39 (5), 0.38 (7)\n"
              "# époques 8, 9, 10 sans record : arrêt à la fin de l'époque 10\n"
              "epoques_effectuees, epoque_gardee = 10, 7"),
)

EXERCICES = [q1, q2, q3]
