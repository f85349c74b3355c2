"""The summary's two HiGHS solves, without importing ``scipy.optimize``.

``scipy.optimize`` takes about a quarter of a CPU second to import (its ``__init__`` pulls in
``scipy.special``, ``scipy.fft`` and ``scipy.linalg`` for solvers the summary never calls), a
twentieth of ``brief --db --story`` on a 300-article story. The HiGHS solver it wraps is one
compiled module, ``scipy.optimize._highspy._core``, that needs none of that. This module loads that
same file directly (the package's ``__init__`` is not run) and drives it the way
``scipy.optimize.linprog(method="highs")`` and ``scipy.optimize.milp`` do (same model, same
options, same tests of the answer), so the selection is the same to the bit.

Where the compiled module cannot be found or does not look like the one these calls were written
for (another SciPy layout), :func:`solve_lp` and :func:`solve_milp` fall back on SciPy's public
functions: the same answers, at the old import cost.
"""

from __future__ import annotations

import functools
import importlib.machinery
import importlib.util
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

import numpy as np
import numpy.typing as npt
from scipy.sparse import csc_array, csr_matrix

Vector = npt.NDArray[np.float64]
_CORE = "scipy.optimize._highspy._core"
# linprog's feasibility test of an answer (scipy.optimize._linprog_util._check_result, tol 1e-9).
_LP_TOL = float(np.sqrt(1e-9) * 10)


@dataclass(frozen=True)
class LpAnswer:
    """The LP relaxation's optimum: objective, values and the reduced costs at lower bounds
    (``linprog``'s ``fun``, ``x`` and ``lower.marginals``)."""

    fun: float
    x: Vector
    lower_marginals: Vector


@functools.cache
def load_core() -> ModuleType | None:
    """SciPy's compiled HiGHS module, loaded from its file without ``scipy.optimize``'s
    ``__init__``; None when it is not there or lacks what this module calls."""
    loaded = sys.modules.get(_CORE)
    if loaded is not None:
        return loaded if _usable(loaded) else None
    spec = importlib.util.find_spec("scipy")
    if spec is None or spec.origin is None:
        return None
    folder = Path(spec.origin).parent / "optimize" / "_highspy"
    for suffix in importlib.machinery.EXTENSION_SUFFIXES:
        path = folder / f"_core{suffix}"
        if path.is_file():
            break
    else:
        return None
    try:
        core_spec = importlib.util.spec_from_file_location(_CORE, path)
        if core_spec is None or core_spec.loader is None:
            return None
        module = importlib.util.module_from_spec(core_spec)
        core_spec.loader.exec_module(module)
    except (ImportError, OSError):
        return None
    # Registered under its own name: a later ``import scipy.optimize`` finds it and does not load
    # the same extension a second time.
    sys.modules[_CORE] = module
    return module if _usable(module) else None


def _usable(core: ModuleType) -> bool:
    needed = ("_Highs", "HighsLp", "HighsOptions", "MatrixFormat", "HighsModelStatus", "HighsBasisStatus", "HighsVarType", "HighsStatus", "HighsDebugLevel", "kHighsInf", "simplex_constants")
    return all(hasattr(core, name) for name in needed)


def solve_lp(cost: Vector, a: csr_matrix, ub: Vector) -> LpAnswer | None:
    """``min cost @ x`` subject to ``a @ x <= ub`` and ``0 <= x <= 1``, as
    ``linprog(cost, A_ub=a, b_ub=ub, bounds=(0, 1), method="highs")`` solves it; None where
    linprog's status would not be 0 (no optimum, or one outside its tolerance)."""
    core = load_core()
    if core is None:
        return _scipy_lp(cost, a, ub)
    n = cost.size
    lb, col_ub = np.zeros(n), np.ones(n)
    rhs = np.array(ub, dtype=np.float64)
    lhs = np.full(rhs.size, -core.kHighsInf)
    rhs[np.isinf(rhs)] = np.sign(rhs[np.isinf(rhs)]) * core.kHighsInf
    # What linprog(method="highs") sets (scipy.optimize._linprog_highs; the rest are HiGHS's defaults).
    options = (
        ("presolve", "on"),
        ("highs_debug_level", core.HighsDebugLevel.kHighsDebugLevelNone),
        ("log_to_console", False),
        ("output_flag", False),
        ("simplex_strategy", core.simplex_constants.SimplexStrategy.kSimplexStrategyDual),
    )
    highs = _run(core, cost, csc_array(a), lhs, rhs, lb, col_ub, None, options)
    if highs is None or highs.getModelStatus() != core.HighsModelStatus.kOptimal:
        return None
    solution = highs.getSolution()
    x = np.array(solution.col_value)
    fun = float(highs.getInfo().objective_function_value)
    slack = rhs - np.asarray(solution.row_value)
    if np.isnan(x).any() or np.isnan(fun) or np.isnan(slack).any():
        return None
    if not np.all((x >= lb - _LP_TOL) & (x <= col_ub + _LP_TOL)) or (slack < -_LP_TOL).any():
        return None
    at_lower = np.array([s == core.HighsBasisStatus.kLower for s in highs.getBasis().col_status], dtype=bool)
    marginals = np.where(at_lower, np.asarray(solution.col_dual, dtype=np.float64), 0.0) if n else np.zeros(0)
    return LpAnswer(fun, x, marginals)


