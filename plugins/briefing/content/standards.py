"""The analytic standards judgments and sources are written to.

Likelihood in the seven terms of US Intelligence Community Directive 203,
each with its probability band; confidence in three levels; sources graded
on the Admiralty (NATO) scale, A to F for the source's reliability and 1 to 6 for
the information's credibility. Each value also has its machine tag in the
public MISP taxonomies (`estimative-language`, `admiralty-scale`), which
analysts' tools read. Pure data and functions: templates, checks and the
open data all read them from here.
"""

from __future__ import annotations

import difflib
import re
from typing import NamedTuple

from .languages import N_


class Likelihood(NamedTuple):
    term: str
    low: int  # the band, in per cent
    high: int
    synonyms: tuple[str, ...]  # ICD 203's alternative wording

    @property
    def band(self) -> str:
        return f"{self.low}–{self.high}%"

    @property
    def rank(self) -> int:
        """1 (almost no chance) to 7 (almost certain)."""
        return LIKELIHOOD_TERMS.index(self.term) + 1

    @property
    def tag(self) -> str:
        value = self.term.replace(" ", "-")
        return f'estimative-language:likelihood-probability="{value}"'


LIKELIHOODS = {
    likelihood.term: likelihood
    for likelihood in (
        Likelihood(N_("almost no chance"), 1, 5, ("remote",)),
        Likelihood(N_("very unlikely"), 5, 20, ("highly improbable",)),
        Likelihood(N_("unlikely"), 20, 45, ("improbable", "improbably")),
        Likelihood(N_("roughly even chance"), 45, 55, ("roughly even odds",)),
        Likelihood(N_("likely"), 55, 80, ("probable", "probably")),
        Likelihood(N_("very likely"), 80, 95, ("highly probable",)),
        Likelihood(
            N_("almost certain"), 95, 99, ("almost certainly", "nearly certain")
        ),
    )
}
LIKELIHOOD_TERMS = tuple(LIKELIHOODS)

CONFIDENCES = {
    N_("low"): "the information is scant, questionable or fragmented, or comes "
    "from sources whose reliability is in doubt",
    N_("moderate"): "the information is credibly sourced and plausible, but not "
    "enough to warrant a higher level",
    N_("high"): "the judgment rests on high-quality information from several "
    "sources, or the nature of the issue allows a solid judgment",
}
CONFIDENCE_LEVELS = tuple(CONFIDENCES)

RELIABILITY = {
    "A": N_("completely reliable"),
    "B": N_("usually reliable"),
    "C": N_("fairly reliable"),
    "D": N_("not usually reliable"),
    "E": N_("unreliable"),
    "F": N_("reliability cannot be judged"),
}
CREDIBILITY = {
    "1": N_("confirmed by other sources"),
    "2": N_("probably true"),
    "3": N_("possibly true"),
    "4": N_("doubtful"),
    "5": N_("improbable"),
    "6": N_("truth cannot be judged"),
}

# Words ICD 203 asks analysts to replace with a term of the scale.
HEDGES = ("may", "might", "could", "possibly", "perhaps")


def confidence_rank(level: str) -> int:
    return CONFIDENCE_LEVELS.index(level) + 1


def confidence_tag(level: str) -> str:
    return f'estimative-language:confidence-in-analytic-judgment="{level}"'


def reliability_tag(letter: str) -> str:
    return f'admiralty-scale:source-reliability="{letter.lower()}"'


def credibility_tag(digit: str) -> str:
    return f'admiralty-scale:information-credibility="{digit}"'


def grade_words(reliability: str | None, credibility: str | None) -> str:
    """'usually reliable, probably true' for B2; either half alone."""
    words = []
    if reliability:
        words.append(f"source {RELIABILITY[reliability]}")
    if credibility:
        words.append(f"information {CREDIBILITY[credibility]}")
    return ", ".join(words)


def suggest(value: str, known: tuple[str, ...]) -> str:
    """'did you mean …?' or the list of the known values."""
    close = difflib.get_close_matches(value.strip().lower(), known, n=1, cutoff=0.6)
    if close:
        return f"did you mean '{close[0]}'?"
    return "one of: " + ", ".join(known)


def likelihood_of_synonym(value: str) -> str | None:
    """The term an ICD 203 synonym stands for ('probable' -> 'likely')."""
    value = " ".join(value.lower().split())
    for likelihood in LIKELIHOODS.values():
        if value in likelihood.synonyms:
            return likelihood.term
    return None


# Longest first, so "very unlikely" is read before "unlikely" and "likely".
_PHRASES = sorted(
    (
        (phrase, likelihood.term)
        for likelihood in LIKELIHOODS.values()
        for phrase in (likelihood.term, *likelihood.synonyms)
    ),
    key=lambda pair: -len(pair[0]),
)
_TERMS_IN_TEXT = re.compile(
    r"\b("
    + "|".join(re.escape(p).replace(r"\ ", r"\s+") for p, _ in _PHRASES)
    + r")\b",
    re.IGNORECASE,
)
_TERM_OF_PHRASE = dict(_PHRASES)
_HEDGES_IN_TEXT = re.compile(r"\b(" + "|".join(HEDGES) + r")\b", re.IGNORECASE)


def terms_in(text: str) -> list[str]:
    """The likelihood terms a text uses, synonyms read as their term, in
    the order they come."""
    return [
        _TERM_OF_PHRASE[" ".join(match.group(1).lower().split())]
        for match in _TERMS_IN_TEXT.finditer(text)
    ]


def hedges_in(text: str) -> list[str]:
    """The hedging words of a text ('may', 'could', …), lower-cased."""
    return [match.group(1).lower() for match in _HEDGES_IN_TEXT.finditer(text)]
