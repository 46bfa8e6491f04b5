"""How the rules code real reporting: one spec per class of error seen on real news.

Every sentence here is written for these tests (none is taken from the gold or training
corpora). They run the rule pipeline alone, so that a change in the learned models cannot
hide a broken rule.
"""

import datetime as dt

import pytest

import marsad
from marsad.text.segment import split_sentences

PUB = dt.date(2023, 5, 10)
RULES = marsad.default_pipeline(mode="rules")


def code(text: str, published: dt.date | None = PUB) -> list[dict]:
    return marsad.extract(text, published, pipeline=RULES)


def one(text: str, published: dt.date | None = PUB) -> dict:
    events = code(text, published)
    assert len(events) == 1, [(e["event_type"], e["location"]) for e in events]
    return events[0]


# -- roles -------------------------------------------------------------------------------


def test_civilians_are_never_the_actor_of_a_strike():
    e = one("قتل أربعة مدنيين في قصف مدفعي لقوات النظام على بلدة كفرنبودة بريف حماة أمس.")
    assert e["actor1"] == "Military Forces of Syria"
    assert e["actor2"] == "Civilians (Syria)"


def test_a_nationality_adjective_names_the_state_that_struck():
    e = one("استهدفت غارات جوية إسرائيلية منزلا في بلدة بيت حانون شمال قطاع غزة فجر اليوم.")
    assert e["event_type"] == "Explosions/Remote violence"
    assert e["actor1"] == "Military Forces of Israel"


def test_the_army_whose_camp_a_drone_fell_on_is_the_target():
    e = one("سقطت طائرة مسيرة في معسكر تابع للجيش التركي قرب بلدة بعشيقة اليوم، وأودت بحياة شخص.")
    assert (e["actor1"], e["actor2"]) == ("Unidentified Armed Group (Iraq)", "Military Forces of Turkey")


def test_the_army_whose_planes_struck_is_the_attacker():
    e = one("قصفت طائرات حربية تابعة للجيش السوداني مدينة نيالا اليوم ما أدى إلى مقتل 5 مدنيين.")
    assert (e["actor1"], e["actor2"]) == ("Military Forces of Sudan", "Civilians (Sudan)")


def test_the_owner_of_a_struck_camp_is_the_target_not_the_attacker():
    e = one("تعرض معسكر التابع للقوات التركية قرب مدينة الموصل إلى قصف بثلاثة صواريخ مساء اليوم.")
    assert e["actor2"] == "Military Forces of Turkey"
    assert e["actor1"] != "Military Forces of Turkey"


def test_a_strike_with_no_named_agent_takes_the_group_named_before_it():
    events = code(
        "شن تنظيم داعش هجوما على قرية في ريف دير الزور الشرقي أمس.\n"
        "وفي سياق آخر، انفجرت عبوة ناسفة بسيارة عسكرية في مدينة الميادين اليوم."
    )
    bomb = next(e for e in events if e["event_type"] == "Explosions/Remote violence")
    assert bomb["actor1"] == "Islamic State"


def test_the_group_behind_lam_after_an_attack_is_the_attacker():
    e = one(
        "مقتل جنديين عراقيين بهجوم لـ\"داعش\"\n"
        "قتل جنديان من الجيش العراقي وأصيب ثلاثة آخرون بهجوم لـ\"داعش\" على نقطة عسكرية "
        "في قضاء طوزخورماتو مساء أمس."
    )
    assert (e["actor1"], e["actor2"]) == ("Islamic State", "Military Forces of Iraq")
    assert e["country"] == "Iraq" and e["fatalities"] == 2


def test_the_organisation_is_the_group_named_before_not_its_enemy():
    events = code(
        "قال المرصد السوري إن مسلحي تنظيم داعش هاجموا حاجزا لقوات النظام في ريف حمص الشرقي اليوم.\n"
        "وأضاف أن التنظيم قام بخطف ستة رعاة من قرية الشيخ هلال."
    )
    kidnap = next(e for e in events if e["sub_event_type"] == "Abduction/forced disappearance")
    assert kidnap["actor1"] == "Islamic State"


def test_an_arrest_with_no_named_side_is_the_state_force_named_before():
    events = code(
        "اقتحمت قوات الاحتلال الإسرائيلي بلدة قباطية جنوب جنين فجر اليوم.\n"
        "واعتقل الشاب محمود من منزله في البلدة."
    )
    arrest = next(e for e in events if e["sub_event_type"] == "Arrests")
    assert arrest["actor1"] == "Military Forces of Israel"


@pytest.mark.parametrize(
    "text",
    [
        "لقي ثلاثة جنود مصرعهم إثر انفجار لغم أرضي على مركبة عسكرية في ضواحي مدينة جوهر "
        "بمحافظة شبيلي الوسطى أمس.",
        "أثناء توجه قوة من الجيش الصومالي إلى المنطقة، انفجرت عبوة ناسفة على هذه القوة قرب "
        "مدينة جوهر بمحافظة شبيلي الوسطى أمس.",
    ],
)
def test_the_force_a_bomb_exploded_on_is_its_target_not_its_author(text):
    e = one(text)
    assert e["actor1"] == "Unidentified Armed Group (Somalia)"
    assert e["actor2"] == "Military Forces of Somalia"


def test_missiles_met_by_air_defence_and_the_air_strike_that_fired_them_are_one_act():
    e = one(
        "تصدت الدفاعات الجوية السورية مساء أمس لعدوان إسرائيلي بالصواريخ استهدف نقاطا في محيط "
        "مدينة حمص.\n"
        "وقال مصدر عسكري إن طائرات حربية إسرائيلية شنت غارات جوية على محيط مدينة حمص مساء أمس.\n"
        "وتداول ناشطون صورا تظهر بقايا صواريخ سقطت في أرض زراعية."
    )
    assert e["sub_event_type"] == "Air/drone strike"
    assert e["actor1"] == "Military Forces of Israel"


def test_two_sides_named_before_a_clash_word_are_both_coded():
    e = one(
        "وقال البيان إن مقاتلي حزب الله تصدوا فجر اليوم لقوة من الجيش الإسرائيلي حاولت التسلل "
        "إلى بلدة كفركلا واشتبكوا معها.",
        dt.date(2024, 10, 2),
    )
    assert (e["actor1"], e["actor2"]) == ("Hezbollah", "Military Forces of Israel")


def test_what_a_group_targeted_with_a_weapon_is_the_target():
    e = one(
        'أعلن حزب الله في بيان أن مقاتليه "استهدفوا تجمعا لقوات الاحتلال في ثكنة زرعيت بصلية '
        'صاروخية" صباح اليوم.',
        dt.date(2024, 10, 2),
    )
    assert (e["actor1"], e["actor2"]) == ("Hezbollah", "Military Forces of Israel")


def test_protesters_shot_by_the_police_are_excessive_force_not_the_attackers():
    e = one(
        "وفي مدينة الكوت قال مصدر طبي إن متظاهرين اثنين قتلا اليوم وأصيب 12 آخرون بجروح برصاص "
        "قوات الأمن أثناء تفريق محتجين.",
        dt.date(2019, 11, 28),
    )
    assert e["sub_event_type"] == "Excessive force against protesters"
    assert (e["actor1"], e["actor2"]) == ("Protesters (Iraq)", "Police Forces of Iraq")
    assert e["fatalities"] == 2


@pytest.mark.parametrize(
    "text, coalition",
    [
        (
            "وقالت وسائل إعلام حوثية إن طائرات التحالف شنت ثلاث غارات جوية على مدينة صعدة فجر اليوم.",
            "Arab Coalition",
        ),
        (
            "وشنت طائرات التحالف الدولي غارات جوية على مواقع لتنظيم داعش في قضاء القائم غربي "
            "الأنبار فجر اليوم.",
            "International Coalition",
        ),
    ],
)
def test_a_bare_coalition_is_the_one_at_war_where_the_strike_falls(text, coalition):
    assert one(text)["actor1"] == coalition


def test_the_civilian_named_before_a_passive_attack_is_its_target():
    e = one(
        "أصيب الشاب محمود العلي بجروح، جراء استهدافه بإطلاق نار مباشر من قبل مجهولين في مدينة "
        "جاسم بريف درعا الشمالي مساء أمس.",
        dt.date(2022, 3, 28),
    )
    assert e["event_type"] == "Violence against civilians"
    assert (e["actor1"], e["actor2"]) == ("Unidentified Armed Group (Syria)", "Civilians (Syria)")


def test_a_bare_bombardment_and_the_drones_that_did_it_are_one_strike():
    e = one(
        "قصف الحرس الثوري الإيراني اليوم مواقع لأحزاب كردية معارضة في بلدة كويسنجق بمحافظة أربيل.\n"
        "وقالت وكالة تسنيم إن الحرس استهدف بالطائرات المسيرة مقرات الأحزاب الكردية في كويسنجق.",
        dt.date(2022, 11, 14),
    )
    assert e["sub_event_type"] == "Air/drone strike"
    assert e["actor1"] == "Islamic Revolutionary Guard Corps"


