"""Guided lessons: steps with progressive reveal, the figure of one step, and a cited self-test."""

from __future__ import annotations

import html
import random
from collections.abc import Iterable
from dataclasses import dataclass, replace

import pandas as pd
import plotly.graph_objects as go

from .atlas import Atlas, Filters, relation_phrase
from .figures.network import build_network_figure
from .views import DEFAULT_MAX_NODES, VIEW_SPECS, layout_for_view, view_nodes_capped

__all__ = [
    "LessonInfo",
    "Step",
    "Link",
    "Quiz",
    "Score",
    "LATER_TRACE_NAME",
    "list_lessons",
    "lesson_step",
    "lesson_atlas",
    "build_lesson_figure",
    "build_lesson_slide",
    "lesson_story",
    "lesson_layout",
    "lesson_placed",
    "quiz_candidates",
    "self_test",
    "score",
]

#: Legend name of the greyed trace that holds later steps' focus nodes (progressive reveal).
LATER_TRACE_NAME = "later in this lesson"
#: Node label size on a projector (the presenter theme's 20 px is small from the back of a hall).
PROJECTOR_LABEL_SIZE = 24
#: Crossing budgets per drawn relation in a lesson step (see neuroimmune.views.STORY_CROSSINGS_PER_EDGE); target ≤ 1.
LESSON_CROSSINGS_PER_EDGE = (0.5, 1.0)
#: The explorer view of a step draws the step's focus and what lies within this many hops.
EXPLORER_HOPS = 1


@dataclass(frozen=True)
class LessonInfo:
    """One lesson of ``lessons.csv``: its key, a readable title and how many steps it has."""

    key: str
    title: str
    first_step_title: str
    n_steps: int


@dataclass(frozen=True)
class Step:
    """One step of a lesson, with the node ids revealed so far and those still to come.

    ``revealed`` = focus ids of every step up to and including this one (in order of first
    appearance); ``future`` = focus ids first appearing in later steps.
    """

    lesson: str
    number: int
    n_steps: int
    title: str
    text: str
    view: str
    focus: tuple[str, ...]
    revealed: tuple[str, ...]
    future: tuple[str, ...]

    @property
    def earlier(self) -> tuple[str, ...]:
        """Ids revealed by previous steps and not focused again now."""
        return tuple(i for i in self.revealed if i not in self.focus)

    @property
    def counter(self) -> str:
        """``Step 3 of 5``."""
        return f"Step {self.number} of {self.n_steps}"


@dataclass(frozen=True)
class Link:
    """One true relation of a quiz node: the other end, a plain sentence and its citations."""

    other: str
    sentence: str
    evidence: str
    citations: tuple[str, ...]


@dataclass(frozen=True)
class Quiz:
    """Predict the neighbours of ``node``: ``options`` holds the true ones and distractors."""

    node: str
    label: str
    options: tuple[str, ...]
    answer: frozenset[str]
    links: tuple[Link, ...]
    seed: int


@dataclass(frozen=True)
class Score:
    """A checked answer; ``fraction`` = correct / (true ∪ chosen), so both misses and wrong picks cost."""

    correct: tuple[str, ...]
    missed: tuple[str, ...]
    wrong: tuple[str, ...]
    fraction: float
    links: tuple[Link, ...]


# ---------------------------------------------------------------------------------------------
# steps
def _humanise(key: str) -> str:
    text = key.replace("_", " ").strip()
    return text[:1].upper() + text[1:]


def _split(focus: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(f.strip() for f in str(focus).split("|") if f.strip()))


def list_lessons(atlas: Atlas) -> list[LessonInfo]:
    """Every lesson in file order of its key, with its step count.

    Examples
    --------
    >>> from neuroimmune.synthetic import synthetic_frames
    >>> atlas = Atlas.from_frames(**synthetic_frames(30, 60, seed=0))
    >>> [(info.key, info.title, info.n_steps) for info in list_lessons(atlas)]
    [('synthetic_tour', 'Synthetic tour', 2)]
    """
    lessons = atlas.lessons
    if lessons.empty:
        return []
    out = []
    for key, rows in lessons.groupby("lesson", sort=False):
        rows = rows.sort_values("step")
        out.append(LessonInfo(str(key), _humanise(str(key)), str(rows["title"].iloc[0]), len(rows)))
    return out


