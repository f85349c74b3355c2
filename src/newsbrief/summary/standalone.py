"""Can a summary sentence stand alone? References that point back into an article the reader of a
summary has not seen.

A summary is read without its articles, so a sentence that leans on what came before it in its
article reads as a non sequitur there. candidates.judge_sentence catches pronoun openers ("He",
"They") and speakers named by surname alone ("..., Wang said."); this module adds what it
misses, and candidates.judge_sentence calls :func:`standalone_reason` last:

- an opening **definite description** of someone or something the article introduced before:
  "The report highlighted ...", "The woman was trying ...", "The aircraft targeted ...": "the"
  and a noun of a person, a document, an event or a vehicle (``ANAPHORIC_HEADS``), with at most
  one modifier before it and a verb straight after it (nothing after the noun says which one:
  "The report by the U.N. envoy said ..." does, and stands);
- a time told **relative to an event it does not name** at its end ("... a short time later .");
- a **speaker named by surname alone** in tokenised text, where a space comes before the
  punctuation ("... , Abdallah said ."), which the plain-text rules do not see.

Such a sentence is a *follower* (see candidates.py): it may go into a summary only right after
the sentence before it in its article, which introduces whom or what it means.

Two shapes of page furniture that reach the sentence splitter as sentences are not statements:

- a **cut at a title's abbreviation**: a sentence splitter ends a sentence at "amb ." or "Gen ."
  when the abbreviation closed a teaser or headline that the page ran into the next ("UN approves
  no-fly zone in Libya Libyan amb ."); a title before a name never ends a sentence
  (:func:`ends_on_title_abbreviation`);
- a **bracket closed before any opened** ("DEA -RRB- entered the office ."): a piece of a longer
  sentence (:func:`closes_unopened_bracket`);
- a **Title Case run** opening a sentence: a headline whose every word is capitalised, function
  words included ("Villagers Still Waiting For Water Regional officials say ..."), glued to the
  sentence after it (:func:`opens_on_title_case_run`); a name ("Bank of America") keeps its
  function words lowercase;
- a **sentence-case headline** glued to the sentence after it: within a headline's length from the
  start, a lowercase word runs into a capitalised opener ("In", "The", "A", ...) followed by a
  lowercase word, with no stop between ("Rebels seize four towns In the western hills , hundreds
  of ..."); inside a sentence these words are capitalised only in names and titles, which go on
  with a capital ("according to The Times") (:func:`glues_sentence_case_headline`).

A report's header run into its first sentence: a byline opening it ("By Ann Poe Ledger News ,
...") or a page's date-and-time stamp inside it ("Friday 1 May 2009 15.49 BST")
(:func:`carries_header_matter`).

A short **verification disclaimer** ("CNN could not independently confirm the reports .") says how
sure an outlet is of a fact told elsewhere (:func:`is_disclaimer`).

And a live blog's **label opener** ("To recap :", "Catch up:", "UPDATE :"), a few words before a
colon with a full sentence after it, is taken off the sentence (:func:`strip_label_opener`).
"""

from __future__ import annotations

import re

from newsbrief.vocabulary import MONTHS, WEEKDAYS

# A weekday's name as copy writes it ("Tuesday"), from the one weekday table.
_WEEKDAY = "(?:" + "|".join(d.capitalize() for d in WEEKDAYS) + ")"

