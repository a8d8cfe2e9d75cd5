//! The rule pass: the finder's state, token tests shared by the rules, and the one pass over
//! the tokens that tries each rule in order of score.

use super::lexicon::*;
use super::tokens::*;
use super::*;

/// How a token fits in a name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Fit {
    No,
    /// Not excluded, not in the name lexicon.
    Maybe,
    /// In the name lexicon.
    Known,
}

pub(super) struct Finder<'t, 'k> {
    pub(super) lex: &'static Lexicon,
    pub(super) toks: Vec<Tok<'t>>,
    pub(super) known: &'k [Mention],
}

/// A name found: byte span, index of the token after it, and whether a token is in the name
/// lexicon (or a name prefix such as عبد).
pub(super) struct Name {
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) next: usize,
    pub(super) lexical: bool,
}

/// What the first token of a name must be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum First {
    /// Anything that fits a name (after a title).
    Any,
    /// A known given name.
    Lexicon,
    /// A token of the name lexicon.
    Name,
    /// A known first name after proclitics ending at this byte offset in the token.
    Stem(usize),
}

/// How a name is read from its first token.
#[derive(Debug, Clone, Copy)]
pub(super) struct Mode {
    pub(super) first: First,
    /// Tokens outside the name lexicon allowed (only ever in the first two units).
    pub(super) guesses: usize,
    /// An ال-word may end the name after its first word (سمير القنطار).
    pub(super) al_surname: bool,
}

/// After a title: anything name-like.
pub(super) const AFTER_TITLE: Mode = Mode { first: First::Any, guesses: usize::MAX, al_surname: true };
/// After a speech verb: a known first name, then anything name-like.
pub(super) const AFTER_VERB: Mode = Mode { first: First::Name, guesses: usize::MAX, al_surname: true };