def _rows(atlas: Atlas, lesson: str) -> pd.DataFrame:
    lessons = atlas.lessons
    rows = lessons[lessons["lesson"] == lesson] if not lessons.empty else lessons
    if rows.empty:
        known = ", ".join(info.key for info in list_lessons(atlas)) or "none in this atlas"
        raise KeyError(f"unknown lesson {lesson!r} (lessons: {known})")
    return rows.sort_values("step").reset_index(drop=True)


def lesson_step(atlas: Atlas, lesson: str, step: int) -> Step:
    """Step ``step`` (1-based position in the lesson) with its revealed and future focus ids.

    Raises
    ------
    KeyError
        ``lesson`` is not in the atlas's lessons.
    ValueError
        ``step`` is not between 1 and the number of steps.

    Examples
    --------
    >>> from neuroimmune.synthetic import synthetic_frames
    >>> atlas = Atlas.from_frames(**synthetic_frames(30, 60, seed=0))
    >>> s = lesson_step(atlas, "synthetic_tour", 1)
    >>> s.counter, len(s.revealed) == len(s.focus), bool(s.future)
    ('Step 1 of 2', True, True)
    """
    rows = _rows(atlas, lesson)
    n = len(rows)
    if not 1 <= int(step) <= n:
        raise ValueError(f"lesson {lesson!r} has steps 1 to {n}, not {step}")
    i = int(step) - 1
    focus_per_step = [_split(f) for f in rows["focus"]]
    revealed = tuple(dict.fromkeys(f for fs in focus_per_step[: i + 1] for f in fs))
    future = tuple(f for f in dict.fromkeys(f for fs in focus_per_step[i + 1 :] for f in fs) if f not in revealed)
    row = rows.iloc[i]
    return Step(lesson, i + 1, n, str(row["title"]), str(row["text"]), str(row["view"]), focus_per_step[i], revealed, future)


# ---------------------------------------------------------------------------------------------
# the figure of a step
def _add_nodes(sub: Atlas, full: Atlas, edges: pd.DataFrame, ids: Iterable[str]) -> Atlas:
    """``sub`` plus the nodes ``ids`` of ``full`` and their ``edges`` to nodes already in ``sub``."""
    missing = [i for i in dict.fromkeys(ids) if i in full.labels and i not in sub.labels]
    if not missing:
        return sub
    inside = set(sub.labels) | set(missing)
    e = edges
    touches = e["source"].isin(missing) | e["target"].isin(missing)
    extra = e[touches & e["source"].isin(inside) & e["target"].isin(inside)]
    nodes = pd.concat([sub.nodes, full.nodes[full.nodes["id"].isin(missing)]])
    edges = pd.concat([sub.edges, extra.loc[~extra.index.isin(sub.edges.index)]])
    return replace(sub, nodes=nodes, edges=edges)


def _lesson_focus(atlas: Atlas, lesson: str) -> list[tuple[str, ...]]:
    return [_split(f) for f in _rows(atlas, lesson)["focus"]]


def _context(view_atlas: Atlas, focus: tuple[str, ...], story: set[str], n: int) -> list[str]:
    """Up to ``n`` neighbours of ``focus`` that orient the viewer: most links into the story first, then hubs."""
    e = view_atlas.edges
    near = pd.concat([e.loc[e["source"].isin(focus), "target"], e.loc[e["target"].isin(focus), "source"]])
    near = near[~near.isin(story)]
    if near.empty or n <= 0:
        return []
    into_story = pd.concat([e.loc[e["target"].isin(story), "source"], e.loc[e["source"].isin(story), "target"]]).value_counts()
    ids = pd.Series(pd.unique(near))
    rank = pd.DataFrame({"id": ids, "story": ids.map(into_story).fillna(0), "degree": ids.map(view_atlas.degree).fillna(0)})
    return rank.sort_values(["story", "degree", "id"], ascending=[False, False, True])["id"].head(n).tolist()


