//! The document the rules work on, its token helpers, and the claims that keep later
//! rules off tokens earlier ones took.

#[allow(unused_imports)]
use super::*;

pub(super) const OWN_PERSON: u8 = 1;
pub(super) const OWN_ORG: u8 = 2;
pub(super) const OWN_TITLE: u8 = 3;

pub(super) fn is_name_label(l: Label) -> bool {
    matches!(l, Label::Gpe | Label::Loc | Label::Norp | Label::Org)
}

/// Demonym-like adjectives ("Brazilian", "Japanese", "Turkish"): not a bare surname.
pub(super) fn demonym_like(w: &str) -> bool {
    const SUF: [&str; 7] = ["ian", "ean", "ese", "ish", "can", "ans", "ine"];
    w.len() > 4 && SUF.iter().any(|s| w.ends_with(s))
}

/// Damerau-Levenshtein distance <= 1 (one substitution, insertion, deletion or swap).
pub(super) fn within_one_edit(a: &str, b: &str) -> bool {
    if a.len().abs_diff(b.len()) > 4 {
        return false;
    }
    if a.is_ascii() && b.is_ascii() {
        return edit1(a.as_bytes(), b.as_bytes());
    }
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    edit1(&a, &b)
}

pub(super) fn edit1<T: PartialEq>(a: &[T], b: &[T]) -> bool {
    let (la, lb) = (a.len(), b.len());
    if la.abs_diff(lb) > 1 || a == b {
        return false;
    }
    let p = a.iter().zip(b.iter()).take_while(|(x, y)| x == y).count();
    if la == lb {
        if a[p + 1..] == b[p + 1..] {
            return true;
        }
        return p + 1 < la && a[p] == b[p + 1] && a[p + 1] == b[p] && a[p + 2..] == b[p + 2..];
    }
    let (long, short) = if la > lb { (a, b) } else { (b, a) };
    long[p + 1..] == short[p..]
}

pub(super) struct Doc<'a> {
    pub(super) text: &'a str,
    pub(super) toks: Vec<Tok>,
    pub(super) lines: Vec<Line>,
    pub(super) own: Vec<u8>,
    pub(super) out: Vec<Mention>,
    /// Full names found by strong rules: token texts, surname last.
    pub(super) names: Vec<Vec<&'a str>>,
    /// Acronyms defined in parentheses after an ORG.
    pub(super) acros: Vec<&'a str>,
    pub(super) known: &'a [Mention],
    /// Byte spans of the title phrases the person rule read ("US Secretary of Defense"
    /// minus "US": "Secretary of Defense"), with their complements.
    pub(super) titles: Vec<std::ops::Range<usize>>,
}

impl<'a> Doc<'a> {
    /// A known mention spans exactly [s, e).
    pub(super) fn is_known_span(&self, s: usize, e: usize) -> bool {
        let from = self.known.partition_point(|m| m.start < s);
        self.known[from..].iter().take_while(|m| m.start == s).any(|m| m.end == e)
    }

