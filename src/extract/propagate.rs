//! One sense per document for names: a name found at one of its uses is that name at the
//! uses the recognisers passed over.
//!
//! The tagger decides each sentence on a few words of context, so a company named once in a
//! clear frame (`Toshiba Corp`, `Toshiba's shares`) is often missed in a plain one (`The move
//! by Toshiba comes ...`), and a long name beside its acronym (`Organisation of Petroleum
//! Exporting Countries (OPEC)`) is found while the acronym's later uses are not. Newswire
//! repeats its names within an article, and a capitalised string means the same thing
//! throughout one article (Gale, Church & Yarowsky's "one sense per discourse", which
//! Ratinov & Roth 2009 carry over to NER). So after the resolver has chosen, every other
//! whole-word, same-case use of a chosen name string that no mention covers becomes a
//! mention of the same label and id.
//!
//! A person named in full is also that person where the surname stands alone (`Condoleezza
//! Rice` ... `Rice said`): the surname is one more string of the document, with the label
//! PERSON, under the same rules as the rest, unless a company or place of the document holds
//! the same word (`Freddie Heineken` of `Heineken NV`).
//!
//! The tagger also hedges: a use it is unsure of often comes out MISC, its catch-all type, so
//! a MISC use of a string the document names otherwise (`Toshiba` ORG three times, MISC once)
//! takes that other label.
//!
//! What keeps it from spreading errors:
//! - only strings the document gives one label besides MISC, and that label more often than
//!   MISC (a string found as PERSON at one use and ORG at another settles nothing); values
//!   are never carried: their patterns already read every use;
//! - only Latin-script names starting with a capital letter: case is what separates a name
//!   from a word (Arabic has none, so Arabic names are not carried);
//! - a one-word name at the start of its sentence, where any word is capitalised, is carried
//!   only when it is no function word and the document never writes it in lower case
//!   (`Real` the club against `Real wages ...`);
//! - the use must lie inside one sentence and between word boundaries (`Time` not in
//!   `Timex`).

use crate::doc::{Disjoint, Label, Mention, Source};
use crate::extract::names_en::is_function_word;
use crate::segment::{sentence_start, within_one};
use memchr::memmem;
use rustc_hash::FxHashMap;
use std::ops::Range;

/// Whether `s` can be carried to its other uses: a Latin-script name with a capital first
/// letter, on one line.
fn carriable(s: &str) -> bool {
    let mut chars = s.chars();
    let Some(first) = chars.next() else { return false };
    first.is_uppercase() && first.is_alphabetic() && !s.contains('\n') && s.chars().count() >= 2
        && s.chars().all(|c| !c.is_alphabetic() || c.is_ascii() || ('\u{00C0}'..='\u{024F}').contains(&c))
}

/// Adds, to the resolved mentions `chosen` of `text` (sorted by start), a mention at every
/// other use of a chosen name string that no mention covers (see the module docs). Keeps
/// `chosen` sorted by start.
///
/// ```
/// use newsframe::doc::{Label, Mention, Source};
/// use newsframe::extract::propagate::same_string;
/// let text = "Toshiba Corp said it would appeal. The move by Toshiba surprised analysts.";
/// let sentences = newsframe::segment::sentences(text);
/// let mut found = vec![Mention::new(0, 7, Label::Org, Source::Model, 0.9)];
/// same_string(text, &sentences, &mut found);
/// let got: Vec<_> = found.iter().map(|m| (&text[m.start..m.end], m.label.as_str())).collect();
/// assert_eq!(got, [("Toshiba", "ORG"), ("Toshiba", "ORG")]);
/// ```
pub fn same_string(text: &str, sentences: &[Range<usize>], chosen: &mut Vec<Mention>) {
    let strings = templates(text, chosen, carriable);
    if strings.is_empty() {
        return;
    }
    let template: FxHashMap<&str, usize> = strings.iter().copied().collect();
    // A MISC use of a string the document names otherwise takes that label and id.
    for i in 0..chosen.len() {
        if chosen[i].label != Label::Misc {
            continue;
        }
        let s = &text[chosen[i].start..chosen[i].end];
        if let Some(&from) = template.get(s) {
            if chosen[from].label != Label::Misc {
                chosen[i].label = chosen[from].label;
                chosen[i].kb_id = chosen[from].kb_id.clone();
            }
        }
    }
    let mut taken = taken_by(chosen);
    // Longest strings first (`templates`' order), so that a use of "Toshiba Information
    // Systems" is that name, not "Toshiba". A substring search per string: a document holds a few dozen names,
    // and building an automaton for each document cost more than the searches. memchr's
    // vectorised search, not `str::match_indices` (Two-Way, a byte at a time), which took
    // 3% of the pipeline's instructions here. Both report the same non-overlapping matches,
    // leftmost first, and a match of a whole UTF-8 string starts on a character boundary.
    let mut added = Vec::new();
    for &(s, from) in &strings {
        for start in memmem::find_iter(text.as_bytes(), s.as_bytes()) {
            let end = start + s.len();
            if !whole_words(text, start, end) || longer_name_follows(text, end) || !within_one(sentences, start, end) {
                continue;
            }
            if !s.contains(' ') && sentence_initial(text, sentences, start) && !capital_only_by_position(text, s) {
                continue;
            }
            if !taken.try_take(start, end) {
                continue;
            }
            added.push(copy_of(&chosen[from], start, end));
        }
    }
    add_sorted(chosen, added);
}

