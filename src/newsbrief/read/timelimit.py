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
"Exception ignored" and dropped. So the clock is read again when the call returns: a call that
used more than its limit raises TimeLimitExceeded whether or not the exception got through, and
the outcome depends on the CPU the call used, not on where the exception happened to land.
"""

from __future__ import annotations

import ctypes
import threading
import time
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")

# How often the exception is raised again when the call goes on after the first one.
RETRY_SECONDS = 0.5


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
    done = threading.Event()
    running = True

    def watch() -> None:
        # CPU time runs no faster than wall time: waiting for what is left never overshoots.
        while not done.wait(max(0.01, deadline - clock())):
            if clock() < deadline:
                continue
            with lock:
                if not running:
                    return
                _raise_in(thread_id, TimeLimitExceeded)
            if done.wait(RETRY_SECONDS):
                return

    watchdog = threading.Thread(target=watch, name="newsbrief-time-limit", daemon=True)
    watchdog.start()
    try:
        result = call()
    finally:
        with lock:
            running = False
        done.set()
        # An exception set just before ``running`` fell is either delivered here (and raised to
        # the caller, as a limit reached at the very end) or cleared: none escapes later.
        _raise_in(thread_id, None)
        watchdog.join()
    if clock() >= deadline:
        raise TimeLimitExceeded
    return result