# Nouns that name someone or something introduced earlier in an article (a definite description
# of one of them opening a sentence points back), not an institution or a story's subject that a
# reader knows without introduction ("The government", "The virus", "The earthquake").
ANAPHORIC_HEADS = frozenset(
    """
    man woman men women boy girl child children baby teenager teen youth couple family mother father
    daughter son wife husband brother sister victim victims suspect suspects patient patients driver
    pilot passenger passengers soldier gunman attacker attackers witness student teacher doctor nurse
    official officer spokesman spokeswoman source sources resident residents worker workers
    journalist reporter photographer singer actor player fan fans survivor survivors prisoner
    detainee defendant lawyer widow owner neighbour neighbor friend colleague manager employee
    report statement letter study survey document memo video footage book article paper poll
    interview speech message email e-mail note complaint lawsuit ruling verdict announcement
    decision move step attack incident accident raid strike blast explosion crash shooting
    meeting visit trip deal agreement plan proposal measure bill vote case operation mission
    incident episode event campaign order request offer call warning claim allegation
    aircraft plane jet helicopter ship vessel boat car vehicle truck bus train building house
    """.split()
)
# What may follow the noun straight away and still leave it unresolved: a verb or an auxiliary
# (a lowercase word that is not a preposition, conjunction, relative or possessive).
_NOT_VERB = frozenset(
    """of in on at to for from by with about over under near into onto after before during
    against between among through without within via like and or but nor that which who whom
    whose where when as than 's ' , -- -lrb- ( . :""".split()
)

_SAYING = r"(?:said|says|added|adds|told|asked|wrote|declared|stated|explained|insisted|warned|argued|noted|recalled|replied|continued)"
# "... , Abdallah said ." / "... , said Moreno-Ocampo ." with tokeniser spacing before the stop.
_SURNAME = r"[A-Z][a-z]+(?:-[A-Z][a-z]+)?"
_SPACED_BARE_SPEAKER = re.compile(
    rf",\s+(?:''\s+)?{_SURNAME}\s+{_SAYING}\s+[.,]|,\s+(?:''\s+)?{_SAYING}\s+{_SURNAME}\s+[.,]"
)


def opens_on_definite_reference(text: str) -> bool:
    """True when ``text`` opens on "The [modifier] <noun> <verb>" with a noun of ``ANAPHORIC_HEADS``."""
    words = text.split(None, 4)
    if len(words) < 4 or words[0] != "The":
        return False
    # "The woman was ...", "The two women were ..." (one lowercase modifier before the noun).
    for head, nxt in ((words[1], words[2]), (words[2], words[3])):
        if head in ANAPHORIC_HEADS:
            return nxt[:1].islower() and nxt.lower() not in _NOT_VERB
        if not head[:1].islower():
            return False
    return False


# Titles written before a name ("Amb. Ali", "Gen. Poe", "Sen. Kim"): a sentence cannot end on one.
TITLE_ABBREVIATIONS = frozenset(
    """amb gen sen rep gov lt col sgt capt cpt maj adm cmdr cdr brig pres sec dr mr mrs ms prof rev
    fr supt insp det cpl pvt atty hon""".split()
)
_LAST_WORD = re.compile(r"([A-Za-z]+)\s*\.\s*[\"'\u201d\u2019)]*\s*$")


# Abbreviations that are also names ("Hun Sen ."): only their lowercase form ("sen .") is a title's.
_ALSO_NAMES = frozenset({"sen"})


def ends_on_title_abbreviation(text: str) -> bool:
    """True when ``text`` ends on a title's abbreviation and its stop ("... Libyan amb .")."""
    m = _LAST_WORD.search(text)
    if m is None:
        return False
    word = m.group(1)
    return word.lower() in TITLE_ABBREVIATIONS and not (word.lower() in _ALSO_NAMES and word[0].isupper())


# Function words a Title Case headline capitalises and a name or a sentence does not.
_TITLE_FUNCTION_WORDS = frozenset(
    "For In Of To And On At With From By Is Are As After Over Into Than Up Out About Amid Against".split()
)
# Capitalised words, at least, in a glued Title Case run.
TITLE_RUN_MIN_WORDS = 4


# A sentence-case headline run into the next sentence: a lowercase word, then a sentence opener
# capitalised, then a lowercase word, within the first HEADLINE_MAX_WORDS words.
HEADLINE_MAX_WORDS = 14
# Not "A": a letter that also names a type inside a sentence ("an influenza A virus").
_SENTENCE_OPENERS = "In|The|An|On|At|For|With|After|As|By|From|Over|Amid|Despite|When|While"
_SENTENCE_CASE_GLUE = re.compile(
    r"^(?:\S+\s+){0,%d}?[a-z][a-z'’-]*\s+(?:%s)\s+[a-z]" % (HEADLINE_MAX_WORDS - 3, _SENTENCE_OPENERS)
)


