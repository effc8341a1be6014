"""Key judgments in the notes: what they become, how they moved, and each
check the analytic standards ask for, with its message and line."""

import pytest
from notes_helpers import load, only_error

from briefing.content import standards
from briefing.content.errors import Problems
from briefing.content.model import Source
from briefing.site.judgments import EventFinder, check_judgments

JUDGED = """\
    timeline:
      - date: 2021-08-26
        title: Bombing at the airport
        id: airport-bombing
        sources:
          - {title: A, url: "https://example.org/a", reliability: B, credibility: 2}
    judgments:
      - id: isk-strikes-again
        text: IS-K will *very likely* strike Kabul again before 2022.
        likelihood: very likely
        confidence: moderate
        actors: [isk]
        basis: [airport-bombing]
        indicators:
          - {text: A second attack in Kabul, status: observed, date: 2021-11-02}
          - {text: Taliban raids on IS-K cells, status: not observed}
        history:
          - date: 2021-08-27
            likelihood: roughly even chance
            confidence: low
            why: The hospital attack of 2 November.
    updates:
      - {date: 2021-08-30, text: Corrected a date.}
      - {date: 2021-09-07, text: Raised the judgment on IS-K.}
    """


def test_a_judgment_becomes_a_typed_assessment_with_its_band(tmp_path, registry):
    briefing, problems = load(tmp_path, registry, JUDGED)
    assert not problems.errors and not problems.warnings
    judgment = briefing.judgments[0]
    assert judgment.likelihood == "very likely"
    assert judgment.band == "80–95%"
    assert judgment.rank == 6
    assert [actor.id for actor in judgment.actors] == ["isk"]
    assert (
        judgment.text
        == "<p>IS-K will <em>very likely</em> strike Kabul again before 2022.</p>"
    )
    assert [i.status for i in judgment.indicators] == ["observed", "not observed"]
    assert judgment.indicators[0].date.label == "2 November 2021"
    assert [update.date.iso for update in briefing.updates] == [
        "2021-08-30",
        "2021-09-07",
    ]
    assert briefing.revised.iso == "2021-09-07"


def test_a_move_is_dated_by_the_first_update_after_the_earlier_assessment(
    tmp_path, registry
):
    briefing, _ = load(tmp_path, registry, JUDGED)
    (move,) = briefing.judgments[0].moves
    assert move.date.iso == "2021-08-30"
    assert move.wording == (
        "raised from roughly even chance to very likely, "
        "confidence raised from low to moderate"
    )
    assert move.sentence.endswith("on 30 August 2021")
    assert move.changed == "likelihood and confidence"
    assert move.why == "<p>The hospital attack of 2 November.</p>"


def test_each_step_of_a_long_history_is_a_move_of_its_own(tmp_path, registry):
    briefing, problems = load(
        tmp_path,
        registry,
        """\
        judgments:
          - id: talks
            text: The talks will likely fail.
            likelihood: likely
            confidence: high
            history:
              - {date: 2021-01, likelihood: very likely, confidence: high}
              - {date: 2021-03-01, likelihood: very likely, confidence: low}
        updates:
          - {date: 2021-03-01, text: Less sure.}
        """,
    )
    assert not problems.errors
    first, second = briefing.judgments[0].moves
    assert first.sentence == "confidence lowered from high to low on 1 March 2021"
    assert first.changed == "confidence"
    # No update after the last assessment: the latest update, on its day.
    assert second.sentence == (
        "lowered from very likely to likely, confidence raised from low to high "
        "on 1 March 2021"
    )


def test_an_unchanged_reassessment_is_reaffirmed(tmp_path, registry):
    briefing, _ = load(
        tmp_path,
        registry,
        """\
        judgments:
          - id: talks
            text: The talks will likely fail.
            likelihood: likely
            confidence: low
            history: [{date: 2021-01-05, likelihood: likely, confidence: low}]
        updates: [{date: 2021-02-01, text: Looked again.}]
        """,
    )
    (move,) = briefing.judgments[0].moves
    assert move.changed == ""
    assert move.sentence == "kept at likely, low confidence on 1 February 2021"


