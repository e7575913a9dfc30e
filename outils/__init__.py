"""Outils des mainteneurs du cours (rien ici n'est importé par les chapitres).

* :mod:`outils.cache` — chapitres exécutés une fois, partagés par les diapositives et le livre ;
* :mod:`outils.livre` — ``make livre`` : le cours en livre HTML hors ligne (Sphinx, MyST-NB).

Les chapitres n'importent que le paquet de l'étudiant, :mod:`helpers` (et le
module ``keras_facile`` des listings du livre).
"""