def test_a_bomb_with_no_named_author_is_the_armed_group_named_before_not_its_target():
    events = code(
        "هاجم مسلحو تنظيم داعش نقطة للحشد الشعبي في قضاء الطارمية شمال بغداد مساء أمس.\n"
        "وأثناء توجه قوة من الحشد الشعبي لتعزيز النقطة انفجرت عبوة ناسفة على القوة قرب الطارمية.",
        dt.date(2020, 5, 2),
    )
    bomb = next(e for e in events if e["event_type"] == "Explosions/Remote violence")
    assert (bomb["actor1"], bomb["actor2"]) == ("Islamic State", "Popular Mobilization Forces")


def test_an_attack_on_civilians_is_violence_against_civilians():
    e = one(
        "أطلق مسلحون مجهولون النار على مدنيين في مدينة الصنمين بريف درعا أمس فقتلوا ثلاثة منهم."
    )
    assert e["event_type"] == "Violence against civilians"
    assert e["actor1"].startswith("Unidentified Armed Group")


def test_protesters_act_in_a_protest_and_the_police_meet_them():
    e = one("فرقت قوات الأمن بالغاز المسيل للدموع مظاهرة للمحتجين في مدينة البصرة اليوم.")
    assert e["event_type"] == "Protests"
    assert e["actor1"] == "Protesters (Iraq)"
    assert e["actor2"] == "Police Forces of Iraq"


def test_arrests_without_a_named_side_are_made_by_the_state():
    e = one("اعتقلت دورية شابين في مدينة الرمادي بمحافظة الأنبار صباح اليوم.")
    assert (e["event_type"], e["sub_event_type"]) == ("Strategic developments", "Arrests")
    assert e["actor1"] == "Police Forces of Iraq"


# -- what is not an event ------------------------------------------------------------------


def test_an_act_dated_only_by_a_month_is_background():
    assert code("وكانت قوات النظام قد قصفت مدينة سراقب في تموز 2019.") == []


def test_a_title_that_restates_the_body_is_not_a_second_event():
    events = code(
        "مقتل جنديين بانفجار لغم في أبين\n"
        "قتل جنديان يمنيان اليوم بانفجار لغم أرضي على طريق في مديرية المحفد بمحافظة أبين."
    )
    assert len(events) == 1


def test_a_known_act_talked_about_later_is_not_a_new_event():
    events = code(
        "قصفت قوات النظام بلدة كنصفرة في جبل الزاوية صباح اليوم.\n"
        "وقال مسؤول محلي إن القصف المدفعي جاء بعد تعثر المفاوضات.\n"
        "وأضاف أن الأهالي غادروا البلدة.\n"
        "ويرى محللون أن القصف الروسي للمنطقة فشل في تغيير خطوط الجبهة."
    )
    assert len(events) == 1


def test_sentences_after_an_old_date_go_on_telling_that_time():
    events = code(
        "تظاهر مئات الطلاب أمام مبنى المحافظة في مدينة الحلة اليوم احتجاجا على تأخر الرواتب.\n"
        "وكانت الاحتجاجات قد اندلعت في مدينة الحلة في الخامس من تشرين الثاني الماضي، وسرعان "
        "ما تحولت إلى العنف. وقتلت قوات الأمن متظاهرين بالرصاص الحي."
    )
    assert [(e["event_type"], e["event_date"]) for e in events] == [("Protests", "2023-05-10")]


def test_an_undated_recap_with_wakana_qad_adds_no_facts_to_todays_act():
    e = one(
        "قتل 20 مدنيا في هجوم شنه مسلحون على قرية في منطقة تيلابيري غرب النيجر أمس.\n"
        "وكانت الحكومة قد أعلنت مقتل 3 مدنيين في هجوم شنه مسلحون في منطقة تيلابيري.",
        dt.date(2021, 8, 17),
    )
    assert e["fatalities"] == 20


def test_a_call_to_protest_is_no_protest():
    assert code("وانطلقت دعوات في المحافظة للقيام بتظاهرة كبيرة يوم الجمعة المقبل.") == []


def test_a_car_bomb_told_again_as_a_suicide_bombing_is_one_suicide_bombing():
    e = one(
        "قتل 12 مدنيا بانفجار سيارة مفخخة في سوق مدينة زليتن صباح اليوم.\n"
        "وقال مصدر أمني إن التفجير الانتحاري نفذه شخص كان يقود السيارة قرب السوق.",
        dt.date(2016, 1, 7),
    )
    assert e["sub_event_type"] == "Suicide bomb"
    assert e["fatalities"] == 12


def test_unknown_gunmen_told_again_are_the_same_killing_not_the_victims_service():
    e = one(
        "اغتيل ضابط في جهاز المخابرات العراقي صباح اليوم في منطقة البلديات شرقي بغداد.\n"
        "وقال مصدر أمني إن مسلحين مجهولين اغتالوا الضابط أمام منزله في البلديات.",
        dt.date(2021, 6, 7),
    )
    assert e["actor1"] == "Unidentified Armed Group (Iraq)"
    assert e["fatalities"] == 1


@pytest.mark.parametrize(
    "text",
    [
        "دعت الجماعة الشركات الأجنبية إلى مغادرة البلاد في تلويح جديد بتوجيه ضربات جوية على "
        "المنشآت النفطية في مدينة ينبع.",
        "وتحدثت تقارير عن انسحاب أمريكي محتمل من قاعدة التنف في ريف حمص.",
        "وانتهت المعركة التي دامت تسعة أشهر بسيطرة القوات العراقية على مدينة الموصل.",
        "وفرضت السلطات حظر التجول في مدينة الحلة مساء الجمعة حتى إشعار آخر.",
        "وأكد المحافظ أن القوات الأمنية ستقوم بالقبض على كل من يعبث بأمن مدينة الحلة.",
    ],
)
def test_threats_possible_or_future_acts_old_battles_and_curfews_are_no_events(text):
    assert code(text) == []


def test_an_agreement_must_be_reached_or_signed():
    assert code("دعا المبعوث الأممي إلى وقف إطلاق النار واحترام الاتفاق في مدينة الحديدة.") == []
    e = one("توصلت قوة الردع وجهاز دعم الاستقرار في مدينة طرابلس إلى اتفاق لوقف إطلاق النار اليوم.")
    assert e["sub_event_type"] == "Agreement"


def test_a_casualty_line_is_the_dead_of_the_act_before_it():
    events = code(
        "قصفت طائرات التحالف مبنى في مدينة صعدة فجر اليوم.\n"
        "وقال مسعفون إن من بين القتلى طفلين وامرأة في مدينة صعدة."
    )
    assert len(events) == 1 and events[0]["event_type"] == "Explosions/Remote violence"


def test_the_victims_line_of_a_strike_is_the_same_strike():
    # one line names who struck, the next who died: no role names two different actors
    e = one(
        "شن الطيران الحربي التابع للجيش السوداني غارات جوية على حي في مدينة نيالا ظهر اليوم.\n"
        "وأسفرت الغارات الجوية على نيالا عن مقتل خمسة مدنيين بينهم طفلان."
    )
    assert e["actor1"] == "Military Forces of Sudan"
    assert e["fatalities"] == 5


def test_the_day_a_source_speaks_yields_to_the_day_of_the_act():
    events = code(
        "أعلن مصدر أمني في محافظة ديالى، اليوم الأربعاء، عن اختطاف ثلاثة مواطنين على يد مسلحين مجهولين.\n"
        "وأوضح المصدر أن المسلحين نصبوا كمينا للمواطنين واختطفوهم مساء أمس قرب بلدة المقدادية."
    )
    assert len(events) == 1, events
    assert events[0]["event_date"] == "2023-05-09"


def test_a_maghreb_ministry_of_national_defence_is_that_states_army():
    e = one(
        "أعلنت وزارة الدفاع الوطني الجزائرية، اليوم الأربعاء، عن توقيف أربعة عناصر دعم "
        "للجماعات الإرهابية في ولاية باتنة."
    )
    assert e["actor1"] == "Military Forces of Algeria"
    assert e["country"] == "Algeria"


# -- places --------------------------------------------------------------------------------


def test_a_village_a_cue_introduces_beats_a_landmark_city():
    e = one(
        "قتل ثلاثة عناصر من الحشد الشعبي بهجوم لداعش على نقطة في قرية الحويجات شمال العاصمة بغداد."
    )
    assert e["location_ar"] == "الحويجات"


