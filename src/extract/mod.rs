//! Extraction: entity mentions from clean text.
//!
//! Several recognisers propose candidate [`Mention`]s independently: the knowledge-base
//! matcher ([`crate::kb`]), the value patterns ([`values`]: MONEY, PERCENT, DATE), the name
//! rules ([`names`]: PERSON and ORG from cues), and later a trained model. One resolver
//! ([`resolve`]) then chooses among overlapping candidates, so adding a recogniser never
//! means rewriting the others.

pub mod consistency;
pub mod names_ar;
pub mod names_en;
pub mod propagate;
pub mod script;
pub mod values;

use crate::doc::{Disjoint, Label, Mention, Source};

/// Chooses among overlapping candidates: a span that contains another wins (an ORG
/// "US Department of Defense" over the GPE "US" inside it); of equal spans a value
/// pattern's wins (the model knows no dates: "يونيو/حزيران" is June, not a place), then
/// the model's, since it read the context ("Jordan" the player, not the country); then the
/// higher score, then the earlier start. Mentions that cross a sentence boundary are
/// dropped, so that every mention lies inside its sentence. Returns mentions sorted by
/// start.
pub fn resolve(mut candidates: Vec<Mention>, sentences: &[std::ops::Range<usize>]) -> Vec<Mention> {
    candidates.retain(|m| {
        m.start < m.end && crate::segment::within_one(sentences, m.start, m.end)
    });
    // The candidates' indices are sorted, not the candidates: a mention is some 200 bytes,
    // and moving them through the sort cost more than comparing them. A stable sort of the
    // indices by the same order gives the same sequence.
    let mut order: Vec<u32> = (0..candidates.len() as u32).collect();
    order.sort_by(|&a, &b| preferred(&candidates[a as usize], &candidates[b as usize]));
    let mut taken = Disjoint::default();
    order.retain(|&i| taken.try_take(candidates[i as usize].start, candidates[i as usize].end));
    // Chosen spans are disjoint and not empty: their starts differ, so this order is the
    // one a sort of the mentions by (start, end) gives.
    order.sort_unstable_by_key(|&i| candidates[i as usize].start);
    let mut slots: Vec<Option<Mention>> = candidates.into_iter().map(Some).collect();
    order.iter().map(|&i| slots[i as usize].take().expect("each candidate is chosen once")).collect()
}

/// The order in which [`resolve`] takes candidates: longer first, then by source, score,
/// start and source again.
fn preferred(a: &Mention, b: &Mention) -> std::cmp::Ordering {
    (b.end - b.start)
        .cmp(&(a.end - a.start))
        .then(precedence(b.source).cmp(&precedence(a.source)))
        .then(b.score.total_cmp(&a.score))
        .then(a.start.cmp(&b.start))
        .then(a.source.cmp(&b.source))
}

/// Rank of a source between candidates of equal span (see [`resolve`]).
fn precedence(source: Source) -> u8 {
    match source {
        Source::Pattern => 2,
        Source::Model => 1,
        Source::Kb | Source::Rule => 0,
    }
}

/// Extraction options.
#[derive(Clone, Copy, Default)]
pub struct ExtractOptions<'a> {
    /// The document's date (ISO 8601 prefix) for resolving relative dates.
    pub doc_date: Option<&'a str>,
    /// A statistical NER model whose candidates join the others. It tags the sentences of
    /// its script only: an Arabic model the Arabic-script ones, another model the rest
    /// ([`script::model_mentions`]).
    pub model: Option<&'a crate::ner::Model>,
    /// The model for sentences in Arabic script when `model` is of another language (a
    /// mixed document): each sentence is tagged by the model of its script.
    pub arabic_model: Option<&'a crate::ner::Model>,
    /// Whether MISC mentions will be kept (`include_misc`); without them, a hyphenated
    /// MISC span yields to the names in its parts.
    pub include_misc: bool,
}

