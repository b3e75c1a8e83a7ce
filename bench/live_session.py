#!/usr/bin/env python
"""Load test of the live MIA-dialoog: a whole event against a real multi-process server.

What it does, per database (``--db sqlite|postgresql|both``):

1. Set-up in this process: a fresh database (a temp folder for SQLite, a fresh
   PostgreSQL database), ``migrate``, the instrument content, a kernteam user, an
   assessment with 5 questions and S live sessions, plus one extra session with an
   open round and 64 participants that only the saturation test writes to.
2. A production-style server: ``uvicorn mia.asgi:application --workers W`` with
   ``MIA_DEBUG=false`` in a subprocess, on a free port of 127.0.0.1.
3. Saturation (closed loop, C concurrent clients for --saturation-seconds each):
   ``baseline_rps`` of ``GET /api/live/status`` (no database) and ``submit_rps`` of
   card PUTs (real writes: a new card or an update of the participant's card in
   an open round). ``ratio = submit_rps / baseline_rps``.
4. The event (open loop, as in a room): N participants join within --join-seconds
   (uniformly at random), spread round-robin over S sessions. Every phone
   long-polls ``/state?version=V&wait=25`` for as long as it is connected (204 when
   nothing changed, then it asks again). For
   each of --rounds rounds the facilitator of every session opens the round
   (``next_round``; all sessions at the same moment, as at an event with parallel
   sessions); each phone that learns of the new round through its long poll
   records the notice latency twice: minus the moment the facilitator's call
   returned (``round_notice_*``), and minus the moment the server opened the round,
   its ``opened_at`` (``round_notice_from_open_*``: the same clock, this machine),
   which does not hide a slow step, and sends a ``conclusie`` and an ``idee`` card at
   random moments within the round. A card that meets a network error, a 5xx or a
   429 is retried with the same client_id and doubling back-off (2 s .. 30 s),
   exactly like ``live.js``. One facilitator screen per session (at most
   --facilitator-screens) refreshes the wall every 1.5 s with ``?since=cursor``
   and reloads its page when the session's version changes, like ``live.js``.
   After the last round the facilitators close the round and the session.
5. The server stops and the ORM compares the SET of acknowledged client_ids with
   the set stored: ``lost`` = acknowledged but not stored (must be 0).

The load generator's own garbage collector is tuned as the server's is (its set-up
frozen, ``--loadgen-gc-threshold``) and its pauses are reported: a full collection
of a process holding 10,000 phones stops its loop for a second or more, and every
latency it measures with it.

CPU: the load generator's own CPU (``getrusage``), the uvicorn processes' CPU
(``/proc/<pid>/stat`` of the master and its children), PostgreSQL's (all
``postgres`` processes) and the whole machine's (``/proc/stat``), each as a share
of one core (1.0 = one core busy) and as a share of the machine. This machine is
shared: load generator, server and database compete for the same cores.

Sessions default to max(1, N // 100): a live event puts ~100 people in front of
one facilitator screen (a hall), not the 5-8 of a paper dialogue. Workers default
to 2: one per core; 1 worker can use only one core, 3 did no better on this
2-core machine (measured with the smoke configuration).

Peaks sampled every 2 s during the event: the server's threads and open files
(a waiting long poll should hold neither) and, on PostgreSQL, its connections.
--app/--app-path run another ASGI module (e.g. a wrapper that monkeypatches a
suggested fix) without touching mia/.

One JSON object goes to stdout, progress to stderr:

    .venv/bin/python bench/live_session.py                      # 1000 participants, 5 rounds of 60 s, both DBs
    .venv/bin/python bench/live_session.py --participants 50 --join-seconds 5 --round-seconds 5 \\
        --rounds 2 --saturation-seconds 3                          # smoke run, about a minute per database
    .venv/bin/python bench/live_session.py --db postgresql --participants 5000 --rounds 2
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import math
import os
import random
import re
import resource
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

QUESTIONS = 5
SATURATION_PARTICIPANTS = 64
LONG_POLL_WAIT = 25  # what live.js asks for
WALL_REFRESH_SECONDS = 1.5  # live.js: the next refresh 1.5 s after the last one finished
FIRST_RETRY_SECONDS, MAX_RETRY_SECONDS = 2.0, 30.0  # live.js: min(30000, (delay || 1000) * 2)
SETTLE_SECONDS = 2.0
LAG_PROBE_SECONDS = 0.05
WANTED_OPEN_FILES = 131_072
PROXY_PROCESSES = 2  # HAProxy instances sharing the proxy's port (--groups 2+)
# Buckets of seconds since the latest round opened (submit_p95_by_phase).
SUBMIT_PHASES = (("before_first_round", 0.0), ("0-5s", 5.0), ("5-15s", 15.0))  # between the last planned join and the first round
PG_ADMIN_URL = "postgres://postgres@127.0.0.1:5432/postgres"
WORDS = (
    "de bus rijdt te weinig naar het dorp en jongeren kunnen daardoor niet naar school of werk ouderen "
    "blijven thuis de regeling is ingewikkeld mensen weten niet waar ze moeten aankloppen het loket is "
    "dicht de kosten zijn hoog voor gezinnen met een laag inkomen vertrouwen in de overheid groeit als "
    "mensen mee mogen praten maak de brief eenvoudiger en bel mensen op"
).split()


STARTED = time.monotonic()


def log(message: str) -> None:
    # Seconds since start: Django's set-up changes the process's time zone, wall-clock stamps would jump.
    print(f"[{time.monotonic() - STARTED:7.1f}s] {message}", file=sys.stderr, flush=True)


def clock() -> float:
    return time.monotonic()


def percentile_ms(values: list[float], q: float) -> float | None:
    """Nearest-rank percentile of durations in seconds, in milliseconds."""
    if not values:
        return None
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, math.ceil(q * len(ordered)) - 1))
    return round(ordered[index] * 1000, 1)


# --- arguments --------------------------------------------------------------------------------


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", choices=["sqlite", "postgresql", "both"], default="both")
    parser.add_argument("--participants", type=int, default=1000)
    parser.add_argument("--sessions", type=int, default=None, help="default max(1, participants // 100)")
    parser.add_argument("--workers", type=int, default=2, help="uvicorn worker processes (2 cores, shared)")
    parser.add_argument("--join-seconds", type=float, default=60)
    parser.add_argument("--rounds", type=int, default=QUESTIONS, choices=range(1, QUESTIONS + 1))
    parser.add_argument("--round-seconds", type=float, default=60)
    parser.add_argument("--facilitator-screens", type=int, default=None, help="default min(sessions, 20)")
    parser.add_argument("--saturation-seconds", type=float, default=10)
    parser.add_argument("--saturation-concurrency", type=int, default=SATURATION_PARTICIPANTS)
    parser.add_argument("--conn-max-age", type=int, default=None,
                        help="MIA_DB_CONN_MAX_AGE for the server (default: unset, i.e. the settings' default)")
    parser.add_argument("--pool-size", type=int, default=8,
                        help="MIA_DB_POOL_SIZE for the server on PostgreSQL (0: no pool)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--transport", choices=["sse", "poll"], default="sse",
                        help="phones hear of rounds through an event stream (as live.js where it can) or long polls")
    parser.add_argument("--join-mode", choices=["api", "setup"], default="api",
                        help="api: phones join through POST /api/live/join during the event; setup: participants "
                             "are made (consenting) before the server starts and phones arrive with their link, so "
                             "the event measures rounds and cards only")
    parser.add_argument("--groups", type=int, default=1,
                        help="server groups (each uvicorn with --workers); 2+: behind HAProxy, facilitators on group 1")

    parser.add_argument("--loadgen-gc-threshold", type=int, default=50000,
                        help="the load generator's youngest GC generation threshold after its set-up (0: Python's default)")
    # For trying a server-side change without touching mia/: a wrapper module elsewhere.
    parser.add_argument("--app", default="mia.asgi:application", help="ASGI app for uvicorn")
    parser.add_argument("--app-path", default="", help="extra PYTHONPATH entry for the server (for --app)")
    args = parser.parse_args(argv)
    args.sessions = args.sessions or max(1, args.participants // 100)
    args.sessions = min(args.sessions, args.participants)
    if args.facilitator_screens is None:
        args.facilitator_screens = min(args.sessions, 20)
    args.facilitator_screens = min(args.facilitator_screens, args.sessions)
    args.saturation_concurrency = min(args.saturation_concurrency, SATURATION_PARTICIPANTS)
    return args


def forwarded(args: argparse.Namespace, db: str) -> list[str]:
    """The command line of a child run for one database."""
    argv = ["--db", db]
    for name, value in vars(args).items():
        if name != "db" and value is not None:
            argv += [f"--{name.replace('_', '-')}", str(value)]
    return argv


# --- CPU accounting from /proc ------------------------------------------------------------------

CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def _stat_fields(pid: int) -> list[str] | None:
    try:
        raw = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    # The command name is in parentheses and may hold spaces: split after the last ')'.
    return raw[raw.rindex(")") + 2:].split()


def process_cpu(pid: int, with_children: bool = False) -> float:
    """CPU seconds of one process; with_children adds those of its reaped children."""
    fields = _stat_fields(pid)
    if fields is None:
        return 0.0
    ticks = int(fields[11]) + int(fields[12])  # utime, stime
    if with_children:
        ticks += int(fields[13]) + int(fields[14])  # cutime, cstime
    return ticks / CLOCK_TICKS


def all_pids() -> list[int]:
    return [int(name) for name in os.listdir("/proc") if name.isdigit()]


def descendants(root: int) -> list[int]:
    parents = {}
    for pid in all_pids():
        fields = _stat_fields(pid)
        if fields:
            parents[pid] = int(fields[1])
    found, frontier = [root], [root]
    while frontier:
        frontier = [pid for pid, parent in parents.items() if parent in frontier]
        found += frontier
    return found


def postgres_pids() -> list[int]:
    pids = []
    for pid in all_pids():
        try:
            if Path(f"/proc/{pid}/comm").read_text().strip() == "postgres":
                pids.append(pid)
        except OSError:
            pass
    return pids


def machine_busy_seconds() -> tuple[float, float]:
    """(busy, total) CPU seconds of all cores since boot."""
    values = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = values[3] + values[4]  # idle + iowait
    return (sum(values) - idle) / CLOCK_TICKS, sum(values) / CLOCK_TICKS


class CpuMeter:
    """CPU used by the load generator, the server, PostgreSQL and the machine over a window."""

    def __init__(self, server_pids: list[int], proxy_pids=(), helper_pids=()):
        self.server_pids = server_pids
        self.proxy_pids = list(proxy_pids)
        self.helper_pids = list(helper_pids)  # load generator helper processes
        self.cores = os.cpu_count() or 1

    def snapshot(self) -> dict:
        busy, total = machine_busy_seconds()
        usage = resource.getrusage(resource.RUSAGE_SELF)
        return {
            "wall": clock(),
            "loadgen": usage.ru_utime + usage.ru_stime + sum(process_cpu(pid) for pid in self.helper_pids),
            "server": {pid: process_cpu(pid) for root in self.server_pids for pid in descendants(root)},
            "proxy": sum(process_cpu(pid) for pid in self.proxy_pids),
            # Backends come and go (one per request, see the report); the postmaster's
            # cutime holds the CPU of those that ended.
            "postgres": sum(process_cpu(pid, with_children=True) for pid in postgres_pids()),
            "busy": busy,
            "total": total,
        }

    def shares(self, start: dict, end: dict) -> dict:
        wall = end["wall"] - start["wall"]
        server = sum(cpu - start["server"].get(pid, 0.0) for pid, cpu in end["server"].items())
        loadgen = end["loadgen"] - start["loadgen"]
        postgres = end["postgres"] - start["postgres"]
        proxy = end["proxy"] - start["proxy"]
        busy = (end["busy"] - start["busy"]) / max(1e-9, end["total"] - start["total"])
        return {
            "seconds": round(wall, 1),
            "loadgen_cpu_share": round(loadgen / wall, 3),
            "loadgen_cpu_share_of_machine": round(loadgen / wall / self.cores, 3),
            "server_cpu_share": round(server / wall, 3),
            "server_cpu_share_of_machine": round(server / wall / self.cores, 3),
            "postgres_cpu_share": round(postgres / wall, 3),
            "proxy_cpu_share": round(proxy / wall, 3),
            "machine_busy_share": round(busy, 3),
            # What the rest of the (shared) machine used in the same window.
            "other_cpu_share": round(max(0.0, busy * self.cores - (loadgen + server + postgres + proxy) / wall), 3),
            "server_cpu_seconds": round(server, 2),
        }


def process_threads_and_files(pid: int) -> tuple[int, int]:
    try:
        threads = int(re.search(r"^Threads:\s+(\d+)", Path(f"/proc/{pid}/status").read_text(), re.M).group(1))
        return threads, len(os.listdir(f"/proc/{pid}/fd"))
    except (OSError, AttributeError):
        return 0, 0


class ResourceMonitor:
    """Peaks of the server's threads and open files and of its PostgreSQL connections, every 2 s."""

    def __init__(self, server_pids: list[int], pg_database: str):
        self.server_pids, self.pg_database = server_pids, pg_database
        self.peaks = Counter()
        self.pg = None
        if pg_database:
            import psycopg

            # Opened now: when the server has used up max_connections, a new one would be refused.
            self.pg = psycopg.connect(PG_ADMIN_URL, autocommit=True)

    def sample(self) -> None:
        threads = files = 0
        for pid in [pid for root in self.server_pids for pid in descendants(root)]:
            t, f = process_threads_and_files(pid)
            threads, files = threads + t, files + f
        self.peaks["server_threads_max"] = max(self.peaks["server_threads_max"], threads)
        self.peaks["server_open_files_max"] = max(self.peaks["server_open_files_max"], files)
        if self.pg is not None:
            count = self.pg.execute("SELECT count(*) FROM pg_stat_activity WHERE datname = %s",
                                    [self.pg_database]).fetchone()[0]
            self.peaks["postgres_connections_max"] = max(self.peaks["postgres_connections_max"], count)

    async def run(self, stop: asyncio.Event) -> None:
        while not stop.is_set():
            try:
                await asyncio.to_thread(self.sample)  # one helper thread, not per participant
            except Exception as exc:  # a failed sample must not end the run
                log(f"monitor: {exc!r}")
            try:
                await asyncio.wait_for(stop.wait(), 2)
            except TimeoutError:
                pass


