"""The one place that decides every permission: :func:`allowed`.

The rules, by role (the public has no account):

=========  ======  =======  =========  ===============  ======  ============
role       read    read     review /   upload reports   manage  see
           public  partner  correct                     users   sensitive
=========  ======  =======  =========  ===============  ======  ============
public     yes     no       no         no               no      no
partner    yes     yes      no         no               no      no
analyst    yes     yes      yes        yes              no      yes
admin      yes     yes      yes        yes              yes     yes
=========  ======  =======  =========  ===============  ======  ============

"Sensitive" is the real identity behind a code name, facilities' exact coordinates, the
names of patients, health workers and sources, and the report texts that hold them.
"""

from __future__ import annotations

from enum import StrEnum

from ..accounts import Role, User


class Action(StrEnum):
    READ_PUBLIC = "read_public"
    READ_PARTNER = "read_partner"
    READ_SENSITIVE = "read_sensitive"
    REVIEW = "review"
    UPLOAD = "upload"
    MANAGE_USERS = "manage_users"


_GRANTS: dict[Role, frozenset[Action]] = {
    Role.PUBLIC: frozenset({Action.READ_PUBLIC}),
    Role.PARTNER: frozenset({Action.READ_PUBLIC, Action.READ_PARTNER}),
    Role.ANALYST: frozenset(set(Action) - {Action.MANAGE_USERS}),
    Role.ADMIN: frozenset(Action),
}


def allowed(user: User, action: Action, resource: object = None) -> bool:
    """Whether ``user`` may do ``action`` (on ``resource``; the rules do not depend on
    the resource yet, but every caller names it so that they can)."""
    return action in _GRANTS.get(user.role, frozenset())


def view_level(user: User) -> Role:
    """Which output models the user gets: the most detailed their role allows."""
    if allowed(user, Action.READ_SENSITIVE):
        return Role.ANALYST
    if allowed(user, Action.READ_PARTNER):
        return Role.PARTNER
    return Role.PUBLIC
