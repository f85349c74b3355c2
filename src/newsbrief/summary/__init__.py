"""Summary: the brief's sourced summary (candidates, importance, budgeted selection)."""
