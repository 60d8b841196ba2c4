"""File modes and temporary names of atomic writes."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from l10n.fsutil import TEMP_SUFFIX, _create_temp, atomic_write, atomic_write_many


@pytest.fixture
def umask_022() -> Iterator[None]:
    old = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(old)


def test_new_file_gets_the_default_mode(tmp_path: Path, umask_022: None) -> None:
    target = tmp_path / "new.po"
    atomic_write(target, b"x\n")
    assert stat.S_IMODE(target.stat().st_mode) == 0o644


def test_mode_bits_the_umask_would_remove_are_kept(tmp_path: Path, umask_022: None) -> None:
    paths = [tmp_path / f"f{i}.po" for i in range(3)]
    for path, mode in zip(paths, (0o666, 0o664, 0o600), strict=True):
        path.write_bytes(b"old\n")
        path.chmod(mode)
    atomic_write_many([(p, b"new\n") for p in paths], threads=2)
    assert [stat.S_IMODE(p.stat().st_mode) for p in paths] == [0o666, 0o664, 0o600]
    assert os.umask(0o022) == 0o022  # the umask itself is unchanged


def test_temporary_name_names_the_target_and_the_process(tmp_path: Path) -> None:
    fd, tmp = _create_temp(tmp_path / "x.po", 0o600)
    os.close(fd)
    name = os.path.basename(tmp)
    assert name.endswith(TEMP_SUFFIX) and os.path.dirname(tmp) == str(tmp_path)
    target, pid, token = name[: -len(TEMP_SUFFIX)].rsplit(".", 2)
    assert (target, pid) == (".x.po", str(os.getpid())) and token.isalnum()
