"""Entity mentions of one article (the map half of who's who; :mod:`newsbrief.story.entities` merges).

spaCy's PERSON / ORG / GPE+LOC+FAC entities of one parsed article are trimmed ("the",
possessives, titles moved to the role) and repaired where the small model is reliably wrong:

- outlets tagged as people or places ("state newspaper Tuoi Tre", "Japan's Yomiuri newspaper",
  "X quoted Y as saying"), acronyms tagged as people, names ending in an organisation word
  ("Maravel Relief") or a place word ("Lantern Row");
- a person tagged as an organisation right after a title ("German Chancellor Olaf Scholz");
- a surname tagged as a place or organisation after the full name was given as a person
  ("Nguyen Phu Trong ... Trong's office"), and a surname or titled name left untagged ("Mayor
  Ana Ruiz toured", "Ferrant said"), and a two-word name before ", who" (untagged_people);
- ships, aircraft and storms ("the tanker Nordic Star", "Hurricane Ian") are not entities;
- hyphenated place pairs ("U.S.-China") become two places; an acronym defined in parentheses
  ("Belt and Road Initiative (BRI)") gets its long form even when the tagger missed it.

NORP (nationalities) are not entities. The role is the title right before the name ("Vietnamese
Prime Minister Pham Minh Chinh" -> "Prime Minister") or a short appositive after it.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from newsbrief.models import Article, EntityType, Mention, Sentence
from newsbrief.annotate.names import (
    MEDIA_NOUNS,
    NAME_FUNCTION_WORDS,
    ORG_HEAD_WORDS,
    PLACE_HEAD_WORDS,
    PLACE_TO_ORG_HEADS,
    find_canonical_place,
    get_initials,
    is_acronym,
    is_honorific,
    is_person_title,
    is_title_word,
    make_key,
)

from newsbrief.annotate.untagged_people import find_untagged_people
from newsbrief.annotate.roles import KIN_NOUNS, NAME_OPENING_TIME_WORDS, ROLE_POS, find_role, role_head

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

_KINDS: dict[str, EntityType] = {
    "PERSON": "person",
    "ORG": "organization",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
}
# Longest name kept, in tokens; longer "names" are tagger run-ons (headline fragments).
_MAX_NAME_TOKENS = 8
# Web furniture and tokenizer debris ("-RRB-" is a bracket in tokenized corpora).
_JUNK = ("http", "www.", "@", "icon", ".com", "\\", "-rrb", "-lrb", "-rsb", "-lsb")
_CODE = re.compile(r"[A-Za-z]-\d")
_CAMP = re.compile(r"(?:pro|anti|ex|non|post|pre|neo)-", re.I)
_CAPWORD = re.compile(r"(?<![\w.])[A-Z][A-Za-z]*\.?")
_TITLEWORD = re.compile(r"(?<![\w.])[A-Za-z][A-Za-z]*\.?")
_ACRONYM_DEF = re.compile(r"\([A-Z][A-Z.&]{1,9}\)")


@dataclass
class _Draft:
    start: int  # first token (inclusive)
    end: int  # last token (exclusive)
    type: EntityType
    role: str | None
    # Character span when it is not the tokens' own (half of a "U.S.-China" token).
    chars: tuple[int, int] | None = None


def find_mentions(article: Article, sentences: Sequence[Sentence], doc: Doc | None) -> tuple[Mention, ...]:
    """Return the person, organisation and place mentions of one article, in text order.

    ``doc`` is spaCy's parse of ``article.body``; without it there are no mentions."""
    if doc is None or not sentences:
        return ()
    # The body, not doc.text: spaCy rebuilds doc.text from its tokens on every access.
    body = article.body
    drafts: list[_Draft] = []
    sentence_starts = {s.start for s in sentences}
    for ent in doc.ents:
        kind = _KINDS.get(ent.label_)
        if kind is None:
            continue
        draft = _make_draft(ent, kind, sentence_starts)
        if draft is not None:
            drafts.append(draft)
    drafts.extend(_find_acronym_long_forms(doc, body, drafts))
    drafts.extend(_find_titled_names(doc, body, drafts))
    drafts.sort(key=lambda d: (d.start, d.end))
    drafts = _split_place_pairs(doc, drafts)
    _retype_surnames(doc, drafts)
    drafts.extend(_find_untagged_surnames(doc, body, drafts))
    covered = [t for d in drafts for t in range(d.start, d.end)]
    drafts.extend(_Draft(i, j, "person", find_role(doc, i, j, i)) for i, j in find_untagged_people(doc, body, covered))
    drafts.sort(key=lambda d: (d.start, d.end, d.chars or (0, 0)))
    drafts = _drop_craft_names(doc, drafts)
    starts = [s.start for s in sentences]
    out: list[Mention] = []
    credits = {x.casefold() for x in (article.credit, article.outlet) if x}
    for d in drafts:
        s, e = d.chars or (doc[d.start].idx, doc[d.end - 1].idx + len(doc[d.end - 1].text))
        text = body[s:e]
        if not _looks_like_name(text, d.type):
            continue
        # "MARAVEL, May 14 (Reuters) -": the wire credit of a dateline is not part of the story.
        if text.casefold() in credits and body[s - 1 : s] == "(" and body[e : e + 1] == ")":
            continue
        sent = max(0, bisect.bisect_right(starts, s) - 1)
        out.append(Mention(article.id, sent, s, e, text, d.type, d.role))
    return tuple(out)


