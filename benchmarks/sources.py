"""Sources quality and speed: syndication pairs, disagreements and corroboration counts.

Runs the map stage and then syndication, claims and disagreements on the seeds (gold in
../shared/seeds/gold.json) and on the fictional fixture stories in tests/fixtures/sources/
(each with a hand-made <story>.expected.json), and prints per story and in total:

* syndication: precision / recall of article pairs (a group of n is n(n-1)/2 pairs);
* disagreements: precision / recall (a found disagreement matches an expected one when its sides'
  values are the expected values and its kind is the expected kind);
* corroboration: expected independent-source counts met (the claims whose text holds a keyword:
  the largest count equals the gold count and none exceeds it);
* time of the reduce stages (syndication + claims + disagreements + unique) per story.

With ``--duc`` it also runs the 25 DUC 2004 development clusters (no gold for these stages): it
prints the syndication groups and every disagreement found, for a human to read for false alarms,
and the reduce-stage CPU time per cluster (10 long newswire articles, 150-420 sentences).

Tuning stories: seeds, harbour_fire, trade_summit. Held out: rail_strike, quake (checked along the way) and court_verdict (written last, run once unchanged).

    .venv/bin/python benchmarks/sources.py [--duc]
"""

from __future__ import annotations

import sys
import time
from itertools import combinations
from collections.abc import Sequence
from functools import cache
from typing import Any

from story_fixtures import (
    SHARED,
    build_fixture_articles,
    build_seed_articles,
    check_corroboration,
    find_keyword_claims,
    list_fixture_stories,
    load_fixture_expectations,
    load_gold,
    match_disagreement,
)

from newsbrief.annotate.resources import Resources
from newsbrief.config import load_settings
from newsbrief.models import AnnotatedArticle, Article
from newsbrief.pipeline import annotate_articles
from newsbrief.story.claims import align_claims
from newsbrief.story.context import build_story
from newsbrief.story.disagreements import find_disagreements
from newsbrief.story.unique import unique_contributions

HELD_OUT = {"rail_strike", "quake", "court_verdict"}


@cache
def get_resources() -> Resources:
    """One Resources (spaCy + embedder) for the whole run."""
    return Resources(load_settings())


def annotate(articles: Sequence[Article]) -> list[AnnotatedArticle]:
    """The real map stage on ``articles``."""
    return annotate_articles(list(articles), get_resources())


def pairs_of(groups: Any) -> set[tuple[str, str]]:
    """All unordered article pairs inside the groups."""
    return {tuple(sorted(p)) for g in groups for p in combinations(g, 2)}  # type: ignore[misc]


def run_story(name: str) -> dict[str, Any]:
    """Score one story; returns counts for the totals."""
    settings = load_settings()
    if name == "seeds":
        annotated = annotate(build_seed_articles())
        gold = load_gold()
        expected = {
            "syndication": gold["syndication"]["groups"],
            "disagreements": [],
            "corroboration": gold["corroboration"]["claims"],
        }
    else:
        annotated = annotate(build_fixture_articles(name))
        expected = load_fixture_expectations(name)
    start = time.perf_counter()
    story = build_story(annotated, settings)
    groups = story.syndication
    claims = align_claims(story, settings)
    found = find_disagreements(story, claims)
    unique_contributions(story, claims)
    elapsed = time.perf_counter() - start
    got_pairs, want_pairs = pairs_of(groups), pairs_of(expected["syndication"])
    matched = [any(match_disagreement(d, e) for e in expected["disagreements"]) for d in found]
    recalled = [any(match_disagreement(d, e) for d in found) for e in expected["disagreements"]]
    corro = [check_corroboration(claims, item) for item in expected["corroboration"]]
    print(f"\n== {name}{' (held out)' if name in HELD_OUT else ''}: {len(annotated)} articles, "
          f"{sum(len(a.sentences) for a in annotated)} sentences, {len(claims)} claims, "
          f"reduce {elapsed * 1000:.0f} ms")
    print(f"  syndication found {sorted(groups)}")
    for d in found:
        sides = "; ".join(f"{s.value!r} {s.published} {list(s.sources)}" for s in d.sides)
        print(f"  disagreement {'OK ' if d in [f for f, m in zip(found, matched, strict=True) if m] else 'BAD'} "
              f"{d.kind} {d.about}: {sides}")
    for e, ok in zip(expected["disagreements"], recalled, strict=True):
        if not ok:
            print(f"  MISSED disagreement {e['kind']} {e['about']}: {e['values']}")
    for item, ok in zip(expected["corroboration"], corro, strict=True):
        if not ok:
            counts = [(c.independent_sources, c.text[:70])
                      for c in find_keyword_claims(claims, item["keywords"])]
            print(f"  corroboration MISS {item['keywords']} want {item['independent']}: {counts}")
    return {
        "tp_pairs": len(got_pairs & want_pairs),
        "got_pairs": len(got_pairs),
        "want_pairs": len(want_pairs),
        "tp_dis": sum(matched),
        "got_dis": len(found),
        "want_dis": len(expected["disagreements"]),
        "recalled_dis": sum(recalled),
        "corro_ok": sum(corro),
        "corro_all": len(corro),
        "ms": elapsed * 1000,
    }


