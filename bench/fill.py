"""Fill every catalog of a benchmark corpus with translations (setup, not timed).

The "translation" of a unit is ``[lang] `` + its source, with the glossary's
names replaced by their target renderings, so that the QA checks (numbers,
punctuation, glossary) see well-formed translations and report real work.

    python fill.py l10n LOCALES LANG...        # l10n's catalogs, through l10n.catalog
    python fill.py ttk POT_DIR PO_DIR LANG...  # the reference PO files, through translate-toolkit
"""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

TERMS = {
    "de": {"Korean People's Army": "Koreanische Volksarmee"},
    "fr": {"Korean People's Army": "Armée populaire de Corée"},
    "es": {"Korean People's Army": "Ejército Popular de Corea"},
}


def translate(text: str, lang: str) -> str:
    for src, tgt in TERMS.get(lang, {}).items():
        text = text.replace(src, tgt)
    return f"[{lang}] {text}"


def fill_l10n(locales: Path, langs: list[str]) -> None:
    from l10n.catalog import Catalog

    for lang in langs:
        for path in sorted((locales / lang).rglob("*.po")):
            cat = Catalog.read(path)
            cat.entries = [
                e if e.obsolete or e.msgstr else replace(e, msgstr=translate(e.msgid, lang))
                for e in cat.entries
            ]
            cat.write()


def fill_ttk(pot_dir: Path, po_dir: Path, langs: list[str]) -> None:
    from translate.storage import po

    for lang in langs:
        for pot in sorted(pot_dir.rglob("*.pot")):
            store = po.pofile.parsefile(str(pot))
            for unit in store.units:
                if not unit.isheader():
                    unit.target = translate(unit.source, lang)
            out = po_dir / lang / pot.relative_to(pot_dir).with_suffix(".po")
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_bytes(bytes(store))


def main() -> None:
    mode, *args = sys.argv[1:]
    if mode == "l10n":
        fill_l10n(Path(args[0]), args[1:])
    elif mode == "ttk":
        fill_ttk(Path(args[0]), Path(args[1]), args[2:])
    else:
        raise SystemExit(f"unknown mode {mode!r}")


if __name__ == "__main__":
    main()
