"""Code lists used in the registry CSV formats, with the Norwegian labels the KOM report
prints.

Codes are lower-case ASCII so that files survive any spreadsheet and encoding; labels are
the wording of seed 001 (KOM tilstandsrapport 2020), e.g. Tabell 2 (§ 8.3) for the police
districts and the exploitation forms of the police statistics.

>>> POLICE_DISTRICTS["sor-vest"]
'Sør-Vest'
"""

from __future__ import annotations

# The 12 police districts (seed 000: "alle de 12 politidistriktene") in the order of
# Tabell 2 and 4, plus Strasak's own category for offences committed abroad
# (seed 001 § 8.3, note 35: "fremstilt som egen kategori ... ikke fordelt på politidistrikter").
POLICE_DISTRICTS: dict[str, str] = {
    "oslo": "Oslo",
    "ost": "Øst",
    "innlandet": "Innlandet",
    "sor-ost": "Sør-Øst",
    "agder": "Agder",
    "sor-vest": "Sør-Vest",
    "vest": "Vest",
    "more-og-romsdal": "Møre og Romsdal",
    "trondelag": "Trøndelag",
    "nordland": "Nordland",
    "troms": "Troms",
    "finnmark": "Finnmark",
    "utlandet": "Gjerningssted i utlandet",
}

# Exploitation forms as Strasak groups police reports (seed 001 Tabell 2-3);
# "tilrettelegging" is a statistics group of its own in Strasak (note 35).
REPORT_FORMS: dict[str, str] = {
    "seksuell": "Prostitusjon/andre seksuelle ytelser",
    "arbeid": "(Tvangs)arbeid/tjenester",
    "organ": "Organhandel",
    "krigstjeneste": "Krigstjeneste",
    "tilrettelegging": "Tilrettelegging",
}

# Which published breakdown a police-report row belongs to. Only Tabell 2 crosses district
# and form (for 2020); Tabell 3 and 4 publish the years 2016-2019 as two separate margins
# (year x form, year x district), so those rows leave the other dimension empty.
POLICE_BREAKDOWNS: dict[str, str] = {
    "distrikt-form": "Politidistrikt og utnyttingsform (krysstabell, f.eks. Tabell 2)",
    "form": "Bare utnyttingsform; politidistrikt ikke oppgitt (f.eks. Tabell 3)",
    "distrikt": "Bare politidistrikt; utnyttingsform ikke oppgitt (f.eks. Tabell 4)",
}

# Exploitation forms of persons in measures (seed 001 § 7.3, § 3.2, § 4.2).
PERSON_FORMS: dict[str, str] = {
    "seksuell": "Prostitusjon eller annen seksuell utnyttelse",
    "arbeid": "Arbeid eller tjenester",
    "kombinasjon": "Kombinasjon av seksuell utnyttelse og arbeid/tjenester",
    "organ": "Organhøsting",
    "uavklart": "Utnyttingsform ikke avklart",
}

# Regions of origin as KOM groups them (seed 001 § 7.3; § 3.2 and § 4.2 use continents).
REGIONS: dict[str, str] = {
    "ost-europa": "Østeuropeiske land",
    "vest-europa": "Vesteuropeiske land",
    "europa": "Europeiske land",
    "afrika": "Afrikanske land",
    "asia": "Asiatiske land",
    "sor-amerika": "Søramerikanske land",
    "midtosten": "Midtøsten",
}

SEXES: dict[str, str] = {"kvinne": "Kvinner", "mann": "Menn"}

# New in the measures this year or followed up from earlier years (seed 001 § 7.3).
STATUSES: dict[str, str] = {"ny": "Nye i tiltakene", "fortsatt": "Under oppfølging fra tidligere år"}

# Groups of measures that report to KOM (seed 001 § 7.3).
MEASURE_GROUPS: dict[str, str] = {
    "botiltak": "Aktører som også har botiltak",
    "andre": "Andre oppfølgingstiltak",
}

# Dimensions of a person breakdown and the code list each one uses.
BREAKDOWN_DIMENSIONS: dict[str, dict[str, str]] = {
    "total": {"alle": "Alle"},
    "status": STATUSES,
    "kjonn": SEXES,
    "utnyttingsform": PERSON_FORMS,
    "region": REGIONS,
}

DIMENSION_LABELS: dict[str, str] = {
    "total": "Totalt",
    "status": "Ny eller fortsatt",
    "kjonn": "Kjønn",
    "utnyttingsform": "Utnyttingsform",
    "region": "Opprinnelsesregion",
}

AUTHORITIES: dict[str, str] = {
    "UDI": "Utlendingsdirektoratet",
    "UNE": "Utlendingsnemnda",
    "fylkesnemnd": "Fylkesnemndene for barnevern og sosiale saker",
    "bufetat": "Bufetat og Oslo kommune (BFE)",
}

DECISION_TYPES: dict[str, str] = {
    "refleksjonsperiode": "Refleksjonsperiode (utf. § 8-3 første ledd)",
    "begrenset-opphold": "Begrenset oppholdstillatelse (utf. § 8-3 annet ledd)",
    "medfolgende-barn": "Medfølgende barn (utf. § 8-3 fjerde ledd)",
    "klage-8-3": "Klage over vedtak etter utf. § 8-3",
    "asyl": "Asyl der søkeren er identifisert som mulig offer",
    "mishandling": "Selvstendig tillatelse (utl. § 53 første ledd b)",
}

INSTANCES: dict[str, str] = {
    "forstegang": "Førstegangsvedtak",
    "fornyelse": "Fornyelse",
    "klage": "Klagesak",
    "": "Ikke oppgitt",
}

OUTCOMES: dict[str, str] = {
    "innvilget": "Innvilget",
    "avslag": "Avslått",
    "omgjort": "Omgjort",
    "opprettholdt": "Avslag opprettholdt",
    "returnert": "Returnert til UDI for ny behandling",
}

# Refusal reasons named in seed 001 § 3.2 and § 3.3.
REFUSAL_REASONS: dict[str, str] = {
    "": "",
    "ikke-holdepunkter": "Ikke holdepunkter for menneskehandel",
    "ikke-i-norge": "Vilkåret om å være i Norge ikke oppfylt",
    "utenfor-formalet": "Utenfor formålet med refleksjonsperioden",
    "ikke-etterforsket": "Politiet etterforsket ikke saken",
    "dublin": "Dublin-regelverket (utl. § 32 første ledd b)",
    "menneskehandel-ikke-lagt-til-grunn": "Anførsel om menneskehandel ikke lagt til grunn",
    "ikke-beskyttelsesbehov": "Ikke beskyttelsesbehov",
    "utsatt-iverksetting": "Endelig avslag med utsatt iverksetting",
    "ulike": "Ulike grunnlag",
}

RETURN_STAGES: dict[str, str] = {
    "innvilget": "Innvilget reintegreringsstøtte",
    "reist": "Reist med IOM",
    "utsatt": "Reise utsatt til neste år",
}

COURTS: dict[str, str] = {
    "tingrett": "Tingrett",
    "lagmannsrett": "Lagmannsrett",
    "hoyesterett": "Høyesterett",
}

JUDGMENT_OUTCOMES: dict[str, str] = {"fellende": "Fellende dom", "frifinnelse": "Frifinnelse"}

# Forms named in judgments (seed 001 § 8.4).
JUDGMENT_FORMS: dict[str, str] = {
    "seksuell": "Prostitusjon eller andre seksuelle formål",
    "arbeid": "Tvangsarbeid eller tvangstjenester",
}
