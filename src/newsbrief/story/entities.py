"""People, organisations and places merged across the articles of a story (who's who).

The map half (``find_mentions``, one article) lives in :mod:`newsbrief.annotate.mentions`. The
reduce half (:func:`merge_entities`):

- mentions with the same key (see :mod:`newsbrief.annotate.names`: case, "the", possessives and country
  spellings folded) are one name, and so are keys that spell one name in two romanisations
  (:mod:`newsbrief.story.spellings`: "Muammar Qaddafi" / "Moammar Gadhafi", "Zawiyah" /
  "al-Zawiya"; one-word names only within people or within organisations and places);
- a short given name and the one full form the story writes with the same surname are one
  person ("Ed Chernoff", "Edward Chernoff": :func:`newsbrief.story.spellings.full_given_names`);
- a name the story also writes with a company's legal suffix ("Novartis AG") is an organisation,
  and so are its first words, whatever the tagger typed them (``_find_companies``);
- the words around a name say what it is, in any article of the story (:mod:`newsbrief.story.kind_cues`):
  "shares of X", "on Twitter", "rival drugmaker X" make an organisation; "the drug X" a product,
  which is no entity here; "the harbour master, X, said" a person;
- a lone surname the tagger typed as an organisation or place, that speaks ("Ruiz said") and is
  the last word of exactly one person's full name in the story, is that person;
- a shorter name joins the unique longer name of the same type that contains it ("Xi" -> "Xi
  Jinping", "Solvane" -> "Solvane Chemicals"; for people also a surname in another spelling and
  first and last names without the middle: "Saif Gadhafi" -> "Saif al-Islam Gadhafi"); an acronym
  joins its long form ("BRI" -> "Belt and Road Initiative"), never a person's name whose initials
  it happens to be ("GP", a doctor, is no "Graeme Pacitti"). Places are never merged by
  containment ("China" is not "South China Sea");
- when several longer names contain it (a father and his son) each mention goes to the full name
  the story mentions far more than the others (``DOMINANT_RATIO``) when its article names that one
  too, unless another was named earlier in the same sentence ("Saif Gadhafi said ..., and Gadhafi
  added"); else to the nearest full mention before it in its article (any longer form), else to
  the dominant one, else to the one mentioned most; such an ambiguous short form is not listed
  as an alias;
- an acronym joins only its long form, and an organisation's name of several words written more
  often than the longer names holding it stays itself ("United Nations", "White House");
- types are voted over all mentions of a name, and a name typed place in a third of them that no
  title, full name or acronym makes a person or organisation is a place ("al-Brega");
- a news medium (an input's outlet or credit, or a name the story writes as a newsroom: its
  reporters, datelines, what it "could not confirm") counts only its mentions as an actor, not as
  the narrator or a source ("told CNN", "according to Reuters"), and is left out when it has none
  (:mod:`newsbrief.story.media`);
- the canonical name is the longest frequent full form; aliases are the other spellings plus a
  title with a short form ("President Xi"); the role is the most frequent one, a family tie
  ("son") only when no other role is written twice.

:func:`index_entities` and :func:`resolve_name` link a name written in an article back to its
entity (used by :mod:`newsbrief.annotate.quotes`).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from newsbrief.models import AnnotatedArticle, Entity, EntityType, Mention
from newsbrief.annotate.roles import KIN_NOUNS, role_head
from newsbrief.story import media, org_names
from newsbrief.story.context import StoryContext
from newsbrief.story.kind_cues import CUE_TYPES, NamedMention, decide_kinds
from newsbrief.story.surname_people import addressed_people, speaking_surnames
from newsbrief.story.spellings import fold_key, full_given_names, is_part_of, match_tokens, match_word
from newsbrief.annotate.names import (
    find_canonical_place,
    is_title_word,
    clean_name,
    contains_tokens,
    get_initials,
    is_acronym,
    make_key,
    split_key,
)

_TYPE_ORDER: dict[str, int] = {"person": 0, "organization": 1, "place": 2}


@dataclass(frozen=True)
class _Ref:
    """One mention with its position in the story order."""

    article_order: int
    mention: Mention
    key: str


def merge_entities(story: StoryContext) -> tuple[Entity, ...]:
    """Merge the mentions of all articles into entities, one per real-world name.

    Sorted people first, then organisations, then places; within a type by mentions (most first),
    then name."""
    clusters, ambiguous, key_type = _cluster_mentions(story.annotated)
    entities = [_make_entity(refs, ambiguous, key_type.get(key)) for key, refs in clusters.items()]
    entities = media.discount_media(entities, [[r.mention for r in refs] for refs in clusters.values()], story.annotated)
    entities.sort(key=lambda e: (_TYPE_ORDER[e.type], -e.mentions, e.name))
    return tuple(entities)


def _collect_refs(annotated: Sequence[AnnotatedArticle]) -> list[_Ref]:
    order = sorted(range(len(annotated)), key=lambda k: annotated[k].article.id)
    refs: list[_Ref] = []
    for rank, k in enumerate(order):
        for m in sorted(annotated[k].mentions, key=lambda m: m.start):
            refs.append(_Ref(rank, m, make_key(m.text)))
    return refs


def _people_by_surname(refs: list[_Ref], annotated: Sequence[AnnotatedArticle]) -> list[_Ref]:
    """Mentions of a lone surname or an addressed name ("Dr Varga") the tagger typed as an
    organisation or a place, retyped as the person the story names (:mod:`newsbrief.story.surname_people`)."""
    speaking = speaking_surnames(refs, annotated)
    refs = [
        _Ref(r.article_order, replace(r.mention, type="person"), r.key) if r.key in speaking and r.mention.type != "person" else r
        for r in refs
    ]
    # "Dr Varga" typed as an organisation beside the person "Ines Varga": "Varga", a person.
    addressed = addressed_people(refs)
    for k, r in enumerate(refs):
        if r.key in addressed:
            key, cut = addressed[r.key]
            m = r.mention
            refs[k] = _Ref(r.article_order, replace(m, type="person", start=m.start + cut, text=m.text[cut:]), key)
    return refs


def _apply_kind_cues(refs: list[_Ref], annotated: Sequence[AnnotatedArticle]) -> list[_Ref]:
    """Mentions retyped (or left out) by what the words around their name say it is
    (:func:`newsbrief.story.kind_cues.decide_kinds`): a company is an organisation, a product (a
    drug, an app) is none of the three kinds, a person after a role noun is a person, a person's
    name before "river" or "airport" is a place."""
    bodies = {a.article.id: a.article.body for a in annotated}
    decided = decide_kinds([
        NamedMention(r.key, r.mention.text, r.mention.type, bool(r.mention.role and any(is_title_word(w) for w in r.mention.role.split())),
                     bodies.get(r.mention.article_id, ""), r.mention.start, r.mention.end, bool(r.mention.role))
        for r in refs
    ])
    if not decided:
        return refs
    out: list[_Ref] = []
    for r in refs:
        said = decided.get(r.key)
        if said == "product":
            continue
        kind: EntityType | None = CUE_TYPES.get(said or "")
        if kind == r.mention.type or (kind == "place" and r.mention.type != "person"):
            kind = None  # a place cue retypes only a name typed as a person (kind_cues.decide_kinds)
        out.append(_Ref(r.article_order, replace(r.mention, type=kind), r.key) if kind else r)
    return out


def _cluster_mentions(annotated: Sequence[AnnotatedArticle]) -> tuple[dict[str, list[_Ref]], set[str], dict[str, EntityType]]:
    """Group the story's mentions by the key of the name they resolve to.

    Returns the clusters, the set of short keys that were ambiguous (several full names) and the
    type each key was given."""
    refs = _apply_kind_cues(_people_by_surname(_merge_spellings(_collect_refs(annotated)), annotated), annotated)
    types: dict[str, Counter[str]] = defaultdict(Counter)
    surfaces: dict[str, str] = {}
    for r in refs:
        types[r.key][r.mention.type] += 1
        surfaces.setdefault(r.key, r.mention.text)
    key_type = {k: _vote_type(c) for k, c in types.items()}
    for k in _find_written_places(refs, types):
        key_type[k] = "place"
    for k in _find_companies(refs, key_type):
        key_type[k] = "organization"
    tokens = {k: split_key(k) for k in key_type}
    containers = _find_parents(key_type, tokens, surfaces)
    counts = {k: sum(c.values()) for k, c in types.items()}
    # An organisation's name of several words written far more often than the longer names
    # holding it (``DOMINANT_RATIO`` times, ``MIN_OWN_NAME`` mentions at least) is a name in its
    # own right ("United Nations" beside "United Nations Security
    # Council", "White House" beside a run-on "White House National Security"); a one-word short
    # form ("Solvane" for "Solvane Chemicals") and a person's surname still join.
    # So is a person's full name beside a rare longer one holding it ("Michael Jackson" beside his
    # son "Prince Michael Jackson II", "Conrad Murray" beside a run-on "Conrad Murray Jackson").
    # Words by spaces: "al-Obeidy" is one word, a surname, and joins "Eman al-Obeidy".
    for k in [k for k in containers if key_type[k] in ("organization", "person") and len(k.split()) > 1]:
        if counts[k] >= MIN_OWN_NAME and all(counts[k] >= DOMINANT_RATIO * counts[c] for c in containers[k]):
            del containers[k]
    # A candidate that stands as its own name is never hidden behind a longer one ("Rainsy" has
    # two parents when "Sam Rainsy" stays itself beside a run-on "Sam Ram Rainsy").
    parents = {k: _maximal(cs, tokens, key_type, set(containers)) for k, cs in containers.items()}
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
            arts = by_article[r.article_order]
            near = _find_nearest_full(r, arts, containers[r.key])
            if near is not None:
                up = parents.get(near, ())
                near = up[0] if len(up) == 1 else near  # the one name the nearest form is part of
            top = _pick_dominant(ps, counts)
            if top is not None and near is not None and not _in_sentence_after(r, near, arts) and top in _count_named(ps, arts, parents):
                # "Moammar Gadhafi ... his son Saif al-Islam Gadhafi ... Gadhafi said": the story's
                # dominant bearer of the surname when the article names him, not the son named
                # last (unless the son was named earlier in the same sentence).
                target = top
            else:
                # No full form in the article and none dominant: the one mentioned most ("Obama"
                # beside "Barack Obama" 5 times and "Michelle Obama" twice), if one is.
                target = near or top or _pick_dominant(ps, counts, ratio=1) or r.key
        if key_type[target] == "person" != key_type[r.key]:
            # An acronym is no person's initials ("GP", a doctor, beside "Graeme Pacitti"); a
            # person's name among its long forms still makes it ambiguous ("BA" joins British
            # Airways only where the article or the story's counts say so).
            target = r.key
        clusters[target].append(r)
    return clusters, ambiguous, key_type


# Share of a name's mentions typed as places that makes it a place when nothing says it is a
# person: the small model types an unfamiliar town as a person ("the aircraft targeted al-Brega")
# about as often as a place ("in the city of al-Brega"), a person as a place far more rarely.
PLACE_SHARE = 1 / 3


def _find_written_places(refs: list[_Ref], types: dict[str, Counter[str]]) -> set[str]:
    """Keys voted person or organisation that are places: typed place in at least ``PLACE_SHARE``
    of their mentions, never given a person's title ("President", "Gen."), not an acronym, and not
    the last word of a person's full name in the story."""
    titled: set[str] = set()
    surnames: set[str] = set()
    acronyms: set[str] = set()
    for r in refs:
        if is_acronym(r.mention.text):
            acronyms.add(r.key)
        if r.mention.role and any(is_title_word(w) for w in r.mention.role.split()):
            titled.add(r.key)
        toks = match_tokens(r.key)
        if r.mention.type == "person" and len(toks) > 1:
            surnames.add(toks[-1])
    out: set[str] = set()
    for k, c in types.items():
        total = sum(c.values())
        if _vote_type(c) == "place" or c["place"] < PLACE_SHARE * total:
            continue
        words = match_tokens(k)
        if k in titled or (len(words) == 1 and words[0] in surnames) or k in acronyms:
            continue
        out.add(k)
    return out


