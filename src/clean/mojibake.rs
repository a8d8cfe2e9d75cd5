//! Mojibake repair: text that was UTF-8 but was read as windows-1252, Latin-1 or Mac Roman,
//! once or twice, is read again as UTF-8.
//!
//! A run of non-ASCII characters is encoded back with the misreading's table and decoded as
//! strict UTF-8, while the result is valid, less suspect ([`badness`]) and holds no character
//! that correct text only decodes to by accident ([`implausible`]); what stays is left to
//! the one-character windows-1252 repair. Kept apart from the cleaner's line loop, which
//! only calls [`repair_run`], [`repair_cp1252`] and [`mojibake_run_len`] on suspect runs.
//! Measured against `plsfix` (an ftfy port) in `bench/results/mojibake.md`.

#[allow(unused_imports)]
use super::*;

/// Bytes 0x80 to 0xFF as Mac Roman shows them, paired with the byte and sorted by
/// character, so that text can be encoded back (the table comes from `encoding_rs`).
pub(super) fn mac_roman_table() -> &'static [(char, u8)] {
    static TABLE: std::sync::OnceLock<Vec<(char, u8)>> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        let bytes: Vec<u8> = (0x80..=0xffu8).collect();
        let (text, _) = encoding_rs::MACINTOSH.decode_without_bom_handling(&bytes);
        let mut table: Vec<(char, u8)> = text.chars().zip(0x80..=0xffu8).collect();
        table.sort_unstable();
        table
    })
}

/// The byte that `c` stands for when UTF-8 was misread as Mac Roman.
pub(super) fn mac_roman_byte(c: char) -> Option<u8> {
    if c.is_ascii() {
        return None;
    }
    let table = mac_roman_table();
    table.binary_search_by_key(&c, |&(k, _)| k).ok().map(|i| table[i].1)
}

/// The byte that `c` stands for when UTF-8 was misread as windows-1252 or as Latin-1:
/// Latin-1 maps U+0080..U+00FF to bytes directly, C1 controls included, where
/// windows-1252 shows its 27 punctuation and letter characters instead.
pub(super) fn latin_byte(c: char) -> Option<u8> {
    if (0x80..=0xff).contains(&(c as u32)) {
        return Some(c as u8);
    }
    cp1252_byte(c)
}

/// Can `c` start the Mac Roman misreading of a UTF-8 sequence (a lead byte 0xC2..0xF4)?
/// The fast path of [`normalise_line`] stops at these.
/// Written out rather than looked up in [`mac_roman_table`], because the fast path asks
/// for every non-ASCII character (a test checks the two agree).
pub(super) fn is_mac_roman_lead(c: char) -> bool {
    matches!(c, '\u{a0}' | '\u{ab}' | '\u{ac}' | '\u{b7}' | '\u{bb}' | '\u{c0}'..='\u{c3}' | '\u{c8}' | '\u{ca}'..='\u{cf}'
        | '\u{d2}'..='\u{d5}' | '\u{d9}'..='\u{db}' | '\u{f7}' | '\u{ff}' | '\u{152}' | '\u{153}' | '\u{178}' | '\u{192}'
        | '\u{2013}' | '\u{2014}' | '\u{2018}' | '\u{2019}' | '\u{201a}' | '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{2021}'
        | '\u{2026}' | '\u{2030}' | '\u{2039}' | '\u{203a}' | '\u{2044}' | '\u{20ac}' | '\u{2206}' | '\u{221a}' | '\u{2248}'
        | '\u{25ca}' | '\u{f8ff}' | '\u{fb01}' | '\u{fb02}')
}

/// The single-byte encodings that UTF-8 is misread as, in the order they are tried.
pub(super) const MISREADINGS: [fn(char) -> Option<u8>; 2] = [latin_byte, mac_roman_byte];

