"""`agk build` run twice at once, killed part-way, or failing inside MkDocs: never a broken site."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from builder.project import Project
from tests.builder.cli_runner import agk
from tests.conftest import REPO, MakeProject

BUSY = "another agk build is writing site/; try again when it has finished"
ENV = {"SOURCE_DATE_EPOCH": "1700000000"}
# A test runner may ignore SIGINT, and a child would inherit that: agk as users start it.
LAUNCH = (
    "import signal, sys; signal.signal(signal.SIGINT, signal.default_int_handler); "
    "from builder.cli.main import main; sys.exit(main(sys.argv[1:]))"
)
needs_proc = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc (Linux)")


@pytest.fixture
def sample_project(make_project: MakeProject) -> Project:
    """The shipped sample collection: 13 languages, so the MkDocs phase lasts a while."""
    return make_project(REPO / "case_studies")


def start_build(project: Project, *args: str) -> tuple[subprocess.Popen[bytes], Path]:
    """`agk build ARGS` in the background; its standard error goes to a file."""
    err = project.root / f"build-{time.monotonic_ns()}.err"
    with err.open("wb") as stream:
        process = subprocess.Popen(
            [sys.executable, "-c", LAUNCH, "build", *args],
            cwd=project.root, env={**os.environ, **ENV}, stdout=subprocess.DEVNULL, stderr=stream,
        )  # fmt: skip
    return process, err


def stat_fields(pid: int) -> list[str] | None:
    """Fields of /proc/PID/stat after the command name (state, ppid, …); None once it is gone."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return text[text.rindex(")") + 2 :].split()


def children(parent: int) -> dict[int, str]:
    """Child processes of `parent`: pid → start time (so a reused pid is not mistaken for it)."""
    found = {}
    for entry in Path("/proc").iterdir():
        fields = stat_fields(int(entry.name)) if entry.name.isdigit() else None
        if fields is not None and fields[1] == str(parent):
            found[int(entry.name)] = fields[19]
    return found


def running(processes: dict[int, str]) -> list[int]:
    """Those of `processes` still running (zombies have ended)."""
    alive = []
    for pid, started in processes.items():
        fields = stat_fields(pid)
        if fields is not None and fields[19] == started and fields[0] != "Z":
            alive.append(pid)
    return alive


def workers(parent: int) -> list[int]:
    """Children of `parent` that are multiprocessing workers."""
    found = []
    for pid in children(parent):
        try:
            if b"multiprocessing.spawn" in Path(f"/proc/{pid}/cmdline").read_bytes():
                found.append(pid)
        except OSError:
            continue
    return found


