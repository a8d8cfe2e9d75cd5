//! Rules 4 and 5: surnames propagated through the document, photo credits, "according
//! to", speakers and appositions.

#[allow(unused_imports)]
use super::*;

/// Singular nouns that name a group or a body and take "said he" at the start of a sentence
/// ("Police said he was armed"): never a person's name there.
const COLLECTIVE_NOUNS: &[&str] = &[
    "Police", "Government", "Army", "Military", "Management", "Staff", "Security", "Intelligence",
    "Media", "Press", "Family", "Congress", "Parliament", "Court", "Justice", "Prosecution",
    "Defence", "Defense", "Leadership", "Administration", "Company", "Board", "Party",
];

impl<'a> Doc<'a> {
    /// Surnames of persons found so far mark their other standalone occurrences; a token
    /// within one edit of a long surname is a low-score PERSON.
    pub(super) fn propagate(&mut self) {
        if self.names.is_empty() {
            return;
        }
        let mut names = std::mem::take(&mut self.names);
        names.sort();
        names.dedup();
        let mut by_surname: FxHashMap<&'a str, usize> = FxHashMap::default();
        for (i, nm) in names.iter().enumerate() {
            if let Some(&sur) = nm.last() {
                by_surname.entry(sur).or_insert(i);
            }
        }
        let long: Vec<&'a str> = by_surname.keys().copied().filter(|s| s.chars().count() >= 5).collect();
        for li in 0..self.lines.len() {
            let line = self.lines[li];
            if line.shouting {
                continue;
            }
            for k in line.start..line.end {
                let t = self.toks[k];
                if self.own[k] != 0 || !t.cap() || t.upper() || t.known.is_some() || t.has(L_STOP | L_ORG) {
                    continue;
                }
                let w = self.word(k);
                let bare =
                    w.find('-').filter(|_| self.toks[k].shape & S_HYPART != 0).map_or(w, |h| &w[h + 1..]);
                // next token: not an org head or another name token
                let next_free = !(self.adj(k + 1, line.end)
                    && (self.toks[k + 1].cap() && (self.toks[k + 1].has(L_ORG) || self.nameish(k + 1))));
                let hit = by_surname.get(w).or_else(|| by_surname.get(bare)).map(|&i| &names[i]);
                if let Some(nm) = hit {
                    if !next_free {
                        continue;
                    }
                    // extend back over the rest of the name ("Jane Doe" in a headline)
                    let mut a = k;
                    let mut q = nm.len() - 1;
                    while q > 0 && a > line.start && self.toks[a].brk == B_NONE && self.own[a - 1] == 0 {
                        let pw = self.word(a - 1);
                        if pw == nm[q - 1] {
                            a -= 1;
                            q -= 1;
                        } else if self.toks[a - 1].lower() && self.lexf(a - 1) & L_PARTICLE != 0 {
                            a -= 1;
                        } else {
                            break;
                        }
                    }
                    let prev_name = a > line.start && self.toks[a].brk == B_NONE && self.nameish(a - 1);
                    if prev_name {
                        continue;
                    }
                    self.push(a, k + 1, Label::Person, if a < k { 0.8 } else { 0.75 });
                    continue;
                }
                // typo tolerance
                if w.len() < 5 || t.has(L_COMMON | L_FIRST | L_TITLE | L_DOMAIN) || !next_free {
                    continue;
                }
                let prev_cap = k > line.start
                    && t.brk == B_NONE
                    && (self.toks[k - 1].cap() || self.toks[k - 1].upper())
                    && !self.toks[k - 1].has(L_TITLE);
                if prev_cap {
                    continue;
                }
                let typo = long.iter().any(|sur| within_one_edit(sur, w));
                if typo {
                    self.push(k, k + 1, Label::Person, 0.55);
                }
            }
        }
        self.names = names;
    }

