"""Fabrique data/tailles_poids.csv : 200 adultes fictifs (taille, poids, classe).

Données inventées pour le cours, à l'image de l'exemple du livre Deepmath
(chapitre « Réseau de neurones ») : deux nuages de points que la droite
y = 85x − 77 sépare presque parfaitement. Relancer ce script redonne
exactement le même fichier (graine fixe).

    python data/fabriquer_tailles_poids.py
"""
from pathlib import Path

import numpy as np

GRAINE = 2024
N = 100  # par classe


def fabriquer():
    rng = np.random.default_rng(GRAINE)
    lignes = []
    # classe 0 (hommes fictifs) : plus lourds à taille égale ; classe 1 (femmes fictives)
    for classe, (taille_moy, decalage) in enumerate([(1.76, 9.0), (1.64, -9.0)]):
        tailles = rng.normal(taille_moy, 0.07, N).clip(1.45, 2.0)
        poids = 85 * tailles - 77 + decalage + rng.normal(0, 5.0, N)
        lignes += [(round(t, 2), round(p, 1), classe) for t, p in zip(tailles, poids)]
    return lignes


if __name__ == "__main__":
    chemin = Path(__file__).with_name("tailles_poids.csv")
    with chemin.open("w", encoding="utf-8") as f:
        f.write("taille_m,poids_kg,classe\n")
        for t, p, c in fabriquer():
            f.write(f"{t:.2f},{p:.1f},{c}\n")
    print(f"{chemin} écrit.")
