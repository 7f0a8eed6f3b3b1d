"""Walk every user path of every page in a real browser and report what breaks (a QA tool, not a test).

Run: ``.venv/bin/python -m tests.e2e.walk_user_paths [page ...] [--data FOLDER]``. For each page it starts
a fresh server, opens the page by URL, then again via the sidebar, changes every widget (edge cases
included), clicks every download button, and after each action waits for the script to finish and
records any exception box, "Page not found" dialog or browser console error. Problem states are
screenshotted to artifacts/screenshots/walk_*.png. Exit status 1 when anything was found.
"""

from __future__ import annotations

import argparse
import io
import sys
import time
import zipfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from tests.conftest import BAD_INPUTS, ROOT
from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS, NO_SKELETON, READY, SCREENSHOTS, start_server, stop_server

SIDEBAR = '[data-testid="stSidebar"]'
PAGES = {
    "home": ("/", "Home"),
    "gut_brain": ("/gut_brain", "Gut–brain axis"),
    "cytokines": ("/cytokines", "Cytokine pathways"),
    "conditions": ("/conditions", "Condition–mechanism map"),
    "explorer": ("/explorer", "Explorer"),
    "lessons": ("/lessons", "Lessons"),
    "compare": ("/compare", "Compare conditions"),
    "data": ("/data", "Data & downloads"),
}
IGNORED_CONSOLE = ("favicon", "Failed to load resource: the server responded with a status of 404")


#: True for the copy Streamlit keeps of a download button that has a ``help`` tooltip: it sits in a display:none
#: box inside the button's own element (the visible one is inside the tooltip's hover target).
_HIDDEN_TWIN_JS = """e => {
  for (let n = e.parentElement; n && !n.matches('[data-testid="stDownloadButton"]'); n = n.parentElement)
    if (getComputedStyle(n).display === 'none') return true;
  return false;
}"""


