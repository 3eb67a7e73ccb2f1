"""Making, finding and reading notifications; the deadline scan and reminders.

Everything is per organisation: a user sees the notifications of their own organisation
only (``for_user``), and a reminder goes to the organisation responsible for the deadline.
Each new notification is e-mailed by the job runner (``tasks.email_notification``) after
the transaction that made it commits."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone

from henvis.apps.cases import periods
from henvis.apps.cases.choices import CaseStatus, Outcome
from henvis.apps.cases.deadlines import deadlines_for, deadlines_of, unanswered_referrals
from henvis.apps.cases.models import Decision
from henvis.apps.notifications.models import SCANNED, Kind, Notification, NotificationRead
from henvis.apps.referrals.models import Referral, ReferralStatus

SOON_DAYS = 7  # "deadlines within 7 days" (issue 15 item 3)


def notify(organisation_id: int, kind: str, *, case_id: int | None = None, referral: Referral | None = None,
           subject: str = "", deadline: str = "", due: date | None = None,
           from_organisation_id: int | None = None) -> Notification:
    """One notification to every user of ``organisation_id``; its e-mail is queued on commit."""
    n = Notification.objects.create(
        organisation_id=organisation_id, kind=kind, case_id=case_id if case_id else (referral.case_id if referral else None),
        referral=referral, subject=subject or (f"referral:{referral.pk}" if referral else ""), deadline=deadline,
        due=due, from_organisation_id=from_organisation_id,
    )
    _queue_email(n.pk)
    return n


def _queue_email(pk: int) -> None:
    from henvis.apps.notifications.tasks import email_notification

    transaction.on_commit(lambda: email_notification.enqueue(pk))


def for_user(user: Any) -> QuerySet[Notification]:
    """The notifications the user may see: their organisation's, since they joined."""
    if not getattr(user, "is_authenticated", False) or user.organisation_id is None:
        return Notification.objects.none()
    return Notification.objects.filter(organisation_id=user.organisation_id, created__gte=user.date_joined)


def unread(user: Any) -> QuerySet[Notification]:
    return for_user(user).exclude(reads__user=user)


def unread_count(user: Any) -> int:
    if not getattr(user, "can_read_cases", False):
        return 0
    return unread(user).count()


def mark_read(user: Any, notifications: Any) -> int:
    ids = list(notifications.exclude(reads__user=user).values_list("pk", flat=True))
    NotificationRead.objects.bulk_create([NotificationRead(notification_id=i, user=user) for i in ids],
                                         ignore_conflicts=True)
    return len(ids)


def target_url(n: Notification) -> str:
    """Where opening the notification leads (the page checks access again)."""
    if n.kind in SCANNED or n.kind == Kind.REMINDER:
        return reverse("cases:dashboard")
    if n.referral_id is not None:
        return reverse("referrals:detail", args=[n.referral_id])
    if n.case_id is not None:
        return reverse("cases:detail", args=[n.case_id])
    return reverse("notifications:inbox")


# --- the deadline scan ---------------------------------------------------------------

def _scanned(org_id: int, kind: str, subject: str, due: date, **extra: Any) -> bool:
    """Make the scan's notification unless it exists; True when it is new."""
    if Notification.objects.filter(organisation_id=org_id, kind=kind, subject=subject, due=due).exists():
        return False
    try:
        with transaction.atomic():
            notify(org_id, kind, subject=subject, due=due, **extra)
    except IntegrityError:  # another scan made it at the same moment
        return False
    return True


