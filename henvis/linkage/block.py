"""Blocking: which pairs of encoded records are compared at all.

No rule compares all pairs. Each rule is an equi-join on keyed values, so the work
grows with the size of the blocks, not with the square of the input:

* keyed min-hashes of the given and family name bigrams (one rule per min-hash, both
  names must share it; a record with a typo in one name still shares most min-hashes),
* the same with given and family swapped,
* an exact birth date,
* one min-hash of one name together with the birth year,
* exact identity numbers.
"""

from __future__ import annotations

from henvis.linkage.schema import EncodingParams


def prediction_rules(params: EncodingParams, present: set[str]) -> list[str]:
    rules = [
        f"l.mhg{i} = r.mhg{i} AND l.mhf{i} = r.mhf{i}" for i in range(1, params.minhashes + 1)
    ]
    rules += [
        "l.mhg1 = r.mhf1 AND l.mhf1 = r.mhg1",
        "l.dy = r.dy AND l.dm = r.dm AND l.dd = r.dd",
        "l.mhf2 = r.mhf2 AND l.dy = r.dy",
        "l.mhg2 = r.mhg2 AND l.dy = r.dy",
    ]
    rules += [f"l.{col} = r.{col}" for col in ("nid", "duf") if col in present]
    return rules


# EM needs blocks where many but not all pairs match, and at least two comparisons left
# free in each. Naming a filter count in a rule makes Splink leave that comparison out
# of the session (pairs picked for sharing a name's min-hashes say nothing fair about
# that name), and asks for the name to be present.
DATE_TRAINING_RULE = "l.dy = r.dy AND l.dm = r.dm AND l.dd = r.dd"
NAMES_TRAINING_RULE = "l.mhg1 = r.mhg1 AND l.mhf1 = r.mhf1 AND l.mhg2 = r.mhg2 AND l.mhf2 = r.mhf2"
FAMILY_TRAINING_RULE = (
    "l.mhf1 = r.mhf1 AND l.mhf2 = r.mhf2 AND l.mhf3 = r.mhf3 AND l.fc > 0 AND r.fc > 0"
)
GIVEN_TRAINING_RULE = (
    "l.mhg1 = r.mhg1 AND l.mhg2 = r.mhg2 AND l.mhg3 = r.mhg3 AND l.gc > 0 AND r.gc > 0"
)