/// All mentions of one document's clean `text`, given its sentences.
///
/// ```
/// use newsframe::{kb::Kb, segment};
/// use newsframe::extract::{mentions, ExtractOptions};
/// let text = "Algeria bought $3 billion of arms from Russia in 2021.";
/// let m = mentions(text, &segment::sentences(text), Kb::builtin(), ExtractOptions::default());
/// let got: Vec<_> = m.iter().map(|m| (&text[m.start..m.end], m.label.as_str())).collect();
/// assert_eq!(got, [("Algeria", "GPE"), ("$3 billion", "MONEY"), ("Russia", "GPE"), ("2021", "DATE")]);
/// ```
pub fn mentions(
    text: &str,
    sentences: &[std::ops::Range<usize>],
    kb: &crate::kb::Kb,
    opts: ExtractOptions<'_>,
) -> Vec<Mention> {
    let kb_hits = kb.find(text);
    let mut known = kb_hits.clone();
    known.extend(values::find(text, opts.doc_date));
    known.sort_by_key(|m| (m.start, m.end));
    let mut titles = Vec::new();
    let mut candidates = names_en::find_with_titles(text, &known, &mut titles);
    let arabic_rules = names_ar::find(text, &known);
    // The model leads on names: every span it finds is a candidate, whatever the lists say,
    // because the names no list holds are the ones it exists for. The knowledge base only
    // types and identifies what it found (the tagger calls `ner::place_type::type_with_kb`).
    // Each sentence goes to the model of its script.
    let shouted = with_shouted_hits(text, sentences, kb, &kb_hits);
    let typing = shouted.as_deref().unwrap_or(&kb_hits);
    let (mut found, arabic_tagged) = script::model_mentions(text, sentences, typing, opts.model, opts.arabic_model);
    found.retain_mut(|m| within_angle_brackets(text, m));
    split_conjoined_orgs(text, &mut found, typing);
    // A name never overlaps a title phrase the rules read: "Defense" of "Secretary of
    // Defense", "US Secretary of Defense", "General de Gaulle" (the rules' person is
    // "de Gaulle"): the Reuters-trained tagger, never shown such titles, takes them for names.
    org_over_title(text, &found, &mut titles, &mut candidates);
    found.retain(|m| !overlaps_title(m, &titles));
    // Titles stay outside names. The tagger, trained on Reuters' `Mr.` and `President Bush`
    // with the title outside, reads a British honorific without its full stop into the name
    // (`Mr Houston`), and now and then a title (`the arrival of President Bush`: a place).
    // Not in an organisation's name, whose first word may be a title (`General Electric`).
    for m in found.iter_mut().filter(|m| m.kb_id.is_none() && m.label != Label::Org) {
        if let Some(at) = names_en::name_after_title(&text[m.start..m.end]).filter(|&at| !crate::ner::place_type::ends_in_place_head(&text[m.start + at..m.end])) {
            m.start += at;
            m.label = Label::Person;
        }
    }
    // A descriptor between two names (`US bank Wells Fargo`, `Caribbean island Saint Kitts`)
    // ends the first: the tagger, which saw few such appositions in Reuters, read all three
    // as one name. The name is what follows; the knowledge base finds the country before.
    for m in found.iter_mut().filter(|m| m.kb_id.is_none()) {
        if let Some(at) = names_en::name_after_descriptor(&text[m.start..m.end]) {
            m.start += at;
            crate::ner::place_type::type_with_kb(text, m, typing);
        }
    }
    // After `Mr.` or `Dr.`, or before `said he` or `administration`, the tagger's name is a
    // person, whatever else the name may be (`Mr. Ford`, `Mr. Jordan`, `Bush said he`, `the
    // Reagan administration`): Reuters, which it learnt from, rarely writes honorifics. So is
    // an unknown name that opens with a given name after a title (`President George W Bush`).
    for m in found.iter_mut().filter(|m| m.label != Label::Person) {
        // A country or a body that "said he" speaks of someone (`Iraq said he was a spy`); a
        // city's name that does is a person's (`Hamm said he`).
        let known_place = m.kb_id.as_deref().is_some_and(|id| !id.starts_with("city:") && !id.starts_with("company:"));
        if names_en::after_personal_honorific(text, m.start)
            || (!known_place && names_en::person_by_what_follows(text, m.start, m.end))
            || (m.kb_id.is_none() && names_en::titled_given_name(text, m.start, m.end))
        {
            m.label = Label::Person;
            m.kb_id = None;
        }
    }
    // A name that ends in an ordinary plural noun names no one unless it opens with a given
    // name (`Tiger Woods`, `Alicia Keys`): `Academy Awards`, `Virgin Trains`, `Stone Roses`.
    // The Reuters-trained tagger, shown few events, products or bands, reads such pairs as
    // people. An organisation head in the plural makes an organisation (`Wang Laboratories`,
    // `Shamrock Associates`, and after no given name `British Chambers`), the other kinds
    // are MISC.
    for m in found.iter_mut().filter(|m| m.label == Label::Person && m.kb_id.is_none()) {
        if !names_en::after_personal_honorific(text, m.start) {
            if let Some(label) = names_en::no_person_for_plural(&text[m.start..m.end]) {
                m.label = label;
            }
        }
    }
    company_words(text, &mut found, kb);
    // A town before a post only a team has is its club (`Leicester wing Austin Healey`, `the
    // Liverpool striker`): sports news names clubs by their towns, which the knowledge base
    // knows as places.
    for m in found.iter_mut().filter(|m| m.kb_id.as_deref().is_some_and(|id| id.starts_with("city:"))) {
        if names_en::club_by_post(text, m.start, m.end) {
            m.label = Label::Org;
            m.kb_id = None;
        }
    }
    // An initialism English uses as a common noun names nothing (`CBS-owned TV stations`,
    // `peer-to-peer (P2P) networks`), whatever the tagger, which never saw most of them,
    // typed it; nor does it after a place the knowledge base finds (the tagger's `US PC`,
    // where `US` stays). A MISC stays: CoNLL tags `GMT` and `AIDS` so.
    found.retain(|m| m.label == Label::Misc || m.kb_id.is_some() || !common_acronym(text, m, typing));
    // `No.` before a number abbreviates `number` (`to beat No. 1 USC`, `No. 10 Downing
    // Street`); the tagger, shown few rankings, may take it for a name.
    found.retain(|m| !names_en::number_sign(text, m.start, m.end));
    // A storm is named like a person (`Hurricane Ivan`, `Typhoon Haiyan`): an event, none
    // of the eight labels, whatever the tagger typed.
    for m in found.iter_mut().filter(|m| names_en::storm_name(text, m.start, m.end)) {
        m.label = Label::Misc;
        m.kb_id = None;
    }
    // A name right before a comma and a US state is a town of that state ("Troy, Mich.",
    // "Janesville, Wis."), however the tagger typed it: American newswire's form for places.
    // A company's name ends at its legal form there ("Dow Chemical Co. of Midland, Mich.":
    // the company and its town), however the tagger joined them.
    let mut towns = Vec::new();
    for m in found.iter_mut().filter(|m| m.kb_id.is_none() && matches!(m.label, Label::Person | Label::Org | Label::Loc | Label::Misc)) {
        if !before_a_us_state(text, m.end, &kb_hits) {
            continue;
        }
        let span = &text[m.start..m.end];
        if let Some((cut, town)) = consistency::legal_form_then_of(span) {
            towns.push(Mention { start: m.start + town, label: Label::Gpe, ..m.clone() });
            m.end = m.start + cut;
            m.label = Label::Org;
        } else if !consistency::has_legal_form(span) {
            m.label = Label::Gpe;
        }
    }
    found.extend(towns);
    // A place the model guesses (no knowledge-base entry) where a rule found a person with
    // a cue ("said Chanegriha", "the Biden administration") is that person.
    // An Arabic rule person needs its cue for that (see `names_ar::cued_person`).
    let persons: rustc_hash::FxHashSet<(usize, usize)> = candidates
        .iter()
        .filter(|c| c.source == Source::Rule && c.label == Label::Person)
        .chain(arabic_rules.iter().filter(|c| names_ar::cued_person(c)))
        .map(|c| (c.start, c.end))
        .collect();
    candidates.extend(arabic_rules);
    found.retain(|m| !(m.label == Label::Gpe && m.kb_id.is_none() && persons.contains(&(m.start, m.end))));
    // A given name, a name particle and a surname are a person however the tagger types
    // them (`Marine Le Pen`, not the Marines), where the rules read the same span; so is a
    // MISC that opens with a given name (`Justice Sandra Day O'Connor`: the tagger knows
    // `Day` from holidays), since a MISC has no company to be named after a person.
    for m in found.iter_mut().filter(|m| matches!(m.label, Label::Org | Label::Misc) && m.kb_id.is_none()) {
        let span = &text[m.start..m.end];
        let misc_person = m.label == Label::Misc && span.split(' ').next().is_some_and(names_en::is_given_name);
        if persons.contains(&(m.start, m.end)) && (misc_person || names_en::given_name_particle_surname(span)) {
            m.label = Label::Person;
        }
    }
    for m in found.iter_mut().filter(|m| m.label == Label::Misc && m.kb_id.is_none()) {
        nationality_compound(text, m, &kb_hits);
    }
    if !opts.include_misc {
        // Without MISC in the output, a hyphenated MISC ("Russia-Ukrainian", "U.S.-led")
        // must not hide the names the knowledge base finds in its parts.
        found.retain(|m| !(m.label == Label::Misc && hyphen_parts_known(text, m, &kb_hits)));
    }
    crate::ner::place_type::agree_in_document(text, &mut found);
    names_ar::clubs(text, &mut found, &known, &arabic_tagged);
    if !arabic_tagged.is_empty() {
        names_ar::adjective_places(text, &mut found, &mut known, kb);
        names_ar::named_by_head(text, &mut found, &arabic_tagged);
    }
    names_ar::follow_model(&mut candidates, &found, &arabic_tagged, &known);
    if let Some(ar) = script::arabic_model(opts.model, opts.arabic_model) {
        names_ar::drop_common_word_places(text, &mut known, &found, &arabic_tagged, ar);
    }
    candidates.extend(found);
    candidates.extend(known);
    consistency::apply(text, sentences, &mut candidates);
    let mut chosen = resolve(candidates, sentences);
    // "the town of Maarat al-Numan": a place whatever the recogniser took it for.
    for m in chosen.iter_mut().filter(|m| m.kb_id.is_none() && matches!(m.label, Label::Person | Label::Org | Label::Loc)) {
        if crate::ner::place_type::settlement_of_before(text, m.start) {
            m.label = Label::Gpe;
        }
    }
    propagate::same_string(text, sentences, &mut chosen);
    if let Some(ar) = script::arabic_model(opts.model, opts.arabic_model) {
        propagate::same_string_arabic(text, &arabic_tagged, &mut chosen, ar);
    }
    // A nationality word that names a language (`in English`, `Spanish-language`) is no
    // NORP; CoNLL's MISC holds languages, so it stays for `include_misc`.
    for m in chosen.iter_mut().filter(|m| m.label == Label::Norp && names_en::names_a_language(text, m.start, m.end)) {
        m.label = Label::Misc;
        m.kb_id = None;
    }
    // Nor may a later stage bring a common-noun initialism back (`the DVD's release`, which
    // the tagger reads as a person where it dropped out as an organisation).
    chosen.retain(|m| m.label == Label::Misc || m.kb_id.is_some() || !common_acronym(text, m, &[]));
    chosen
}

