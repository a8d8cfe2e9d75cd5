"""HTML pages: main-content extraction, the dropped blocks, metadata, modes."""

import json

import polars as pl
import pytest

import newsframe as nf

BODY = [
    "The foreign ministers of Algeria and Italy met in Rome on Tuesday to discuss gas supplies for the coming winter.",
    "Officials said the talks, which lasted four hours, ended with an agreement to extend the pipeline contract by ten years.",
    "A joint commission will review prices every six months, according to a statement released after the meeting.",
]

FURNITURE = {
    "nav": '<nav class="main-nav"><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>'
           '<li><a href="/business">Business</a></li></ul></nav>',
    "cookie": '<div id="cookie-consent"><p>We use cookies to give you the best experience on our website.</p>'
              '<button>Accept all</button></div>',
    "ad": '<div class="advertisement"><p>Advertisement: buy the new phone now, limited offer for readers.</p></div>',
    "share": '<div class="share-buttons"><a href="#">Share on Facebook</a> <a href="#">Share on X</a></div>',
    "related": '<section class="related-articles"><h3>Related stories</h3><ul>'
               '<li><a href="/a">Italy signs new energy deal with Libya after long talks</a></li>'
               '<li><a href="/b">Gas prices fall across Europe as storage fills up</a></li></ul></section>',
    "comments": '<div id="comments"><h3>3 comments</h3><div class="comment"><p>This is a great deal for '
                'both countries, and I hope it lasts for many years to come.</p></div></div>',
    "footer": '<footer class="site-footer"><p>© 2024 The Example Times. All rights reserved.</p>'
              '<a href="/privacy">Privacy policy</a></footer>',
}

DROPPED_TEXT = {
    "nav": "Home",
    "cookie": "We use cookies to give you the best experience on our website.",
    "ad": "Advertisement: buy the new phone now, limited offer for readers.",
    "share": "Share on Facebook Share on X",
    "related": "Italy signs new energy deal with Libya after long talks",
    "comments": "This is a great deal for both countries, and I hope it lasts for many years to come.",
    "footer": "© 2024 The Example Times. All rights reserved.",
}


def page(head: str = "", lang: str = "en") -> str:
    return (
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">{head}</head><body>'
        f'{FURNITURE["cookie"]}<header><a href="/">The Example Times</a>{FURNITURE["nav"]}</header>'
        f'<main><article><h1>Algeria and Italy extend gas deal</h1>'
        f'<div class="article-body"><p>{BODY[0]}</p><p>{BODY[1]}</p>'
        f'{FURNITURE["ad"]}<p>{BODY[2]}</p>'
        f'<h2>What comes next</h2><ul><li>Price reviews twice a year</li><li>A new pipeline study</li></ul>'
        f'</div>{FURNITURE["share"]}</article>{FURNITURE["related"]}{FURNITURE["comments"]}</main>'
        f'{FURNITURE["footer"]}</body></html>'
    )


def test_html_article_keeps_body_and_drops_furniture():
    doc = nf.read_html([page()], mentions=False).documents.row(0, named=True)
    text = doc["text"]
    for p in BODY:
        assert p in text
    assert "What comes next" in text and "Price reviews twice a year\nA new pipeline study" in text
    # paragraphs are kept apart by blank lines
    assert f"{BODY[2]}\n\nWhat comes next" in text or f"{BODY[1]}\n\n{BODY[2]}" in text
    for name, dropped in DROPPED_TEXT.items():
        assert dropped not in text, name
        assert any(dropped in b for b in doc["boilerplate"]), (name, doc["boilerplate"])


@pytest.mark.parametrize("name", sorted(FURNITURE))
def test_html_each_kind_of_furniture_alone(name):
    paragraphs = "".join(f"<p>{p}</p>" for p in BODY)
    html = f"<html><body><div>{paragraphs}</div>{FURNITURE[name]}</body></html>"
    doc = nf.read_html(html, mentions=False).documents.row(0, named=True)
    assert all(p in doc["text"] for p in BODY)
    assert DROPPED_TEXT[name] not in doc["text"]
    assert any(DROPPED_TEXT[name] in b for b in doc["boilerplate"])


def test_html_modes():
    html = page()
    docs = {m: nf.read_html([html], html=m, mentions=False).documents.row(0, named=True)
            for m in ("article", "visible", "raw")}
    assert "Share on Facebook" not in docs["article"]["text"]
    assert "Share on Facebook" in docs["visible"]["text"] and "<nav" not in docs["visible"]["text"]
    assert docs["raw"]["text"].startswith("<!DOCTYPE html>")
    # metadata is read in every mode
    assert {d["lang_hint"] for d in docs.values()} == {"en"}
    with pytest.raises(nf.ConfigError):
        nf.read_html([html], html="markdown")


