"""A time limit on one call, in whatever thread it runs: the extraction of one page.

trafilatura's extractor can take minutes on a pathological page (its time grows faster than
linearly with the number of elements), and Python threads cannot be killed. ``signal.setitimer``
would work only on the main thread, and a worker process per page would cost an interpreter start
and trafilatura's import for every page. Instead a watchdog thread raises :class:`TimeLimitExceeded`
*inside* the running thread (CPython's ``PyThreadState_SetAsyncExc``, the mechanism behind
KeyboardInterrupt's delivery to the main thread), so the same code bounds ``brief`` and ``ingest``
on the main thread and ``serve``'s upload worker and ``watch`` on theirs.

The limit counts the thread's CPU time (Linux and most Unixes: ``pthread_getcpuclockid``; wall
time elsewhere), so a page that fits on an idle machine is not skipped on a loaded one: the output
stays the same for the same input and settings.

The exception arrives between two Python bytecodes: a single long C call (lxml parsing a page,
linear in its size and bounded by ``MAX_HTML_CHARS``) finishes first. It derives from
BaseException so that a library's ``except Exception`` cannot swallow it; should a library catch
it anyway, it is raised again every RETRY_SECONDS until the call returns.

An asynchronous exception can also be lost without anyone catching it: delivered while the thread
runs a garbage-collector callback (hypothesis installs one, for instance), it is printed as
"Exception ignored" (pytest: PytestUnraisableExceptionWarning) and dropped. Three things keep that
from happening or from mattering:

* the watchdog does not raise while the thread is inside a gc callback (or this module's hook):
  it looks at the thread's frames first and tries again a millisecond later;
* a stop that lands in one anyway (the thread was in C code without the GIL when it was raised,
  and a collection ran before its next bytecode) reaches ``sys.unraisablehook``: while a limited
  call runs, a hook placed in front of the usual one takes that stop silently and wakes the
  watchdog, which raises it again at once;
* the clock is read again when the call returns: a call that used more than its limit raises
  TimeLimitExceeded whether or not the exception got through, so the outcome depends on the CPU
  the call used, not on where the exception happened to land.

The watchdog sees the thread only when it gets the GIL, at one of the thread's switch points: a
call that spends nearly all its CPU inside gc callbacks (an artificial case; real callbacks take
microseconds) may be caught inside one at every look and is then stopped when it returns.
"""

from __future__ import annotations

import ctypes
import gc
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from types import CodeType
from typing import Any, TypeVar

T = TypeVar("T")

# How often the exception is raised again when the call goes on after the first one.
RETRY_SECONDS = 0.5
# How soon the watchdog looks again when the thread was inside a gc callback, or the stop was lost.
BUSY_SECONDS = 0.001


class TimeLimitExceeded(BaseException):
    """The call ran past its time limit (raised inside the thread that made it)."""


def _raise_in(thread_id: int, exc: type[BaseException] | None) -> None:
    # None clears an exception that was set but not yet delivered.
    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread_id), ctypes.py_object(exc) if exc else None)


def _thread_clock(thread_id: int) -> Callable[[], float]:
    """Seconds of CPU the thread ``thread_id`` has used, or wall seconds where that is not known."""
    try:
        clock = time.pthread_getcpuclockid(thread_id)
        time.clock_gettime(clock)
    except (AttributeError, OSError):
        return time.monotonic
    return lambda: time.clock_gettime(clock)


@dataclass
class _Watch:
    """What the unraisable hook tells the watchdog of one limited call: the stop was lost."""

    wake: threading.Event = field(default_factory=threading.Event)
    lost: bool = False


# Threads running a limited call (thread id -> its watch), and the hook that was in place before ours.
_WATCHED: dict[int, _Watch] = {}
_HOOK_LOCK = threading.Lock()
_previous_hook: Callable[[Any], object] | None = None


def _take_lost_stop(unraisable: Any) -> None:
    """``sys.unraisablehook`` while limited calls run: a stop that landed where it could only be
    reported (a gc callback) wakes its watchdog to raise it again; anything else goes to the hook
    that was in place before."""
    watch = _WATCHED.get(threading.get_ident())
    if watch is not None and unraisable.exc_type is TimeLimitExceeded:
        watch.lost = True
        watch.wake.set()
        return
    (_previous_hook or sys.__unraisablehook__)(unraisable)


def _enter(thread_id: int, watch: _Watch) -> _Watch | None:
    """Register a limited call of ``thread_id`` (returns the one it nests in) and put the hook in front."""
    global _previous_hook
    with _HOOK_LOCK:
        if sys.unraisablehook is not _take_lost_stop:
            _previous_hook = sys.unraisablehook
            sys.unraisablehook = _take_lost_stop
        outer = _WATCHED.get(thread_id)
        _WATCHED[thread_id] = watch
    return outer


def _leave(thread_id: int, outer: _Watch | None) -> None:
    """Undo :func:`_enter`; the usual hook is back once no limited call runs."""
    with _HOOK_LOCK:
        if outer is None:
            _WATCHED.pop(thread_id, None)
        else:
            _WATCHED[thread_id] = outer
        if not _WATCHED and sys.unraisablehook is _take_lost_stop:
            sys.unraisablehook = _previous_hook or sys.__unraisablehook__


def _code_of(callback: object) -> CodeType | None:
    function = getattr(callback, "__func__", callback)
    code = getattr(function, "__code__", None) or getattr(getattr(type(callback), "__call__", None), "__code__", None)
    return code if isinstance(code, CodeType) else None


def in_gc_callback(thread_id: int) -> bool:
    """The thread is running a garbage-collector callback (or this module's hook): a stop raised
    now would be reported as "Exception ignored" and dropped, not raised in the call."""
    codes = {c for c in (_code_of(cb) for cb in gc.callbacks) if c is not None} | {_take_lost_stop.__code__}
    frame = sys._current_frames().get(thread_id)
    while frame is not None:
        if frame.f_code in codes:
            return True
        frame = frame.f_back
    return False


def run_with_time_limit(call: Callable[[], T], seconds: float | None) -> T:
    """``call()``, or TimeLimitExceeded once it has used ``seconds`` of CPU (None: no limit).

    Safe in any thread. No exception is left pending once this returns or raises.
    """
    if seconds is None:
        return call()
    thread_id = threading.get_ident()
    clock = _thread_clock(thread_id)
    deadline = clock() + seconds
    lock = threading.Lock()
    watch = _Watch()
    running = True

    def watchdog_loop() -> None:
        # CPU time runs no faster than wall time: waiting for what is left never overshoots.
        wait = max(0.01, deadline - clock())
        while True:
            watch.wake.wait(wait)
            watch.wake.clear()
            with lock:
                if not running:
                    return
                if clock() < deadline:
                    wait = max(0.01, deadline - clock())
                    continue
                if in_gc_callback(thread_id):
                    wait = BUSY_SECONDS
                    continue
                watch.lost = False
                _raise_in(thread_id, TimeLimitExceeded)
            wait = RETRY_SECONDS

    outer = _enter(thread_id, watch)
    watchdog = threading.Thread(target=watchdog_loop, name="newsbrief-time-limit", daemon=True)
    watchdog.start()
    try:
        result = call()
    finally:
        with lock:
            running = False
        watch.wake.set()
        # An exception set just before ``running`` fell is either delivered here (and raised to
        # the caller, as a limit reached at the very end) or cleared: none escapes later.
        _raise_in(thread_id, None)
        watchdog.join()
        _leave(thread_id, outer)
    if clock() >= deadline:
        raise TimeLimitExceeded
    return result
