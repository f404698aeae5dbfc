"""carewatch.ingest: every format, and every kind of bad input, from real files."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import os
import sys
import threading
from pathlib import Path

import pytest

from carewatch.errors import InputError
from carewatch.ingest import iter_documents
from carewatch.model import Document

LIMIT = 10 * 1024 * 1024
REPORT = "An air strike hit the M10 hospital in Aleppo on Wednesday, killing two patients."


def read(*paths: Path | str, **options: object) -> list[Document | InputError]:
    options.setdefault("max_bytes", LIMIT)
    return list(iter_documents(paths, **options))  # type: ignore[arg-type]


def only_document(*paths: Path | str, **options: object) -> Document:
    [item] = read(*paths, **options)
    assert isinstance(item, Document), item
    return item


def only_error(*paths: Path | str, **options: object) -> InputError:
    [item] = read(*paths, **options)
    assert isinstance(item, InputError), item
    return item


# Plain text and Markdown


def test_text_file_is_read_exactly(tmp_path: Path) -> None:
    raw = f"{REPORT}\r\nSecond line, with CRLF endings kept.\n".encode()
    path = tmp_path / "report.txt"
    path.write_bytes(raw)
    doc = only_document(path)
    assert doc.text == raw.decode()
    assert doc.raw == raw
    assert doc.sha256 == hashlib.sha256(raw).hexdigest()
    assert doc.origin == str(path)
    assert doc.media_type == "text/plain"


def test_markdown_and_unknown_extension_are_text(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(f"# Attack\n\n{REPORT}\n")
    (tmp_path / "b.report").write_text(REPORT)
    md, other = read(tmp_path / "a.md", tmp_path / "b.report")
    assert isinstance(md, Document) and md.media_type == "text/markdown"
    assert isinstance(other, Document) and other.text == REPORT


def test_utf8_bom_is_dropped_from_text_but_kept_in_raw(tmp_path: Path) -> None:
    raw = b"\xef\xbb\xbf" + REPORT.encode()
    (tmp_path / "bom.txt").write_bytes(raw)
    doc = only_document(tmp_path / "bom.txt")
    assert doc.text == REPORT
    assert doc.raw == raw


def test_utf16_with_bom_is_decoded(tmp_path: Path) -> None:
    (tmp_path / "wide.txt").write_bytes(REPORT.encode("utf-16"))
    assert only_document(tmp_path / "wide.txt").text == REPORT


def test_cli_metadata_fills_in(tmp_path: Path) -> None:
    (tmp_path / "r.txt").write_text(REPORT)
    doc = only_document(
        tmp_path / "r.txt", published=dt.date(2016, 9, 28), source="MSF", url="https://x.org/1"
    )
    assert (doc.published, doc.source_name, doc.url) == (
        dt.date(2016, 9, 28),
        "MSF",
        "https://x.org/1",
    )


# HTML


def test_html_article_text_without_scripts(tmp_path: Path) -> None:
    scripts = "".join(f"<script>var tracker{i} = 'SCRIPTLEAK{i}';</script>" for i in range(50))
    page = f"""<!DOCTYPE html><html><head><title>Hospital hit in Aleppo</title>
    <meta property="article:published_time" content="2016-09-28T10:00:00Z">
    <style>.STYLELEAK {{ color: red }}</style>{scripts}</head>
    <body>{scripts}<nav>Home | News</nav><article><h1>Hospital hit in Aleppo</h1>
    <p>{REPORT}</p><p>Doctors said the hospital was put out of service.</p></article>
    {scripts}</body></html>"""
    (tmp_path / "page.html").write_text(page)
    doc = only_document(tmp_path / "page.html", published=dt.date(2020, 1, 1))
    assert REPORT in doc.text
    assert "SCRIPTLEAK" not in doc.text and "tracker" not in doc.text
    assert "STYLELEAK" not in doc.text
    assert doc.title == "Hospital hit in Aleppo"
    assert doc.published == dt.date(2016, 9, 28)  # the page's own date wins
    assert doc.media_type == "text/html"
    assert doc.raw == page.encode()


def test_html_is_sniffed_whatever_the_name(tmp_path: Path) -> None:
    (tmp_path / "saved").write_text(f"<html><body><article><p>{REPORT}</p></article></body></html>")
    doc = only_document(tmp_path / "saved")
    assert doc.media_type == "text/html" and REPORT in doc.text and "<p>" not in doc.text


def test_html_with_only_scripts_is_rejected(tmp_path: Path) -> None:
    (tmp_path / "app.html").write_text(
        "<html><head><script>var a = 1;</script></head><body><script>go()</script></body></html>"
    )
    assert only_error(tmp_path / "app.html").problem == "no article text found in HTML page"


# JSON, JSON Lines, CSV


def test_json_object_and_list(tmp_path: Path) -> None:
    (tmp_path / "one.json").write_text(json.dumps({"text": REPORT, "title": "One"}))
    records = [
        {"text": REPORT, "published": "2016-09-28", "url": "https://a/1", "source": "WHO"},
        {"TEXT": "Second report.", "published": "2016-09-29T23:30:00+03:00"},
    ]
    (tmp_path / "many.json").write_text(json.dumps(records))
    one, first, second = read(tmp_path / "one.json", tmp_path / "many.json", source="CLI source")
    assert isinstance(one, Document) and one.title == "One" and one.origin.endswith("one.json")
    assert isinstance(first, Document) and first.origin.endswith("many.json#item 1")
    assert (first.published, first.url, first.source_name) == (
        dt.date(2016, 9, 28),
        "https://a/1",
        "WHO",
    )
    assert (
        first.raw
        == json.dumps(
            records[0], sort_keys=True, ensure_ascii=False, separators=(",", ":")
        ).encode()
    )
    assert first.sha256 == hashlib.sha256(first.raw).hexdigest()
    assert isinstance(second, Document) and second.text == "Second report."
    assert second.published == dt.date(2016, 9, 29)
    assert second.source_name == "CLI source"  # the record has none, so the CLI's fills in


def test_json_record_errors(tmp_path: Path) -> None:
    records = [{"title": "no text"}, {"text": REPORT, "published": "last week"}, "just a string"]
    (tmp_path / "bad.json").write_text(json.dumps(records))
    no_text, bad_date, not_object = read(tmp_path / "bad.json")
    assert (
        isinstance(no_text, InputError)
        and '"text"' in no_text.problem
        and "title" in no_text.problem
    )
    assert isinstance(bad_date, InputError) and bad_date.origin.endswith("#item 2")
    assert "'last week' is not an ISO date" in bad_date.problem
    assert isinstance(not_object, InputError) and "JSON object" in not_object.problem


def test_invalid_json_file(tmp_path: Path) -> None:
    (tmp_path / "broken.json").write_text('{"text": "unterminated')
    assert "not valid JSON" in only_error(tmp_path / "broken.json").problem


def test_jsonl_malformed_line_among_good_ones(tmp_path: Path) -> None:
    lines = [
        json.dumps({"text": "First report."}),
        '{"text": "broken',
        "",
        json.dumps({"text": "Third report.", "published": "2016-09-28"}),
    ]
    path = tmp_path / "feed.jsonl"
    path.write_bytes("\n".join(lines).encode() + b"\n")
    first, bad, third = read(path)
    assert isinstance(first, Document) and first.origin == f"{path}#line 1"
    assert first.raw == lines[0].encode()  # the exact line, without its line ending
    assert isinstance(bad, InputError) and bad.origin == f"{path}#line 2"
    assert "not valid JSON" in bad.problem
    assert isinstance(third, Document) and third.origin == f"{path}#line 4"
    assert third.published == dt.date(2016, 9, 28)
    assert third.media_type == "application/x-ndjson"


def test_jsonl_limit_is_per_line(tmp_path: Path) -> None:
    long_line = json.dumps({"text": "x" * 2000})
    path = tmp_path / "feed.ndjson"
    path.write_text(
        "\n".join([json.dumps({"text": "short"}), long_line, json.dumps({"text": "after"})])
    )
    short, too_long, after = read(path, max_bytes=1000)
    assert isinstance(short, Document) and isinstance(after, Document) and after.text == "after"
    assert isinstance(too_long, InputError) and too_long.origin.endswith("#line 2")
    assert "CAREWATCH_MAX_DOCUMENT_BYTES" in too_long.problem


def test_csv_rows(tmp_path: Path) -> None:
    path = tmp_path / "reports.csv"
    path.write_text(
        'Title,Text,published,url\r\nOne,"A report, with a comma\nand two lines.",2016-09-28,\r\n'
        "Two,Another report.,,https://b/2\r\n",
        newline="",
    )
    one, two = read(path, url="https://cli")
    assert isinstance(one, Document) and one.origin == f"{path}#row 1"
    assert one.text == "A report, with a comma\nand two lines."
    assert (one.title, one.published, one.url) == ("One", dt.date(2016, 9, 28), "https://cli")
    assert one.media_type == "text/csv"
    assert isinstance(two, Document) and two.url == "https://b/2" and two.published is None


def test_csv_without_text_column(tmp_path: Path) -> None:
    (tmp_path / "wrong.csv").write_text("headline,date\nHospital hit,2016-09-28\n")
    error = only_error(tmp_path / "wrong.csv")
    assert '"text" column' in error.problem
    assert "'headline'" in error.problem and "'date'" in error.problem


def test_csv_bad_date_rejects_only_that_row(tmp_path: Path) -> None:
    (tmp_path / "r.csv").write_text("text,published\nFirst.,28/09/2016\nSecond.,2016-09-28\n")
    bad, good = read(tmp_path / "r.csv")
    assert isinstance(bad, InputError) and bad.origin.endswith("#row 1")
    assert isinstance(good, Document) and good.published == dt.date(2016, 9, 28)


# Folders and standard input


def test_folder_is_walked_in_sorted_order_skipping_hidden(tmp_path: Path) -> None:
    for name in ["b.txt", "a.txt", "sub/c.md", ".hidden.txt", ".git/config.txt", "sub/.DS_Store"]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(f"Report {name}")
    origins = [Path(d.origin).relative_to(tmp_path).as_posix() for d in read(tmp_path)]
    assert origins == ["a.txt", "b.txt", "sub/c.md"]


def test_stdin_text(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(REPORT.encode())))
    doc = only_document("-")
    assert doc.text == REPORT and doc.origin == "<stdin>"


def test_stdin_json_lines_are_streamed(monkeypatch: pytest.MonkeyPatch) -> None:
    data = b'{"text": "One."}\nnot json\n{"text": "Two."}\n'
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    one, bad, two = read("-")
    assert (
        isinstance(one, Document)
        and one.origin == "<stdin>#line 1"
        and one.raw == b'{"text": "One."}'
    )
    assert isinstance(bad, InputError) and bad.origin == "<stdin>#line 2"
    assert isinstance(two, Document) and two.text == "Two."


@pytest.mark.parametrize(
    ("data", "media_type"),
    [
        (b'[{"text": "One."}]', "application/json"),
        (
            b"<html><body><article><p>An attack on a clinic.</p></article></body></html>",
            "text/html",
        ),
        (b"title,text\nT,An attack on a clinic.\n", "text/csv"),
    ],
)
def test_stdin_format_is_sniffed(
    monkeypatch: pytest.MonkeyPatch, data: bytes, media_type: str
) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    assert only_document("-").media_type == media_type


def test_stdin_empty(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"")))
    assert only_error("-").problem == "empty input"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_named_pipe_is_read_like_stdin_but_skipped_in_folders(tmp_path: Path) -> None:
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    writer = threading.Thread(target=pipe.write_bytes, args=(b'{"text": "Piped."}\n',))
    writer.start()
    doc = only_document(pipe)
    writer.join(timeout=5)
    assert doc.text == "Piped." and doc.origin == f"{pipe}#line 1"
    # Found while walking a folder, a pipe is reported, not opened (that would block).
    assert only_error(tmp_path).problem == "not a regular file, skipped"


# Bad input: one clear error each, and the run goes on


def test_bad_inputs_each_give_one_error_and_the_run_continues(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_text("  \n\t\n")
    (tmp_path / "scan.txt").write_bytes(b"%PDF-1.7\n\x00\x01\x02binary")
    (tmp_path / "nul.txt").write_bytes(b"text\x00with\x00nuls" * 10)
    (tmp_path / "latin1.txt").write_bytes("Médecins Sans Frontières".encode("latin-1"))
    (tmp_path / "zz_good.txt").write_text(REPORT)
    items = read(tmp_path, tmp_path / "missing.txt")
    problems = {Path(i.origin).name: i.problem for i in items if isinstance(i, InputError)}
    assert problems["empty.txt"] == "empty file"
    assert problems["blank.txt"] == "only whitespace, no text to read"
    assert problems["scan.txt"] == "binary file (looks like PDF), not a text report"
    assert problems["nul.txt"].startswith("binary file")
    assert problems["latin1.txt"].startswith("not UTF-8 text: invalid byte 0xE9 at offset 1")
    assert problems["missing.txt"] == "no such file or directory"
    assert [d.origin for d in items if isinstance(d, Document)] == [str(tmp_path / "zz_good.txt")]


def test_file_over_the_limit_is_rejected_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as f:  # 50 MB, written sparsely: cheap to make, checked by size
        f.truncate(50 * 1000 * 1000)
    error = only_error(path)
    assert "50,000,000 bytes" in error.problem
    assert "10,485,760 bytes" in error.problem
    assert "CAREWATCH_MAX_DOCUMENT_BYTES" in error.problem


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads anything")
def test_unreadable_file(tmp_path: Path) -> None:
    path = tmp_path / "secret.txt"
    path.write_text(REPORT)
    path.chmod(0)
    assert "permission denied" in only_error(path).problem


def test_path_through_a_file_is_reported(tmp_path: Path) -> None:
    (tmp_path / "report.txt").write_text(REPORT)
    error = only_error(tmp_path / "report.txt" / "inside")
    assert error.problem in ("no such file or directory", "cannot read it: Not a directory")


def test_csv_not_utf8_is_one_error(tmp_path: Path) -> None:
    (tmp_path / "latin.csv").write_bytes("text\nMédecins Sans Frontières\n".encode("latin-1"))
    error = only_error(tmp_path / "latin.csv")
    assert error.problem.startswith("not UTF-8 text: invalid byte 0xE9")


def test_jsonl_with_bom_and_crlf(tmp_path: Path) -> None:
    (tmp_path / "win.jsonl").write_bytes(b'\xef\xbb\xbf{"text": "One."}\r\n{"text": "Two."}\r\n')
    one, two = read(tmp_path / "win.jsonl")
    assert isinstance(one, Document) and one.text == "One." and one.raw == b'{"text": "One."}'
    assert isinstance(two, Document) and two.text == "Two."


# NUL: no database's text can hold it everywhere (PostgreSQL's cannot), so it is read as
# U+FFFD, one character for one; the raw bytes and their hash stay as they came.


def test_a_nul_past_the_binary_check_is_read_as_a_replacement_character(tmp_path: Path) -> None:
    before = "A quiet week in the city, the council said. " * 100  # past the first 4 KiB
    raw = f"{before}\x00{REPORT}\n".encode()
    assert raw.index(b"\x00") > 4096
    path = tmp_path / "report.txt"
    path.write_bytes(raw)
    doc = only_document(path)
    assert doc.text == f"{before}\ufffd{REPORT}\n"
    assert len(doc.text) == len(raw.decode())  # every offset after it is unchanged
    assert doc.raw == raw and doc.sha256 == hashlib.sha256(raw).hexdigest()


def test_a_nul_in_a_record_is_read_as_a_replacement_character(tmp_path: Path) -> None:
    record = {"text": f"{REPORT[:20]}\u0000{REPORT[21:]}", "title": "M10\u0000hit",
              "source": "Wire\u0000One"}
    line = json.dumps(record).encode()
    (tmp_path / "a.jsonl").write_bytes(line + b"\n")
    (tmp_path / "b.json").write_text(json.dumps(record))
    docs = read(tmp_path)
    assert len(docs) == 2 and all(isinstance(d, Document) for d in docs)
    for doc in docs:
        assert isinstance(doc, Document)
        assert doc.text == f"{REPORT[:20]}\ufffd{REPORT[21:]}"
        assert (doc.title, doc.source_name) == ("M10\ufffdhit", "Wire\ufffdOne")
    assert docs[0].raw == line  # a JSON Lines record is hashed as its exact bytes


# Hostile inputs that reach no database: each one rejection, and the reading goes on


def test_csv_header_over_the_limit_rejects_the_file(tmp_path: Path) -> None:
    (tmp_path / "wide.csv").write_text("text," + "x" * 3000 + "\nA report.,b\n")
    error = only_error(tmp_path / "wide.csv", max_bytes=1000)
    assert error.problem.startswith("header row is over the limit of 1,000 bytes")


def test_csv_with_bare_carriage_returns_is_read_row_by_row(tmp_path: Path) -> None:
    (tmp_path / "old-mac.csv").write_bytes(b"text,title\rFirst report.,one\rSecond.,two\r")
    first, second = read(tmp_path / "old-mac.csv")
    assert isinstance(first, Document) and first.text == "First report."
    assert isinstance(second, Document) and second.origin.endswith("#row 2")


def test_a_device_given_by_name_is_read_only_up_to_the_limit(tmp_path: Path) -> None:
    error = only_error("/dev/zero", max_bytes=1000)
    assert error.problem.startswith("input is over the limit of 1,000 bytes")


def test_deeply_nested_html_is_one_rejection(tmp_path: Path) -> None:
    depth = 50_000
    page = f"<html><body>{'<div>' * depth}{REPORT}{'</div>' * depth}</body></html>"
    (tmp_path / "deep.html").write_text(page)
    (tmp_path / "z.txt").write_text(REPORT)
    deep, after = read(tmp_path)
    assert isinstance(deep, InputError) and deep.origin.endswith("deep.html")
    assert isinstance(after, Document)


def test_random_bytes_on_standard_input_are_one_rejection(monkeypatch: pytest.MonkeyPatch) -> None:
    noise = bytes((n * 7919 + 13) % 256 for n in range(5000))  # every byte value, NUL too
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(noise)))
    assert only_error("-").problem.startswith("binary file")
