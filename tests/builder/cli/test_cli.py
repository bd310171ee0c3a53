"""The command-line contract: formats, exit codes 0/1/2, no tracebacks."""

from __future__ import annotations

import json

from builder.diagnostics.diagnostic import Diagnostic, Severity
from builder.diagnostics.formats import github_line, text_line
from builder.project import Project
from tests.builder.cli_runner import agk
from tests.conftest import MakeProject


def test_valid_corpus_exits_0(valid_project: Project) -> None:
    run = agk("validate", "--strict", cwd=valid_project.root)
    assert run.code == 0
    assert run.out.strip() == "0 error(s), 0 warning(s) in 3 case studies"


def test_text_format_names_file_line_col_code_and_hint(valid_project: Project) -> None:
    meta = valid_project.case_dir / "tn-valid-caselet" / "case.yaml"
    meta.write_text(meta.read_text().replace("sector: nutrition", "sector: nutriton"))
    run = agk("validate", cwd=valid_project.root)
    assert run.code == 1
    assert (
        "case_studies/tn-valid-caselet/case.yaml:6:13: error AGK204 unknown sector 'nutriton' "
        "(did you mean 'nutrition'?)"
    ) in run.out.splitlines()


def test_warnings_fail_only_under_strict(valid_project: Project) -> None:
    page = valid_project.case_dir / "tn-valid-caselet" / "ta.md"
    page.write_text(page.read_text() + "\n## குறிப்புகள்\n\nஉரை.\n")
    assert agk("validate", cwd=valid_project.root).code == 0
    assert agk("validate", "--strict", cwd=valid_project.root).code == 1


def test_github_format_is_chosen_under_github_actions(valid_project: Project) -> None:
    meta = valid_project.case_dir / "tn-valid-caselet" / "case.yaml"
    meta.write_text(meta.read_text().replace("level: state", "level: stat"))
    run = agk("validate", cwd=valid_project.root, env={"GITHUB_ACTIONS": "true"})
    assert run.code == 1
    assert run.out.splitlines()[0] == (
        "::error file=case_studies/tn-valid-caselet/case.yaml,line=4,col=8,title=AGK206::"
        "AGK206 unknown level 'stat' (did you mean 'state'?)"
    )


def test_json_format_lists_every_diagnostic(valid_project: Project) -> None:
    meta = valid_project.case_dir / "tn-valid-caselet" / "case.yaml"
    meta.write_text(
        meta.read_text().replace("states: [TN]", "states: [TN, ZZ]").replace("sdgs: [2, 3]", "sdgs: [0]")
    )
    report = json.loads(agk("validate", "--format", "json", cwd=valid_project.root).out)
    assert [(d["code"], d["line"]) for d in report["diagnostics"]] == [("AGK203", 3), ("AGK107", 8)]
    assert report["summary"] == {"cases": 3, "errors": 2, "warnings": 0}


def test_validate_a_single_case_by_file_path(valid_project: Project) -> None:
    run = agk("validate", "case_studies/tn-valid-caselet/ta.md", cwd=valid_project.root)
    assert run.code == 0
    assert "in 1 case study" in run.out


def test_usage_errors_exit_2(valid_project: Project, make_project: MakeProject) -> None:
    assert agk("validate", "case_studies/no-such-case", cwd=valid_project.root).code == 2
    assert agk("validate", "--format", "xml", cwd=valid_project.root).code == 2
    assert agk("frobnicate", cwd=valid_project.root).code == 2
    outside = agk("validate", cwd=valid_project.root.parent)
    assert outside.code == 2
    assert "run agk inside the repository" in outside.err


def test_github_annotations_escape_newlines_and_separators() -> None:
    diagnostic = Diagnostic("a,b:c.md", 1, 2, "AGK999", Severity.WARNING, "line1\nline2 100%")
    assert (
        github_line(diagnostic)
        == "::warning file=a%2Cb%3Ac.md,line=1,col=2,title=AGK999::AGK999 line1%0Aline2 100%25"
    )
    assert text_line(diagnostic) == "a,b:c.md:1:2: warning AGK999 line1\nline2 100%"
