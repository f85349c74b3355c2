"""Lead with where the story stands: the headline and the first summary sentence come from the
latest well-corroborated report, and a superseded figure reads as its change.

A developing story is reported many times; the earliest title states it as first reported ("Two
hurt in harbour fire") and a later one as it stands ("Harbour fire toll rises to 11"). Each
article's lead (its first ``LEAD_SENTENCES`` sentences) is scored by how many independent sources
state the same claims; the *well-corroborated* reports are those whose lead scores in the top
quarter (and above one source, where any is). Among those about the story's central event (whose
lead is near the story's centre: within one robust deviation of the median article's, or at
``CENTRAL_COSINE``; a report on a side issue is not the story), the latest published whose title reads as a news headline (not
a question, not a label of a few words) gives the headline; a one-source report off the centre that
only ties an earlier report on corroboration is a sideline and does not (:func:`_sidelines`). Of its lead, the sentence closest to
the story's centre opens the summary (moved up if the summary already has it, else put first
within the word budget): the event itself, not the newest detail about it, nor one side's contested word on it
("X insisted that ...") where the lead also tells what happened. Stories without at least two publication days keep the summary as chosen: there is
no "latest" to lead with (DUC clusters carry no dates).

Key figures: where a figure's value changed between reports (a "change" disagreement), the latest
value is the figure and it says how it changed ("rose from 8 to 11"); the earlier value is dropped.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

import numpy as np

from newsbrief.config import Settings
from newsbrief.models import AnnotatedArticle, Article, Claim, Disagreement, Figure, SentenceRef, SummarySentence
from newsbrief.story.context import StoryContext
from newsbrief.story.topic import find_centre, lead_vectors, score_articles
from newsbrief.summary.candidates import candidate_text, compress_sentence, judge_sentence
# A report's lead, its first LEAD_SENTENCES sentences: the same lead a long story's phases take
# their news from (one definition, so the lead report and the phases read the same sentences).
from newsbrief.summary.phases import LEAD_SENTENCES, first_reported_days, is_background, is_long_story, spans_years, tell_dates

# A headline shorter than this is a label ("Live", "News brief"), not a report's title.
MIN_TITLE_WORDS = 4
# Share of reports (by lead corroboration) that count as well corroborated.
TOP_SHARE = 0.25
# The opening sentence: a lead sentence of at least this many words.
MIN_LEAD_WORDS = 8
# A lead this close to the story's centre (cosine), or within one robust deviation of the median
# article's, is about the central event; further off, a side issue (MiniLM: leads of one story's
# reports sit at 0.5-0.9 from its centre, see story/topic.py).
CENTRAL_COSINE = 0.5
_WORD = re.compile(r"[^\W_]+(?:['’.-][^\W_]+)*")


def _words(text: str) -> int:
    return len(_WORD.findall(text))


def is_report_title(title: str | None) -> bool:
    """A title that reads as a news report's: not a question, not a label of a few words."""
    return _is_headline(title)


def _is_headline(title: str | None) -> bool:
    # Words with letters: a time stamp ("2009 04 25 08:50 JST") has numbers, not words.
    if not title or sum(any(ch.isalpha() for ch in w) for w in _WORD.findall(title)) < MIN_TITLE_WORDS:
        return False
    t = title.strip().rstrip("'\"”’ ")
    # A question is an op-ed's title, an exclamation a show's greeting or a promo's; a title
    # opening on an imperative ("Get the figures here", "Watch: ...") a promo's.
    first = t.split()[0].lower().strip("`'\"“‘:")
    return not t.endswith(("?", "!")) and not title.isupper() and first not in _PROMO_VERBS and not _CONDITIONAL.match(t)


# Imperatives a promo or a service page opens on, never a report's headline.
_PROMO_VERBS = frozenset("get read watch see click find follow listen sign subscribe download join share view explore try".split())