# Words that name a craft or a storm right before its name ("the tanker Nordic Star", "Hurricane
# Ian", "the airship Hindenburg"): the name is a ship's, a plane's or a storm's, not a person's,
# an organisation's or a place's. Prefixes of ships' names count too ("MV Seabird").
CRAFT_WORDS = frozenset(
    {
        "hurricane", "typhoon", "cyclone", "storm",
        "ship", "tanker", "vessel", "ferry", "yacht", "freighter", "trawler", "boat", "liner",
        "submarine", "warship", "frigate", "destroyer", "barge", "tug", "tugboat", "cruiser",
        "schooner", "dinghy", "lifeboat", "icebreaker",
        "mv", "ms", "ss", "hms", "uss", "rms", "fv",
        "aircraft", "plane", "jet", "airliner", "airship", "helicopter", "glider", "spacecraft", "rocket",
        "shuttle", "satellite", "probe", "rover", "gunboat", "sailboat", "steamer", "steamship", "zeppelin",
        "blimp", "hovercraft", "catamaran", "cutter", "minesweeper", "corvette", "dredger",
    }
)
# Words that hand a craft word's name on ("a ship named Sea Breeze", "the storm, dubbed Ana").
_NAMING_WORDS = frozenset({"named", "called", "dubbed", "christened"})


def _drop_craft_names(doc: Doc, drafts: list[_Draft]) -> list[_Draft]:
    """Drafts without the names of ships, aircraft and storms.

    A name is a craft's when a craft word stands right before it ("the ferry Estonia", "the
    cyclone's"), or opens it when capitalised ("Hurricane Ian", "Typhoon Haiyan", tagged as a
    person or an organisation). Its later mentions ("Ian weakened", "the Nordic Star") go too,
    unless the tagger calls them places (a country a ship is named after is still a country).
    """
    craft: set[str] = set()
    kept: list[tuple[_Draft, str]] = []
    for d in drafts:
        i, j = d.start, d.end
        name = doc[i:j].text.casefold()
        if d.chars is None and j - i >= 2 and doc[i].text[:1].isupper() and doc[i].lower_ in CRAFT_WORDS:
            craft.add(doc[i + 1 : j].text.casefold())
            continue
        before = i - 1
        if d.chars is None and before >= 0 and doc[before].lower_ in CRAFT_WORDS:
            craft.add(name)
            continue
        inner = next((k for k in range(i + 1, j - 1) if doc[k].lower_ in CRAFT_WORDS and doc[k].text[:1].isupper()), None)
        if d.chars is None and inner is not None and doc[j - 1].lower_ not in PLACE_HEAD_WORDS | ORG_HEAD_WORDS:
            craft.add(doc[inner + 1 : j].text.casefold())  # "Tropical Storm Ana", "Super Typhoon Haiyan"
            continue
        if d.chars is None and before >= 1 and doc[before].lower_ in _NAMING_WORDS:
            named_after = (doc[t].lower_ for t in range(max(0, before - 4), before))
            if any(w in CRAFT_WORDS for w in named_after):
                craft.add(name)
                continue
        kept.append((d, name))
    if not craft:
        return [d for d, _ in kept]
    return [d for d, name in kept if d.type == "place" or name not in craft]


