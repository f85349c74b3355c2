"""Story: the reduce stages over all articles of one story.

pool (every sentence, its vector and close pairs) -> syndication -> claims -> disagreements,
unique contributions -> entities (who's who) -> quotes and figures collected -> timeline.
"""
