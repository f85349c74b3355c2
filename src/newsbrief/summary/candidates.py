"""Summary candidates: the sentences that can stand alone in a summary, and shortened versions.

A summary sentence is read out of its article's context, so a sentence qualifies only if a reader
can understand it there (:func:`judge_sentence`): not a headline fragment, not very short or very
long, not a question, no broken or unattributed quotation, no speaker the reader has not met
("..., Wang added."). A sentence that opens on a reference to what came before ("He", "But",
"This") is a *follower*: it may be used only right after the sentence before it in its article.

:func:`compress_sentence` offers shorter versions that state the same thing and stay grammatical:
without a leading connective ("But", "However,"), without a parenthetical aside ("(...)",
"_ ... _", "-- ... --"). Quotations are never shortened.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from newsbrief.annotate.dates import strip_dateline
from newsbrief.models import AnnotatedArticle, SentenceRef
from newsbrief.summary.bigrams import find_concepts
from newsbrief.summary.standalone import standalone_reason, strip_label_opener
from newsbrief.textmemo import MEMO
from newsbrief.vocabulary import FUNCTION_WORDS, count_words


@dataclass(frozen=True)
class CandidateRules:
    """What may become a candidate (the summary's own values: SummaryParams.rules; their in-sample
    effects in benchmarks/results/ablation.md)."""

    # Sentences shorter than this (in words) are headline fragments or datelines, not statements.
    min_words: int = 8
    # Longer sentences are usually run-ons of several facts that eat the budget.
    max_words: int = 60
    # Keep candidates opening on "He", "But"... as followers of the sentence before them.
    allow_followers: bool = True
    # Keep sentences with a direct quote when the quote is attributed to a named speaker.
    allow_quotes: bool = True
    # Also offer shortened versions (compress_sentence).
    compress: bool = True
    # Only sentences with a finite verb (Sentence.finite): captions and labels are not statements.
    finite_only: bool = True
    # A capitalised first word that is not a function word ("Jackson died at his home ...") is a
    # name a later pronoun can refer to. Off for the summary, whose figures were measured without
    # it; the timeline's entry test (story.timeline_select) turns it on.
    name_opens: bool = False


DEFAULT_RULES = CandidateRules()

# Openers that refer back to something the reader of a summary has not seen.
_DEPENDENT_OPENERS = frozenset(
    """he she they it this that these those his her their its him them but also and or however
    still yet such so then thus instead nevertheless moreover furthermore besides meanwhile
    otherwise there both another others later afterward afterwards earlier here hence
    nonetheless similarly likewise accordingly indeed""".split()
)
_PERSONAL = frozenset("he she his her him they their them".split())
_UPPER = re.compile(r"[A-Z]")
_LETTER = re.compile(r"[A-Za-z]")
_QUOTE_CHARS = re.compile(r"``|''|[\"\u201c\u201d]")
_TERMINAL = re.compile(r"[.!?][\"'\u201d\u2019)\]]*$")
_SPEECH = re.compile(
    r"\b(said|says|say|told|tells|added|adds|asked|asks|wrote|writes|declared|stated|according to"
    r"|announced|explained|insisted|warned|argued|noted|recalled|replied|quoted)\b",
    re.IGNORECASE,
)
_PRONOUN_SPEAKER = re.compile(
    r"(\b(he|she|they|it|i|we)\s+(said|says|added|told|asked|wrote|declared|stated|explained|"
    r"insisted|warned|argued|noted|recalled|replied)\b)|(\b(said|says|added)\s+(he|she|they)\b)",
    re.IGNORECASE,
)



@dataclass(frozen=True)
class Candidate:
    """A sentence (or a shortened version of one) that may go into the summary."""

    article: int  # position of its article in the input
    ref: SentenceRef
    text: str
    words: int
    # The sentence this one must follow (the one before it in its article), if it is a follower.
    follows: SentenceRef | None
    concepts: frozenset[str]
    compressed: bool = False



def has_bare_speaker(text: str) -> bool:
    """True when a statement is attributed to a lone capitalised word ("..., Wang said."): a surname
    or short name whose full form the sentence does not give."""
    for m in _SPEAKER_AFTER.finditer(text):
        before = m.group(1).strip("`'\"\u201d")
        if not before or not before[0].isupper() or before.endswith(","):
            return True
    return bool(_SPEAKER_BEFORE.search(text))


# Verbs that answer or attribute something said before: a sentence ending on one with only its
# speaker before it ("The deputy ambassador disagreed.", "Gen. Ann Poe , head of the mission , says .")
# answers a sentence the summary does not carry.
_BARE_REPLY = re.compile(
    r"\b(?:said|says|say|disagreed|disagrees|agreed|agrees|declined|declines|refused|refuses|objected|objects"
    r"|concurred|concurs|replied|replies|responded|responds|added|adds|insisted|insists|explained|explains"
    r"|warned|warns|argued|argues|noted|notes|did|does|would|will)\s*[.!]\s*$"
)
_NAME_WORD = re.compile(r"^(?:[A-Z][\w.'’-]*|'s|’s|of|the|de|al|bin|van|von|[.,])$")


def ends_on_bare_reply(text: str) -> bool:
    """True when ``text`` is only a speaker and a verb of saying or answering (see _BARE_REPLY):
    no comma at all, or only a name before its first comma."""
    if not _BARE_REPLY.search(text):
        return False
    head = text.split(",", 1)[0] if "," in text else _BARE_REPLY.split(text)[0]
    return all(_NAME_WORD.match(w) for w in head.split())


# "!!", "?!", "! !": a reader's or a promo's voice; news copy never doubles its marks.
_DOUBLED_MARK = re.compile(r"[!?]\s*[!?]")
# A bullet inside the text (as printed, mis-decoded "â€¢", or the cent sign a single-byte reading
# makes of it, which a tokeniser spells "cents", after a list's colon or semicolon): items of a
# list run together ("The worst affected are ; cents Mexico : 101 deaths ..."), not a sentence.
_LIST_BULLET = re.compile(r"•|â€¢|Â·|[;:]\s*(?:cents|¢)\s+[A-Z]")


def judge_sentence(text: str, rules: CandidateRules = DEFAULT_RULES) -> str | None:
    """Why ``text`` cannot stand alone in a summary (``"follower"`` when it can, but only right
    after the sentence before it), or None when it can."""
    words = text.split()
    n = len(words)
    if n < rules.min_words:
        return "too short"
    if n > rules.max_words:
        return "too long"
    if not _TERMINAL.search(text):
        return "fragment"
    first = text.lstrip("`'\"\u201c\u2018(")
    if not first or not (first[0].isupper() or first[0].isdigit()):
        return "fragment"
    if len(_UPPER.findall(text)) > 0.5 * len(_LETTER.findall(text)) > 0:
        return "headline"
    if text.rstrip("`'\"\u201d\u2019) ").endswith("?"):
        return "question"
    if _DOUBLED_MARK.search(text):
        return "exclamation"
    if _LIST_BULLET.search(text):
        return "list"
    if ends_on_bare_reply(text):
        return "fragment"
    marks = _QUOTE_CHARS.findall(text)
    if marks:
        opening = sum(m in ("``", "\u201c") for m in marks)
        closing = sum(m in ("''", "\u201d") for m in marks)
        straight = sum(m == '"' for m in marks)
        if straight % 2 or (opening + closing and opening != closing):
            return "broken quote"
        if not rules.allow_quotes:
            return "quote"
        if not _SPEECH.search(_QUOTE_SPAN.sub(" ", text)):
            return "unattributed quote"
    # "..., he said." / "..., Wang added." / "Wang said ...": a speaker the reader has not met yet
    # (news gives the full name once, then the surname), or a continuation ("added").
    if _PRONOUN_SPEAKER.search(text) or has_bare_speaker(text) or _ADDED.search(text):
        return "follower"
    opening_speaker = _OPENING_SPEAKER.match(first)
    if opening_speaker and opening_speaker.group(1).lower() not in _GROUP_SPEAKERS:
        return "follower"
    # First or second person outside quotation marks: a quote that lost its marks or its speaker.
    if _FIRST_PERSON.search(_QUOTE_SPAN.sub(" ", text)):
        return "unattributed quote"
    opener = re.match(r"[A-Za-z']+", first)
    if opener and opener.group(0).lower() in _DEPENDENT_OPENERS:
        return "follower"
    # A personal pronoun in the opening words with no name before it ("After he arrived, ...").
    head = re.findall(r"[A-Za-z']+", first)[:5]
    for i, w in enumerate(head):
        if w.lower() in _PERSONAL:
            named = rules.name_opens and i > 0 and head[0].lower() not in FUNCTION_WORDS
            if not named and not any(x[0].isupper() for x in head[1:i]):
                return "follower"
            break
    return standalone_reason(text)


_SPEECH_VERBS = (
    r"(?:said|says|added|adds|told|asked|wrote|declared|stated|explained|insisted|warned|argued|"
    r"noted|recalled|replied|continued|stressed|concluded)"
)
# "..., Wang said." / "..., said Wang." (checked by has_bare_speaker)
_SPEAKER_AFTER = re.compile(rf"(\S+) ([A-Z][a-z]+) {_SPEECH_VERBS}[.,]")
_SPEAKER_BEFORE = re.compile(rf", {_SPEECH_VERBS} ([A-Z][a-z]+)[.,]")
_ADDED = re.compile(r"\b(added|adds|continued)\b[^.]{0,40}[.]$|\b(he|she|they) (added|continued)\b")
_OPENING_SPEAKER = re.compile(rf"([A-Z][a-z]+) {_SPEECH_VERBS}\b")
# Plural or collective subjects that need no introduction ("Police said ...").
_GROUP_SPEAKERS = frozenset(
    """police officials authorities analysts critics witnesses experts residents doctors
    investigators officers prosecutors diplomats sources reports observers economists
    scientists researchers lawyers negotiators organizers rescuers firefighters""".split()
)
_FIRST_PERSON = re.compile(r"\b(I|we|We|me|us|my|My|our|Our|you|You|your|Your)\b|\b(I'm|we're|We're|I've|we've)")
_QUOTE_SPAN = re.compile(r"(``|\u201c|\").*?(''|\u201d|\")", re.DOTALL)
# Connectives that tie a sentence to the one before it and can go without changing what it states.
# Those that double as adverbs ("Still", "Yet", "Also") only when a comma sets them off.
_CONNECTIVE = re.compile(
    r"^(?:(?:But|And|However|Meanwhile|Moreover|Furthermore|Nevertheless|Nonetheless|Indeed|"
    r"In fact|In addition|Besides|Still|Yet|Also),|But|And|However|Meanwhile|Moreover|"
    r"Furthermore|Nevertheless|Nonetheless|Indeed)\s+(?=[A-Za-z0-9])"
)
# A paired aside: "(...)" or the same dash on both sides; not when a relative pronoun or a new
# clause follows it (removing the aside would re-attach that clause to the wrong noun).
_ASIDE = re.compile(
    r"\s+(?P<d>_|--|\u2014|\u2013)\s+[^_\u2014\u2013()]{3,150}?\s+(?P=d)(?=\s)|\s+\([^()]{2,150}\)(?=[\s,.;:])"
)
_NO_REATTACH = re.compile(
    r"^\s*(that|which|who|whom|whose|where|when|he|she|it|they|we|i|you|there)\b", re.IGNORECASE
)
# Sentences opening on a subordinate clause use the closing dash of an aside as the clause break.
_SUBORDINATE = re.compile(r"^(While|Although|Though|If|When|As|Because|Since|After|Before|Unless|Whether)\b")


# Comment adverbs set off by a comma ("Notably, ..."): the writer's emphasis, which points at
# nothing before the sentence and reads as a non sequitur once the sentence stands in a summary.
_COMMENT_ADVERB = re.compile(
    r"^(?:Notably|Additionally|Separately|Importantly|Significantly|Interestingly|Crucially|"
    r"Ultimately|Overall|Of note|Tellingly|Remarkably),\s+(?=[A-Za-z0-9])"
)


def strip_comment_adverb(text: str) -> str:
    """``text`` without a leading comment adverb ("Notably, Vietnam ..." -> "Vietnam ...")."""
    m = _COMMENT_ADVERB.match(text)
    if not m:
        return text
    rest = text[m.end() :]
    return rest[0].upper() + rest[1:]



# A lone comma between a subject and its verb ("Xi's first trip to Vietnam in six years, has
# been months in the planning"): a copy that lost the head the appositive described ("The visit,
# Xi's first trip ..., has been"), or a slip. The subject is the words before the comma when they
# hold no comma, no verb of their own (said, was, -ed...) and do not open on a preposition or
# conjunction (an adverbial: "In 2019, ..."); the verb after it is a finite auxiliary.
_SUBJECT_COMMA = re.compile(
    r"^(?P<subject>[A-Z][^,;:()\u2014\u2013\"\u201c\u201d]{2,80}?), (?=(?:has|have|had|is|are|was|were|will|would|can|could|may|might|must|should|shall)\s)"
)
_NOT_A_SUBJECT = re.compile(
    r"^(?:In|On|At|After|Before|During|Since|Until|For|From|By|With|Without|As|If|When|While|Although|Though|Because|"
    r"Unless|Once|And|But|Or|So|Yet|Also|However|Still|Then|Now|Today|Yesterday|Asked|Despite|Under|Over|Among)\b"
    r"|\b(?:is|are|was|were|has|have|had|will|would|can|could|may|might|must|should|shall|do|does|did|said|says|"
    r"who|which|that|whose|whom)\b|\b[a-z]+ed\b"
)


def join_subject_to_verb(text: str) -> str:
    """``text`` without a lone comma between its subject and its verb (see _SUBJECT_COMMA): "Xi's
    first trip to Vietnam in six years, has been ..." -> "... six years has been ..."."""
    m = _SUBJECT_COMMA.match(text)
    if not m or _NOT_A_SUBJECT.search(m.group("subject")):
        return text
    return m.group("subject") + " " + text[m.end() :]


