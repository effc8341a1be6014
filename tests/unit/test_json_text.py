"""JSON documents assembled from their items' own JSON text are the same
bytes as the whole document dumped at once."""

import json

from hypothesis import given
from hypothesis import strategies as st

from briefing.site.exports import dump, dump_with_list

values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(),
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=8,
)


@given(
    fields=st.dictionaries(st.text(max_size=8), values, max_size=3),
    items=st.lists(values, max_size=4),
)
def test_same_text_as_one_dump(fields, items):
    fields.pop("events", None)
    expected = dump({**fields, "events": items})
    assembled = dump_with_list(fields, "events", [dump(item) for item in items])
    assert assembled == expected
    assert json.loads(assembled)["events"] == items


def test_tricky_text_around_the_list():
    fields = {
        "a": "\u0000items",
        "b": ["\u0000items\u0000"],
        "site": "https://x.test/\u2028[0]",
    }
    items = [{"title": "A \u2029 </script>"}, "é"]
    assembled = dump_with_list(fields, "events", [dump(item) for item in items])
    assert assembled == dump({**fields, "events": items})
