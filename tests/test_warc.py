"""WARC archives, HTML columns in tables, and the charset order (BOM, HTTP header, <meta>, detector).

Every page and archive here is written by the test itself.
"""

import gzip
import json

import polars as pl
import pytest

import newsframe as nf
import warcgen as w
from newsframe.__main__ import main

ARABIC = "وقعت الجزائر وروسيا اتفاقية تعاون عسكري جديدة في العاصمة الجزائرية يوم الإثنين."
FRENCH = "L'Algérie et la Russie ont signé un accord de coopération militaire à Alger, où l'été est très chaud."
RUSSIAN = "Алжир и Россия подписали новое соглашение о военном сотрудничестве в столице страны."
CHINESE = "阿尔及利亚和俄罗斯在首都签署了新的军事合作协议。双方表示将加强交流。"
ENGLISH = "Algeria and Russia signed a new military cooperation agreement in Algiers on Monday."


def page(title: str, text: str, head: str = "", rtl: bool = False) -> str:
    direction = ' dir="rtl"' if rtl else ""
    return (f"<!DOCTYPE html><html{direction}><head>{head}<title>{title}</title>"
            "<script>var tracker = '<p>not text</p>';</script></head>"
            f"<body><nav>Home</nav><article><h1>{title}</h1><p>{text}</p></article></body></html>")


def encoded(html: str, encoding: str) -> bytes:
    return html.encode(encoding)


# (uri, record id, http block, expected encoding, text in the document)
PAGES = [
    ("https://news.example/en/1", "<urn:uuid:0001>",
     w.http_response(page("Deal signed", ENGLISH).encode(), "text/html; charset=utf-8"), "utf-8", ENGLISH),
    # Arabic, right to left, declared windows-1256 in <meta> only.
    ("https://news.example/ar/2", "<urn:uuid:0002>",
     w.http_response(encoded(page("اتفاقية", ARABIC, '<meta charset="windows-1256">', rtl=True), "cp1256"),
                     "text/html"), "windows-1256", ARABIC),
    # French, declared in the HTTP header as ISO-8859-1, which HTML reads as windows-1252.
    ("https://news.example/fr/3", "<urn:uuid:0003>",
     w.http_response(encoded(page("Accord", FRENCH), "latin-1"), "text/html; charset=ISO-8859-1"),
     "windows-1252", FRENCH),
    # Russian in KOI8-R per the header, while <meta> wrongly says windows-1251: the header wins.
    ("https://news.example/ru/4", "<urn:uuid:0004>",
     w.http_response(encoded(page("Соглашение", RUSSIAN, '<meta charset="windows-1251">'), "koi8-r"),
                     "text/html; charset=koi8-r"), "koi8-r", RUSSIAN),
    # Chinese in GBK, declared by <meta http-equiv>.
    ("https://news.example/zh/5", "<urn:uuid:0005>",
     w.http_response(encoded(page("协议", CHINESE, '<meta http-equiv="Content-Type" content="text/html; charset=gbk">'),
                             "gbk"), "text/html"), "gbk", CHINESE),
    # A UTF-8 BOM beats the header's windows-1251 and the <meta>'s koi8-r.
    ("https://news.example/ru/6", "<urn:uuid:0006>",
     w.http_response(b"\xef\xbb\xbf" + page("Соглашение", RUSSIAN, '<meta charset="koi8-r">').encode(),
                     "text/html; charset=windows-1251"), "utf-8", RUSSIAN),
]


