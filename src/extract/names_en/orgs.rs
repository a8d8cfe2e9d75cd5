//! Rule 3: organisations by their head words, embassies, and acronyms defined after them.

#[allow(unused_imports)]
use super::*;

impl<'a> Doc<'a> {
    pub(super) fn org_token(&self, k: usize) -> bool {
        let t = &self.toks[k];
        (t.cap() || t.upper())
            && self.own[k] == 0
            && t.shape & S_HYADJ == 0
            && !t.has(L_STOP)
            && !t.known.is_some_and(|l| !is_name_label(l))
    }

    /// Complements after an organisation head: "of National Defence", "on Defense and
    /// Security", "in Algiers" (for embassies). Returns the new end.
    pub(super) fn org_complements(&self, mut r: usize, end: usize, loc: bool) -> usize {
        for _ in 0..3 {
            if !self.adj(r, end) || !self.toks[r].lower() {
                break;
            }
            let w = self.word(r);
            let ok = matches!(w, "of" | "for" | "on") || (loc && matches!(w, "in" | "to"));
            if !ok {
                break;
            }
            let mut m = r + 1;
            if self.adj(m, end) && self.is_word(m, "the") {
                m += 1;
            }
            let cstart = m;
            let mut last = None;
            while self.adj(m, end) && self.org_token(m) {
                // a title that introduces a name ends the organisation
                if self.toks[m].has(L_TITLE_HEAD)
                    && self.adj(m + 1, end)
                    && self.nameish(m + 1)
                    && !self.toks[m].has(L_DOMAIN)
                {
                    break;
                }
                m += 1;
                last = Some(m);
                if self.adj(m, end) && (self.is_word(m, "and") || self.word(m) == "&") && self.adj(m + 1, end)
                {
                    let nt = m + 1;
                    let generic = self.toks[nt].has(L_DOMAIN | L_COMMON) && self.toks[nt].cap();
                    if self.org_token(nt) && generic && !self.toks[nt].has(L_ORG) && !self.is_first(nt) {
                        m = nt;
                    }
                }
            }
            let Some(mut ce) = last else { break };
            // "Guild of St Mary's ...": the complement is cut inside a name
            if ce < end && self.toks[ce].brk == B_POSS {
                break;
            }
            // trailing title head: "Department of Energy Secretary" (keep "of the President")
            while ce > cstart + 1 && self.toks[ce - 1].has(L_TITLE_HEAD) && !self.toks[ce - 1].has(L_ORG) {
                ce -= 1;
            }
            r = ce;
        }
        r
    }

