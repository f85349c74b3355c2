"""Choosing the summary's sentences: budgeted concept coverage, solved exactly and fast.

The program (Gillick & Favre 2009): binary ``x_i`` per candidate, ``c_g`` per concept group;
maximise ``sum(w_g c_g) + sum(v_i x_i)`` subject to ``c_g <= sum(x_i : i holds g)``, the word
budget, at most one version of each sentence, no redundant pair, and no follower without the
sentence before it. ``v_i`` is a candidate's own value (its learned value, a per-word bonus, and
the concepts no other candidate holds).

Solved in four steps, each exact or a bound, so the answer is the program's optimum (within
HiGHS's default relative gap of 1e-4):

1. **reduce**: concepts held by exactly the same candidates become one group (weights summed); a
   concept held by one candidate is folded into that candidate's value.
2. **incumbent**: a greedy pass (best value per word) and 1-swap local search give a good
   solution in milliseconds.
3. **fix**: the LP relaxation's bound and reduced costs rule out every candidate that cannot be
   in a solution better than the incumbent (reduced-cost fixing), usually four in five.
4. **solve**: HiGHS's branch and bound on what is left (or nothing, when the LP bound already
   proves the incumbent optimal).

HiGHS on the whole program spends most of its time on heuristics, cuts and restarts that steps 2
and 3 make unnecessary; see benchmarks/results/duc2004.md for the timing.
"""

from __future__ import annotations

import contextlib
import functools
import os
import sys
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from scipy.sparse import coo_matrix, csc_matrix, csr_matrix

from newsbrief.summary.candidates import Candidate
from newsbrief.summary.highs import solve_lp, solve_milp
from newsbrief.models import SentenceRef

Vector = npt.NDArray[np.float64]
# HiGHS's default relative MIP gap.
MILP_REL_GAP = 1e-4
# The largest program (nonzeros of its whole matrix, :func:`program_size`) handed to HiGHS; past
# it the local search's selection is kept, and the brief says so once on stderr. A deterministic
# guard, decided before any solve: a 200,000-character file of a dozen words in random order (every
# sentence shares every concept and is redundant with a third of the others) makes a program of
# 1.2 million nonzeros that kept HiGHS in its MIP presolve and root clique separation for over
# seven minutes, where neither its clock nor Ctrl-C is heard. The largest real program measured
# (benchmarks/summary_program.py; benchmarks/results/summary_program.md) is the 2,000-page folder's,
# 29,507 nonzeros (LibyaWar_cnn 11,140, DUC at most 5,018): the bound is 6.8x that.
MAX_PROGRAM_NONZEROS = 200_000
# Wall seconds HiGHS may spend on the branch and bound before the local search's selection is
# kept instead: a last resort under the guard above (the brief then says on stderr that its
# summary may depend on the machine's load). Real stories solve in milliseconds to a few seconds:
# the slowest DUC 2004 program takes 2.3 CPU s idle (benchmarks/summary_program.py --phases), which a
# 2-core machine at load 20 stretches about 10x in wall time, so the limit sits far above that for
# the output not to depend on load; the size guard, not this clock, stops pathological programs.
MILP_TIME_LIMIT_S = 180.0
# Rounds of 1-swap local search; the incumbent only has to be good, not optimal (step 3 and 4).
_SWAP_ROUNDS = 10
_EPS = 1e-9