def _make_draft(ent: Span, kind: EntityType, sentence_starts: set[int]) -> _Draft | None:
    """Trim one spaCy entity to its name tokens, fix its type and find its role."""
    doc = ent.doc
    i, j = ent.start, ent.end
    # "World Health Organization (WHO": the acronym pass handles the parenthesis.
    j = next((k for k in range(i, j) if doc[k].text == "("), j)
    # A run-on across a sentence end ("Hun Sen. Events ...") stops at the sentence end.
    j = next((k for k in range(i + 1, j) if doc[k].idx in sentence_starts), j)
    # A dash ends a name ("Saif al-Islam Gadhafi -- Libyan"): a run-on into the next phrase.
    j = next((k for k in range(i + 1, j) if doc[k].text in ("--", "\u2014", "\u2013")), j)
    # So does an opening quotation mark ("Transitional National Council `` as the legitimate").
    j = next((k for k in range(i + 1, j) if doc[k].text in ("``", '"', "\u201c")), j)
    while i < j and (doc[i].lower_ == "the" or doc[i].text in ("a", "an") or doc[i].is_punct or doc[i].text.strip("`'\"") == ""):
        i += 1
    while j > i and (
        doc[j - 1].tag_ == "POS"
        or doc[j - 1].is_punct
        or doc[j - 1].text in ("'", "\u2019")
        or doc[j - 1].lower_ in NAME_FUNCTION_WORDS  # "National Assembly on"
    ):
        j -= 1
    i = _skip_question_opener(doc, i, j)
    i = _skip_run_in_words(doc, i, j)
    if j <= i or j - i > _MAX_NAME_TOKENS:
        return None
    if all(is_title_word(doc[k].text) or is_honorific(doc[k].text) for k in range(i, j)):
        return None  # "the Queen", "the President": a title alone names nobody here
    # One common word tagged as a name ("Jailed", "Somebody", "pro-Anwar") is not one.
    if j - i == 1 and (doc[i].pos_ != "PROPN" or not doc[i].text[:1].isupper()) and not is_acronym(doc[i].text):
        return None
    last = doc[j - 1].lower_
    if _is_dateline(doc, i, j):
        return _Draft(i, j, "place", None)
    if kind == "person":
        i = _skip_title_prefix(doc, i, j)
        i = _take_first_names(doc, i)
        if j == ent.end:
            j = _take_surname(doc, i, j)
        if is_acronym(doc[i:j].text) or last in ORG_HEAD_WORDS:
            kind = "organization"
    elif kind == "organization" and (last in PLACE_HEAD_WORDS or (j < len(doc) and doc[j].lower_ in PLACE_HEAD_WORDS)):
        kind = "place"
    elif kind == "place" and j - i > 1 and last in PLACE_TO_ORG_HEADS:
        kind = "organization"
    elif last not in ORG_HEAD_WORDS and j - i >= 2 and is_person_title(doc[i].text):
        # "Prince Norodom Ranariddh" tagged ORG: the title goes to the role.
        kind = "person"
        i = _skip_title_prefix(doc, i, j)
    elif kind == "organization" and _follows_person_title(doc, i, j) and last not in ORG_HEAD_WORDS:
        kind = "person"  # "German Chancellor Olaf Scholz", tagged ORG by the small model
    elif i >= 2 and doc[i - 1].lower_ in KIN_NOUNS and doc[i - 2].tag_ in ("POS", "PRP$"):
        kind = "person"  # "Bashiri's daughter Leila Nour Bashiri", "his son X": kin are people
    if kind != "organization" and _is_media_name(doc, i, j, kind == "person"):
        kind = "organization"
    role = find_role(doc, i, j, ent.start) if kind == "person" else None
    if kind == "person" and _is_place_by_context(doc, i, j, role):
        kind, role = "place", None
    elif kind == "organization" and last not in ORG_HEAD_WORDS and _is_place_by_context(doc, i, j, None, strong=True):
        kind = "place"  # "residents of Talbrook" tagged ORG ("in X" is no cue here: "in Congress")
    # "Hun Sen. Events": an abbreviation-like word ends a run-on name (not "George W. Bush").
    for k in range(i + 1, j - 1):
        w = doc[k].text
        if len(w) > 2 and w.endswith(".") and doc[k + 1].text[:1].isupper():
            return _Draft(i, k + 1, kind, role, (doc[i].idx, doc[k].idx + len(w) - 1))
    return _Draft(i, j, kind, role)