def test_a_town_in_the_title_refines_a_province_named_like_its_capital():
    # «حلب» is a city and a province; the title's town lies in the province
    e = one(
        "قوات النظام تقصف بلدة الأتارب بريف حلب\n"
        "قصفت قوات النظام السوري الثلاثاء مناطق في حلب وإدلب ما أدى إلى مقتل مدنيين اثنين."
    )
    assert e["location"] == "Al Atārib"
    assert e["fatalities"] == 2


def test_armed_men_storming_and_looting_a_shop_is_looting_not_a_riot():
    e = one(
        "مسلحون يقتحمون متجرا للهواتف في مدينة عدن وينهبونه\n"
        "اقتحم مسلحون مجهولون متجرا لبيع الهواتف في مدينة عدن مساء الإثنين ونهبوا محتوياته."
    )
    assert e["sub_event_type"] == "Looting/property destruction"


def test_each_act_of_a_sentence_takes_the_place_named_after_it():
    events = code(
        "جدد طيران الاحتلال الروسي غاراته، اليوم الثلاثاء، على منطقة سراقب شرقي إدلب، "
        "تزامنا مع قصف مدفعي لقوات النظام على بلدات في ريف حلب الغربي."
    )
    by_type = {e["sub_event_type"]: e for e in events}
    assert by_type["Air/drone strike"]["actor1"] == "Military Forces of Russia"  # not Israel's
    assert by_type["Air/drone strike"]["location"] == "Saraqib"
    assert by_type["Shelling/artillery/missile attack"]["admin1"] == "Aleppo"


def test_a_village_in_the_countryside_of_a_town_is_that_towns_strike():
    e = one(
        "شنت طائرات حربية روسية غارات على محيط قرية خربة الزيتونة الفوقانية في ريف سراقب اليوم.\n"
        "وقال ناشطون إن الطيران الحربي الروسي شن غارات على منطقة سراقب."
    )
    assert e["location_ar"].startswith("خربة الزيتونة")


@pytest.mark.parametrize(
    "text, place",
    [
        ("أحرق المتظاهرون مساء الأحد مقرات الأحزاب داخل قضاء سيرا ماوتان في محافظة السليمانية.", "سيرا ماوتان"),
        ("قصفت قوات النظام بلدة الدروة والمستقبل بريف درعا اليوم.", "الدروة"),
    ],
)
def test_an_unknown_place_name_of_two_words_is_kept_whole_but_not_a_second_name(text, place):
    assert one(text)["location_ar"] == place


def test_a_quoted_village_after_fi_refines_the_province_and_keeps_it():
    e = one(
        "قتل 12 مدنيا في هجوم شنه مسلحون في منطقة تيلابيري غرب النيجر أمس.\n"
        'وقال مسؤول محلي إن الهجوم وقع في "دوندو-كاسي" حيث أطلق مسلحون النار على مزارعين.',
        dt.date(2021, 8, 17),
    )
    assert e["location_ar"] == "دوندو-كاسي"
    assert e["admin1"] == "Tillaberi"


@pytest.mark.parametrize("quote", ['"{}"', "«{}»", "“{}”"])
def test_a_quoted_name_after_a_place_cue_is_the_place_even_with_an_act_word_in_it(quote):
    # «حرر» (freed) inside a district's quoted name is part of the name, no act of its own
    name = quote.format("حرر بوكا")
    e = one(f"انسحبت القوات الحكومية صباح اليوم من مديرية {name} في محافظة غلغدود.")
    assert e["sub_event_type"] == "Non-violent transfer of territory"
    assert e["location_ar"] == "حرر بوكا"


def test_a_military_base_the_gazetteer_lacks_is_the_place_of_the_strike():
    # «قاعدة» (base) is a place cue: the base is where the strike fell, not the country
    e = one("قصفت طائرات مسيرة قاعدة تمنهنت الجوية جنوبي ليبيا فجر اليوم.")
    assert (e["sub_event_type"], e["location_ar"], e["country"]) == ("Air/drone strike", "تمنهنت", "Libya")


def test_a_base_with_the_article_or_an_adjective_names_no_place():
    e = one("قتل 3 عناصر من تنظيم القاعدة في غارة أمريكية على قاعدة عسكرية في محافظة مأرب.")
    assert e["location"] == "Marib"


def test_a_word_after_a_place_cue_with_the_article_is_an_adjective_not_a_name():
    # «تلك المدينة المضطربة»: «المضطربة» (troubled) qualifies the town, it names no other place
    from marsad.document import Document

    text = "سيطر مسلحو حركة الشباب اليوم على إقليم غلغدود بعد أن ظلت تلك المدينة المضطربة تحت سيطرة الجيش سنوات."
    doc = RULES.run(Document(text, published=PUB), until="entities")
    assert [p.unresolved_name for p in doc.places if p.unresolved_name] == []


def test_an_everyday_word_after_a_cue_is_no_place_name():
    e = one("انفجرت سيارة مفخخة في منطقة تعج بالمدنيين وسط مدينة عفرين ظهر اليوم.")
    assert e["location"] == "‘Afrīn"


def test_a_foreign_homonym_without_a_cue_is_not_the_place():
    events = code(
        "اندلعت أعمال شغب في مدينة سيدي بوزيد التونسية ليلة أمس واستخدم الأمن الغاز المسيل."
    )
    assert events and all(e["country"] == "Tunisia" for e in events)


def test_a_province_named_like_a_village_is_the_province():
    e = one("قتل ثلاثة جنود عراقيين بانفجار عبوة ناسفة في محافظة صلاح الدين اليوم.")
    assert e["admin1"] == "Salah al-Din"
    assert e["geo_precision"] == 3


# -- fatalities ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "killed"),
    [
        ("لقي أربعة جنود مصرعهم بانفجار لغم أرضي في مدينة جوهر اليوم.", 4),
        ("أطلق مسلحون النار على شابين في مدينة الصنمين ما أسفر عن مقتلهما.", 2),
        ("استشهد فلسطينيان في قصف جوي على حي الزيتون في مدينة غزة اليوم.", 2),
        ("اغتال مسلحون مجهولون الشيخ محمد الأحمد في مدينة عدن مساء اليوم.", 1),
        ("قتل 5 أشخاص وأصيب 12 آخرون بانفجار سيارة مفخخة في مدينة الباب اليوم.", 5),
        ("اغتالت مجموعة مسلحة، أثناء اقتحامها مدينة الفاشر، ما يزيد عن 12 مدنيا بينهم نساء.", 12),
        # «أصيب» is a wounding word too: the number after it counts the wounded
        ("قتل جنديان وأصيب سبعة آخرون بهجوم شنه تنظيم داعش على حاجز للجيش في مدينة العريش اليوم.", 2),
        # the adjective between the count and «حتفهم» leaves the count its own
        ("لقي ثلاثة جنود صوماليين حتفهم بانفجار عبوة ناسفة في مدينة بلدوين اليوم.", 3),
    ],
)
def test_fatalities(text, killed):
    assert one(text)["fatalities"] == killed


def test_a_stated_count_of_the_dead_beats_what_a_word_implies():
    # «استشهد وجرح 8» counts the killed and the wounded together: one dead at least;
    # the title gives the dead
    e = one(
        "3 قتلى في هجوم لمسلحين على نقطة أمنية في مديرية لودر بمحافظة أبين\n"
        "استشهد وجرح 8 جنود اليوم في هجوم نفذه مسلحون على نقطة أمنية في مديرية لودر."
    )
    assert e["fatalities"] == 3


def test_the_dead_counted_among_the_dead_are_not_all_of_them():
    e = one(
        "قتل 12 شخصا في اشتباكات بين قوات الجيش ومسلحين قبليين في مدينة عتق اليوم.\n"
        "ومن بين القتلى ثلاثة جنود من اللواء الثاني قتلوا أثناء الاشتباكات في المدينة."
    )
    assert e["fatalities"] == 12


# -- segmentation --------------------------------------------------------------------------


def test_short_lines_without_a_full_stop_are_titles_but_cut_prose_is_not():
    text = "قصف على مدينة إدلب\nوشهدت مدينة إدلب قصفا عنيفا من قوات النظام طال أحياء عدة في"
    title, prose = split_sentences(text)
    assert title.headline and not prose.headline


def test_a_day_and_its_month_name_date_the_act_to_the_day():
    e = one(
        "وفي 17 أيلول / سبتمبر الماضي، قصفت طائرات حربية مطار مدينة حلب الدولي.",
        dt.date(2022, 10, 20),
    )
    assert e["event_date"] == "2022-09-17"


def test_protesters_burning_offices_is_a_riot():
    e = one("أحرق المتظاهرون مقرات الأحزاب في مدينة السليمانية مساء اليوم.")
    assert (e["event_type"], e["actor1"]) == ("Riots", "Rioters (Iraq)")


def test_an_attack_on_a_military_post_is_a_battle():
    e = one("شن مسلحون من تنظيم القاعدة هجوما على نقطة عسكرية في مديرية المحفد بمحافظة أبين اليوم.")
    assert e["event_type"] == "Battles"


