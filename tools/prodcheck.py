"""`make prodcheck`: the production stack, really run on this machine, checked through nginx only.

Starts Debian's nginx with deploy/nginx/zoneplan.conf (rendered by deploy/render-nginx), two gunicorn
instances (deploy/gunicorn.conf.py) on two ports behind it, two Celery workers and one beat, against
PostgreSQL and Redis with DEBUG off, on a throwaway database; then checks:

- the login page and the main pages load their CSS, scripts and charts in headless Chromium with no console
  error and no failed request; static files carry a year's cache;
- /api/docs/ renders Swagger UI from local files;
- a reporter's attachment downloads for that reporter (sent by nginx), and is 404 for another unit's reporter,
  403 for an anonymous client; the internal location answers 404 to a direct request;
- a request over the upload limit is refused cleanly (413);
- /health/ reports database, cache and broker;
- a job sent by beat is run by one of the two workers, exactly once;
- with one gunicorn instance killed, nginx loses no request.

Everything it started, it stops (and the database is dropped). Needs PostgreSQL (PG_URL, default the local
server), Redis (REDIS_URL, default database 12 of the local server), nginx and chromium (apt-get install nginx
chromium).
"""

import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
PG_URL = os.environ.get("PG_URL", "postgres://postgres@127.0.0.1:5432")
REDIS_URL = os.environ.get("PRODCHECK_REDIS_URL", "redis://127.0.0.1:6379/12")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
PAGES = ["/dashboard/", "/plans/", "/tasks/", "/projects/", "/indicators/", "/ranking/", "/files/"]
failures: list[str] = []


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def check(condition: bool, what: str) -> None:
    print(("ok   " if condition else "FAIL ") + what, flush=True)
    if not condition:
        failures.append(what)