def _take_surname(doc: Doc, i: int, j: int) -> int:
    """End of a person's name whose surname the tagger left out after it ("said Chief
    Superintendent [Mara] Olsen of Harth police"): one untagged capitalised proper noun right
    after a one-word name, not a title, an acronym, an organisation's or a place's head word, nor
    followed by one or by another capitalised word."""
    if j >= len(doc) or j - i != 1:
        return j  # a name of two words has its surname ("Gordon Brown Political commentator": page text)
    t = doc[j]
    if (
        t.ent_type_
        or t.pos_ != "PROPN"
        or not t.text[:1].isupper()
        or not t.text.isalpha()
        or len(t.text) < 2  # "Jos ngel C rdova": a letter left by a broken encoding is no surname
        or (t.text.isupper() and not doc[i].text.isupper())  # "Kathy AEG Live": an acronym
        or t.is_sent_start
        or is_title_word(t.text)
        or t.lower_ in ORG_HEAD_WORDS
        or t.lower_ in PLACE_HEAD_WORDS
    ):
        return j
    if j + 1 < len(doc) and (doc[j + 1].lower_ in ORG_HEAD_WORDS or doc[j + 1].lower_ in PLACE_HEAD_WORDS or (doc[j + 1].pos_ == "PROPN" and doc[j + 1].text[:1].isupper())):
        return j
    return j + 1


def _take_first_names(doc: Doc, i: int) -> int:
    """Index of a person's first name the tagger left out between a title and the name ("Secretary
    General Anders | Fogh Rasmussen"): up to two capitalised proper nouns, untagged or tagged
    as a person, right after a title word."""
    k = i
    while k > 0 and i - k < 2:
        t = doc[k - 1]
        if not (t.pos_ == "PROPN" and t.text[:1].isupper() and t.text.isalpha() and t.ent_type_ in ("", "PERSON")):
            break
        if is_title_word(t.text) or is_honorific(t.text) or t.lower_ in NAME_OPENING_TIME_WORDS:
            break
        k -= 1
    return k if k < i and k > 0 and is_title_word(doc[k - 1].text) else i


def _skip_run_in_words(doc: Doc, i: int, j: int) -> int:
    """Index of the name's first word past words the tagger ran into it: a time word opening the
    sentence ("Today Zawiya was quiet") and a possessive with the kin or role noun after it
    ("Gadhafi's son Saif al-Islam Gadhafi" -> "Saif al-Islam Gadhafi"; "McDonald's Corp" stays,
    a capital follows its possessive)."""
    while j - i > 1 and doc[i].lower_ in NAME_OPENING_TIME_WORDS:
        i += 1
    for p in range(j - 2, i, -1):
        if doc[p].tag_ == "POS" and not doc[p + 1].text[:1].isupper():
            k = p + 1
            while k < j and not doc[k].text[:1].isupper():
                k += 1
            return k if k < j else i
    return i


# Words that open a question ("Will Moammar Gadhafi be held to account?", "Can Obama win?"):
# the tagger takes a capitalised auxiliary before a name into the name.
_QUESTION_OPENERS = frozenset("will can could should would is are was were does did do has have must shall may might".split())


def _skip_question_opener(doc: Doc, i: int, j: int) -> int:
    """Index of the name's first word past an auxiliary that opens a question before it: the
    auxiliary opens its sentence (or follows a colon or dash) and the name is followed by a verb's
    base form ("be held", "survive") or the sentence asks ("?")."""
    if j - i < 2 or doc[i].lower_ not in _QUESTION_OPENERS or not doc[i].text[:1].isupper():
        return i
    opens = doc[i].is_sent_start or i == 0 or doc[i - 1].text in (":", "--", "-", "\u2014", "\u2013")
    if not opens:
        return i
    asks = j < len(doc) and (doc[j].tag_ == "VB" or any(t.text == "?" for t in doc[j : doc[i].sent.end]))
    return i + 1 if asks else i


