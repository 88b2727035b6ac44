from minga.registry.models.actor import Actor, ActorKind, ActorStatus
from minga.registry.models.imports import ImportRun
from minga.registry.models.initiative import (
    Initiative,
    InitiativeActor,
    InitiativeKind,
    InitiativeSdgTarget,
    SdgOrigin,
    Stage,
)

__all__ = [
    "Actor",
    "ActorKind",
    "ActorStatus",
    "ImportRun",
    "Initiative",
    "InitiativeActor",
    "InitiativeKind",
    "InitiativeSdgTarget",
    "SdgOrigin",
    "Stage",
]