def lesson_atlas(
    atlas: Atlas,
    step: Step,
    *,
    filters: Filters | None = None,
    scope: str = "lesson",
    context: int = 6,
    max_nodes: int | None = DEFAULT_MAX_NODES,
) -> Atlas:
    """The part of ``atlas`` a step draws, always including every revealed focus node.

    ``scope="lesson"`` (the default, legible on a projector) draws the same nodes at every step
    of a lesson, so nothing moves as the lesson advances: every step's focus plus up to
    ``context`` neighbours of each step's focus inside the view (those linked most to the rest
    of the story first). ``scope="view"`` draws the whole view (the explorer: the neighbourhood
    of the step's focus). Relations obey the view's topics and ``filters``; focus nodes a view,
    filter or the ``max_nodes`` cap would drop are added back with their relations (under the
    filters) to the other drawn nodes.
    """
    if scope not in ("lesson", "view"):
        raise ValueError(f"scope must be 'lesson' or 'view', not {scope!r}")
    filters = filters or Filters()
    sub = atlas.filter(filters, view=step.view)
    if scope == "lesson":
        steps = _lesson_focus(atlas, step.lesson)
        story = {f for fs in steps for f in fs}
        ids = dict.fromkeys(f for f in story if f in sub.labels)
        for fs in steps:
            ids.update(dict.fromkeys(_context(sub, fs, story, context)))
        sub = sub.with_nodes(list(ids))
    elif step.view == "explorer":
        ids = {}
        for node in (f for f in step.focus if f in sub.labels):
            ids.update(dict.fromkeys(sub.neighbours(node, EXPLORER_HOPS).nodes["id"]))
        sub = sub.with_nodes(list(ids))
    keep = [*step.focus, *step.earlier]
    sub, _ = view_nodes_capped(sub, max_nodes, keep=keep)
    # in lesson scope later steps' nodes are placed now too, so the layout never moves
    add = keep + list(step.future) if scope == "lesson" else keep
    return _add_nodes(sub, atlas, atlas.filter(filters).edges, add)


#: Short view names for figure titles (the views' own titles are written for a full page).
_VIEW_NAMES = {"gut_brain": "Gut–brain axis", "cytokine": "Cytokine pathways", "condition_map": "Condition–mechanism map"}


def _view_title(atlas: Atlas, step: Step) -> str:
    if step.view != "explorer":
        return _VIEW_NAMES.get(step.view, VIEW_SPECS[step.view].title)
    names = ", ".join(atlas.label(f) for f in step.focus[:3]) + (" …" if len(step.focus) > 3 else "")
    return f"Explorer: {names}"


def _figure_title(atlas: Atlas, step: Step, presenter: bool) -> str:
    """On a projector the page shows the step title in large type already: name the view only."""
    return _view_title(atlas, step) if presenter else f"{step.title} — {_view_title(atlas, step)}"


def _positions(drawn: Atlas, full: Atlas, view: str, scope: str, positions: pd.DataFrame | None) -> pd.DataFrame:
    """Lesson scope: the view's layout of the drawn part (the same at every step). View scope:
    the cached positions when they cover the drawn nodes, else the view's layout."""
    if scope == "lesson" or view == "explorer":
        return _fill_height(layout_for_view(drawn, view)) if VIEW_SPECS[view].layout != "force" else layout_for_view(drawn, view)
    if positions is not None:
        placed = positions.dropna(subset=["x", "y"])
        if pd.Index(drawn.nodes["id"]).isin(placed["id"]).all():
            return placed
    return layout_for_view(full, view)


