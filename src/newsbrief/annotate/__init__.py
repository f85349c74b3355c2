"""Annotate: the per-article map stages (one article in, its annotations out).

sentences -> dates -> mentions (+ names) -> quotes -> figures (+ numbers); embeddings for the
sentence vectors; resources loads the models these stages share.
"""
