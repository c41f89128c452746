"""The app's verbs in one import. Each concern's module owns its own (questions, scenarios,
amendments, comments, reading_room); code outside politics may import them from here."""

from __future__ import annotations

from politics.amendments import set_amendment_deadline, submit_amendment
from politics.comments import add_comment, edit_comment
from politics.questions import answer_question, ask_question, assign_question, release_question
from politics.reading_room import mark_seen
from politics.scenarios import (
    copy_scenario,
    create_scenario,
    save_scenario,
    save_selection,
    save_targets,
    share_scenario,
)

__all__ = [
    "add_comment",
    "answer_question",
    "ask_question",
    "assign_question",
    "copy_scenario",
    "create_scenario",
    "edit_comment",
    "mark_seen",
    "release_question",
    "save_scenario",
    "save_selection",
    "save_targets",
    "set_amendment_deadline",
    "share_scenario",
    "submit_amendment",
]
