"""Records: ACLED interaction codes, disorder types and the English notes."""

from marsad.output.notes import note_for
from marsad.output.record import disorder_type, interaction


def test_interaction_joins_the_two_inter_codes_smallest_first():
    assert interaction(2, 1) == 12
    assert interaction(3, None) == 30
    assert interaction(None, None) is None


def test_disorder_types():
    assert disorder_type("Battles", "Armed clash") == "Political violence"
    assert disorder_type("Protests", "Peaceful protest") == "Demonstrations"
    assert disorder_type("Strategic developments", "Arrests") == "Strategic developments"


def test_note_reads_like_acled():
    rec = {
        "sub_event_type": "Armed clash",
        "actor1": "Syrian Democratic Forces",
        "actor2": "Islamic State",
        "location": "Al Bagouz Fawqani",
        "admin1": "Deir ez-Zor",
        "country": "Syria",
        "event_date": "2019-03-02",
        "fatalities": 0,
    }
    assert note_for(rec) == (
        "Syrian Democratic Forces clashed with Islamic State in Al Bagouz Fawqani "
        "(Deir ez-Zor) on 2 March 2019."
    )


def test_note_without_date_or_second_actor():
    rec = {
        "sub_event_type": "Attack",
        "actor1": "Unidentified Armed Group (Iraq)",
        "actor2": None,
        "location": None,
        "admin1": None,
        "country": "Iraq",
        "event_date": None,
        "fatalities": 1,
    }
    assert note_for(rec) == (
        "Unidentified Armed Group (Iraq) carried out an attack in Iraq on an unknown date. "
        "1 person was reported killed."
    )
