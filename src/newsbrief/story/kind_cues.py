"""What kind of thing a name is, by the words written around it (who's who, before the type vote).

The small tagger types an unfamiliar company, drug or platform as a person about as often as
not ("Shares of Corvane fell", "posted an apology on Twitter", "Relenza, the drug made by ...")
and a person named in apposition as an organisation ("the harbour master, Ines Varga, said").
The words next to a name say what it is, and a cue in one article holds for the name in the
whole story. Cues are read on the article text around each mention, no parse needed:

- **company**: "shares of X", "X's chief executive / shares / board", "X shares fell", a company
  noun right before it ("rival drugmaker X", "the operator, X,", "the drug's maker, X") or in
  apposition after it ("X, the company"; a band or an orchestra too), or a name in :data:`PLATFORMS` (a social network or
  video site: "on Twitter"), or "posted ... on X";
- **product**: a medicine's or a device's noun right before it ("the drug X", "its blood-pressure
  pill, X,", "antivirals such as X") or in apposition after it ("X, the drug made by ..."), a
  medicine's measure before it ("doses of X", "a stockpile of X") or "-resistant" after it ("X-resistant
  strains"): not a person, an organisation or a place, so it leaves who's who;
- **craft**: a craft's noun right after the name ("a Kestrel 4 rocket", "Kestrel rockets"): a
  name typed as a person is then no one (like a product); a maker typed organisation stays;
- **person**: a name typed organisation or place between commas right after a person's role
  noun and before "said" / "told" ("the harbour master, Ines Varga, said"), right after a
  person's role noun in lower case with no comma ("health official Ines Varga said"), or right
  after a form of address ("Dr Ines Varga", "Mr Tomas Berg": only people are addressed so);
- **time zone**: a short name in capitals right after a clock time ("2153 GMT", "21.08 BST"):
  like a product, it leaves who's who;
- **place**: a geographic or facility noun right after the name ("the Orra river", "Velna
  airport", "the Tarn reservoir"), a capitalised one right before it ("Lake Orra"), or one
  word after "on the" / "along the" ending its phrase ("traffic on the Orra will stop"), or a
  settlement's noun and "of" before it ("the villages of Dorn and Vella"): a name
  typed as a person is then a place; a name typed organisation stays ("Amtrak station").

A name with cues of two kinds keeps the tagger's votes, and so does a name cued in under
``MIN_CUE_SHARE`` of its mentions (one "Libya, a major oil supplier" among thousands of mentions
of a country). A place stays a place (a country is a "supplier" too), a name given a person's
title is never made a company, and only a name shaped like a person's (two or three capitalised
words, no organisation or place head word, no initials) is made a person.

A name typed as a person that no cue above decides is then read by :mod:`newsbrief.story.name_heads`:
its own last word ("on Mill Row", "Hollin Rail said") or its sentence ("talked to the Ledger",
"Verdict: False") may say it is a street, an operator, a newspaper or a label, when no person cue
is around.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from typing import NamedTuple

from newsbrief.annotate.names import ORG_HEAD_WORDS, PLACE_HEAD_WORDS
from newsbrief.models import EntityType
from newsbrief.story.name_heads import find_non_people

# Social networks and video or messaging platforms: names a story writes as the place something
# was posted ("on Twitter"), never people.
PLATFORMS = frozenset(
    "twitter facebook instagram youtube tiktok whatsapp telegram linkedin reddit snapchat weibo wechat "
    "threads bluesky mastodon tumblr pinterest twitch vimeo flickr myspace".split()
)
_COMPANY_NOUNS = (
    r"company|firm|drugmaker|carmaker|automaker|chipmaker|planemaker|shipbuilder|maker|carrier|airline|"
    r"insurer|lender|bank|retailer|manufacturer|supplier|conglomerate|subsidiary|startup|start-up|broadcaster|"
    r"utility|miner|refiner|distributor|wholesaler|brewer|giant|"
    # groups of performers and players: "a concert by the band Glass Harbour"
    r"band|orchestra|choir|ensemble"
)
_PRODUCT_NOUNS = (
    r"drug|pill|vaccine|medicine|medication|tablet|antiviral|anti-viral|antibiotic|painkiller|inhaler|jab|treatment|"
    r"app|smartphone|handset|device|console|software|brand|product"
)
_PERSON_NOUNS = (
    r"spokesperson|spokesman|spokeswoman|master|minister|officer|director|manager|chief|head|leader|captain|"
    r"mayor|councillor|councilor|chairman|chairwoman|chair|president|secretary|governor|inspector|commander|"
    r"engineer|doctor|nurse|professor|lawyer|attorney|analyst|economist|scientist|expert|researcher|resident|"
    r"witness|survivor|owner|founder|editor|correspondent|official|adviser|advisor|coach|judge|prosecutor"
)
# Text right before the name (the line up to it) and right after it.
_COMPANY_BEFORE = re.compile(
    rf"(?:\b(?:shares|stock|stake|shareholders)\s+(?:of|in)\s+(?:the\s+)?|\b(?:{_COMPANY_NOUNS})(?:'s|\u2019s)?\s*,?\s*"
    # "operator" names a person's job too ("hair salon operator Ana Ruiz"): only "the operator, X,"
    r"|\b(?:the|its|their)\s+operator\s*,\s*)$",
    re.I,
)
# A noun set off by a comma before the name is an apposition only when a comma closes it too
# ("the drug's maker, Corvane, said"); "... given anti-viral medication , Akdag said" is a clause end.
_COMMA_BEFORE = re.compile(r",\s*$")
_APPOSITION_CLOSED = re.compile(r"^\s*(?:,|\.|;|$)")
_COMPANY_AFTER = re.compile(
    r"^\s*(?:'s|\u2019s)\s+(?:(?:own|new|former)\s+)?(?:shares?|stock|share price|chief executive|chief executive officer|ceo|"
    r"chief financial officer|cfo|chairman|chairwoman|board|shareholders|investors|market value|revenue|profits?|earnings|"
    r"sales|subsidiary|headquarters|factory|plant)\b"
    r"|^\s+(?:shares|stock)\s+(?:fell|rose|dropped|climbed|jumped|slid|slumped|gained|lost|were|closed|edged|tumbled|surged)\b"
    rf"|^\s*,\s+(?:the|a|an)\s+(?:[\w'\u2019-]+\s+){{0,4}}(?:{_COMPANY_NOUNS})\b",
    re.I,
)
# A craft's noun right after the name, past a model number: "A Kestrel 4 rocket exploded",
# "Kestrel rockets have failed" (a craft named before its noun; annotate.mentions drops the names
# written after one: "the rocket Kestrel").
_CRAFT_AFTER = re.compile(
    r"^\s+(?:\d+[A-Za-z]?\s+)?(?:rocket|spacecraft|satellite|airliner|airship|helicopter|submarine|tanker|"
    r"freighter|trawler|warship|frigate|ferry|ferries|yacht|lifeboat|drone)s?\b",
    re.I,
)
_POSTED_ON = re.compile(r"\b(?:posted|tweeted|wrote|shared|streamed|live-streamed|uploaded|published|announced)\b[^.;]{0,40}\bon\s+$", re.I)
# "the drug X", "antivirals such as X", "drugs like X": the noun, or the noun and its examples'
# opener with no comma ("makers of drugs and vaccines, such as X": the makers are the examples).
_PRODUCT_BEFORE = re.compile(rf"\b(?:{_PRODUCT_NOUNS})s?(?:\s+(?:such as|like))?\s*,?\s*$", re.I)
# A medicine's measure before the name ("doses of X", "340 courses of X", "a stockpile of X") and
# a strain resisting it after ("X-resistant"): a company's shares are "stocks", never "doses". Not
# one "dose" ("a healthy dose of Janet and John", a radio show) nor bare "courses" ("courses of action").
_MEASURE_BEFORE = re.compile(r"\b(?:doses|capsules|vials|stockpiles?|(?:\d[\d,.]*|million|treatment)\s+courses)\s+of\s+(?:the\s+)?$", re.I)
_RESISTANT_AFTER = re.compile(r"^-resistant\b", re.I)
# A maker's name before its product ("courses of Roche AG 's Tamiflu", "drugs like Roche and Gilead
# Sciences Inc 's Tamiflu"): the cue words before it are the product's, not the maker's.
_OWNER_AFTER = re.compile(r"^(?:\s+(?:and|&)\s+(?:[A-Z][\w.&-]*\s+){1,4})?\s*(?:'s|\u2019s)\s")
_PRODUCT_AFTER = re.compile(
    rf"^\s*,\s+(?:the|a|an|its|their)\s+(?:[\w'\u2019-]+\s+){{0,4}}(?:{_PRODUCT_NOUNS})\b|^\s*,\s+(?:known|sold|marketed) (?:generically )?as\b",
    re.I,
)
_PERSON_BEFORE = re.compile(rf"\b(?:{_PERSON_NOUNS})\s*,\s*$", re.I)
# A form of address right before the name, capitalised ("Dr Ines Varga"; not "dr." in "Dr Pepper",
# which the tagger writes inside the name).
_ADDRESSED = re.compile(r"(?<![\w.])(?:Mr|Mrs|Ms|Miss|Mx|Dr|Sir|Dame)\.?\s+$")
# A role noun phrase right before the name, no comma: "health official X", "police chief X". Its
# noun must be in lower case (``_lowercase_before``): "Chief X" is a title the tagger already reads.
_ROLE_BEFORE = re.compile(rf"\b(?:{_PERSON_NOUNS}|executive|aide|diplomat|envoy|ambassador|lawmaker|activist|journalist|reporter)\s+$", re.I)
# A geographic or facility noun right after the name ("the Orra river", "Velna airport", "the
# Tarn power station"), or a capitalised one right before it ("Lake Orra", "River Orra").
_PLACE_AFTER = re.compile(
    r"^\s+(?:river|reservoir|lake|dam|canal|estuary|creek|valley|gorge|bay|airport|airfield|bridge|tunnel|"
    r"harbou?r|(?:railway\s+|train\s+|bus\s+|power\s+|police\s+|fire\s+|pumping\s+)?station)\b",
    re.I,
)
_PLACE_BEFORE = re.compile(r"\b(?:Lake|River|Mount|Loch)\s+$")
# A settlement's or an area's noun and "of" before the name, the name alone or the second of two
# ("the village of Hemm", "the villages of Dorn and Vella"): a place is named so, a person not.
_SETTLEMENT_OF = re.compile(
    r"\b(?:village|town|city|hamlet|suburb|district|province|region|county|island|port)s?\s+of\s+"
    r"(?:[A-Z][\w'\u2019-]*\s+(?:and|or)\s+)?$",
    re.I,
)
# A one-word name after "on the", "along the" ... and before a clause's next word or its end
# ("traffic on the Orra will stay suspended", "boats along the Orra."): no person is written so.
_ON_THE = re.compile(r"\b(?:on|along|across|into|over|under|beside|up|down)\s+the\s+$", re.I)
_CLAUSE_GOES_ON = re.compile(r"^\s*(?:[,.;:)]|$|(?:will|would|was|is|has|had|and|at|in|on|near|until|since|after|for)\b)")
_PERSON_AFTER = re.compile(r"^\s*,\s+(?:said|says|told|added|warned|explained)\b", re.I)
# Time zones' abbreviations, and a clock time right before one: "2153 GMT", "21.08 BST", "9 a.m. ET".
TIME_ZONES = frozenset(
    "GMT UTC BST IST CET CEST EET EEST WET WEST MSK EST EDT CST CDT MST MDT PST PDT ET CT MT PT AKST HST "
    "JST KST HKT SGT AEST AEDT ACST AWST NZST NZDT WAT CAT EAT SAST PKT".split()
)
_CLOCK_BEFORE = re.compile(
    r"(?:\b\d{1,2}[.:]\d\d|\b(?:[01]\d|2[0-3])[0-5]\d|\b\d{1,2}\s*[ap]\.?\s?m\.?)\s*(?:[ap]\.?\s?m\.?\s*)?(?:-LRB-\s*|\()?$",
    re.I,
)
# The type a decided kind gives a name's mentions ("product" leaves who's who; a "place" cue
# retypes only mentions typed as a person).
CUE_TYPES: dict[str, EntityType] = {"company": "organization", "person": "person", "place": "place"}
# Share of a name's mentions that must carry its cue for the cue to decide (see the docstring).
MIN_CUE_SHARE = 0.1
# Characters of context read on either side of a mention.
_REACH = 60


_WORD = re.compile(r"[A-Za-z-]+")


def _lowercase_before(text: str) -> bool:
    """The cue word right before the name is written in lower case (a common noun, not a name's
    word: "Rival" opening a sentence counts, "Maker Street" does not)."""
    words = _WORD.findall(text[-25:])
    return bool(words) and (words[-1].islower() or text.rstrip().endswith(","))


def _noun_before(pattern: re.Pattern[str], before: str, after: str) -> bool:
    """A cue noun right before the name (in lower case), or set off by a comma the name's own
    comma closes."""
    if not (pattern.search(before) and _lowercase_before(before)):
        return False
    return not _COMMA_BEFORE.search(before) or bool(_APPOSITION_CLOSED.match(after))


def find_kind_cues(mentions: Sequence[tuple[str, str, int, int]]) -> dict[str, tuple[str, int]]:
    """Key -> (kind, mentions cued) for names whose context says they are a "company", a
    "product", a "craft", a "person" or a "place"; a name cued as two kinds is left out.

    ``mentions`` are (key, article text, start, end) of every mention in the story."""
    seen: dict[str, Counter[str]] = defaultdict(Counter)
    for key, body, start, end in mentions:
        before = body[max(0, start - _REACH) : start]
        after = body[end : end + _REACH]
        if key.casefold() in PLATFORMS:
            seen[key]["company"] += 1
        elif body[start:end] in TIME_ZONES and _CLOCK_BEFORE.search(before):
            seen[key]["zone"] += 1
        elif (
            (_noun_before(_PRODUCT_BEFORE, before, after) or _MEASURE_BEFORE.search(before)) and not _OWNER_AFTER.match(after)
            or _PRODUCT_AFTER.search(after) or _RESISTANT_AFTER.match(after)
        ):
            seen[key]["product"] += 1
        elif _CRAFT_AFTER.search(after):
            seen[key]["craft"] += 1
        elif _noun_before(_COMPANY_BEFORE, before, after) or _COMPANY_AFTER.search(after) or _POSTED_ON.search(before):
            seen[key]["company"] += 1
        elif (
            _PERSON_BEFORE.search(before) and _PERSON_AFTER.search(after) or _noun_before(_ROLE_BEFORE, before, after)
            or _ADDRESSED.search(before)
        ):
            seen[key]["person"] += 1
        elif (
            _PLACE_AFTER.search(after)
            or _PLACE_BEFORE.search(before)
            or _SETTLEMENT_OF.search(before)
            or (_ON_THE.search(before) and " " not in body[start:end] and _CLAUSE_GOES_ON.match(after))
        ):
            seen[key]["place"] += 1
    return {k: next(iter(kinds.items())) for k, kinds in seen.items() if len(kinds) == 1}


class NamedMention(NamedTuple):
    """One mention as :func:`decide_kinds` reads it."""

    key: str
    text: str  # the name as written
    type: str  # the tagger's type (person, organization, place)
    titled: bool  # given a person's title ("President", "Dr")
    body: str  # its article's text
    start: int
    end: int
    has_role: bool = False  # given any role ("a teacher", "spokesman"): a person cue for name_heads


def decide_kinds(mentions: Sequence[NamedMention]) -> dict[str, str]:
    """Key -> "company", "product" (a time zone too), "person" or "place" for the names whose cues decide (module docstring):
    cued in ``MIN_CUE_SHARE`` of their mentions at least, not typed place in most of them, never
    a titled name made a company, only a name shaped like a person's made a person."""
    cues = find_kind_cues([(m.key, m.body, m.start, m.end) for m in mentions])
    types: dict[str, Counter[str]] = defaultdict(Counter)
    titled: set[str] = set()
    written: dict[str, str] = {}
    for m in mentions:
        types[m.key][m.type] += 1
        written.setdefault(m.key, m.text)
        if m.titled:
            titled.add(m.key)
    decided: dict[str, str] = {}
    for key, (cue, n) in cues.items():
        c = types[key]
        total = sum(c.values())
        if n < MIN_CUE_SHARE * total or (cue != "place" and 2 * c["place"] > total):
            continue
        if cue == "company" and key in titled:
            continue
        if cue == "person" and not _shaped_like_person(written[key]):
            continue
        if cue == "place":
            # Only a name typed as a person is taken for a place: an organisation's name before a
            # facility noun ("Amtrak station") stays the organisation the tagger saw.
            if not c["person"]:
                continue
        elif cue == "zone":
            cue = "product"  # a time zone is no one and nowhere in who's who
        elif cue == "craft":
            # A craft's name is no person's; a maker's name before its craft ("Airbus helicopters")
            # stays the organisation the tagger saw, so only a name typed as a person is taken out.
            if not c["person"]:
                continue
            cue = "product"
        decided[key] = cue
    # A name typed as a person whose own last word or sentence says it is a street, an operator,
    # a newspaper or a label, with no person cue around (story.name_heads); a cue above wins.
    heads = find_non_people(mentions)
    return heads | decided


def _shaped_like_person(text: str) -> bool:
    """Two or three capitalised words as written, none an organisation's or a place's head word,
    none with a full stop or in capitals ("U.S. Africa Command" is no one's name)."""
    words = text.split()
    return (
        2 <= len(words) <= 3
        and all(w[:1].isupper() and not w.isupper() and "." not in w for w in words)
        and not any(w.casefold() in ORG_HEAD_WORDS or w.casefold() in PLACE_HEAD_WORDS for w in words)
    )
