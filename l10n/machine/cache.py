"""A disk cache of provider answers under ``<project>/.l10n-cache/mt/``.

One small JSON file per request, named by the SHA-256 of engine identity,
language pair and the exact text sent, so the same request is never sent
twice (across runs and across articles). Files are written atomically; a
damaged or foreign file counts as a miss. Deleting the folder is always safe.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from l10n.errors import WriteError
from l10n.fsutil import atomic_write

CACHE_DIR = ".l10n-cache"
MT_DIR = "mt"


def cache_key(identity: str, source: str, target: str, text: str) -> str:
    h = hashlib.sha256()
    for part in (identity, source, target, text):
        h.update(part.encode("utf-8"))
        h.update(b"\x00")
    return h.hexdigest()


class MTCache:
    """Answers of one engine identity for one language pair."""

    def __init__(self, root: Path, identity: str, source: str, target: str) -> None:
        self.folder = root / CACHE_DIR / MT_DIR
        self.identity = identity
        self.source = source
        self.target = target

    def _path(self, text: str) -> Path:
        key = cache_key(self.identity, self.source, self.target, text)
        return self.folder / key[:2] / f"{key}.json"

    def get(self, text: str) -> str | None:
        try:
            data = json.loads(self._path(text).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if not isinstance(data, dict):
            return None
        expected = {
            "engine": self.identity,
            "source": self.source,
            "target": self.target,
            "text": text,
        }
        if any(data.get(k) != v for k, v in expected.items()):
            return None
        out = data.get("translation")
        return out if isinstance(out, str) else None

    def put(self, text: str, translation: str) -> bool:
        """Store an answer; False if the cache cannot be written (it is optional)."""
        data = {
            "engine": self.identity,
            "source": self.source,
            "target": self.target,
            "text": text,
            "translation": translation,
        }
        blob = json.dumps(data, ensure_ascii=False, indent=0).encode("utf-8")
        try:
            atomic_write(self._path(text), blob)
        except WriteError:
            return False
        return True
