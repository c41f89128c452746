"""deploy/requirements.lock, what the image installs and CI audits, pins every production
dependency of pyproject.toml within its range, with hashes, and the tests run those versions."""

from __future__ import annotations

import re
import tomllib
from importlib.metadata import version
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[2]
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==(\S+)")


def locked() -> dict[str, tuple[str, int]]:
    """Name → (version, number of hashes)."""
    pins: dict[str, tuple[str, int]] = {}
    current = None
    for line in (ROOT / "deploy" / "requirements.lock").read_text().splitlines():
        if match := PIN.match(line):
            current = canonicalize_name(match[1])
            pins[current] = (match[2], 0)
        elif current and line.strip().startswith("--hash=sha256:"):
            pins[current] = (pins[current][0], pins[current][1] + 1)
    return pins


def production_requirements() -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    extras = project["optional-dependencies"]
    return [Requirement(r) for r in [*project["dependencies"], *extras["s3"], *extras["redis"]]]


def test_every_production_dependency_is_pinned_within_its_range_with_hashes():
    pins = locked()
    for requirement in production_requirements():
        name = canonicalize_name(requirement.name)
        assert name in pins, f"{requirement.name} is not in deploy/requirements.lock"
        pinned, hashes = pins[name]
        assert requirement.specifier.contains(pinned), f"{name}=={pinned} is outside {requirement}"
        assert hashes >= 1, f"{name} has no hash"
    assert all(hashes >= 1 for _, hashes in pins.values())


def test_the_tests_run_the_locked_versions():
    pins = locked()
    for requirement in production_requirements():
        name = canonicalize_name(requirement.name)
        if name == "redis":  # the optional cache client; the tests use the database cache
            continue
        assert version(requirement.name) == pins[name][0], name
