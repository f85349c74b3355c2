"""What a figure counts (its key) in text as research corpora write it: PTB brackets, names."""

from __future__ import annotations

from newsbrief.story.quantities import find_quantities


def _keys(text: str) -> list[tuple[str, str]]:
    return [(q.text, q.key) for q in find_quantities(text)]


def test_a_tokenised_bracket_is_never_the_counted_noun() -> None:
    # A pound sum in PTB brackets after a dollar sum: no count of "rrb-s" (nor money "of lrb-s").
    keys = _keys("The appeal has raised $ 48m -LRB- # 29.5 m -RRB- so far .")
    assert all("rrb" not in k and "lrb" not in k for _, k in keys), keys
    assert ("$ 48m", "money:USD:") in keys
    # A numbered list item "2 -RRB-" and a square-bracketed note "-LSB- 4 -RSB-" count nothing.
    assert _keys("2 -RRB- Keep your windows shut at night .") == []
    assert _keys("The rule -LSB- 4 -RSB- was dropped -LCB- 7 -RCB- .") == []


def test_a_bracket_ends_the_noun_but_the_noun_before_it_still_counts() -> None:
    assert ("Some 40", "school") in _keys("Some 40 schools -LRB- most of them in the north -RRB- shut .")


def _keys_of(texts: list[str]) -> list[set[str]]:
    from newsbrief.story.namecounts import counts_a_name

    return [{q.key for q in find_quantities(t) if not counts_a_name(t, q.end, q.key)} for t in texts]


def test_a_family_counted_by_its_name_is_no_figure() -> None:
    from newsbrief.story.namecounts import counts_a_name

    text = "The two Hendersons left the court and one of the Hendersons spoke ."
    found = find_quantities(text)
    assert found and all(counts_a_name(text, q.end, q.key) for q in found)
    # Common nouns, a casualty count and money are counted as ever, capitalised or not.
    assert _keys_of(["Two jets landed .", "Three people were killed ."]) == [{"aircraft"}, {"deaths"}]
    assert not counts_a_name("Two jets landed .", 3, "aircraft")
    assert not counts_a_name("Two Jets landed .", 3, "aircraft")  # a synonym's key is no name read
    assert not counts_a_name("It cost $ 5m .", 10, "money:USD:")


def test_the_head_of_a_run_of_modifiers_is_what_is_counted() -> None:
    # Two lower-case modifiers before the plural head: the head is counted, the rest modify it.
    found = find_quantities("The yard delivered 30 steel patrol boats .")
    assert [(q.key, q.modifier) for q in found] == [("boat", "steel patrol")]
    assert [q.key for q in find_quantities("It opened 12 wind power stations .")] == ["station"]
    # A verb after the run is no head: "two rescue teams left" count teams.
    assert [q.key for q in find_quantities("Two rescue teams left early .")] == ["team"]



def test_a_verb_after_one_thing_is_no_head() -> None:
    # "one ... thing comes": a singular count's plural-looking next word is its verb.
    assert [q.key for q in find_quantities("Only one small thing comes to mind .")] == ["thing"]


def test_a_partitive_owner_is_no_counted_noun_however_written() -> None:
    # PTB text splits the possessive off ("Okafor 's"); the owner may have two names.
    assert [q.key for q in find_quantities("He said two of Okafor 's brothers were there .")] == ["brother"]
    assert [q.key for q in find_quantities("One of Ada Okafor's brothers said so .")] == ["brother"]
    assert [q.key for q in find_quantities("One of Ada Okafor 's brothers said so .")] == ["brother"]
