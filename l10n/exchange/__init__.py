"""Exchange with other tools: XLIFF 2.0 (:mod:`.xliff`), TMX 1.4b (:mod:`.tmx`), MO (:mod:`.mo`)."""
