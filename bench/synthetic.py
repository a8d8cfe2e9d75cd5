"""Deterministic synthetic news articles for the scale benchmark and the streaming tests.

Articles are built from invented people (syllable names, each with a home country),
real country and capital names that the knowledge base knows, event phrases (visits,
agreements, arms sales), money amounts, percents, dates and filler prose from a small
word list. About one article in twenty is a light rewrite of an earlier one, so stories
have near-duplicates; later mentions of a person use the surname alone, so linking
resolves surnames.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator

SYLLABLES = ["ka", "lo", "ven", "dri", "mar", "tu", "sel", "bo", "ri", "nak", "gol", "phe", "an", "dor", "qui",
             "sa", "ler", "mi", "tov", "zu", "bren", "ha", "vik", "ost"]
COUNTRIES = [("Algeria", "Algiers", "Algerian"), ("Russia", "Moscow", "Russian"), ("France", "Paris", "French"),
             ("China", "Beijing", "Chinese"), ("Egypt", "Cairo", "Egyptian"), ("Morocco", "Rabat", "Moroccan"),
             ("Germany", "Berlin", "German"), ("Turkey", "Ankara", "Turkish"), ("Iran", "Tehran", "Iranian"),
             ("India", "New Delhi", "Indian"), ("Brazil", "Brasilia", "Brazilian"), ("Japan", "Tokyo", "Japanese"),
             ("Italy", "Rome", "Italian"), ("Spain", "Madrid", "Spanish"), ("Tunisia", "Tunis", "Tunisian"),
             ("Nigeria", "Abuja", "Nigerian")]
ROLES = ["defence minister", "foreign minister", "army chief of staff", "trade envoy", "president"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
WORDS = ("the officials said that talks would continue next week while analysts expected new measures on "
         "energy prices security cooperation and regional trade as the government reviewed its budget plans "
         "for the coming year after a period of strong growth in exports and weak demand at home").split()
EVENTS = [
    "{p}, the {adj} {role}, visited {c2} on {date}.",
    "{c1} signed an agreement with {c2} worth ${amt} billion on {date}.",
    "{c1} will buy fighter jets from {c2}, officials in {cap1} said.",
    "{c1} and {c2} held joint military exercises near {cap2} in {month}.",
    "{p} met his counterpart in {cap2} to discuss {c1}'s arms purchases.",
    "{c1} criticised {c2} over the border dispute, {p} said.",
    "Exports from {c1} to {c2} rose {pct}% in {year}, the ministry said.",
]


def _name(rng: random.Random, n: int) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(n)).capitalize()


def _filler(rng: random.Random, n: int) -> str:
    words = [rng.choice(WORDS) for _ in range(n)]
    return " ".join(words).capitalize() + "."


class Generator:
    """Articles number 0, 1, 2, … of one seed; the same seed gives the same articles."""

    def __init__(self, seed: int = 1, n_people: int = 2000) -> None:
        rng = random.Random(seed)
        self.seed = seed
        self.people = [(_name(rng, 2), _name(rng, 3), rng.randrange(len(COUNTRIES))) for _ in range(n_people)]
        self.recent: list[str] = []

    def article(self, i: int, words: int = 800) -> dict[str, str]:
        rng = random.Random(self.seed * 1_000_003 + i)
        if self.recent and rng.random() < 0.05:
            # A rewrite of a recent article: a few words changed.
            base = rng.choice(self.recent).split(" ")
            for _ in range(max(1, len(base) // 100)):
                base[rng.randrange(len(base))] = rng.choice(WORDS)
            text = " ".join(base)
        else:
            paras = []
            c1 = rng.randrange(len(COUNTRIES))
            who = [self.people[int(rng.random() ** 2 * len(self.people))] for _ in range(3)]
            title = f"{COUNTRIES[c1][0]} and {COUNTRIES[rng.randrange(len(COUNTRIES))][0]} in talks"
            n = 0
            while n < words:
                given, surname, home = rng.choice(who)
                c2 = rng.randrange(len(COUNTRIES))
                if c2 == home:
                    c2 = (c2 + 1) % len(COUNTRIES)
                first = rng.random() < 0.5
                sentence = rng.choice(EVENTS).format(
                    p=f"{given} {surname}" if first else surname,
                    adj=COUNTRIES[home][2], role=rng.choice(ROLES), c1=COUNTRIES[home][0], c2=COUNTRIES[c2][0],
                    cap1=COUNTRIES[home][1], cap2=COUNTRIES[c2][1],
                    date=f"{rng.randint(1, 28)} {rng.choice(MONTHS)} {rng.randint(2015, 2025)}",
                    month=rng.choice(MONTHS), year=rng.randint(2015, 2025), amt=f"{rng.randint(1, 40)}.{rng.randint(0, 9)}",
                    pct=rng.randint(2, 60))
                para = " ".join([f"{given} {surname} spoke to reporters.", sentence, _filler(rng, 25), _filler(rng, 18)])
                paras.append(para)
                n += len(para.split())
            text = title + "\n" + "\n".join(paras)
            self.recent = (self.recent + [text])[-50:]
        return {"id": f"a{i}", "text": text}

    def articles(self, n: int, words: int = 800) -> Iterator[dict[str, str]]:
        for i in range(n):
            yield self.article(i, words)


def write_jsonl(path: str, gen: Generator, start: int, n: int, words: int = 800) -> int:
    """Writes articles start..start+n as JSONL; returns the bytes written."""
    size = 0
    with open(path, "w", encoding="utf-8") as f:
        for i in range(start, start + n):
            line = json.dumps(gen.article(i, words), ensure_ascii=False) + "\n"
            f.write(line)
            size += len(line.encode("utf-8"))
    return size
