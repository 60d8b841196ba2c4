"""Optional compiled build of l10n's hot modules (the metadata is in pyproject.toml).

``L10N_COMPILE=1 pip install .`` compiles the modules listed in ``COMPILED`` with
mypyc (from mypy, fetched for the build) into C extensions: the same code, type
annotations enforced at run time, and a large check 11-18 % faster (about 10 %
fewer instructions). It needs a C compiler and the Python headers. Any
other install is pure Python, and an editable install should stay so: Python
loads a compiled module in preference to its source, so edits would not show.
"""

from __future__ import annotations

import os
import sys
from typing import Any

from setuptools import setup

# The per-unit work of check, sync, status and build: PO parsing, the text
# checks, number reading, glossary scanning and segmentation. Each compiles as
# is; a module whose classes have their instance dictionary filled directly
# (catalog/entry.py, checks/context.py, glossary/source_match.py) stays Python.
COMPILED = [
    "l10n/catalog/decode.py",
    "l10n/catalog/fastscan.py",
    "l10n/checks/engine.py",
    "l10n/checks/glossary.py",
    "l10n/checks/markup.py",
    "l10n/checks/numbers.py",
    "l10n/checks/numkit.py",
    "l10n/checks/nummonths.py",
    "l10n/checks/numparse.py",
    "l10n/checks/quotes.py",
    "l10n/checks/states.py",
    "l10n/checks/termscan.py",
    "l10n/checks/text.py",
    "l10n/segmentation/layers.py",
    "l10n/segmentation/library.py",
    "l10n/segmentation/plaintext.py",
    "l10n/segmentation/sentences.py",
]

MYPY = "mypy>=2.4.1"


def _compiled() -> dict[str, Any]:
    if os.environ.get("L10N_COMPILE") != "1":
        return {}
    if {"editable_wheel", "develop"} & set(sys.argv):
        raise SystemExit(
            "l10n: L10N_COMPILE=1 with an editable install would hide every later edit of the"
            " compiled modules; install with 'pip install .' or leave L10N_COMPILE unset"
        )
    try:
        from mypyc.build import mypycify
    except ImportError:
        # The first pass of a build, which only asks for the build requirements.
        return {"setup_requires": [MYPY]}
    print(f"l10n: compiling {len(COMPILED)} modules with mypyc", file=sys.stderr)
    # The build environment has mypy but not l10n's dependencies: their types are
    # unknown (Any) there. The code was checked strictly against them (mypy in CI).
    lenient = [
        "--ignore-missing-imports",
        "--allow-subclassing-any",
        "--no-warn-return-any",
        "--no-warn-unused-ignores",
    ]
    modules = mypycify([*lenient, *COMPILED], opt_level="3")
    return {"setup_requires": [MYPY], "ext_modules": modules}


setup(**_compiled())
