"""Outils de maintenance : banc d'essai (outils.banc) et vérification du déterminisme (outils.determinisme).

Les outils sont essayés sur de petits cahiers écrits dans un dossier temporaire : aucun chapitre du cours n'est
exécuté ici (une quinzaine de noyaux courts, une quinzaine de secondes en tout).
"""
import contextlib
import io
import json
from pathlib import Path

import nbformat
import pytest

from outils import banc, determinisme
from outils._execution import executer_notebook, lire_cahier, lister_cahiers


def ecrire_cahier(dossier, nom, *cellules):
    """Écrit un cahier Jupytext Markdown dont chaque cellule de code est une chaîne."""
    texte = "\n\n".join(f"```python\n{code.strip()}\n```" for code in cellules)
    chemin = Path(dossier) / f"{nom}.md"
    chemin.write_text(f"# {nom}\n\n{texte}\n", encoding="utf-8")
    return chemin


def lancer(module, arguments):
    """Lance ``module.main(arguments)`` ; renvoie (code de sortie, texte écrit sur la sortie d'erreur)."""
    flux = io.StringIO()
    with contextlib.redirect_stderr(flux):
        code = module.main([str(a) for a in arguments])
    return code, flux.getvalue()


# --- Banc d'essai ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def banc_essai(tmp_path_factory):
    """Le banc lancé une fois, en mode complet, sur quatre petits cahiers (dont un qui échoue)."""
    dossier = tmp_path_factory.mktemp("cahiers")
    ecrire_cahier(dossier, "01_vide", "x = 1")
    ecrire_cahier(dossier, "02_memoire", "import numpy as np\ntableau = np.ones(100 * 2**20 // 8)  # 100 Mio écrits")
    # Le mode, le moteur de figures et le répertoire de travail doivent être ceux du banc, pas ceux du test.
    ecrire_cahier(dossier, "03_sommeil",
                  "import os, time\ntime.sleep(1)",
                  f"assert os.environ['COURS_MODE'] == 'complet', os.environ.get('COURS_MODE')\n"
                  f"assert os.environ['MPLBACKEND'] == 'Agg'\nassert os.getcwd() == {str(dossier)!r}, os.getcwd()")
    ecrire_cahier(dossier, "04_echec", "print('avant')", "raise RuntimeError('échec voulu')", "print('jamais')")
    sortie = dossier / "build"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("COURS_MODE", "rapide")  # celui de « make test » : le banc doit imposer le sien
        code, erreurs = lancer(banc, ["--dossier", dossier, "--modes", "complet", "--sortie", sortie])
    rapport = json.loads((sortie / "bench.json").read_text(encoding="utf-8"))
    return {"code": code, "erreurs": erreurs, "rapport": rapport, "sortie": sortie,
            "cahiers": {r["cahier"]: r for r in rapport["cahiers"]}}


def test_un_cahier_en_echec_donne_un_code_de_sortie_non_nul(banc_essai):
    assert banc_essai["code"] == 1
    echec = banc_essai["cahiers"]["04_echec"]
    assert not echec["reussi"]
    assert echec["erreur"] == "RuntimeError: échec voulu"
    assert echec["cellule_en_echec"] == 2 and echec["ligne_en_echec"] == 8
    assert [e["cahier"] for e in banc_essai["rapport"]["echecs"]] == ["04_echec"]
    assert [c["numero"] for c in echec["cellules"]] == [1, 2], "l'exécution s'arrête à la cellule en échec"


def test_les_autres_cahiers_reussissent_avec_le_mode_et_l_environnement_du_banc(banc_essai):
    for nom in ("01_vide", "02_memoire", "03_sommeil"):
        assert banc_essai["cahiers"][nom]["reussi"], banc_essai["cahiers"][nom]["erreur"]
        assert banc_essai["cahiers"][nom]["mode"] == "complet"


