"""Idempotent forms (issue 16 item 6): the same measure, consent, referral or new case
submitted twice (double click, a resubmitted page, a retried API call) is created once.

Each form carries a one-time key in a hidden field (``OnceOnly``); the API takes an
optional ``Idempotency-Key`` header. The first request with a key records it
(``Submission``, unique per user, scope and key) in the same transaction as what it
creates, so a failed save frees the key again and two concurrent requests cannot both
win. A page posted without a key (an old tab, a script) is keyed by a digest of what
was posted, for ``AUTO_KEY_WINDOW``: the same content again within it is a repeat."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django import forms
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils import timezone

from henvis.apps.cases.models import Submission
from henvis.web.lib.api_errors import Invalid

FIELD = "idempotency_key"
HEADER = "Idempotency-Key"
KEY_MAX = 100
AUTO_KEY_WINDOW = timedelta(minutes=10)
_NOT_CONTENT = {"csrfmiddlewaretoken", FIELD}


def new_key() -> str:
    return secrets.token_urlsafe(24)


class OnceOnly:
    """Form mixin: a hidden one-time key, fresh for every unbound form."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fields: dict[str, forms.Field] = self.fields  # type: ignore[attr-defined]
        fields[FIELD] = forms.CharField(widget=forms.HiddenInput, required=False, max_length=KEY_MAX,
                                        initial=new_key)


class KeyReused(ValueError):
    """The same key was sent with a different request (API: 422)."""


@dataclass
class Claim:
    """``fresh``: bind it to what is created (``bind``). ``repeat_of``: the object id the
    first request created (None if it created nothing that can be shown)."""

    fresh: Submission | None
    repeat_of: int | None = None

    @property
    def repeated(self) -> bool:
        return self.fresh is None


def _user(request: HttpRequest) -> Any:
    return request.user


def _digest(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def _content(request: HttpRequest) -> str:
    items = sorted((k, v) for k in request.POST if k not in _NOT_CONTENT for v in request.POST.getlist(k))
    return request.path + "?" + "&".join(f"{k}={v}" for k, v in items)


def _claim(user: Any, scope: str, key: str, fingerprint: str, window: timedelta | None = None,
           strict: bool = False) -> Claim:
    try:
        with transaction.atomic():  # a savepoint: the caller's transaction goes on after a refusal
            return Claim(Submission.objects.create(user=user, scope=scope, key=key, fingerprint=fingerprint))
    except IntegrityError:
        pass
    prior = Submission.objects.filter(user=user, scope=scope, key=key).first()
    if prior is None:  # removed meanwhile: try once more
        return Claim(Submission.objects.create(user=user, scope=scope, key=key, fingerprint=fingerprint))
    if window is not None and prior.created < timezone.now() - window:
        prior.created, prior.object_id = timezone.now(), None  # an old automatic key: a new submission
        prior.save(update_fields=["created", "object_id"])
        return Claim(prior)
    if strict and prior.fingerprint != fingerprint:
        raise KeyReused(key)
    return Claim(None, prior.object_id)


def _page_key(request: HttpRequest) -> tuple[str, str, timedelta | None]:
    content = _digest(_content(request))
    key = (request.POST.get(FIELD) or "").strip()[:KEY_MAX]
    return (key, content, None) if key else ("auto:" + content, content, AUTO_KEY_WINDOW)


def seen_page(request: HttpRequest, scope: str) -> Claim | None:
    """Without claiming: the earlier submission of this form, if it was already saved
    (checked before work that must not run twice, such as the look-alike search)."""
    key, _content_digest, window = _page_key(request)
    prior = Submission.objects.filter(user=_user(request), scope=scope, key=key).first()
    if prior is None or (window is not None and prior.created < timezone.now() - window):
        return None
    return Claim(None, prior.object_id)


def seen_api(request: HttpRequest, scope: str) -> Claim | None:
    """Without claiming: the earlier request with this ``Idempotency-Key``, if any."""
    key = (request.headers.get(HEADER) or "").strip()
    prior = Submission.objects.filter(user=_user(request), scope="api:" + scope, key=key).first() if key else None
    if prior is None:
        return None
    if prior.fingerprint != _digest(request.path, request.body.decode("utf-8", "replace")):
        raise KeyReused(key)
    return Claim(None, prior.object_id)


def claim_page(request: HttpRequest, scope: str) -> Claim:
    """Claim the posted form's key (or, without one, its content). Call inside the
    transaction that creates the object."""
    key, content, window = _page_key(request)
    return _claim(_user(request), scope, key, content, window=window)


def claim_api(request: HttpRequest, scope: str) -> Claim | None:
    """Claim the ``Idempotency-Key`` header, if the client sent one (else None: no
    protection asked for). The same key with another body raises ``KeyReused``."""
    key = (request.headers.get(HEADER) or "").strip()
    if not key:
        return None
    if len(key) > KEY_MAX:
        raise KeyReused(key[:KEY_MAX])
    body = request.body.decode("utf-8", "replace")
    return _claim(_user(request), "api:" + scope, key, _digest(request.path, body), strict=True)


def bind(claim: Claim | None, obj: Any) -> None:
    if claim is not None and claim.fresh is not None:
        claim.fresh.object_id = obj.pk
        claim.fresh.save(update_fields=["object_id"])


def _key_reused() -> Invalid:
    return Invalid({HEADER: ["Nøkkelen er brukt før for en annen forespørsel"]},
                   {HEADER: ["The key was used before for a different request"]})


def api_seen_before(request: HttpRequest, scope: str) -> Claim | None:
    """``seen_api`` for an API view: a reused key with another body answers 422."""
    try:
        return seen_api(request, scope)
    except KeyReused:
        raise _key_reused() from None


def api_claim(request: HttpRequest, scope: str) -> Claim | None:
    """``claim_api`` for an API view, inside the transaction that creates (None without
    a key); a reused key with another body answers 422."""
    try:
        return claim_api(request, scope)
    except KeyReused:
        raise _key_reused() from None
