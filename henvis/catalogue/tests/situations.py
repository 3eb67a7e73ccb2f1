"""The eight situations of issue 20, as screening answers (``ScreeningInput.to_dict`` form),
shared by the tests of the pure rules, the API and the page. Each names the lines of seed
004 (``sources/004_149b71bd822522b7.txt``) the expected guidance follows."""

from __future__ import annotations

from typing import Any

SITUATIONS: dict[str, dict[str, Any]] = {
    # A 16-year-old girl in prostitution, one indicator, no judgement given (lines 353, 694, 714).
    "girl_16_in_prostitution": {
        "age": 16, "sex": "female", "forms": ["prostitution"], "arenas": ["prostitution"], "indicators": ["pr-03"],
    },
    # An unaccompanied minor whose age is in doubt, selling drugs (lines 428, 716, 924).
    "unaccompanied_minor_age_in_doubt_selling_drugs": {
        "age": 19, "age_in_doubt": True, "sex": "male", "forms": ["forced_labour"], "arenas": ["drugs"],
        "indicators": ["pl-m01", "be-m03"], "reason_to_believe": True,
    },
    # A man in forced labour on a building site (lines 1036, 1003-1013).
    "man_in_forced_labour_on_a_building_site": {
        "age": 34, "sex": "male", "forms": ["forced_labour"], "arenas": ["construction"],
        "indicators": ["fl-02", "ct-15"], "reason_to_believe": True,
    },
    # A woman in prostitution, no acute danger, does not want the police (lines 644, 673, 686).
    "woman_in_prostitution_who_does_not_want_the_police": {
        "age": 28, "sex": "female", "forms": ["prostitution"], "arenas": ["prostitution"],
        "indicators": ["pr-04", "ct-20"], "reason_to_believe": True,
    },
    # An adult in acute danger, without the "gross violence" box (lines 696, 742).
    "adult_in_acute_danger": {
        "age": 40, "sex": "female", "danger_now": True, "indicators": ["ct-16"],
    },
    # An au pair (lines 335, 1048).
    "au_pair": {
        "age": 24, "sex": "female", "arenas": ["au_pair"], "forms": ["forced_labour"], "indicators": ["ct-08"],
    },
    # A person who wants to go home (lines 653, 942; for a child 944).
    "adult_who_wants_to_go_home": {
        "age": 31, "sex": "female", "indicators": ["ct-20"], "wants_to_go_home": True, "abroad": True,
    },
    "child_who_wants_to_go_home": {
        "age": 15, "sex": "male", "indicators": ["pl-m01"], "wants_to_go_home": True, "abroad": True,
    },
    # Organ removal (line 182).
    "organ_removal": {
        "age": 45, "sex": "male", "forms": ["organ_removal"], "indicators": ["bg-04"],
    },
}
