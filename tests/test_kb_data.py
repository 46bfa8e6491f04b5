"""The knowledge-base data files are valid, complete enough, and load into one matcher."""

import json
from collections import Counter
from importlib import resources

import jsonschema
import pytest
import yaml

from marsad.kb import default_kb
from marsad.kb.loading import data_path, load_tsv, yaml_files
from marsad.text.normalize import normalize

REQUIRED_COUNTRIES = {
    "Syria",
    "Iraq",
    "Yemen",
    "Libya",
    "Sudan",
    "Lebanon",
    "Israel",
    "Palestine",
    "Egypt",
    "Somalia",
    "Mali",
    "Burkina Faso",
    "Niger",
}


def actor_files():
    return yaml_files("actors")


def test_every_actor_file_matches_the_schema():
    schema = json.loads(data_path("schemas", "actors.schema.json").read_text(encoding="utf-8"))
    files = actor_files()
    assert files, "no actor files"
    for f in files:
        jsonschema.validate(yaml.safe_load(f.read_text(encoding="utf-8")), schema)


@pytest.mark.parametrize("name", ["cues", "triggers", "generic_actors"])
def test_every_lexicon_matches_its_schema(name):
    schema = json.loads(data_path("schemas", f"{name}.schema.json").read_text(encoding="utf-8"))
    lexicon = yaml.safe_load(data_path("lexicons", f"{name}.yaml").read_text(encoding="utf-8"))
    jsonschema.validate(lexicon, schema)


def test_a_schema_catches_a_misspelt_cue_list():
    schema = json.loads(data_path("schemas", "cues.schema.json").read_text(encoding="utf-8"))
    lexicon = yaml.safe_load(data_path("lexicons", "cues.yaml").read_text(encoding="utf-8"))
    lexicon["irealis"] = lexicon.pop("irrealis")  # a key no code reads
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(lexicon, schema)


def test_actor_ids_are_unique_and_references_resolve():
    kb = default_kb()
    ids = Counter(a.id for a in kb.actors)
    assert [i for i, n in ids.items() if n > 1] == []
    for a in kb.actors:
        for ref in [a.parent, *a.associates]:
            if ref:
                assert ref in kb.actors_by_id, f"{a.id} refers to unknown actor {ref}"


def test_at_least_200_actors_covering_the_required_countries():
    kb = default_kb()
    assert len(kb.actors) >= 200
    assert REQUIRED_COUNTRIES <= {a.country for a in kb.actors}
    assert {a.inter for a in kb.actors} >= {1, 2, 3, 4, 8}


@pytest.mark.parametrize(
    ("alias", "name"),
    [
        ("داعش", "Islamic State"),
        ("قسد", "Syrian Democratic Forces"),
        ("الحوثيون", "Ansar Allah"),
        ("أنصار الله", "Ansar Allah"),
        ("الحشد الشعبي", "Popular Mobilization Forces"),
        ("هيئة تحرير الشام", "Hayat Tahrir al Sham"),
        ("قوات الدعم السريع", "Rapid Support Forces"),
    ],
)
def test_well_known_aliases_resolve(alias, name):
    kb = default_kb()
    text = normalize("قال إن " + alias + " هاجم").text
    found = [p.name for m in kb.matcher.find(text) for p in m.of_kind("actor")]
    assert found == [name]


def test_place_files_are_consistent():
    countries = {r["iso2"] for r in load_tsv(data_path("places", "countries.tsv"))}
    admin1 = {(r["country"], r["name"]) for r in load_tsv(data_path("places", "admin1.tsv"))}
    for fname in ("geonames.tsv", "supplement.tsv"):
        for r in load_tsv(data_path("places", fname)):
            assert r["country"] in countries, r
            lat, lon = float(r["lat"]), float(r["lon"])
            assert -40 < lat < 60 and -30 < lon < 70, r
            if r["admin1"]:
                assert (r["country"], r["admin1"]) in admin1, r


def test_seed_places_are_in_the_gazetteer():
    g = default_kb().gazetteer
    names = {a for p in g.places for a in p.aliases_ar}
    assert {"الباغوز", "المصاصنة"} <= names


def test_trigger_and_generic_lexicons_load():
    kb = default_kb()
    assert {t.event_type for t in kb.triggers} == {
        "Battles",
        "Explosions/Remote violence",
        "Violence against civilians",
        "Protests",
        "Riots",
        "Strategic developments",
    }
    assert any(g.role == "civilians" for g in kb.generic_actors)


def test_data_ships_inside_the_package():
    root = resources.files("marsad").joinpath("data")
    assert root.joinpath("lexicons", "triggers.yaml").is_file()
