"""Emerging topics: days whose count rises well above its own baseline, and spiking phrases.

Two detectors, both pure and cheap:

- ``detect_spikes`` looks at one series of daily counts (a topic's coverage) and asks whether
  today stands out from the previous ``baseline_days``. The statistic is a robust z-score::

      baseline = max(median(window), median(same weekday in window))
      spread   = max(1.4826 × MAD(window), sqrt(baseline), 1)
      score    = (today − baseline) / spread

  The median and the MAD (median absolute deviation) ignore a few odd days; the same-weekday
  median keeps a weekly rhythm (a busy Monday) from being flagged every week; the Poisson
  floor ``sqrt(baseline)`` keeps a quiet, steady series (MAD 0) from flagging every small
  wobble (40 → 45 is not news), and the floor of 1 lets a topic with no history be flagged
  when it jumps 0 → 5. Days missing from the mapping count as 0. A spike needs
  ``score ≥ z``, ``today ≥ min_count`` and ``today ≥ min_ratio × baseline``.

- ``emerging_phrases`` compares today's articles with a history of phrase document
  frequencies: word bigrams and trigrams of folded text, scored by
  ``(today − b) / sqrt(b + 1)`` where ``b`` is the phrase's average daily document frequency
  over the history (``+ 1``: smoothing, so an unseen phrase in 3 articles scores 3, not ∞).
"""

from __future__ import annotations

import math
import re
import statistics
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date, timedelta

from tuyengiao.core.text import canonical_tones, fold, nfc

__all__ = [
    "STOP_WORDS",
    "PhraseSpike",
    "Spike",
    "detect_spikes",
    "emerging_phrases",
    "phrase_doc_freq",
    "score_day",
]

_MAD_TO_SIGMA = 1.4826  # MAD × this estimates the standard deviation of normal data


@dataclass(frozen=True, slots=True)
class Spike:
    """A day's count against its baseline; ``ratio = count / max(baseline, 1)``."""

    date: date
    count: int
    baseline: float
    score: float
    ratio: float


def _window(daily_counts: Mapping[date, int], today: date, days: int) -> list[int]:
    """Counts of the ``days`` days before ``today``, oldest first; missing days are 0."""
    return [daily_counts.get(today - timedelta(days=back), 0) for back in range(days, 0, -1)]


def score_day(daily_counts: Mapping[date, int], *, today: date, baseline_days: int = 28) -> Spike:
    """Score ``today``'s count against the previous ``baseline_days`` (module docstring).

    Args:
        daily_counts: count per day; days after ``today`` are ignored, missing days are 0.
        today: the day to score.
        baseline_days: how many days before ``today`` form the baseline (≥ 1).

    Returns:
        The ``Spike`` record for ``today``, whether or not it is a spike.
    """
    if baseline_days < 1:
        raise ValueError("baseline_days must be at least 1")
    window = _window(daily_counts, today, baseline_days)
    count = daily_counts.get(today, 0)
    median = statistics.median(window)
    same_weekday = window[-7::-7]  # 7, 14, 21 … days before today
    baseline = float(max(median, statistics.median(same_weekday) if same_weekday else 0))
    mad = statistics.median(abs(value - median) for value in window)
    spread = max(_MAD_TO_SIGMA * mad, math.sqrt(baseline), 1.0)
    score = (count - baseline) / spread
    return Spike(today, count, baseline, round(score, 3), round(count / max(baseline, 1.0), 3))


def detect_spikes(
    daily_counts: Mapping[date, int],
    *,
    today: date,
    baseline_days: int = 28,
    min_count: int = 5,
    z: float = 3.0,
    min_ratio: float = 1.5,
) -> Spike | None:
    """Whether ``today``'s count rises well above its own baseline.

    Args:
        daily_counts: count per day (articles or stories of one topic).
        today: the day to test.
        baseline_days: the length of the baseline window before ``today``.
        min_count: fewest articles today for a spike (a jump 0 → 2 is noise).
        z: the robust score a spike needs (see the module docstring).
        min_ratio: today must be at least this many times the baseline, so a big, steady
            topic is not flagged for a rise of a few per cent.

    Returns:
        The ``Spike`` when today is one, else None.
    """
    spike = score_day(daily_counts, today=today, baseline_days=baseline_days)
    if spike.count < min_count or spike.score < z or spike.count < min_ratio * spike.baseline:
        return None
    return spike


