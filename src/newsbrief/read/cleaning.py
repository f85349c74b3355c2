"""Boilerplate removal for scraped plain text, and metadata pulled from the same lines.

Each line of the raw text is judged on its own features plus its place in the page:

1. lexicons: share/follow/icon lines, newsletter/subscription and cookie prompts, tag lists,
   copyright lines, photo captions, adverts, corrections notes, bylines and credit lines,
   breadcrumbs, navigation, meta lines that are mostly a date;
2. related lists: a header ("Read more:", "Also Read", "Related", "Explore News") starts a run in
   which headline-shaped lines are dropped until a body paragraph comes back;
3. position: the body opens at the first paragraph-shaped line; before it come the title, deks,
   captions and teasers, none of which is body. After it, only sentence-shaped lines are body
   (subheadings and stray headlines go), except long lines that merely lost their full stop.

:func:`clean_text` reads a whole scraped page; :func:`clean_body` only applies the lexicons and
related-list runs to a body some other extractor (HTML, JSON) already isolated.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from newsbrief.read.furniture import (
    GALLERY_COUNTER,
    TOP_CAPTION_LINES,
    find_author_box,
    find_comment_section,
    furniture_reason,
    introduces_embed,
    is_top_caption,
    split_update_labels,
    strip_line_labels,
    strip_speaker_label,
)
from newsbrief.read.transcripts import find_qa_lines, find_speakers, is_full_name, is_transcript, strip_mixed_label, strip_qa_label
from newsbrief.read.glued import (
    GLUED_HEAD_MIN_WORDS,
    RUN_IN_LINES,
    STAMP_TOP_LINES,
    is_identification_caption,
    is_narration_caption,
    split_glued_header,
    split_place_dateline,
    split_glued_title,
    split_page_stamp,
    split_photo_credit,
    opens_on_bullet,
    split_teaser_list,
    strip_bare_tag,
)
from newsbrief.read.voice import passage_reasons
from newsbrief.read.inline import strip_inline_markup
from newsbrief.read.linecues import LineCues
from newsbrief.read.release import find_release_tail
from newsbrief.read.bio import find_closing_bio
from newsbrief.read.photoblock import find_photo_blocks
from newsbrief.read.polls import find_poll_lines
from newsbrief.read.chapters import find_chapter_lines
from newsbrief.read.endnotes import find_endnote_lines
from newsbrief.read.pagetools import page_tool_reason
from newsbrief.read.trustbox import find_trust_box_lines
from newsbrief.read.bylines import is_byline
from newsbrief.read.subheads import SUBHEADS_MIN_BELOW, is_subhead
from newsbrief.read.notices import notice_reason
from newsbrief.read.videoblurbs import video_reason
from newsbrief.read.metadata import (
    HEADLINE_MAX_WORDS,
    date_from_path,
    find_credit,
    find_date_in_lines,
    find_outlet_in_copyright,
    is_date_line,
    is_headline,
    is_masthead,
    is_paragraph,
    is_sentence,
    normalize_line,
    pick_title,
    split_dateline,
)
from newsbrief.vocabulary import count_words

_LINE_BREAK = re.compile(r"\r\n|\r|\n")


@dataclass(frozen=True)
class CleanedText:
    """The body and metadata of one scraped plain-text article."""

    body: str  # kept lines joined with "\n\n" (one paragraph per kept line)
    title: str | None
    published: dt.date | None
    published_time: str | None  # "HH:MM" 24h when the text gives a time
    outlet: str | None
    credit: str | None  # wire credit: "Reuters", "AP", "AFP", ...
    kept_lines: tuple[int, ...]  # 1-based raw line numbers making up the body, in order
    dropped: tuple[tuple[int, str], ...]  # (1-based line number, reason) per non-blank dropped line


def _rx(*patterns: str) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.I)


def _cues(*patterns: str) -> LineCues:
    return LineCues(*patterns)


# Lexicons that hold on a line of any length: the phrases do not occur in news prose (each group's
# anchored branches tried once at the line's start, see linecues.py).
_ANY_LENGTH: list[tuple[str, LineCues]] = [
    ("cookie", _cues(r"\bcookies?\b.*\b(website|browser|consent|accept|agree|privacy|experience|settings|use of)\b",
                   r"\b(accept|manage|reject)( all)? cookies\b",
                   # the same banner in other languages: "Nous utilisons des cookies", "Alle akzeptieren"
                   r"\b(utilisons des|verwenden|nutzen|utilizamos|usamos|utilizziamo( i)?|gebruiken|bruger|använder"
                   r"|verwendung von|utilisation des|uso de|uso dei|gebruik van) cookies?\b",
                   r"^(tout accepter|tout refuser|alle akzeptieren|alle ablehnen|aceptar todo|rechazar todo|accetta tutti|rifiuta tutti"
                   r"|alles accepteren|alles weigeren|accepter et fermer|paramétrer( les cookies)?|einstellungen|réglages)\W*$")),
    ("newsletter", _cues(r"\b(sign ?up|subscribe)\b.{0,60}\b(newsletter|updates|e-?mails?|inbox|alerts|digest)\b",
                       r"\byour subscription\b", r"\bsubscribe (now|today|here|to (our|the|this))\b",
                       r"\bby (providing|entering|submitting|clicking)\b.{0,40}\b(e-?mail|sign ?up|subscribe)",
                       r"\bterms of (use|service)\b.*\bprivacy (policy|notice)\b", r"\bthank you for (subscribing|signing up)\b",
                       r"\balready (a subscriber|have an account)\b", r"\bsubscribers?[- ]only\b",
                       r"\b(limit|all|the last) of (your |the |our )?free (articles|stories)\b", r"\bsubscri\w* (get|gets|enjoy|have)\b.{0,15}\bunlimited\b",
                       r"\b(log|sign) ?in to (continue|read|comment)\b", r"\bget (our|the) .{0,30}newsletter\b")),
    ("share", _cues(r"\bclick here\b", r"^(follow|join) (us|our)\b", r"\bfollow us (on|at|for)\b", r"\bfollow our .{0,40}(channel|page|account)\b",
                  r"\bdownload our\b.{0,20}\bapp\b", r"^download the\b.{0,25}\bapp\b", r"\bshare (this|the) (article|story|page|post)\b",
                  r"\bicon-[a-z]", r"\b(facebook|twitter|linkedin|whatsapp)\s*icon\b")),
    ("copyright", _cues(r"©", r"\bcopyright\s*(\(c\)|\d{4})", r"\ball rights reserved\b", r"^copyright\b")),
    ("caption", _cues(r"\bfile (photo|image|picture|pic)\b", r"\brepresentative (image|photo|picture|pic)\b",
                    r"\|\s*(photo|image|picture|pic)\b", r"^(photo|image|picture|photograph|pic|video|graphic)s?\s*(credit)?\s*[:|]",
                    r"\b(photo|image|picture)s?\s*(credit|courtesy|source)\b", r"\((ap|afp|reuters|epa|getty)\b[^)]*\bphoto\b",
                    r"\bphoto\s*:\s", r"\bimage (source|caption)\b", r"\b(AP|AFP|REUTERS|EPA|EPA-EFE)/[A-Z]",
                    r"\bgetty images\b\s*$",
                    # "... Nguyen Phu Trong (R). (AFP)": a position marker or a trailing agency tag
                    r"\((L|R|C|left|right|centre|center|\d(st|nd|rd|th) (L|R|left|right)|from left|front|back)\)",
                    r"\((AFP|AP|Reuters|PTI|ANI|IANS|EPA|Getty Images|Bloomberg|Xinhua|file|representational|representative)"
                    r"( (photo|image|pic|picture))?\)\W*$")),
    # A wire's note under a press release it carries: "X is not responsible for the content in this press release".
    ("disclaimer", _cues(r"\bis not responsible for the content\b")),
    ("promo", _cues(r"^(get|catch|read|follow|watch|stay)\b.{0,40}\b(latest|breaking|top)\b.{0,80}\b(news|updates|headlines|stories)\b",
                  r"\bsave (articles|stories) to read later\b", r"\b(create|add to) your (own )?reading list\b",
                  r"^(download|get|install) (the|our) [\w ]{0,25}app\b", r"\b(download|get|install) our [\w ]{0,25}app\b", r"^(listen|watch) (now|live)\b")),
    ("correction", _cues(r"^\(?\s*(this|the|an earlier version of this) (story|article|report|version)\b.{0,40}\b(has been|was|is)\s+(corrected|updated|amended|refiled)",
                       r"^\(?\s*(correction|clarification|editor'?s note|update)\s*:")),
    ("navigation", _cues(r"^(next|previous|prev) (story|article|post)\b", r"^back to top\b", r"^skip to\b",
                       r"^(leave|post|add) a (comment|reply)\b", r"^(view|show|load) (all )?comments\b",
                       r"\benable javascript\b", r"^listen to (this )?(article|story)\b", r"^loading\W*$",
                       r"\bstory continues below\b", r"^continue reading\b", r"^scroll (down )?to continue\b",
                       r"\b(can ?not|unable to) play (this )?(media|video)\b", r"\byour browser does not support\b")),
    ("tags", _cues(r"^(tags?|topics?|keywords?|filed under|categories|category|related topics|posted in)\s*:",
                 r"^(tags?|topics?|keywords?)\s*$")),
    ("meta", _cues(r"^\d+\s*min(ute)?s?\s+read\b", r"^(last )?(updated|published|posted)\s*(on|at)?\s*:?\s*$")),
]
# "Read more:", "Also on AF: <headline>", "Related:": a header, or a header with one item inline.
_RELATED_INLINE = _rx(
    r"^(also (on|in|read|see|watch) [^:]{0,30}|read (more|also|next)|related( stories| articles| coverage| news| posts)?"
    r"|see also|more (from|on) [^:]{0,30}|watch|listen|recommended|(don'?t|do not) miss|must read|trending|top stories"
    r"|you (may|might) (also )?like|(latest|more) news)\s*[:|»>–—]|^(read (more|also|next)|see also)\s*(\.{3}|…)",
)
_RELATED_HEADER = _rx(
    r"^(read more|also read|read also|more to read|related|related (stories|articles|news|coverage|topics|content|posts|links)"
    r"|more (stories|news|headlines|on this( story)?|like this|from [\w ]{1,25})|you (may|might) (also )?like"
    r"|recommended( for you| stories| reading)?|trending( now| stories| news| topics)?|most (read|popular|viewed|shared)"
    r"|top (stories|news|headlines)|latest (news|stories|headlines)|explore( more)?( news)?|popular( now| stories| posts)?"
    r"|also on [\w ]{1,25}|see also|(don'?t|do not) miss|editor'?s picks?|what to read next|in other news"
    r"|further reading|up next|(next|previous) story|[\w&]+( [\w&]+)? news)\s*:?$",
)
# Short lines without a sentence ending that name social networks or share actions.
_SOCIAL = _rx(r"\b(facebook|twitter|whatsapp|linkedin|telegram|reddit|instagram|youtube|pinterest|tiktok|threads"
              r"|e-?mail|share|print|tweet|copy link|comments?|save|icon)\b")
_SHORT_PROMPT = _rx(r"\b(newsletter|subscribe|subscription|sign up|advertisement|advertorial)\b")
_ADVERT = _rx(r"^(advertisement|advert|ad|sponsored( content)?|promoted( content)?|paid (content|post)|partner content)\W*$")
# Menus: "News   Business   Sport   Opinion" (items set apart by runs of spaces or tabs in the raw
# line, which normalizing erases, so this is judged on the raw line) or "News | Sport | Weather".
_MENU_SEPARATORS = re.compile(r"\s[|•·]\s")
_BREADCRUMB = re.compile(r"^[^.!?]{0,80}?(\s[/>»›]\s[^/>»›]{1,120}){2,}$|^(home|news)\s*[/>»›]", re.I)


# A correction note that says what was wrong ("... to correct the number injured: it is 14, not 41
# as an earlier version said") is content: the story's disagreements stage reads it as a
# correction. A bare "This story has been updated." is furniture.
_STATES_CORRECTION = _rx(r"\b(not|rather than|instead of|incorrectly|wrongly|mistakenly|erroneously|misstated|misspelled|misidentified|in error)\b",
                         r"\b(earlier|previous|prior|original) version\b.{0,40}\b(said|stated|reported|gave|put|described|referred|named|called)\b",
                         # "This article originally said the manuscripts were insured for £6 million."
                         r"\b(this|the) (story|article|report|version)\b.{0,20}\b(originally|previously|initially|first) "
                         r"(said|stated|reported|gave|put|described|referred|named|called)\b")


def _lexicon_reason(line: str) -> str | None:
    """The boilerplate kind of a normalized line by its words alone, or None."""
    for reason, pattern in _ANY_LENGTH:
        if pattern.search(line):
            if reason == "correction" and _STATES_CORRECTION.search(line):
                return None
            return reason
    furniture = furniture_reason(line) or notice_reason(line) or video_reason(line) or page_tool_reason(line)
    if furniture is not None:
        return furniture
    if _RELATED_INLINE.search(line) or _RELATED_HEADER.search(line):
        return "related"
    words = count_words(line)
    sentence = is_sentence(line)
    if _ADVERT.search(line):
        return "advert"
    # 40 words: a "Reporting by X; Editing by Y" sign-off with several names is ~20; body
    # sentences that say "written by" are left alone past that length.
    if words <= (15 if sentence else 40) and is_byline(line):
        return "byline"
    # The word count first: the credit patterns cost a tenth of reading a page, on every long line.
    if words <= 12 and find_credit([line]) and not is_paragraph(line):
        return "credit"
    # 12 words: share bars are a handful of network names; a headline about Facebook is longer.
    if not sentence and words <= 12 and _SOCIAL.search(line):
        return "share"
    if (not sentence or words <= 8) and _SHORT_PROMPT.search(line):
        return "newsletter"
    if not sentence and _BREADCRUMB.search(line):
        return "breadcrumb"
    if len(line) < 120 and is_date_line(line):
        return "meta"
    return None


def _is_related_header(line: str) -> bool:
    """A header that introduces a list of links: "Read more:", "Also Read", "Tags:", "Explore News"."""
    if count_words(line) > 5:
        return False
    return bool(_RELATED_HEADER.search(line) or re.search(r"^(tags?|topics?)\s*:?\s*$", line, re.I)) or bool(
        _RELATED_INLINE.search(line) and not line.split(":", 1)[-1].strip()
    )


def _is_menu(raw: str) -> bool:
    """A navigation bar: 3+ short items (1-3 words each) set apart by wide gaps or bars."""
    line = normalize_line(raw)
    if not line or is_sentence(line):
        return False
    # Bars are judged on the normalized line so that clean_body stays idempotent; gaps exist
    # only in raw text, so they can only flag a line on the first pass.
    for items in (_MENU_SEPARATORS.split(line), re.split(r" {2,}|\t+", raw.strip())):
        if len(items) >= 3 and all(1 <= count_words(x) <= 3 for x in items):
            return True
    return False


def _drop_reasons(
    lines: list[str], body_start: int, strict: bool, preset: dict[int, str] | None = None, spoken: frozenset[int] = frozenset()
) -> list[str | None]:
    """A reason per line to leave it out of the body (None: keep; blank lines get None too).

    ``strict`` applies the positional rules of a whole page (header zone, headline-shaped lines);
    without it only lexicons and related-list runs act, as suits an already extracted body.
    ``preset`` gives reasons found while splitting (menus judged raw, glued header matter);
    ``spoken`` the lines that were a transcript's turns (see :func:`_split`).
    """
    preset = preset or {}
    reasons: list[str | None] = [None] * len(lines)
    comments = find_comment_section(lines, body_start)
    box = find_author_box(lines, body_start)
    release = find_release_tail(lines, body_start)
    widgets = {i: "poll" for i in find_poll_lines(lines)} | {i: "caption" for i in find_photo_blocks(lines)}
    widgets |= {i: "player" for i in find_chapter_lines(lines)} | {i: "notes" for i in find_endnote_lines(lines)}
    widgets |= {i: "transparency" for i in find_trust_box_lines(lines)}
    in_list = False
    in_gallery = False  # right after a gallery's counter ("3 of 12"): the next line is its caption
    seen = 0  # non-blank lines judged so far (strict mode)
    for i, line in enumerate(lines):
        if not line:
            continue
        if comments is not None and i >= comments:
            reasons[i] = "comments"
            continue
        if box is not None and i >= box:
            reasons[i] = "author box"
            continue
        if release is not None and i >= release:
            reasons[i] = "release"
            continue
        if i in widgets:
            reasons[i] = widgets[i]
            continue
        if GALLERY_COUNTER.match(line):
            reasons[i], in_gallery = "gallery", True
            continue
        reason = preset.get(i) or _lexicon_reason(line)
        if in_gallery and reason == "promo":  # "Swipe for more" between the counter and its caption
            reasons[i] = "gallery"
            continue
        if in_gallery:
            in_gallery = False
            if reason is None and count_words(line) <= CAPTION_MAX_WORDS:
                reason = "caption"
        if reason is not None:
            in_list = in_list or _is_related_header(line)
            reasons[i] = reason
            continue
        if in_list:
            # A related list lasts while its items look like headlines.
            if is_headline(line) or (strict and not is_paragraph(line)):
                reasons[i] = "related"
                continue
            in_list = False
        if strict:
            seen += 1
            following = [x for x in lines[i + 1 : i + 8] if x]
            if seen <= TOP_CAPTION_LINES and (
                is_top_caption(line) or is_narration_caption(line) or is_identification_caption(line, following)
            ):
                reasons[i] = "caption"
                continue
            if i < body_start:
                reasons[i] = "header"
            elif not is_sentence(line) and count_words(line) <= HEADLINE_MAX_WORDS:
                # "The statement said:" introduces the next paragraph; "Key points:" is a label.
                # 6 words: the shortest such lead-in we would keep.
                if not (line.endswith(":") and count_words(line) >= 6):
                    reasons[i] = "subheading"
    # A writer's note closing the page, judged on the lines kept so far (a newsletter's footer after it is gone).
    kept_so_far = [i for i, x in enumerate(lines) if x and reasons[i] is None and i >= body_start]
    bio = find_closing_bio([lines[i] for i in kept_so_far])
    if bio is not None and bio > 0:
        for i in kept_so_far[bio:]:
            reasons[i] = "author box"
    if strict:
        # Readers' words and other languages show over a passage, judged on the text kept so far.
        kept = [i for i, x in enumerate(lines) if x and reasons[i] is None and i >= body_start]
        turns = {k for k, i in enumerate(kept) if i in spoken}
        for k, reason in passage_reasons([lines[i] for i in kept], turns).items():
            reasons[kept[k]] = reason
    return reasons


def _split(text: str, page: bool) -> tuple[list[str], list[int], dict[int, str], frozenset[int]]:
    """Normalized lines of ``text``, the raw line index of each, and reasons found on the way.

    A menu is judged on the raw line (its wide gaps are gone once normalized). A line gluing header
    matter to the article's first sentence becomes two or three lines: the title (judged as any
    header line), the header matter (dropped as "highlights") and the text. A wire dateline opening
    a line ("Kessel (Ledger) --") becomes a line of its own (dropped as "dateline"): the text
    after it is where the story starts (see :func:`_story_start`). A transcript's speaker labels
    ("AZUZ :", "Nora Bell (host):") are taken off and their lines returned as spoken turns, and so
    are a printed interview's "Q:" / "A:" lines (see transcripts.py). Live updates run into one
    line at their time labels become a line each; a lead-in ending on a colon before a label (its
    embedded video or links gone) is dropped as "embed".
    """
    lines: list[str] = []
    origin: list[int] = []
    preset: dict[int, str] = {}
    labels: dict[int, str] = {}  # line index -> the speaker label taken off it
    raws = _LINE_BREAK.split(text)
    # Markup first: a bold opening ("**CRAY BRIDGE ... —** Hollin Rail said") is no bullet.
    normalized = [normalize_line(strip_inline_markup(x.strip())) for x in raws]
    speakers = find_speakers(normalized)
    interview = find_qa_lines(normalized)
    answers: set[int] = set()  # line indices of an interview's questions and answers

    def add(line: str, k: int, reason: str | None = None) -> None:
        if reason is not None:
            preset[len(lines)] = reason
        lines.append(line)
        origin.append(k)

    top = 0  # non-blank lines seen
    stamp_at: int | None = None  # where a page's date-and-time stamp ends (its caption follows)
    for k, (raw, line) in enumerate(zip(raws, normalized, strict=True)):
        listed = False  # the line opened on a list of teasers: no title follows on it
        # Labels glued to a line ("AZUZ :", "By the Wire Staff") go first, so the line is judged on
        # its own words and a second cleaning finds nothing more to strip.
        if k in interview:
            line = strip_qa_label(line)
        turn = strip_mixed_label(line, speakers)
        label = line[: len(line) - len(turn)] if turn is not None else line[: len(line) - len(strip_speaker_label(line))]
        line = strip_line_labels(turn if turn is not None else line)
        *before, line = split_update_labels(line) or [""]  # updates run together: a line each
        for piece in before:  # a lead-in whose embed is gone ("... recounts it :") is none
            add(piece, k, "embed" if introduces_embed(piece) else None)
        if page:
            teasers = split_teaser_list(line, stars=top < STAMP_TOP_LINES)
            if teasers is not None:
                # A bulleted standfirst or related list run onto one line: header matter; at the
                # page's top, a first piece no bullet opens is the page's title.
                titled = top == 0 and not opens_on_bullet(line)
                listed = not titled
                pieces, line = teasers
                for n, piece in enumerate(pieces):
                    add(piece, k, "title" if titled and n == 0 else "highlights")
                stamp_at = len(lines) if pieces and split_page_stamp(pieces[-1]) is not None else stamp_at
            elif top < STAMP_TOP_LINES and (stamp := split_page_stamp(line)) is not None:
                # Title and standfirst, the stamp, then a caption or the text (see glued.py).
                head, mark, line = stamp
                if head:
                    add(head, k, "highlights")
                add(mark, k, "dateline")
                stamp_at = len(lines)
            line = strip_bare_tag(line)
            dated = split_place_dateline(line)
            if dated is not None:
                add(dated[0], k, "dateline")
                line = dated[1]
        credit = split_photo_credit(line)
        if credit is not None:
            _mark_caption(lines, preset, stamp_at)
            stamp_at = None
            add(credit[0], k, "caption")
            line = credit[1]
        glued = split_glued_header(line, 1 if listed else GLUED_HEAD_MIN_WORDS) if page else None
        if glued is not None:
            title, head, line = glued
            if title is not None:
                add(title, k, "highlights" if listed else "title")
            add(head, k, "highlights")
            line = strip_line_labels(line)
        elif page and top < RUN_IN_LINES and line:
            run_in = split_glued_title(line)
            if run_in is not None:
                add(run_in[0], k, "title")
                line = run_in[1]
                top = RUN_IN_LINES  # once a page
        top += bool(line)
        if label:
            labels[len(lines)] = label.rstrip(" :").casefold()
        if k in interview:
            answers.add(len(lines))
        add(line, k, "navigation" if _is_menu(raw) else None)
    transcript = is_transcript(list(labels.values()))
    spoken = frozenset(i for i, x in labels.items() if is_full_name(x)) if transcript else frozenset()
    spoken |= answers
    return lines, origin, preset, spoken


# A picture's caption above its credit is one line, or up to this many after a page's stamp.
CAPTION_MAX_LINES = 3
CAPTION_MAX_WORDS = 40


def _mark_caption(lines: list[str], preset: dict[int, str], stamp_at: int | None) -> None:
    """Mark as "caption" what a picture's credit line closes: the lines since the page's stamp
    (``stamp_at``, when a few), else the one line before the credit when it is short."""
    before = [i for i in range(len(lines)) if lines[i] and i not in preset]
    if stamp_at is not None:
        since = [i for i in before if i >= stamp_at]
        if 0 < len(since) <= CAPTION_MAX_LINES:
            for i in since:
                preset[i] = "caption"
            return
    if before and before[-1] == max((i for i in range(len(lines)) if lines[i]), default=-1):
        if count_words(lines[before[-1]]) <= CAPTION_MAX_WORDS:
            preset[before[-1]] = "caption"


def clean_body(text: str, title: str | None = None) -> str:
    """Drop boilerplate lines from an already extracted body; paragraphs joined by a blank line.

    Only lexicon and related-list rules act (no header zone), so a body from an HTML or JSON
    extractor keeps its subheadings within the text. Above the first paragraph, what is not a
    sentence is header matter the extractor kept (the page's title again, a summary box's
    bullets, a "Summary" label), and so is a line that repeats ``title``; a wire dateline opening
    the first paragraph ("OLSBY (Baltic Wire) - ") is not its text.
    Idempotent: ``clean_body(clean_body(x)) == clean_body(x)``.
    """
    lines, _, preset, spoken = _split(text, page=False)
    reasons = _drop_reasons(lines, 0, strict=False, preset=preset, spoken=spoken)
    kept = [x for x, r in zip(lines, reasons, strict=True) if x and r is None]
    same = _title_key(title) if title else None
    if same:
        kept = [x for x in kept if _title_key(x) != same]
    first = next((k for k, x in enumerate(kept) if is_paragraph(x)), None)
    if first is not None:
        head = [x for x in kept[:first] if is_sentence(x)]  # no paragraph among them
        # the first section's subhead ("The night" over the text, "The ship" and "The questions" further
        # down): a body with two or more subheads below keeps the one right above its first paragraph
        if first > 0 and is_subhead(kept[first - 1]) and sum(is_subhead(x) for x in kept[first + 1 :]) >= SUBHEADS_MIN_BELOW:
            head.append(kept[first - 1])
        kept = head + kept[first:]
        first = len(head)
        dated = split_place_dateline(kept[first]) if first < DATELINE_TOP_LINES else None
        if dated is not None:
            kept[first] = dated[1]
    return "\n\n".join(kept)


def _title_key(line: str) -> str:
    """A headline's words, case and punctuation aside (a title printed again as the body's first line)."""
    return " ".join(re.findall(r"\w+", line.casefold()))


def _find_body_start(lines: list[str]) -> int:
    nonblank = [i for i, x in enumerate(lines) if x]
    for pos, i in enumerate(nonblank):
        line = lines[i]
        # a question headline ("Ep. 212 — Why did the ferry run aground?") with the page's date line
        # right after it is the page's title, not its first paragraph
        if is_headline(line) and pos + 1 < len(nonblank) and is_date_line(lines[nonblank[pos + 1]]):
            continue
        if is_paragraph(line) and _lexicon_reason(line) is None:
            # Short sentences right before the first paragraph open the body too ("Swine flu is
            # officially a pandemic."), but never the first line of the page, which is a title if
            # anything, and never a headline-shaped line.
            while pos > 1:
                prev = lines[nonblank[pos - 1]]
                if not is_sentence(prev) or is_headline(prev) or count_words(prev) < 3:
                    break
                if _lexicon_reason(prev) is not None:
                    break
                pos -= 1
            return nonblank[pos]
    # No paragraph-shaped line (a text without punctuation): everything after the first line.
    nonblank = [i for i, x in enumerate(lines) if x]
    return nonblank[1] if len(nonblank) > 1 else (nonblank[0] if nonblank else 0)


# Non-blank lines a page may print above its wire dateline (title, byline, a caption, a promo):
# a dateline further down is a second story's, not where this one starts.
DATELINE_TOP_LINES = 5


def _story_start(lines: list[str], preset: dict[int, str], body_start: int) -> int:
    """Where the article starts: the line after a wire dateline (or glued header matter) among the
    page's first lines, when that is past ``body_start``; what comes above it is header matter
    (a picture's caption, highlights, a promo), however sentence-like."""
    seen = 0
    for i, x in enumerate(lines):
        if not x:
            continue
        if preset.get(i) not in ("dateline", "highlights", "title"):
            seen += 1
        if seen > DATELINE_TOP_LINES:
            break
        if i > 0 and preset.get(i - 1) in ("dateline", "highlights", "caption") and preset.get(i) is None:
            # A first sentence too short for a paragraph ("`` Never again . ''") after glued header matter starts it too.
            return i if preset[i - 1] == "highlights" and is_sentence(x) and not is_headline(x) else max(i, body_start)
    return body_start


def clean_text(raw: str, path: str | None = None) -> CleanedText:
    """Clean one scraped plain-text article and read its metadata.

    Publication date: a date in the header/meta lines (or a dateline opening the body); else a
    YYYY-MM-DD (or YYYY/MM/DD) folder or file name in ``path``; else None. A dateline date is
    stripped from its body line, the rest of the line kept.
    """
    lines, origin, preset, spoken = _split(raw, page=True)
    body_start = _story_start(lines, preset, _find_body_start(lines))
    # A transcript's turns right before the first paragraph ("SPEAKER 1: Good afternoon.") are spoken text too.
    while (prev := max((i for i in range(body_start) if lines[i]), default=None)) is not None and prev in spoken and prev not in preset:
        body_start = prev
    reasons = _drop_reasons(lines, body_start, strict=True, preset=preset, spoken=spoken)

    header = [(i, x) for i, x in enumerate(lines[:body_start]) if x and reasons[i] in (None, "header")]
    title_index, title, outlet = pick_title(header)
    glued_title = next((i for i, r in sorted(preset.items()) if r == "title"), None)
    if glued_title is not None:  # a title glued to the text outranks the header's lines
        title_index, title = glued_title, lines[glued_title]
    if title_index is not None:
        reasons[title_index] = "title"
        for i, x in header:  # the same headline printed twice (page title and heading)
            if i != title_index and title is not None and x.replace("’", "'") == title.replace("’", "'"):
                reasons[i] = "title"
    for i, x in enumerate(lines):
        if x and reasons[i] == "header" and is_date_line(x):
            reasons[i] = "meta"

    found = find_date_in_lines(lines, body_start)
    published, published_time = found if found else (None, None)
    if published is None and path is not None:
        published = date_from_path(path)

    kept: list[int] = []
    paragraphs: list[str] = []
    for i, (line, reason) in enumerate(zip(lines, reasons, strict=True)):
        if not line or reason is not None:
            continue
        if i == body_start:
            split = split_dateline(line)
            if split is not None:
                line = split[1]
        kept.append(origin[i] + 1)
        paragraphs.append(line)

    credit_lines = [x for i, x in enumerate(lines) if x and (reasons[i] is not None or i == body_start)]
    credit = find_credit(credit_lines)
    if outlet is None:
        outlet = find_outlet_in_copyright(x for i, x in enumerate(lines) if reasons[i] == "copyright")
    if outlet is None:  # a masthead on the page's first line, as printed
        first = next((x for x in lines if x), "")
        outlet = first if first and is_masthead(first) and reasons[lines.index(first)] == "header" else None
    return CleanedText(
        body="\n\n".join(paragraphs),
        title=title,
        published=published,
        published_time=published_time,
        outlet=outlet,
        credit=credit,
        kept_lines=tuple(kept),
        dropped=tuple((origin[i] + 1, r) for i, r in enumerate(reasons) if lines[i] and r is not None),
    )
