"""Public hearings (høringer) and their responses: built in the hearings issue."""