def judgment(fields: str, extra: str = "") -> str:
    """Notes with one judgment of `fields` (YAML lines, indented 4)."""
    return (
        "judgments:\n  - id: j\n    text: The talks will likely fail.\n"
        "    likelihood: likely\n    confidence: low\n" + fields + extra
    )


@pytest.mark.parametrize(
    ("text", "line", "message", "hint"),
    [
        pytest.param(
            judgment("").replace("likelihood: likely", "likelihood: very likley"),
            4,
            "judgments[0].likelihood: 'very likley' is not one of the seven "
            "likelihood terms",
            "did you mean 'very likely'?",
            id="likelihood-misspelt",
        ),
        pytest.param(
            judgment("").replace("likelihood: likely", "likelihood: probable"),
            4,
            "judgments[0].likelihood: 'probable' is not one of the seven",
            "the standard's term for it is 'likely'",
            id="likelihood-synonym",
        ),
        pytest.param(
            judgment("").replace("confidence: low", "confidence: moderat"),
            5,
            "judgments[0].confidence: 'moderat' is not a confidence level",
            "did you mean 'moderate'?",
            id="confidence-misspelt",
        ),
        pytest.param(
            judgment("").replace("confidence: low", "confidence: 80%"),
            5,
            "judgments[0].confidence: '80%' is not a confidence level",
            "one of: low, moderate, high",
            id="confidence-not-a-level",
        ),
        pytest.param(
            "timeline:\n  - date: 2021\n    title: t\n    sources:\n"
            "      - {title: a, url: 'https://a.org', reliability: G}\n",
            5,
            "timeline[0].sources[0].reliability: 'G' is not a source reliability",
            "A (completely reliable) to F",
            id="reliability-out-of-range",
        ),
        pytest.param(
            "timeline:\n  - date: 2021\n    title: t\n    sources:\n"
            "      - {title: a, url: 'https://a.org', credibility: 7}\n",
            5,
            "timeline[0].sources[0].credibility: '7' is not an information "
            "credibility grade",
            "1 (confirmed by other sources) to 6",
            id="credibility-out-of-range",
        ),
        pytest.param(
            "timeline:\n  - date: 2021\n    title: t\n    sources:\n"
            "      - {title: a, url: 'https://a.org', archived: 'ftp://x.org/a'}\n",
            5,
            "timeline[0].sources[0].archived: 'ftp://x.org/a' is not a web address",
            "https://",
            id="archived-not-a-web-address",
        ),
        pytest.param(
            judgment("    indicators: [{text: Talks end, status: observd}]\n"),
            6,
            "judgments[0].indicators[0].status: 'observd' is not an indicator",
            "did you mean 'observed'?",
            id="indicator-status",
        ),
        pytest.param(
            judgment(
                "    history:\n"
                "      - {date: 2021-03, likelihood: likely, confidence: low}\n"
                "      - {date: 2021-02, likelihood: likely, confidence: low}\n",
                "updates: [{date: 2021-04-01, text: x}]\n",
            ),
            8,
            "judgments[0].history[1]: dated 2021-02, before the entry above it "
            "(2021-03)",
            "oldest first",
            id="history-out-of-order",
        ),
        pytest.param(
            judgment(
                "    history:\n"
                "      - {date: 2021-05-02, likelihood: likely, confidence: low}\n",
                "updates: [{date: 2021-04-01, text: x}]\n",
            ),
            7,
            "judgments[0].history[0]: dated 2021-05-02, after the briefing's "
            "latest update (2021-04-01)",
            "add the update that says when the judgment moved",
            id="history-after-the-latest-update",
        ),
        pytest.param(
            judgment(
                "    history:\n"
                "      - {date: 2021-05-02, likelihood: likely, confidence: low}\n"
            ),
            6,
            "judgments[0]: a history, but the briefing has no updates",
            "add to 'updates:'",
            id="history-without-updates",
        ),
        pytest.param(
            "updates:\n  - {date: 2021-05-02, text: a}\n"
            "  - {date: 2021-05-01, text: b}\n",
            3,
            "updates[1]: dated 2021-05-01, before the entry above it (2021-05-02)",
            "oldest first",
            id="updates-out-of-order",
        ),
        pytest.param(
            judgment("") + "  - id: j\n    text: Again.\n    likelihood: likely\n"
            "    confidence: low\n",
            6,
            "judgments[1]: judgment id 'j' is used twice",
            "first on line 2",
            id="duplicate-judgment-id",
        ),
        pytest.param(
            judgment("").replace("    text: The talks will likely fail.\n", ""),
            2,
            "judgments[0]: 'text' is missing",
            "add 'text:' here",
            id="judgment-without-text",
        ),
    ],
)
def test_each_mistake_in_a_judgment_is_an_error_at_its_line(
    tmp_path, registry, text, line, message, hint
):
    briefing, problems = load(tmp_path, registry, text)
    assert briefing is None
    error = only_error(problems)
    assert (error.line, error.message[: len(message)]) == (line, message)
    assert hint in error.hint