def raise_open_files_limit() -> int:
    """Every connected phone holds two sockets here (its stream and its card PUTs, as a browser does) and
    as many in the server (which inherits this limit): 10,000 phones need more than the usual 20,000."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = max(hard, WANTED_OPEN_FILES)
    try:  # raising the hard limit needs root (CAP_SYS_RESOURCE); otherwise take the hard limit
        resource.setrlimit(resource.RLIMIT_NOFILE, (wanted, wanted))
        return wanted
    except (ValueError, OSError):
        if soft < hard:
            resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
        return hard


def machine_info() -> dict:
    model = ""
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            model = line.split(":", 1)[1].strip()
            break
    return {
        "cores": os.cpu_count(),
        "cpu": model,
        "memory_gb": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1),
        "loadavg_at_start": Path("/proc/loadavg").read_text().split()[:3],
        "python": sys.version.split()[0],
        "open_files_limit": resource.getrlimit(resource.RLIMIT_NOFILE)[0],
        "note": "2 cores shared by the load generator, the server, the database and other work",
    }


# --- database and data set-up (in this process) ---------------------------------------------


def server_env(args: argparse.Namespace, data_dir: str, database_url: str) -> dict:
    env = dict(os.environ)
    env.update({
        "DJANGO_SETTINGS_MODULE": "mia.settings",
        "MIA_DEBUG": "false",
        "MIA_SECRET_KEY": secrets.token_urlsafe(64),
        "MIA_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "MIA_DATA_DIR": data_dir,
        "MIA_LOG_LEVEL": "WARNING",
    })
    env.pop("DATABASE_URL", None)
    if database_url:
        env["DATABASE_URL"] = database_url
        # A small connection pool per worker, as README advises for PostgreSQL under uvicorn.
        env["MIA_DB_POOL_SIZE"] = str(args.pool_size)
    if args.conn_max_age is not None:
        env["MIA_DB_CONN_MAX_AGE"] = str(args.conn_max_age)
    if args.app_path:
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [args.app_path, str(ROOT), env.get("PYTHONPATH", "")]))
    return env


def create_postgres_database() -> tuple[str, str]:
    import psycopg

    name = f"mia_bench_{os.getpid()}_{secrets.token_hex(3)}"
    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return name, f"postgres://postgres@127.0.0.1:5432/{name}"


def connection_budget(args: argparse.Namespace, env: dict) -> dict:
    """PostgreSQL connections the servers may open against what the database allows.

    Per worker: Django's pool, the fast card writes' pool and the notices' listener. A run over
    budget does not measure the code: workers wait for connections or fail to connect (a two-group
    run with ``--workers 2`` on ``max_connections`` 100 collapsed that way)."""
    import psycopg

    from mia.live.fastwrite import configured_pool_size

    per_worker = args.pool_size + configured_pool_size(env) + 1
    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
        allowed = int(conn.execute("SHOW max_connections").fetchone()[0])
    needed = args.groups * args.workers * per_worker
    if needed > allowed - 5:  # a few for the bench itself and for psql
        log(f"WARNING: {args.groups} group(s) x {args.workers} worker(s) x {per_worker} connections = {needed}, "
            f"but PostgreSQL allows {allowed}: lower --pool-size or --workers, or raise max_connections")
    return {"per_worker": per_worker, "needed": needed, "max_connections": allowed}


def drop_postgres_database(name: str) -> None:
    import psycopg

    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@dataclass
class SessionInfo:
    id: int
    code: str
    round_ids: list[int]  # the question rounds, in order
    tokens: list[str] = field(default_factory=list)  # --join-mode setup: the participants' links
    open_returned: dict[int, float] = field(default_factory=dict)  # round id -> when next_round returned


class Notice(NamedTuple):
    """A phone that heard of a newly opened round through its stream or long poll."""

    session: SessionInfo
    round_id: int
    seen_at: float  # clock()
    group: str  # the server group that answered
    seen_wall: float  # time.time(): the server's opened_at is wall-clock time


@dataclass
class Setup:
    username: str
    password: str
    assessment_id: int
    sessions: list[SessionInfo]
    saturation_tokens: list[str]
    saturation_round: int


def set_up_data(args: argparse.Namespace) -> Setup:
    """Everything the event needs, made through the app's own actions."""
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connections

    from mia.assessments.actions import choose_bank_question
    from mia.dialogues.actions import create_session
    from mia.instrument.loader import load_content_file
    from mia.instrument.models import BankQuestion
    from mia.live import actions
    from mia.tests.factories import PASSWORD, make_assessment, make_user

    call_command("migrate", verbosity=0)
    load_content_file()
    user = make_user("gespreksleider")
    assessment = make_assessment(user, title="Benchmark live-dialoog")
    for bank_question in BankQuestion.objects.filter(version=assessment.content_version)[:QUESTIONS]:
        choose_bank_question(assessment, bank_question)
    sessions = []
    for _ in range(args.sessions):
        session = actions.start_live(create_session(assessment))
        rounds = list(session.rounds.filter(is_closing=False).order_by("position").values_list("pk", flat=True))
        sessions.append(SessionInfo(session.pk, session.join_code, rounds))
    if args.join_mode == "setup":
        from django.utils import timezone

        from mia.dialogues.models import Participant

        now, perspectives = timezone.now(), ["", "wetenschap", "praktijk", "samenleving"]
        people = [Participant(session_id=sessions[i % len(sessions)].id, number=i + 1, joined_by_code=True,
                              perspective=perspectives[i % 4], consent_given_at=now) for i in range(args.participants)]
        for person in Participant.objects.bulk_create(people, batch_size=2000):
            next(s for s in sessions if s.id == person.session_id).tokens.append(person.invite_token)
    # A separate session for the closed-loop write test, so its cards stay apart from the event's.
    extra = actions.start_live(create_session(assessment, name="Verzadiging"))
    tokens = [actions.join_by_code(extra, accept=True).invite_token for _ in range(SATURATION_PARTICIPANTS)]
    saturation_round = actions.next_round(extra)
    connections.close_all()  # the server must not share our connections; SQLite must not see us writing
    return Setup(user.username, PASSWORD, assessment.pk, sessions, tokens, saturation_round.pk)