def test_progression_et_message_d_erreur_en_francais(banc_essai):
    erreurs = banc_essai["erreurs"]
    assert "[1/5] complet · plancher noyau nu …" in erreurs
    assert "04_echec … ÉCHEC après" in erreurs
    assert "Erreur : 04_echec (mode complet) : cellule de code n° 2 (ligne 8 de " in erreurs
    assert "RuntimeError: échec voulu" in erreurs
    assert "Erreur : 1 exécution a échoué" in erreurs
    assert "without encryption" not in erreurs, "les messages du noyau lui-même ne doivent pas s'afficher"


def test_le_pic_de_memoire_suit_l_allocation(banc_essai):
    vide, memoire = banc_essai["cahiers"]["01_vide"], banc_essai["cahiers"]["02_memoire"]
    assert vide["methode_memoire"] == "VmHWM"  # Linux
    assert 20 < vide["pic_memoire_mio"] < memoire["pic_memoire_mio"] - 90
    assert memoire["rapport_memoire"] > 1.5


def test_les_durees_sont_mesurees(banc_essai):
    vide, sommeil = banc_essai["cahiers"]["01_vide"], banc_essai["cahiers"]["03_sommeil"]
    assert sommeil["duree_execution"] >= 1.0
    assert sommeil["duree_execution"] > vide["duree_execution"] + 0.5
    assert sommeil["duree_totale"] >= sommeil["duree_demarrage"] + sommeil["duree_execution"]
    assert sommeil["duree_demarrage"] > 0 and sommeil["duree_arret"] > 0
    assert max(sommeil["cellules"], key=lambda c: c["duree"])["numero"] == 1, "la cellule du sommeil est la plus lente"


def test_plancher_noyau_nu_et_rapports(banc_essai):
    planchers = banc_essai["rapport"]["planchers"]
    assert [(p["cahier"], p["mode"]) for p in planchers] == [("noyau nu", "complet")]
    vide, sommeil = banc_essai["cahiers"]["01_vide"], banc_essai["cahiers"]["03_sommeil"]
    assert vide["plancher"] == "noyau nu"
    assert vide["rapport_duree"] == pytest.approx(vide["duree_totale"] / planchers[0]["duree_totale"])
    assert vide["rapport_memoire"] == pytest.approx(vide["pic_memoire_mio"] / planchers[0]["pic_memoire_mio"])
    assert sommeil["au_dela_du_plancher"] == pytest.approx(sommeil["duree_execution"] - planchers[0]["duree_execution"])
    assert sommeil["au_dela_du_plancher"] >= 0.9


def test_bench_md_contient_les_colonnes_et_la_machine(banc_essai):
    texte = (banc_essai["sortie"] / "bench.md").read_text(encoding="utf-8")
    entete = next(l for l in texte.splitlines() if l.startswith("| Cahier | Mode |"))
    for colonne in ("Durée totale (s)", "Exécution (s)", "× plancher (durée)", "Pic mémoire (Mio)",
                    "× plancher (mémoire)", "État"):
        assert f"| {colonne} |" in entete
    for attendu in ("processeurs", "Python 3.", "torch ", "keras ", "tensorflow ", "## Totaux", "## Planchers",
                    "## Cellules les plus lentes", "## Échecs", "| 02_memoire | complet | noyau nu |",
                    "**échec** (cellule 2)", "`raise RuntimeError('échec voulu')`"):
        assert attendu in texte, attendu
    machine = banc_essai["rapport"]["machine"]
    assert machine["processeurs"] >= 1 and machine["versions"]["torch"]
    total = banc_essai["rapport"]["totaux"][0]
    assert (total["mode"], total["cahiers"], total["echecs"]) == ("complet", 4, 1)


def test_mesure_de_la_memoire_par_psutil(banc_essai):
    """La mesure de secours (relevés psutil, hors Linux) voit elle aussi les 100 Mio."""
    dossier = banc_essai["sortie"].parent
    memoire = executer_notebook(dossier / "02_memoire.md", memoire="psutil")
    assert memoire.reussi and memoire.methode_memoire == "psutil"
    assert memoire.pic_memoire_mio > banc_essai["cahiers"]["01_vide"]["pic_memoire_mio"] + 90