def glues_sentence_case_headline(text: str) -> bool:
    """True when a sentence-case headline runs into a sentence in ``text`` (_SENTENCE_CASE_GLUE)."""
    return bool(_SENTENCE_CASE_GLUE.match(text))


# A quoted headline run into a sentence: the quotation closes and "A"/"The"/"An" opens a new
# sentence with no stop between ("Flu : ` watch , prepare ' A child has become ...").
_QUOTED_TITLE_GLUE = re.compile(
    r"(?:``|`|\u201c|\u2018)[^`'\u201d\u2019]{1,80}[^`'\u201d\u2019\s.!?,;:]\s*(?:''|'|\u201d|\u2019)\s+(?:The|A|An)\s+[a-z0-9]"
)


def glues_quoted_title(text: str) -> bool:
    """True when a quotation in ``text`` runs straight into a new sentence (_QUOTED_TITLE_GLUE)."""
    return bool(_QUOTED_TITLE_GLUE.search(text))


def opens_on_title_case_run(text: str) -> bool:
    """True when ``text`` opens on TITLE_RUN_MIN_WORDS+ capitalised words, one of them (not the
    first) a function word (_TITLE_FUNCTION_WORDS), with more text after the run."""
    words = text.split()
    run = 0
    for w in words:
        if not w[:1].isupper():
            break
        run += 1
    if run < TITLE_RUN_MIN_WORDS or run >= len(words) - 1:
        return False
    return any(w in _TITLE_FUNCTION_WORDS for w in words[1:run])


# "To recap :", "Catch up:", "UPDATE :", "The latest :": one to three words, the first capitalised,
# then a colon and a capitalised sentence (tokenised text puts a space before the colon).
_LABEL = re.compile(r"^(?P<label>[A-Z][A-Za-z'’]*(?:\s+[A-Za-z'’]+){0,2})\s?:\s+(?=[A-Z`\"“‘])")


def strip_label_opener(text: str) -> str:
    """``text`` without a live blog's label opener (see module doc): not when the label has a verb
    of saying ("Police said :") or the rest is a quotation, whose speaker the label is."""
    m = _LABEL.match(text)
    if m is None or re.search(_SAYING, m["label"]) or m["label"].split()[-1].lower() in _SPEAKING_NOUNS:
        return text
    rest = text[m.end() :]
    return text if rest[:1] in "`\"“‘" else rest


_SPEAKING_NOUNS = frozenset("says say said told tells statement quote quoted".split())


# "CNN could not independently confirm the reports .": a verification disclaimer, which says how
# sure the outlet is of something the summary does not carry. Short ones only: a longer sentence
# states what it could not verify.
_DISCLAIMER = re.compile(
    r"\bcould not (?:be )?(?:independently |immediately )?(?:confirm|verify|confirmed|verified)\b|\bcannot (?:be )?(?:independently |immediately )?(?:confirm|verify|confirmed|verified)\b"
)
DISCLAIMER_MAX_WORDS = 15


def is_disclaimer(text: str) -> bool:
    """True when ``text`` is a short verification disclaimer (see _DISCLAIMER)."""
    return len(text.split()) <= DISCLAIMER_MAX_WORDS and bool(_DISCLAIMER.search(text))


# "NATO began bombing a short time later .": a time told relative to an event the sentence does
# not name, so it points back to the sentence before it.
_RELATIVE_TIME_END = re.compile(
    r"\b(?:a short time|shortly|soon|moments|minutes|hours|a day|days|weeks) (?:later|afterwards?|after|thereafter)\s*\.\s*$"
)


# Header matter run into a report's first sentence: a byline opening it ("By Ann Poe Ledger News ,
# Kessel ..."), or a page's date-and-time stamp inside it ("... Friday 1 May 2009 15.49 BST Ann ...").
_BYLINE_OPENER = re.compile(r"^By\s+[A-Z][a-z'’-]+\s+[A-Z][a-z'’-]+\b(?!\s*,)")
_PAGE_STAMP = re.compile(
    rf"\b{_WEEKDAY}\s+\d{{1,2}}\s+[A-Z][a-z]+\s+\d{{4}}\s+\d{{1,2}}[.:]\d\d\s*[A-Z]{{2,4}}\b"
)


