"""Arabic text helpers shared by ``build_gazetteers_ar.py``, ``build_clusters_ar.py`` and
``build_names_ar.py``.

They mirror the Rust code the tagger runs, so that the lists these scripts write are keyed
exactly as the model looks them up:

* ``norm`` / ``norm_string``: ``newsframe::ner::features::norm`` (Arabic folded by
  ``text::arabic::fold``: hamza and madda on alef, teh marbuta, alef maqsura, hamza
  seats, harakat, dagger alef and tatweel; ASCII digits as ``0``, lowercase, typographic
  quotes and dashes as ASCII);
* ``proclitic_len`` / ``stem``: ``text::arabic::proclitic_len`` and
  ``features::arabic_stem`` (up to two of و ف ب ل ك stripped when two Arabic letters
  remain; the article ال stays on the stem);
* ``key``: ``ner::clusters::key``, the form word clusters are stored and looked up under;
* ``tokens``: ``ner::tokenize::tokens`` with ``arabic = true`` (whitespace and dashes split,
  punctuation split off both ends of a chunk, proclitics left attached).

Sources read straight from a ``fetch``ed bare git directory or from a checkout
(``read_blob``/``list_files``), so nothing needs unpacking by hand.
"""

from __future__ import annotations

import subprocess
import unicodedata
from pathlib import Path

PROCLITICS = "وفبلك"


def fold(c: str) -> str:
    """Mirror of ``text::arabic::fold`` for one character ('' = dropped)."""
    if c in "أإآٱ":
        return "ا"
    if c == "ة":
        return "ه"
    if c == "ى":
        return "ي"
    if c == "ؤ":
        return "و"
    if c == "ئ":
        return "ي"
    o = ord(c)
    if o == 0x0640 or 0x064B <= o <= 0x0652 or o == 0x0670:
        return ""
    return c


def fold_str(s: str) -> str:
    """Mirror of ``extract::arabic::fold_str``."""
    return "".join(fold(c) for c in s)


def light_fold(s: str) -> str:
    """``fold_str``, but alef maqsura stays (على is not علي): the key of function words in
    ``extract::names_ar``."""
    return "".join("ى" if c == "ى" else fold(c) for c in s)


_TYPO = {"“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "‘": "'", "’": "'", "ʼ": "'",
         "–": "-", "—": "-", "―": "-", "…": "."}


def norm(c: str) -> str:
    """Mirror of ``ner::features::norm`` for one character ('' = dropped)."""
    if c.isascii():
        return "0" if c.isdigit() else c.lower()
    if "\u0600" <= c <= "\u06ff":
        return fold(c)
    if c.isnumeric():
        return "0"
    if c in _TYPO:
        return _TYPO[c]
    low = c.lower()
    return low[0] if low else c


def norm_string(s: str) -> str:
    """Mirror of ``ner::features::norm_string``."""
    return "".join(norm(c) for c in s)


def is_arabic_letter(c: str) -> bool:
    """Mirror of ``text::arabic::is_arabic_letter``."""
    o = ord(c)
    return 0x0620 <= o <= 0x064A or 0x066E <= o <= 0x06D3 or 0x06FA <= o <= 0x06FF


def proclitic_len(word: str) -> int:
    """Mirror of ``text::arabic::proclitic_len``, in characters."""
    n = 0
    for i, c in enumerate(word):
        rest = word[i + 1:]
        stem_ok = sum(1 for r in rest[:2] if is_arabic_letter(r)) == 2
        if i < 2 and c in PROCLITICS and stem_ok:
            if i == 1 and c in "وف":
                break
            n += 1
        else:
            break
    return n


def stem(token: str) -> str:
    """Mirror of ``features::arabic_stem`` for an Arabic model (the token itself when it has
    no Arabic letter)."""
    if any(is_arabic_letter(c) for c in token):
        return token[proclitic_len(token):]
    return token


def key(token: str) -> str:
    """Mirror of ``ner::clusters::key`` for Arabic: the normalised stem."""
    return norm_string(stem(token))


def _is_word_char(c: str) -> bool:
    o = ord(c)
    return c.isalnum() or 0x064B <= o <= 0x0652 or o == 0x0670 or o == 0x0640


def _is_dash(c: str) -> bool:
    return c in "—–―"


