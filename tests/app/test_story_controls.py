"""Story views grow on demand: Expand, a whole column, Show everything — in session state and the URL."""

from __future__ import annotations

import re

import pytest

from tests.app.conftest import assert_no_exception, make_app

IL1B = "HGNC:5992"


def drawn_entities(at) -> int:
    """The "Drawn: N relations among M entities" caption every view renders."""
    for c in at.caption:
        m = re.match(r"Drawn: [\d,]+ relations among ([\d,]+) entities", c.value)
        if m:
            return int(m.group(1).replace(",", ""))
    raise AssertionError("no 'Drawn:' caption")


@pytest.mark.parametrize("page", ["pages/gut_brain.py", "pages/cytokines.py", "pages/conditions.py", "pages/explorer.py"])
def test_pages_open_on_a_story_and_show_everything_is_one_toggle_away(monkeypatch, page):
    at = make_app(monkeypatch, page=page)
    story = drawn_entities(at)
    assert 0 < story <= 40
    prefix = {"gut_brain": "gb", "cytokines": "cyto", "conditions": "cond", "explorer": "explorer"}[page.split("/")[1][:-3]]
    at.toggle(key=f"{prefix}_all").set_value(True).run()
    assert_no_exception(at)
    assert at.query_params["all"] in ("1", ["1"])
    assert drawn_entities(at) > story


def test_expand_the_clicked_entity(monkeypatch):
    at = make_app(monkeypatch, page="pages/explorer.py", params={"focus": "HGNC:11892"})  # TNF's card is open
    before = drawn_entities(at)
    at.button(key="explorer_expand_button").click().run()
    assert_no_exception(at)
    assert at.query_params["expand"] in ("HGNC:11892", ["HGNC:11892"])
    assert before < drawn_entities(at) <= before + 10
    at.button(key="explorer_reset").click().run()
    assert drawn_entities(at) == before and "expand" not in at.query_params


def test_show_all_of_a_column_and_restore_it_from_the_url(monkeypatch):
    at = make_app(monkeypatch, page="pages/gut_brain.py")
    before = drawn_entities(at)
    at.selectbox(key="gb_col_pick").set_value(0).run()  # Gut lumen: show all
    assert_no_exception(at)
    assert at.query_params["cols"] in ("0", ["0"])
    grown = drawn_entities(at)
    assert grown > before
    again = make_app(monkeypatch, page="pages/gut_brain.py", params={"cols": "0"})
    assert drawn_entities(again) == grown
