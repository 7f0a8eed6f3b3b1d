"""Teaching-grade pictures in real Chromium: every drawn entity labelled, no overlaps, nothing cut, type above the floor.

Measures the rendered SVG text boxes of each page's default view at 1280×720 and 1600×1000 and of
every lesson step in presenter mode at 1920×1080, 1600×1000 and 1280×720, saves a screenshot of each chart
(artifacts/screenshots/story_*.png) and clicks Expand / Show everything for real.
"""

from __future__ import annotations

import pytest

from neuroimmune import load_atlas
from neuroimmune.lessons import list_lessons
from tests.conftest import ROOT
from tests.e2e.conftest import SCREENSHOTS, open_page, wait_ready
from tests.e2e.label_metrics import MEASURE_JS, summary

pytestmark = pytest.mark.e2e

PAGES = {"home": "/", "gut_brain": "/gut_brain", "cytokines": "/cytokines", "conditions": "/conditions", "explorer": "/explorer",
         "lessons": "/lessons", "compare": "/compare"}  # fmt: skip
SIZES = [(1280, 720), (1600, 1000)]
CHART = ".js-plotly-plot"
LESSON_STEPS = [(info.key, n) for info in list_lessons(load_atlas(ROOT / "data")) for n in range(1, info.n_steps + 1)]


def _story_chart(page, chart: str = CHART):
    """The first chart whose node traces are all labelled story traces (the page's main picture)."""
    charts = page.locator(chart)
    charts.first.wait_for()
    page.wait_for_function("() => document.querySelector('.js-plotly-plot .textpoint')", timeout=60_000)
    chart = charts.first
    chart.scroll_into_view_if_needed()
    page.wait_for_timeout(300)  # one animation frame for plotly's text placement after scrolling
    return chart


def _measure(page, name: str, floor: float, chart: str = CHART, *, raw: bool = False) -> dict:
    chart = _story_chart(page, chart)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    chart.screenshot(path=str(SCREENSHOTS / f"story_{name}.png"))
    measured = chart.evaluate(MEASURE_JS)
    return (summary(measured, floor), measured) if raw else summary(measured, floor)


def _assert_legible(result: dict, where: str) -> None:
    assert result["entities"] > 0, f"{where}: nothing drawn"
    assert result["entities"] <= 40, f"{where}: {result['entities']} entities (a story holds at most 40)"
    assert result["unlabelled"] == 0, f"{where}: {result['unlabelled']} entities without a label"
    assert not result["overlaps"], f"{where}: overlapping labels {result['overlaps']}"
    assert not result["cut"], f"{where}: labels cut at the chart's edge {result['cut']}"
    assert not result["small"], f"{where}: labels under the size floor {result['small']}"


