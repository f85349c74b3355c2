"""summary/highs.py: the summary's HiGHS solves give what scipy.optimize's linprog and milp give,
bit for bit, on summary programs (so the selection cannot move), with and without the direct load."""

from __future__ import annotations

import os
import random
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from scipy.optimize import Bounds, LinearConstraint, linprog, milp
from scipy.sparse import csr_matrix

from newsbrief.models import SentenceRef
from newsbrief.summary import highs
from newsbrief.summary.candidates import Candidate
from newsbrief.summary.selection import Program, build_program, search_locally


def _program(seed: int, n: int = 120, budget: int = 150) -> Program:
    """A summary program over random candidates (versions of one sentence, followers, redundant pairs)."""
    rng = random.Random(seed)
    cands: list[Candidate] = []
    for k in range(n):
        ref = SentenceRef(f"a{k % 9}", k // 2 if rng.random() < 0.3 else k)
        follows = SentenceRef(ref.article_id, ref.sentence - 1) if ref.sentence and rng.random() < 0.2 else None
        concepts = frozenset(f"c{rng.randrange(40)}" for _ in range(rng.randint(1, 5)))
        cands.append(Candidate(k % 9, ref, f"sentence {k}", rng.randint(5, 40), follows, concepts, compressed=k % 5 == 0))
    weights = {f"c{k}": rng.random() * 3 for k in range(40)}
    redundant = sorted({tuple(sorted(rng.sample(range(n), 2))) for _ in range(3 * n)})
    bonus = np.array([rng.random() * 0.5 for _ in range(n)])
    program = build_program(cands, weights, budget, redundant, bonus)
    assert program is not None
    return program


@pytest.mark.parametrize("seed", range(12))
def test_lp_and_milp_match_scipy_bit_for_bit(seed: int) -> None:
    program = _program(seed)
    cost, a, ub, n = program.full()
    ref = linprog(cost, A_ub=a, b_ub=ub, bounds=(0.0, 1.0), method="highs")
    mine = highs.solve_lp(cost, a, ub)
    assert ref.status == 0 and mine is not None
    assert mine.fun == ref.fun
    assert np.array_equal(mine.x, ref.x)
    assert np.array_equal(mine.lower_marginals, np.asarray(ref.lower.marginals))
    assert mine.lower_marginals.any()  # reduced costs were read, not left at zero
    # The branch-and-bound step as solve_program runs it: columns ruled out by reduced costs fixed at 0.
    incumbent = program.value(search_locally(program))
    upper = np.ones(len(cost))
    upper[:n][(ref.x[:n] < 1e-9) & (ref.fun + np.asarray(ref.lower.marginals[:n]) > incumbent)] = 0.0
    integral = np.zeros(len(cost), dtype=bool)
    integral[:n] = True
    expected = milp(
        cost,
        constraints=LinearConstraint(a, np.full(len(ub), -np.inf), ub),
        integrality=integral.astype(np.float64),
        bounds=Bounds(np.zeros(len(cost)), upper),
        options={"mip_rel_gap": 1e-4},
    )
    got = highs.solve_milp(cost, a, ub, integral, upper, 1e-4)
    assert expected.x is not None and got is not None
    assert np.array_equal(got, expected.x)


def test_an_infeasible_program_gives_none_as_scipy_gives_no_optimum() -> None:
    # x0 + x1 <= -1 with 0 <= x <= 1: no solution.
    a = csr_matrix(np.array([[1.0, 1.0]]))
    cost, ub = np.array([-1.0, -2.0]), np.array([-1.0])
    assert linprog(cost, A_ub=a, b_ub=ub, bounds=(0.0, 1.0), method="highs").status != 0
    assert highs.solve_lp(cost, a, ub) is None
    whole = np.ones(2, dtype=bool)
    assert milp(cost, constraints=LinearConstraint(a, -np.inf, ub), integrality=whole.astype(float), bounds=Bounds(0, 1)).x is None
    assert highs.solve_milp(cost, a, ub, whole, np.ones(2), 1e-4) is None


def test_without_the_compiled_module_scipy_s_functions_give_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    program = _program(5)
    cost, a, ub, n = program.full()
    direct = highs.solve_lp(cost, a, ub)
    integral = np.arange(len(cost)) < n
    direct_x = highs.solve_milp(cost, a, ub, integral, np.ones(len(cost)), 1e-4)
    monkeypatch.setattr(highs, "load_core", lambda: None)
    fallback = highs.solve_lp(cost, a, ub)
    assert direct is not None and fallback is not None
    assert (direct.fun, direct.x.tobytes(), direct.lower_marginals.tobytes()) == (fallback.fun, fallback.x.tobytes(), fallback.lower_marginals.tobytes())
    fallback_x = highs.solve_milp(cost, a, ub, integral, np.ones(len(cost)), 1e-4)
    assert direct_x is not None and fallback_x is not None and np.array_equal(direct_x, fallback_x)


_LOAD_THEN_IMPORT = """
import sys
import numpy as np
from scipy.sparse import csr_matrix
from newsbrief.summary import highs
core = highs.load_core()
assert core is not None and "scipy.optimize" not in sys.modules
a = csr_matrix(np.array([[1.0, 1.0]]))
print(highs.solve_lp(np.array([-1.0, -2.0]), a, np.array([1.0])).x.tolist())
from scipy.optimize import linprog
import scipy.optimize._highspy._core as scipy_core
assert scipy_core is core  # one extension, registered under SciPy's name
print(linprog(np.array([-1.0, -2.0]), A_ub=a, b_ub=np.array([1.0]), bounds=(0, 1), method="highs").x.tolist())
"""


def test_the_core_loaded_directly_is_the_one_scipy_optimize_then_uses() -> None:
    """In a fresh interpreter: loaded without scipy.optimize, then scipy.optimize imported after
    it finds the same module and solves with it."""
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parents[1] / "src"))
    done = subprocess.run([sys.executable, "-c", _LOAD_THEN_IMPORT], capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["[0.0,", "1.0]", "[0.0,", "1.0]"]


@pytest.mark.parametrize("direct", [True, False])
def test_a_solve_past_its_time_limit_gives_none(direct: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    """A branch and bound stopped by its clock gives no answer (the caller keeps the local search's
    selection), never whatever the solver had reached by then."""
    if not direct:
        monkeypatch.setattr(highs, "load_core", lambda: None)
    program = _program(3)
    cost, a, ub, n = program.full()
    integral = np.arange(len(cost)) < n
    assert highs.solve_milp(cost, a, ub, integral, np.ones(len(cost)), 1e-4) is not None
    assert highs.solve_milp(cost, a, ub, integral, np.ones(len(cost)), 1e-4, time_limit=0.0) is None


def test_a_selection_whose_solve_runs_out_of_time_is_the_local_search_one(monkeypatch: pytest.MonkeyPatch) -> None:
    from newsbrief.summary import selection

    for seed in range(6):
        program = _program(seed)
        local = search_locally(program)
        monkeypatch.setattr(selection, "MILP_TIME_LIMIT_S", 0.0)
        stopped = selection.solve_program(program)
        monkeypatch.setattr(selection, "MILP_TIME_LIMIT_S", float("inf"))
        solved = selection.solve_program(program)
        assert np.array_equal(stopped, local) and program.feasible(stopped)
        assert program.value(solved) <= program.value(local)
