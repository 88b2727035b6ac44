"""/api/v1/vocabularies and /api/v1/sdg: ESSGlobal schemes and the SDG framework, in en/es/fr."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema

from minga.api.common import ErrorOut
from minga.core.errors import NotFound
from minga.vocab.models import Concept, Scheme, SdgGoal

router = Router(tags=["vocabularies"])


class SchemeOut(Schema):
    id: str
    label: str


class ConceptOut(Schema):
    code: str
    uri: str
    labels: dict[str, str]


class GoalOut(Schema):
    number: int
    short: dict[str, str]
    title: dict[str, str]
    colour: str
    iri: str


class IndicatorOut(Schema):
    code: str
    title: dict[str, str]
    list_version: str


class TargetOut(Schema):
    code: str
    title: dict[str, str]
    iri: str
    indicators: list[IndicatorOut]


class GoalDetail(GoalOut):
    targets: list[TargetOut]


@router.get("/vocabularies", response=list[SchemeOut])
def schemes(request: HttpRequest) -> list[dict[str, str]]:
    return [{"id": value, "label": str(label)} for value, label in Scheme.choices]


@router.get("/vocabularies/{scheme}", response={200: list[ConceptOut], 404: ErrorOut})
def concepts(request: HttpRequest, scheme: str) -> Any:
    if scheme not in Scheme.values:
        raise NotFound(f"No vocabulary {scheme!r}.", hint=f"Use one of: {', '.join(Scheme.values)}.")
    return list(Concept.objects.filter(scheme=scheme).values("code", "uri", "labels"))


def _goal(g: SdgGoal) -> dict[str, Any]:
    return {"number": g.number, "short": g.short, "title": g.title, "colour": g.colour, "iri": g.iri}


@router.get("/sdg/goals", response=list[GoalOut])
def goals(request: HttpRequest) -> list[dict[str, Any]]:
    return [_goal(g) for g in SdgGoal.objects.all()]


@router.get("/sdg/goals/{number}", response={200: GoalDetail, 404: ErrorOut})
def goal(request: HttpRequest, number: int) -> dict[str, Any]:
    g = SdgGoal.objects.prefetch_related("targets__indicators").filter(number=number).first()
    if g is None:
        raise NotFound(f"No SDG {number}.", hint="Goals are numbered 1 to 17.")
    targets = [
        {
            "code": t.code,
            "title": t.title,
            "iri": t.iri,
            "indicators": [
                {"code": i.code, "title": i.title, "list_version": i.list_version} for i in t.indicators.all()
            ],
        }
        for t in g.targets.all()
    ]
    return {**_goal(g), "targets": targets}
