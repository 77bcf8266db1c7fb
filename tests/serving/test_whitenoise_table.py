"""WhiteNoise's internals, as pwa/serving/whitenoise_table.py uses them, on real files.

If a WhiteNoise release changes its file table, these fail and name the file to
check, before a deployment serves wrong headers.
"""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from pwa.serving import whitenoise_table
from pwa.serving.whitenoise_table import FileTable, WhiteNoiseChanged, check_internals

BODY = b"body { color: black; }\n" * 200


@pytest.fixture
def table(tmp_path: Path) -> FileTable:
    (tmp_path / "css").mkdir()
    plain = tmp_path / "css" / "guide.0123456789ab.css"
    plain.write_bytes(BODY)
    (tmp_path / "css" / "guide.0123456789ab.css.gz").write_bytes(gzip.compress(BODY))
    (tmp_path / "css" / "guide.css").write_bytes(BODY)
    return FileTable(tmp_path, "/static/", 600, lambda url: ".0123456789ab." in url)


def test_the_installed_whitenoise_is_the_major_version_this_was_written_for() -> None:
    assert check_internals().split(".")[0] == str(whitenoise_table.SUPPORTED_MAJOR)


def test_another_major_version_is_refused_by_name(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(whitenoise_table.importlib.metadata, "version", lambda name: "7.0.0")
    with pytest.raises(WhiteNoiseChanged, match=r"pwa/serving/whitenoise_table\.py"):
        check_internals()


def test_the_table_lists_files_by_url(table: FileTable) -> None:
    assert "/static/css/guide.0123456789ab.css" in table
    assert "/static/css/guide.css" in table
    assert "/static/nothing.css" not in table


def test_a_hashed_file_is_immutable_and_compressed_when_asked(table: FileTable) -> None:
    url = "/static/css/guide.0123456789ab.css"
    answer = table.answer(url, "GET", {"HTTP_ACCEPT_ENCODING": "gzip"})
    headers = dict(answer.headers)
    assert answer.status == 200
    assert headers["Content-Encoding"] == "gzip"
    assert "immutable" in headers["Cache-Control"]
    assert answer.file is not None
    with answer.file as handle:
        assert gzip.decompress(handle.read()) == BODY
    plain = table.answer("/static/css/guide.css", "GET", {})
    assert "immutable" not in dict(plain.headers)["Cache-Control"]
    assert plain.file is not None
    plain.file.close()


def test_revalidation_ranges_and_methods(table: FileTable) -> None:
    url = "/static/css/guide.css"
    first = table.answer(url, "HEAD", {})
    etag = dict(first.headers)["ETag"]
    assert first.file is None
    assert table.answer(url, "GET", {"HTTP_IF_NONE_MATCH": etag}).status == 304
    ranged = table.answer(url, "GET", {"HTTP_RANGE": "bytes=0-3"})
    assert ranged.status == 206
    assert ranged.file is not None
    with ranged.file as handle:
        assert handle.read() == BODY[:4]
    assert table.answer(url, "POST", {}).status == 405
