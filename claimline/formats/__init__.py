"""Readers for the input formats other tools produce: web archives (WARC), RSS/Atom feeds, CSV/TSV
exports, URL lists, and pages fetched from the web. Each reader turns its container into
`RawInput`s (or a coded error per bad item) and never stops the run; `stages.ingest` decides which
reader a path gets.
"""
