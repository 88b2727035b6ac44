"""Factories: small functions that make valid records with sensible defaults; override what a test cares about."""

from __future__ import annotations

import itertools
from typing import Any

from django.contrib.auth.models import User

from minga.core.models import Role, RoleAssignment
from minga.registry.models import Actor, Initiative
from minga.territories.models import Territory

_seq = itertools.count(1)


def make_user(username: str | None = None, *, superuser: bool = False, **extra: Any) -> User:
    name = username or f"user{next(_seq)}"
    if superuser:
        return User.objects.create_superuser(name, f"{name}@example.org", "pw-" + name, **extra)
    return User.objects.create_user(name, f"{name}@example.org", "pw-" + name, **extra)


def make_steward(territory_code: str, username: str | None = None) -> User:
    user = make_user(username)
    RoleAssignment.objects.create(
        user=user, role=Role.STEWARD, territory=Territory.objects.get(code=territory_code)
    )
    return user


def make_actor(territory_code: str | None = "GB-BST", **fields: Any) -> Actor:
    """An actor saved directly (test set-up, not the audited write path)."""
    territory = Territory.objects.get(code=territory_code) if territory_code else None
    n = next(_seq)
    values: dict[str, Any] = {
        "name": f"Test Co-operative {n}",
        "kind": "cooperative",
        "country_code": territory_code[:2]
        if territory and territory.kind in ("country", "subdivision")
        else "",
        "territory": territory,
        "territory_path": territory.path if territory else "",
        "source": "test",
        "source_id": f"T{n}",
    }
    values.update(fields)
    return Actor.objects.create(**values)


def make_initiative(territory_code: str | None = "GB-BST", **fields: Any) -> Initiative:
    territory = Territory.objects.get(code=territory_code) if territory_code else None
    values: dict[str, Any] = {
        "title": f"Test initiative {next(_seq)}",
        "territory": territory,
        "territory_path": territory.path if territory else "",
    }
    values.update(fields)
    return Initiative.objects.create(**values)


def make_relation(origin: Any, target: Any, type: str = "partners_with", **fields: Any) -> Any:
    """A relation saved directly (test set-up, not the audited write path); ends are actors or initiatives."""
    from minga.ecosystem.models import Relation

    values: dict[str, Any] = {
        "type": type,
        ("from_actor" if isinstance(origin, Actor) else "from_initiative"): origin,
        ("to_actor" if isinstance(target, Actor) else "to_initiative"): target,
        "source": "test",
        "source_id": f"rel{next(_seq)}",
    }
    values.update(fields)
    return Relation.objects.create(**values)


def make_question(
    *, access: str = "open", moderation: str = "lax", organiser: Any = None, **fields: Any
) -> Any:
    """A forum with one session, one round and one open question (organised by ``organiser`` when given)."""
    from minga.forum.models import Forum, Question, Round, Session

    forum = Forum.objects.create(title=fields.pop("forum_title", "Forum"), access=access,
                                 invitation="secret-invitation" if access == "link" else "")  # fmt: skip
    if organiser is not None:
        forum.organisers.add(organiser)
    session = Session.objects.create(forum=forum, title="Session")
    round_ = Round.objects.create(session=session, title="1")
    return Question.objects.create(round=round_, title=fields.pop("title", "What should change?"),
                                   moderation=moderation, **fields)  # fmt: skip


def make_statement(question: Any, text: str, *, moderation: int = 1, **fields: Any) -> Any:
    from django.utils import timezone

    from minga.forum.models import Statement

    return Statement.objects.create(question=question, text=text, moderation=moderation, created_at=timezone.now(),
                                    language=fields.pop("language", "en"), **fields)  # fmt: skip