def count_stored(session_ids: list[int]) -> dict:
    """What the database holds after the run: card client_ids, participants, and when each round opened."""
    from django.db.models import Count

    from mia.dialogues.models import CardSource, ConclusionCard, Participant, Round

    cards = ConclusionCard.objects.filter(round__session_id__in=session_ids, source=CardSource.TELEFOON)
    client_ids = {str(value) for value in cards.values_list("client_id", flat=True)}
    duplicates = (cards.values("round", "participant", "kind").annotate(n=Count("id")).filter(n__gt=1).count())
    participants = Participant.objects.filter(session_id__in=session_ids).count()
    # When the server opened each round (set in the step's transaction, just before its commit).
    opened_at = {pk: moment.timestamp() for pk, moment in Round.objects.filter(
        session_id__in=session_ids, opened_at__isnull=False).values_list("pk", "opened_at")}
    return {"client_ids": client_ids, "duplicates": duplicates, "participants": participants, "opened_at": opened_at}


# --- the server -------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(app: str, workers: int, port: int, env: dict, log_path: Path) -> subprocess.Popen:
    command = [sys.executable, "-m", "uvicorn", app, "--workers", str(workers),
               "--host", "127.0.0.1", "--port", str(port), "--no-access-log"]
    log(f"server: {' '.join(command[1:])}")
    with open(log_path, "wb") as server_log:
        # A new process group, so stopping it never touches the bench itself.
        return subprocess.Popen(command, cwd=ROOT, env=env, stdout=server_log, stderr=subprocess.STDOUT,
                                start_new_session=True)


