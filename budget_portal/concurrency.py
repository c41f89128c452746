"""Edits from a stale page: a service compares the version the user opened with the one it
locks, and refuses to overwrite a change made in between."""

from __future__ import annotations


class StaleEdit(Exception):
    """The record changed after the user opened it; their save would overwrite that change."""
