//! Rules 1 and 2: titles (with their complements) before a name, and known given names
//! starting a capitalised run.

#[allow(unused_imports)]
use super::*;

impl<'a> Doc<'a> {
    /// A complement of a title after the connector at `k` ("of State", "for the Bureau of
    /// Maritime Affairs", "of the Armed Forces"): policy-area words, organisation heads,
    /// known places, and capitalised words that lead to an organisation head.
    pub(super) fn title_complement(&self, k: usize, end: usize) -> Option<usize> {
        let mut m = k + 1;
        if !self.adj(m, end) {
            return None;
        }
        if self.is_word(m, "the") {
            m += 1;
            if !self.adj(m, end) {
                return None;
            }
        }
        let mut last = None;
        while self.adj(m, end) {
            let t = &self.toks[m];
            if t.cap() || t.upper() {
                if self.own[m] != 0 || t.has(L_STOP) {
                    break;
                }
                let ok = if t.has(L_DOMAIN) || t.has(L_ORG) || t.known.is_some_and(is_name_label) {
                    true
                } else if self.is_first(m) {
                    false
                } else {
                    // a capitalised word that leads to an organisation head
                    let mut q = m + 1;
                    let mut found = false;
                    while self.adj(q, end)
                        && (self.toks[q].cap() || self.toks[q].upper())
                        && !self.is_first(q)
                    {
                        if self.toks[q].has(L_ORG) {
                            found = true;
                            break;
                        }
                        q += 1;
                    }
                    found
                };
                if !ok {
                    break;
                }
                m += 1;
                last = Some(m);
                continue;
            }
            // inner connectors: "Defense and Security", "Bureau of Maritime Affairs"
            let w = self.word(m);
            let conn = matches!(w, "and" | "of" | "for" | "on" | "the" | "&");
            if conn && last.is_some() && self.adj(m + 1, end) {
                let nt = &self.toks[m + 1];
                if (nt.cap() || nt.upper())
                    && (nt.has(L_DOMAIN | L_ORG) || w == "the")
                    && !nt.has(L_TITLE_HEAD)
                {
                    m += 1;
                    continue;
                }
                if w == "of"
                    && self.is_word(m + 1, "the")
                    && self.adj(m + 2, end)
                    && self.toks[m + 2].has(L_DOMAIN | L_ORG)
                {
                    m += 2;
                    continue;
                }
            }
            break;
        }
        last
    }

    /// A title phrase starting at `i`: title words and complements. Returns the end of the
    /// phrase, the class of its last head (L_HEAD, L_HON or L_ROLE), and a bit mask of
    /// the title words themselves (relative to `i`; complement words are not in it).
    pub(super) fn parse_title(&self, i: usize, end: usize) -> Option<(usize, u32, u64)> {
        let mut j = i;
        let mut last: Option<(usize, u32)> = None;
        let mut mask = 0u64;
        while j < end {
            if j > i && self.toks[j].brk != B_NONE {
                break;
            }
            let t = &self.toks[j];
            if self.own[j] != 0 || t.known.is_some_and(is_name_label) {
                break;
            }
            let f = self.lexf(j);
            let role_only = f & L_TITLE == L_ROLE;
            if f & L_TITLE != 0 && self.title_as_surname(i, j, end) {
                break;
            }
            if f & L_TITLE != 0 && !(role_only && t.cap() && !t.sent) {
                if j - i < 64 {
                    mask |= 1 << (j - i);
                }
                if f & L_TITLE_HEAD != 0 {
                    let cls = if f & L_HON != 0 {
                        L_HON
                    } else if f & L_HEAD != 0 {
                        L_HEAD
                    } else {
                        L_ROLE
                    };
                    last = Some((j + 1, cls));
                }
                j += 1;
                continue;
            }
            if let Some((le, _)) = last {
                if le == j && t.lower() && matches!(self.word(j), "of" | "for" | "to" | "on") {
                    if let Some(ce) = self.title_complement(j, end) {
                        let cls = last.map_or(L_HEAD, |l| l.1);
                        last = Some((ce, cls));
                        j = ce;
                        continue;
                    }
                }
            }
            break;
        }
        last.map(|(e, c)| (e, c, mask))
    }

    // ----- pass A: persons ------------------------------------------------------------