# --- phrases ---------------------------------------------------------------------------------

#: Vietnamese function words (lowercase, modern tone style): a phrase may not start or end
#: with one. Checked with diacritics, because folded they would hit content words: "thì" vs
#: "thị" (Chỉ thị), "có" vs "cơ quan", "tại" vs "tài chính", "năm" vs "Việt Nam".
STOP_WORDS: frozenset[str] = frozenset(
    """
    và với của là có không được bị cho các những một mọi mỗi này kia đó ấy nọ đây thì mà
    nhưng hay hoặc nếu vì do bởi nên để khi lúc đã đang sẽ vẫn còn cũng đều rất lắm quá
    hơn từ tại trong ngoài trên dưới về vào lên xuống đến tới theo qua sau trước như cùng
    giữa việc cái chiếc ông anh chị họ chúng tôi ta mình nó gì nào ai đâu nhiêu ngày tháng
    năm giờ phút lần nhiều ít thêm vừa rồi nữa vậy nhằm tuy dù
    """.split()  # noqa: SIM905 (a word list reads better as text)
)

_WORD = re.compile(r"[^\W_]+")
# Where a phrase may not run across: punctuation other than - or / joining two words.
_BREAK = re.compile(r"(?![-/](?<=[^\W_][-/])(?=[^\W_]))[^\w\s]+|_")
_SIZES = (2, 3)
_MAX_WORDS = 12
_EXTEND_SHARE = 0.8


@dataclass(frozen=True, slots=True)
class PhraseSpike:
    """A phrase much more frequent today than in its history.

    ``phrase`` is its most common spelling today (diacritics, modern tone style, headlines in
    capitals only as a last resort), ``folded`` its folded words (quote it for a topic
    query), ``count`` the number of today's documents holding it and ``docs`` their indices
    in ``today_docs``. ``ngram`` is the bigram or trigram (a ``history_doc_freq`` key) that
    triggered it, ``baseline`` that n-gram's average daily document count in the history
    and ``score`` its score.
    """

    phrase: str
    folded: str
    count: int
    baseline: float
    score: float
    docs: tuple[int, ...]
    ngram: str


def _runs(folded: str) -> Iterable[list[re.Match[str]]]:
    """Word matches of ``folded`` in runs that punctuation does not interrupt."""
    start = 0
    for stop in [*(m.start() for m in _BREAK.finditer(folded)), len(folded)]:
        yield list(_WORD.finditer(folded, start, stop))
        start = stop


def _doc_phrases(text: str) -> Iterable[str]:
    """The folded bigrams and trigrams of a document worth counting.

    A phrase starts and ends with a content word (checked on ``text``, which is NFC with
    canonical tones, since folding would confuse "thì" and "thị") and fewer than half of its
    words are numbers ("chiều 10", "10 2" are dates, "Chỉ thị 30" is a phrase).
    """
    for run in _runs(fold(text)):
        words = [m.group() for m in run]
        stop = [text[m.start() : m.end()].lower() in STOP_WORDS for m in run]
        digit = [word.isdigit() for word in words]
        for size in _SIZES:
            for i in range(len(run) - size + 1):
                last = i + size - 1
                if not (stop[i] or stop[last] or 2 * sum(digit[i : last + 1]) >= size):
                    yield " ".join(words[i : last + 1])


def _prepare(doc: str) -> str:
    return canonical_tones(nfc(doc))


