from __future__ import annotations

from typing import Any

import pytest

from henvis.catalogue import Catalogue, Guidance, ScreeningInput, guide, load_catalogue


@pytest.fixture(scope="session")
def catalogue() -> Catalogue:
    return load_catalogue()


@pytest.fixture
def screen(catalogue: Catalogue):  # type: ignore[no-untyped-def]
    """screen(age=15, indicators=[...]) -> Guidance, through the validated dict form."""

    def run(**answers: Any) -> Guidance:
        answers.setdefault("reporter_kind", "health")
        return guide(ScreeningInput.from_dict(answers, catalogue), catalogue)

    return run


def duty_ids(g: Guidance) -> list[str]:
    return [d.id for d in g.duties]


def acute_phones(g: Guidance) -> set[str]:
    return {c.service.phone for c in g.acute_contacts if c.service.phone}


def all_services(g: Guidance) -> set[str]:
    return {c.service.id for c in (*g.acute_contacts, *g.referrals)}