/// Whether `s` can be carried to its other uses in Arabic text: Arabic letters (and marks)
/// and spaces only, on one line, three characters or more.
fn carriable_arabic(s: &str) -> bool {
    s.chars().count() >= 3
        && s.chars().all(|c| c == ' ' || ('\u{0621}'..='\u{064A}').contains(&c) || crate::text::arabic::is_in_word_mark(c))
        && !s.starts_with(' ')
}

/// Whether the letters `p` before a use are attached proclitics: none, one of و ف ب ل ك,
/// or و/ف then ب/ل/ك (`وبكابل`, `فللبنك` is handled by the caller).
fn proclitic_run(p: &str) -> bool {
    let mut c = p.chars();
    match (c.next(), c.next(), c.next()) {
        (None, _, _) => true,
        (Some(a), None, _) => crate::text::arabic::is_proclitic(a),
        (Some(a), Some(b), None) => matches!(a, 'و' | 'ف') && matches!(b, 'ب' | 'ل' | 'ك'),
        _ => false,
    }
}

/// One sense per document for Arabic names, in the sentences the Arabic model tagged
/// (`tagged`, sorted): a chosen name string (model, rule or knowledge base; one label in the
/// document, as in [`same_string`]) becomes a mention at its other uses that no mention
/// covers. Arabic has no capitals, so what [`same_string`] reads from case comes from
/// the model and the script instead:
/// - a use may carry attached proclitics, which stay outside the span (`بكابل` after
///   `كابل`, `وبالأهلي` after `الأهلي`); after ل the article's alef is not written
///   (`للبنك التجاري` after `البنك التجاري`: the span starts at the second ل), and no
///   letter may follow (no suffix: `كابلات` is another word);
/// - a one-word name whose word the model's training text used outside names more often
///   than inside ([`crate::ner::Model::usually_outside_names`]: `بطولة`, `دين`) is not
///   carried, nor a use whose whole token is such a word (`لصالح` "in favour of", against
///   the name `صالح`).
///
/// The model's second pass already reads the labels of a stem's other uses, but leaves
/// some uses out; on eleven tenths of ANERcorp (the held-out tenth and ten blocks of the
/// training part, each tagged by a model trained without it) carrying added 83 right names
/// against 30 wrong ones (bench/eval_ner_arabic.py). Keeps `chosen` sorted by start.
pub fn same_string_arabic(text: &str, tagged: &[Range<usize>], chosen: &mut Vec<Mention>, model: &crate::ner::Model) {
    if tagged.is_empty() {
        return;
    }
    let one_word_name = |s: &str| s.contains(' ') || !model.usually_outside_names(s);
    let strings = templates(text, chosen, |s| carriable_arabic(s) && one_word_name(s));
    if strings.is_empty() {
        return;
    }
    // Longest first, as in `same_string`.
    let mut taken = taken_by(chosen);
    let mut added = Vec::new();
    for &(s, from) in &strings {
        // ل + ال is written لل: search the name without its alef, right after a ل.
        let after_lam = s.strip_prefix('ا').filter(|r| r.starts_with('ل'));
        for (needle, lam) in std::iter::once((s, false)).chain(after_lam.map(|r| (r, true))) {
            for start in memmem::find_iter(text.as_bytes(), needle.as_bytes()) {
                let end = start + needle.len();
                let before = crate::text::letters_before(text, start);
                let attached = if lam { matches!(before, "ل" | "ول" | "فل") } else { proclitic_run(before) };
                if !attached
                    || text[end..].chars().next().is_some_and(|c| c.is_alphanumeric() || crate::text::arabic::is_in_word_mark(c))
                    || !within_one(tagged, start, end)
                {
                    continue;
                }
                if !s.contains(' ') && !before.is_empty() && model.usually_outside_names(&text[start - before.len()..end]) {
                    continue;
                }
                if !taken.try_take(start, end) {
                    continue;
                }
                added.push(copy_of(&chosen[from], start, end));
            }
        }
    }
    add_sorted(chosen, added);
}

