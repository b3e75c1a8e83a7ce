"""Run a piece of heavy work in a child process with a time and a memory limit.

The PDF renderer (``mia.core.pdf_process``) and the reader of panel pools (``mia.panels.pool_process``)
do work whose cost depends on what a user uploaded or wrote. They run it in a fresh Python process
(``python -m <module>``) whose address space is capped with ``RLIMIT_AS`` and whose CPU time is capped
with ``RLIMIT_CPU``; the parent also kills it when the wall-clock time is up. A file that is too large
then fails with a Dutch message and the web process or job worker that asked for it carries on.

The child gets its input on stdin and writes its answer to stdout; it may report progress on stderr
with lines ``progress <fraction>``, which the parent hands to ``on_progress`` as they come.

No Django here: both sides import this module.
"""

from __future__ import annotations

import os
import selectors
import subprocess
import sys
import threading
import time
from collections.abc import Callable

PROGRESS_PREFIX = b"progress "


class ChildLimitExceeded(Exception):
    """The child ran out of time (``reason == "time"``) or memory, or crashed (``"memory"``)."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason
        self.detail = detail

    def reading_message(self, seconds: int) -> str:
        """What a person who uploaded a file reads when reading it passed the limits (Dutch)."""
        if self.reason == "time":
            return (f"Het inlezen duurde langer dan {seconds} seconden en is gestopt. Het bestand is te groot; "
                    "splits het in delen of verwijder overbodige kolommen.")
        return ("Het bestand kon niet worden ingelezen: het is te groot voor het geheugen dat daarvoor is. "
                "Splits het in delen, verwijder overbodige kolommen, of sla het op als 'CSV UTF-8'.")


def run_limited(
    module: str,
    data: bytes,
    *,
    seconds: int,
    memory_mb: int,
    args: tuple[str, ...] = (),
    on_progress: Callable[[float], None] | None = None,
) -> bytes:
    """Run ``python -m module memory_mb seconds *args`` with ``data`` on stdin; return its stdout.

    Raises ``ChildLimitExceeded("time")`` when the child takes longer than ``seconds`` (wall clock;
    its CPU time is capped to the same in the child), ``ChildLimitExceeded("memory")`` when it exits
    with an error (``MemoryError`` under ``RLIMIT_AS`` is the usual cause; its stderr is the detail)."""
    env = {**os.environ, "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1"}
    process = subprocess.Popen(
        [sys.executable, "-m", module, str(memory_mb), str(seconds), *args],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
    )
    out: list[bytes] = []
    # stdin and stdout in threads of their own, so neither pipe can fill up and block the child.
    feeder = threading.Thread(target=_feed, args=(process.stdin, data), daemon=True)
    drainer = threading.Thread(target=lambda: out.append(process.stdout.read()), daemon=True)
    feeder.start()
    drainer.start()
    deadline = time.monotonic() + seconds
    errors = bytearray()
    pending = b""
    timed_out = False
    with selectors.DefaultSelector() as selector:
        selector.register(process.stderr, selectors.EVENT_READ)
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                timed_out = True
                break
            if not selector.select(timeout=min(left, 1.0)):
                continue
            chunk = os.read(process.stderr.fileno(), 65536)
            if not chunk:
                break  # the child closed stderr: it has ended
            pending += chunk
            *lines, pending = pending.split(b"\n")
            for line in lines:
                if line.startswith(PROGRESS_PREFIX) and on_progress is not None:
                    try:
                        on_progress(float(line[len(PROGRESS_PREFIX):]))
                    except ValueError:
                        pass
                elif not line.startswith(PROGRESS_PREFIX) and len(errors) < 20_000:
                    errors += line + b"\n"
    if timed_out:
        process.kill()
    try:
        process.wait(timeout=max(1.0, deadline - time.monotonic()) if not timed_out else 10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
        timed_out = True
    drainer.join()
    feeder.join(timeout=1)
    process.stderr.close()
    if timed_out or process.returncode in (-9, -24):  # killed by us, or by RLIMIT_CPU (SIGKILL / SIGXCPU)
        raise ChildLimitExceeded("time")
    if process.returncode != 0:
        raise ChildLimitExceeded("memory", (errors + pending).decode("utf-8", "replace")[-2000:])
    return out[0] if out else b""


def _feed(pipe, data: bytes) -> None:
    try:
        pipe.write(data)
    except (BrokenPipeError, OSError):
        pass  # the child ended before reading everything (a limit); its exit code tells why
    finally:
        try:
            pipe.close()
        except OSError:
            pass


def limit_child(memory_mb: int, cpu_seconds: int | None = None) -> None:
    """The child's side: cap its address space (and its CPU time) before the work starts."""
    import resource

    limit = memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    if cpu_seconds:
        resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds + 5))


def report_progress(fraction: float) -> None:
    """The child's side: a progress line for the parent's ``on_progress``."""
    sys.stderr.write(f"progress {fraction:.4f}\n")
    sys.stderr.flush()
