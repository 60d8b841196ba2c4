"""A real HTTP server on 127.0.0.1 that speaks LibreTranslate's ``POST /translate``.

deep-translator's LibreTranslator sends ``q``, ``source``, ``target``,
``format`` and ``api_key`` as query parameters and reads ``translatedText``
from the JSON answer. The server runs in a thread; each request takes the next
scripted behaviour (``Status``, ``Raw``, ``Hang``, ``Reply``), and when the
script is empty it asks its ``translate`` function (default
:func:`pseudo_translate`, a deterministic stand-in engine), which may answer
with a text or with one of the behaviours.
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from urllib.parse import parse_qs, urlsplit

# -- the stand-in engine ------------------------------------------------------

_CYR = dict(
    zip(
        "abcdefghijklmnopqrstuvwxyz",
        [
            "а",
            "б",
            "к",
            "д",
            "е",
            "ф",
            "г",
            "х",
            "и",
            "дж",
            "к",
            "л",
            "м",
            "н",
            "о",
            "п",
            "к",
            "р",
            "с",
            "т",
            "у",
            "в",
            "в",
            "кс",
            "й",
            "з",
        ],
        strict=True,
    )
)
_HANGUL = dict(
    zip(
        "abcdefghijklmnopqrstuvwxyz",
        "아브크드에프그흐이즈크르므느오프크르스트우브우크이즈",
        strict=True,
    )
)
_PLACEHOLDER = re.compile(r"(\[\[\d+\]\])")


def _word(word: str, table: dict[str, str]) -> str:
    out = []
    for ch in word:
        low = ch.lower()
        mapped = table.get(low, ch)
        out.append(mapped.upper() if ch.isupper() and mapped != ch else mapped)
    return "".join(out)


def pseudo_translate(text: str, source: str, target: str) -> str:
    """Deterministic stand-in for an MT engine that does not know the glossary.

    Latin letters are transliterated (Cyrillic for ru/uk, Hangul for ko, a
    ``[target]`` prefix otherwise); digits, punctuation and ``[[n]]``
    placeholders pass through unchanged, as engines with tag handling do.
    """
    if target in ("ru", "uk"):
        table = _CYR
    elif target == "ko":
        table = _HANGUL
    else:
        return f"[{target}] {text}"
    parts = _PLACEHOLDER.split(text)
    return "".join(p if _PLACEHOLDER.fullmatch(p) else _word(p, table) for p in parts)


# -- scripted behaviours ------------------------------------------------------


@dataclass(frozen=True)
class Reply:
    """Answer with this translation."""

    text: str


@dataclass(frozen=True)
class Status:
    """Answer with an HTTP error status and a JSON error body."""

    code: int


@dataclass(frozen=True)
class Raw:
    """Answer 200 with this body as is (e.g. malformed JSON)."""

    body: bytes


@dataclass(frozen=True)
class Hang:
    """Never answer (until the server shuts down)."""


Behaviour = Reply | Status | Raw | Hang


@dataclass(frozen=True)
class Seen:
    path: str
    q: str
    source: str
    target: str
    format: str
    api_key: str


class LibreServer:
    """``with LibreServer() as srv: ... srv.url ...``; ``srv.script(...)`` queues behaviours."""

    def __init__(
        self, translate: Callable[[str, str, str], str | Behaviour] = pseudo_translate
    ) -> None:
        self._translate = translate
        self._script: list[Behaviour] = []
        self._lock = threading.Lock()
        self.release = threading.Event()
        self.seen: list[Seen] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: object) -> None:  # quiet
                pass

            def do_POST(self) -> None:
                parts = urlsplit(self.path)
                params = {k: v[0] for k, v in parse_qs(parts.query).items()}
                length = int(self.headers.get("Content-Length") or 0)
                if length:
                    body = self.rfile.read(length).decode("utf-8")
                    params.update({k: v[0] for k, v in parse_qs(body).items()})
                seen = Seen(
                    parts.path,
                    params.get("q", ""),
                    params.get("source", ""),
                    params.get("target", ""),
                    params.get("format", ""),
                    params.get("api_key", ""),
                )
                behaviour = server._next(seen)
                if behaviour is None:
                    answer = server._translate(seen.q, seen.source, seen.target)
                    behaviour = Reply(answer) if isinstance(answer, str) else answer
                if parts.path != "/translate":
                    self._send(404, b'{"error": "Not Found"}')
                elif isinstance(behaviour, Hang):
                    server.release.wait()
                    self.close_connection = True
                elif isinstance(behaviour, Status):
                    self._send(behaviour.code, json.dumps({"error": "scripted"}).encode())
                elif isinstance(behaviour, Raw):
                    self._send(200, behaviour.body)
                else:
                    body = {"translatedText": behaviour.text}
                    self._send(200, json.dumps(body, ensure_ascii=False).encode())

            def _send(self, code: int, body: bytes) -> None:
                self.send_response(code)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    def _next(self, seen: Seen) -> Behaviour | None:
        with self._lock:
            self.seen.append(seen)
            return self._script.pop(0) if self._script else None

    def script(self, *behaviours: Behaviour) -> None:
        with self._lock:
            self._script.extend(behaviours)

    @property
    def url(self) -> str:
        host, port = self._httpd.server_address[:2]
        return f"http://{host!s}:{port}/"

    @property
    def translated(self) -> list[str]:
        """The ``q`` of every request to /translate, in arrival order."""
        with self._lock:
            return [s.q for s in self.seen if s.path == "/translate"]

    def __enter__(self) -> LibreServer:
        self._thread.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.release.set()
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=5)
