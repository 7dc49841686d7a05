"""Near-duplicate detection: MinHash signatures, an LSH index, exact verification, grouping.

Syndicated copies and aggregator reposts of one article differ by a dropped or moved sentence,
a changed title, appended boilerplate, a few edited words. Texts are compared as sets of word
3-grams ("shingles") of the folded text (``core.text.fold``: no case, no diacritics, ``đ`` →
``d``), so tone-mark style, Unicode form and casing never matter.

The pipeline, as measured in ``stack-measurements.md`` §4:

1. ``signature(text)``: a 128-permutation MinHash of the shingle set. The permutations come from
   a fixed seed and the shingles from ``zlib.crc32``, so signatures are identical in every process
   and on every machine and can be **stored** (``signature_bytes`` → 512 bytes,
   ``signature_from_bytes``). ``SIGNATURE_VERSION`` changes whenever that stops being true.
2. ``NearDuplicateIndex``: a datasketch ``MinHashLSH`` at a low candidate threshold (0.5: recall
   ~0.999 for pairs at 0.7) proposes candidates; each is verified against ``threshold`` (0.7).
   Verification uses the exact Jaccard similarity of the shingle sets when both texts were given,
   and the MinHash estimate otherwise (an index rebuilt from stored signatures). The estimate is
   unbiased with a standard error of ``sqrt(J(1 - J) / 128)``: 0.04 at J = 0.7, so a pair whose
   true similarity lies within ±0.08 of the threshold may fall on either side of it. Measured by
   ``bench/dedupe.py`` on 2,500 baomoi articles × 4 (15,000 generated pairs, 1.4 % of them below
   0.7): exact verification finds pairs with recall 0.986 (every pair at ≥ 0.7) and precision
   1.0; signatures alone, recall 0.979 and precision 1.0.
3. ``group_near_duplicates(items)``: union-find over verified pairs; every key maps to the first
   key of its group in input order (pass items oldest first).
"""

from __future__ import annotations

import zlib
from collections.abc import Hashable, Iterable
from dataclasses import dataclass

import numpy as np
from datasketch import LeanMinHash, MinHash, MinHashLSH

from tuyengiao.core.text import fold, nfc, words

__all__ = [
    "CANDIDATE_THRESHOLD",
    "NUM_PERM",
    "SHINGLE_SIZE",
    "SIGNATURE_VERSION",
    "THRESHOLD",
    "Fingerprint",
    "NearDuplicateIndex",
    "estimated_jaccard",
    "exact_jaccard",
    "fingerprint",
    "group_near_duplicates",
    "shingles",
    "signature",
    "signature_bytes",
    "signature_from_bytes",
]

#: Bumped whenever a stored signature would no longer match a new one for the same text.
SIGNATURE_VERSION = 1
NUM_PERM = 128
SHINGLE_SIZE = 3
#: Default similarity (Jaccard of shingle sets) at which two texts are near-duplicates.
THRESHOLD = 0.7
#: LSH threshold for candidates, verified afterwards; 25 bands of 5 rows for 128 permutations.
CANDIDATE_THRESHOLD = 0.5
_LSH_PARAMS = (25, 5)
_SEED = 2017
_SCHEME = "affine32"
_DTYPE = np.dtype("<u4")
# Permutation parameters of every signature: a constant table, computed once, read-only.
_PERMUTATIONS = MinHash(num_perm=NUM_PERM, seed=_SEED, scheme=_SCHEME).permutations
_PERMUTATIONS.setflags(write=False)
_EMPTY: np.ndarray = np.zeros(0, dtype=np.uint32)
_EMPTY.setflags(write=False)


@dataclass(frozen=True, slots=True)
class Fingerprint:
    """What the index keeps of one text: its signature and, when known, its shingle set.

    Attributes:
        signature: the MinHash of the shingle set.
        shingles: sorted unique 32-bit shingle hashes, or None when only the signature is
            known (an index rebuilt from stored signatures).
    """

    signature: LeanMinHash
    shingles: np.ndarray | None = None

    @property
    def empty(self) -> bool:
        """Whether the text had no words: an empty text is a near-duplicate of nothing."""
        if self.shingles is not None:
            return len(self.shingles) == 0
        return bool(self.signature.is_empty())


def _word_hashes(text: str) -> np.ndarray:
    """crc32 of every folded word of ``text``, in order (each distinct word hashed once)."""
    found = words(fold(nfc(text)))
    crc = {word: zlib.crc32(word.encode()) for word in set(found)}
    return np.array([crc[word] for word in found], dtype=np.uint32)


