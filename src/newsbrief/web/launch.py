"""Start ``newsbrief serve`` in a child process and learn its address (tests, screenshots, benchmarks)."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path
from types import TracebackType


class ServerProcess:
    """``with ServerProcess(db) as url:`` runs the server on a free 127.0.0.1 port until the block ends."""

    def __init__(self, db: str | Path, *extra: str, timeout: float = 60.0):
        self.db = str(db)
        self.extra = list(extra)
        self.timeout = timeout
        self.proc: subprocess.Popen[str] | None = None
        self.lines: list[str] = []

    def __enter__(self) -> str:
        cmd = [sys.executable, "-m", "newsbrief.cli", "serve", "--db", self.db, "--port", "0", *self.extra]
        self.proc = subprocess.Popen(cmd, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True, env=dict(os.environ))
        assert self.proc.stderr is not None
        deadline = time.monotonic() + self.timeout
        while time.monotonic() < deadline:
            line = self.proc.stderr.readline()
            if not line:
                break
            self.lines.append(line)
            m = re.search(r"on (http://\S+)", line)
            if m:
                return m.group(1)
        self.__exit__(None, None, None)
        raise RuntimeError("newsbrief serve did not start: " + "".join(self.lines))

    def stop(self) -> int:
        """Ctrl-C the server and wait; returns its exit code."""
        if self.proc is None:
            return 0
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        if self.proc.stderr is not None:
            self.lines += self.proc.stderr.readlines()
            self.proc.stderr.close()
        code = self.proc.returncode
        self.proc = None
        return code

    def __exit__(self, t: type[BaseException] | None, e: BaseException | None, tb: TracebackType | None) -> None:
        self.stop()
