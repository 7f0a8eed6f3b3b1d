"""Lessons: step through a guided story, present it full screen, export a step, test yourself."""

import streamlit as st

from components import lesson_player as player
from components.cache import cached_build, shared_value
from components.data_source import require_atlas
from components.export_buttons import export_buttons
from components.filter_sidebar import sidebar_filters
from components.network_chart import show_figure
from components.story_view import lesson_layout
from neuroimmune.lessons import build_lesson_figure, lesson_atlas, lesson_step, list_lessons
from neuroimmune.text import escape_markdown

filters = sidebar_filters()
atlas = require_atlas()
lessons = shared_value(list_lessons, atlas)  # read-only
if not lessons:
    st.title("Lessons")
    st.info("This atlas has no lessons.csv, so there are no guided lessons to show.")
    st.stop()

presenter = player.presenter_toggle(draw=False)
if presenter:
    player.presenter_style()
info = player.choose_lesson(lessons, visible=not presenter)
step = lesson_step(atlas, info.key, player.current_step_number(info.n_steps))
drawn = cached_build(lesson_atlas, atlas, step, filters=filters)
hide = player.quiz_node(drawn, step) if not presenter else None
hide = None if player.quiz_checked(step, hide) else hide

head, nav = st.columns([3, 2] if presenter else [1, 1], vertical_alignment="bottom")
head.title(escape_markdown(step.title), anchor=False)  # data text: shown literally, never as a link
with nav:
    player.step_nav(step)
# on a projector the text sits beside the chart; on a laptop above it, so the chart has the page's width
text, chart = st.columns([1, 3]) if presenter else (st.container(), st.container())
layout = lesson_layout(atlas, info.key, filters=filters, presenter=presenter)
with text:
    player.step_text(step, presenter=presenter)
with chart:
    fig = cached_build(
        build_lesson_figure, atlas, info.key, step.number, presenter=presenter, filters=filters, hide_links_of=hide, layout=layout
    )
    show_figure(fig, key="lesson_chart", selectable=False)
    if hide:
        st.caption("The links of the entity you are testing yourself on are hidden until you check.")

if not presenter:
    shown = (
        cached_build(build_lesson_figure, atlas, info.key, step.number, filters=filters, layout=layout) if hide else fig
    )  # exports show every link
    export_buttons(shown, drawn, view=step.view, filters=filters, key="lesson_export", file_stem=f"{info.key}_step{step.number}")
    with st.expander("Test yourself", icon=":material/quiz:", expanded=hide is not None):
        player.quiz_panel(drawn, step)
if presenter:
    st.space("large")  # the way out of presenter mode sits below the projected screen
player.presenter_toggle()