def carries_header_matter(text: str) -> bool:
    """True when ``text`` opens on a byline or holds a page's date-and-time stamp (see above)."""
    return bool(_BYLINE_OPENER.match(text) or _PAGE_STAMP.search(text))


_OPEN_BRACKET = re.compile(r"-LRB-|\(")


def closes_unopened_bracket(text: str) -> bool:
    """True when a bracket closes in ``text`` before any opened ("DEA -RRB- entered ..."): the
    sentence was cut out of a longer one."""
    depth = 0
    for m in re.finditer(r"-LRB-|-RRB-|[()]", text):
        depth += 1 if _OPEN_BRACKET.fullmatch(m.group()) else -1
        if depth < 0:
            return True
    return False


def standalone_reason(text: str) -> str | None:
    """``"follower"`` when ``text`` leans on a sentence before it, ``"fragment"`` or
    ``"headline"`` when it is page furniture (see the module docstring), else None."""
    if ends_on_title_abbreviation(text) or closes_unopened_bracket(text):
        return "fragment"
    if (
        opens_on_title_case_run(text)
        or glues_sentence_case_headline(text)
        or glues_quoted_title(text)
        or carries_header_matter(text)
    ):
        return "headline"
    if is_disclaimer(text):
        return "disclaimer"
    if sets_the_scene(text):
        return "scene"
    if opens_on_definite_reference(text) or _SPACED_BARE_SPEAKER.search(text) or _RELATIVE_TIME_END.search(text):
        return "follower"
    return None


# --- Sentences of a long story's summary that need their article (summary/phases.py) -------------
#
# In a story told over months, a summary sentence is read far from its report and its day:
# "Libya 's foreign minister turned up in London yesterday ." names neither the man nor the day.
# These shapes, judged only where a story has phases (a story of days keeps its own rules, so the
# usual multi-document summary is unchanged):
#
# - an **unnamed office holder** as subject: a possessive and a role noun straight before a verb,
#   with no name beside it ("Libya 's foreign minister turned up ..."; "Libya 's foreign minister ,
#   Moussa Koussa , ..." and "Foreign Minister Moussa Koussa" name him);
# - a **bare relative day** ("yesterday", "on Tuesday", "this morning") that
#   :func:`resolve_relative_days` could not turn into a date;
# - an opening **discourse phrase that points back** ("In one case ,", "As a result ,": _POINTING_OPENER);
# - an opening **definite description of a group, a place or an event** the article introduced
#   ("The group said ...", "The town fell ...", "The battle lasted ...": LONG_STORY_HEADS, as
#   ANAPHORIC_HEADS are read in any story);
# - an **event told as "the battle"** ("... members joined in the battle , which lasted five
#   hours .") in a sentence that names nothing else: no name, place or date after its first word
#   (:func:`leans_on_unnamed_event`). Which battle, where, when: the article said so before;
# - an **answer to a question** the article asked (its title "What 's in a name ?"): a bare
#   quantity before a comma and a subordinate clause, no main clause ("A lot , when it comes to the
#   virus .": _ANSWER_OPENER).
ROLE_NOUNS = frozenset(
    """minister envoy ambassador spokesman spokeswoman spokesperson secretary official commander chief
    adviser advisor aide deputy governor mayor director representative""".split()
)
_UNNAMED_ROLE = re.compile(
    r"^(?:The\s+)?(?:[A-Z][\w.&-]*\s+){1,4}'s\s+(?:[a-z][\w-]*\s+){0,3}?(?P<role>%s)s?\s+(?P<next>[a-z][\w'-]*)\b"
    % "|".join(sorted(ROLE_NOUNS))
)
RELATIVE_DAY = re.compile(
    rf"(?i:\b(?:yesterday|today|tonight|last night|this (?:morning|afternoon|evening|weekend|week)|last (?:weekend|week))\b)|\b{_WEEKDAY}\b"
)