def test_armed_forces_storming_a_town_is_not_a_riot():
    # a raid with no one fought is no event; never a riot of «Rioters (Israel)»
    assert code("اقتحمت آليات الاحتلال بلدة كفردان غرب مدينة جنين فجر اليوم.") == []
    e = one("اقتحمت قوات الاحتلال بلدة كفردان غرب مدينة جنين واشتبكت مع مسلحين فلسطينيين.")
    assert e["event_type"] == "Battles"
    assert e["actor1"] == "Military Forces of Israel"


def test_a_day_with_two_month_names_split_by_a_backslash_is_that_day():
    events = code(
        "ففي 17 أيلول \\ سبتمبر الماضي، قتل ثلاثة جنود سوريين إثر غارات إسرائيلية استهدفت مواقع "
        "في محيط مدينة دمشق.",
        dt.date(2022, 10, 20),
    )
    assert [e["event_date"] for e in events] == ["2022-09-17"]


def test_an_old_act_does_not_lend_its_date_to_todays():
    events = code(
        "قتل ثلاثة مدنيين في قصف جوي على مدينة إدلب اليوم.\n"
        "وكانت طائرات حربية قد قصفت مدينة إدلب في 7 تشرين الأول 2022 أيضا."
    )
    assert [e["event_date"] for e in events] == ["2023-05-10"]


# -- place names -------------------------------------------------------------------------


@pytest.mark.parametrize("town", ["كفر تخاريم", "كفرتخاريم"])
def test_a_kafr_name_is_found_joined_or_spaced(town):
    e = one(f"قتل مدنيان في قصف مدفعي لقوات النظام على بلدة {town} شمال إدلب أمس.")
    assert e["location"] == "Kafr Takhārīm"
    assert e["admin1"] == "Idleb"


def test_a_number_after_a_place_noun_is_not_a_village():
    e = one("سيطرت قوات النظام على القرى الأربع في ريف حماة الشمالي بعد اشتباكات أمس.")
    assert e["location"] != "الأربع"
    assert e["admin1"] == "Hama"


def test_a_datelines_town_is_where_the_report_was_filed_not_the_act():
    e = one(
        "دمشق (وكالات) - قصفت قوات النظام أمس مواقع لفصائل المعارضة المسلحة المنتشرة قرب "
        "الطريق الدولي في إدلب."
    )
    assert e["admin1"] == "Idleb"


def test_a_dateline_town_is_the_place_when_the_sentence_names_no_other():
    e = one("بغداد (رويترز) - قتل شخصان في انفجار عبوة ناسفة أمس.")
    assert e["location"] == "Baghdad"


def test_a_place_named_x_bin_y_after_a_cue_keeps_its_three_words():
    e = one("قتل جنديان في اشتباك مع مسلحين بمنطقة طارق بن زياد بولاية عين الدفلى أمس.", PUB)
    assert e["location"] == "طارق بن زياد"
    assert e["admin1"] == "Ain Defla"


def test_the_nth_day_in_a_row_is_today_and_not_yesterdays_act():
    events = code(
        "تظاهر مئات لليوم الثالث على التوالي في مدينة السويداء للمطالبة بتحسين الخدمات.\n"
        "وكانت قد خرجت أمس مظاهرة مماثلة في مدينة السويداء."
    )
    assert sorted(e["event_date"] for e in events) == ["2023-05-09", "2023-05-10"]


def test_the_town_of_the_hospital_the_wounded_were_taken_to_is_not_the_acts():
    e = one(
        "أصيب شاب برصاص الجيش الإسرائيلي في كفر قدوم مساء أمس، ونقل إلى مستشفى رفيديا "
        "في مدينة نابلس."
    )
    assert e["location"] == "Kafr Qaddūm"


def test_places_outvote_foreign_forces_for_the_country():
    # an unknown village takes the article's country: the country named, not the army's
    e = one("قصف الجيش الفرنسي أمس مواقع لمسلحين في قرية دوغوتيري وسط مالي، ودمر آليات للمسلحين.")
    assert e["country"] == "Mali"


def test_soldiers_in_the_west_bank_are_israels_army():
    e = one("اقتحم الجنود بلدة بيت أمر شمال الخليل فجر اليوم واعتقلوا ثلاثة شبان.")
    assert e["country"] == "Palestine"
    assert e["actor1"] == "Military Forces of Israel"


def test_a_child_hit_by_a_single_bullet_is_an_attack():
    e = one("أصيب طفل برصاصة في قدمه أطلقها عليه جنود الاحتلال قرب مدينة قلقيلية اليوم.")
    assert e["sub_event_type"] == "Attack"
    assert e["location"] == "Qalqīlyah"


def test_a_failed_assassination_attempt_is_an_attack():
    # the target survived, but the attack took place (ACLED codes the attempt)
    e = one("نجا ناشط من محاولة اغتيال بمسدس كاتم للصوت وسط مدينة البصرة مساء أمس.")
    assert e["sub_event_type"] == "Attack"
    assert e["location"] == "Basrah"


def test_a_victims_home_town_is_not_where_it_happened():
    events = code(
        "أطلق مسلحون مجهولون النار على شاب في مدينة نوى بريف درعا الغربي، ما أدى إلى مقتله.\n"
        "وقتل الشاب المنحدر من بلدة جاسم برصاص المسلحين."
    )
    assert [e["location"] for e in events] == ["Nawá"]


def test_a_province_at_home_named_after_a_town_rules_out_a_namesake_abroad():
    # «سحم» is also a town in Jordan; «بريف درعا» puts this one in Syria
    e = one("خطف مسلحون مجهولون شابا على الطريق بين بلدتي سحم الجولان وجلين بريف درعا الغربي أمس.")
    assert e["country"] == "Syria"
    assert e["actor1"] == "Unidentified Armed Group (Syria)"


def test_a_home_town_and_the_province_it_is_in_are_not_where_it_happened():
    events = code(
        "قتل طفل بانفجار عبوة ناسفة في مدينة داعل بريف درعا أمس.\n"
        "وأصيب شقيقه بجروح في الانفجار، وهو من بلدة نصيب في الريف الشرقي لدرعا."
    )
    assert {e["location"] for e in events} == {"Dā‘il"}


def test_protesters_shot_by_security_forces_is_excessive_force_against_the_protest():
    e = one("قتل ثلاثة متظاهرين برصاص قوات الأمن خلال تظاهرة في مدينة البصرة أمس.")
    assert (e["event_type"], e["sub_event_type"]) == ("Protests", "Excessive force against protesters")
    assert (e["actor1"], e["actor2"]) == ("Protesters (Iraq)", "Police Forces of Iraq")
    assert e["fatalities"] == 3


def test_protesters_shot_by_an_armed_group_named_before_is_excessive_force_too():
    # ACLED: excessive force is lethal violence against peaceful protesters, by any force
    e = one(
        "تظاهر الآلاف في مدينة تعز أمس رفضا لسيطرة الحوثيين.\n"
        "وقتل ثلاثة متظاهرين برصاص ميليشيات الحوثيين."
    )
    assert e["sub_event_type"] == "Excessive force against protesters"
    assert e["actor2"] == "Ansar Allah"


def test_protesters_named_before_the_fire_that_killed_them_are_its_target():
    e = one(
        "وفي مدينة النجف قال مصدر طبي إن متظاهرين اثنين قتلا اليوم وأصيب خمسة آخرون بجروح "
        "برصاص قوات الأمن."
    )
    assert e["sub_event_type"] == "Excessive force against protesters"
    assert e["actor1"] == "Protesters (Iraq)"


def test_a_possible_act_is_no_event_even_with_a_nationality_between():
    # «محتمل» is in two lists (before and after an act): it counts for both
    assert code("انسحاب تركي محتمل من نقاط المراقبة في ريف إدلب") == []


def test_a_known_place_after_a_proclitic_is_not_also_an_unknown_name():
    from marsad.document import Document

    doc = RULES.run(Document("أصيب شاب من بلدة نصيب في الريف الشرقي لدرعا أمس."), until="entities")
    assert [pm.unresolved_name for pm in doc.places if pm.unresolved_name] == ["نصيب"]


def test_protesters_setting_fire_with_the_subject_between_verb_and_fire_is_a_riot():
    e = one("وأشعل المحتجون النار في مبنى البلدية في مدينة كسلا أمس.")
    assert (e["event_type"], e["location"]) == ("Riots", "Kassala")


def test_an_act_placed_by_a_country_alone_takes_the_town_of_the_sentences_that_go_on_with_it():
    events = code(
        "أطلقت الشرطة الغاز المسيل للدموع على محتجين أحرقوا مقرات حكومية في إحدى مدن شرق "
        "السودان اليوم.\n"
        "وكان مئات قد خرجوا إلى الشوارع في مدينة كسلا للتنديد بمقتل تاجر أمس.\n"
        "وأشعل المحتجون النار في مبنى المحافظة قبل أن تفرقهم الشرطة."
    )
    riot = next(e for e in events if e["event_type"] == "Riots")
    assert (riot["location"], riot["event_date"]) == ("Kassala", "2023-05-10")


