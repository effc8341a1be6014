"""The actor registry: one file per actor, id = file name."""

from notes_helpers import registry_of


def test_an_actor_file_becomes_an_actor_with_its_names(tmp_path):
    registry, problems = registry_of(
        tmp_path,
        {
            "isk.yaml": """\
                name: Islamic State – Khorasan Province
                short_name: IS-K
                aliases: [ISKP, IS-K, ولاية خراسان]
                kind: armed group
                summary: A *branch*.
                parent: isis
                relations: [{actor: isis, type: affiliate}]
                links: {wikipedia: "https://en.wikipedia.org/wiki/X"}
                """,
            "isis.yaml": "name: ISIS\nkind: armed group\nlinks: {wikidata: Q1}\n",
        },
    )
    assert not problems.errors and not problems.warnings
    isk = registry.actors["isk"]
    assert isk.label == "IS-K"
    assert isk.all_names == [
        "Islamic State – Khorasan Province",
        "IS-K",
        "ISKP",
        "ولاية خراسان",
    ]
    assert isk.summary == "<p>A <em>branch</em>.</p>"
    assert isk.relations[0].actor == "isis"
    assert (
        registry.actors["isis"].links.wikidata_url == "https://www.wikidata.org/wiki/Q1"
    )


def test_unknown_parent_and_relation_ids_are_errors_with_suggestions(tmp_path):
    _, problems = registry_of(
        tmp_path,
        {
            "isk.yaml": """\
                name: IS-K
                kind: armed group
                parent: iss
                relations:
                  - actor: talibn
                    type: rival
                """,
            "isis.yaml": "name: Islamic State\nkind: armed group\n",
            "taliban.yaml": "name: Taliban\nkind: armed group\n",
        },
    )
    parent, relation = problems.errors
    assert (parent.line, parent.message) == (3, "parent: unknown actor 'iss'")
    assert "did you mean 'isis'" in parent.hint
    assert relation.line == 5
    assert relation.message == "relations[0].actor: unknown actor 'talibn'"
    assert "did you mean 'taliban'" in relation.hint


def test_a_parent_chain_that_loops_is_an_error(tmp_path):
    _, problems = registry_of(
        tmp_path,
        {
            "a.yaml": "name: A\nkind: group\nparent: b\n",
            "b.yaml": "name: B\nkind: group\nparent: a\n",
        },
    )
    assert problems.errors
    assert "goes round in a circle: a -> b -> a" in problems.errors[0].message


def test_missing_fields_and_bad_file_names_are_errors(tmp_path):
    _, problems = registry_of(
        tmp_path,
        {
            "Bad Name.yaml": "name: X\nkind: group\n",
            "nameless.yaml": "kind: group\n",
            "wikidata.yaml": "name: W\nkind: state\nlinks: {wikidata: 30}\n",
        },
    )
    messages = sorted(str(error) for error in problems.errors)
    assert "cannot be an actor id" in messages[0]
    assert messages[1].endswith("nameless.yaml:1: 'name' is missing (add 'name:' here)")
    assert (
        "wikidata.yaml:3: links.wikidata: '30' is not in the expected form"
        in (messages[2])
    )


def test_an_id_inside_the_file_is_ignored_with_a_warning(tmp_path):
    registry, problems = registry_of(
        tmp_path, {"taliban.yaml": "id: talib\nname: Taliban\nkind: armed group\n"}
    )
    assert list(registry.actors) == ["taliban"]
    assert (
        problems.warnings[0].message
        == "'id' is ignored: an actor's id is its file name"
    )


def test_names_in_other_languages_are_checked_by_language_code(tmp_path):
    _, problems = registry_of(
        tmp_path,
        {
            "taliban.yaml": """\
                name: Taliban
                kind: armed group
                names:
                  fa: طالبان
                  dari: طالبان
                """,
        },
    )
    assert [(p.line, p.message) for p in problems.errors] == [
        (5, "names.dari: 'dari' is not a language code")
    ]


def test_an_actors_name_in_a_language_falls_back_to_its_own(tmp_path):
    registry, problems = registry_of(
        tmp_path,
        {
            "isk.yaml": """\
                name: Islamic State – Khorasan Province
                short_name: IS-K
                kind: armed group
                names: {fa: دولت اسلامی ولایت خراسان, ps: د اسلامي دولت خراسان ولايت}
                short_names: {fa: داعش خراسان}
                """,
        },
    )
    assert not problems.errors
    isk = registry.actors["isk"]
    assert isk.name_in("fa") == "دولت اسلامی ولایت خراسان"
    assert isk.label_in("fa") == "داعش خراسان"
    assert isk.label_in("ps") == "د اسلامي دولت خراسان ولايت"
    assert isk.name_in("ar") == isk.name and isk.label_in("ar") == "IS-K"
    assert isk.name_in(None) == isk.name