# Nouns whose appositive makes a name a place ("Misrata, the third-largest city in ...").
_PLACE_NOUNS = frozenset(
    "city town village port capital province region country state district suburb neighbourhood neighborhood island stronghold enclave".split()
)
# Prepositions that put a name in the place role ("fighting in Misrata", "clashes near Brega").
_LOCATIVE_WORDS = frozenset({"in", "near", "outside", "inside"})
# Nouns for the parts and people of a place: "the outskirts of X", "residents of X", "X's streets".
_PLACE_PARTS = frozenset(
    """
    outskirts residents inhabitants streets street centre center heart edge suburbs outskirt
    east west north south northeast northwest southeast southwest siege airport port harbor
    harbour mayor townspeople people citizens
    """.split()
)
# Verbs (lemmas) of going that make "to X" a destination ("fled to Zintan", "the road to Brega").
_GOING = frozenset(
    "flee go travel head advance move return retreat drive fly march push road route way tow sail steam airlift evacuate divert relocate".split()
)
# Places where something stands "at" a town: "the harbour wall at Olsby", "a hospital at Tarnhaven".
_SITES = frozenset("wall harbour harbor port quay pier airport airfield station hospital camp base beach bridge border checkpoint plant factory depot".split())


def _is_place_by_context(doc: Doc, i: int, j: int, role: str | None, strong: bool = False) -> bool:
    """True when a name the tagger called a person is written as a place: after a locative
    preposition and not a possessive ("shelling in Misrata", not "in Obama's speech"), after "city
    of" / "town of" / "residents of", as a destination ("fled to Zintan"), before a place's part
    ("Zintan's residents"), before its country ("Zawiya, Libya"), or with an appositive that is a
    kind of place ("Misrata, the third-largest city"). A titled name ("in President Obama ...")
    stays a person. ``strong``: not after a locative preposition, a cue an organisation also has
    ("in Congress")."""
    if role and role_head(role) in _PLACE_NOUNS:
        return True
    if j - i > 3 or any(is_title_word(doc[k].text) for k in range(i, j)):
        return False
    if j + 1 < len(doc) and doc[j].tag_ == "POS":
        return doc[j + 1].lower_ in _PLACE_PARTS and doc[j + 1].lower_ not in ("people", "citizens")  # "Obama's people"
    prev = doc[i - 1] if i > 0 else None
    if prev is not None and prev.lower_ in _LOCATIVE_WORDS and not strong:
        return True
    if i >= 2 and prev is not None and prev.lower_ == "to" and doc[i - 2].lemma_.lower() in _GOING:
        return True
    if i >= 2 and prev is not None and prev.lower_ == "at" and doc[i - 2].lower_ in _SITES and not strong:
        return True
    if j + 2 < len(doc) and doc[j].text == "," and doc[j + 1].ent_type_ == "GPE" and doc[j + 1].ent_iob_ == "B":
        after = doc[j + 1].ent_type_
        k = j + 1
        while k < len(doc) and doc[k].ent_type_ == after and (k == j + 1 or doc[k].ent_iob_ == "I"):
            k += 1
        # "Zawiya, Libya" (not "Gadhafi, Libya's leader").
        return not (k < len(doc) and doc[k].tag_ == "POS")
    return i >= 2 and doc[i - 1].lower_ == "of" and (doc[i - 2].lower_ in _PLACE_NOUNS or doc[i - 2].lower_ in _PLACE_PARTS)


def _is_dateline(doc: Doc, i: int, j: int) -> bool:
    """"BRUSSELS (AP) -", "HANOI:": capitals opening a paragraph before dateline punctuation."""
    text = doc[i:j].text
    opens = i == 0 or "\n" in doc[i - 1].text or "\n" in doc[i - 1].whitespace_
    return (
        opens
        and text.isupper()
        and len(text) >= 4
        and j < len(doc)
        and doc[j].text in ("(", ",", "-", "\u2014", "\u2013", ":", "--")
    )


def _skip_title_prefix(doc: Doc, i: int, j: int) -> int:
    """Token index where the name starts after titles inside a PERSON span ("Chief Fire Officer
    Halvard Brenn" -> index of "Halvard"); ``i`` when the span opens with no title."""
    if not (is_title_word(doc[i].text) or is_honorific(doc[i].text)):
        return i
    end = i + 1
    for k in range(i + 1, j - 1):
        if is_title_word(doc[k].text) or is_honorific(doc[k].text):
            end = k + 1
        elif not doc[k].text[:1].isupper():
            break
    return min(end, j - 1)


