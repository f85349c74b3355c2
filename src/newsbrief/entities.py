"""People, organisations and places: mentions per article (map) and merged entities (reduce).

Map (:func:`find_mentions`): spaCy's PERSON / ORG / GPE+LOC+FAC entities of one parsed article,
trimmed ("the", possessives, titles moved to the role) and repaired where the small model is
reliably wrong: outlets tagged as people ("state newspaper Tuoi Tre", "X quoted Y as saying"),
acronyms tagged as people, a surname tagged as a place or organisation after the full name was
given as a person ("Nguyen Phu Trong ... Trong's office"), hyphenated place pairs ("U.S.-China").
An acronym defined in parentheses ("Belt and Road Initiative (BRI)") gets its long form as a mention
even when the tagger missed it. NORP (nationalities) are not entities.

Reduce (:func:`merge_entities`): mentions with the same key (see :mod:`newsbrief.names`) are one
name; a shorter name joins the unique longer name that contains it ("Xi" -> "Xi Jinping",
"Solvane" -> "Solvane Chemicals", an acronym -> its long form). When several longer names contain
it (two "Nguyen"s) each mention goes to the nearest full mention before it in its article, and
such an ambiguous short form is not listed as an alias. Places are never merged by containment
("China" is not "South China Sea").
"""

from __future__ import annotations