    pub(super) fn persons(&mut self, line: Line) {
        let (start, end) = (line.start, line.end);
        let mut i = start;
        while i < end {
            let t = self.toks[i];
            if self.own[i] != 0 {
                i += 1;
                continue;
            }
            // 1. title + name
            if t.has(L_TITLE) {
                if let Some((j, cls, mask)) = self.parse_title(i, end) {
                    if self.adj(j, end) && self.title_person(i, j, cls, mask, end) {
                        self.titles.push(self.toks[i].s..self.toks[j - 1].e);
                        i = j;
                        continue;
                    }
                    if j > i + 1 {
                        self.titles.push(self.toks[i].s..self.toks[j - 1].e);
                        i = j;
                        continue;
                    }
                }
            }
            // 2. first name (or a single initial) + surname, at the start of a capitalised
            //    run: "San Francisco Giants" is not a person
            let initial = t.shape & S_INITIAL != 0 && t.e - t.s == 2;
            if (self.is_first(i) || initial || self.known_first(i, end)) && !self.glued_to_name(i, start) {
                let (mut e, n) = self.name_seq(i, end, 4);
                // A token glued to digits ("Abdelmadjid2024") starts no name sequence at all.
                if e <= i {
                    i += 1;
                    continue;
                }
                // beyond "First Last", ordinary words end the name ("Jane Doe Memorial Day")
                if n >= 3 {
                    let mut q = i + 2;
                    while q < e && !(self.toks[q].has(L_COMMON) && !self.is_first(q) && self.toks[q].cap()) {
                        q += 1;
                    }
                    e = q;
                }
                let last = self.toks[e - 1];
                let last_w = self.word(e - 1);
                let surname_ok = n >= 2
                    && !(initial && (last.shape & S_INITIAL != 0 || last.e - last.s < 2))
                    // "Christian Democrats", "Victoria Falls": a plural common noun
                    && !(last.has(L_COMMON) && last_w.ends_with('s') && !self.is_first(e - 1));
                let modifier_run = self.adj(e, end) && self.toks[e].cap() && self.toks[e].has(L_HEAD | L_MOD);
                let company = self.adj(e, end) && self.toks[e].amp;
                if surname_ok
                    && !modifier_run
                    && !company
                    && !self.org_follows(e, end)
                    && !self.facility_follows(e, end)
                {
                    let ambiguous = t.has(L_COMMON) && t.sent;
                    let score = if last.has(L_FACILITY) {
                        0.55
                    } else if initial || ambiguous || last.has(L_COMMON) {
                        0.6
                    } else {
                        0.8
                    };
                    self.add_person(i, e, score, !initial);
                    i = e;
                    continue;
                }
            }
            // 3. "<Surname> administration"
            if t.cap() && !t.upper() && self.nameish(i) && !t.has(L_COMMON) && !demonym_like(self.word(i)) {
                let prev_cap =
                    i > start && t.brk == B_NONE && (self.toks[i - 1].cap() || self.toks[i - 1].upper());
                let n = i + 1;
                if !prev_cap && n < end && self.toks[n].brk <= B_POSS && self.toks[n].has(L_ADMIN) {
                    self.add_person(i, i + 1, 0.6, false);
                    i += 1;
                    continue;
                }
            }
            i += 1;
        }
    }

    /// Whether the title word at `j` is the surname of the personal honorific at `i` right
    /// before it (`Ms King said`, `Mr Bishop`): no capitalised word follows it, as one would
    /// a title (`Mr Justice Cresswell`).
    fn title_as_surname(&self, i: usize, j: usize, end: usize) -> bool {
        let t = &self.toks[j];
        j == i + 1
            && is_personal_honorific(self.word(i))
            && t.cap()
            && !t.upper()
            && self.lexf(j) & L_STOP == 0
            && (j + 1 >= end || self.toks[j + 1].brk != B_NONE || !self.toks[j + 1].cap())
    }

    /// Name after the title phrase [i, j). Returns whether a person was added.
    pub(super) fn title_person(&mut self, i: usize, j: usize, cls: u32, mask: u64, end: usize) -> bool {
        let a = j;
        let (e, n) = self.name_seq(a, end, 4);
        let (e, n) = if n == 0 && a < end && self.lexf(a) & L_TITLE != 0 && self.title_as_surname(i, a, end) { (a + 1, 1) } else { (e, n) };
        if n == 0 || self.org_follows(e, end) || self.facility_follows(e, end) {
            return false;
        }
        let n = (a..e).filter(|&k| self.toks[k].cap() || self.toks[k].shape & S_HYPART != 0).count();
        if cls == L_ROLE && demonym_like(self.word(a)) && !self.is_first(a) {
            return false; // "fellow Indian Ocean islanders"
        }
        let score;
        if n >= 2 {
            score = if cls == L_ROLE { 0.8 } else { 0.85 };
        } else {
            // one token: "President Doe", "Mr. Smith", "analyst Doe said"
            let c = (a..e).find(|&k| self.toks[k].cap()).unwrap_or(a);
            let t = &self.toks[c];
            let particle = c > a;
            // After `Mr.` or `Dr.` a common word is a surname too (`Mrs. White`, `Mr Young`).
            let surname_cue = cls == L_HON && j == i + 1 && is_personal_honorific(self.word(i));
            // A plural of an ordinary noun after a military or civil title names a company
            // (`General Foods`), which no one bears as a surname.
            let common = (t.has(L_COMMON) || plural_of_common(self.word(c))) && !surname_cue;
            if !particle && (common || t.upper() || t.has(L_DOMAIN) || demonym_like(self.word(c))) {
                return false;
            }
            if cls == L_ROLE {
                let next_ok = e >= end
                    || self.toks[e].brk != B_NONE
                    || self.toks[e].has(L_SAY)
                    || self.is_word(e, "and");
                if !next_ok {
                    return false;
                }
                score = 0.6;
            } else {
                score = if cls == L_HON { 0.75 } else { 0.65 };
            }
        }
        for k in i..j.min(i + 64) {
            if mask & (1 << (k - i)) != 0 {
                self.own[k] = OWN_TITLE;
            }
        }
        let strong = n >= 2 || cls == L_HON;
        self.add_person(a, e, score, strong);
        true
    }

    // ----- pass B: organisations ------------------------------------------------------

}