async def wait_until_ready(base: str, server: subprocess.Popen, workers: int, timeout: float = 90) -> None:
    import aiohttp

    deadline = clock() + timeout
    async with aiohttp.ClientSession() as http:
        while clock() < deadline:
            if server.poll() is not None:
                raise RuntimeError("the server exited while starting")
            try:
                async with http.get(base + "/api/live/status") as response:
                    # Every worker must be up, or the first seconds measure a smaller server.
                    # (With --workers 1 uvicorn serves from the master process itself.)
                    if response.status == 200 and (workers == 1 or len(descendants(server.pid)) > workers):
                        return
            except aiohttp.ClientError:
                pass
            await asyncio.sleep(0.3)
    raise RuntimeError("the server did not answer in time")


HAPROXY_CONFIG = """global
    # Each connection holds two descriptors here (phone side and server side) and this machine allows
    # 20,000 per process: PROXY_PROCESSES instances share the port (SO_REUSEPORT, HAProxy's default).
    maxconn 9500
defaults
    mode http
    timeout connect 5s
    timeout client 90s
    timeout server 90s
    timeout http-keep-alive 4s
frontend phones
    bind 127.0.0.1:{port}
    default_backend groups
backend groups
    # Least connections: event streams and long polls are long-lived, so round robin would not spread them.
    balance leastconn
    http-response set-header X-Server-Group %[srv_name]
{servers}
"""


def start_proxy(ports: list[int], folder: Path) -> tuple[list[subprocess.Popen], int]:
    """HAProxy (Debian's package) in front of the server groups; the answer names the group that served it.

    Several instances on one port, as a proxy tier of several machines would be: the kernel spreads
    the phones' connections over them."""
    port = free_port()
    servers = "\n".join(f"    server group{i + 1} 127.0.0.1:{p} maxconn 9000" for i, p in enumerate(ports))
    config = folder / "haproxy.cfg"
    config.write_text(HAPROXY_CONFIG.format(port=port, servers=servers))
    log(f"proxy: {PROXY_PROCESSES} haproxy processes on {port} -> {ports}")
    processes = [subprocess.Popen(["haproxy", "-db", "-f", str(config)],
                                  stdout=(folder / f"haproxy-{i + 1}.log").open("wb"),
                                  stderr=subprocess.STDOUT, start_new_session=True)
                 for i in range(PROXY_PROCESSES)]
    return processes, port


def stop_server(server: subprocess.Popen) -> None:
    pids = descendants(server.pid)
    server.send_signal(signal.SIGTERM)
    try:
        server.wait(timeout=20)
    except subprocess.TimeoutExpired:
        for pid in pids:  # only the processes we started
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        server.wait()


def server_log_problems(log_path: Path, limit: int = 5) -> dict:
    """Tracebacks the server logged: how many, and the last line of the first few."""
    text = log_path.read_text(errors="replace")
    blocks = text.split("Traceback (most recent call last):")[1:]
    last_lines = Counter()
    for block in blocks:
        # The exception line: the first line after the frames that is not indented.
        lines = [line for line in block.splitlines()[1:] if line and not line.startswith(" ")]
        if lines:
            last_lines[lines[0][:200]] += 1
    return {"tracebacks": len(blocks), "most_common": last_lines.most_common(limit)}


# --- HTTP clients -----------------------------------------------------------------------------


def make_http():
    import aiohttp

    # limit=0: no cap on connections (each waiting phone holds one). The server closes idle
    # keep-alive connections after 5 s; closing ours after 4 s avoids reusing a socket the
    # server is closing, which would show up as a spurious network error.
    connector = aiohttp.TCPConnector(limit=0, keepalive_timeout=4, force_close=False)
    # Participants carry no cookies; the facilitator's cookies are sent explicitly per request.
    return aiohttp.ClientSession(connector=connector, cookie_jar=aiohttp.DummyCookieJar())


async def log_in(base: str, username: str, password: str) -> dict[str, str]:
    """The login form, as a browser fills it in: returns the Cookie and X-CSRFToken headers."""
    import aiohttp

    jar = aiohttp.CookieJar(unsafe=True)  # unsafe: accept cookies from an IP address
    async with aiohttp.ClientSession(cookie_jar=jar) as http:
        async with http.get(base + "/account/login/") as response:
            page = await response.text()
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        form = {"username": username, "password": password, "csrfmiddlewaretoken": token}
        async with http.post(base + "/account/login/", data=form, allow_redirects=False) as response:
            if response.status != 302:
                raise RuntimeError(f"login failed: {response.status}")
        cookies = {cookie.key: cookie.value for cookie in jar}
    return {"Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items()), "X-CSRFToken": cookies["csrftoken"]}


class GcPauses:
    """The load generator's own garbage collections: each one stops its loop, and every latency it measures.

    With 10,000 phones (their connections, tasks and answers) Python's default thresholds gave the
    load generator full collections of over a second, seen as ``loadgen_loop_lag_max_ms`` and in the
    phones' submit times. Tuned as the server's is (``mia.core.collector``); the pauses are recorded
    either way, so the JSON says what they cost."""

    def __init__(self, rec: Recorder, threshold: int):
        self.rec, self.threshold, self._started = rec, threshold, 0.0

    def __enter__(self) -> GcPauses:
        from mia.core import collector

        collector.tune(self.threshold)
        gc.callbacks.append(self._callback)
        return self

    def __exit__(self, *exc) -> None:
        gc.callbacks.remove(self._callback)

    def _callback(self, phase: str, info: dict) -> None:
        if phase == "start":
            self._started = time.perf_counter()
        else:
            self.rec.latency[f"loadgen_gc_{info['generation']}"].append(time.perf_counter() - self._started)

    @staticmethod
    def summary(rec: Recorder) -> dict:
        """Per generation: how many collections, their total and their longest pause."""
        result = {}
        for generation in range(3):
            pauses = rec.latency.get(f"loadgen_gc_{generation}", [])
            result[f"generation_{generation}"] = {"n": len(pauses), "total_ms": round(sum(pauses) * 1000),
                                                  "max_ms": percentile_ms(pauses, 1.0)}
        return result


class Recorder:
    """Latencies by kind of request, errors by kind, and counters."""

    def __init__(self):
        self.latency: dict[str, list[float]] = defaultdict(list)
        self.started: dict[str, list[float]] = defaultdict(list)  # when each request of .latency began
        self.errors: Counter = Counter()
        self.counts: Counter = Counter()

    def error(self, kind: str) -> None:
        self.errors[kind] += 1

    def summary(self, kind: str) -> dict:
        values = self.latency.get(kind, [])
        return {"n": len(values), "p50_ms": percentile_ms(values, 0.5), "p95_ms": percentile_ms(values, 0.95),
                "p99_ms": percentile_ms(values, 0.99), "max_ms": percentile_ms(values, 1.0)}


async def timed_request(http, rec: Recorder, kind: str, method: str, url: str, timeout: float, **kwargs):
    """One request: (status, JSON body or None); records latency of 2xx answers and errors by kind.

    Returns status 0 on a network error or timeout.
    """
    import aiohttp

    start = clock()
    try:
        async with http.request(method, url, timeout=aiohttp.ClientTimeout(total=timeout), **kwargs) as response:
            body = await response.read()
            status = response.status
    except (aiohttp.ClientError, TimeoutError) as exc:
        rec.error(f"{kind}:network:{type(exc).__name__}")
        return 0, None
    elapsed = clock() - start
    data = None
    if body[:1] in (b"{", b"["):
        data = json.loads(body)
    if 200 <= status < 300:
        rec.latency[kind].append(elapsed)
        rec.started[kind].append(start)
    else:
        code = data.get("code", "") if isinstance(data, dict) else ""
        rec.error(f"{kind}:{status}" + (f":{code}" if code else ""))
    return status, data


def card_text(rng: random.Random) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 40))).capitalize() + "."


