"""The readers of unannotated news in ``bench/eval_events.py`` that judged samples are drawn
from: Wikinews CSV files and the days of Wikipedia's Current events portal (text of our own
wording in the sources' formats)."""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

import eval_events  # noqa: E402


def test_wikinews_rows_become_title_and_paragraph_lines(tmp_path):
    f = tmp_path / "wikinews_2030.csv"
    f.write_text(
        'url,date,title,text\n'
        'https://x/a,2030-01-02,Ministers meet,"First  paragraph here. \n\n\nSecond one.\n\n"\n'
        'https://x/b,2030-01-03,Quiet day,"Nothing happened."\n',
        encoding="utf-8",
    )
    docs = eval_events.wikinews_documents([f])
    assert docs == [
        ("wikinews/wikinews_2030.csv#0", "Ministers meet\nFirst paragraph here.\nSecond one."),
        ("wikinews/wikinews_2030.csv#1", "Quiet day\nNothing happened."),
    ]


def test_portal_items_keep_link_text_and_drop_topics_citations_and_tags(tmp_path):
    day = tmp_path / "2030-05-06-index.md"
    day.write_text(
        "---\nlayout: post\n---\n\n#### International relations\n\n"
        '* [Talks of two states](https://en.wikipedia.org/wiki/T "Talks")\n'
        '  * The [foreign minister](https://en.wikipedia.org/wiki/F "F (x)") of [Ruritania](https://en.wikipedia.org/wiki/R "R") '
        "visits [Elbonia](https://en.wikipedia.org/wiki/E_%28country%29 \"E\") [fr]. "
        "[(Reuters)](https://example.com/a) [(*The Daily*)](https://example.com/b)\n"
        "* A ship sinks in the *North Sea*. [unreliable source?] [(AP)](https://example.com/c)\n",
        encoding="utf-8",
    )
    docs = eval_events.portal_documents(tmp_path)
    assert docs == [
        ("portal/2030-05-06#0", "The foreign minister of Ruritania visits Elbonia."),
        ("portal/2030-05-06#1", "A ship sinks in the North Sea."),
    ]


def test_cnn_rows_are_split_odd_and_even_and_read_as_one_line(tmp_path):
    f = tmp_path / "cnn_subset.csv"
    f.write_text(
        'article,highlights,id\n'
        '"Row zero  text.\nMore.",h0,a\n'
        '"(CNN)Row one text.",h1,b\n'
        '"Row two.",h2,c\n'
        '"Row three.",h3,d\n',
        encoding="utf-8",
    )
    assert eval_events.cnn_documents(f, "odd") == [
        ("cnn/cnn_subset.csv#1", "(CNN)Row one text."),
        ("cnn/cnn_subset.csv#3", "Row three."),
    ]
    assert [s for s, _ in eval_events.cnn_documents(f, "even")] == ["cnn/cnn_subset.csv#0", "cnn/cnn_subset.csv#2"]
    assert eval_events.cnn_documents(f, "even")[0][1] == "Row zero text. More."