def test_a_known_district_beats_an_unknown_area_named_inside_it():
    # the clash is told after the unknown name: nearer to it than the district
    e = one(
        "هاجم عناصر تنظيم القاعدة نقطة للجيش في مديرية مودية بمنطقة المشقر، ودارت اشتباكات "
        "بين الجانبين أمس."
    )
    assert e["admin2"] == "Mudiyah" and e["latitude"] is not None


def test_soldiers_and_the_force_the_article_names_are_one_target():
    events = code(
        "قتل ثلاثة جنود في هجوم لتنظيم القاعدة في محافظة أبين اليوم.\n"
        "وقال مصدر إن عناصر من القاعدة هاجموا نقطة تابعة لقوات الحزام الأمني في مديرية مودية."
    )
    assert len(events) == 1, [(e["actor2"], e["location"]) for e in events]
    assert events[0]["actor2"] == "Security Belt Forces"


# -- settlers: never a battle (``no_battles`` in the actor files) ---------------------------


def test_clashes_with_settlers_that_hurt_palestinians_are_an_attack_on_civilians():
    e = one("أصيب خمسة فلسطينيين في مواجهات مع مستوطنين إسرائيليين قرب قرية بورين جنوب نابلس اليوم.")
    assert (e["event_type"], e["sub_event_type"]) == ("Violence against civilians", "Attack")
    assert (e["actor1"], e["actor2"]) == ("Settlers (Israel)", "Civilians (Palestine)")


def test_a_settler_shot_by_unnamed_gunmen_is_a_civilian_attacked():
    e = one("قتل مستوطن إسرائيلي بإطلاق نار عليه قرب قرية بورين جنوب نابلس اليوم.")
    assert e["event_type"] == "Violence against civilians"
    assert (e["actor1"], e["actor2"]) == ("Unidentified Armed Group (Palestine)", "Civilians (Israel)")


def test_settlers_clashing_with_the_army_are_mob_violence():
    e = one("اندلعت مواجهات بين مستوطنين وقوات الاحتلال الإسرائيلي في بلدة حوارة جنوب نابلس اليوم.")
    assert (e["event_type"], e["sub_event_type"]) == ("Riots", "Mob violence")
    assert e["actor1"] == "Settlers (Israel)"


# -- quarters of a town («حي», «أحياء»: ``neighbourhood_cues`` in cues.yaml) ---------------


def test_a_quarter_named_after_a_town_of_another_province_is_a_quarter_of_the_acts_town():
    events = code(
        "قتل 7 مدنيين في قصف جوي للجيش السوداني على مدينة الفاشر اليوم.\n"
        "وشاهد مراسلنا الطائرة التي قصفت المدينة تلقي البراميل المتفجرة على أحياء الرياض والسلام."
    )
    assert [(e["location"], e["admin1"]) for e in events] == [("El Fasher", "North Darfur")]


def test_an_unknown_quarter_is_part_of_the_town_and_leaves_it_the_location():
    events = code(
        "أغلق محتجون الطرقات بالإطارات المشتعلة في مدينة القصرين اليوم.\n"
        "وشهد حي الزهور الشعبي مواجهات عنيفة بين المحتجين وقوات الأمن."
    )
    assert [e["location"] for e in events] == ["Kasserine"]


# -- crowds ---------------------------------------------------------------------------------


def test_tear_gas_canisters_are_no_grenades():
    e = one("أطلقت الشرطة قنابل الغاز المسيل للدموع على المتظاهرين في مدينة أم درمان اليوم.")
    assert (e["event_type"], e["sub_event_type"]) == ("Protests", "Protest with intervention")


def test_crowds_taking_to_the_streets_protest():
    e = one("نزل آلاف السودانيين إلى الشوارع في مدينة عطبرة اليوم للمطالبة بحكم مدني.")
    assert e["event_type"] == "Protests" and e["location"] == "Atbara"


def test_the_day_and_the_dead_of_a_crowds_grievance_are_not_the_crowds():
    thursday = dt.date(2023, 5, 11)
    e = one(
        "أشعل محتجون النار في مبنى الشرطة في مدينة كسلا اليوم الخميس.\n"
        "وكان مئات قد خرجوا إلى الشوارع في كسلا للتظاهر ضد مقتل تاجر أمس الأربعاء.",
        thursday,
    )
    assert (e["event_type"], e["event_date"], e["fatalities"]) == ("Riots", "2023-05-11", 0)


# -- namesakes and home towns ---------------------------------------------------------------


def test_a_village_placed_in_another_province_than_its_namesake_is_an_unknown_village():
    # the gazetteer's «الغارية» is in As-Sweida; «في ريف درعا» places this one in Daraa
    e = one("قتل شاب برصاص مسلحين مجهولين قرب بلدة الغارية القديمة في ريف درعا الشرقي أمس.")
    assert (e["location"], e["admin1"]) == ("الغارية القديمة", "Dar'a")


def test_a_town_whose_only_namesakes_are_abroad_is_an_unknown_village_of_the_province():
    # the gazetteer's only «جلين» is in Iran; «بريف درعا» places this one in Daraa
    e = one("اقتحمت قوات النظام بلدة جلين بريف درعا الغربي واعتقلت خمسة شبان أمس.")
    assert (e["location"], e["admin1"], e["country"]) == ("جلين", "Dar'a", "Syria")


def test_a_title_does_not_move_the_act_from_the_place_the_body_gives():
    e = one(
        "مقتل شاب برصاص مجهولين في مدينة درعا\n"
        "قتل مسلحون مجهولون شابا في بلدة الغارية القديمة بريف درعا الشرقي اليوم."
    )
    assert e["location"] == "الغارية القديمة"


def test_a_quoted_name_from_a_town_is_a_home_town():
    e = one(
        'اعتقلت قوات الأمن الشاب "سامر الخطيب" من مدينة حمص أثناء مروره على حاجز للجيش '
        "في ريف طرطوس اليوم."
    )
    assert e["admin1"] == "Tartous"


def test_a_home_town_passes_on_only_to_its_province_not_to_the_next_place():
    e = one('اعتقلت قوات الأمن الشاب "سامر الخطيب" من حمص عند حاجز في مدينة طرطوس اليوم.')
    assert e["location"] == "Ţarţūs"


def test_the_dead_of_a_blast_that_names_no_armed_side_are_civilians():
    e = one("انفجرت سيارة مفخخة في سوق مدينة الباب اليوم ما أدى إلى سقوط 3 قتلى.")
    assert (e["actor2"], e["fatalities"]) == ("Civilians (Syria)", 3)


def test_bedouin_fighters_are_their_own_militia():
    e = one("قصف مسلحو البدو قرية المزرعة في ريف السويداء الغربي اليوم.")
    assert e["actor1"] == "Bedouin Tribal Militia (Syria)"


# -- arrests told with a clash or a protest -------------------------------------------------


def test_a_killing_told_with_an_arrest_is_an_act_and_the_arrest_part_of_it():
    e = one("قتلت قوة من الجيش العراقي 3 من عناصر داعش واعتقلت اثنين آخرين قرب قضاء الحضر اليوم.")
    assert (e["event_type"], e["actor1"]) == ("Battles", "Military Forces of Iraq")
    assert e["fatalities"] == 3  # the count after the killer: verb, subject, object


def test_arrests_among_protesters_are_the_police_intervening_in_the_protest():
    e = one("تظاهر مئات في مدينة حيفا اليوم ونفذت الشرطة الإسرائيلية اعتقالات في صفوف المتظاهرين.")
    assert (e["sub_event_type"], e["actor2"]) == ("Protest with intervention", "Police Forces of Israel")


def test_the_side_counted_after_the_killer_is_the_killed_side():
    e = one("قتل الجيش العراقي 5 من عناصر داعش قرب قضاء الحضر اليوم.")
    assert (e["actor1"], e["actor2"], e["fatalities"]) == ("Military Forces of Iraq", "Islamic State", 5)


def test_the_side_a_strike_killed_is_its_target():
    e = one("قتل 5 من عناصر داعش بغارة للتحالف الدولي قرب قضاء الحضر اليوم.")
    assert (e["actor1"], e["actor2"]) == ("International Coalition", "Islamic State")


def test_a_dateline_dates_the_report_and_the_weekday_the_act():
    e = one(
        "عدن 12 مايو 2023 - اغتال مسلحون مجهولون ضابطا في الجيش اليمني مساء الخميس في مديرية الشيخ عثمان.",
        dt.date(2023, 5, 12),
    )
    assert e["event_date"] == "2023-05-11"


