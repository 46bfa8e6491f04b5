"""The dictionary matcher finds entries behind proclitics, whole words only, longest first."""

from marsad.kb.matcher import Entry, Matcher
from marsad.text.normalize import normalize


def make(*entries):
    m = Matcher()
    for surface, kind, stem in entries:
        m.add(surface, Entry(kind, surface, stem=stem))
    return m


def keys(m, text):
    n = normalize(text).text
    return [(n[x.start : x.end], x.entries[0].payload) for x in m.find(n)]


def test_proclitics_are_stripped():
    m = make(("داعش", "actor", False), ("الباغوز", "place", False), ("قسد", "actor", False))
    assert keys(m, "لتنظيم داعش وقسد بالباغوز") == [
        ("داعش", "داعش"),
        ("قسد", "قسد"),
        ("الباغوز", "الباغوز"),
    ]


def test_lam_alef_lam_contraction():
    m = make(("المرصد", "source", False))
    assert [p for _, p in keys(m, "وفقا للمرصد")] == ["المرصد"]


def test_only_whole_words_unless_stem():
    m = make(("قسد", "actor", False), ("اشتباك", "trigger", True))
    assert keys(m, "قسدية اشتباكات") == [("اشتباكات"[:6], "اشتباك")]


def test_longest_match_wins():
    m = make(("سورية", "place", False), ("قوات سورية الديمقراطية", "actor", False))
    assert [p for _, p in keys(m, "قوات سورية الديمقراطية")] == ["قوات سورية الديمقراطية"]


def test_not_inside_a_longer_word_with_a_non_clitic_prefix():
    m = make(("حماة", "place", False))
    assert keys(m, "محماة") == []