def solve_milp(
    cost: Vector, a: csr_matrix, ub: Vector, integral: npt.NDArray[np.bool_], upper: Vector, gap: float,
    time_limit: float = float("inf"), on_time_limit: Callable[[], None] | None = None,
) -> Vector | None:
    """``min cost @ x`` subject to ``a @ x <= ub``, ``0 <= x <= upper`` and ``x`` integral where
    ``integral``, as ``milp`` solves it with ``options={"mip_rel_gap": gap}``; its ``x``, or None
    where milp's would be None, and None when the solve ran past ``time_limit`` seconds (HiGHS's
    own clock; the caller then keeps its own solution, so the answer never depends on how far the
    solver got; ``on_time_limit`` is called then, so that the caller can say its answer depended
    on the machine's speed)."""
    core = load_core()
    if core is None:
        return _scipy_milp(cost, a, ub, integral, upper, gap, time_limit, on_time_limit)
    n = cost.size
    integrality = integral.astype(np.uint8)
    lhs = np.full(len(ub), -np.inf)
    highs = _run(
        core, cost, csc_array(a), lhs, np.asarray(ub, dtype=np.float64), np.zeros(n), np.asarray(upper, dtype=np.float64),
        integrality, (("log_to_console", False), ("mip_rel_gap", gap), ("time_limit", float(time_limit))),
    )
    if highs is None:
        return None
    status = highs.getModelStatus()
    if status == core.HighsModelStatus.kTimeLimit:
        if on_time_limit is not None:
            on_time_limit()
        return None
    stopped = (core.HighsModelStatus.kTimeLimit, core.HighsModelStatus.kIterationLimit, core.HighsModelStatus.kSolutionLimit)
    mip = bool(integrality.sum() > 0)
    if mip and (status not in (core.HighsModelStatus.kOptimal, *stopped) or (status in stopped and highs.getInfo().objective_function_value == core.kHighsInf)):
        return None
    if not mip and status != core.HighsModelStatus.kOptimal:
        return None
    return np.array(highs.getSolution().col_value)


def _run(
    core: ModuleType,
    cost: Vector,
    a: csc_array,
    lhs: Vector,
    rhs: Vector,
    lb: Vector,
    ub: Vector,
    integrality: npt.NDArray[np.uint8] | None,
    options: tuple[tuple[str, Any], ...],
) -> Any:
    """A HiGHS object that has run the model (as scipy's ``_highs_wrapper`` builds it), or None
    when HiGHS refused the options or the model or failed."""
    lp = core.HighsLp()
    lp.num_col_ = cost.size
    lp.num_row_ = rhs.size
    lp.a_matrix_.num_col_ = cost.size
    lp.a_matrix_.num_row_ = rhs.size
    lp.a_matrix_.format_ = core.MatrixFormat.kColwise
    lp.col_cost_ = cost
    lp.col_lower_ = lb
    lp.col_upper_ = ub
    lp.row_lower_ = lhs
    lp.row_upper_ = rhs
    lp.a_matrix_.start_ = a.indptr
    lp.a_matrix_.index_ = a.indices
    lp.a_matrix_.value_ = a.data.astype(np.float64)
    if integrality is not None and integrality.sum() > 0:
        lp.integrality_ = [core.HighsVarType(int(i)) for i in integrality]
    highs = core._Highs()
    highs_options = core.HighsOptions()
    for key, value in options:
        setattr(highs_options, key, value)
    error = core.HighsStatus.kError
    if highs.passOptions(highs_options) == error or highs.passModel(lp) == error or highs.run() == error:
        return None
    return highs


def _scipy_lp(cost: Vector, a: csr_matrix, ub: Vector) -> LpAnswer | None:
    from scipy.optimize import linprog

    lp = linprog(cost, A_ub=a, b_ub=ub, bounds=(0.0, 1.0), method="highs")
    if lp.status != 0:
        return None
    return LpAnswer(float(lp.fun), np.asarray(lp.x), np.asarray(lp.lower.marginals))


def _scipy_milp(
    cost: Vector, a: csr_matrix, ub: Vector, integral: npt.NDArray[np.bool_], upper: Vector, gap: float, time_limit: float,
    on_time_limit: Callable[[], None] | None,
) -> Vector | None:
    from scipy.optimize import Bounds, LinearConstraint, milp

    res = milp(
        cost,
        constraints=LinearConstraint(a, np.full(len(ub), -np.inf), ub),
        integrality=integral.astype(np.float64),
        bounds=Bounds(np.zeros(len(cost)), upper),
        options={"mip_rel_gap": gap, **({"time_limit": time_limit} if time_limit != float("inf") else {})},
    )
    if res.status == 1 and on_time_limit is not None:  # an iteration or time limit: here only the time limit is set
        on_time_limit()
    return None if res.x is None or res.status == 1 else np.asarray(res.x)
