"""Outils des mainteneurs du cours (rien ici n'est importé par les chapitres).

* :mod:`outils.generation` — ``make exercices`` et ``make notebooks`` : version étudiant, .ipynb appariés ;
* :mod:`outils.diapositives` — ``make slides`` : diaporamas reveal.js hors ligne ;
* :mod:`outils.banc` et :mod:`outils.determinisme` — ``make bench`` et ``make determinisme`` ;
* :mod:`outils._execution` — exécution mesurée d'un cahier dans un noyau neuf (interne) ;
* :mod:`outils.cache` — chapitres exécutés une fois, partagés par les diapositives et le livre ;
* :mod:`outils.livre` — ``make livre`` : le cours en livre HTML hors ligne (Sphinx, MyST-NB).

Les chapitres n'importent que le paquet de l'étudiant, :mod:`helpers` (et le
module ``keras_facile`` des listings du livre).
"""