# A reporter's scene-setting opener: the light or the weather as a clause before the news ("As
# dusk fell Friday the shelling ... abated", "As night fell over the city , ...", "Under a
# blazing sun , ..."). Feature prose that paints a moment, not a fact a brief states; a line of
# colour in a summary or a timeline (LibyaWar_cnn's timeline carried "As dusk fell ...").
_SCENE_OPENER = re.compile(
    r"^\W*(?:As|When|Once|Before|After|Until)\s+(?:the\s+)?(?:dusk|night|nightfall|darkness|dawn|daylight|day|daybreak|"
    r"evening|twilight|sun|light|rain|snow|fog|mist|dust|smoke)\s+(?:had\s+|began\s+to\s+)?"
    r"(?:fell|fall|falls|broke|break|breaks|rose|rise|rises|set|sets|came|settled|descended|faded|lifted|cleared|"
    r"gave\s+way|turned|crept|closed\s+in|drew\s+in)\b"
    r"|^\W*(?:Under|Beneath)\s+(?:a|an|the)\s+(?:[a-z]+\s+){0,2}(?:sun|sky|skies|moon|rain|drizzle)\b"
    r"|^\W*In\s+the\s+(?:fading|failing|dim|half|grey|gray|early\s+morning|morning|evening)\s+(?:light|dark|darkness|gloom)\b",
    re.I,
)


def sets_the_scene(text: str) -> bool:
    """True when ``text`` opens on a scene-setting clause of the light or the weather
    (``_SCENE_OPENER``): colour, not a statement of the news."""
    return bool(_SCENE_OPENER.match(text))


def opens_on_unnamed_role(text: str) -> bool:
    """True when ``text`` opens on "<Name> 's [modifiers] <role> <verb>" (see above)."""
    m = _UNNAMED_ROLE.match(text)
    return m is not None and m["next"].lower() not in _NOT_VERB


# A pronoun or a transition after an opening connective ("In fact , it has criticized ...", "Now , the
# head of ... dies ."), and a definite reference to an accusation the sentence does not state
# ("... denied the charge .").
_CONNECTIVE_PRONOUN = re.compile(
    r"^(?:(?:In fact|Indeed|Still|Yet|Instead|Meanwhile|However|Also|But|And|So|Then)\s*,?\s+(?:it|he|she|they|this|that|these|those|its|his|her|their)\b|Now\s*,)"
)
_UNSTATED_CHARGE = re.compile(
    r"\b(?:denied|denies|deny|rejected|rejects|dismissed|dismisses|confirmed|confirms|disputed|disputes)\s+(?:the|these|those|this|that|such)\s+"
    r"(?:charge|charges|claim|claims|allegation|allegations|report|reports|accusation|accusations)\b"
)


# A sentence-initial discourse phrase that points back to what the article said before: a case among
# others ("In one case , the administration responds ...": one of which?), a consequence, an example,
# a contrast or an addition ("As a result ,", "For example ,", "By contrast ,", "In addition ,"), and
# a reply to something unnamed ("In response ,"; "In response to the vote" names it, and stands).
_POINTING_OPENER = re.compile(
    r"^(?:In (?:one|another|that|this|both|each|either|such|some|many|most|other|the other|the latter|the former) cases?\b"
    r"|(?:As a result|As a consequence|For example|For instance|By contrast|In contrast|In comparison|In addition|"
    r"In response|In turn|In return|In that case|On the other hand|Similarly|Likewise|Moreover|Furthermore|"
    r"Nevertheless|Nonetheless|Even so|Besides|Otherwise|That said|Conversely|Consequently|Thus|Hence|Therefore)\s*,)"
)