/// Whether the name `m` is a common-noun initialism ([`names_en::is_common_acronym`]),
/// alone or after a name the knowledge base found.
fn common_acronym(text: &str, m: &Mention, kb_hits: &[Mention]) -> bool {
    let span = &text[m.start..m.end];
    let (before, last) = span.rsplit_once(' ').unwrap_or(("", span));
    names_en::is_common_acronym(last)
        && (before.is_empty() || crate::doc::starting_at(kb_hits, m.start).iter().any(|k| k.end == m.start + before.len()))
}

/// Names the tagger found that are the one-word name of a listed company and an English
/// word (`Apple`, `Shell`: [`crate::kb::Kb::company_word`]) are that company when the tagger
/// took them for a person or an organisation: Reuters, which it learnt from, had no `Apple
/// wants` or `Apple asked`, verbs it has seen after people. Not after an honorific or
/// before `said he`, nor where a person of the document has it as surname (`Michael J.
/// Fox ... Fox said`). A place stays (`the Amazon`).
fn company_words(text: &str, found: &mut [Mention], kb: &crate::kb::Kb) {
    let surname = |word: &str| {
        found.iter().any(|p| {
            p.label == Label::Person && text[p.start..p.end].strip_suffix(word).is_some_and(|given| given.ends_with(' '))
        })
    };
    let companies: Vec<(usize, String)> = found
        .iter()
        .enumerate()
        .filter(|(_, m)| m.kb_id.is_none() && matches!(m.label, Label::Person | Label::Org))
        .filter_map(|(i, m)| {
            let name = &text[m.start..m.end];
            let company = kb.company_word(name)?;
            let person = m.label == Label::Person
                && (names_en::after_personal_honorific(text, m.start)
                    || names_en::person_by_what_follows(text, m.start, m.end)
                    || surname(name));
            (!person).then(|| (i, company.id.clone()))
        })
        .collect();
    for (i, id) in companies {
        found[i].label = Label::Org;
        found[i].kb_id = Some(id);
    }
}

/// Whether ", " and a US state the knowledge base found follow `end`, the state closed by a
/// comma, a full stop or the end of the line ("Troy, Mich., said", "in Lordstown, Ohio.").
fn before_a_us_state(text: &str, end: usize, kb_hits: &[Mention]) -> bool {
    if !text[end..].starts_with(", ") {
        return false;
    }
    let at = end + 2;
    crate::doc::starting_at(kb_hits, at).iter().any(|k| {
        let rest = &text[k.end..];
        k.kb_id.as_deref().is_some_and(|id| id.starts_with("subdivision:US-"))
            && (rest.is_empty() || rest.starts_with([',', '.', ';', ')', '\n']) || text[..k.end].ends_with('.'))
    })
}

/// Whether `s` is written in capitals: four capitals or more and no lower-case letter (a
/// wire headline: `ANALYSTS SAY USSR MAY PREFER ...`).
pub(crate) fn shouted(s: &str) -> bool {
    s.bytes().filter(u8::is_ascii_uppercase).nth(3).is_some() && !s.bytes().any(|b| b.is_ascii_lowercase())
}

