"""Properties that hold for every screening (hypothesis), whatever the combination."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from henvis.catalogue import ScreeningInput, guide, load_catalogue

C = load_catalogue()
PUBLIC_KINDS = [k.id for k in C.reporter_kinds if k.public == "yes"]

screenings = st.builds(
    ScreeningInput,
    reporter_kind=st.sampled_from([k.id for k in C.reporter_kinds]),
    public_tasks=st.booleans(),
    age=st.integers(0, 90),
    age_in_doubt=st.booleans(),
    sex=st.sampled_from([s.id for s in C.sexes]),
    danger_now=st.booleans(),
    needs_safe_place=st.booleans(),
    accompanying_children=st.booleans(),
    indicators=st.lists(st.sampled_from([i.id for i in C.indicators]), unique=True, max_size=6).map(tuple),
    forms=st.lists(st.sampled_from([f.id for f in C.forms]), unique=True).map(tuple),
    abroad=st.booleans(),
    gross_violence_or_coercion=st.booleans(),
    significant_profit=st.booleans(),
)


@settings(max_examples=200, deadline=None)
@given(screenings)
def test_duties_follow_the_guide(s: ScreeningInput) -> None:
    g = guide(s, C)
    duties = {d.id for d in g.duties}
    child = s.age_in_doubt or (s.age is not None and s.age < 18)
    grov = child or s.gross_violence_or_coercion or s.significant_profit
    assert g.treated_as_child == child
    assert ("duty_to_avert" in duties) == (g.grounds and grov)
    if s.reporter_kind in PUBLIC_KINDS:
        assert ("duty_to_notify_child_welfare" in duties) == (g.grounds and child)
    if s.reporter_kind == "private_person":
        assert "duty_to_notify_child_welfare" not in duties
    phones = {c.service.phone for c in g.acute_contacts}
    assert ("112" in phones) == s.danger_now
    if child and g.grounds:
        assert "116 111" in phones
    services = {c.service.id for c in (*g.acute_contacts, *g.referrals)}
    if not child and s.needs_safe_place:
        assert "rosa" in services
    if child:
        assert not {"rosa", "safe-house-filemon", "marita-women"} & services
    if s.sex == "female":
        assert "safe-house-filemon" not in services
    # Every indicator given is shown, in exactly one category, and nothing else is.
    shown = [i.id for f in g.findings for i in f.indicators]
    assert sorted(shown) == sorted(s.indicators)