def story_headline(articles: Sequence[Article], off_topic: Sequence[str], lead_title: str | None) -> str:
    """A story's headline wherever it is shown (the brief's title, the story lists): ``lead_title``
    (the lead report's, :func:`lead_headline`), else the earliest titled article's, else "News brief".

    The earliest titled article states the story as first reported; ties go to input order. A
    question ("Libya : An opportunity for al Qaeda ?") or a label of a few words is an op-ed's or a
    section's title, used only when no title reads as a report's."""
    if lead_title:
        return lead_title
    titled = [a for a in articles if a.title]
    if not titled:
        return "News brief"
    off = set(off_topic)
    reports = [a for a in titled if a.id not in off and is_report_title(a.title)]
    order = {a.id: i for i, a in enumerate(articles)}
    best = min(reports or titled, key=lambda a: (a.published is None, a.published or 0, order[a.id]))
    return best.title or "News brief"


def _lead_counts(story: StoryContext, claims: Sequence[Claim]) -> dict[str, list[int]]:
    """Independent sources of each of each article's lead sentences: its claim's count; a sentence
    with no claim counts 1, one repeating background (:func:`is_background`) 0."""
    claim_of: dict[SentenceRef, Claim] = {}
    for c in claims:
        for m in c.members:
            claim_of.setdefault(m, c)
    first_days = first_reported_days(story.annotated, claims)
    out: dict[str, list[int]] = {}
    for a in story.annotated:
        lead = [SentenceRef(a.article.id, s.index) for s in a.sentences[:LEAD_SENTENCES]]
        if not lead:
            continue
        out[a.article.id] = [
            0 if is_background(r, a.article.published, first_days)
            else claim_of[r].independent_sources if r in claim_of else 1
            for r in lead
        ]
    return out


def _lead_scores(story: StoryContext, claims: Sequence[Claim]) -> dict[str, float]:
    """Mean independent sources of the claims of each article's lead sentences (:func:`_lead_counts`)."""
    return {aid: float(np.mean(counts)) for aid, counts in _lead_counts(story, claims).items()}


def _when(a: Article) -> tuple[str, str]:
    return (a.published.isoformat() if a.published else "", a.published_time or "")


def choose_lead_article(story: StoryContext, claims: Sequence[Claim], central_ties: bool = True) -> Article | None:
    """The latest well-corroborated report about the story's central event with a headline-like
    title, or None (see module doc). ``central_ties``: a tie on corroboration goes to the central
    event (:func:`_sidelines`; False: the latest report whatever it is about, as before)."""
    articles = [a.article for a in story.annotated]
    if len({a.published for a in articles if a.published}) < 2:
        return None
    counts = _lead_counts(story, claims)
    scores = {aid: float(np.mean(c)) for aid, c in counts.items()}
    if not scores:
        return None
    values = sorted(scores.values(), reverse=True)
    floor = values[max(0, int(len(values) * TOP_SHARE) - 1)]
    if values[0] > 1.0:
        floor = max(floor, 1.0 + 1e-9)
    central = score_articles(story.annotated)
    values_c = np.array(list(central.values()), dtype=np.float64)
    middle = float(np.median(values_c))
    spread = 1.4826 * float(np.median(np.abs(values_c - middle)))
    near = min(middle - spread, CENTRAL_COSINE)
    # A report without sentences has no lead to score: never well corroborated (with every lead
    # scoring 0, e.g. all background, it passed the floor and failed the tie rule's lookups).
    good = [a for a in articles if a.published and a.id in scores and scores[a.id] >= floor and central.get(a.id, 1.0) >= near]
    if not good:
        return None
    if central_ties:
        sidelines = _sidelines(good, counts, scores, central, middle - spread)
        good = [a for a in good if a.id not in sidelines]
    # Latest first; a scraped page often has no title, so a titled report leads only among those
    # of its day (its title can be the headline).
    return max(good, key=lambda a: (_when(a), _is_headline(a.title), scores[a.id], a.id))