def test_a_state_naming_suicide_bombers_is_never_one_of_them():
    events = code(
        "تبنى تنظيم داعش تفجيرا انتحاريا استهدف حفل زفاف في مدينة كربلاء مساء اليوم وأسفر عن مقتل 12 شخصا.\n"
        "وقالت السلطات العراقية إن ثلاثة انتحاريين شاركوا في الهجوم وتمكنت قوات الأمن من قتل اثنين منهم."
    )
    bombs = [e for e in events if e["sub_event_type"] == "Suicide bomb"]
    assert bombs and {e["actor1"] for e in bombs} == {"Islamic State"}


def test_the_dead_counted_of_those_told_before_are_some_of_them():
    # «اثنين منهم»: two of the attackers, not the toll of the attack
    e = one(
        "هاجم مسلحون من داعش حاجزا للجيش العراقي في قضاء الحضر اليوم وقتلوا 5 جنود.\n"
        "وتمكن الجنود من قتل اثنين منهم قبل أن ينسحب المهاجمون."
    )
    assert e["fatalities"] == 5


def test_gunmen_of_a_named_group_are_the_group():
    e = one(
        "هاجم مسلحون من داعش حاجزا للجيش العراقي في قضاء الحضر اليوم وقتلوا 5 جنود.\n"
        "وتمكن الجنود من قتل اثنين منهم قبل أن ينسحب المهاجمون."
    )
    assert (e["actor1"], e["actor2"]) == ("Islamic State", "Military Forces of Iraq")


# -- raids and purposes ---------------------------------------------------------------------


def test_a_tribal_raid_is_no_air_strike():
    e = one("قتل 12 شخصا في غارة قبلية على قرية في ولاية جونقلي اليوم.")
    assert (e["event_type"], e["fatalities"]) == ("Violence against civilians", 12)


def test_a_purpose_is_no_act_but_the_clause_after_it_is():
    # «بغرض نهب الأبقار»: looting was the aim; «وقتلوا 7 أشخاص» is told as done
    e = one("هاجم مسلحون قرية في ولاية جونقلي اليوم بغرض نهب الأبقار وقتلوا 7 أشخاص.")
    assert (e["event_type"], e["fatalities"]) == ("Violence against civilians", 7)


# -- names written in quotes ---------------------------------------------------------------


@pytest.mark.parametrize("quoted", ['تنظيم "داعش"', "تنظيم «داعش»", "تنظيم “داعش”"])
def test_a_quoted_group_name_reads_as_the_name_unquoted(quoted):
    plain = one("قتل ثلاثة عناصر من تنظيم داعش في اشتباك مع الجيش العراقي قرب قضاء الحضر أمس.")
    e = one(f"قتل ثلاثة عناصر من {quoted} في اشتباك مع الجيش العراقي قرب قضاء الحضر أمس.")
    fields = ("event_type", "actor1", "actor2", "fatalities")
    assert [e[f] for f in fields] == [plain[f] for f in fields]
    assert e["actor1_ar"] == quoted  # the evidence keeps the organisation word and quotes


def test_gunmen_of_a_quoted_group_are_the_group():
    e = one('هاجم مسلحو "داعش" حاجزا للجيش العراقي في قضاء الحضر اليوم.')
    assert (e["actor1"], e["actor2"]) == ("Islamic State", "Military Forces of Iraq")


def test_a_clash_takes_the_side_named_before_the_struck_one():
    # the struck side is named before the clash word, the other side before it
    e = one("أعلنت القوات الحكومية مقتل 4 من الحوثيين بمواجهات في مديرية حيس اليوم.")
    assert (e["actor1"], e["actor2"]) == ("Military Forces of Yemen", "Ansar Allah")


# -- «على» and the first name «علي» --------------------------------------------------------


def test_a_place_after_the_preposition_ala_is_a_place():
    # «على» normalises to «علي» (Ali): the town after it is no family name
    e = one("قتل مدنيان في غارة على سراقب في ريف إدلب أمس.")
    assert e["location"] == "Saraqib"


def test_a_place_after_the_first_name_ali_is_a_family_name():
    assert code("وقال علي سراقب إن الأهالي نزحوا من البلدة.") == []


# -- towns GeoNames gives no population ------------------------------------------------------


def test_a_syrian_town_beats_a_smaller_namesake_abroad():
    # Ariha (Idlib, census 2004) against Jericho (West Bank), both «أريحا»
    e = one("قتل مدنيان في غارة روسية على أريحا أمس.")
    assert (e["country"], e["admin1"]) == ("Syria", "Idleb")
    e = one("قتل فلسطيني برصاص الجيش الإسرائيلي في مدينة أريحا بالضفة الغربية أمس.")
    assert e["location"] == "Jericho"


def test_a_power_acting_abroad_never_places_the_act_at_home():
    # a Russian strike on a village the gazetteer lacks is not placed in Russia
    e = one("قتل مدنيان في غارة روسية على بلدة معرة النعسان أمس.")
    assert e["actor1"] == "Military Forces of Russia"
    assert e["country"] != "Russia"


# -- the article's country ---------------------------------------------------------------------


def test_a_province_cue_votes_for_the_province_not_a_bigger_namesake_town():
    # «ريف القنيطرة» is Syria's Quneitra, though Morocco's Kenitra is a bigger town
    from marsad.document import Document

    text = "اعتقلت القوات الإسرائيلية شابين في قرية الرفيد بريف القنيطرة أمس، ثم انسحبت إلى ريف القنيطرة الجنوبي."
    doc = RULES.run(Document(text, published=PUB), until="entities")
    assert doc.country == "Syria"


def test_an_unknown_area_takes_no_province_of_a_country_named_nowhere_else():
    # «منطقة صلاح الدين» is an area of Tripoli here, not Iraq's province
    e = one("قتل طفل بسقوط قذيفة على منزل في منطقة زويته قرب منطقة صلاح الدين جنوب العاصمة الليبية طرابلس أمس.")
    assert (e["country"], e["actor2"]) == ("Libya", "Civilians (Libya)")


def test_a_person_of_an_armed_group_is_the_group_not_a_civilian():
    e = one("قال الجيش إن التحالف الدولي استهدف بغارة جوية الرجل الثاني في تنظيم داعش قرب الموصل أمس.")
    assert (e["actor1"], e["actor2"]) == ("International Coalition", "Islamic State")


def test_the_side_right_after_istahdafa_is_its_subject():
    # verb, subject, weapon, object: «استهدف التحالف بغارة جوية …»
    e = one("استهدف التحالف الدولي بغارة جوية الرجل الثاني في تنظيم داعش قرب مدينة الموصل أمس.")
    assert (e["actor1"], e["actor2"]) == ("International Coalition", "Islamic State")


def test_a_strike_that_wounded_people_it_names_as_no_armed_side_targets_civilians():
    e = one("سقطت قذائف على بلدة كفرنبل بريف إدلب أمس، ما أسفر عن إصابة ثلاثة أشخاص بجروح.")
    assert (e["event_type"], e["actor2"]) == ("Explosions/Remote violence", "Civilians (Syria)")


def test_a_direct_hit_is_no_one_wounded():
    e = one("قصفت قوات النظام موقعا في بلدة كفرنبل بريف إدلب أمس وحققت فيه إصابة مباشرة.")
    assert e["actor2"] is None


# -- counts and names that are no deaths ------------------------------------------------------


def test_a_martyr_in_the_name_of_a_place_or_unit_is_no_death():
    e = one("تظاهر المئات عند دوار الشهيد وصفي التل في مدينة إربد أمس.")
    assert (e["event_type"], e["fatalities"]) == ("Protests", 0)


def test_an_age_is_no_count_of_the_dead():
    e = one("استشهد الشاب محمد خالد (27 عاما) برصاص قوات الاحتلال في مخيم جنين أمس.")
    assert e["fatalities"] == 1


def test_a_gazetteer_name_opening_with_a_cue_word_is_cued():
    # «مخيم جنين» is one name: its «مخيم» places it as a cue would, though Israel's army,
    # the only other country named, acts outside Israel
    e = one("استشهد شاب برصاص قوات الاحتلال في مخيم جنين أمس.")
    assert (e["location"], e["country"]) == ("Jenin camp", "Palestine")


# -- one event per location ---------------------------------------------------------------------


def test_a_strike_on_several_listed_towns_is_an_event_in_each():
    events = code("قصفت قوات النظام بالمدفعية بلدة كفرنبل جنوب إدلب، وبلدة البارة في جبل الزاوية أمس.")
    assert sorted(e["location"] for e in events) == ["Al Bara", "Kafranbel"]
    assert {e["actor1"] for e in events} == {"Military Forces of Syria"}


def test_a_town_a_strike_came_from_is_no_second_target():
    e = one("قصفت قوات النظام بلدة كفرنبل انطلاقا من مواقعها في بلدة معرة النعمان أمس.")
    assert e["location"] == "Kafranbel"


