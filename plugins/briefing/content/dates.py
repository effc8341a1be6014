"""Partial dates: a year, a month or a day, each shown at its own precision."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

MONTH_NAMES = (
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

_PARTIAL_DATE = re.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")

DATE_HINT = "use YYYY, YYYY-MM or YYYY-MM-DD, e.g. 2021-08-26"


@dataclass(frozen=True, order=True, slots=True)
class PartialDate:
    """A calendar date known to the year, the month or the day.

    Ordering puts a less precise date before a more precise one in the same
    period ("2021" before "2021-08" before "2021-08-26"), which is where a
    reader expects an event known only by its year.
    """

    year: int
    month: int = 0
    day: int = 0

    @classmethod
    def parse(cls, value: object) -> PartialDate:
        """Read a date from YAML: a string, an int year or a date object.

        Raises ValueError with a message fit for an analyst.
        """
        if isinstance(value, PartialDate):
            return value
        if isinstance(value, dt.datetime):
            return cls(value.year, value.month, value.day)
        if isinstance(value, dt.date):
            return cls(value.year, value.month, value.day)
        if isinstance(value, bool) or value is None:
            raise ValueError(f"a date is needed, got {value!r}")
        if isinstance(value, int):
            value = str(value)
        if not isinstance(value, str):
            raise ValueError(f"a date is needed, got {type(value).__name__}")
        text = value.strip()
        match = _PARTIAL_DATE.fullmatch(text)
        if not match:
            raise ValueError(f"'{text}' is not a date")
        year, month, day = (int(part) if part else 0 for part in match.groups())
        if match.group(2) and not 1 <= month <= 12:
            raise ValueError(f"'{text}' has no month {month}")
        if match.group(3):
            try:
                dt.date(year, month, day)
            except ValueError:
                raise ValueError(
                    f"'{text}' is not a day of the calendar "
                    f"({MONTH_NAMES[month - 1]} {year} has no day {day})"
                ) from None
        if year < 1:
            raise ValueError(f"'{text}' has no year")
        return cls(year, month, day)

    @property
    def precision(self) -> str:
        if self.day:
            return "day"
        if self.month:
            return "month"
        return "year"

    @property
    def iso(self) -> str:
        """The value for `<time datetime>`: as precise as the date, no more."""
        if self.day:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.month:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}"

    @property
    def label(self) -> str:
        """The date as a reader sees it: '2015', 'August 2021', '26 August 2021'."""
        if self.day:
            return f"{self.day} {MONTH_NAMES[self.month - 1]} {self.year}"
        if self.month:
            return f"{MONTH_NAMES[self.month - 1]} {self.year}"
        return str(self.year)

    def __str__(self) -> str:
        return self.iso
