"""A site's notices about the page itself, not the story: where it first ran, how it was
translated, what the site's standards are, what a subscription or a donation buys, which
newsletter or videos to try next.

Rules by shape, never by site (tests/fixtures/unseen/bridge and wildfire are written in several
sites' styles). Each pattern is a phrase news prose does not use about its own story outside a
quotation; a line that holds one is judged whole (:func:`notice_reason`), after quotations are
taken out so that a quoted appeal ("'Donate now,' the charity said") stays text.

- syndication: "This story originally appeared in X and is republished here with permission.",
  "Republished under a Creative Commons licence. Read the original article.", "This article is
  part of our Local News Partnership ...";
- translation: "Translated from German.", "This article was translated with the help of
  software and reviewed by our editors.";
- standards: "Our Standards: The X Editorial Code.", "Read our editorial guidelines";
- paywall offers: "Read the full article with X Plus.", "Only €1 for the first month. Cancel
  anytime.";
- donation appeals: "X is listener supported. Donate today to keep local news free.";
- newsletter pitches and sign-up forms: "Our free daily newsletter with the stories you need,
  delivered at 7am.", "... delivered to your inbox every weekday", "I agree to the privacy policy";
- video lists: "More videos from the Courier", "More videos";
- a press release's flag ("FOR IMMEDIATE RELEASE"); how the page was edited or paid for ("This
  interview has been condensed and edited for clarity.", "This story was written by a ... Reporter,
  part of a ... scheme that funds ..."); a column's author note, views disclaimer and letters
  invitation; a feedback prompt ("Was this article helpful?"); an age banner ("This article is more than 1 year old"); an e-mail newsletter's frame
  ("You are receiving this email because ...", its "Here is the latest on ..." and sign-off);
- a fact box's heading ("Key facts", "The fire at a glance"): the box's items are content.
"""

from __future__ import annotations

import re

from newsbrief.read.linecues import LineCues

# A quotation that runs on into the next paragraph opens and never closes in this one. Single
# quotes (British style: 'We need help. Donate now,' she said) close on a quote mark that no letter
# follows: an apostrophe inside ("won't", "council's") does not close them.
_QUOTED = re.compile(
    r"\"[^\"]*(?:\"|$)|“[^”]*(?:”|$)|``.*?(?:''|$)"
    r"|(?<!\w)'(?:[^']|'(?=\w))*'(?!\w)|‘(?:[^’]|’(?=\w))*(?:’|$)"
)


def _rx(*patterns: str) -> LineCues:
    return LineCues(*patterns)


