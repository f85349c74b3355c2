"""Direct quotes and their speakers in one article (the map half; :mod:`newsbrief.story.quotes` merges).

1. quotation marks are paired within each paragraph (curly, straight, or British single curly
   marks); a straight mark opens or closes depending on the characters around it, so a stray
   closing mark does not swallow the rest of the paragraph. A quote left open at the end of its
   paragraph runs to the paragraph end (the news convention for a quote that goes on);
2. a quote split by its attribution ("We will rebuild," the mayor said, "and fast.") is joined;
3. scare quotes are dropped: a quote has at least :data:`MIN_QUOTE_WORDS` words, or is a short
   full sentence ("No," she said.) with an attribution next to it;
4. the speaker is the subject of the nearest speech verb outside the quote in its sentence(s),
   read from the dependency parse: "Xi said", "said Nguyen", "Tuoi Tre quoted China's ambassador
   Xiong Bo as saying" (the object of "quoted"), "according to X"; a pronoun is the person
   subject of the previous sentence, else the last person mentioned; a common noun ("the mayor")
   is the person whose role has that word (not for a plural: "opposition members"), else the
   noun phrase itself; a person named in the subject's possessor is not the speaker ("X's
   mother said"). A quote that hangs on a clause describing a noun ("the resolution that calls
   for ...") is that text's, not the speech verb's subject's: no speaker. A quote without
   attribution that follows a quote of the same paragraph, or opens the paragraph after one,
   inherits its speaker.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from newsbrief.models import Article, Mention, QuoteMention, Sentence
from newsbrief.annotate.sentences import paragraph_spans

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

# A quoted span of fewer words is a scare quote ("shared future", "hegemonism") unless it is a
# full sentence with its attribution. Six is the issue's threshold; the seeds' longest scare quote
# ("community with a shared future") has five words.
MIN_QUOTE_WORDS = 6
# Longest attribution between the two halves of a split quote, in words ("Mayor Lucia Ferrant
# said on Tuesday afternoon" is 7).
_MAX_SPLIT_GAP_WORDS = 12
# Without a parse, a first half shorter than this is taken for no clause and loses the comma the
# attribution put after it ("This warehouse," ... "should never have held").
_MIN_CLAUSE_WORDS = 4

SPEECH_LEMMAS: frozenset[str] = frozenset(
    """
    say add tell stress emphasize emphasise note warn write state declare insist argue explain
    claim announce ask reply respond urge describe quote continue acknowledge admit suggest predict
    vow pledge promise tweet post comment remark recall conclude complain caution highlight
    underline affirm assert observe point tell concede deny confirm repeat recount shout whisper
    """.split()
)
# Verbs by which a text gives its wording ("a resolution that calls for", "a banner reading"); a
# clause of another verb ("his death, which raised `questions'") keeps the speaker's partial quote.
_WORDING_LEMMAS: frozenset[str] = SPEECH_LEMMAS | frozenset(
    "call read demand require authorize authorise allow order stipulate provide propose".split()
)
_SPEECH_WORDS = (
    r"said|says|say|added|adds|told|tells|stressed|emphasi[sz]ed|noted|warned|wrote|writes|stated|"
    r"declared|insisted|argued|explained|claimed|announced|asked|replied|urged|continued|admitted|"
    r"acknowledged|suggested|recalled|concluded|confirmed"
)
_SPEECH_RX = re.compile(rf"\b(?:{_SPEECH_WORDS})\b", re.I)
_NAME = r"(?:[A-Z][\w.'\u2019-]*\s+){0,3}[A-Z][\w'\u2019-]*"
_AFTER_RX = re.compile(
    rf"^[\s,]*(?:(?:{_SPEECH_WORDS})\s+(?P<n1>{_NAME})|(?P<n2>{_NAME}|[Hh]e|[Ss]he)\s+(?:{_SPEECH_WORDS})\b)"
)
_BEFORE_RX = re.compile(rf"(?P<n>{_NAME})\s+(?:{_SPEECH_WORDS})(?:\s+that)?[\s,:]*$")
_PRONOUNS = frozenset({"he", "she"})
_WORD = re.compile(r"\w+(?:['\u2019]\w+)*")
_DOUBLE_MARK = re.compile("``|''|[\"\u201c\u201d\u201e\u00ab\u00bb]")
_OPEN_CTX = " \t\n([{\u2014\u2013-/"
_CLOSE_CTX = " \t\n.,;:!?)]}\u2014\u2013-"


@dataclass(frozen=True)
class _Span:
    """One pair of quotation marks: the quoted text is ``body[start:end]``."""

    start: int
    end: int
    closed: bool
    paragraph: int
    # Width of the opening and closing marks: 2 for the ``PTB style'' of tokenized corpora.
    lead: int = 1
    trail: int = 1


# ----------------------------------------------------------------------------------------------
# quotation marks


def find_quote_spans(body: str) -> list[_Span]:
    """Pair the quotation marks of ``body`` paragraph by paragraph (see the module docstring)."""
    spans: list[_Span] = []
    for pnum, (ps, pe) in enumerate(paragraph_spans(body)):
        doubles = _pair_double(body, ps, pe, pnum)
        spans.extend(doubles)
        if "\u2018" in body[ps:pe]:
            spans.extend(s for s in _pair_single(body, ps, pe, pnum) if not any(d.start <= s.start < d.end for d in doubles))
    spans.sort(key=lambda s: s.start)
    return spans


def _pair_double(body: str, ps: int, pe: int, pnum: int) -> list[_Span]:
    out: list[_Span] = []
    opened: int | None = None
    lead = 1
    for m in _DOUBLE_MARK.finditer(body, ps, pe):
        i = m.start()
        mark = m.group(0)
        width = len(mark)
        if mark in ("``", "\u201c", "\u201e", "\u00ab"):
            role = "open"
        elif mark in ("''", "\u201d", "\u00bb"):
            role = "close"
        else:  # a straight mark opens or closes depending on what is around it
            before = body[i - 1] if i > ps else " "
            after = body[i + 1] if i + 1 < pe else " "
            can_open = before in _OPEN_CTX or before in "\u201c\u2018"
            can_close = after in _CLOSE_CTX or after in "\u201d\u2019"
            if can_open and not can_close:
                role = "open"
            elif can_close and not can_open:
                role = "close"
            else:
                role = "close" if opened is not None else "open"
        if role == "open":
            opened, lead = i + width, width
        elif opened is not None:
            out.append(_Span(opened, i, True, pnum, lead, width))
            opened = None
    if opened is not None:
        out.append(_Span(opened, pe, False, pnum, lead, 1))
    return out


def _pair_single(body: str, ps: int, pe: int, pnum: int) -> list[_Span]:
    """British single quotes. A closing mark must follow sentence punctuation ("fast,' he said")
    because the same character is the apostrophe of "Asia's" and "farmers' union"."""
    out: list[_Span] = []
    i = ps
    while i < pe:
        if body[i] == "\u2018" and (i == ps or body[i - 1] in _OPEN_CTX):
            for j in range(i + 1, pe):
                after = body[j + 1] if j + 1 < pe else " "
                if body[j] == "\u2019" and body[j - 1] in ",.!?" and after in _CLOSE_CTX:
                    out.append(_Span(i + 1, j, True, pnum))
                    i = j
                    break
        i += 1
    return out


def _join_split(body: str, spans: list[_Span]) -> list[list[_Span]]:
    """Group the halves of quotes split by an attribution: ``"A," X said, "b."``."""
    groups: list[list[_Span]] = []
    for s in spans:
        if groups:
            prev = groups[-1][-1]
            gap = body[prev.end + prev.trail : s.start - s.lead]
            first = body[prev.start : prev.end].rstrip()
            if (
                prev.closed
                and prev.paragraph == s.paragraph
                and first.endswith(",")
                and gap.rstrip().endswith(",")
                and not re.search(r"[.!?]", gap)
                and _SPEECH_RX.search(gap)
                and len(_WORD.findall(gap)) <= _MAX_SPLIT_GAP_WORDS
            ):
                groups[-1].append(s)
                continue
        groups.append([s])
    return groups


def _join_text(body: str, group: list[_Span], doc: Doc | None) -> str:
    """The words of a (possibly split) quote. The comma the attribution put after a first half
    that is no clause ("This warehouse," ... "should never have held") is dropped."""
    parts = [re.sub(r"\s+", " ", body[s.start : s.end]).strip() for s in group]
    out = parts[0]
    for k, nxt in enumerate(parts[1:]):
        if nxt[:1].islower() and not _has_verb(doc, group[k], out):
            out = out.rstrip(",")
        out = f"{out} {nxt}"
    return out.rstrip(", ").strip()


def _has_verb(doc: Doc | None, span: _Span, text: str) -> bool:
    """True when a quote half is a clause: it has a verb (by the parse, else by its length)."""
    if doc is None:
        return len(_WORD.findall(text)) >= _MIN_CLAUSE_WORDS
    return any(t.pos_ in ("VERB", "AUX") for t in _get_tokens_between(doc, span.start, span.end))


# ----------------------------------------------------------------------------------------------
# map


def find_quotes(
    article: Article, sentences: Sequence[Sentence], doc: Doc | None, mentions: Sequence[Mention]
) -> tuple[QuoteMention, ...]:
    """Return the direct quotes of one article with their (surface) speakers, in text order.

    ``mentions`` are the article's (:func:`newsbrief.annotate.mentions.find_mentions` of the same
    parse): a speaker is named by the mention it points at."""
    body = article.body
    if not sentences or not any(c in body for c in '"\u201c\u201d\u2018`'):
        return ()
    spans = find_quote_spans(body)
    if not spans:
        return ()
    groups = _join_split(body, spans)
    starts = [s.start for s in sentences]
    para_starts = [ps for ps, _ in paragraph_spans(body)]
    # Quoted text including its marks: attribution is read only outside it.
    masked = [(s.start - s.lead, s.end + s.trail) for s in spans]
    out: list[QuoteMention] = []
    last: tuple[int, str | None, bool] | None = None  # paragraph, speaker, closed
    for group in groups:
        text = _join_text(body, group, doc)
        words = len(_WORD.findall(text))
        if words == 0:
            continue
        start, end = group[0].start, group[-1].end
        s0 = _find_sentence(starts, start)
        s1 = _find_sentence(starts, max(start, end - 1))
        if doc is not None:
            speaker, attributed = _find_speaker(doc, sentences, s0, s1, start, end, mentions, masked)
        else:
            speaker = _find_speaker_in_text(body, group[0].start - group[0].lead, group[-1].end + group[-1].trail)
            attributed = speaker is not None
        if words < MIN_QUOTE_WORDS and not (
            attributed and (_is_full_sentence(body, text, group) or (words >= MIN_PREDICATE_WORDS and _is_predicate_quote(body, group)))
        ):
            continue
        quoted_text = speaker == ""  # a text's words (``_is_quoted_text_of_noun``): no one's
        speaker = speaker or None
        if speaker is None and not quoted_text and last is not None:
            para = group[0].paragraph
            # Same paragraph, or the previous paragraph's quote was left open (it goes on here),
            # or this paragraph opens with the quote: news writes a speaker's next paragraph of
            # speech without a new attribution ('"Look at me," she said.' / '"My honor ...').
            goes_on = not last[2] and body[start - 1 : start] in '"\u201c`'
            opens_paragraph = not body[para_starts[para] : start - group[0].lead].strip()
            if last[0] == para or (last[0] == para - 1 and (goes_on or opens_paragraph)):
                speaker = last[1]
        out.append(QuoteMention(article.id, s0, start, end, text, speaker))
        last = (group[-1].paragraph, speaker, group[-1].closed)
    return tuple(out)


# Verbs by which a speaker names a thing in their own words: "called the deal `a win for every
# crew member'" is what the subject said of it, when the quote follows the thing named.
NAMING_LEMMAS: frozenset[str] = frozenset({"call", "dub", "brand", "label", "term"})
_NAMED_THING = re.compile(r"^\s+(?:[\w'\u2019-]+\s+){1,5}$")


def _names_with_quote(text: str, verb: Token, qstart: int) -> bool:
    """Whether the quote opening at ``qstart`` follows ``verb`` after only the thing it names (a
    few words, no punctuation): "called the deal `...'"."""
    gap = text[verb.idx + len(verb.text) : qstart]
    gap = gap[:-1] if gap[-1:] in "\"\u201c\u2018`" else gap
    # "called for a `full inquiry'", "called off": a demand or a deed, not a name given.
    return bool(_NAMED_THING.match(gap)) and gap.split()[0].lower() not in {"for", "off", "on", "up", "out", "in", "back"}


# A short quote that is what a speaker called something ("the offer was `fair and final'", "the
# ruling was `a heavy blow' to the budget"): the predicate after a copula.
MIN_PREDICATE_WORDS = 3
_COPULA_BEFORE = re.compile(r"\b(?:is|was|are|were|been|be|seemed|looked|remained)\s*$", re.IGNORECASE)
# A short place or state after the copula ("were `on the table'", "is `in good hands'") is a stock
# phrase held at a distance (H1N1_guardian); a longer one is the speaker's ("`under control but not
# out'").
_STOCK_PLACE = re.compile(r"\s*(?:on|in|at|under|off|out|of|from|beyond|behind|over|within)\b", re.IGNORECASE)
_STOCK_WORDS = 3


def _is_predicate_quote(body: str, group: list[_Span]) -> bool:
    """A partial quote that is the predicate of a copula: a speaker's words about something, not a
    term held at a distance ("the `original intention' of")."""
    first, last = group[0], group[-1]
    before = body[max(0, first.start - first.lead - 30) : first.start - first.lead]
    quoted = body[first.start : last.end]
    stock = bool(_STOCK_PLACE.match(quoted)) and len(_WORD.findall(quoted)) <= _STOCK_WORDS
    return last.closed and bool(_COPULA_BEFORE.search(before)) and not stock


def _find_sentence(starts: list[int], pos: int) -> int:
    return max(0, bisect.bisect_right(starts, pos) - 1)


def _is_full_sentence(body: str, text: str, group: list[_Span]) -> bool:
    """A short quote that is a sentence of its own: closed, capitalised, ending in punctuation
    inside the marks ("No," she said)."""
    last = body[group[-1].start : group[-1].end].rstrip()[-1:]
    return group[-1].closed and text[:1].isupper() and last in ".!?,"


def _find_speaker(
    doc: Doc,
    sentences: Sequence[Sentence],
    s0: int,
    s1: int,
    qstart: int,
    qend: int,
    mentions: Sequence[Mention],
    masked: list[tuple[int, int]],
) -> tuple[str | None, bool]:
    """The surface speaker of a quote and whether an attribution verb was found; the speaker is
    "" when the quote is a text's words, not speech (:func:`_is_quoted_text_of_noun`)."""
    lo, hi = sentences[s0].start, sentences[s1].end
    # Only the quotes of these sentences matter here (an article may hold dozens).
    masked = [(a, b) for a, b in masked if a < hi and lo < b]
    verbs: list[Token] = []
    for tok in _get_tokens_between(doc, lo, hi):
        if any(a <= tok.idx < b for a, b in masked):
            continue
        if (tok.pos_ in ("VERB", "AUX") and tok.lemma_.lower() in SPEECH_LEMMAS) or tok.lower_ == "according":
            verbs.append(tok)
        elif tok.pos_ == "VERB" and tok.lemma_.lower() in NAMING_LEMMAS and _names_with_quote(doc.text, tok, qstart):
            verbs.append(tok)
    if not verbs:
        return None, False
    verb = min(verbs, key=lambda t: (min(abs(t.idx - qstart), abs(t.idx - qend)), t.i))
    if _is_quoted_text_of_noun(doc, verb, qstart, qend):
        # "urged them to implement the resolution that calls for `...'": the words are the
        # resolution's, not the speech of the verb's subject (nor of the previous speaker: "").
        return "", True
    subject = _find_subject(verb, masked)
    if subject is None:
        return None, True
    return _name_speaker(subject, qstart, s0, mentions, masked), True