# What a company's legal name ends on ("Novartis AG", "GlaxoSmithKline Plc", "Baxter International Inc").
COMPANY_SUFFIXES = frozenset("ag plc inc ltd corp co sa nv gmbh llc spa bv".split())


def _find_companies(refs: list[_Ref], key_type: dict[str, EntityType]) -> set[str]:
    """Keys that are companies whatever the tagger typed them: written somewhere in the story with
    a company's legal suffix ("Novartis AG"), or the first words of such a name ("Novartis",
    "Baxter" of "Baxter International Inc"), never given a person's title and not the last word
    of a person's full name in the story (the small model types a one-word company a person as
    often as not)."""
    heads: set[tuple[str, ...]] = set()
    for k in key_type:
        toks = split_key(k)
        if len(toks) > 1 and toks[-1].rstrip(".") in COMPANY_SUFFIXES:
            heads.update(toks[:n] for n in range(1, len(toks) + 1))
    if not heads:
        return set()
    titled: set[str] = set()
    surnames: set[str] = set()
    for r in refs:
        if r.mention.role and any(is_title_word(w) for w in r.mention.role.split()):
            titled.add(r.key)
        toks = split_key(r.key)
        if r.mention.type == "person" and len(toks) > 1 and toks[-1].rstrip(".") not in COMPANY_SUFFIXES:
            surnames.add(toks[-1])
    return {
        k for k, t in key_type.items()
        if t == "person" and split_key(k) in heads and k not in titled
        and not (len(split_key(k)) == 1 and k in surnames)
    }


