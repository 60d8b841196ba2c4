"""The review workflow: approve, reject, edit as reviewer, queue and log.

States come from :func:`l10n.state.entry_state`; records from
:mod:`l10n.records`. See :mod:`l10n.review.ops` for the record policy and
:mod:`l10n.review.ids` for unit ids.
"""

from l10n.review.ids import ID_LENGTH, unit_id
from l10n.review.ops import (
    SkipReason,
    approval_blocker,
    approve,
    check_note,
    check_reviewer,
    edit,
    reject,
)
from l10n.review.report import (
    CatalogReview,
    LogEntry,
    LogKind,
    ReviewCounts,
    count_entries,
    review_counts,
    review_log,
    review_queue,
    unit_log,
)
from l10n.review.reviewer import ENV_VAR, git_user_name, resolve_reviewer
from l10n.review.units import (
    Approve,
    BatchResult,
    Decision,
    Edit,
    Reject,
    Skipped,
    Unit,
    apply_decision,
    approve_units,
    catalogs,
    load_units,
    reject_units,
)

__all__ = [
    "ENV_VAR",
    "ID_LENGTH",
    "Approve",
    "BatchResult",
    "CatalogReview",
    "Decision",
    "Edit",
    "LogEntry",
    "LogKind",
    "Reject",
    "ReviewCounts",
    "SkipReason",
    "Skipped",
    "Unit",
    "apply_decision",
    "approval_blocker",
    "approve",
    "approve_units",
    "catalogs",
    "check_note",
    "check_reviewer",
    "count_entries",
    "edit",
    "git_user_name",
    "load_units",
    "reject",
    "reject_units",
    "resolve_reviewer",
    "review_counts",
    "review_log",
    "review_queue",
    "unit_id",
    "unit_log",
]