def shingles(text: str) -> np.ndarray:
    """The shingle set of ``text``: hashes of its folded word 3-grams, sorted, unique.

    A text of one or two words has one shingle (those words). Hashes combine the words' crc32
    with a polynomial mod 2^32, so they are stable across processes.

    Args:
        text: any text (title and body, as the caller prefers).

    Returns:
        A read-only uint32 array, empty for a text without words.
    """
    hashes = _word_hashes(text)
    if len(hashes) == 0:
        return _EMPTY
    if len(hashes) < SHINGLE_SIZE:
        hashes = np.concatenate([hashes, np.zeros(SHINGLE_SIZE - len(hashes), dtype=np.uint32)])
    width = len(hashes) - SHINGLE_SIZE + 1
    hashed = hashes[:width].copy()
    for offset in range(1, SHINGLE_SIZE):
        hashed = hashed * np.uint32(0x9E3779B1) + hashes[offset : offset + width]
    hashed.sort()  # unique by sorting: np.unique hashes, several times slower on a text's worth
    result = hashed[np.concatenate(([True], hashed[1:] != hashed[:-1]))]
    result.setflags(write=False)
    return result


def _minhash(shingle_set: np.ndarray) -> LeanMinHash:
    """The MinHash of a shingle set, with the module's fixed permutations.

    The values are those of datasketch's ``update_batch`` for the ``affine32`` scheme (the
    MurmurHash3 finalizer, then ``a·h + b`` mod 2^32, then the minimum per permutation), computed
    on the array at once rather than through a Python list (tests compare the two).
    """
    minhash = MinHash(
        num_perm=NUM_PERM, seed=_SEED, hashfunc=int, permutations=_PERMUTATIONS, scheme=_SCHEME
    )
    if len(shingle_set):
        hashed = _fmix32(shingle_set.astype(np.uint32, copy=False)).reshape(-1, 1)
        a, b = _PERMUTATIONS
        minhash.hashvalues = np.minimum(minhash.hashvalues, (hashed * a + b).min(axis=0))
    return LeanMinHash(minhash)


def _fmix32(h: np.ndarray) -> np.ndarray:
    """MurmurHash3's 32-bit finalizer, element-wise (multiplications wrap mod 2^32)."""
    h = h ^ (h >> np.uint32(16))
    h = h * np.uint32(0x85EBCA6B)
    h = h ^ (h >> np.uint32(13))
    h = h * np.uint32(0xC2B2AE35)
    return h ^ (h >> np.uint32(16))


def fingerprint(item: str | bytes | MinHash | Fingerprint) -> Fingerprint:
    """What the index needs of a text: its signature and shingle set.

    Args:
        item: a text (signature and shingle set), stored signature bytes or a signature
            (signature only), or a fingerprint (returned as is).
    """
    if isinstance(item, Fingerprint):
        return item
    if isinstance(item, str):
        shingle_set = shingles(item)
        return Fingerprint(_minhash(shingle_set), shingle_set)
    if isinstance(item, bytes | bytearray | memoryview):
        return Fingerprint(signature_from_bytes(bytes(item)))
    return Fingerprint(item if isinstance(item, LeanMinHash) else LeanMinHash(item))


def signature(text: str) -> LeanMinHash:
    """The MinHash signature of ``text`` (128 permutations, fixed seed, stable everywhere).

    Args:
        text: any text.

    Returns:
        A datasketch ``LeanMinHash`` (a ``MinHash`` that can no longer be updated).
    """
    return _minhash(shingles(text))


def signature_bytes(item: str | MinHash) -> bytes:
    """A signature as 512 bytes to store: the 128 hash values as little-endian uint32.

    Args:
        item: a text, or a signature made by ``signature``.

    Returns:
        The bytes ``signature_from_bytes`` reads back.
    """
    minhash = signature(item) if isinstance(item, str) else item
    return np.asarray(minhash.hashvalues, dtype=_DTYPE).tobytes()


def signature_from_bytes(data: bytes) -> LeanMinHash:
    """Read a signature stored by ``signature_bytes``.

    Raises:
        ValueError: ``data`` is not 512 bytes.
    """
    if len(data) != NUM_PERM * _DTYPE.itemsize:
        raise ValueError(f"a signature is {NUM_PERM * _DTYPE.itemsize} bytes, got {len(data)}")
    values = np.frombuffer(data, dtype=_DTYPE).astype(np.uint32)
    return LeanMinHash(seed=_SEED, hashvalues=values, scheme=_SCHEME)


def exact_jaccard(a: np.ndarray, b: np.ndarray) -> float:
    """Jaccard similarity of two shingle sets (sorted unique arrays); 0 when both are empty."""
    if len(a) == 0 or len(b) == 0:
        return 0.0
    common = len(np.intersect1d(a, b, assume_unique=True))
    return common / (len(a) + len(b) - common)


def estimated_jaccard(a: MinHash, b: MinHash) -> float:
    """Jaccard similarity estimated from two signatures (standard error ≈ 0.04 near 0.7)."""
    if a.is_empty() or b.is_empty():
        return 0.0
    return float(np.count_nonzero(a.hashvalues == b.hashvalues)) / NUM_PERM