def phrase_doc_freq(docs: Iterable[str], *, min_docs: int = 1) -> Counter[str]:
    """How many of ``docs`` hold each folded phrase (bigram or trigram).

    Build the history one day at a time (``history.update(phrase_doc_freq(day_docs))``);
    ``min_docs=2`` drops the long tail of one-off phrases to keep the history small.
    """
    counts: Counter[str] = Counter()
    for doc in docs:
        counts.update(set(_doc_phrases(_prepare(doc))))
    if min_docs > 1:
        counts = Counter({phrase: n for phrase, n in counts.items() if n >= min_docs})
    return counts


def _overlaps(a: str, b: str) -> bool:
    """Whether phrases share two consecutive words (or one contains the other)."""
    pairs_a = set(_pairs(a))
    return any(pair in pairs_a for pair in _pairs(b))


def _pairs(phrase: str) -> list[tuple[str, str]]:
    words = phrase.split()
    return list(zip(words, words[1:], strict=False))


@dataclass(frozen=True, slots=True)
class _Occurrence:
    """Words ``start:end`` of ``run`` (folded word matches) in document ``doc``."""

    doc: int
    text: str  # the document, NFC with canonical tones
    run: list[re.Match[str]]
    start: int
    end: int

    def neighbour(self, right: bool) -> str | None:
        """The folded word just after (``right``) or before the occurrence, if any."""
        index = self.end if right else self.start - 1
        return self.run[index].group() if 0 <= index < len(self.run) else None

    def grown(self, right: bool) -> _Occurrence:
        if right:
            return replace(self, end=self.end + 1)
        return replace(self, start=self.start - 1)

    def original(self, index: int) -> str:
        match = self.run[index]
        return self.text[match.start() : match.end()]


def _find(docs: list[str], phrases: list[str]) -> dict[str, list[_Occurrence]]:
    """Every occurrence of the folded ``phrases`` in ``docs``, in document order."""
    found: dict[str, list[_Occurrence]] = {phrase: [] for phrase in phrases}
    by_first: defaultdict[str, list[list[str]]] = defaultdict(list)
    for phrase in phrases:
        by_first[phrase.split()[0]].append(phrase.split())
    for index, doc in enumerate(docs):
        text = _prepare(doc)
        for run in _runs(fold(text)):
            words = [m.group() for m in run]
            for i, word in enumerate(words):
                for target in by_first.get(word, ()):
                    if words[i : i + len(target)] == target:
                        occurrence = _Occurrence(index, text, run, i, i + len(target))
                        found[" ".join(target)].append(occurrence)
    return found


def _grow_step(occurrences: list[_Occurrence], limit: float, right: bool) -> list[_Occurrence]:
    """Occurrences grown by the neighbour word most documents share, if ≥ ``limit`` do."""
    docs: defaultdict[str, set[int]] = defaultdict(set)
    for occurrence in occurrences:
        if (word := occurrence.neighbour(right)) is not None:
            docs[word].add(occurrence.doc)
    best = max(docs.items(), key=lambda item: (len(item[1]), item[0]), default=None)
    if best is None or len(best[1]) < limit:
        return []
    return [o.grown(right) for o in occurrences if o.neighbour(right) == best[0]]


def _grow(occurrences: list[_Occurrence]) -> list[_Occurrence]:
    """Grow a phrase word by word while 80 % of its documents agree on the next word.

    "chi thi 30" in five articles that all say "Chỉ thị 30-CT/TW" grows into
    "chi thi 30 ct tw"; stop words left at either end are trimmed ("khảo thí và").
    """
    limit = _EXTEND_SHARE * len({o.doc for o in occurrences})
    while occurrences and occurrences[0].end - occurrences[0].start < _MAX_WORDS:
        grown = _grow_step(occurrences, limit, True) or _grow_step(occurrences, limit, False)
        if not grown:
            break
        occurrences = grown
    first = occurrences[0]
    start, end = first.start, first.end
    while end - start > 2 and first.original(end - 1).lower() in STOP_WORDS:
        end -= 1
    while end - start > 2 and first.original(start).lower() in STOP_WORDS:
        start += 1
    shift = [(o.start + start - first.start, o.end + end - first.end) for o in occurrences]
    return [replace(o, start=s, end=e) for o, (s, e) in zip(occurrences, shift, strict=True)]


