"""The vault's keys: field encryption (Fernet, keys derived by HKDF-SHA256), rotation, and the
audit actions of the vault."""

import base64
import hashlib
from functools import cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings
from django.db import models

IDENTITY_SEALED = "identity.sealed"
IDENTITY_REVEALED = "identity.revealed"
IDENTITY_VIEWED = "identity.viewed"
IDENTITY_FILE_REVEALED = "identity.file_revealed"
IDENTITY_WORKING_COPY = "identity.working_copy"
IDENTITY_GRANTED = "identity.granted"
IDENTITY_REVOKED = "identity.revoked"
IDENTITY_WAIVED = "identity.waived"


def derived_key(secret_key: str) -> str:
    """The field key derived from a secret key (config.settings.base, while
    `TIEPDAN_FIELD_KEY` is unset)."""
    return hashlib.sha256(f"field:{secret_key}".encode()).hexdigest()


@cache
def _fernet(key: str) -> Fernet:
    try:
        raw = bytes.fromhex(key)
    except ValueError:
        raw = key.encode()
    # The label the keys were first derived with (the vault was in `cases`): kept, or nothing
    # sealed could be read back.
    derived = HKDF(
        algorithm=hashes.SHA256(), length=32, salt=None, info=b"tiepdan.cases.vault"
    ).derive(raw)
    return Fernet(base64.urlsafe_b64encode(derived))


def field_keys() -> list[str]:
    """The current key first, then every key a sealed value may still be encrypted with: the
    field key's fallbacks and, so that rotating `SECRET_KEY` alone never loses data, the keys
    derived from the secret key and from each of its fallbacks (`SECRET_KEY_FALLBACKS`)."""
    keys = [settings.TIEPDAN_FIELD_KEY, *getattr(settings, "TIEPDAN_FIELD_KEY_FALLBACKS", [])]
    keys.append(derived_key(settings.SECRET_KEY))
    keys.extend(derived_key(old) for old in getattr(settings, "SECRET_KEY_FALLBACKS", []))
    return list(dict.fromkeys(k for k in keys if k))


@cache
def _multi(keys: tuple[str, ...]) -> MultiFernet:
    return MultiFernet([_fernet(k) for k in keys])


def encrypt(value: str | bytes) -> bytes:
    data = value.encode() if isinstance(value, str) else value
    return _fernet(settings.TIEPDAN_FIELD_KEY).encrypt(data)


def decrypt(token: bytes | memoryview) -> bytes:
    return _multi(tuple(field_keys())).decrypt(bytes(token))


def is_current(token: bytes | memoryview) -> bool:
    """Whether `token` is encrypted with the current key (`rotate_field_key` skips it)."""
    try:
        _fernet(settings.TIEPDAN_FIELD_KEY).decrypt(bytes(token))
    except InvalidToken:
        return False
    return True


def rotate(token: bytes | memoryview) -> bytes:
    """`token` re-encrypted with the current key (its timestamp kept, as MultiFernet does)."""
    return _multi(tuple(field_keys())).rotate(bytes(token))


# Encrypted columns that apps above this one keep (the data keys of sealed files, for one):
# `rotate_field_key` re-encrypts them with the vault's own.
EXTRA_SEALED: list[tuple[type[models.Model], tuple[str, ...]]] = []


def register_sealed(model: type[models.Model], *fields: str) -> None:
    """Have `rotate_field_key` re-encrypt these columns of `model` (called in AppConfig.ready)."""
    EXTRA_SEALED.append((model, fields))