/// ftfy's "badness", reduced to what decides between two readings of one run: the number
/// of adjacent pairs that read as a UTF-8 lead and continuation byte in one of the
/// misreadings (`Ã©`, `â€`, `Ø§`, `√©`), plus C1 controls, which no text means.
pub(super) fn badness(s: &str) -> usize {
    let mut bad = 0;
    let mut prev: Option<char> = None;
    for c in s.chars() {
        if ('\u{80}'..='\u{9f}').contains(&c) {
            bad += 1;
        }
        if let Some(p) = prev {
            let pair = MISREADINGS.iter().any(|byte| {
                byte(p).is_some_and(|b| (0xc2..=0xf4).contains(&b)) && byte(c).is_some_and(|b| (0x80..=0xbf).contains(&b))
            });
            bad += pair as usize;
        }
        prev = Some(c);
    }
    bad
}

/// Characters a repair may not produce: blocks that news text practically never uses but
/// that correct text would decode to by accident. Armenian and Syriac to NKo are the
/// two-byte sequences of a closing quote or `ß` before an accented letter (`’é` in Mac
/// Roman is U+054E); IPA and Hebrew points those of a capital letter before a quote
/// (`É”` in windows-1252 is U+0254).
pub(super) fn implausible(c: char) -> bool {
    matches!(c as u32,
        0x250..=0x2ba | 0x2bd..=0x2c5 | 0x2de..=0x2ff | 0x530..=0x58f | 0x591..=0x5cf | 0x5eb..=0x5ff
        | 0x700..=0x74f | 0x780..=0x7ff | 0xe000..=0xf8ff | 0xfdd0..=0xfdef | 0xfff0..=0xffff | 0x30000..)
}

/// Leads after which one repaired character is accepted: the lead bytes of Latin
/// extensions, Greek, Cyrillic and Arabic as windows-1252/Latin-1 (`Ã`, `Ø`, …) and Mac
/// Roman (`√`, `ÿ`, …) show them, which correct text practically never puts before a
/// continuation character. Others (`’`, `—`, `«`, `»`, `É`) stand before accented letters
/// or punctuation in correct text, so a run they start must repair into two characters
/// or more, or hold a C1 control (Latin-1: no correct text has one).
pub(super) const STRONG_LEADS: &str = "ÂÃÄÅÆÇÈÎÏÐÑØÙÚÛ¬√ƒ≈ŒœÿŸ⁄";

/// One decoding step of a run: its bytes in a misreading, read as strict UTF-8, accepted
/// when the result is less bad and made of plausible characters.
pub(super) fn decode_once(run: &str) -> Option<String> {
    'misreading: for byte in MISREADINGS {
        let mut bytes = Vec::with_capacity(run.len());
        for c in run.chars() {
            match byte(c) {
                Some(b) => bytes.push(b),
                None => continue 'misreading,
            }
        }
        let Ok(text) = String::from_utf8(bytes) else { continue };
        if text.chars().any(implausible) || badness(&text) >= badness(run) {
            continue;
        }
        let mut chars = text.chars();
        let one = chars.next().is_some_and(|c| (c as u32) < 0x800) && chars.next().is_none();
        let strong = run.chars().next().is_some_and(|c| STRONG_LEADS.contains(c)) || run.chars().any(|c| ('\u{80}'..='\u{9f}').contains(&c));
        if one && !strong {
            continue;
        }
        return Some(text);
    }
    None
}

/// The repair of a run of non-ASCII characters, in the manner of ftfy's `fix_encoding`:
/// the run's bytes in windows-1252/Latin-1 or Mac Roman, decoded as UTF-8, as long as that
/// succeeds and lowers the badness (twice for double encoding). A state with C1 controls is
/// only a step on the way (Latin-1 inside double encoding), never a result.
// Kept out of normalise_line's loop, which the fast path makes hot.
#[inline(never)]
pub(super) fn repair_run(run: &str) -> Option<String> {
    let mut chars = run.chars();
    let first = chars.next()?;
    chars.next()?;
    if !(latin_byte(first).is_some_and(|b| (0xc2..=0xf4).contains(&b)) || is_mac_roman_lead(first)) {
        return None;
    }
    let mut best = None;
    let mut cur = std::borrow::Cow::Borrowed(run);
    for _ in 0..4 {
        let Some(next) = decode_once(&cur) else { break };
        if !next.chars().any(|c| ('\u{80}'..='\u{9f}').contains(&c)) {
            best = Some(next.clone());
        }
        cur = next.into();
    }
    // What one step cannot take as a whole (a lead outside STRONG_LEADS left by the last
    // step) gets the one-character repair that applies outside runs too.
    best.map(|s| repair_cp1252_chars(&s))
}

