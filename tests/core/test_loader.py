"""Loading paths: folders, ordering, unique ids, and every bad input skipped with a reason."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from newsreader.core.loader import load_paths


def write(path: Path, data: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return path


def test_folders_are_read_recursively_in_name_order(tmp_path: Path) -> None:
    write(tmp_path / "b" / "z.txt", "Zed\n\nBody z.")
    write(tmp_path / "a.md", "# Aye\n\nBody a.")
    write(tmp_path / "b" / "c" / "y.txt", "Why\n\nBody y.")
    write(tmp_path / "notes.csv", "not,an,article")
    result = load_paths([tmp_path])
    assert [a.title for a in result.articles] == ["Aye", "Why", "Zed"]
    assert result.skipped == ()


def test_same_stem_in_two_folders_gets_unique_ids(tmp_path: Path) -> None:
    write(tmp_path / "one" / "story.txt", "One\n\nText.")
    write(tmp_path / "two" / "story.txt", "Two\n\nText.")
    ids = [a.id for a in load_paths([tmp_path]).articles]
    assert ids == ["story", "story-2"]


def test_missing_path_is_skipped_with_a_reason(tmp_path: Path) -> None:
    result = load_paths([tmp_path / "missing"])
    assert result.articles == ()
    assert result.skipped[0].reason == "no such file or folder"


def test_bad_files_are_skipped_and_good_ones_still_load(tmp_path: Path) -> None:
    write(tmp_path / "good.txt", "Good title\n\nGood body.")
    write(tmp_path / "empty.txt", b"")
    write(tmp_path / "binary.txt", os.urandom(2000) + b"\x00\x01")
    write(tmp_path / "blank.txt", "\n\n   \n")
    (tmp_path / "folder.txt").mkdir()
    write(tmp_path / "folder.txt" / "inner.txt", "Inner\n\nText.")
    result = load_paths([tmp_path])
    assert [a.title for a in result.articles] == ["Inner", "Good title"]
    reasons = {Path(s.path).name: s.reason for s in result.skipped}
    assert reasons == {
        "binary.txt": "binary data, not text",
        "blank.txt": "empty file",
        "empty.txt": "empty file",
    }


def test_explicit_unsupported_file_is_skipped_with_its_type(tmp_path: Path) -> None:
    path = write(tmp_path / "photo.jpg", b"\xff\xd8\xff")
    assert "unsupported file type" in load_paths([path]).skipped[0].reason


def test_symlink_loop_is_reported_not_followed(tmp_path: Path) -> None:
    write(tmp_path / "a" / "x.txt", "X\n\nBody.")
    (tmp_path / "a" / "loop").symlink_to(tmp_path / "a", target_is_directory=True)
    (tmp_path / "self").symlink_to(tmp_path / "self")
    result = load_paths([tmp_path])
    assert [a.title for a in result.articles] == ["X"]
    assert {s.reason for s in result.skipped} == {"symbolic link loop; not followed"}


def test_symlink_out_of_the_given_folder_is_not_followed(tmp_path: Path) -> None:
    outside = write(tmp_path / "outside" / "secret.txt", "Secret\n\nDo not read.")
    given = tmp_path / "given"
    write(given / "ok.txt", "Ok\n\nBody.")
    (given / "link.txt").symlink_to(outside)
    result = load_paths([given])
    assert [a.title for a in result.articles] == ["Ok"]
    assert "outside the folder" in result.skipped[0].reason


def test_symlink_given_explicitly_is_followed(tmp_path: Path) -> None:
    target = write(tmp_path / "real.txt", "Real\n\nBody.")
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    assert [a.title for a in load_paths([link]).articles] == ["Real"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_unreadable_file_is_skipped(tmp_path: Path) -> None:
    path = write(tmp_path / "locked.txt", "Locked\n\nBody.")
    path.chmod(0)
    assert load_paths([path]).skipped[0].reason == "permission denied"


def test_escapes_in_file_names_and_text_are_cleaned(tmp_path: Path) -> None:
    path = write(
        tmp_path / "evil\x1b]0;pwned\x07name.txt", "Title \x1b[2J\n\nBody \x1b]52;c;eA==\x07ok"
    )
    article = load_paths([path]).articles[0]
    for value in (article.id, article.path, article.title, article.text, article.source):
        assert "\x1b" not in value and "\x07" not in value
    assert article.text == "Body ok"


def test_markup_in_text_is_kept_literally(tmp_path: Path) -> None:
    path = write(tmp_path / "m.txt", "[bold red]x[/]\n\n[@click=app.quit]x[/]")
    article = load_paths([path]).articles[0]
    assert article.title == "[bold red]x[/]"
    assert article.text == "[@click=app.quit]x[/]"


def test_large_file_is_skipped_without_reading_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from newsreader.core import loader

    monkeypatch.setattr(loader, "MAX_FILE_BYTES", 100)
    path = write(tmp_path / "big.txt", "T\n\n" + "x " * 100)
    assert "too large" in load_paths([path]).skipped[0].reason


def test_nothing_is_written_while_loading(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", "A\n\nBody.")
    before = {p: p.stat().st_mtime_ns for p in tmp_path.rglob("*")}
    load_paths([tmp_path])
    assert {p: p.stat().st_mtime_ns for p in tmp_path.rglob("*")} == before


def test_a_long_load_hands_out_the_articles_read_so_far(tmp_path: Path) -> None:
    import json

    from newsreader.core import early

    dump = tmp_path / "many.jsonl"
    records = [{"id": f"r{i}", "title": f"Title {i}", "text": f"Body {i}."} for i in range(1200)]
    dump.write_text("\n".join(json.dumps(r) for r in records))
    write(tmp_path / "z_last.txt", "Last\n\nText.")
    seen: list[int] = []
    result = load_paths([tmp_path], early=lambda articles: seen.append(len(articles)))
    assert seen and seen[0] == early.FIRST_AFTER  # handed out while the dump was being read
    assert seen == sorted(seen)
    assert len(result.articles) == 1201
