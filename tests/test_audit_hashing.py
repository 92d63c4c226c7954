"""Known-answer vectors for the audit hashing (RFC 6962 leaves/nodes/MTH, chain hash),
consistency proofs, and canonical JSON.

Every expected hex value below was computed with standard tools, not with audit/:
    h() { sha256sum | cut -c1-64; }
and each test's comment shows the command. The leaf data are those of the RFC 6962 test
vectors used by Certificate Transparency: "", 00, 10, 2021, 3031 (hex bytes).
"""

from __future__ import annotations

import pytest

from audit.canonical import canonical_bytes, canonical_text
from audit.hashing import (
    CHAIN_GENESIS,
    EMPTY_ROOT,
    Frontier,
    chain_hash,
    consistency_proof,
    leaf_hash,
    mth,
    node_hash,
    verify_consistency,
)

# printf '\x00' | h
L0 = "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d"
# printf '\x00\x00' | h
L1 = "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7"
# printf '\x00\x10' | h
L2 = "0298d122906dcfc10892cb53a73992fc5b9f493ea4c9badb27b791b4127a7fe7"
# printf '\x00\x20\x21' | h
L3 = "07506a85fd9dd2f120eb694f86011e5bb4662e5c415a62917033d4a9624487e7"
# printf '\x00\x30\x31' | h
L4 = "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"
DATA = [b"", b"\x00", b"\x10", b"\x20\x21", b"\x30\x31"]
LEAVES = [L0, L1, L2, L3, L4]

# MTH of the first n leaves (n = 0..5):
ROOTS = [
    # printf '' | h   (RFC 6962: the hash of the empty string)
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    # one leaf: the leaf hash itself
    L0,
    # (printf '\x01'; echo -n $L0$L1 | xxd -r -p) | h
    "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
    # split at k=2: (printf '\x01'; echo -n $ROOT2$L2 | xxd -r -p) | h
    "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
    # N23=$( (printf '\x01'; echo -n $L2$L3 | xxd -r -p) | h ); (printf '\x01'; echo -n $ROOT2$N23 | xxd -r -p) | h
    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    # split at k=4: (printf '\x01'; echo -n $ROOT4$L4 | xxd -r -p) | h
    "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
]


def test_leaf_hashes_use_prefix_00() -> None:
    assert [leaf_hash(d).hex() for d in DATA] == LEAVES


def test_node_hash_uses_prefix_01() -> None:
    assert node_hash(bytes.fromhex(L0), bytes.fromhex(L1)).hex() == ROOTS[2]


@pytest.mark.parametrize("n", range(6))
def test_merkle_tree_hash_known_answers(n: int) -> None:
    leaves = [bytes.fromhex(h) for h in LEAVES[:n]]
    assert mth(leaves).hex() == ROOTS[n]
    f = Frontier()
    for leaf in leaves:
        f.append(leaf)
    assert f.root().hex() == ROOTS[n]


def test_empty_root_is_sha256_of_nothing() -> None:
    assert EMPTY_ROOT.hex() == ROOTS[0]


def test_chain_hash_uses_prefix_02_and_zero_genesis() -> None:
    # (printf '\x02'; head -c 32 /dev/zero; echo -n $L0 | xxd -r -p) | h
    assert chain_hash(CHAIN_GENESIS, bytes.fromhex(L0)).hex() == (
        "53cc28b203227f98ab407f4364eb99c7d3902400da57c8a4d35aa471036ee791")


def test_leaf_of_a_canonical_body() -> None:
    # printf '\x00{"kind":"run","seq":0}' | h
    body = canonical_bytes({"seq": 0, "kind": "run"})
    assert body == b'{"kind":"run","seq":0}'
    assert leaf_hash(body).hex() == "98747b3f2fbb16ecd1d45d2862f0fb07c615417de50009f2f0520e978073a50b"


def test_canonical_json_sorts_keys_no_spaces_utf8() -> None:
    # printf '\x00{"a":[1.5,"\xc3\xa9",null,true],"b":1}' | h   (é is UTF-8 c3 a9)
    text = canonical_text({"b": 1, "a": (1.5, "é", None, True)})
    assert text == '{"a":[1.5,"é",null,true],"b":1}'
    assert leaf_hash(text.encode()).hex() == "19d12294cc12a6f8409cef36f676625ea0ffcf7ce0694a95b0143c70457122a0"


