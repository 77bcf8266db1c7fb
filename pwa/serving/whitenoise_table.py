"""The one place that reaches into WhiteNoise's internals.

WhiteNoise is a WSGI middleware; wrapped for ASGI through a WSGI adapter it serves
about a quarter of what this does (benchmarks/throughput.py, "WhiteNoise as WSGI").
Its file table already does the work that matters: choosing the brotli or gzip
variant, ETag and Last-Modified revalidation, ranges and cache headers. So the guide
uses that table directly, through three things WhiteNoise does not document as
public: `WhiteNoise.files` (URL to `StaticFile`), `StaticFile.get_response(method,
environ)` and the `Response(status, headers, file)` it returns.

`check_internals()` runs at startup and tests/serving/test_whitenoise_table.py runs
them on real files, so a WhiteNoise release that changes any of this fails loudly,
naming this file, instead of serving wrong headers. pyproject.toml keeps WhiteNoise
below 7 until this file has been checked against the new major version.
"""

from __future__ import annotations

import importlib.metadata
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from whitenoise import WhiteNoise
from whitenoise.responders import StaticFile

SUPPORTED_MAJOR = 6
# The request headers get_response() reads (and If-Range, which it ignores and the
# caller handles), as WSGI environ keys.
REQUEST_HEADERS: Mapping[bytes, str] = {
    b"accept-encoding": "HTTP_ACCEPT_ENCODING",
    b"if-none-match": "HTTP_IF_NONE_MATCH",
    b"if-modified-since": "HTTP_IF_MODIFIED_SINCE",
    b"range": "HTTP_RANGE",
    b"if-range": "HTTP_IF_RANGE",
}


class WhiteNoiseChanged(RuntimeError):
    """WhiteNoise's internals are not the ones this module was written for."""


@dataclass(frozen=True)
class Answer:
    """What WhiteNoise would send for one request to one file."""

    status: int
    headers: list[tuple[str, str]]
    file: BinaryIO | None


def check_internals() -> str:
    """The installed WhiteNoise version, if its internals are the expected ones."""
    version = importlib.metadata.version("whitenoise")
    problems = []
    if int(version.split(".")[0]) != SUPPORTED_MAJOR:
        problems.append(f"major version {version}, expected {SUPPORTED_MAJOR}")
    if not callable(getattr(StaticFile, "get_response", None)):
        problems.append("StaticFile.get_response is gone")
    if not callable(getattr(WhiteNoise, "add_files", None)):
        problems.append("WhiteNoise.add_files is gone")
    if problems:
        raise WhiteNoiseChanged(
            f"WhiteNoise {version}: {'; '.join(problems)}. "
            "Check pwa/serving/whitenoise_table.py against it before upgrading."
        )
    return version


class FileTable:
    """The static files under one folder, as WhiteNoise's file table holds them."""

    def __init__(
        self, root: Path, prefix: str, max_age: int, immutable: Callable[[str], bool]
    ) -> None:
        check_internals()
        whitenoise = WhiteNoise(
            None,
            max_age=max_age,
            allow_all_origins=False,
            immutable_file_test=lambda path, url: immutable(url),
        )
        whitenoise.add_files(str(root), prefix=prefix)
        files = getattr(whitenoise, "files", None)
        if not isinstance(files, dict):
            raise WhiteNoiseChanged("WhiteNoise.files is no longer a dict of URL to file")
        self._files: dict[str, StaticFile] = files

    def __contains__(self, url: str) -> bool:
        return url in self._files

    def __iter__(self) -> Iterator[str]:
        return iter(self._files)

    def answer(self, url: str, method: str, environ: Mapping[str, str]) -> Answer:
        """WhiteNoise's response to `method` on `url`, for a known URL."""
        response: Any = self._files[url].get_response(method, dict(environ))
        try:
            return Answer(int(response.status), list(response.headers), response.file)
        except AttributeError as error:
            raise WhiteNoiseChanged(f"StaticFile.get_response returned {response!r}") from error


def environ_of(headers: list[tuple[bytes, bytes]]) -> dict[str, str]:
    """The request headers get_response() reads, as a WSGI environ."""
    return {
        REQUEST_HEADERS[name]: value.decode("latin-1")
        for name, value in headers
        if name in REQUEST_HEADERS
    }