    #[inline]
    pub(super) fn word(&self, k: usize) -> &'a str {
        &self.text[self.toks[k].s..self.toks[k].e]
    }

    #[inline]
    pub(super) fn is_word(&self, k: usize, w: &str) -> bool {
        self.word(k).eq_ignore_ascii_case(w)
    }

    /// Token `k` continues the phrase of token `k - 1` (same line, only spaces between).
    #[inline]
    pub(super) fn adj(&self, k: usize, end: usize) -> bool {
        k < end && self.toks[k].brk == B_NONE
    }

    /// A given name: lexicon, or the Arabic "Abd-" compound prefix, or "-eddine" names.
    pub(super) fn is_first(&self, k: usize) -> bool {
        let t = &self.toks[k];
        if !t.cap() || t.upper() || t.known.is_some_and(is_name_label) {
            return false;
        }
        if t.has(L_FIRST) {
            return true;
        }
        let w = self.word(k);
        if t.has(L_COMMON | L_STOP) {
            return false;
        }
        (w.len() >= 3 && w.starts_with("Abd"))
            || ["eddine", "eddin", "uddin", "edine"].iter().any(|s| w.len() > s.len() + 2 && w.ends_with(s))
    }

    /// A token that can be part of a personal name.
    pub(super) fn nameish(&self, k: usize) -> bool {
        let t = &self.toks[k];
        if self.own[k] != 0 || t.shape & (S_DIGIT | S_HYADJ) != 0 {
            return false;
        }
        if t.known.is_some_and(|l| l != Label::Person) {
            return false;
        }
        if t.shape & S_HYPART != 0 {
            return true;
        }
        if !(t.cap() || t.shape & S_INITIAL != 0) || (t.upper() && t.shape & S_INITIAL == 0) {
            return false;
        }
        if t.has(L_FIRST) {
            return !t.has(L_TITLE | L_ORG);
        }
        !t.has(L_STOP | L_TITLE | L_ORG)
    }

    /// Name tokens from `i` (particles inside, a suffix at the end), at most `max`
    /// capitalised tokens. Returns (end, number of capitalised tokens).
    pub(super) fn name_seq(&self, i: usize, end: usize, max: usize) -> (usize, usize) {
        let mut k = i;
        let mut n = 0;
        let mut last = i;
        while k < end && n < max {
            if k > i && (self.toks[k].brk != B_NONE || self.toks[k].amp) {
                break;
            }
            let t = &self.toks[k];
            if t.lower() && self.lexf(k) & L_PARTICLE != 0 && self.own[k] == 0 {
                // particle: needs a name token (or another particle) after it
                if k + 1 < end && self.toks[k + 1].brk == B_NONE {
                    let nt = &self.toks[k + 1];
                    if self.nameish(k + 1) || (nt.lower() && self.lexf(k + 1) & L_PARTICLE != 0) {
                        k += 1;
                        continue;
                    }
                }
                break;
            }
            if self.nameish(k)
                || (k == i && self.known_first(k, end))
                || (n == 1 && (self.known_surname(k, end) || self.month_surname(k, end)))
            {
                n += 1;
                k += 1;
                last = k;
                continue;
            }
            if n > 0 && t.has(L_SUFFIX) && (t.upper() || t.cap()) {
                last = k + 1;
            }
            break;
        }
        (last, n)
    }

    /// A given name that the knowledge base took for a place ("Victoria", "Georgia"), followed
    /// by a surname-like word: the name wins ("Victoria Halden"; but "Jordan Valley").
    pub(super) fn known_first(&self, k: usize, end: usize) -> bool {
        let t = &self.toks[k];
        t.cap()
            && self.own[k] == 0
            && t.has(L_FIRST)
            && t.known.is_some_and(|l| matches!(l, Label::Gpe | Label::Loc))
            && self.adj(k + 1, end)
            && self.nameish(k + 1)
            && !self.toks[k + 1].has(L_COMMON | L_FACILITY | L_FIRST)
            && self.toks[k + 1].shape & S_INITIAL == 0
    }

    /// A surname that the knowledge base took for a place or an organisation, right after
    /// a given name and closing the name: "Gary Tarvonia" where the KB knows a place "Tarvonia".
    pub(super) fn known_surname(&self, k: usize, end: usize) -> bool {
        let t = &self.toks[k];
        t.cap()
            && !t.upper()
            && self.own[k] == 0
            && t.known_exact
            && t.known.is_some_and(|l| matches!(l, Label::Gpe | Label::Loc | Label::Org))
            && self.toks[k - 1].known.is_none()
            && self.is_first(k - 1)
            && !(self.adj(k + 1, end) && (self.nameish(k + 1) || self.toks[k + 1].cap()))
    }

    /// A month name that is also a surname, right after a given name and not dating anything
    /// after it: "Theresa [May] said", "Brian [May]" (but "Christmas May 5").
    pub(super) fn month_surname(&self, k: usize, end: usize) -> bool {
        matches!(self.word(k), "May" | "March" | "April" | "June" | "August")
            && self.own[k] == 0
            && self.is_first(k - 1)
            && !(self.adj(k + 1, end) && self.toks[k + 1].shape & S_DIGIT != 0)
    }

    /// Token `i` continues a capitalised run of unknown words ("San [Francisco]").
    pub(super) fn glued_to_name(&self, i: usize, start: usize) -> bool {
        if i == start || self.toks[i].brk != B_NONE {
            return false;
        }
        let p = &self.toks[i - 1];
        p.cap()
            && !p.upper()
            && self.own[i - 1] == 0
            && p.known.is_none()
            && !p.has(L_TITLE | L_STOP)
            && !demonym_like(self.word(i - 1))
    }

    /// A lowercase place or thing noun follows a name: "Jane Doe airport", "Doe prize".
    pub(super) fn facility_follows(&self, k: usize, end: usize) -> bool {
        self.adj(k, end) && self.toks[k].lower() && self.toks[k].has(L_FACILITY)
    }

    /// The token after `k` is an organisation head: the name names an organisation.
    pub(super) fn org_follows(&self, k: usize, end: usize) -> bool {
        self.adj(k, end) && self.toks[k].has(L_ORG) && (self.toks[k].cap() || self.toks[k].upper())
    }

    pub(super) fn push(&mut self, a: usize, b: usize, label: Label, score: f32) {
        let own = if label == Label::Person { OWN_PERSON } else { OWN_ORG };
        for o in &mut self.own[a..b] {
            *o = own;
        }
        let (s, e) = (self.toks[a].s, self.toks[b - 1].e);
        self.out.push(Mention::new(s, e, label, Source::Rule, score));
    }

    pub(super) fn add_person(&mut self, a: usize, b: usize, score: f32, strong: bool) {
        if strong {
            let words: Vec<&'a str> = (a..b)
                .filter(|&k| {
                    !self.toks[k].has(L_SUFFIX) && !(self.toks[k].lower() && self.lexf(k) & L_PARTICLE != 0)
                })
                .map(|k| self.word(k))
                .collect();
            let last = (a..b).rev().find(|&k| !self.toks[k].has(L_SUFFIX));
            let sur_ok = last.is_some_and(|k| {
                let t = &self.toks[k];
                t.e - t.s >= 2 && t.shape & (S_INITIAL | S_UPPER | S_DOT) == 0
            });
            if !words.is_empty() && sur_ok {
                self.names.push(words);
            }
        }
        self.push(a, b, Label::Person, score);
    }

    // ----- titles ---------------------------------------------------------------------

}