# Tie-break of the type vote: the small model tags unfamiliar places as ORG far more often than
# it tags organisations as places (seen on the demo's "Ostra river" / "Lantern Row").
_TIE_PRIORITY: dict[str, int] = {"person": 0, "place": 1, "organization": 2}


def _vote_type(c: Counter[str]) -> EntityType:
    """The majority type of a name's mentions."""
    best: EntityType = max(c.items(), key=lambda kv: (kv[1], -_TIE_PRIORITY[kv[0]]))[0]  # type: ignore[assignment]
    return best


def _find_parents(key_type: dict[str, EntityType], tokens: dict[str, tuple[str, ...]], surfaces: dict[str, str]) -> dict[str, tuple[str, ...]]:
    """For each short key, the longer keys of the same type that contain it (or that it is the
    acronym of); :func:`_maximal` keeps those no other contains.

    Indexed by word so the search is linear in the number of names, not quadratic."""
    by_word: dict[str, list[str]] = defaultdict(list)
    by_initials: dict[str, list[str]] = defaultdict(list)
    for k, toks in tokens.items():
        if len(toks) > 1:
            for w in set(toks) | {match_word(toks[-1])}:
                by_word[w].append(k)
            by_initials[get_initials(surfaces[k])].append(k)
    out: dict[str, tuple[str, ...]] = {}
    for k, toks in tokens.items():
        kind = key_type[k]
        cands: set[str] = set()
        # An acronym joins only its long form ("CNN" is not "CNN Student News").
        if kind != "place" and toks and not is_acronym(surfaces[k]):
            heads = {toks[0], match_word(toks[0])} if len(toks) == 1 else {toks[0]}
            for long in {x for w in heads for x in by_word.get(w, ())}:
                if key_type[long] == kind and is_part_of(toks, tokens[long], kind == "person"):
                    cands.add(long)
        if is_acronym(surfaces[k]):
            cands.update(long for long in by_initials.get(surfaces[k].replace(".", ""), ()) if long != k)
        if cands:
            out[k] = tuple(sorted(cands))
    return out