def _sidelines(
    good: Sequence[Article], counts: dict[str, list[int]], scores: dict[str, float], central: dict[str, float], cut: float
) -> set[str]:
    """Ids of the well-corroborated reports that are a one-source sideline of the story, not where
    it stands: its opening (first lead sentence) told by no other source, its lead less central
    than ``cut`` (more than one robust deviation further from the story's centre than the median
    article's), and no better corroborated than an earlier well-corroborated report.

    A lead's corroboration is a mean of three counts and ties often ([1, 1, 2] and [2, 1, 1] are
    both 1.33): the latest report won every tie, even a one-outlet report of a rally whose third
    sentence restated the toll (its lead at 0.55 from the centre, the median article's at 0.77),
    over the reports of the event itself. Each condition alone would take real leads away: a new
    development is often one outlet's at first (the seeds' day-two meeting, [1, 2, 3], sits just
    below their median), and a report opening on a corroborated new detail reads off-centre."""
    out: set[str] = set()
    for a in good:
        if counts[a.id][0] > 1 or central.get(a.id, 1.0) >= cut:
            continue
        if any(scores[b.id] >= scores[a.id] and _when(b) < _when(a) for b in good if b.id != a.id):
            out.add(a.id)
    return out


def stand_in_headline(story: StoryContext, claims: Sequence[Claim]) -> str | None:
    """A headline for a story that has no lead report (one publication day, or undated) and no
    titled article: its most central report's opening that can be one, as an untitled lead report
    gives it (:func:`lead_headline`); ties go to input order. "News brief" named a DUC cluster, and a
    quarter of the stories of a desk's database of scraped pages (issue 13: one story, one
    headline, and one that says what the story is)."""
    central = score_articles(story.annotated)
    if not central:
        return None
    order = {a.article.id: i for i, a in enumerate(story.annotated)}
    ranked = sorted(story.annotated, key=lambda a: (-round(central.get(a.article.id, 0.0), 6), order[a.article.id]))
    return next((h for a in ranked if (h := lead_headline(story, claims, a.article))), None)


def lead_headline(story: StoryContext, claims: Sequence[Claim], lead: Article) -> str | None:
    """The brief's headline from the lead report: its title when it reads as a report's, else its
    opening sentence (:func:`_opening_sentence`) without its final stop, cut to at most
    HEADLINE_MAX_WORDS words (:func:`headline_versions`); when no version of it is that short, the
    shortest sentence of the report's lead that has one (a shorter lead); None when it has neither."""
    if _is_headline(lead.title):
        return lead.title
    index = _opening_sentence(story, claims, lead)
    if index is None:
        return None
    annotated = next(a for a in story.annotated if a.article.id == lead.id)
    opening = headline_versions(_told(story, annotated, index, candidate_text(annotated.sentences[index].text)))
    fits = [v for v in opening if _words(v) <= HEADLINE_MAX_WORDS]
    if fits:
        # The most the opening can say within the limit.
        return max(fits, key=lambda v: (_words(v), -opening.index(v)))
    others = [
        v
        for s in annotated.sentences[:LEAD_SENTENCES]
        if s.index != index and s.finite and judge_sentence(candidate_text(s.text)) is None
        and not _CONDITIONAL.match(candidate_text(s.text))
        for v in headline_versions(_told(story, annotated, s.index, candidate_text(s.text)))
        if MIN_LEAD_WORDS <= _words(v) <= HEADLINE_MAX_WORDS
    ]
    if others:
        return max(others, key=lambda v: (_words(v), -others.index(v)))
    return min(opening, key=_words)


def _told(story: StoryContext, article: AnnotatedArticle, index: int, text: str) -> str:
    """``text`` (sentence ``index`` of ``article``) with its relative days told as dates in a long
    story (phases.tell_dates), as its summary lines are: "Sunday" cannot be placed in a story of
    months; a story of days keeps them."""
    if not is_long_story([a.article.published for a in story.annotated]):
        return text
    return tell_dates(article, index, text, spans_years(story.annotated))


