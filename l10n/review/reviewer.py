"""Who is reviewing: ``--by``, then ``L10N_REVIEWER``, then git's ``user.name``."""

from __future__ import annotations

import subprocess
from collections.abc import Mapping
from pathlib import Path

from l10n.errors import ReviewError
from l10n.review.ops import check_reviewer

ENV_VAR = "L10N_REVIEWER"


def git_user_name(root: Path, env: Mapping[str, str]) -> str | None:
    """``git config user.name`` as seen from ``root``; None when unset or no git."""
    try:
        done = subprocess.run(
            ["git", "config", "user.name"],
            cwd=root,
            env=dict(env),
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    name = done.stdout.strip()
    return name if done.returncode == 0 and name else None


def resolve_reviewer(explicit: str | None, root: Path, env: Mapping[str, str]) -> str:
    """The reviewer name to record, validated; a clear error when there is none."""
    if explicit is not None:
        return check_reviewer(explicit)
    from_env = env.get(ENV_VAR, "").strip()
    if from_env:
        return check_reviewer(from_env)
    from_git = git_user_name(root, env)
    if from_git:
        return check_reviewer(from_git)
    raise ReviewError(
        "no reviewer name",
        hint=f"pass --by NAME, set {ENV_VAR}, or set git's user.name in this project",
    )