def scan_deadlines(today: date | None = None, organisation_id: int | None = None) -> int:
    """Notify deadlines that have passed or fall within ``SOON_DAYS``: a decision's to the
    organisation that recorded it (it always sees its own decision), an unanswered
    referral's to the receiver. Once per deadline, date and kind. Returns how many new."""
    today = today or timezone.localdate()
    made = 0
    decisions = Decision.objects.filter(outcome=Outcome.GRANTED, valid_from__isnull=False).exclude(
        case__status=CaseStatus.CLOSED).select_related("renewal_of")
    if organisation_id is not None:
        decisions = decisions.filter(organisation_id=organisation_id)
    decisions_list = list(decisions)
    # A decision renews only its own organisation's decisions (issue 16), so the
    # renewals among the same organisation's granted decisions are all there are.
    renewed = set(Decision.objects.filter(outcome=Outcome.GRANTED, renewal_of__in=decisions_list)
                  .values_list("renewal_of_id", flat=True))
    for d in decisions_list:
        if d.pk in renewed:
            continue
        for deadline, due in deadlines_of(d):
            kind = _kind_for(due, today)
            if kind is not None:
                made += _scanned(d.organisation_id, kind, f"decision:{d.pk}:{deadline}", due, case_id=d.case_id,
                                 deadline=deadline)
    referrals = Referral.objects.filter(status=ReferralStatus.SENT)
    if organisation_id is not None:
        referrals = referrals.filter(to_organisation_id=organisation_id)
    for r in referrals:
        answer_due = r.answer_due
        kind = _kind_for(answer_due, today) if answer_due else None
        if kind is not None and answer_due is not None:
            made += _scanned(r.to_organisation_id, kind, f"referral:{r.pk}", answer_due, referral=r,
                             deadline="referral_answer", from_organisation_id=r.from_organisation_id)
    return made


def _kind_for(due: date, today: date) -> str | None:
    if due < today:
        return Kind.DEADLINE_OVERDUE
    if due <= today + timedelta(days=SOON_DAYS):
        return Kind.DEADLINE_SOON
    return None


def scan_if_due(organisation_id: int, today: date | None = None) -> None:
    """The scan for one organisation at most once a day from a page (the daily job scans
    all; this keeps the inbox true where no worker runs, as in a demo without one)."""
    from django.core.cache import cache

    today = today or timezone.localdate()
    if cache.add(f"henvis:deadline-scan:{organisation_id}:{today.isoformat()}", 1, timeout=26 * 3600):
        scan_deadlines(today, organisation_id)


# --- reminders -----------------------------------------------------------------------

class ReminderRefused(Exception):
    def __init__(self, reason: str, next_at: Any = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.next_at = next_at


def remindable(user: Any, subject: str, today: date) -> tuple[int, dict[str, Any]] | None:
    """The organisation responsible for a deadline the user sees on the deadlines page, and
    what the notification points at; None when the user does not see that deadline."""
    if subject.startswith("referral:"):
        for w in unanswered_referrals(user, today):
            if f"referral:{w.referral.pk}" == subject:
                return w.referral.to_organisation_id, {
                    "referral": w.referral, "deadline": "referral_answer", "due": w.due}
        return None
    for d in deadlines_for(user, today):
        if f"decision:{d.decision.pk}:{d.kind}" == subject:
            assert d.decision.organisation_id is not None
            return d.decision.organisation_id, {"case_id": d.case.pk, "deadline": d.kind, "due": d.due}
    return None


def send_reminder(user: Any, subject: str, today: date | None = None) -> Notification:
    """A reminder of one deadline to the responsible organisation's users. At most one per
    deadline in ``HENVIS_REMINDER_HOURS`` and ``HENVIS_REMINDER_DAILY_LIMIT`` per user a day,
    so that the button cannot be used to flood anyone's mailbox."""
    on = today or timezone.localdate()
    found = remindable(user, subject, on)
    if found is None:
        raise ReminderRefused("unknown")
    org_id, extra = found
    now = timezone.now()
    last = Notification.objects.filter(kind=Kind.REMINDER, subject=subject,
                                       created__gte=now - timedelta(hours=settings.HENVIS_REMINDER_HOURS)).first()
    if last is not None:
        raise ReminderRefused("recent", last.created + timedelta(hours=settings.HENVIS_REMINDER_HOURS))
    sent_today = Notification.objects.filter(kind=Kind.REMINDER, from_organisation_id=user.organisation_id,
                                             created__gte=now - timedelta(days=1)).count()
    if sent_today >= settings.HENVIS_REMINDER_DAILY_LIMIT:
        raise ReminderRefused("limit")
    return notify(org_id, Kind.REMINDER, subject=subject, from_organisation_id=user.organisation_id, **extra)


def urgency_of(due: date, today: date) -> str:
    return str(periods.urgency(due, today, SOON_DAYS))
