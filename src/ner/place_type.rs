//! Typing the model's names with the knowledge base, and GPE against LOC for the places it
//! does not know.
//!
//! The tagger has CoNLL's four types; our labels split its LOC into GPE (places with a
//! government: countries, states, provinces, cities, towns) and LOC (continents, regions,
//! natural features, and, since our label set has no FAC, venues, buildings and roads), and
//! its MISC into NORP and the rest. This is the only place where a model span gets its final
//! label and its knowledge-base id: [`super::Model::find`] calls [`type_with_kb`] on
//! every span it emits.
//!
//! A place the knowledge base does not know is GPE unless its own words say otherwise, because
//! news names towns, provinces and states far more often than regions (GPE outnumbers LOC
//! about twelve to one in newswire). The words that say otherwise ([`is_loc_by_form`]):
//! - a natural feature or region head anywhere (`Yangtze River`, `Lake Chad`, `Golan
//!   Heights`; `natural_features.txt`);
//! - a venue, building or road head as the last word (`Ellis Park`, `Trent Bridge`, `Wall
//!   Street`, `National Tennis Centre`), or a road word first (`Interstate 95`;
//!   `venue_heads_en.txt`);
//! - nothing but compass words (`Far East`, `Middle East`, `Midwest`, `Northeast`, and `the
//!   West`, `the East`; `North` or `South` alone stays GPE: in results, and after `the` in
//!   news of Korea, it is a state), or a compass word before a
//!   region the knowledge base knows as LOC (`North Caucasus`, `U.S. Gulf`: the span ends in
//!   a LOC match);
//! - a capitalised leading article (`The Oval`, `The Curragh`): countries and cities that
//!   carry one (`The Hague`, `The Gambia`) are in the knowledge base;
//! - a possessive ending (`Lord's`, `St Paul's`): in English that names a building or a
//!   ground after its founder or saint, rarely a town.
//!
//! and, around the name: a lowercase feature or venue noun after it (`Stansted airport`), a
//! feature noun and `of` before it (`the island of Spitzbergen`), a lower-case `at` before
//! it (`won at Edgbaston`: English puts towns `in`, venues and sites `at`).

use crate::doc::{Label, Mention};
use crate::text::arabic;
use rustc_hash::FxHashSet as HashSet;
use std::sync::OnceLock;

fn word_set(text: &'static str) -> HashSet<String> {
    crate::text::data_lines(text)
        .map(|(_, l)| l.trim())
        .map(|l| arabic::fold_str(&l.to_lowercase()))
        .collect()
}

/// Last words of natural features and regions, and (lines starting with `^`) first words
/// (`natural_features.txt`), folded.
fn natural_features() -> &'static (HashSet<String>, HashSet<String>) {
    static SETS: OnceLock<(HashSet<String>, HashSet<String>)> = OnceLock::new();
    SETS.get_or_init(|| split_first(word_set(include_str!("../../python/newsframe/data/names/natural_features.txt"))))
}

/// (last words, first words) of a list whose first-word lines start with `^`.
fn split_first(all: HashSet<String>) -> (HashSet<String>, HashSet<String>) {
    let first = all.iter().filter_map(|w| w.strip_prefix('^')).map(str::to_string).collect();
    let last = all.into_iter().filter(|w| !w.starts_with('^')).collect();
    (last, first)
}

/// Last words of venues, buildings and roads; lines starting with `^` are first words
/// (`venue_heads_en.txt`).
fn venue_heads() -> &'static (HashSet<String>, HashSet<String>) {
    static SETS: OnceLock<(HashSet<String>, HashSet<String>)> = OnceLock::new();
    SETS.get_or_init(|| split_first(word_set(include_str!("../../python/newsframe/data/names/venue_heads_en.txt"))))
}

/// Compass words (`directions_en.txt`), with whether the word is a compound by itself
/// (`midwest`, `northeast`: marked `*`), which alone names a region.
fn directions() -> &'static (HashSet<String>, HashSet<String>) {
    static SETS: OnceLock<(HashSet<String>, HashSet<String>)> = OnceLock::new();
    SETS.get_or_init(|| {
        let all = word_set(include_str!("../../python/newsframe/data/names/directions_en.txt"));
        let compound = all.iter().filter_map(|w| w.strip_suffix('*')).map(str::to_string).collect();
        let plain = all.iter().map(|w| w.trim_end_matches('*').to_string()).collect();
        (plain, compound)
    })
}

