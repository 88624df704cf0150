"""A child process that ends when its parent does: `oncoguide serve`'s worker.

On Linux the kernel sends the child SIGTERM the moment its parent dies, even by SIGKILL
(``prctl(PR_SET_PDEATHSIG)``, called through ctypes); elsewhere a daemon thread checks once a
second whether the process has been handed to another parent. SIGTERM stops the Huey consumer at
once; the job in hand, if any, is left to its lease and done again by the next worker.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import signal
import sys
import threading

_PR_SET_PDEATHSIG = 1


def _set_parent_death_signal(signum: int) -> bool:
    """Ask Linux to send `signum` when the parent dies; False where that cannot be done."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        return libc.prctl(_PR_SET_PDEATHSIG, signum, 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def _watch_parent(parent_pid: int, signum: int, every: float) -> None:
    def watch() -> None:
        while os.getppid() == parent_pid:
            threading.Event().wait(every)
        os.kill(os.getpid(), signum)

    threading.Thread(target=watch, name="oncoguide-lifeline", daemon=True).start()


def exit_with_parent(parent_pid: int, *, signum: int = signal.SIGTERM, every: float = 1.0) -> None:
    """Make this process receive `signum` when `parent_pid`, its parent, ends.

    Call it first thing in the child. If the parent is already gone (it died before the call),
    the signal is sent at once."""
    if not _set_parent_death_signal(signum):
        _watch_parent(parent_pid, signum, every)
    if os.getppid() != parent_pid:  # died before the death signal was armed
        os.kill(os.getpid(), signum)