impl Finder<'_, '_> {
    pub(super) fn tok(&self, i: usize) -> Option<&Tok<'_>> {
        self.toks.get(i)
    }

    pub(super) fn word(&self, i: usize) -> Option<&Tok<'_>> {
        self.toks.get(i).filter(|t| t.is_word())
    }

    pub(super) fn known_label(&self, t: &Tok<'_>) -> Option<Label> {
        t.known.map(|k| self.known[k].label)
    }

    /// A cue starting at token `i` (possibly after proclitics): kind and index after it.
    pub(super) fn cue_at(&self, i: usize) -> Option<(Cue, usize)> {
        let lex = self.lex;
        let t = self.word(i)?;
        if t.known.is_some() || t.function {
            return None;
        }
        let first = if lex.cue_first.contains(&t.fold) {
            t.fold.clone()
        } else {
            let (_, stem) = t.stem.as_ref()?;
            if !lex.cue_first.contains(stem) || t.stem_function {
                return None;
            }
            stem.clone()
        };
        let mut phrase = first;
        let mut best = lex.cues.get(&phrase).map(|&c| (c, i + 1));
        for n in 1..lex.cue_len {
            let Some(next) = self.word(i + n) else { break };
            phrase.push(' ');
            phrase.push_str(&next.fold);
            if let Some(&c) = lex.cues.get(&phrase) {
                best = Some((c, i + n + 1));
            }
        }
        best
    }

    /// An organisation head at token `i`: flag, byte start of the head (after proclitics) and
    /// whether it is definite (المجلس, للسفارة: adjectives follow, not a genitive).
    pub(super) fn head_at(&self, i: usize) -> Option<(Head, usize, bool)> {
        let t = self.word(i)?;
        if let Some(&h) = self.lex.heads.get(&t.fold) {
            return Some((h, t.start, t.fold.starts_with("ال")));
        }
        let (off, stem) = t.stem.as_ref()?;
        self.lex.heads.get(stem).map(|&h| (h, t.start + off, stem.starts_with("ال")))
    }

    /// Whether token `i` can be part of a name.
    pub(super) fn fit(&self, i: usize) -> Fit {
        let Some(t) = self.word(i) else { return Fit::No };
        let lex = self.lex;
        if t.known.is_some() || t.function || lex.prefixes.contains(&t.fold) {
            return Fit::No;
        }
        if lex.names.contains(&t.fold) {
            return Fit::Known;
        }
        // و before an alef with hamza is "and": no word of a name begins so (ماكاي وإدغار …).
        if t.text.starts_with(['و', 'ف']) && t.text[2..].starts_with(['أ', 'إ', 'آ']) {
            return Fit::No;
        }
        if t.fold.chars().count() < 2
            || t.is_al()
            || lex.stop.contains(&t.fold)
            || lex.places.contains(&t.fold)
            || lex.cue_first.contains(&t.fold)
            || lex.heads.contains_key(&t.fold)
            // A present-tense verb (يزور, يعتزم): names in ي are in the lexicon.
            || (t.fold.starts_with('ي') && t.fold.chars().count() >= 4)
            // A possessive suffix (خارجيتها, حكومتهم), a feminine plural (برقيات, اتصالات).
            || (t.fold.chars().count() >= 5 && ["ها", "هم", "هما", "كم"].iter().any(|s| t.fold.ends_with(s)))
            || (t.fold.chars().count() >= 6 && t.fold.ends_with("ات"))
        {
            return Fit::No;
        }
        // With a proclitic that leaves a known word (وزوجته, بزيارة, والرئيس), the token is that
        // word; otherwise the first letters may be the name's own (فولكوفا, بوفلجة).
        if let Some((_, stem)) = &t.stem {
            if stem.starts_with("ال")
                || t.stem_function
                || lex.names.contains(stem)
                || lex.stop.contains(stem)
                || lex.cue_first.contains(stem)
                || lex.heads.contains_key(stem)
                || lex.places.contains(stem)
            {
                return Fit::No;
            }
        }
        Fit::Maybe
    }

    pub(super) fn is_prefix(&self, i: usize) -> bool {
        self.word(i).is_some_and(|t| t.known.is_none() && self.lex.prefixes.contains(&t.fold))
    }

    /// A name unit led by prefixes at `i` (عبد الرزاق, بن عبد العزيز, آل ثاني): the index after
    /// it. The word completing the prefixes may begin with ال.
    pub(super) fn prefix_unit(&self, i: usize) -> Option<usize> {
        let lex = self.lex;
        let mut j = i;
        while self.is_prefix(j) && j - i < 3 {
            j += 1;
        }
        let next = self.word(j).filter(|_| j > i)?;
        let ok = next.known.is_none()
            && !next.function
            && !lex.stop.contains(&next.fold)
            && !lex.prefixes.contains(&next.fold)
            && next.fold.chars().count() >= 2;
        ok.then_some(j + 1)
    }

    /// An ال-word that may end a name after its first word (سمير القنطار, يوسف القرضاوي).
    pub(super) fn al_surname(&self, i: usize) -> bool {
        let lex = self.lex;
        self.word(i).is_some_and(|t| {
            t.is_al()
                && t.known.is_none()
                && !t.function
                && !lex.stop.contains(&t.fold)
                && !lex.places.contains(&t.fold)
                && !lex.org_stop.contains(&t.fold)
                && !lex.cue_first.contains(&t.fold)
                && !lex.heads.contains_key(&t.fold)
                && !lex.links.contains(&t.fold)
        })
    }

    pub(super) fn is_suffix(&self, i: usize) -> bool {
        self.word(i).is_some_and(|t| t.known.is_none() && self.lex.suffixes.contains(&t.fold))
    }


    pub(super) fn run(&self) -> Vec<Mention> {
        let lex = self.lex;
        let mut out: Vec<Mention> = Vec::new();
        // End of the last PERSON emitted: no second PERSON overlaps it.
        let mut person_end = 0;
        let n = self.toks.len();
        for i in 0..n {
            let t = &self.toks[i];
            if t.kind == Kind::Punct {
                // Apposition: X Y، <title>
                if matches!(t.text, "،" | ",") {
                    let plain_cue =
                        self.word(i + 1).is_some_and(|u| !u.conjunction() || lex.cue_first.contains(&u.fold));
                    if plain_cue && matches!(self.cue_at(i + 1), Some((Cue::Title | Cue::Weak, _))) {
                        if let Some(name) = self.before_comma(i) {
                            push_person(&mut out, &mut person_end, &name, SCORE_APPOSITION);
                        }
                    }
                }
                continue;
            }
            if !t.is_word() || t.start < person_end {
                continue;
            }
            let mut found = false;
            match self.cue_at(i) {
                Some((cue @ (Cue::Title | Cue::Weak), next)) => {
                    if let Some(name) = self.after_title(next) {
                        if cue == Cue::Title || name.lexical {
                            let score = if name.lexical { SCORE_TITLE_KNOWN } else { SCORE_TITLE };
                            push_person(&mut out, &mut person_end, &name, score);
                            found = true;
                        }
                    }
                }
                Some((Cue::Verb, next)) => {
                    if let Some(name) = self.name_from(next, AFTER_VERB) {
                        push_person(&mut out, &mut person_end, &name, SCORE_VERB);
                        found = true;
                    }
                }
                None => {}
            }
            if let Some((start, end)) = self.org_at(i) {
                out.push(Mention::new(start, end, Label::Org, Source::Rule, SCORE_ORG));
                continue;
            }
            if found || t.known.is_some() {
                continue;
            }
            // No cue: one organisation-lexicon token.
            if let Some(start) = self.lexicon_token(t, &lex.orgs) {
                out.push(Mention::new(start, t.end, Label::Org, Source::Rule, SCORE_ORG_SINGLE));
                continue;
            }
            // No cue: a known first name and known name tokens (one unknown token after a
            // first name that never occurs outside names), or one such name token alone.
            let first = if lex.firsts.contains(&t.fold) {
                Some(First::Lexicon)
            } else if lex.names.contains(&t.fold) {
                None
            } else {
                self.lexicon_token(t, &lex.firsts).map(|start| First::Stem(start - t.start))
            };
            // A given name takes one unknown surname (فرناندو ألونسو, سمير القنطار); another
            // name token starts a run of three known tokens (جاسم محمد مهدي).
            let run = match first {
                Some(First::Stem(off)) => Some((Mode { first: First::Stem(off), guesses: 0, al_surname: false }, 2)),
                Some(first) => Some((Mode { first, guesses: 1, al_surname: true }, 2)),
                None if lex.names.contains(&t.fold) => {
                    Some((Mode { first: First::Name, guesses: 0, al_surname: false }, 3))
                }
                None => None,
            };
            if let Some((mode, min)) = run {
                if let Some(name) = self.name_from(i, mode).filter(|name| name.next - i >= min) {
                    push_person(&mut out, &mut person_end, &name, SCORE_RUN);
                    continue;
                }
            }
            if lex.prefixes.contains(&t.fold) {
                continue;
            }
            if let Some(start) = self.lexicon_token(t, &lex.single) {
                let name = Name { start, end: t.end, next: i + 1, lexical: true };
                push_person(&mut out, &mut person_end, &name, SCORE_SINGLE);
            }
        }
        out.sort_by_key(|m| (m.start, m.end));
        self.propagate_surnames(&mut out);
        out
    }

    /// Byte start of token `t` as an entry of `set`: the whole token, or its stem after
    /// proclitics when the whole token is neither a name token nor a frequent word.
    pub(super) fn lexicon_token(&self, t: &Tok<'_>, set: &HashSet<String>) -> Option<usize> {
        if t.known.is_some() || t.function {
            return None;
        }
        if set.contains(&t.fold) {
            return Some(t.start);
        }
        if self.lex.names.contains(&t.fold) || self.lex.stop.contains(&t.fold) {
            return None;
        }
        let (off, stem) = t.stem.as_ref()?;
        (set.contains(stem) && stem.chars().count() >= 3).then_some(t.start + off)
    }

}
