"""The machine-translation providers l10n can drive, through deep-translator.

This is the only module that imports ``deep_translator``. It knows, for each
supported provider, which languages it accepts (deep-translator's own tables,
so an unsupported pair fails before any request), how long one request may be,
where the credential comes from (an environment variable, never a file), and
how the client's exceptions map onto :class:`~l10n.machine.errors.FailureKind`.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import requests
from deep_translator import (
    DeeplTranslator,
    GoogleTranslator,
    LibreTranslator,
    MicrosoftTranslator,
    MyMemoryTranslator,
)
from deep_translator import exceptions as dt_exc
from deep_translator.constants import (
    DEEPL_LANGUAGE_TO_CODE,
    GOOGLE_LANGUAGES_TO_CODES,
    LIBRE_LANGUAGES_TO_CODES,
    MY_MEMORY_LANGUAGES_TO_CODES,
)

from l10n.config import MachineConfig
from l10n.errors import MachineTranslationError
from l10n.languages import language
from l10n.machine.errors import FailureKind, ProviderFailure, scrub

# Keyless LibreTranslate servers still need *some* key: deep-translator refuses
# to build a LibreTranslator without one.
NO_KEY = "l10n-no-key"


@dataclass(frozen=True)
class ProviderSpec:
    """What l10n knows about one provider before sending anything."""

    name: str
    title: str
    languages: frozenset[str] | None  # provider codes; None: the provider checks at run time
    names: Mapping[str, str]  # provider code -> language name (for messages)
    key_env: str | None  # default environment variable of the credential
    key_required: bool
    max_chars: int  # longest text one request may carry
    needs_url: bool
    note: str


def _spec(
    name: str,
    title: str,
    table: Mapping[str, str] | None,
    key_env: str | None,
    key_required: bool,
    max_chars: int,
    note: str,
    needs_url: bool = False,
) -> ProviderSpec:
    names = {code: lang for lang, code in table.items()} if table else {}
    langs = frozenset(names) if table else None
    return ProviderSpec(
        name, title, langs, names, key_env, key_required, max_chars, needs_url, note
    )


PROVIDERS: Mapping[str, ProviderSpec] = {
    s.name: s
    for s in (
        _spec(
            "google",
            "Google Translate (web endpoint, no key)",
            GOOGLE_LANGUAGES_TO_CODES,
            None,
            False,
            4999,
            "unofficial endpoint; may answer 429 or 500 without warning",
        ),
        _spec(
            "deepl",
            "DeepL API",
            DEEPL_LANGUAGE_TO_CODE,
            "DEEPL_API_KEY",
            True,
            4999,
            "no Korean in deep-translator's DeepL table",
        ),
        _spec(
            "libre",
            "LibreTranslate (self-hosted or public server at mt.url)",
            LIBRE_LANGUAGES_TO_CODES,
            "LIBRE_API_KEY",
            False,
            4999,
            "deep-translator's fixed list of 17 languages: no Ukrainian",
            needs_url=True,
        ),
        _spec(
            "mymemory",
            "MyMemory (public translation memory, no key)",
            MY_MEMORY_LANGUAGES_TO_CODES,
            None,
            False,
            499,
            "500 characters per request; long units are split",
        ),
        _spec(
            "microsoft",
            "Microsoft Translator",
            None,
            "MICROSOFT_API_KEY",
            True,
            4999,
            "languages are fetched from Microsoft when the run starts",
        ),
    )
}

_ALIASES = {"he": ("iw",), "jv": ("jw",), "nb": ("no",)}


def provider_spec(name: str) -> ProviderSpec:
    try:
        return PROVIDERS[name.strip().lower()]
    except KeyError:
        known = ", ".join(sorted(PROVIDERS))
        raise MachineTranslationError(
            f"unknown machine-translation provider {name!r} (known: {known})",
            hint="set [tool.l10n.mt] provider or pass --provider",
        ) from None


def provider_code(spec: ProviderSpec, code: str) -> str | None:
    """The provider's code for the l10n language ``code``, or None if unsupported.

    ``None`` languages (asked at run time) map to the bare language code.
    """
    lang = language(code)
    base = lang.code.split("_")[0]
    if spec.languages is None:
        return lang.code.replace("_", "-")
    codes = sorted(spec.languages)
    folded = {c.lower(): c for c in codes}
    for wanted in (lang.code.replace("_", "-").lower(), base.lower(), *_ALIASES.get(base, ())):
        if wanted in folded:
            return folded[wanted]
    regional = [c for c in codes if c.split("-")[0].lower() == base.lower()]
    if not regional:
        return None
    plain = lang.english_name.split(" (")[0].lower()
    for c in regional:
        if spec.names.get(c, "").lower() == plain:
            return c
    return regional[0]


def supported_targets(spec: ProviderSpec, codes: tuple[str, ...]) -> dict[str, bool | None]:
    """For each l10n code: True/False, or None when only the provider knows."""
    if spec.languages is None:
        return dict.fromkeys(codes)
    return {c: provider_code(spec, c) is not None for c in codes}


@dataclass(frozen=True)
class EngineSettings:
    """Everything needed to build a client for one language pair."""

    spec: ProviderSpec
    source: str  # provider codes
    target: str
    url: str | None
    api_key: str | None = None

    def __repr__(self) -> str:  # never show the key
        return f"EngineSettings({self.spec.name}, {self.source}->{self.target}, url={self.url!r})"


def resolve_engine(
    machine: MachineConfig,
    provider: str,
    source_lang: str,
    target_lang: str,
    environ: Mapping[str, str] | None = None,
) -> EngineSettings:
    """Validate provider, language pair, URL and credential; send nothing."""
    spec = provider_spec(provider)
    env = os.environ if environ is None else environ
    src = provider_code(spec, source_lang)
    tgt = provider_code(spec, target_lang)
    for code, mapped in ((source_lang, src), (target_lang, tgt)):
        if mapped is None:
            raise MachineTranslationError(
                f"provider {spec.name!r} does not support {language(code).english_name} ({code})"
                f"{'; ' + spec.note if spec.note else ''}",
                hint="choose another provider for this language with --provider or "
                "[tool.l10n.language.<code>] mt-provider",
            )
    assert src is not None and tgt is not None
    url = machine.url if spec.needs_url else None
    if spec.needs_url:
        if not url:
            raise MachineTranslationError(
                f"provider {spec.name!r} needs the server address in [tool.l10n.mt] url",
                hint='for example url = "http://127.0.0.1:5000/"',
            )
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise MachineTranslationError(f"mt.url {url!r} is not an http(s) address")
        if not url.endswith("/"):
            url += "/"
    key_env = machine.api_key_env or spec.key_env
    key = env.get(key_env) if key_env else None
    if spec.key_required and not key:
        raise MachineTranslationError(
            f"provider {spec.name!r} needs an API key in the environment variable {key_env}",
            hint=f"export {key_env}=... (keys are read from the environment only)",
        )
    if spec.name == "libre" and not key:
        key = NO_KEY
    return EngineSettings(spec=spec, source=src, target=tgt, url=url, api_key=key or None)


def public_host(url: str | None) -> str:
    """Host and port of ``url`` without user, password, path or query."""
    if not url:
        return "the provider"
    parts = urlsplit(url)
    host = parts.hostname or "?"
    return f"{host}:{parts.port}" if parts.port else host


class DeepTranslatorEngine:
    """One language pair of one provider; each call builds a fresh client.

    deep-translator's clients keep per-request state on the instance (Google's
    URL parameters), so sharing one between worker threads is unsafe.
    """

    def __init__(self, settings: EngineSettings) -> None:
        self.settings = settings
        self.name = settings.spec.name
        self.max_chars = settings.spec.max_chars
        self.identity = f"{self.name}@{public_host(settings.url)}" if settings.url else self.name

    def _client(self) -> Any:
        s = self.settings
        factories: dict[str, Callable[[], Any]] = {
            "google": lambda: GoogleTranslator(source=s.source, target=s.target),
            "deepl": lambda: DeeplTranslator(source=s.source, target=s.target, api_key=s.api_key),
            "libre": lambda: LibreTranslator(
                source=s.source, target=s.target, api_key=s.api_key, custom_url=s.url
            ),
            "mymemory": lambda: MyMemoryTranslator(source=s.source, target=s.target),
            "microsoft": lambda: MicrosoftTranslator(
                source=s.source, target=s.target, api_key=s.api_key
            ),
        }
        return factories[s.spec.name]()

    def translate(self, text: str) -> str:
        """One request; raises :class:`ProviderFailure` for every problem."""
        try:
            result = self._client().translate(text)
        except Exception as exc:
            raise classify(exc, self.settings) from None
        if not isinstance(result, str) or (text.strip() and not result.strip()):
            raise ProviderFailure(FailureKind.BAD_ANSWER, "the answer held no translation")
        return result


_STATUS_BY_MESSAGE = {msg: code for code, msg in dt_exc.ServerException.errors.items()}


def _status_failure(status: int | None, where: str) -> ProviderFailure:
    shown = f"HTTP {status}" if status else "an HTTP error"
    if status == 429:
        return ProviderFailure(
            FailureKind.RATE_LIMITED, f"{where} answered {shown} (too many requests)", status
        )
    if status in (401, 402):
        return ProviderFailure(FailureKind.AUTH, f"{where} refused the API key ({shown})", status)
    if status == 403:
        return ProviderFailure(
            FailureKind.QUOTA, f"{where} answered {shown} (forbidden or quota exceeded)", status
        )
    if status == 404:
        return ProviderFailure(
            FailureKind.BAD_ANSWER,
            f"{where} has no translation API at this address ({shown})",
            status,
        )
    if status == 413:
        return ProviderFailure(
            FailureKind.TOO_LONG, f"{where} found the text too long ({shown})", status
        )
    if status in (400, 422):
        return ProviderFailure(
            FailureKind.BAD_REQUEST, f"{where} rejected the request ({shown})", status
        )
    if status == 501:
        return ProviderFailure(
            FailureKind.UNSUPPORTED_LANGUAGE,
            f"{where} does not support this language pair ({shown})",
            status,
        )
    return ProviderFailure(
        FailureKind.SERVER_ERROR, f"{where} answered {shown} (server error)", status
    )


def classify(exc: BaseException, settings: EngineSettings) -> ProviderFailure:
    """Map a deep-translator or requests exception; no key or URL query in the text."""
    where = public_host(settings.url) if settings.url else settings.spec.name
    secrets = (settings.api_key or "",)
    if isinstance(exc, ProviderFailure):
        return exc
    if isinstance(exc, dt_exc.TooManyRequests):
        return _status_failure(429, where)
    if isinstance(exc, dt_exc.ServerException):
        message = str(exc.args[0]) if exc.args else ""
        return _status_failure(_STATUS_BY_MESSAGE.get(message), where)
    if isinstance(exc, dt_exc.AuthorizationException):
        return ProviderFailure(FailureKind.AUTH, f"{where} refused the API key (HTTP 403)", 403)
    if isinstance(exc, dt_exc.ApiKeyException):
        return ProviderFailure(FailureKind.AUTH, "no API key was given")
    if isinstance(exc, dt_exc.RequestError):
        return ProviderFailure(FailureKind.SERVER_ERROR, f"{where} answered with an HTTP error")
    if isinstance(exc, dt_exc.LanguageNotSupportedException | dt_exc.InvalidSourceOrTargetLanguage):
        return ProviderFailure(
            FailureKind.UNSUPPORTED_LANGUAGE,
            f"{settings.spec.name} does not support {settings.source}->{settings.target}",
        )
    if isinstance(exc, dt_exc.NotValidLength):
        return ProviderFailure(
            FailureKind.TOO_LONG, f"text longer than {settings.spec.name} accepts"
        )
    if isinstance(exc, dt_exc.NotValidPayload):
        return ProviderFailure(FailureKind.BAD_REQUEST, "the text was not accepted")
    if isinstance(exc, dt_exc.TranslationNotFound):
        return ProviderFailure(FailureKind.BAD_ANSWER, f"{where} returned no translation")
    if isinstance(exc, requests.exceptions.JSONDecodeError):
        return ProviderFailure(FailureKind.BAD_ANSWER, f"{where} answered with invalid JSON")
    if isinstance(exc, requests.exceptions.Timeout):
        return ProviderFailure(FailureKind.TIMEOUT, f"{where} did not answer in time")
    if isinstance(exc, requests.exceptions.ConnectionError | ConnectionError):
        return ProviderFailure(FailureKind.UNREACHABLE, f"cannot connect to {where}")
    if isinstance(exc, requests.exceptions.RequestException):
        return ProviderFailure(
            FailureKind.UNREACHABLE, f"request to {where} failed ({type(exc).__name__})"
        )
    if isinstance(exc, KeyError | TypeError | AttributeError | IndexError | ValueError):
        return ProviderFailure(FailureKind.BAD_ANSWER, f"{where} answered in an unexpected format")
    if isinstance(exc, dt_exc.MicrosoftAPIerror):
        detail = scrub(exc.api_message, secrets)[:200]
        return ProviderFailure(FailureKind.BAD_REQUEST, f"Microsoft answered an error: {detail}")
    return ProviderFailure(
        FailureKind.BAD_ANSWER, f"{where} failed: {scrub(type(exc).__name__, secrets)}"
    )
