"""Why one provider request failed, independent of the library that made it.

Provider adapters turn every exception of the underlying client into a
:class:`ProviderFailure` with a :class:`FailureKind`; the runner decides from
the kind whether to retry, and :func:`to_user_error` turns the final failure
into a :class:`~l10n.errors.MachineTranslationError` whose message never
contains a credential or a request URL.
"""

from __future__ import annotations

import enum

from l10n.errors import MachineTranslationError


class FailureKind(enum.Enum):
    RATE_LIMITED = "rate-limited"
    SERVER_ERROR = "server-error"
    AUTH = "auth"
    QUOTA = "quota"
    UNSUPPORTED_LANGUAGE = "unsupported-language"
    UNREACHABLE = "unreachable"
    TIMEOUT = "timeout"
    BAD_ANSWER = "bad-answer"
    TOO_LONG = "too-long"
    BAD_REQUEST = "bad-request"

    @property
    def retryable(self) -> bool:
        """HTTP 429 and 5xx are worth another try after a pause; nothing else is."""
        return self in (FailureKind.RATE_LIMITED, FailureKind.SERVER_ERROR)


_HINTS = {
    FailureKind.RATE_LIMITED: "lower [tool.l10n.mt] concurrency or try again later",
    FailureKind.SERVER_ERROR: "the provider has a problem; try again later",
    FailureKind.AUTH: "check the API key in the environment variable named by mt.api-key-env",
    FailureKind.QUOTA: "the account's quota is used up; wait or raise it",
    FailureKind.UNSUPPORTED_LANGUAGE: "see 'l10n translate --list-providers'",
    FailureKind.UNREACHABLE: "check mt.url and that the server is running",
    FailureKind.TIMEOUT: "raise mt.timeout or check the server",
    FailureKind.BAD_ANSWER: "check that mt.url points at the provider's API",
    FailureKind.TOO_LONG: "this is a bug in l10n's splitting of long units; please report it",
    FailureKind.BAD_REQUEST: "the provider rejected the request",
}


class ProviderFailure(Exception):
    """One failed request; ``detail`` is already free of secrets."""

    def __init__(self, kind: FailureKind, detail: str, status: int | None = None) -> None:
        super().__init__(detail)
        self.kind = kind
        self.detail = detail
        self.status = status


def to_user_error(
    provider: str, failure: ProviderFailure, attempts: int
) -> MachineTranslationError:
    tries = f" (after {attempts} attempts)" if attempts > 1 else ""
    return MachineTranslationError(
        f"machine translation with {provider!r} failed: {failure.detail}{tries}",
        hint=_HINTS[failure.kind],
    )


def scrub(text: str, secrets: tuple[str, ...]) -> str:
    """``text`` with every secret replaced by ``***`` (and query strings dropped)."""
    for secret in secrets:
        if secret:
            text = text.replace(secret, "***")
    # Request URLs carry the text and sometimes the key as query parameters.
    out = []
    for word in text.split(" "):
        cut = word.find("?")
        out.append(word[:cut] + "?..." if cut >= 0 and "/" in word[:cut] else word)
    return " ".join(out)
