"""/api/v1/vocabularies and /api/v1/sdg: ESSGlobal schemes and the SDG framework, in en/es/fr."""

from __future__ import annotations

from typing import Any

from django.db.models import Count
from django.http import HttpRequest
from django.utils import translation
from ninja import Field, Router, Schema

from minga.api.common import ErrorOut, language
from minga.core.errors import NotFound
from minga.vocab.models import Concept, Scheme, SdgGoal

router = Router(tags=["vocabularies"])


class SchemeOut(Schema):
    id: str
    label: str = Field(description="In the request language")
    concepts: int


class ConceptOut(Schema):
    code: str
    uri: str
    labels: dict[str, str] = Field(description="Labels by language (en, es, fr)")


class GoalOut(Schema):
    number: int
    short: dict[str, str] = Field(description="Short name by language")
    title: dict[str, str] = Field(description="Full title by language")
    colour: str = Field(description="Official UN colour, #RRGGBB")
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


class GoalPublic(GoalOut):
    targets: list[TargetOut]


@router.get("/vocabularies", response=list[SchemeOut], summary="ESSGlobal vocabularies")
def schemes(request: HttpRequest, lang: str | None = None) -> list[dict[str, Any]]:
    counts = dict(Concept.objects.order_by().values_list("scheme").annotate(n=Count("id")))
    with translation.override(language(request, lang)):
        return [
            {"id": value, "label": str(label), "concepts": counts.get(value, 0)}
            for value, label in Scheme.choices
        ]


@router.get(
    "/vocabularies/{scheme}", response={200: list[ConceptOut], 404: ErrorOut}, summary="Concepts of one"
)
def concepts(request: HttpRequest, scheme: str) -> list[dict[str, Any]]:
    if scheme not in Scheme.values:
        raise NotFound(f"No vocabulary {scheme!r}.", hint=f"Use one of: {', '.join(Scheme.values)}.")
    return [
        dict(c)
        for c in Concept.objects.filter(scheme=scheme).order_by("code").values("code", "uri", "labels")
    ]


def _goal(g: SdgGoal) -> dict[str, Any]:
    return {"number": g.number, "short": g.short, "title": g.title, "colour": g.colour, "iri": g.iri}


@router.get("/sdg/goals", response=list[GoalOut], summary="The 17 Sustainable Development Goals")
def goals(request: HttpRequest) -> list[dict[str, Any]]:
    return [_goal(g) for g in SdgGoal.objects.order_by("number")]


@router.get(
    "/sdg/goals/{number}", response={200: GoalPublic, 404: ErrorOut}, summary="One goal: targets, indicators"
)
def goal(request: HttpRequest, number: int) -> dict[str, Any]:
    g = SdgGoal.objects.prefetch_related("targets__indicators").filter(number=number).first()
    if g is None:
        raise NotFound(
            f"No SDG {number}.", hint="Goals are numbered 1 to 17; GET /api/v1/sdg/goals lists them."
        )
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
