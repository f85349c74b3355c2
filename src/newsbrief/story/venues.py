"""Named venues in a sentence ("at the Hotel Arcadia", "at the Varenna Congress Centre") and whether
the clause says an event is held there: two reports naming different venues for the story's event
disagree (:mod:`newsbrief.story.stated_values`), a hotel a minister merely stays at is no venue."""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsbrief.story.casualties import clause_around

_VENUE_HEADS = (
    "Hotel", "Centre", "Center", "Stadium", "Arena", "Palace", "Hall", "Square", "Park", "Airport",
    "Hospital", "Cathedral", "Church", "Mosque", "Temple", "Museum", "University", "College",
    "School", "Market", "Station", "Building", "Tower", "Theatre", "Theater", "Courthouse",
    "Pavilion", "Auditorium", "Resort", "Club", "Villa", "Castle", "Complex", "Campus", "Embassy",
)
_CAP = r"[A-Z][\w'\u2019\-]*"
_VENUE = re.compile(
    rf"\b(?:at|in|inside|outside|to)\s+(?:the\s+)?"
    rf"(?P<name>(?:{_CAP}\s+){{0,4}}(?:{'|'.join(_VENUE_HEADS)})(?:\s+(?:of\s+)?{_CAP}){{0,3}})"
)
# Gatherings and hosting verbs that make a named place the venue of the story's event.
_EVENT_WORDS = re.compile(
    r"\b(?:summit|talks|meeting|conference|negotiations|session|congress|gathering|ceremony|"
    r"held|hosts?|hosted|hosting|take place|takes place|took place|venue|convene|convenes|meet)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Venue:
    """A named place where something happens ("the Hotel Arcadia")."""

    start: int
    end: int
    text: str
    norm: str
    # The clause says an event is held there ("talks will be held at", "the summit at"): only such
    # venues are compared, a hotel a minister merely stays at is not the venue of anything.
    hosts_event: bool = False


def find_venues(text: str) -> tuple[Venue, ...]:
    """Named venues ("at the Hotel Arcadia", "at the Varenna Congress Centre")."""
    out = []
    for m in _VENUE.finditer(text):
        name = m.group("name").strip()
        norm = " ".join(w.lower() for w in re.findall(r"\w+", name))
        # The event word may sit a clause away ("Varenna will host ministers ... at the Hotel
        # Arcadia"), so the whole text before the venue and its own clause are searched.
        context = text[: m.start("name")] + clause_around(text, m.start("name"), m.end("name"))
        event = bool(_EVENT_WORDS.search(context))
        out.append(Venue(m.start("name"), m.end("name"), name, norm, event))
    return tuple(out)