def candidate_text(text: str) -> str:
    """A sentence as the summary states it: whitespace folded, dateline, live-blog label ("To
    recap :") and comment adverb taken off, no lone comma between its subject and its verb."""
    return join_subject_to_verb(strip_comment_adverb(strip_label_opener(strip_dateline(" ".join(text.split())))))

def compress_sentence(text: str) -> list[str]:
    """Shortened versions of ``text`` that state the same thing and stay grammatical: without a
    leading connective, without its parenthetical asides, or both. Quotes are left untouched."""
    out: list[str] = []
    stripped = _CONNECTIVE.sub("", text, count=1)
    if stripped != text:
        stripped = stripped[0].upper() + stripped[1:]
        out.append(stripped)
    if _QUOTE_CHARS.search(text):
        return out
    for base in (text, stripped):
        if _SUBORDINATE.match(base):
            continue
        pieces: list[str] = []
        pos = 0
        for m in _ASIDE.finditer(base):
            if _NO_REATTACH.match(base[m.end() :]):
                continue
            pieces.append(base[pos : m.start()])
            pos = m.end()
        if pos:
            pieces.append(base[pos:])
            short = " ".join("".join(pieces).split()).replace(" ,", ",")
            # "at 8:30 a.m. (0630 GMT)." must not end in "a.m..".
            short = re.sub(r"(?<!\.)\.\.(?!\.)", ".", short)
            if short not in out and short != text:
                out.append(short)
    return out