def test_html_metadata_jsonld_og_time_url():
    ld = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Gas deal extended",
          "datePublished": "2024-03-05T09:30:00+01:00",
          "author": {"@type": "Person", "name": "Nadia Benali"},
          "publisher": {"@type": "Organization", "name": "The Example Times"}}
    head = (f'<title>Gas deal extended | The Example Times</title>'
            f'<link rel="canonical" href="/2024/03/05/gas-deal">'
            f'<script type="application/ld+json">{json.dumps(ld)}</script>')
    og = ('<meta property="og:title" content="Algeria, Italy extend gas deal">'
          '<meta property="og:site_name" content="Example Times">'
          '<meta property="article:published_time" content="2023-12-01">'
          '<meta name="author" content="Marco Rossi">')
    timed = '<title>Gas deal - Example</title>'
    pages = [page(head), page(og), page(timed).replace("<h1>", '<time datetime="2022-06-07">7 June</time><h1>'),
             page("", lang="fr-FR")]
    urls = ["https://example.com/world/gas", None, None, "https://example.com/news/2021/11/30/story"]
    d = nf.read_html(pages, urls=urls, mentions=False).documents
    rows = d.to_dicts()
    assert rows[0]["title"] == "Gas deal extended"
    assert rows[0]["pub_date"] == "2024-03-05T09:30:00+01:00"
    assert rows[0]["author"] == "Nadia Benali"
    assert rows[0]["site"] == "The Example Times"
    assert rows[0]["url"] == "https://example.com/world/gas"
    assert rows[0]["canonical_url"] == "https://example.com/2024/03/05/gas-deal"
    assert rows[1]["title"] == "Algeria, Italy extend gas deal"
    assert rows[1]["pub_date"] == "2023-12-01" and rows[1]["author"] == "Marco Rossi"
    assert rows[1]["site"] == "Example Times" and rows[1]["url"] is None
    assert rows[2]["title"] == "Gas deal" and rows[2]["pub_date"] == "2022-06-07"
    assert rows[3]["title"] == "Algeria and Italy extend gas deal"  # first h1
    assert rows[3]["pub_date"] == "2021-11-30" and rows[3]["lang_hint"] == "fr-FR"
    assert rows[3]["site"] == "example.com"


def test_html_pub_date_resolves_relative_dates():
    html = page('<meta property="article:published_time" content="2024-12-07">').replace(
        BODY[0], "The ministers met yesterday in Rome to discuss gas supplies for the coming winter.")
    m = nf.read_html([html]).mentions.filter(pl.col("label") == "DATE")
    assert "2024-12-06" in m["date"].to_list()


def test_html_text_inputs_have_null_metadata(tmp_path):
    d = nf.read_texts(["Headline here\nSome text of the article."]).documents
    for col in ("author", "site", "canonical_url", "lang_hint", "pub_date", "url"):
        assert d[col][0] is None, col


def test_html_files_bytes_and_threads(tmp_path):
    html = page('<meta name="author" content="Sam Roe">')
    (tmp_path / "a.html").write_text(html, encoding="utf-8")
    from_file = nf.read(tmp_path, mentions=False).documents
    from_bytes = nf.read_html([html.encode("utf-8")], mentions=False).documents
    assert from_file["text"][0] == from_bytes["text"][0]
    assert from_file["author"][0] == "Sam Roe" and from_file["encoding"][0] == "utf-8"
    many = [page().replace("Rome", f"Rome {i}") for i in range(40)]
    one = nf.read_html(many, n_threads=1, mentions=False).documents
    three = nf.read_html(many, n_threads=3, mentions=False).documents
    assert one.equals(three)
    visible = nf.read(tmp_path, html="visible", mentions=False).documents.row(0, named=True)
    assert "Home" in visible["text"].split("\n") and "Share on Facebook Share on X" in visible["text"]


def test_html_bad_pages_are_rows():
    d = nf.read_html(["", None, "<html><body><nav><a href='/'>Home</a></nav></body></html>", "<<<>>>"],
                     mentions=False).documents
    assert d.height == 4
    assert d["error"][0].startswith("[D001]")
    assert d["error"][1].startswith("[D005]")
    assert d["error"][2] is not None  # only navigation: no content
    assert d["boilerplate"][2].to_list() == ["Home"]