def test_a_day_after_the_act_words_dates_the_act_not_the_statement():
    # «قال … إن متظاهرين لقوا حتفهم مساء الجمعة خلال أعمال العنف»: the deaths come before the
    # day, so it is the act's day, not the day the doctor spoke
    from marsad.document import Document

    text = "وقال طبيب إن متظاهرين اثنين لقوا حتفهم مساء الجمعة خلال أعمال العنف في البصرة."
    doc = RULES.run(Document(text, published=dt.date(2018, 9, 8)), until="arguments")
    (ev,) = doc.events
    assert (ev.date, ev.date_of_statement) == (dt.date(2018, 9, 7), False)


def test_a_day_told_after_the_act_beats_the_day_of_the_statement_before_it():
    e = one("أعلن الجيش اليوم الثلاثاء مقتل خمسة جنود في كمين نصبه مسلحون بمنطقة جيبو في 4 مايو الجاري.")
    assert e["event_date"] == "2023-05-04"  # not Tuesday 9 May, the day it was announced


def test_a_span_of_days_after_the_act_dates_it_by_its_last_day():
    e = one(
        "أعلنت وزارة الدفاع اليوم الأربعاء عن توقيف ستة أشخاص بولاية تبسة خلال عمليات "
        "نفذت ما بين 1 مايو و7 مايو."
    )
    assert e["event_date"] == "2023-05-07"


# -- background, clause by clause ----------------------------------------------------------------


def test_a_background_word_after_a_comma_leaves_the_act_before_it_news():
    e = one("اغتالت قوات الدعم السريع 12 مدنيا في مدينة الفاشر أمس، في وقت تصاعدت فيه وتيرة الهجمات على المدينة.")
    assert (e["event_type"], e["fatalities"]) == ("Violence against civilians", 12)


@pytest.mark.parametrize(
    "text",
    [
        "قتل 50 شخصا في مدينة الفاشر منذ بداية العام.",  # in the act's own clause
        "ومنذ أسابيع، تشن قوات الدعم السريع هجمات على مدينة الفاشر.",  # before the act
    ],
)
def test_a_background_word_in_the_acts_clause_or_before_it_makes_background(text):
    assert code(text) == []


def test_a_phrase_of_the_stoplist_holds_no_place():
    # «خفر السواحل» is the coast guard, not «خفر» (a town in Iran)
    e = one("انفجرت شاحنة مفخخة داخل معسكر خفر السواحل في مدينة زليتن أمس.")
    assert (e["location"], e["country"]) == ("Zliten", "Libya")


def test_a_protest_is_where_the_crowd_was_not_where_its_grievance_is():
    e = one("نظم عشرات النشطاء وقفة احتجاجية في القاهرة مساء أمس تنديدا بالعدوان على مدينة غزة.")
    assert (e["event_type"], e["location"]) == ("Protests", "Cairo")


def test_a_grievance_glued_to_its_word_is_no_act():
    # «تنديدا بالقصف»: the «ب» of the cue is written on the next word
    events = code("خرج المئات في مسيرة احتجاجية بمدينة إربد أمس تنديدا بالقصف الإسرائيلي على مدينة رفح.")
    assert [e["event_type"] for e in events] == ["Protests"]


# -- protesters struck -----------------------------------------------------------------------------


def test_an_act_word_naming_a_square_or_a_camp_is_no_act():
    # «ساحة التحرير» holds no capture of territory, «مخيم الاحتجاج» no protest held
    from marsad.document import Document

    text = "احتشد المئات في ساحة التحرير ثم توجهوا إلى مخيم الاحتجاج قرب دوار الشهيد."
    doc = RULES.run(Document(text, published=PUB), until="entities")
    assert doc.triggers == []


def test_gunmen_attacking_protesters_is_violence_against_them():
    e = one("هاجم مسلحون مجهولون مخيم الاحتجاج الرئيسي في مدينة الناصرية وقتلوا محتجين اثنين أمس.")
    assert (e["event_type"], e["actor1"], e["actor2"]) == (
        "Violence against civilians",
        "Unidentified Armed Group (Iraq)",
        "Protesters (Iraq)",
    )


@pytest.mark.parametrize(
    "text",
    [
        "قتلت قوات الأمن متظاهرين اثنين في مدينة الناصرية أمس.",  # verb, subject, object
        "قتل متظاهران برصاص قوات الأمن في مدينة الناصرية أمس.",  # the dual
    ],
)
def test_security_forces_killing_protesters_is_excessive_force(text):
    e = one(text)
    assert (e["sub_event_type"], e["actor1"], e["actor2"], e["fatalities"]) == (
        "Excessive force against protesters",
        "Protesters (Iraq)",
        "Police Forces of Iraq",
        2,
    )


def test_an_indefinite_force_and_its_nationality_adjective_are_one_side():
    # «خمسة عسكريين سوريين»: «سوريين» qualifies the soldiers, it names no civilians
    e = one("استشهد خمسة عسكريين سوريين إثر عدوان إسرائيلي استهدف مطار دمشق الدولي أمس.")
    assert e["actor2"] != "Civilians (Syria)"


@pytest.mark.parametrize(
    "text",
    [
        "يذكر أن زوارق بحرية الاحتلال تلاحق الصيادين في بحر غزة وتطلق الرصاص عليهم وتقوم باعتقالهم.",
        "وتلاحق زوارق الاحتلال الصيادين في بحر غزة بشكل يومي وتقوم باعتقالهم.",
    ],
)
def test_a_habit_is_background(text):
    assert code(text) == []


def test_what_a_deal_includes_is_no_act_yet():
    assert code("وقالت مصادر إن الاتفاق يشمل انسحاب مقاتلي هيئة تحرير الشام من جرود عرسال.") == []


def test_who_holds_a_place_is_no_taking_of_it():
    # «التي تسيطر على»: a present of control after a relative is a state, not an act
    assert code("وتفرض حركة الشباب التي تسيطر على مناطق واسعة من إقليم باكول حصارا على مدينة حدر.") == []
    e = one("سيطرت حركة الشباب على بلدة بارديري في إقليم جدو صباح اليوم.")
    assert e["event_type"] == "Battles"


def test_the_towns_one_strike_lists_stay_apart_though_named_one_after_the_other():
    # a village the gazetteer lacks, then a town: not one place «near» the other
    events = code(
        "استهدفت قوات النظام بقذائف المدفعية بلدة معارة النعسان شمال شرقي إدلب، وبلدة البارة في جبل الزاوية اليوم."
    )
    assert sorted(e["location"] for e in events) == ["Al Bara", "معارة النعسان"]
    assert {e["actor1"] for e in events} == {"Military Forces of Syria"}


def test_alqat_al_qabd_is_a_verb_not_an_act_already_told():
    # «ألقت» normalises to «القت»: its «ال» is no article, the arrest is told as done
    events = code(
        "قال الجيش العراقي إن قواته نفذت عمليات تفتيش في محافظة كركوك اليوم.\n"
        "وأضاف البيان أن قوة من الجيش عثرت على مخبأ للأسلحة في قضاء الحويجة.\n"
        "وقال البيان إن قوة من الجيش ألقت القبض على 4 إرهابيين في قضاء الحويجة."
    )
    assert "Arrests" in {e["sub_event_type"] for e in events}


def test_an_arrest_with_no_side_named_is_the_states_not_the_articles_main_sides():
    e = one(
        "ألقت قوة أمنية القبض على 4 متهمين في قضاء الحويجة بمحافظة كركوك اليوم.\n"
        "وتخوض قوات البيشمركة مواجهات مع تنظيم داعش قرب كركوك منذ أشهر."
    )
    assert (e["sub_event_type"], e["actor1"], e["actor2"]) == ("Arrests", "Police Forces of Iraq", None)


def test_a_state_never_plants_the_bomb_that_goes_off_near_it():
    e = one("انفجرت عبوة ناسفة أمام معهد أمناء الشرطة في مدينة نصر بالقاهرة اليوم.")
    assert e["sub_event_type"] == "Remote explosive/landmine/IED"
    assert e["actor1"] != "Police Forces of Egypt"


def test_a_civilian_car_names_no_civilians():
    # «سيارة مدنية»: the feminine adjective qualifies a thing
    e = one("قتل شرطيان بانفجار عبوة لاصقة مثبتة أسفل سيارة مدنية في ناحية كنعان جنوب شرق بعقوبة اليوم.")
    assert e["actor2"] != "Civilians (Iraq)"


def test_shots_fired_at_people_are_an_attack_on_them():
    e = one("أطلق مسلحان يستقلان دراجة نارية أعيرة نارية على شخصين قرب منطقة أرارا في غرب دارفور أمس.")
    assert (e["event_type"], e["actor2"]) == ("Violence against civilians", "Civilians (Sudan)")