class Stack:
    def __init__(self):
        self.dir = Path(tempfile.mkdtemp(prefix="zoneplan-prod-"))
        self.dir.chmod(0o755)  # nginx's workers (nobody, or www-data) read the static and stored files in it
        self.db = f"zoneplan_prod_{os.getpid()}"
        self.ports = [free_port(), free_port()]
        self.nginx_port = free_port()
        self.base = f"http://127.0.0.1:{self.nginx_port}"
        self.processes: dict[str, subprocess.Popen] = {}
        self.health_token = secrets.token_hex(16)
        var = self.dir / "var"
        self.env = {
            **{key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "SECURE_"))},
            "DEBUG": "false",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DATABASE_URL": f"{PG_URL}/{self.db}",
            "REDIS_URL": REDIS_URL,
            "ZONEPLAN_VAR_DIR": str(var),
            "MEDIA_ROOT": str(var / "media"),
            "STATIC_ROOT": str(var / "staticfiles"),
            "SENDFILE_BACKEND": "nginx",
            # nginx speaks plain HTTP on this machine; TLS in front in production
            "SECURE_SSL_REDIRECT": "false",
            "SECURE_COOKIES": "false",
            "SECURE_HSTS_SECONDS": "0",
            "SECURE_PROXY_SSL_HEADER": "X-Forwarded-Proto",
            "HEALTH_TOKEN": self.health_token,
            "WEB_CONCURRENCY": "2",
            "API_THROTTLE_ANON": "1000/min",
            "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
            "DJANGO_SETTINGS_MODULE": "zoneplan.settings.base",
        }

    def run(self, *args: str) -> str:
        result = subprocess.run(
            [str(BIN / "python"), "manage.py", *args],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=600,
        )
        if result.returncode:
            raise SystemExit(f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
        return result.stdout

    def start(self, name: str, command: list[str], env: dict | None = None) -> None:
        log = open(self.dir / f"{name}.log", "w")  # noqa: SIM115 - closed with the process
        self.processes[name] = subprocess.Popen(
            command,
            cwd=ROOT,
            env={**self.env, **(env or {})},
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def log(self, name: str) -> str:
        return (self.dir / f"{name}.log").read_text(errors="replace")

    def up(self) -> None:
        subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", self.db], check=True)
        subprocess.run(["redis-cli", "-u", REDIS_URL, "flushdb"], check=True, capture_output=True)
        self.run("migrate", "--noinput")
        self.run("collectstatic", "--noinput")
        self.run("loaddemo")
        for number, port in enumerate(self.ports, start=1):
            self.start(
                f"web{number}",
                [str(BIN / "gunicorn"), "-c", "deploy/gunicorn.conf.py", "zoneplan.wsgi"],
                {"GUNICORN_BIND": f"127.0.0.1:{port}"},
            )
        for number in (1, 2):
            self.start(
                f"worker{number}",
                [
                    str(BIN / "celery"),
                    "-A",
                    "zoneplan",
                    "worker",
                    "-n",
                    f"worker{number}@prodcheck-{os.getpid()}",
                    "--concurrency=1",
                    "--max-tasks-per-child=200",
                    "--loglevel=INFO",
                ],
            )
        self.start(
            "beat",
            [
                str(BIN / "celery"),
                "-A",
                "zoneplan",
                "beat",
                "--loglevel=INFO",
                "--pidfile=",
                f"--schedule={self.dir / 'beat-schedule'}",
                "--scheduler",
                "django_celery_beat.schedulers:DatabaseScheduler",
            ],
        )
        self.nginx_up()
        for port in self.ports:
            wait_for(f"http://127.0.0.1:{port}/health/", 60)
        wait_for(f"{self.base}/health/", 30)

    def nginx_up(self) -> None:
        site = subprocess.run(
            [str(BIN / "python"), "deploy/render-nginx"],
            cwd=ROOT,
            check=True,
            capture_output=True,
            text=True,
            env={
                **os.environ,
                "LISTEN": f"127.0.0.1:{self.nginx_port}",
                "STATIC_ROOT": self.env["STATIC_ROOT"],
                "MEDIA_ROOT": self.env["MEDIA_ROOT"],
                "UPLOAD_LIMIT": "50m",
                "UPSTREAMS": ",".join(f"127.0.0.1:{port}" for port in self.ports),
            },
        ).stdout
        (self.dir / "site.conf").write_text(site)
        mime = "/etc/nginx/mime.types"
        (self.dir / "nginx.conf").write_text(f"""
pid {self.dir}/nginx.pid;
error_log {self.dir}/nginx-error.log warn;
worker_processes 1;
events {{ worker_connections 256; }}
http {{
    include {mime};
    default_type application/octet-stream;
    access_log {self.dir}/nginx-access.log;
    client_body_temp_path {self.dir}/client_body;
    proxy_temp_path {self.dir}/proxy;
    fastcgi_temp_path {self.dir}/fastcgi;
    uwsgi_temp_path {self.dir}/uwsgi;
    scgi_temp_path {self.dir}/scgi;
    include {self.dir}/site.conf;
}}
""")
        subprocess.run(
            ["nginx", "-t", "-q", "-c", str(self.dir / "nginx.conf"), "-p", str(self.dir)], check=True
        )
        subprocess.run(["nginx", "-c", str(self.dir / "nginx.conf"), "-p", str(self.dir)], check=True)

    def down(self) -> None:
        if (self.dir / "nginx.pid").exists():
            subprocess.run(["nginx", "-c", str(self.dir / "nginx.conf"), "-p", str(self.dir), "-s", "stop"])
        for process in self.processes.values():
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in self.processes.values():
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
        subprocess.run(["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", "--force", self.db])
        subprocess.run(["redis-cli", "-u", REDIS_URL, "flushdb"], capture_output=True)
        if failures:
            print(f"logs kept in {self.dir}")
        else:
            shutil.rmtree(self.dir, ignore_errors=True)


def wait_for(url: str, seconds: int) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - our own local URL
                if response.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.5)
    raise SystemExit(f"{url} did not answer within {seconds} s")


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


OPENER = urllib.request.build_opener(NoRedirect)


def http(method: str, url: str, *, token: str = "", data: bytes | None = None, headers: dict | None = None):
    """(status, headers, body) of one request, errors included."""
    request = urllib.request.Request(url, data=data, method=method, headers=dict(headers or {}))  # noqa: S310
    if token:
        request.add_header("Authorization", f"Token {token}")
    try:
        with OPENER.open(request, timeout=60) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def token_for(stack: Stack, username: str) -> str:
    credentials = json.dumps({"username": username, "password": "zoneplan-demo"}).encode()
    status, _headers, body = http(
        "POST",
        f"{stack.base}/api/v1/auth/token/",
        data=credentials,
        headers={"Content-Type": "application/json"},
    )
    if status != 200:
        raise SystemExit(f"no token for {username}: {status} {body[:200]!r}")
    return json.loads(body)["token"]


def multipart(fields: dict, files: dict) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    parts = []
    for name, value in fields.items():
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
        )
    for name, (filename, content) in files.items():
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
            f"Content-Type: application/octet-stream\r\n\r\n".encode()
            + content
            + b"\r\n"
        )
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def check_browser(stack: Stack) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", headless=True, args=CHROMIUM_ARGS
        )
        page = browser.new_page()
        problems: list[str] = []
        page.on(
            "console", lambda message: message.type == "error" and problems.append(f"console: {message.text}")
        )
        page.on("requestfailed", lambda request: problems.append(f"failed: {request.url}"))
        page.on(
            "response",
            lambda response: response.status >= 400 and problems.append(f"{response.status}: {response.url}"),
        )
        page.goto(f"{stack.base}/accounts/login/")
        styled = page.evaluate(
            "() => [...document.styleSheets].some(sheet => sheet.href && sheet.cssRules.length > 0)"
        )
        check(styled, "the login page's stylesheet loads through nginx")
        scripts = page.evaluate("() => [...document.scripts].map(s => s.src).filter(Boolean)")
        check(
            bool(scripts) and all("/static/" in src for src in scripts), "the login page's scripts are local"
        )
        page.fill("input[name=username]", "planner")
        page.fill("input[name=password]", "zoneplan-demo")
        page.click("button[type=submit], input[type=submit]")
        page.wait_for_load_state("networkidle")
        for path in PAGES:
            page.goto(f"{stack.base}{path}")
            page.wait_for_load_state("networkidle")
            ok = page.evaluate(
                "() => [...document.styleSheets].some(sheet => sheet.href && sheet.cssRules.length)"
            )
            check(ok, f"{path} is styled")
        page.goto(f"{stack.base}/dashboard/")
        page.wait_for_load_state("networkidle")
        charts = page.evaluate("() => document.querySelectorAll('canvas, svg').length")
        check(charts > 0, f"the dashboard draws its charts ({charts} canvases)")
        page.goto(f"{stack.base}/api/docs/")
        page.wait_for_selector(".swagger-ui .information-container", timeout=30000)
        title = page.inner_text(".swagger-ui .information-container .title")
        check("ZonePlan API" in title, "/api/docs/ renders Swagger UI from local files")
        check(not problems, "no console error and no failed request: " + "; ".join(problems[:5]))
        browser.close()


