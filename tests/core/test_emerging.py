"""Emerging topics: spikes over a robust baseline, and phrases far above their history."""

import random
from collections import Counter
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tuyengiao.core.emerging import (
    STOP_WORDS,
    PhraseSpike,
    Spike,
    detect_spikes,
    emerging_phrases,
    phrase_doc_freq,
    score_day,
)

TODAY = date(2025, 3, 3)  # a Monday


def series(values, today=TODAY):
    """``values`` for the days before ``today`` (oldest first), the last one being today."""
    start = today - timedelta(days=len(values) - 1)
    return {start + timedelta(days=i): v for i, v in enumerate(values)}


def noisy(mean, days=29, seed=1):
    rng = random.Random(seed)
    return [max(0, round(rng.gauss(mean, mean**0.5))) for _ in range(days)]


# --- detect_spikes ----------------------------------------------------------------------------

SPIKES = [  # name, history (28 days), today, flagged?
    ("flat, no change", [40] * 28, 40, False),
    ("flat, 40 → 45 is not news", [40] * 28, 45, False),
    ("flat, 40 → 90", [40] * 28, 90, True),
    ("no history, 0 → 5", [0] * 28, 5, True),
    ("no history, 0 → 4 is below min_count", [0] * 28, 4, False),
    ("all zeros", [0] * 28, 0, False),
    ("sparse, 1 → 6", [0, 1] * 14, 6, True),
    ("noisy Poisson(20), ordinary day", noisy(20)[:28], 26, False),
    ("noisy Poisson(20), spike", noisy(20)[:28], 60, True),
    ("wide noise, 60 within it", [10, 70, 25, 55, 40, 15, 65] * 4, 60, False),
    ("wide noise, 200 above it", [10, 70, 25, 55, 40, 15, 65] * 4, 200, True),
    ("steady ramp 10 → 37, then 38", list(range(10, 38)), 38, False),
    ("steady ramp, then a jump", list(range(10, 38)), 90, True),
    ("big steady topic +10 %", [1000] * 28, 1100, False),
]


@pytest.mark.parametrize(("name", "history", "today", "flagged"), SPIKES)
def test_detect_spikes(name, history, today, flagged):
    spike = detect_spikes(series([*history, today]), today=TODAY)
    assert (spike is not None) is flagged, (name, score_day(series([*history, today]), today=TODAY))
    if spike:
        assert spike.date == TODAY and spike.count == today


def test_weekly_cycle_is_not_a_spike_but_a_bigger_monday_is():
    # Mondays 30 articles, other days 8; today is a Monday.
    days = [TODAY - timedelta(days=back) for back in range(28, 0, -1)]
    history = {d: 30 if d.weekday() == 0 else 8 for d in days}
    assert detect_spikes({**history, TODAY: 32}, today=TODAY) is None
    tuesday = TODAY + timedelta(days=1)
    assert detect_spikes({**history, TODAY: 30, tuesday: 30}, today=tuesday) is not None
    assert detect_spikes({**history, TODAY: 80}, today=TODAY) is not None


def test_missing_days_count_as_zero_and_future_days_are_ignored():
    sparse = {TODAY - timedelta(days=3): 1, TODAY: 6, TODAY + timedelta(days=1): 500}
    spike = detect_spikes(sparse, today=TODAY)
    assert spike == Spike(TODAY, 6, 0.0, 6.0, 6.0)


def test_spike_record():
    spike = detect_spikes(series([40] * 28 + [90]), today=TODAY)
    assert spike is not None
    assert spike.baseline == 40.0
    assert spike.ratio == 2.25
    assert spike.score == pytest.approx(50 / 40**0.5, abs=1e-3)


def test_thresholds_are_parameters():
    counts = series([0] * 28 + [3])
    assert detect_spikes(counts, today=TODAY) is None
    assert detect_spikes(counts, today=TODAY, min_count=3) is not None
    assert detect_spikes(series([0] * 28 + [5]), today=TODAY, z=6) is None
    assert detect_spikes(series([40] * 28 + [45]), today=TODAY, z=0.5, min_ratio=1) is not None


def test_short_baseline():
    assert detect_spikes(series([2, 9]), today=TODAY, baseline_days=1) is not None
    with pytest.raises(ValueError):
        score_day({}, today=TODAY, baseline_days=0)


@given(st.lists(st.integers(0, 10_000), min_size=29, max_size=29))
def test_score_day_is_total(values):
    spike = score_day(series(values), today=TODAY)
    assert spike.count == values[-1]
    assert spike.baseline >= 0 and spike.ratio >= 0


# --- phrases ------------------------------------------------------------------------------------