def _best_spelling(counts: Counter[str]) -> str:
    """The most common spelling, preferring any that is not all capitals (headlines)."""
    ranked = [spelling for spelling, _ in counts.most_common()]
    return next((s for s in ranked if not s.isupper()), ranked[0])


def _phrase_spike(
    occurrences: list[_Occurrence], ngram: str, score: float, baseline: float
) -> PhraseSpike:
    """The record for a grown phrase: its spelling, folded form and documents."""
    first = occurrences[0]
    folded = " ".join(m.group() for m in first.run[first.start : first.end])
    spellings = Counter(
        " ".join(o.text[o.run[o.start].start() : o.run[o.end - 1].end()].split())
        for o in occurrences
    )
    docs = tuple(sorted({o.doc for o in occurrences}))
    return PhraseSpike(
        _best_spelling(spellings),
        folded,
        len(docs),
        round(baseline, 3),
        round(score, 3),
        docs,
        ngram,
    )


def _scored(
    counts: Mapping[str, int], history: Mapping[str, int], days: int, min_score: float
) -> list[tuple[float, int, str]]:
    """``(score, today's count, n-gram)`` of the n-grams scoring at least ``min_score``."""
    scored: list[tuple[float, int, str]] = []
    for phrase, count in counts.items():
        baseline = history.get(phrase, 0) / days
        score = (count - baseline) / math.sqrt(baseline + 1)
        if score >= min_score:
            scored.append((score, count, phrase))
    return scored


def _seeds(scored: list[tuple[float, int, str]], limit: int) -> list[tuple[float, int, str]]:
    """The best n-grams (longer ones win ties), none sharing two words with a better one."""
    chosen: list[tuple[float, int, str]] = []
    for item in sorted(scored, key=lambda s: (-s[0], -s[1], -len(s[2]), s[2])):
        if len(chosen) == limit:
            break
        if not any(_overlaps(item[2], kept[2]) for kept in chosen):
            chosen.append(item)
    return chosen


def emerging_phrases(
    today_docs: list[str],
    history_doc_freq: Mapping[str, int],
    history_days: int,
    *,
    top: int = 20,
    min_docs: int = 3,
    min_score: float = 2.0,
) -> list[PhraseSpike]:
    """Phrases of today's documents that are far more frequent than in their history.

    Candidates are folded word bigrams and trigrams (``phrase_doc_freq``); each is scored
    against its own history (module docstring). The best are grown word by word while 80 % of
    their documents agree on the next word, so "Chỉ thị 30-CT/TW" is listed whole; a phrase
    sharing two consecutive words with a better one is left out.

    Args:
        today_docs: today's article texts (titles and bodies), one string each.
        history_doc_freq: folded phrase → documents holding it, summed over the history days
            (``phrase_doc_freq`` of each earlier day, added up; not including today).
        history_days: how many days that history covers (≥ 1).
        top: at most this many phrases.
        min_docs: fewest of today's documents a phrase must be in.
        min_score: the lowest score kept.

    Returns:
        ``PhraseSpike`` records, best score first; ``baseline`` and ``score`` are those of
        the bigram or trigram that triggered the phrase.
    """
    if history_days < 1:
        raise ValueError("history_days must be at least 1")
    counts = phrase_doc_freq(today_docs, min_docs=min_docs)
    seeds = _seeds(_scored(counts, history_doc_freq, history_days, min_score), 3 * top)
    found = _find(today_docs, [seed for _, _, seed in seeds])
    spikes: list[PhraseSpike] = []
    for score, _, seed in seeds:
        if len(spikes) == top:
            break
        baseline = history_doc_freq.get(seed, 0) / history_days
        spike = _phrase_spike(_grow(found[seed]), seed, score, baseline)
        if not any(_overlaps(spike.folded, s.folded) for s in spikes):
            spikes.append(spike)
    return spikes