def _is_quoted_text_of_noun(doc: Doc, verb: Token, qstart: int, qend: int) -> bool:
    """True when the quote hangs, below ``verb``, on a clause that describes a noun ("the
    resolution that calls for `...'", "a banner reading `...'"): a text quoted near a speech verb
    is not that verb's subject's speech. A partial quote inside what the speaker says ("he said
    it was part of a `campaign of lies'") hangs on no such clause and keeps its speaker."""
    inside = _get_tokens_between(doc, qstart, qend)
    if not inside:
        return False
    lo, hi = inside[0].i, inside[-1].i
    anchors = [t for t in inside if not (lo <= t.head.i <= hi) and not t.is_punct and t.head.i != t.i]
    if not anchors:
        return False
    # Tokens compared by index: spaCy makes a new Token object at each access.
    tok = anchors[0].head
    for _ in range(len(doc)):
        if tok.i == verb.i:
            return False
        if tok.dep_ in ("relcl", "acl") and tok.head.pos_ in ("NOUN", "PROPN") and tok.lemma_.lower() in _WORDING_LEMMAS:
            return _dominates(verb, tok)
        if tok.head.i == tok.i:
            return False
        tok = tok.head
    return False


def _dominates(top: Token, tok: Token) -> bool:
    """True when ``tok`` is in the subtree of ``top``."""
    for _ in range(len(tok.doc)):
        if tok.head.i == tok.i:
            return False
        tok = tok.head
        if tok.i == top.i:
            return True
    return False