def _follows_person_title(doc: Doc, i: int, j: int) -> bool:
    """True for a two- or three-word proper name right after a capitalised title word."""
    return (
        i > 0
        and 2 <= j - i <= 3
        and doc[i - 1].text[:1].isupper()
        and is_person_title(doc[i - 1].text)
        and all(doc[k].pos_ == "PROPN" for k in range(i, j))
    )


def _is_media_name(doc: Doc, i: int, j: int, person: bool) -> bool:
    """True when a PERSON-tagged name is an outlet: a media noun right before or after it in its
    noun phrase, or it is the subject of "quoted ... as saying"."""
    if j < len(doc) and doc[j].lower_ in MEDIA_NOUNS:
        return True
    k = i - 1
    while k >= 0 and i - k <= 4 and doc[k].pos_ in ROLE_POS and doc[k].tag_ != "POS":
        if doc[k].lower_ in MEDIA_NOUNS:
            return True
        k -= 1
    if not person:
        return False
    root = doc[i:j].root
    head = root.head
    if root.dep_ == "nsubj" and head.lemma_ == "quote":
        return any(c.lower_ == "as" for c in head.children)
    return False


def _find_acronym_long_forms(doc: Doc, body: str, drafts: Sequence[_Draft]) -> list[_Draft]:
    """Mentions for "Long Form (ACR)" definitions the tagger missed, plus the acronym itself."""
    covered = {t for d in drafts for t in range(d.start, d.end)}
    out: list[_Draft] = []
    for m in _ACRONYM_DEF.finditer(body):
        span = doc.char_span(m.start(), m.start() + 1, alignment_mode="expand")
        if span is None:
            continue
        paren = span.start
        if doc[paren].text != "(" or paren + 2 >= len(doc) or doc[paren + 2].text != ")":
            continue
        acr = doc[paren + 1]
        if not is_acronym(acr.text):
            continue
        k = paren - 1
        first = paren
        while k >= 0 and paren - k <= 10 and (doc[k].text[:1].isupper() or doc[k].lower_ in NAME_FUNCTION_WORDS):
            if doc[k].tag_ == "POS":
                break
            first = k
            k -= 1
        want = acr.text.replace(".", "")
        # The run may carry extra leading words ("China's Belt and Road ..."): try each start.
        for s in range(first, paren):
            if doc[s].lower_ in NAME_FUNCTION_WORDS or get_initials(doc[s:paren].text) != want:
                continue
            kind = _get_overlapping_kind(drafts, s, paren) or "organization"
            if not any(t in covered for t in range(s, paren)):
                out.append(_Draft(s, paren, kind, None))
            if acr.i not in covered:
                out.append(_Draft(acr.i, acr.i + 1, kind, None))
            break
    return out


def _get_overlapping_kind(drafts: Sequence[_Draft], s: int, e: int) -> EntityType | None:
    for d in drafts:
        if d.start < e and s < d.end:
            return d.type
    return None


def _split_place_pairs(doc: Doc, drafts: list[_Draft]) -> list[_Draft]:
    """Split a one-token place pair ("U.S.-China") into two places when each half is a place the
    article also names on its own (or a known country alias)."""
    if not any(d.type == "place" and d.end - d.start == 1 and "-" in doc[d.start].text for d in drafts):
        return drafts
    places = {make_key(doc[d.start : d.end].text) for d in drafts if d.type == "place"}
    out: list[_Draft] = []
    for d in drafts:
        tok = doc[d.start]
        halves = tok.text.split("-")
        if (
            d.type == "place"
            and d.end - d.start == 1
            and len(halves) == 2
            and all(h[:1].isupper() and (make_key(h) in places or find_canonical_place(h)) for h in halves)
        ):
            cut = tok.idx + len(halves[0])
            out.append(_Draft(d.start, d.end, "place", None, (tok.idx, cut)))
            out.append(_Draft(d.start, d.end, "place", None, (cut + 1, tok.idx + len(tok.text))))
        else:
            out.append(d)
    return out