# A broadcast's host talking to the audience, not news: "Coming up next", "Still ahead", "Welcome
# back", "Welcome to NEWS STREAM", "after the break", "stay with us", "thanks for watching", a host
# or correspondent naming themselves ("I 'm Ann Poe , in Kessel .", "I'm Ann Poe, the Ledger's
# health editor.") (a timeline entry or an item of what a source adds never; a long story's summary
# sentence only where nothing else is left).
BROADCAST_CHATTER = re.compile(
    r"(?i:^(?:coming up|up next|still ahead|welcome back|welcome to|good (?:morning|evening|afternoon)|hello and welcome)\b"
    r"|\b(?:after (?:the|this) break|stay with us|(?:be )?right back|thanks? (?:you )?for (?:watching|joining|listening)"
    r"|when we come back|don't go away|don 't go away)\b)"
    r"|^I\s?['\u2019]?\s?m\s+[A-Z][\w'-]+(?:\s+[A-Z][\w'-]+)+\s*(?:,|\.|!|--)"
)


def opens_on_pointing_phrase(text: str) -> bool:
    """True when ``text`` opens on a discourse phrase that points back (_POINTING_OPENER)."""
    return bool(_POINTING_OPENER.match(text))


# Nouns of a group, a place or an event that, opening a sentence with "The", point back in a story
# of months (where "the group" or "the battle" may be any of dozens); ANAPHORIC_HEADS hold in any story.
LONG_STORY_HEADS = frozenset(
    """group groups faction factions organisation organization movement network company companies firm firms
    town towns city cities village villages area region district neighborhood neighbourhood camp compound base site facility
    battle fight fighting clash clashes siege offensive assault protest protests rally talks summit
    conference session hearing trial""".split()
)
# Events a sentence can name as "the <noun>" only after its article told which.
_EVENT_NOUNS = (
    "battle|battles|fight|fighting|clash|clashes|siege|offensive|assault|attack|attacks|raid|strike|strikes|"
    "operation|incident|protest|protests|rally|ceremony|"
    "crash|explosion|blast|shooting|standoff"
)
# "the battle" with nothing after it that says which ("the battle for Brega", "the battle in the
# east", "the battle that ...": a preposition or a relative names it).
_UNNAMED_EVENT = re.compile(
    rf"\bthe\s+(?:{_EVENT_NOUNS})\b(?!\s+(?:of|in|at|for|on|over|against|near|around|between|with|from|to|that|"
    r"which\s+(?:began|started|broke|erupted)|who|where|when)\b)"
)
_CAPITALISED = re.compile(r"^[A-Z]")


_ANSWER_OPENER = re.compile(
    r"^(?:A lot|A great deal|Quite a lot|Lots|Plenty|Not much|Not many|Very little|Very few|Little|Nothing|Everything|"
    r"Not yet|Not quite|Probably not|Probably|Yes|No)\s*,\s+(?:when|if|as|because|since|while|where|although|though|at least|but)\b"
)


def leans_on_unnamed_event(text: str) -> bool:
    """True when ``text`` tells an event as "the <event>" (_UNNAMED_EVENT) and names nothing:
    no capitalised word and no figure of a date after its first word."""
    if not _UNNAMED_EVENT.search(text):
        return False
    words = text.split()[1:]
    return not any(_CAPITALISED.match(w) and w not in ("I", "-LRB-", "-RRB-") for w in words)


def opens_on_long_story_reference(text: str) -> bool:
    """True when ``text`` opens on "The [modifier] <noun> <verb>" with a noun of LONG_STORY_HEADS."""
    words = text.split(None, 4)
    if len(words) < 3 or words[0] != "The":
        return False
    for head, nxt in ((words[1], words[2]), (words[2], words[3] if len(words) > 3 else "")):
        if head in LONG_STORY_HEADS:
            return nxt[:1].islower() and nxt.lower() not in _NOT_VERB
        if not head[:1].islower():
            return False
    return False


