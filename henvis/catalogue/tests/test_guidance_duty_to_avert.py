"""Seed 004 Del 6 punkt 1, Avvergingsplikt: signs of grov menneskehandel (straffeloven
§ 258: under 18, grov vold eller tvang, betydelig utbytte) give everyone the duty to avert
(§ 196), which overrides confidentiality. Without such signs: consider notifying."""

from __future__ import annotations

import pytest

from henvis.catalogue.tests.conftest import acute_phones, duty_ids


@pytest.mark.parametrize("sign", ["gross_violence_or_coercion", "significant_profit"])
def test_each_sign_of_grov_menneskehandel_triggers_the_duty_for_an_adult(screen, catalogue, sign) -> None:
    g = screen(reporter_kind="private_person", age=40, most_likely=True, **{sign: True})
    assert "duty_to_avert" in duty_ids(g)
    avert = next(d for d in g.duties if d.id == "duty_to_avert")
    assert avert.mandatory and "§ 196" in avert.legal_basis
    assert next(a.text for a in catalogue.law.aggravating if a.id == sign) in avert.reasons
    assert "opphever eventuell taushetsplikt" in avert.text.nb
    assert "02800" in acute_phones(g)


def test_adult_with_indicators_but_no_grov_sign_gets_consider_notifying(screen) -> None:
    g = screen(age=40, indicators=["ct-15", "ct-20"], forms=["prostitution"])
    assert duty_ids(g) == ["consider_notifying_adult"]  # an adult alone: the police only (line 673, 675)
    assert not g.duties[0].mandatory


def test_both_signs_are_listed_as_reasons(screen, catalogue) -> None:
    g = screen(age=40, gross_violence_or_coercion=True, significant_profit=True)
    avert = next(d for d in g.duties if d.id == "duty_to_avert")
    wanted = {a.text for a in catalogue.law.aggravating if a.id != "under_18"}
    assert wanted <= set(avert.reasons)
