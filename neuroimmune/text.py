"""Escaping for untrusted data text shown in Markdown (Streamlit) or HTML (Plotly)."""

from __future__ import annotations

import html
import re

__all__ = ["DISCLAIMER", "escape_markdown", "escape_html", "neutralise_links", "truncate"]

#: What the atlas is not — shown on the home page, on a lesson's first slide and in every export's README.
DISCLAIMER = (
    "For education and research only — not medical advice. If you are struggling with your mental or "
    "neurological health, please seek help from a qualified healthcare provider."
)

# Markdown/Streamlit syntax characters, including ':' (Streamlit's :color[...] and :icon: directives)
# and '<' '>' (raw HTML), '$' (LaTeX) and '~' (strike-through).
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:&=^\"'])")


# What Markdown's autolinker (GFM "autolink literal") turns into a live link even when every character is
# backslash-escaped: a scheme followed by "//", a "www." host, an e-mail address. A WORD JOINER (U+2060,
# invisible, zero width) inside each breaks the pattern without changing what a reader sees.
_WJ = "\u2060"
_AUTOLINK = re.compile(r"(?i)(?<=[a-z0-9+.-])(:)(?=//)|\b(www)(?=\.)|(@)(?=[a-z0-9])")


def neutralise_links(text: object) -> str:
    """Break every autolink pattern in ``text`` with an invisible word joiner (the text reads the same).

    Examples
    --------
    >>> neutralise_links("see https://x.org, www.y.org or a@b.org") == (
    ...     "see https:\u2060//x.org, www\u2060.y.org or a@\u2060b.org")
    True
    """
    s = "" if text is None else str(text)
    return _AUTOLINK.sub(lambda m: m.group(0) + _WJ, s)


def escape_markdown(text: object) -> str:
    r"""Escape data text for Markdown/Streamlit so it shows literally: no markup, no links, no images.

    Every control character is backslash-escaped and autolink patterns (URLs, ``www.``, e-mail addresses)
    are broken with an invisible word joiner, because Markdown autolinks bare URLs even when escaped.

    Examples
    --------
    >>> print(escape_markdown("**bold** [x](y)"))
    \*\*bold\*\* \[x\]\(y\)
    """
    s = neutralise_links(text)
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
