//! The lexicon: one map from a lowercase word to its classes (titles, organisation heads,
//! given names, particles, stop words, cues), built once from `data/names/*_en.txt`.

#[allow(unused_imports)]
use super::*;

pub(super) const L_HEAD: u32 = 1; // title that can precede a name
pub(super) const L_MOD: u32 = 1 << 1; // title modifier, needs a head
pub(super) const L_HON: u32 = 1 << 2; // honorific
pub(super) const L_ROLE: u32 = 1 << 3; // role noun
pub(super) const L_ORG: u32 = 1 << 4; // organisation head word
pub(super) const L_ORG_LOC: u32 = 1 << 5; // head taking "in <Place>" ("embassy")
pub(super) const L_FIRST: u32 = 1 << 6; // given name
pub(super) const L_PARTICLE: u32 = 1 << 7; // de, van, bin, al
pub(super) const L_SUFFIX: u32 = 1 << 8; // Jr., III
pub(super) const L_STOP: u32 = 1 << 9; // never part of a name
pub(super) const L_COMMON: u32 = 1 << 10; // ordinary lowercase word
pub(super) const L_DOMAIN: u32 = 1 << 11; // policy-area word in a title complement
pub(super) const L_SAY: u32 = 1 << 12; // "<Name> said"
pub(super) const L_SAY_AFTER: u32 = 1 << 13; // "said <Name>."
pub(super) const L_BLOCK: u32 = 1 << 14; // determiner or preposition
pub(super) const L_CREDIT: u32 = 1 << 15; // photo-credit word
pub(super) const L_ADMIN: u32 = 1 << 16; // "administration"
pub(super) const L_COMPASS: u32 = 1 << 17; // north, western
pub(super) const L_ABBR: u32 = 1 << 18; // key ends with '.': the tokenizer keeps the dot
pub(super) const L_ORG_END: u32 = 1 << 19; // legal-form suffix (Inc., Ltd): no complement after it
pub(super) const L_FACILITY: u32 = 1 << 20; // airport, prize, falls: "<Name> <facility>" is no person
pub(super) const L_ORG_KIND: u32 = 1 << 21; // airline, regulator: "airline <Name>" is an organisation
pub(super) const L_ORG_POST: u32 = 1 << 22; // boss, founder: "<Name> boss <Name>"
pub(super) const L_ORG_STAKE: u32 = 1 << 23; // shares, employees: "<Name> shares"
pub(super) const L_REGION_HEAD: u32 = 1 << 24; // region, prison: "<Name> region" is a location
pub(super) const L_ADMIN_HEAD: u32 = 1 << 25; // province, county: "<Name> province" is a GPE
pub(super) const L_WORK_KIND: u32 = 1 << 26; // film, album: "film <Name>" is a work's title
pub(super) const L_ACRONYM: u32 = 1 << 27; // TV, GDP: an initialism that is a common noun
pub(super) const L_CLUB_POST: u32 = 1 << 28; // striker, flanker: "<Town> striker" is its club
pub(super) const L_PRODUCT_HEAD: u32 = 1 << 29; // worm, processor: "<Name> worm" is a product
pub(super) const L_LAW_HEAD: u32 = 1 << 30; // Act, Treaty: "<Name> Act" is a law
pub(super) const L_DISEASE_HEAD: u32 = 1 << 31; // disease: "<Name>'s disease" is a disease

pub(super) const L_TITLE: u32 = L_HEAD | L_MOD | L_HON | L_ROLE;
pub(super) const L_TITLE_HEAD: u32 = L_HEAD | L_HON | L_ROLE;


pub(super) struct Lexicon {
    /// Lowercase UTF-8 key -> class flags, for keys longer than [`SHORT`] bytes.
    long: FxHashMap<Box<[u8]>, u32>,
    /// The same for the other keys (almost all), each packed into a `u128` ([`pack`]): a
    /// probe compares two integers where a boxed key cost a pointer chase and a `memcmp`,
    /// and the tokenizer looks up every word of a document.
    short: FxHashMap<u128, u32>,
}

/// Longest key packed into a `u128`: its bytes and its length in the top byte.
const SHORT: usize = 15;

/// A key of at most [`SHORT`] bytes as one integer; distinct keys give distinct integers
/// (the length tells `a` from `a\0`).
#[inline]
fn pack(key: &[u8]) -> u128 {
    let mut b = [0u8; 16];
    b[..key.len()].copy_from_slice(key);
    b[15] = key.len() as u8;
    u128::from_le_bytes(b)
}

pub(super) fn data_lines(src: &str) -> impl Iterator<Item = (&str, &str)> {
    crate::text::data_lines(src).filter_map(|(_, l)| {
        let l = l.trim_end_matches('\r');
        let mut it = l.split('\t');
        let key = it.next().unwrap_or("").trim();
        let class = it.next().unwrap_or("").trim();
        if key.is_empty() {
            None
        } else {
            Some((key, class))
        }
    })
}

