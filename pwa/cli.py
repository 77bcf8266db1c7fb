"""The guide's command line: `python -m pwa serve` and `python -m pwa i18n ...`."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from pwa.settings import ENV_PREFIX, PROJECT_ROOT

# How TRANSLATING.md and README run the tools, once `make setup` has made .venv/;
# messages that tell a translator what to run next say it the same way.
COMMAND = ".venv/bin/python -m pwa"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m pwa", description="The family guide to childhood leiomyosarcoma."
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    serve = commands.add_parser("serve", help="serve the guide over HTTP")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (127.0.0.1)")
    serve.add_argument("--port", type=int, default=8000, help="port to listen on (8000)")
    serve.add_argument(
        "--reload",
        action="store_true",
        help="restart when code, templates, catalogs or static files change, with no "
        "service worker (for previews)",
    )
    serve.add_argument(
        "--sample-clinic",
        choices=("full", "name", "phone", "none"),
        default=None,
        help="with --reload: show the clinic sentences with sample clinic details (full: "
        "name, phone, website, emergency number; name or phone: only that; none: no clinic)",
    )
    serve.add_argument(
        "--workers",
        type=positive,
        default=1,
        help="worker processes, for machines with more cores (1); each builds its own "
        "copy of the guide at startup (about 60 MB)",
    )
    serve.add_argument(
        "--access-log",
        action="store_true",
        help="log every request (off by default: the guide tells families that what they "
        "read stays on their phone)",
    )
    build = commands.add_parser(
        "build", help="write the whole guide as static files, for any static host or CDN"
    )
    build.add_argument(
        "out", type=Path, help="the folder to write (new, empty, or an earlier build)"
    )
    i18n = commands.add_parser(
        "i18n", help="translators' tools: extract, update, init, compile, check, stats, review"
    )
    i18n.add_argument(
        "--locales",
        type=Path,
        default=None,
        help="the catalogs folder (default: GUIDE_LOCALES_DIR or locales/)",
    )
    steps = i18n.add_subparsers(dest="step", required=True, metavar="STEP")
    extract = steps.add_parser("extract", help="refresh locales/messages.pot from the code")
    extract.add_argument(
        "--check", action="store_true", help="change nothing; exit 1 if the template is stale"
    )
    steps.add_parser("update", help="merge the template into every language's catalog")
    init = steps.add_parser("init", help="start a new language, e.g. `init de` or `init pt_PT`")
    init.add_argument("locale", help="a gettext language id: de, pt_PT, zh_Hant...")
    steps.add_parser("compile", help="compile every catalog to .mo (the server also does this)")
    check = steps.add_parser("check", help="find mistakes: one `file:line: problem` per line")
    check.add_argument("files", nargs="*", type=Path, help="catalogs to check (default: all)")
    steps.add_parser("stats", help="how much of each language is translated and reviewed")
    review = steps.add_parser(
        "review",
        help="mark a language reviewed by a qualified medical translator, as of today",
    )
    review.add_argument("locale", help="the language reviewed: es, pt_BR, zh_Hans...")
    review.add_argument(
        "--name", required=True, help='the medical translator who checked it: "Ana Díaz"'
    )
    return parser


def positive(value: str) -> int:
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return number


def i18n(step: str, locales: Path | None, args: argparse.Namespace) -> int:
    from pwa.i18n import check, stats, tools
    from pwa.i18n.term_check import catalog_term_warnings
    from pwa.settings import Settings

    settings = Settings.from_env()
    locales_dir = locales or settings.locales_dir
    template = locales_dir / tools.TEMPLATE_NAME
    if step == "extract":
        from pwa import page_context
        from pwa.glossary import GLOSSARY
        from pwa.i18n.terms import template_path

        context = page_context.for_tree(PROJECT_ROOT, settings.mapping_file)
        stale = []
        for path, changed in (
            (
                template,
                tools.extract(
                    PROJECT_ROOT, settings.mapping_file, template, context, check=args.check
                ),
            ),
            (template_path(locales_dir), tools.extract_terms(GLOSSARY, locales_dir, args.check)),
        ):
            if args.check and changed:
                print(f"{path}: out of date; run `make messages` (i18n extract and update)")
                stale.append(path)
            else:
                print(f"{path}: {'updated' if changed else 'up to date'}")
        return 1 if stale else 0
    if step == "update":
        for path in [*tools.update(locales_dir), *tools.update_terms(locales_dir)]:
            print(f"{path}: updated")
        return 0
    if step == "init":
        try:
            path = tools.init(locales_dir, args.locale)
        except (ValueError, FileExistsError) as error:
            print(error, file=sys.stderr)
            return 2
        print(f"{path}: created; the guide now serves this language (in English until translated)")
        return 0
    if step == "compile":
        for path in tools.compile_all(locales_dir):
            print(f"{path}: compiled")
        return 0
    if step == "check":
        targets = (
            [(path.parent.parent.name, path) for path in args.files]
            if args.files
            else tools.catalogs(locales_dir)
        )
        problems = [
            problem
            for gettext_id, path in targets
            for problem in check.check_catalog(path, gettext_id)
        ]
        for problem in problems:
            print(problem)
        # Agreed terms: warnings only, printed after the problems; they never fail it.
        warnings = [
            warning
            for gettext_id, path in targets
            for warning in catalog_term_warnings(path, gettext_id)
        ]
        for warning in warnings:
            print(warning)
        print(
            f"{len(targets)} catalogs checked, {len(problems)} problems, "
            f"{len(warnings)} warnings about agreed terms (they do not fail the check)",
            file=sys.stderr,
        )
        return 1 if problems else 0
    if step == "stats":
        print(stats.stats_table(tools.stats(locales_dir)))
        return 0
    if step == "review":
        return review(locales_dir, args.locale, args.name)
    raise AssertionError(step)


def review(locales_dir: Path, language: str, name: str) -> int:
    from pwa.i18n.reviewing import ReviewRefused, mark_reviewed

    try:
        done = mark_reviewed(locales_dir, language, name)
    except ReviewRefused as refused:
        print(refused, file=sys.stderr)
        print(
            f"{len(refused.problems)} problems: fix them (and have the fixes checked), "
            "then mark the language reviewed",
            file=sys.stderr,
        )
        return 1
    except (ValueError, OSError) as error:
        print(error, file=sys.stderr)
        return 2
    print(f"{done.po_path}: {done.status}")
    print(f"{done.listed}: the {done.messages} translations reviewed")
    if done.untranslated:
        print(
            f"{done.untranslated} messages are not translated yet: families see them in "
            "English, and once translated, as not yet checked until the next review"
        )
    return 0


def build(out: Path) -> int:
    import logging

    from pwa import export
    from pwa.settings import Settings

    logging.basicConfig(level=logging.INFO, format="%(message)s")
    try:
        report = export.build(out, Settings.from_env())
    except (FileExistsError, ValueError) as error:
        print(error, file=sys.stderr)
        return 2
    print(
        f"{out}: {report.files} files, {report.bytes / 1e6:.1f} MB, "
        f"{report.languages} languages; serve it with any static web server "
        "(deploy/nginx.conf is a sample)"
    )
    return 0


def serve(
    host: str,
    port: int,
    reload: bool,
    workers: int = 1,
    access_log: bool = False,
    sample_clinic: str | None = None,
) -> int:
    import os
    import sys

    from pwa import server

    if server.port_in_use(host, port):
        print(
            f"{host}:{port} is already in use: is the guide (or another server) running "
            "there? Stop it first, or choose another port with --port.",
            file=sys.stderr,
        )
        return 1
    if reload:
        # A preview: no service worker, so every reload shows the files as they are.
        os.environ[ENV_PREFIX + "OFFLINE"] = "0"
    if sample_clinic:
        from pwa.sample_clinic import sample_environment

        # Read again by the server's worker processes, which inherit the environment.
        os.environ.update(sample_environment(sample_clinic, os.environ))
    server.run(host, port, reload, workers, access_log)
    return 0


def missing_dependency(error: ModuleNotFoundError) -> int:
    """What to do when the guide's libraries are not installed for this Python (the
    translator ran `python3 -m pwa` before `make setup`, or outside .venv/)."""
    import shlex

    command = f"{COMMAND} {shlex.join(sys.argv[1:])}"
    print(
        f"The guide's tools are not installed for this Python ({sys.executable}): "
        f"{error}.\nRun `make setup` once in the project folder, then run the command "
        f"with the Python it sets up:\n\n    {command}\n",
        file=sys.stderr,
    )
    return 1


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return run(parser, args)
    except ModuleNotFoundError as error:
        if (error.name or "pwa").partition(".")[0] == "pwa":
            raise  # the guide's own code is broken: that is a bug to see in full
        return missing_dependency(error)


def run(parser: argparse.ArgumentParser, args: argparse.Namespace) -> int:
    if args.command == "serve":
        if args.reload and args.workers > 1:
            parser.error("--reload runs one process; leave out --workers")
        if args.sample_clinic and not args.reload:
            parser.error(
                "--sample-clinic is for previews (--reload): families must never see sample "
                "details; a deployment sets GUIDE_CLINIC_NAME and the others itself"
            )
        return serve(
            args.host, args.port, args.reload, args.workers, args.access_log, args.sample_clinic
        )
    if args.command == "build":
        return build(args.out)
    if args.command == "i18n":
        return i18n(args.step, args.locales, args)
    raise AssertionError(args.command)  # argparse rejects unknown commands first