# --- saturation (closed loop) -----------------------------------------------------------------


async def closed_loop(concurrency: int, seconds: float, request) -> tuple[int, float]:
    """``concurrency`` clients each send ``request(i)`` back to back; returns (completed, seconds)."""
    done = 0
    start = clock()
    end = start + seconds

    async def client(i: int) -> None:
        nonlocal done
        while clock() < end:
            if await request(i):
                done += 1

    await asyncio.gather(*(client(i) for i in range(concurrency)))
    return done, clock() - start


async def saturate(base: str, http, setup: Setup, args, cpu: CpuMeter) -> dict:
    rec = Recorder()

    async def status(_i: int) -> bool:
        code, _data = await timed_request(http, rec, "status", "GET", base + "/api/live/status", 30)
        return code == 200

    kinds = ["conclusie", "idee"]
    rng = random.Random(args.seed)

    async def put(i: int) -> bool:
        # A fresh client_id each time: the first of each kind creates the card, later ones
        # update that same card (one card per kind per round) — every request is a write.
        token = setup.saturation_tokens[i]
        rec.counts["put"] += 1
        body = {"round": setup.saturation_round, "kind": kinds[rec.counts["put"] % 2], "text": card_text(rng)}
        url = f"{base}/api/live/deelnemer/{token}/cards/{uuid.uuid4()}"
        code, _data = await timed_request(http, rec, "put", "PUT", url, 30, json=body)
        return code == 200

    results = {}
    for name, request in (("baseline", status), ("submit", put)):
        before = cpu.snapshot()
        done, seconds = await closed_loop(args.saturation_concurrency, args.saturation_seconds, request)
        shares = cpu.shares(before, cpu.snapshot())
        results[name] = {"rps": round(done / seconds, 1), "requests": done, **rec.summary(
            "status" if name == "baseline" else "put"),
            "server_cpu_ms_per_request": round(1000 * shares["server_cpu_seconds"] / max(1, done), 2), **shares}
        log(f"saturation {name}: {results[name]['rps']} req/s, p95 {results[name]['p95_ms']} ms, "
            f"server CPU {shares['server_cpu_share']}, loadgen CPU {shares['loadgen_cpu_share']}")
    results["errors"] = dict(rec.errors)
    return results


# --- the event (open loop) --------------------------------------------------------------------


@dataclass
class Phone:
    index: int
    session: SessionInfo
    join_at: float
    token: str = ""
    version: int = -1
    round_id: int | None = None
    group: str = ""