def mixed_records() -> list[bytes]:
    recs = [w.warcinfo()]
    for i, (uri, rid, http, _, _) in enumerate(PAGES):
        recs += [w.request(uri), w.response(uri, rid, http), w.metadata(uri)]
        if i == 1:
            png = w.http_response(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", "image/png")
            recs += [w.request("https://news.example/logo.png"),
                     w.response("https://news.example/logo.png", "<urn:uuid:0100>", png)]
        if i == 2:
            recs += [w.revisit(uri),
                     w.response("https://news.example/gone", "<urn:uuid:0101>",
                                w.http_response(b"<html>not found</html>", "text/html", status="404 Not Found"))]
    return recs


@pytest.fixture(scope="module")
def warc_gz(tmp_path_factory):
    path = tmp_path_factory.mktemp("warc") / "CC-NEWS-test.warc.gz"
    path.write_bytes(w.gzip_members(mixed_records()))
    return path


@pytest.fixture(scope="module")
def corpus(warc_gz):
    return nf.read(warc_gz)


def test_warc_one_document_per_html_response(corpus):
    docs = corpus.documents
    assert docs["source"].to_list() == [f"{uri} {rid}" for uri, rid, *_ in PAGES]
    assert docs["url"].to_list() == [uri for uri, *_ in PAGES]
    assert docs["error"].null_count() == docs.height


def test_warc_encodings_follow_bom_header_meta(corpus):
    docs = corpus.documents
    assert docs["encoding"].to_list() == [enc for *_, enc, _ in PAGES]
    for text, (*_, want) in zip(docs["text"].to_list(), PAGES):
        assert want in text
        assert "not text" not in text


def test_warc_languages_and_arabic_mentions(corpus):
    docs = corpus.documents
    assert docs["lang"].to_list()[:4] == ["en", "ar", "fr", "ru"]
    ar_id = docs.filter(pl.col("url") == "https://news.example/ar/2")["doc_id"][0]
    ar_mentions = corpus.mentions.filter(pl.col("doc_id") == ar_id)
    assert "الجزائر" in ar_mentions["text"].to_list()
    assert docs["title"][1] == "اتفاقية"


def test_warc_skipped_records_are_counted(corpus, warc_gz):
    skipped = corpus.skipped
    assert skipped.columns == ["source", "record_type", "reason", "detail", "count"]
    assert set(skipped["source"].to_list()) == {str(warc_gz)}
    rows = {(r["record_type"], r["reason"], r["detail"]): r["count"] for r in skipped.iter_rows(named=True)}
    n = len(PAGES)
    assert rows == {
        ("warcinfo", "record type", None): 1,
        ("request", "record type", None): n + 1,
        ("metadata", "record type", None): n,
        ("revisit", "record type", None): 1,
        ("response", "not html", "image/png"): 1,
        ("response", "http status", "404"): 1,
    }


def test_warc_plain_whole_gzip_and_threads_agree(tmp_path, corpus):
    records = mixed_records()
    plain = tmp_path / "a.warc"
    plain.write_bytes(b"".join(records))
    whole = tmp_path / "b.warc.gz"
    whole.write_bytes(gzip.compress(b"".join(records)))
    cols = ["source", "encoding", "text", "title", "lang"]
    for path in (plain, whole):
        for n_threads in (1, 2):
            c = nf.read(path, n_threads=n_threads)
            assert c.documents.select(cols).equals(corpus.documents.select(cols))
            assert c.skipped["count"].sum() == corpus.skipped["count"].sum()


def test_warc_without_html_and_damaged(tmp_path):
    only_meta = tmp_path / "meta.warc.gz"
    only_meta.write_bytes(w.gzip_members([w.warcinfo(), w.metadata("https://x.example/")]))
    c = nf.read(only_meta)
    assert c.documents.height == 1
    assert c.documents["error"][0].startswith("[D009] unsupported input: no HTML response record")
    assert c.skipped["count"].sum() == 2

    records = mixed_records()
    cut = b"".join(records[:4]) + records[5][: len(records[5]) // 2]
    damaged = tmp_path / "cut.warc"
    damaged.write_bytes(cut)
    d = nf.read(damaged).documents
    assert d["source"][0] == f"{PAGES[0][0]} {PAGES[0][1]}"
    assert d.height == 2 and "cut short" in d["error"][1]


def test_warc_found_in_directories_and_cli(tmp_path, warc_gz, capsys):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "crawl.warc.gz").write_bytes(warc_gz.read_bytes())
    (tmp_path / "in" / "note.txt").write_text("A note about Algeria. It is short.")
    c = nf.read(tmp_path / "in")
    assert c.documents.height == len(PAGES) + 1
    out = tmp_path / "out"
    assert main(["extract", str(tmp_path / "in"), "-o", str(out), "--quiet"]) == 0
    summary = capsys.readouterr().out
    n_skipped = len(mixed_records()) - len(PAGES)
    assert f"{n_skipped} WARC records skipped" in summary
    assert pl.read_parquet(out / "skipped.parquet")["count"].sum() == n_skipped


def test_html_file_meta_charset(tmp_path):
    p = tmp_path / "ar.html"
    p.write_bytes(encoded(page("اتفاقية", ARABIC, '<meta http-equiv="Content-Type" content="text/html; charset=windows-1256">',
                               rtl=True), "cp1256"))
    d = nf.read(p).documents
    assert d["encoding"][0] == "windows-1256"
    assert d["lang"][0] == "ar"
    assert ARABIC in d["text"][0]


def test_html_field_jsonl_csv_parquet(tmp_path):
    rows = [
        {"id": 1, "html": page("Deal signed", ENGLISH), "title": None},
        {"id": 2, "html": page("عنوان الصفحة", ARABIC, '<meta charset="koi8-r">', rtl=True), "title": "Given title"},
    ]
    jsonl = tmp_path / "a.jsonl"
    jsonl.write_text("\n".join(json.dumps({k: v for k, v in r.items() if v is not None}, ensure_ascii=False)
                               for r in rows), encoding="utf-8")
    df = pl.DataFrame(rows, schema={"id": pl.Int64, "html": pl.String, "title": pl.String})
    df.write_csv(tmp_path / "b.csv")
    df.write_parquet(tmp_path / "c.parquet")
    for name in ("a.jsonl", "b.csv", "c.parquet"):
        d = nf.read(tmp_path / name, html_field="html").documents
        assert d["error"].null_count() == 2, name
        assert d["title"].to_list() == ["Deal signed", "Given title"], name
        text = d["text"].to_list()
        assert ENGLISH in text[0] and ARABIC in text[1], name
        assert not any("tracker" in t or "<p>" in t for t in text), name
        assert d["lang"].to_list() == ["en", "ar"], name
    # Without html_field the markup is read as text; a missing column is an error row.
    plain = nf.read(tmp_path / "c.parquet", text_field="html").documents
    assert "<script>" in plain["text"][0]
    missing = nf.read(tmp_path / "c.parquet", html_field="body").documents
    assert "no column 'body'" in missing["error"][0]