# A transparency box's label or heading: "Why we wrote this:", "How we reported it:", "Behind the
# story", "Why we're reporting this", "About our sourcing:" (read/trustbox.py takes a heading's text too).
TRANSPARENCY_HEAD = (
    r"^(?:why we(?:'re| are)? (?:wrote|writing|did|published|publishing|covered|covering|reported|reporting|chose) (?:this|it)"
    r"(?: story| article| report)?"
    r"|how we (?:reported|wrote|did|verified|sourced|covered|researched) (?:this|it)(?: story| article| report)?"
    r"|behind (?:the|this) (?:story|reporting)|about this (?:story|reporting|report|project)"
    r"|about our (?:sourcing|sources|reporting|methodology))"
)
TRANSPARENCY_LABEL = TRANSPARENCY_HEAD + r"\s*(?::|$)"
_STORY = r"(?:story|article|report|piece|post|interview|column|essay|feature|series|investigation)"
_NOTICES: list[tuple[str, LineCues]] = [
    ("syndication", _rx(
        rf"^(?:this|the above|an? (?:earlier |longer |shorter )?version of this) {_STORY} (?:was )?(?:originally|first) "
        r"(?:appeared|published|ran|posted|aired)\b",
        # the notice is the whole sentence ("Originally published on 3 May, 2024.", "... by the Valley
        # Times, a nonprofit newsroom."); "First published in 1998, the report warned ..." is prose
        r"^(?:originally|first) (?:published|appeared|posted) (?:in|on|at|by)\b(?:[^,.!?]|,\s*\d|\.(?=\w))*(?:,\s+an?\s[^.!?]*)?(?:[.!?]|$)",
        # "reproduced under the same conditions", "a map reprinted from a survey" are prose
        r"\b(?:republished|reprinted|reproduced|syndicated) (?:here )?(?:with (?:the )?(?:kind )?permission|courtesy)\b",
        r"\b(?:republished|reprinted|reproduced|syndicated) (?:here )?under (?:a|the) (?:[\w-]+ ){0,3}licen[cs]e\b|\b(?:republished|syndicated) (?:here )?from\b",
        r"^(?:republished|reprinted|reproduced) (?:with|by|under|from)\b",
        # the page's own licence ("This work is licensed under a Creative Commons ... License"); "The
        # photos were released under a Creative Commons licence, the museum said" is prose
        r"^(?:(?:this|the) (?:work|article|story|text|content|piece|page) (?:is|was) |it is )?(?:licen[cs]ed|published|available|distributed) "
        r"under (?:a|the) creative commons\b|^creative commons\b",
        # an imperative link ("Read the original article."); "Critics who read the original report say" is prose
        rf"(?:^|[.!?]\s+)read the original {_STORY}\b",
        # the page's own text is part of a series or partnership; "This investigation is part of a wider
        # inquiry, prosecutors said" is prose
        r"^this (?:story|article|piece|post|column|essay|feature) (?:is|was) part of (?:a|an|our|the)\b",
        rf"^this {_STORY} (?:is|was) (?:(?:produced|published|reported|written) "
        r"(?:in (?:partnership|collaboration|association) with|as part of|with (?:support|funding) from))",
    )),
    ("translation", _rx(
        r"^(?:this (?:article|story|text|report|piece) (?:was|has been|is) )?(?:machine[- ]|automatically |ai[- ])?translated (?:from|by|with|using)\b",
        # the page's own text, translated by software and checked by its editors; "the interviews were
        # translated using AI software, lawyers said" is prose
        r"^(?:this|the following) (?:article|story|text|report|piece)\b.{0,30}\btranslated (?:with the help of|using|by|with) (?:an? )?"
        r"(?:software|machine|ai|artificial intelligence|automated|automatic)",
        r"\b(?:machine|automatic|ai)[- ]translat\w+\b.{0,60}\b(?:reviewed|checked|edited) by (?:our|the|an?) (?:[\w-]+ )?(?:editors?|desk|staff|newsroom|journalists?)\b",
        r"^this (?:article|story|text|report) is (?:also )?available in\s*:",
        # "This article is also available in French." as a line of its own
        r"^this (?:article|story|page|text|report) is (?:also )?available in [A-Z][a-z]+(?:,? (?:and|or) [A-Z][a-z]+)?\s*[.:]?$",
    )),
    # a press release's flag: "FOR IMMEDIATE RELEASE", "Embargoed until 00:01 GMT"
    ("release", _rx(r"^for immediate release\b", r"^embargoed (?:until|till|for)\b")),
    ("standards", _rx(
        r"^our (?:editorial )?(?:standards|principles|ethics|values|code)\s*:",
        r"\b(?:read|learn more about|see) our (?:editorial )?(?:standards|guidelines|ethics policy|code of (?:conduct|practice)|corrections policy)\b",
        # "Read about how we fact-check claims and how we rate them."
        r"^(?:read|learn|find out) (?:more )?(?:about )?how we (?:fact-?check|work|report|verify|rate|choose|select|test|review)\b",
        # the interview or transcript as printed: "This interview has been condensed and edited for clarity."
        r"\b(?:has been|have been|was|were|is) (?:lightly )?(?:condensed|edited)(?: and (?:lightly )?(?:condensed|edited))? "
        r"for (?:length|clarity|brevity|space|style)\b",
        # who paid for the reporting: "This story was written by a X Reporter, part of a ... scheme that funds ..."
        r"^this (?:story|article|content|report|piece|coverage) (?:was|is|has been) (?:written|produced|funded|supported|made possible)\b"
        r"[^.!?]{0,60}\b(?:by|through|with|thanks to|as part of)\b[^.!?]{0,120}\b(?:scheme|programme|program|initiative|fund|grant|foundation)\b",
    )),
    ("opinion", _rx(
        # the column's author described as a line of its own: "The author is a retired bus driver."
        r"^the (?:author|writer|columnist)s? (?:is|are) (?:an?|the)\b[^.!?]*[.!?]?$",
        # the disclaimer as the line's last sentence; "The views expressed are his own -- If you look ..." glues it to a column's text
        # ("opinions expressed by anyone" in a comment, "the views expressed by the minister angered ..." are prose)
        r"(?:^|[.!?]\s+)(?:the )?(?:views|opinions) expressed\b[^.!?]{0,60}?\b(?:own|solely|do not|does not|necessarily)\b"
        r"(?:(?!\s--\s)(?:[^.!?]|(?<=\b[A-Z])\.))*(?:[.!?]\W*)?$",
        # the same disclaimer naming the piece instead of "expressed": "The opinions in this commentary are solely
        # those of Ann Poe ." ("the views in this town are split" is prose: no own/solely/necessarily after it)
        r"^(?:the )?(?:views|opinions) (?:in|of) (?:this|these) (?:commentar(?:y|ies)|columns?|op-eds?|essays?|pieces?|articles?) "
        r"(?:is|are) (?:solely|entirely|those of|(?:his|her|their|the author's|the writer's) own)\b[^!?]{0,80}$",
        # a letters page's invitation, in the imperative or as the page's question
        r"^do you have an opinion on\b", r"(?:^|[.!?]\s+)(?:submit|send(?: us)?|write(?: us)?) a letter\b",
    )),
    # an archive page's age banner: "This article is more than 1 year old"
    ("age", _rx(r"^this (?:article|story|page|content|piece) is (?:more|over|older) than (?:\d+|an?|one|two|three|five|ten) (?:years?|months?|weeks?|days?)(?: old)?\W*$")),
    ("feedback", _rx(
        r"^(?:was|is|did you find) this (?:article|story|page|piece|information|content|answer) (?:helpful|useful)\b",
    )),
    ("paywall", _rx(
        rf"^(?:read|continue reading|unlock|access) (?:the|this) (?:full|whole|entire|rest of the) {_STORY}\b.{{0,40}}\b(?:with|for|by subscribing|subscribe)\b",
        r"(?:^|[.!?]\s+)cancel any ?time\W*$",
        # the offer is the whole sentence; "From £20 a week in 2010, the benefit rose to ..." is prose
        r"^(?:only|just|from)\s*(?:[$€£]\s?\d|\d+(?:[.,]\d+)?\s?(?:€|\$|£|euros?|dollars?|pounds?))[^.!?]{0,40}\b(?:first|per|a|each) "
        r"(?:month|week|year)\b[^.!?,]{0,30}(?:[.!?]|$)",
        # an imperative offer; "Customers can subscribe for just $5 a month, the company said" is prose
        r"(?:^|[.!?]\s+)subscribe (?:from|for (?:only|just))\s*[$€£]?\s?\d",
    )),
    ("donation", _rx(
        # "The Sentinel is reader funded." as a sentence of its own; "The cooperative, which is member-funded,
        # lost ..." and "The station is listener-supported and relies on ..." are prose
        r"^(?:[\w'’&.-]+ ){0,5}(?:is|are) (?:an? |proudly )?(?:listener|reader|viewer|member)[- ](?:supported|funded|powered)\b(?: [\w-]+){0,2}\s*(?:[.!]|$)",
        # an appeal in the imperative, opening a sentence ("Donate today to ...", "Please support local news")
        r"(?:^|[.!?]\s+)(?:please )?(?:donate|give|contribute|chip in) (?:today|now)\b",
        r"(?:^|[.!?]\s+)(?:please )?support (?:independent|local|public|our|quality|nonprofit|non-profit) (?:\w+ )?(?:journalism|news|reporting)\b",
        r"^become an? (?:member|supporter|patron|sustaining member)\b",
        r"\bkeep (?:local |our )?(?:news|journalism|reporting) free\b",
    )),
    ("newsletter", _rx(
        r"\bour (?:free )?(?:[\w-]+ ){0,3}(?:newsletters?|briefings?|bulletins?|e-?mails?|digests?)\b.{0,80}\b(?:delivered|sent|straight|every|inbox|daily|weekly)\b",
        r"\b(?:enter|type) your e-?mail(?: address)?\b",
        # a form's promise opens its sentence; "the law requires that customers can unsubscribe at any time" is prose
        r"(?:^|[.!?]\s+)(?:you can )?unsubscribe\b",
        # a sign-up form: "... delivered to your inbox every weekday", "I agree to the privacy policy", "Sign me up"
        # "fake invoices are sent directly to your email, police warned" is prose
        r"\bdelivered (?:straight |directly )?to your (?:inbox|e-?mail)\b|\b(?:sign up|subscribe)\b.{0,80}\b(?:sent|straight|directly) to your (?:inbox|e-?mail)\b",
        # "I accept the terms of the settlement were harsh, the minister said" is prose
        r"^i (?:agree|accept|consent)\b.{0,60}\b(?:privacy|terms (?:of (?:use|service)|and conditions|& conditions))\b", r"^sign me up\W*$",
        # an e-mail newsletter's frame: "You are receiving this email because ...", "View this email in
        # your browser", "Forwarded this email?", its introduction and sign-off as lines of their own
        r"\byou(?:'re| are) (?:receiving|getting) this (?:e-?mail|newsletter|message)\b", r"\byou (?:received|got) this (?:e-?mail|newsletter)\b",
        r"^view this e-?mail in (?:your|a) (?:web )?browser\b", r"^(?:having )?trouble viewing this e-?mail\b",
        r"^manage (?:your )?(?:e-?mail )?(?:preferences|subscriptions?|settings)\b",
        # its greeting and its introduction of the day's issue, as lines of their own
        # (a bare "Good afternoon." and "Good morning and welcome to Morning Desk." are a speaker's turns on a
        # transcript, and stay)
        r"^good (?:morning|afternoon|evening),? from (?:the )?[A-Z][^.!?]{0,40}[.!,]?$",
        # ("Today's edition of the Ledger carried an apology" is prose)
        r"^(?:in )?(?:today'?s|this week'?s|this morning'?s) (?:edition|issue|newsletter|briefing)(?:\s*:|,| is\b| we\b| you\b)",
        r"^(?:forwarded this e-?mail|was this e-?mail forwarded to you)\b",
        r"^here(?:'s| is| are) (?:the latest|your (?:daily|morning|evening|weekly|latest|essential)|today's|this week's|what you need to know)\b[^.!?]{0,80}[.!:]?$",
        r"^that'?s (?:all|it) (?:for|from) (?:today|now|this week|us|me)\b",
    )),
    # a fact box's heading: "Key facts", "The fire at a glance", "The bridge in numbers"
    ("box heading", _rx(
        r"^(?:key|fast|quick) facts\s*:?$|^fact ?(?:box|file)\s*:?$|^(?:facts? )?at a glance\s*:?$",
        r"^(?:[\w'’-]+ ){0,5}(?:at a glance|in numbers|by the numbers)\s*:?$",
    )),
    # a transparency box about the page's reporting: "Behind the story", "Why we wrote this: ...",
    # "How we reported it: ..." (a label opening the line, or a heading alone); "Why we wrote this
    # letter is clear, the union said" has no label's colon
    ("transparency", _rx(
        TRANSPARENCY_LABEL,
    )),
    # a markets page's data notes: "Market data delayed by at least 15 minutes.", "Stock quotes
    # provided by a third-party data service.", "Add to watchlist"; "Train data provided by the
    # operator showed delays" is prose (no quote or market word)
    ("data credit", _rx(
        r"^(?:stock |market |price )?(?:quotes?|prices?|market data|data) (?:(?:are|is) )?delayed(?: by)?(?: at least| up to)?"
        r"(?: \d+ (?:min(?:ute)?s?|seconds?)\b|\W*$)",
        r"^(?:stock |market )?(?:quotes?|market data|price data|stock data) (?:(?:are|is) )?(?:provided|supplied|powered) by\b",
        r"^add to (?:my |your )?(?:watchlist|portfolio)\W*$",
    )),
    # an audio page's plugs and credits: "Subscribe to X wherever you get your podcasts", "Listen on
    # Apple Podcasts | Spotify", "leave us a rating", "Produced by X. Music by Y." (the line opens on
    # a credit sentence: a name, then the sentence's end; "Produced by the council in 2019, the
    # report ..." is prose)
    ("podcast", _rx(
        r"\bwherever you (?:get|find|listen to) (?:your )?podcasts\b|\bwherever you listen\W*$",
        r"(?:^|[.!?]\s+)(?:listen|subscribe|follow)\b[^.!?]{0,40}\b(?:apple podcasts|spotify|google podcasts|pocket casts|overcast)\b",
        r"(?:^|[.!?]\s+)(?:please )?(?:leave|give|write) us an? (?:rating|review)\b",
    )),
    # a page's citation line: "Cite this article: ...", "Suggested citation: ..."
    ("citation", _rx(r"^(?:cite|citing) this (?:article|story|page|piece|report|essay)\s*:", r"^(?:how to cite|suggested citation)\b")),
    ("related", _rx(
        r"^(?:more|watch more|see more|latest) (?:videos?|clips|podcasts?|episodes|galleries|photos|pictures)\b(?: (?:from|on|about|like this) [^.!?]{1,40})?\s*:?$",
    )),
]


# A credit sentence opening the line, case-sensitive where the name follows.
_CREDITS = re.compile(
    r"^(?i:produced|presented|hosted|mixed|engineered|edited|executive produced|sound design|(?:original |theme )?music)"
    r"(?: and (?i:produced|presented|hosted|mixed|edited))? (?i:by) [A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,3}\s*[.;](?:\s|$)"
)


def notice_reason(line: str) -> str | None:
    """The kind of a site's notice a normalized line is, by its words outside quotation, or None."""
    if _CREDITS.match(line):
        return "credits"
    bare = _QUOTED.sub(" ", line)
    for reason, pattern in _NOTICES:
        if pattern.search(bare):
            return reason
    return None
