"""Which written forms of an organisation may name it in who's who (issue 13).

Who's who names an entity by its longest frequent full form (story.entities). For an organisation a
longer form is sometimes written once or twice beside a shorter one written many times, and then it
is no name of the organisation: a name run on into the next sentence's first word where a page lost
a stop ("... eyewitness accounts were being posted to Twitter News of the earthquake was broken by
...": "Twitter News", 1 mention, beside "Twitter", 29), or a one-time description. A longer form
written less than ``ONE_OFF_SHARE`` as often as a shorter name it holds does not name the
organisation (it stays a spelling of it). People are not judged so: a surname written alone far
more often than the full name ("Gadhafi", "Moammar Gadhafi") is still named in full.
"""

from __future__ import annotations

from collections.abc import Sequence

from newsbrief.annotate.names import contains_tokens, split_key

# A longer form written less than this share as often as a shorter form it holds is a one-off.
ONE_OFF_SHARE = 0.1


def naming_forms(keys: Sequence[str], counts: dict[str, int]) -> list[str]:
    """``keys`` (an organisation's name keys) without the one-off longer forms (module doc)."""
    toks = {k: split_key(k) for k in keys}
    return [
        k for k in keys
        if not any(
            o != k and len(toks[o]) < len(toks[k]) and contains_tokens(toks[o], toks[k]) and counts[k] < ONE_OFF_SHARE * counts[o]
            for o in keys
        )
    ]
