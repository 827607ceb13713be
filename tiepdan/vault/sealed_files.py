"""Large files sealed in storage (an online session's recording): encrypted as they are stored,
decrypted as they are read, never whole in memory.

Each file gets its own random 256-bit data key. The file holds `MAGIC` and then records of up to
`CHUNK` bytes of plain data, each AES-256-GCM with a 12-byte nonce counting the records and, as
associated data, its index and whether it is the last one, so that a record changed, moved,
dropped or cut off at the end is refused. The data key itself is wrapped by the field key
(`crypto.encrypt`) and kept in the database beside the file's row: rotating the field key re-wraps
32 bytes, not the file (the owning app registers the column with `vault.register_sealed`).
"""

import hashlib
import struct
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import IO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.core.files import File

from tiepdan.vault import crypto

MAGIC = b"TDSEAL1\n"
CHUNK = 1 << 20
_LENGTH = struct.Struct(">I")


class SealedFileError(ValueError):
    """The stored file is not what was sealed: changed, cut short, or not a sealed file."""


@dataclass
class Sealed:
    """An upload sealed into a temporary file, ready for `FieldFile.save`."""

    file: File
    wrapped_key: bytes
    sha256: str  # of the plain content, as an archive would list it
    size: int


def _associated(index: int, last: bool) -> bytes:
    return struct.pack(">Q?", index, last)


def _nonce(index: int) -> bytes:
    return index.to_bytes(12, "big")


def _rechunk(chunks: Iterable[bytes], size: int) -> Iterator[bytes]:
    buffer = bytearray()
    for chunk in chunks:
        buffer += chunk
        while len(buffer) >= size:
            yield bytes(buffer[:size])
            del buffer[:size]
    yield bytes(buffer)  # the rest, possibly empty: there is always a last record


def seal(chunks: Iterable[bytes], *, chunk_size: int = CHUNK) -> Sealed:
    """Encrypt the plain `chunks` into a temporary file (deleted when closed)."""
    key = AESGCM.generate_key(bit_length=256)
    cipher = AESGCM(key)
    digest, size = hashlib.sha256(), 0
    # Handed over open inside `Sealed`: the caller saves it, then closes it.
    out: IO[bytes] = tempfile.TemporaryFile()  # noqa: SIM115
    out.write(MAGIC)
    pending: bytes | None = None
    index = 0

    def write(data: bytes, last: bool) -> None:
        sealed = cipher.encrypt(_nonce(index), data, _associated(index, last))
        out.write(_LENGTH.pack(len(sealed)))
        out.write(sealed)

    for piece in _rechunk(chunks, chunk_size):
        digest.update(piece)
        size += len(piece)
        if pending is not None:
            write(pending, last=False)
            index += 1
        pending = piece
    write(pending or b"", last=True)
    out.seek(0)
    return Sealed(File(out), crypto.encrypt(key), digest.hexdigest(), size)


def _read_record(handle: IO[bytes]) -> bytes | None:
    head = handle.read(_LENGTH.size)
    if not head:
        return None
    if len(head) != _LENGTH.size:
        raise SealedFileError("cut short")
    (length,) = _LENGTH.unpack(head)
    body = handle.read(length)
    if len(body) != length:
        raise SealedFileError("cut short")
    return body


def unseal(handle: IO[bytes], wrapped_key: bytes | memoryview) -> Iterator[bytes]:
    """The plain content of a sealed file, chunk by chunk; raises `SealedFileError` (possibly
    after some chunks) when the file was changed or cut short."""
    if handle.read(len(MAGIC)) != MAGIC:
        raise SealedFileError("not a sealed file")
    cipher = AESGCM(crypto.decrypt(wrapped_key))
    index = 0
    record = _read_record(handle)
    if record is None:
        raise SealedFileError("cut short")
    while record is not None:
        following = _read_record(handle)
        try:
            yield cipher.decrypt(_nonce(index), record, _associated(index, following is None))
        except InvalidTag as exc:
            raise SealedFileError(f"record {index} does not match") from exc
        record, index = following, index + 1