/// Whether a place name's own form makes it a region, a natural feature or a venue (LOC)
/// rather than a political entity (see the module documentation). `kb_hits` are the
/// knowledge-base matches of the document, sorted by start; `start..end` the name's span.
pub(crate) fn is_loc_by_form(text: &str, start: usize, end: usize, kb_hits: &[Mention]) -> bool {
    let span = &text[start..end];
    // Hyphenated words stay whole: "Chester-le-Street" is a town, not a street.
    let words: Vec<String> = span
        .split(char::is_whitespace)
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’'))
        .filter(|w| !w.is_empty())
        .map(|w| arabic::fold_str(&w.to_lowercase()).replace('’', "'"))
        .collect();
    let (Some(first), Some(last)) = (words.first(), words.last()) else { return false };
    let bare = |w: &str| w.trim_end_matches("'s").trim_matches('\'').to_string();
    let (nat_last, nat_first) = natural_features();
    let arabic_head = |w: &String| {
        w.chars().any(arabic::is_arabic_letter)
            && (nat_last.contains(w) || w.strip_prefix("ال").is_some_and(|s| nat_last.contains(s)))
    };
    if nat_last.contains(&bare(last)) || (words.len() > 1 && nat_first.contains(first)) || words.iter().any(arabic_head) {
        return true;
    }
    let (venue_last, venue_first) = venue_heads();
    if words.len() > 1 && (venue_last.contains(&bare(last)) || venue_first.contains(first)) {
        return true;
    }
    let (compass, compound) = directions();
    // "the West", "the East": after an article a bloc or a region. Not "the North", "the
    // South": news of Korea (and Sudan, Yemen, Cyprus) names states so; a bare word in a
    // results line is a team ("North 2 South 1").
    let bloc = (text[..start].ends_with("the ") || text[..start].ends_with("The ")) && matches!(first.as_str(), "west" | "east");
    if words.iter().all(|w| compass.contains(w)) && (words.len() > 1 || compound.contains(first) || bloc) {
        return true;
    }
    if words.len() > 1 {
        // A region the knowledge base knows at the end of the span ("North Caucasus",
        // "U.S. Gulf"): the whole is a part of that region.
        let i = kb_hits.partition_point(|k| k.start < start);
        if kb_hits[i..].iter().take_while(|k| k.start < end).any(|k| k.end == end && k.start > start && k.label == Label::Loc) {
            return true;
        }
    }
    if head_noun_follows(text, end) || feature_of_before(text, start) {
        return true;
    }
    if words.len() > 1 && span.starts_with("The ") {
        return true;
    }
    last.len() > 3 && (last.ends_with("'s") || span.ends_with("s'")) && span.chars().next().is_some_and(char::is_uppercase)
}

/// Whether a lowercase feature or venue noun follows the name ("Stansted airport", "Insein
/// prison", "Pamir mountains", "al-Aqsa mosque"): the name is that feature's. Nouns that
/// follow a town as often as a feature's own name ("a Dallas street", "Berlin court",
/// "Jerusalem centre") do not count.
fn head_noun_follows(text: &str, end: usize) -> bool {
    const TOWN_NOUNS: &[&str] =
        &["street", "road", "avenue", "lane", "boulevard", "court", "market", "centre", "center", "hall", "house", "hotel", "motel", "field", "ground", "grounds", "gate", "station", "region"];
    let word = word_after(text, end).unwrap_or("");
    if word.is_empty() || !word.chars().all(char::is_lowercase) || TOWN_NOUNS.contains(&word) {
        return false;
    }
    is_place_head(word)
}

/// Venue heads that end no person's name and, in news, name the place rather than the
/// business that runs it (`Lilac Falls Motel`, `Midway Airport`, `Sheffield Arena`), unlike
/// `Hall`, `Field` or `Park`, which are surnames too.
const VENUES_ONLY: &[&str] = &[
    "airport", "arena", "basilica", "cathedral", "hospital", "hotel", "jail", "monastery", "mosque", "motel",
    "museum", "penitentiary", "prison", "racecourse", "speedway", "stadium", "synagogue", "velodrome",
];

