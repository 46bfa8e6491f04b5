"""The English ``notes`` sentence built from a record's coded fields."""

from __future__ import annotations

import datetime as dt
from typing import Any

_VERBS = {
    "Armed clash": "{a1} clashed with {a2}",
    "Government regains territory": "{a1} regained territory from {a2}",
    "Non-state actor overtakes territory": "{a1} took territory from {a2}",
    "Air/drone strike": "{a1} carried out air/drone strikes against {a2}",
    "Shelling/artillery/missile attack": "{a1} shelled {a2}",
    "Remote explosive/landmine/IED": "{a1} used an explosive device against {a2}",
    "Suicide bomb": "{a1} carried out a suicide bombing against {a2}",
    "Grenade": "{a1} threw a grenade at {a2}",
    "Chemical weapon": "{a1} used chemical weapons against {a2}",
    "Attack": "{a1} attacked {a2}",
    "Abduction/forced disappearance": "{a1} abducted {a2}",
    "Sexual violence": "{a1} committed sexual violence against {a2}",
    "Arrests": "{a1} arrested {a2}",
    "Other": "{a1} took action involving {a2}",
    "Agreement": "{a1} reached an agreement with {a2}",
    "Looting/property destruction": "{a1} looted or destroyed property of {a2}",
    "Disrupted weapons use": "{a1} disrupted weapons use by {a2}",
    "Non-violent transfer of territory": "{a1} took over territory from {a2} without fighting",
    "Peaceful protest": "{a1} protested",
    "Protest with intervention": "{a1} protested and {a2} intervened",
    "Excessive force against protesters": "{a2} used excessive force against {a1}",
    "Violent demonstration": "{a1} rioted",
    "Mob violence": "{a1} engaged in mob violence",
}
_ALONE = {
    "Armed clash": "{a1} fought",
    "Attack": "{a1} carried out an attack",
    "Other": "{a1} took a strategic action",
    "Arrests": "{a1} made arrests",
    "Agreement": "{a1} reached an agreement",
}


_DANGLING = {"against", "with", "from", "by", "of", "at", "involving", "on", "and"}


#: English month names (``strftime("%B")`` would follow the locale, and is slower)
_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def _date(value: str | None) -> str:
    if not value:
        return "on an unknown date"
    d = dt.date.fromisoformat(value)
    return f"on {d.day} {_MONTHS[d.month - 1]} {d.year}"


def note_for(rec: dict[str, Any]) -> str:
    sub = rec["sub_event_type"]
    a1 = rec["actor1"] or "Unidentified actors"
    a2 = rec["actor2"]
    if a2:
        clause = _VERBS.get(sub, "{a1} acted against {a2}").format(a1=a1, a2=a2)
    else:
        tpl = _ALONE.get(sub) or _VERBS.get(sub, "{a1} acted").split(" {a2}")[0]
        words = tpl.format(a1=a1, a2="").split()
        while words and words[-1] in _DANGLING:
            words.pop()
        clause = " ".join(words)
    where = ""
    if rec.get("location"):
        where = f" in {rec['location']}"
        if rec.get("admin1") and rec["admin1"] != rec["location"]:
            where += f" ({rec['admin1']})"
    elif rec.get("country"):
        where = f" in {rec['country']}"
    sentence = f"{clause}{where} {_date(rec.get('event_date'))}."
    n = rec.get("fatalities") or 0
    if n:
        sentence += f" {n} {'person was' if n == 1 else 'people were'} reported killed."
    return sentence[0].upper() + sentence[1:]