class Walker:
    def __init__(self, page, name: str, tmp: Path):
        self.page, self.name, self.tmp = page, name, tmp
        self.issues: list[str] = []
        self.console: list[str] = []
        self.step = "open"
        page.on("console", self._on_console)
        page.on("pageerror", lambda e: self.console.append(f"[{self.step}] pageerror {str(e)[:300]}"))

    def _on_console(self, m) -> None:
        # Streamlit's frontend probes /<page>/_stcore/{health,host-config} for a base path on a deep link;
        # those 404s are expected and not ours.
        if m.type != "error" or "/_stcore/" in (m.location or {}).get("url", ""):
            return
        self.console.append(f"[{self.step}] {m.text[:300]} @ {(m.location or {}).get('url', '')}")

    # -- checks ------------------------------------------------------------------------------
    def ready(self, what: str, timeout: float = 120_000) -> float:
        self.step = what
        t0 = time.monotonic()
        p = self.page
        try:
            p.wait_for_selector(READY, timeout=timeout)
            p.wait_for_function(NO_SKELETON, timeout=timeout)  # lazily loaded elements drawn too
            p.wait_for_timeout(400)
            p.wait_for_selector(READY, timeout=timeout)
            p.wait_for_function(NO_SKELETON, timeout=timeout)
        except Exception as exc:  # noqa: BLE001
            self.problem(what, f"never became idle: {exc.__class__.__name__}")
            return time.monotonic() - t0
        exc = p.locator('[data-testid="stException"]')
        if exc.count():
            self.problem(what, "EXCEPTION: " + exc.first.inner_text()[:1500])
        if p.get_by_text("Page not found", exact=False).count():
            self.problem(what, "Page not found dialog")
        for m in self.console:
            self.problem(what, "console: " + m)
        self.console.clear()
        return time.monotonic() - t0

    def problem(self, what: str, msg: str) -> None:
        self.issues.append(f"{self.name} / {what}: {msg}")
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        shot = SCREENSHOTS / f"walk_{self.name}_{len(self.issues)}.png"
        try:
            self.page.screenshot(path=str(shot), full_page=True)
        except Exception:  # noqa: BLE001
            pass
        print("  !!", self.issues[-1][:400], f"({shot.name})", flush=True)

    def act(self, what: str, fn) -> None:
        print("  -", what, flush=True)
        self.step = what
        try:
            fn()
        except Exception as exc:  # noqa: BLE001
            self.problem(what, f"could not act: {str(exc).splitlines()[0][:300]}")
        self.ready(what)

    # -- widgets -----------------------------------------------------------------------------
    def _widget(self, testid: str, label: str, scope: str = ""):
        loc = self.page.locator(f"{scope} [data-testid='{testid}']".strip()).filter(has=self.page.locator("label", has_text=label))
        return loc.first

    def multiselect(self, label: str, values: list[str], *, scope: str = "", clear: bool = False) -> None:
        w = self._widget("stMultiSelect", label, scope)
        if clear:
            btn = w.locator('[aria-label="Clear all"], [title="Clear all"]')
            if btn.count():
                btn.first.click()
                self.ready(f"clear {label}")
        for v in values:
            self.act(
                f"{label} += {v}",
                lambda v=v: (
                    w.locator("input").click(),
                    w.locator("input").fill(v),
                    self.page.keyboard.press("Enter"),
                    self.page.keyboard.press("Escape"),
                ),
            )

    def clear_multiselect(self, label: str, scope: str = "") -> None:
        w = self._widget("stMultiSelect", label, scope)

        def go():
            btn = w.locator('[aria-label="Clear all"], [title="Clear all"], svg[title="Clear all"]')
            if btn.count():
                btn.first.click()
            else:
                w.locator("input").click()
                for _ in range(30):
                    self.page.keyboard.press("Backspace")
            self.page.keyboard.press("Escape")

        self.act(f"clear {label}", go)

    def selectbox(self, label: str, text: str, scope: str = "") -> None:
        w = self._widget("stSelectbox", label, scope)

        def go():
            w.locator("input").click()
            w.locator("input").fill(text)
            self.page.wait_for_timeout(200)
            self.page.keyboard.press("Enter")

        self.act(f"{label} = {text}", go)

    def toggle(self, label: str) -> None:
        self.act(f"toggle {label}", lambda: self.page.locator("[data-testid='stCheckbox'], [data-testid='stToggle']")
                 .filter(has_text=label).first.locator("label").first.click())  # fmt: skip

    def slider(self, label: str, key: str) -> None:
        s = self._widget("stSlider", label).locator('input[type="range"], [role="slider"]').first
        self.act(f"slider {label} {key}", lambda: (s.focus(), self.page.keyboard.press(key)))

    def number(self, label: str, value, scope: str = "") -> None:
        w = self._widget("stNumberInput", label, scope).locator("input")
        self.act(f"{label} = {value}", lambda: (w.fill(str(value)), w.press("Enter")))

    def button(self, name: str) -> None:
        b = self.page.get_by_role("button", name=name).first
        if b.count() and b.is_disabled():
            print("  - (disabled)", name)
            return
        self.act(f"button {name}", lambda: self.page.get_by_role("button", name=name).first.click())

    def open_expanders(self) -> None:
        for e in self.page.locator('[data-testid="stExpander"] details:not([open]) summary').all():
            try:
                e.click()
            except Exception:  # noqa: BLE001
                pass
        self.ready("open expanders")

    def downloads(self, where: str) -> None:
        self.open_expanders()
        prep = self.page.get_by_role("button", name="Prepare images (PNG, SVG)")
        for i in range(prep.count()):
            self.act(f"{where}: prepare images", lambda i=i: prep.nth(0).click())
            self.open_expanders()
        buttons = self.page.locator('[data-testid="stDownloadButton"] button')
        for i in range(buttons.count()):
            b = buttons.nth(i)
            label = b.text_content().strip()
            if b.evaluate(_HIDDEN_TWIN_JS):  # Streamlit's display:none copy of a button with a tooltip
                continue

            def go(b=b, label=label):
                panel = b.locator("xpath=ancestor::*[@role='tabpanel'][1]")
                if not b.is_visible() and panel.count():  # inside a tab that is not shown
                    self.page.locator(f"#{panel.get_attribute('aria-labelledby')}").click()
                    self.page.wait_for_timeout(300)
                if not b.is_visible():  # inside a collapsed expander
                    b.locator("xpath=ancestor::details[1]/summary").click()
                    self.ready("reopen expander")
                    if not b.is_visible():
                        self.problem(f"{where}: download", "a download button stays hidden after opening its expander")
                        return
                b.scroll_into_view_if_needed()
                with self.page.expect_download(timeout=60_000) as d:
                    b.click()
                size = Path(d.value.path()).stat().st_size
                if size == 0:
                    self.problem(f"{where}: download {label}", "empty file")

            self.act(f"{where}: download {label}", go)

    def goto(self, url: str, what: str) -> float:
        self.step = what
        t0 = time.monotonic()
        self.page.goto(url)
        self.ready(what)
        return time.monotonic() - t0

    def nav(self, title: str) -> None:
        self.act(f"sidebar nav → {title}", lambda: self.page.locator('[data-testid="stSidebarNav"] a', has_text=title).first.click())


