"""Screenshots of every page of `newsbrief serve` into docs/screenshots/ (headless Chromium).

    python docs/screenshots.py [--db FILE]

Without --db it builds a small database from the fictional demo (examples/demo) and the test
fixtures in a temporary folder. Needs the system's Chromium (`apt-get install -y chromium`).
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from newsbrief.web.launch import ServerProcess

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "screenshots"
CHROMIUM = "/usr/bin/chromium"


def build_db(folder: Path) -> Path:
    db = folder / "desk.db"
    inputs = [ROOT / "examples" / "demo", ROOT / "tests" / "fixtures" / "inputs"]
    subprocess.run([sys.executable, "-m", "newsbrief.cli", "ingest", *map(str, inputs), "--db", str(db), "-q"], check=True)
    return db


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--db", type=Path)
    args = ap.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or build_db(Path(tmp))
        with ServerProcess(db) as url, sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
            page = browser.new_page(viewport={"width": 1200, "height": 900})

            def shot(name: str, full: bool = True) -> None:
                page.screenshot(path=str(OUT / f"{name}.png"), full_page=full)
                print(f"docs/screenshots/{name}.png")

            page.goto(url)
            shot("stories")
            page.click("table.stories a")
            page.wait_for_selector("h2")
            shot("story")
            shot("story_top", full=False)
            page.locator("h2:text('Source matrix')").scroll_into_view_if_needed()
            shot("story_matrix", full=False)
            story_url = page.url
            page.locator("h2:text('Summary') + ul a.cite").first.click()
            page.wait_for_selector("mark")
            shot("article_cited", full=False)
            page.goto(story_url)
            page.click("a[href^='/entity']")
            page.wait_for_selector("h1")
            shot("entity")
            page.goto(url + "search?q=" + re.sub(r"\W+", "+", "firefighters smoke"))
            shot("search")
            page.goto(url + "add")
            shot("add")
            if args.db is None:  # the upload writes to the database: only to the one built here
                page.set_input_files("input[type=file]", [str(ROOT / "tests" / "fixtures" / "sources" / "quake.jsonl")])
                page.click("button[type=submit]")
                page.wait_for_selector(".job[data-state=done], .job[data-state=failed]", timeout=300_000)
                shot("add_done")
            page.goto(story_url)
            page.locator("svg.timeline-chart").screenshot(path=str(OUT / "timeline_chart.png"))
            print("docs/screenshots/timeline_chart.png")
            browser.close()


if __name__ == "__main__":
    main()
