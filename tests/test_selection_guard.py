"""The summary solver's guard: a program past MAX_PROGRAM_NONZEROS is not handed to HiGHS (the local
search's selection is kept and said once on stderr); a branch and bound stopped by its clock is
said too. Own examples: a small version of the pathological input (sentences of a dozen words in
random order, every one sharing the same word pairs and redundant with many others) and random
programs of the ordinary shape."""

from __future__ import annotations

import random

import numpy as np
import pytest

from newsbrief.models import SentenceRef
from newsbrief.summary import highs, selection
from newsbrief.summary.candidates import Candidate
from newsbrief.summary.selection import build_program, program_size, search_locally

WORDS = ["quay", "lamp", "gull", "rope", "tide", "mast", "sail", "reef", "dune", "fog", "oar", "keel"]


def _dozen_words_program(n: int, seed: int = 5) -> selection.Program:
    """The pathological input in small: ``n`` sentences of 6 to 30 words drawn from a dozen, concepts
    their word pairs, and a pair of sentences redundant where they share many of their pairs (as
    similar sentences are: here a fifth of the smaller one's pairs, a third of all pairs of sentences as in the
    200,000-character file)."""
    rng = random.Random(seed)
    cands: list[Candidate] = []
    for k in range(n):
        words = [rng.choice(WORDS) for _ in range(rng.randint(6, 30))]
        pairs = frozenset(f"{a}_{b}" for a, b in zip(words, words[1:]))
        cands.append(Candidate(0, SentenceRef("a0", k), " ".join(words), len(words), None, pairs))
    vocab = sorted({c for cand in cands for c in cand.concepts})
    at = {c: i for i, c in enumerate(vocab)}
    held = np.zeros((n, len(vocab)))
    for i, cand in enumerate(cands):
        held[i, [at[c] for c in cand.concepts]] = 1.0
    shared = held @ held.T
    sizes = held.sum(axis=1)
    overlap = shared / np.minimum.outer(sizes, sizes)
    redundant = [(i, j) for i, j in zip(*np.nonzero(np.triu(overlap >= 0.2, k=1)))]
    weights = {c: 1.0 + (i % 7) / 7 for i, c in enumerate(vocab)}
    program = build_program(cands, weights, 100, redundant, None)
    assert program is not None
    return program


def _ordinary_program(seed: int, n: int = 150) -> selection.Program:
    """A program of the usual shape: concepts spread over many sentences, few redundant pairs."""
    rng = random.Random(seed)
    cands = []
    for k in range(n):
        concepts = frozenset(f"c{rng.randrange(300)}" for _ in range(rng.randint(2, 8)))
        cands.append(Candidate(k % 10, SentenceRef(f"a{k % 10}", k), f"s{k}", rng.randint(8, 40), None, concepts))
    weights = {f"c{k}": rng.random() * 3 for k in range(300)}
    redundant = sorted({tuple(sorted(rng.sample(range(n), 2))) for _ in range(n)})
    program = build_program(cands, weights, 100, redundant, None)
    assert program is not None
    return program


@pytest.fixture(autouse=True)
def _fresh_notes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(selection, "_NOTED", set())


def test_the_pathological_shape_is_past_the_guard_and_keeps_the_local_search(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    program = _dozen_words_program(900)
    assert program_size(program) > selection.MAX_PROGRAM_NONZEROS
    assert program_size(program) == program.full()[1].nnz  # counted without building the matrix

    def no_solver(*args: object, **kwargs: object) -> None:
        raise AssertionError("HiGHS must not be started on this program")

    monkeypatch.setattr(selection, "solve_lp", no_solver)
    monkeypatch.setattr(selection, "solve_milp", no_solver)
    chosen = selection.solve_program(program)
    assert np.array_equal(chosen, search_locally(program)) and program.feasible(chosen)
    assert chosen.sum() >= 1
    selection.solve_program(program)
    err = capsys.readouterr().err
    assert err.count("too large to solve exactly") == 1, "said once per run"
    assert "kept the local search's selection" in err


def test_ordinary_programs_stay_far_under_the_guard_and_are_solved(capsys: pytest.CaptureFixture[str]) -> None:
    for seed in range(4):
        program = _ordinary_program(seed)
        assert program_size(program) * 20 < selection.MAX_PROGRAM_NONZEROS
        solved = selection.solve_program(program)
        assert program.feasible(solved) and program.value(solved) <= program.value(search_locally(program))
    assert capsys.readouterr().err == ""


def test_a_solve_stopped_by_its_clock_is_said(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(selection, "MILP_TIME_LIMIT_S", 0.0)
    stopped = 0
    for seed in range(6):
        program = _ordinary_program(seed)
        cost, a, ub, n = program.full()
        lp = highs.solve_lp(cost, a, ub)
        assert lp is not None
        if lp.fun < program.value(search_locally(program)) - 1e-6:  # the branch and bound is started
            stopped += 1
            assert np.array_equal(selection.solve_program(program), search_locally(program))
    assert stopped, "some of these programs need the branch and bound"
    err = capsys.readouterr().err
    assert err.count("stopped after 0 s") == 1 and "may differ on a less loaded machine" in err