@pytest.mark.parametrize(
    ("likelihood", "text", "warning"),
    [
        pytest.param(
            "likely",
            "A deal is unlikely before the winter.",
            "judgments[0]: the text says 'unlikely' but the likelihood is 'likely'",
            id="other-term",
        ),
        pytest.param(
            "likely",
            "A deal is very likely before the winter.",
            "judgments[0]: the text says 'very likely' but the likelihood is 'likely'",
            id="longer-term-read-whole",
        ),
        pytest.param(
            "unlikely",
            "A deal is highly improbable.",
            "judgments[0]: the text says 'very unlikely' but the likelihood is "
            "'unlikely'",
            id="synonym-of-another-term",
        ),
        pytest.param(
            "likely",
            "The Taliban may turn on IS-K.",
            "judgments[0]: the text hedges with 'may' without saying how likely",
            id="hedge",
        ),
        pytest.param(
            "roughly even chance",
            "Perhaps the talks resume.",
            "judgments[0]: the text hedges with 'perhaps' without saying how likely",
            id="hedge-capitalized",
        ),
    ],
)
def test_wording_that_does_not_say_the_likelihood_is_a_warning(
    tmp_path, registry, likelihood, text, warning
):
    briefing, problems = load(
        tmp_path,
        registry,
        f"judgments:\n  - id: j\n    text: {text}\n    likelihood: {likelihood}\n"
        "    confidence: low\n",
    )
    assert briefing is not None and not problems.errors
    (found,) = problems.warnings
    assert (found.line, found.message) == (3, warning)


@pytest.mark.parametrize(
    ("likelihood", "text"),
    [
        ("very unlikely", "A deal is very unlikely: talks could resume later."),
        ("likely", "The talks will probably fail."),
        ("almost certain", "The talks will almost certainly fail."),
        ("likely", "Mayors and maybe-lists do not hedge."),
    ],
)
def test_wording_that_says_its_own_likelihood_is_not_warned(
    tmp_path, registry, likelihood, text
):
    _, problems = load(
        tmp_path,
        registry,
        f"judgments:\n  - id: j\n    text: {text}\n    likelihood: {likelihood}\n"
        "    confidence: low\n",
    )
    assert problems.warnings == []


EVENT_IDS = ("airport-bombing", "fall-of-kabul")


def basis_notes(confidence, sources_per_event, reliability="B", basis=None):
    basis = basis or f"[{', '.join(EVENT_IDS)}]"
    events = "".join(
        f"  - date: 2021-0{n}\n    title: Event {name}\n    id: {name}\n"
        "    sources:\n"
        + "".join(
            f"      - {{title: s{k}, url: 'https://s{k}.org/{name}', "
            f"reliability: {reliability}, credibility: 2}}\n"
            for k in range(sources_per_event)
        )
        for n, name in enumerate(EVENT_IDS, start=1)
    )
    return (
        f"timeline:\n{events}judgments:\n  - id: j\n    text: It will likely hold.\n"
        f"    likelihood: likely\n    confidence: {confidence}\n    basis: {basis}\n"
    )


