"""Card texts are Markdown with tables; whatever a user types, no markup of theirs runs."""

from html.parser import HTMLParser

import pytest

from budget_portal.markdown import render_markdown


class _Elements(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, dict(attrs)))


def elements(html: str) -> list[tuple[str, dict]]:
    parser = _Elements()
    parser.feed(html)
    return parser.found


PAYLOADS = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "[klik](javascript:alert(1))",
    '<a href="javascript:alert(1)">x</a>',
    "<iframe src='https://evil.example'></iframe>",
    '<svg onload="alert(1)">',
    "| a |\n|---|\n| <script>x</script> |",
]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_user_markup_never_survives(payload):
    for tag, attrs in elements(render_markdown(payload)):
        assert tag in {"p", "a", "table", "thead", "tbody", "tr", "th", "td"}
        assert not any(name.startswith("on") for name in attrs)
        assert not attrs.get("href", "").lower().startswith("javascript")


def test_tables_and_lists_render():
    html = render_markdown(
        "Tekst\n\n- Der omplaceres 0,2 mio. kr.\n\n| År | 2021 |\n|---|---|\n| Betaling | 155.938 |"
    )
    assert "<li>Der omplaceres 0,2 mio. kr.</li>" in html
    assert "<table>" in html
    assert "<td>155.938</td>" in html


def test_links_are_marked_nofollow():
    html = render_markdown("[KL](https://www.kl.dk/)")
    assert 'href="https://www.kl.dk/"' in html
    assert "nofollow" in html
