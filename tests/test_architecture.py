"""The floors of the house (docs/architecture.md) as import-linter checks them (`make lint`): here, that the
contract names every module of the top floor, so that a new one cannot slip past it unchecked."""

import tomllib
from pathlib import Path

from django.conf import settings

GROUND = {"core", "notifications"}
NOT_CODE = {"__init__", "apps", "__pycache__", "migrations", "templatetags"}


def test_the_contract_names_every_module_of_the_top_floor():
    config = tomllib.loads((Path(settings.BASE_DIR) / "pyproject.toml").read_text())["tool"]["importlinter"]
    [floors] = config["contracts"]
    top = {name.strip() for name in floors["layers"][0].split(":")}
    package = Path(settings.BASE_DIR) / "zoneplan"
    modules = {
        path.stem for path in package.iterdir() if path.suffix == ".py" or (path / "__init__.py").exists()
    }
    assert {f"zoneplan.{name}" for name in modules - GROUND - NOT_CODE} == top
    assert floors["layers"][1:] == [
        "plans | projects | indicators",
        "zoneplan.notifications",
        "organisation",
        "zoneplan.core",
    ]