class Event:
    """N phones, S facilitators and F facilitator screens on one shared timeline."""

    def __init__(self, base: str, http, setup: Setup, facilitator: dict, args, rng: random.Random, steer_base: str = ""):
        self.base, self.http, self.setup, self.facilitator, self.args, self.rng = (
            base, http, setup, facilitator, args, rng)
        # The facilitators' screens and steps go to the first server group (the phones, maybe, through the proxy).
        self.steer_base = steer_base or base
        self.rec = Recorder()
        self.acked: set[str] = set()
        self.ack_times: list[float] = []
        self.notices: list[Notice] = []
        self.cards_attempted = 0
        self.retries = 0
        self.gave_up = 0
        self.card_tasks: set[asyncio.Task] = set()
        self.closed = asyncio.Event()
        start = clock() + 1.0
        self.join_start = start
        self.first_round_at = start + args.join_seconds + SETTLE_SECONDS
        self.end_at = self.first_round_at + args.rounds * args.round_seconds
        self.give_up_at = self.end_at + 30  # a phone whose page is still open would go on; we stop here

    def round_open_at(self, k: int) -> float:
        return self.first_round_at + k * self.args.round_seconds

    def state_url(self, token: str, version: int, wait: int) -> str:
        return f"{self.base}/api/live/deelnemer/{token}/state?version={version}&wait={wait}"

    # --- phones

    async def phone(self, phone: Phone) -> None:
        await sleep_until(phone.join_at)
        if not await self.join(phone):
            return
        status, state = await timed_request(self.http, self.rec, "state", "GET", self.state_url(phone.token, -1, 0), 60)
        if status == 200:
            self.see(phone, state, by_poll=False)
        if self.args.transport == "sse":
            await self.stream(phone, state)
            return
        failures = 0
        while not (state and state["phase"] == "klaar") and clock() < self.give_up_at:
            status, fresh = await timed_request(
                self.http, self.rec, "poll", "GET", self.state_url(phone.token, phone.version, LONG_POLL_WAIT),
                LONG_POLL_WAIT + 35)
            if status == 204:  # nothing changed while waiting; ask again, as live.js does
                failures = 0
                continue
            if status != 200:
                failures += 1
                await asyncio.sleep(min(15, failures))  # live.js: 1 s, 2 s, ... 15 s
                continue
            failures = 0
            state = fresh
            self.see(phone, state, by_poll=True)

    async def stream(self, phone: Phone, state: dict | None) -> None:
        """The phone's event stream, as live.js with EventSource: reconnect with Last-Event-ID after a break."""
        import aiohttp

        failures = 0
        last_id = None
        while not (state and state["phase"] == "klaar") and clock() < self.give_up_at:
            url = f"{self.base}/api/live/deelnemer/{phone.token}/stream?version={phone.version}"
            headers = {"Accept": "text/event-stream"}
            if last_id:
                headers["Last-Event-ID"] = last_id
            try:
                async with self.http.get(url, headers=headers,
                                         timeout=aiohttp.ClientTimeout(total=None, sock_read=60)) as response:
                    if response.status != 200:
                        self.rec.error(f"stream:{response.status}")
                        failures += 1
                        await asyncio.sleep(min(15, 2 * failures))
                        continue
                    failures = 0
                    phone.group = response.headers.get("X-Server-Group", "group1")
                    event_id, data = None, None
                    async for raw in response.content:
                        line = raw.decode().rstrip("\r\n")
                        if line.startswith("id: "):
                            event_id = line[4:]
                        elif line.startswith("data: "):
                            data = line[6:]
                        elif not line and data is not None:
                            state = json.loads(data)
                            last_id = event_id or last_id
                            self.rec.counts["stream_events"] += 1
                            self.see(phone, state, by_poll=True)
                            event_id, data = None, None
                            if state["phase"] == "klaar":
                                return
            except (aiohttp.ClientError, TimeoutError) as exc:
                self.rec.error(f"stream:network:{type(exc).__name__}")
                failures += 1
                await asyncio.sleep(min(15, 2 * failures))
                continue
            self.rec.counts["stream_reconnects"] += 1  # the server ended the stream (its time was up)

    async def join(self, phone: Phone) -> bool:
        if self.args.join_mode == "setup":  # made before the event: the phone opens its personal link
            phone.token = phone.session.tokens.pop()
            self.rec.counts["joined"] += 1
            return True
        body = {"code": phone.session.code, "accept": True, "display_name": "",
                "perspective": self.rng.choice(["", "wetenschap", "praktijk", "samenleving"])}
        for attempt in range(5):  # a person who sees an error taps "join" again
            status, data = await timed_request(self.http, self.rec, "join", "POST", self.base + "/api/live/join", 60,
                                               json=body)
            if status == 201:
                phone.token = data["token"]
                self.rec.counts["joined"] += 1
                return True
            if 400 <= status < 500:
                return False
            await asyncio.sleep(2 * (attempt + 1))
        self.rec.counts["join_gave_up"] += 1
        return False

    def see(self, phone: Phone, state: dict, by_poll: bool) -> None:
        """A state answer arrived: note a newly opened round and plan this phone's two cards."""
        phone.version = state["version"]
        round_ = state["round"]
        if state["phase"] != "ronde" or round_ is None or round_["id"] == phone.round_id:
            return
        phone.round_id = round_["id"]
        if by_poll:
            self.notices.append(Notice(phone.session, round_["id"], clock(), phone.group, time.time()))
        k = phone.session.round_ids.index(round_["id"]) if round_["id"] in phone.session.round_ids else 0
        for kind in ("conclusie", "idee"):
            # A random moment in the round's planned time, leaving the last tenth for slow requests.
            at = self.round_open_at(k) + self.rng.uniform(0.02, 0.9) * self.args.round_seconds
            task = asyncio.create_task(self.send_card(phone, round_["id"], kind, at))
            self.card_tasks.add(task)
            task.add_done_callback(self.card_tasks.discard)

    async def send_card(self, phone: Phone, round_id: int, kind: str, at: float) -> None:
        """PUT until the server answers, retrying with the same client_id like the phone does."""
        await sleep_until(at)
        client_id = str(uuid.uuid4())
        url = f"{self.base}/api/live/deelnemer/{phone.token}/cards/{client_id}"
        body = {"round": round_id, "kind": kind, "text": card_text(self.rng)}
        self.cards_attempted += 1
        first_try, delay = clock(), FIRST_RETRY_SECONDS / 2
        while True:
            status, data = await timed_request(self.http, self.rec, "put", "PUT", url, 60, json=body)
            if status == 200:
                self.acked.add(data["client_id"])
                self.ack_times.append(clock())
                self.rec.latency["card_ack"].append(clock() - first_try)
                return
            if status not in (0, 429) and status < 500:
                return  # refused (e.g. the round closed): the phone shows the reason, no retry
            if clock() > self.give_up_at:
                self.gave_up += 1
                return
            delay = min(MAX_RETRY_SECONDS, delay * 2)
            self.retries += 1
            await asyncio.sleep(delay)

    # --- facilitators

    async def steer(self, session: SessionInfo, action: str, **extra) -> dict | None:
        url = f"{self.steer_base}/api/live/sessies/{session.id}/stappen"
        status, data = await timed_request(self.http, self.rec, "steer", "POST", url, 60,
                                           json={"action": action, **extra}, headers=self.facilitator)
        return data if status == 200 else None

    async def run_session(self, session: SessionInfo) -> None:
        for k, round_id in enumerate(session.round_ids[: self.args.rounds]):
            await sleep_until(self.round_open_at(k))
            wall = await self.steer(session, "next_round")
            if wall is None or (wall.get("round") or {}).get("id") != round_id:
                # Try again, idempotently this time: open exactly this round.
                wall = await self.steer(session, "open_round", round=round_id)
            session.open_returned[round_id] = clock()
        await sleep_until(self.end_at)
        await self.steer(session, "close_round")
        await self.steer(session, "close")

    async def screen(self, session: SessionInfo) -> None:
        """The projector page: a refresh 1.5 s after the previous one finished (live.js)."""
        state = {"cursor": None, "version": None}
        page = f"{self.steer_base}/mia/{self.setup.assessment_id}/stap-3/live/{session.id}/"
        wall_url = f"{self.steer_base}/api/live/sessies/{session.id}"

        async def refresh() -> None:
            # Quoted like encodeURIComponent: a '+' of the time zone would otherwise arrive as a space.
            url = wall_url + (f"?since={quote(state['cursor'], safe='')}" if state["cursor"] else "")
            status, data = await timed_request(self.http, self.rec, "wall", "GET", url, 60,
                                               headers=self.facilitator)
            if status != 200:
                return
            if state["version"] is not None and data["version"] != state["version"]:
                # live.js reloads the page when the round or version changed: the cursor starts over.
                state["cursor"] = None
                await timed_request(self.http, self.rec, "page", "GET", page, 60, headers=self.facilitator)
            else:
                state["cursor"] = data["cursor"] or state["cursor"]
            state["version"] = data["version"]

        await sleep_until(self.join_start)
        while not self.closed.is_set():
            await refresh()  # as live.js: one refresh at a time, never piled up on a slow server
            await asyncio.sleep(WALL_REFRESH_SECONDS)

    # --- the whole event

    async def run(self) -> None:
        phones = [Phone(i, self.setup.sessions[i % len(self.setup.sessions)],
                        self.join_start + self.rng.uniform(0, self.args.join_seconds))
                  for i in range(self.args.participants)]
        phone_tasks = [asyncio.create_task(self.phone(p)) for p in phones]
        screens = [asyncio.create_task(self.screen(s)) for s in self.setup.sessions[: self.args.facilitator_screens]]
        reporter = asyncio.create_task(self.report_progress())
        lag = asyncio.create_task(self.watch_loop_lag())
        await asyncio.gather(*(self.run_session(s) for s in self.setup.sessions))
        lag.cancel()
        self.closed.set()
        log("event: sessions closed; waiting for phones and cards to finish")
        await asyncio.wait(phone_tasks + list(self.card_tasks), timeout=max(5, self.give_up_at - clock()))
        for task in phone_tasks + list(self.card_tasks):
            if not task.done():
                self.rec.counts["cancelled_at_end"] += 1
                task.cancel()
        await asyncio.gather(*phone_tasks, *screens, return_exceptions=True)
        reporter.cancel()

    async def watch_loop_lag(self) -> None:
        """How late the load generator's own event loop wakes up: its lag is in every latency it measures."""
        while True:
            planned = clock() + LAG_PROBE_SECONDS
            await asyncio.sleep(LAG_PROBE_SECONDS)
            self.rec.latency["loop_lag"].append(max(0.0, clock() - planned))

    def submit_by_phase(self) -> dict:
        """Submit p95 by seconds since the facilitators last opened a round: is the tail the round-change burst?"""
        opens = [self.round_open_at(k) for k in range(self.args.rounds)]  # when the facilitators press "open"
        buckets: dict[str, list[float]] = defaultdict(list)
        for start, elapsed in zip(self.rec.started["put"], self.rec.latency["put"], strict=True):
            before = [at for at in opens if at <= start]
            since = start - before[-1] if before else -1.0
            label = next((name for name, upper in SUBMIT_PHASES if since < upper), "later")
            buckets[label].append(elapsed)
        return {name: {"n": len(values), "p95_ms": percentile_ms(values, 0.95)} for name, values in buckets.items()}

    async def report_progress(self) -> None:
        while True:
            await asyncio.sleep(10)
            log(f"event: joined {self.rec.counts['joined']}/{self.args.participants}, "
                f"cards acked {len(self.acked)}/{self.cards_attempted}, retries {self.retries}, "
                f"errors {sum(self.rec.errors.values())}")

    def notice_latencies(self, group: str | None = None) -> tuple[list[float], int]:
        """Seconds from the facilitator's open call returning to each phone seeing the round.

        A phone may see the round before the facilitator's call returns (the wall is built
        after the commit): that counts as 0. Also returns how many were early.
        """
        latencies, early = [], 0
        for notice in self.notices:
            if group is not None and notice.group != group:
                continue
            opened = notice.session.open_returned.get(notice.round_id)
            if opened is None:
                continue
            if notice.seen_at < opened:
                early += 1
            latencies.append(max(0.0, notice.seen_at - opened))
        return latencies, early

    def notice_latencies_from_open(self, opened_at: dict[int, float], group: str | None = None) -> tuple[list[float], int]:
        """Seconds from the server opening the round (its ``opened_at``) to each phone seeing it.

        Unlike ``notice_latencies`` this does not depend on how long the facilitator's call took to
        return (at 10,000 phones most phones heard before it did). Server and load generator share
        this machine's clock, read at each moment (a clock step during the run moves both). Also
        returns how many phones saw a round before the server stamped it (counted as 0): more than
        none would mean the clocks disagree."""
        latencies = [notice.seen_wall - opened_at[notice.round_id] for notice in self.notices
                     if notice.round_id in opened_at and (group is None or notice.group == group)]
        return [max(0.0, value) for value in latencies], sum(1 for value in latencies if value < 0)

    def notices_per_round(self) -> list[int]:
        """How many phones heard of the k-th round through their long poll, per k."""
        per_round = Counter()
        for notice in self.notices:
            if notice.round_id in notice.session.round_ids:
                per_round[notice.session.round_ids.index(notice.round_id)] += 1
        return [per_round[k] for k in range(self.args.rounds)]

    def submit_rates(self) -> tuple[float, float]:
        """Acknowledged PUTs per second over the rounds, and the busiest second."""
        rounds_seconds = self.args.rounds * self.args.round_seconds
        per_second = Counter(int(t - self.first_round_at) for t in self.ack_times)
        return len(self.ack_times) / rounds_seconds, max(per_second.values(), default=0)


