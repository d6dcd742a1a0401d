"""Readable files (docs/architecture.md): every Python file of the repository, tests and the bench included,
outside migrations, has no line over 110 characters and no function over 50 lines, and keeps the formatter
away only from data tables (`# fmt: skip` on the closing bracket of a literal)."""

import ast
import re
import subprocess
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)
LONGEST_LINE, LONGEST_FUNCTION = 110, 50


def python_files() -> list[Path]:
    listed = subprocess.run(["git", "ls-files", "*.py"], cwd=ROOT, capture_output=True, text=True, check=True)
    files = [ROOT / name for name in listed.stdout.split()] or list(ROOT.glob("[!.]*/**/*.py"))
    return [path for path in files if "migrations" not in path.parts and path.exists()]


def test_no_line_is_over_110_characters():
    long = [
        f"{path.relative_to(ROOT)}:{number} ({len(line)})"
        for path in python_files()
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if len(line) > LONGEST_LINE
    ]
    assert long == []


def test_no_function_is_over_50_lines():
    long = [
        f"{path.relative_to(ROOT)}:{node.lineno} {node.name} ({node.end_lineno - node.lineno + 1})"
        for path in python_files()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and node.end_lineno - node.lineno + 1 > LONGEST_FUNCTION
    ]
    assert long == []


def test_the_formatter_is_kept_away_only_from_data_tables():
    skipped = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in python_files()
        if path.name != "test_readable.py"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if re.search(r"#\s*fmt:\s*(skip|off)", line) and not re.fullmatch(r"\s*[\]})]\s*# fmt: skip", line)
    ]
    assert skipped == []
