"""Choix du matériel de calcul pour PyTorch : GPU CUDA, puce Apple (MPS) ou processeur."""
import os

__all__ = ["APPAREILS", "choisir_appareil", "decrire_appareil"]

APPAREILS = ("cuda", "mps", "cpu")


def _disponibles(torch):
    dispo = {"cpu": True, "cuda": torch.cuda.is_available()}
    mps = getattr(torch.backends, "mps", None)
    dispo["mps"] = bool(mps is not None and mps.is_available())
    return dispo


def choisir_appareil(prefere=None):
    """Renvoie le ``torch.device`` à utiliser : cuda, sinon mps, sinon cpu.

    La variable d'environnement ``COURS_APPAREIL`` (ou l'argument ``prefere``)
    impose un appareil. S'il est demandé mais absent, une erreur le dit : un
    calcul qui devait tourner sur GPU ne passe pas en silence sur le processeur.

    Présenté au chapitre 00.

    >>> choisir_appareil("cpu")
    device(type='cpu')
    """
    import torch

    demande = prefere if prefere is not None else os.environ.get("COURS_APPAREIL", "")
    if not isinstance(demande, str):
        raise TypeError("L'appareil doit être une chaîne (« cuda », « mps » ou « cpu »), "
                        f"pas {type(demande).__name__}.")
    demande = demande.strip().lower()
    dispo = _disponibles(torch)
    if demande in ("", "auto"):
        return torch.device(next(nom for nom in APPAREILS if dispo[nom]))
    if demande not in APPAREILS:
        raise ValueError(f"Appareil inconnu : {demande!r}. Choisissez parmi « cuda », « mps », « cpu » ou « auto ».")
    if not dispo[demande]:
        raise RuntimeError(
            f"L'appareil « {demande} » a été demandé (COURS_APPAREIL) mais il n'est pas disponible sur cette machine."
        )
    return torch.device(demande)


def decrire_appareil(appareil=None):
    """Décrit l'appareil en une ligne, avec le nom du GPU s'il y en a un.

    Présenté au chapitre 00.

    >>> decrire_appareil("cpu")
    'cpu (processeur)'
    """
    import torch

    appareil = torch.device(appareil) if appareil is not None else choisir_appareil()
    if appareil.type == "cuda":
        return f"cuda ({torch.cuda.get_device_name(appareil)})"
    if appareil.type == "mps":
        return "mps (puce Apple)"
    return "cpu (processeur)"