def line_of(text: str, start: str) -> int:
    """The number of the first line of `text` that starts with `start`."""
    lines = text.splitlines()
    return next(n for n, line in enumerate(lines, 1) if line.startswith(start))


def cross_check(tmp_path, registry, text, elsewhere=None):
    briefing, problems = load(tmp_path, registry, text)
    assert briefing is not None, problems.errors
    checked = Problems()
    check_judgments(briefing, EventFinder(briefing, elsewhere or {}), checked)
    return checked


def test_a_basis_naming_no_event_is_an_error_with_a_suggestion(tmp_path, registry):
    text = basis_notes("low", 1, basis="[fall-of-kabul, airport-bombng]")
    error = only_error(cross_check(tmp_path, registry, text))
    assert (
        error.message == "judgments[0].basis[1]: no event has the id 'airport-bombng'"
    )
    assert error.line == line_of(text, "    basis:")
    assert error.hint == "did you mean 'airport-bombing'?"


def test_a_basis_may_name_an_event_of_another_briefing(tmp_path, registry):
    other, _ = load(tmp_path, registry, JUDGED)
    elsewhere = {event.id: event for event in other.timeline}
    problems = cross_check(
        tmp_path, registry, basis_notes("low", 1, basis="[airport-bombing]"), elsewhere
    )
    assert problems.errors == [] and problems.warnings == []


@pytest.mark.parametrize(
    ("confidence", "sources", "reliability", "warning"),
    [
        ("high", 1, "B", "high confidence rests only on single-source events"),
        ("high", 2, "D", "high confidence rests only on sources graded below C (D"),
        ("high", 2, "B", None),
        ("moderate", 1, "E", None),
    ],
)
def test_high_confidence_on_thin_evidence_is_a_warning(
    tmp_path, registry, confidence, sources, reliability, warning
):
    text = basis_notes(confidence, sources, reliability)
    problems = cross_check(tmp_path, registry, text)
    assert problems.errors == []
    found = [w.message for w in problems.warnings]
    if warning is None:
        assert found == []
    else:
        assert len(found) == 1 and found[0].startswith(f"judgments[0]: {warning}")
        assert problems.warnings[0].line == line_of(text, "  - id: j")


# The published machine tags of the MISP taxonomies, written out from
# github.com/MISP/misp-taxonomies (estimative-language, admiralty-scale).
MISP_LIKELIHOOD = [
    "almost-no-chance",
    "very-unlikely",
    "unlikely",
    "roughly-even-chance",
    "likely",
    "very-likely",
    "almost-certain",
]


def test_terms_and_grades_carry_the_misp_machine_tags():
    assert [standards.LIKELIHOODS[t].tag for t in standards.LIKELIHOOD_TERMS] == [
        f'estimative-language:likelihood-probability="{value}"'
        for value in MISP_LIKELIHOOD
    ]
    assert [standards.confidence_tag(c) for c in ("low", "moderate", "high")] == [
        'estimative-language:confidence-in-analytic-judgment="low"',
        'estimative-language:confidence-in-analytic-judgment="moderate"',
        'estimative-language:confidence-in-analytic-judgment="high"',
    ]
    source = Source(title="t", url="https://t.org", reliability="b", credibility=2)
    assert source.grade == "B2"
    assert source.tags == [
        'admiralty-scale:source-reliability="b"',
        'admiralty-scale:information-credibility="2"',
    ]
    assert source.grade_words == "source usually reliable, information probably true"


def test_the_bands_are_those_of_icd_203():
    bands = [standards.LIKELIHOODS[t].band for t in standards.LIKELIHOOD_TERMS]
    assert bands == ["1–5%", "5–20%", "20–45%", "45–55%", "55–80%", "80–95%", "95–99%"]