    /// "(Novapress)", "(Korvala – Archive)" closing a caption line.
    pub(super) fn credit(&mut self, line: Line) {
        if line.end == line.start {
            return;
        }
        let last = self.toks[line.end - 1];
        let rest = self.text[last.e..].split('\n').next().unwrap_or("").trim();
        if !rest.starts_with(')') || rest.len() > 2 {
            return;
        }
        // find the opening parenthesis (not at the start of the line: "( Spain)")
        let mut a = line.end - 1;
        loop {
            if a == line.start {
                return;
            }
            let gap_start = self.toks[a - 1].e;
            let gap = &self.text[gap_start..self.toks[a].s];
            if gap.contains('(') {
                break;
            }
            if a == line.start || line.end - a > 4 {
                return;
            }
            a -= 1;
        }
        // the parenthesis must not define an acronym of the words before it
        if a > line.start && self.toks[a].brk != B_SENT {
            let p = &self.toks[a - 1];
            if p.cap() || p.upper() {
                return;
            }
        }
        if (a..line.end).any(|q| {
            !(self.toks[q].cap() || self.toks[q].upper())
                || self.toks[q].shape & S_DIGIT != 0
                || self.own[q] != 0
        }) {
            return;
        }
        let mut e = a;
        while e < line.end
            && (e == a || self.toks[e].brk == B_NONE)
            && !self.toks[e].has(L_CREDIT)
            && self.org_token(e)
        {
            e += 1;
        }
        // "(Korvala – Archive)": a credit word makes it a credit even for a known place
        let credit_word = (a..line.end).any(|q| self.toks[q].has(L_CREDIT));
        if e == a || (self.toks[a].known.is_some() && !credit_word) || self.is_first(a) {
            return;
        }
        if self.is_known_span(self.toks[a].s, self.toks[e - 1].e)
            && (a..e).all(|q| self.toks[q].known == Some(Label::Org))
        {
            return;
        }
        self.push(a, e, Label::Org, if credit_word { 0.85 } else { 0.55 });
    }

    /// "according to Harbour Watch." — a named source that is not a person.
    pub(super) fn according_to(&mut self, line: Line) {
        let (start, end) = (line.start, line.end);
        for k in start..end.saturating_sub(2) {
            if !self.is_word(k, "according") || !self.adj(k + 1, end) || !self.is_word(k + 1, "to") {
                continue;
            }
            let mut a = k + 2;
            if !self.adj(a, end) {
                continue;
            }
            if self.is_word(a, "the") {
                a += 1;
                if !self.adj(a, end) {
                    continue;
                }
            }
            let mut e = a;
            while (e == a || self.adj(e, end)) && e < end && self.org_token(e) && !self.toks[e].has(L_TITLE) {
                e += 1;
            }
            if e == a || self.is_first(a) || (a..e).any(|q| self.toks[q].known.is_some()) {
                continue;
            }
            let closed = e >= end || self.toks[e].brk >= B_PUNCT;
            let single_adj = e == a + 1 && (demonym_like(self.word(a)) || self.toks[a].has(L_COMMON));
            if closed && !single_adj {
                self.push(a, e, Label::Org, 0.5);
            }
        }
    }

