# Réseaux de neurones, pas à pas — commandes du cours.
# Deux commandes suffisent : « make lab » (ouvrir le cours) et « make test » (tout vérifier).

PYTHON_SYSTEME ?= python3.11
# Options supplémentaires pour pip (par exemple un index de paquets local ou l'index « CPU » de PyTorch)
PIP_OPTIONS ?=
VENV := .venv
PY := $(VENV)/bin/python
INSTALLE := $(VENV)/.installe
NPM_INSTALLE := diapositives/node_modules/.installe
CHAPITRES_SOLUTIONS := $(wildcard solutions/[0-9]*.md)
CHAPITRES_COURS := $(wildcard course/[0-9]*.md)

.PHONY: lab test test-gpu slides livre presentation bench determinisme navigateur notebooks exercices clean aide

aide:
	@echo "make lab        : installe l'environnement si besoin et ouvre le cours dans JupyterLab"
	@echo "make test       : installe l'environnement si besoin et lance tous les tests (mode rapide)"
	@echo "make slides     : construit les diapositives reveal.js (sans réseau) dans build/slides/"
	@echo "make livre      : construit le cours en livre HTML hors ligne dans build/livre/ (index.html)"
	@echo "make presentation : écrit des copies exécutées des chapitres pour RISE dans build/presentation/ (CHAPITRE=08 pour un seul)"
	@echo "make test-gpu   : lance les mêmes tests sur le GPU (COURS_APPAREIL=cuda ; échoue sans GPU CUDA)"
	@echo "make bench      : mesure temps et mémoire de chaque chapitre, modes rapide et complet (build/bench.md)"
	@echo "make determinisme : exécute trois fois chaque chapitre et compare les sorties NBVAL_CHECK_OUTPUT"
	@echo "make exercices  : régénère course/ à partir de solutions/ (FORCE=1 pour écraser, avec copie ; CHAPITRE=05 pour un seul)"
	@echo "make notebooks  : crée ou met d'accord les .ipynb et les .md appariés (s'arrête si les deux ont divergé ; FORCE=1 : copie puis le plus récent gagne)"
	@echo "make clean      : supprime les fichiers générés (.ipynb, caches) mais garde .venv ; un .ipynb modifié est mis de côté"

# L'environnement virtuel : créé une seule fois, refait si les dépendances changent.
$(INSTALLE): requirements.txt pyproject.toml
	@command -v $(PYTHON_SYSTEME) >/dev/null 2>&1 || { echo "Python 3.11 est introuvable ($(PYTHON_SYSTEME)). Installez-le, ou indiquez-le avec PYTHON_SYSTEME=/chemin/vers/python3.11"; exit 1; }
	@test -x $(PY) || $(PYTHON_SYSTEME) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet $(PIP_OPTIONS) -r requirements.txt
	$(PY) -m pip install --quiet --no-deps -e .
	@touch $(INSTALLE)

# Réglages par défaut de JupyterLab dans l'environnement : interface en français, pas de question
# sur les actualités de Jupyter (jupyterlab/overrides.json ; un réglage de l'utilisateur l'emporte).
REGLAGES_LAB := $(VENV)/share/jupyter/lab/settings/overrides.json
$(REGLAGES_LAB): jupyterlab/overrides.json $(INSTALLE)
	@mkdir -p $(dir $@)
	cp jupyterlab/overrides.json $@

notebooks: $(INSTALLE)
	$(PY) -m outils.generation notebooks $(if $(FORCE),--force,)

exercices: $(INSTALLE)
	$(PY) -m outils.generation cours $(if $(FORCE),--force,) $(foreach c,$(CHAPITRE),--chapitre $(c))

lab: $(INSTALLE) $(REGLAGES_LAB) notebooks
	$(VENV)/bin/jupyter lab --ServerApp.root_dir="$(CURDIR)" $(if $(filter 0,$(shell id -u)),--allow-root,) course/00_bienvenue.ipynb