/// A carried use of `src`'s name at `start..end`: its label, source and id, with a score a
/// little below the mention it was carried from.
fn copy_of(src: &Mention, start: usize, end: usize) -> Mention {
    let mut m = Mention::new(start, end, src.label, src.source, src.score.min(0.9) * 0.9);
    m.kb_id = src.kb_id.clone();
    m
}

/// Adds the carried mentions to `chosen`, keeping it sorted by start.
fn add_sorted(chosen: &mut Vec<Mention>, added: Vec<Mention>) {
    if !added.is_empty() {
        chosen.extend(added);
        chosen.sort_by_key(|m| (m.start, m.end));
    }
}

/// The strings of `chosen`'s name mentions (model, rule or knowledge base) that pass
/// `carriable`, each with the index of one mention to copy from: per string, the only name
/// label the document gives it, or one with more uses than MISC when the rest is MISC (the
/// tagger's catch-all for a name it is unsure of); a string with two such labels settles
/// nothing. Longest strings first, then in byte order: a fixed order, whatever the hash
/// order.
fn templates<'t>(text: &'t str, chosen: &[Mention], carriable: impl Fn(&str) -> bool) -> Vec<(&'t str, usize)> {
    // Per carriable string: how many mentions of each name label, and one mention of each
    // to copy from.
    let mut votes: FxHashMap<&str, [(u32, usize); N_NAME]> = FxHashMap::default();
    // Words of the document's other names: a surname that also names a company or a place
    // (`Freddie Heineken` of `Heineken NV`) stands alone for either, so that string is not
    // carried at all.
    let other_words: Vec<&str> = chosen
        .iter()
        .filter(|m| m.label != Label::Person && name_index(m.label).is_some())
        .flat_map(|m| text[m.start..m.end].split(' '))
        .collect();
    let mut ambiguous: Vec<&str> = Vec::new();
    for (i, m) in chosen.iter().enumerate() {
        let Some(k) = name_index(m.label) else { continue };
        if !matches!(m.source, Source::Model | Source::Rule | Source::Kb) {
            continue;
        }
        let s = &text[m.start..m.end];
        if !carriable(s) {
            continue;
        }
        let v = votes.entry(s).or_insert([(0, usize::MAX); N_NAME]);
        if v[k].0 == 0 {
            v[k].1 = i;
        }
        v[k].0 += 1;
        // A person named in full is that person at the uses of the surname alone
        // (`Condoleezza Rice` ... `Rice said`), which the tagger may miss when the surname
        // is also a word.
        let surname = (m.label == Label::Person).then(|| surname(s)).flatten();
        if let Some(surname) = surname.filter(|w| other_words.contains(w)) {
            ambiguous.push(surname);
        } else if let Some(surname) = surname {
            let v = votes.entry(surname).or_insert([(0, usize::MAX); N_NAME]);
            if v[k].0 == 0 {
                v[k].1 = i;
            }
            v[k].0 += 1;
        }
    }
    let mut strings: Vec<(&str, usize)> = votes
        .iter()
        .filter(|(s, _)| !ambiguous.contains(s))
        .filter_map(|(s, v)| {
            let named: Vec<usize> = (0..N_NAME - 1).filter(|&k| v[k].0 > 0).collect();
            match named[..] {
                [k] if v[k].0 > v[N_NAME - 1].0 => Some((*s, v[k].1)),
                [] => Some((*s, v[N_NAME - 1].1)),
                _ => None,
            }
        })
        .collect();
    strings.sort_unstable_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.0.cmp(b.0)));
    strings
}

