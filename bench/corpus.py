"""Deterministic synthetic Arabic conflict-news corpus for benchmarks.

Every article is built from hand-written sentence templates (events, officials'
statements that are *not* events, background, witness quotes) whose slots are filled
from per-theatre lists of actors, places, air forces and officials, with casualty
counts in digits and words, relative dates (السبت، ليل الأحد، أمس) and explicit ones
(«2 آذار 2019»), prefixed clitics (وبالباغوز، لتنظيم داعش، وقسد) and «…» quotes.

    >>> from corpus import generate           # bench/ is not a package
    >>> texts = generate(3, seed=1)
    >>> len(texts), texts == generate(3, seed=1)
    (3, True)

The same seed always yields the same corpus (only ``random.Random(seed)`` is used).
Nothing is read from disk.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

__all__ = ["Article", "generate", "generate_articles", "write_corpus", "TEMPLATES"]


# ---------------------------------------------------------------------------
# Vocabulary
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Actor:
    name: str  # as a subject: «الحوثيون»
    gen: str  # after a preposition / in a construct: «الحوثيين»
    fighters: str  # «مسلحي جماعة الحوثي»
    fem: bool  # grammatical gender of the verb that precedes it: «شنت قوات…» / «شن الجيش…»
    pron: str  # attached pronoun referring back to it: ها / ه / هم


@dataclass(frozen=True)
class Place:
    town: str
    loc: str  # «في بلدة الباغوز بريف دير الزور الشرقي»
    area: str  # «ريف دير الزور الشرقي»


@dataclass(frozen=True)
class Theatre:
    country: str
    actors: tuple[Actor, ...]
    air: tuple[str, ...]
    places: tuple[Place, ...]
    officials: tuple[str, ...]
    monitors: tuple[str, ...]
    mediators: tuple[str, ...]
    levantine_months: bool


def _a(name: str, fighters: str, gen: str | None = None) -> Actor:
    """An actor; gender is guessed from its head noun, «ـون» plurals take «هم»."""
    head = name.split()[0]
    plural = name.endswith("ون")
    fem = not plural and (
        head.endswith("ة") or head in {"قوات", "قسد", "فصائل", "ألوية", "كتائب", "سرايا"}
    )
    pron = "هم" if plural else "ها" if fem else "ه"
    return Actor(name=name, gen=gen or name, fighters=fighters, fem=fem, pron=pron)


def _p(town: str, loc: str, area: str) -> Place:
    return Place(town=town, loc=loc, area=area)


THEATRES: tuple[Theatre, ...] = (
    Theatre(
        country="سوريا",
        actors=(
            _a("قوات النظام", "عناصر قوات النظام"),
            _a("قوات سورية الديمقراطية «قسد»", "مقاتلي قسد"),
            _a("قسد", "مقاتلي قسد"),
            _a("تنظيم داعش", "عناصر تنظيم داعش"),
            _a("تنظيم الدولة", "مسلحي تنظيم الدولة"),
            _a("هيئة تحرير الشام", "عناصر هيئة تحرير الشام"),
            _a("فصائل المعارضة", "مقاتلي فصائل المعارضة"),
            _a("الجيش الوطني السوري", "عناصر الجيش الوطني السوري"),
        ),
        air=(
            "طائرات التحالف الدولي",
            "المقاتلات الروسية",
            "مروحيات النظام",
            "طائرة مسيرة تركية",
        ),
        places=(
            _p("الباغوز", "في بلدة الباغوز بريف دير الزور الشرقي", "ريف دير الزور الشرقي"),
            _p("هجين", "في بلدة هجين بريف دير الزور الشرقي", "ريف دير الزور الشرقي"),
            _p("الميادين", "في مدينة الميادين شرقي دير الزور", "ريف دير الزور"),
            _p("كفرنبودة", "في بلدة كفرنبودة بريف حماة الشمالي", "ريف حماة الشمالي"),
            _p("اللطامنة", "في بلدة اللطامنة بريف حماة الشمالي", "ريف حماة الشمالي"),
            _p("معرة النعمان", "في مدينة معرة النعمان جنوبي إدلب", "ريف إدلب الجنوبي"),
            _p("سراقب", "في مدينة سراقب بريف إدلب الشرقي", "ريف إدلب الشرقي"),
            _p("الأتارب", "في مدينة الأتارب بريف حلب الغربي", "ريف حلب الغربي"),
            _p("منبج", "في مدينة منبج شمال شرقي حلب", "ريف حلب الشرقي"),
            _p("الطبقة", "في مدينة الطبقة غربي الرقة", "ريف الرقة الغربي"),
            _p("عين عيسى", "في بلدة عين عيسى بريف الرقة الشمالي", "ريف الرقة الشمالي"),
            _p("الرقة", "في مدينة الرقة", "محافظة الرقة"),
        ),
        officials=(
            "وزير الخارجية السوري",
            "المتحدث الرسمي باسم قوات سورية الديمقراطية",
            "مدير المرصد السوري لحقوق الإنسان",
            "المبعوث الأممي إلى سوريا",
            "قائد عسكري في فصائل المعارضة",
        ),
        monitors=("المرصد السوري لحقوق الإنسان", "الشبكة السورية لحقوق الإنسان"),
        mediators=("روسية تركية", "الأمم المتحدة", "وجهاء العشائر"),
        levantine_months=True,
    ),
    Theatre(
        country="العراق",
        actors=(
            _a("القوات العراقية", "عناصر القوات العراقية"),
            _a("الحشد الشعبي", "مقاتلي الحشد الشعبي"),
            _a("تنظيم داعش", "عناصر تنظيم داعش"),
            _a("قوات البيشمركة", "مقاتلي البيشمركة"),
            _a("جهاز مكافحة الإرهاب", "عناصر جهاز مكافحة الإرهاب"),
        ),
        air=("طائرات التحالف الدولي", "طائرات الجيش العراقي", "طائرة مسيرة أمريكية"),
        places=(
            _p("الموصل", "في مدينة الموصل مركز محافظة نينوى", "محافظة نينوى"),
            _p("تلعفر", "في قضاء تلعفر غربي الموصل", "محافظة نينوى"),
            _p("الفلوجة", "في مدينة الفلوجة بمحافظة الأنبار", "محافظة الأنبار"),
            _p("الرمادي", "في مدينة الرمادي غربي العراق", "محافظة الأنبار"),
            _p("القائم", "في قضاء القائم على الحدود السورية", "غرب الأنبار"),
            _p("بيجي", "في قضاء بيجي بمحافظة صلاح الدين", "محافظة صلاح الدين"),
            _p("الطارمية", "في قضاء الطارمية شمالي بغداد", "حزام بغداد"),
            _p("المقدادية", "في قضاء المقدادية بمحافظة ديالى", "محافظة ديالى"),
        ),
        officials=(
            "وزير الخارجية العراقي",
            "المتحدث باسم قيادة العمليات المشتركة",
            "رئيس الوزراء العراقي",
            "محافظ نينوى",
        ),
        monitors=("مرصد أفاد لحقوق الإنسان", "المفوضية العليا لحقوق الإنسان"),
        mediators=("الأمم المتحدة", "شيوخ العشائر"),
        levantine_months=True,
    ),
    Theatre(
        country="اليمن",
        actors=(
            _a("الحوثيون", "مسلحي جماعة الحوثي", gen="الحوثيين"),
            _a("جماعة الحوثي", "مسلحي جماعة الحوثي"),
            _a("القوات الحكومية", "جنود القوات الحكومية"),
            _a("قوات المجلس الانتقالي الجنوبي", "عناصر المجلس الانتقالي"),
            _a("ألوية العمالقة", "مقاتلي ألوية العمالقة"),
            _a("تنظيم القاعدة", "عناصر تنظيم القاعدة"),
        ),
        air=("مقاتلات التحالف بقيادة السعودية", "طائرات التحالف العربي", "طائرة مسيرة أمريكية"),
        places=(
            _p("صنعاء", "في العاصمة صنعاء", "محافظة صنعاء"),
            _p("الحديدة", "في مدينة الحديدة غربي اليمن", "الساحل الغربي"),
            _p("التحيتا", "في مديرية التحيتا جنوبي الحديدة", "محافظة الحديدة"),
            _p("الدريهمي", "في مديرية الدريهمي بمحافظة الحديدة", "محافظة الحديدة"),
            _p("صرواح", "في مديرية صرواح غربي مأرب", "محافظة مأرب"),
            _p("مأرب", "في مدينة مأرب", "محافظة مأرب"),
            _p("تعز", "في مدينة تعز جنوب غربي اليمن", "محافظة تعز"),
            _p("المخا", "في مديرية المخا غربي تعز", "محافظة تعز"),
            _p("حرض", "في مديرية حرض بمحافظة حجة", "محافظة حجة"),
        ),
        officials=(
            "وزير الخارجية اليمني",
            "المتحدث باسم التحالف",
            "المبعوث الأممي إلى اليمن",
            "مسؤول محلي في محافظة تعز",
        ),
        monitors=("منظمة سام للحقوق والحريات", "مكتب الأمم المتحدة لتنسيق الشؤون الإنسانية"),
        mediators=("الأمم المتحدة", "سلطنة عمان", "وسطاء قبليين"),
        levantine_months=False,
    ),
    Theatre(
        country="السودان",
        actors=(
            _a("الجيش السوداني", "جنود الجيش السوداني"),
            _a("قوات الدعم السريع", "عناصر الدعم السريع"),
            _a("الحركة الشعبية لتحرير السودان - شمال", "مقاتلي الحركة الشعبية"),
            _a("حركة العدل والمساواة", "مقاتلي حركة العدل والمساواة"),
        ),
        air=("طائرات حربية تابعة للجيش السوداني", "طائرة مسيرة مجهولة", "مقاتلات الجيش"),
        places=(
            _p("الخرطوم", "في العاصمة الخرطوم", "ولاية الخرطوم"),
            _p("أم درمان", "في مدينة أم درمان غربي العاصمة", "ولاية الخرطوم"),
            _p("بحري", "في مدينة بحري شمالي الخرطوم", "ولاية الخرطوم"),
            _p("الفاشر", "في مدينة الفاشر بولاية شمال دارفور", "إقليم دارفور"),
            _p("نيالا", "في مدينة نيالا بولاية جنوب دارفور", "إقليم دارفور"),
            _p("الجنينة", "في مدينة الجنينة بولاية غرب دارفور", "إقليم دارفور"),
            _p("ود مدني", "في مدينة ود مدني بولاية الجزيرة", "ولاية الجزيرة"),
            _p("الأبيض", "في مدينة الأبيض بولاية شمال كردفان", "إقليم كردفان"),
        ),
        officials=(
            "وزير الخارجية السوداني",
            "المتحدث الرسمي باسم الجيش السوداني",
            "مستشار قائد قوات الدعم السريع",
            "والي شمال دارفور",
        ),
        monitors=("نقابة أطباء السودان", "غرفة طوارئ الفاشر"),
        mediators=("سعودية أمريكية", "الاتحاد الأفريقي", "منظمة إيغاد"),
        levantine_months=False,
    ),
    Theatre(
        country="ليبيا",
        actors=(
            _a("الجيش الوطني الليبي", "عناصر الجيش الوطني الليبي"),
            _a("قوات حكومة الوفاق", "عناصر قوات الوفاق"),
            _a("قوات حكومة الوحدة الوطنية", "عناصر قوات حكومة الوحدة"),
            _a("جهاز الردع", "عناصر جهاز الردع"),
            _a("تنظيم داعش", "عناصر تنظيم داعش"),
        ),
        air=("طائرة مسيرة تركية الصنع", "طائرات الجيش الوطني الليبي", "طائرات مجهولة"),
        places=(
            _p("طرابلس", "في العاصمة طرابلس", "غرب ليبيا"),
            _p("عين زارة", "في منطقة عين زارة جنوبي طرابلس", "جنوب طرابلس"),
            _p("سرت", "في مدينة سرت وسط الساحل الليبي", "وسط ليبيا"),
            _p("ترهونة", "في مدينة ترهونة جنوب شرقي طرابلس", "غرب ليبيا"),
            _p("غريان", "في مدينة غريان بالجبل الغربي", "الجبل الغربي"),
            _p("بنغازي", "في مدينة بنغازي شرقي ليبيا", "شرق ليبيا"),
            _p("درنة", "في مدينة درنة", "شرق ليبيا"),
            _p("مصراتة", "في مدينة مصراتة", "غرب ليبيا"),
        ),
        officials=(
            "وزير الخارجية الليبي",
            "المتحدث باسم الجيش الوطني الليبي",
            "رئيس المجلس الرئاسي",
            "المبعوث الأممي إلى ليبيا",
        ),
        monitors=("بعثة الأمم المتحدة للدعم في ليبيا", "المؤسسة الوطنية لحقوق الإنسان"),
        mediators=("الأمم المتحدة", "مصرية", "أعيان المدينة"),
        levantine_months=False,
    ),
    Theatre(
        country="الصومال",
        actors=(
            _a("حركة الشباب", "مقاتلي حركة الشباب"),
            _a("الجيش الصومالي", "جنود الجيش الصومالي"),
            _a("قوات الاتحاد الأفريقي «أميصوم»", "جنود قوات الاتحاد الأفريقي"),
            _a("قوات ولاية جوبالاند", "عناصر قوات جوبالاند"),
        ),
        air=("طائرة أمريكية مسيرة", "القيادة الأمريكية في أفريقيا «أفريكوم»"),
        places=(
            _p("مقديشو", "في العاصمة مقديشو", "إقليم بنادر"),
            _p("أفجوي", "في مدينة أفجوي بإقليم شبيلي السفلى", "إقليم شبيلي السفلى"),
            _p("براوة", "في مدينة براوة الساحلية", "إقليم شبيلي السفلى"),
            _p("جوهر", "في مدينة جوهر بإقليم شبيلي الوسطى", "إقليم شبيلي الوسطى"),
            _p("كسمايو", "في مدينة كسمايو جنوبي البلاد", "إقليم جوبا السفلى"),
            _p("بلدوين", "في مدينة بلدوين بإقليم هيران", "إقليم هيران"),
            _p("بيدوا", "في مدينة بيدوا بإقليم باي", "إقليم باي"),
        ),
        officials=(
            "وزير الدفاع الصومالي",
            "المتحدث باسم الحكومة الصومالية",
            "قائد عسكري في الجيش الصومالي",
        ),
        monitors=("مركز عامن للإسعاف", "منظمة إغاثية محلية"),
        mediators=("شيوخ العشائر", "الاتحاد الأفريقي"),
        levantine_months=False,
    ),
    Theatre(
        country="فلسطين",
        actors=(
            _a("الجيش الإسرائيلي", "جنود الجيش الإسرائيلي"),
            _a("حركة حماس", "عناصر حركة حماس"),
            _a("كتائب القسام", "مقاتلي كتائب القسام"),
            _a("سرايا القدس", "مقاتلي سرايا القدس"),
            _a("المستوطنون", "مستوطنين متطرفين", gen="المستوطنين"),
        ),
        air=("المقاتلات الإسرائيلية", "طائرة مسيرة إسرائيلية", "طائرات الاحتلال"),
        places=(
            _p("رفح", "في مدينة رفح جنوب قطاع غزة", "جنوب قطاع غزة"),
            _p("خان يونس", "في مدينة خان يونس جنوب القطاع", "جنوب قطاع غزة"),
            _p("جباليا", "في مخيم جباليا شمال قطاع غزة", "شمال قطاع غزة"),
            _p("دير البلح", "في مدينة دير البلح وسط القطاع", "وسط قطاع غزة"),
            _p("جنين", "في مدينة جنين شمال الضفة الغربية", "شمال الضفة الغربية"),
            _p("نابلس", "في مدينة نابلس بالضفة الغربية", "الضفة الغربية"),
            _p("طولكرم", "في مخيم طولكرم شمال الضفة", "شمال الضفة الغربية"),
        ),
        officials=(
            "وزير الخارجية الفلسطيني",
            "المتحدث باسم الجيش الإسرائيلي",
            "المتحدث باسم وزارة الصحة في غزة",
            "منسق الأمم المتحدة لعملية السلام",
        ),
        monitors=("وزارة الصحة الفلسطينية", "الهلال الأحمر الفلسطيني"),
        mediators=("مصرية قطرية", "الأمم المتحدة"),
        levantine_months=True,
    ),
    Theatre(
        country="لبنان",
        actors=(
            _a("حزب الله", "عناصر حزب الله"),
            _a("الجيش الإسرائيلي", "جنود الجيش الإسرائيلي"),
            _a("الجيش اللبناني", "جنود الجيش اللبناني"),
        ),
        air=("المقاتلات الإسرائيلية", "طائرة مسيرة إسرائيلية"),
        places=(
            _p("بنت جبيل", "في مدينة بنت جبيل جنوبي لبنان", "جنوب لبنان"),
            _p("الخيام", "في بلدة الخيام الحدودية", "جنوب لبنان"),
            _p("الناقورة", "في بلدة الناقورة الساحلية", "جنوب لبنان"),
            _p("النبطية", "في مدينة النبطية", "جنوب لبنان"),
            _p("بعلبك", "في مدينة بعلبك شرقي لبنان", "سهل البقاع"),
        ),
        officials=(
            "وزير الخارجية اللبناني",
            "رئيس الحكومة اللبنانية",
            "المتحدث باسم قوات اليونيفيل",
        ),
        monitors=("وزارة الصحة اللبنانية", "الدفاع المدني اللبناني"),
        mediators=("أمريكية فرنسية", "الأمم المتحدة"),
        levantine_months=True,
    ),
)

WEEKDAYS = ("الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد")
LEVANT_MONTHS = (
    "كانون الثاني", "شباط", "آذار", "نيسان", "أيار", "حزيران",
    "تموز", "آب", "أيلول", "تشرين الأول", "تشرين الثاني", "كانون الأول",
)  # fmt: skip
GREG_MONTHS = (
    "يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو",
    "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر",
)  # fmt: skip
DAY_PARTS = ("", "يوم ", "فجر ", "صباح ", "ظهر ", "مساء ", "ليل ", "ليلة ")
RELATIVE = ("أمس", "اليوم", "فجر اليوم", "صباح اليوم", "مساء أمس", "أول أمس", "الليلة الماضية")

# Counted nouns: plural (with 3-10), accusative singular (with 11-99), dual oblique, dual nominative
NOUNS: dict[str, tuple[str, str, str, str]] = {
    "fighter": ("عناصر", "عنصرا", "عنصرين", "عنصران"),
    "soldier": ("جنود", "جنديا", "جنديين", "جنديان"),
    "civilian": ("مدنيين", "مدنيا", "مدنيين اثنين", "مدنيان اثنان"),
    "person": ("أشخاص", "شخصا", "شخصين", "شخصان"),
    "child": ("أطفال", "طفلا", "طفلين", "طفلان"),
}
NUMBER_WORDS = ("ثلاثة", "أربعة", "خمسة", "ستة", "سبعة", "ثمانية", "تسعة", "عشرة")
TENS_WORDS = ("عشرين", "ثلاثين", "أربعين", "خمسين")
TENS_WORDS_NOM = ("عشرون", "ثلاثون", "أربعون", "خمسون")

FIRST_NAMES = (
    "عدنان", "سمير", "خالد", "محمود", "أحمد", "يوسف", "عمر", "حسين", "مصطفى", "فراس",
    "جمال", "نادر", "سليمان", "إبراهيم", "طارق", "وليد", "مازن", "بشير", "هشام", "زياد",
)  # fmt: skip
LAST_NAMES = (
    "الحسن", "العلي", "الخلف", "الأحمد", "الشامي", "العبيدي", "الجبوري", "المصري",
    "الزبيدي", "الحمادي", "آدم", "إسحاق", "الورفلي", "الشريف", "نور", "الدوري",
)  # fmt: skip

VICTIMS = (
    "المختار {person}",
    "الناشط الإعلامي {person}",
    "عضو المجلس المحلي {person}",
    "الطبيب {person}",
    "المعلم {person}",
    "الشيخ {person} أحد وجهاء العشائر",
)

QUOTES = (
    "لم نعد نعرف النوم، القصف لا يتوقف ليلا ولا نهارا",
    "خرجنا من بيوتنا بلا شيء، والأطفال يرتجفون من الخوف",
    "قواتنا تتقدم ببطء بسبب كثافة الألغام والعبوات الناسفة",
    "ما جرى اليوم جريمة مكتملة الأركان بحق المدنيين العزل",
    "نطالب المجتمع الدولي بالتحرك الفوري لوقف هذه الانتهاكات",
    "الوضع الميداني تحت السيطرة ولا صحة لما يشاع عن انسحابنا",
    "المستشفى لم يعد قادرا على استقبال المزيد من الجرحى",
    "لن نسمح بعودة الإرهاب إلى المنطقة مهما كلف الأمر",
    "سمعنا دوي انفجار ضخم ثم رأينا الدخان يتصاعد من السوق",
)

AGENCIES = ("(وكالات)", "- خاص", "(أ ف ب)", "(رويترز)", "- مراسلنا", "(الأناضول)")


# ---------------------------------------------------------------------------
# Templates: (kind, text). kind ∈ {event, statement, background, quote}
# ---------------------------------------------------------------------------

TEMPLATES: tuple[tuple[str, str], ...] = (
    # --- armed clashes
    ("event", "اندلعت اشتباكات عنيفة بين {a_gen} و{b_f} {loc} {when}، ما أسفر عن مقتل {cas_f} من الطرفين وإصابة {inj} آخرين بجروح متفاوتة."),
    ("event", "{town_wb}، تواصلت المواجهات بين {a_gen} و{b_gen} لليوم الثالث على التوالي {when}، وسط تقدم بطيء بسبب كثافة الألغام التي زرعها {b_f} في الأحياء."),
    ("event", "نصب {b_f} كمينا لرتل عسكري تابع {a_li} على الطريق بين {town} و{town2} {when}، وأسفرت المواجهات عن مقتل {cas_s} وأسر آخرين."),
    ("event", "هاجم {b_f} نقاطا عسكرية {a_li} على أطراف {town} {when}، ورد{a_t} {a} بقصف مدفعي مكثف، فيما تحدثت مصادر ميدانية عن عشرات القتلى والجرحى."),
    # --- air / drone strikes
    ("event", "شنت {air} غارات جوية على مواقع {b_li} {loc} {when}، وأفادت مصادر محلية بمقتل {cas_f} وتدمير آليات ومستودع للذخيرة."),
    ("event", "استهدفت {drone} سيارة تقل قياديين في {b_gen} على أطراف {town} {when}، ما أدى إلى مقتل من كانوا بداخلها وعددهم {cas_p}."),
    ("event", "قتل {cas_c_nom} بينهم {kids} في غارة جوية نفذتها {air} على منزل {loc} {when}، بحسب {monitor}."),
    # --- shelling / artillery / rockets
    ("event", "قتل {cas_c_nom} وأصيب {inj} آخرون جراء قصف مدفعي وصاروخي نفذته {a} على الأحياء السكنية {loc} {when}."),
    ("event", "تعرضت قرى {area} لقصف بقذائف الهاون والمدفعية الثقيلة مصدره مواقع {a_li} {when}، دون ورود أنباء عن إصابات."),
    ("event", "أطلق {a_f} رشقة من الصواريخ باتجاه {town} {when}، فيما قال{b_t} {b} إن{b_pron} اعترض{b_sfx} عددا منها وإن الشظايا أصابت {cas_p} بجروح."),
    # --- explosives
    ("event", "انفجرت عبوة ناسفة زرعها مجهولون على الطريق الواصل بين {town} و{town2} {when}، ما أدى إلى مقتل {cas_p} كانوا على متن حافلة مدنية."),
    ("event", "هز انفجار سيارة مفخخة سوقا شعبيا {loc} {when}، وقالت مصادر طبية إن الحصيلة بلغت {cas_p} بينهم نساء وأطفال، فيما أعلن{b_t} {b} تبني الهجوم في بيان نشر عبر معرفات{b_pron}."),
    ("event", "قتل {cas_c_nom} بانفجار لغم أرضي من مخلفات الحرب أثناء عملهم في أرض زراعية {loc} {when}."),
    ("event", "فجر انتحاري يرتدي حزاما ناسفا نفسه عند حاجز تابع {a_li} عند مدخل {town} {when}، ما أسفر عن مقتل {cas_s} وإصابة {inj} آخرين."),
    # --- violence against civilians
    ("event", "اغتال مسلحون مجهولون يستقلون دراجة نارية {victim} {loc} {when}، بعد أن أطلقوا النار عليه أمام منزله ولاذوا بالفرار."),
    ("event", "عثر الأهالي على جثث {cas_c} مجهولي الهوية وعليها آثار تعذيب قرب {town} {when}، واتهم ناشطون {b_gen} بالوقوف وراء عملية القتل."),
    ("event", "اختطف مسلحون يتبعون {b_li} {cas_c} من أبناء {town2} {when}، واقتادوهم إلى جهة مجهولة، بحسب ما أفاد أقارب المختطفين."),
    ("event", "اقتحم {b_f} أسواق {town} {when} ونهبوا محال تجارية ومنازل لمدنيين، قبل أن يضرموا النار في عدد منها."),
    # --- arrests / releases
    ("event", "شن{a_t} {a} حملة دهم واعتقالات {loc} {when}، طالت {cas_p} بتهمة التعامل مع {b_gen}."),
    ("event", "أفرج{a_t} {a} {when} عن {n_det} معتقلا من سجون{a_pron} في إطار صفقة تبادل مع {b_gen} جرت بوساطة محلية في {town}."),
    # --- protests / riots
    ("event", "خرج مئات المتظاهرين {loc} {when} في مظاهرة سلمية للمطالبة بإطلاق سراح المعتقلين وتحسين الأوضاع المعيشية، ورفعوا لافتات تندد بممارسات {b_gen}."),
    ("event", "فرقت قوات الأمن بالغاز المسيل للدموع والرصاص الحي محتجين غاضبين {loc} {when}، ما أدى إلى إصابة {inj} منهم، وفق ما أفادت لجان تنسيق محلية."),
    # --- agreements / territory
    ("event", "توصل{a_t} {a} و{b_gen} إلى اتفاق لوقف إطلاق النار في {town} {when} برعاية {mediator}، يقضي بانسحاب المقاتلين وفتح ممرات إنسانية أمام المدنيين."),
    ("event", "سيطر{a_t} {a} {when} على {town} وعدد من القرى المحيطة بها بعد معارك عنيفة مع {b_f}، الذين انسحبوا باتجاه {town2}."),
    ("event", "وحقق{a_t} {a} {when} تقدما جديدا وسيطر{a_sfx} على ست نقاط {b_li} في محيط {town}، بعد يومين من إعلان{a_pron} بدء المرحلة الأخيرة من العملية."),
    ("event", "سلم {b_f} مواقعهم في {town} إلى {a_gen} {when} بموجب اتفاق تسوية، وخرجت الدفعة الأولى منهم نحو {town2}."),
    # --- explicit dates
    ("event", "وكان{a_t} {a} قد أعلن{a_t} في {date} بدء عملية عسكرية واسعة لطرد {b_f} من {area}."),
    ("event", "وفي {date}، قتل {cas_c_nom} في قصف طال مدرسة تؤوي نازحين {loc}، في واحدة من أكثر الهجمات دموية منذ بداية العام."),
    # --- statements that are not events
    ("statement", "أكد {official} أن الوضع في {country} يتجه نحو التهدئة، مشددا على أن الحل السياسي هو السبيل الوحيد لإنهاء الأزمة."),
    ("statement", "قال {official} في مؤتمر صحفي {when} إن بلاده ستواصل دعم جهود التسوية، داعيا جميع الأطراف إلى ضبط النفس واحترام القانون الدولي."),
    ("statement", "ونفى {official} صحة الأنباء التي تحدثت عن انسحاب {a_gen} من {town}، واصفا إياها بأنها «عارية عن الصحة»."),
    ("statement", "وعقد {official} اجتماعا مع وجهاء العشائر في {town} لبحث سبل تعزيز الاستقرار وعودة النازحين إلى قراهم."),
    ("statement", "وأعرب {official} عن قلقه البالغ إزاء التقارير الواردة من {area}، مطالبا بفتح تحقيق مستقل وشفاف."),
    ("statement", "وحذرت منظمات إغاثية من تدهور الأوضاع الإنسانية في مخيمات النزوح المحيطة بـ{town}، حيث يعاني آلاف النازحين من نقص حاد في الغذاء والدواء."),
    # --- background
    ("background", "وتشهد {area} منذ سنوات توترا أمنيا متصاعدا في ظل تعدد القوى المسيطرة على الأرض وتراجع الخدمات الأساسية."),
    ("background", "وتعد {town} من أبرز المعاقل المتبقية {b_li} في المنطقة، وكانت قد شهدت خلال الأشهر الماضية معارك متقطعة."),
    ("background", "ويعاني السكان من ارتفاع كبير في أسعار المواد الغذائية والوقود منذ بداية العام، وسط انهيار متواصل في قيمة العملة المحلية."),
    ("background", "ووثقت إحصاءات {monitor} مقتل {cas_c} منذ مطلع الشهر الجاري في {area} جراء العمليات العسكرية، بينهم {kids}."),
    ("background", "ويذكر أن المفاوضات بين {a_gen} و{b_gen} متعثرة منذ أشهر بسبب الخلاف على ملف المعتقلين وترتيبات الانسحاب."),
    # --- quotes
    ("quote", "وقال {person}، وهو أحد سكان {town}، لمراسلنا: «{quote}»."),
    ("quote", "وأضاف {official} في تصريح صحفي: «{quote}»، مؤكدا أن التحقيقات ما زالت جارية."),
)  # fmt: skip

HEADLINES: tuple[str, ...] = (
    "مقتل {cas_f} في اشتباكات بين {a_gen} و{b_gen} {loc}",
    "غارات جوية على مواقع {b_li} في {town}",
    "سيطرة {a_gen} على {town} بعد معارك مع {b_gen}",
    "انفجار يهز {town} ومصادر تتحدث عن سقوط ضحايا",
    "تصعيد جديد في {area} وتحذيرات من كارثة إنسانية",
)

_EVENTS = tuple(t for k, t in TEMPLATES if k == "event")
_ALL = tuple(t for _, t in TEMPLATES)


# ---------------------------------------------------------------------------
# Slot filling
# ---------------------------------------------------------------------------


def _li(x: str) -> str:
    """Attach the preposition لـ: «لتنظيم داعش», «للجيش السوداني»."""
    return "لل" + x[2:] if x.startswith("ال") else "ل" + x


def _suffix(actor: Actor) -> str:
    """Past-tense ending of a verb that follows its subject: ت / (none) / وا."""
    return "وا" if actor.pron == "هم" else "ت" if actor.fem else ""


def _count(rng: random.Random, noun: str, nominative: bool = False) -> str:
    """A casualty count in digits («21 عنصرا»), words («ثلاثة مدنيين») or vague («عشرات…»)."""
    plural, acc, dual, dual_nom = NOUNS[noun]
    if nominative:
        dual = dual_nom
    r = rng.random()
    if r < 0.25:
        return f"{rng.randint(3, 10)} {plural}"
    if r < 0.5:
        return f"{rng.randint(11, 99)} {acc}"
    if r < 0.72:
        return f"{rng.choice(NUMBER_WORDS)} {plural}"
    if r < 0.82:
        return dual
    if r < 0.92:
        return f"عشرات ال{plural}"
    return f"{rng.choice(TENS_WORDS_NOM if nominative else TENS_WORDS)} {acc}"


def _few(rng: random.Random, noun: str) -> str:
    """A small count, used for a subset («بينهم ثلاثة أطفال»)."""
    plural, _acc, _dual, dual = NOUNS[noun]  # nominative: «بينهم طفلان»
    r = rng.random()
    if r < 0.4:
        return f"{rng.randint(3, 6)} {plural}"
    if r < 0.8:
        return f"{rng.choice(NUMBER_WORDS[:4])} {plural}"
    return dual


def _small(rng: random.Random) -> str:
    return str(rng.randint(2, 40)) if rng.random() < 0.6 else rng.choice(NUMBER_WORDS)


def _person(rng: random.Random) -> str:
    return f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"


def _explicit_date(rng: random.Random, day: dt.date, levant: bool) -> str:
    months = LEVANT_MONTHS if levant else GREG_MONTHS
    if levant and rng.random() < 0.3:  # «2 آذار/مارس 2019»
        return f"{day.day} {months[day.month - 1]}/{GREG_MONTHS[day.month - 1]} {day.year}"
    return f"{day.day} {months[day.month - 1]} {day.year}"


class _Lazy(dict[str, str]):
    """Slot values computed on first use, so unused slots draw no random numbers."""

    def __init__(self, factories: dict[str, Callable[[], str]]) -> None:
        super().__init__()
        self.factories = factories

    def __missing__(self, key: str) -> str:
        value = self.factories[key]()
        self[key] = value
        return value


class _Article:
    """State for one article: theatre, recurring actors and place, publication date."""

    def __init__(self, rng: random.Random, published: dt.date) -> None:
        self.rng = rng
        self.published = published
        self.th = rng.choice(THEATRES)
        self.pair = rng.sample(self.th.actors, 2)
        self.place = rng.choice(self.th.places)

    def when(self) -> str:
        rng = self.rng
        r = rng.random()
        if r < 0.6:
            day = self.published - dt.timedelta(days=rng.choice((0, 1, 1, 2, 3)))
            return rng.choice(DAY_PARTS) + WEEKDAYS[day.weekday()]
        if r < 0.85:
            return rng.choice(RELATIVE)
        day = self.published - dt.timedelta(days=rng.randint(0, 4))
        return "يوم " + _explicit_date(rng, day, self.th.levantine_months)

    def slots(self) -> dict[str, Callable[[], str]]:
        rng, th = self.rng, self.th
        a, b = self.pair if rng.random() < 0.65 else rng.sample(th.actors, 2)
        if rng.random() < 0.4:
            a, b = b, a
        place = self.place if rng.random() < 0.6 else rng.choice(th.places)
        others = [p for p in th.places if p is not place]

        def air() -> str:
            return rng.choice(th.air)

        def date() -> str:
            back = rng.randint(5, 200)
            return _explicit_date(
                rng, self.published - dt.timedelta(days=back), th.levantine_months
            )

        return {
            "a": lambda: a.name,
            "a_gen": lambda: a.gen,
            "a_f": lambda: a.fighters,
            "a_li": lambda: _li(a.gen),
            "a_t": lambda: "ت" if a.fem else "",
            "a_pron": lambda: a.pron,
            "a_sfx": lambda: _suffix(a),
            "b": lambda: b.name,
            "b_gen": lambda: b.gen,
            "b_f": lambda: b.fighters,
            "b_li": lambda: _li(b.gen),
            "b_t": lambda: "ت" if b.fem else "",
            "b_pron": lambda: b.pron,
            "b_sfx": lambda: _suffix(b),
            "air": air,
            "drone": lambda: rng.choice(("طائرة مسيرة", "طائرة مسيرة مجهولة", *th.air)),
            "loc": lambda: place.loc,
            "town": lambda: place.town,
            "town2": lambda: rng.choice(others).town,
            "town_wb": lambda: "وب" + place.town,
            "area": lambda: place.area,
            "country": lambda: th.country,
            "when": self.when,
            "date": date,
            "cas_f": lambda: _count(rng, "fighter"),
            "cas_s": lambda: _count(rng, rng.choice(("fighter", "soldier"))),
            "cas_c": lambda: _count(rng, "civilian"),
            "cas_c_nom": lambda: _count(rng, "civilian", nominative=True),
            "cas_p": lambda: _count(rng, "person"),
            "kids": lambda: _few(rng, "child"),
            "inj": lambda: _small(rng),
            "n_det": lambda: str(rng.randint(11, 250)),
            "official": lambda: rng.choice(th.officials),
            "person": lambda: _person(rng),
            "victim": lambda: rng.choice(VICTIMS).format(person=_person(rng)),
            "monitor": lambda: rng.choice(th.monitors),
            "mediator": lambda: rng.choice(th.mediators),
            "quote": lambda: rng.choice(QUOTES),
        }

    def fill(self, template: str) -> str:
        return template.format_map(_Lazy(self.slots()))


# ---------------------------------------------------------------------------
# Public API
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Article:
    text: str
    published: dt.date


_EPOCH = dt.date(2014, 1, 1)
_SPAN_DAYS = (dt.date(2024, 12, 31) - _EPOCH).days


def _article(rng: random.Random, words: int) -> Article:
    published = _EPOCH + dt.timedelta(days=rng.randint(0, _SPAN_DAYS))
    art = _Article(rng, published)
    headline = art.fill(rng.choice(HEADLINES))
    dateline = f"{art.place.town} {rng.choice(AGENCIES)} - "
    paragraphs: list[str] = []
    count = len(headline.split()) + len(dateline.split())
    deck: list[str] = []
    first = True
    while count < words:
        para: list[str] = []
        for _ in range(rng.randint(2, 4)):
            if first:
                template = rng.choice(_EVENTS)
                first = False
            else:
                if not deck:  # draw every template once before any repeats
                    deck = list(_ALL)
                    rng.shuffle(deck)
                template = deck.pop()
            sentence = art.fill(template)
            para.append(sentence)
            count += len(sentence.split())
            if count >= words:
                break
        paragraphs.append(" ".join(para))
    paragraphs[0] = dateline + paragraphs[0]
    return Article(text=headline + "\n\n" + "\n\n".join(paragraphs) + "\n", published=published)


def generate_articles(n: int, seed: int = 0, words: int = 600) -> list[Article]:
    """``n`` synthetic articles of about ``words`` whitespace tokens, with publication dates."""
    rng = random.Random(seed)
    return [_article(rng, words) for _ in range(n)]


def generate(n: int, seed: int = 0, words: int = 600) -> list[str]:
    """``n`` synthetic Arabic conflict-news articles of about ``words`` whitespace tokens."""
    return [a.text for a in generate_articles(n, seed=seed, words=words)]


def write_corpus(folder: str | Path, n: int, seed: int = 0, words: int = 600) -> list[Path]:
    """Write ``article-0001.txt`` … into ``folder`` (created if needed); return the paths."""
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    paths: list[Path] = []
    for i, text in enumerate(generate(n, seed=seed, words=words), 1):
        path = out / f"article-{i:04d}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def _main(argv: Sequence[str] | None = None) -> None:
    import argparse

    ap = argparse.ArgumentParser(description="Write a synthetic Arabic conflict-news corpus.")
    ap.add_argument("folder")
    ap.add_argument("-n", type=int, default=100)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--words", type=int, default=600)
    args = ap.parse_args(argv)
    paths = write_corpus(args.folder, args.n, seed=args.seed, words=args.words)
    print(f"wrote {len(paths)} articles to {args.folder}")


if __name__ == "__main__":
    _main()