# Deux processus de test (pytest-xdist) : chaque cahier reste entier dans un processus (--dist loadfile),
# et chaque noyau calcule sur un seul fil (OMP_NUM_THREADS=1) pour que deux noyaux se partagent deux
# cœurs sans se gêner. TESTS_PARALLELES=1 lance la suite dans un seul processus.
TESTS_PARALLELES ?= 2
OPTIONS_PARALLELES = $(if $(filter-out 1,$(TESTS_PARALLELES)),-n $(TESTS_PARALLELES),)
test: $(INSTALLE) $(REGLAGES_LAB) notebooks navigateur
	COURS_MODE=rapide MPLBACKEND=Agg OMP_NUM_THREADS=1 $(PY) -m pytest $(OPTIONS_PARALLELES)

# Même suite sur un GPU : COURS_APPAREIL=cuda fait échouer tout chapitre PyTorch si CUDA manque,
# et tests/test_gpu.py vérifie que les calculs torch ont bien eu lieu sur la carte.
test-gpu: $(INSTALLE) $(REGLAGES_LAB) notebooks navigateur
	COURS_APPAREIL=cuda COURS_MODE=rapide MPLBACKEND=Agg $(PY) -m pytest

# Bibliothèques JavaScript des diapositives (reveal.js, MathJax…), versions figées par package-lock.json.
$(NPM_INSTALLE): diapositives/package.json diapositives/package-lock.json
	@command -v npm >/dev/null 2>&1 || { echo "npm est introuvable : installez Node.js et npm (Debian/Ubuntu : sudo apt install nodejs npm). Il sert une fois, pour copier reveal.js et MathJax à côté des diapositives."; exit 1; }
	cd diapositives && npm ci --no-audit --no-fund --loglevel=error
	@touch $@

slides: $(INSTALLE) $(NPM_INSTALLE)
	MPLBACKEND=Agg $(PY) -m outils.diapositives

# Le livre HTML (Sphinx + MyST-NB) : chapitres exécutés une fois (cache partagé avec les diapositives).
livre: $(INSTALLE) $(NPM_INSTALLE)
	MPLBACKEND=Agg $(PY) -m outils.livre

# Copies exécutées des chapitres pour présenter avec RISE (figures déjà là) : même cache que slides et livre.
presentation: $(INSTALLE)
	MPLBACKEND=Agg $(PY) -m outils.presentation $(foreach c,$(CHAPITRE),--chapitre $(c))

# Pour les tests dans le navigateur : Chromium (Debian) et les bibliothèques des diapositives.
# Sans droits d'administration ni npm, on le dit et les tests concernés sont sautés
# (sauf avec COURS_NAVIGATEUR=obligatoire, comme en intégration continue).
navigateur:
	@command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || [ -n "$$COURS_CHROMIUM" ] || \
	  { if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	      echo "Installation de Chromium (Debian) pour les tests dans le navigateur…"; \
	      (apt-get install -y -qq chromium >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq chromium >/dev/null; }) \
	        || echo "Chromium n'a pas pu être installé : les tests dans le navigateur seront sautés."; \
	    else echo "Chromium est absent (sudo apt install chromium) : les tests dans le navigateur seront sautés."; fi; }
	@$(MAKE) --no-print-directory $(NPM_INSTALLE) || echo "Bibliothèques des diapositives absentes : leurs tests seront sautés."

# Outils de maintenance : ils lisent les .md directement (CHAPITRE=05 pour un seul chapitre).
bench: $(INSTALLE)
	$(PY) -m outils.banc $(foreach c,$(CHAPITRE),--chapitre $(c))

determinisme: $(INSTALLE)
	$(PY) -m outils.determinisme --repetitions 3 $(foreach c,$(CHAPITRE),--chapitre $(c))

clean:
	@if [ -x $(PY) ]; then $(PY) -m outils.generation nettoyer; fi
	rm -rf build .pytest_cache .hypothesis
	find . -name __pycache__ -not -path './$(VENV)/*' -prune -exec rm -rf {} +