def headline_versions(text: str) -> list[str]:
    """``text`` without its final stop, its shortened versions (candidates.compress_sentence) that
    stand alone, these without an aside after a named subject (:data:`_APPOSITIVE`), and each of
    these cut to its main clause (:func:`shorten_headline`)."""
    versions = [text, *(v for v in compress_sentence(text) if judge_sentence(v) is None)]
    versions += [d for v in versions if (d := _APPOSITIVE.sub(r"\1", v, count=1)) != v]
    out: list[str] = []
    for v in versions:
        for w in (v, shorten_headline(_HEADLINE_STOP.sub("", v))):
            w = _HEADLINE_STOP.sub("", w)
            if w not in out:
                out.append(w)
    return out


_HEADLINE_STOP = re.compile(r"\s*[.!]\s*$")
# A headline is at most this many words (an editor's headline reads at a glance); a sentence
# longer than that keeps its main clause: the part before a clause boundary (:data:`_CLAUSE_CUT`),
# of HEADLINE_MIN_CLAUSE words at least.
HEADLINE_MAX_WORDS = 20
HEADLINE_MIN_CLAUSE = 6
# Words that open a subordinate or adverbial clause: the part before the comma is then not the main one.
_NOT_MAIN = re.compile(
    r"^(?:While|Although|Though|If|When|As|Because|Since|After|Before|Unless|Whether|In|On|At|For|From|By|"
    r"With|Without|During|Despite|Under|Over|Amid|Once|Until|Following|According)\b"
)
_QUOTE_MARK = re.compile(r"``|''|[\"\u201c\u201d]")
# Where a main clause ends and a dependent one begins: a comma before a relative pronoun, a
# subordinating conjunction or a participle of saying; a dash; a semicolon; or a subordinating
# conjunction of time or cause with no comma ("... died as fighting raged").
_CLAUSE_CUT = re.compile(
    r"\s+,\s+(?=(?:who|which|where|whose|as|while|after|when|because|since|amid|following|saying|adding|"
    r"despite|although|though|before|until|according|prompting|leaving|bringing|taking)\b)"
    r"|\s+(?:--|;)\s+"
    r"|\s+(?=(?:as|while|after|because|amid|following|despite|although|before|until)\s)"
)


def shorten_headline(text: str) -> str:
    """``text``, or its main clause when it is long (see HEADLINE_MAX_WORDS): "Officials offered
    disparate views Sunday , as gunfire continued ..." -> "Officials offered disparate views
    Sunday"; the longest cut at a clause boundary (_CLAUSE_CUT) within the limit, else the part
    before the first comma as before."""
    if _words(text) <= HEADLINE_MAX_WORDS or _NOT_MAIN.match(text) or _QUOTE_MARK.search(text):
        return text
    cuts = [text[: m.start()].strip() for m in _CLAUSE_CUT.finditer(text)]
    fit = [c for c in cuts if HEADLINE_MIN_CLAUSE <= _words(c) <= HEADLINE_MAX_WORDS and not _open_aside(c)]
    if fit:
        return max(fit, key=_words)
    head = text.split(",", 1)[0].strip()
    return head if HEADLINE_MIN_CLAUSE <= _words(head) < _words(text) else text


# An aside between commas after a named subject: "Ann Poe , a clerk at the hospital , is ..." -> "Ann
# Poe is ..." (the verb after the second comma is lowercase).
_APPOSITIVE = re.compile(r"^((?:[A-Z][\w'.-]*\s+){1,4}),\s+(?:a|an|the|who|whose)\s[^,]{3,80}?\s*,\s+(?=[a-z])")


def _open_aside(text: str) -> bool:
    """True when ``text`` ends inside an aside it opened with a comma after its subject ("Ann Poe ,
    a clerk at the hospital"): an odd number of commas, the first within four words."""
    commas = text.count(" , ") + text.count(", ")
    return commas % 2 == 1 and _words(text.split(",", 1)[0]) <= 4


# A sentence opening on a condition ("If a resistant strain starts circulating, it would be a
# concern") says what might happen, not where the story stands: never the opening or headline.
_CONDITIONAL = re.compile(r"^\W*(?:If|Unless|Should|Were)\b")


