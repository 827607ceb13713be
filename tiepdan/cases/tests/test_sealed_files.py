"""Large files sealed in storage: round trip at every size around a record's edge, and every
kind of tampering refused."""

import io
import os

import pytest

from tiepdan.vault import sealed_files, vault

SIZE = 64  # a small record size, so that the edges are cheap to reach


def _seal(data: bytes) -> tuple[bytes, bytes]:
    sealed = sealed_files.seal(
        [data[i : i + 10] for i in range(0, len(data), 10)] or [b""], chunk_size=SIZE
    )
    with sealed.file as handle:
        return handle.read(), sealed.wrapped_key


def _unseal(stored: bytes, key: bytes) -> bytes:
    return b"".join(sealed_files.unseal(io.BytesIO(stored), key))


@pytest.mark.parametrize("length", [0, 1, SIZE - 1, SIZE, SIZE + 1, 3 * SIZE, 3 * SIZE + 7])
def test_round_trip(length: int) -> None:
    data = os.urandom(length)
    stored, key = _seal(data)
    assert stored.startswith(sealed_files.MAGIC)
    assert _unseal(stored, key) == data
    sealed = sealed_files.seal([data], chunk_size=SIZE)
    assert sealed.size == length
    assert len(sealed.sha256) == 64


def test_the_plain_content_is_not_in_the_stored_file() -> None:
    data = b"Nguyen Van Bi Mat 079123456789 " * 10
    stored, key = _seal(data)
    assert b"079123456789" not in stored
    assert b"Nguyen" not in stored
    assert key
    assert b"079123456789" not in key


def test_changed_moved_dropped_or_cut_records_are_refused() -> None:
    data = os.urandom(3 * SIZE + 5)
    stored, key = _seal(data)
    body = stored[len(sealed_files.MAGIC) :]
    record = 4 + SIZE + 16  # length, ciphertext, tag
    flipped = bytearray(stored)
    flipped[len(sealed_files.MAGIC) + 10] ^= 1
    swapped = sealed_files.MAGIC + body[record : 2 * record] + body[:record] + body[2 * record :]
    dropped_last = sealed_files.MAGIC + body[: 3 * record]
    cut = stored[:-3]
    for bad in (bytes(flipped), swapped, dropped_last, cut, b"not sealed at all"):
        with pytest.raises(sealed_files.SealedFileError):
            _unseal(bad, key)
    _other, other_key = _seal(data)
    with pytest.raises(sealed_files.SealedFileError):
        _unseal(stored, other_key)


@pytest.mark.django_db
def test_a_field_key_rotation_rewraps_the_data_key_only(settings) -> None:
    from tiepdan.reception.models import SessionRecording

    assert (SessionRecording, ("file_key",)) in vault.EXTRA_SEALED
    data = os.urandom(2 * SIZE)
    stored, key = _seal(data)
    old = settings.TIEPDAN_FIELD_KEY
    settings.TIEPDAN_FIELD_KEY = "ab" * 32
    settings.TIEPDAN_FIELD_KEY_FALLBACKS = [old]
    assert not vault.is_current(key)
    rotated = vault.rotate(key)
    assert vault.is_current(rotated)
    assert _unseal(stored, rotated) == data
