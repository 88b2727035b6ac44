"""Turning the organisations of funding files into actors: the link already made for the organisation (even if a
steward corrected it), else a match (``matching``), else a new actor. Every link is an :class:`OrgLink` saying how
it was made; ``undo_link`` gives a wrongly matched organisation an actor of its own."""

from __future__ import annotations

import re
from dataclasses import asdict
from typing import Any

from django.db import transaction
from django.utils import timezone

from minga.core import audit
from minga.core.permissions import can_edit_actor, require
from minga.ecosystem.domain.matching import Matcher, Org, normalise_name
from minga.ecosystem.models import OrgLink, Relation
from minga.registry.models import Actor
from minga.territories.models import Territory

FUNDER, RECIPIENT, PARTICIPANT = "funder", "recipient", "participant"
CREATED = "created"


def org_key(org: Org) -> str:
    """The organisation's own identifier (placeholders such as ``DUMMY01`` ignored), else ``name:<normalised>``."""
    if org.id and "DUMMY" not in org.id.upper() and not org.id.upper().endswith("-N/A"):
        return org.id.strip()[:300]
    return f"name:{normalise_name(org.name) or org.name.casefold()}"[:300]


def kind_for(org: Org, role: str) -> str:
    """The actor kind of a new actor made for ``org``, from its identifier's register and its stated type."""
    ident, kind_text = org.id.upper(), org.org_type.casefold()
    public = ident.startswith(
        ("GB-GOV", "GB-LAE", "GB-LAS", "GB-LANI", "GB-PLA", "GB-NHS", "XM-DAC", "XI-IATI")
    )
    if role == FUNDER:
        if public or "government" in kind_text or "council" in org.name.casefold():
            return "funder_public"
        if ident.startswith("GB-COH") and "community interest" not in kind_text:
            return "funder_private"
        return "funder_foundation"
    if "society" in kind_text or "co-operative" in kind_text or "cooperative" in kind_text:
        return "cooperative"
    if re.match(r"GB-COH-(IP|RS)", ident):
        return "cooperative"
    if "community interest" in kind_text or kind_text.startswith("cic"):
        return "social_enterprise"
    if ident.startswith(("GB-LAE", "GB-LAS", "GB-LANI")) or "council" in org.name.casefold():
        return "local_government"
    if ident.startswith(("GB-GOV", "XM-DAC")) or public:
        return "national_government"
    if ident.startswith("GB-EDU") or "university" in org.name.casefold():
        return "research"
    if "charit" in kind_text or "association" in kind_text or ident.startswith(("GB-CHC", "GB-SC", "GB-NIC")):
        return "association"
    if "limited" in kind_text or ident.startswith("GB-COH"):
        return "social_enterprise" if role == RECIPIENT else "private_company"
    return "civil_society"


class Linker:
    """Resolves the organisations of one import, inside its transaction."""

    def __init__(self, *, source: str, by: Any, via: str, countries: set[str] | None = None) -> None:
        self.source, self.by, self.via = source, by, via
        self.matcher = Matcher(countries=countries)
        self.links: dict[str, OrgLink] = {
            link.org_key: link for link in OrgLink.objects.filter(source=source).select_related("actor")
        }
        self.territories = dict(Territory.objects.filter(kind="country").values_list("code", "pk"))
        self.paths = dict(Territory.objects.filter(kind="country").values_list("code", "path"))
        self.created = 0
        self.matched: dict[str, int] = {}

    def link(self, org: Org, role: str, *, kind: str | None = None) -> OrgLink:
        """The link of ``org`` (made now if new, as an actor of ``kind`` when given, else :func:`kind_for`).
        Side effects: may write an actor, a link and audit entries."""
        key = org_key(org)
        found = self.links.get(key)
        if found is not None:
            return found
        match = self.matcher.find(org)
        if match is not None:
            actor_id, method, evidence = match.actor_id, match.method, match.evidence
            self.matched[method] = self.matched.get(method, 0) + 1
        else:
            actor_id, method, evidence = self._create(org, role, kind).pk, CREATED, ""
            self.created += 1
        link = OrgLink.objects.create(source=self.source, org_key=key, name=org.name[:300], data=asdict(org),
                                      actor_id=actor_id, method=method, evidence=evidence[:300])  # fmt: skip
        self.links[key] = link
        self.matcher.add(org, actor_id)
        return link

    def _create(self, org: Org, role: str, kind: str | None) -> Actor:
        return create_actor_for(org, role, source=self.source, by=self.by, via=self.via,
                                territories=self.territories, paths=self.paths, kind=kind)  # fmt: skip


def create_actor_for(
    org: Org,
    role: str,
    *,
    source: str,
    by: Any,
    via: str,
    territories: dict[str, int],
    paths: dict[str, str],
    kind: str | None = None,
) -> Actor:
    """A new actor for ``org``, placed in its country when known. Side effects: the actor and its audit entry."""
    country = org.country if org.country in territories else ""
    actor = Actor.objects.create(
        name=org.name[:300], kind=kind or kind_for(org, role), identifiers=org.identifiers(), postcode=org.postcode[:20],
        locality_name=org.locality[:150], country_code=country, territory_id=territories.get(country),
        territory_path=paths.get(country, ""), legal_form_local=org.org_type[:100], source=source,
        source_id=org_key(org)[:120], imported_at=timezone.now(),
    )  # fmt: skip
    audit.record(action="create", instance=actor, changes={"name": [None, actor.name], "kind": [None, actor.kind]},
                 by=by, via=via)  # fmt: skip
    return actor


def undo_link(link: OrgLink, *, by: Any, via: str) -> OrgLink:
    """Undo a match: the organisation gets an actor of its own (made from what the file said) and every relation
    that reached the matched actor through this link moves to it. Permission: whoever may edit the matched actor.
    Side effects: a new actor, the relations moved, the link updated, audit entries."""
    require(can_edit_actor(by, link.actor), f"undo the link of {link.name!r} to {link.actor.name!r}")
    if link.method == CREATED:
        return link
    org = Org(**link.data)
    role = FUNDER if Relation.objects.filter(matched__from_link=link.pk).exists() else RECIPIENT
    with transaction.atomic():
        territories = dict(Territory.objects.filter(kind="country").values_list("code", "pk"))
        paths = dict(Territory.objects.filter(kind="country").values_list("code", "path"))
        actor = create_actor_for(
            org, role, source=link.source, by=by, via=via, territories=territories, paths=paths
        )
        before = {"actor": link.actor_id, "method": link.method}
        for end in ("from", "to"):
            for relation in Relation.objects.filter(**{f"matched__{end}_link": link.pk}):
                setattr(relation, f"{end}_actor", actor)
                relation.matched = {**relation.matched, end: "created (link undone)"}
                relation.save()
                audit.record(action="update", instance=relation, changes={f"{end}_actor": [before["actor"], actor.pk]},
                             by=by, via=via)  # fmt: skip
        link.actor, link.method, link.undone_at = actor, "created (link undone)", timezone.now()
        link.save()
        audit.record(action="update", instance=link, by=by, via=via,
                     changes={"actor": [before["actor"], actor.pk], "method": [before["method"], link.method]})  # fmt: skip
    return link
