"""`python -m briefing build|check|import|new`: what `make html`,
`make check`, `make import` and `make briefing` run.

`build` runs Pelican into a fresh folder beside the output folder and swaps
it in only when the whole build succeeded, so a failed or interrupted build
leaves the last good site exactly as it was. Content mistakes are printed
as `path:line: what is wrong (hint)`, never as a traceback.
"""

from __future__ import annotations

import argparse
import logging
import os
import shutil
import sys
import tempfile
from pathlib import Path

from pelican import Pelican
from pelican.log import init as init_pelican_logging
from pelican.settings import read_settings

from .articles import check_content, report
from .errors import ContentError, display_path
from .importer import ImportRefused, import_clipping, new_briefing
from .settings import apply_defaults

logger = logging.getLogger(__name__)


class _ErrorCounter(logging.Handler):
    """Counts errors logged by Pelican itself (e.g. an unreadable article)."""

    def __init__(self) -> None:
        super().__init__(level=logging.ERROR)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


def parse_arguments(argv: list[str] | None) -> argparse.Namespace:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("-s", "--settings", default="pelican.conf.py")
    common.add_argument("-v", "--verbose", action="store_true")
    starting = argparse.ArgumentParser(add_help=False)
    starting.add_argument("--date", help="YYYY-MM-DD (default: today)")
    starting.add_argument("--slug", help="default: from the title")
    starting.add_argument("--force", action="store_true", help="replace the article")

    parser = argparse.ArgumentParser(prog="python -m briefing")
    commands = parser.add_subparsers(dest="command", required=True)
    build = commands.add_parser(
        "build", parents=[common], help="build the site into the output folder"
    )
    build.add_argument("-o", "--output", help="output folder (default: OUTPUT_PATH)")
    commands.add_parser("check", parents=[common], help="validate the content only")
    clip = commands.add_parser(
        "import", parents=[common, starting], help="start a briefing from a clipping"
    )
    clip.add_argument("clipping", type=Path)
    clip.add_argument("--type", dest="article_type", help="news, opinion or analysis")
    new = commands.add_parser(
        "new", parents=[common, starting], help="start an empty briefing"
    )
    new.add_argument("--title", required=True)
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_arguments(argv)
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)s: %(message)s"))
    init_pelican_logging(
        level=logging.INFO if args.verbose else logging.WARNING, handler=handler
    )
    settings_path = Path(args.settings)
    if not settings_path.is_file():
        print(f"{settings_path}: settings file not found", file=sys.stderr)
        return 2
    if args.command == "check":
        return check(settings_path)
    if args.command in {"import", "new"}:
        return start_briefing(args, settings_path)
    return build(settings_path, args.output)


def start_briefing(args: argparse.Namespace, settings_path: Path) -> int:
    settings = _read_settings(settings_path)
    options = {"date": args.date, "slug": args.slug, "force": args.force}
    try:
        if args.command == "import":
            written = import_clipping(
                args.clipping, settings, article_type=args.article_type, **options
            )
        else:
            written = new_briefing(args.title, settings, **options)
    except ImportRefused as refusal:
        print(refusal, file=sys.stderr)
        return 1
    print(f"wrote {display_path(written.article)}", file=sys.stderr)
    if written.notes_kept:
        print(f"kept {display_path(written.notes)} as it was", file=sys.stderr)
    else:
        print(
            f"wrote {display_path(written.notes)}: fill in the roles", file=sys.stderr
        )
    return 0


def check(settings_path: Path) -> int:
    settings = _read_settings(settings_path)
    problems = check_content(settings)
    try:
        report(problems)
    except ContentError as error:
        return _fail(error)
    print("content is valid", file=sys.stderr)
    return 0


def build(settings_path: Path, output: str | None) -> int:
    settings = read_settings(str(settings_path))
    output_path = Path(output).resolve() if output else Path(settings["OUTPUT_PATH"])
    output_path.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(
        tempfile.mkdtemp(
            prefix=f".{output_path.name}.building-", dir=output_path.parent
        )
    )
    # Pelican's own -o does the same: the output path is read by no other
    # setting, so it can be swapped after the settings are read.
    settings["OUTPUT_PATH"] = str(staging)
    counter = _ErrorCounter()
    logging.getLogger().addHandler(counter)
    try:
        Pelican(settings).run()
        if counter.count:
            print(
                f"the build logged {counter.count} error(s) (above); "
                f"{display_path(output_path)}/ was left as it was",
                file=sys.stderr,
            )
            return 1
        publish(staging, output_path)
        return 0
    except ContentError as error:
        return _fail(error, output_path)
    except KeyboardInterrupt:
        print(
            f"interrupted; {display_path(output_path)}/ was left as it was",
            file=sys.stderr,
        )
        return 130
    finally:
        logging.getLogger().removeHandler(counter)
        shutil.rmtree(staging, ignore_errors=True)


def publish(staging: Path, output_path: Path) -> None:
    """Replace the output folder by the new build in two renames.

    Readers of output/ see either the old site or the new one; the old one
    is deleted only once the new one is in place.
    """
    if output_path.exists():
        retired = Path(
            tempfile.mkdtemp(prefix=f".{output_path.name}.old-", dir=output_path.parent)
        )
        os.replace(output_path, retired / output_path.name)
        os.replace(staging, output_path)
        shutil.rmtree(retired, ignore_errors=True)
    else:
        os.replace(staging, output_path)


def _fail(error: ContentError, output_path: Path | None = None) -> int:
    for problem in error.problems:
        print(f"{problem}", file=sys.stderr)
    count = len(error.problems)
    summary = f"{count} error{'s' if count != 1 else ''} in the content"
    if output_path is not None:
        summary += f"; {display_path(output_path)}/ was left as it was"
    print(summary, file=sys.stderr)
    return 1


def _read_settings(settings_path: Path) -> dict:
    """Pelican's settings with the BRIEFING_* defaults, for the commands that
    need them without a Pelican instance (which would apply them itself)."""
    settings = read_settings(str(settings_path))
    apply_defaults(settings)
    return settings
