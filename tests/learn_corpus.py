"""A tiny annotated corpus written for the tests (own sentences, shared/train layout)."""

from __future__ import annotations

import json
from pathlib import Path

SHELLING = (
    "قصفت قوات النظام بلدة كفرنبودة في ريف حماة يوم الأحد، ما أسفر عن مقتل 3 مدنيين.",
    "قصفت قوات النظام بلدة كفرنبودة",
    {
        "trigger": "قصفت",
        "actor1": "قوات النظام",
        "actor2": "مدنيين",
        "location": "بلدة كفرنبودة",
        "date": "يوم الأحد",
        "fatalities": "مقتل 3 مدنيين",
    },
)
CLASH = (
    "اندلعت اشتباكات عنيفة بين قوات سوريا الديمقراطية وتنظيم داعش في بلدة الباغوز أمس.",
    "اندلعت اشتباكات عنيفة",
    {
        "trigger": "اشتباكات",
        "actor1": "قوات سوريا الديمقراطية",
        "actor2": "تنظيم داعش",
        "location": "بلدة الباغوز",
        "date": "أمس",
        "fatalities": None,
    },
)
#: an act the rules code, in an article whose annotation has no event (a recap of old news)
RECAP = "وكانت اشتباكات عنيفة قد اندلعت بين قوات النظام وتنظيم داعش في مدينة تدمر عام 2015."
STATEMENTS = (
    "وقال المتحدث باسم الحكومة إن الوضع الإنساني يزداد سوءا.",
    "ودعا الوزير إلى حوار وطني شامل خلال المؤتمر الصحفي.",
    "وأكد المبعوث الأممي أهمية العودة إلى طاولة المفاوضات.",
)


def write_corpus(root: Path, copies: int = 4) -> Path:
    """``copies`` batches of four articles: a shelling, a clash, statements only, and
    statements with a recap of an old clash (no codable event)."""
    for b in range(copies):
        batch = root / f"t{b}"
        batch.mkdir(parents=True)
        for k, (sentence, evidence, spans) in enumerate((SHELLING, CLASH)):
            text = STATEMENTS[b % 3] + "\n" + sentence + "\n" + STATEMENTS[(b + 1) % 3]
            etype = "Explosions/Remote violence" if k == 0 else "Battles"
            sub = "Shelling/artillery/missile attack" if k == 0 else "Armed clash"
            _write(batch, f"a{b}{k}", text, [_event(etype, sub, evidence, spans)], [])
        text = "\n".join(STATEMENTS)
        _write(batch, f"s{b}", text, [], [{"why": "statement", "evidence": STATEMENTS[0]}])
        text = STATEMENTS[b % 3] + "\n" + RECAP
        _write(batch, f"r{b}", text, [], [{"why": "background", "evidence": RECAP}])
    return root


def _event(etype: str, sub: str, evidence: str, spans: dict[str, str | None]) -> dict[str, object]:
    return {
        "id": "e1",
        "event_type": etype,
        "sub_event_type": [sub],
        "event_date": "2019-03-03",
        "country": "Syria",
        "evidence": evidence,
        "optional": False,
        "spans": spans,
    }


def _write(
    folder: Path, ident: str, text: str, events: list[object], not_events: list[object]
) -> None:
    (folder / f"{ident}.txt").write_text(text, encoding="utf-8")
    meta = {
        "id": ident,
        "published": "2019-03-04",
        "text_file": f"{ident}.txt",
        "events": events,
        "not_events": not_events,
    }
    (folder / f"{ident}.json").write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