def test_a_province_is_found_in_its_other_arabic_spelling():
    # «زمفرة» as well as «زامفارا» (admin1.tsv lists the spellings news use)
    e = one("اختطف مسلحون عشرات الطالبات من مدرسة ثانوية في ولاية زمفرة شمال غربي نيجيريا اليوم.")
    assert (e["country"], e["admin1"]) == ("Nigeria", "Zamfara")


# -- an act named again, more precisely placed ----------------------------------------------


def test_an_act_named_again_later_says_in_which_town_of_the_province_it_was():
    e = one(
        "اندلعت اشتباكات عنيفة بين قوات النظام وتنظيم داعش في ريف حمص الشرقي يوم الأحد.\n"
        "وأكد مصدر عسكري أن الجيش تقدم في عدة محاور.\n"
        "وتتركز الاشتباكات في المناطق المحيطة بمدينة تدمر."
    )
    assert e["event_type"] == "Battles"
    assert e["location"] == "Tadmur"


def test_an_act_named_again_in_another_province_moves_nothing():
    e = one(
        "اندلعت اشتباكات عنيفة بين قوات النظام وتنظيم داعش في ريف حمص الشرقي يوم الأحد.\n"
        "وأكد مصدر عسكري أن الجيش تقدم في عدة محاور.\n"
        "وتذكر الاشتباكات بما شهدته مدينة الطبقة قبل سنوات."
    )
    assert e["admin1"] == "Homs"
    assert e["location"] != "Al-Tabqa"


def test_an_act_named_again_after_two_such_acts_moves_neither():
    events = code(
        "اندلعت اشتباكات بين قوات النظام وتنظيم داعش في ريف حمص الشرقي يوم الأحد.\n"
        "كما اندلعت اشتباكات بين قوات النظام وفصائل المعارضة في ريف حماة الشمالي.\n"
        "وأكد مصدر عسكري أن الجيش تقدم في عدة محاور.\n"
        "وتتركز الاشتباكات في محيط مدينة تدمر."
    )
    assert "Tadmur" not in [e["location"] for e in events]


# -- shells that fell, a word glued to its count, a block number -------------------------------


def test_shells_that_fell_in_the_raid_told_before_are_that_raid():
    # «قذيفة» says no more than «صاروخ» from where it came: after an air raid, its shells
    e = one(
        "قصفت طائرات حربية تابعة للجيش السوداني مدينة نيالا اليوم ما أدى إلى مقتل 5 مدنيين.\n"
        "وأسفر القصف عن سقوط قذيفة على منزل في حي الجير، كما سقطت قذائف أخرى على سوق المدينة.",
        dt.date(2023, 12, 29),
    )
    assert (e["sub_event_type"], e["location"], e["fatalities"]) == ("Air/drone strike", "Nyala", 5)


def test_artillery_shells_and_an_air_strike_on_the_same_town_stay_two_acts():
    events = code(
        "قصفت قوات النظام بقذائف المدفعية بلدة كفرنبل بريف إدلب الجنوبي اليوم.\n"
        "وبعد ساعات شنت طائرات حربية تابعة للنظام غارات جوية على البلدة."
    )
    assert sorted(e["sub_event_type"] for e in events) == [
        "Air/drone strike",
        "Shelling/artillery/missile attack",
    ]


def test_a_count_glued_to_the_killing_word_is_read():
    e = one("أدى قصف جوي على مدينة نيالا اليوم إلى مقتل12 مدنيا.", dt.date(2023, 12, 29))
    assert e["fatalities"] == 12


def test_a_block_number_is_no_count_of_the_dead():
    e = one("أدت قذيفة سقطت في حي الامام مربع 21 بمدينة نيالا اليوم إلى مقتل امرأة.", dt.date(2023, 12, 29))
    assert e["fatalities"] == 1


# -- townsfolk against the state's forces --------------------------------------------------


def test_clashes_between_townsfolk_and_soldiers_are_a_riot():
    e = one("اندلعت مواجهات بين شبان بلدة بيت فوريك وقوات الاحتلال لدى محاولتها اقتحام البلدة فجر اليوم.")
    assert (e["event_type"], e["sub_event_type"]) == ("Riots", "Violent demonstration")
    assert (e["actor1"], e["actor2"]) == ("Rioters (Palestine)", "Military Forces of Israel")


def test_clashes_between_soldiers_and_gunmen_stay_a_battle():
    e = one("اندلعت اشتباكات بين عناصر من الجيش ومسلحين مجهولين في مدينة درعا أمس.")
    assert e["event_type"] == "Battles"


def test_civilians_seized_during_a_clash_do_not_make_it_a_riot():
    events = code("خطف مسلحو داعش 5 جنود و3 مدنيين خلال اشتباكات مع قوات النظام في ريف حماة الشرقي أمس.")
    assert "Riots" not in [e["event_type"] for e in events]


def test_the_side_before_the_people_seized_fights_the_clash_told_with_maa():
    events = code("خطف مسلحو داعش 5 جنود و3 مدنيين خلال اشتباكات مع قوات النظام في ريف حماة الشرقي أمس.")
    battle = next(e for e in events if e["event_type"] == "Battles")
    assert (battle["actor1"], battle["actor2"]) == ("Islamic State", "Military Forces of Syria")


# -- who stormed, set the fire -------------------------------------------------------------


def test_protesters_who_storm_an_office_and_burn_it_riot_against_its_party():
    e = one("اقتحم عشرات المحتجين مقر الحزب الديمقراطي الكردستاني في منطقة الكرادة ببغداد، وأضرموا النار فيه.")
    assert (e["event_type"], e["actor1"]) == ("Riots", "Rioters (Iraq)")
    assert e["actor2"] == "Kurdistan Democratic Party"


def test_gunmen_who_storm_an_office_and_burn_it_are_its_attackers_not_its_party():
    e = one("اقتحم مسلحون مجهولون مقر الحزب الديمقراطي الكردستاني في منطقة الكرادة ببغداد، وأضرموا النار فيه.")
    assert e["sub_event_type"] == "Looting/property destruction"
    assert (e["actor1"], e["actor2"]) == ("Unidentified Armed Group (Iraq)", "Kurdistan Democratic Party")


# -- a killing told with its setting -----------------------------------------------------------


def test_a_killing_told_before_a_clause_of_background_is_an_act_of_its_own():
    e = one(
        "قتل مسلحون مجهولون اثنين من المحتجين بالرصاص في مدينة البصرة مساء أمس بعدما بدأت "
        "قوات الأمن حملة على الاعتصامات المستمرة منذ أشهر."
    )
    assert (e["event_type"], e["actor1"]) == ("Violence against civilians", "Unidentified Armed Group (Iraq)")
    assert (e["actor2"], e["fatalities"]) == ("Protesters (Iraq)", 2)


def test_a_toll_since_the_start_of_the_year_is_still_background():
    assert code("قتل 50 شخصا في هجمات مماثلة في المحافظة منذ بداية العام.") == []


def test_unknown_gunmen_then_people_read_as_verb_subject_object():
    # «قتل مسلحون مجهولون شابين»: the gunmen killed two youths, they were not killed
    e = one("قتل مسلحون مجهولون شابين بالرصاص في مدينة البصرة مساء أمس.")
    assert (e["event_type"], e["actor2"], e["fatalities"]) == ("Violence against civilians", "Civilians (Iraq)", 2)


def test_unknown_gunmen_killed_in_a_clash_are_still_the_killed():
    e = one("قتل مسلحون مجهولون في اشتباك مع الجيش في مدينة البصرة مساء أمس.")
    assert e["event_type"] == "Battles"


# -- the sides of an agreement -------------------------------------------------------------------


def test_two_leaders_who_sign_together_are_the_two_sides_of_the_agreement():
    e = one(
        "وقع رئيس ولاية بونتلاند سعيد عبد الله ورئيس ولاية جلمدغ أحمد عبدي اليوم الأربعاء "
        "على اتفاق لوقف إطلاق النار في مدينة جالكعيو."
    )
    assert e["sub_event_type"] == "Agreement"
    assert (e["actor1"], e["actor2"]) == ("Government of Puntland", "Government of Galmudug")


# -- an act told again with its day --------------------------------------------------------------


def test_an_untargeted_attack_with_its_own_day_retells_the_undated_act_before_it():
    # the lede says what happened; «ووقع هجوم الاثنين … في منطقة X» says when and where
    e = one(
        "تعرض عشرات الركاب للاختطاف في ولاية كادونا شمال غربي نيجيريا.\n"
        "ووقع هجوم الاثنين في منطقة كوريغا في ولاية كادونا، بحسب شهود."
    )
    assert e["sub_event_type"] == "Abduction/forced disappearance"
    assert (e["event_date"], e["location_ar"]) == ("2023-05-08", "كوريغا")
