"""Load test on loopback: gunicorn with several workers, wrk driving a mix of reporters and leaders.

    DATABASE_URL=postgres://…/zp_bench python bench/load.py [--workers 4] [--seconds 30] [--connections 16]

Needs the seedbench data set and Debian's wrk. The mix, per request: 20 % a unit's liaison files progress on
one of its tasks (each task once, so every filing is valid), 30 % a liaison lists its unit's tasks (page 1),
50 % a leader opens a zone's dashboard. Everything goes through the REST API with token authentication.
"""

import argparse
import os
import random
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zoneplan.settings.base")
os.environ.setdefault("SECRET_KEY", "bench")
# measured: the throttle's cache calls, never a 429
os.environ.setdefault("API_THROTTLE_USER", "10000000/min")
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")  # plain HTTP on loopback

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.utils import timezone  # noqa: E402

from organisation.models import Membership  # noqa: E402
from organisation.tokens import issue_token  # noqa: E402
from plans.models import ProgressReport, Task  # noqa: E402

LUA = """
local filings = {%(filings)s}
local readers = {%(readers)s}
local leader = "%(leader)s"
local zones = {%(zones)s}
local counter = 0
local thread_id = 0
local threads = {}
statuses = {}
-- each thread of each run (the warm-up's, then the measured one's) files its own quarter of the tasks: every
-- filing is the first of its task and unit this month, so any error is a real one
function setup(thread) thread:set("id", thread_id); thread_id = thread_id + 1; table.insert(threads, thread)
  end
function init(args) math.randomseed(os.time() + id); counter = (%(phase)d * 2 + id) * math.floor(#filings / 4)
  end
function response(status, headers, body)
  if status >= 400 then statuses[status] = (statuses[status] or 0) + 1 end
end
function request()
  local pick = math.random(100)
  if pick <= %(filing_share)d then
    counter = counter + 1
    local f = filings[(counter %% #filings) + 1]
    return wrk.format("POST", "/api/v1/tasks/" .. f[2] .. "/progress/",
      {["Authorization"] = "Token " .. f[1], ["Content-Type"] = "application/json"},
      '{"percent": 55, "narrative": "load test filing"}')
  elseif pick <= 50 then
    local r = readers[math.random(#readers)]
    return wrk.format("GET", "/api/v1/tasks/?unit=" .. r[2], {["Authorization"] = "Token " .. r[1]})
  else
    return wrk.format("GET", "/api/v1/dashboard/summary/?zone=" .. zones[math.random(#zones)],
      {["Authorization"] = "Token " .. leader})
  end
end
function done(summary, latency, requests)
  io.write(string.format("p50 %%.1f ms, p95 %%.1f ms, p99 %%.1f ms, %%d errors (status %%d, timeout %%d)\\n",
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    summary.errors.status + summary.errors.timeout, summary.errors.status, summary.errors.timeout))
  for _, thread in ipairs(threads) do
    for status, count in pairs(thread:get("statuses")) do io.write(string.format("HTTP %%d: %%d\\n", status,
      count)) end
  end
end
"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--seconds", type=int, default=30)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument(
        "--read-only", action="store_true", help="leaders and reading liaisons only, no filings"
    )
    args = parser.parse_args()
    warm_up, script = write_scripts(filing_share=0 if args.read_only else 20)
    port = free_port()
    server = start_gunicorn(port, workers=args.workers)
    try:
        wrk(port, warm_up, connections=args.connections, seconds=2)  # warm the workers
        result = wrk(port, script, connections=args.connections, seconds=args.seconds)
        print(
            f"gunicorn {args.workers} workers, wrk 2 threads {args.connections} connections "
            f"{args.seconds} s, {os.cpu_count()} cores"
        )
        if "p95" not in result.stdout:  # wrk falls back to plain GETs of / when the script does not compile
            raise SystemExit(f"the wrk script did not run:\n{result.stdout}\n{result.stderr}")
        print(result.stdout)
    finally:
        server.terminate()
        server.wait(timeout=20)


def write_scripts(*, filing_share: int) -> tuple[Path, Path]:
    """The warm-up and the measured wrk scripts: the liaisons' tokens, tasks not yet filed this month (every
    filing valid), the readers' units and the leader's token written into the Lua."""
    users = get_user_model().objects
    liaisons = list(users.filter(username__startswith="liaison").order_by("pk")[:200])
    tokens = {user.pk: issue_token(user)[0] for user in liaisons}
    leader = issue_token(users.get(username="leader"))[0]
    filed = ProgressReport.objects.filter(period=timezone.localdate().replace(day=1)).values("task_id")
    pairs = list(
        Task.objects.filter(
            is_section=False,
            status__in=["not_started", "on_track", "behind"],
            lead_units__in=[u.pk for u in liaisons],
        )
        .exclude(pk__in=filed)
        .values_list("lead_units", "pk")[:40000]
    )
    random.Random(1).shuffle(pairs)  # noqa: S311 - a benchmark's order, not a secret
    units = dict(Membership.objects.filter(user__in=liaisons).values_list("user_id", "unit_id"))
    values = {
        "filings": ",".join(f'{{"{tokens[unit]}",{task}}}' for unit, task in pairs if unit in tokens),
        "readers": ",".join(f'{{"{tokens[user.pk]}",{units[user.pk]}}}' for user in liaisons),
        "leader": leader,
        "zones": ",".join(str(pk) for pk in range(2, 12)),
        "filing_share": filing_share,
    }
    folder = Path(tempfile.mkdtemp())
    warm_up, script = folder / "warm-up.lua", folder / "mix.lua"
    for phase, path in enumerate((warm_up, script)):
        path.write_text(LUA % {**values, "phase": phase})
    return warm_up, script


def start_gunicorn(port: int, *, workers: int) -> subprocess.Popen:
    env = {**os.environ, "DEBUG": "false", "ALLOWED_HOSTS": "127.0.0.1,localhost"}
    command = [
        "gunicorn",
        "zoneplan.wsgi",
        "-w",
        str(workers),
        "-b",
        f"127.0.0.1:{port}",
        "--log-level",
        "warning",
    ]
    server = subprocess.Popen([sys.executable, "-m", *command], env=env, cwd=ROOT)
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/accounts/login/", timeout=1)  # noqa: S310
            break
        except OSError:
            time.sleep(0.2)
    return server


def wrk(port: int, script: Path, *, connections: int, seconds: int) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", "-s", str(script)]
        + [f"http://127.0.0.1:{port}"],
        check=True,
        capture_output=True,
        text=True,
    )


if __name__ == "__main__":
    main()