def _chunk(w: str, out: list[str]) -> None:
    s, e = 0, len(w)
    while s < e:
        c = w[s]
        if _is_word_char(c):
            break
        run = 1
        while s + run < e and w[s + run] == c:
            run += 1
        out.append(w[s:s + run])
        s += run
    if s < e:
        k = w.find("$", s, e)
        if k > s and k + 1 < e and w[k + 1].isascii() and w[k + 1].isdigit():
            out.append(w[s:k + 1])
            s = k + 1
    trail: list[str] = []
    while s < e:
        c = w[e - 1]
        if _is_word_char(c):
            break
        k = e - 1
        while k > s and w[k - 1] == c:
            k -= 1
        if k == s:
            break
        trail.append(w[k:e])
        e = k
    if s < e:
        out.append(w[s:e])
    out.extend(reversed(trail))


def tokens(text: str) -> list[str]:
    """Mirror of ``ner::tokenize::tokens`` for Arabic models."""
    out: list[str] = []
    start = None
    for i, c in enumerate(text + " "):
        if c.isspace() or _is_dash(c):
            if start is not None:
                _chunk(text[start:i], out)
                start = None
            if _is_dash(c):
                out.append(c)
        elif start is None:
            start = i
    return out


# Letters of Persian, Urdu and other Arabic-script languages that Arabic does not use:
# a name spelled with one is not an Arabic spelling.
NON_ARABIC_LETTERS = set("پچژگکیۀھےۓڈٹڑںۃۂڤڭڨۆۇۈۋێەڵڕ") | {chr(c) for c in range(0x06F0, 0x06FA)}


def arabic_only(s: str) -> bool:
    """Is ``s`` written in Arabic letters (and spaces, hyphens, marks) with none of the
    Persian/Urdu letters? ڤ counts as foreign too: Arabic news writes ف for v."""
    if not s or not any(is_arabic_letter(c) for c in s):
        return False
    for c in s:
        if c in NON_ARABIC_LETTERS:
            return False
        if c in " -\u200c\u200f\u200e" or fold(c) == "" or is_arabic_letter(c):
            continue
        return False
    return True


def clean(s: str) -> str:
    """NFC, zero-width marks dropped, whitespace collapsed."""
    s = unicodedata.normalize("NFC", s)
    s = s.replace("\u200c", " ").replace("\u200f", "").replace("\u200e", "").replace("\u00a0", " ")
    return " ".join(s.split())


# Reading fetched repositories.


def _is_bare(d: Path) -> bool:
    return (d / "HEAD").is_file() and (d / "objects").is_dir()


def list_files(repo: Path, prefix: str = "") -> list[str]:
    """Paths of the files of ``repo`` (a bare git dir or a checkout) under ``prefix``, sorted."""
    repo = Path(repo)
    if _is_bare(repo):
        cmd = ["git", "--git-dir", str(repo), "ls-tree", "-r", "--name-only", "HEAD"] + (["--", prefix] if prefix else [])
        out = subprocess.run(cmd, check=True, capture_output=True).stdout.decode()
        return sorted(p for p in out.splitlines() if p)
    base = repo / prefix if prefix else repo
    return sorted(str(p.relative_to(repo)) for p in base.rglob("*") if p.is_file() and ".git" not in p.parts)


def read_blob(repo: Path, path: str) -> bytes:
    """Bytes of ``path`` in ``repo`` (a bare git dir or a checkout)."""
    repo = Path(repo)
    if _is_bare(repo):
        return subprocess.run(["git", "--git-dir", str(repo), "show", f"HEAD:{path}"],
                              check=True, capture_output=True).stdout
    return (repo / path).read_bytes()


def read_many(repo: Path, paths: list[str]):
    """Yields ``(path, bytes)`` for many files of ``repo`` with one ``git cat-file`` process."""
    repo = Path(repo)
    if not _is_bare(repo):
        for p in paths:
            yield p, (repo / p).read_bytes()
        return
    proc = subprocess.Popen(["git", "--git-dir", str(repo), "cat-file", "--batch"],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    assert proc.stdin and proc.stdout
    try:
        for p in paths:
            proc.stdin.write(f"HEAD:{p}\n".encode())
            proc.stdin.flush()
            header = proc.stdout.readline().split()
            if len(header) < 3 or header[1] != b"blob":
                continue
            data = proc.stdout.read(int(header[2]))
            proc.stdout.read(1)
            yield p, data
    finally:
        proc.stdin.close()
        proc.wait()
