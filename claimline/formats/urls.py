"""Lists of URLs: a text file (or standard input) whose lines, other than blank ones and `#`
comments, are all http(s) URLs; and a URL given where a path is expected. claimline fetches
nothing unless told to (`--fetch`): without it each URL is E019."""
from __future__ import annotations

import re

_URL = re.compile(r"https?://[^\s/?#]+[^\s]*", re.IGNORECASE)


def is_url(text: str) -> bool:
    return _URL.fullmatch(text.strip()) is not None


def parse_url_list(text: str) -> list[tuple[int, str]] | None:
    """[(line number, URL)] when every non-blank, non-comment line is one URL; else None."""
    first = next((line.strip() for line in text[:4096].splitlines()
                  if line.strip() and not line.strip().startswith("#")), "")
    if not first.lower().startswith(("http://", "https://")):
        return None  # a page, not a list (decided without splitting a large page into lines)
    found: list[tuple[int, str]] = []
    for number, line in enumerate(text.splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if not is_url(line):
            return None
        found.append((number, line))
    return found or None
