"""Machine translation and translation memory for ``l10n translate``.

Light imports here (``status`` uses them without loading any HTTP client):

* :func:`count_machine_filled`, :func:`provenance`, :class:`FillCounts`:
  how many units of a catalog came from MT or memory.

The rest lives in submodules:

* :mod:`l10n.machine.run`: :func:`~l10n.machine.run.translate_project`
  with :class:`~l10n.machine.plan.TranslateOptions` -> ``TranslateReport``;
* :mod:`l10n.machine.providers`: ``PROVIDERS``, ``provider_spec``,
  ``supported_targets`` (which provider supports which language); the only
  module that imports deep-translator;
* :mod:`l10n.machine.transport`: ``RetryPolicy`` and the bounded runner;
* :mod:`l10n.machine.memory`, :mod:`~l10n.machine.protect`,
  :mod:`~l10n.machine.terms`, :mod:`~l10n.machine.cache`,
  :mod:`~l10n.machine.chunking`.
"""

from __future__ import annotations

from l10n.machine.provenance import FillCounts, Provenance, count_machine_filled, provenance

__all__ = ["FillCounts", "Provenance", "count_machine_filled", "provenance"]
