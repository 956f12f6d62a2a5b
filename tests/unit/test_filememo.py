"""filememo: a decoded cache file is reused only while the file on disk is unchanged."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator import filememo
from generator.atomic import replace_bytes


@pytest.fixture(autouse=True)
def _empty() -> Iterator[None]:
    filememo.forget()
    yield
    filememo.forget()


class Decoder:
    """bytes -> a fresh list of their text, counting the calls."""

    def __init__(self) -> None:
        self.calls = 0

    def __call__(self, data: bytes) -> list[str]:
        self.calls += 1
        return [data.decode()]


def test_an_unchanged_file_is_decoded_once(tmp_path: Path) -> None:
    path, decode = tmp_path / "m.bin", Decoder()
    path.write_bytes(b"un")
    first = filememo.read(path, decode)
    assert filememo.read(path, decode) is first and first == ["un"] and decode.calls == 1


def test_a_file_replaced_by_another_writer_is_read_again(tmp_path: Path) -> None:
    path, decode = tmp_path / "m.bin", Decoder()
    path.write_bytes(b"un")
    filememo.read(path, decode)
    replace_bytes(path, b"un")  # same bytes, same size: a new inode all the same
    assert filememo.read(path, decode) == ["un"] and decode.calls == 2


def test_a_file_rewritten_in_place_is_read_again(tmp_path: Path) -> None:
    path, decode = tmp_path / "m.bin", Decoder()
    path.write_bytes(b"un")
    filememo.read(path, decode)
    path.write_bytes(b"deux")
    assert filememo.read(path, decode) == ["deux"]


def test_a_file_rewritten_in_place_to_the_same_size_is_read_again(tmp_path: Path) -> None:
    path, decode = tmp_path / "m.bin", Decoder()
    path.write_bytes(b"un")
    filememo.read(path, decode)
    stat = path.stat()
    path.write_bytes(b"nu")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))  # a later tick
    assert filememo.read(path, decode) == ["nu"] and path.stat().st_ino == stat.st_ino


def test_a_written_value_is_returned_without_decoding(tmp_path: Path) -> None:
    path, decode = tmp_path / "m.bin", Decoder()
    value = ["écrit"]
    filememo.write(path, "écrit".encode(), value)
    assert path.read_bytes() == "écrit".encode()
    assert filememo.read(path, decode) is value and decode.calls == 0


def test_a_failed_write_forgets_the_value_kept_before(tmp_path: Path) -> None:
    folder, decode = tmp_path / "cache", Decoder()
    folder.mkdir()
    path = folder / "m.bin"
    filememo.write(path, b"un", ["gardé"])  # told apart from what decoding gives
    shutil.rmtree(folder)
    with pytest.raises(OSError):
        filememo.write(path, b"deux", ["deux"])
    folder.mkdir()
    path.write_bytes(b"un")
    assert filememo.read(path, decode) == ["un"] and decode.calls == 1


def test_a_missing_file_raises_and_a_deleted_one_is_not_served(tmp_path: Path) -> None:
    path, decode = tmp_path / "m.bin", Decoder()
    with pytest.raises(FileNotFoundError):
        filememo.read(path, decode)
    filememo.write(path, b"un", ["un"])
    path.unlink()
    with pytest.raises(FileNotFoundError):
        filememo.read(path, decode)


def test_a_value_that_fails_to_decode_is_not_kept(tmp_path: Path) -> None:
    path = tmp_path / "m.bin"
    path.write_bytes(b"\xff")
    with pytest.raises(UnicodeDecodeError):
        filememo.read(path, Decoder())
    decode = Decoder()
    path.write_bytes(b"ok")
    assert filememo.read(path, decode) == ["ok"] and decode.calls == 1
