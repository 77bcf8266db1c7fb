"""The guide's command line: `python -m pwa serve` (later also `build` and `i18n`)."""

from __future__ import annotations

import argparse
import copy
from collections.abc import Sequence

from pwa.settings import PROJECT_ROOT


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
        help="restart when code, templates, catalogs or static files change (for previews)",
    )
    serve.add_argument(
        "--access-log",
        action="store_true",
        help="log every request (off by default: the guide tells families that what they "
        "read stays on their phone)",
    )
    return parser


def log_config() -> dict:
    """uvicorn's own logging setup, with the guide's loggers (pwa.*) printed the same way."""
    from uvicorn.config import LOGGING_CONFIG

    config = copy.deepcopy(LOGGING_CONFIG)
    config["loggers"]["pwa"] = {"handlers": ["default"], "level": "INFO", "propagate": False}
    return config


def serve(host: str, port: int, reload: bool, access_log: bool = False) -> int:
    import uvicorn

    watched = ["pwa", "templates", "locales", "static"]
    uvicorn.run(
        "pwa.app:create_app",
        factory=True,
        host=host,
        port=port,
        reload=reload,
        reload_dirs=[str(PROJECT_ROOT / name) for name in watched] if reload else None,
        reload_includes=["*.py", "*.html", "*.po", "*.css", "*.js", "*.cfg"] if reload else None,
        proxy_headers=True,
        log_config=log_config(),
        access_log=access_log,
        server_header=False,
    )
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "serve":
        return serve(args.host, args.port, args.reload, args.access_log)
    raise AssertionError(args.command)  # argparse rejects unknown commands first