def _fill_height(positions: pd.DataFrame) -> pd.DataFrame:
    """Stretch a column layout's y to [0.02, 0.98]: a lesson's few nodes would huddle mid-height."""
    y = positions["y"].astype(float)
    lo, hi = float(y.min()), float(y.max())
    if hi - lo < 1e-9:
        return positions
    return positions.assign(y=(0.02 + 0.96 * (y - lo) / (hi - lo)).astype(positions["y"].dtype))


def lesson_placed(atlas: Atlas, lesson: str) -> dict[str, tuple[float, float]]:
    """The curator's positions of ``lesson`` (lesson_layout.csv): id → (x, y) in [0, 1], y up; ``{}`` when none."""
    rows = atlas.lesson_layout
    if rows.empty:
        return {}
    rows = rows[rows["lesson"] == lesson]
    return {str(i): (float(x), float(y)) for i, x, y in zip(rows["id"], rows["x"], rows["y"])}


def _placed_near(view_atlas: Atlas, focus: tuple[str, ...], placed: dict[str, tuple[float, float]], story: set[str]) -> list[str]:
    """Hand-placed entities (not focus) linked to ``focus`` inside the view, in lesson_layout.csv order."""
    if not placed:
        return []
    e = view_atlas.edges
    near = set(e.loc[e["source"].isin(focus), "target"]) | set(e.loc[e["target"].isin(focus), "source"])
    return [i for i in placed if i in near and i not in story]


def lesson_story(atlas: Atlas, step: Step, *, filters: Filters | None = None, context: int = 3) -> tuple[list[str], list[str]]:
    """(ids a step draws, ids of the lesson's final step): every step's focus plus up to ``context`` neighbours.

    The lesson builds up: step *k* draws what steps 1..*k* introduced (their focus and its
    context, chosen once for the whole lesson, so a step's context is the same at every later
    step). Context = neighbours inside the step's view linked most to the rest of the story;
    entities the curator placed (lesson_layout.csv) arrive with the first step whose focus they
    are linked to, on top of those.
    """
    sub = atlas.filter(filters or Filters(), view=step.view)
    steps = _lesson_focus(atlas, step.lesson)
    story = {f for fs in steps for f in fs}
    placed = lesson_placed(atlas, step.lesson)
    taken = story | set(placed)
    per_step = [[*fs, *_placed_near(sub, fs, placed, story), *_context(sub, fs, taken, context)] for fs in steps]
    now = list(dict.fromkeys(i for ids in per_step[: step.number] for i in ids))
    final = list(dict.fromkeys(i for ids in per_step for i in ids))
    return now, final


def _introduced(atlas: Atlas, step: Step, filters: Filters | None, context: int) -> dict[str, int]:
    """Entity id → the step (1-based) that first draws it."""
    out: dict[str, int] = {}
    for n in range(1, step.n_steps + 1):
        now, _ = lesson_story(atlas, replace(step, number=n), filters=filters, context=context)
        for i in now:
            out.setdefault(i, n)
    return out


def _lesson_sub(atlas: Atlas, step: Step, final: list[str], filters: Filters | None) -> Atlas:
    """The view's atlas restricted to the lesson's entities; focus nodes a filter dropped come back."""
    filters = filters or Filters()
    sub = atlas.filter(filters, view=step.view)
    sub = sub.with_nodes([i for i in final if i in sub.labels])
    return _add_nodes(sub, atlas, atlas.filter(filters).edges, final)


def lesson_layout(atlas: Atlas, lesson: str, *, filters: Filters | None = None, presenter: bool = False, context: int = 3):
    """The label-sized layout of a lesson's final step, reused by every step (nothing jumps).

    Compute it once per dataset, lesson and filters (the app caches it) and pass it to
    :func:`build_lesson_figure` as ``layout``. A lesson with rows in lesson_layout.csv is drawn
    where the curator put its entities (:func:`neuroimmune.views.fixed_story_layout`: scaled into
    the canvas with room for every label; entities without a row go to the free room nearest
    their neighbours), without column headers.
    """
    from .views import fixed_story_layout, story_layout

    last = lesson_step(atlas, lesson, len(_rows(atlas, lesson)))
    _, final = lesson_story(atlas, last, filters=filters, context=context)
    sub = _lesson_sub(atlas, last, final, filters)
    placed = lesson_placed(atlas, lesson)
    if placed:
        return fixed_story_layout(sub, final, placed, presenter=presenter)
    intro = _introduced(atlas, last, filters, context)
    return story_layout(sub, last.view, final, presenter=presenter, intro=intro)


