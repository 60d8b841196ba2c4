"""l10n: translation and localisation workflow for newsrooms.

Data flow: sources -> units (segmentation) -> PO catalogs (catalog, sync)
-> machine translation / review -> checks / status -> built articles.
"""

__version__ = "0.1.0"
