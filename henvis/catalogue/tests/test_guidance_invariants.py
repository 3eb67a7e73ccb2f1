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
    reason_to_believe=st.booleans(),
    most_likely=st.booleans(),
    wants_police=st.booleans(),
    wants_to_go_home=st.booleans(),
)


@settings(max_examples=300, deadline=None)
@given(screenings)
def test_duties_follow_the_guide(s: ScreeningInput) -> None:
    g = guide(s, C)
    duties = {d.id: d for d in g.duties}
    child = s.age_in_doubt or "be-m01" in s.indicators or (s.age is not None and s.age < 18)
    grov = child or s.gross_violence_or_coercion or s.significant_profit
    believes = s.reason_to_believe or s.most_likely
    assert g.treated_as_child == child
    # Line 694: the duty to avert is shown with signs of grov menneskehandel, and is
    # mandatory only when the worker believes it most likely.
    assert ("duty_to_avert" in duties) == (g.grounds and grov)
    if "duty_to_avert" in duties:
        assert duties["duty_to_avert"].mandatory == s.most_likely
        assert duties["duty_to_avert"].threshold is not None
    # Line 714: the duty to notify is mandatory only with "reason to believe"; child welfare
    # is never told to notify itself.
    if s.reporter_kind in PUBLIC_KINDS and s.reporter_kind != "child_welfare":
        assert ("duty_to_notify_child_welfare" in duties) == (g.grounds and child)
        if "duty_to_notify_child_welfare" in duties:
            assert duties["duty_to_notify_child_welfare"].mandatory == believes
    if s.reporter_kind in {"private_person", "child_welfare"}:
        assert "duty_to_notify_child_welfare" not in duties
    assert all(not d.mandatory or believes for d in g.duties)
    own = set(C.reporter_kind(s.reporter_kind).own_services)
    contacts = [c.service.id for c in (*g.acute_contacts, *g.referrals)]
    assert not own & set(contacts), "a role is sent to itself"
    assert len(contacts) == len(set(contacts))
    acute = {c.service.id for c in g.acute_contacts}
    assert ("police-emergency" in acute) == (s.danger_now and s.reporter_kind != "police")
    # "Call now" for the police only with a duty in force or the person's wish (issue 20 item 2).
    avert_met = "duty_to_avert" in duties and duties["duty_to_avert"].mandatory
    assert ("police" in acute) == ((avert_met or s.wants_police) and s.reporter_kind != "police")
    if child and g.grounds and believes and s.reporter_kind != "child_welfare":
        assert "alarmtelefonen" in acute
    services = set(contacts)
    if not child and s.needs_safe_place:
        assert "rosa" in services
    if child:
        assert not {"rosa", "safe-house-filemon", "marita-women", "iom"} & services
    if s.sex == "female":
        assert "safe-house-filemon" not in services
    assert "kom" not in services  # KOM does not handle individual cases (line 41)
    # Every indicator given is shown, in exactly one category, and nothing else is.
    shown = [i.id for f in g.findings for i in f.indicators]
    assert sorted(shown) == sorted(s.indicators)
