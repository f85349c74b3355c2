"""Corpus mode: ingest many articles into a SQLite store and keep them as stories."""
