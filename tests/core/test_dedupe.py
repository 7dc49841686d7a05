"""Near-duplicate detection: signatures, the index, grouping, and the quality gate on real news.

The gate builds its corpus at run time from ``shared/corpus/baomoi-2017.jsonl.gz``: 1,000 real
articles and 3 generated syndicated copies of each (``bench.dedupe.variant``), then requires
pairwise recall ≥ 0.95 and precision ≥ 0.98 at the default threshold, with exact verification
and with signatures alone (an index rebuilt from the database).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tuyengiao.core import dedupe
from tuyengiao.core.dedupe import (
    NearDuplicateIndex,
    exact_jaccard,
    fingerprint,
    group_near_duplicates,
    shingles,
    signature,
    signature_bytes,
    signature_from_bytes,
)

REPO = Path(__file__).resolve().parents[2]

ARTICLE = (
    "Sáng nay, Ban Tuyên giáo Tỉnh ủy tổ chức hội nghị sơ kết công tác tuyên truyền sáu tháng "
    "đầu năm. Các đại biểu đã thảo luận về việc đổi mới nội dung, phương thức tuyên truyền trên "
    "không gian mạng. Hội nghị cũng khen thưởng mười hai tập thể và hai mươi cá nhân có thành "
    "tích xuất sắc. Phát biểu bế mạc, đồng chí Trưởng ban đề nghị các cấp ủy tiếp tục quan tâm "
    "đến công tác nắm bắt dư luận xã hội ở cơ sở."
)
OTHER = (
    "Mùa lúa năm nay ở đồng bằng sông Cửu Long cho năng suất cao, giá bán ổn định. Nông dân phấn "
    "khởi vì thương lái thu mua tận ruộng với giá tốt hơn năm trước. Ngành nông nghiệp khuyến "
    "cáo bà con chuẩn bị giống cho vụ sau và theo dõi tình hình xâm nhập mặn."
)


def test_folding_makes_tone_style_case_and_accents_irrelevant():
    a = shingles("Thành uỷ Hoà Bình chỉ đạo công tác tuyên giáo")
    b = shingles("THÀNH ỦY HÒA BÌNH CHỈ ĐẠO CÔNG TÁC TUYÊN GIÁO")
    c = shingles("thanh uy hoa binh chi dao cong tac tuyen giao")
    assert list(a) == list(b) == list(c)


def test_shingles_of_short_and_empty_texts():
    assert len(shingles("")) == 0
    assert len(shingles("  ,.  ")) == 0
    assert len(shingles("Hà Nội")) == 1
    assert len(shingles("một hai ba bốn")) == 2


def test_signature_round_trips_through_bytes():
    data = signature_bytes(ARTICLE)
    assert len(data) == 4 * dedupe.NUM_PERM
    restored = signature_from_bytes(data)
    assert list(restored.hashvalues) == list(signature(ARTICLE).hashvalues)
    assert signature_bytes(restored) == data
    with pytest.raises(ValueError):
        signature_from_bytes(data[:-1])


@given(st.lists(st.integers(min_value=0, max_value=2**32 - 1), max_size=300))
def test_signatures_are_datasketch_minhash_values(values):
    from datasketch import MinHash

    shingle_set = np.unique(np.array(values, dtype=np.uint32))
    reference = MinHash(
        num_perm=dedupe.NUM_PERM, hashfunc=int, permutations=dedupe._PERMUTATIONS,
        scheme=dedupe._SCHEME,
    )  # fmt: skip
    reference.update_batch(shingle_set.tolist())
    assert list(dedupe._minhash(shingle_set).hashvalues) == list(reference.hashvalues)


def test_signatures_are_the_same_in_another_process():
    code = (
        "import sys; from tuyengiao.core.dedupe import signature_bytes; "
        "sys.stdout.write(signature_bytes(sys.stdin.read()).hex())"
    )
    env = dict(os.environ, PYTHONHASHSEED="12345")
    out = subprocess.run(
        [sys.executable, "-c", code], input=ARTICLE, capture_output=True, text=True, env=env
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout == signature_bytes(ARTICLE).hex()


def test_index_finds_a_syndicated_copy_and_not_an_unrelated_text():
    index = NearDuplicateIndex()
    index.add("original", ARTICLE)
    index.add("other", OTHER)
    copy = "Tin mới: " + ARTICLE + " Nguồn: tổng hợp."
    found = index.query(copy)
    assert [key for key, _ in found] == ["original"]
    assert 0.7 <= found[0][1] < 1.0
    assert index.query(ARTICLE)[0] == ("original", 1.0)
    assert index.query("Một văn bản hoàn toàn khác, không liên quan gì cả.") == []


def test_index_rebuilt_from_stored_signatures():
    stored = {"a": signature_bytes(ARTICLE), "b": signature_bytes(OTHER)}
    index = NearDuplicateIndex()
    for key, data in stored.items():
        index.add(key, data)
    copy = ARTICLE.replace("mười hai", "12")
    found = index.query(copy)
    assert [key for key, _ in found] == ["a"]
    estimate = found[0][1]
    assert abs(estimate - exact_jaccard(shingles(ARTICLE), shingles(copy))) < 0.15
    assert index.query(stored["a"]) == [("a", 1.0)]


def test_index_add_remove_and_contains():
    index = NearDuplicateIndex(keep_shingles=False)
    index.add(1, ARTICLE)
    assert 1 in index and len(index) == 1
    with pytest.raises(KeyError):
        index.add(1, ARTICLE)
    index.remove(1)
    assert 1 not in index and index.query(ARTICLE) == []
    index.add(2, "")
    assert index.query("") == [] and index.query(ARTICLE) == []
    with pytest.raises(ValueError):
        NearDuplicateIndex(threshold=0)


def test_threshold_per_query():
    """Thresholds below CANDIDATE_THRESHOLD (0.5) may miss pairs the LSH never proposes."""
    index = NearDuplicateIndex()
    index.add("a", ARTICLE)
    part = ARTICLE[: len(ARTICLE) * 2 // 3]  # Jaccard 0.60 with the whole
    assert index.query(part) == []
    assert [k for k, _ in index.query(part, threshold=0.55)] == ["a"]


def test_group_key_is_the_earliest_key_even_through_a_chain():
    copy1 = ARTICLE + " Xem thêm các tin khác trên chuyên trang của chúng tôi."
    copy2 = copy1.replace("Sáng nay,", "Chiều qua,")
    groups = group_near_duplicates([("z", OTHER), ("m", copy2), ("b", ARTICLE), ("a", copy1)])
    assert groups == {"z": "z", "m": "m", "b": "m", "a": "m"}
    assert group_near_duplicates([]) == {}


def test_group_from_stored_signatures():
    items = [(1, signature_bytes(ARTICLE)), (2, signature_bytes(OTHER)), (3, ARTICLE)]
    assert group_near_duplicates(items) == {1: 1, 2: 2, 3: 1}


def test_fingerprint_accepts_every_form():
    full = fingerprint(ARTICLE)
    assert full.shingles is not None and not full.empty
    assert fingerprint(full) is full
    assert fingerprint(signature(ARTICLE)).shingles is None
    assert fingerprint(signature_bytes(ARTICLE)).signature == full.signature
    assert fingerprint("").empty and fingerprint(signature_bytes("")).empty


_PARTY_WORDS = (
    "tuyên giáo tỉnh ủy hội nghị công tác cán bộ đảng viên nhân dân xã phường kế hoạch thực hiện "
    "nghị quyết chỉ thị báo cáo sơ kết tổng kết năm"
)
_OTHER_WORDS = (
    "mưa bão lũ lụt sạt lở đất đá giá vàng xăng dầu cà phê lúa gạo thể thao ca sĩ phim ảnh"
)
_WORDS = st.lists(st.sampled_from(_PARTY_WORDS.split()), min_size=3, max_size=80)
_UNRELATED = st.lists(st.sampled_from(_OTHER_WORDS.split()), min_size=3, max_size=80)


@settings(max_examples=60, deadline=None)
@given(_WORDS)
def test_property_a_text_is_a_near_duplicate_of_itself(words):
    text = " ".join(words)
    index = NearDuplicateIndex()
    index.add("self", text)
    assert index.query(text) == [("self", 1.0)]
    assert dedupe.estimated_jaccard(signature(text), signature(text)) == 1.0


@settings(max_examples=60, deadline=None)
@given(_WORDS, _UNRELATED)
def test_property_unrelated_texts_are_not_near_duplicates(left, right):
    index = NearDuplicateIndex(keep_shingles=False)
    index.add("left", " ".join(left))
    assert index.query(" ".join(right)) == []


# --- the quality gate on real articles ---------------------------------------------------------


def _corpus() -> Path:
    shared = Path(os.environ.get("TUYENGIAO_SHARED") or REPO.parent / "shared")
    path = shared / "corpus" / "baomoi-2017.jsonl.gz"
    if not path.exists():
        pytest.skip(f"news corpus not found at {path} (set TUYENGIAO_SHARED to the shared folder)")
    return path


@pytest.fixture(scope="module")
def generated_docs():
    _corpus()
    from bench.corpus import baomoi
    from bench.dedupe import generate, usable

    originals = usable(baomoi(4000), 1000)
    assert len(originals) == 1000
    return generate(originals)


def test_near_duplicate_gate_with_exact_verification(generated_docs):
    from bench.dedupe import evaluate

    scores = evaluate(generated_docs)
    assert scores["pairs"]["recall"] >= 0.95, scores
    assert scores["pairs"]["precision"] >= 0.98, scores
    assert scores["groups"]["recall"] >= 0.95, scores
    assert scores["groups"]["precision"] >= 0.98, scores


def test_near_duplicate_gate_from_stored_signatures(generated_docs):
    from bench.dedupe import evaluate

    scores = evaluate(generated_docs, from_signatures=True)
    assert scores["pairs"]["recall"] >= 0.95, scores
    assert scores["pairs"]["precision"] >= 0.98, scores