def _maximal(
    cands: Iterable[str], tokens: dict[str, tuple[str, ...]], key_type: dict[str, EntityType], joining: set[str]
) -> tuple[str, ...]:
    """The candidates no other candidate contains ("Saif Gadhafi" is part of "Saif al-Islam
    Gadhafi", so "Saif" has one parent, not two); a candidate not in ``joining`` (it stands as
    its own name) always counts."""
    pool = list(cands)
    return tuple(
        sorted(
            c
            for c in pool
            if c not in joining or not any(c != d and is_part_of(tokens[c], tokens[d], key_type[c] == "person") for d in pool)
        )
    )


# A short name written in an article that gives no full form goes to the full name the story
# mentions most when that one is mentioned at least this many times as often as any other: in a
# war's archive "Gadhafi" alone is the leader, not one of his sons.
DOMINANT_RATIO = 3
# Mentions an organisation's short name needs to stand apart from a longer name holding it.
MIN_OWN_NAME = 5


def _pick_dominant(candidates: Sequence[str], counts: dict[str, int], ratio: float = DOMINANT_RATIO) -> str | None:
    """The candidate mentioned ``ratio`` times as often as every other (strictly more often for
    a ratio of 1), else None."""
    ranked = sorted(candidates, key=lambda k: (-counts.get(k, 0), k))
    if len(ranked) > 1 and (
        counts.get(ranked[0], 0) < ratio * counts.get(ranked[1], 0) or counts.get(ranked[0], 0) == counts.get(ranked[1], 0)
    ):
        return None
    return ranked[0]