def _get_tokens_between(doc: Doc, lo: int, hi: int) -> list[Token]:
    span = doc.char_span(lo, hi, alignment_mode="expand")
    return list(span) if span is not None else []


def _find_subject(verb: Token, masked: list[tuple[int, int]]) -> Token | None:
    """Who speaks through ``verb``: its subject, the object of "quoted ... as saying", or the
    object of "according to"."""
    if verb.lower_ == "according":
        for prep in verb.children:
            for obj in prep.children:
                if obj.dep_ == "pobj":
                    return obj
        return None
    v = verb
    for _ in range(3):
        # "Tuoi Tre quoted China's ambassador Xiong Bo as saying": the speaker is the object.
        # "Habibie was quoted as saying": the passive subject.
        wanted = ("dobj", "nsubjpass") if v.lemma_ == "quote" else ("nsubj", "nsubjpass")
        for c in v.children:
            # The parser may also hang a word of the quote on the verb as its subject.
            if c.dep_ in wanted and not any(a <= c.idx < b for a, b in masked):
                return c
        # "X smiled and said", "as saying": climb to the verb that carries the subject.
        if v.dep_ in ("conj", "xcomp", "advcl", "pcomp", "prep") and v.head is not v:
            v = v.head
        else:
            break
    # "Omar Lind, the regional health director, called the week `...'" parsed as a clause on the
    # name ("Lind [who was] called ..."): a naming verb hung on a proper name is that name's.
    if verb.lemma_.lower() in NAMING_LEMMAS and verb.dep_ in ("acl", "relcl") and verb.head.pos_ == "PROPN":
        return verb.head
    return None


