"""gcpause.paused_collector: the collector is off inside, back as it was after (nested, threaded,
after an exception), and cycles made while it was off are still collected."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator

import pytest

from newsbrief.gcpause import paused_collector


@pytest.fixture(autouse=True)
def collector_on() -> Iterator[None]:
    was = gc.isenabled()
    gc.enable()
    yield
    if not was:
        gc.disable()


def test_paused_inside_and_restored_after_nesting_and_errors() -> None:
    with paused_collector():
        assert not gc.isenabled()
        with paused_collector():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the inner pause does not end the outer one
    assert gc.isenabled()
    with pytest.raises(RuntimeError), paused_collector():
        raise RuntimeError("boom")
    assert gc.isenabled()


def test_a_collector_turned_off_before_stays_off() -> None:
    gc.disable()
    with paused_collector():
        assert not gc.isenabled()
    assert not gc.isenabled()


def test_overlapping_pauses_of_threads_end_with_the_last() -> None:
    inside, release = threading.Event(), threading.Event()

    def long_pause() -> None:
        with paused_collector():
            inside.set()
            release.wait(10)

    worker = threading.Thread(target=long_pause)
    worker.start()
    assert inside.wait(10)
    with paused_collector():
        pass
    assert not gc.isenabled()  # the worker's pause is still under way
    release.set()
    worker.join(10)
    assert gc.isenabled()


def test_cycles_made_while_paused_are_collected_after() -> None:
    class Node:
        partner: object = None

    with paused_collector():
        a, b = Node(), Node()
        a.partner, b.partner = b, a
        del a, b
    assert gc.collect() >= 2