def test_plancher_d_un_chapitre(tmp_path):
    keras = ecrire_cahier(tmp_path, "06_x", "import helpers\nhelpers.demarrer(graine=0, keras=True)\nimport numpy")
    tout = ecrire_cahier(tmp_path, "08_x", "%matplotlib inline",
                         "import helpers\nhelpers.demarrer(keras=1, torch=True)")
    autre = ecrire_cahier(tmp_path, "09_x", "import helpers\nhelpers.demarrer(graine=3)")
    sans = ecrire_cahier(tmp_path, "10_x", "import numpy")
    assert banc.plancher_de(lire_cahier(keras)[0]) == ("keras",
                                                        "import helpers\nhelpers.demarrer(graine=0, keras=True)")
    assert banc.plancher_de(lire_cahier(tout)[0])[0] == "keras+torch"
    assert banc.plancher_de(lire_cahier(autre)[0]) == ("demarrer(graine=3)",
                                                        "import helpers\nhelpers.demarrer(graine=3)")
    assert banc.plancher_de(lire_cahier(sans)[0]) == banc.PLANCHER_NU


def test_lire_cahier_donne_la_ligne_de_chaque_cellule(tmp_path):
    chemin = ecrire_cahier(tmp_path, "01_x", "a = 1", "b = 2\nc = 3")
    carnet, lignes = lire_cahier(chemin)
    texte = chemin.read_text(encoding="utf-8").splitlines()
    for cellule, ligne in zip(carnet.cells, lignes):
        assert texte[ligne - 1] == cellule.source.splitlines()[0]


def test_chapitre_inconnu(tmp_path):
    ecrire_cahier(tmp_path, "01_x", "x = 1")
    with pytest.raises(ValueError, match="Chapitre introuvable .* : 07 .chapitres présents : 01"):
        lister_cahiers(tmp_path, ["7"])
    code, erreurs = lancer(banc, ["--dossier", tmp_path, "--chapitre", "07", "--sortie", tmp_path / "b"])
    assert code == 2 and erreurs.startswith("Erreur : Chapitre introuvable")
    code, erreurs = lancer(banc, ["--dossier", tmp_path, "--modes", "lent", "--sortie", tmp_path / "b"])
    assert code == 2 and "Mode inconnu : 'lent'" in erreurs
    assert not (tmp_path / "b").exists()


# --- Déterminisme ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def determinisme_essai(tmp_path_factory):
    """La vérification lancée une fois (deux exécutions) sur des cahiers stable, instable, sans marque, en échec."""
    dossier = tmp_path_factory.mktemp("determinisme")
    ecrire_cahier(dossier, "01_stable", "import os\nlettres = {'b', 'a', 'c'}",
                  "# NBVAL_CHECK_OUTPUT\nprint(round(sum(range(10)) / 3, 2), os.environ['COURS_MODE'])\n"
                  "print(object())  # adresse mémoire, différente à chaque exécution\nsorted(lettres)")
    ecrire_cahier(dossier, "02_instable", "# NBVAL_CHECK_OUTPUT\nprint('pareil')",
                  "print(__import__('os').urandom(8).hex())  # non marquée : jamais comparée",
                  "# NBVAL_CHECK_OUTPUT\nimport time\nprint('instant :', time.time_ns())")
    ecrire_cahier(dossier, "03_sans_marque", "print(__import__('os').urandom(8).hex())")
    ecrire_cahier(dossier, "04_echec", "# NBVAL_CHECK_OUTPUT\nprint(1)", "1 / 0")
    sortie = dossier / "build"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("COURS_MODE", "complet")  # la vérification se fait en mode rapide quoi qu'il arrive
        code, erreurs = lancer(determinisme, ["--dossier", dossier, "--repetitions", 2, "--sortie", sortie])
    donnees = json.loads((sortie / "determinisme.json").read_text(encoding="utf-8"))
    return {"code": code, "erreurs": erreurs, "dossier": dossier, "sortie": sortie,
            "md": (sortie / "determinisme.md").read_text(encoding="utf-8"),
            "cahiers": {r["cahier"]: r for r in donnees["cahiers"]}}