def test_canonical_json_escapes_controls_in_lowercase_hex() -> None:
    assert canonical_text({"s": 'a"\\\n\x01'}) == '{"s":"a\\"\\\\\\n\\u0001"}'


@pytest.mark.parametrize("bad", [float("nan"), float("inf"), {"s": {1, 2}}, b"x", object()])
def test_canonical_json_refuses_non_json(bad: object) -> None:
    with pytest.raises((TypeError, ValueError)):
        canonical_text({"v": bad})


def test_canonical_json_is_exactly_json_dumps() -> None:
    # docs/audit-format.md section 2: json.dumps(sort_keys, ensure_ascii=False, (",", ":"),
    # allow_nan=False); an int key is written as a string key, as json.dumps writes it
    assert canonical_text({"v": {1: "x"}}) == '{"v":{"1":"x"}}'


def test_splice_gives_the_bytes_of_the_whole_body() -> None:
    from audit.canonical import splice

    payload = {"z": [1, "é"], "a": None}
    envelope = {"kind": "decision", "seq": 7, "run": 1}
    whole = canonical_text({**envelope, "decision": payload})
    assert splice(envelope, "decision", canonical_text(payload)) == whole
    assert whole == '{"decision":{"a":null,"z":[1,"é"]},"kind":"decision","run":1,"seq":7}'


# RFC 6962 section 2.1.3 example tree of 7 leaves d0..d6:
#   a..f = leaf(d0..d5), g = node(a,b), h = node(c,d), i = node(e,f), j = leaf(d6),
#   k = node(g,h), l = node(i,j).  PROOF(3, D[7]) = [c, d, g, l]; PROOF(4, D[7]) = [l];
#   PROOF(6, D[7]) = [i, j, k].
def _rfc_tree() -> dict[str, bytes]:
    t = {name: leaf_hash(bytes([n])) for n, name in enumerate("abcdef")}
    t["j"] = leaf_hash(bytes([6]))
    t["g"], t["h"], t["i"] = node_hash(t["a"], t["b"]), node_hash(t["c"], t["d"]), node_hash(t["e"], t["f"])
    t["k"], t["l"] = node_hash(t["g"], t["h"]), node_hash(t["i"], t["j"])
    t["root7"] = node_hash(t["k"], t["l"])
    t["root3"] = node_hash(t["g"], t["c"])
    t["root6"] = node_hash(t["k"], t["i"])
    return t


@pytest.mark.parametrize(("m", "names"), [(3, "cdgl"), (4, "l"), (6, "ijk")])
def test_consistency_proofs_of_the_rfc_example(m: int, names: str) -> None:
    t = _rfc_tree()
    leaves = [leaf_hash(bytes([n])) for n in range(7)]
    assert consistency_proof(leaves, m) == [t[c] for c in names]
    old = {3: t["root3"], 4: t["k"], 6: t["root6"]}[m]
    assert verify_consistency(m, 7, old, t["root7"], [t[c] for c in names])


def test_consistency_verification_rejects_tampered_proofs() -> None:
    t = _rfc_tree()
    proof = [t[c] for c in "cdgl"]
    flipped = bytearray(proof[1])
    flipped[0] ^= 1
    assert not verify_consistency(3, 7, t["root3"], t["root7"], [proof[0], bytes(flipped), *proof[2:]])
    assert not verify_consistency(3, 7, t["root3"], t["root7"], proof[:-1])  # truncated proof
    assert not verify_consistency(3, 7, t["root6"], t["root7"], proof)  # wrong old root
    assert not verify_consistency(3, 7, t["root3"], t["root6"], proof)  # wrong new root
    assert not verify_consistency(8, 7, t["root3"], t["root7"], [])  # shrinking log


def test_every_prefix_of_up_to_33_leaves_is_consistent_with_every_later_tree() -> None:
    leaves = [leaf_hash(i.to_bytes(2, "big")) for i in range(33)]
    f = Frontier()
    prefix_roots = [f.root()]
    for leaf in leaves:
        f.append(leaf)
        prefix_roots.append(f.root())
    for n in range(1, 34):
        assert prefix_roots[n] == mth(leaves[:n])
        for m in range(1, n + 1):
            proof = consistency_proof(leaves[:n], m)
            assert verify_consistency(m, n, prefix_roots[m], prefix_roots[n], proof), (m, n)
            if m < n:  # another old tree must not pass with the same proof
                other = mth(leaves[1:m + 1])
                assert not verify_consistency(m, n, other, prefix_roots[n], proof), (m, n)


