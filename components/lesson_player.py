"""Lesson pieces: lesson/step state in the URL, step navigation, presenter mode and the self-test panel."""

from __future__ import annotations

import zlib

import pandas as pd
import streamlit as st

from neuroimmune import Atlas
from neuroimmune.lessons import LessonInfo, Quiz, Step, quiz_candidates, score, self_test
from neuroimmune.text import DISCLAIMER

from .url_state import init_from_url, write_url

__all__ = [
    "choose_lesson",
    "current_step_number",
    "presenter_toggle",
    "presenter_style",
    "slide_alt",
    "step_nav",
    "step_text",
    "quiz_node",
    "step_quiz",
    "quiz_checked",
    "quiz_panel",
]

STEP_KEY = "lesson_step"
#: Presenter mode draws each step twice: a slide for a 1920×1080 projector and one for shorter or narrower
#: screens (1280×720, 1600×1000), and the screen shows one of them (a CSS media query: no script, no round trip).
PRESENT_LARGE, PRESENT_SMALL = "present_large", "present_small"

# Constant CSS only (never data): presenter mode hides the sidebar, its expand button and the app
# header, and enlarges the step text and the next/previous buttons for the back of a lecture hall.
_PRESENTER_CSS = """
<style>
[data-testid="stSidebar"], [data-testid="stExpandSidebarButton"], [data-testid="stSidebarCollapseButton"],
[data-testid="stHeader"], [data-testid="stToolbar"] { display: none !important; }
[data-testid="stMainBlockContainer"] { padding: 0.8rem 1.5rem 1rem 1.5rem !important; max-width: 100% !important; }
[data-testid="stMain"] h1 { font-size: 3.2rem !important; line-height: 1.1 !important; padding: 0.2rem 0 !important; }
[data-testid="stMain"] [data-testid="stText"] { font-size: 1.9rem !important; line-height: 1.45 !important; color: #000 !important; }
[data-testid="stMain"] h4 { font-size: 2.1rem !important; }
[data-testid="stMain"] [data-testid="stCaptionContainer"], [data-testid="stMain"] [data-testid="stCaptionContainer"] p { font-size: 1.4rem !important; color: #222 !important; opacity: 1 !important; }
[data-testid="stMain"] button p { font-size: 1.5rem !important; font-weight: 600 !important; }
[data-testid="stMain"] button { min-height: 3.2rem !important; }
.st-key-present_small { display: none !important; }
@media (max-width: 1799px), (max-height: 1049px) {
  .st-key-present_large { display: none !important; }
  .st-key-present_small { display: flex !important; }
  [data-testid="stMain"] h1 { font-size: 2.2rem !important; }
  [data-testid="stMain"] h4 { font-size: 1.7rem !important; }
  [data-testid="stMain"] [data-testid="stText"] { font-size: 1.4rem !important; line-height: 1.4 !important; }
  [data-testid="stMain"] [data-testid="stCaptionContainer"], [data-testid="stMain"] [data-testid="stCaptionContainer"] p { font-size: 1.05rem !important; }
  [data-testid="stMain"] button p { font-size: 1.25rem !important; }
}
</style>
"""


# ---------------------------------------------------------------------------------------------
# lesson and step, mirrored in the URL (?lesson=...&step=3)
def _reset_step() -> None:
    st.session_state[STEP_KEY] = 1


def choose_lesson(lessons: list[LessonInfo], *, visible: bool = True) -> LessonInfo:
    """The lesson picker (key ``lesson``, URL param ``lesson``); hidden in presenter mode."""
    by_key = {info.key: info for info in lessons}
    init_from_url("lesson", "lesson", lambda raw: raw if raw in by_key else None, lessons[0].key)
    if st.session_state["lesson"] not in by_key:  # another atlas was loaded since
        st.session_state["lesson"] = lessons[0].key
        _reset_step()
    if visible:
        st.selectbox("Lesson", list(by_key), key="lesson", format_func=lambda k: f"{by_key[k].title} ({by_key[k].n_steps} steps)",
                     on_change=_reset_step)  # fmt: skip
    key = st.session_state["lesson"]
    write_url({"lesson": key})
    return by_key[key]


def current_step_number(n_steps: int) -> int:
    """The step on screen (URL param ``step`` on a session's first run), kept within 1..n_steps."""
    init_from_url(STEP_KEY, "step", int, 1)
    number = min(max(int(st.session_state[STEP_KEY]), 1), max(n_steps, 1))
    st.session_state[STEP_KEY] = number
    write_url({"step": number})
    return number


def _move(delta: int, n_steps: int) -> None:
    st.session_state[STEP_KEY] = min(max(int(st.session_state.get(STEP_KEY, 1)) + delta, 1), n_steps)


def step_nav(step: Step, *, stacked: bool = False) -> None:
    """``Step 3 of 5`` with Previous / Next (keys ``lesson_prev``, ``lesson_next``); ``stacked``: the counter above
    the buttons (presenter mode's narrow column beside the chart)."""
    # a row sized by its contents: equal columns cut "◀ Previous" to "◀ Pre…" on a 1280 px projector in
    # presenter mode; a row too narrow for its buttons wraps instead of truncating a label
    if stacked:
        st.markdown(f"#### {step.counter}")  # our own words and numbers, no data text
    align = "left" if stacked else "right"
    row = st.container(horizontal=True, horizontal_alignment=align, vertical_alignment="center", key="lesson_nav")
    if not stacked:
        row.markdown(f"#### {step.counter}", width="content")
    row.button("◀ Previous", key="lesson_prev", on_click=_move, args=(-1, step.n_steps), disabled=step.number <= 1)
    row.button("Next ▶", key="lesson_next", on_click=_move, args=(1, step.n_steps), disabled=step.number >= step.n_steps)