/// The spans of `chosen`, taken: where no carried use may go.
fn taken_by(chosen: &[Mention]) -> Disjoint {
    let mut taken = Disjoint::default();
    for m in chosen {
        taken.try_take(m.start, m.end);
    }
    taken
}

/// The last word of a person's name of two words or more, when it can stand for the person:
/// capitalised, three letters or more, no function word or generational suffix.
fn surname(name: &str) -> Option<&str> {
    let (_, last) = name.rsplit_once(' ')?;
    let ok = last.chars().count() >= 3
        && last.chars().all(char::is_alphabetic)
        && last.chars().next().is_some_and(char::is_uppercase)
        && !matches!(last, "Jr" | "Snr" | "Jnr" | "Sr")
        && !is_function_word(last);
    ok.then_some(last)
}

/// Number of name labels, MISC last.
const N_NAME: usize = 6;

/// The index of a name label among [`N_NAME`], MISC last; none for values.
fn name_index(l: Label) -> Option<usize> {
    match l {
        Label::Person => Some(0),
        Label::Org => Some(1),
        Label::Gpe => Some(2),
        Label::Loc => Some(3),
        Label::Norp => Some(4),
        Label::Misc => Some(5),
        _ => None,
    }
}

/// Whether `start..end` begins and ends at word boundaries: no letter or digit on either
/// side, no hyphen or dot before it (`Shell` in `Royal-Shell`), and no hyphen and capital
/// after it (`Time` in `Time-Warner` is another name; `IBM-designed` is IBM's).
fn whole_words(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let mut rest = text[end..].chars();
    let after = rest.next();
    let compound = after == Some('-') && rest.next().is_some_and(char::is_uppercase);
    !before.is_some_and(|c| c.is_alphanumeric() || c == '-' || c == '.' || c == '_')
        && !after.is_some_and(|c| c.is_alphanumeric() || c == '_')
        && !compound
}

/// Whether a capitalised word follows `end` after one space: the use is then the head of a
/// longer name the document did not name (`Interstate Bridge`, `Washington Post` where
/// `Washington` is the city), and carrying the shorter name's label there would spread it
/// to another entity. A number after it does not count: results lines print a team and
/// its score (`Sale 31 Wasps 33`).
fn longer_name_follows(text: &str, end: usize) -> bool {
    text[end..].strip_prefix(' ').and_then(|r| r.chars().next()).is_some_and(char::is_uppercase)
}

/// Whether only punctuation (quotes, brackets, dashes) precedes `start` in its sentence.
fn sentence_initial(text: &str, sentences: &[Range<usize>], start: usize) -> bool {
    // Backwards: the word before, if any, ends the scan at once.
    !text[sentence_start(sentences, start)..start].chars().rev().any(char::is_alphanumeric)
}

