"""Word-level differences between two versions of a text, as expectations and conversation
summaries show them to the person asked to acknowledge or confirm the new version."""

import difflib
import re

TOKEN = re.compile(r"\s+|\w+|[^\w\s]")  # words, spaces and single punctuation marks


def word_diff(old: str, new: str) -> list[tuple[str, str]]:
    """A readable word-level diff: a list of (kind, text) with kind equal, delete or insert."""
    tokens_old, tokens_new = TOKEN.findall(old), TOKEN.findall(new)
    segments = []
    matcher = difflib.SequenceMatcher(None, tokens_old, tokens_new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            segments.append(("equal", "".join(tokens_old[i1:i2])))
            continue
        if tag in ("delete", "replace"):
            segments.append(("delete", "".join(tokens_old[i1:i2])))
        if tag in ("insert", "replace"):
            segments.append(("insert", "".join(tokens_new[j1:j2])))
    return segments
