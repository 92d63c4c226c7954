"""RFC 6962 hashing: leaf and node hashes with distinct prefixes, Merkle Tree Hash,
consistency proofs; plus the running chain hash of the log (its own prefix 0x02).

All hashes are SHA-256, handled as 32-byte `bytes` here and as lowercase hex in storage.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

LEAF_PREFIX = b"\x00"
NODE_PREFIX = b"\x01"
CHAIN_PREFIX = b"\x02"
CHAIN_GENESIS = bytes(32)  # the "previous chain hash" of entry 0
EMPTY_ROOT = hashlib.sha256(b"").digest()  # MTH({}) per RFC 6962 2.1


def leaf_hash(data: bytes) -> bytes:
    return hashlib.sha256(LEAF_PREFIX + data).digest()


def node_hash(left: bytes, right: bytes) -> bytes:
    return hashlib.sha256(NODE_PREFIX + left + right).digest()


def chain_hash(prev: bytes, leaf: bytes) -> bytes:
    return hashlib.sha256(CHAIN_PREFIX + prev + leaf).digest()


def _split(n: int) -> int:
    """Largest power of two strictly smaller than n (n >= 2)."""
    k = 1
    while k * 2 < n:
        k *= 2
    return k


def mth(leaves: Sequence[bytes]) -> bytes:
    """Merkle Tree Hash over already-hashed leaves (RFC 6962 2.1)."""
    n = len(leaves)
    if n == 0:
        return EMPTY_ROOT
    if n == 1:
        return leaves[0]
    k = _split(n)
    return node_hash(mth(leaves[:k]), mth(leaves[k:]))


class Frontier:
    """Roots of the perfect subtrees covering the leaves so far: gives MTH of every prefix
    in O(log n) per leaf (a binary counter of subtrees, largest first)."""

    def __init__(self) -> None:
        self._stack: list[tuple[int, bytes]] = []  # (subtree size, hash)
        self.size = 0

    def append(self, leaf: bytes) -> None:
        size, h = 1, leaf
        while self._stack and self._stack[-1][0] == size:
            left_size, left = self._stack.pop()
            size, h = left_size + size, node_hash(left, h)
        self._stack.append((size, h))
        self.size += 1

    def root(self) -> bytes:
        # RFC 6962 splits at the largest power of two, so the root folds the perfect
        # subtrees from the right: H(s1, H(s2, ... s_last)).
        if not self._stack:
            return EMPTY_ROOT
        h = self._stack[-1][1]
        for _, left in reversed(self._stack[:-1]):
            h = node_hash(left, h)
        return h


def consistency_proof(leaves: Sequence[bytes], m: int) -> list[bytes]:
    """PROOF(m, D[n]) of RFC 6962 2.1.2, for 0 < m <= n."""
    n = len(leaves)
    if not 0 < m <= n:
        raise ValueError(f"consistency proof needs 0 < m <= n (m={m}, n={n})")

    def subproof(m: int, d: Sequence[bytes], complete: bool) -> list[bytes]:
        n = len(d)
        if m == n:
            return [] if complete else [mth(d)]
        k = _split(n)
        if m <= k:
            return subproof(m, d[:k], complete) + [mth(d[k:])]
        return subproof(m - k, d[k:], False) + [mth(d[:k])]

    return subproof(m, leaves, True)


def verify_consistency(m: int, n: int, root_m: bytes, root_n: bytes,
                       proof: Sequence[bytes]) -> bool:
    """RFC 9162 2.1.4.2: does the tree (n, root_n) extend the tree (m, root_m)?"""
    if m > n or m < 0:
        return False
    if m == 0:
        return len(proof) == 0
    if m == n:
        return len(proof) == 0 and root_m == root_n
    path = list(proof)
    if m & (m - 1) == 0:  # m is a power of two: the old root is itself a node of the path
        path.insert(0, root_m)
    if not path:
        return False
    fn, sn = m - 1, n - 1
    while fn & 1:
        fn >>= 1
        sn >>= 1
    fr = sr = path[0]
    for c in path[1:]:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            fr = node_hash(c, fr)
            sr = node_hash(c, sr)
            while fn and not fn & 1:  # (with fn odd this does nothing)
                fn >>= 1
                sn >>= 1
        else:
            sr = node_hash(sr, c)
        fn >>= 1
        sn >>= 1
    return fr == root_m and sr == root_n and sn == 0
