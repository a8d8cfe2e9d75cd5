//! PERSON rules: a name read after a title or a speech verb, a name in apposition before a
//! title, and surnames propagated through the document.

use crate::text::arabic::fold_str;
use super::lexicon::*;
use super::rules::*;
use super::*;

impl Finder<'_, '_> {
    /// The name starting at token `i`, read as `mode` says: 1–3 units (a prefix unit such as
    /// عبد الرزاق or بن علي counts once and does not count towards the three), tokens outside the
    /// lexicon only in the first two units, a theophoric suffix (الله, الدين) after a word.
    pub(super) fn name_from(&self, i: usize, mode: Mode) -> Option<Name> {
        let first = mode.first;
        let lex = self.lex;
        let (mut j, mut units, mut plain, mut lexical, mut guessed) = (i, 0, 0, false, 0);
        // A first word known only as a surname or lone name (شيراك): no unknown word follows.
        let mut surname_first = false;
        let mut start = self.tok(i)?.start;
        while j - i < MAX_NAME_TOKENS {
            if let Some(end) = self.prefix_unit(j).filter(|&end| end - i <= MAX_NAME_TOKENS) {
                if j == i && matches!(first, First::Stem(_)) {
                    return None;
                }
                lexical = true;
                units += 1;
                j = end;
                continue;
            }
            if j > i && self.is_suffix(j) {
                j += 1; // نصر الله
                continue;
            }
            if plain >= MAX_UNITS {
                break;
            }
            let fit = if j == i {
                match first {
                    First::Any => self.fit(j),
                    First::Lexicon if lex.firsts.contains(&self.toks[j].fold) => self.fit(j),
                    First::Lexicon => return None,
                    First::Name if lex.names.contains(&self.toks[j].fold) => Fit::Known,
                    First::Name => return None,
                    First::Stem(off) => {
                        let t = &self.toks[j];
                        let stem = fold_str(&t.text[off..]);
                        if !lex.firsts.contains(&stem) || lex.stop.contains(&stem) {
                            return None;
                        }
                        start = t.start + off;
                        Fit::Known
                    }
                }
            } else {
                match self.fit(j) {
                    Fit::No if mode.al_surname && self.al_surname(j) => Fit::Maybe,
                    fit => fit,
                }
            };
            let al_last = j > i && fit == Fit::Maybe && self.toks[j].is_al();
            let ok = match fit {
                Fit::No => false,
                Fit::Known => true,
                // Beyond the second unit only lexicon tokens continue a name, or a family name
                // with ال after known words (ابراهيم عبد العزيز السهلاوي).
                Fit::Maybe => guessed < mode.guesses && !surname_first && (units <= 1 || (al_last && guessed == 0)),
            };
            if !ok {
                break;
            }
            if j == i && fit == Fit::Known && !matches!(first, First::Stem(_)) {
                surname_first = lex.surnames.contains(&self.toks[j].fold);
            }
            lexical |= fit == Fit::Known;
            guessed += usize::from(fit == Fit::Maybe);
            units += 1;
            plain += 1;
            j += 1;
            if al_last {
                break; // the family name ends the name
            }
        }
        (j > i).then(|| Name { start, end: self.toks[j - 1].end, next: j, lexical })
    }

    /// The name after a title ending before token `i`, past complements and modifiers.
    pub(super) fn after_title(&self, mut i: usize) -> Option<Name> {
        let lex = self.lex;
        let mut skipped = 0;
        while skipped < MAX_SKIP {
            let t = self.word(i)?;
            match self.known_label(t) {
                Some(Label::Norp | Label::Gpe | Label::Loc | Label::Org) => {
                    let k = t.known;
                    while self.tok(i).is_some_and(|u| u.known == k) {
                        i += 1;
                    }
                    skipped += 1;
                    continue;
                }
                Some(_) => return None,
                None => {}
            }
            if lex.links.contains(&t.fold) {
                // المتحدث باسم الخارجية, السفير لدى الجزائر: only before a complement.
                let next = self.word(i + 1)?;
                let complement = next.is_al() || next.known.is_some() || lex.places.contains(&next.fold);
                if !complement || lex.names.contains(&next.fold) {
                    return None;
                }
                i += 1;
            } else if let Some((Cue::Title | Cue::Weak, next)) = self.cue_at(i) {
                i = next; // نظيره, نائب رئيس
            } else if t.is_al() && !lex.names.contains(&t.fold) && !t.function {
                if lex.time_words.contains(&t.fold) {
                    return None; // وزير الخارجية الليلة الماضية …
                }
                i += 1; // الخارجية, الجزائري, السياسية, السابق
            } else if lex.heads.contains_key(&t.fold)
                && !t.is_al()
                && self.word(i + 1).is_some_and(|u| u.is_al() || u.known.is_some() || lex.places.contains(&u.fold))
            {
                i += 2; // رئيس مجلس الإدارة, رئيس بلدية باريس
            } else if lex.places.contains(&t.fold) && !lex.names.contains(&t.fold) {
                i += 1; // رئيس وزراء بريطانيا
            } else {
                break;
            }
            skipped += 1;
        }
        self.name_from(i, AFTER_TITLE)
    }

