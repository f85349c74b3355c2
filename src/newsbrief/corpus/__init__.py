"""Corpus mode: ingest many articles into a SQLite store and keep them as stories.

The defaults below live here, free of imports, so the command line can show them without loading
the store or the clustering.
"""

# The database file the corpus commands use when given no --db.
DEFAULT_DB = "newsbrief.db"
# Articles per transaction (and per clustering step). A killed ingest loses at most one batch;
# 64 keeps a commit well under a second of work next to ~6 s of annotation per batch.
DEFAULT_BATCH_SIZE = 64