@dataclass(frozen=True)
class SentenceVersion:
    """One way a sentence can stand in a summary (:func:`sentence_versions`): its text, concepts,
    whether it is shortened, why it cannot stand alone (:func:`judge_sentence`) and its word count."""

    text: str
    concepts: frozenset[str]
    compressed: bool
    verdict: str | None
    words: int


def sentence_concepts(text: str, unigrams: bool = True) -> frozenset[str]:
    """:func:`find_concepts` of one sentence, looked up in :data:`newsbrief.textmemo.MEMO` first."""
    return MEMO.get(f"concepts/{int(unigrams)}", text, lambda t: find_concepts(t, unigrams))


def versions_kind(rules: CandidateRules, unigrams: bool) -> str:
    """The memo kind of :func:`sentence_versions` under these options."""
    return f"versions/{rules!r}/{int(unigrams)}"


def sentence_versions(text: str, rules: CandidateRules = DEFAULT_RULES, unigrams: bool = True) -> tuple[SentenceVersion, ...]:
    """The versions of one sentence's text a summary could use: the sentence as the summary states
    it (:func:`candidate_text`; its concepts are those of the text as written), then, when
    ``rules.compress``, its shortened versions (:func:`compress_sentence`), each judged under
    ``rules``. Depends on the text alone, so it is looked up in :data:`newsbrief.textmemo.MEMO`
    first (a stored story's were computed at ingest)."""
    return MEMO.get(versions_kind(rules, unigrams), text, lambda t: judge_versions(t, rules, unigrams, sentence_concepts(t, unigrams)))