pub(super) fn lexicon() -> &'static Lexicon {
    static LEX: OnceLock<Lexicon> = OnceLock::new();
    LEX.get_or_init(|| {
        let mut flags: FxHashMap<Box<[u8]>, u32> = FxHashMap::default();
        let mut add = |key: &str, f: u32| {
            let k = key.to_lowercase();
            let f = if k.ends_with('.') && k.len() > 1 { f | L_ABBR } else { f };
            *flags.entry(k.into_bytes().into_boxed_slice()).or_insert(0) |= f;
        };
        for (k, c) in data_lines(TITLES) {
            let f = match c {
                "head" => L_HEAD,
                "mod" => L_MOD,
                "hon" => L_HON,
                "role" => L_ROLE,
                _ => continue,
            };
            add(k, f);
        }
        for (k, c) in data_lines(ORG_HEADS) {
            add(
                k,
                match c {
                    "loc" => L_ORG | L_ORG_LOC,
                    "end" => L_ORG | L_ORG_END,
                    _ => L_ORG,
                },
            );
        }
        for (k, _) in data_lines(FIRST_NAMES) {
            add(k, L_FIRST);
        }
        for (k, c) in data_lines(PARTICLES) {
            add(
                k,
                match c {
                    "suffix" => L_SUFFIX,
                    "abbr" => 0,
                    _ => L_PARTICLE,
                },
            );
        }
        for (k, _) in data_lines(STOPWORDS) {
            add(k, L_STOP);
        }
        for (k, _) in data_lines(COMMON) {
            add(k, L_COMMON);
        }
        for (k, _) in data_lines(DOMAINS) {
            add(k, L_DOMAIN);
        }
        for (k, c) in data_lines(CUES) {
            let f = match c {
                "say" => L_SAY,
                "say_after" => L_SAY_AFTER,
                "block" => L_BLOCK,
                "credit" => L_CREDIT,
                "admin" => L_ADMIN,
                "compass" => L_COMPASS,
                "facility" => L_FACILITY,
                "org_kind" => L_ORG_KIND,
                "org_post" => L_ORG_POST,
                "club_post" => L_CLUB_POST,
                "product_head" => L_PRODUCT_HEAD,
                "law_head" => L_LAW_HEAD,
                "disease_head" => L_DISEASE_HEAD,
                "org_stake" => L_ORG_STAKE,
                "region_head" => L_REGION_HEAD,
                "admin_head" => L_ADMIN_HEAD,
                "work_kind" => L_WORK_KIND,
                _ => continue,
            };
            add(k, f);
        }
        for (k, _) in data_lines(ACRONYMS) {
            add(k, L_ACRONYM);
        }
        let (mut long, mut short) = (FxHashMap::default(), FxHashMap::default());
        for (k, f) in flags {
            if k.len() <= SHORT {
                short.insert(pack(&k), f);
            } else {
                long.insert(k, f);
            }
        }
        Lexicon { long, short }
    })
}

impl Lexicon {
    /// Flags of a lowercase key as stored (no folding).
    #[inline]
    pub(super) fn flags(&self, key: &[u8]) -> Option<u32> {
        if key.len() <= SHORT {
            self.short.get(&pack(key)).copied()
        } else {
            self.long.get(key).copied()
        }
    }

    /// Flags of `word`, looked up in lowercase without allocating for ASCII words.
    #[inline]
    pub(super) fn get(&self, word: &str) -> u32 {
        let b = word.as_bytes();
        if b.len() > 40 {
            return 0;
        }
        if b.is_ascii() {
            let mut buf = [0u8; 40];
            for (d, s) in buf.iter_mut().zip(b) {
                *d = s.to_ascii_lowercase();
            }
            self.flags(&buf[..b.len()]).unwrap_or(0)
        } else {
            let k = word.to_lowercase().replace('’', "'");
            if let Some(f) = self.flags(k.as_bytes()) {
                return f;
            }
            // "María" -> "maria", "Ségolène" -> "segolene"
            let folded: String = k.nfd().filter(|c| !is_combining_mark(*c)).collect();
            if folded != k {
                self.flags(folded.as_bytes()).unwrap_or(0)
            } else {
                0
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_is_found_by_its_bytes() {
        let lex = lexicon();
        assert!(lex.short.len() > 1000);
        for (&p, &f) in &lex.short {
            let b = p.to_le_bytes();
            let len = b[15] as usize;
            assert!(len <= SHORT);
            assert_eq!(lex.flags(&b[..len]), Some(f));
        }
        for (k, &f) in &lex.long {
            assert!(k.len() > SHORT);
            assert_eq!(lex.flags(k), Some(f));
        }
        assert_ne!(pack(b"a"), pack(b"a\0"));
        assert_eq!(lex.flags(b"no such word at all"), None);
        assert!(lex.get("President") & L_TITLE != 0);
    }
}