def wait_until(ready: Callable[[], bool], seconds: float = 180) -> bool:
    """Poll `ready` until it holds or `seconds` have passed; whether it held."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if ready():
            return True
        time.sleep(0.1)
    return ready()


def site_files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def leftovers(project: Project) -> list[str]:
    """Staging folders and lock files next to site/."""
    return sorted(p.name for p in project.root.iterdir() if p.name.startswith(".site."))


@pytest.fixture
def in_mkdocs_phase(sample_project: Project) -> Iterator[tuple[subprocess.Popen[bytes], Path]]:
    """A build of the sample project, returned once both its MkDocs workers run."""
    (sample_project.root / "site").mkdir()
    (sample_project.root / "site" / "marker.txt").write_text("previous build")
    process, err = start_build(sample_project)
    try:
        up = wait_until(lambda: len(workers(process.pid)) >= 2 or process.poll() is not None)
        assert up and process.poll() is None, err.read_text()
        yield process, err
    finally:
        if process.poll() is None:
            process.kill()
        process.wait(timeout=60)


@pytest.mark.slow
@needs_proc
@pytest.mark.parametrize(
    "signum", [signal.SIGKILL, signal.SIGTERM, signal.SIGINT], ids=["KILL", "TERM", "INT"]
)
def test_workers_end_when_the_build_is_killed(
    sample_project: Project, in_mkdocs_phase: tuple[subprocess.Popen[bytes], Path], signum: int
) -> None:
    process, err = in_mkdocs_phase
    spawned = children(process.pid)
    os.kill(process.pid, signum)
    process.wait(timeout=120)
    assert wait_until(lambda: not running(spawned), seconds=60), running(spawned)
    assert (sample_project.root / "site" / "marker.txt").read_text() == "previous build"
    if signum != signal.SIGKILL:
        # Stopped, not killed: it cleaned up, and exits like the shell says it died of signum.
        assert process.returncode == 128 + signum
        assert "Traceback" not in err.read_text()
        assert leftovers(sample_project) == []


@pytest.mark.slow
@needs_proc
def test_a_second_build_into_the_same_folder_refuses_at_once(
    sample_project: Project, in_mkdocs_phase: tuple[subprocess.Popen[bytes], Path]
) -> None:
    first, first_err = in_mkdocs_phase
    # Paused mid-build, the first build certainly holds site/ while the second one runs.
    os.kill(first.pid, signal.SIGSTOP)
    try:
        second = agk("build", cwd=sample_project.root, env=ENV)
    finally:
        os.kill(first.pid, signal.SIGCONT)
    assert second.code == 1
    assert second.err.strip().splitlines()[-1] == f"agk: {BUSY}"
    assert "internal error" not in second.err
    assert first.wait(timeout=300) == 0, first_err.read_text()
    reference = agk("build", "--out", "reference", cwd=sample_project.root, env=ENV)
    assert reference.code == 0, reference.err
    assert site_files(sample_project.root / "site") == site_files(sample_project.root / "reference")
    assert leftovers(sample_project) == []


@pytest.mark.slow
def test_simultaneous_builds_never_leave_a_partial_site(valid_project: Project) -> None:
    started = [start_build(valid_project) for _ in range(2)]
    codes = [process.wait(timeout=300) for process, _ in started]
    errors = [err.read_text() for _, err in started]
    assert sorted(codes) in ([0, 0], [0, 1]), errors
    for code, text in zip(codes, errors, strict=True):
        assert "Traceback" not in text
        assert code == 0 or BUSY in text
    reference = agk("build", "--out", "reference", cwd=valid_project.root, env=ENV)
    assert reference.code == 0, reference.err
    assert site_files(valid_project.root / "site") == site_files(valid_project.root / "reference")
    assert leftovers(valid_project) == []


@pytest.mark.slow
def test_leftovers_of_a_killed_build_do_not_block_the_next(valid_project: Project) -> None:
    stale = valid_project.root / ".site.building-k1ll3d00"
    (stale / "site" / "en").mkdir(parents=True)
    (stale / "site" / "en" / "index.html").write_text("half a site")
    (valid_project.root / ".site.lock").write_text("")  # its lock went with its process
    unrelated = valid_project.root / ".site.building-x.building-abc"  # an output named site.building-x
    unrelated.mkdir()
    run = agk("build", "--lang", "en", cwd=valid_project.root)
    assert run.code == 0, run.err
    assert leftovers(valid_project) == [unrelated.name]
    assert "half a site" not in (valid_project.root / "site" / "en" / "index.html").read_text()


@pytest.mark.slow
def test_an_exception_inside_mkdocs_fails_the_build_cleanly(valid_project: Project) -> None:
    """A root mkdocs.yml whose slugify raises: exit 1 with MkDocs' error, not an agk bug."""
    assert agk("build", "--lang", "en", cwd=valid_project.root).code == 0
    (valid_project.root / "site" / "marker.txt").write_text("previous build")
    config = valid_project.mkdocs_yml.read_text(encoding="utf-8")
    broken = config.replace("!!python/name:builder.markdown.anchors.slugify", "!!python/name:builtins.int")
    assert broken != config
    valid_project.mkdocs_yml.write_text(broken, encoding="utf-8")
    run = agk("build", "--lang", "en", cwd=valid_project.root)
    assert run.code == 1
    assert "error: mkdocs (en): TypeError:" in run.err
    assert "previous site is unchanged" in run.err
    assert "internal error" not in run.err
    assert (valid_project.root / "site" / "marker.txt").read_text() == "previous build"
    assert leftovers(valid_project) == []


def test_a_build_into_an_unwritable_place_is_a_clean_failure(valid_project: Project) -> None:
    (valid_project.root / "blocker").write_text("a file where a folder should be")
    run = agk("build", "--lang", "en", "--out", "blocker/site", cwd=valid_project.root)
    assert run.code == 1
    assert "blocker" in run.err
    assert "internal error" not in run.err