async def sleep_until(moment: float) -> None:
    delay = moment - clock()
    if delay > 0:
        await asyncio.sleep(delay)


# --- one database -----------------------------------------------------------------------------


async def drive(base: str, setup: Setup, args, cpu: CpuMeter, monitor: ResourceMonitor, steer_base: str = "") -> dict:
    http = make_http()
    try:
        log("facilitator: logging in")
        facilitator = await log_in(steer_base or base, setup.username, setup.password)
        saturation = await saturate(base, http, setup, args, cpu)
        log(f"event: {args.participants} participants, {args.sessions} sessions, {args.rounds} rounds "
            f"of {args.round_seconds:g} s, {args.facilitator_screens} facilitator screens")
        event = Event(base, http, setup, facilitator, args, random.Random(args.seed), steer_base=steer_base)
        stop = asyncio.Event()
        watching = asyncio.create_task(monitor.run(stop))
        before = cpu.snapshot()
        with GcPauses(event.rec, args.loadgen_gc_threshold):
            await event.run()
        shares = cpu.shares(before, cpu.snapshot())
        stop.set()
        await watching
        if monitor.pg is not None:
            monitor.pg.close()
    finally:
        await http.close()
    return {"saturation": saturation, "event": event, "event_cpu": shares, "peaks": dict(monitor.peaks)}


def run_one(args: argparse.Namespace) -> dict:
    started = clock()
    data_dir = tempfile.mkdtemp(prefix="mia-live-bench-")
    pg_name, database_url = create_postgres_database() if args.db == "postgresql" else ("", "")
    env = server_env(args, data_dir, database_url)
    os.environ.update(env)
    if not database_url:
        os.environ.pop("DATABASE_URL", None)
    servers: list[subprocess.Popen] = []
    proxies: list[subprocess.Popen] = []
    try:
        log(f"{args.db}: set-up in {data_dir}" + (f", database {pg_name}" if pg_name else ""))
        setup = set_up_data(args)
        budget = connection_budget(args, env) if database_url else None
        loop_runner = asyncio_runner()
        ports, log_paths = [], []
        for group in range(args.groups):
            port = free_port()
            log_path = Path(data_dir) / f"server-{group + 1}.log"
            servers.append(start_server(args.app, args.workers, port, env, log_path))
            ports.append(port)
            log_paths.append(log_path)
        for port, server in zip(ports, servers, strict=True):
            loop_runner.run(wait_until_ready(f"http://127.0.0.1:{port}", server, args.workers))
        steer_base = f"http://127.0.0.1:{ports[0]}"
        base = steer_base
        if args.groups > 1:
            proxies, proxy_port = start_proxy(ports, Path(data_dir))
            base = f"http://127.0.0.1:{proxy_port}"
            loop_runner.run(wait_until_ready(base, servers[0], args.workers))
        cpu = CpuMeter([server.pid for server in servers], [proxy.pid for proxy in proxies])
        monitor = ResourceMonitor([server.pid for server in servers], pg_name)
        outcome = loop_runner.run(drive(base, setup, args, cpu, monitor, steer_base=steer_base))
        loop_runner.close()
        for server in servers:
            stop_server(server)
        servers = []
        stored = count_stored([s.id for s in setup.sessions])
        result = summarise(args, outcome, stored)
        problems = [server_log_problems(path) for path in log_paths]
        result["server_log"] = {"tracebacks": sum(p["tracebacks"] for p in problems),
                                "most_common": [line for p in problems for line in p["most_common"]][:5],
                                "path": [str(path) for path in log_paths]}
        result["connection_budget"] = budget
        result["total_seconds"] = round(clock() - started, 1)
        return result
    finally:
        for server in servers:
            stop_server(server)
        for proxy in proxies:
            proxy.terminate()
            proxy.wait(timeout=10)
        if pg_name:
            from django.db import connections

            connections.close_all()
            drop_postgres_database(pg_name)