/// The knowledge-base hits the tagger sees and types its names with: `kb_hits`, plus the
/// names of sentences written all in capitals (wire headlines: `SOCCER - SCOTTISH PREMIER
/// DIVISION`, `ANALYSTS SAY USSR MAY PREFER ...`), found in a copy where every ASCII word is
/// capitalised. Matching is case-sensitive (`US` the country, `us` the pronoun), so in a
/// shouted line the knowledge base would know nothing; there, these hits only inform the
/// tagger and type what it finds (`SCOTTISH` NORP), they are never mentions by themselves,
/// since `READING` or `CHAD` in capitals may be a word or a name. Sorted by start; None when
/// no sentence shouts a name.
fn with_shouted_hits(
    text: &str,
    sentences: &[std::ops::Range<usize>],
    kb: &crate::kb::Kb,
    kb_hits: &[Mention],
) -> Option<Vec<Mention>> {
    let mut extra = Vec::new();
    for r in sentences {
        let Some(s) = text.get(r.clone()).filter(|s| shouted(s)) else { continue };
        // Byte for byte: only ASCII letters change case, so offsets carry over.
        let mut prev_letter = false;
        let titled: String = s
            .chars()
            .map(|c| {
                let out = if prev_letter { c.to_ascii_lowercase() } else { c };
                prev_letter = c.is_ascii_alphabetic();
                out
            })
            .collect();
        extra.extend(kb.find(&titled).into_iter().map(|mut m| {
            m.start += r.start;
            m.end += r.start;
            m
        }));
    }
    if extra.is_empty() {
        return None;
    }
    // The tagger's gazetteer wants disjoint hits: a name read in the capitalised copy wins
    // over a hit of the line as written (`U.S.` is found by both).
    let mut taken = Disjoint::default();
    extra.retain(|m| taken.try_take(m.start, m.end));
    extra.extend(kb_hits.iter().filter(|m| taken.try_take(m.start, m.end)).cloned());
    extra.sort_by_key(|m| (m.start, m.end));
    Some(extra)
}

/// A one-word title that is also an ordinary English word, opening the tagger's
/// organisation and followed by one word only (`General Electric`, `General Dynamics`),
/// opens a company's name: the tagger learnt those companies from Reuters, and a title
/// before a single word is the rules' least certain person. The title phrase and the rules'
/// person after it give way. Not an honorific or a noun that is only a title (`Mr. Bush`,
/// `Professor Rothwell`, `Mr Justice Forbes`), which the tagger, seldom shown one, reads
/// into any name as ORG.
fn org_over_title(text: &str, found: &[Mention], titles: &mut Vec<std::ops::Range<usize>>, candidates: &mut Vec<Mention>) {
    let mut freed = Vec::new();
    titles.retain(|t| {
        let word = &text[t.clone()];
        if names_en::is_honorific(word) || !names_en::is_common_word(word) {
            return true;
        }
        let org = found.iter().find(|m| {
            m.label == Label::Org
                && m.start == t.start
                && m.end > t.end
                && text[t.end..m.end].trim_start().split_whitespace().count() == 1
        });
        if let Some(m) = org {
            freed.push((t.end, m.end));
        }
        org.is_none()
    });
    if freed.is_empty() {
        return;
    }
    candidates.retain(|c| {
        !(c.label == Label::Person
            && c.source == Source::Rule
            && freed.iter().any(|&(after, end)| c.end == end && text[after..c.start].trim().is_empty()))
    });
}

/// Cuts `m` to the name before an angle bracket, which closes no name: wire copy marks
/// tickers and companies so (`Citicorp <CCI>`, `<Barclays Bank PLC>`), and the tagger now
/// and then reads the mark into the name. Returns whether a name is left.
fn within_angle_brackets(text: &str, m: &mut Mention) -> bool {
    let span = &text[m.start..m.end];
    if !span.contains(['<', '>']) {
        return true;
    }
    let inner = span.trim_start_matches(['<', ' ']);
    let name = inner.split(['<', '>']).next().unwrap_or("").trim_end();
    m.start += span.len() - inner.len();
    m.end = m.start + name.len();
    m.start < m.end
}

/// Splits the tagger's organisation `X and Y` into the two names where each stands alone,
/// or where it ends a list of names (`Banque Misr, Banque du Caire and Bank of Alexandria`).
/// A part stands alone where the knowledge base knows it or the tagger finds it by itself,
/// outside any `and`, elsewhere in the document (`General Motors and General Electric`,
/// `Paribas and Credit Lyonnais`). The Reuters-trained tagger joins such pairs because CoNLL
/// tags names like `Securities and Exchange Commission` or `Bausch and Lomb` as one; their
/// parts never stand alone, so they stay whole, as does a pair the knowledge base knows as
/// one name (it typed the span). Each part is typed again by the knowledge base.
fn split_conjoined_orgs(text: &str, found: &mut Vec<Mention>, kb_hits: &[Mention]) {
    let joined = |m: &Mention| m.label == Label::Org && m.kb_id.is_none() && text[m.start..m.end].contains(" and ");
    if !found.iter().any(joined) {
        return;
    }
    // Each name the tagger found by itself, by its string, with where it starts.
    let mut uses: rustc_hash::FxHashMap<&str, Vec<usize>> = rustc_hash::FxHashMap::default();
    for m in found.iter().filter(|m| !joined(m)) {
        uses.entry(&text[m.start..m.end]).or_default().push(m.start);
    }
    // A part stands alone at a use outside the same pair (`Bausch and Lomb`, split by the
    // tagger at another use, is no evidence), or where the knowledge base knows it.
    let stands_alone = |start: usize, end: usize, pair: &str, offset: usize| {
        let known = || crate::doc::starting_at(kb_hits, start).iter().any(|k| k.end == end);
        let outside = |&at: &usize| at < offset || text.get(at - offset..).is_none_or(|t| !t.starts_with(pair));
        uses.get(&text[start..end]).is_some_and(|at| at.iter().any(outside)) || known()
    };
    // Where each organisation the tagger found ends, to tell a list's last items (`A, B and
    // C`); after a person (`Flavio Cotti, Organisation for Security and Cooperation in Europe
    // chairman`) the comma opens an apposition.
    let ends: rustc_hash::FxHashSet<usize> = found.iter().filter(|m| m.label == Label::Org).map(|m| m.end).collect();
    let mut parts = Vec::new();
    found.retain(|m| {
        let span = &text[m.start..m.end];
        let Some((left, right)) = span.split_once(" and ").filter(|_| span.matches(" and ").count() == 1) else { return true };
        if !right.starts_with(|c: char| c.is_uppercase()) {
            return true;
        }
        let right_start = m.end - right.len();
        // In a list, a part that is one ordinary word (`Margarine, Fats and Oils`) or a legal
        // form that the left part lacks (`Kidder, Peabody and Co Inc`, `Mitsui Trust and
        // Banking Co Ltd`) belongs to one company's name.
        let one_word = |part: &str| !part.contains(' ') && (names_en::is_common_word(part) || names_en::plural_of_common(part));
        let listed = text[..m.start].strip_suffix(", ").is_some_and(|before| ends.contains(&before.len()))
            && !one_word(left)
            && !one_word(right)
            && (consistency::has_legal_form(left) || !consistency::has_legal_form(right));
        let alone = stands_alone(m.start, m.start + left.len(), span, 0) && stands_alone(right_start, m.end, span, right_start - m.start);
        if !listed && !alone {
            return true;
        }
        for (start, end) in [(m.start, m.start + left.len()), (right_start, m.end)] {
            let mut part = Mention { start, end, ..m.clone() };
            crate::ner::place_type::type_with_kb(text, &mut part, kb_hits);
            parts.push(part);
        }
        false
    });
    found.extend(parts);
    found.sort_by_key(|m| (m.start, m.end));
}