/// Whether `name` has two words or more and ends in one of [`VENUES_ONLY`].
fn ends_in_venue(name: &str) -> bool {
    name.rsplit_once(' ').is_some_and(|(_, last)| VENUES_ONLY.contains(&last.to_lowercase().as_str()))
}

/// Whether the last word of `name` is the head of a natural feature or a venue (`King Fahd
/// Causeway`, `Queen Mary Hospital`).
pub(crate) fn ends_in_place_head(name: &str) -> bool {
    name.rsplit(' ').next().is_some_and(|w| is_place_head(&w.to_lowercase()))
}

/// Whether a lower-case word is the head of a natural feature or a venue (`island`, `prison`).
fn is_place_head(lower: &str) -> bool {
    natural_features().0.contains(lower) || venue_heads().0.contains(lower)
}

/// The letters right after `end` and one space (`Insein Prison`: `Prison`), empty when no
/// letter follows; None without the space.
fn word_after(text: &str, end: usize) -> Option<&str> {
    let rest = text[end..].strip_prefix(' ')?;
    Some(crate::text::letters_after(rest, 0))
}

/// Whether a natural-feature noun and `of` come right before the name ("the Arctic island of
/// Spitzbergen", "off the coast of Newfoundland", "the Gulf of Sirte"): the name is that
/// feature's. `province of`, `city of` and `state of` are not features, so they do not count.
fn feature_of_before(text: &str, start: usize) -> bool {
    noun_of_before(text, start).is_some_and(|word| natural_features().0.contains(&word.to_lowercase()))
}

/// The word right before `of ` and the name at `start` ("the island of Spitzbergen":
/// `island`), None when no such word is there.
fn noun_of_before(text: &str, start: usize) -> Option<&str> {
    let before = text[..start].strip_suffix(" of ")?;
    Some(crate::text::letters_before(before, before.len())).filter(|w| !w.is_empty())
}

/// Whether a lower-case noun of a settlement or an administrative division and `of` come
/// right before the name ("the village of Kfar Nabudah", "the northern town of Maarat
/// al-Numan", "the Swiss resort of Davos", "the province of Idlib"): the name is a GPE,
/// however the tagger, which takes `al-` compounds for people, typed it.
pub(crate) fn settlement_of_before(text: &str, start: usize) -> bool {
    const SETTLEMENTS: &[&str] = &[
        "town", "towns", "village", "villages", "city", "cities", "hamlet", "resort", "suburb", "township",
        "municipality", "province", "governorate", "prefecture", "district", "county", "capital", "port",
    ];
    noun_of_before(text, start).is_some_and(|word| word.chars().all(char::is_lowercase) && SETTLEMENTS.contains(&word))
}

/// A capitalised venue or feature head right after an unknown place the model ended early
/// ("Insein Prison", "Kariba Dam" when the tagger took only "Insein", "Kariba"): the end of
/// that head, so that the name holds it.
fn head_word_after(text: &str, end: usize) -> Option<usize> {
    let word = word_after(text, end)?;
    if !word.chars().next().is_some_and(char::is_uppercase) || word.chars().skip(1).any(char::is_uppercase) {
        return None;
    }
    is_place_head(&word.to_lowercase()).then(|| end + 1 + word.len())
}

/// Makes the model's places of one document agree: a name typed LOC by its form somewhere
/// ("Insein prison", "The Oval") is LOC wherever the model found it without the knowledge
/// base ("Insein", "Oval" after "The Oval"). `found` are the model's typed mentions.
pub fn agree_in_document(text: &str, found: &mut [Mention]) {
    let unknown_place = |m: &Mention| m.kb_id.is_none() && matches!(m.label, Label::Gpe | Label::Loc);
    let locs: HashSet<&str> = found
        .iter()
        .filter(|m| unknown_place(m) && m.label == Label::Loc)
        .map(|m| {
            let s = &text[m.start..m.end];
            s.strip_prefix("The ").unwrap_or(s)
        })
        .collect();
    if locs.is_empty() {
        return;
    }
    for m in found.iter_mut().filter(|m| unknown_place(m) && m.label == Label::Gpe) {
        if locs.contains(&text[m.start..m.end]) {
            m.label = Label::Loc;
        }
    }
}

