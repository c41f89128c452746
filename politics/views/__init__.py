"""The politicians' pages, one module per concern: reading_room, scenarios (with the budget
targets), questions, amendments, comments. Each view checks a politics permission."""