# ---------------------------------------------------------------------------------------------
def sidebar_filters(w: Walker) -> None:
    for label, value in (("Evidence grade", "established"), ("Study type", "animal"), ("Species", "rat"),
                         ("Node types", "microbe"), ("Topics", "stress")):  # fmt: skip
        w.multiselect(label, [value], scope=SIDEBAR)
    # now nothing (or nearly nothing) matches; then back
    for label in ("Evidence grade", "Study type", "Species", "Node types", "Topics"):
        w.clear_multiselect(label, SIDEBAR)
    w.multiselect("Species", ["rat"], scope=SIDEBAR)  # a species filter that empties some views
    w.clear_multiselect("Species", SIDEBAR)


def max_nodes(w: Walker) -> None:
    if w._widget("stNumberInput", "Most entities drawn", SIDEBAR).count():
        w.number("Most entities drawn", 20, SIDEBAR)
        w.number("Most entities drawn", 20000, SIDEBAR)
        w.number("Most entities drawn", 1500, SIDEBAR)


def walk_home(w: Walker, base: str) -> None:
    sidebar_filters(w)
    max_nodes(w)
    w.open_expanders()
    for label in ("Explore an entity", "Filter & download", "Present a lesson"):
        w.act(f"page link {label}", lambda label=label: w.page.locator('[data-testid="stPageLink"] a', has_text=label).first.click())
        w.goto(base + "/", "back home")


def walk_gut_brain(w: Walker, base: str) -> None:
    w.toggle("Leaky gut")
    w.toggle("BBB disrupted")
    w.clear_multiselect("Routes")
    w.multiselect("Routes", ["Neural"])
    w.toggle("Leaky gut")
    w.toggle("BBB disrupted")
    sidebar_filters(w)
    max_nodes(w)
    w.downloads("gut_brain")


def walk_cytokines(w: Walker, base: str) -> None:
    w.clear_multiselect("Cytokines")
    w.multiselect("Cytokines", ["IL-10", "TNF"])
    w.toggle("Also show indirect links")
    w.toggle("Also show indirect links")
    sidebar_filters(w)
    w.multiselect("Species", ["rat"], scope=SIDEBAR)
    w.multiselect("Node types", ["symptom"], scope=SIDEBAR)
    w.clear_multiselect("Species", SIDEBAR)
    w.clear_multiselect("Node types", SIDEBAR)
    max_nodes(w)
    w.downloads("cytokines")


def walk_conditions(w: Walker, base: str) -> None:
    w.multiselect("Condition groups", ["psychiatric"])
    w.selectbox("Condition", "depress")
    w.clear_multiselect("Condition groups")
    w.selectbox("Condition", "multiple")
    sidebar_filters(w)
    w.multiselect("Node types", ["treatment"], scope=SIDEBAR)
    w.clear_multiselect("Node types", SIDEBAR)
    max_nodes(w)
    w.downloads("conditions")


def walk_explorer(w: Walker, base: str) -> None:
    w.selectbox("Entity (type a name or synonym)", "microglia")
    w.slider("Steps around it", "End")  # k = 3 on a hub
    w.selectbox("How is it connected to", "depress")
    w.selectbox("How is it connected to", "microglia")  # same entity as A and B
    w.selectbox("Entity (type a name or synonym)", "IL-6")
    w.selectbox("How is it connected to", "ulcerative")
    w.multiselect("Species", ["rat"], scope=SIDEBAR)  # likely no path
    w.clear_multiselect("Species", SIDEBAR)
    w.slider("Steps around it", "Home")
    sidebar_filters(w)
    max_nodes(w)
    w.downloads("explorer")