def test_cellule_deterministe_identique(determinisme_essai):
    stable = determinisme_essai["cahiers"]["01_stable"]
    assert stable["identique"] is True and stable["executions"] == 2 and stable["cellules_verifiees"] == 1
    sortie = stable["cellules"][0]["sortie"]
    assert sortie.startswith("[stdout]\n15.0 rapide\n<object object at 0xADRESSE>")
    assert sortie.endswith("[text/plain]\n['a', 'b', 'c']")


def test_cellule_instable_detectee(determinisme_essai):
    instable = determinisme_essai["cahiers"]["02_instable"]
    assert instable["identique"] is False and instable["cellules_differentes"] == 1
    premiere, horloge = instable["cellules"]
    assert premiere["identique"] and premiere["numero"] == 1
    assert not horloge["identique"] and (horloge["numero"], horloge["ligne"]) == (3, 13)
    assert "-instant :" in horloge["diff"] and "+instant :" in horloge["diff"]
    texte = determinisme_essai["md"]
    assert "### 02_instable — cellule de code n° 3 (ligne 13 de " in texte
    assert "```diff\n--- exécution 1\n+++ exécution 2" in texte


def test_cahier_sans_marque_non_execute_et_echec_signale(determinisme_essai):
    cahiers = determinisme_essai["cahiers"]
    assert cahiers["03_sans_marque"]["executions"] == 0 and cahiers["03_sans_marque"]["identique"] is None
    echec = cahiers["04_echec"]
    assert echec["identique"] is False and len(echec["echecs"]) == 2
    assert "ZeroDivisionError" in echec["echecs"][0]["message"]
    assert "| 04_echec | 1 | **échec** de 2 exécutions sur 2 |" in determinisme_essai["md"]


def test_code_de_sortie_et_messages(determinisme_essai):
    assert determinisme_essai["code"] == 1
    erreurs = determinisme_essai["erreurs"]
    assert "[1/6] rapide  · 01_stable, passage 1/2 …" in erreurs
    assert "Erreur : 1 cellule marquée diffère d'une exécution à l'autre" in erreurs
    assert "Erreur : 2 exécutions ont échoué" in erreurs


def test_code_de_sortie_nul_si_tout_est_identique(determinisme_essai, tmp_path):
    code, erreurs = lancer(determinisme, ["--dossier", determinisme_essai["dossier"], "--chapitre", "01",
                                          "--repetitions", 2, "--sortie", tmp_path])
    assert code == 0, erreurs
    assert "Déterminisme vérifié : 1 cellule marquée" in erreurs
    assert "**Bilan** : La cellule marquée donne la même sortie" in (tmp_path / "determinisme.md").read_text(
        encoding="utf-8")


def test_normaliser_sorties_comme_nbval():
    sortie = nbformat.v4.new_output
    texte = determinisme.normaliser_sorties([
        sortie("stream", name="stdout", text="a\n"),
        sortie("stream", name="stderr", text="attention\n"),
        sortie("stream", name="stdout", text="50 %\r100 %\nabX\bc\n"),
        sortie("execute_result", data={"text/plain": "<Figure at 0x55d0c0ffee12>", "image/png": "AAAA"},
               execution_count=3),
        sortie("display_data", data={"image/png": "BBBB"}),
    ])
    assert texte == "[stdout]\na\n100 %\nabc\n[stderr]\nattention\n[text/plain]\n<Figure at 0xADRESSE>"
    sans_image = determinisme.normaliser_sorties([sortie("display_data", data={"image/png": "CCCC"})])
    assert sans_image == ""


def test_au_moins_deux_executions():
    with pytest.raises(ValueError, match="au moins deux"):
        determinisme.verifier_determinisme([], repetitions=1)