def build_lesson_figure(
    atlas: Atlas,
    lesson: str,
    step: int,
    *,
    presenter: bool = False,
    positions: pd.DataFrame | None = None,
    filters: Filters | None = None,
    scope: str = "lesson",
    context: int = 3,
    max_nodes: int | None = DEFAULT_MAX_NODES,
    hide_links_of: str | None = None,
    future: str = "hide",
    title: str | None = None,
    layout=None,
) -> go.Figure:
    """The figure of one lesson step; the lesson builds up step by step.

    ``scope="lesson"`` (the default): the step draws what the lesson has introduced so far
    (:func:`lesson_story`), this step's focus highlighted (bigger, outlined, bold label), earlier
    steps drawn normally, every entity labelled in full, at the positions of the lesson's final
    step (:func:`lesson_layout`, or ``layout`` when the caller cached it), so nothing moves as the
    teacher clicks Next. ``future="dim"`` also draws later steps' entities, grey.
    ``scope="view"`` draws the step's whole view (see :func:`lesson_atlas`) as before, later
    focus nodes greyed (``future="dim"``) or left out. ``hide_links_of`` leaves out one node's
    relations (the self-test).

    Examples
    --------
    >>> from neuroimmune.synthetic import synthetic_frames
    >>> atlas = Atlas.from_frames(**synthetic_frames(30, 60, seed=0))
    >>> fig = build_lesson_figure(atlas, "synthetic_tour", 1)
    >>> s = lesson_step(atlas, "synthetic_tour", 1)
    >>> set(s.focus) <= {c for t in fig.data if t.customdata is not None for c in t.customdata}
    True
    """
    if future not in ("dim", "hide"):
        raise ValueError(f"future must be 'dim' or 'hide', not {future!r}")
    s = lesson_step(atlas, lesson, step)
    if scope != "lesson":
        return _view_scope_figure(atlas, s, presenter=presenter, positions=positions, filters=filters, scope=scope, context=context,
                                  max_nodes=max_nodes, hide_links_of=hide_links_of, future=future, title=title)  # fmt: skip
    from .views import build_story_view

    now, final = lesson_story(atlas, s, filters=filters, context=context)
    sub = _lesson_sub(atlas, s, final, filters)
    if layout is None:
        layout = lesson_layout(atlas, lesson, filters=filters, presenter=presenter, context=context)
    if hide_links_of:
        e = sub.edges
        sub = replace(sub, edges=e[(e["source"] != hide_links_of) & (e["target"] != hide_links_of)])
    later = [i for i in final if i not in set(now)] if future == "dim" else []
    fig, _, _ = build_story_view(
        sub, s.view, [*now, *later], layout, title=title if title is not None else _figure_title(atlas, s, presenter),
        highlight=s.focus, presenter=presenter, dim=later, intro=_introduced(atlas, s, filters, context), per_edge=LESSON_CROSSINGS_PER_EDGE,
        prefer=[f for fs in _lesson_focus(atlas, lesson) for f in fs],
    )  # fmt: skip
    for trace in fig.data:
        if trace.name == "dimmed":
            trace.name = LATER_TRACE_NAME
    return fig


