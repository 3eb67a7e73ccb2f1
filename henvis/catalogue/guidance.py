"""What the screening answers: ``Guidance``. It shows which categories and indicators are
present, never a score or a verdict (seed 004 Del 4: the indicators must be seen together
in an overall assessment)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from henvis.catalogue.guide_types import Category, Indicator, Question, Service, Text


@dataclass(frozen=True)
class RuleRef:
    """A rule that fired, its name for people and the section of the guide it implements."""

    id: str
    name: Text
    section: str


@dataclass(frozen=True)
class CategoryFinding:
    category: Category
    indicators: tuple[Indicator, ...]


@dataclass(frozen=True)
class Duty:
    id: str
    title: Text
    legal_basis: str
    text: Text
    reasons: tuple[Text, ...]
    mandatory: bool  # a legal duty that applies now (True) or something to assess or consider (False)
    # The legal threshold in plain words (cited) when the duty depends on the worker's own
    # judgement; ``threshold_met`` is that judgement as answered.
    threshold: Text | None = None
    threshold_met: bool = False


@dataclass(frozen=True)
class Contact:
    """A service to call or refer to, and why it is shown."""

    service: Service
    reason: Text


@dataclass(frozen=True)
class Advice:
    """What one rule contributes; ``guide`` merges the advice of every rule."""

    overall: tuple[Text, ...] = ()
    duties: tuple[Duty, ...] = ()
    your_role: tuple[Text, ...] = ()  # what this kind of reporter does itself
    must_not: tuple[Text, ...] = ()  # what this reporter must not do
    acute_contacts: tuple[Contact, ...] = ()
    referrals: tuple[Contact, ...] = ()
    next_steps: tuple[Text, ...] = ()
    notes: tuple[Text, ...] = ()
    conversation: tuple[Text, ...] = ()
    questions: tuple[Question, ...] = ()
    rights: tuple[Text, ...] = ()

    @property
    def empty(self) -> bool:
        return not any(getattr(self, f) for f in self.__dataclass_fields__)


@dataclass(frozen=True)
class Guidance:
    catalogue_version: str
    treated_as_child: bool
    child_basis: str | None  # "under_18" | "age_in_doubt" | None
    grounds: bool  # any indicator, suspected form or sign of grov menneskehandel given
    findings: tuple[CategoryFinding, ...]
    overall: tuple[Text, ...]
    duties: tuple[Duty, ...]
    your_role: tuple[Text, ...]
    must_not: tuple[Text, ...]
    acute_contacts: tuple[Contact, ...]
    referrals: tuple[Contact, ...]
    next_steps: tuple[Text, ...]
    notes: tuple[Text, ...]
    conversation: tuple[Text, ...]
    questions: tuple[Question, ...]
    rights: tuple[Text, ...]
    rules: tuple[RuleRef, ...]

    def to_dict(self) -> dict[str, Any]:
        """JSON-safe form used by the API and the tests."""
        return {
            "catalogue_version": self.catalogue_version,
            "treated_as_child": self.treated_as_child,
            "child_basis": self.child_basis,
            "grounds": self.grounds,
            "findings": [
                {
                    "category": f.category.id, "name": _text(f.category.name),
                    "indicators": [i.as_dict() for i in f.indicators],
                }
                for f in self.findings
            ],
            "overall": [_text(t) for t in self.overall],
            "duties": [
                {
                    "id": d.id, "title": _text(d.title), "legal_basis": d.legal_basis, "text": _text(d.text),
                    "reasons": [_text(r) for r in d.reasons], "mandatory": d.mandatory,
                    "threshold": _text(d.threshold) if d.threshold else None, "threshold_met": d.threshold_met,
                }
                for d in self.duties
            ],
            "your_role": [_text(t) for t in self.your_role],
            "must_not": [_text(t) for t in self.must_not],
            "acute_contacts": [_contact(c) for c in self.acute_contacts],
            "referrals": [_contact(c) for c in self.referrals],
            "next_steps": [_text(t) for t in self.next_steps],
            "notes": [_text(t) for t in self.notes],
            "conversation": [_text(t) for t in self.conversation],
            "questions": [
                {"id": q.id, "question": _text(q.question), "follow_up": _text(q.follow_up), "forms": list(q.forms)}
                for q in self.questions
            ],
            "rights": [_text(t) for t in self.rights],
            "rules": [{"id": r.id, "name": _text(r.name), "section": r.section} for r in self.rules],
        }


def _text(text: Text) -> dict[str, str]:
    return {"nb": text.nb, "en": text.en, "source": text.source}


def _contact(contact: Contact) -> dict[str, Any]:
    s = contact.service
    return {
        "service": s.id, "name": _text(s.name), "phone": s.phone, "web": s.web, "email": s.email,
        "hours": _text(s.hours) if s.hours else None, "description": _text(s.description),
        "organisation": s.organisation, "reason": _text(contact.reason),
    }
