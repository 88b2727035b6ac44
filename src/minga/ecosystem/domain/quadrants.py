"""The quadrants of an SSE ecosystem: every actor kind belongs to exactly one. The split follows the partnership
literature's "quadruple helix" (public, private, civil society, community) with the SSE organisations as the
community pole and the regional and global actors apart, as the SSE's own partnership frameworks name them."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from minga.registry.models import ActorKind

SSE, PUBLIC, CIVIL_SOCIETY, PRIVATE, GLOBAL = "sse", "public", "civil_society", "private", "global"

QUADRANTS = {
    SSE: _("SSE and community organisations"),
    PUBLIC: _("Public bodies"),
    CIVIL_SOCIETY: _("Civil society, research and support"),
    PRIVATE: _("Private sector and private funders"),
    GLOBAL: _("Regional and global actors"),
}

#: actor kind → quadrant. Ethical banks and SSE networks count as SSE (they are its own finance and federations);
#: grant-making foundations as private (philanthropy); support organisations and universities as civil society.
OF_KIND: dict[str, str] = {
    ActorKind.COOPERATIVE: SSE,
    ActorKind.MUTUAL: SSE,
    ActorKind.ASSOCIATION: SSE,
    ActorKind.FOUNDATION: SSE,
    ActorKind.SOCIAL_ENTERPRISE: SSE,
    ActorKind.COMMUNITY_GROUP: SSE,
    ActorKind.INFORMAL: SSE,
    ActorKind.NETWORK: SSE,
    ActorKind.SOCIAL_BANK: SSE,
    ActorKind.LOCAL_GOVERNMENT: PUBLIC,
    ActorKind.REGIONAL_GOVERNMENT: PUBLIC,
    ActorKind.NATIONAL_GOVERNMENT: PUBLIC,
    ActorKind.FUNDER_PUBLIC: PUBLIC,
    ActorKind.CIVIL_SOCIETY: CIVIL_SOCIETY,
    ActorKind.RESEARCH: CIVIL_SOCIETY,
    ActorKind.SUPPORT_ORGANISATION: CIVIL_SOCIETY,
    ActorKind.PRIVATE_COMPANY: PRIVATE,
    ActorKind.FUNDER_PRIVATE: PRIVATE,
    ActorKind.FUNDER_FOUNDATION: PRIVATE,
    ActorKind.INTERNATIONAL_ORGANISATION: GLOBAL,
    ActorKind.COOPERATION_AGENCY: GLOBAL,
}


def quadrant(kind: str) -> str:
    """The quadrant of an actor kind (unknown kinds count as civil society)."""
    return OF_KIND.get(kind, CIVIL_SOCIETY)


def kinds_of(name: str) -> list[str]:
    """The actor kinds of one quadrant."""
    return sorted(k for k, q in OF_KIND.items() if q == name)
