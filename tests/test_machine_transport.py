"""Providers and the request runner against a real LibreTranslate-speaking server.

Every request goes through deep-translator's own LibreTranslator over HTTP on
127.0.0.1; nothing in deep-translator is mocked.
"""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from libre_server import Hang, LibreServer, Raw, Reply, Status, pseudo_translate

from l10n.config import MachineConfig
from l10n.errors import MachineTranslationError
from l10n.machine.errors import FailureKind, ProviderFailure, scrub, to_user_error
from l10n.machine.providers import (
    NO_KEY,
    PROVIDERS,
    DeepTranslatorEngine,
    provider_code,
    provider_spec,
    resolve_engine,
    supported_targets,
)
from l10n.machine.transport import RetryPolicy, call_with_deadline, run_requests

FAST = RetryPolicy(timeout=2.0, retries=3, base_delay=0.01, max_delay=0.05, concurrency=2)


@pytest.fixture
def server() -> Iterator[LibreServer]:
    with LibreServer() as srv:
        yield srv


def engine_for(
    srv: LibreServer, target: str = "ru", key: str | None = None
) -> DeepTranslatorEngine:
    env = {"LIBRE_API_KEY": key} if key else {}
    settings = resolve_engine(
        MachineConfig(provider="libre", url=srv.url), "libre", "en", target, env
    )
    return DeepTranslatorEngine(settings)


def test_success_goes_through_deep_translator_as_query_parameters(server: LibreServer) -> None:
    out = engine_for(server).translate("Kim met [[1]] in Moscow.")
    assert out == pseudo_translate("Kim met [[1]] in Moscow.", "en", "ru")
    seen = server.seen[-1]
    assert (seen.path, seen.source, seen.target, seen.format) == ("/translate", "en", "ru", "text")
    assert seen.api_key == NO_KEY  # keyless server: a dummy key, never empty


def test_key_from_environment_is_sent(server: LibreServer) -> None:
    engine_for(server, key="s3cret-key").translate("Hello.")
    assert server.seen[-1].api_key == "s3cret-key"


def test_429_then_success_is_retried(server: LibreServer) -> None:
    server.script(Status(429), Status(503), Reply("готово"))
    outcomes = list(run_requests(engine_for(server), ["Done."], FAST))
    assert [o.translation for o in outcomes] == ["готово"]
    assert outcomes[0].attempts == 3
    assert server.translated == ["Done."] * 3


def test_500_exhausts_retries_with_a_clear_failure(server: LibreServer) -> None:
    server.script(*[Status(500)] * 10)
    (outcome,) = run_requests(engine_for(server), ["Done."], FAST)
    assert outcome.translation is None and outcome.failure is not None
    assert outcome.failure.kind is FailureKind.SERVER_ERROR
    assert outcome.attempts == FAST.retries + 1
    msg = str(to_user_error("libre", outcome.failure, outcome.attempts))
    assert "HTTP 500" in msg and "after 4 attempts" in msg


def test_client_errors_are_not_retried(server: LibreServer) -> None:
    server.script(Status(400), Reply("never"))
    (outcome,) = run_requests(engine_for(server), ["x"], FAST)
    assert outcome.failure is not None and outcome.failure.kind is FailureKind.BAD_REQUEST
    assert outcome.attempts == 1


def test_malformed_json_is_a_bad_answer(server: LibreServer) -> None:
    server.script(Raw(b'{"translatedText": '))
    with pytest.raises(ProviderFailure) as info:
        engine_for(server).translate("Hello.")
    assert info.value.kind is FailureKind.BAD_ANSWER
    assert "invalid JSON" in info.value.detail


def test_json_without_translation_is_a_bad_answer(server: LibreServer) -> None:
    server.script(Raw(b'{"something": "else"}'))
    with pytest.raises(ProviderFailure) as info:
        engine_for(server).translate("Hello.")
    assert info.value.kind is FailureKind.BAD_ANSWER


def test_silent_server_ends_within_the_timeout(server: LibreServer) -> None:
    server.script(Hang(), Hang())
    policy = RetryPolicy(timeout=0.4, retries=3, base_delay=0.01, concurrency=2)
    start = time.monotonic()
    outcomes = list(run_requests(engine_for(server), ["a", "b"], policy))
    elapsed = time.monotonic() - start
    assert elapsed < 3  # bounded, not a speed target
    assert {o.failure.kind for o in outcomes if o.failure} == {FailureKind.TIMEOUT}
    assert all(o.attempts == 1 for o in outcomes)  # a timeout is not retried
    assert "0.4 s" in str(outcomes[0].failure)


