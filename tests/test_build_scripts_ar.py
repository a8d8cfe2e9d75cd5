"""The Arabic resource scripts' optional sources (scripts/build_gazetteers_ar.py --arwikicats,
scripts/build_clusters_ar.py --multisource-categories), on small checkouts made here."""

import json
import sys

from conftest import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
import build_clusters_ar  # noqa: E402
import build_gazetteers_ar  # noqa: E402


def test_arwikicats_clubs_and_people(tmp_path):
    sports = tmp_path / "ArWikiCats" / "jsons" / "sports"
    people = tmp_path / "ArWikiCats" / "jsons" / "people"
    sports.mkdir(parents=True)
    people.mkdir(parents=True)
    (sports / "Clubs_key.json").write_text(json.dumps({
        "al-hilal club (omdurman)": "نادي الهلال (السودان)",
        "boca juniors": "بوكا جونيورز",
        "aberdeen f.c.": "نادي أبردين لكرة القدم",
        "a-league": "الدوري الأسترالي لكرة القدم",
        "arsenal women f.c.": "نادي آرسنال للسيدات",
    }, ensure_ascii=False), encoding="utf-8")
    (people / "peoples.json").write_text(json.dumps({"anwar sadat": "محمد أنور السادات"}, ensure_ascii=False),
                                         encoding="utf-8")
    rows = list(build_gazetteers_ar.arwikicats(tmp_path))
    assert ("ORG", "نادي الهلال") in rows and ("ORG", "الهلال") in rows
    assert ("ORG", "بوكا جونيورز") in rows
    assert ("ORG", "نادي أبردين لكرة القدم") in rows and ("ORG", "أبردين") in rows
    # competitions and women's sides are not clubs the lists should hold
    assert not any("الدوري" in n or "للسيدات" in n for _, n in rows)
    assert ("PER", "محمد أنور السادات") in rows


def test_multisource_categories(tmp_path):
    for src, cat, title in (("SkyNews", "sport", "مباراة"), ("BBC", "economy", "اقتصاد")):
        d = tmp_path / src / cat
        d.mkdir(parents=True)
        (d / f"{src}-{cat}-1.txt").write_text(
            f"<DOC><TITLE>{title}</TITLE><ABSTRACT>ملخص</ABSTRACT><TEXT>نص</TEXT></DOC>", encoding="utf-8")
    assert sorted(build_clusters_ar.antcorpus_texts(tmp_path)) == ["اقتصاد\nنص", "مباراة\nنص"]
    assert list(build_clusters_ar.antcorpus_texts(tmp_path, {"sport"})) == ["مباراة\nنص"]