@pytest.mark.parametrize(("width", "height"), SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
@pytest.mark.parametrize("name", list(PAGES))
def test_default_view_is_legible(server, browser, name, width, height):
    context, page = open_page(browser, width, height)
    try:
        page.goto(server + PAGES[name])
        wait_ready(page)
        _assert_legible(_measure(page, f"{name}_{width}x{height}", floor=12), f"{name} at {width}×{height}")
    finally:
        context.close()


#: Compare deep links beside the default: nothing shared; the longest names; many shared, few only B.
COMPARE_PAIRS = {"nothing_shared": "a=MESH:D004673&b=MESH:D000544", "long_names": "a=MESH:D020277&b=MESH:D007968",
                 "depression_anxiety": "a=MESH:D003865&b=MESH:D001008"}  # fmt: skip


@pytest.mark.parametrize("pair", list(COMPARE_PAIRS))
def test_other_comparisons_are_legible(server, browser, pair):
    context, page = open_page(browser, 1280, 720)
    try:
        page.goto(f"{server}/compare?{COMPARE_PAIRS[pair]}")
        wait_ready(page)
        _assert_legible(_measure(page, f"compare_{pair}_1280x720", floor=12), f"compare {pair}")
    finally:
        context.close()


def test_compare_is_legible_in_presenter_mode(server, browser):
    context, page = open_page(browser, 1920, 1080)
    try:
        page.goto(f"{server}/compare?present=1")
        wait_ready(page)
        _assert_legible(_measure(page, "compare_presenter_1920x1080", floor=16), "compare in presenter mode")
    finally:
        context.close()


@pytest.fixture(scope="module")
def presenter_page(browser):
    context, page = open_page(browser, 1920, 1080)
    yield page
    context.close()


@pytest.mark.parametrize(("lesson", "step"), LESSON_STEPS, ids=[f"{k}-{n}" for k, n in LESSON_STEPS])
def test_every_lesson_step_is_legible_on_a_projector(server, presenter_page, lesson, step):
    presenter_page.goto(f"{server}/lessons?present=1&lesson={lesson}&step={step}")
    wait_ready(presenter_page)
    _assert_legible(
        _measure(presenter_page, f"lesson_{lesson}_{step}_1920x1080", floor=16, chart=CHART + ":visible"), f"{lesson} step {step}"
    )
    screen = presenter_page.evaluate(_ON_SCREEN_JS)  # legends, line key, title, text and buttons on the screen
    assert screen["charts"] == 1 and not screen["off"], f"{lesson} step {step}: {screen}"


#: Presenter mode on smaller projectors: the slide built for them (components.lesson_player's media query), with
#: the laptop pages' type floor. Everything a slide holds must be on the screen: no scrolling in front of a class.
PROJECTORS = [(1280, 720), (1600, 1000)]
#: What the visible slide shows beside its labels: the legends, the line key, the step's title, text and buttons.
_ON_SCREEN_JS = """() => {
  const boxes = [];
  const shown = e => e.getBoundingClientRect().height > 0 && getComputedStyle(e).visibility !== 'hidden';
  document.querySelectorAll('.js-plotly-plot :is(g.legend, g.legend2, .annotation)').forEach(e => { if (shown(e)) boxes.push(['chart: ' + e.textContent.slice(0, 40), e.getBoundingClientRect()]); });
  // the step's title, text, note and buttons (icon-only buttons are the chart's toolbar and the way out's help)
  document.querySelectorAll('[data-testid="stMain"] :is(h1, h4, [data-testid="stText"], [data-testid="stCaptionContainer"], button)').forEach(e => {
    if (e.offsetParent && (e.innerText || '').trim()) boxes.push([e.innerText.slice(0, 40), e.getBoundingClientRect()]);
  });
  return {charts: [...document.querySelectorAll('.js-plotly-plot')].filter(shown).length,
          off: boxes.filter(([, r]) => r.bottom > innerHeight + 1 || r.right > innerWidth + 1 || r.top < -1 || r.left < -1).map(([t]) => t)};
}"""


@pytest.fixture(scope="module", params=PROJECTORS, ids=[f"{w}x{h}" for w, h in PROJECTORS])
def projector(browser, request):
    context, page = open_page(browser, *request.param)
    yield page, request.param
    context.close()


@pytest.mark.parametrize(("lesson", "step"), LESSON_STEPS, ids=[f"{k}-{n}" for k, n in LESSON_STEPS])
def test_every_lesson_step_fits_a_smaller_projector(server, projector, lesson, step):
    page, (width, height) = projector
    page.goto(f"{server}/lessons?present=1&lesson={lesson}&step={step}")
    wait_ready(page)
    where = f"{lesson} step {step} at {width}×{height}"
    result, measured = _measure(page, f"lesson_{lesson}_{step}_{width}x{height}", 12, CHART + ":visible", raw=True)
    _assert_legible(result, where)
    below = [lb["text"] for lb in measured["labels"] if lb["bottom"] > height + 1 or lb["right"] > width + 1]
    assert not below, f"{where}: labels off the screen {below}"
    screen = page.evaluate(_ON_SCREEN_JS)
    assert screen["charts"] == 1, f"{where}: {screen['charts']} charts shown"
    assert not screen["off"], f"{where}: off the screen {screen['off']}"


_POSITIONS_JS = """
(gd) => {
  const out = {};
  gd._fullData.forEach(t => {
    if (t.legendgroup !== 'nodes' || !t.customdata) return;
    t.customdata.forEach((id, i) => { out[id] = [t.x[i], t.y[i]]; });
  });
  return out;
}
"""

_FIND_NODE = """
(gd) => {
  const fl = gd._fullLayout, xa = fl.xaxis, ya = fl.yaxis, rect = gd.getBoundingClientRect();
  for (const t of gd._fullData) {
    if (t.legendgroup !== 'nodes' || !t.customdata) continue;
    for (let i = 0; i < t.customdata.length; i++) {
      return {id: t.customdata[i], x: rect.left + xa._offset + xa.l2p(t.x[i]), y: rect.top + ya._offset + ya.l2p(t.y[i])};
    }
  }
  return null;
}
"""


def test_expand_adds_neighbours_without_moving_anything_then_show_everything(server, browser):
    context, page = open_page(browser, 1600, 1000)
    try:
        page.goto(server + "/explorer")
        wait_ready(page)
        chart = _story_chart(page)
        before = chart.evaluate(_POSITIONS_JS)
        point = chart.evaluate(_FIND_NODE)
        # the explorer's focus is drawn first; click a neighbour instead if there is one
        page.mouse.click(point["x"], point["y"])
        page.wait_for_function(f"() => decodeURIComponent(location.search).includes('focus={point['id']}')", timeout=30_000)
        wait_ready(page)
        page.locator(".st-key-explorer_expand_button button").first.click()
        page.wait_for_function("() => decodeURIComponent(location.search).includes('expand=')", timeout=30_000)
        wait_ready(page)
        after = _story_chart(page).evaluate(_POSITIONS_JS)
        assert set(before) < set(after), "Expand adds entities"
        assert all(after[k] == before[k] for k in before), "nothing already drawn moves"
        page.screenshot(path=str(SCREENSHOTS / "story_explorer_expanded.png"))
        page.locator(".st-key-explorer_all label").click()
        page.wait_for_function("() => location.search.includes('all=1')", timeout=30_000)
        wait_ready(page)
        assert page.locator(CHART).count() > 0
    finally:
        context.close()
