"""Trust policy (C2SP tlog-policy): which log keys sign checkpoints, which witnesses
cosign them, and how many cosignatures make a checkpoint witnessed.

    log <vkey> [url]
    witness <name> <vkey> [url]
    group <name> all|any|<k> <member>...
    quorum <name>|none

Lines are separated by newlines; items by spaces or tabs; '#' starts a comment line.
"""

from __future__ import annotations

from dataclasses import dataclass

from audit import errors
from audit.errors import AuditUsageError
from audit.notes import COSIGNATURE_V1, ED25519, Note, Verifier, parse_vkey


@dataclass(frozen=True)
class Group:
    threshold: int
    members: tuple[str, ...]


@dataclass(frozen=True)
class Policy:
    logs: tuple[Verifier, ...]
    witnesses: dict[str, Verifier]
    groups: dict[str, Group]
    quorum: str  # a witness or group name, or "none"

    def log_key(self, origin: str) -> Verifier | None:
        """The log key whose name is the checkpoint's origin."""
        return next((v for v in self.logs if v.name == origin), None)

    def cosigners(self, note: Note) -> dict[str, int]:
        """Witness name -> timestamp of its valid cosignature on this note."""
        out = {}
        for name, v in sorted(self.witnesses.items()):
            t = note.cosigned_at(v)
            if t is not None:
                out[name] = t
        return out

    def satisfied(self, cosigned: set[str], name: str | None = None) -> bool:
        name = self.quorum if name is None else name
        if name == "none":
            return True
        if name in self.witnesses:
            return name in cosigned
        g = self.groups[name]
        return sum(self.satisfied(cosigned, m) for m in g.members) >= g.threshold

    def describe(self) -> str:
        if self.quorum == "none":
            return "no cosignature required"
        if self.quorum in self.witnesses:
            return f"cosignature of {self.quorum}"
        g = self.groups[self.quorum]
        return f"{g.threshold} of {', '.join(g.members)}"


def parse_policy(text: str, source: str = "policy") -> Policy:
    logs: list[Verifier] = []
    witnesses: dict[str, Verifier] = {}
    groups: dict[str, Group] = {}
    quorum: str | None = None
    seen_keys: set[bytes] = set()

    def bad(n: int, msg: str) -> AuditUsageError:
        return AuditUsageError(errors.BAD_POLICY, f"{source}:{n}: {msg}")

    for n, raw in enumerate(text.split("\n"), start=1):
        items = raw.replace("\t", " ").split()
        if not items or items[0].startswith("#"):
            continue
        kw, args = items[0], items[1:]
        try:
            if kw == "log" and len(args) in (1, 2):
                v = parse_vkey(args[0], f"{source}:{n}")
                if v.sig_type != ED25519:
                    raise bad(n, "a log key must be an Ed25519 signature key (type 0x01)")
                if v.public in seen_keys:
                    raise bad(n, "the same key is listed twice")
                seen_keys.add(v.public)
                logs.append(v)
            elif kw == "witness" and len(args) in (2, 3):
                name = args[0]
                if name == "none" or name in witnesses or name in groups:
                    raise bad(n, f"name {name!r} is reserved or defined twice")
                v = parse_vkey(args[1], f"{source}:{n}")
                if v.sig_type != COSIGNATURE_V1:
                    raise bad(n, "a witness key must be a cosignature key (type 0x04)")
                if v.public in seen_keys:
                    raise bad(n, "the same key is listed twice")
                seen_keys.add(v.public)
                witnesses[name] = v
            elif kw == "group" and len(args) >= 3:
                name, k, members = args[0], args[1], tuple(args[2:])
                if name == "none" or name in witnesses or name in groups:
                    raise bad(n, f"name {name!r} is reserved or defined twice")
                unknown = [m for m in members if m not in witnesses and m not in groups]
                if unknown or len(set(members)) != len(members):
                    raise bad(n, f"group members must be witnesses or groups defined above, each once: {unknown or members}")
                threshold = {"all": len(members), "any": 1}.get(k) or (int(k) if k.isdigit() else 0)
                if not 1 <= threshold <= len(members):
                    raise bad(n, f"threshold {k!r} must be all, any or a number from 1 to {len(members)}")
                groups[name] = Group(threshold, members)
            elif kw == "quorum" and len(args) == 1:
                if quorum is not None:
                    raise bad(n, "more than one quorum line")
                if args[0] != "none" and args[0] not in witnesses and args[0] not in groups:
                    raise bad(n, f"quorum {args[0]!r} is not a witness or group defined above")
                quorum = args[0]
            else:
                raise bad(n, f"expected 'log <vkey>', 'witness <name> <vkey>', 'group <name> <k> <members>' "
                          f"or 'quorum <name>', got {kw!r} with {len(args)} item(s)")
        except AuditUsageError as exc:
            if exc.code == errors.BAD_POLICY:
                raise
            raise bad(n, str(exc).removeprefix(f"{exc.code} ")) from None
    if not logs:
        raise bad(0, "no 'log <vkey>' line: which key signs the checkpoints?")
    if quorum is None:
        raise bad(0, "no 'quorum' line (write 'quorum none' to require no witness)")
    return Policy(tuple(logs), witnesses, groups, quorum)