/// Gives a model mention (labels PERSON, ORG, LOC, MISC as the tagger has them) its final
/// label and knowledge-base id. A span the knowledge base knows takes its id when the label
/// agrees; a LOC takes the knowledge base's place label (GPE or LOC), a MISC becomes NORP
/// when the knowledge base knows it as one; a place or MISC the knowledge base knows as an
/// organisation is that organisation, an ORG it knows as a country is that GPE, and as a region
/// that LOC. A LOC it does not know is GPE unless
/// [`is_loc_by_form`] or it follows `at` ([`after_at`]), and a venue or feature head the
/// model left after it joins it ([`head_word_after`]); a MISC it does not know stays MISC.
pub fn type_with_kb(text: &str, m: &mut Mention, kb_hits: &[Mention]) {
    if m.kb_id.is_some() {
        return;
    }
    let same_span = crate::doc::starting_at(kb_hits, m.start).iter().filter(|k| k.end == m.end);
    // A nationality word is NORP however the tagger typed it: CoNLL tags a few LOC
    // (`Rises in West German ... rates`, `the Philippine government`). Not the first word of
    // a longer place the tagger cut (`Czech` of `Czech Republic` in a results table).
    let cut = crate::doc::starting_at(kb_hits, m.start).iter().any(|k| k.end > m.end && k.label == Label::Gpe);
    let fits = |k: Label| {
        k == m.label
            || (m.label == Label::Loc && matches!(k, Label::Gpe | Label::Loc))
            || (m.label == Label::Loc && k == Label::Norp && !cut)
            || (m.label == Label::Misc && k == Label::Norp)
    };
    // Failing that, an organisation the knowledge base names (the curated international
    // bodies, and seats of government by metonymy: `White House`, `Kremlin`) is one whatever
    // place or miscellaneous label the tagger gave it: CoNLL, which the English tagger
    // learnt, tags `White House` LOC and the adjectival `European Community finance
    // ministers` MISC, where our guideline, like OntoNotes, has ORG. A PERSON stays
    // (`Bloomberg` the man).
    let org = |k: &Mention| k.label == Label::Org && matches!(m.label, Label::Loc | Label::Gpe | Label::Misc);
    // And a country the tagger took for an organisation acts as a state (`the USSR will take
    // less`; a city stays, CoNLL's ORG there is a club): CoNLL tags national teams LOC, so its
    // ORG on a country name is the metonymy OntoNotes and our guideline call GPE.
    // So is a city opening a dateline (`Atlanta (CNN)The daughter`), where the tagger reads
    // a company and its ticker.
    let dateline = (m.start == 0 || text[..m.start].ends_with('\n')) && text[m.end..].strip_prefix(' ').and_then(crate::text::agency_in_brackets).is_some();
    let country = |k: &Mention| {
        let is_country = k.kb_id.as_deref().is_some_and(|id| id.starts_with("country:"));
        m.label == Label::Org && k.label == Label::Gpe && (is_country || dateline)
    };
    // And a region, a continent or a planet it took for one (`circled the Earth`: ORG): no
    // body bears such a name alone.
    let region = |k: &Mention| m.label == Label::Org && k.label == Label::Loc;
    let mut fitting = same_span.clone().filter(|k| fits(k.label));
    if let Some(k) = fitting.next().or_else(|| same_span.clone().find(|k| org(k) || country(k) || region(k))) {
        m.label = k.label;
        m.kb_id = k.kb_id.clone();
        return;
    }
    if matches!(m.label, Label::Person | Label::Org) && ends_in_venue(&text[m.start..m.end]) {
        m.label = Label::Loc;
        return;
    }
    if m.label != Label::Loc {
        return;
    }
    if let Some(end) = head_word_after(text, m.end) {
        m.end = end;
        return;
    }
    if !is_loc_by_form(text, m.start, m.end, kb_hits) && !(after_at(text, m.start) && !in_region_after(text, m.end, kb_hits)) {
        m.label = Label::Gpe;
    }
}