# A **location aside**: a sentence that only says how far one place is from another ("Djerba is
# about 150 miles -LRB- 240 kilometers -RRB- west of Tripoli ."). The article wrote it to place its
# news; told alone in a summary it is no news (Timeline17 LibyaWar_cnn held two such lines). Only
# the whole sentence: a place as subject, "is/lies/sits", a distance, "of/from" a place, end.
_LOCATION_ASIDE = re.compile(
    # the subject: a place's name ("Bir al-Ghanam") or "The town/city/..." (not "The convoy is ...")
    r"^(?:[A-Z][\w'’.-]*(?:\s+(?:[A-Z]|al-|el-|de\s|da\s)[\w'’.-]*){0,4}"
    r"|The\s+(?:town|city|village|port|base|site|airport|region|province|capital|border\s+crossing|camp|island|oasis))"
    r"\s(?:is|lies|sits)\s+(?:about|some|roughly|around|nearly|almost|just|only|approximately|more than|less than)?\s*"
    r"[\d,.]+\s*(?:-LRB-\s*)?(?:miles?|kilometers?|kilometres?|km|mi)\b[^,;]*?\b(?:of|from)\s+[^,;]*$"
)


def is_location_aside(text: str) -> bool:
    """True when ``text`` only states a place's distance from another (_LOCATION_ASIDE)."""
    return bool(_LOCATION_ASIDE.match(text.strip()))


def needs_context(text: str) -> bool:
    """True when a long story's summary sentence needs its article to be understood (see above)."""
    return (
        opens_on_unnamed_role(text)
        or opens_on_long_story_reference(text)
        or leans_on_unnamed_event(text)
        or bool(_ANSWER_OPENER.match(text))
        or bool(RELATIVE_DAY.search(text))
        or bool(_CONNECTIVE_PRONOUN.match(text))
        or opens_on_pointing_phrase(text)
        or bool(BROADCAST_CHATTER.search(text))
        or bool(_UNSTATED_CHARGE.search(text))
        or is_location_aside(text)
    )


_MONTH_NAMES_BY_NUMBER = {n: name.capitalize() for name, n in MONTHS.items()}
# A relative day as the date annotator found it: "late Thursday", "Saturday night", "yesterday".
_DAY_PARTS = re.compile(
    rf"^(?P<pre>(?:early|late)\s+)?(?P<core>{_WEEKDAY}|[Yy]esterday|[Tt]oday|[Tt]onight|[Ll]ast night|[Tt]his (?:morning|afternoon|evening))"
    r"(?:\s+(?P<part>morning|afternoon|evening|night))?$"
)
# Words before a relative day that take a bare date ("since Tuesday" -> "since February 15").
_DATE_PREPOSITIONS = frozenset("on since until till by from before after of through".split())


def say_date(day: str, with_year: bool) -> str:
    """An ISO day as tokenised news copy writes it: "March 30" (", 2011" with the year)."""
    y, m, d = (int(x) for x in day.split("-"))
    return f"{_MONTH_NAMES_BY_NUMBER[m]} {d}" + (f" , {y}" if with_year else "")


def resolve_relative_days(text: str, mentions: list[tuple[str, str]], with_year: bool) -> str:
    """``text`` with each relative day of ``mentions`` (its words and its ISO day, as annotated)
    told as a date: "turned up in London yesterday" -> "turned up in London on March 30"; "late
    Thursday" -> "late on March 17"; "Saturday night" -> "on the night of February 26"; "since
    Tuesday" -> "since February 15". A day followed by "'s" ("Friday 's killings") is left."""
    for words, day in mentions:
        m = _DAY_PARTS.match(words)
        if m is None or len(day) != 10:
            continue
        where = re.search(rf"(?<![\w]){re.escape(words)}(?![\w])(?!\s+'s\b)", text)
        if where is None:
            continue
        core = m["core"].lower()
        part = m["part"] or {"tonight": "night", "last night": "night"}.get(core) or (core.split()[1] if core.startswith("this ") else None)
        before = text[: where.start()].split()
        prep = before[-1].lower() if before else ""
        date = say_date(day, with_year)
        if part:
            phrase = f"the {part} of {date}" if prep in _DATE_PREPOSITIONS else f"on the {part} of {date}"
        else:
            phrase = date if prep in _DATE_PREPOSITIONS else f"on {date}"
        if m["pre"]:
            phrase = f"{m['pre'].strip()} {phrase}"
        if where.start() == 0:
            phrase = phrase[0].upper() + phrase[1:]
        text = text[: where.start()] + phrase + text[where.end() :]
    return text