def test_unreachable_server_and_no_secret_in_messages() -> None:
    env = {"LIBRE_API_KEY": "TOPSECRET-123"}
    cfg = MachineConfig(provider="libre", url="http://127.0.0.1:9/")
    engine = DeepTranslatorEngine(resolve_engine(cfg, "libre", "en", "ru", env))
    with pytest.raises(ProviderFailure) as info:
        engine.translate("Hello.")
    assert info.value.kind is FailureKind.UNREACHABLE
    text = str(to_user_error("libre", info.value, 1))
    assert "127.0.0.1:9" in text and "TOPSECRET" not in text
    assert "TOPSECRET" not in repr(engine.settings)


def test_403_names_the_problem_without_the_key(server: LibreServer) -> None:
    server.script(Status(403))
    with pytest.raises(ProviderFailure) as info:
        engine_for(server, key="TOPSECRET-456").translate("Hello.")
    assert info.value.kind is FailureKind.AUTH
    assert "TOPSECRET" not in str(info.value)


def test_concurrency_limit_is_respected() -> None:
    import threading

    live = 0
    peak = 0
    lock = threading.Lock()

    def slow(text: str, source: str, target: str) -> str:
        nonlocal live, peak
        with lock:
            live += 1
            peak = max(peak, live)
        time.sleep(0.05)
        with lock:
            live -= 1
        return text.upper()

    with LibreServer(slow) as srv:
        policy = RetryPolicy(timeout=5, retries=0, concurrency=3)
        texts = [f"unit {i}" for i in range(12)]
        outs = {o.text: o.translation for o in run_requests(engine_for(srv), texts, policy)}
    assert outs == {t: t.upper() for t in texts}
    assert 1 < peak <= 3


def test_call_with_deadline_returns_and_raises() -> None:
    assert call_with_deadline(lambda: 42, 1.0) == 42
    with pytest.raises(ProviderFailure) as info:
        call_with_deadline(lambda: time.sleep(2), 0.05)
    assert info.value.kind is FailureKind.TIMEOUT


def test_backoff_grows_and_is_jittered() -> None:
    import random

    policy = RetryPolicy(base_delay=1.0, max_delay=8.0)
    rng = random.Random(1)
    delays = [policy.delay(a, rng) for a in range(1, 7)]
    for attempt, d in enumerate(delays, 1):
        cap = min(8.0, 2 ** (attempt - 1))
        assert cap / 2 <= d <= cap
    assert len(set(delays)) == len(delays)


def test_unsupported_pair_fails_before_any_request(server: LibreServer) -> None:
    cfg = MachineConfig(provider="libre", url=server.url)
    with pytest.raises(MachineTranslationError, match="does not support Ukrainian"):
        resolve_engine(cfg, "libre", "en", "uk", {})
    with pytest.raises(MachineTranslationError, match="does not support Korean"):
        resolve_engine(cfg, "deepl", "en", "ko", {"DEEPL_API_KEY": "k"})
    assert server.seen == []


def test_support_table() -> None:
    libre = provider_spec("libre")
    assert supported_targets(libre, ("ru", "uk", "ko")) == {"ru": True, "uk": False, "ko": True}
    assert supported_targets(provider_spec("google"), ("uk",)) == {"uk": True}
    assert supported_targets(provider_spec("microsoft"), ("uk",)) == {"uk": None}
    assert provider_code(provider_spec("mymemory"), "ru") == "ru-RU"
    assert provider_code(provider_spec("google"), "he") == "iw"
    assert set(PROVIDERS) == {"google", "deepl", "libre", "mymemory", "microsoft"}


def test_configuration_errors() -> None:
    with pytest.raises(MachineTranslationError, match="unknown machine-translation provider"):
        provider_spec("babelfish")
    with pytest.raises(MachineTranslationError, match="needs the server address"):
        resolve_engine(MachineConfig(provider="libre"), "libre", "en", "ru", {})
    with pytest.raises(MachineTranslationError, match="DEEPL_API_KEY"):
        resolve_engine(MachineConfig(), "deepl", "en", "ru", {})
    cfg = MachineConfig(api_key_env="NEWSROOM_DEEPL")
    with pytest.raises(MachineTranslationError, match="NEWSROOM_DEEPL"):
        resolve_engine(cfg, "deepl", "en", "ru", {"DEEPL_API_KEY": "ignored"})
    assert resolve_engine(cfg, "deepl", "en", "ru", {"NEWSROOM_DEEPL": "k"}).api_key == "k"


def test_scrub_hides_secrets_and_query_strings() -> None:
    text = "GET http://h:1/translate?q=hi&api_key=abc failed with abc"
    out = scrub(text, ("abc",))
    assert "abc" not in out and "q=hi" not in out