def asyncio_runner() -> asyncio.Runner:
    """uvloop keeps the load generator lean, when it is installed."""
    try:
        import uvloop

        return asyncio.Runner(loop_factory=uvloop.new_event_loop)
    except ImportError:
        return asyncio.Runner()


def summarise(args, outcome: dict, stored: dict) -> dict:
    event: Event = outcome["event"]
    saturation = outcome["saturation"]
    rec = event.rec
    put, wall, join = rec.summary("put"), rec.summary("wall"), rec.summary("join")
    notices, early = event.notice_latencies()
    from_open, seen_before_opened = event.notice_latencies_from_open(stored["opened_at"])
    groups = sorted({notice.group for notice in event.notices})
    event_rps, peak = event.submit_rates()
    acked = event.acked
    baseline_rps, submit_rps = saturation["baseline"]["rps"], saturation["submit"]["rps"]
    expected_notices = rec.counts["joined"] * args.rounds
    return {
        "participants": args.participants,
        "sessions": args.sessions,
        "workers": args.workers,
        "rounds": args.rounds,
        "round_seconds": args.round_seconds,
        "join_seconds": args.join_seconds,
        "facilitator_screens": args.facilitator_screens,
        "conn_max_age": args.conn_max_age,
        "pool_size": args.pool_size,
        "app": args.app,
        "joined": rec.counts["joined"],
        "stored_participants": stored["participants"],
        "cards_attempted": event.cards_attempted,
        "acknowledged": len(acked),
        "stored": len(stored["client_ids"]),
        "lost": len(acked - stored["client_ids"]),
        "stored_unacknowledged": len(stored["client_ids"] - acked),
        "duplicate_cards": stored["duplicates"],
        "unsaved_cards": event.cards_attempted - len(acked),
        "submit_p50_ms": put["p50_ms"],
        "submit_p95_ms": put["p95_ms"],
        "submit_p99_ms": put["p99_ms"],
        "submit_max_ms": put["max_ms"],
        "card_ack_p95_ms": rec.summary("card_ack")["p95_ms"],
        "submit_p95_by_phase": event.submit_by_phase(),
        "loadgen_loop_lag_p95_ms": rec.summary("loop_lag")["p95_ms"],
        "loadgen_loop_lag_max_ms": rec.summary("loop_lag")["max_ms"],
        "loadgen_gc_threshold": args.loadgen_gc_threshold,
        "loadgen_gc_pauses": GcPauses.summary(rec),
        "submit_rps": submit_rps,
        "submit_saturation_p95_ms": saturation["submit"]["p95_ms"],
        "event_submit_rps": round(event_rps, 1),
        "event_submit_peak_per_second": peak,
        "facilitator_refresh_p50_ms": wall["p50_ms"],
        "facilitator_refresh_p95_ms": wall["p95_ms"],
        "facilitator_refreshes": wall["n"],
        "facilitator_page_p95_ms": rec.summary("page")["p95_ms"],
        "steer_p95_ms": rec.summary("steer")["p95_ms"],
        "round_notice_p50_ms": percentile_ms(notices, 0.5),
        "round_notice_p95_ms": percentile_ms(notices, 0.95),
        "round_notice_max_ms": percentile_ms(notices, 1.0),
        "round_notices": len(notices),
        "round_notices_expected": expected_notices,
        "round_notices_per_round": event.notices_per_round(),
        "round_notices_before_open_returned": early,
        # Per server group (phones through the proxy; the facilitators steer through group1).
        "round_notice_p95_ms_by_group": {
            group: percentile_ms(event.notice_latencies(group)[0], 0.95)
            for group in groups
        },
        "round_notices_by_group": dict(Counter(notice.group for notice in event.notices)),
        "round_notice_from_open_p50_ms": percentile_ms(from_open, 0.5),
        "round_notice_from_open_p95_ms": percentile_ms(from_open, 0.95),
        "round_notice_from_open_max_ms": percentile_ms(from_open, 1.0),
        "round_notices_seen_before_opened_at": seen_before_opened,
        "round_notice_from_open_p95_ms_by_group": {
            group: percentile_ms(event.notice_latencies_from_open(stored["opened_at"], group)[0], 0.95) for group in groups
        },
        "transport": args.transport,
        "groups": args.groups,
        "stream_events": rec.counts["stream_events"],
        "stream_reconnects": rec.counts["stream_reconnects"],
        "join_p50_ms": join["p50_ms"],
        "join_p95_ms": join["p95_ms"],
        "join_max_ms": join["max_ms"],
        "initial_state_p95_ms": rec.summary("state")["p95_ms"],
        "baseline_rps": baseline_rps,
        "baseline_p95_ms": saturation["baseline"]["p95_ms"],
        "ratio": round(submit_rps / baseline_rps, 3) if baseline_rps else None,
        "server_cpu_ms_per_status": saturation["baseline"]["server_cpu_ms_per_request"],
        "server_cpu_ms_per_put": saturation["submit"]["server_cpu_ms_per_request"],
        "errors": dict(sorted(rec.errors.items())),
        "saturation_errors": saturation["errors"],
        "retries": event.retries,
        "gave_up": event.gave_up,
        "cancelled_at_end": rec.counts["cancelled_at_end"],
        **{key: value for key, value in outcome["event_cpu"].items() if key != "server_cpu_seconds"},
        "wall_seconds": outcome["event_cpu"]["seconds"],
        **outcome["peaks"],
        "saturation_cpu": {name: {k: v for k, v in saturation[name].items()
                                  if k.endswith("share") or k in ("rps", "p95_ms")}
                           for name in ("baseline", "submit")},
    }


# --- main -------------------------------------------------------------------------------------


def main(argv=None) -> None:
    args = parse_args(argv)
    raise_open_files_limit()
    machine = machine_info()
    if args.db != "both":
        result = run_one(args)
        machine["loadavg_at_end"] = Path("/proc/loadavg").read_text().split()[:3]
        print(json.dumps({args.db: result, "machine": machine}, indent=2))
        return
    # Django's settings are fixed once set up, so each database runs in a fresh process.
    combined = {}
    for db in ("sqlite", "postgresql"):
        child = subprocess.run([sys.executable, __file__, *forwarded(args, db)], stdout=subprocess.PIPE,
                               text=True)
        if child.returncode != 0:
            combined[db] = {"failed": child.returncode}
            continue
        combined[db] = json.loads(child.stdout)[db]
    combined["machine"] = machine
    print(json.dumps(combined, indent=2))


if __name__ == "__main__":
    main()