def _in_sentence_after(r: _Ref, key: str, article_refs: list[_Ref]) -> bool:
    """True when ``key`` is written earlier in the sentence of ``r``."""
    m = r.mention
    return any(x.key == key and x.mention.sentence == m.sentence and x.mention.start < m.start for x in article_refs)


def _count_named(candidates: Sequence[str], article_refs: list[_Ref], parents: dict[str, tuple[str, ...]]) -> Counter[str]:
    """How often the article writes each candidate full name, itself or a form that is part of
    it alone ("Saif Gadhafi" counts for "Saif al-Islam Gadhafi")."""
    wanted = set(candidates)
    out: Counter[str] = Counter()
    for x in article_refs:
        up = parents.get(x.key, ())
        key = x.key if x.key in wanted else (up[0] if len(up) == 1 else None)
        if key in wanted:
            out[key] += 1
    return out


def _merge_spellings(refs: list[_Ref]) -> list[_Ref]:
    """Mentions re-keyed so that spellings of one name share a key ("Muammar Qaddafi" with
    "Moammar Gadhafi", "Zawiyah" with "al-Zawiya"): keys with one folded form
    (:func:`newsbrief.story.spellings.fold_key`) take the key mentioned most."""
    types: dict[str, Counter[str]] = defaultdict(Counter)
    for r in refs:
        types[r.key][r.mention.type] += 1
    # One word: people with people, organisations with places (which the tagger confuses:
    # "al-Mahdiya" ORG, "Mahdiyah" GPE); a spelling typed place often enough is a place
    # (``_find_written_places``: "al-Zawiya" is voted a person by a hair, "Zawiya" a place).
    # Names of several words agreeing word for word are one name whatever their types.
    written = _find_written_places(refs, types)
    # A name of three words or more that is not a person's is one name in any order of its
    # words ("National Transitional Council" / "Transitional National Council"); people's names
    # are not reordered (two people may share two given names).
    groups: dict[tuple[bool | None, str], list[str]] = defaultdict(list)
    for k, c in types.items():
        folded = fold_key(k)
        if folded:
            person = None if " " in folded else _vote_type(c) == "person" and k not in written
            groups[(person, folded)].append(k)
            words = folded.split()
            if len(words) >= 3 and _vote_type(c) != "person":
                groups[(False, " ".join(sorted(words)))].append(k)
    parent: dict[str, str] = {}

    def find(k: str) -> str:
        while parent.get(k, k) != k:
            k = parent[k]
        return k

    for keys in groups.values():
        for k in keys[1:]:
            a, b = find(keys[0]), find(k)
            if a != b:
                parent[b] = a
    # A short given name beside the one full form the story writes with the same surname ("Ed
    # Chernoff", "Edward Chernoff"): one person.
    people = {tuple(k.split()): k for k, c in types.items() if _vote_type(c) == "person" and k not in written}
    for toks, k in people.items():
        if len(toks) < 2:
            continue
        fulls = [people[full] for f in full_given_names(toks[0]) if (full := (f, *toks[1:])) in people]
        if len(fulls) == 1:
            a, b = find(fulls[0]), find(k)
            if a != b:
                parent[b] = a
    members: dict[str, list[str]] = defaultdict(list)
    for k in types:
        members[find(k)].append(k)
    rename: dict[str, str] = {}
    for keys in members.values():
        if len(keys) > 1:
            head = min(keys, key=lambda k: (-sum(types[k].values()), k))
            rename.update({k: head for k in keys if k != head})
    if not rename:
        return refs
    return [_Ref(r.article_order, r.mention, rename[r.key]) if r.key in rename else r for r in refs]


def _find_nearest_full(r: _Ref, article_refs: list[_Ref], candidates: Iterable[str]) -> str | None:
    """The candidate full name mentioned nearest before ``r`` in its article (else after it)."""
    wanted = set(candidates)
    before = [x for x in article_refs if x.key in wanted and x.mention.start < r.mention.start]
    if before:
        return before[-1].key
    after = [x for x in article_refs if x.key in wanted]
    return after[0].key if after else None


