"""Fill msgstr entries of a .po file from a JSON/YAML dictionary {msgid: msgstr}.

Used by developers when adding strings: `python tools/po_fill.py PO DICT.yaml`.
Multi-line msgids are matched on their joined text. Entries absent from the dictionary
keep what they have. A plural entry (``ngettext``, ``blocktranslate count``) is keyed by
its singular msgid and takes a list of forms, ``msgstr[0]``, ``msgstr[1]``, ..."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import yaml

STRINGS = r'(?:"(?:[^"\\]|\\.)*"\n)+'
ENTRY = re.compile(rf"(msgid ({STRINGS}))(msgstr ({STRINGS}))", re.M)
PLURAL = re.compile(rf"(msgid ({STRINGS})msgid_plural {STRINGS})((?:msgstr\[\d+\] {STRINGS})+)", re.M)


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
        if msgid in mapping:
            filled += 1
            return m.group(1) + "msgstr " + _quote(str(mapping[msgid]))
        if not current:
            missing.append(msgid)
        return m.group(0)

    def repl_plural(m: re.Match[str]) -> str:
        nonlocal filled
        msgid = _join(m.group(2))
        forms = mapping.get(msgid)
        if isinstance(forms, list):
            filled += 1
            return m.group(1) + "".join(f"msgstr[{i}] " + _quote(form) for i, form in enumerate(forms))
        if not any(_join(block) for block in re.findall(rf"msgstr\[\d+\] ({STRINGS})", m.group(3))):
            missing.append(msgid)
        return m.group(0)

    text = ENTRY.sub(repl, text)
    text = PLURAL.sub(repl_plural, text)
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
