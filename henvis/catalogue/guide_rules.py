"""The guidance rules of seed 004 (KOM's identification guide), one pure function each.

Every rule is registered with the section of the guide it implements; ``guide`` runs them
all and merges their advice. The rule table in docs/catalogue.md lists them.

>>> from henvis.catalogue import load_catalogue
>>> from henvis.catalogue.screening import ScreeningInput
>>> c = load_catalogue()
>>> g = guide(ScreeningInput(reporter_kind="school", age=15, indicators=("bg-m02",)), c)
>>> [(d.id, d.mandatory) for d in g.duties]  # one indicator: the thresholds are to be assessed
[('duty_to_notify_child_welfare', False), ('duty_to_avert', False), ('consider_notifying', False)]
>>> g = guide(ScreeningInput(reporter_kind="school", age=15, indicators=("bg-m02",), reason_to_believe=True), c)
>>> [(d.id, d.mandatory) for d in g.duties]  # the worker judges there is reason to believe
[('duty_to_notify_child_welfare', True), ('duty_to_avert', False), ('consider_notifying', False)]
>>> "116 111" in [x.service.phone for x in g.acute_contacts]
True
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from henvis.catalogue.guidance import Advice, CategoryFinding, Contact, Duty, Guidance, RuleRef
from henvis.catalogue.guide_types import Catalogue, Service, Text
from henvis.catalogue.screening import ScreeningInput

# Services the guide lists in Del 6 punkt 4 (and Del 7, "Bo- og oppfølgingstilbud for voksne
# antatte ofre") as housing and follow-up for adults, in the guide's order (lines 800, 918).
# PION is not among them: the guide names it only in Del 8 (lines 1068-1071).
ADULT_FOLLOW_UP = (
    "nadheim", "lauras-hus", "safe-house-filemon", "migrasjonssenteret", "marita-women",
    "caritas", "pro-sentret", "shalam", "rode-kors",
)
# Del 8: public services for foreign workers and labour exploitation.
LABOUR_SERVICES = ("arbeidstilsynet", "sua")
# Del 6 "Merk" + Del 8: where to point someone who may need other help. KOM is not among
# them: "KOM behandler ikke enkeltsaker" (line 41); it gives general guidance only (952).
GENERAL_SERVICES = ("nav", "stottesenter", "legevakt", "dinutvei", "rosa", "utnyttelse-no")
# Del 7 "Fritak fra straff": offences where the person may be a victim forced to commit them.
CRIME_ARENAS = ("drugs", "acquisitive_crime", "benefit_fraud")
CRIME_INDICATORS = ("ct-14", "ct-23", "be-m03", "bg-m03")
# Kinds of reporter that are an authority deciding on residence or prosecution: they are
# told that non-punishment covers expulsion and refusal of entry (line 926) and that a
# person is not to be removed before identification (line 292).
REMOVAL_AUTHORITIES = ("police", "immigration")


@dataclass(frozen=True)
class Facts:
    """What the rules derive from the input once, so that every rule reads the same."""

    screening: ScreeningInput
    treated_as_child: bool
    child_basis: str | None
    public_duty: bool
    grounds: bool
    grov_signs: tuple[str, ...]  # ids of § 258 circumstances present (under_18, ...)
    reporter: str
    own_services: frozenset[str]  # the reporter's own services: never sent to itself
    reason_to_believe: bool  # the worker's judgement, "grunn til å tro" (line 714)
    notify_met: bool  # the duty to notify child welfare applies now
    avert_met: bool  # the duty to avert applies now ("mest sannsynlig", line 694)

    @property
    def child_or_children(self) -> bool:
        return self.treated_as_child or self.screening.accompanying_children


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
    # "Most likely" is a stronger belief than "reason to believe": it includes it.
    reason_to_believe = screening.reason_to_believe or screening.most_likely
    grounds = bool(
        screening.indicators or screening.forms
        or screening.gross_violence_or_coercion or screening.significant_profit
        or reason_to_believe
    )
    public_duty = kind.public == "yes" or (kind.public == "ask" and screening.public_tasks)
    return Facts(
        screening=screening, treated_as_child=treated_as_child, child_basis=child_basis,
        public_duty=public_duty, grounds=grounds, grov_signs=grov,
        reporter=kind.id, own_services=frozenset(kind.own_services),
        reason_to_believe=reason_to_believe,
        # Child welfare does not notify itself (issue 20 item 4); its own steps come from `your_role`.
        notify_met=(treated_as_child and grounds and public_duty and reason_to_believe
                    and kind.id != "child_welfare"),
        avert_met=bool(grounds and grov and screening.most_likely),
    )


def _t(catalogue: Catalogue, key: str) -> Text:
    return catalogue.texts[key].text


def _contact(catalogue: Catalogue, service_id: str, reason_key: str) -> Contact:
    return Contact(catalogue.service(service_id), _t(catalogue, reason_key))


def _duty(
    catalogue: Catalogue, key: str, reasons: tuple[Text, ...], *, mandatory: bool,
    threshold: str | None = None,
) -> Duty:
    item = catalogue.texts[key]
    assert item.title is not None, f"guidance.yaml {key} needs title_nb/title_en"
    return Duty(
        key, item.title, item.legal_basis, item.text, reasons, mandatory,
        threshold=_t(catalogue, threshold) if threshold else None, threshold_met=mandatory,
    )


# --- Del 4 / Del 5: the assessment ------------------------------------------------------


@rule("assessment", Text("Samlet vurdering av indikatorene", "Overall assessment of the indicators"),
      "Del 4 (Indikatorer … for voksne og mindreårige); Del 5 (Observasjoner)",
      "Show the categories and indicators present; they must be seen together, never as a score.")
def assessment(facts: Facts, catalogue: Catalogue) -> Advice:
    return Advice(overall=(_t(catalogue, "overall_assessment"), _t(catalogue, "conversation_needed")))


@rule("no_grounds", Text("Ingen tegn oppgitt: annen hjelp", "No signs given: other help"),
      "Del 6 (Merk)",
      "No indicator, form, sign or judgement given: the person may still need other help; point to general services.")
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
      "Under 18 or age in doubt (also 'says adult, looks a minor'): treat as a child until the age is established; consent is irrelevant.")
def treat_as_child(facts: Facts, catalogue: Catalogue) -> Advice:
    if not facts.treated_as_child:
        return Advice()
    return Advice(notes=(_t(catalogue, "treat_as_child"), _t(catalogue, "consent_minor")))


@rule("duty_to_notify_child_welfare", Text("Meldeplikt til barnevernet", "Duty to notify child welfare"),
      "Del 6 punkt 1 (Meldeplikt til barnevernet, barnevernsloven § 13-2 bokstav e)",
      "Child with signs: public employees and those doing public tasks must notify child welfare when they judge there is "
      "'reason to believe' (mandatory only then; otherwise the threshold is explained); private persons may report; "
      "child welfare itself gets its own steps instead.")
def duty_to_notify_child_welfare(facts: Facts, catalogue: Catalogue) -> Advice:
    if not (facts.treated_as_child and facts.grounds) or facts.reporter == "child_welfare":
        return Advice()
    must_not = (_t(catalogue, "do_not_inform_companions"),)
    if facts.public_duty:
        reasons = [_t(catalogue, "reason_child")]
        if facts.child_basis == "age_in_doubt":
            reasons.append(_t(catalogue, "treat_as_child"))
        return Advice(
            duties=(_duty(catalogue, "duty_to_notify_child_welfare", tuple(reasons),
                          mandatory=facts.notify_met, threshold="threshold_notify"),),
            must_not=must_not,
        )
    # Private persons and organisations without public tasks: no duty, but they may report.
    return Advice(
        duties=(_duty(catalogue, "may_notify_private", (_t(catalogue, "reason_child"),), mandatory=False),),
        must_not=must_not,
    )


@rule("duty_to_avert", Text("Avvergingsplikt", "Duty to avert"),
      "Del 6 punkt 1 (Avvergingsplikt, straffeloven § 196 jf. § 258)",
      "Signs of grov menneskehandel (under 18, grov vold/tvang, betydelig utbytte): the duty to avert applies when the worker "
      "knows or believes it 'most likely' that the act will happen (mandatory only then); then notify the police.")
def duty_to_avert(facts: Facts, catalogue: Catalogue) -> Advice:
    if not (facts.grounds and facts.grov_signs):
        return Advice()
    by_id = {a.id: a.text for a in catalogue.law.aggravating}
    reasons = [by_id[sign] for sign in facts.grov_signs]
    if facts.child_basis == "age_in_doubt":
        reasons.append(_t(catalogue, "treat_as_child"))
    duty = _duty(catalogue, "duty_to_avert", tuple(reasons), mandatory=facts.avert_met, threshold="threshold_avert")
    if not facts.avert_met:
        return Advice(duties=(duty,))
    # "Du kan avverge ved å varsle lokalt politi eller barnevernstjenesten" (line 696).
    return Advice(duties=(duty,), acute_contacts=(_contact(catalogue, "police", "reason_avert"),))


# --- Del 6 punkt 2: acute help -------------------------------------------------------------


@rule("acute_help", Text("Akutt hjelp", "Acute help"),
      "Del 6 punkt 1 (Avvergingsplikt: akutt fare) og punkt 2 (Vurder om personen har behov for akutt hjelp)",
      "Acute danger: call 112 at once, whatever else is ticked; life-threatening illness 113; urgent health help 116 117.")
def acute_help(facts: Facts, catalogue: Catalogue) -> Advice:
    s = facts.screening
    contacts = []
    steps: tuple[Text, ...] = ()
    if s.danger_now:
        contacts.append(_contact(catalogue, "police-emergency", "reason_danger"))
        if facts.reporter != "police":  # the police are not told to call the police
            steps = (_t(catalogue, "call_112_now"),)
    if s.life_threatening:
        contacts.append(_contact(catalogue, "medical-emergency", "reason_life"))
    if s.urgent_health:
        contacts.append(_contact(catalogue, "legevakt", "reason_health"))
    return Advice(acute_contacts=tuple(contacts), next_steps=steps)


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


@rule("person_wants_police", Text("Personen vil ha hjelp fra politiet", "The person wants police help"),
      "Del 5 (Politiet kan hjelpe deg hvis du er i fare, eller du vil anmelde); Del 7 (Slik jobber politiet)",
      "The person wants police help or to report: the police (02800) under 'call now'.")
def person_wants_police(facts: Facts, catalogue: Catalogue) -> Advice:
    if not facts.screening.wants_police:
        return Advice()
    return Advice(acute_contacts=(_contact(catalogue, "police", "reason_wants_police"),))


# --- Del 6 punkt 3: minors ------------------------------------------------------------------


def _child_contacts_now(facts: Facts) -> bool:
    """Child welfare under 'call now' for acute danger or a duty in force; otherwise it is a
    service to contact or to discuss the case with anonymously (line 779)."""
    return facts.screening.danger_now or facts.notify_met or facts.avert_met or facts.reason_to_believe


@rule("protect_child", Text("Sørg for at barnet blir ivaretatt", "Make sure the child is cared for"),
      "Del 6 punkt 2 og 3 (Sørg for at antatte mindreårige kan bli ivaretatt); Del 5 (Samtale)",
      "Do not leave the child; barnevernvakt and 116 111 (under 'call now' only with acute danger, a duty in force or the "
      "worker's 'reason to believe'; otherwise to contact or consult); Bufdir's guidance function 466 15 000.")
def protect_child(facts: Facts, catalogue: Catalogue) -> Advice:
    if not facts.treated_as_child:
        return Advice()
    contacts = (
        _contact(catalogue, "barnevernvakt", "reason_child"),
        _contact(catalogue, "alarmtelefonen", "reason_child"),
    )
    now = facts.grounds and _child_contacts_now(facts)
    steps: tuple[Text, ...] = ()
    if facts.grounds and facts.reporter != "child_welfare":
        steps = (_t(catalogue, "do_not_leave_child"),)
        if facts.reporter != "police":  # it tells others to discuss the case with the police
            steps += (_t(catalogue, "child_welfare_and_police"),)
    return Advice(
        acute_contacts=contacts if now else (),
        referrals=(_contact(catalogue, "bufdir-veiledning", "reason_bufdir"),) + (() if now else contacts),
        next_steps=steps,
        conversation=(_t(catalogue, "contact_child_before_conversation"),) if facts.reporter != "child_welfare" else (),
    )


@rule("accompanying_children", Text("Medfølgende barn", "Accompanying children"),
      "Del 6 punkt 3 (medfølgende barn)",
      "Adult with accompanying minor children: do not leave the children before child welfare or police can care for them.")
def accompanying_children(facts: Facts, catalogue: Catalogue) -> Advice:
    if not (facts.screening.accompanying_children and facts.grounds):
        return Advice()
    contacts = (
        _contact(catalogue, "barnevernvakt", "reason_accompanying_children"),
        _contact(catalogue, "alarmtelefonen", "reason_accompanying_children"),
    )
    now = _child_contacts_now(facts)
    return Advice(
        next_steps=(_t(catalogue, "do_not_leave_child"), _t(catalogue, "accompanying_children")),
        must_not=(_t(catalogue, "do_not_inform_companions"),),
        acute_contacts=contacts if now else (),
        referrals=(_contact(catalogue, "bufdir-veiledning", "reason_bufdir"),) + (() if now else contacts),
    )


# --- Del 6 punkt 1 (continued): what to consider when no duty applies ---------------------------
# After punkt 3, so that for a child the child welfare services come before the police.


@rule("consider_notifying", Text("Vurder å varsle politi og barnevern", "Consider notifying the police and child welfare"),
      "Del 6 punkt 1 (Vurder om det er plikt eller rett til å varsle; Om taushetsplikt og samarbeid)",
      "Signs but no duty to avert in force: consider notifying the police (and child welfare only for a child or accompanying "
      "children); keep confidentiality. Not shown to the police or child welfare themselves.")
def consider_notifying(facts: Facts, catalogue: Catalogue) -> Advice:
    if not facts.grounds or facts.avert_met or facts.reporter in {"police", "child_welfare"}:
        return Advice()
    if facts.treated_as_child and facts.reporter == "private_person":
        return Advice()  # "may_notify_private" already says whom a private person may tell
    key = "consider_notifying" if facts.child_or_children else "consider_notifying_adult"
    return Advice(
        duties=(_duty(catalogue, key, (), mandatory=False),),
        referrals=(_contact(catalogue, "police", "reason_consider_police"),),
    )


@rule("confidentiality", Text("Taushetsplikt", "Confidentiality"),
      "Del 6 punkt 1 (Om taushetsplikt og samarbeid)",
      "Adult, signs but no duty to avert in force and no acute danger: keep confidentiality; discuss with consent or anonymously.")
def confidentiality(facts: Facts, catalogue: Catalogue) -> Advice:
    # For a child the duties decide (lines 714, 718) and the companions are not to be told (708);
    # "without consent" is advice for an adult's case.
    if not facts.grounds or facts.treated_as_child or facts.avert_met or facts.screening.danger_now:
        return Advice()
    return Advice(must_not=(_t(catalogue, "keep_confidentiality"),))


# --- Del 6 punkt 4: adults ------------------------------------------------------------------


def serves(service: Service, facts: Facts) -> bool:
    """Whether the guide's description of ``service`` fits the person.

    Age and sex exclude when known; a service the guide gives for a form of exploitation
    (Pro Sentret, Shalam, Safe House Filemon, SUA, Arbeidstilsynet) is offered only when that
    form is suspected, so that a man in forced labour is not offered a women's service and a
    person whose form is unknown is not offered a form's service. An unknown sex excludes
    nothing: the worker sees the audience in the description and decides."""
    s = facts.screening
    audience = service.audience
    if audience.age == "adult" and facts.treated_as_child:
        return False
    if audience.age == "minor" and not facts.treated_as_child:
        return False
    if audience.sexes and s.sex in {"female", "male"} and s.sex not in audience.sexes:
        return False
    return not (audience.forms and not set(audience.forms) & set(s.forms))


@rule("adult_referral", Text("Bistand og oppfølging for voksne", "Assistance and follow-up for adults"),
      "Del 6 punkt 4 (Sett personer som er voksne i kontakt med …); Del 7 (Bo- og oppfølgingstilbud for voksne); Del 8",
      "Adults: offer help to contact ROSA and the housing/follow-up services that fit the person's sex and form; "
      "Caritas for au pairs; PION only for prostitution (Del 8).")
def adult_referral(facts: Facts, catalogue: Catalogue) -> Advice:
    if facts.treated_as_child or not facts.grounds:
        return Advice()
    s = facts.screening
    referrals = [_contact(catalogue, "rosa", "reason_adult_followup")]
    if "au_pair" in s.arenas:
        referrals.append(_contact(catalogue, "caritas", "reason_au_pair"))
    referrals += [
        _contact(catalogue, service_id, "housing_ngos")
        for service_id in ADULT_FOLLOW_UP
        if serves(catalogue.service(service_id), facts)
    ]
    if "prostitution" in s.forms:
        referrals.append(_contact(catalogue, "pion", "reason_pion"))
    if "forced_labour" in s.forms:
        referrals += [_contact(catalogue, x, "reason_forced_labour") for x in LABOUR_SERVICES]
    referrals += [
        _contact(catalogue, "nav", "reason_nav"),
        _contact(catalogue, "stottesenter", "reason_general"),
    ]
    return Advice(referrals=tuple(referrals), next_steps=(_t(catalogue, "offer_help_adult"),))


# --- Who is asking: what this role does itself ----------------------------------------------

ROLE_TEXTS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    # kind: (texts for a child or accompanying children, texts for an adult alone)
    "police": (("role_police_all", "role_police_child"), ("role_police_all", "role_police_adult")),
    "immigration": (("role_immigration",), ("role_immigration",)),
    "child_welfare": (
        ("role_child_welfare_measures", "role_child_welfare_placement", "role_child_welfare_guardian",
         "role_child_welfare_police"),
        ("role_public",),
    ),
    "welfare": (("role_public",), ("role_welfare",)),
    "health": (("role_health",), ("role_health",)),
    "labour": (("role_labour",), ("role_labour",)),
    "school": (("role_public",), ("role_public",)),
    "other_public": (("role_public",), ("role_public",)),
    "ngo": (("role_ngo",), ("role_ngo",)),
    "private_person": (("role_private",), ("role_private",)),
}


@rule("your_role", Text("Din rolle", "Your role"),
      "Del 3 (Hvem kan identifisere ofre?); Del 6 punkt 1 og 3; Del 7 (Hvem har ansvar …); Del 8",
      "What this kind of reporter does itself and must not do; a role is never sent to its own service.")
def your_role(facts: Facts, catalogue: Catalogue) -> Advice:
    if not facts.grounds:
        return Advice()
    if facts.reporter == "private_company":
        keys: tuple[str, ...] = ("role_public",) if facts.public_duty else ("role_private",)
    else:
        for_child, for_adult = ROLE_TEXTS[facts.reporter]
        keys = for_child if facts.child_or_children else for_adult
    must_not: tuple[Text, ...] = ()
    if facts.child_or_children:
        must_not += (_t(catalogue, "do_not_inform_companions"),)  # line 708, whoever is asking
    if facts.reporter in REMOVAL_AUTHORITIES:
        must_not += (_t(catalogue, "do_not_remove_before_identification"), _t(catalogue, "non_punishment_expulsion"))
    referrals: tuple[Contact, ...] = ()
    if facts.reporter == "welfare" and not facts.treated_as_child:
        referrals = (_contact(catalogue, "nav-htso", "reason_htso"),)  # HTSO guides NAV for adults (lines 989-990)
    return Advice(your_role=tuple(_t(catalogue, k) for k in keys), must_not=must_not, referrals=referrals)


# --- Del 2, 3 and 7: particular situations --------------------------------------------------


@rule("wants_to_go_home", Text("Personen ønsker å reise hjem", "The person wants to go home"),
      "Del 5 (Ønsker du å reise hjem?); Del 7 (Tilbud om assistert retur og reintegrering)",
      "Adult: UDI and IOM for assisted return. Child: UDI must assess the child's best interest with the police and "
      "child welfare before any return; no direct referral to IOM.")
def wants_to_go_home(facts: Facts, catalogue: Catalogue) -> Advice:
    if not facts.screening.wants_to_go_home:
        return Advice()
    if facts.treated_as_child:
        return Advice(
            next_steps=(_t(catalogue, "return_child"),),
            referrals=(
                _contact(catalogue, "barnevernvakt", "reason_return_child"),
                _contact(catalogue, "udi", "reason_return_child"),
            ),
        )
    return Advice(
        next_steps=(_t(catalogue, "return_adult"),),
        referrals=(_contact(catalogue, "udi", "reason_return"), _contact(catalogue, "iom", "reason_return")),
    )


@rule("abroad", Text("Utnyttelse i utlandet", "Exploitation abroad"),
      "Del 3 (Hva ligger i ansvaret for å identifisere?); Del 2",
      "Exploitation abroad: the duty to identify and the duties above apply all the same.")
def abroad(facts: Facts, catalogue: Catalogue) -> Advice:
    if not facts.screening.abroad:
        return Advice()
    return Advice(notes=(_t(catalogue, "abroad"),))


@rule("non_punishment", Text("Fritak fra straff", "Non-punishment"),
      "Del 7 (Fritak fra straff for lovbrudd begått som ledd i utnyttelsen)",
      "Signs of forced criminality: the authorities must consider non-punishment; refer to a competent body.")
def non_punishment(facts: Facts, catalogue: Catalogue) -> Advice:
    s = facts.screening
    if not (set(s.arenas) & set(CRIME_ARENAS) or set(s.indicators) & set(CRIME_INDICATORS)):
        return Advice()
    return Advice(notes=(_t(catalogue, "non_punishment"),))


@rule("war_service_or_organs", Text("Krigstjeneste eller fjerning av organer", "War service or removal of organs"),
      "Del 2 (krigstjeneste i fremmed land; fjerning av indre organer)",
      "War service or organ removal suspected: no Norwegian cases yet; the general advice applies, no special body.")
def war_service_or_organs(facts: Facts, catalogue: Catalogue) -> Advice:
    if not {"war_service", "organ_removal"} & set(facts.screening.forms):
        return Advice()
    return Advice(notes=(_t(catalogue, "war_or_organ"),))


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
    # No role is sent to itself (issue 20 item 4): the police are not told to call the police.
    acute = [c for c in merged["acute_contacts"] if c.service.id not in facts.own_services]
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
        your_role=tuple(_unique(merged["your_role"])),
        must_not=tuple(_unique(merged["must_not"])),
        # Emergency numbers (112, 113, 116 117, child welfare) before the non-acute police line.
        acute_contacts=tuple(sorted(
            _unique(acute, key=lambda c: c.service.id),
            key=lambda c: c.service.group != "emergency",
        )),
        referrals=tuple(
            c for c in _unique(merged["referrals"], key=lambda c: c.service.id)
            if c.service.id not in {a.service.id for a in acute} and c.service.id not in facts.own_services
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