@dataclass(frozen=True)
class Program:
    """The reduced program, minimisation form (costs are negated values)."""

    usable: list[int]  # candidate index of each x column
    words: Vector  # words of each column's candidate
    cost_x: Vector  # per-candidate cost
    cover: csr_matrix  # concept group x candidate: 1 where the candidate holds the group
    cost_g: Vector  # per-group cost
    side: csr_matrix  # the other constraints, on x only: side @ x <= side_ub
    side_ub: Vector

    def value(self, x: Vector) -> float:
        """Cost of a 0/1 selection (lower is better), groups covered whenever possible."""
        covered = np.minimum(1.0, self.cover @ x)
        return float(self.cost_x @ x + self.cost_g @ covered)

    def gains(self, x: Vector) -> Vector:
        """How much adding each candidate to ``x`` would lower the cost (positive is better)."""
        uncovered = (self.cover @ x) < 0.5
        return np.asarray(-(self.cost_x + self.cover.T @ (self.cost_g * uncovered)), dtype=np.float64)

    def feasible(self, x: Vector) -> bool:
        return bool(np.all(self.side @ x <= self.side_ub + _EPS))

    def addable(self, x: Vector) -> npt.NDArray[np.bool_]:
        """Candidates not in feasible ``x`` whose addition keeps it feasible: those whose every
        constraint entry fits that row's slack (columns by the side matrix's CSC form, built once)."""
        slack = self.side_ub - self.side @ x
        by_column = self.side_by_column
        over = by_column.data - slack[by_column.indices]
        starts = by_column.indptr[:-1]
        filled = np.diff(by_column.indptr) > 0
        worst = np.zeros(len(self.usable))
        if over.size:
            worst[filled] = np.maximum.reduceat(over, starts[filled])
        return np.asarray((worst <= _EPS) & (x < 0.5))

    @functools.cached_property
    def side_by_column(self) -> csc_matrix:
        """``side`` in CSC form (for :meth:`addable`)."""
        return csc_matrix(self.side)

    def full(self) -> tuple[Vector, csr_matrix, Vector, int]:
        """(cost, A, ub, number of x columns) of the whole program over [x, c]."""
        n, g = len(self.usable), self.cover.shape[0]
        side = coo_matrix(self.side)
        cover = coo_matrix(self.cover)
        rows = np.concatenate([side.row, cover.row + side.shape[0], np.arange(g) + side.shape[0]])
        cols = np.concatenate([side.col, cover.col, np.arange(g) + n])
        vals = np.concatenate([side.data, -cover.data, np.ones(g)])
        a = csr_matrix((vals, (rows, cols)), shape=(side.shape[0] + g, n + g))
        ub = np.concatenate([self.side_ub, np.zeros(g)])
        return np.concatenate([self.cost_x, self.cost_g]), a, ub, n


