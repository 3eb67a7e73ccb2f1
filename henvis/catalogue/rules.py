"""The guidance rules of seed 004 (KOM's identification guide), one pure function each.

Every rule is registered with the section of the guide it implements; ``guide`` runs them
all and merges their advice. The rule table in docs/catalogue.md lists them.

>>> from henvis.catalogue import load_catalogue
>>> from henvis.catalogue.screening import ScreeningInput
>>> c = load_catalogue()
>>> g = guide(ScreeningInput(reporter_kind="school", age=15, indicators=("bg-m02",)), c)
>>> [d.id for d in g.duties]
['duty_to_notify_child_welfare', 'duty_to_avert']
>>> "116 111" in [x.service.phone for x in g.acute_contacts]
True
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from henvis.catalogue.guidance import Advice, CategoryFinding, Contact, Duty, Guidance, RuleRef
from henvis.catalogue.model import Catalogue, Service, Text
from henvis.catalogue.screening import ScreeningInput

# Services the guide lists in Del 6 punkt 4 (and Del 7, "Bo- og oppfølgingstilbud for voksne
# antatte ofre") as housing and follow-up for adults, in the guide's order.
ADULT_FOLLOW_UP = (
    "nadheim", "lauras-hus", "safe-house-filemon", "migrasjonssenteret", "marita-women",
    "caritas", "pro-sentret", "shalam", "rode-kors", "pion",
)
# Del 8: public services for foreign workers and labour exploitation.
LABOUR_SERVICES = ("arbeidstilsynet", "sua")
# Del 6 "Merk" + Del 8: where to point someone who may need other help.
GENERAL_SERVICES = ("nav", "stottesenter", "legevakt", "dinutvei", "rosa", "kom", "utnyttelse-no")
# Del 7 "Fritak fra straff": offences where the person may be a victim forced to commit them.
CRIME_ARENAS = ("drugs", "acquisitive_crime", "benefit_fraud")
CRIME_INDICATORS = ("ct-14", "ct-23", "be-m03", "bg-m03")


@dataclass(frozen=True)
class Facts:
    """What the rules derive from the input once, so that every rule reads the same."""

    screening: ScreeningInput
    treated_as_child: bool
    child_basis: str | None
    public_duty: bool
    grounds: bool
    grov_signs: tuple[str, ...]  # ids of § 258 circumstances present (under_18, ...)


RuleFunction = Callable[[Facts, Catalogue], Advice]


@dataclass(frozen=True)
class Rule:
    id: str
    name: Text  # what the page calls the rule, in Bokmål and English
    section: str
    summary: str
    apply: RuleFunction


RULES: list[Rule] = []


def rule(rule_id: str, name: Text, section: str, summary: str) -> Callable[[RuleFunction], RuleFunction]:
    def register(function: RuleFunction) -> RuleFunction:
        RULES.append(Rule(rule_id, name, section, summary, function))
        return function

    return register


def derive_facts(screening: ScreeningInput, catalogue: Catalogue) -> Facts:
    kind = catalogue.reporter_kind(screening.reporter_kind)
    treated_as_child = screening.is_minor_or_in_doubt
    if screening.age is not None and screening.age < 18:
        child_basis: str | None = "under_18"
    elif treated_as_child:
        child_basis = "age_in_doubt"
    else:
        child_basis = None
    grov = tuple(
        sign for sign, present in (
            ("under_18", treated_as_child),
            ("gross_violence_or_coercion", screening.gross_violence_or_coercion),
            ("significant_profit", screening.significant_profit),
        ) if present
    )
    grounds = bool(
        screening.indicators or screening.forms
        or screening.gross_violence_or_coercion or screening.significant_profit
    )
    return Facts(
        screening=screening, treated_as_child=treated_as_child, child_basis=child_basis,
        public_duty=kind.public == "yes" or (kind.public == "ask" and screening.public_tasks),
        grounds=grounds, grov_signs=grov,
    )


def _t(catalogue: Catalogue, key: str) -> Text:
    return catalogue.texts[key].text


def _contact(catalogue: Catalogue, service_id: str, reason_key: str) -> Contact:
    return Contact(catalogue.service(service_id), _t(catalogue, reason_key))


def _duty(catalogue: Catalogue, key: str, reasons: tuple[Text, ...], *, mandatory: bool) -> Duty:
    item = catalogue.texts[key]
    assert item.title is not None, f"guidance.yaml {key} needs title_nb/title_en"
    return Duty(key, item.title, item.legal_basis, item.text, reasons, mandatory)


# --- Del 4 / Del 5: the assessment ------------------------------------------------------


@rule("assessment", Text("Samlet vurdering av indikatorene", "Overall assessment of the indicators"),
      "Del 4 (Indikatorer … for voksne og mindreårige); Del 5 (Observasjoner)",
      "Show the categories and indicators present; they must be seen together, never as a score.")
def assessment(facts: Facts, catalogue: Catalogue) -> Advice:
    return Advice(overall=(_t(catalogue, "overall_assessment"), _t(catalogue, "conversation_needed")))


@rule("no_grounds", Text("Ingen tegn oppgitt: annen hjelp", "No signs given: other help"),
      "Del 6 (Merk)",
      "No indicator, form or sign given: the person may still need other help; point to general services.")
def no_grounds(facts: Facts, catalogue: Catalogue) -> Advice:
    if facts.grounds:
        return Advice()
    return Advice(
        next_steps=(_t(catalogue, "no_grounds"),),
        referrals=tuple(
            _contact(catalogue, s, "reason_general") for s in GENERAL_SERVICES
            if serves(catalogue.service(s), facts)  # no adult-only services for a child
        ),
    )


# --- Del 6 punkt 1: duties ---------------------------------------------------------------


@rule("treat_as_child", Text("Behandles som barn", "Treated as a child"),
      "Del 6 punkt 1 (Meldeplikt til barnevernet) og punkt 3; Del 2 (samtykke)",
      "Under 18 or age in doubt: treat as a child until the age is established; consent is irrelevant.")
def treat_as_child(facts: Facts, catalogue: Catalogue) -> Advice:
    if not facts.treated_as_child:
        return Advice()
    return Advice(notes=(_t(catalogue, "treat_as_child"), _t(catalogue, "consent_minor")))


@rule("duty_to_notify_child_welfare", Text("Meldeplikt til barnevernet", "Duty to notify child welfare"),
      "Del 6 punkt 1 (Meldeplikt til barnevernet, barnevernsloven § 13-2 bokstav e)",
      "Public employees and those doing public tasks must notify child welfare when a child may be exploited.")
def duty_to_notify_child_welfare(facts: Facts, catalogue: Catalogue) -> Advice:
    if not (facts.treated_as_child and facts.grounds):
        return Advice()
    if facts.public_duty:
        reasons = [_t(catalogue, "reason_child")]
        if facts.child_basis == "age_in_doubt":
            reasons.append(_t(catalogue, "treat_as_child"))
        return Advice(
            duties=(_duty(catalogue, "duty_to_notify_child_welfare", tuple(reasons), mandatory=True),),
            notes=(_t(catalogue, "do_not_inform_companions"),),
        )
    # Private persons and organisations without public tasks: no duty, but they may report.
    return Advice(
        duties=(_duty(catalogue, "may_notify_private", (_t(catalogue, "reason_child"),), mandatory=False),),
        notes=(_t(catalogue, "do_not_inform_companions"),),
    )


@rule("duty_to_avert", Text("Avvergingsplikt", "Duty to avert"),
      "Del 6 punkt 1 (Avvergingsplikt, straffeloven § 196 jf. § 258)",
      "Signs of grov menneskehandel (under 18, grov vold/tvang, betydelig utbytte): duty to avert, overrides confidentiality.")
def duty_to_avert(facts: Facts, catalogue: Catalogue) -> Advice:
    if not (facts.grounds and facts.grov_signs):
        return Advice()
    by_id = {a.id: a.text for a in catalogue.law.aggravating}
    reasons = [by_id[sign] for sign in facts.grov_signs]
    if facts.child_basis == "age_in_doubt":
        reasons.append(_t(catalogue, "treat_as_child"))
    reasons.append(_t(catalogue, "duty_to_avert_trigger"))
    return Advice(
        duties=(_duty(catalogue, "duty_to_avert", tuple(reasons), mandatory=True),),
        acute_contacts=(_contact(catalogue, "police", "reason_police_non_acute"),),
    )


@rule("consider_notifying", Text("Vurder å varsle politi og barnevern", "Consider notifying the police and child welfare"),
      "Del 6 punkt 1 (Vurder om det er plikt eller rett til å varsle; Om taushetsplikt og samarbeid)",
      "Grounds but no sign of grov menneskehandel: consider notifying police and child welfare; keep confidentiality.")
def consider_notifying(facts: Facts, catalogue: Catalogue) -> Advice:
    if not facts.grounds or facts.grov_signs:
        return Advice()
    return Advice(
        duties=(_duty(catalogue, "consider_notifying", (), mandatory=False),),
        notes=(_t(catalogue, "consent_adult"),),
        acute_contacts=(_contact(catalogue, "police", "reason_police_non_acute"),),
    )


# --- Del 6 punkt 2: acute help -------------------------------------------------------------


@rule("acute_help", Text("Akutt hjelp", "Acute help"),
      "Del 6 punkt 2 (Vurder om personen har behov for akutt hjelp)",
      "Acute danger 112; life-threatening illness 113; urgent health help 116 117.")
def acute_help(facts: Facts, catalogue: Catalogue) -> Advice:
    s = facts.screening
    contacts = []
    if s.danger_now:
        contacts.append(_contact(catalogue, "police-emergency", "reason_danger"))
    if s.life_threatening:
        contacts.append(_contact(catalogue, "medical-emergency", "reason_life"))
    if s.urgent_health:
        contacts.append(_contact(catalogue, "legevakt", "reason_health"))
    return Advice(acute_contacts=tuple(contacts))


@rule("adult_safe_place", Text("Trygt sted å bo for voksne", "A safe place to stay for adults"),
      "Del 6 punkt 2 (voksne som trenger et trygt sted å bo) og punkt 4",
      "Adult needing safety or a place to stay: ROSA 22 33 11 60, open day and night.")
def adult_safe_place(facts: Facts, catalogue: Catalogue) -> Advice:
    if facts.treated_as_child or not facts.screening.needs_safe_place:
        return Advice()
    return Advice(
        acute_contacts=(_contact(catalogue, "rosa", "reason_adult_safe_place"),),
        next_steps=(_t(catalogue, "safe_place_adult"),),
    )


# --- Del 6 punkt 3: minors ------------------------------------------------------------------


@rule("protect_child", Text("Sørg for at barnet blir ivaretatt", "Make sure the child is cared for"),
      "Del 6 punkt 2 og 3 (Sørg for at antatte mindreårige kan bli ivaretatt); Del 5 (Samtale)",
      "Do not leave the child; barnevernvakt, 116 111; Bufdir's guidance function 466 15 000.")
def protect_child(facts: Facts, catalogue: Catalogue) -> Advice:
    if not facts.treated_as_child:
        return Advice()
    contacts = (
        _contact(catalogue, "barnevernvakt", "reason_child"),
        _contact(catalogue, "alarmtelefonen", "reason_child"),
    )
    steps = (_t(catalogue, "do_not_leave_child"), _t(catalogue, "child_welfare_and_police")) if facts.grounds else ()
    return Advice(
        acute_contacts=contacts if facts.grounds else (),
        referrals=(_contact(catalogue, "bufdir-veiledning", "reason_bufdir"),) + (() if facts.grounds else contacts),
        next_steps=steps,
        conversation=(_t(catalogue, "contact_child_before_conversation"),),
    )


@rule("accompanying_children", Text("Medfølgende barn", "Accompanying children"),
      "Del 6 punkt 3 (medfølgende barn)",
      "Adult with accompanying minor children: do not leave the children before child welfare or police can care for them.")
def accompanying_children(facts: Facts, catalogue: Catalogue) -> Advice:
    if not (facts.screening.accompanying_children and facts.grounds):
        return Advice()
    return Advice(
        next_steps=(_t(catalogue, "do_not_leave_child"), _t(catalogue, "accompanying_children")),
        notes=(_t(catalogue, "do_not_inform_companions"),),
        acute_contacts=(
            _contact(catalogue, "barnevernvakt", "reason_accompanying_children"),
            _contact(catalogue, "alarmtelefonen", "reason_accompanying_children"),
        ),
        referrals=(_contact(catalogue, "bufdir-veiledning", "reason_bufdir"),),
    )


# --- Del 6 punkt 4: adults ------------------------------------------------------------------


def serves(service: Service, facts: Facts) -> bool:
    """Whether the guide's description of ``service`` fits the person.

    An unknown sex or form does not exclude a service: the worker sees its audience in the
    description and decides."""
    s = facts.screening
    audience = service.audience
    if audience.age == "adult" and facts.treated_as_child:
        return False
    if audience.age == "minor" and not facts.treated_as_child:
        return False
    if audience.sexes and s.sex in {"female", "male"} and s.sex not in audience.sexes:
        return False
    return not (audience.forms and s.forms and not set(audience.forms) & set(s.forms))


@rule("adult_referral", Text("Bistand og oppfølging for voksne", "Assistance and follow-up for adults"),
      "Del 6 punkt 4 (Sett personer som er voksne i kontakt med …); Del 7 (Bo- og oppfølgingstilbud for voksne)",
      "Adults: offer help to contact ROSA and the housing/follow-up services that fit the person's sex and form.")
def adult_referral(facts: Facts, catalogue: Catalogue) -> Advice:
    if facts.treated_as_child or not facts.grounds:
        return Advice()
    referrals = [_contact(catalogue, "rosa", "reason_adult_followup")]
    referrals += [
        _contact(catalogue, service_id, "housing_ngos")
        for service_id in ADULT_FOLLOW_UP
        if serves(catalogue.service(service_id), facts)
    ]
    if "forced_labour" in facts.screening.forms:
        referrals += [_contact(catalogue, s, "reason_forced_labour") for s in LABOUR_SERVICES]
    referrals += [
        _contact(catalogue, "nav", "reason_nav"),
        _contact(catalogue, "nav-htso", "reason_nav"),
        _contact(catalogue, "stottesenter", "reason_general"),
    ]
    return Advice(referrals=tuple(referrals), next_steps=(_t(catalogue, "offer_help_adult"),))


# --- Del 2, 3 and 7: particular situations --------------------------------------------------


@rule("abroad", Text("Utnyttelse i utlandet", "Exploitation abroad"),
      "Del 3 (Hva ligger i ansvaret for å identifisere?); Del 2",
      "Exploitation abroad: the duty to identify and the duties above apply all the same.")
def abroad(facts: Facts, catalogue: Catalogue) -> Advice:
    if not facts.screening.abroad:
        return Advice()
    return Advice(
        notes=(_t(catalogue, "abroad"),),
        referrals=(_contact(catalogue, "udi", "reason_abroad"), _contact(catalogue, "iom", "reason_abroad")),
    )


@rule("non_punishment", Text("Fritak fra straff", "Non-punishment"),
      "Del 7 (Fritak fra straff for lovbrudd begått som ledd i utnyttelsen)",
      "Signs of forced criminality: the authorities must consider non-punishment; refer to a competent body.")
def non_punishment(facts: Facts, catalogue: Catalogue) -> Advice:
    s = facts.screening
    if not (set(s.arenas) & set(CRIME_ARENAS) or set(s.indicators) & set(CRIME_INDICATORS)):
        return Advice()
    return Advice(notes=(_t(catalogue, "non_punishment"),))


@rule("war_service_or_organs", Text("Krigstjeneste eller fjerning av organer", "War service or removal of organs"),
      "Del 2 (krigstjeneste, fjerning av indre organer); Del 8 (Politiet, KOM)",
      "War service or organ removal suspected: no Norwegian cases yet; police trafficking group and KOM.")
def war_service_or_organs(facts: Facts, catalogue: Catalogue) -> Advice:
    if not {"war_service", "organ_removal"} & set(facts.screening.forms):
        return Advice()
    return Advice(
        notes=(_t(catalogue, "war_or_organ"),),
        referrals=(_contact(catalogue, "police", "reason_police_non_acute"), _contact(catalogue, "kom", "reason_general")),
    )


# --- Del 5 and Del 7: conversation and rights -----------------------------------------------


@rule("conversation", Text("Samtalen", "The conversation"),
      "Del 5 (Samtale; Bruk av tolk; Noen tips til gjennomføring av samtalen; Noen tips til spørsmål)",
      "Tips for the conversation (and for conversations with minors) and example questions for the forms suspected.")
def conversation(facts: Facts, catalogue: Catalogue) -> Advice:
    conv = catalogue.conversation
    tips = (_t(catalogue, "minimum_information"), *conv.tips)
    if facts.treated_as_child:
        tips += conv.minor_tips
    tips += (*conv.question_advice, _t(catalogue, "interpreter"))
    forms = set(facts.screening.forms)
    questions = tuple(q for q in conv.example_questions if "all" in q.forms or not forms or forms & set(q.forms))
    return Advice(conversation=tips, questions=questions)


@rule("rights", Text("Informasjon om rettigheter", "Rights information"),
      "Del 5 (informasjon om rettigheter og hjelpetilbud); Del 7 (Hvilke rettigheter har antatte ofre …)",
      "Rights information to give the person, adapted to a child or an adult.")
def rights(facts: Facts, catalogue: Catalogue) -> Advice:
    return Advice(rights=rights_for(catalogue, child=facts.treated_as_child))


def rights_for(catalogue: Catalogue, *, child: bool) -> tuple[Text, ...]:
    """The rights sheet: what to tell the person (Del 5) and what they may be entitled to (Del 7)."""
    audience = {"all", "minor" if child else "adult"}
    r = catalogue.rights
    told = tuple(item.text for item in r.tell_the_person if item.audience in audience)
    entitled = (r.entitlements_intro, *(item.text for item in r.entitlements))
    return told + entitled + ((r.minors,) if child else ())


# --- putting it together ----------------------------------------------------------------------


def guide(screening: ScreeningInput, catalogue: Catalogue) -> Guidance:
    """Run every rule on ``screening`` and merge their advice into one ``Guidance``."""
    if screening.catalogue_version and screening.catalogue_version != catalogue.version:
        raise ValueError(
            f"katalogversjon {screening.catalogue_version!r} ≠ {catalogue.version!r} / "
            f"catalogue version {screening.catalogue_version!r} ≠ {catalogue.version!r}"
        )
    facts = derive_facts(screening, catalogue)
    applied: list[RuleRef] = []
    merged: dict[str, list] = {name: [] for name in Advice.__dataclass_fields__}  # type: ignore[type-arg]
    for r in RULES:
        advice = r.apply(facts, catalogue)
        if advice.empty:
            continue
        applied.append(RuleRef(r.id, r.name, r.section))
        for name in merged:
            merged[name].extend(getattr(advice, name))
    observed = set(screening.indicators)
    findings = tuple(
        CategoryFinding(category, present)
        for category in catalogue.categories
        if (present := tuple(i for i in catalogue.indicators_in(category.id) if i.id in observed))
    )
    return Guidance(
        catalogue_version=catalogue.version,
        treated_as_child=facts.treated_as_child,
        child_basis=facts.child_basis,
        grounds=facts.grounds,
        findings=findings,
        overall=tuple(_unique(merged["overall"])),
        duties=tuple(_unique(merged["duties"], key=lambda d: d.id)),
        # Emergency numbers (112, 113, 116 117, child welfare) before the non-acute police line.
        acute_contacts=tuple(sorted(
            _unique(merged["acute_contacts"], key=lambda c: c.service.id),
            key=lambda c: c.service.group != "emergency",
        )),
        referrals=tuple(
            c for c in _unique(merged["referrals"], key=lambda c: c.service.id)
            if c.service.id not in {a.service.id for a in merged["acute_contacts"]}
        ),
        next_steps=tuple(_unique(merged["next_steps"])),
        notes=tuple(_unique(merged["notes"])),
        conversation=tuple(_unique(merged["conversation"])),
        questions=tuple(_unique(merged["questions"], key=lambda q: q.id)),
        rights=tuple(merged["rights"]),
        rules=tuple(applied),
    )


def _unique(items: list, key: Callable | None = None) -> list:  # type: ignore[type-arg]
    """Keep the first of equal items, in order: the same advice from two rules shows once."""
    seen: set = set()  # type: ignore[type-arg]
    out = []
    for item in items:
        k = key(item) if key else item
        if k not in seen:
            seen.add(k)
            out.append(item)
    return out