def _similarity(a: Fingerprint, b: Fingerprint) -> float:
    """Exact Jaccard when both shingle sets are known, the MinHash estimate otherwise."""
    if a.shingles is not None and b.shingles is not None:
        return exact_jaccard(a.shingles, b.shingles)
    return estimated_jaccard(a.signature, b.signature)


class NearDuplicateIndex:
    """Find the near-duplicates of a text among the texts added so far.

    An index is derived data: rebuild it from stored signatures (``add(key, stored_bytes)``),
    with texts when they are at hand for exact verification.

    Args:
        threshold: the Jaccard similarity at which two texts are near-duplicates.
        keep_shingles: keep the shingle sets of added texts (about 4 bytes per word) for exact
            verification; when False, verification uses signatures only.
    """

    def __init__(self, threshold: float = THRESHOLD, keep_shingles: bool = True) -> None:
        if not 0.0 < threshold <= 1.0:
            raise ValueError("threshold must be in (0, 1]")
        self.threshold = threshold
        self.keep_shingles = keep_shingles
        self._lsh = MinHashLSH(threshold=CANDIDATE_THRESHOLD, num_perm=NUM_PERM, params=_LSH_PARAMS)
        self._items: dict[Hashable, Fingerprint] = {}
        self._order: dict[Hashable, int] = {}  # insertion number, to break ties
        self._added = 0

    def __len__(self) -> int:
        return len(self._items)

    def __contains__(self, key: object) -> bool:
        return key in self._items

    def add(self, key: Hashable, item: str | bytes | MinHash | Fingerprint) -> None:
        """Add a text, or its signature (a MinHash or stored bytes), under ``key``.

        Raises:
            KeyError: ``key`` is already in the index.
        """
        if key in self._items:
            raise KeyError(f"already indexed: {key!r}")
        entry = fingerprint(item)
        if not self.keep_shingles and entry.shingles is not None:
            entry = Fingerprint(entry.signature)
        self._items[key] = entry
        self._order[key] = self._added
        self._added += 1
        if not entry.empty:
            self._lsh.insert(key, entry.signature, check_duplication=False)

    def remove(self, key: Hashable) -> None:
        """Forget ``key``; a missing key raises ``KeyError``."""
        entry = self._items.pop(key)
        del self._order[key]
        if not entry.empty:
            self._lsh.remove(key)

    def query(
        self, item: str | bytes | MinHash | Fingerprint, threshold: float | None = None
    ) -> list[tuple[Hashable, float]]:
        """The indexed near-duplicates of a text (or signature), most similar first.

        Args:
            item: the text, its fingerprint, its signature or the stored signature bytes.
            threshold: overrides the index's threshold for this query; below
                ``CANDIDATE_THRESHOLD`` (0.5) the LSH may not propose every pair.

        Returns:
            ``(key, similarity)`` pairs with similarity ≥ the threshold; ties by key order of
            insertion.
        """
        probe = fingerprint(item)
        if probe.empty:
            return []
        floor = self.threshold if threshold is None else threshold
        found = []
        for key in self._lsh.query(probe.signature):
            similarity = _similarity(probe, self._items[key])
            if similarity >= floor:
                found.append((key, similarity))
        found.sort(key=lambda pair: (-pair[1], self._order[pair[0]]))
        return found


def _find(parent: dict[Hashable, Hashable], key: Hashable) -> Hashable:
    """The root of ``key`` in a union-find forest, halving paths on the way."""
    while parent[key] != key:
        parent[key] = parent[parent[key]]
        key = parent[key]
    return key


def group_near_duplicates(
    items: Iterable[tuple[Hashable, str | bytes | MinHash | Fingerprint]],
    threshold: float = THRESHOLD,
) -> dict[Hashable, Hashable]:
    """Group texts into near-duplicate groups.

    Args:
        items: ``(key, text)`` pairs, oldest first; a stored signature may stand for a text.
        threshold: the Jaccard similarity at which two texts are near-duplicates.

    Returns:
        Every key mapped to its group key: the first key of its group in input order (a text
        with no near-duplicate is its own group).
    """
    index = NearDuplicateIndex(threshold)
    parent: dict[Hashable, Hashable] = {}
    rank: dict[Hashable, int] = {}
    for key, item in items:
        probe = fingerprint(item)
        parent[key], rank[key] = key, len(rank)
        for other, _ in index.query(probe):
            a, b = _find(parent, key), _find(parent, other)
            if a != b:  # the root stays the earliest key
                early, late = (a, b) if rank[a] < rank[b] else (b, a)
                parent[late] = early
        index.add(key, probe)
    return {key: _find(parent, key) for key in parent}
