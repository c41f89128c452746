"""Settings for benchmarks/public_pages.py only: the portal's own, with a URLconf that adds one
plain page (no queries) as the ceiling the real pages are measured against."""

from budget_portal.settings import *  # noqa: F403

ROOT_URLCONF = "benchmarks.public_pages_urls"