def _name_speaker(
    tok: Token,
    qstart: int,
    s0: int,
    mentions: Sequence[Mention],
    masked: list[tuple[int, int]],
) -> str | None:
    """Turn the subject token into a speaker name."""
    found = _find_mention_at(tok, mentions)
    if found is not None:
        return found.text
    if tok.pos_ == "PRON":
        if tok.lower_ not in _PRONOUNS:
            return None
        return _resolve_pronoun(tok, s0, mentions, masked)
    if tok.pos_ in ("NOUN", "PROPN"):
        word = tok.lemma_.casefold()
        # "opposition members", "officials": many people, not the one person with that role.
        plural = tok.tag_ in ("NNS", "NNPS") or "Plur" in tok.morph.get("Number", [])
        roles = [] if plural else [m for m in mentions if m.type == "person" and m.role and word in m.role.casefold().split()]
        if roles:
            before = [m for m in roles if m.start < qstart]
            return (before[-1] if before else roles[0]).text
        left = [c for c in tok.lefts if c.dep_ in ("det", "amod", "compound", "poss", "nmod")]
        first = min([tok.i] + [c.left_edge.i for c in left])
        return tok.doc[first : tok.i + 1].text
    return None


def _find_mention_at(tok: Token, mentions: Sequence[Mention]) -> Mention | None:
    """The person (else organisation, else place) mention at or under ``tok``. Another person
    named in the subject's possessor, prepositional phrase or clause is not the speaker
    ("al-Obeidy's mother told ...", "the mother of al-Obeidy said"); an organisation there is
    ("a spokesman for the U.N. said")."""
    own = {t.idx for t in _get_own_words(tok)}
    idx = {t.idx for t in tok.subtree}
    best: Mention | None = None
    rank = {"person": 0, "organization": 1, "place": 2}
    for m in mentions:
        if m.start <= tok.idx < m.end:
            return m
        words = own if m.type == "person" else idx
        if any(m.start <= i < m.end for i in words) and (best is None or rank[m.type] < rank[best.type]):
            best = m
    return best


