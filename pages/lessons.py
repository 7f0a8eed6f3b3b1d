"""Lessons: step through a guided story, present it full screen, export a step, test yourself."""

import streamlit as st

from components import lesson_player as player
from components.cache import cached_build, shared_value
from components.data_source import require_atlas
from components.export_buttons import export_buttons
from components.filter_sidebar import sidebar_filters
from components.network_chart import show_figure
from components.story_view import lesson_layout
from neuroimmune.lessons import build_lesson_figure, build_lesson_slide, lesson_atlas, lesson_step, list_lessons
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

if presenter:
    # a slide: title, Previous/Next and the text in a column beside the chart, so the chart has the screen's
    # whole height (a title row above it pushed the legend below the fold of a 1080-line projector)
    text, chart = st.columns([1, 3])
    head = nav = text
else:  # on a laptop the title row and the text sit above the chart, so the chart has the page's width
    head, nav = st.columns([1, 1], vertical_alignment="bottom")
    text, chart = st.container(), st.container()
head.title(escape_markdown(step.title), anchor=False)  # data text: shown literally, never as a link
with nav:
    player.step_nav(step, stacked=presenter)
layout = lesson_layout(atlas, info.key, filters=filters, presenter=presenter)
with text:
    player.step_text(step, presenter=presenter)
with chart:
    # on a projector the step's title beside the chart names it: the chart's own title would only cost height
    fig = cached_build(build_lesson_figure, atlas, info.key, step.number, presenter=presenter, filters=filters, hide_links_of=hide,
                       layout=layout, title="" if presenter else None)  # fmt: skip
    if presenter:  # two sizes of slide; the projector's screen picks one (components.lesson_player's CSS)
        alt = player.slide_alt(step)
        with st.container(key=player.PRESENT_LARGE):
            show_figure(fig, key="lesson_chart", selectable=False, alt=alt)
        small_layout = lesson_layout(atlas, info.key, filters=filters, presenter=False)
        slide = cached_build(build_lesson_slide, atlas, info.key, step.number, filters=filters, layout=small_layout)
        with st.container(key=player.PRESENT_SMALL):
            show_figure(slide, key="lesson_slide", selectable=False, alt=alt)
    else:
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