def judge_versions(
    text: str, rules: CandidateRules, unigrams: bool, concepts: frozenset[str] | None = None
) -> tuple[SentenceVersion, ...]:
    """:func:`sentence_versions` computed (not looked up). ``concepts``, when given, are
    ``find_concepts(text, unigrams)`` found already: the first version then holds that very set
    (not an equal copy: a big brief keeps tens of thousands of them)."""
    shown = candidate_text(text)
    versions = [(shown, find_concepts(text, unigrams) if concepts is None else concepts, False)]
    if rules.compress:
        versions += [(v, find_concepts(v, unigrams), True) for v in compress_sentence(shown)]
    return tuple(SentenceVersion(v, cs, short, judge_sentence(v, rules), count_words(v)) for v, cs, short in versions)


def find_candidates(
    annotated: Sequence[AnnotatedArticle], rules: CandidateRules = DEFAULT_RULES, unigrams: bool = True
) -> tuple[list[Candidate], list[list[frozenset[str]]]]:
    """Candidates of every article (see :func:`judge_sentence`; with :func:`compress_sentence`
    variants when ``rules.compress``), and the concept sets of all sentences per article (for
    document frequencies); ``unigrams``: concepts include content words (see find_concepts)."""
    candidates: list[Candidate] = []
    concept_sets: list[list[frozenset[str]]] = []
    for a_pos, ann in enumerate(annotated):
        concept_sets.append([sentence_concepts(s.text, unigrams) for s in ann.sentences])
        # Sentences of this article that have at least one candidate version.
        placed: set[int] = set()
        for s in ann.sentences:
            if rules.finite_only and not s.finite:
                continue  # a caption or label, not a statement
            ref = SentenceRef(ann.article.id, s.index)
            for v in sentence_versions(s.text, rules, unigrams):
                follows: SentenceRef | None = None
                if v.verdict == "follower":
                    if not rules.allow_followers or s.index - 1 not in placed:
                        continue
                    follows = SentenceRef(ann.article.id, s.index - 1)
                elif v.verdict is not None:
                    continue
                candidates.append(Candidate(a_pos, ref, v.text, v.words, follows, v.concepts, v.compressed))
                placed.add(s.index)
    return candidates, concept_sets