/// Whether `m` overlaps one of the title phrases `titles` (sorted by start, disjoint).
fn overlaps_title(m: &Mention, titles: &[std::ops::Range<usize>]) -> bool {
    let i = titles.partition_point(|t| t.start < m.end);
    i > 0 && m.start < titles[i - 1].end
}

/// Makes NORP a model MISC whose words are nationality words the knowledge base knows
/// (`Iraqi Kurds`, `Bosnian Serb`), after hyphenated prefixes that stay outside (`anti-Baghdad
/// Kurdish guerrillas`: `Kurdish`). The tagger, trained on CoNLL's MISC, takes such a run
/// as one name that the knowledge base, which knows each word, does not hold whole, and
/// without MISC in the output the nationality would be lost with it.
fn nationality_compound(text: &str, m: &mut Mention, kb_hits: &[Mention]) {
    let mut words = Vec::new();
    let mut at = m.start;
    for w in text[m.start..m.end].split(' ') {
        words.push(at..at + w.len());
        at += w.len() + 1;
    }
    let norp = |r: &std::ops::Range<usize>| {
        crate::doc::starting_at(kb_hits, r.start).iter().any(|k| k.end == r.end && k.label == Label::Norp)
    };
    let first = words.iter().rposition(|r| !norp(r)).map_or(0, |i| i + 1);
    let prefix = |r: &std::ops::Range<usize>| {
        let w = &text[r.clone()];
        w.starts_with(|c: char| c.is_lowercase()) && w.contains('-') && !w.contains(char::is_whitespace)
    };
    if first == words.len() || !words[..first].iter().all(prefix) {
        return;
    }
    m.start = words[first].start;
    m.label = Label::Norp;
}