# --- Messages d'échec : délai dépassé, noyau mort -------------------------------------------------


def test_message_de_delai_depasse(tmp_path):
    chemin = ecrire_cahier(tmp_path, "01_lent", "x = 1", "import time\ntime.sleep(30)", "print('jamais')")
    resultat = executer_notebook(chemin, delai_cellule=2)
    assert not resultat.reussi
    assert resultat.erreur.startswith("délai dépassé : "), resultat.erreur
    assert "\n" not in resultat.erreur
    assert (resultat.cellule_en_echec, resultat.ligne_en_echec) == (2, 8)
    assert resultat.duree_totale < 25, "le délai doit couper la cellule, pas attendre sa fin"


def test_message_de_noyau_mort(tmp_path):
    chemin = ecrire_cahier(tmp_path, "01_mort", "print('avant')",
                           # ipykernel détourne le descripteur 2 vers le cahier ; on écrit sur la copie qu'il
                           # garde de la vraie sortie d'erreur du processus (là où écrirait une bibliothèque C
                           # avant l'arrêt du noyau), sinon sur sys.__stderr__.
                           "import os, sys\n"
                           "fd = getattr(sys.stderr, '_original_stdstream_copy', None) or sys.__stderr__.fileno()\n"
                           "os.write(fd, b'dernier message du noyau\\n')\n"
                           "os._exit(3)")
    resultat = executer_notebook(chemin, delai_cellule=60)
    assert not resultat.reussi and resultat.cellule_en_echec == 2
    assert resultat.erreur.startswith(
        "le noyau s'est arrêté brutalement (mémoire épuisée ? plantage d'une bibliothèque ?)"), resultat.erreur
    assert "sorties du noyau : " in resultat.erreur and "dernier message du noyau" in resultat.erreur


def test_mesure_evaluation_contre_predict():
    """make bench mesure la promesse de vitesse de keras_facile.evaluation (sans seuil ici : la charge varie)."""
    mesure = banc.mesurer_evaluation(repetitions=3)
    assert "erreur" not in mesure, mesure
    assert mesure["repetitions"] == 3 and mesure["moteur"] in ("tensorflow", "torch")
    assert mesure["evaluation_ms"] > 0 and mesure["predict_ms"] > 0
    assert mesure["rapport"] == pytest.approx(mesure["predict_ms"] / mesure["evaluation_ms"])
    texte = "\n".join(banc._section_evaluation(mesure))
    assert "## keras_facile : evaluation contre predict" in texte and "promesse : au moins 10 fois" in texte
    assert "Mesure impossible : `Boum`" in "\n".join(banc._section_evaluation({"erreur": "Boum"}))


def test_mesure_du_debit_du_petit_gpt():
    """make bench note le débit d'entraînement du GPT du chapitre 20, en jetons par seconde, par appareil."""
    tailles = {"mini": {"contexte": 16, "d_modele": 16, "n_tetes": 2, "n_couches": 1},
               "moyen": {"contexte": 32, "d_modele": 32, "n_tetes": 2, "n_couches": 2}}
    mesure = banc.mesurer_debit_gpt(pas=1, tailles=tailles)
    assert "erreur" not in mesure, mesure
    appareils = {m["appareil"] for m in mesure["mesures"]}
    assert "cpu" in appareils and len(mesure["mesures"]) == 2 * len(appareils)
    for m in mesure["mesures"]:
        contexte = tailles[m["modele"]]["contexte"]
        assert m["jetons_par_seconde"] == pytest.approx(32 * contexte * 1000 / m["ms_par_pas"])
    assert mesure["mesures"][0]["parametres"] < mesure["mesures"][1]["parametres"]
    texte = "\n".join(banc._section_debit_gpt(mesure))
    assert "## Petit GPT (chapitre 20) : débit d'entraînement" in texte and "| cpu | mini |" in texte
    assert "Mesure impossible : `Boum`" in "\n".join(banc._section_debit_gpt({"erreur": "Boum"}))