FILLER = [
    "Ủy ban nhân dân tỉnh họp bàn kế hoạch phát triển kinh tế xã hội năm nay.",
    "Sở Giáo dục tổ chức kỳ thi học sinh giỏi cấp tỉnh cho các trường.",
    "Thời tiết miền Bắc chuyển lạnh, có mưa rải rác vào chiều tối.",
    "Hội Nông dân xã tập huấn kỹ thuật trồng lúa cho bà con.",
    "Giá xăng dầu điều chỉnh giảm nhẹ từ chiều nay.",
    "Công an huyện tuần tra bảo đảm an toàn giao thông dịp cuối tuần.",
]
NEWS = [
    "Ban Thường vụ Tỉnh ủy quán triệt Chỉ thị 30-CT/TW về tuyên truyền miệng.",
    "Hội nghị triển khai CHỈ THỊ 30-CT/TW tại Đảng ủy phường.",
    "Các chi bộ học tập Chỉ thị 30-CT/TW, nâng cao chất lượng sinh hoạt.",
    "Báo cáo viên giới thiệu Chỉ thị 30-CT/TW cho đảng viên cao tuổi.",
    "Thành uỷ chỉ đạo thực hiện nghiêm Chỉ thị 30-CT/TW trong năm nay.",
]


def history_of(days=14):
    history: Counter = Counter()
    for day in range(days):
        rng = random.Random(day)
        history.update(phrase_doc_freq(rng.sample(FILLER, 4)))
    return history


def test_a_new_phrase_emerges_with_its_spelling_and_documents():
    today = FILLER[:3] + NEWS
    found = emerging_phrases(today, history_of(), 14)
    assert found, found
    best = found[0]
    assert isinstance(best, PhraseSpike)
    assert best.phrase == "Chỉ thị 30-CT/TW"  # not the all-caps headline spelling
    assert best.folded == "chi thi 30 ct tw"  # trigrams grown into the whole designation
    assert best.count == 5 and best.baseline == 0
    assert best.docs == (3, 4, 5, 6, 7)
    # its parts and neighbours ("thị 30", "30 ct tw") are not listed again
    assert all("30" not in spike.folded for spike in found[1:])
    # yesterday's subjects do not emerge
    assert all("uy ban" not in spike.folded and "gia xang" not in spike.folded for spike in found)


def test_steady_phrases_do_not_emerge():
    history = Counter()
    for _ in range(14):
        history.update(phrase_doc_freq(NEWS + FILLER))
    assert emerging_phrases(NEWS + FILLER, history, 14) == []


def test_phrases_skip_stop_words_and_numbers():
    freq = phrase_doc_freq(["Năm 2025 và 2026 của tỉnh; Việt Nam, cơ quan tài chính thì tốt."])
    assert "2025 va 2026" not in freq and "nam 2025" not in freq  # numbers, stop words
    assert "va 2026" not in freq and "cua tinh" not in freq  # starts with a stop word
    assert {"viet nam", "co quan", "tai chinh"} <= set(freq)  # folded, they look like stop words
    assert "tinh viet" not in freq  # no phrase across punctuation
    assert "và" in STOP_WORDS and "thị" not in STOP_WORDS


def test_doc_freq_counts_documents_not_occurrences():
    freq = phrase_doc_freq(["Hà Nội, Hà Nội và Hà Nội.", "Về Hà Nội.", "Hải Phòng"])
    assert freq["ha noi"] == 2
    assert phrase_doc_freq(["Hà Nội", "Hà Nội", "Huế đẹp"], min_docs=2) == Counter({"ha noi": 2})


def test_tone_styles_share_one_phrase_shown_in_modern_style():
    docs = ["Thành uỷ họp.", "Thành ủy họp.", "Thành uỷ họp bàn."]
    found = emerging_phrases(docs, {}, 7)
    assert [(s.phrase, s.count) for s in found] == [("Thành ủy họp", 3)]


def test_top_and_validation():
    docs = [f"Sự kiện {name} diễn ra sôi nổi." for name in ("A", "B")] * 3
    assert len(emerging_phrases(docs, {}, 7, top=1)) == 1
    assert emerging_phrases([], {}, 7) == []
    with pytest.raises(ValueError):
        emerging_phrases(docs, {}, 0)


def test_phrases_grow_through_inner_stop_words_and_trim_outer_ones():
    docs = [
        f"{lead} Cục Khảo thí và Kiểm định chất lượng giáo dục và {tail}."
        for lead, tail in [
            ("Sáng nay,", "các trường"),
            ("Theo", "Sở"),
            ("Hôm qua", "ngành"),
            ("Đại diện", "Bộ"),
        ]
    ]
    found = emerging_phrases(docs, {}, 7)
    assert found[0].phrase == "Cục Khảo thí và Kiểm định chất lượng giáo dục"
    assert found[0].count == 4 and found[0].docs == (0, 1, 2, 3)
    assert len(found[0].ngram.split()) in (2, 3)


def test_date_fragments_are_not_phrases():
    freq = phrase_doc_freq(["Chiều 10/2, tối 10-2 và sáng 11.2, Nghị quyết 57 được quán triệt."])
    assert not {"chieu 10", "10 2", "toi 10 2", "sang 11"} & set(freq)
    assert "nghi quyet 57" in freq and "quyet 57" not in freq  # half numbers