def ratio(a: int, b: int) -> str:
    """a/b as a percentage, or n/a."""
    return f"{100 * a / b:.0f}% ({a}/{b})" if b else "n/a (0/0)"


def main() -> None:
    """Run every story and print per-set totals."""
    stories = ["seeds", *list_fixture_stories()]
    results = {s: run_story(s) for s in stories}
    for label, names in (
        ("tuning", [s for s in stories if s not in HELD_OUT]),
        ("held out", [s for s in stories if s in HELD_OUT]),
        ("all", stories),
    ):
        tot = {k: sum(results[s][k] for s in names) for k in results[stories[0]]}
        print(f"\n{label} ({', '.join(names)}):")
        print(f"  syndication pairs  precision {ratio(tot['tp_pairs'], tot['got_pairs'])}  "
              f"recall {ratio(tot['tp_pairs'], tot['want_pairs'])}")
        print(f"  disagreements      precision {ratio(tot['tp_dis'], tot['got_dis'])}  "
              f"recall {ratio(tot['recalled_dis'], tot['want_dis'])}")
        print(f"  corroboration      {ratio(tot['corro_ok'], tot['corro_all'])}")
        print(f"  reduce time        {tot['ms'] / len(names):.0f} ms per story on average")


def run_duc() -> None:
    """Syndication groups, disagreements and reduce CPU time on the DUC 2004 clusters."""
    settings = load_settings()
    times = []
    for cluster in sorted((SHARED / "bench" / "duc2004" / "docs").iterdir()):
        articles = [
            Article(id=f"{cluster.name}/{f.stem}", path=str(f), body=text)
            for f in sorted(cluster.iterdir())
            if (text := f.read_text(encoding="utf-8", errors="replace").strip())
        ]
        annotated = annotate(articles)
        start = time.process_time()
        story = build_story(annotated, settings)
        groups = story.syndication
        claims = align_claims(story, settings)
        found = find_disagreements(story, claims)
        unique_contributions(story, claims)
        times.append(time.process_time() - start)
        sentences = sum(len(a.sentences) for a in annotated)
        print(f"\n== DUC {cluster.name}: {len(annotated)} articles, {sentences} sentences, "
              f"reduce CPU {times[-1] * 1000:.0f} ms, syndication {[list(g) for g in groups]}")
        for d in found:
            print(f"  {d.kind} {d.about}: " + "; ".join(f"{s.value!r} {list(s.sources)}" for s in d.sides))
            for side in d.sides:
                print(f"      {side.text[:150]}")
    print(f"\nDUC reduce CPU time: mean {1000 * sum(times) / len(times):.0f} ms, max {1000 * max(times):.0f} ms per cluster")


if __name__ == "__main__":
    main()
    if "--duc" in sys.argv[1:]:
        run_duc()