/// `s` with every character that [`repair_cp1252`] repairs repaired.
pub(super) fn repair_cp1252_chars(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < s.len() {
        if let Some((c, len)) = repair_cp1252(&s[i..]) {
            out.push(c);
            i += len;
        } else {
            let c = s[i..].chars().next().expect("in bounds");
            out.push(c);
            i += c.len_utf8();
        }
    }
    out
}

/// Length in bytes of the run of non-ASCII characters at the start of `s`, the unit that
/// [`repair_run`] judges: UTF-8 misread in a single-byte encoding never yields ASCII, so
/// mojibake never spans one. The run stops where an entry of the rules' mojibake table
/// starts, so that the table (`Ìý`) still applies.
// Kept out of normalise_line's loop, which the fast path makes hot.
#[inline(never)]
pub(super) fn mojibake_run_len(s: &str, rules: &Rules) -> usize {
    let mut len = 0;
    for (j, c) in s.char_indices() {
        if c.is_ascii() || (j > 0 && rules.mojibake_first.contains(&c) && rules.mojibake.iter().any(|(f, _)| s[j..].starts_with(f.as_str()))) {
            break;
        }
        len = j + c.len_utf8();
    }
    len
}

/// The windows-1252 byte that a character stands for when UTF-8 was misread as
/// windows-1252 (or Latin-1, which leaves the five undefined bytes as C1 controls).
pub(super) fn cp1252_byte(c: char) -> Option<u8> {
    let u = c as u32;
    if (0x80..=0xff).contains(&u) {
        // C1 controls stand for themselves only where windows-1252 leaves a hole.
        if u < 0xa0 && !matches!(u, 0x81 | 0x8d | 0x8f | 0x90 | 0x9d) {
            return None;
        }
        return Some(u as u8);
    }
    Some(match c {
        '€' => 0x80,
        '‚' => 0x82,
        'ƒ' => 0x83,
        '„' => 0x84,
        '…' => 0x85,
        '†' => 0x86,
        '‡' => 0x87,
        'ˆ' => 0x88,
        '‰' => 0x89,
        'Š' => 0x8a,
        '‹' => 0x8b,
        'Œ' => 0x8c,
        'Ž' => 0x8e,
        '‘' => 0x91,
        '’' => 0x92,
        '“' => 0x93,
        '”' => 0x94,
        '•' => 0x95,
        '–' => 0x96,
        '—' => 0x97,
        '˜' => 0x98,
        '™' => 0x99,
        'š' => 0x9a,
        '›' => 0x9b,
        'œ' => 0x9c,
        'ž' => 0x9e,
        'Ÿ' => 0x9f,
        _ => return None,
    })
}

/// Repairs one character of UTF-8 that was read as windows-1252 (`â€™` → `’`), returning
/// it and the number of bytes of `s` it replaces. Only a complete, valid UTF-8 sequence of a
/// non-ASCII character counts, which real text in Latin scripts practically never forms.
pub(super) fn repair_cp1252(s: &str) -> Option<(char, usize)> {
    let mut chars = s.chars();
    let lead = cp1252_byte(chars.next()?)?;
    let n = match lead {
        0xc2..=0xdf => 2,
        0xe0..=0xef => 3,
        0xf0..=0xf4 => 4,
        _ => return None,
    };
    let mut bytes = [lead, 0, 0, 0];
    let mut len = s.chars().next()?.len_utf8();
    for slot in bytes.iter_mut().take(n).skip(1) {
        let c = chars.next()?;
        let b = cp1252_byte(c)?;
        if !(0x80..=0xbf).contains(&b) {
            return None;
        }
        *slot = b;
        len += c.len_utf8();
    }
    let fixed = std::str::from_utf8(&bytes[..n]).ok()?.chars().next()?;
    (!implausible(fixed)).then_some((fixed, len))
}
