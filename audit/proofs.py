"""RFC 6962 inclusion proofs over a fixed (pinned) list of leaves, and their verification
(RFC 9162 2.1.3.2). The tree is built once; each audit path then costs O(log^2 n)."""

from __future__ import annotations

from collections.abc import Sequence

from audit.hashing import EMPTY_ROOT, node_hash


def _split(n: int) -> int:
    k = 1
    while k * 2 < n:
        k *= 2
    return k


class PinnedTree:
    """The Merkle tree of exactly these leaves; it never grows, so a proof from it is
    always against this size and root, whatever is appended to the log meanwhile."""

    def __init__(self, leaves: Sequence[bytes]) -> None:
        self.size = len(leaves)
        self.levels: list[list[bytes]] = [list(leaves)]
        while len(self.levels[-1]) > 1:
            prev = self.levels[-1]
            self.levels.append([node_hash(prev[i], prev[i + 1]) for i in range(0, len(prev) - 1, 2)])

    def hash_of(self, a: int, b: int) -> bytes:
        """MTH of leaves a..b-1."""
        n = b - a
        if n == 0:
            return EMPTY_ROOT
        if n & (n - 1) == 0 and a % n == 0:
            return self.levels[n.bit_length() - 1][a // n]
        k = _split(n)
        return node_hash(self.hash_of(a, a + k), self.hash_of(a + k, b))

    def root(self) -> bytes:
        return self.hash_of(0, self.size)

    def path(self, index: int) -> list[bytes]:
        """PATH(index, D[size]) of RFC 6962 2.1.1: the leaf's sibling first, up to the root."""
        if not 0 <= index < self.size:
            raise ValueError(f"leaf {index} is not in a tree of size {self.size}")
        out: list[bytes] = []
        a, b, m = 0, self.size, index
        while b - a > 1:
            k = _split(b - a)
            if m < k:
                out.append(self.hash_of(a + k, b))
                b = a + k
            else:
                out.append(self.hash_of(a, a + k))
                a, m = a + k, m - k
        out.reverse()
        return out


def verify_inclusion(index: int, size: int, leaf: bytes, proof: Sequence[bytes], root: bytes) -> bool:
    """RFC 9162 2.1.3.2: does the audit path lead from this leaf at `index` to `root`?"""
    if not 0 <= index < size:
        return False
    fn, sn, r = index, size - 1, leaf
    for p in proof:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            r = node_hash(p, r)
            while not fn & 1 and fn != 0:
                fn >>= 1
                sn >>= 1
        else:
            r = node_hash(r, p)
        fn >>= 1
        sn >>= 1
    return sn == 0 and r == root