def _get_own_words(tok: Token) -> list[Token]:
    """``tok``'s subtree without its possessor, prepositional phrases and clauses, unless ``tok``
    is a name itself (then "Ban Ki-moon of the U.N." keeps all its words)."""
    if tok.pos_ == "PROPN":
        return list(tok.subtree)
    out = [tok]
    for c in tok.children:
        if c.dep_ not in ("poss", "prep", "relcl", "acl", "case"):
            out.extend(c.subtree)
    return out


def _resolve_pronoun(
    pronoun: Token, s0: int, mentions: Sequence[Mention], masked: list[tuple[int, int]]
) -> str | None:
    """The person a "he"/"she" stands for: the latest person named as a subject ("Habibie said
    ...") in this or the two sentences before, else the latest person named (outside quotes)."""
    people = [
        m
        for m in mentions
        if m.type == "person" and m.start < pronoun.idx and not any(a <= m.start < b for a, b in masked)
    ]
    if not people:
        return None
    doc = pronoun.doc
    for m in reversed(people):
        if m.sentence < s0 - 2:
            break
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is not None and span.root.dep_ in ("nsubj", "nsubjpass"):
            return m.text
    return people[-1].text


def _find_speaker_in_text(body: str, open_mark: int, close_mark: int) -> str | None:
    """Attribution without a parse: "..., X said" / "said X" after, or "X said:" before."""
    m = _AFTER_RX.match(body[close_mark : close_mark + 80])
    if m:
        name = m.group("n1") or m.group("n2")
        return None if name.lower() in _PRONOUNS else name
    b = _BEFORE_RX.search(body[max(0, open_mark - 80) : open_mark])
    return b.group("n") if b else None