def build_program(
    candidates: Sequence[Candidate],
    weights: dict[str, float],
    budget: int,
    redundant: Sequence[tuple[int, int]],
    bonus: Vector | None,
    exclusive: Sequence[Sequence[int]] = (),
) -> Program | None:
    """The reduced program over the candidates that fit the budget (None when none does)."""
    usable = [i for i, c in enumerate(candidates) if c.words <= budget]
    if not usable:
        return None
    pos = {i: p for p, i in enumerate(usable)}
    n = len(usable)
    holders: dict[str, list[int]] = {}
    weighed = weights.__contains__
    for p, i in enumerate(usable):
        for k in filter(weighed, candidates[i].concepts):  # each concept's holders in column order
            holders.setdefault(k, []).append(p)
    own = np.zeros(n)
    merged: dict[tuple[int, ...], float] = {}
    for k in sorted(holders):
        hs = tuple(holders[k])
        if len(hs) == 1:
            own[hs[0]] += weights[k]
        else:
            merged[hs] = merged.get(hs, 0.0) + weights[k]
    groups = sorted(merged)
    g_rows = [g for g, hs in enumerate(groups) for _ in hs]
    g_cols = [p for hs in groups for p in hs]
    cover = csr_matrix((np.ones(len(g_cols)), (g_rows, g_cols)), shape=(len(groups), n))

    rows: list[int] = []
    cols: list[int] = []
    vals: list[float] = []
    ub: list[float] = []

    def add_row(entries: Sequence[tuple[int, float]], hi: float) -> None:
        for c, v in entries:
            rows.append(len(ub))
            cols.append(c)
            vals.append(v)
        ub.append(hi)

    words = np.array([float(candidates[i].words) for i in usable])
    add_row([(p, words[p]) for p in range(n)], float(budget))
    versions: dict[SentenceRef, list[int]] = {}
    for i in usable:
        versions.setdefault(candidates[i].ref, []).append(pos[i])
    for group in versions.values():
        if len(group) > 1:
            add_row([(p, 1.0) for p in group], 1.0)
    if len(redundant):
        # A row per redundant pair, in the pairs' order, as the loop "add_row([(pos[i], 1), (pos[j],
        # 1)], 1)" would add them: built in bulk (a huge story has a million such pairs).
        pair = np.asarray(redundant, dtype=np.int64).reshape(-1, 2)
        at = np.full(len(candidates), -1, dtype=np.int64)
        at[usable] = np.arange(n)
        ref_no: dict[SentenceRef, int] = {}
        ref_of = np.array([ref_no.setdefault(c.ref, len(ref_no)) for c in candidates], dtype=np.int64)
        pa, pb = at[pair[:, 0]], at[pair[:, 1]]
        ok = (pa >= 0) & (pb >= 0) & (ref_of[pair[:, 0]] != ref_of[pair[:, 1]])
        m = int(ok.sum())
        rows.extend((len(ub) + np.repeat(np.arange(m), 2)).tolist())
        cols.extend(np.column_stack([pa[ok], pb[ok]]).ravel().tolist())
        vals.extend([1.0] * (2 * m))
        ub.extend([1.0] * m)
    for members in exclusive:
        inside = sorted({pos[i] for i in members if i in pos})
        if len({candidates[usable[p]].ref for p in inside}) > 1:
            add_row([(p, 1.0) for p in inside], 1.0)
    for i in usable:
        f = candidates[i].follows
        if f is not None:
            add_row([(pos[i], 1.0)] + [(p, -1.0) for p in versions.get(f, [])], 0.0)
    side = csr_matrix((vals, (rows, cols)), shape=(len(ub), n))

    # Tie-break far below any real difference: earlier articles and sentences, full versions
    # (element-wise, in the order of operations of the scalar formula, so bit for bit the same).
    article = np.array([float(candidates[i].article) for i in usable])
    sentence = np.array([candidates[i].ref.sentence for i in usable], dtype=np.float64)
    compressed = np.array([float(candidates[i].compressed) for i in usable])
    cost_x = -own + 1e-7 * (article + sentence / 1000.0 + compressed) / (1 + len(candidates))
    if bonus is not None:
        cost_x = cost_x - np.asarray(bonus, dtype=np.float64)[usable]
    cost_g = -np.array([merged[hs] for hs in groups])
    return Program(usable, words, cost_x, cover, cost_g, side, np.array(ub))


def search_locally(program: Program) -> Vector:
    """A good feasible selection: greedy by gain per word, then best-improvement 1-swaps."""
    n = len(program.usable)
    x = np.zeros(n)
    while True:
        gain = program.gains(x)
        ok = program.addable(x) & (gain > _EPS)
        if not ok.any():
            break
        ratio = np.where(ok, gain / program.words, -np.inf)
        x[int(np.argmax(ratio))] = 1.0
    current = program.value(x)
    for _ in range(_SWAP_ROUNDS):
        best_x, best_v = None, current - _EPS
        for out in [None, *np.flatnonzero(x > 0.5).tolist()]:
            base = x.copy()
            if out is not None:
                base[out] = 0.0
                if not program.feasible(base):
                    continue
            gain = program.gains(base)
            ok = program.addable(base)
            if out is not None:
                ok[out] = False
            if not ok.any():
                continue
            j = int(np.argmax(np.where(ok, gain, -np.inf)))
            v = program.value(base) - gain[j]
            if v < best_v:
                best_x, best_v = base, v
                best_x[j] = 1.0
        if best_x is None:
            break
        x, current = best_x, best_v
    return x


def program_size(program: Program) -> int:
    """Nonzeros of the whole program's matrix (``program.full()``'s ``A``), counted without
    building it: the side constraints, the cover entries and one per concept group."""
    return int(program.side.nnz + program.cover.nnz + program.cover.shape[0])


