"""Data text is shown as text on every page: a URL, Markdown and HTML in labels, descriptions, notes and lessons
never become a live link, an image or markup (checked in the rendered DOM of a real browser)."""

from __future__ import annotations

import csv

import pytest

from tests.e2e.conftest import open_page, screenshot, start_server, stop_server, wait_ready

pytestmark = pytest.mark.e2e

EVIL = "evil.example"
NODES = [
    ("id", "label", "type", "compartment", "synonyms", "description"),
    ("HGNC:5992", f"IL-1β https://{EVIL}/a", "cytokine", "circulation", f"IL1B|www.{EVIL}",
     f"**INJB1** [INJL1](https://{EVIL}/b) <b>INJH1</b> <img src=https://{EVIL}/i.png onerror=alert(1)> "
     f"![INJI1](https://{EVIL}/p.png) www.{EVIL} me@{EVIL}"),
    ("HGNC:6018", "IL-6 <i>INJH2</i>", "cytokine", "circulation", "IL6", f"<a href='https://{EVIL}/c'>INJL2</a>"),
    ("NIA:sickness_behaviour", f"Sickness [INJL3](https://{EVIL}/d)", "process", "brain", "", "_INJE1_ ~~INJS1~~"),
    ("MESH:D003865", f"<b>INJH3</b> depression https://{EVIL}/e", "condition", "brain", "depression", f"https://{EVIL}/f"),
    ("MESH:D001008", f"**INJB2** anxiety www.{EVIL}", "condition", "brain", "", f"`INJC1` :red[INJR1] {EVIL}"),
]  # fmt: skip
EDGES = [
    ("source", "target", "relation", "topics", "evidence", "study_type", "species", "references", "note"),
    ("HGNC:5992", "NIA:sickness_behaviour", "causes", "cytokine|gut_brain", "established", "review", "mixed", "dantzer2008",
     f"See https://{EVIL}/g and **INJB3**."),
    ("HGNC:6018", "MESH:D003865", "associated_with", "cytokine|condition_mechanism", "supported", "review", "human", "miller2016",
     f"<b>INJH4</b> [x](https://{EVIL}/h)"),
    ("HGNC:6018", "MESH:D001008", "associated_with", "cytokine|condition_mechanism", "emerging", "review", "human", "miller2016", ""),
    ("NIA:sickness_behaviour", "MESH:D003865", "associated_with", "cytokine|condition_mechanism", "supported", "review", "human",
     "dantzer2008", ""),
    ("HGNC:5992", "MESH:D001008", "associated_with", "condition_mechanism", "emerging", "review", "human", "dantzer2008", ""),
]  # fmt: skip
SOURCES = [
    ("id", "citation", "year", "doi", "pmid", "url"),
    ("dantzer2008", f"Dantzer R et al. (2008). From inflammation to sickness and depression **INJB4** https://{EVIL}/s. Nat Rev Neurosci.",
     "2008", "10.1038/nrn2297", "18073775", ""),
    ("miller2016", "Miller AH & Raison CL (2016). The role of inflammation in depression. Nat Rev Immunol.", "2016", "10.1038/nri.2015.5",
     "26711676", ""),
]  # fmt: skip
LESSONS = [
    ("lesson", "step", "title", "view", "focus", "text"),
    ("inj", "1", f"<b>INJH5</b> https://{EVIL}/l", "cytokine", "HGNC:5992", f"**INJB5** [INJL4](https://{EVIL}/m) ![x](https://{EVIL}/n.png)"),
    ("inj", "2", f"Second www.{EVIL}", "condition_map", "MESH:D003865", f"<img src=https://{EVIL}/o.png> _INJE2_"),
]  # fmt: skip

PAGES = {
    "home": "/",
    "gut_brain": "/gut_brain?focus=HGNC:5992",
    "cytokines": "/cytokines",
    "conditions": "/conditions?condition=MESH:D003865&focus=MESH:D003865",
    "explorer": "/explorer?entity=HGNC:5992&target=MESH:D003865",
    "lessons": "/lessons?lesson=inj&step=1",
    "lessons_step2": "/lessons?lesson=inj&step=2",
    "presenter": "/lessons?lesson=inj&step=1&present=1",
    "compare": "/compare?a=MESH:D003865&b=MESH:D001008",
    "data": "/data",
}

# Everything a browser would follow, fetch or style from the data: links and images pointing at the injected host,
# elements carrying handlers, and formatting elements (HTML or SVG) whose text holds an injected marker.
_FIND = """
() => {
  const evil = '__EVIL__', out = [];
  for (const el of document.querySelectorAll('*')) {
    for (const attr of ['href', 'xlink:href', 'src', 'srcset', 'action', 'formaction']) {
      const v = el.getAttribute(attr);
      if (v && v.includes(evil)) out.push(`${el.tagName} ${attr}=${v}`);
    }
    if (el.getAttribute('onerror') || el.getAttribute('onclick')) out.push(`${el.tagName} with an event handler`);
  }
  // markup that was interpreted leaves an element holding just the marker ("<b>INJH1</b>" → <b>INJH1</b>);
  // our own headings may wrap data text, but then the text still shows the literal "<b>", "**" or "[...]("
  const formatting = 'b, strong, i, em, del, s, code, mark, tspan[style*="bold"], tspan[style*="italic"]';
  for (const el of document.querySelectorAll(formatting)) {
    const t = (el.textContent || '').trim();
    if (/^INJ[A-Z]\\d$/.test(t)) out.push(`${el.tagName} renders ${t}`);
  }
  for (const el of document.querySelectorAll('a, img')) {
    const t = (el.textContent || '') + (el.getAttribute('alt') || '');
    if (/INJ[A-Z]\\d/.test(t)) out.push(`${el.tagName} from data: ${t.slice(0, 60)}`);
  }
  for (const el of document.querySelectorAll('[data-testid="stMarkdownContainer"] span[class*="color"], span[style*="color: red"]')) {
    if (/INJR1/.test(el.textContent || '')) out.push('coloured ' + el.textContent);
  }
  return out;
}
""".replace("__EVIL__", EVIL)


def _write(path, rows):
    with open(path, "w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows(rows)


@pytest.fixture(scope="module")
def injected_server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("injected")
    for name, rows in (("nodes", NODES), ("edges", EDGES), ("sources", SOURCES), ("lessons", LESSONS)):
        _write(folder / f"{name}.csv", rows)
    proc, url = start_server(folder)
    yield url
    stop_server(proc)


@pytest.mark.parametrize("name", list(PAGES))
def test_no_live_links_images_or_markup_from_data(browser, injected_server, name):
    context, page = open_page(browser, 1600, 1000)
    try:
        page.goto(injected_server + PAGES[name])
        wait_ready(page)
        page.wait_for_timeout(500)  # plotly draws after the script run ends
        for expander in page.locator('[data-testid="stExpander"] summary').all():
            expander.click()  # open every expander: hidden tables and cards count too
        page.wait_for_timeout(300)
        text = page.locator("body").inner_text()
        shown = "INJ" in text or EVIL in text or page.locator('[data-testid="stDataFrame"]').count() > 0  # grids draw on a canvas
        assert shown, "the injected data is not on the page at all (the check would be vacuous)"
        found = page.evaluate(_FIND)
        screenshot(page, f"injection_{name}")
        assert found == [], found
    finally:
        context.close()
