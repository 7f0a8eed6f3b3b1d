"""Each page's default picture (the story it opens on), shared by the pages and ``export --view``."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .atlas import Atlas, Filters
from .views import DrawnView, build_default_view

__all__ = ["DEFAULT_CYTOKINES", "DEFAULT_ENTITY", "StoryPlan", "story_plan", "default_picture"]

#: The cytokine page opens on IL-1β, TNF and IL-10 (a pro- and an anti-inflammatory story).
DEFAULT_CYTOKINES = ("HGNC:5992", "HGNC:11892", "HGNC:5962")
#: The explorer opens on IL-1β.
DEFAULT_ENTITY = "HGNC:5992"


@dataclass(frozen=True)
class StoryPlan:
    """What a view's story draws from: the view's atlas, the story's ids, its title and highlights."""

    view: str
    sub: Atlas
    base: list[str]
    title: str
    highlight: list[str]


def default_cytokines(atlas: Atlas) -> list[str]:
    """The cytokine page's default pick: :data:`DEFAULT_CYTOKINES` present in ``atlas``, else its first two cytokines."""
    ids = atlas.nodes.loc[atlas.nodes["type"] == "cytokine"].sort_values("label")["id"].tolist()
    return [c for c in DEFAULT_CYTOKINES if c in ids] or ids[:2]


def story_plan(
    atlas: Atlas,
    view: str,
    *,
    filters: Filters | None = None,
    routes: Iterable[str] | None = None,
    gut_leaky: bool = False,
    bbb_disrupted: bool = False,
    cytokines: Sequence[str] | None = None,
    groups: Sequence[str] | None = None,
    entity: str | None = None,
    k: int = 1,
    keep: Sequence[str] = (),
) -> StoryPlan:
    """The story a page opens on, for the page's own controls (``None`` = the page's default).

    ``gut_brain``: the strongest routes from the gut lumen to the brain for the chosen ``routes``
    and barrier states; ``cytokine``: the chosen ``cytokines``' strongest cascades; ``condition_map``:
    the main mechanisms of one condition group (``groups``); ``explorer``: ``entity`` and its
    best-evidence neighbours (``k`` steps). ``keep`` ids are added and highlighted.

    Examples
    --------
    >>> from neuroimmune.synthetic import synthetic_frames
    >>> atlas = Atlas.from_frames(**synthetic_frames(80, 300, seed=0))
    >>> plan = story_plan(atlas, "gut_brain")
    >>> len(plan.base) <= 40 and set(plan.base) <= set(plan.sub.nodes["id"])
    True
    """
    from . import story
    from .conditions import conditions_in_groups, without_other_conditions
    from .cytokines import cytokine_pathways, cytokine_story_title
    from .routes import ROUTES, gut_brain_atlas

    filters = filters or Filters()
    keep = [i for i in keep if i]
    if view == "gut_brain":
        sub = gut_brain_atlas(atlas, filters, routes=tuple(ROUTES) if routes is None else routes, gut_leaky=gut_leaky,
                              bbb_disrupted=bbb_disrupted)  # fmt: skip
        return StoryPlan(view, sub, story.gut_brain_story(sub, keep=keep), "The gut–brain axis: its strongest routes", keep)
    if view == "cytokine":
        picked = list(cytokines) if cytokines is not None else default_cytokines(atlas)
        sub = cytokine_pathways(atlas.filter(filters, view="cytokine"), picked)
        base = story.cytokine_story(sub, picked)
        return StoryPlan(view, sub, [*base, *(i for i in keep if i in sub.labels)], cytokine_story_title(atlas, picked), [*picked, *keep])
    if view == "condition_map":
        groups = list(groups) if groups is not None else story.default_condition_group(atlas)
        conditions = conditions_in_groups(atlas, groups)
        sub = without_other_conditions(atlas, conditions).filter(filters, view="condition_map")
        base = story.condition_story(sub, conditions)
        return StoryPlan(view, sub, [*base, *(i for i in keep if i in sub.labels)], story.condition_story_title(groups), keep)
    if view == "explorer":
        sub = atlas.filter(filters, view="explorer")
        entity = entity or (DEFAULT_ENTITY if DEFAULT_ENTITY in atlas.labels else atlas.nodes["id"].iloc[0])
        base = story.explorer_story(sub, [entity], k=k)
        return StoryPlan(view, sub, [*base, *(i for i in keep if i in sub.labels)], story.explorer_title(atlas, entity, k), [entity, *keep])
    raise ValueError(f"view {view!r} has no story (expected gut_brain, cytokine, condition_map or explorer)")


def default_picture(atlas: Atlas, view: str, *, presenter: bool = False, state=None, **plan_options) -> DrawnView:
    """The figure a page opens on (what ``python -m neuroimmune export --view V`` draws by default).

    Examples
    --------
    >>> from neuroimmune.synthetic import synthetic_frames
    >>> atlas = Atlas.from_frames(**synthetic_frames(80, 300, seed=0))
    >>> fig, drawn, total = default_picture(atlas, "explorer")
    >>> 1 <= len(drawn.nodes) <= 40
    True
    """
    plan = story_plan(atlas, view, **plan_options)
    classes = None
    if view == "cytokine":
        from .cytokines import classify_cytokines

        table = classify_cytokines(atlas)
        classes = dict(zip(table["id"], table["inflammatory"]))
    return build_default_view(plan.sub, view, plan.base, state, title=plan.title, highlight=plan.highlight, presenter=presenter,
                              classes=classes)  # fmt: skip
