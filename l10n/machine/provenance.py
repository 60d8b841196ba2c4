"""Where a translation came from, read back from the PO records (for ``status``)."""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass

from l10n.catalog.entry import Entry
from l10n.records import MachineRecord, MemoryRecord, parse_records


class Provenance(enum.Enum):
    MACHINE = "machine"
    MEMORY = "memory"


def provenance(entry: Entry) -> Provenance | None:
    """MACHINE or MEMORY from the last ``l10n-mt``/``l10n-tm`` record; None: human."""
    found: Provenance | None = None
    for record in parse_records(entry.translator_comments):
        if isinstance(record, MachineRecord):
            found = Provenance.MACHINE
        elif isinstance(record, MemoryRecord):
            found = Provenance.MEMORY
    return found


@dataclass(frozen=True)
class FillCounts:
    """Units of a catalog filled by MT or TM; ``*_fuzzy``: not yet accepted by a human."""

    machine: int = 0
    machine_fuzzy: int = 0
    memory: int = 0
    memory_fuzzy: int = 0

    def __add__(self, other: FillCounts) -> FillCounts:
        return FillCounts(
            self.machine + other.machine,
            self.machine_fuzzy + other.machine_fuzzy,
            self.memory + other.memory,
            self.memory_fuzzy + other.memory_fuzzy,
        )


def count_machine_filled(entries: Iterable[Entry]) -> FillCounts:
    """Count active, non-empty entries carrying machine or memory provenance."""
    machine = machine_fuzzy = memory = memory_fuzzy = 0
    for e in entries:
        if e.obsolete or e.is_empty:
            continue
        origin = provenance(e)
        if origin is Provenance.MACHINE:
            machine += 1
            machine_fuzzy += e.fuzzy
        elif origin is Provenance.MEMORY:
            memory += 1
            memory_fuzzy += e.fuzzy
    return FillCounts(machine, machine_fuzzy, memory, memory_fuzzy)