import bisect
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .models import AnnotatedArticle, Article, Entity, EntityType, Mention, Sentence
from .names import (
    MEDIA_NOUNS,
    NAME_FUNCTION_WORDS,
    ORG_HEAD_WORDS,
    PLACE_HEAD_WORDS,
    canonical_place,
    clean_name,
    contains_tokens,
    initials,
    is_acronym,
    is_honorific,
    is_title_word,
    make_key,
    split_key,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

_KINDS: dict[str, EntityType] = {
    "PERSON": "person",
    "ORG": "organization",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
}
_TYPE_ORDER: dict[str, int] = {"person": 0, "organization": 1, "place": 2}
# Longest name kept, in tokens; longer "names" are tagger run-ons (headline fragments).
_MAX_NAME_TOKENS = 8
# Longest role kept, in tokens: a title ("Communist Party General Secretary") or a short
# appositive ("a visiting fellow at ISEAS-Yusof Ishak Institute in Singapore" is 9).
_MAX_ROLE_TOKENS = 10
_ROLE_POS = frozenset({"PROPN", "NOUN", "ADJ"})
_ROLE_JOINERS = frozenset({"of", "for", "and", "&"})
_JUNK = ("http", "www.", "@", "icon", ".com")


# ----------------------------------------------------------------------------------------------
# map: mentions of one article


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
    drafts: list[_Draft] = []
    for ent in doc.ents:
        kind = _KINDS.get(ent.label_)
        if kind is None:
            continue
        draft = _draft_from_entity(ent, kind)
        if draft is not None:
            drafts.append(draft)
    drafts.extend(_acronym_long_forms(doc, drafts))
    drafts.extend(_titled_names(doc, drafts))
    drafts.sort(key=lambda d: (d.start, d.end))
    drafts = _split_place_pairs(doc, drafts)
    _retype_surnames(doc, drafts)
    drafts.extend(_untagged_surnames(doc, drafts))
    drafts.sort(key=lambda d: (d.start, d.end, d.chars or (0, 0)))
    starts = [s.start for s in sentences]
    body = article.body
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


def _draft_from_entity(ent: Span, kind: EntityType) -> _Draft | None:
    """Trim one spaCy entity to its name tokens, fix its type and find its role."""
    doc = ent.doc
    i, j = ent.start, ent.end
    # "World Health Organization (WHO": the acronym pass handles the parenthesis.
    j = next((k for k in range(i, j) if doc[k].text == "("), j)
    while i < j and (doc[i].lower_ == "the" or doc[i].is_punct):
        i += 1
    while j > i and (doc[j - 1].tag_ == "POS" or doc[j - 1].is_punct or doc[j - 1].text in ("'", "\u2019")):
        j -= 1
    if j <= i or j - i > _MAX_NAME_TOKENS:
        return None
    last = doc[j - 1].lower_
    if kind == "person":
        i = _title_prefix_end(doc, i, j)
        if is_acronym(doc[i:j].text) or last in ORG_HEAD_WORDS:
            kind = "organization"
    elif kind == "organization" and (last in PLACE_HEAD_WORDS or (j < len(doc) and doc[j].lower_ in PLACE_HEAD_WORDS)):
        kind = "place"
    elif kind == "organization" and _after_person_title(doc, i, j) and last not in ORG_HEAD_WORDS:
        kind = "person"  # "German Chancellor Olaf Scholz", tagged ORG by the small model
    if _is_media_name(doc, i, j):
        kind = "organization"
    role = _find_role(doc, i, j, ent.start) if kind == "person" else None
    return _Draft(i, j, kind, role)


def _title_prefix_end(doc: Doc, i: int, j: int) -> int:
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


def _after_person_title(doc: Doc, i: int, j: int) -> bool:
    """True for a two- or three-word proper name right after a capitalised title word."""
    return (
        i > 0
        and 2 <= j - i <= 3
        and doc[i - 1].text[:1].isupper()
        and is_title_word(doc[i - 1].text)
        and all(doc[k].pos_ == "PROPN" for k in range(i, j))
    )


def _is_media_name(doc: Doc, i: int, j: int) -> bool:
    """True when a PERSON-tagged name is an outlet: a media noun right before or after it in its
    noun phrase, or it is the subject of "quoted ... as saying"."""
    if j < len(doc) and doc[j].lower_ in MEDIA_NOUNS:
        return True
    k = i - 1
    while k >= 0 and i - k <= 4 and doc[k].pos_ in _ROLE_POS and doc[k].tag_ != "POS":
        if doc[k].lower_ in MEDIA_NOUNS:
            return True
        k -= 1
    root = doc[i:j].root
    head = root.head
    if root.dep_ == "nsubj" and head.lemma_ == "quote":
        return any(c.lower_ == "as" for c in head.children)
    return False


# Entity types that end a title when walking left from a name ("U.S. President", "Chinese leader").
_ROLE_STOP_ENTS = frozenset({"GPE", "NORP", "PERSON", "DATE", "TIME", "CARDINAL", "ORDINAL", "LOC", "MONEY"})


def _find_role(doc: Doc, i: int, j: int, ent_start: int) -> str | None:
    """The title or role the text gives a person: the title words right before the name
    ("Vietnamese Prime Minister Pham Minh Chinh" -> "Prime Minister"), else a short appositive
    ("Nguyen Phu Trong, the leader of Vietnam's ruling Communist Party")."""
    first = i
    k = i - 1
    while k >= 0 and i - k <= _MAX_ROLE_TOKENS:
        tok = doc[k]
        # Title words spaCy put inside the PERSON span ("President Xi") are role, not name.
        inside = k >= ent_start
        if tok.tag_ == "POS" or (tok.is_punct and not inside):
            break
        if tok.ent_type_ in _ROLE_STOP_ENTS and not inside:
            break
        if tok.lower_ in _ROLE_JOINERS:
            # "Minister of Trade and Industry": a joiner only between capitalised title words.
            left = doc[k - 1] if k > 0 else None
            # A sentence-initial capital says nothing ("Firefighters and Mayor ..."), unless the
            # word is itself a title ("Minister of Finance ...").
            if (
                left is None
                or not left.text[:1].isupper()
                or (left.is_sent_start and not is_title_word(left.text))
                or left.ent_type_ in _ROLE_STOP_ENTS
                or not doc[k + 1].text[:1].isupper()
            ):
                break
        elif tok.pos_ not in _ROLE_POS and not (inside or tok.text.endswith(".") and tok.text[:1].isupper()):
            break
        first = k
        k -= 1
    while first < i and is_honorific(doc[first].text):
        first += 1
    if first < i and any(doc[t].pos_ in ("NOUN", "PROPN") for t in range(first, i)) and _linked(doc, first, i, j):
        return doc[first:i].text
    return _appositive_role(doc, i, j)


def _linked(doc: Doc, first: int, i: int, j: int) -> bool:
    """True when the words before the name belong to its noun phrase (not, say, a verb's object
    that happens to precede it)."""
    names = set(range(i, j))
    root = doc[i:j].root
    return root.head.i in range(first, i) or any(doc[t].head.i in names for t in range(first, i))


def _appositive_role(doc: Doc, i: int, j: int) -> str | None:
    """A short appositive after the name: "Nguyen Khac Giang, a visiting fellow at ..."."""
    root = doc[i:j].root
    for child in root.children:
        if child.dep_ != "appos" or child.i < j or child.pos_ not in ("NOUN", "PROPN"):
            continue
        if child.ent_type_:
            continue
        toks = list(child.subtree)
        while toks and (toks[0].dep_ == "det" or toks[0].is_punct):
            toks = toks[1:]
        while toks and toks[-1].is_punct:
            toks = toks[:-1]
        if 0 < len(toks) <= _MAX_ROLE_TOKENS:
            return doc[toks[0].i : toks[-1].i + 1].text
    return None


def _acronym_long_forms(doc: Doc, drafts: Sequence[_Draft]) -> list[_Draft]:
    """Mentions for "Long Form (ACR)" definitions the tagger missed, plus the acronym itself."""
    covered = {t for d in drafts for t in range(d.start, d.end)}
    out: list[_Draft] = []
    for tok in doc:
        if tok.text != "(" or tok.i + 2 >= len(doc) or doc[tok.i + 2].text != ")":
            continue
        acr = doc[tok.i + 1]
        if not is_acronym(acr.text):
            continue
        k = tok.i - 1
        first = tok.i
        while k >= 0 and tok.i - k <= 10 and (doc[k].text[:1].isupper() or doc[k].lower_ in NAME_FUNCTION_WORDS):
            if doc[k].tag_ == "POS":
                break
            first = k
            k -= 1
        want = acr.text.replace(".", "")
        # The run may carry extra leading words ("China's Belt and Road ..."): try each start.
        for s in range(first, tok.i):
            if doc[s].lower_ in NAME_FUNCTION_WORDS or initials(doc[s : tok.i].text) != want:
                continue
            kind = _overlapping_kind(drafts, s, tok.i) or "organization"
            if not any(t in covered for t in range(s, tok.i)):
                out.append(_Draft(s, tok.i, kind, None))
            if acr.i not in covered:
                out.append(_Draft(acr.i, acr.i + 1, kind, None))
            break
    return out


def _overlapping_kind(drafts: Sequence[_Draft], s: int, e: int) -> EntityType | None:
    for d in drafts:
        if d.start < e and s < d.end:
            return d.type
    return None


def _split_place_pairs(doc: Doc, drafts: list[_Draft]) -> list[_Draft]:
    """Split a one-token place pair ("U.S.-China") into two places when each half is a place the
    article also names on its own (or a known country alias)."""
    places = {make_key(doc[d.start : d.end].text) for d in drafts if d.type == "place"}
    out: list[_Draft] = []
    for d in drafts:
        tok = doc[d.start]
        halves = tok.text.split("-")
        if (
            d.type == "place"
            and d.end - d.start == 1
            and len(halves) == 2
            and all(h[:1].isupper() and (make_key(h) in places or canonical_place(h)) for h in halves)
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
            if canonical_place(words[0]) is None and not is_acronym(doc[d.start].text):
                d.type = "person"
                d.role = _find_role(doc, d.start, d.end, d.start)


def _titled_names(doc: Doc, drafts: Sequence[_Draft]) -> list[_Draft]:
    """People the tagger missed right after a capitalised title or form of address ("Mayor Ana
    Ruiz toured", "Mr Modi said")."""
    covered = {t for d in drafts for t in range(d.start, d.end)}
    out: list[_Draft] = []
    for tok in doc:
        if tok.i in covered or tok.ent_type_ or not tok.text[:1].isupper():
            continue
        if not (is_title_word(tok.text) or is_honorific(tok.text)):
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
        if k == tok.i + 1 or (k < len(doc) and doc[k].lower_ in ORG_HEAD_WORDS | PLACE_HEAD_WORDS):
            continue
        if doc[k - 1].lower_ in ORG_HEAD_WORDS or k - tok.i > 3:
            continue
        out.append(_Draft(tok.i + 1, k, "person", _find_role(doc, tok.i + 1, k, tok.i + 1)))
    return out


def _untagged_surnames(doc: Doc, drafts: Sequence[_Draft]) -> list[_Draft]:
    """Mentions for a word of a person's full name written alone later in the article that the
    tagger left untagged ("Mayor Lucia Ferrant ... Ferrant said")."""
    covered = {t for d in drafts for t in range(d.start, d.end)}
    first_seen: dict[str, int] = {}
    for d in drafts:
        if d.type == "person" and d.end - d.start > 1 and d.chars is None:
            for k in range(d.start, d.end):
                w = doc[k].text
                if len(w) > 2 and w[:1].isupper() and not is_title_word(w):
                    first_seen.setdefault(w, d.end)
    out: list[_Draft] = []
    if not first_seen:
        return out
    for tok in doc:
        after = first_seen.get(tok.text)
        if after is None or tok.i < after or tok.i in covered or tok.ent_type_ or tok.pos_ != "PROPN":
            continue
        # Alone: not part of a longer capitalised name ("Ferrant Street").
        nb = [doc[k] for k in (tok.i - 1, tok.i + 1) if 0 <= k < len(doc)]
        if any(n.pos_ == "PROPN" and n.text[:1].isupper() for n in nb):
            continue
        out.append(_Draft(tok.i, tok.i + 1, "person", _find_role(doc, tok.i, tok.i + 1, tok.i)))
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
    # "COVID-19", "Vinbax-2023": a word glued to a number is a code, not a name.
    return not any(a.isalpha() and b == "-" and c.isdigit() for a, b, c in zip(text, text[1:], text[2:], strict=False))


# ----------------------------------------------------------------------------------------------
# reduce: entities of the story


@dataclass(frozen=True)
class _Ref:
    """One mention with its position in the story order."""

    article_order: int
    mention: Mention
    key: str


def merge_entities(annotated: Sequence[AnnotatedArticle]) -> tuple[Entity, ...]:
    """Merge the mentions of all articles into entities, one per real-world name.

    Sorted people first, then organisations, then places; within a type by mentions (most first),
    then name."""
    clusters, ambiguous = _cluster(annotated)
    entities = [_make_entity(refs, ambiguous) for refs in clusters.values()]
    entities.sort(key=lambda e: (_TYPE_ORDER[e.type], -e.mentions, e.name))
    return tuple(entities)


def _story_refs(annotated: Sequence[AnnotatedArticle]) -> list[_Ref]:
    order = sorted(range(len(annotated)), key=lambda k: annotated[k].article.id)
    refs: list[_Ref] = []
    for rank, k in enumerate(order):
        for m in sorted(annotated[k].mentions, key=lambda m: m.start):
            refs.append(_Ref(rank, m, make_key(m.text)))
    return refs


def _cluster(annotated: Sequence[AnnotatedArticle]) -> tuple[dict[str, list[_Ref]], set[str]]:
    """Group the story's mentions by the key of the name they resolve to.

    Returns the clusters and the set of short keys that were ambiguous (several full names)."""
    refs = _story_refs(annotated)
    types: dict[str, Counter[str]] = defaultdict(Counter)
    surfaces: dict[str, str] = {}
    for r in refs:
        types[r.key][r.mention.type] += 1
        surfaces.setdefault(r.key, r.mention.text)
    key_type = {k: _vote(c) for k, c in types.items()}
    tokens = {k: split_key(k) for k in key_type}
    parents = _parents(key_type, tokens, surfaces)
    ambiguous = {k for k, ps in parents.items() if len(ps) > 1}
    # Full mentions per article, in order, for resolving an ambiguous short name by context.
    by_article: dict[int, list[_Ref]] = defaultdict(list)
    for r in refs:
        by_article[r.article_order].append(r)
    clusters: dict[str, list[_Ref]] = defaultdict(list)
    for r in refs:
        ps = parents.get(r.key, ())
        target = r.key
        if len(ps) == 1:
            target = ps[0]
        elif len(ps) > 1:
            target = _nearest_full(r, by_article[r.article_order], ps) or r.key
        clusters[target].append(r)
    return clusters, ambiguous


# Tie-break of the type vote: the small model tags unfamiliar places as ORG far more often than
# it tags organisations as places (seen on the demo's "Ostra river" / "Lantern Row").
_TIE_PRIORITY: dict[str, int] = {"person": 0, "place": 1, "organization": 2}


def _vote(c: Counter[str]) -> EntityType:
    """The majority type of a name's mentions."""
    best = max(c.items(), key=lambda kv: (kv[1], -_TIE_PRIORITY[kv[0]]))[0]
    return best  # type: ignore[return-value]


def _parents(key_type: dict[str, EntityType], tokens: dict[str, tuple[str, ...]], surfaces: dict[str, str]) -> dict[str, tuple[str, ...]]:
    """For each short key, the maximal longer keys of the same type that contain it.

    Indexed by word so the search is linear in the number of names, not quadratic."""
    by_word: dict[str, list[str]] = defaultdict(list)
    by_initials: dict[str, list[str]] = defaultdict(list)
    for k, toks in tokens.items():
        if len(toks) > 1:
            for w in set(toks):
                by_word[w].append(k)
            if key_type[k] != "place":
                by_initials[initials(surfaces[k])].append(k)
    out: dict[str, tuple[str, ...]] = {}
    for k, toks in tokens.items():
        kind = key_type[k]
        cands: set[str] = set()
        if kind != "place" and toks:
            for long in by_word.get(toks[0], ()):
                if key_type[long] == kind and contains_tokens(toks, tokens[long]):
                    cands.add(long)
        if is_acronym(surfaces[k]):
            cands.update(long for long in by_initials.get(surfaces[k].replace(".", ""), ()) if long != k)
        if not cands:
            continue
        maximal = sorted(c for c in cands if not any(c != d and contains_tokens(tokens[c], tokens[d]) for d in cands))
        out[k] = tuple(maximal)
    return out


def _nearest_full(r: _Ref, article_refs: list[_Ref], candidates: Iterable[str]) -> str | None:
    """The candidate full name mentioned nearest before ``r`` in its article (else after it)."""
    wanted = set(candidates)
    before = [x for x in article_refs if x.key in wanted and x.mention.start < r.mention.start]
    if before:
        return before[-1].key
    after = [x for x in article_refs if x.key in wanted]
    return after[0].key if after else None


def _make_entity(refs: list[_Ref], ambiguous: set[str]) -> Entity:
    kind = _vote(Counter(r.mention.type for r in refs))
    forms: dict[str, Counter[str]] = defaultdict(Counter)  # key -> surface spellings
    for r in refs:
        forms[r.key][clean_name(r.mention.text)] += 1
    keys = list(forms)
    counts = {k: sum(forms[k].values()) for k in keys}
    name = _pick_name(keys, counts, forms, kind)
    name_key = make_key(name)
    aliases: dict[str, str] = {name.casefold(): name}
    for k in keys:
        if k in ambiguous:
            continue
        # Every spelling counts ("US", "U.S." for "United States"), case variants once.
        for spelling in sorted(forms[k], key=lambda x: (-forms[k][x], x)):
            if not (spelling.isupper() and len(spelling) > 4 and spelling.casefold() in aliases):
                aliases.setdefault(spelling.casefold(), spelling)
    for r in refs:
        # "President Xi": a formal title before a short form is how readers know the person.
        if kind == "person" and r.key != name_key and r.key not in ambiguous and r.mention.role:
            role = r.mention.role
            if role[:1].isupper() and len(role.split()) <= 3:
                alias = f"{role} {clean_name(r.mention.text)}"
                aliases.setdefault(alias.casefold(), alias)
    roles = Counter(r.mention.role for r in refs if r.mention.role)
    first_seen: dict[str, tuple[int, int]] = {}
    for r in refs:
        if r.mention.role:
            first_seen.setdefault(r.mention.role, (r.article_order, r.mention.start))
    role = min(roles, key=lambda x: (-roles[x], first_seen[x])) if roles and kind == "person" else None
    del aliases[name.casefold()]
    return Entity(
        name=name,
        type=kind,
        aliases=tuple(sorted(aliases.values(), key=lambda a: (a.casefold(), a))),
        role=role,
        mentions=len(refs),
        sources=tuple(sorted({r.mention.article_id for r in refs})),
    )


def _pick_name(keys: list[str], counts: dict[str, int], forms: dict[str, Counter[str]], kind: EntityType) -> str:
    """The longest frequent full form: among forms no other form contains, the most mentioned
    (ties: more words, then alphabetical)."""
    if kind == "place":
        for k in keys:
            canon = canonical_place(k)
            if canon:
                return canon
    toks = {k: split_key(k) for k in keys}
    maximal = [k for k in keys if not any(contains_tokens(toks[k], toks[o]) for o in keys if o != k)]
    pool = maximal or keys
    # An acronym names the entity only when no long form of it was written.
    spelled = [k for k in pool if not is_acronym(_spelling(forms[k]))]
    pool = spelled or pool
    best = min(pool, key=lambda k: (-counts[k], -len(toks[k]), k))
    return _spelling(forms[best])


def _spelling(c: Counter[str]) -> str:
    """The most frequent spelling of one name, preferring mixed case over ALL CAPS datelines."""
    return min(c, key=lambda s: (s.isupper() and len(s) > 4, -c[s], s))


# ----------------------------------------------------------------------------------------------
# linking names back to entities (used by quotes)


def index_entities(entities: Sequence[Entity]) -> dict[str, Entity]:
    """Map the key of every entity name and alias to its entity (first entity wins on a clash)."""
    index: dict[str, Entity] = {}
    for e in entities:
        index.setdefault(make_key(e.name), e)
    for e in entities:
        for a in e.aliases:
            index.setdefault(make_key(a), e)
    return index


def resolve_name(
    name: str, position: int, mentions: Sequence[Mention], index: dict[str, Entity]
) -> Entity | None:
    """The entity a name written at ``position`` of an article refers to.

    A name that is not itself a known name or alias (an ambiguous surname) goes to the nearest
    full mention before it in the same article whose words contain it."""
    key = make_key(name)
    hit = index.get(key)
    if hit is not None:
        return hit
    words = split_key(key)
    best: tuple[int, Entity] | None = None
    for m in mentions:
        mk = make_key(m.text)
        ent = index.get(mk)
        if ent is None or not contains_tokens(words, split_key(mk)):
            continue
        # Before the position first (distance), then after it (penalised).
        dist = position - m.start if m.start <= position else 10**9 + m.start - position
        if best is None or dist < best[0]:
            best = (dist, ent)
    return best[1] if best else None
