"""The signed cross-border referral file (issue 18 item 4): its JSON Schema, canonical
form, Ed25519 signature and the checks an import runs, in the order that keeps a bad file
cheap to refuse (size, JSON, schema, signer known, signature).

No Django here: keys come in as arguments, so the same code serves the pages, the command
line and the tests of two instances with different keys. Every refusal is a
``FileRefused`` with the reason in English and Bokmål."""

from __future__ import annotations

import base64
import binascii
import json
from functools import lru_cache
from pathlib import Path
from typing import Any

import jsonschema_rs
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

SCHEMA_FILE = Path(__file__).parent / "schema" / "crossborder-referral-1.schema.json"
FORMAT = "henvis-crossborder-referral"
VERSION = 1
# A referral summary is a few kilobytes; anything far larger is not one.
DEFAULT_MAX_BYTES = 256 * 1024


class FileRefused(ValueError):
    """An import refused, with the reason in both languages."""

    def __init__(self, message_en: str, message_nb: str) -> None:
        super().__init__(message_en)
        self.message_en = message_en
        self.message_nb = message_nb

    def in_language(self, language: str) -> str:
        return self.message_en if language.startswith("en") else self.message_nb


@lru_cache(maxsize=1)
def schema() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    return loaded


@lru_cache(maxsize=1)
def _validator() -> Any:
    return jsonschema_rs.validator_for(schema(), validate_formats=True)


def schema_errors(document: Any) -> list[str]:
    """Where and why ``document`` breaks the schema (empty when it is valid)."""
    return [f"/{'/'.join(str(p) for p in e.instance_path)}: {e.message}" for e in _validator().iter_errors(document)]


def canonical(payload: dict[str, Any]) -> bytes:
    """The bytes that are signed: the payload's JSON with sorted keys and no spaces."""
    return json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def private_key_from_text(text: str) -> Ed25519PrivateKey:
    """A private key from its 32 raw bytes in base64 (how settings hold it)."""
    return Ed25519PrivateKey.from_private_bytes(base64.b64decode(text, validate=True))


def public_key_text(key: Ed25519PrivateKey | Ed25519PublicKey) -> str:
    """The 32 raw bytes of the public key in base64: what a partner configures."""
    public = key.public_key() if isinstance(key, Ed25519PrivateKey) else key
    return base64.b64encode(public.public_bytes(Encoding.Raw, PublicFormat.Raw)).decode("ascii")


def public_key_from_text(text: str) -> Ed25519PublicKey:
    return Ed25519PublicKey.from_public_bytes(base64.b64decode(text, validate=True))


def sign(payload: dict[str, Any], key: Ed25519PrivateKey, key_id: str) -> dict[str, Any]:
    """The whole file for ``payload``; refuses (ValueError) a payload that breaks the schema,
    so nothing invalid ever leaves."""
    document = {
        "format": FORMAT, "version": VERSION, "payload": payload,
        "signature": {"algorithm": "Ed25519", "key_id": key_id,
                      "value": base64.b64encode(key.sign(canonical(payload))).decode("ascii")},
    }
    errors = schema_errors(document)
    if errors:
        raise ValueError("the referral file breaks its schema: " + "; ".join(errors))
    return document


def dumps(document: dict[str, Any]) -> bytes:
    return json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True).encode("utf-8")


def verify(data: bytes, partners: dict[str, str], max_bytes: int = DEFAULT_MAX_BYTES) -> dict[str, Any]:
    """The verified document from the bytes of an uploaded file, or ``FileRefused``.
    ``partners`` maps a partner instance's key id to its public key (base64)."""
    if len(data) > max_bytes:
        raise FileRefused(
            f"The file is larger than {max_bytes // 1024} KB; a referral summary is far smaller.",
            f"Filen er større enn {max_bytes // 1024} KB; et henvisningssammendrag er langt mindre.",
        )
    try:
        document = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise FileRefused("The file is not a JSON document.", "Filen er ikke et JSON-dokument.") from None
    errors = schema_errors(document)
    if errors:
        shown = "; ".join(errors[:3])
        raise FileRefused(
            f"The file does not follow the cross-border referral schema (version 1): {shown}",
            f"Filen følger ikke skjemaet for henvisning over landegrensen (versjon 1): {shown}",
        )
    key_id = document["signature"]["key_id"]
    if key_id not in partners:
        raise FileRefused(
            f"The file is signed by \"{key_id}\", which is not a configured partner; its signature cannot be checked.",
            f"Filen er signert av «{key_id}», som ikke er en konfigurert partner; signaturen kan ikke kontrolleres.",
        )
    if document["payload"]["sender"]["instance"] != key_id:
        raise FileRefused(
            "The file names another sender than the one who signed it.",
            "Filen oppgir en annen avsender enn den som signerte den.",
        )
    try:
        public_key_from_text(partners[key_id]).verify(
            base64.b64decode(document["signature"]["value"], validate=True), canonical(document["payload"]),
        )
    except (InvalidSignature, binascii.Error, ValueError):
        raise FileRefused(
            "The signature does not match: the file was changed after signing, or signed with another key.",
            "Signaturen stemmer ikke: filen er endret etter signering, eller signert med en annen nøkkel.",
        ) from None
    verified: dict[str, Any] = document
    return verified
