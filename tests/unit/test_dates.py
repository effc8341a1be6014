import datetime as dt

import pytest

from briefing.content.dates import PartialDate


@pytest.mark.parametrize(
    ("value", "iso", "label", "precision"),
    [
        ("2015", "2015", "2015", "year"),
        (2015, "2015", "2015", "year"),
        ("2021-08", "2021-08", "August 2021", "month"),
        ("2021-8", "2021-08", "August 2021", "month"),
        ("2021-08-26", "2021-08-26", "26 August 2021", "day"),
        (" 2021-08-26 ", "2021-08-26", "26 August 2021", "day"),
        (dt.date(2021, 8, 26), "2021-08-26", "26 August 2021", "day"),
        ("2020-02-29", "2020-02-29", "29 February 2020", "day"),
        ("0800", "0800", "800", "year"),
    ],
)
def test_a_date_is_read_and_shown_at_its_own_precision(value, iso, label, precision):
    date = PartialDate.parse(value)
    assert date.iso == iso
    assert date.label == label
    assert date.precision == precision


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("2021-13-40", "has no month 13"),
        ("2021-00", "has no month 0"),
        ("2021-02-30", "February 2021 has no day 30"),
        ("2021-02-29", "February 2021 has no day 29"),
        ("26 August 2021", "is not a date"),
        ("21-08-26", "is not a date"),
        ("2021/08/26", "is not a date"),
        ("", "is not a date"),
        ("0000", "has no year"),
        (None, "a date is needed"),
        (True, "a date is needed"),
        (2021.08, "a date is needed, got float"),
        ([2021], "a date is needed, got list"),
    ],
)
def test_an_impossible_date_is_refused_with_a_reason(value, message):
    with pytest.raises(ValueError, match=message):
        PartialDate.parse(value)


def test_less_precise_dates_sort_before_more_precise_ones_of_the_same_period():
    texts = ["2021-08-26", "2021", "2020-12-31", "2021-08", "2021-01-01", "2015"]
    ordered = sorted(PartialDate.parse(text) for text in texts)
    assert [date.iso for date in ordered] == [
        "2015",
        "2020-12-31",
        "2021",
        "2021-01-01",
        "2021-08",
        "2021-08-26",
    ]