# A person's role that is a bare title is written on at least one in this many of their mentions.
MIN_ROLE_SHARE = 50


def _make_entity(refs: list[_Ref], ambiguous: set[str], written: EntityType | None = None) -> Entity:
    kind = _vote_type(Counter(r.mention.type for r in refs))
    if written == "place" and kind != "place" and all(r.key == refs[0].key for r in refs):
        kind = "place"  # a name written as a place (``_find_written_places``) and nothing merged in
    if written == "organization" and kind == "person" and any(split_key(r.key)[-1].rstrip(".") in COMPANY_SUFFIXES for r in refs):
        kind = "organization"  # a company (``_find_companies``) its short form's votes would make a person
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
            title = r.mention.role
            # Not a family tie ("Jackson's brother Jermaine" is how the role reads, not a name).
            if title[:1].isupper() and len(title.split()) <= 3 and role_head(title) not in KIN_NOUNS:
                alias = f"{title} {clean_name(r.mention.text)}"
                aliases.setdefault(alias.casefold(), alias)
    # The most frequent role, a family tie ("his brother", "son") only when no other role is
    # written twice (it says whose only beside the other name); ties go to the one written first.
    roles: Counter[str] = Counter()
    first_seen: dict[str, tuple[int, int]] = {}
    for r in refs:
        if r.mention.role:
            roles[r.mention.role] += 1
            first_seen.setdefault(r.mention.role, (r.article_order, r.mention.start))
    role: str | None = None
    if roles and kind == "person":
        kin = {x for x in roles if role_head(x) in KIN_NOUNS}
        all_roles = Counter(roles)
        # A family tie that does not say whose ("daughter", "your daughter") says nothing here.
        roles = Counter({x: n for x, n in roles.items() if x not in kin or any(w[:1].isupper() and w.casefold() not in KIN_NOUNS for w in x.split())})
        if any(roles[x] >= 2 for x in roles if x not in kin):
            roles = Counter({x: n for x, n in roles.items() if x not in kin})
        role = min(roles, key=lambda x: (-roles[x], first_seen[x])) if roles else None
        # A title read from one odd sentence (a namesake's "Prince Michael Jackson II", a name in
        # a quote) is not how a story that names someone hundreds of times knows them.
        # A family tie that says whose counts the bare ties of its kind too ("son" 7 times, "son
        # of Libyan leader Moammar Gadhafi" once).
        support = roles[role] if role is not None else 0
        if role is not None and role in kin:
            support += sum(n for x, n in all_roles.items() if x != role and role_head(x) == role_head(role))
        # Only a bare title ("Prince") is held to the share: a description ("cardiologist") is
        # no honorific a namesake carries.
        bare_title = role is not None and len(role.split()) == 1 and is_title_word(role)
        if bare_title and support * MIN_ROLE_SHARE < len(refs):
            role = None
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
            canon = find_canonical_place(k)
            if canon:
                return canon
    keys = org_names.naming_forms(keys, counts) if kind == "organization" else keys  # no one-off longer form
    toks = {k: split_key(k) for k in keys}
    maximal = [k for k in keys if not any(is_part_of(toks[k], toks[o], kind == "person") for o in keys if o != k)]
    pool = maximal or keys
    # An acronym names the entity only when no long form of it was written.
    spelled = [k for k in pool if not is_acronym(_pick_spelling(forms[k]))]
    pool = spelled or pool
    best = min(pool, key=lambda k: (-counts[k], -len(toks[k]), k))
    name = _pick_spelling(forms[best])
    if kind == "place" and name.isupper() and len(name) > 4:
        name = name.title()  # a dateline ("BRUSSELS -") was the only spelling
    return name


def _pick_spelling(c: Counter[str]) -> str:
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
    full mention before it in the same article whose words contain it, else to the story's one
    person whose full name contains it (none when two could be meant)."""
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
    if best is not None:
        return best[1]
    # A surname alone in an article that never wrote the full name ("Reyes said" after another
    # outlet's "Transport Minister Alma Reyes"): the story's one person whose name holds it.
    people = {id(e): e for e in index.values() if e.type == "person" and len(words) < len(split_key(make_key(e.name))) and contains_tokens(words, split_key(make_key(e.name)))}
    return next(iter(people.values())) if len(people) == 1 else None
