"""Escaping for untrusted data text shown in Markdown (Streamlit) or HTML (Plotly)."""

from __future__ import annotations

import html
import re

__all__ = ["escape_markdown", "escape_html", "truncate"]

# Markdown/Streamlit syntax characters, including ':' (Streamlit's :color[...] and :icon: directives)
# and '<' '>' (raw HTML), '$' (LaTeX) and '~' (strike-through).
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:&=^\"'])")


def escape_markdown(text: object) -> str:
    r"""Backslash-escape every Markdown/Streamlit control character so data shows literally.

    Examples
    --------
    >>> print(escape_markdown("**bold** [x](y)"))
    \*\*bold\*\* \[x\]\(y\)
    """
    s = "" if text is None else str(text)
    s = s.replace("\r", " ").replace("\n", " ")
    return _MD_SPECIAL.sub(r"\\\1", s)


def escape_html(text: object) -> str:
    """Escape ``&``, ``<`` and ``>`` for Plotly text/hover (Plotly renders a subset of HTML).

    Quotes stay as they are: Plotly's text is not an attribute value, and it shows ``&quot;``
    literally.

    Examples
    --------
    >>> escape_html('IL-1β <b>"x"</b>')
    'IL-1β &lt;b&gt;"x"&lt;/b&gt;'
    """
    return html.escape("" if text is None else str(text), quote=False)


def truncate(text: str, limit: int = 160) -> str:
    """Shorten to ``limit`` characters on a word boundary, with an ellipsis."""
    text = text or ""
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0]
    return cut + "…"
