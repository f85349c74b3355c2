"""The role a text gives a person: a title before the name or a noun phrase in apposition.

"Vietnamese Prime Minister Pham Minh Chinh" -> "Prime Minister"; "U.N. Secretary-General Ban
Ki-moon" -> "U.N. Secretary-General" (a hyphenated title is one word, never its last half);
"Nguyen Phu Trong, the leader of Vietnam's ruling Communist Party" -> that appositive.

A title before a name must be a role: its head (the last word before a preposition) is a title
word (:data:`newsbrief.annotate.names.TITLE_WORDS`) or one of :data:`ROLE_NOUNS`, a closed list of
jobs, ranks and family ties. Time words are never a role ("Today Zawiya", "Monday Obama said").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsbrief.annotate.names import TITLE_WORDS, is_honorific, is_title_word

if TYPE_CHECKING:
    from spacy.tokens import Doc

# Longest role kept, in tokens: a title ("Communist Party General Secretary") or a short
# appositive ("a visiting fellow at ISEAS-Yusof Ishak Institute in Singapore" is 10).
MAX_ROLE_TOKENS = 10
ROLE_POS = frozenset({"PROPN", "NOUN", "ADJ"})
_ROLE_JOINERS = frozenset({"of", "for", "and", "&"})
# Entity types that end a title when walking left from a name ("U.S. President", "Chinese leader").
_ROLE_STOP_ENTS = frozenset({"GPE", "NORP", "PERSON", "DATE", "TIME", "CARDINAL", "ORDINAL", "LOC", "MONEY"})

# Heads of a role written before a name besides the title words: jobs, ranks, callings and family
# ties as news writes them ("government spokesman", "his son", "rebel commander"). Closed on
# purpose: a capitalised word before a name that is none of these is no role.
ROLE_NOUNS: frozenset[str] = frozenset(
    """
    leader strongman dictator ruler monarch regent head boss founder co-founder owner manager
    executive official aide adviser advisor analyst expert economist scientist researcher
    lecturer teacher student doctor physician surgeon nurse paramedic lawyer prosecutor lawmaker
    legislator politician candidate nominee diplomat negotiator mediator soldier fighter rebel
    militant activist protester protestor campaigner dissident blogger journalist reporter
    correspondent editor columnist writer author novelist poet photographer producer director
    presenter anchor host singer star actor actress musician composer artist dancer player coach
    striker goalkeeper referee athlete champion pilot driver worker farmer resident witness
    survivor victim mother father son daughter wife husband brother sister uncle aunt cousin
    nephew niece grandson granddaughter grandfather grandmother widow widower child boy girl man
    woman friend partner fiancee fiance girlfriend boyfriend colleague delegate member
    councillor councilor alderman treasurer cleric imam priest rabbi pastor preacher mufti monk
    nun banker investor entrepreneur businessman businesswoman tycoon billionaire magnate cfo coo
    sheriff detective investigator agent coroner pathologist magistrate juror defendant suspect
    accused convict prisoner detainee hostage captive gunman bomber attacker assailant hijacker
    killer heir successor predecessor assistant clerk staffer incumbent challenger contender rival
    opponent ally defector loyalist commentator historian veteran physicist chemist engineer
    architect designer consultant strategist pollster organiser organizer volunteer spokesperson
    fellow scholar researcher chancellor minister secretary-general undersecretary
    """.split()
)

# Family ties: a role only relative to another person ("Gadhafi's son").
KIN_NOUNS: frozenset[str] = frozenset(
    """
    mother father son daughter wife husband brother sister uncle aunt cousin nephew niece grandson
    granddaughter grandfather grandmother widow widower child children sons daughters brothers
    sisters sibling siblings stepson stepdaughter stepfather stepmother
    """.split()
)

# Words of time, never a role and never the first word of a name ("Today Zawiya was quiet").
TIME_WORDS: frozenset[str] = frozenset(
    """
    today tonight yesterday tomorrow now then meanwhile earlier later recently currently
    monday tuesday wednesday thursday friday saturday sunday weekend morning afternoon evening
    night week month year day hour january february march april may june july august september
    october november december
    """.split()
)
# The time words that open a sentence before a name the tagger then takes in ("Today Zawiya").
NAME_OPENING_TIME_WORDS = TIME_WORDS - frozenset("january february march april may june july august september october november december".split())


def role_head(role: str) -> str:
    """The head noun of a role: its last word before a preposition ("third-largest city in the
    North African country" -> "city", "leader of the party" -> "leader")."""
    words = role.casefold().split()
    cut = next((k for k, w in enumerate(words) if w in ("in", "of", "on", "at", "for", "with", "near", "from")), len(words))
    return words[cut - 1] if cut else ""


def is_role_title(role: str) -> bool:
    """True when a title written before a name is a role: its head is a title word or a role noun,
    each half of a hyphenated head counting ("Secretary-General", "co-founder")."""
    head = role_head(role).strip(".,")
    if not head:
        return False
    parts = [head, *head.split("-")]
    return any(p in ROLE_NOUNS or p in TITLE_WORDS or f"{p}." in TITLE_WORDS for p in parts)


def _is_glued_hyphen(doc: Doc, k: int) -> bool:
    """True for a hyphen written inside one word ("Secretary-General"), not a dash between words."""
    return doc[k].text == "-" and k > 0 and not doc[k].whitespace_ and not doc[k - 1].whitespace_


def find_role(doc: Doc, i: int, j: int, ent_start: int) -> str | None:
    """The title or role the text gives the person named by tokens ``i:j``: the title words right
    before the name ("Vietnamese Prime Minister Pham Minh Chinh" -> "Prime Minister") when they are
    a role (:func:`is_role_title`), else a short appositive ("Nguyen Phu Trong, the leader of
    Vietnam's ruling Communist Party")."""
    first = i
    k = i - 1
    while k >= 0 and i - k <= MAX_ROLE_TOKENS:
        tok = doc[k]
        # Title words spaCy put inside the PERSON span ("President Xi") are role, not name.
        inside = k >= ent_start
        if _is_glued_hyphen(doc, k):
            # "Secretary-General", "Under-Secretary-General": the title goes on past its hyphen.
            first = k - 1 if doc[k - 1].text.isalpha() else k
            k = first - 1
            continue
        if tok.tag_ == "POS" or (tok.is_punct and not inside):
            break
        if tok.ent_type_ in _ROLE_STOP_ENTS and not inside:
            break
        if tok.lower_ in TIME_WORDS:
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
        elif tok.pos_ not in ROLE_POS and not (inside or tok.text.endswith(".") and tok.text[:1].isupper()):
            break
        first = k
        k -= 1
    while first < i and (is_honorific(doc[first].text) or _is_glued_hyphen(doc, first)):
        first += 1
    if first < i and doc[i - 1].lower_ in _ROLE_JOINERS:
        first = i  # "Prince Norodom Ranariddh and Sam Rainsy": "and" ends no title
    if (
        first < i
        and any(doc[t].pos_ in ("NOUN", "PROPN") for t in range(first, i))
        and _is_linked(doc, first, i, j)
        and is_role_title(doc[first:i].text)
    ):
        role = doc[first:i].text
        return _say_whose(doc, first, role) if role_head(role) in KIN_NOUNS else role
    return _find_appositive_role(doc, i, j)


# At most this many capitalised words name a family tie's other person ("Michael Jackson 's").
MAX_POSSESSOR_TOKENS = 3


def _say_whose(doc: Doc, first: int, role: str) -> str:
    """A family tie with the named person it ties to, when a possessive before it names one
    ("Jackson 's brother Jermaine" -> "Jackson's brother"): a bare "brother" says nothing in a
    who's who, a tie to someone the story names is who they are. "his brother" stays bare."""
    if first < 2 or doc[first - 1].tag_ != "POS":
        return role
    start = first - 1
    while (
        start > 0
        and first - 1 - start < MAX_POSSESSOR_TOKENS
        and doc[start - 1].pos_ == "PROPN"
        and doc[start - 1].text[:1].isupper()
        and doc[start - 1].lower_ not in TIME_WORDS  # "Thursday Michael Jackson 's sister"
    ):
        start -= 1
    if start == first - 1:
        return role
    return f"{doc[start : first - 1].text}'s {role}"


def _is_linked(doc: Doc, first: int, i: int, j: int) -> bool:
    """True when the words before the name belong to its noun phrase (not, say, a verb's object
    that happens to precede it)."""
    names = set(range(i, j))
    root = doc[i:j].root
    return root.head.i in range(first, i) or any(doc[t].head.i in names for t in range(first, i))


def _find_appositive_role(doc: Doc, i: int, j: int) -> str | None:
    """A short appositive after the name: "Nguyen Khac Giang, a visiting fellow at ..."."""
    root = doc[i:j].root
    for child in root.children:
        # A role is a common noun ("a visiting fellow", "the leader of ..."), not a stray letter
        # nor a time ("Obama, Monday").
        if child.dep_ != "appos" or child.i < j or child.pos_ != "NOUN" or len(child.text) < 3:
            continue
        if child.ent_type_ or child.lower_ in TIME_WORDS:
            continue
        toks = list(child.subtree)
        while toks and (toks[0].dep_ == "det" or toks[0].is_punct):
            toks = toks[1:]
        while toks and (toks[-1].is_punct or toks[-1].text in ("``", "''", '"')):
            toks = toks[:-1]
        if 0 < len(toks) <= MAX_ROLE_TOKENS:
            return doc[toks[0].i : toks[-1].i + 1].text
    return None
