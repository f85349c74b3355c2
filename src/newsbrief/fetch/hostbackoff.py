"""Hosts that did not answer, held back for some passes of one watch.

A host that did not answer in a pass (refused the connection, a name that does not resolve, timed
out: :attr:`FetchFailed.no_answer`) is not asked again for the next 1 pass; failing again, the
next 2, then 4, up to :data:`MAX_HELD_PASSES`. Any answer from it (an error status too: the server
is there) forgets this. Kept in memory for one ``watch`` process: a new watch tries every host.
Counted in passes, not seconds, so what is held back depends only on the outcomes, never on time.
"""

from __future__ import annotations

from dataclasses import dataclass

# The most passes in a row a host is held back (with the default --every 15m: 2 hours).
MAX_HELD_PASSES = 8


@dataclass
class _Dead:
    streak: int  # passes in a row in which the host did not answer (when it was asked)
    failed_in: int  # the pass it last did not answer in
    next_pass: int  # the first pass it is asked again in


class HostBackoff:
    """Which hosts a pass leaves out; :meth:`start_pass` begins each pass."""

    def __init__(self, max_held: int = MAX_HELD_PASSES):
        self.max_held = max_held
        self.pass_no = 0
        self._dead: dict[str, _Dead] = {}

    def start_pass(self) -> int:
        """Begin the next pass; returns its number (1 for the first)."""
        self.pass_no += 1
        return self.pass_no

    def held(self, host: str) -> int | None:
        """The pass ``host`` is next asked in, if it is held back now (it did not answer in this
        pass already, or in a recent one); None when it may be asked."""
        dead = self._dead.get(host)
        if dead is None or self.pass_no >= dead.next_pass:
            return None
        return dead.next_pass

    def no_answer(self, host: str) -> tuple[int, int] | None:
        """Record that ``host`` did not answer in this pass. The first time in a pass, returns
        (passes it is held back for, the pass it is asked again in); later the same pass, None."""
        dead = self._dead.get(host)
        if dead is not None and dead.failed_in == self.pass_no:
            return None
        streak = 1 if dead is None else dead.streak + 1
        skip = min(2 ** (streak - 1), self.max_held)
        self._dead[host] = _Dead(streak, self.pass_no, self.pass_no + skip + 1)
        return skip, self.pass_no + skip + 1

    def answered(self, host: str) -> None:
        """``host`` answered (whatever the status): it is asked every pass again."""
        self._dead.pop(host, None)
