"""Fill msgstr entries of a .po file from a JSON/YAML dictionary {msgid: msgstr}.

Used by developers when adding strings: `python tools/po_fill.py PO DICT.yaml`.
Multi-line msgids are matched on their joined text. Entries absent from the dictionary
keep what they have. A plural entry (ngettext, blocktranslate count) is keyed by its
singular msgid and given a list, one text per plural form (Bokmål: [one, other])."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import yaml

ENTRY = re.compile(r'(msgid ((?:"(?:[^"\\]|\\.)*"\n)+))(msgstr ((?:"(?:[^"\\]|\\.)*"\n)+))', re.M)
QUOTED = r'((?:"(?:[^"\\]|\\.)*"\n)+)'
PLURAL = re.compile(rf'(msgid {QUOTED}msgid_plural {QUOTED})((?:msgstr\[\d+\] {QUOTED})+)', re.M)


def _join(block: str) -> str:
    parts = re.findall(r'"((?:[^"\\]|\\.)*)"', block)
    return "".join(parts).replace('\\"', '"').replace("\\n", "\n").replace("\\\\", "\\")


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"\n'


def fill(po_path: Path, mapping: dict[str, str | list[str]]) -> tuple[int, list[str]]:
    text = po_path.read_text(encoding="utf-8")
    filled = 0
    missing: list[str] = []

    def repl(m: re.Match[str]) -> str:
        nonlocal filled
        msgid = _join(m.group(2))
        current = _join(m.group(4))
        if not msgid:
            return m.group(0)
        # The YAML dictionary is the source of truth; it overrides stale or fuzzy matches.
        found = mapping.get(msgid)
        if isinstance(found, str):
            filled += 1
            return m.group(1) + "msgstr " + _quote(found)
        if not current:
            missing.append(msgid)
        return m.group(0)

    def plural(m: re.Match[str]) -> str:
        nonlocal filled
        msgid = _join(m.group(2))
        forms = mapping.get(msgid)
        if isinstance(forms, list) and forms:
            filled += 1
            return m.group(1) + "".join(f"msgstr[{i}] " + _quote(str(f)) for i, f in enumerate(forms))
        if not all(_join(b) for b in re.findall(r"msgstr\[\d+\] " + QUOTED, m.group(4))):
            missing.append(msgid)
        return m.group(0)

    text = PLURAL.sub(plural, text)
    text = ENTRY.sub(repl, text)
    # Every msgstr now comes from the dictionary or was there before: none is a guess.
    text = re.sub(r"^#\| .*\n", "", text, flags=re.M)
    text = text.replace("#, fuzzy\n", "").replace("#, fuzzy, ", "#, ")
    po_path.write_text(text, encoding="utf-8")
    return filled, missing


if __name__ == "__main__":
    po, dictionary = Path(sys.argv[1]), Path(sys.argv[2])
    n, missing = fill(po, yaml.safe_load(dictionary.read_text(encoding="utf-8")))
    print(f"filled {n}; still untranslated: {len(missing)}")
    for m in missing:
        print("  -", m)
