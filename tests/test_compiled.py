"""The optional compiled build (``L10N_COMPILE=1 pip install .``, see setup.py).

CI runs the whole suite a second time against that build with
``L10N_EXPECT_COMPILED=1``: then every listed module must really be the
compiled one, or that run would test the Python source twice.
"""

from __future__ import annotations

import ast
import importlib
import importlib.machinery
import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _listed() -> list[str]:
    """``COMPILED`` of setup.py, read without running it."""
    tree = ast.parse((ROOT / "setup.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == "COMPILED" for t in node.targets
        ):
            value = ast.literal_eval(node.value)
            assert isinstance(value, list)
            return [str(v) for v in value]
    raise AssertionError("setup.py has no COMPILED list")


def _module(path: str) -> str:
    return path.removesuffix(".py").replace("/", ".")


def test_every_listed_module_exists() -> None:
    listed = _listed()
    assert listed == sorted(listed), "keep the list sorted"
    for path in listed:
        assert (ROOT / path).is_file(), path


@pytest.mark.skipif(
    os.environ.get("L10N_EXPECT_COMPILED") != "1", reason="only against the compiled build"
)
def test_listed_modules_are_the_compiled_ones() -> None:
    suffixes = tuple(importlib.machinery.EXTENSION_SUFFIXES)
    for path in _listed():
        module = importlib.import_module(_module(path))
        assert module.__file__ is not None and module.__file__.endswith(suffixes), module.__file__


def test_an_editable_compiled_install_is_refused(tmp_path: Path) -> None:
    """It would leave compiled modules beside their source, hiding every later edit."""
    import subprocess
    import sys

    pytest.importorskip("setuptools")  # setup.py needs it (newer venvs come without)
    env = {**os.environ, "L10N_COMPILE": "1"}
    res = subprocess.run(
        [sys.executable, str(ROOT / "setup.py"), "develop"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert res.returncode != 0
    assert "editable install would hide" in res.stderr
    assert not list(tmp_path.iterdir())  # nothing was built