# A party's contested word introduced by its verb ("X insisted on state television that the rebels
# were losing", "the ministry denied that ...", "he vowed that ..."): one side's position, which the
# same report often contradicts in its next sentence, not where the story stands. The opening
# prefers a sentence of what happened (LibyaWar_cnn's last report: "officials offered wildly
# disparate views ..., as gunfire and explosions continued to rock Tripoli", not the son's claim).
_SIDE_TAKEN = re.compile(
    r"\b(?:insist(?:s|ed)|claim(?:s|ed)|den(?:y|ies|ied)|vow(?:s|ed)|maintain(?:s|ed)|alleg(?:es|ed)|boast(?:s|ed))"
    r"(?:\s+[^\s.;]+){0,6}?\s+(?:that\b|``|\")"
)


def states_a_side(text: str) -> bool:
    """True when ``text`` reports a party's contested word as its main news (``_SIDE_TAKEN``)."""
    return bool(_SIDE_TAKEN.search(text))


def _opening_sentence(story: StoryContext, claims: Sequence[Claim], lead: Article) -> int | None:
    """Index of the sentence of ``lead``'s lead closest to the story's centre (long, finite)."""
    annotated = next((a for a in story.annotated if a.article.id == lead.id), None)
    if annotated is None:
        return None
    # The opening is read first and alone: it must stand alone as any summary sentence must.
    options = [
        s for s in annotated.sentences[:LEAD_SENTENCES]
        if s.finite and _words(s.text) >= MIN_LEAD_WORDS and judge_sentence(candidate_text(s.text)) is None
        and not _CONDITIONAL.match(candidate_text(s.text))
    ]
    if not options:
        return None
    # The report's news, not the background it repeats, where it has any.
    first_days = first_reported_days(story.annotated, claims)
    news = [s for s in options if not is_background(SentenceRef(lead.id, s.index), lead.published, first_days)]
    options = news or options
    # What happened, not one side's word on it, where the lead has both.
    options = [s for s in options if not states_a_side(s.text)] or options
    vectors = lead_vectors(story.annotated)
    emb = annotated.embeddings
    if len(vectors) < 3 or emb.ndim != 2 or emb.shape[0] <= max(s.index for s in options):
        return options[0].index
    centre = find_centre(np.stack(list(vectors.values())))
    # Ties (and equal vectors) go to the earlier sentence: the lede states the event first.
    return max(options, key=lambda s: (round(float(emb[s.index] @ centre), 6), -s.index)).index


def opening_text(story: StoryContext, claims: Sequence[Claim], lead: Article) -> str | None:
    """The sentence :func:`lead_summary` opens the summary on, as the summary states it (None when
    the lead report's lead has none)."""
    index = _opening_sentence(story, claims, lead)
    if index is None:
        return None
    article = next(a for a in story.annotated if a.article.id == lead.id)
    return _told(story, article, index, candidate_text(article.sentences[index].text))


def opening_words(text: str | None) -> int:
    """Words of ``text``, the sentence :func:`opening_text` gives (0 when there is none)."""
    return 0 if text is None else _words(text)


# Share of a headline's words a summary sentence holds at which it repeats the headline: the
# headline is then that sentence's near-copy (its main clause, or the report's title told again).
# An editor reads the headline first; a summary opening on the same clause says it twice (the
# Timeline17 briefs of LibyaWar_cnn, H1N1_guardian and H1N1_reuters held all of the headline's
# words in their first line; the other topics' first lines under 0.5: editor_read_s14.md).
HEADLINE_COPY = 0.8
# A headline of fewer words is a label ("Haiti earthquake", "Libya: live updates"), not a clause a
# sentence can repeat: most lines about the story hold its few words, and dropping them would empty
# the summary.
HEADLINE_COPY_MIN_WORDS = 6


