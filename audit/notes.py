"""Signed notes (C2SP signed-note), log checkpoints (C2SP tlog-checkpoint) and witness
cosignatures (C2SP tlog-cosignature, cosignature/v1), with Ed25519 from `cryptography`.

    <origin>\\n<size>\\n<base64 root>\\n          the checkpoint (note text)
    \\n
    — <key name> base64(key id || signature)\\n   one line per signature

Key id = SHA-256(name || 0x0A || type || 32-byte public key)[:4]; type 0x01 for the
agency's own signature over the note text, 0x04 for a witness cosignature whose signature
is timestamp (u64 big endian) || Ed25519 over "cosignature/v1\\ntime <t>\\n" + note text.
Keys are written as in the Go note package: verifier key "<name>+<hex id>+<base64(type ||
public key)>", private key "PRIVATE+KEY+<name>+<hex id>+<base64(type || seed)>".
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import re
import struct
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from audit import errors
from audit.errors import AuditUsageError

ED25519 = 0x01
COSIGNATURE_V1 = 0x04
DASH = "\u2014 "
_NAME = re.compile(r"[^\s+]+")


def key_id(name: str, sig_type: int, public: bytes) -> bytes:
    return hashlib.sha256(name.encode("utf-8") + b"\n" + bytes([sig_type]) + public).digest()[:4]


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


@dataclass(frozen=True)
class Verifier:
    """A public key: who signs (name), how (type), and the key id signature lines carry."""

    name: str
    sig_type: int
    public: bytes

    @property
    def id(self) -> bytes:
        return key_id(self.name, self.sig_type, self.public)

    def vkey(self) -> str:
        return f"{self.name}+{self.id.hex()}+{_b64(bytes([self.sig_type]) + self.public)}"

    def check(self, note_text: str, sig: bytes) -> bool:
        """Does `sig` (without its key id) verify over this note text?"""
        key = Ed25519PublicKey.from_public_bytes(self.public)
        msg = note_text.encode("utf-8")
        if self.sig_type == COSIGNATURE_V1:
            if len(sig) != 8 + 64:
                return False
            (t,) = struct.unpack(">Q", sig[:8])
            msg, sig = cosigned_message(note_text, t), sig[8:]
        try:
            key.verify(sig, msg)
        except InvalidSignature:
            return False
        return True


def cosigned_message(note_text: str, timestamp: int) -> bytes:
    return f"cosignature/v1\ntime {timestamp}\n{note_text}".encode()


@dataclass(frozen=True)
class Signer:
    verifier: Verifier
    seed: bytes

    @property
    def name(self) -> str:
        return self.verifier.name

    def sign(self, note_text: str, timestamp: int | None = None) -> str:
        """One signature line over the note text (a cosignature needs the timestamp)."""
        key = Ed25519PrivateKey.from_private_bytes(self.seed)
        if self.verifier.sig_type == COSIGNATURE_V1:
            if timestamp is None:
                raise ValueError("a cosignature needs a timestamp")
            sig = struct.pack(">Q", timestamp) + key.sign(cosigned_message(note_text, timestamp))
        else:
            sig = key.sign(note_text.encode("utf-8"))
        return f"{DASH}{self.name} {_b64(self.verifier.id + sig)}\n"

    def private_text(self) -> str:
        return f"PRIVATE+KEY+{self.name}+{self.verifier.id.hex()}+{_b64(bytes([self.verifier.sig_type]) + self.seed)}\n"


def new_signer(name: str, witness: bool = False) -> Signer:
    if not _NAME.fullmatch(name or ""):
        raise AuditUsageError(errors.BAD_KEY, f"key name {name!r} must be non-empty, without spaces or '+'")
    key = Ed25519PrivateKey.generate()
    seed = key.private_bytes_raw()
    public = key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    return Signer(Verifier(name, COSIGNATURE_V1 if witness else ED25519, public), seed)


def _split_key(text: str, parts: int, source: str) -> list[str]:
    fields = text.strip().split("+", parts - 1)  # base64 may hold "+"; names never do
    if len(fields) != parts or not all(fields):
        raise AuditUsageError(errors.BAD_KEY, f"{source}: not a key in the form "
                              f"{'PRIVATE+KEY+' if parts == 5 else ''}<name>+<key id>+<base64 key>")
    return fields


def _typed(blob_text: str, size: int, source: str) -> tuple[int, bytes]:
    try:
        blob = _unb64(blob_text)
    except (binascii.Error, ValueError):
        raise AuditUsageError(errors.BAD_KEY, f"{source}: key material is not base64") from None
    if len(blob) != 1 + size or blob[0] not in (ED25519, COSIGNATURE_V1):
        raise AuditUsageError(errors.BAD_KEY, f"{source}: key is not an Ed25519 key of type 0x01 or 0x04")
    return blob[0], blob[1:]


def parse_vkey(text: str, source: str = "key") -> Verifier:
    name, hex_id, blob = _split_key(text, 3, source)
    sig_type, public = _typed(blob, 32, source)
    v = Verifier(name, sig_type, public)
    if v.id.hex() != hex_id.lower():
        raise AuditUsageError(errors.BAD_KEY, f"{source}: key id {hex_id} does not match the key")
    return v


def parse_private(text: str, source: str = "private key") -> Signer:
    fields = _split_key(text, 5, source)
    if fields[:2] != ["PRIVATE", "KEY"]:
        raise AuditUsageError(errors.BAD_KEY, f"{source}: a private key starts with PRIVATE+KEY+")
    name, hex_id, blob = fields[2:]
    sig_type, seed = _typed(blob, 32, source)
    key = Ed25519PrivateKey.from_private_bytes(seed)
    v = Verifier(name, sig_type, key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw))
    if v.id.hex() != hex_id.lower():
        raise AuditUsageError(errors.BAD_KEY, f"{source}: key id {hex_id} does not match the key")
    return Signer(v, seed)


# ---------------------------------------------------------------- notes and checkpoints


@dataclass(frozen=True)
class SignatureLine:
    name: str
    key_id: bytes
    sig: bytes  # after the key id

    def text(self) -> str:
        return f"{DASH}{self.name} {_b64(self.key_id + self.sig)}\n"


@dataclass(frozen=True)
class Note:
    text: str  # the note text, ending in a newline
    signatures: tuple[SignatureLine, ...]

    def to_text(self) -> str:
        return self.text + "\n" + "".join(s.text() for s in self.signatures)

    def signed_by(self, v: Verifier) -> bool | None:
        """True: a valid signature of v; False: a line of v that does not verify (forged);
        None: no line of v at all."""
        mine = [s for s in self.signatures if s.name == v.name and s.key_id == v.id]
        if not mine:
            return None
        return all(v.check(self.text, s.sig) for s in mine)

    def cosigned_at(self, v: Verifier) -> int | None:
        """Timestamp of a valid cosignature of v, else None."""
        for s in self.signatures:
            if s.name == v.name and s.key_id == v.id and v.check(self.text, s.sig):
                return int(struct.unpack(">Q", s.sig[:8])[0])
        return None

    def merged(self, other: Note) -> Note:
        """Same note text, signature lines of both (each once, in first-seen order)."""
        sigs = list(self.signatures) + [s for s in other.signatures if s not in self.signatures]
        return Note(self.text, tuple(sigs))

    def with_signature(self, line: str) -> Note:
        return self.merged(parse_note(self.text + "\n" + line))


def parse_note(text: str, source: str = "note") -> Note:
    def bad(msg: str) -> AuditUsageError:
        return AuditUsageError(errors.BAD_NOTE, f"{source}: {msg}")

    if any(ord(c) < 0x20 and c != "\n" for c in text):
        raise bad("control characters other than newline are not allowed in a signed note")
    cut = text.rfind("\n\n")
    if cut < 0:
        raise bad("no blank line separates the checkpoint from its signature lines")
    body, sig_part = text[:cut + 1], text[cut + 2:]
    sigs: list[SignatureLine] = []
    for i, line in enumerate(sig_part.split("\n")):
        if not line and i == len(sig_part.split("\n")) - 1:
            break
        m = re.fullmatch(r"\u2014 ([^\s+]+) ([A-Za-z0-9+/=]+)", line)
        if not m:
            raise bad(f"signature line {i + 1} is not '\u2014 <key name> <base64 signature>'")
        raw = _unb64(m.group(2))
        if len(raw) < 5:
            raise bad(f"signature line {i + 1} is too short")
        sigs.append(SignatureLine(m.group(1), raw[:4], raw[4:]))
    if not sigs:
        raise bad("no signature lines")
    return Note(body, tuple(sigs))


@dataclass(frozen=True)
class TreeHead:
    origin: str
    size: int
    root: bytes

    def note_text(self) -> str:
        return f"{self.origin}\n{self.size}\n{_b64(self.root)}\n"


def parse_tree_head(note_text: str, source: str = "checkpoint") -> TreeHead:
    lines = note_text.split("\n")
    if len(lines) < 4 or lines[-1] != "" or not all(lines[:-1]):
        raise AuditUsageError(errors.BAD_NOTE, f"{source}: a checkpoint is origin, size and root hash "
                              "lines (then optional extension lines), each ending in a newline")
    origin, size, root = lines[0], lines[1], lines[2]
    if not re.fullmatch(r"0|[1-9][0-9]*", size):
        raise AuditUsageError(errors.BAD_NOTE, f"{source}:2: tree size {size!r} is not a decimal without leading zeros")
    try:
        raw = _unb64(root)
    except (binascii.Error, ValueError):
        raw = b""
    if len(raw) != 32:
        raise AuditUsageError(errors.BAD_NOTE, f"{source}:3: root hash is not the base64 of 32 bytes")
    return TreeHead(origin, int(size), raw)


def sign_tree_head(head: TreeHead, signer: Signer) -> Note:
    text = head.note_text()
    return parse_note(text + "\n" + signer.sign(text))
