"""The generator never deletes what it did not write, never follows a link out of --out, keeps the directory's
mode, runs one at a time per --out, swaps atomically, and prints nothing that drives a terminal."""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import stat
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.cli_runs import ENV, ROOT, Run, generator, snapshot

PACKAGE = "src/syllable_sdk/__init__.py"


def beside(out: Path) -> list[str]:
    return sorted(p.name for p in out.parent.iterdir())


def test_a_directory_the_generator_did_not_create_is_refused_untouched(tmp_path: Path) -> None:
    out = tmp_path / "repo"
    (out / ".git").mkdir(parents=True)
    (out / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    (out / "openapi.yaml").write_text("openapi: 3.1.0\n")
    (out / "notes.md").write_text("mine\n")
    before = snapshot(out)
    run = generator("--out", out)
    assert run.returncode == 2, run.stderr
    assert "was not written by the generator" in run.stderr and "--force" in run.stderr
    assert "Traceback" not in run.stderr
    assert snapshot(out) == before
    assert beside(out) == ["repo"], "no staging tree or lock file left behind"


def test_force_writes_the_package_and_keeps_every_other_file(tmp_path: Path) -> None:
    out = tmp_path / "repo"
    (out / ".git").mkdir(parents=True)
    (out / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    (out / "notes.md").write_text("mine\n")
    (out / "empty").mkdir()
    run = generator("--out", out, "--force")
    assert run.returncode == 0, run.stderr
    assert (out / PACKAGE).is_file()
    assert (out / ".git" / "HEAD").read_text() == "ref: refs/heads/main\n"
    assert (out / "notes.md").read_text() == "mine\n" and (out / "empty").is_dir()
    assert "kept 3 files the generator did not write" in run.stdout
    manifest = json.loads((out / ".sdkgen" / "manifest.json").read_text())
    assert manifest["format"] == 1 and PACKAGE in manifest["files"] and "notes.md" not in manifest["files"]
    # From now on the directory is the generator's: no --force needed, and the other files still survive.
    again = generator("--out", out)
    assert again.returncode == 0, again.stderr
    assert (out / "notes.md").read_text() == "mine\n" and (out / ".git" / "HEAD").exists()


def test_files_added_to_a_generated_directory_survive_and_its_own_stale_files_go(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert generator("--out", out).returncode == 0
    (out / "src" / "syllable_sdk" / "mine.py").write_text("MINE = 1\n")
    (out / "docs" / "extra").mkdir()
    (out / "docs" / "extra" / "guide.md").write_text("# guide\n")
    manifest = out / ".sdkgen" / "manifest.json"
    listed = json.loads(manifest.read_text())
    (out / "src" / "syllable_sdk" / "gone.py").write_text("# the generator wrote this once\n")
    manifest.write_text(json.dumps({**listed, "files": [*listed["files"], "src/syllable_sdk/gone.py"]}))
    run = generator("--out", out)
    assert run.returncode == 0, run.stderr
    assert (out / "src" / "syllable_sdk" / "mine.py").read_text() == "MINE = 1\n"
    assert (out / "docs" / "extra" / "guide.md").read_text() == "# guide\n"
    assert not (out / "src" / "syllable_sdk" / "gone.py").exists(), "a file it wrote and no longer writes is removed"


def test_a_file_of_someone_else_where_the_generator_writes_is_refused_without_force(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert generator("--out", out).returncode == 0
    manifest = out / ".sdkgen" / "manifest.json"
    listed = json.loads(manifest.read_text())
    manifest.write_text(json.dumps({**listed, "files": [f for f in listed["files"] if f != "README.md"]}))
    (out / "README.md").write_text("my own readme\n")
    before = snapshot(out)
    run = generator("--out", out)
    assert run.returncode == 2 and "README.md" in run.stderr and "Traceback" not in run.stderr
    assert snapshot(out) == before and beside(out) == ["out"]


def test_links_are_kept_as_links_and_never_followed_out_of_the_tree(tmp_path: Path) -> None:
    out = tmp_path / "out"
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("SECRET-CONTENT\n")
    assert generator("--out", out).returncode == 0
    (out / "linked-dir").symlink_to(outside, target_is_directory=True)
    (out / "docs" / "secret.md").symlink_to(outside / "secret.txt")
    (out / "README.md").unlink()
    (out / "README.md").symlink_to(outside / "secret.txt")  # a file the generator owns, replaced by a link
    before_outside = snapshot(outside)
    check = generator("--out", out, command="check")
    assert "SECRET-CONTENT" not in check.stdout + check.stderr, "check read through a link"
    run = generator("--out", out)
    assert run.returncode == 0, run.stderr
    assert snapshot(outside) == before_outside
    assert os.readlink(out / "linked-dir") == str(outside) and os.readlink(out / "docs" / "secret.md")
    assert not (out / "README.md").is_symlink() and "SECRET" not in (out / "README.md").read_text()


def test_the_directory_keeps_its_mode_and_a_new_one_gets_the_umask(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert generator("--out", out).returncode == 0
    mask = os.umask(0)
    os.umask(mask)
    assert stat.S_IMODE(out.stat().st_mode) == 0o777 & ~mask
    out.chmod(0o750)
    assert generator("--out", out).returncode == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o750


def test_a_generated_directory_from_before_manifests_is_recognised(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert generator("--out", out).returncode == 0
    shutil.rmtree(out / ".sdkgen")  # the manifest and merge.py's records: neither existed then,
    shutil.rmtree(out / "tests")  # nor generated tests (a top with tests/ is any Python project's: not claimed)
    (out / "src" / "syllable_sdk" / "__pycache__").mkdir(exist_ok=True)
    run = generator("--out", out)  # only pyproject.toml, README.md, src/, docs/ (and caches) at its top
    assert run.returncode == 0, run.stderr
    assert (out / ".sdkgen" / "manifest.json").is_file()


@pytest.fixture
def held_lock(tmp_path: Path) -> Iterator[Path]:
    out = tmp_path / "out"
    fd = os.open(tmp_path / ".out.lock", os.O_RDWR | os.O_CREAT)
    fcntl.flock(fd, fcntl.LOCK_EX)
    try:
        yield out
    finally:
        os.close(fd)


def test_a_second_run_into_the_same_directory_is_refused_while_one_runs(held_lock: Path) -> None:
    run = generator("--out", held_lock)
    assert run.returncode == 2 and "another run is generating into it" in run.stderr, run.stderr
    assert not held_lock.exists() and beside(held_lock) == [".out.lock"]


def test_concurrent_runs_end_cleanly_with_one_whole_tree(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert generator("--out", out).returncode == 0
    runs: list[Run] = []
    threads = [threading.Thread(target=lambda: runs.append(generator("--out", out, timeout=180))) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=200)
    codes = sorted(r.returncode for r in runs)
    assert len(codes) == 2 and codes[0] == 0 and set(codes) <= {0, 2}, [r.stderr for r in runs]
    assert not any("Traceback" in r.stderr for r in runs)
    assert beside(out) == ["out"] and (out / PACKAGE).is_file()


def test_what_a_killed_run_left_is_put_right_by_the_next(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert generator("--out", out).returncode == 0
    (out / "notes.md").write_text("mine\n")
    # killed between the two renames of a swap without an exchange: the old tree aside, --out missing
    os.rename(out, tmp_path / ".out.old-4242")
    (tmp_path / ".out.staging-abcd" / "src").mkdir(parents=True)
    run = generator("--out", out)
    assert run.returncode == 0, run.stderr
    assert (out / "notes.md").read_text() == "mine\n", "the old tree was restored, then regenerated"
    assert beside(out) == ["out"]


@pytest.mark.skipif(
    sys.platform != "linux", reason="the exchange is Linux's renameat2; elsewhere the next run recovers"
)
def test_the_swap_never_leaves_the_directory_missing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out, staging = tmp_path / "out", tmp_path / ".out.staging-x"
    for root, text in ((out, "old"), (staging, "new")):
        root.mkdir()
        (root / "a.txt").write_text(text)
    real = os.replace
    calls = []

    def killed_after_the_first(source: str | Path, target: str | Path) -> None:
        calls.append(source)
        if len(calls) > 1:
            assert out.exists(), "--out was missing between two renames"
            raise KeyboardInterrupt("killed")
        real(source, target)

    from generator import outdir

    monkeypatch.setattr(os, "replace", killed_after_the_first)
    outdir.swap(staging, out)
    assert (out / "a.txt").read_text() == "new" and beside(out) == ["out"]


def test_unwritable_output_is_a_clean_error(tmp_path: Path) -> None:
    prefix: list[str] = []
    if os.geteuid() == 0:  # root writes anywhere: without the capability to override permissions, it cannot
        setpriv = shutil.which("setpriv")
        if setpriv is None:
            pytest.skip("running as root without setpriv to drop CAP_DAC_OVERRIDE")
        prefix = [setpriv, "--bounding-set=-dac_override,-dac_read_search", "--"]
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "pyproject.toml").write_text("[project]\n")
    (tmp_path / "fresh").mkdir()
    try:
        (tmp_path / "out").chmod(0o555)
        (tmp_path / "fresh").chmod(0o555)
        for out, message in (
            (tmp_path / "out", "is not writable"),
            (tmp_path / "fresh" / "pkg", "cannot write beside"),
        ):
            before = snapshot(tmp_path)
            argv = [
                *prefix,
                sys.executable,
                "-m",
                "generator",
                "generate",
                "--spec",
                str(ROOT / "spec" / "openapi.yaml"),
            ]
            done = subprocess.run(
                [*argv, "--out", str(out)], cwd=ROOT, env=ENV, capture_output=True, text=True, timeout=120
            )
            assert done.returncode == 2 and message in done.stderr, done.stderr
            assert "Traceback" not in done.stderr
            assert snapshot(tmp_path) == before
    finally:
        (tmp_path / "out").chmod(0o755)
        (tmp_path / "fresh").chmod(0o755)


def test_control_characters_from_the_spec_are_escaped_in_what_is_printed(tmp_path: Path) -> None:
    spec = tmp_path / "spec.json"
    evil = "Pet\x1b]0;owned\x07\x1b[2J\u202e"
    spec.write_text(
        json.dumps(
            {
                "openapi": "3.1.0",
                "info": {"title": "t", "version": "1"},
                "paths": {},
                "components": {"schemas": {evil: {"type": "object", "properties": {"a": {"$ref": "#/nope"}}}}},
            }
        )
    )
    run = generator("--out", tmp_path / "out", spec=spec)
    assert run.returncode == 2
    assert "\x1b" not in run.stderr and "\x07" not in run.stderr and "\u202e" not in run.stderr
    assert "Pet\\x1b]0;owned\\x07\\x1b[2J\\u202e/properties/a/$ref" in run.stderr