def walk_lessons(w: Walker, base: str) -> None:
    lessons = w._widget("stSelectbox", "Lesson")
    w.act("open lesson list", lambda: lessons.locator("input").click())
    options = [o.inner_text() for o in w.page.locator('[role="option"]').all()]
    w.page.keyboard.press("Escape")
    for opt in options[:6]:
        w.selectbox("Lesson", opt.split(" (")[0])
        for _ in range(8):  # last step, then Next
            nxt = w.page.get_by_role("button", name="Next ▶")
            if not nxt.count() or nxt.first.is_disabled():
                break
            w.button("Next ▶")
        w.button("◀ Previous")
    w.open_expanders()
    w.selectbox("Entity", "")
    quiz_ms = w.page.locator("[data-testid='stMultiSelect']").filter(has_text="linked to")
    if quiz_ms.count():
        w.act(
            "quiz answer", lambda: (quiz_ms.first.locator("input").click(), w.page.keyboard.press("Enter"), w.page.keyboard.press("Escape"))
        )
        w.button("Check")
    sidebar_filters(w)
    w.multiselect("Species", ["rat"], scope=SIDEBAR)
    w.button("Next ▶")
    w.clear_multiselect("Species", SIDEBAR)
    w.downloads("lessons")
    w.toggle("Presenter mode")
    w.button("Next ▶")
    w.button("◀ Previous")
    w.toggle("Presenter mode")
    w.nav("Explorer")
    w.nav("Lessons")
    w.goto(base + "/lessons?present=1&step=99&lesson=nope", "presenter deep link with bad params")
    w.toggle("Presenter mode")
    w.goto(base + "/lessons?present=1", "presenter deep link")
    w.act("browser back", lambda: w.page.go_back())


def walk_compare(w: Walker, base: str) -> None:
    w.selectbox("Condition A", "depress")
    w.selectbox("Condition B", "multiple")
    w.selectbox("Condition B", "depress")  # same
    w.selectbox("Condition B", "alzheimer")
    w.multiselect("Node types", ["cytokine"], scope=SIDEBAR)  # conditions filtered away
    w.multiselect("Species", ["rat"], scope=SIDEBAR)
    w.clear_multiselect("Node types", SIDEBAR)
    w.clear_multiselect("Species", SIDEBAR)
    sidebar_filters(w)
    w.goto(base + "/compare?a=NIA:nope&b=MESH:D003863", "compare deep link unknown a")


def _zip(folder: Path, nested: bool = False) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for p in sorted(folder.glob("*.csv")):
            z.writestr(("atlas/" if nested else "") + p.name, p.read_bytes())
    return buf.getvalue()