def repeats_headline(headline: str, text: str) -> bool:
    """True when ``text`` holds ``HEADLINE_COPY`` of ``headline``'s words (any case, any order) and
    the headline has at least ``HEADLINE_COPY_MIN_WORDS`` words."""
    head = [w.lower() for w in _WORD.findall(headline)]
    words = {w.lower() for w in _WORD.findall(text)}
    if len(head) < HEADLINE_COPY_MIN_WORDS:
        return False
    return sum(w in words for w in head) >= HEADLINE_COPY * len(head)


def lead_summary(
    story: StoryContext,
    claims: Sequence[Claim],
    summary: Sequence[SummarySentence],
    lead: Article,
    settings: Settings,
) -> tuple[SummarySentence, ...]:
    """``summary`` opening on the central sentence of ``lead``'s report, within ``settings.words``."""
    index = _opening_sentence(story, claims, lead)
    if index is None:
        return tuple(summary)
    ref = SentenceRef(lead.id, index)
    claim = next((c for c in claims if ref in c.members), None)
    opening = next(s for s in story.annotated if s.article.id == lead.id).sentences[index]
    # The summary may already state it (its own words or another report's of the same claim): that
    # sentence gives way to the lead report's own.
    same = {opening.text} | (_member_texts(story, claim) if claim is not None else set())
    rest = [s for s in summary if not any(_same_statement(s.text, t) for t in same)]
    sources = claim.sources if claim is not None else (lead.id,)
    # Stated as every summary candidate is: no dateline ("HANOI —") or comment adverb left on it.
    lead_article = next(a for a in story.annotated if a.article.id == lead.id)
    first = SummarySentence(_told(story, lead_article, index, candidate_text(opening.text)), sources, max(1, story.count_independent(sources)))
    out = [first]
    used = _words(first.text)
    for s in rest:
        if used + _words(s.text) > settings.words:
            break
        out.append(s)
        used += _words(s.text)
    return tuple(out)


# Word overlap (Jaccard) at which two sentences are one statement (a shortened copy of it).
SAME_STATEMENT = 0.6


def _same_statement(a: str, b: str) -> bool:
    x, y = {w.lower() for w in _WORD.findall(a)}, {w.lower() for w in _WORD.findall(b)}
    return bool(x and y) and len(x & y) / len(x | y) >= SAME_STATEMENT


def _member_texts(story: StoryContext, claim: Claim) -> set[str]:
    """The texts of a claim's member sentences."""
    by_id = {a.article.id: a for a in story.annotated}
    out: set[str] = set()
    for m in claim.members:
        a = by_id.get(m.article_id)
        if a is not None and m.sentence < len(a.sentences):
            out.add(a.sentences[m.sentence].text)
    return out


def mark_changes(figures: Sequence[Figure], disagreements: Sequence[Disagreement]) -> tuple[Figure, ...]:
    """Figures whose value changed between reports read as the change; superseded values go.

    A "change" disagreement lists its sides in time order; the figure stating the last side's
    value gets ``change`` ("rose from 8 to 11"), figures stating an earlier side's value (and
    sharing a sentence with it) are dropped.
    """
    superseded: set[str] = set()
    change_of: dict[str, str] = {}
    for d in disagreements:
        if d.kind != "change" or len(d.sides) < 2:
            continue
        first, last = d.sides[0], d.sides[-1]
        verb = _direction(first.value, last.value)
        change_of[last.text] = f"{verb} from {first.value} to {last.value}"
        superseded.update(s.text for s in d.sides[:-1])
    out: list[Figure] = []
    for f in figures:
        if f.sentence in change_of:
            out.append(replace(f, change=change_of[f.sentence]))
        elif f.sentence in superseded:
            continue
        else:
            out.append(f)
    return tuple(out)


def _number(value: str) -> float | None:
    m = re.search(r"\d[\d,]*(?:\.\d+)?", value)
    if m is None:
        return None
    try:
        return float(m.group(0).replace(",", ""))
    except ValueError:
        return None


def _direction(before: str, after: str) -> str:
    a, b = _number(before), _number(after)
    if a is None or b is None or a == b:
        return "changed"
    return "rose" if b > a else "fell"