# ---- edges of the consistency check (issue #22) -------------------------------------------

def _leaves(n: int) -> list[bytes]:
    return [leaf_hash(bytes([i])) for i in range(n)]


@pytest.mark.parametrize("m", [0, -1, 6])
def test_consistency_proof_needs_0_lt_m_le_n(m: int) -> None:
    # m = 0 has no proof (any log extends the empty one); it must raise, not recurse
    with pytest.raises(ValueError, match="0 < m <= n"):
        consistency_proof(_leaves(5), m)


def test_a_proof_of_the_whole_tree_is_empty() -> None:
    assert consistency_proof(_leaves(5), 5) == []
    assert consistency_proof(_leaves(1), 1) == []


def test_empty_old_tree_is_consistent_with_any_tree_only_with_an_empty_proof() -> None:
    leaves = _leaves(5)
    root5 = mth(leaves)
    assert verify_consistency(0, 5, EMPTY_ROOT, root5, []) is True
    assert verify_consistency(0, 0, EMPTY_ROOT, EMPTY_ROOT, []) is True
    assert verify_consistency(0, 5, EMPTY_ROOT, root5, [leaves[0]]) is False


def test_same_size_is_consistent_only_with_the_same_root_and_no_proof() -> None:
    leaves = _leaves(4)
    root = mth(leaves)
    assert verify_consistency(4, 4, root, root, []) is True
    assert verify_consistency(4, 4, root, mth(leaves[:3]), []) is False
    assert verify_consistency(4, 4, root, root, [leaves[0]]) is False


def test_a_larger_old_tree_or_a_negative_size_is_never_consistent() -> None:
    leaves = _leaves(4)
    assert verify_consistency(5, 4, mth(leaves), mth(leaves), []) is False
    assert verify_consistency(-1, 4, EMPTY_ROOT, mth(leaves), []) is False


def test_an_empty_or_overlong_proof_is_refused() -> None:
    t = _rfc_tree()
    proof = [t[c] for c in "cdgl"]
    assert verify_consistency(3, 7, t["root3"], t["root7"], []) is False
    assert verify_consistency(3, 7, t["root3"], t["root7"], [*proof, t["a"]]) is False
    # m a power of two: the old root itself starts the path, so [l] alone proves 4 -> 7
    assert verify_consistency(4, 7, t["k"], t["root7"], [t["l"]]) is True
    assert verify_consistency(4, 7, t["k"], t["root7"], []) is False
    assert verify_consistency(4, 7, t["k"], t["root7"], [t["l"], t["l"]]) is False


def test_frontier_counts_its_leaves() -> None:
    f = Frontier()
    for i, leaf in enumerate(_leaves(6), 1):
        f.append(leaf)
        assert f.size == i


def test_sizes_out_of_range_are_refused_whatever_the_roots() -> None:
    # RFC 9162 2.1.4.2 starts with "if m > n (or m < 0) the proof fails": roots and path that
    # the loop would accept must not rescue an impossible pair of sizes
    x = leaf_hash(b"x")
    assert verify_consistency(-1, 1, x, x, [x]) is False  # a negative old size
    assert verify_consistency(2, 1, x, x, []) is False  # an old tree larger than the new one


def test_a_proof_longer_than_the_path_is_refused_even_with_matching_roots() -> None:
    # PROOF(3, D[4]) = [c, d, g] (RFC 6962 2.1.3). A forger appends an extra node x and
    # presents roots that fold x in as one more level: once the path has reached the root
    # (sn == 0) any further element must fail the proof.
    leaves = _leaves(4)
    a, b, c, d = leaves
    g = node_hash(a, b)
    assert consistency_proof(leaves, 3) == [c, d, g]
    root3, root4 = node_hash(g, c), node_hash(g, node_hash(c, d))
    assert verify_consistency(3, 4, root3, root4, [c, d, g]) is True
    x = leaf_hash(b"extra")
    assert verify_consistency(3, 4, node_hash(x, root3), node_hash(x, root4), [c, d, g, x]) is False