/// Whether a comma and a state, province or country the knowledge base knows follow the
/// name ending at `end` ("at Grangemouth, Scotland", "at Noranda, Ont."): that is how news
/// places a town, while a venue is placed by its city ("at Edgbaston, Birmingham").
fn in_region_after(text: &str, end: usize, kb_hits: &[Mention]) -> bool {
    let Some(rest) = text[end..].strip_prefix(", ") else { return false };
    let at = text.len() - rest.len();
    let i = kb_hits.partition_point(|k| k.start < at);
    kb_hits.get(i).is_some_and(|k| {
        k.start == at && k.label == Label::Gpe && !k.kb_id.as_deref().is_some_and(|id| id.starts_with("city:"))
    })
}

/// Whether the name at `start` follows a lower-case `at` ("won at Edgbaston", "(at
/// Headingley"), the preposition English uses for a point: a venue, a building, a site.
/// Towns and countries take `in`, and the ones news names after `at` ("at Leeds") are in the
/// knowledge base, which types them before this is asked. A capitalised `At` opens a
/// heading ("At Portsmouth: Middlesex beat ...") and an upper-case `AT` a fixture list
/// ("KANSAS CITY AT DETROIT"), where towns follow, so only `at` counts.
fn after_at(text: &str, start: usize) -> bool {
    let before = text[..start].trim_end_matches(' ');
    before.len() < start
        && before.strip_suffix("at").is_some_and(|b| !b.chars().next_back().is_some_and(char::is_alphanumeric))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doc::Source;

    fn typed(text: &str, kb_hits: &[Mention]) -> Label {
        let mut m = Mention::new(0, text.len(), Label::Loc, Source::Model, 0.8);
        type_with_kb(text, &mut m, kb_hits);
        m.label
    }

    #[test]
    fn a_place_the_knowledge_base_knows_as_a_nationality_is_norp() {
        let text = "West German";
        let kb = Mention { kb_id: Some("country:DE".into()), ..Mention::new(0, text.len(), Label::Norp, Source::Kb, 1.0) };
        let mut m = Mention::new(0, text.len(), Label::Loc, Source::Model, 0.8);
        type_with_kb(text, &mut m, &[kb]);
        assert_eq!((m.label, m.kb_id.as_deref()), (Label::Norp, Some("country:DE")));
        let text = "Czech Republic";
        let norp = Mention { kb_id: Some("country:CZ".into()), ..Mention::new(0, 5, Label::Norp, Source::Kb, 1.0) };
        let gpe = Mention { kb_id: Some("country:CZ".into()), ..Mention::new(0, text.len(), Label::Gpe, Source::Kb, 1.0) };
        let mut m = Mention::new(0, 5, Label::Loc, Source::Model, 0.8);
        type_with_kb(text, &mut m, &[norp, gpe]);
        assert_ne!(m.label, Label::Norp, "the first word of a longer place");
    }

    #[test]
    fn unknown_places_are_gpe_unless_their_form_says_region_feature_or_venue() {
        let cases = [
            ("Shandong", Label::Gpe),
            ("Buffalo", Label::Gpe),
            ("Hollywood", Label::Gpe),
            ("N.J.", Label::Gpe),
            ("South", Label::Gpe),
            ("Port Said", Label::Gpe),
            ("Yangtze River", Label::Loc),
            ("Golan Heights", Label::Loc),
            ("Persian Gulf", Label::Loc),
            ("Far East", Label::Loc),
            ("Midwest", Label::Loc),
            ("Old Trafford Stadium", Label::Loc),
            ("Trent Bridge", Label::Loc),
            ("National Tennis Centre", Label::Loc),
            ("Interstate 95", Label::Loc),
            ("The Oval", Label::Loc),
            ("Lord's", Label::Loc),
            ("Lord’s", Label::Loc),
            ("نهر النيل", Label::Loc),
            ("الخليج العربي", Label::Loc),
            ("بنغازي", Label::Gpe),
        ];
        for (text, want) in cases {
            assert_eq!(typed(text, &[]), want, "{text}");
        }
        // After an article `West` and `East` are a bloc or a region; `the South` may be a Korea.
        for (text, want) in [("ties with the West", Label::Loc), ("The South voted", Label::Gpe), ("won: North 2", Label::Gpe)] {
            let word = ["West", "South", "North"].iter().find_map(|w| text.find(w).map(|i| (i, w.len()))).unwrap();
            let mut m = Mention::new(word.0, word.0 + word.1, Label::Loc, Source::Model, 0.8);
            type_with_kb(text, &mut m, &[]);
            assert_eq!(m.label, want, "{text}");
        }
    }

    #[test]
    fn a_person_or_company_ending_in_a_venue_head_is_the_venue() {
        for (text, label, want) in [
            ("Lilac Falls Motel", Label::Person, Label::Loc),
            ("Midway Airport", Label::Org, Label::Loc),
            ("Sheffield Arena", Label::Org, Label::Loc),
            // Surnames and one-word names stay.
            ("Arsenio Hall", Label::Person, Label::Person),
            ("Hotel", Label::Org, Label::Org),
            ("Hilton Hotels Corp", Label::Org, Label::Org),
        ] {
            let mut m = Mention::new(0, text.len(), label, Source::Model, 0.8);
            type_with_kb(text, &mut m, &[]);
            assert_eq!(m.label, want, "{text}");
        }
    }

    #[test]
    fn a_feature_noun_after_the_name_makes_it_loc_and_the_document_agrees() {
        let text = "He was held in Insein prison. Insein is north of Yangon. Dallas street";
        let first = Mention::new(15, 21, Label::Loc, Source::Model, 0.8);
        let second = Mention::new(30, 36, Label::Loc, Source::Model, 0.8);
        let dallas = Mention::new(57, 63, Label::Loc, Source::Model, 0.8);
        let mut found = vec![first, second, dallas];
        for m in &mut found {
            type_with_kb(text, m, &[]);
        }
        assert_eq!(found.iter().map(|m| m.label).collect::<Vec<_>>(), [Label::Loc, Label::Gpe, Label::Gpe]);
        agree_in_document(text, &mut found);
        assert_eq!(found.iter().map(|m| m.label).collect::<Vec<_>>(), [Label::Loc, Label::Loc, Label::Gpe]);
    }

    #[test]
    fn an_unknown_place_after_a_lower_case_at_is_a_venue() {
        let typed_at = |text: &str, name: &str| {
            let start = text.find(name).unwrap();
            let mut m = Mention::new(start, start + name.len(), Label::Loc, Source::Model, 0.8);
            type_with_kb(text, &mut m, &[]);
            m.label
        };
        assert_eq!(typed_at("England won at Edgbaston on Saturday.", "Edgbaston"), Label::Loc);
        assert_eq!(typed_at("First test (at Headingley, Leeds)", "Headingley"), Label::Loc);
        assert_eq!(typed_at("At Portsmouth: Middlesex beat Hampshire.", "Portsmouth"), Label::Gpe);
        assert_eq!(typed_at("KANSAS CITY AT DETROIT", "DETROIT"), Label::Gpe);
        assert_eq!(typed_at("He lives in Shandong.", "Shandong"), Label::Gpe);
        let text = "The refinery at Grangemouth, Scotland, shut down.";
        let mut scotland = Mention::new(29, 37, Label::Gpe, Source::Kb, 0.9);
        scotland.kb_id = Some("subdivision:GB-SCT".into());
        let mut m = Mention::new(16, 27, Label::Loc, Source::Model, 0.8);
        type_with_kb(text, &mut m, &[scotland]);
        assert_eq!(m.label, Label::Gpe);
        assert_eq!(typed_at("Sales of Shandong mills rose.", "Shandong"), Label::Gpe);
    }

    #[test]
    fn a_feature_around_the_name_makes_it_loc() {
        let text = "It crashed on the Arctic island of Spitzbergen. He lives in the province of Sindh.";
        let at = |name: &str| {
            let start = text.find(name).unwrap();
            let mut m = Mention::new(start, start + name.len(), Label::Loc, Source::Model, 0.8);
            type_with_kb(text, &mut m, &[]);
            (&text[m.start..m.end], m.label)
        };
        assert_eq!(at("Spitzbergen"), ("Spitzbergen", Label::Loc));
        assert_eq!(at("Sindh"), ("Sindh", Label::Gpe));
        let text = "They are held in Rangoon's Insein Prison. Insein Prison Road";
        let mut m = Mention::new(27, 33, Label::Loc, Source::Model, 0.8);
        type_with_kb(text, &mut m, &[]);
        assert_eq!((&text[m.start..m.end], m.label), ("Insein Prison", Label::Loc));
    }

    #[test]
    fn a_compass_word_before_a_known_region_is_that_region() {
        let text = "North Caucasus";
        let mut k = Mention::new(6, text.len(), Label::Loc, Source::Kb, 0.8);
        k.kb_id = Some("region:caucasus".into());
        assert_eq!(typed(text, &[k]), Label::Loc);
        // Before a country it is the model's GPE.
        let text = "North Ruritania";
        let k = Mention::new(6, text.len(), Label::Gpe, Source::Kb, 0.8);
        assert_eq!(typed(text, &[k]), Label::Gpe);
    }

    #[test]
    fn known_spans_take_the_kb_label_and_id() {
        let mut kb = Mention::new(0, 6, Label::Loc, Source::Kb, 0.9);
        kb.kb_id = Some("region:europe".into());
        let mut m = Mention::new(0, 6, Label::Loc, Source::Model, 0.8);
        type_with_kb("Europe", &mut m, &[kb.clone()]);
        assert_eq!((m.label, m.kb_id.as_deref()), (Label::Loc, Some("region:europe")));
        // Another label keeps the model's label and gets no id.
        let mut m = Mention::new(0, 6, Label::Person, Source::Model, 0.8);
        type_with_kb("Europe", &mut m, &[kb]);
        assert_eq!((m.label, m.kb_id.as_deref()), (Label::Person, None));
        // A MISC the knowledge base knows as a nationality is NORP.
        let mut kb = Mention::new(0, 8, Label::Norp, Source::Kb, 0.9);
        kb.kb_id = Some("country:DZ".into());
        let mut m = Mention::new(0, 8, Label::Misc, Source::Model, 0.8);
        type_with_kb("Algerian", &mut m, &[kb]);
        assert_eq!((m.label, m.kb_id.as_deref()), (Label::Norp, Some("country:DZ")));
        // A place or MISC the knowledge base knows as an organisation is that organisation.
        for label in [Label::Loc, Label::Misc] {
            let mut kb = Mention::new(0, 11, Label::Org, Source::Kb, 0.9);
            kb.kb_id = Some("org:white-house".into());
            let mut m = Mention::new(0, 11, label, Source::Model, 0.8);
            type_with_kb("White House", &mut m, &[kb]);
            assert_eq!((m.label, m.kb_id.as_deref()), (Label::Org, Some("org:white-house")));
        }
        // A country the tagger calls an organisation is the state; a city stays (a club).
        let mut kb = Mention::new(0, 4, Label::Gpe, Source::Kb, 0.9);
        kb.kb_id = Some("country:SUHH".into());
        let mut m = Mention::new(0, 4, Label::Org, Source::Model, 0.8);
        type_with_kb("USSR", &mut m, &[kb.clone()]);
        assert_eq!((m.label, m.kb_id.as_deref()), (Label::Gpe, Some("country:SUHH")));
        kb.kb_id = Some("city:2643743".into());
        let mut m = Mention::new(0, 4, Label::Org, Source::Model, 0.8);
        type_with_kb("Leed", &mut m, &[kb.clone()]);
        assert_eq!((m.label, m.kb_id.as_deref()), (Label::Org, None));
        // ... unless it opens a dateline.
        let mut m = Mention::new(0, 4, Label::Org, Source::Model, 0.8);
        type_with_kb("Leed (CNN)The", &mut m, &[kb]);
        assert_eq!((m.label, m.kb_id.as_deref()), (Label::Gpe, Some("city:2643743")));
        // A region or a planet the tagger calls an organisation is the place.
        let mut kb = Mention::new(0, 5, Label::Loc, Source::Kb, 0.9);
        kb.kb_id = Some("region:earth".into());
        let mut m = Mention::new(0, 5, Label::Org, Source::Model, 0.8);
        type_with_kb("Earth", &mut m, &[kb]);
        assert_eq!((m.label, m.kb_id.as_deref()), (Label::Loc, Some("region:earth")));
    }
}