    pub(super) fn orgs(&mut self, line: Line) {
        let (start, end) = (line.start, line.end);
        let mut k = start;
        while k < end {
            let t = self.toks[k];
            if !t.has(L_ORG) || self.own[k] != 0 {
                k += 1;
                continue;
            }
            if t.lower() {
                if t.has(L_ORG_LOC) {
                    self.lower_embassy(k, start, end);
                }
                k += 1;
                continue;
            }
            // left modifiers
            let mut l = k;
            loop {
                if l > start + 1
                    && self.toks[l].brk == B_NONE
                    && self.is_word(l - 1, "and")
                    && self.toks[l - 1].brk == B_NONE
                {
                    // "Food and Drug Administration": generic words on both sides
                    let (x, y) = (&self.toks[l - 2], &self.toks[l]);
                    if self.org_token(l - 2) && x.cap() && x.has(L_COMMON) && y.has(L_COMMON) {
                        l -= 2;
                        continue;
                    }
                }
                // "People's Liberation Army", "Children's Fund" (but not "Ruritania's Ministry")
                let poss_ok = self.toks[l].brk == B_POSS
                    && l > start
                    && self.toks[l - 1].has(L_COMMON)
                    && !self.toks[l - 1].sent;
                if !(l > start && (self.toks[l].brk == B_NONE || poss_ok) && self.org_token(l - 1)) {
                    break;
                }
                let p = &self.toks[l - 1];
                // a sentence-initial common word is not a modifier unless capitalised words follow
                if p.sent && p.has(L_COMMON) && !p.has(L_DOMAIN | L_ORG | L_TITLE) && l == k {
                    break;
                }
                l -= 1;
            }
            // more heads: "State Council Committee", "Holdings Inc.", and words that
            // lead to one: "Communist Party Central Committee"
            let mut r = k + 1;
            loop {
                let mut q = r;
                while q < r + 3
                    && self.adj(q, end)
                    && self.org_token(q)
                    && !self.toks[q].has(L_ORG | L_TITLE_HEAD)
                    && !self.is_first(q)
                {
                    q += 1;
                }
                if self.adj(q, end) && self.org_token(q) && self.toks[q].has(L_ORG) {
                    r = q + 1;
                    continue;
                }
                break;
            }
            let loc = (k..r).any(|q| self.toks[q].has(L_ORG_LOC));
            let r = if self.toks[r - 1].has(L_ORG_END) { r } else { self.org_complements(r, end, loc) };
            let caps = (l..r).filter(|&q| self.toks[q].cap() || self.toks[q].upper()).count();
            let suffixes_only = (l..r).all(|q| self.toks[q].has(L_ORG_END)); // "Co Inc"

            let heads_only_left = (l..k).all(|q| self.toks[q].has(L_COMPASS));
            let exact_known = self.is_known_span(self.toks[l].s, self.toks[r - 1].e);
            if caps >= 2
                && !suffixes_only
                && !(heads_only_left && r == k + 1 && l < k)
                && !(l == k && r == k + 1)
                && !exact_known
            {
                let has_known = (l..r).any(|q| self.toks[q].known.is_some());
                self.push(l, r, Label::Org, if has_known { 0.8 } else { 0.75 });
                self.acronym_after(r, end);
                k = r;
                continue;
            }
            k += 1;
        }
    }

    /// "Ruritanian embassy in Valdoria", "the French consulate in Lyon".
    pub(super) fn lower_embassy(&mut self, k: usize, start: usize, end: usize) {
        if k == start || self.toks[k].brk != B_NONE || !self.org_token(k - 1) {
            return;
        }
        let p = &self.toks[k - 1];
        if !(p.upper()
            || p.known.is_some_and(|l| matches!(l, Label::Gpe | Label::Norp))
            || demonym_like(self.word(k - 1)))
        {
            return;
        }
        let mut l = k - 1;
        // multi-token known modifier ("United States embassy")
        while l > start
            && self.toks[l].brk == B_NONE
            && self.toks[l - 1].known.is_some()
            && self.toks[l - 1].known == self.toks[l].known
        {
            l -= 1;
        }
        if !self.adj(k + 1, end) || !matches!(self.word(k + 1), "in" | "to") {
            return;
        }
        let r = self.org_complements(k + 1, end, true);
        if r > k + 2 {
            self.push(l, r, Label::Org, 0.8);
        }
    }

    /// "Popular Unity Front (PUF)": the acronym is an ORG.
    pub(super) fn acronym_after(&mut self, r: usize, end: usize) {
        if r >= end || self.own[r] != 0 || !self.toks[r].upper() || self.toks[r].known.is_some() {
            return;
        }
        let gap = self.text[self.toks[r - 1].e..self.toks[r].s].trim();
        let after = &self.text[self.toks[r].e..];
        if gap == "(" && after.starts_with(')') {
            self.acros.push(self.word(r));
            self.push(r, r + 1, Label::Org, 0.7);
        }
    }

    /// Later uses of acronyms defined in the document.
    pub(super) fn acronyms(&mut self) {
        let defs = std::mem::take(&mut self.acros);
        if defs.is_empty() {
            return;
        }
        for k in 0..self.toks.len() {
            let t = self.toks[k];
            if t.upper() && self.own[k] == 0 && t.known.is_none() && defs.contains(&self.word(k)) {
                self.push(k, k + 1, Label::Org, 0.7);
            }
        }
    }

    // ----- document rules ---------------------------------------------------------------

}
