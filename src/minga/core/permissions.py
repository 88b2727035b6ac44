"""The one place where Minga decides who may do what. Admin, API, CLI and web all ask here.

Roles:
- **admin**: a superuser, or a user with an ``admin`` role assignment — may do everything.
- **territory steward**: may create, edit and delete actors and initiatives placed inside their territory subtree.
- **organisation editor**: may edit the actors whose ``editors`` include them, and initiatives those actors take
  part in; may not create or delete actors.
- **forum organiser**: a user listed among a forum's organisers — may edit it, its sessions, rounds and questions,
  moderate its statements and generate its synthesis. Admins and stewards may create forums (and organise them).
- **participant**: anyone a forum lets in (open forums: everyone; link-only: whoever has the invitation; signed-in
  forums: users with an account) — votes and adds statements.
- **public**: reads only.

``SYSTEM`` stands for the local operator (the CLI run on the server without ``--user``), who is trusted.
``None`` is nobody: it may read, nothing more.
"""

from __future__ import annotations

from typing import Any

from minga.core.errors import PermissionDenied
from minga.core.models import Role, RoleAssignment


class _System:
    """The local operator: a distinct object, so that a forgotten ``None`` never grants anything."""

    pk = None
    is_authenticated = False

    def __repr__(self) -> str:
        return "SYSTEM"


SYSTEM: Any = _System()


def _authenticated(user: Any) -> bool:
    return bool(user is not None and getattr(user, "is_authenticated", False) and user.is_active)


def is_admin(user: Any) -> bool:
    if user is SYSTEM:
        return True
    if not _authenticated(user):
        return False
    if user.is_superuser:
        return True
    return RoleAssignment.objects.filter(user=user, role=Role.ADMIN).exists()


def steward_paths(user: Any) -> list[str]:
    """Materialised paths of the territories ``user`` stewards."""
    if not _authenticated(user):
        return []
    return list(
        RoleAssignment.objects.filter(user=user, role=Role.STEWARD, territory__isnull=False).values_list(
            "territory__path", flat=True
        )
    )


def _in_stewardship(user: Any, territory_path: str) -> bool:
    return bool(territory_path) and any(territory_path.startswith(p) for p in steward_paths(user))


def _edits_actor(user: Any, actor_id: int) -> bool:
    return _authenticated(user) and user.edited_actors.filter(pk=actor_id).exists()


def can_create(user: Any, *, territory_path: str) -> bool:
    """May ``user`` create an actor or initiative placed at ``territory_path``?"""
    return is_admin(user) or _in_stewardship(user, territory_path)


def can_create_somewhere(user: Any) -> bool:
    """May ``user`` create records in at least one territory (admins, stewards)?"""
    return is_admin(user) or bool(steward_paths(user))


def can_edit_actor(user: Any, actor: Any, *, new_territory_path: str | None = None) -> bool:
    """May ``user`` change ``actor`` (and, if it moves, place it at ``new_territory_path``)?"""
    if is_admin(user):
        return True
    if not _authenticated(user):
        return False
    target = actor.territory_path if new_territory_path is None else new_territory_path
    if _in_stewardship(user, actor.territory_path) and _in_stewardship(user, target):
        return True
    return target == actor.territory_path and _edits_actor(user, actor.pk)


def can_delete_actor(user: Any, actor: Any) -> bool:
    return is_admin(user) or _in_stewardship(user, actor.territory_path)


def can_edit_initiative(user: Any, initiative: Any, *, new_territory_path: str | None = None) -> bool:
    if is_admin(user):
        return True
    if not _authenticated(user):
        return False
    target = initiative.territory_path if new_territory_path is None else new_territory_path
    if _in_stewardship(user, initiative.territory_path) and _in_stewardship(user, target):
        return True
    if target != initiative.territory_path or initiative.pk is None:
        return False
    return user.edited_actors.filter(initiative_roles__initiative=initiative).exists()


def can_delete_initiative(user: Any, initiative: Any) -> bool:
    return is_admin(user) or _in_stewardship(user, initiative.territory_path)


def can_import(user: Any) -> bool:
    """Bulk imports touch many territories at once: admins only."""
    return is_admin(user)


def can_manage_reference_data(user: Any) -> bool:
    return is_admin(user)


def can_create_forum(user: Any) -> bool:
    return can_create_somewhere(user)


def can_organise(user: Any, forum: Any) -> bool:
    """May ``user`` edit ``forum``, moderate its statements and synthesise it?"""
    if is_admin(user):
        return True
    return _authenticated(user) and forum.organisers.filter(pk=user.pk).exists()


def can_take_part(user: Any, forum: Any, *, invitation: str = "") -> bool:
    """May ``user`` (or an anonymous visitor holding ``invitation``) vote and write in ``forum``?"""
    if forum.access == "signed_in":
        return _authenticated(user) or user is SYSTEM
    if forum.access == "link":
        return can_organise(user, forum) or (bool(forum.invitation) and invitation == forum.invitation)
    return True


def require(allowed: bool, what: str) -> None:
    """Raise :class:`PermissionDenied` naming ``what`` unless ``allowed``."""
    if not allowed:
        raise PermissionDenied(
            f"You may not {what}.",
            hint="Ask an administrator for the right role (admin, territory steward or organisation editor).",
        )