# ---------------------------------------------------------------------------------------------
# presenter mode (?present=1)
def _sync_present() -> None:
    # runs before app.py on the next run, so the navigation is hidden or shown in the same run
    write_url({"present": "1" if st.session_state.get("presenter") else None})


def presenter_toggle(*, draw: bool = True) -> bool:
    """Presenter mode (key ``presenter``, URL ``present=1``); ``draw=False`` reads it without a widget."""
    init_from_url("presenter", "present", lambda raw: raw == "1", False)
    if draw:
        st.toggle("Presenter mode", key="presenter", on_change=_sync_present,
                  help="Full-screen figure, large type, thick lines, only Previous/Next. Share the link with present=1 to open it so.")  # fmt: skip
    else:
        st.session_state["presenter"] = st.session_state["presenter"]  # keep the value while no widget holds it
    on = bool(st.session_state["presenter"])
    write_url({"present": "1" if on else None})
    return on


def slide_alt(step: Step) -> str:
    """A presenter slide's accessible name (its chart has no title of its own: the step's title is beside it)."""
    return f"{step.title} ({step.counter}): the step's network. Interactive chart; a text description of the step is beside it."


def presenter_style() -> None:
    """Hide the sidebar and app header, enlarge text and buttons (a constant CSS block, no data)."""
    st.html(_PRESENTER_CSS)


def step_text(step: Step, *, presenter: bool) -> None:
    """What the presenter says, shown literally (st.text, never Markdown or HTML)."""
    st.text(step.text)
    if step.number == 1:  # the first slide says what the atlas is not, calmly, below the presenter's text
        st.caption(DISCLAIMER)
    if not presenter:
        st.caption("Bold and outlined: this step · the rest: earlier steps. Each step adds to the picture; nothing moves.")


# ---------------------------------------------------------------------------------------------
# self-test ("Test yourself")
def _quiz_seed(step: Step) -> int:
    return zlib.crc32(f"{step.lesson}:{step.number}".encode())


def step_quiz(drawn: Atlas, step: Step, node: str) -> Quiz:
    """The question about ``node`` at this step: about as many wrong options as right ones (3 to 8)."""
    wrong = min(max(3, drawn.degree.get(node, 0)), 8)
    return self_test(drawn, node, n_distractors=wrong, seed=_quiz_seed(step))


def quiz_node(drawn: Atlas, step: Step) -> str | None:
    """The node chosen in the self-test (key ``quiz_node``) if it is still a fair question here."""
    node = st.session_state.get("quiz_node")
    return node if node in quiz_candidates(drawn, step.revealed) else None


def quiz_checked(step: Step, node: str | None) -> bool:
    return node is not None and st.session_state.get("quiz_checked") == (step.lesson, step.number, node)


def _new_question() -> None:
    st.session_state["quiz_answer"] = []
    st.session_state.pop("quiz_checked", None)


def _check(step: Step) -> None:
    st.session_state["quiz_checked"] = (step.lesson, step.number, st.session_state.get("quiz_node"))


def quiz_panel(drawn: Atlas, step: Step) -> None:
    """Pick an entity, predict its links (hidden in the figure), then check: score and cited answers."""
    candidates = quiz_candidates(drawn, step.revealed)
    if not candidates:
        st.caption("No entity of this step has relations in the figure, so there is nothing to test here.")
        return
    if st.session_state.get("quiz_node") not in candidates:
        st.session_state["quiz_node"] = None
    labels = drawn.labels  # a widget keeps its format_func for the session: hand it the names, not the atlas
    name = lambda i: labels.get(i, i)  # noqa: E731
    node = st.selectbox("Entity", candidates, key="quiz_node", index=None, format_func=name, on_change=_new_question,
                        placeholder="Choose an entity; its links disappear from the figure")  # fmt: skip
    if node is None:
        return
    quiz = step_quiz(drawn, step, node)
    st.session_state["quiz_answer"] = [a for a in st.session_state.get("quiz_answer", []) if a in quiz.options]
    st.multiselect(f"Which entities is {drawn.label(node)} linked to?", list(quiz.options), key="quiz_answer", format_func=name)
    st.button("Check", key="quiz_check", type="primary", on_click=_check, args=(step,))
    if quiz_checked(step, node):
        _show_score(drawn, quiz, st.session_state["quiz_answer"])


def _show_score(drawn: Atlas, quiz: Quiz, answer: list[str]) -> None:
    result = score(quiz, answer)
    st.metric("Score", f"{result.fraction:.0%}", help="Correct picks divided by all true links plus wrong picks.")
    names = lambda ids: ", ".join(drawn.label(i) for i in ids) or "none"  # noqa: E731
    st.text(f"Correct: {names(result.correct)}\nMissed: {names(result.missed)}\nNot linked: {names(result.wrong)}")
    found = set(result.correct)
    table = pd.DataFrame(
        {
            "you": ["found" if link.other in found else "missed" for link in result.links],
            "relation": [link.sentence for link in result.links],
            "evidence": [link.evidence for link in result.links],
            "citations": ["; ".join(link.citations) or "no reference" for link in result.links],
        }
    )
    st.dataframe(table, hide_index=True, width="stretch", key="quiz_links")
