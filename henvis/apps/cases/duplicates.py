"""Duplicate warning inside one organisation: persons already registered who look like
the one being registered (same identity number, or name variants and birth year).

Works on the keyed blind indexes only, so no name is decrypted to search.

Example::

    found = candidates(user, Person(given_names="Mohamed", family_name="Ali", birth="1990",
                                     birth_precision="year", organisation=org))
    [(c.person.pk, c.reasons) for c in found]   # [(12, ["name", "birth_year"])]
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from henvis.apps.cases import blind_index
from henvis.apps.cases.access import visible_cases
from henvis.apps.cases.models import Case, Person, PersonIndex

STRONG_KINDS = ("national_id", "duf")


@dataclass
class Candidate:
    person: Person
    cases: list[Case] = field(default_factory=list)
    name_tokens: int = 0
    birth_year: bool = False
    identity_number: bool = False

    @property
    def reasons(self) -> list[str]:
        out = ["identity_number"] if self.identity_number else []
        if self.name_tokens:
            out.append("name")
        if self.birth_year:
            out.append("birth_year")
        return out

    @property
    def score(self) -> int:
        return 10 * self.identity_number + 2 * self.name_tokens + self.birth_year


def query_digests(person: Person) -> dict[str, str]:
    """digest -> kind for the new person; birth years widened by one year each way."""
    out: dict[str, str] = {}
    for kind, value in person.index_entries():
        if kind == "birth_year":
            for year in (int(value) - 1, int(value), int(value) + 1):
                out[blind_index.digest(kind, str(year))] = kind
        else:
            out[blind_index.digest(kind, value)] = kind
    return out


def candidates(user: Any, person: Person, limit: int = 5) -> list[Candidate]:
    """Persons of the user's organisation, in cases the user can see, that may be ``person``."""
    wanted = query_digests(person)
    if not wanted or user.organisation_id is None:
        return []
    hits: dict[int, Candidate] = {}
    matched: dict[int, set[str]] = defaultdict(set)
    rows = PersonIndex.objects.filter(organisation_id=user.organisation_id, digest__in=list(wanted)).exclude(
        person_id=person.pk or 0,
    ).values_list("person_id", "digest")
    for person_id, digest in rows:
        matched[person_id].add(digest)
    for person_id, digests in matched.items():
        kinds = [wanted[d] for d in digests]
        name_hits = kinds.count("name")
        strong = any(k in STRONG_KINDS for k in kinds)
        year = "birth_year" in kinds
        # One shared name token alone is too common (Ali, Maria) to warn about.
        if strong or name_hits >= 2 or (name_hits >= 1 and year):
            hits[person_id] = Candidate(
                person=Person(pk=person_id), name_tokens=name_hits, birth_year=year, identity_number=strong,
            )
    if not hits:
        return []
    cases = visible_cases(user).filter(person_id__in=list(hits))
    for case in cases:
        candidate = hits[case.person_id]
        candidate.person = case.person
        candidate.cases.append(case)
    found = [c for c in hits.values() if c.cases]
    found.sort(key=lambda c: -c.score)
    return found[:limit]
