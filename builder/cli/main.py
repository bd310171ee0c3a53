"""The `agk` command line: parse arguments and hand over to the pipeline stages."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from builder.cli import commands
from builder.diagnostics.formats import FORMATS
from builder.errors import UsageError
from builder.project import Project, find_project

EXIT_OK, EXIT_CONTENT, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="agk",
        description="Validate Amrit Gyan Kosh case studies and build the site.",
        epilog="Exit codes: 0 success, 1 content errors, 2 usage error.",
    )
    parser.add_argument("--root", type=Path, help="repository root (default: found from the current folder)")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    validate = sub.add_parser("validate", help="check case studies")
    validate.add_argument(
        "paths", nargs="*", type=Path, metavar="PATH", help="case folders or files (default: all)"
    )
    validate.add_argument("--format", choices=FORMATS, help="output format (github under GITHUB_ACTIONS)")
    validate.add_argument("--strict", action="store_true", help="fail on warnings too")
    validate.add_argument(
        "--changed", action="store_true", help="only case folders changed since --base (git)"
    )
    validate.add_argument(
        "--braille",
        action="store_true",
        help="also report characters the Braille tables cannot write (liblouis)",
    )
    validate.add_argument(
        "--base", default="origin/main", help="git ref for --changed (default: origin/main)"
    )
    validate.add_argument("--no-cache", action="store_true", help="ignore the results cached under .agk/")

    build = sub.add_parser("build", help="validate, then build the site into site/")
    build.add_argument("--lang", help="comma-separated languages to build (default: all present)")
    build.add_argument("--out", type=Path, default=Path("site"), help="output folder (default: site)")
    build.add_argument("--strict", action="store_true", help="fail on warnings too")
    build.add_argument("--clean", action="store_true", help="ignore the results cached under .agk/")

    new = sub.add_parser("new", help="scaffold a valid case-study folder")
    new.add_argument("--id", dest="case_id", help="folder name, e.g. up-nivesh-mitra")
    new.add_argument("--type", dest="case_type", help="lesson-drawing, decision-forcing or caselet")
    new.add_argument("--lang", help="language the case is written in, e.g. hi")
    new.add_argument("--title", help="title in that language")
    new.add_argument("--summary", help="one- or two-sentence summary")
    new.add_argument("--states", help="comma-separated state codes, e.g. UP,BR (empty for national)")
    new.add_argument("--level", help="level of government, e.g. district")
    new.add_argument("--sector", help="sector or sector/sub-sector, e.g. health/telemedicine")
    new.add_argument("--year", type=int, help="year the intervention began")
    new.add_argument("--organisation", help="who implemented it")
    new.add_argument("--sdgs", default="", help="comma-separated SDG numbers")
    new.add_argument("--translate", metavar="ID", help="start a translation of case ID into --lang")

    sub.add_parser("schema", help="print the JSON Schema of case.yaml")

    stats = sub.add_parser("stats", help="counts and translation coverage per language")
    stats.add_argument("--format", choices=("text", "json"), default="text")

    _add_documents(sub)

    search = sub.add_parser("search", help="search case studies in every language")
    search.add_argument("query")
    search.add_argument("--lang", help="only narratives in this language")
    search.add_argument("--state", help="state code, e.g. UP")
    search.add_argument("--sector", help="sector id, e.g. health")
    search.add_argument("--sdg", help="SDG number")
    search.add_argument("--year", help="year the intervention began")
    search.add_argument("--level", help="level of government, e.g. district")
    search.add_argument("--type", help="case type, e.g. decision-forcing")
    search.add_argument(
        "--teaching-note", action="store_true", help="only case studies that have a teaching note"
    )
    search.add_argument("--limit", type=int, default=10)
    search.add_argument("--json", action="store_true", help="print JSON")

    _add_bundle(sub)

    serve = sub.add_parser("serve", help="live preview on 127.0.0.1 that rebuilds on changes")
    serve.add_argument("--lang", help="comma-separated languages to build (default: all present)")
    serve.add_argument("--port", type=int, default=8000)
    return parser


def _add_bundle(sub: Any) -> None:
    """The options of `agk bundle`."""
    bundle = sub.add_parser("bundle", help="offline bundle (zip) of some case studies that works from disk")
    bundle.add_argument("--lang", help="comma-separated languages of the bundle, e.g. hi,en")
    bundle.add_argument("--state", help="state code, e.g. UP (national case studies are included)")
    bundle.add_argument("--sector", help="sector id, e.g. health")
    bundle.add_argument("--sdg", type=int, help="SDG number")
    bundle.add_argument(
        "--teaching-notes",
        action="store_true",
        help="include the teaching notes (answers for trainers; left out by default)",
    )
    bundle.add_argument(
        "-o", "--output", type=Path, help="zip file to write (default: named after the selection)"
    )
    bundle.add_argument(
        "--verify", type=Path, metavar="FILE.zip", help="check a bundle against its MANIFEST.json"
    )


def _add_documents(sub: Any) -> None:
    """The options of `agk export` and `agk import`."""
    export = sub.add_parser(
        "export", help="open-data catalogue of all case studies, or one case as a Word file (--format docx)"
    )
    export.add_argument("case", nargs="?", metavar="CASE", help="with --format docx: the case id")
    export.add_argument("--format", choices=("json", "csv", "ndjson", "docx"), default="json")
    export.add_argument("--lang", help="with --format docx: the narrative's language (default: original)")
    export.add_argument("-o", "--output", type=Path, help="write to a file instead of standard output")
    imports = sub.add_parser(
        "import", help="turn a Word (.docx) or OpenDocument (.odt) file into a case folder"
    )
    imports.add_argument("file", nargs="?", type=Path, metavar="FILE", help="the .docx or .odt file")
    imports.add_argument(
        "--id", dest="case_id", help="folder name (default: from the table or the file name)"
    )
    imports.add_argument("--lang", help="language of the document (default: from the table or its script)")
    imports.add_argument("--type", dest="case_type", help="case type (default: from the table)")
    imports.add_argument(
        "-o",
        "--output",
        type=Path,
        help="case_studies folder to write into; with --template, the .docx to write",
    )
    imports.add_argument(
        "--replace", action="store_true", help="update an existing case folder (after export)"
    )
    imports.add_argument(
        "--template", metavar="LANG", help="write a Word template in LANG instead of importing"
    )


def _project(root: Path | None) -> Project:
    if root is not None:
        if not (root / "case_studies").is_dir():
            raise UsageError(f"{root} has no case_studies/ folder")
        return Project(root.absolute())
    project = find_project(Path.cwd())
    if project is None:
        raise UsageError(
            "no case_studies/ and mkdocs.yml in this folder or above; run agk inside the repository"
        )
    return project


def run(argv: Sequence[str]) -> int:
    """Run one command; return its exit code."""
    args = _parser().parse_args(argv)
    if args.command == "bundle" and args.verify is not None:
        # Whoever received a bundle checks it without a checkout of the repository.
        return commands.verify_bundle(args)
    project = _project(args.root)
    if args.command == "validate":
        output_format = args.format or ("github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text")
        if args.changed and args.paths:
            raise UsageError("give either PATHs or --changed, not both")
        base = args.base if args.changed else None
        return commands.validate(
            project, args.paths, output_format, args.strict, base, args.braille, cache=not args.no_cache
        )
    if args.command == "schema":
        return commands.schema(project)
    if args.command == "new":
        return commands.new(project, args)
    if args.command == "build":
        return commands.build(project, args.out, args.lang, args.strict, clean=args.clean)
    if args.command == "stats":
        return commands.stats(project, args.format)
    if args.command in ("export", "import"):
        return (
            commands.export(project, args)
            if args.command == "export"
            else commands.import_document(project, args)
        )
    if args.command == "search":
        keys = ("state", "sector", "sdg", "year", "level", "type")
        filters = {key: getattr(args, key) for key in keys if getattr(args, key)}
        if args.teaching_note:
            filters["note"] = "yes"
        return commands.search(project, args.query, filters, args.lang, args.limit, args.json)
    if args.command == "serve":
        return commands.serve(project, args.lang, args.port)
    if args.command == "bundle":
        return commands.bundle(project, args)
    raise UsageError(f"unknown command {args.command}")


def main(argv: Sequence[str] | None = None) -> int:
    """Console entry point: never shows a traceback for anything a user can cause."""
    try:
        return run(sys.argv[1:] if argv is None else argv)
    except UsageError as error:
        print(f"agk: {error}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("agk: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as error:  # a bug in agk, not in the content
        if os.environ.get("AGK_DEBUG"):
            raise
        print(f"agk: internal error: {type(error).__name__}: {error}", file=sys.stderr)
        print(
            "agk: this is a bug in agk; set AGK_DEBUG=1 for details and please report it",
            file=sys.stderr,
        )
        return EXIT_INTERNAL


if __name__ == "__main__":
    sys.exit(main())
