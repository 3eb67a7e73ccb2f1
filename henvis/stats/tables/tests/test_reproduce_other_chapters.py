"""Tabell 1 and the figures of chapters 3.2, 3.3, 4.2 and 8.4, rebuilt from the
transcribed records, equal what seed 001 prints (disclosure control off)."""

from __future__ import annotations

from henvis.stats.disclosure import DisclosureRule
from henvis.stats.registry import load_kom_seed
from henvis.stats.tables import build_release
from henvis.stats.tables.tests import published


def _release():  # type: ignore[no-untyped-def]
    return build_release(load_kom_seed(), 2020, rule=DisclosureRule.off())


def test_tabell_1_cases_under_bvl_4_29() -> None:
    table = _release().find("tabell-1")
    expected = published.tabell_1()
    assert table.row_labels[:-1] == tuple(str(y) for y in expected)
    assert [r[0] for r in table.values[:-1]] == list(expected.values())
    assert table.values[-1][0] == sum(expected.values())


def test_chapter_3_2_udi_decisions_on_reflection_period_and_limited_permit() -> None:
    p = published.chapter_3_2()
    rel = _release()
    t = rel.find("kap-3-2-udi-vedtak")
    refl = "Refleksjonsperiode (utf. § 8-3 første ledd)"
    lim = "Begrenset oppholdstillatelse (utf. § 8-3 annet ledd)"
    assert t.cell("Totalt", "Totalt") == p["total"]
    assert t.cell(refl, "Totalt") == p["refleksjon"]
    assert t.cell(refl, "Innvilget") == p["refleksjon-innvilget"]
    assert t.cell(refl, "Avslått") == p["refleksjon-avslag"]
    assert t.cell(lim, "Totalt") == p["begrenset"]
    assert t.cell(lim, "Innvilget") == p["begrenset-innvilget"]
    reasons = rel.find("kap-3-2-refleksjon-avslagsgrunner")
    assert reasons.cell("Ikke holdepunkter for menneskehandel", "Vedtak") == p["avslag-ikke-holdepunkter"]
    assert reasons.cell("Vilkåret om å være i Norge ikke oppfylt", "Vedtak") == p["avslag-ikke-i-norge"]
    assert reasons.cell("Utenfor formålet med refleksjonsperioden", "Vedtak") == p["avslag-utenfor-formalet"]
    limited = rel.find("kap-3-2-begrenset-opphold")
    assert limited.cell("Førstegangsvedtak", "Innvilget") == p["begrenset-innvilget-forstegang"]
    assert limited.cell("Fornyelse", "Innvilget") == p["begrenset-innvilget-fornyelse"]
    assert limited.cell("Førstegangsvedtak", "Avslått") == p["begrenset-avslag-forstegang"]


def test_chapter_3_3_udi_asylum_decisions() -> None:
    p = published.chapter_3_3()
    t = _release().find("kap-3-3-udi-asylvedtak")
    assert t.cell("Totalt", "Vedtak") == p["total"]
    assert t.cell("Innvilget etter utl. § 28 første ledd a", "Vedtak") == p["utl-28"]
    assert t.cell("Innvilget etter utf. § 8-4 første ledd", "Vedtak") == p["vitne"]
    assert t.cell("Avslått: Dublin-regelverket (utl. § 32 første ledd b)", "Vedtak") == p["dublin"]


def test_chapter_4_2_assisted_returns() -> None:
    p = published.chapter_4_2()
    rel = _release()
    stages = rel.find("kap-4-2-assistert-retur-2020-trinn")
    assert stages.cell("Reist med IOM", "Personer") == p["reist"]
    assert stages.cell("Reise utsatt til neste år", "Personer") == p["utsatt"]
    assert stages.values[-1][0] == p["innvilget"]
    sex = rel.find("kap-4-2-assistert-retur-2020-kjonn")
    assert (sex.cell("Kvinner", "Personer"), sex.cell("Menn", "Personer")) == (p["kvinne"], p["mann"])
    region = rel.find("kap-4-2-assistert-retur-2020-region")
    assert [region.cell(f"{w} land", "Personer") for w in ("Asiatiske", "Europeiske", "Afrikanske")] == [
        p["asia"], p["europa"], p["afrika"]]
    form = rel.find("kap-4-2-assistert-retur-2020-utnyttingsform")
    assert form.values[0][0] == p["seksuell"] and form.values[1][0] == p["arbeid"]
    for t in (sex, region, form):
        assert t.values[-1][0] == p["innvilget"]


def test_chapter_8_4_court_decisions() -> None:
    p = published.chapter_8_4()
    t = _release().find("kap-8-4-rettsavgjorelser")
    assert t.cell("Fellende dom", "Lagmannsrett") == p["fellende-lagmannsrett"]
    assert t.cell("Frifinnelse", "Høyesterett") == p["frifinnelse-hoyesterett"]
    assert t.cell("Frifinnelse", "Lagmannsrett") == p["frifinnelse-lagmannsrett"]
    assert t.cell("Totalt", "Totalt") == sum(p.values())
    assert not t.is_persons
