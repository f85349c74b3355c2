"""newsbrief: turn many news articles about one story into one sourced brief.

The library entry point is :func:`newsbrief.pipeline.brief_paths`; the data model is in
:mod:`newsbrief.models`; renderers are in :mod:`newsbrief.render`.
"""

__version__ = "0.1.0"
