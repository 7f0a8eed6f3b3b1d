"""Pure Plotly figure builders (no Streamlit): network, summary charts, descriptions, selection parsing.

One figure family per module; every public builder returns a ``plotly.graph_objects.Figure`` and
never displays it. All text that came from data is HTML-escaped before it reaches a figure.
"""

from .charts import (
    build_compartment_sankey,
    build_condition_mechanism_heatmap,
    build_cytokine_condition_heatmap,
    build_degree_bar,
    build_message_figure,
)
from .describe import describe_view
from .network import build_network_figure
from .selection import selected_edge_rows, selected_node_ids

__all__ = [
    "build_compartment_sankey",
    "build_condition_mechanism_heatmap",
    "build_cytokine_condition_heatmap",
    "build_degree_bar",
    "build_message_figure",
    "build_network_figure",
    "describe_view",
    "selected_edge_rows",
    "selected_node_ids",
]