def build_lesson_slide(atlas: Atlas, lesson: str, step: int, *, filters: Filters | None = None, layout=None) -> go.Figure:
    """The step for a short projector (1280×720 and the like) in presenter mode: the screen-size figure, no title
    (the page shows the step's title in large type) and both legends beside the plot, so it fits under the title row.

    Examples
    --------
    >>> from neuroimmune.synthetic import synthetic_frames
    >>> atlas = Atlas.from_frames(**synthetic_frames(30, 60, seed=0))
    >>> slide, page = build_lesson_slide(atlas, "synthetic_tour", 1), build_lesson_figure(atlas, "synthetic_tour", 1)
    >>> slide.layout.height < page.layout.height, slide.layout.legend.orientation
    (True, 'v')
    """
    from .figures.network import side_story_legends

    fig = build_lesson_figure(atlas, lesson, step, filters=filters, layout=layout, title="")
    return side_story_legends(fig) if (fig.layout.meta or {}).get("story_plot_height") else fig


def _view_scope_figure(atlas, s: Step, *, presenter, positions, filters, scope, context, max_nodes, hide_links_of, future, title):
    """A step drawn over its whole view (the figure before lessons built up), later focus greyed or hidden."""
    drawn = lesson_atlas(atlas, s, filters=filters, scope=scope, context=context, max_nodes=max_nodes)
    pos = _positions(drawn, atlas, s.view, scope, positions)
    if hide_links_of:
        e = drawn.edges
        drawn = replace(drawn, edges=e[(e["source"] != hide_links_of) & (e["target"] != hide_links_of)])
    later = [f for f in s.future if f in drawn.labels]
    spec = VIEW_SPECS[s.view]
    from .views import _headers  # column headers of the view (private there, shared here on purpose)

    fig = build_network_figure(
        drawn, pos, title=title if title is not None else _figure_title(atlas, s, presenter),
        highlight=s.focus, dim=later if future == "dim" else (), hidden=later if future == "hide" else (),
        presenter=presenter, lanes=_headers(s.view), aspect=_aspect(spec), max_labels=_max_labels(presenter),
        fade_skipping=spec.layout == "lanes",
    )  # fmt: skip
    _label(fig, s.earlier, atlas)
    _label(fig, s.focus, atlas, bold=True)  # this step's names stand out from the story so far
    for trace in fig.data:
        if trace.name == "dimmed":
            trace.name = LATER_TRACE_NAME
    if presenter:
        _for_projector(fig)
    return fig


def _for_projector(fig: go.Figure) -> None:
    """Bigger labels and lane headers that do not collide (the legend is already one line per family)."""
    if not any(a.yshift for a in fig.layout.annotations):  # headers not staggered by the network builder: wrap them
        for annotation in fig.layout.annotations:
            annotation.text = str(annotation.text).replace(" &amp; ", " &amp;<br>")
    fig.update_traces(textfont_size=PROJECTOR_LABEL_SIZE, selector={"legendgroup": "nodes"})
    fig.update_layout(margin={"t": 120})


def _aspect(spec) -> float:
    """A lesson's columns hold few nodes: stretch them over the height of the screen (~0.8 of its width)."""
    return max(spec.aspect, 0.8) if spec.layout != "force" else spec.aspect


def _max_labels(presenter: bool) -> int:
    """Few labels: the story's nodes carry the picture (on a projector only they are named), hubs only orient."""
    return 0 if presenter else 6


def _label(fig: go.Figure, ids: Iterable[str], atlas: Atlas, *, bold: bool = False) -> None:
    """Give the nodes ``ids`` a (bold) text label in whatever node trace draws them."""
    wanted = set(ids)
    if not wanted:
        return
    for trace in fig.data:
        custom = trace.customdata
        if trace.mode is None or "markers" not in trace.mode or custom is None or not len(custom) or not isinstance(custom[0], str):
            continue
        hits = [i for i, c in enumerate(custom) if c in wanted]
        if not hits:
            continue
        text = list(trace.text) if trace.text is not None and not isinstance(trace.text, str) else [""] * len(custom)
        for i in hits:
            name = html.escape(atlas.label(custom[i]), quote=False)
            text[i] = f"<b>{name}</b>" if bold else name
        trace.text = text
        trace.mode = "markers+text"


