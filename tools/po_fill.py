"""Fill msgstr entries of a .po file from a JSON/YAML dictionary {msgid: msgstr}.

Used by scripts/i18n after makemessages: `python tools/po_fill.py PO DICT.yaml`.
Multi-line msgids are matched on their joined text. A plural entry (ngettext, blocktranslate
count) is keyed by its singular msgid and given a list, one text per plural form (Bokmål:
[one, other]).

The dictionary is the only source of translations. makemessages (msgmerge) guesses a
translation for a new or changed msgid from a similar old one and marks it ``#, fuzzy``;
such a guess is never published: an entry the dictionary does not cover loses its fuzzy
text (msgstr emptied, so the page shows the English source rather than a wrong Bokmål
sentence) and is listed as still untranslated. Entries absent from the dictionary that are
not fuzzy keep what they have."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import yaml

QUOTED_LINE = re.compile(r'"((?:[^"\\]|\\.)*)"')


def _join(lines: list[str]) -> str:
    parts = [m.group(1) for line in lines if (m := QUOTED_LINE.search(line))]
    return "".join(parts).replace('\\"', '"').replace("\\n", "\n").replace("\\\\", "\\")


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


class Entry:
    """One block of a .po file: its comment lines and its keyword fields, in order."""

    def __init__(self, lines: list[str]) -> None:
        self.comments: list[str] = []
        self.fields: list[tuple[str, list[str]]] = []  # (keyword, its quoted lines)
        for line in lines:
            if line.startswith("#"):
                self.comments.append(line)
            elif line.startswith('"') and self.fields:
                self.fields[-1][1].append(line)
            else:
                keyword, _, rest = line.partition(" ")
                self.fields.append((keyword, [rest]))

    def get(self, keyword: str) -> str | None:
        for key, lines in self.fields:
            if key == keyword:
                return _join(lines)
        return None

    @property
    def fuzzy(self) -> bool:
        return any(c.startswith("#,") and "fuzzy" in c for c in self.comments)

    def msgstrs(self) -> list[str]:
        return [_join(lines) for key, lines in self.fields if key.startswith("msgstr")]

    def set_msgstrs(self, texts: list[str]) -> None:
        """Replace the msgstr (or msgstr[i]) fields, keeping the msgid ones."""
        kept = [(k, v) for k, v in self.fields if not k.startswith("msgstr")]
        if self.get("msgid_plural") is None:
            kept.append(("msgstr", [_quote(texts[0])]))
        else:
            kept += [(f"msgstr[{i}]", [_quote(t)]) for i, t in enumerate(texts)]
        self.fields = kept

    def unfuzzy(self) -> None:
        """Drop the fuzzy flag and msgmerge's note of the old msgid (``#|`` lines)."""
        comments = []
        for c in self.comments:
            if c.startswith("#|"):
                continue
            if c.startswith("#,"):
                flags = [f.strip() for f in c[2:].split(",") if f.strip() and f.strip() != "fuzzy"]
                if not flags:
                    continue
                c = "#, " + ", ".join(flags)
            comments.append(c)
        self.comments = comments

    def render(self) -> str:
        out = list(self.comments)
        for key, lines in self.fields:
            out.append(f"{key} {lines[0]}")
            out += lines[1:]
        return "\n".join(out)


def _blocks(text: str) -> list[list[str]]:
    return [block.split("\n") for block in re.split(r"\n\s*\n", text.strip("\n")) if block.strip()]


def fill(po_path: Path, mapping: dict[str, str | list[str]]) -> tuple[int, list[str]]:
    """Fill from ``mapping``; never leave a fuzzy guess published. Returns (filled, missing)."""
    entries = [Entry(lines) for lines in _blocks(po_path.read_text(encoding="utf-8"))]
    filled = 0
    missing: list[str] = []
    for entry in entries:
        msgid = entry.get("msgid")
        if not msgid:  # the header (or an obsolete "#~" block)
            entry.unfuzzy()
            continue
        plural = entry.get("msgid_plural") is not None
        found = mapping.get(msgid)
        if plural and isinstance(found, list) and found:
            entry.set_msgstrs([str(f) for f in found])
            entry.unfuzzy()
            filled += 1
        elif not plural and isinstance(found, str):
            entry.set_msgstrs([found])
            entry.unfuzzy()
            filled += 1
        else:
            if entry.fuzzy:  # msgmerge's guess from another msgid: not a translation
                entry.set_msgstrs([""] * max(1, len(entry.msgstrs())))
                entry.unfuzzy()
            if not all(entry.msgstrs()):
                missing.append(msgid)
    po_path.write_text("\n\n".join(e.render() for e in entries) + "\n", encoding="utf-8")
    return filled, missing


if __name__ == "__main__":
    po, dictionary = Path(sys.argv[1]), Path(sys.argv[2])
    n, missing = fill(po, yaml.safe_load(dictionary.read_text(encoding="utf-8")))
    print(f"filled {n}; still untranslated: {len(missing)}")
    for m in missing:
        print("  -", m)