    /// "Doe said", "..., said Doe." — speakers.
    pub(super) fn speakers(&mut self, line: Line) {
        let (start, end) = (line.start, line.end);
        let mut k = start;
        while k < end {
            let t = self.toks[k];
            if self.own[k] != 0 || !t.cap() || t.upper() || !self.nameish(k) {
                k += 1;
                continue;
            }
            // run start: not glued to a previous capitalised token
            if k > start && t.brk == B_NONE && (self.toks[k - 1].cap() || self.toks[k - 1].upper()) {
                k += 1;
                continue;
            }
            let (e, n) = self.name_seq(k, end, 3);
            if n == 0 {
                k += 1;
                continue;
            }
            let before_block = k > start && t.brk == B_NONE && self.toks[k - 1].has(L_BLOCK);
            let single_common =
                (k..e).any(|q| self.toks[q].has(L_COMMON)) || (n == 1 && demonym_like(self.word(k)));
            // "<Name> said"
            let said_after = self.adj(e, end) && self.toks[e].lower() && self.toks[e].has(L_SAY);
            // "said <Name>."
            let said_before = k > start
                && t.brk == B_NONE
                && self.toks[k - 1].lower()
                && self.toks[k - 1].has(L_SAY_AFTER)
                && (e >= end || self.toks[e].brk >= B_PUNCT);
            // "<Name> said he": the pronoun settles what a lone name before "said" is, even
            // one that is also an English word ("Bush said he", "Rice said she"), but not a
            // plural or collective noun at the start of a sentence ("Police said he").
            let pronoun_after = said_after
                && self.adj(e + 1, end)
                && matches!(self.word(e + 1), "he" | "she")
                && !(n == 1
                    && (self.word(k).ends_with('s')
                        || COLLECTIVE_NOUNS.contains(&self.word(k))
                        || demonym_like(self.word(k))));
            // a lone unknown word before "said" is more often an agency or a company
            let said_after = said_after && (n >= 2 || pronoun_after);
            let short = (k..e).any(|q| self.toks[q].e - self.toks[q].s < 2 || self.toks[q].has(L_FACILITY));
            let common = single_common || (t.sent && t.has(L_COMMON));
            if (said_after && !before_block || said_before) && (!common || pronoun_after) && !short {
                self.add_person(k, e, 0.5, false);
                k = e;
                continue;
            }
            // "Jane Doe, the deputy minister", "Jane Doe, 45,", "Jane Doe, who"
            let after_det = k > start
                && t.brk == B_NONE
                && matches!(self.word(k - 1), "the" | "a" | "an" | "The" | "A" | "An");
            if n >= 2
                && !after_det
                && !short
                && !(k..e).any(|q| self.toks[q].has(L_COMMON) && !self.is_first(q))
            {
                if let Some(score) = self.apposition(e, end) {
                    self.add_person(k, e, score, true);
                    k = e;
                    continue;
                }
            }
            k = e.max(k + 1);
        }
    }

    /// Lexicon classes of token `k`, looking up a lowercase word not resolved yet.
    pub(super) fn lexf(&self, k: usize) -> u32 {
        let t = &self.toks[k];
        if t.looked {
            t.lex
        } else {
            lexicon().get(self.word(k))
        }
    }

    /// The text between tokens `k - 1` and `k`.
    pub(super) fn gap(&self, k: usize) -> &'a str {
        &self.text[self.toks[k - 1].e..self.toks[k].s]
    }

    /// After a name ending before token `e`: ", (the|a|an)? [Country('s)]? <title>",
    /// ", <age>," or ", who". Returns the PERSON score it supports.
    pub(super) fn apposition(&self, e: usize, end: usize) -> Option<f32> {
        if e >= end || self.gap(e).trim() != "," {
            return None;
        }
        let t = &self.toks[e];
        if t.shape & S_DIGIT != 0 {
            let w = self.word(e);
            let age = w.len() <= 3 && w.bytes().all(|b| b.is_ascii_digit());
            let closed = e + 1 < end && self.gap(e + 1).trim() == ",";
            return (age && closed).then_some(0.7);
        }
        if self.is_word(e, "who") {
            return Some(0.6);
        }
        let mut m = e;
        if t.lower() && matches!(self.word(e), "the" | "a" | "an") {
            m += 1;
        }
        if !(m < end && (m == e || self.toks[m].brk == B_NONE)) {
            return None;
        }
        // a country or nationality before the title: "US Deputy Assistant", "Ruritania's"
        let c = &self.toks[m];
        let possessor = m + 1 < end && self.toks[m + 1].brk == B_POSS;
        if (c.upper()
            || c.known.is_some_and(|l| matches!(l, Label::Gpe | Label::Norp))
            || demonym_like(self.word(m))
            || possessor)
            && (c.cap() || c.upper())
            && !c.has(L_TITLE)
            && m + 1 < end
            && self.toks[m + 1].brk <= B_POSS
        {
            m += 1;
        }
        let (j, _, _) = self.parse_title(m, end)?;
        // "Valdor City, the president said": the title starts a new clause
        if j < end && self.toks[j].brk == B_NONE && self.lexf(j) & L_SAY != 0 {
            return None;
        }
        Some(0.7)
    }
}