# ---------------------------------------------------------------------------------------------
# self-test
def quiz_candidates(atlas: Atlas, ids: Iterable[str]) -> list[str]:
    """The ``ids`` that make a fair quiz in ``atlas``: present and with at least one relation."""
    degree = atlas.degree
    return [i for i in dict.fromkeys(ids) if i in atlas.labels and degree.get(i, 0) > 0]


def _links(atlas: Atlas, node_id: str) -> tuple[Link, ...]:
    rel = atlas.relations_of(node_id).sort_values(["other_label", "relation"], kind="stable")
    return tuple(
        Link(other, f"{atlas.label(s)} {relation_phrase(r)} {atlas.label(t)}", ev, atlas.citations(refs))
        for other, s, r, t, ev, refs in zip(rel["other"], rel["source"], rel["relation"], rel["target"], rel["evidence"], rel["references"])
        if other != node_id
    )


def self_test(atlas: Atlas, node_id: str, *, n_distractors: int = 4, seed: int = 0) -> Quiz:
    """A "predict the links" question about ``node_id`` in ``atlas`` (e.g. what a step draws).

    Options are every true neighbour plus ``n_distractors`` plausible wrong answers: nodes of the
    same types as the true neighbours, two hops away first (they sit nearby in the picture), then
    any other node of those types, then any other node. The same ``seed`` gives the same quiz;
    options are sorted by label so their order gives nothing away.

    Examples
    --------
    >>> from neuroimmune.synthetic import synthetic_frames
    >>> atlas = Atlas.from_frames(**synthetic_frames(30, 60, seed=0))
    >>> node = atlas.nodes["id"].iloc[0]
    >>> quiz = self_test(atlas, node, n_distractors=3, seed=1)
    >>> quiz == self_test(atlas, node, n_distractors=3, seed=1), quiz.answer <= set(quiz.options)
    (True, True)
    """
    if node_id not in atlas.labels:
        raise KeyError(f"unknown node id {node_id!r}")
    links = _links(atlas, node_id)
    answer = frozenset(link.other for link in links)
    rng = random.Random(seed)
    types = dict(zip(atlas.nodes["id"], atlas.nodes["type"]))
    wanted_types = {types[a] for a in answer if a in types}
    two_hop = set(atlas.neighbours(node_id, 2).nodes["id"]) if answer else set()
    pool = sorted(set(atlas.labels) - answer - {node_id})
    tiers = (
        [i for i in pool if i in two_hop and types.get(i) in wanted_types],
        [i for i in pool if i not in two_hop and types.get(i) in wanted_types],
        [i for i in pool if types.get(i) not in wanted_types],
    )
    distractors: list[str] = []
    for tier in tiers:
        rng.shuffle(tier)
        distractors += tier[: max(n_distractors - len(distractors), 0)]
    options = tuple(sorted({*answer, *distractors}, key=lambda i: (atlas.label(i).lower(), i)))
    return Quiz(node_id, atlas.label(node_id), options, answer, links, seed)


def score(quiz: Quiz, answer_ids: Iterable[str]) -> Score:
    """Mark an answer: correct, missed and wrong ids, a fraction in [0, 1] and every true link.

    Examples
    --------
    >>> q = Quiz("a", "A", ("b", "c", "d"), frozenset({"b", "c"}), (), 0)
    >>> s = score(q, ["b", "d"])
    >>> s.correct, s.missed, s.wrong, round(s.fraction, 2)
    (('b',), ('c',), ('d',), 0.33)
    """
    chosen = set(dict.fromkeys(answer_ids))
    order = {o: i for i, o in enumerate(quiz.options)}
    by_option = lambda ids: tuple(sorted(ids, key=lambda i: (order.get(i, len(order)), i)))  # noqa: E731
    correct, missed, wrong = chosen & quiz.answer, quiz.answer - chosen, chosen - quiz.answer
    union = quiz.answer | chosen
    fraction = len(correct) / len(union) if union else 1.0
    return Score(by_option(correct), by_option(missed), by_option(wrong), fraction, quiz.links)
