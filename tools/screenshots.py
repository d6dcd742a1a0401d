"""Screenshots of the main pages, as each demo user sees them, into docs/screenshots/.

    make screenshots

Loads the demo into a throw-away data folder, serves it on a free port, and photographs the pages with
Debian's Chromium (headless, through Playwright).
"""

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PAGES = [
    ("leader", "/dashboard/?zone=1", "dashboard"),
    ("leader", "/dashboard/", "dashboard-city"),
    ("leader", "/tasks/?status=overdue", "task-search"),
    ("leader", "/plans/", "leader-home"),
    ("planner", "/plans/1/", "plan-outline"),
    ("planner", "/review/", "review-queue"),
    ("reporter", "/my/tasks/", "my-tasks"),
    ("reporter", "/tasks/3/", "task"),
    ("planner", "/projects/", "projects"),
    ("reporter", "/projects/1/", "project"),
    ("stats", "/indicators/", "indicators"),
    ("stats", "/indicators/entry/", "indicator-entry"),
    ("leader", "/ranking/?zone=1", "unit-ranking"),
]
# At a phone's width too: what a liaison and a leader open on the move.
PHONE_PAGES = [
    ("reporter", "/my/tasks/", "my-tasks-phone"),
    ("reporter", "/tasks/3/", "task-phone"),
    ("leader", "/dashboard/", "dashboard-city-phone"),
    ("planner", "/review/", "review-queue-phone"),
]
OVERFLOW = "document.documentElement.scrollWidth - document.documentElement.clientWidth"
# The outermost elements that reach past the screen's right edge, to say what overflows.
WIDEST = """() => [...document.querySelectorAll('body *')]
  .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
  .filter(e => e.parentElement.getBoundingClientRect().right <= document.documentElement.clientWidth + 1
               || e.parentElement === document.body)
  .slice(0, 3).map(e => e.tagName + '.' + e.className + ' ' + (e.id || ''))"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def main() -> None:
    fonts = subprocess.run(["fc-list", ":lang=zh"], capture_output=True, text=True, check=False).stdout
    if not fonts.strip():
        sys.exit(
            "No Chinese font: Chromium would draw boxes. Install one first: apt-get install fonts-noto-cjk"
        )
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as var:
        env = {
            **os.environ,
            "DEBUG": "true",
            "ZONEPLAN_VAR_DIR": var,
            "DATABASE_URL": f"sqlite:///{var}/demo.sqlite3",
        }
        env.pop("REDIS_URL", None)
        manage = [sys.executable, str(ROOT / "manage.py")]
        subprocess.run([*manage, "migrate", "-v0"], env=env, check=True)
        subprocess.run([*manage, "loaddemo"], env=env, check=True, stdout=subprocess.DEVNULL)
        port = free_port()
        server = subprocess.Popen(
            [*manage, "runserver", f"127.0.0.1:{port}", "--noreload"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            for _ in range(50):
                try:
                    urllib.request.urlopen(f"{base}/accounts/login/", timeout=1)  # noqa: S310 - ours
                    break
                except OSError:
                    time.sleep(0.2)
            shoot(base)
        finally:
            server.terminate()
            server.wait(timeout=10)


def shoot(base: str) -> None:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", headless=True, args=ARGS)
        for user, path, name, width in [
            *((*page, 1280) for page in PAGES),
            *((*page, 390) for page in PHONE_PAGES),
        ]:
            context = browser.new_context(viewport={"width": width, "height": 900}, locale="zh-CN")
            page = context.new_page()
            page.goto(f"{base}/accounts/login/")
            page.fill("input[name=username]", user)
            page.fill("input[name=password]", "zoneplan-demo")
            page.click("button[type=submit]")
            page.goto(f"{base}{path}")
            page.wait_for_timeout(800)  # let the charts draw
            page.screenshot(path=str(OUT / f"{name}.png"), full_page=True)
            overflow = page.evaluate(OVERFLOW)
            context.close()
            print(
                f"{name}.png  ({user} {path}, {width} px)"
                + (f"  OVERFLOWS by {overflow} px" if overflow else "")
            )
        browser.close()


if __name__ == "__main__":
    main()
