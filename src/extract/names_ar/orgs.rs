//! ORG rule: an organisation head and the ال-words that complete it.

use super::rules::*;
use super::*;

impl Finder<'_, '_> {
    /// The organisation starting with the head at token `i`: byte span.
    pub(super) fn org_at(&self, i: usize) -> Option<(usize, usize)> {
        let lex = self.lex;
        let (flag, start, definite) = self.head_at(i)?;
        if self.toks[i].known.is_some() {
            return None;
        }
        let (mut j, mut comps, mut nouns, mut not_norp) = (i + 1, 0, 0, 0);
        while comps < MAX_ORG_CHAIN {
            let Some(t) = self.word(j) else { break };
            if let Some(k) = t.known {
                let m = &self.known[k];
                let fits = m.start == t.start
                    && matches!(m.label, Label::Norp | Label::Gpe | Label::Loc | Label::Org)
                    && (t.is_al() || m.label != Label::Norp);
                if !fits {
                    break;
                }
                while self.tok(j).is_some_and(|u| u.known == Some(k)) {
                    j += 1;
                }
                comps += 1;
                if m.label != Label::Norp {
                    not_norp += 1;
                    // The government or the forces of a place are not named by the place
                    // any more than by its nationality (حكومة موسكو, حكومة إقليم كردستان):
                    // the place is the name there (ANERcorp and OntoNotes tag it alone).
                    if !(flag == Head::Noun && matches!(m.label, Label::Gpe | Label::Loc)) {
                        nouns += 1;
                    }
                }
                continue;
            }
            let plain = t.is_al()
                && !lex.names.contains(&t.fold)
                && !t.function
                && !lex.org_stop.contains(&t.fold)
                && !lex.cue_first.contains(&t.fold);
            // وزارة الاقتصاد والتجارة, but not الجيش الأمريكي والشرطة
            let coordinated = !plain && comps > 0 && t.fold.starts_with("وال") && t.fold.chars().count() >= 5 && {
                let stem = &t.fold['و'.len_utf8()..];
                !lex.org_stop.contains(stem) && !lex.heads.contains_key(stem) && !lex.cue_first.contains(stem)
            };
            if !(plain || coordinated) {
                break;
            }
            // After a definite head only adjectives (المجلس العسكري, not المجلس التقارير); after a
            // genitive (وزارة الدفاع), a later word that is not an adjective must be rare.
            let bare = if coordinated { &t.fold['و'.len_utf8()..] } else { t.fold.as_str() };
            let adjective = is_nisba(bare) || is_elative(bare);
            if definite && !adjective {
                break;
            }
            if plain && comps > 0 && !adjective && lex.stop.contains(&t.fold) {
                break;
            }
            comps += 1;
            not_norp += 1;
            if !adjective {
                nouns += 1;
            }
            j += 1;
        }
        let ok = match flag {
            Head::Any => not_norp > 0,
            Head::Noun => nouns > 0,
            Head::Adj => comps > 0,
        };
        if !ok {
            return None;
        }
        // السفارة الأمريكية في الجزائر
        if flag == Head::Adj {
            if let (Some(p), Some(place)) = (self.word(j), self.word(j + 1)) {
                let is_place = match place.known {
                    Some(k) => matches!(self.known[k].label, Label::Gpe | Label::Loc) && self.known[k].end <= place.end,
                    None => lex.places.contains(&place.fold),
                };
                if matches!(p.fold.as_str(), "في" | "لدي") && p.known.is_none() && is_place {
                    j += 2;
                }
            }
        }
        Some((start, self.toks[j - 1].end))
    }

}