def _retype_surnames(doc: Doc, drafts: list[_Draft]) -> None:
    """A one-word organisation or place that repeats a word of a person named earlier in the
    article is that person ("Wang Wenbin ... Wang said", "Nguyen Phu Trong ... Trong's office")."""
    person_words: set[str] = set()
    for d in drafts:
        words = [doc[k].text.casefold() for k in range(d.start, d.end)]
        if d.chars is not None:
            continue
        if d.type == "person" and len(words) > 1:
            person_words.update(words)
        elif d.type != "person" and len(words) == 1 and words[0] in person_words:
            if find_canonical_place(words[0]) is None and not is_acronym(doc[d.start].text):
                d.type = "person"
                d.role = find_role(doc, d.start, d.end, d.start)


def _find_titled_names(doc: Doc, body: str, drafts: Sequence[_Draft]) -> list[_Draft]:
    """People the tagger missed right after a title or form of address ("Mayor Ana Ruiz toured",
    "Mr Modi said", "police spokeswoman Ana Ruiz told reporters")."""
    covered = {t for d in drafts for t in range(d.start, d.end)}
    out: list[_Draft] = []
    # Scanning words in the text is far cheaper than walking every spaCy token.
    for m in _TITLEWORD.finditer(body):
        word = m.group(0)
        # The word right before the name must be a person's title ("Foreign Affairs" is no name);
        # in lower case only a title proper ("spokeswoman"), not a form of address.
        if not (is_person_title(word) or (word[:1].isupper() and is_honorific(word))):
            continue
        span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
        if span is None:
            continue
        tok = span[0]
        if tok.i in covered or tok.ent_type_:
            continue
        k = tok.i + 1
        while (
            k < len(doc)
            and k - tok.i <= 3
            and k not in covered
            and not doc[k].ent_type_
            and doc[k].pos_ == "PROPN"
            and doc[k].text[:1].isupper()
            and doc[k].text.isalpha()
            and not is_title_word(doc[k].text)
            and doc[k].lower_ not in ORG_HEAD_WORDS
        ):
            k += 1
        if k == tok.i + 1 or k - tok.i > 3:
            continue
        if k < len(doc) and (doc[k].lower_ in ORG_HEAD_WORDS or doc[k].lower_ in PLACE_HEAD_WORDS):
            continue
        out.append(_Draft(tok.i + 1, k, "person", find_role(doc, tok.i + 1, k, tok.i + 1)))
    return out


def _find_untagged_surnames(doc: Doc, body: str, drafts: Sequence[_Draft]) -> list[_Draft]:
    """Mentions for a word of a person's full name written alone later in the article that the
    tagger left untagged ("Mayor Lucia Ferrant ... Ferrant said")."""
    covered = {t for d in drafts for t in range(d.start, d.end)}
    first_seen: dict[str, int] = {}
    for d in drafts:
        if d.type == "person" and d.end - d.start > 1 and d.chars is None:
            for k in range(d.start, d.end):
                w = doc[k].text
                if len(w) > 2 and w[:1].isupper() and w.isalpha() and not is_title_word(w):
                    first_seen.setdefault(w, d.end)
    out: list[_Draft] = []
    if not first_seen:
        return out
    words = re.compile(r"\b(?:" + "|".join(re.escape(w) for w in sorted(first_seen)) + r")\b")
    for m in words.finditer(body):
        span = doc.char_span(m.start(), m.end())
        if span is None or len(span) != 1:
            continue
        tok = span[0]
        if tok.i < first_seen[tok.text] or tok.i in covered or tok.ent_type_ or tok.pos_ != "PROPN":
            continue
        # Alone: not part of a longer capitalised name ("Ferrant Street").
        nb = [doc[k] for k in (tok.i - 1, tok.i + 1) if 0 <= k < len(doc)]
        if any(n.pos_ == "PROPN" and n.text[:1].isupper() for n in nb):
            continue
        out.append(_Draft(tok.i, tok.i + 1, "person", find_role(doc, tok.i, tok.i + 1, tok.i)))
    return out


def _looks_like_name(text: str, kind: EntityType) -> bool:
    """Drop tagger output that is not a name: no capital, web furniture, codes with digits."""
    if len(text) < 2 or "\n" in text or not any(c.isupper() for c in text):
        return False
    low = text.casefold()
    if any(j in low for j in _JUNK):
        return False
    if kind == "person" and any(c.isdigit() for c in text):
        return False
    # "pro-Anwar crowds" names a camp, not a person.
    if _CAMP.match(text):
        return False
    # "COVID-19", "Vinbax-2023": a word glued to a number is a code, not a name.
    return _CODE.search(text) is None