    /// The name ending just before the comma at token `c` (apposition `X Y، <title>`).
    pub(super) fn before_comma(&self, c: usize) -> Option<Name> {
        let lex = self.lex;
        let (mut i, mut units, mut lexical) = (c, 0, false);
        while i > 0 && c - i < MAX_NAME_TOKENS {
            let j = i - 1;
            let mut p = j;
            while p > 0 && self.is_prefix(p - 1) && j - p < 3 {
                p -= 1;
            }
            if p < j && self.prefix_unit(p) == Some(j + 1) {
                lexical = true;
                i = p;
                units += 1;
                continue;
            }
            if j > 0 && self.is_suffix(j) && self.fit(j - 1) != Fit::No {
                i = j;
                continue;
            }
            if units >= MAX_UNITS {
                // More name-like words than a name has: no clear left edge.
                if self.fit(j) != Fit::No {
                    return None;
                }
                break;
            }
            match self.fit(j) {
                Fit::No => break,
                fit => lexical |= fit == Fit::Known,
            }
            i = j;
            units += 1;
        }
        if units == 0 || (units == 1 && !lexical) {
            return None;
        }
        // The left edge: start of text, punctuation, a function or frequent word, a mention.
        if i > 0 {
            let b = &self.toks[i - 1];
            let edge = !b.is_word()
                || b.function
                || lex.stop.contains(&b.fold)
                || b.known.is_some()
                || self.cue_at(i - 1).is_some();
            if !edge {
                return None;
            }
        }
        Some(Name { start: self.toks[i].start, end: self.toks[c - 1].end, next: c, lexical })
    }

    /// Once a document names someone in full (فرناندو ألونسو), a later lone mention of the
    /// last name (ألونسو) is that person. `out` is sorted; the new mentions keep it sorted.
    pub(super) fn propagate_surnames(&self, out: &mut Vec<Mention>) {
        let lex = self.lex;
        let mut surnames: HashSet<String> = HashSet::default();
        let mut ti = 0;
        for m in out.iter().filter(|m| m.label == Label::Person) {
            while ti < self.toks.len() && self.toks[ti].end < m.end {
                ti += 1;
            }
            let Some(last) = self.toks.get(ti) else { break };
            let multi = self.toks[..ti].last().is_some_and(|p| p.start >= m.start);
            if multi
                && last.fold.chars().count() >= 3
                && !last.is_al()
                && !lex.suffixes.contains(&last.fold)
                && !lex.stop.contains(&last.fold)
                && !lex.firsts.contains(&last.fold)
            {
                surnames.insert(last.fold.clone());
            }
        }
        if surnames.is_empty() {
            return;
        }
        let mut added = Vec::new();
        let mut k = 0;
        for (i, t) in self.toks.iter().enumerate() {
            if !t.is_word() {
                continue;
            }
            while k < out.len() && out[k].end <= t.start {
                k += 1;
            }
            if k < out.len() && out[k].start < t.end {
                continue; // inside a mention found already
            }
            let Some(mut start) = self.lexicon_token(t, &surnames) else { continue };
            // Not the first word of a longer name that the rules did not take.
            if self.fit(i + 1) == Fit::Known {
                continue;
            }
            // بن لادن: with the prefixes before it, if no mention found already covers them.
            let mut p = i;
            while p > 0 && self.is_prefix(p - 1) && start == t.start {
                p -= 1;
            }
            let free = |m: &Mention| m.end <= self.toks[p].start;
            if p < i && (k == 0 || free(&out[k - 1])) && added.last().map_or(true, free) {
                start = self.toks[p].start;
            }
            added.push(Mention::new(start, t.end, Label::Person, Source::Rule, SCORE_SURNAME));
        }
        if !added.is_empty() {
            out.extend(added);
            out.sort_by_key(|m| (m.start, m.end));
        }
    }
}