def check_static_cache(stack: Stack) -> None:
    status, _headers, body = http("GET", f"{stack.base}/accounts/login/")
    css = re.search(rb'href="(/static/[^"]+\.css)"', body)
    check(
        status == 200 and css is not None and re.search(rb"\.[0-9a-f]{12}\.css", css.group(1)) is not None,
        "static files under hashed names",
    )
    status, headers, _body = http(
        "GET", f"{stack.base}{css.group(1).decode()}", headers={"Accept-Encoding": "gzip"}
    )
    check(
        status == 200 and "max-age=31536000" in headers.get("Cache-Control", ""),
        "a year's cache for static files",
    )


def check_files(stack: Stack) -> None:
    reporter, other = token_for(stack, "reporter"), token_for(stack, "reporter2")
    content = b"%PDF-1.4 prodcheck " + secrets.token_bytes(16)
    created = _file_a_report(stack, reporter, content)
    check(created is not None, "a reporter files a report with an attachment through nginx")
    if created is None:
        return
    url = stack.base + created["attachments"][0]["url"]
    status, headers, answer = http("GET", url, token=reporter)
    check(
        status == 200 and answer == content and "X-Accel-Redirect" not in headers,
        "the attachment downloads for its reporter (bytes sent by nginx)",
    )
    check(http("GET", url, token=other)[0] == 404, "another unit's reporter gets 404 for it")
    check(http("GET", url)[0] == 403, "an anonymous client gets 403 for it")
    stored = next((stack.dir / "var" / "media").rglob("*.pdf"))
    name = stored.relative_to(stack.dir / "var" / "media")
    check(
        http("GET", f"{stack.base}/protected-media/{name}")[0] == 404,
        "the internal location answers 404 directly",
    )
    check(http("GET", f"{stack.base}/media/{name}")[0] == 404, "no /media/ URL serves stored files")
    big, content_type = multipart(
        {"percent": 50, "narrative": "大文件"}, {"attachments": ("大.pdf", b"0" * (51 << 20))}
    )
    status, _headers, _answer = http(
        "POST",
        f"{stack.base}/api/v1/tasks/{created['task']}/progress/",
        token=reporter,
        data=big,
        headers={"Content-Type": content_type},
    )
    check(status == 413, f"a request over the upload limit is refused cleanly (HTTP {status})")