def walk_data(w: Walker, base: str) -> None:
    up = lambda: w.page.locator('[data-testid="stFileUploader"]').filter(has_text="Your atlas").locator('input[type="file"]')  # noqa: E731
    ov = lambda: w.page.locator('[data-testid="stFileUploader"]').filter(has_text="Overlay values").locator('input[type="file"]')  # noqa: E731
    w.downloads("data shipped")
    w.act("search tables", lambda: (w.page.get_by_label("Search every table").fill("IL-6"), w.page.keyboard.press("Enter")))
    w.act("search nothing", lambda: (w.page.get_by_label("Search every table").fill("zzzz-no-such"), w.page.keyboard.press("Enter")))
    w.downloads("data empty search")
    w.act("search clear", lambda: (w.page.get_by_label("Search every table").fill(""), w.page.keyboard.press("Enter")))
    for folder in sorted(p for p in BAD_INPUTS.iterdir() if p.is_dir()):
        files = [str(p) for p in sorted(folder.glob("*.csv"))]
        w.act(f"upload {folder.name} CSVs", lambda files=files: up().set_input_files(files))
        z = w.tmp / f"{folder.name}.zip"
        z.write_bytes(_zip(folder, nested=folder.name == "bom_and_crlf"))
        w.act(f"upload {folder.name} ZIP", lambda z=z: up().set_input_files(str(z)))
        if folder.name == "ok_baseline":
            w.downloads("data user atlas")
            for title in ("Explorer", "Compare conditions", "Lessons", "Gut–brain axis", "Cytokine pathways",
                          "Condition–mechanism map", "Home", "Data & downloads"):  # fmt: skip
                w.nav(title)
    w.act("merge toggle", lambda: w.page.get_by_text("Merge with the shipped atlas").click())
    w.act("upload ok_baseline merged", lambda: up().set_input_files([str(p) for p in sorted((BAD_INPUTS / "ok_baseline").glob("*.csv"))]))
    huge = w.tmp / "edges.csv"
    huge.write_bytes(b"source,target\n" + b"a,b\n" * (13 * 1024 * 1024))  # 52 MB
    w.act("upload huge file", lambda: up().set_input_files(str(huge)))
    not_csv = w.tmp / "nodes.csv"
    not_csv.write_bytes(bytes(range(256)) * 100)
    w.act("upload binary named nodes.csv", lambda: up().set_input_files(str(not_csv)))
    pdf = w.tmp / "paper.zip"
    pdf.write_bytes(b"%PDF-1.4 not a zip")
    w.act("upload fake zip", lambda: up().set_input_files(str(pdf)))
    empty = w.tmp / "empty" / "nodes.csv"
    empty.parent.mkdir(exist_ok=True)
    empty.write_bytes(b"")
    w.act("upload empty nodes.csv", lambda: up().set_input_files(str(empty)))
    w.button("Back to the shipped atlas") if w.page.get_by_role("button", name="Back to the shipped atlas").count() else None
    for name, text in (
        ("bad_values.csv", "id,value\nHGNC:6018,abc\nHGNC:5992,inf\nHGNC:11892,1e999\n,3\n"),
        ("unknown.csv", "id,value\nNIA:nope,1\nfoo,2\n"),
        ("semicolon.csv", "id;value\nHGNC:6018;1\n"),
        ("mixed.csv", "id,value,group,label\nIL-6,2,=cmd,@x\nHGNC:6018,3\nnope,1\nTNF,-1.5,g,l\n"),
        ("binary.csv", None),
    ):
        f = w.tmp / name
        f.write_bytes(bytes(range(256)) * 50 if text is None else text.encode())
        w.act(f"overlay {name}", lambda f=f: ov().set_input_files(str(f)))
    for title in ("Gut–brain axis", "Cytokine pathways", "Condition–mechanism map", "Explorer", "Compare conditions", "Lessons", "Home",
                  "Data & downloads"):  # fmt: skip
        w.nav(title)
    w.button("Remove the overlay") if w.page.get_by_role("button", name="Remove the overlay").count() else None
    sidebar_filters(w)
    w.multiselect("Node types", ["microbe"], scope=SIDEBAR)
    w.multiselect("Evidence grade", ["contested"], scope=SIDEBAR)
    w.downloads("data filtered")


WALKS = {"home": walk_home, "gut_brain": walk_gut_brain, "cytokines": walk_cytokines, "conditions": walk_conditions,
         "explorer": walk_explorer, "lessons": walk_lessons, "compare": walk_compare, "data": walk_data}  # fmt: skip


def run(pages: list[str], data: Path | None, quick: bool) -> list[str]:
    issues: list[str] = []
    tmp = Path("/tmp/walk")
    tmp.mkdir(exist_ok=True)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        for name in pages:
            url, title = PAGES[name]
            proc, base = start_server(data)  # a fresh server: the deep link is its first request
            try:
                ctx = browser.new_context(viewport={"width": 1600, "height": 1000}, accept_downloads=True)
                page = ctx.new_page()
                page.set_default_timeout(60_000)
                w = Walker(page, name, tmp)
                print(f"== {name}", flush=True)
                took = w.goto(base + url, "direct URL on a fresh server")
                print(f"  direct load {took:.1f}s", flush=True)
                if page.locator(".js-plotly-plot").count() == 0 and name not in ("data",):
                    page.wait_for_timeout(2000)
                w.nav("Home") if name != "home" else w.nav("Explorer")
                w.nav(title)
                if not quick:
                    WALKS[name](w, base)
                issues += w.issues
                ctx.close()
            finally:
                stop_server(proc)
        browser.close()
    return issues


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("pages", nargs="*", default=list(PAGES))
    ap.add_argument("--data", type=Path)
    ap.add_argument("--quick", action="store_true", help="only direct URL + sidebar navigation")
    args = ap.parse_args()
    issues = run(args.pages, args.data, args.quick)
    print(f"\n{len(issues)} issue(s)")
    for i in issues:
        print(" *", i[:600])
    return 1 if issues else 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main())
