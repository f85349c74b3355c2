"""Progress lines on stderr for a long command (``newsbrief brief``, ``timeline``).

Quick runs stay quiet: nothing is said before PROGRESS_AFTER_S. A phase that runs long without a
line of its own (the first annotation of a run loads the models) is said again, so that the run
does not look hung. Light on imports: the CLI starts without the heavy libraries.
"""

from __future__ import annotations

import threading
import time

import click

from newsbrief.config import printable

# Progress lines appear only once a run has taken this long, so quick runs stay quiet.
PROGRESS_AFTER_S = 2.0


# While one phase runs longer than this without a line (the first annotation of a run loads the
# models: tens of seconds on a busy machine), its last message is said again so that the run does
# not look hung; each repeat of one phase waits twice as long as the one before (at most 2 min).
HEARTBEAT_S = 10.0
HEARTBEAT_MAX_S = 120.0


class Progress:
    """Progress lines on stderr once a run has taken PROGRESS_AFTER_S; the phase in progress is
    repeated every HEARTBEAT_S of silence (a background thread, stopped by :meth:`close`)."""

    def __init__(self, quiet: bool, heartbeat_s: float = HEARTBEAT_S):
        self.quiet = quiet
        self.start = self.last_line = time.monotonic()
        self.phase = ""
        self.repeats = 0
        self.lock = threading.Lock()
        self.stopped = threading.Event()
        self.beat: threading.Thread | None = None
        if not quiet:
            self.beat = threading.Thread(target=self._beat, args=(heartbeat_s,), name="newsbrief-progress", daemon=True)
            self.beat.start()

    def __call__(self, msg: str) -> None:
        with self.lock:
            self.phase, self.repeats = msg, 0
            if time.monotonic() - self.start >= PROGRESS_AFTER_S:
                self._say(msg)

    def _say(self, msg: str) -> None:
        if self.quiet:
            return
        now = time.monotonic()
        self.last_line = now
        click.echo(f"newsbrief: {printable(msg)} ({now - self.start:.0f}s)", err=True)

    def _beat(self, every: float) -> None:
        while not self.stopped.wait(min(every, PROGRESS_AFTER_S)):
            with self.lock:
                quiet_for = time.monotonic() - self.last_line
                wait = min(every * 2**self.repeats, HEARTBEAT_MAX_S)
                if self.phase and time.monotonic() - self.start >= PROGRESS_AFTER_S and (
                    quiet_for >= wait or self.last_line == self.start
                ):
                    if self.last_line != self.start:
                        self.repeats += 1
                    self._say(self.phase if self.last_line == self.start else f"{self.phase}, still working")

    def close(self) -> None:
        """Stop the background thread (the run is over)."""
        self.stopped.set()
        if self.beat is not None:
            self.beat.join()