def _file_a_report(stack: Stack, reporter: str, content: bytes) -> dict | None:
    """A progress report with `content` attached, filed by `reporter` on a task of 市科技局 that 市自然资源局
    has no part in (so that the other unit's reporter may not see it)."""
    units = json.loads(http("GET", f"{stack.base}/api/v1/units/?page_size=500", token=reporter)[2])["results"]
    unit = next(u["id"] for u in units if u["name"] == "市科技局")
    other_unit = next(u["id"] for u in units if u["name"] == "市自然资源局")
    tasks = json.loads(
        http("GET", f"{stack.base}/api/v1/tasks/?lead_unit={unit}&page_size=100", token=reporter)[2]
    )
    for task in tasks["results"]:
        if other_unit in task["lead_units"] + task["cooperating_units"]:
            continue
        body, content_type = multipart(
            {"percent": 40, "narrative": "生产检查附件"}, {"attachments": ("证明.pdf", content)}
        )
        status, _headers, answer = http(
            "POST",
            f"{stack.base}/api/v1/tasks/{task['id']}/progress/",
            token=reporter,
            data=body,
            headers={"Content-Type": content_type},
        )
        if status == 201:
            return json.loads(answer)
    return None


def check_health(stack: Stack) -> None:
    status, _headers, body = http("GET", f"{stack.base}/health/")
    check(
        status == 200 and json.loads(body) == {"status": "up"},
        "/health/ says up, and nothing more, anonymously",
    )
    status, _headers, body = http(
        "GET", f"{stack.base}/health/", headers={"X-Health-Token": stack.health_token}
    )
    components = json.loads(body).get("components", {})
    up = all(components.get(name, {}).get("status") == "up" for name in ("database", "cache", "broker"))
    check(status == 200 and up, f"/health/ reports {sorted(components)} up")


def check_beat(stack: Stack) -> None:
    marker = f"prodcheck-{uuid.uuid4().hex[:8]}"
    stack.run(
        "shell",
        "-c",
        (
            "from django_celery_beat.models import PeriodicTask, IntervalSchedule\n"
            "every, _ = IntervalSchedule.objects.get_or_create(every=2, period='seconds')\n"
            f"PeriodicTask.objects.create(name='{marker}', task='zoneplan.ping', interval=every, "
            "one_off=True)\n"
        ),
    )
    deadline, runs = time.monotonic() + 60, 0
    while time.monotonic() < deadline:
        runs = sum(stack.log(name).count("Task zoneplan.ping[") for name in ("worker1", "worker2"))
        if runs:
            break
        time.sleep(1)
    time.sleep(8)  # beat ticks several times more: a one-off job must not run again
    succeeded = [
        stack.log(name).count("zoneplan.ping[") and stack.log(name).count("succeeded")
        for name in ("worker1", "worker2")
    ]
    runs = sum(
        len(re.findall(r"Task zoneplan\.ping\[[^\]]+\] succeeded", stack.log(name)))
        for name in ("worker1", "worker2")
    )
    check(runs == 1, f"a job sent by beat ran exactly once on one of two workers ({runs} runs; {succeeded})")


def check_failover(stack: Stack) -> None:
    os.killpg(stack.processes["web1"].pid, signal.SIGKILL)
    stack.processes["web1"].wait(timeout=10)
    statuses = [http("GET", f"{stack.base}/accounts/login/")[0] for _ in range(40)]
    check(statuses == [200] * 40, f"one gunicorn instance killed: nginx lost no request ({set(statuses)})")


def main() -> int:
    for tool in ("nginx", "chromium", "createdb", "redis-cli"):
        if not shutil.which(tool):
            print(f"prodcheck needs {tool} (apt-get install -y nginx chromium postgresql-client redis-tools)")
            return 2
    stack = Stack()
    try:
        stack.up()
        check_static_cache(stack)
        check_health(stack)
        check_browser(stack)
        check_files(stack)
        check_beat(stack)
        check_failover(stack)
    finally:
        stack.down()
    print("prodcheck: " + ("FAILED: " + "; ".join(failures) if failures else "every check passed"))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