/// Whether a one-word name `s`, at the start of a sentence, is still a name: not a function
/// word, and never written in lower case in the document.
fn capital_only_by_position(text: &str, s: &str) -> bool {
    if is_function_word(s) {
        return false;
    }
    let lower = s.to_lowercase();
    !memmem::find_iter(text.as_bytes(), lower.as_bytes()).any(|i| whole_words(text, i, i + lower.len()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment;

    fn run(text: &str, found: Vec<Mention>) -> Vec<(&str, &'static str)> {
        let mut found = found;
        same_string(text, &segment::sentences(text), &mut found);
        found.iter().map(|m| (&text[m.start..m.end], m.label.as_str())).collect()
    }

    #[test]
    fn a_name_is_carried_to_its_uncovered_uses_with_its_id() {
        let text = "The Organisation of Petroleum Exporting Countries (OPEC) met. Later OPEC raised output.";
        let mut opec = Mention::new(51, 55, Label::Org, Source::Model, 0.8);
        opec.kb_id = Some("org:opec".into());
        let mut found = vec![opec];
        same_string(text, &segment::sentences(text), &mut found);
        assert_eq!(found.len(), 2);
        assert_eq!((&text[found[1].start..found[1].end], found[1].kb_id.as_deref()), ("OPEC", Some("org:opec")));
    }

    #[test]
    fn a_person_named_in_full_is_the_person_at_the_surname_alone() {
        let text = "Condoleezza Rice arrived. Rice said she would go to Rice University.";
        let found = vec![Mention::new(0, 16, Label::Person, Source::Model, 0.8)];
        // Not at "Rice University", a longer name.
        assert_eq!(run(text, found), [("Condoleezza Rice", "PERSON"), ("Rice", "PERSON")]);
        // A surname the document also gives another label settles nothing.
        let text = "Jack Ford spoke. Ford said it would hire. Ford rose.";
        let found = vec![
            Mention::new(0, 9, Label::Person, Source::Model, 0.8),
            Mention::new(17, 21, Label::Org, Source::Model, 0.8),
        ];
        assert_eq!(run(text, found), [("Jack Ford", "PERSON"), ("Ford", "ORG")]);
        // Nor one that is a word of a company's name: the brewer or its chairman may have said it.
        let text = "Heineken NV rose. Chairman Freddie Heineken spoke. Heineken said sales rose.";
        let found = vec![
            Mention::new(0, 11, Label::Org, Source::Model, 0.8),
            Mention::new(27, 43, Label::Person, Source::Model, 0.8),
        ];
        assert_eq!(run(text, found), [("Heineken NV", "ORG"), ("Freddie Heineken", "PERSON")]);
        assert_eq!((surname("Martin Luther King Jr"), surname("Bush")), (None, None));
    }

    #[test]
    fn two_labels_settle_nothing_and_covered_uses_stay() {
        let text = "Jordan scored. Jordan beat Syria. Fans of Jordan cheered.";
        let found = vec![
            Mention::new(0, 6, Label::Person, Source::Model, 0.8),
            Mention::new(15, 21, Label::Gpe, Source::Model, 0.8),
        ];
        assert_eq!(run(text, found), [("Jordan", "PERSON"), ("Jordan", "GPE")]);
    }

    #[test]
    fn only_whole_words_in_the_same_case() {
        let text = "Time Inc reported. Timex and TIME and time are other words; Time-Warner too.";
        let found = vec![Mention::new(0, 4, Label::Org, Source::Model, 0.8)];
        // Sentence-initial "Time" of the first sentence is the mention itself; the lower-case
        // "time" elsewhere does not matter for mid-sentence uses, and there are none.
        assert_eq!(run(text, found), [("Time", "ORG")]);
    }

    #[test]
    fn a_use_heading_a_longer_name_is_not_carried() {
        let text = "Traffic on the Interstate slowed. Crews closed the Interstate Bridge. The Interstate reopened.";
        let found = vec![Mention::new(15, 25, Label::Org, Source::Model, 0.8)];
        assert_eq!(run(text, found), [("Interstate", "ORG"), ("Interstate", "ORG")]);
        // A score after a team is no longer name.
        let text = "Sale beat Bath.\nSale 31 Wasps 33";
        let found = vec![Mention::new(0, 4, Label::Org, Source::Model, 0.8)];
        assert_eq!(run(text, found), [("Sale", "ORG"), ("Sale", "ORG")]);
    }

    #[test]
    fn a_sentence_initial_word_the_document_also_writes_in_lower_case_is_not_carried() {
        let text = "He joined Real last year. Real wages fell in real terms. Real won again.";
        let found = vec![Mention::new(10, 14, Label::Org, Source::Model, 0.8)];
        assert_eq!(run(text, found), [("Real", "ORG")]);
        let text = "He joined Boeing last year. Boeing won the order.";
        let found = vec![Mention::new(10, 16, Label::Org, Source::Model, 0.8)];
        assert_eq!(run(text, found), [("Boeing", "ORG"), ("Boeing", "ORG")]);
    }

    #[test]
    fn a_misc_use_takes_the_label_the_document_gives_its_string_more_often() {
        let text = "Toshiba shares rose. Analysts like Toshiba. The move by Toshiba helped.";
        let found = vec![
            Mention::new(0, 7, Label::Org, Source::Model, 0.8),
            Mention::new(35, 42, Label::Org, Source::Model, 0.8),
            Mention::new(56, 63, Label::Misc, Source::Model, 0.6),
        ];
        assert_eq!(run(text, found), [("Toshiba", "ORG"), ("Toshiba", "ORG"), ("Toshiba", "ORG")]);
        // As often MISC as ORG: nothing is settled.
        let found = vec![
            Mention::new(0, 7, Label::Org, Source::Model, 0.8),
            Mention::new(56, 63, Label::Misc, Source::Model, 0.6),
        ];
        assert_eq!(run(text, found), [("Toshiba", "ORG"), ("Toshiba", "MISC")]);
    }

    #[test]
    fn values_and_arabic_names_are_not_carried() {
        let text = "في 2019 زار تبون موسكو. ثم عاد تبون في 2019.";
        let tebboune = text.find("تبون").unwrap();
        let found = vec![Mention::new(tebboune, tebboune + "تبون".len(), Label::Person, Source::Model, 0.8)];
        assert_eq!(run(text, found).len(), 1);
    }

    /// The Arabic names of a document, carried to their uses with attached proclitics
    /// outside the span, in the sentences the Arabic model tagged.
    fn run_arabic<'t>(text: &'t str, names: &[(&str, Label)]) -> Vec<(&'t str, &'static str)> {
        let model = crate::ner::Model::builtin("ar").expect("shipped Arabic model");
        let mut found: Vec<Mention> = names
            .iter()
            .map(|&(s, l)| {
                let i = text.find(s).unwrap();
                Mention::new(i, i + s.len(), l, Source::Model, 0.8)
            })
            .collect();
        found.sort_by_key(|m| m.start);
        let sentences = segment::sentences(text);
        same_string_arabic(text, &sentences, &mut found, model);
        found.iter().map(|m| (&text[m.start..m.end], m.label.as_str())).collect()
    }

    #[test]
    fn arabic_names_are_carried_past_proclitics() {
        let text = "وصل الوفد إلى كابل أمس. وقال مسؤول بكابل إن الوضع هادئ. وربح البنك التجاري كثيرا. وقال رئيس للبنك التجاري إن الأرباح زادت.";
        assert_eq!(
            run_arabic(text, &[("كابل", Label::Gpe), ("البنك التجاري", Label::Org)]),
            [("كابل", "GPE"), ("كابل", "GPE"), ("البنك التجاري", "ORG"), ("لبنك التجاري", "ORG")]
        );
        // Only whole tokens: a suffix makes another word, and a prefix that is no proclitic.
        let text = "وصل الوفد إلى كابل أمس. وامتدت الكابلات ومكابلات.";
        assert_eq!(run_arabic(text, &[("كابل", Label::Gpe)]), [("كابل", "GPE")]);
    }

    #[test]
    fn arabic_common_words_are_not_carried() {
        // لصالح "in favour of": a token the training text keeps outside names.
        let text = "والتقى الوزير علي عبدالله صالح أمس. وصوت المجلس لصالح القرار.";
        assert_eq!(run_arabic(text, &[("صالح", Label::Person)]), [("صالح", "PERSON")]);
        // Without sentences the Arabic model tagged, nothing is carried.
        let model = crate::ner::Model::builtin("ar").expect("shipped Arabic model");
        let text = "وصل الوفد إلى كابل أمس. وقال مسؤول بكابل إن الوضع هادئ.";
        let mut found = vec![Mention::new(text.find("كابل").unwrap(), text.find("كابل").unwrap() + "كابل".len(), Label::Gpe, Source::Model, 0.8)];
        same_string_arabic(text, &[], &mut found, model);
        assert_eq!(found.len(), 1);
    }
}
