# Réseaux de neurones, pas à pas — commandes du cours.
# Deux commandes suffisent : « make lab » (ouvrir le cours) et « make test » (tout vérifier).

PYTHON_SYSTEME ?= python3.11
# Options supplémentaires pour pip (par exemple un index de paquets local ou l'index « CPU » de PyTorch)
PIP_OPTIONS ?=
VENV := .venv
PY := $(VENV)/bin/python
INSTALLE := $(VENV)/.installe
CHAPITRES_SOLUTIONS := $(wildcard solutions/[0-9]*.md)
CHAPITRES_COURS := $(wildcard course/[0-9]*.md)

.PHONY: lab test notebooks exercices clean aide

aide:
	@echo "make lab        : installe l'environnement si besoin et ouvre le cours dans JupyterLab"
	@echo "make test       : installe l'environnement si besoin et lance tous les tests (mode rapide)"
	@echo "make exercices  : régénère course/ à partir de solutions/ (FORCE=1 pour écraser, avec copie ; CHAPITRE=05 pour un seul)"
	@echo "make notebooks  : génère les .ipynb appariés à partir des .md"
	@echo "make clean      : supprime les fichiers générés (.ipynb, caches) mais garde .venv ; un .ipynb modifié est mis de côté"

# L'environnement virtuel : créé une seule fois, refait si les dépendances changent.
$(INSTALLE): requirements.txt pyproject.toml
	@command -v $(PYTHON_SYSTEME) >/dev/null 2>&1 || { echo "Python 3.11 est introuvable ($(PYTHON_SYSTEME)). Installez-le, ou indiquez-le avec PYTHON_SYSTEME=/chemin/vers/python3.11"; exit 1; }
	@test -x $(PY) || $(PYTHON_SYSTEME) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet $(PIP_OPTIONS) -r requirements.txt
	$(PY) -m pip install --quiet --no-deps -e .
	@touch $(INSTALLE)

notebooks: $(INSTALLE)
	$(PY) -m helpers.generation notebooks

exercices: $(INSTALLE)
	$(PY) -m helpers.generation cours $(if $(FORCE),--force,) $(foreach c,$(CHAPITRE),--chapitre $(c))

lab: $(INSTALLE) notebooks
	$(VENV)/bin/jupyter lab --ServerApp.root_dir="$(CURDIR)" $(if $(filter 0,$(shell id -u)),--allow-root,) course/00_bienvenue.ipynb

test: $(INSTALLE) notebooks
	COURS_MODE=rapide MPLBACKEND=Agg $(PY) -m pytest

clean:
	@if [ -x $(PY) ]; then $(PY) -m helpers.generation nettoyer; fi
	rm -rf build .pytest_cache .hypothesis
	find . -name __pycache__ -not -path './$(VENV)/*' -prune -exec rm -rf {} +