def solve_program(program: Program) -> Vector:
    """The optimal selection (0/1 per x column) of ``program`` (see the module docstring); the
    local search's selection where the program is past :data:`MAX_PROGRAM_NONZEROS`, or where the
    branch and bound ran past :data:`MILP_TIME_LIMIT_S` (each said once on stderr)."""
    start = search_locally(program)
    size = program_size(program)
    if size > MAX_PROGRAM_NONZEROS:
        note_once(
            "too-big",
            f"the summary's selection program is too large to solve exactly ({size:,} nonzeros, more than "
            f"{MAX_PROGRAM_NONZEROS:,}: sentences that all share the same words?); kept the local search's selection",
        )
        return start
    cost, a, ub, n = program.full()
    lp = solve_lp(cost, a, ub)
    if lp is None:
        return start
    incumbent = program.value(start)
    tol = 1e-7 * max(1.0, abs(incumbent))
    if lp.fun >= incumbent - tol:
        return start  # the LP bound proves the incumbent optimal
    reduced = lp.lower_marginals[:n]
    fixed = (lp.x[:n] < _EPS) & (lp.fun + reduced > incumbent + tol)
    upper = np.ones(len(cost))
    upper[:n][fixed] = 0.0
    integral = np.zeros(len(cost), dtype=bool)
    integral[:n] = True
    with _native_stdout_silenced():
        found = solve_milp(cost, a, ub, integral, upper, MILP_REL_GAP, MILP_TIME_LIMIT_S, on_time_limit=_timed_out)
    if found is None:
        return start
    x = np.asarray(np.round(found[:n]), dtype=np.float64)
    return x if program.feasible(x) and program.value(x) <= incumbent else start


def _timed_out() -> None:
    note_once(
        "time-limit",
        f"the summary's exact solve stopped after {MILP_TIME_LIMIT_S:.0f} s and kept the local search's selection; "
        "the summary may differ on a less loaded machine",
    )


_NOTED: set[str] = set()
_NOTED_LOCK = threading.Lock()


def note_once(key: str, text: str) -> None:
    """Say ``text`` on stderr, once per process for each ``key``."""
    with _NOTED_LOCK:
        if key in _NOTED:
            return
        _NOTED.add(key)
    print(f"newsbrief: note: {text}", file=sys.stderr, flush=True)


_STDOUT_LOCK = threading.Lock()


@contextlib.contextmanager
def _native_stdout_silenced() -> Iterator[None]:
    """Send file descriptor 1 to /dev/null for the duration: HiGHS 1.12 (inside SciPy) prints a
    stray debug line ("HighsMipSolverData::transformNewIntegerFeasibleSolution ...") with C printf
    after some MIP restarts, which would corrupt a brief written to stdout. The lock keeps two
    threads from interleaving the swap (which could leave stdout pointing at /dev/null)."""
    with _STDOUT_LOCK:
        try:
            if sys.stdout is not None:
                sys.stdout.flush()
            saved = os.dup(1)
        except (OSError, ValueError):
            yield
            return
        try:
            null = os.open(os.devnull, os.O_WRONLY)
            try:
                os.dup2(null, 1)
                yield
            finally:
                _flush_c_stdio()
                os.dup2(saved, 1)
                os.close(null)
        finally:
            os.close(saved)


def _flush_c_stdio() -> None:
    """fflush(NULL), so that C-buffered output goes to /dev/null before stdout comes back."""
    try:
        import ctypes

        ctypes.CDLL(None).fflush(None)
    except (OSError, AttributeError, TypeError):
        pass


def select_sentences(
    candidates: Sequence[Candidate],
    weights: dict[str, float],
    budget: int,
    redundant: Sequence[tuple[int, int]] = (),
    bonus: Vector | None = None,
    exclusive: Sequence[Sequence[int]] = (),
) -> list[int]:
    """Indices of the candidates that maximise covered concept weight (+ per-candidate ``bonus``)
    with at most ``budget`` words in all, one version per sentence, no redundant pair, at most one
    candidate of each ``exclusive`` group and no follower without the sentence before it; ties go
    to earlier articles and sentences."""
    program = build_program(candidates, weights, budget, redundant, bonus, exclusive)
    if program is None:
        return []
    x = solve_program(program)
    return sorted(program.usable[p] for p in np.flatnonzero(x > 0.5))
