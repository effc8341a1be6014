"""When the timeline gets a page per year."""

import pytest

from briefing.settings import DEFAULTS
from briefing.site.pages import timeline_in_years

YEARS = [(1994, ["a"]), (2015, ["b", "c"]), (2021, ["d", "e", "f"])]  # 6 events


@pytest.mark.parametrize(
    ("settings", "in_years"),
    [
        ({"BRIEFING_TIMELINE_PAGE_EVENTS": 6}, False),  # as many as a page shows
        ({"BRIEFING_TIMELINE_PAGE_EVENTS": 5}, True),
        ({"BRIEFING_TIMELINE_PAGE_EVENTS": 0}, False),  # never
        ({"BRIEFING_TIMELINE_PAGE_EVENTS": None}, False),
        (
            {"BRIEFING_TIMELINE_PAGE_EVENTS": 5, "BRIEFING_TIMELINE_YEAR_SAVE_AS": ""},
            False,
        ),
        ({}, False),  # the default page holds 1,000
    ],
)
def test_a_timeline_longer_than_a_page_is_split_into_years(settings, in_years):
    assert timeline_in_years(YEARS, {**DEFAULTS, **settings}) is in_years


def test_an_empty_timeline_is_one_page():
    assert not timeline_in_years([], {**DEFAULTS, "BRIEFING_TIMELINE_PAGE_EVENTS": 1})