/// Whether a knowledge-base name fills one hyphen-separated part of the hyphenated `m`.
fn hyphen_parts_known(text: &str, m: &Mention, kb_hits: &[Mention]) -> bool {
    let span = &text[m.start..m.end];
    if !span.contains('-') {
        return false;
    }
    let edge = |i: usize| i == m.start || i == m.end || text[..i].ends_with('-') || text[i..].starts_with('-');
    let i = kb_hits.partition_point(|k| k.start < m.start);
    kb_hits[i..].iter().take_while(|k| k.start < m.end).any(|k| k.end <= m.end && edge(k.start) && edge(k.end))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each mention of `text` with its label, extracted with the shipped English model.
    fn labels_with_model(text: &str) -> Vec<(&str, &'static str)> {
        let opts = ExtractOptions { model: crate::ner::Model::builtin("en"), ..Default::default() };
        mentions(text, &crate::segment::sentences(text), crate::kb::Kb::builtin(), opts)
            .iter()
            .map(|m| (&text[m.start..m.end], m.label.as_str()))
            .collect()
    }

    #[test]
    fn resolve_prefers_containing_then_score() {
        let sents = vec![0..100];
        let m = |s, e, l, sc| Mention::new(s, e, l, Source::Rule, sc);
        let got = resolve(
            vec![m(0, 2, Label::Gpe, 0.8), m(0, 24, Label::Org, 0.7), m(30, 40, Label::Person, 0.6), m(35, 45, Label::Org, 0.5)],
            &sents,
        );
        assert_eq!(got.iter().map(|m| (m.start, m.label)).collect::<Vec<_>>(), [(0, Label::Org), (30, Label::Person)]);
        let crossing = resolve(vec![m(5, 15, Label::Person, 0.9)], &[0..10, 11..20]);
        // Of equal spans the model's wins over a more confident list.
        let kb = Mention::new(0, 6, Label::Gpe, Source::Kb, 0.9);
        let model = Mention::new(0, 6, Label::Person, Source::Model, 0.6);
        assert_eq!(resolve(vec![kb, model.clone()], &sents)[0].label, Label::Person);
        // A value pattern's span wins over the same span from the model.
        let date = Mention::new(0, 6, Label::Date, Source::Pattern, 0.7);
        assert_eq!(resolve(vec![model, date], &sents)[0].label, Label::Date);
        assert!(crossing.is_empty());
    }

    /// The resolver's index sort chooses what a stable sort of the candidates themselves
    /// chose: ties of length, source and score, equal spans, empty and crossing ones.
    #[test]
    fn resolve_by_index_is_the_sort_of_the_candidates() {
        let plain = |mut c: Vec<Mention>, sentences: &[std::ops::Range<usize>]| {
            c.retain(|m| m.start < m.end && crate::segment::within_one(sentences, m.start, m.end));
            c.sort_by(preferred);
            let mut taken = Disjoint::default();
            let mut chosen: Vec<Mention> = c.into_iter().filter(|m| taken.try_take(m.start, m.end)).collect();
            chosen.sort_by_key(|m| (m.start, m.end));
            chosen
        };
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut next = |n: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n) as usize
        };
        let sources = [Source::Kb, Source::Rule, Source::Pattern, Source::Model];
        let labels = [Label::Person, Label::Org, Label::Gpe, Label::Date];
        let sentences = [0..60, 61..120, 121..300];
        for _ in 0..300 {
            let n = next(90) as usize;
            let c: Vec<Mention> = (0..n)
                .map(|i| {
                    let start = next(300);
                    let mut m = Mention::new(start, start + next(12), labels[next(4)], sources[next(4)], [0.5, 0.7, 0.9][next(3)]);
                    m.kb_id = Some(format!("{i}"));
                    m
                })
                .collect();
            assert_eq!(resolve(c.clone(), &sentences), plain(c, &sentences));
        }
    }

    #[test]
    fn two_organisations_joined_by_and_are_split_where_each_stands_alone() {
        let got = labels_with_model("Paribas and Credit Lyonnais bid for the bank. Paribas said the offer was fair, and Credit Lyonnais agreed.");
        assert_eq!(got.iter().filter(|m| m.1 == "ORG").count(), 4, "{got:?}");
        assert!(!got.iter().any(|m| m.0.contains(" and ")), "{got:?}");
        // The last items of a list of organisations.
        let got = labels_with_model("The managers are Dresdner Bank, Grindlays Bank Plc and MecFint Ltd.");
        assert!(got.contains(&("Grindlays Bank Plc", "ORG")), "{got:?}");
        // One company's name: its parts never stand alone, or the legal form closes the pair.
        for text in [
            "Skidmore and Owings said sales rose. Skidmore and Owings designs towers.",
            "The Securities and Exchange Commission said securities firms must report.",
            "The lead managers are Sanwa Bank Ltd, Mitsui Trust and Banking Co Ltd and Fuji Bank Ltd.",
        ] {
            let got = labels_with_model(text);
            assert!(got.iter().any(|m| m.0.contains(" and ") && m.1 == "ORG"), "{text}: {got:?}");
        }
    }

    #[test]
    fn a_company_named_by_an_english_word_is_the_company_where_the_tagger_finds_a_name() {
        let text = "A group has joined a legal fight between three US online journalists and Apple. Apple wants the reporters to reveal 20 sources used for stories which leaked information.";
        let opts = ExtractOptions { model: crate::ner::Model::builtin("en"), ..Default::default() };
        let got = mentions(text, &crate::segment::sentences(text), crate::kb::Kb::builtin(), opts);
        let apple: Vec<_> = got.iter().filter(|m| &text[m.start..m.end] == "Apple").collect();
        assert_eq!(apple.len(), 2, "{got:?}");
        assert!(apple.iter().all(|m| m.label == Label::Org && m.kb_id.as_deref() == Some("company:apple-inc")), "{got:?}");
        // The word itself is never a name, and a person keeps a surname that a company has.
        assert!(labels_with_model("He ate an apple.").is_empty());
        let got = labels_with_model("Actor Michael J. Fox spoke on Monday. Fox said the research must go on.");
        assert!(got.contains(&("Fox", "PERSON")), "{got:?}");
    }

    #[test]
    fn the_number_sign_and_a_storm_are_no_names() {
        for text in ["They had the chance to beat No. 1 USC in the fourth quarter.", "Second-ranked Auburn beat No. 12 Tennessee on Saturday."] {
            let got = labels_with_model(text);
            assert!(!got.iter().any(|m| m.0.starts_with("No")), "{text}: {got:?}");
        }
        let got = labels_with_model("Hurricane Ivan slammed into the coast of Alabama on Thursday.");
        assert!(got.iter().any(|m| m.0.contains("Ivan")) && got.iter().all(|m| !m.0.contains("Ivan") || m.1 == "MISC"), "{got:?}");
        let t = "Tropical Storm Jeanne and Storm Hunter Inc";
        assert!(names_en::storm_name(t, 0, 21) && names_en::storm_name(t, 15, 21) && !names_en::storm_name(t, 26, 42));
        assert!(names_en::number_sign("No. 1 USC", 0, 3) && !names_en::number_sign("No. Way", 0, 3) && !names_en::number_sign("Nok 5", 0, 3));
    }

    #[test]
    fn a_town_before_a_post_only_a_team_has_is_its_club() {
        let got = labels_with_model("Leicester wing Austin Healey hopes to return on Sunday.");
        assert!(got.contains(&("Leicester", "ORG")) && got.contains(&("Austin Healey", "PERSON")), "{got:?}");
        let got = labels_with_model("It is likely the Leicester flanker will return on the open side.");
        assert!(got.contains(&("Leicester", "ORG")), "{got:?}");
        // A post a city has, or a team's post with no name after it and no determiner
        // before the town: the place.
        let got = labels_with_model("London mayor Ken Livingstone said the plan would go ahead.");
        assert!(got.contains(&("London", "GPE")), "{got:?}");
        let got = labels_with_model("He moved to Leicester as a coach in 2001.");
        assert!(got.contains(&("Leicester", "GPE")), "{got:?}");
    }

    #[test]
    fn a_common_noun_initialism_is_no_name() {
        for (text, gone) in [
            ("Twenty CBS-owned TV stations were fined by the regulator.", "TV"),
            ("Peer-to-peer (P2P) networks are here to stay, said Andrew Smith.", "P2P"),
            ("The next generation of DVD players will hold more, Sony said.", "DVD"),
            ("Ray DVD beats box office takings\n\nThe biopic Ray has passed its US box office takings with $80m from DVD and video sales.\n\nRay's success on DVD outstripped its US box office total, earning $40m on the first day of the DVD's release alone. It was the number one selling DVD.", "DVD"),
        ] {
            let got = labels_with_model(text);
            assert!(!got.iter().any(|m| m.0 == gone), "{text}: {got:?}");
        }
        assert!(names_en::is_common_acronym("DVDs") && names_en::is_common_acronym("R&D") && names_en::is_common_acronym("MPs"));
        assert!(!names_en::is_common_acronym("Tv") && !names_en::is_common_acronym("BBC") && !names_en::is_common_acronym("Pin"));
    }

    #[test]
    fn a_name_after_a_personal_honorific_is_a_person() {
        let text = "Mr. Bush said the talks with Mrs. White and Mr Ford went well, Dr. Rice added.";
        let got = labels_with_model(text);
        assert_eq!(got, [("Bush", "PERSON"), ("White", "PERSON"), ("Ford", "PERSON"), ("Rice", "PERSON")]);
        assert!(names_en::after_personal_honorific(text, 4) && !names_en::after_personal_honorific(text, 0));
        // British style: no full stop, and the honorific stays outside the name.
        let text = "The party would not have matched it to Mr Houston when he stood.";
        assert_eq!(labels_with_model(text), [("Houston", "PERSON")]);
    }

    #[test]
    fn a_descriptor_between_two_names_ends_the_first() {
        let got = labels_with_model("Shares in US bank Wells Fargo fell. It was named by US magazine Mobile PC Review.");
        for want in [("US", "GPE"), ("Wells Fargo", "ORG"), ("Mobile PC Review", "ORG")] {
            assert!(got.contains(&want), "{want:?}: {got:?}");
        }
        assert_eq!(names_en::name_after_descriptor("Caribbean island Saint Kitts"), Some(17));
        for whole in ["Banco do Brasil", "Bank of England", "Taiwan Power co", "House Agriculture committee", "Dar es Salaam", "Den norske Creditbank", "Wells Fargo"] {
            assert_eq!(names_en::name_after_descriptor(whole), None, "{whole}");
        }
    }

    #[test]
    fn a_given_name_after_a_title_is_a_person() {
        let text = "His comments came as President George W Bush said the US backed Russian entry.";
        let got = labels_with_model(text);
        assert!(got.contains(&("George W Bush", "PERSON")), "{got:?}");
        // The tagger reads the title into the name and takes it for a place.
        let flight = "The arrival of President Bush on the German leg took an hour, Lufthansa said.";
        assert!(labels_with_model(flight).contains(&("Bush", "PERSON")), "{:?}", labels_with_model(flight));
        let at = |s: &str| (text.find(s).unwrap(), text.find(s).unwrap() + s.len());
        let (s, e) = at("George W Bush");
        assert!(names_en::titled_given_name(text, s, e));
        let (s, e) = at("US");
        assert!(!names_en::titled_given_name(text, s, e));
        assert_eq!(names_en::name_after_title("Mr Houston"), Some(3));
        assert_eq!(names_en::name_after_title("President Bush"), Some(10));
        assert_eq!(names_en::name_after_title("Senate Finance Committee"), None);
        assert_eq!(names_en::name_after_title("King Fahd Causeway"), Some(5), "the caller checks the head");
        assert!(crate::ner::place_type::ends_in_place_head("Queen Mary Hospital"));
        assert!(!crate::ner::place_type::ends_in_place_head("Mr Houston"));
        let text = "shares of General Motors Corp";
        assert!(!names_en::titled_given_name(text, 18, text.len()), "Motors is no given name");
    }

    #[test]
    fn a_given_name_a_particle_and_a_surname_are_a_person() {
        let text = "Marine Le Pen said her party would win. Shares of Freddie Mac fell.";
        let got = labels_with_model(text);
        assert_eq!(got, [("Marine Le Pen", "PERSON"), ("Freddie Mac", "ORG")]);
        let text = "Justice Sandra Day O'Connor wrote the opinion.";
        assert_eq!(labels_with_model(text), [("Sandra Day O'Connor", "PERSON")]);
        assert!(names_en::given_name_particle_surname("Charles de Gaulle"));
        assert!(!names_en::given_name_particle_surname("Banco de Chile"));
    }

    #[test]
    fn a_name_the_document_shows_to_be_a_company_is_one_everywhere() {
        // The tagger takes an unknown company for a place after "Shares of".
        let text = "Shares of Citicorp rose on Monday. Citicorp said it would raise its prime rate.";
        let got = labels_with_model(text);
        assert_eq!(got.iter().filter(|(s, l)| *s == "Citicorp" && *l == "ORG").count(), 2, "{got:?}");
    }

    #[test]
    fn a_name_before_a_us_state_is_its_town() {
        let text = "It will close plants in Troy, Mich., and Janesville, Wis., and keep one in Lordstown, Ohio.";
        let got = labels_with_model(text);
        for town in ["Troy", "Janesville", "Lordstown"] {
            assert!(got.contains(&(town, "GPE")), "{town}: {got:?}");
        }
        assert!(got.contains(&("Mich.", "GPE")) && got.contains(&("Wis.", "GPE")), "{got:?}");
        // A company and its town: the company stays one.
        let text = "Dow Chemical Co. of Midland, Mich., also reported.";
        let got = labels_with_model(text);
        assert!(got.contains(&("Dow Chemical Co.", "ORG")) && got.contains(&("Midland", "GPE")), "{got:?}");
    }

    #[test]
    fn a_name_that_said_he_or_heads_an_administration_is_a_person() {
        let text = "The veto stands, Bush said he would not sign it. The Bank said he had left.";
        assert!(names_en::person_by_what_follows(text, 17, 21));
        assert!(!names_en::person_by_what_follows(text, 53, 57), "after an article: a common noun");
        assert!(!names_en::person_by_what_follows("Bush said it would.", 0, 4));
        assert!(names_en::person_by_what_follows("The Reagan administration's plan", 4, 10));
    }

    #[test]
    fn a_run_of_nationality_words_is_norp() {
        let text = "Iraqi Kurds fled. Tehran backs anti-Baghdad Kurdish guerrillas. The World Cup began.";
        let kb = crate::kb::Kb::builtin();
        let hits = kb.find(text);
        let misc = |s: &str| {
            let start = text.find(s).unwrap();
            let mut m = Mention::new(start, start + s.len(), Label::Misc, Source::Model, 0.8);
            nationality_compound(text, &mut m, &hits);
            (&text[m.start..m.end], m.label)
        };
        assert_eq!(misc("Iraqi Kurds"), ("Iraqi Kurds", Label::Norp));
        assert_eq!(misc("anti-Baghdad Kurdish"), ("Kurdish", Label::Norp));
        assert_eq!(misc("World Cup"), ("World Cup", Label::Misc));
        let text = "LONDON 1996-08-30\nWest Indian all-rounder";
        let hits = kb.find(text);
        let mut m = Mention::new(7, text.find(" all").unwrap(), Label::Misc, Source::Model, 0.8);
        nationality_compound(text, &mut m, &hits);
        assert_eq!(m.label, Label::Misc, "a date is no prefix");
    }

    #[test]
    fn a_name_after_a_settlement_noun_and_of_is_a_place() {
        let text = "Fighting spread to the northern town of Maarat al-Numan and the village of Kfar Nabudah. \
                    The Bank of England and the region of Kurdistan were calm.";
        let got = labels_with_model(text);
        assert!(got.contains(&("Maarat al-Numan", "GPE")) && got.contains(&("Kfar Nabudah", "GPE")), "{got:?}");
        assert!(got.contains(&("Bank of England", "ORG")), "{got:?}");
        assert!(crate::ner::place_type::settlement_of_before("the town of X", 12));
        assert!(!crate::ner::place_type::settlement_of_before("the Town of X", 12), "a name's own word");
        assert!(!crate::ner::place_type::settlement_of_before("the Bank of X", 12));
    }

    #[test]
    fn a_nationality_word_that_names_a_language_is_no_norp() {
        let lang = |text: &str, word: &str| {
            let at = text.find(word).unwrap();
            names_en::names_a_language(text, at, at + word.len())
        };
        assert!(lang("It is only available in English.", "English"));
        assert!(lang("a site in English and Spanish, meant to", "Spanish"));
        assert!(lang("a site in English and Spanish, meant to", "English"));
        assert!(lang("Spanish-language rap", "Spanish"));
        assert!(lang("He speaks Arabic well", "Arabic"));
        assert!(lang("It was translated into Arabic.", "Arabic"));
        assert!(!lang("It expanded into Chinese markets", "Chinese"));
        assert!(!lang("demand in Chinese and Indian markets", "Chinese"));
        assert!(!lang("demand in Chinese and Indian markets", "Indian"));
        assert!(!lang("the English won", "English"));
        assert!(!lang("Spanish-speaking voters", "Spanish"));
        let text = "The site is in English and Spanish. Spanish officials and French-language radio agreed.";
        let got = labels_with_model(text);
        assert!(got.contains(&("Spanish", "NORP")) && !got.contains(&("English", "NORP")), "{got:?}");
        assert_eq!(got.iter().filter(|&&(_, l)| l == "NORP").count(), 1, "{got:?}");
    }

    #[test]
    fn shouted_lines_get_the_kb_names_for_typing_only() {
        let text = "SOCCER - SCOTTISH LEAGUE RESULTS IN U.S. AND NEW YORK.\nThe Scottish league met in Paris.";
        let sents = crate::segment::sentences(text);
        let kb = crate::kb::Kb::builtin();
        let hits = kb.find(text);
        let typing = with_shouted_hits(text, &sents, kb, &hits).expect("a shouted line with names");
        let got: Vec<(&str, &str)> = typing.iter().map(|m| (&text[m.start..m.end], m.label.as_str())).collect();
        assert!(got.contains(&("SCOTTISH", "NORP")) && got.contains(&("NEW YORK", "GPE")), "{got:?}");
        assert!(got.contains(&("Scottish", "NORP")) && got.contains(&("Paris", "GPE")), "{got:?}");
        assert_eq!(got.iter().filter(|(s, _)| *s == "U.S.").count(), 1, "disjoint: {got:?}");
        // A line in ordinary case adds nothing.
        let plain = "The Scottish league met in New York.";
        assert!(with_shouted_hits(plain, &crate::segment::sentences(plain), kb, &kb.find(plain)).is_none());
    }

    fn at_in(text: &str, s: &str, label: Label) -> Mention {
        let start = text.find(s).unwrap();
        Mention::new(start, start + s.len(), label, Source::Model, 0.7)
    }

    #[test]
    fn angle_brackets_close_names() {
        let text = "Citicorp <CCI> and <Barclays Bank PLC> said, and <CCI>.";
        let cut = |s: &str| {
            let mut m = at_in(text, s, Label::Org);
            within_angle_brackets(text, &mut m).then(|| &text[m.start..m.end])
        };
        assert_eq!(cut("Citicorp <CCI"), Some("Citicorp"));
        assert_eq!(cut("<Barclays Bank PLC>"), Some("Barclays Bank PLC"));
        assert_eq!(cut("Citicorp"), Some("Citicorp"));
        assert_eq!(cut("<CCI>."), Some("CCI"));
        assert_eq!(cut("> and <"), None);
    }

    #[test]
    fn names_overlapping_a_title_phrase_are_roles() {
        let text = "The US Secretary of Defense met General Motors executives.";
        let mut titles = Vec::new();
        names_en::find_with_titles(text, &[], &mut titles);
        let got: Vec<&str> = titles.iter().map(|r| &text[r.clone()]).collect();
        assert!(got.contains(&"Secretary of Defense"), "{got:?}");
        let at = |s: &str| {
            let start = text.find(s).unwrap();
            Mention::new(start, start + s.len(), Label::Org, Source::Model, 0.7)
        };
        assert!(overlaps_title(&at("US Secretary of Defense"), &titles));
        assert!(overlaps_title(&at("Defense"), &titles));
        assert!(!overlaps_title(&at("General Motors"), &titles));
        assert!(!overlaps_title(&at("US"), &titles));
        // The tagger's company that opens with the title before one word takes its place,
        // and the rules' person after the title goes; a longer name after a title stays a
        // person's, whatever the tagger typed.
        let text = "General Electric rose. General Tommy Franks spoke.";
        let mut titles = Vec::new();
        let mut candidates = names_en::find_with_titles(text, &[], &mut titles);
        let found = vec![at_in(text, "General Electric", Label::Org), at_in(text, "General Tommy Franks", Label::Org)];
        org_over_title(text, &found, &mut titles, &mut candidates);
        let left: Vec<&str> = titles.iter().map(|r| &text[r.clone()]).collect();
        assert_eq!(left, ["General"], "the second title stays");
        let persons: Vec<&str> = candidates.iter().filter(|c| c.label == Label::Person).map(|c| &text[c.start..c.end]).collect();
        assert_eq!(persons, ["Tommy Franks"]);
        // A title that is no ordinary word keeps its person.
        let text = "Professor Rothwell spoke.";
        let mut titles = Vec::new();
        let mut candidates = names_en::find_with_titles(text, &[], &mut titles);
        org_over_title(text, &[at_in(text, "Professor Rothwell", Label::Org)], &mut titles, &mut candidates);
        assert_eq!(titles.len(), 1);
        assert!(candidates.iter().any(|c| c.label == Label::Person && &text[c.start..c.end] == "Rothwell"));
        // The British finance minister's title, whose complement the tagger reads into the name.
        let text = "U.K. Chancellor of the Exchequer Nigel Lawson said.";
        let mut titles = Vec::new();
        names_en::find_with_titles(text, &[], &mut titles);
        let got: Vec<&str> = titles.iter().map(|r| &text[r.clone()]).collect();
        assert!(got.iter().any(|t| t.ends_with("Chancellor of the Exchequer")), "{got:?}");
        // A hyphenated MISC yields to the knowledge-base names in its parts.
        let text = "the Russia-Ukrainian war and anti-Russia votes, Moscowbased";
        let kb = crate::kb::Kb::builtin().find(text);
        let misc = |s: &str| {
            let start = text.find(s).unwrap();
            Mention::new(start, start + s.len(), Label::Misc, Source::Model, 0.7)
        };
        assert!(hyphen_parts_known(text, &misc("Russia-Ukrainian"), &kb));
        assert!(hyphen_parts_known(text, &misc("anti-Russia"), &kb));
        assert!(!hyphen_parts_known(text, &misc("Moscowbased"), &kb));
    }
}
