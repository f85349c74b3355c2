"""The summary program's constraint rows and feasibility test against their plain definitions."""

from __future__ import annotations

import random
from dataclasses import replace

import numpy as np
from scipy.sparse import csc_matrix

from newsbrief.models import SentenceRef
from newsbrief.summary.candidates import Candidate
from newsbrief.summary.selection import Program, build_program, select_sentences


def _candidates(n: int, seed: int) -> list[Candidate]:
    """Random candidates: some are shortened versions of one sentence (same ref), some followers."""
    rng = random.Random(seed)
    out: list[Candidate] = []
    for k in range(n):
        ref = SentenceRef(f"a{k % 7}", k // 2 if rng.random() < 0.3 else k)
        follows = SentenceRef(ref.article_id, ref.sentence - 1) if ref.sentence and rng.random() < 0.2 else None
        concepts = frozenset(f"c{rng.randrange(15)}" for _ in range(rng.randint(1, 4)))
        out.append(Candidate(k % 7, ref, f"sentence {k}", rng.randint(5, 40), follows, concepts, compressed=k % 5 == 0))
    return out


def _addable_by_definition(program: Program, x: np.ndarray) -> np.ndarray:
    """Columns not in ``x`` whose addition breaks no constraint, by a max over each column."""
    slack = program.side_ub - program.side @ x
    over = csc_matrix(program.side, copy=True)
    over.data = over.data - slack[over.indices]
    worst = np.asarray(over.max(axis=0).todense()).ravel()
    return np.asarray((worst <= 1e-9) & (x < 0.5))


def test_redundant_rows_and_addable_match_their_definitions() -> None:
    rng = random.Random(3)
    cands = _candidates(80, seed=3)
    weights = {f"c{k}": rng.random() for k in range(15)}
    redundant = sorted({tuple(sorted(rng.sample(range(80), 2))) for _ in range(150)})
    program = build_program(cands, weights, 120, redundant, None)
    assert program is not None
    pos = {i: p for p, i in enumerate(program.usable)}
    # One row [1, 1] <= 1 per redundant pair of two usable candidates of different sentences, in order.
    expected = [(pos[i], pos[j]) for i, j in redundant if i in pos and j in pos and cands[i].ref != cands[j].ref]
    side = program.side.toarray()
    rows = [tuple(np.flatnonzero(r)) for r, hi in zip(side, program.side_ub) if hi == 1.0 and sorted(r[r != 0]) == [1.0, 1.0]]
    assert [p for p in rows if p in set(expected)] == sorted(set(expected), key=expected.index)
    assert expected
    for _ in range(30):
        x = np.zeros(len(program.usable))
        for p in rng.sample(range(len(program.usable)), rng.randint(0, 4)):
            x[p] = 1.0
        assert np.array_equal(program.addable(x), _addable_by_definition(program, x))
    chosen = select_sentences(cands, weights, 120, redundant)
    assert chosen and sum(cands[i].words for i in chosen) <= 120
    assert not any((i, j) in set(redundant) for i in chosen for j in chosen)


def test_costs_equal_the_scalar_formula_bit_for_bit() -> None:
    """Each column's cost (negated own value, tie-break, bonus), taken element-wise, is the value
    the per-candidate formula gives, to the last bit (a last-bit change could change a tie)."""
    rng = random.Random(11)
    cands = _candidates(120, seed=11)
    # Concepts some candidates hold alone (folded into their own value) and others in common.
    cands = [replace(c, concepts=c.concepts | {f"solo{k}"}) if k % 9 == 0 else c for k, c in enumerate(cands)]
    weights = {f"c{k}": rng.random() for k in range(0, 15, 2)} | {f"solo{k}": rng.random() for k in range(0, 120, 9)}
    bonus = np.array([rng.uniform(-0.3, 0.3) for _ in cands])
    program = build_program(cands, weights, 30, [], bonus)
    assert program is not None and len(program.usable) < len(cands)  # some do not fit the budget
    holders: dict[str, list[int]] = {}
    for p, i in enumerate(program.usable):
        for k in cands[i].concepts:
            if k in weights:
                holders.setdefault(k, []).append(p)
    own = [0.0] * len(program.usable)
    for k in sorted(holders):
        if len(holders[k]) == 1:
            own[holders[k][0]] += weights[k]
    for p, i in enumerate(program.usable):
        c = cands[i]
        expected = -own[p] + 1e-7 * (c.article + c.ref.sentence / 1000.0 + c.compressed) / (1 + len(cands))
        expected -= float(bonus[i])
        assert program.cost_x[p] == expected, (p, program.cost_x[p], expected)
    assert any(v != 0 for v in own)
