//! Document-level consistency of the model's names, applied to all candidates of one
//! document before the resolver chooses among them.
//!
//! Faults of the Reuters-trained tagger on newswire it was not trained for:
//!
//! 1. **Companies named after people come out PERSON** (`Drexel`, `Saatchi`, `Weil`,
//!    `Freddie Mac`). CoNLL-2003 holds few such firms, and a capitalised surname-like word is
//!    PERSON to a tagger that sees a few words of context. The document usually settles
//!    it: the full name appears as an organisation (`Drexel Burnham Lambert Inc.` → later
//!    `Drexel`), or one of its uses carries a company cue (`Saatchi & Co.`, `Weil's shares`,
//!    `shares of Drexel`). So a model PERSON string that is part of an ORG mention of the
//!    same document (any recogniser), or that carries a company cue at one of its uses,
//!    becomes ORG at every use, unless one of its uses carries a person cue: a title or
//!    honorific before it (`Mr.`, `President`), a personal pronoun right after it (`Weil
//!    said he`), or a longer PERSON of the document ending with it (`Dennis Levine` …
//!    `Levine`: the first name introduced a person). A span that itself starts with a given
//!    name (`Freddie Mac`) needs a company cue at one of its own uses, since containment
//!    in an organisation's name is then weaker evidence than the given name.
//! 2. **Sentence-initial discourse adverbs come out as names** (`Moreover`, `However`):
//!    capitalised only by their position, unseen or rare in training. A closed list of
//!    English linking adverbials and of the interjections interviews print (`Yeah`, `Okay`:
//!    `data/names/discourse_en.txt`) is trimmed from the start of a name at the start of its
//!    sentence; a name that was only that word is dropped.
//!
//! 3. **Acronyms the document spells out in lower case are terms, not names**
//!    (`liquefied petroleum gas (LPG)`, `gross domestic product (GDP)`): the tagger,
//!    trained on text where most short capitalised strings are organisations, calls them
//!    ORG. A definition in brackets whose words are lower case and whose initials spell
//!    the acronym (the pattern Schwartz & Hearst 2003 use to find abbreviations) shows the
//!    acronym stands for a common noun; the model's mentions of it are dropped.
//!
//! 4. **Companies the tagger took for places** (`Shares of Citicorp rose`: LOC). A place
//!    the knowledge base does not know is the company when one of its uses carries a
//!    company cue or describes an organisation (item 8, without the plural verb), or when
//!    the model calls the same string ORG at more of its uses than a place: the document's
//!    majority settles a string the lists cannot. Containment in an organisation's name is
//!    no evidence here (`Bank of Boston Corp`).
//!
//! 5. **A person's surname the tagger took for a company** (`Sandra Day O'Connor` …
//!    `O'Connor's ruling`: ORG). A one-word model ORG or MISC that is the last word of a
//!    person of the same document, two words or more and opening with a given name or an
//!    initial (`T. Boone Pickens`), is that person, and so is a model ORG or MISC of the
//!    first and last words of such a person of three words or more (`Boyd Jefferies` of
//!    `Boyd L. Jefferies`), and so is its given name alone (`Helen Keller` ... `like half Helen`), unless one of the
//!    name's uses carries a company cue, or `it`/`its` follows more of its uses than a
//!    person cue does (`Henry Ford` … `Ford said its sales`; but `Proxmire said it is not
//!    enforced` beside three `Proxmire said he`). A surname that is also a word of an
//!    organisation's longer name (`Jefferies Group Inc`) is left as the tagger read it. So
//!    is the surname in a headline in capitals (`PICKENS SEES ...`) the person, and a
//!    one-word place the knowledge base does not know that is such a surname,
//!    or the given name such a person opens with (`Paula Radcliffe` … `the greatest
//!    marathons of Paula's career`: LOC, as `of London's`).
//!
//! 6. **What the form of a name settles.** A name with a legal-form word (`Elsevier
//!    N.V.`, `Bre-X Minerals Ltd`) is a company whatever the tagger called it. A name ending
//!    with the word of a law or treaty (`the Maastricht Treaty`, `the Sarbanes-Oxley Act`),
//!    or that word alone after `the` (`The Act comes into force`), is the law's (MISC),
//!    whatever the tagger called it (ORG, mostly). A capital
//!    letter and a full stop opening a bracket before a state (`Sen. Bentsen (D., Texas)`),
//!    or a party letter and a hyphen before one (`(D-N.J.)`), is a party affiliation, the way
//!    American papers write it, not a place or part of one. The labels of a news portal's
//!    links after a Reuters instrument code (`Alcoa Inc. (AA.N: Quote, Profile, Research)`)
//!    are no names. Nor is a PERSON whose last word is in lower case (`E. coli`): people's
//!    names end with a capitalised word, particles stand inside them (`Ludwig van Beethoven`).
//!    Nor is a title alone that the tagger typed ORG or a place (`Lord Mayor`: `Mayor` ORG).
//!    A code of letters and digits in one word (`MH370`, `F-16`) is MISC, whatever person or
//!    place the tagger took it for.
//!    A model MISC with the form of a person's name (a given name and one or two capitalised
//!    words, `Paula Radcliffe` after the headline `Radcliffe enjoys winning comeback` swayed
//!    the document's second pass) is a person: CoNLL-2003 train has 5 MISC of that form
//!    against 3,337 PER.
//!
//! 7. **An acronym is no person.** People are not written as capitalised initials in running
//!    text (CoNLL-2003 dev has no such PER outside capitalised headlines), while the tagger,
//!    meeting an unknown acronym where a name goes, may call it PERSON (`DVDs`, `GCSEs`,
//!    `ASA`). A model PERSON of two to five capitals on a line that is not all capitals is an
//!    organisation, the common case in news (`the American Soybean Association, ASA,
//!    said`); with a plural `s` it is a common noun and is dropped. An acronym that is a
//!    title (`MP`, `CEO`) is no name of any kind (`the Glasgow MP, who was expelled`). A
//!    plural acronym is a common noun whatever the tagger called it (`the next generation
//!    of DVDs`: LOC; `Philippine Investment Notes (PINs)`: ORG), and so is its singular in a
//!    document that writes the plural (`DVDs` ... `the DVD format`), unless the knowledge
//!    base knows it.
//!
//! 8. **Organisations the document describes as such** (`Australian airline Qantas`, `Chelsea
//!    boss Jose Mourinho`, `Yahoo was the first internet firm to`, `Chelsea were beaten`):
//!    firms, clubs and bodies of today's news that CoNLL-2003 never showed the tagger, which
//!    takes an unknown capitalised word alone for a surname. News introduces such a name by
//!    its kind, its posts or what it holds, and British news gives it a plural verb; one use
//!    so described makes the model's PERSON an ORG at every use, under the same person cues
//!    as item 1 (see `names_en::described_as_organisation`).
//!
//! 9. **A word capitalised only by its place is no place.** The tagger, meeting an ordinary
//!    word at the start of a sentence before `in` or a comma, may call it LOC (`Born in 1942
//!    in Tredegar`). A one-word place the knowledge base does not know, opening its
//!    sentence, that is a common English word (`common_words_en.txt`) and that the document
//!    never writes capitalised inside a sentence, is dropped, and so is such an ORG that is
//!    the plural of a common word (`Stocks, Aug 31, at 5,240` in a table of figures). A
//!    word right after a dash, a colon or a dateline's agency in brackets (`(CNN)Airstrikes
//!    started`) opens its clause too.
//!
//! 10. **What the noun after a name makes it.** News names a site, a region or a division by
//!    the name and its kind in lower case (`the Jebel al-Akhdar region`, `the Barvikha
//!    sanatorium`, `Northern Cape province`), which the tagger, seeing the name alone,
//!    calls PERSON or GPE. A model name the knowledge base does not know, one use of which
//!    is followed by such a head (`names_en::place_by_head`), is LOC (region, natural
//!    feature, site) or GPE (division) at every use. So a product is named by its kind
//!    (`the Cabir worm`, `the Cell processor`, `Nintendo's DS handheld`), which the
//!    tagger, shown few products, calls ORG or PERSON: MISC at every use (none of the
//!    eight labels), unless the document shows a company of that name.
//!
//! 11. **An acronym a name spells out is what the name is** (`Commodity Futures Trading
//!    Commission, CFTC,`, `European Monetary System (EMS)`, `United Arab Emirates (UAE)`).
//!    The tagger, meeting an unknown run of capitals, guesses (`CFTC`: GPE) or passes it by.
//!    Right after an organisation or a state, in brackets or between commas, a run of two
//!    to six capitals whose letters are the initials of the name's capitalised words (the
//!    pattern Schwartz & Hearst 2003 use to find abbreviations; function words may be
//!    skipped) is a mention with the name's label, and so is every other mention of that
//!    acronym the tagger or the rules found in the document.
//!
//! 12. **A title the document gives a kind of work** (`the film Million Dollar Baby`, `his
//!    new single Galvanize`, `the BBC comedy Blackadder`). The Reuters-trained tagger, shown
//!    few films, songs or books, calls their titles PERSON or ORG. One use right after a
//!    kind of work in lower case (`work_kind` of `cues_en.txt`), or after the kind and the
//!    title's own `The` (`movie The Aviator`), makes the model's unknown
//!    name MISC at every use (none of the eight labels), unless it opens with a given name
//!    (`the film Michael Moore made`) or one of its uses carries a person cue.
//!
//! 13. **A word a headline capitalises is no name by that alone** (`PHILIPPINES APPROVES NEW
//!    CAR PROGRAMME`, `BANK RAISES RATES`). In a line written in capitals the tagger sees
//!    no case, and the knowledge base matches an abbreviation that is also a word (`CAR`,
//!    the Central African Republic). A one-word name other than a person in such a line,
//!    found by either, that is an ordinary English word is dropped, unless the document writes it capitalised in running text
//!    (`Reading`, `Bury`) or names the same knowledge-base entity there.
//!
//! 14. **Organisations the tagger took for MISC** (`Officials at Toshiba <TSBA.T>`, `Toshiba
//!    said that it`, `European consortium Airbus Industrie`, `the Argentine Parliament`).
//!    Shown a name unlike the Reuters firms of 1996, the tagger may call it MISC, which the
//!    default output leaves out, so the organisation is lost. A model MISC the knowledge
//!    base does not know is ORG at every use when one use carries a company cue (item 1,
//!    with the wire's ticker after a listed company, `<TSBA.T>`, `(NYSE: GM)`, and share
//!    talk, `National Distillers common shares`), when it speaks of itself as `it` (`said
//!    it`, `said that it`), when it has two words or more and ends with an organisation
//!    head that is not also a building's nor a competition's (`Committee`, `Parliament`;
//!    not `World Trade Center`, `American League`), when the model calls the same string ORG
//!    at more of its uses, or when the document describes it as an organisation (item 8),
//!    unless it ends like an adjective (`Olympic`, `Far Eastern`, `Dublin-born`: the noun
//!    after it is its own).
//!
//! 15. **A headline in title case names only what its story names.** In a headline whose
//!    words are capitalised (`Wal-Mart Brightens Dec. Sales Forecast`, `Examining Earth's
//!    Primordial Soup`), case no longer tells names from verbs and nouns, and the tagger
//!    joins them (`Wal-Mart Brightens`: ORG; `Oil Falls`: PERSON). A model name the
//!    knowledge base does not know, on the first line of a document written in title case,
//!    is cut to its longest opening words that the rest of the document writes (`Bush
//!    Condemns` → `Bush`), and dropped when it writes none; an acronym stays (`SEC Probes
//!    United Rentals`).
//!
//! 16. **A name before a comma and a state or country is a town** (`Ferguson, Missouri`,
//!    `Orlando, Florida (CNN)`). The tagger takes an unknown town for the person or the body
//!    of the same name. A model PERSON or ORG the knowledge base does not know, written once
//!    right before `, ` and a state, province or country the knowledge base knows, that
//!    ends its clause there (a comma, a bracket, a stop or a line end: not `Durbin, Illinois
//!    Democrat`, nor a possessive, nor a list going on with another name), and has no word
//!    of an organisation's name (`Bay Co Bldg Auth, Mich.`), is GPE at every use, unless a
//!    use carries a person cue (`Ferguson said he`). A LOC keeps the label its form gave it
//!    (`off the coast of Newfoundland, Canada`).
//!
//! 17. **A one-word ORG the document speaks of as a person is a person** (`baby Lily was
//!    found ... Lily opened her eyes`). The Reuters-trained tagger may call an unknown single
//!    name ORG, as it does today's stars and footballers. A model ORG of one word
//!    in mixed case, that the knowledge base does not know and that is no word of a longer
//!    organisation's name of the document, is PERSON at every use when two of its uses or
//!    more carry a person cue (item 1), more than carry `it`/`its`, and none carries a
//!    company cue or a plural verb (`Chelsea were beaten`).
//!
//! Nothing here lists entities: the cues are grammar (legal-form suffixes, share talk,
//! titles, pronouns), so the rule holds on any newswire.

use crate::doc::{Label, Mention, Source};
use crate::extract::names_en::{
    described_as_organisation, is_body_head, is_common_word, is_disease_head, is_given_name, is_law_head, plural_of_common, is_person_title, is_work_kind, opens_with_given_name,
    person_shaped, is_function_word, is_org_head, place_by_head,
};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::ops::Range;
use std::sync::OnceLock;

/// English linking adverbials (conjuncts) that open a sentence and are capitalised only by
/// their position: `discourse_en.txt`, whose header gives the sources.
fn discourse_words() -> &'static [&'static str] {
    static WORDS: OnceLock<Vec<&'static str>> = OnceLock::new();
    WORDS.get_or_init(|| {
        crate::text::data_lines(include_str!("../../python/newsframe/data/names/discourse_en.txt"))
            .map(|(_, l)| l.trim())
            .collect()
    })
}

/// Legal-form words that, right after a name, make it a company (`Saatchi Co.`,
/// `Drexel Inc`).
const CORP_SUFFIXES: &[&str] = &[
    "Inc", "Inc.", "Corp", "Corp.", "Corporation", "Co", "Co.", "Ltd", "Ltd.", "PLC", "Plc",
    "plc", "AG", "SA", "S.A.", "NV", "N.V.", "GmbH", "LLC", "L.P.",
];

/// Whether `span`, of two words or more, has a legal-form word (`Dow Chemical Co. of
/// Midland`, `Elsevier N.V.`): the name of a company, whatever else it holds.
pub(crate) fn has_legal_form(span: &str) -> bool {
    span.contains(' ') && span.split(' ').skip(1).any(|w| CORP_SUFFIXES.contains(&w.trim_end_matches(',')))
}

/// Pronouns that, within a few words after a name, show a person (companies take `it`).
const PERSON_PRONOUNS: &[&str] = &["he", "she", "his", "her", "him", "himself", "herself"];

/// How many words after a use are searched for a personal pronoun.
const PRONOUN_WINDOW: usize = 3;

/// Applies the document-level fixes to the candidates of one document (see the module
/// docs): trims or drops sentence-initial discourse adverbs from names, turns the model's
/// PERSON strings and unknown places that the document shows to be companies into ORG at
/// every use, drops acronyms the document spells out in lower case or writes in the plural
/// and places that are ordinary words opening a sentence, and types unknown names by the
/// place noun after them.
pub fn apply(text: &str, sentences: &[Range<usize>], candidates: &mut Vec<Mention>) {
    trim_discourse(text, sentences, candidates);
    // Before item 5, whose surnames these persons give.
    person_shaped_miscs(text, candidates);
    persons_to_orgs(text, candidates);
    surnames_to_persons(text, candidates);
    orgs_to_persons(text, candidates);
    places_to_orgs(text, candidates);
    miscs_to_orgs(text, candidates);
    by_form(text, candidates);
    drop_common_noun_acronyms(text, candidates);
    acronyms_of_names(text, candidates);
    acronyms_are_not_persons(text, candidates);
    drop_sentence_initial_words(text, sentences, candidates);
    drop_shouted_words(text, candidates);
    drop_title_case_names(text, candidates);
    places_by_head(text, candidates);
    works_by_kind(text, candidates);
    towns_by_state(text, candidates);
}

/// Makes GPE the model's unknown names written as a town before its state or country (see
/// the module docs, item 16).
fn towns_by_state(text: &str, candidates: &mut [Mention]) {
    // A LOC was typed by its form (`off the coast of Newfoundland, Canada`).
    let unknown = |m: &Mention| m.source == Source::Model && m.kb_id.is_none() && matches!(m.label, Label::Person | Label::Org);
    // States and countries the knowledge base found, by start.
    let regions: HashMap<usize, usize> = candidates
        .iter()
        .filter(|k| k.label == Label::Gpe && k.kb_id.as_deref().is_some_and(|id| id.starts_with("subdivision:") || id.starts_with("country:")))
        .map(|k| (k.start, k.end))
        .collect();
    if regions.is_empty() {
        return;
    }
    let before_region = |m: &Mention| {
        // `Bay Co Bldg Auth, Mich.`: a body of the state, named with an organisation's word.
        if text[m.start..m.end].split(' ').any(is_org_head) {
            return false;
        }
        let Some(end) = text[m.end..].strip_prefix(", ").and_then(|_| regions.get(&(m.end + 2))) else { return false };
        let tail = &text[*end..];
        // "Atletico, Bayern Munich, Monaco, Paris Saint-Germain": a list of names, not an address.
        let list = tail.strip_prefix(", ").is_some_and(|r| r.starts_with(char::is_uppercase));
        !list && (tail.is_empty() || tail.starts_with([',', '.', ';', ':', '(', ')', '\n']) || tail.starts_with(" (") || tail.starts_with(" --") || tail.starts_with(" —"))
    };
    let uses = uses_of(text, candidates, unknown);
    for idx in uses.values() {
        if idx.iter().any(|&i| before_region(&candidates[i])) && !idx.iter().any(|&i| person_cue(text, candidates[i].start, candidates[i].end)) {
            for &i in idx {
                candidates[i].label = Label::Gpe;
            }
        }
    }
}

/// Makes MISC the model's unknown names that one use shows to be a work's title (see the
/// module docs, item 12).
fn works_by_kind(text: &str, candidates: &mut [Mention]) {
    let unknown = |m: &Mention| {
        m.source == Source::Model && m.kb_id.is_none() && matches!(m.label, Label::Person | Label::Org | Label::Gpe | Label::Loc)
    };
    let uses = uses_of(text, candidates, unknown);
    for (name, idx) in &uses {
        if opens_with_given_name(name) {
            continue;
        }
        let after_kind = |i: usize| {
            let mut before = text[..candidates[i].start].strip_suffix(' ').unwrap_or("");
            // The title's own article, which the tagger leaves out (`movie The Aviator`).
            if let Some(head) = before.strip_suffix("The").and_then(|h| h.strip_suffix(' ')) {
                before = head;
            }
            let word = crate::text::letters_before(before, before.len());
            word.starts_with(|c: char| c.is_lowercase()) && is_work_kind(word)
        };
        if idx.iter().any(|&i| after_kind(i)) && !idx.iter().any(|&i| person_cue(text, candidates[i].start, candidates[i].end)) {
            for &i in idx {
                candidates[i].label = Label::Misc;
            }
        }
    }
}

/// Relabels the model's unknown names whose head noun shows a place (see the module docs,
/// item 10).
fn places_by_head(text: &str, candidates: &mut [Mention]) {
    let unknown = |m: &Mention| {
        m.source == Source::Model && m.kb_id.is_none() && matches!(m.label, Label::Person | Label::Gpe | Label::Loc | Label::Org)
    };
    let uses = uses_of(text, candidates, unknown);
    for idx in uses.values() {
        let label = idx.iter().find_map(|&i| {
            let after = &text[candidates[i].end..];
            // "Alzheimer's disease": an illness keeps its eponym's possessive.
            let eponym = ["'s ", "’s "].iter().find_map(|p| after.strip_prefix(p)).map(|r| crate::text::letters_after(r, 0));
            let rest = after.strip_prefix(' ');
            let head = rest.map_or("", |r| crate::text::letters_after(r, 0));
            if eponym.or(rest.map(|_| head)).is_some_and(is_disease_head) {
                return Some(Label::Misc);
            }
            let rest = rest?;
            // "USDA county offices": an acronym's noun is its office's; in a shouted headline
            // ("FUJIAN PROVINCE") the head is shouted too. A product's kind is its own
            // whatever its name's case (`the PSP console`).
            let name = &text[candidates[i].start..candidates[i].end];
            let shouted = |w: &str| !w.chars().any(char::is_lowercase);
            let label = place_by_head(head)?;
            if shouted(name) && !shouted(head) && label != Label::Misc {
                return None;
            }
            // "Agricultural Stabilization and Conservation county offices": the head modifies
            // a plural noun after it, whose name this is.
            let next = rest[head.len()..].strip_prefix(' ').and_then(|r| r.split(|c: char| !c.is_alphabetic()).next()).unwrap_or("");
            if next.len() > 3 && next.ends_with('s') && next.starts_with(|c: char| c.is_lowercase()) && !is_function_word(next) {
                return None;
            }
            Some(label)
        });
        // A maker's name before its product's kind (`Symantec software`) is the maker's
        // where the document shows a company.
        let company = || {
            idx.iter().any(|&i| {
                let m = &candidates[i];
                company_cue(text, m.start, m.end).is_some() || described_as_organisation(text, m.start, m.end, false)
            })
        };
        if let Some(label) = label.filter(|&l| l != Label::Misc || !company()) {
            for &i in idx {
                candidates[i].label = label;
            }
        }
    }
}

/// Drops the model's unknown one-word places that are ordinary words capitalised only at the
/// start of their sentence (see the module docs, item 9).
fn drop_sentence_initial_words(text: &str, sentences: &[Range<usize>], candidates: &mut Vec<Mention>) {
    let suspect = |m: &Mention| {
        let span = &text[m.start..m.end];
        m.source == Source::Model
            && m.kb_id.is_none()
            && span.chars().all(char::is_alphabetic)
            && span.chars().skip(1).all(char::is_lowercase)
            // A firm named by a plural noun is rare; a table's row (`Stocks, Aug 31`) is not.
            && ((matches!(m.label, Label::Gpe | Label::Loc) && is_common_word(span)) || (m.label == Label::Org && plural_of_common(span)))
            && opens_clause(text, sentences, m.start)
    };
    let words: HashSet<&str> = candidates.iter().filter(|m| suspect(m)).map(|m| &text[m.start..m.end]).collect();
    if words.is_empty() {
        return;
    }
    // A name the document also writes inside a sentence is capitalised as a name.
    let dropped: HashSet<&str> =
        words.into_iter().filter(|w| word_occurrences(text, w).all(|i| opens_clause(text, sentences, i))).collect();
    candidates.retain(|m| !(suspect(m) && dropped.contains(&text[m.start..m.end])));
}

/// The line around `at`, when it is written in capitals (four capitals or more, no
/// lower-case letter): a wire headline.
fn shouted_line(text: &str, at: usize) -> bool {
    let a = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let b = text[at..].find('\n').map_or(text.len(), |i| at + i);
    crate::extract::shouted(&text[a..b])
}

/// The first line of `text` when it is a headline in title case: a line above a story, with
/// no full stop at its end, of three or more words of three letters or more other than
/// function words, four in five of them capitalised and one of those an ordinary English
/// word after the first word (`Yahoo Debuts Mobile Search`; not `Blair hails Turkey-EU
/// talks deal`, nor a line of names, nor a sentence listing firms).
fn title_case_headline(text: &str) -> Option<Range<usize>> {
    let start = text.len() - text.trim_start().len();
    let end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    let line = &text[start..end];
    // A headline stands above a story and closes with no full stop.
    if line.trim_end().ends_with('.') || text[end..].trim().len() < 20 {
        return None;
    }
    let (mut content, mut capital, mut common) = (0, 0, 0);
    for (i, word) in line.split_whitespace().enumerate() {
        let w = word.trim_matches(|c: char| !c.is_alphanumeric());
        let w = w.strip_suffix("'s").or_else(|| w.strip_suffix("’s")).unwrap_or(w);
        if w.chars().count() < 3 || !w.starts_with(char::is_alphabetic) || is_function_word(w) {
            continue;
        }
        content += 1;
        if w.starts_with(char::is_uppercase) && w.chars().any(char::is_lowercase) {
            capital += 1;
            if i > 0 && is_common_word(w) {
                common += 1;
            }
        }
    }
    (content >= 3 && capital * 5 >= content * 4 && common >= 1 && line.split_whitespace().count() <= 25).then_some(start..end)
}

/// Trims the model's unknown names of a headline in title case to their longest opening
/// words that the rest of the document writes, and drops those it does not write at all
/// (see the module docs, item 15).
fn drop_title_case_names(text: &str, candidates: &mut Vec<Mention>) {
    let Some(line) = title_case_headline(text) else { return };
    let body = &text[line.end..];
    candidates.retain_mut(|m| {
        let span = &text[m.start..m.end];
        // Capitals stay capitals in a title-case line (`SEC Probes United Rentals`).
        let acronym = !span.chars().any(char::is_lowercase);
        if m.source != Source::Model || m.kb_id.is_some() || !is_name(m.label) || m.end > line.end || acronym {
            return true;
        }
        let mut end = span.len();
        loop {
            let part = span[..end].trim_end();
            if contains_words(body, part) {
                m.end = m.start + part.len();
                return true;
            }
            match part.rfind(' ') {
                Some(i) => end = i,
                None => return false,
            }
        }
    });
}

/// Drops the model's one-word names in headlines in capitals that are ordinary words the
/// document never writes as names elsewhere (see the module docs, item 13).
fn drop_shouted_words(text: &str, candidates: &mut Vec<Mention>) {
    let suspect = |m: &Mention| {
        let span = &text[m.start..m.end];
        // A person in a headline is most often one (`BUSH SEES GAIN`).
        matches!(m.source, Source::Model | Source::Kb)
            && is_name(m.label)
            && m.label != Label::Person
            && span.len() >= 2
            && span.bytes().all(|b| b.is_ascii_uppercase())
            && is_common_word(span)
            && shouted_line(text, m.start)
    };
    if !candidates.iter().any(suspect) {
        return;
    }
    let elsewhere_ids: HashSet<&str> =
        candidates.iter().filter(|m| !shouted_line(text, m.start)).filter_map(|m| m.kb_id.as_deref()).collect();
    let written_as_name = |word: &str| {
        let title = format!("{}{}", &word[..1], word[1..].to_ascii_lowercase());
        [word, title.as_str()].iter().any(|w| word_occurrences(text, w).any(|i| !shouted_line(text, i)))
    };
    let drop: Vec<bool> = candidates
        .iter()
        .map(|m| {
            suspect(m)
                && !m.kb_id.as_deref().is_some_and(|id| elsewhere_ids.contains(id))
                && !written_as_name(&text[m.start..m.end])
        })
        .collect();
    let mut k = 0;
    candidates.retain(|_| {
        k += 1;
        !drop[k - 1]
    });
}

/// Relabels or drops the model's PERSON acronyms (see the module docs, item 7).
fn acronyms_are_not_persons(text: &str, candidates: &mut Vec<Mention>) {
    let acronym = |s: &str| {
        let caps = s.strip_suffix('s').unwrap_or(s);
        (2..=5).contains(&caps.len()) && caps.bytes().all(|b| b.is_ascii_uppercase())
    };
    let shouted_line = |m: &Mention| {
        let from = text[..m.start].rfind('\n').map_or(0, |i| i + 1);
        let to = text[m.end..].find('\n').map_or(text.len(), |i| m.end + i);
        !text[from..to].chars().any(char::is_lowercase)
    };
    // The singulars of the plural acronyms the document writes ("DVDs" ... "the DVD format").
    // Only a document with an acronym among the model's names pays for the scan.
    let any_acronym = candidates.iter().any(|m| m.source == Source::Model && acronym(&text[m.start..m.end]));
    let plurals: HashSet<&str> = if any_acronym {
        text.split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.len() > 2 && w.ends_with('s') && acronym(w))
            .map(|w| &w[..w.len() - 1])
            .collect()
    } else {
        HashSet::default()
    };
    candidates.retain_mut(|m| {
        let span = &text[m.start..m.end];
        if m.source == Source::Model && acronym(span) && is_person_title(span.strip_suffix('s').unwrap_or(span)) {
            return false;
        }
        let common = span.ends_with('s') || (m.kb_id.is_none() && plurals.contains(span));
        if m.source == Source::Model && is_name(m.label) && acronym(span) && common {
            return false;
        }
        if m.source != Source::Model || m.label != Label::Person || !acronym(span) || shouted_line(m) {
            return true;
        }
        m.label = Label::Org;
        !span.ends_with('s')
    });
}

/// Drops the model's name mentions of acronyms that `text` defines with lower-case words
/// (see the module docs, item 3).
fn drop_common_noun_acronyms(text: &str, candidates: &mut Vec<Mention>) {
    let mut terms: Vec<&str> = Vec::new();
    for open in memchr::memchr_iter(b'(', text.as_bytes()) {
        let inner = &text[open + 1..];
        let len = inner.bytes().take_while(u8::is_ascii_uppercase).count();
        if (2..=6).contains(&len) && inner.as_bytes().get(len) == Some(&b')') && spelt_in_lower_case(&text[..open], &inner[..len]) {
            terms.push(&inner[..len]);
        }
    }
    if terms.is_empty() {
        return;
    }
    candidates.retain(|m| !(m.source == Source::Model && is_name(m.label) && terms.contains(&&text[m.start..m.end])));
}

/// Whether the words ending `before` are lower-case words whose initials spell `acronym`
/// (function words between them may be skipped: `ministry of finance (MOF)`).
fn spelt_in_lower_case(before: &str, acronym: &str) -> bool {
    let mut letters = acronym.bytes().rev().peekable();
    for word in before.trim_end().rsplit(|c: char| c.is_whitespace() || c == '-').take(2 * acronym.len() + 2) {
        let Some(&want) = letters.peek() else { break };
        let first = word.bytes().next().unwrap_or(b' ');
        if !first.is_ascii_lowercase() {
            return false;
        }
        if first.to_ascii_uppercase() == want {
            letters.next();
        } else if !matches!(word, "of" | "and" | "for" | "the" | "on" | "in" | "to") {
            return false;
        }
    }
    letters.peek().is_none()
}

/// Gives the acronyms that names spell out their name's label (see the module docs, item 11).
fn acronyms_of_names(text: &str, candidates: &mut Vec<Mention>) {
    let mut defined: Vec<(usize, usize, Label)> = Vec::new();
    for m in candidates.iter().filter(|m| matches!(m.label, Label::Org | Label::Gpe)) {
        let after = &text[m.end..];
        let Some(inner) = after.strip_prefix(" (").or_else(|| after.strip_prefix(", ")) else { continue };
        let len = inner.bytes().take_while(u8::is_ascii_uppercase).count();
        let close = if after.starts_with(',') { [b',', b'.'].as_slice() } else { b")".as_slice() };
        if (2..=6).contains(&len) && inner.as_bytes().get(len).is_some_and(|b| close.contains(b)) && spelt_by_initials(&text[m.start..m.end], &inner[..len]) {
            let start = text.len() - inner.len();
            defined.push((start, start + len, m.label));
        }
    }
    if defined.is_empty() {
        return;
    }
    let label_of: HashMap<&str, Label> = defined.iter().map(|&(s, e, l)| (&text[s..e], l)).collect();
    for m in candidates.iter_mut().filter(|m| m.source != Source::Kb && is_name(m.label)) {
        if let Some(&label) = label_of.get(&text[m.start..m.end]) {
            m.label = label;
            m.kb_id = None;
        }
    }
    for (start, end, label) in defined {
        if !candidates.iter().any(|m| m.start == start && m.end == end) {
            candidates.push(Mention::new(start, end, label, Source::Rule, 0.8));
        }
    }
}

/// Whether `acronym` is the initials of the capitalised words of `name`, and of the
/// capitalised parts of its hyphenated words (`Co-operation`), function words skipped.
fn spelt_by_initials(name: &str, acronym: &str) -> bool {
    let initials: Vec<u8> = name
        .split([' ', '-'])
        .filter_map(|w| w.bytes().next())
        .filter(u8::is_ascii_uppercase)
        .collect();
    initials == acronym.as_bytes()
}

/// Whether `l` is a name label (not a value).
fn is_name(l: Label) -> bool {
    matches!(l, Label::Person | Label::Org | Label::Gpe | Label::Loc | Label::Norp | Label::Misc)
}

/// Trims a discourse word ([`discourse_words`]) and the spaces after it from the start of
/// a model or rule name that opens its sentence; drops the name if nothing remains.
fn trim_discourse(text: &str, sentences: &[Range<usize>], candidates: &mut Vec<Mention>) {
    candidates.retain_mut(|m| {
        if !is_name(m.label) || !matches!(m.source, Source::Model | Source::Rule) {
            return true;
        }
        if !opens_sentence(text, sentences, m.start) {
            return true;
        }
        let span = &text[m.start..m.end];
        let first_len = crate::text::letters_after(span, 0).len();
        if !discourse_words().contains(&&span[..first_len]) {
            return true;
        }
        let rest = span[first_len..].trim_start_matches(|c: char| c.is_whitespace() || c == ',');
        if rest.chars().any(char::is_alphanumeric) {
            m.start = m.end - rest.len();
            true
        } else {
            false
        }
    });
}

/// The whitespace-separated word ending just before `at`, outer brackets and quotes removed.
fn word_before(text: &str, at: usize) -> &str {
    let head = text[..at].trim_end();
    let w = head.rsplit(char::is_whitespace).next().unwrap_or("");
    w.trim_start_matches(|c: char| matches!(c, '(' | '[' | '"' | '“' | '‘' | '\''))
}

/// Up to `n` whitespace-separated words after `at`, stopping at sentence punctuation.
fn words_after(text: &str, at: usize, n: usize) -> Vec<&str> {
    let tail = &text[at..];
    let stop = tail.find(['.', '!', '?', ';', '\n']).unwrap_or(tail.len());
    tail[..stop]
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | '"' | '“' | '”' | '(' | ')'))
        .filter(|w| !w.is_empty())
        .take(n)
        .collect()
}

/// Whether the use `start..end` carries a company cue: a legal-form suffix or `& Co`
/// right after it, `'s shares`/`stock` after it, `shares of` or `a stake in` before it. Returns the end of
/// the company name when a suffix extends it (`Saatchi Co.` ends after `Co.`).
fn company_cue(text: &str, start: usize, end: usize) -> Option<usize> {
    let tail = &text[end..];
    let after_space = tail.trim_start_matches(' ');
    let spaced = after_space.len() < tail.len();
    if spaced {
        let w = after_space.split(|c: char| c.is_whitespace() || c == ',').next().unwrap_or("");
        // "Co." keeps its dot; a sentence-final "Inc." too.
        if CORP_SUFFIXES.contains(&w) || CORP_SUFFIXES.contains(&w.trim_end_matches(['.', ';', ':'])) {
            let w = if CORP_SUFFIXES.contains(&w) { w } else { w.trim_end_matches(['.', ';', ':']) };
            return Some(text.len() - after_space.len() + w.len());
        }
        for amp in ["& Co.", "& Co", "and Co."] {
            if after_space.starts_with(amp) {
                return Some(text.len() - after_space.len() + amp.len());
            }
        }
        if after_space.starts_with("stock ") || after_space.starts_with("stock.") || after_space.starts_with("stock,") {
            return Some(end);
        }
        if ticker_after(after_space) || share_talk_after(after_space) {
            return Some(end);
        }
    }
    for poss in ["'s shares", "’s shares", "'s stock", "’s stock"] {
        if tail.starts_with(poss) {
            return Some(end);
        }
    }
    let head = text[..start].trim_end();
    // What one holds in a company: "a stake in Burlington", "a shareholder in Deutsche Boerse".
    for before in ["shares of", "shares in", "stock of", "stake in", "stakes in", "shareholder in", "shareholders in"] {
        // "Shares of" opens sentences too.
        if head.len() >= before.len() && head.get(head.len() - before.len()..).is_some_and(|h| h.eq_ignore_ascii_case(before)) {
            return Some(end);
        }
    }
    None
}

/// The length of the stock symbol `s` opens with (`TSBA.T`, `GM`), if any.
fn ticker_symbol(s: &str) -> Option<usize> {
    let n = s.bytes().take_while(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || matches!(b, b'.' | b'-')).count();
    ((1..=10).contains(&n) && s.as_bytes()[0].is_ascii_uppercase()).then_some(n)
}

/// Whether `inner` (the text after an opening bracket) opens with a Reuters instrument code
/// and a colon, `CC.N: Quote, Profile, Research)`: the portal's links after a listed
/// company. Returns the length up to the colon.
fn instrument_code(inner: &str) -> Option<usize> {
    let n = ticker_symbol(inner)?;
    (inner[..n].contains('.') && inner.as_bytes().get(n) == Some(&b':')).then_some(n)
}

/// Whether `after` (the text after a name and a space) opens with the name's stock ticker, as
/// wires print it after a listed company's first use: `<TSBA.T>`, `(NYSE: GM)`,
/// `(Nasdaq:AAPL)`, `(CC.N: Quote, Profile, Research)`.
fn ticker_after(after: &str) -> bool {
    if let Some(inner) = after.strip_prefix('<') {
        return ticker_symbol(inner).is_some_and(|n| inner.as_bytes().get(n) == Some(&b'>'));
    }
    let Some(inner) = after.strip_prefix('(') else { return false };
    if instrument_code(inner).is_some() {
        return true;
    }
    let Some((exchange, rest)) = inner.split_once(':') else { return false };
    let rest = rest.trim_start_matches(' ');
    matches!(exchange.to_ascii_uppercase().as_str(), "NYSE" | "NASDAQ" | "AMEX" | "LSE" | "TSX" | "ASX")
        && ticker_symbol(rest).is_some_and(|n| rest.as_bytes().get(n) == Some(&b')'))
}

/// Whether `start` lies after the colon of a bracket that opens with an instrument code
/// (`(AA.N: Quote, Profile, Research)`): link labels of a news portal, no names.
fn in_quote_links(text: &str, start: usize) -> bool {
    let mut from = start.saturating_sub(48);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let window = &text[from..start];
    let Some(open) = window.rfind('(') else { return false };
    let inner = &window[open + 1..];
    !inner.contains(')') && instrument_code(inner).is_some()
}

/// Whether `after` (the text after a name and a space) speaks of the name's shares: `common
/// shares`, `preferred stock`, or `shares` and a verb of the market (`Toshiba shares fell`).
/// `shares` alone is also a verb (`Gates shares the view`).
fn share_talk_after(after: &str) -> bool {
    let mut words = after.split(|c: char| c.is_whitespace() || matches!(c, ',' | '.' | ';'));
    let first = words.next().unwrap_or("");
    let second = words.next().unwrap_or("");
    match first {
        "common" | "preferred" | "ordinary" => matches!(second, "shares" | "stock" | "stocks"),
        "shares" => matches!(
            second,
            "rose" | "fell" | "were" | "closed" | "gained" | "jumped" | "slipped" | "dropped" | "climbed" | "lost"
                | "traded" | "ended" | "eased" | "added" | "tumbled" | "surged" | "plunged" | "slid" | "soared"
                | "opened" | "dipped" | "rallied" | "edged" | "have" | "had" | "are"
        ),
        _ => false,
    }
}

/// Whether `it` or `its` follows a verb of saying right after `end` (`Toshiba said that it
/// will`, `Airbus Industrie said it had no comment`): the speaker is a thing that speaks,
/// an organisation.
fn said_it_after(text: &str, end: usize) -> bool {
    let words = words_after(text, end, 4);
    let Some((verb, rest)) = words.split_first() else { return false };
    let rest = if rest.first() == Some(&"that") { &rest[1..] } else { rest };
    matches!(*verb, "said" | "says" | "added" | "stated" | "announced" | "reported")
        && rest.first().is_some_and(|w| matches!(*w, "it" | "its"))
}

/// Whether the use `start..end` carries a person cue: a title or honorific right before
/// it, or a personal pronoun among the few words after it.
fn person_cue(text: &str, start: usize, end: usize) -> bool {
    // A title ends the line before in a headline ("payoff for former Shell boss\nShell is").
    let head = text[..start].trim_end();
    let before = if text[head.len()..start].contains('\n') { "" } else { word_before(text, start) };
    if !before.is_empty() && is_person_title(before) {
        return true;
    }
    // After a possessive the pronoun belongs to someone else ("Drexel's chief said he"), and
    // after a closing quote to its speaker ("my job at Aer Lingus," he told AP).
    let tail = &text[end..];
    let tail_after_stop = tail.trim_start_matches([',', '.']);
    if tail.starts_with("'s") || tail.starts_with("’s") || tail_after_stop.starts_with(['"', '”']) {
        return false;
    }
    pronoun_after(text, end, PERSON_PRONOUNS)
}

/// Whether one of `pronouns` (ASCII, lower case) is among the [`PRONOUN_WINDOW`] words after
/// `end`, in any case. ASCII case folding finds what `to_lowercase` would, without a new
/// string per word: no other character lowercases into these letters (the Kelvin sign's
/// `k` is in none of them).
fn pronoun_after(text: &str, end: usize, pronouns: &[&str]) -> bool {
    words_after(text, end, PRONOUN_WINDOW).iter().any(|w| pronouns.iter().any(|p| w.eq_ignore_ascii_case(p)))
}

/// Whether `part` occurs in `whole` as whole words (bounded by non-alphanumerics).
fn contains_words(whole: &str, part: &str) -> bool {
    word_occurrences(whole, part).next().is_some()
}

/// [`contains_words`] with `part`'s searcher built once by the caller (`finder` searches
/// for `part`, which is not empty), for one part looked up in many strings: the searcher's
/// set-up cost more than the search in a short name.
fn contains_words_with(finder: &memchr::memmem::Finder<'_>, whole: &str, part: &str) -> bool {
    whole.len() >= part.len()
        && finder.find_iter(whole.as_bytes()).any(|i| {
            let ok_left = whole[..i].chars().next_back().is_none_or(|c| !c.is_alphanumeric());
            let ok_right = whole[i + part.len()..].chars().next().is_none_or(|c| !c.is_alphanumeric());
            ok_left && ok_right
        })
}

/// Where `part` occurs in `whole` as whole words (bounded by non-alphanumerics).
fn word_occurrences<'a>(whole: &'a str, part: &'a str) -> impl Iterator<Item = usize> + 'a {
    // memchr's search finds what `match_indices` finds (leftmost, non-overlapping) for far
    // less set-up per call; an empty part, which matches at every character boundary, keeps
    // the string search (memchr's would also stop inside characters).
    let (any, empty) = if part.is_empty() { (None, Some(whole.match_indices(part).map(|(i, _)| i))) } else { (Some(memchr::memmem::find_iter(whole.as_bytes(), part.as_bytes())), None) };
    any.into_iter().flatten().chain(empty.into_iter().flatten()).filter(move |&i| {
        let ok_left = whole[..i].chars().next_back().is_none_or(|c| !c.is_alphanumeric());
        let ok_right = whole[i + part.len()..].chars().next().is_none_or(|c| !c.is_alphanumeric());
        ok_left && ok_right
    })
}

/// Whether `at` opens a sentence, or a clause after a dash or a colon, where English
/// capitalises any word (`-- Corn -- Stocks, Aug 31`).
fn opens_clause(text: &str, sentences: &[Range<usize>], at: usize) -> bool {
    let before = text[..at].trim_end_matches(' ');
    before.ends_with("--") || before.ends_with(['—', ':']) || after_agency(before) || opens_sentence(text, sentences, at)
}

/// Whether `before` ends with a dateline's agency in brackets (`(CNN)`, `(Reuters)`): the
/// story's first word follows, capitalised by its place.
fn after_agency(before: &str) -> bool {
    before.ends_with(')') && before.rfind('(').is_some_and(|open| crate::text::agency_in_brackets(&before[open..]) == Some(before.len() - open))
}

/// Whether nothing alphanumeric stands between the start of the sentence holding `at` and
/// `at`: a word there is capitalised by its place.
fn opens_sentence(text: &str, sentences: &[Range<usize>], at: usize) -> bool {
    // Backwards: the word before `at`, when there is one, ends the scan at once, where a
    // scan from the sentence's start read every name's whole sentence prefix.
    !text[crate::segment::sentence_start(sentences, at)..at].chars().rev().any(char::is_alphanumeric)
}

/// Applies what the form of a model name settles (see the module docs, item 6): a legal-form
/// word makes it ORG, a law's word MISC; a party initial in brackets, a portal's links
/// after an instrument code, a title alone typed ORG or a place, and a PERSON ending with a
/// lower-case word are dropped, a party initial trimmed from the state after it.
fn by_form(text: &str, candidates: &mut Vec<Mention>) {
    candidates.retain_mut(|m| {
        if m.source != Source::Model || !is_name(m.label) {
            return true;
        }
        let span = &text[m.start..m.end];
        let party_initial = span.len() == 2
            && span.starts_with(|c: char| c.is_ascii_uppercase())
            && span.ends_with('.')
            && text[..m.start].ends_with('(')
            && text[m.end..].starts_with([',', '-']);
        // "Escherichia coli (E. coli)": a person's name ends with a capitalised word
        // (`Ludwig van Beethoven`), a species' with a lower-case one.
        // `al-Baghdadi` has its capital after the particle.
        let lower_last = span.rsplit(' ').next().is_some_and(|w| w.starts_with(char::is_lowercase) && !w.chars().any(char::is_uppercase));
        // "Melbourne Lord Mayor candidate": a title alone names no organisation or place.
        let title_alone = matches!(m.label, Label::Org | Label::Gpe | Label::Loc) && !span.contains(' ') && is_person_title(span);
        if party_initial || in_quote_links(text, m.start) || title_alone || (m.label == Label::Person && span.contains(' ') && lower_last) {
            return false;
        }
        // "(D-N.J.)", "Dan Glickman, D-Kan., said": the party's initial and hyphen are not the
        // state's name.
        let after_name = text[..m.start].ends_with('(') || (text[..m.start].ends_with(", ") && text[m.end..].starts_with(['.', ',', ')']));
        let party_prefix = after_name && span.len() > 2 && matches!(&span.as_bytes()[..3], [b'D' | b'R' | b'I', b'-', c] if c.is_ascii_uppercase());
        if party_prefix {
            m.start += 2;
            if text[m.end..].starts_with('.') && span.ends_with(|c: char| c.is_ascii_alphabetic()) {
                m.end += 1;
            }
        }
        if m.label != Label::Org && m.kb_id.is_none() && has_legal_form(span) {
            m.label = Label::Org;
        }
        let last = span.rsplit(' ').next().unwrap_or(span);
        let after_the = text[..m.start].ends_with("the ") || text[..m.start].ends_with("The ");
        if m.kb_id.is_none() && is_law_head(last) && (span.contains(' ') || after_the) {
            m.label = Label::Misc;
        }
        // "MH370", "F-16", "A320": a code of letters and digits in one word names a flight, a
        // weapon or a model, no person or place (`Area 51`, `District 9` have two words).
        let code = !span.contains(' ') && span.chars().any(|c| c.is_ascii_digit()) && span.chars().any(char::is_alphabetic);
        if code && m.kb_id.is_none() && matches!(m.label, Label::Person | Label::Gpe | Label::Loc) {
            m.label = Label::Misc;
        }
        true
    });
}

/// Makes the model's MISC names that have the form of a person's name PERSON (see the module
/// docs, item 6).
fn person_shaped_miscs(text: &str, candidates: &mut [Mention]) {
    for m in candidates.iter_mut() {
        if m.source == Source::Model && m.label == Label::Misc && person_shaped(&text[m.start..m.end]) {
            m.label = Label::Person;
        }
    }
}

/// In an organisation's name, a legal-form word followed by ` of ` and a capitalised word
/// without a legal form (`Dow Chemical Co. of Midland`): the end of the company's name and
/// the start of the rest. `Bank of America Corp` has its `of` before the legal form and
/// `Public Service Co of Indiana Inc` a second legal form, so neither has one.
pub(crate) fn legal_form_then_of(span: &str) -> Option<(usize, usize)> {
    let at = span.find(" of ")?;
    let before = &span[..at];
    let last = before.rsplit(' ').next().unwrap_or("");
    let rest = at + " of ".len();
    (before.contains(' ')
        && CORP_SUFFIXES.contains(&last)
        && span[rest..].starts_with(|c: char| c.is_uppercase())
        && !span[rest..].split(' ').any(|w| CORP_SUFFIXES.contains(&w)))
    .then_some((at, rest))
}

/// The indices of the candidates `keep` selects, by their string.
fn uses_of<'t>(text: &'t str, candidates: &[Mention], keep: impl Fn(&Mention) -> bool) -> HashMap<&'t str, Vec<usize>> {
    let mut uses: HashMap<&str, Vec<usize>> = HashMap::default();
    for (i, m) in candidates.iter().enumerate().filter(|(_, m)| keep(m)) {
        uses.entry(&text[m.start..m.end]).or_default().push(i);
    }
    uses
}

/// Makes the candidates of `convert` ORG, each extended to the end of its company cue if one
/// was found (`Saatchi` → `Saatchi Co.`).
fn make_orgs(candidates: &mut [Mention], convert: Vec<(usize, Option<usize>)>) {
    for (i, end) in convert {
        let m = &mut candidates[i];
        m.label = Label::Org;
        if let Some(e) = end {
            m.end = m.end.max(e);
        }
    }
}

/// How many times the model calls each string ORG: the document's majority for a string the
/// lists cannot settle.
fn model_org_uses<'t>(text: &'t str, candidates: &[Mention]) -> HashMap<&'t str, usize> {
    let mut org_uses: HashMap<&str, usize> = HashMap::default();
    for m in candidates.iter().filter(|m| m.source == Source::Model && m.label == Label::Org) {
        *org_uses.entry(&text[m.start..m.end]).or_default() += 1;
    }
    org_uses
}

/// Turns the model's places that the knowledge base does not know into ORG at every use
/// when the document shows a company (see the module docs, item 4).
fn places_to_orgs(text: &str, candidates: &mut [Mention]) {
    let unknown_place = |m: &Mention| m.source == Source::Model && m.kb_id.is_none() && matches!(m.label, Label::Gpe | Label::Loc);
    let uses = uses_of(text, candidates, unknown_place);
    if uses.is_empty() {
        return;
    }
    let org_uses = model_org_uses(text, candidates);
    let mut convert: Vec<(usize, Option<usize>)> = Vec::new();
    for (name, idx) in &uses {
        let cues: Vec<Option<usize>> = idx.iter().map(|&i| company_cue(text, candidates[i].start, candidates[i].end)).collect();
        let described = || idx.iter().any(|&i| described_as_organisation(text, candidates[i].start, candidates[i].end, false));
        if cues.iter().any(Option::is_some) || org_uses.get(name).is_some_and(|&n| n > idx.len()) || described() {
            convert.extend(idx.iter().copied().zip(cues));
        }
    }
    make_orgs(candidates, convert);
}

/// Organisation heads that also end the names of competitions, their stages, campaigns and
/// indices, which the tagger rightly calls MISC (`American League`, `World Group`, `Western
/// Front`, `Strategic Defense Initiative`, `Financial Times-Stock Exchange 100`): no
/// evidence of an organisation on their own.
const HEADS_OF_EVENTS: &[&str] = &["league", "group", "bloc", "front", "movement", "initiative", "programme", "exchange", "reserve", "fund"];

/// Turns the model's unknown MISC names that the document shows to be organisations into ORG
/// at every use (see the module docs, item 14).
fn miscs_to_orgs(text: &str, candidates: &mut [Mention]) {
    let unknown_misc = |m: &Mention| m.source == Source::Model && m.kb_id.is_none() && m.label == Label::Misc;
    let uses = uses_of(text, candidates, unknown_misc);
    if uses.is_empty() {
        return;
    }
    let org_uses = model_org_uses(text, candidates);
    let mut convert: Vec<(usize, Option<usize>)> = Vec::new();
    for (name, idx) in &uses {
        let last = name.rsplit(' ').next().unwrap_or(name);
        // "France-registered", "Dublin-born": a compound adjective, whatever follows it.
        if last.rsplit_once('-').is_some_and(|(_, w)| w.starts_with(char::is_lowercase)) {
            continue;
        }
        // "the Olympic committee", "Far Eastern operators": an adjective's noun is not its
        // own (only the description needs the guard: `Suzuki said it` is a firm).
        let adjective = ["an", "ese", "ic", "ish", "ern", "i"].iter().any(|s| last.ends_with(s));
        let cues: Vec<Option<usize>> = idx.iter().map(|&i| company_cue(text, candidates[i].start, candidates[i].end)).collect();
        let org_head = name.contains(' ') && is_body_head(last) && !HEADS_OF_EVENTS.iter().any(|h| last.eq_ignore_ascii_case(h));
        let evidence = cues.iter().any(Option::is_some)
            || org_head
            || org_uses.get(name).is_some_and(|&n| n > idx.len())
            || idx.iter().any(|&i| said_it_after(text, candidates[i].end))
            || (!adjective && idx.iter().any(|&i| described_as_organisation(text, candidates[i].start, candidates[i].end, false)));
        if evidence {
            convert.extend(idx.iter().copied().zip(cues));
        }
    }
    make_orgs(candidates, convert);
}

/// Pronouns that, within a few words after a name, show a company or another thing.
const THING_PRONOUNS: &[&str] = &["it", "its", "itself"];

/// Turns the model's one-word ORG or MISC strings that are the surname of a person of the
/// document into PERSON at every use (see the module docs, item 5).
fn surnames_to_persons<'t>(text: &'t str, candidates: &mut [Mention]) {
    // Named in full with a given name or an initial (`T. Boone Pickens`).
    let opens_as_person = |p: &str| p.split(' ').next().is_some_and(|w| is_given_name(w) || is_initial(w));
    let persons: Vec<&str> = candidates
        .iter()
        .filter(|m| m.label == Label::Person)
        .map(|m| &text[m.start..m.end])
        .filter(|p| p.split(' ').count() >= 2 && opens_as_person(p))
        .collect();
    if persons.is_empty() {
        return;
    }
    // A surname that is also a word of an organisation's longer name (`Boyd L. Jefferies`
    // of `Jefferies Group Inc`) may stand for either.
    let org_words: HashSet<&str> =
        candidates.iter().filter(|m| m.label == Label::Org && text[m.start..m.end].contains(' ')).flat_map(|m| text[m.start..m.end].split(' ')).collect();
    let surnames: HashSet<&str> =
        persons.iter().filter_map(|p| p.rsplit(' ').next()).filter(|s| !org_words.contains(s)).collect();
    let given: HashSet<&str> = persons.iter().filter_map(|p| p.split(' ').next()).collect();
    // The person without a middle name or initial (`Boyd Jefferies` of `Boyd L. Jefferies`):
    // two words, the first and last of a person named with three or more. A two-word
    // person is no evidence: the rules read `Dean Witter` as one.
    let first_last: HashSet<(&str, &str)> = persons
        .iter()
        .filter(|p| p.split(' ').count() >= 3)
        .filter_map(|p| Some((p.split(' ').next()?, p.rsplit(' ').next()?)))
        .collect();
    let same_person = |s: &str| s.split_once(' ').is_some_and(|pair| !pair.1.contains(' ') && first_last.contains(&pair));
    // The surname as the document writes it in running text; a headline in capitals writes
    // it `PICKENS`.
    let surname_of = |s: &'t str| -> Option<&'t str> {
        if surnames.contains(s) {
            return Some(s);
        }
        let shouted = s.len() >= 3 && s.bytes().all(|b| b.is_ascii_uppercase());
        // The least of equal spellings, whatever the hash order.
        shouted.then(|| surnames.iter().copied().filter(|n| n.eq_ignore_ascii_case(s)).min()).flatten()
    };
    let mut uses: HashMap<&str, Vec<usize>> = HashMap::default();
    for (i, m) in candidates.iter().enumerate() {
        let s = &text[m.start..m.end];
        if m.source != Source::Model || m.kb_id.is_some() {
            continue;
        }
        let key = match m.label {
            // The given name alone of a person named in full (`Helen Keller` ... `Helen`).
            Label::Org | Label::Misc => surname_of(s)
                .or_else(|| same_person(s).then_some(s))
                .or_else(|| (given.contains(s) && !org_words.contains(s)).then_some(s)),
            Label::Gpe | Label::Loc => surname_of(s).or_else(|| given.contains(s).then_some(s)),
            _ => None,
        };
        if let Some(key) = key {
            uses.entry(key).or_default().push(i);
        }
    }
    for (name, idx) in &uses {
        // Weighed over every use of the name, whatever the tagger called it there: `said
        // it` may speak of a bill, and `said he` at more uses keeps the person.
        let at = |i: usize| (i, i + name.len());
        let occurrences: Vec<usize> = word_occurrences(text, name).collect();
        let cued = occurrences.iter().any(|&i| company_cue(text, at(i).0, at(i).1).is_some());
        let things = occurrences.iter().filter(|&&i| pronoun_after(text, at(i).1, THING_PRONOUNS)).count();
        let people = occurrences.iter().filter(|&&i| person_cue(text, at(i).0, at(i).1)).count();
        if !cued && things <= people {
            for &i in idx {
                candidates[i].label = Label::Person;
            }
        }
    }
}

/// Whether `word` is an initial standing for a given name (`T.`).
fn is_initial(word: &str) -> bool {
    let b = word.as_bytes();
    b.len() == 2 && b[0].is_ascii_uppercase() && b[1] == b'.'
}

/// Makes PERSON the model's unknown one-word ORG names that the document speaks of as a
/// person (see the module docs, item 17).
fn orgs_to_persons(text: &str, candidates: &mut [Mention]) {
    let unknown = |m: &Mention| m.source == Source::Model && m.kb_id.is_none() && m.label == Label::Org;
    let uses = uses_of(text, candidates, unknown);
    if uses.is_empty() {
        return;
    }
    let org_words: HashSet<&str> =
        candidates.iter().filter(|m| m.label == Label::Org && text[m.start..m.end].contains(' ')).flat_map(|m| text[m.start..m.end].split(' ')).collect();
    for (name, idx) in &uses {
        // An acronym, a word of a longer organisation's name: no person's name alone.
        if name.contains(' ') || org_words.contains(name) || !name.chars().any(char::is_lowercase) {
            continue;
        }
        let occurrences: Vec<usize> = word_occurrences(text, name).collect();
        let end = |i: usize| i + name.len();
        // `Chelsea were beaten` (a plural verb) and company cues show the body.
        let body = occurrences.iter().any(|&i| company_cue(text, i, end(i)).is_some() || described_as_organisation(text, i, end(i), true));
        let things = occurrences.iter().filter(|&&i| pronoun_after(text, end(i), THING_PRONOUNS)).count();
        let people = occurrences.iter().filter(|&&i| person_cue(text, i, end(i))).count();
        if !body && people >= 2 && people > things {
            for &i in idx {
                candidates[i].label = Label::Person;
            }
        }
    }
}

/// Turns the model's PERSON strings that the document shows to be companies into ORG at
/// every use (see the module docs for the evidence weighed).
fn persons_to_orgs(text: &str, candidates: &mut [Mention]) {
    let uses = uses_of(text, candidates, |m| m.label == Label::Person && m.source == Source::Model);
    if uses.is_empty() {
        return;
    }
    let orgs: HashSet<&str> = candidates.iter().filter(|m| m.label == Label::Org).map(|m| &text[m.start..m.end]).collect();
    let persons: HashSet<&str> = candidates
        .iter()
        .filter(|m| m.label == Label::Person)
        .map(|m| &text[m.start..m.end])
        .collect();
    let mut convert: Vec<(usize, Option<usize>)> = Vec::new();
    for (name, idx) in &uses {
        // A surname introduced with a first name elsewhere in the document is a person.
        // Built at the first string that may hold the name, at most once per name.
        let finder = std::cell::OnceCell::new();
        let has_words = |whole: &str| {
            if name.is_empty() {
                return contains_words(whole, name);
            }
            whole.len() >= name.len() && contains_words_with(finder.get_or_init(|| memchr::memmem::Finder::new(name.as_bytes())), whole, name)
        };
        let longer_person = persons.iter().any(|p| p.len() > name.len() && p.ends_with(name) && has_words(p));
        if longer_person || idx.iter().any(|&i| person_cue(text, candidates[i].start, candidates[i].end)) {
            continue;
        }
        let cues: Vec<Option<usize>> = idx.iter().map(|&i| company_cue(text, candidates[i].start, candidates[i].end)).collect();
        let cued = cues.iter().any(Option::is_some);
        let given = opens_with_given_name(name);
        let in_org = orgs.iter().any(|o| has_words(o));
        let described = idx.iter().any(|&i| described_as_organisation(text, candidates[i].start, candidates[i].end, true));
        if cued || described || (in_org && !given) {
            convert.extend(idx.iter().copied().zip(cues));
        }
    }
    make_orgs(candidates, convert);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn model(text: &str, s: &str, nth: usize, label: Label) -> Mention {
        let start = text.match_indices(s).nth(nth).unwrap().0;
        Mention::new(start, start + s.len(), label, Source::Model, 0.8)
    }

    fn got<'a>(text: &'a str, c: &[Mention]) -> Vec<(&'a str, Label)> {
        c.iter().map(|m| (&text[m.start..m.end], m.label)).collect()
    }

    #[test]
    fn a_given_name_or_surname_of_the_document_is_no_unknown_place() {
        let text = "Paula Radcliffe won. It was not one of Paula's best races. Mary Berry and Berry starred. \
                    Houston Smith spoke in Houston.";
        let mut c = vec![
            model(text, "Paula Radcliffe", 0, Label::Person),
            model(text, "Paula", 1, Label::Loc),
            model(text, "Mary Berry", 0, Label::Person),
            model(text, "Berry", 1, Label::Gpe),
            model(text, "Houston Smith", 0, Label::Person),
            Mention { kb_id: Some("city:4699066".into()), ..model(text, "Houston", 1, Label::Gpe) },
        ];
        apply(text, &[0..text.len()], &mut c);
        let labels: Vec<Label> = c.iter().map(|m| m.label).collect();
        assert_eq!(labels, [Label::Person, Label::Person, Label::Person, Label::Person, Label::Person, Label::Gpe]);
    }

    #[test]
    fn a_title_after_a_kind_of_work_is_no_name() {
        let text = "Million Dollar Baby won. The film Million Dollar Baby stars Swank. His new single Galvanize sold. \
                    The film Michael Moore made. Shares of Pixar rose; Pixar film.";
        let mut c = vec![
            model(text, "Million Dollar Baby", 0, Label::Org),
            model(text, "Million Dollar Baby", 1, Label::Org),
            model(text, "Galvanize", 0, Label::Person),
            model(text, "Michael Moore", 0, Label::Person),
            model(text, "Pixar", 0, Label::Org),
            model(text, "Pixar", 1, Label::Org),
        ];
        apply(text, &[0..text.len()], &mut c);
        assert_eq!(
            got(text, &c),
            [
                ("Million Dollar Baby", Label::Misc),
                ("Million Dollar Baby", Label::Misc),
                ("Galvanize", Label::Misc),
                ("Michael Moore", Label::Person),
                ("Pixar", Label::Org),
                ("Pixar", Label::Org),
            ]
        );
        let text = "He got Oscar-nominated movie The Aviator made. The Aviator's producers met.";
        let mut c = vec![model(text, "Aviator", 0, Label::Org), model(text, "Aviator", 1, Label::Org)];
        apply(text, &[0..text.len()], &mut c);
        assert!(c.iter().all(|m| m.label == Label::Misc), "{:?}", got(text, &c));
    }

    #[test]
    fn person_inside_an_org_of_the_document_becomes_org_everywhere() {
        let text = "Drexel Burnham Lambert Inc. agreed to pay. Drexel said it would. Later Drexel paid.";
        let mut c = vec![
            Mention::new(0, 27, Label::Org, Source::Kb, 0.9),
            model(text, "Drexel", 1, Label::Person),
            model(text, "Drexel", 2, Label::Person),
        ];
        apply(text, &[0..42, 43..64, 65..text.len()], &mut c);
        assert_eq!(got(text, &c)[1..], [("Drexel", Label::Org), ("Drexel", Label::Org)]);
    }

    #[test]
    fn a_person_the_document_describes_as_an_organisation_is_one_everywhere() {
        let text = "Qantas may cut jobs. Australian airline Qantas said so. Smith, the airline's boss, said he agreed. Smith left.";
        let mut c = vec![
            model(text, "Qantas", 0, Label::Person),
            model(text, "Qantas", 1, Label::Person),
            model(text, "Smith", 0, Label::Person),
            model(text, "Smith", 1, Label::Person),
        ];
        apply(text, &[0..text.len()], &mut c);
        assert_eq!(
            got(text, &c),
            [("Qantas", Label::Org), ("Qantas", Label::Org), ("Smith", Label::Person), ("Smith", Label::Person)]
        );
        // A person cue at any use outweighs the description.
        let text = "Mr Chelsea spoke. Chelsea have signed.";
        let mut c = vec![model(text, "Chelsea", 0, Label::Person), model(text, "Chelsea", 1, Label::Person)];
        apply(text, &[0..text.len()], &mut c);
        assert!(c.iter().all(|m| m.label == Label::Person));
    }

    #[test]
    fn acronyms_spelt_out_in_lower_case_are_not_names() {
        let text = "Supply of liquefied petroleum gas (LPG) rose. LPG prices and OPEC output fell. \
                    The Organisation of Petroleum Exporting Countries (OPEC) met.";
        let mut c = vec![model(text, "LPG", 1, Label::Org), model(text, "OPEC", 0, Label::Org)];
        apply(text, &[0..text.len()], &mut c);
        assert_eq!(got(text, &c), [("OPEC", Label::Org)]);
        assert!(spelt_in_lower_case("the ministry of finance", "MOF"));
        assert!(spelt_in_lower_case("gross domestic product", "GDP"));
        assert!(!spelt_in_lower_case("a new plant", "LPG"));
        assert!(!spelt_in_lower_case("the International Monetary Fund", "IMF"));
    }

    #[test]
    fn an_acronym_a_name_spells_out_takes_its_label() {
        let text = "The Commodity Futures Trading Commission, CFTC, approved it. The CFTC said the European Monetary System (EMS) held.";
        let mut c = vec![
            model(text, "Commodity Futures Trading Commission", 0, Label::Org),
            model(text, "CFTC", 0, Label::Gpe),
            model(text, "CFTC", 1, Label::Gpe),
            model(text, "European Monetary System", 0, Label::Org),
        ];
        apply(text, &[0..text.len()], &mut c);
        let mut found = got(text, &c);
        found.sort();
        assert_eq!(found, [("CFTC", Label::Org), ("CFTC", Label::Org), ("Commodity Futures Trading Commission", Label::Org), ("EMS", Label::Org), ("European Monetary System", Label::Org)]);
        assert!(spelt_by_initials("Organization for Security and Co-operation in Europe", "OSCE"));
        assert!(spelt_by_initials("United Arab Emirates", "UAE"));
        // Not an acronym of the name before it: a list of names.
        let text = "Talks between Brazil, US and Chile resumed.";
        let mut c = vec![model(text, "Brazil", 0, Label::Gpe)];
        apply(text, &[0..text.len()], &mut c);
        assert_eq!(got(text, &c), [("Brazil", Label::Gpe)]);
    }

    #[test]
    fn a_person_cue_keeps_the_person() {
        // Same containment, but "Mr." and "he" show a person.
        let text = "Ford Motor Co. sold cars. Mr. Ford said he was glad.";
        let mut c = vec![model(text, "Ford Motor Co.", 0, Label::Org), model(text, "Ford", 1, Label::Person)];
        apply(text, &[0..25, 26..text.len()], &mut c);
        assert_eq!(c[1].label, Label::Person);
        // A surname introduced with a first name stays a person.
        let text = "Levine Partners hired staff. Dennis Levine left. Levine declined.";
        let mut c = vec![
            model(text, "Levine Partners", 0, Label::Org),
            model(text, "Dennis Levine", 0, Label::Person),
            model(text, "Levine", 2, Label::Person),
        ];
        apply(text, &[0..28, 29..48, 49..text.len()], &mut c);
        assert_eq!(c[2].label, Label::Person);
        // No ORG, no company cue: nothing changes.
        let text = "Weil arrived. Weil left.";
        let mut c = vec![model(text, "Weil", 0, Label::Person), model(text, "Weil", 1, Label::Person)];
        apply(text, &[0..13, 14..text.len()], &mut c);
        assert!(c.iter().all(|m| m.label == Label::Person));
        assert!(person_cue("Mr. Weil left", 4, 8) && person_cue("Weil said he", 0, 4));
        // A title closing the headline above, a pronoun after a closing quote: no cue.
        assert!(!person_cue("payoff for former Shell boss\nShell is to pay", 29, 34));
        assert!(person_cue("payoff for former Shell boss Shell is to pay", 29, 34));
        assert!(!person_cue("\"my work at Aer Lingus,\" he told AP", 12, 22));
    }

    #[test]
    fn company_cues_turn_a_person_into_an_org() {
        let text = "Saatchi Co. lost a client. Saatchi fell 5%.";
        let mut c = vec![model(text, "Saatchi", 0, Label::Person), model(text, "Saatchi", 1, Label::Person)];
        apply(text, &[0..26, 27..text.len()], &mut c);
        assert_eq!(got(text, &c), [("Saatchi Co.", Label::Org), ("Saatchi", Label::Org)]);
        let text = "Standard Life is the latest shareholder in Deutsche Boerse to express concern.";
        let mut c = vec![model(text, "Deutsche Boerse", 0, Label::Person)];
        apply(text, &[0..text.len()], &mut c);
        assert_eq!(c[0].label, Label::Org);
        let text = "Investors sold shares of Weil on Monday.";
        let mut c = vec![model(text, "Weil", 0, Label::Person)];
        apply(text, &[0..text.len()], &mut c);
        assert_eq!(c[0].label, Label::Org);
        let text = "Freddie Mac's shares rose.";
        let mut c = vec![model(text, "Freddie Mac", 0, Label::Person)];
        apply(text, &[0..text.len()], &mut c);
        assert_eq!(c[0].label, Label::Org);
        // A given name with mere containment in an ORG is not enough.
        let text = "The John Smith Foundation gave. John Smith spoke.";
        let mut c = vec![model(text, "John Smith Foundation", 0, Label::Org), model(text, "John Smith", 1, Label::Person)];
        apply(text, &[0..31, 32..text.len()], &mut c);
        assert_eq!(c[1].label, Label::Person);
    }

    #[test]
    fn a_place_the_document_shows_to_be_a_company_becomes_org() {
        let text = "Shares of Citicorp rose. Citicorp said it would raise rates.";
        let mut c = vec![model(text, "Citicorp", 0, Label::Gpe), model(text, "Citicorp", 1, Label::Org)];
        apply(text, &[0..24, 25..text.len()], &mut c);
        assert!(c.iter().all(|m| m.label == Label::Org));
        // The model's majority: ORG twice against a place once, no cue.
        let text = "Ameritech rose. Ameritech said. Ameritech fell.";
        let mut c = vec![model(text, "Ameritech", 0, Label::Loc), model(text, "Ameritech", 1, Label::Org), model(text, "Ameritech", 2, Label::Org)];
        apply(text, &[0..15, 16..31, 32..text.len()], &mut c);
        assert!(c.iter().all(|m| m.label == Label::Org));
        // A tie, no cue: the place stays; a known place never changes; containment is no cue.
        let text = "Insein is near. Insein said. Bank of Boston Corp and Boston.";
        let mut c = vec![model(text, "Insein", 0, Label::Gpe), model(text, "Insein", 1, Label::Org), model(text, "Bank of Boston Corp", 0, Label::Org), model(text, "Boston", 1, Label::Gpe)];
        let mut known = model(text, "Insein", 0, Label::Gpe);
        known.kb_id = Some("city:1".into());
        c.push(known);
        apply(text, &[0..15, 16..28, 29..text.len()], &mut c);
        assert_eq!(c.iter().map(|m| m.label).collect::<Vec<_>>(), [Label::Gpe, Label::Org, Label::Org, Label::Gpe, Label::Gpe]);
    }

    #[test]
    fn a_surname_the_tagger_took_for_a_company_is_the_person() {
        let text = "Justice Sandra Day O'Connor ruled. O'Connor's ruling stands. Henry Ford built cars. Ford said its sales rose.";
        let mut c = vec![
            model(text, "Sandra Day O'Connor", 0, Label::Person),
            model(text, "O'Connor", 1, Label::Org),
            model(text, "Henry Ford", 0, Label::Person),
            model(text, "Ford", 1, Label::Org),
        ];
        apply(text, &[0..34, 35..61, 62..84, 85..text.len()], &mut c);
        assert_eq!(c.iter().map(|m| m.label).collect::<Vec<_>>(), [Label::Person, Label::Person, Label::Person, Label::Org]);
    }

    #[test]
    fn a_surname_named_after_an_initial_or_in_a_headline_is_the_person() {
        let text = "PICKENS SEES SLUMP\nT. Boone Pickens, the oilman, said it. Pickens told Reuters he expects less.";
        let mut c = vec![
            model(text, "PICKENS", 0, Label::Org),
            model(text, "T. Boone Pickens", 0, Label::Person),
            model(text, "Pickens", 1, Label::Org),
        ];
        apply(text, &crate::segment::sentences(text), &mut c);
        assert!(c.iter().all(|m| m.label == Label::Person), "{:?}", got(text, &c));
        // `said it` at one use, `said he` at two: the person.
        let text = "Senator William Proxmire spoke. Proxmire said it is not enforced. Proxmire said he would act. Proxmire said he agreed.";
        let mut c = vec![model(text, "William Proxmire", 0, Label::Person)];
        c.extend((1..4).map(|k| model(text, "Proxmire", k, Label::Org)));
        apply(text, &crate::segment::sentences(text), &mut c);
        assert!(c.iter().all(|m| m.label == Label::Person), "{:?}", got(text, &c));
        // The person without the middle initial is the person.
        let text = "Chairman Boyd L. Jefferies resigned. Neither Boyd Jefferies nor the firm traded.";
        let mut c = vec![model(text, "Boyd L. Jefferies", 0, Label::Person), model(text, "Boyd Jefferies", 0, Label::Org)];
        apply(text, &crate::segment::sentences(text), &mut c);
        assert!(c.iter().all(|m| m.label == Label::Person), "{:?}", got(text, &c));
        // The given name alone of a person named in full is that person.
        let text = "Police shot Sandra Rice in a park. Sandra was twelve; Sandra's family sued.";
        let mut c = vec![model(text, "Sandra Rice", 0, Label::Person), model(text, "Sandra", 1, Label::Org), model(text, "Sandra", 2, Label::Org)];
        apply(text, &crate::segment::sentences(text), &mut c);
        assert!(c.iter().all(|m| m.label == Label::Person), "{:?}", got(text, &c));
        // A person of two words names no one else: the rules' `Dean Witter` leaves the firm.
        let text = "said an economist at Dean Witter Reynolds Inc. The Dean Witter economist said so.";
        let mut c = vec![
            Mention::new(text.rfind("Dean Witter").unwrap(), text.rfind("Dean Witter").unwrap() + 11, Label::Person, Source::Rule, 0.5),
            model(text, "Dean Witter", 1, Label::Org),
        ];
        apply(text, &crate::segment::sentences(text), &mut c);
        assert_eq!(c[1].label, Label::Org);
        // A surname an organisation of the document bears stays what the tagger said.
        let text = "Jefferies Group Inc said Boyd L. Jefferies resigned. JEFFERIES CHAIRMAN QUITS";
        let mut c = vec![
            model(text, "Jefferies Group Inc", 0, Label::Org),
            model(text, "Boyd L. Jefferies", 0, Label::Person),
            model(text, "JEFFERIES", 0, Label::Org),
        ];
        apply(text, &crate::segment::sentences(text), &mut c);
        assert_eq!(c[2].label, Label::Org);
        // `its` once and no person cue: the company (`Henry Ford` ... `Ford said its`).
        let text = "Henry Ford built cars. Ford said it would grow. Ford sold its unit.";
        let mut c = vec![model(text, "Henry Ford", 0, Label::Person), model(text, "Ford", 1, Label::Org), model(text, "Ford", 2, Label::Org)];
        apply(text, &crate::segment::sentences(text), &mut c);
        assert_eq!(c.iter().map(|m| m.label).collect::<Vec<_>>(), [Label::Person, Label::Org, Label::Org]);
    }

    #[test]
    fn an_ordinary_word_in_a_headline_in_capitals_is_no_name() {
        let text = "PHILIPPINES APPROVES NEW CAR PROGRAMME\nThe board approved a car programme.\nBANK RAISES RATES\nREADING WIN\nReading won at home.";
        let at = text.find("CAR").unwrap();
        let mut car = Mention::new(at, at + 3, Label::Gpe, Source::Kb, 1.0);
        car.kb_id = Some("country:CF".into());
        let mut c = vec![car, model(text, "BANK", 0, Label::Org), model(text, "READING", 0, Label::Org)];
        apply(text, &crate::segment::sentences(text), &mut c);
        // `Reading` is written capitalised in running text: the club stays.
        assert_eq!(got(text, &c), [("READING", Label::Org)]);
        // The same entity named in running text keeps a headline's word (`US` ... `U.S.`).
        let text = "US TRADE DEFICIT WIDENS\nThe U.S. deficit widened.";
        let mut us = model(text, "US", 0, Label::Gpe);
        us.kb_id = Some("country:US".into());
        let mut body = Mention::new(text.find("U.S.").unwrap(), text.find("U.S.").unwrap() + 4, Label::Gpe, Source::Kb, 1.0);
        body.kb_id = Some("country:US".into());
        let mut c = vec![us, body];
        apply(text, &crate::segment::sentences(text), &mut c);
        assert_eq!(c.len(), 2);
    }

    #[test]
    fn a_title_case_headline_names_what_its_story_names() {
        let text = "Wal-Mart Brightens Dec. Sales Forecast As Jarvis Debuts Over NYSE Rival\nJarvis said sales of Wal-Mart rose.";
        let mut c = vec![
            model(text, "Wal-Mart Brightens", 0, Label::Org),
            model(text, "Jarvis Debuts", 0, Label::Person),
            model(text, "Sales Forecast", 0, Label::Org),
            model(text, "NYSE", 0, Label::Org),
        ];
        let mut kb = model(text, "Wal-Mart", 0, Label::Org);
        kb.source = Source::Kb;
        kb.kb_id = Some("company:walmart".into());
        c.push(kb);
        apply(text, &[0..text.len()], &mut c);
        // The model's `Wal-Mart Brightens` cut to `Wal-Mart` beside the knowledge base's
        // (the resolver keeps one); `Sales Forecast` is not in the story.
        assert_eq!(got(text, &c), [("Wal-Mart", Label::Org), ("Jarvis", Label::Person), ("NYSE", Label::Org), ("Wal-Mart", Label::Org)]);
        // A headline in sentence case keeps what the tagger found.
        let text = "Blair hails Turkey-EU talks deal\nThe deal was struck on Friday.";
        let mut c = vec![model(text, "Blair", 0, Label::Person)];
        apply(text, &[0..text.len()], &mut c);
        assert_eq!(got(text, &c), [("Blair", Label::Person)]);
        assert!(title_case_headline("Yahoo Debuts Mobile Search\nYahoo said it would expand its service.").is_some());
        assert!(title_case_headline("Tony Blair, Gordon Brown\nx").is_none());
        assert!(title_case_headline("Yahoo Debuts Mobile Search").is_none());
        assert!(title_case_headline("The managers are Sanwa Bank Ltd and Mitsui Trust and Banking Co Ltd.\nThe loan is due.").is_none());
    }

    #[test]
    fn an_acronym_title_is_no_name() {
        let text = "The MP said the MPs and the CEO agreed with the BBC.";
        let mut c = vec![
            model(text, "MP", 0, Label::Org),
            model(text, "MPs", 0, Label::Org),
            model(text, "CEO", 0, Label::Person),
            model(text, "BBC", 0, Label::Org),
        ];
        apply(text, &[0..text.len()], &mut c);
        assert_eq!(got(text, &c), [("BBC", Label::Org)]);
    }

    #[test]
    fn a_misc_of_a_persons_form_is_a_person_and_gives_the_surname() {
        let text = "Radcliffe enjoys comeback. Paula Radcliffe won. Radcliffe sprinted clear. The Brady Bill passed.";
        let mut c = vec![
            model(text, "Radcliffe", 0, Label::Misc),
            model(text, "Paula Radcliffe", 0, Label::Misc),
            model(text, "Radcliffe", 2, Label::Misc),
            model(text, "Brady Bill", 0, Label::Misc),
        ];
        apply(text, &[0..26, 27..47, 48..76, 77..text.len()], &mut c);
        assert_eq!(c.iter().map(|m| m.label).collect::<Vec<_>>(), [Label::Person, Label::Person, Label::Person, Label::Misc]);
    }

    #[test]
    fn a_law_or_treaty_is_no_organisation() {
        let text = "It signed the Maastricht Treaty. The Act comes into force. Under the Sarbanes-Oxley Act, \
                    ACT voters and the Treaty Organisation met. The Protocol Society said.";
        let mut c = vec![
            model(text, "Maastricht Treaty", 0, Label::Org),
            model(text, "Act", 0, Label::Org),
            model(text, "Sarbanes-Oxley Act", 0, Label::Org),
            model(text, "ACT", 0, Label::Gpe),
            model(text, "Treaty Organisation", 0, Label::Org),
            model(text, "Protocol Society", 0, Label::Org),
        ];
        apply(text, &[0..text.len()], &mut c);
        use Label::*;
        assert_eq!(c.iter().map(|m| m.label).collect::<Vec<_>>(), [Misc, Misc, Misc, Gpe, Org, Org]);
    }

    #[test]
    fn a_legal_form_makes_a_company_and_a_party_initial_is_no_place() {
        let text = "He chairs Elsevier N.V., not the Elsevier family. Sen. Bentsen (D., Texas) and Mr. Dole (R-Kan.) spoke.";
        let mut c = vec![
            model(text, "Elsevier N.V.", 0, Label::Gpe),
            model(text, "Elsevier", 1, Label::Person),
            model(text, "D.", 0, Label::Gpe),
            model(text, "Texas", 0, Label::Gpe),
        ];
        apply(text, &[0..49, 50..text.len()], &mut c);
        assert_eq!(got(text, &c), [("Elsevier N.V.", Label::Org), ("Elsevier", Label::Person), ("Texas", Label::Gpe)]);
        let text = "Sen. Bradley (D-N.J.) and Sen. Dole (R-Kan) spoke.";
        let mut c = vec![model(text, "D-N.J", 0, Label::Gpe), model(text, "R-Kan", 0, Label::Gpe)];
        apply(text, &[0..text.len()], &mut c);
        assert_eq!(got(text, &c), [("N.J.", Label::Gpe), ("Kan", Label::Gpe)]);
        let text = "Rep. Dan Glickman, D-Kan., said so. The D-Day landings, D-Mark bonds.";
        let mut c = vec![model(text, "D-Kan", 0, Label::Gpe), model(text, "D-Day", 0, Label::Misc), model(text, "D-Mark", 0, Label::Misc)];
        apply(text, &[0..35, 36..text.len()], &mut c);
        assert_eq!(got(text, &c), [("Kan.", Label::Gpe), ("D-Day", Label::Misc), ("D-Mark", Label::Misc)]);
        assert_eq!(legal_form_then_of("Dow Chemical Co. of Midland"), Some((16, 20)));
        assert_eq!(legal_form_then_of("Bank of America Corp."), None);
        assert_eq!(legal_form_then_of("Public Service Co of Indiana Inc"), None);
    }

    #[test]
    fn an_acronym_is_no_person() {
        let text = "Sales of DVDs rose, the American Soybean Association, ASA, said.\nBUSH SEES GAIN";
        let mut c = vec![model(text, "DVDs", 0, Label::Person), model(text, "ASA", 0, Label::Person), model(text, "BUSH", 0, Label::Person)];
        apply(text, &crate::segment::sentences(text), &mut c);
        assert_eq!(got(text, &c), [("ASA", Label::Org), ("BUSH", Label::Person)]);
    }

    #[test]
    fn a_plural_acronym_is_no_name() {
        let text = "The next generation of DVDs will hold more. Notes (PINs) and GCSEs are due. The BBC said. The DVD format.";
        let mut c = vec![
            model(text, "DVDs", 0, Label::Loc),
            model(text, "PINs", 0, Label::Org),
            model(text, "GCSEs", 0, Label::Misc),
            model(text, "BBC", 0, Label::Org),
            model(text, "DVD", 1, Label::Org),
        ];
        apply(text, &crate::segment::sentences(text), &mut c);
        assert_eq!(got(text, &c), [("BBC", Label::Org)]);
    }

    #[test]
    fn the_noun_after_a_name_makes_it_a_place() {
        let text = "rebels in the Jebel al-Akhdar region. He was held at Insein Prison and died at Insein. \
                    Rules of Northern Cape province. Smith said. The Smith camp. The Kashmir region. \
                    USDA county offices. The Farm Service county offices. FUJIAN PROVINCE FORMS VENTURE";
        let mut c = vec![
            model(text, "Jebel al-Akhdar", 0, Label::Person),
            model(text, "Insein", 0, Label::Gpe),
            model(text, "Insein", 1, Label::Gpe),
            model(text, "Northern Cape", 0, Label::Loc),
            model(text, "Smith", 0, Label::Person),
            model(text, "Smith", 1, Label::Person),
        ];
        let mut kashmir = model(text, "Kashmir", 0, Label::Gpe);
        kashmir.kb_id = Some("Q43100".into());
        c.push(kashmir);
        c.push(model(text, "USDA", 0, Label::Org));
        c.push(model(text, "Farm Service", 0, Label::Org));
        c.push(model(text, "FUJIAN", 0, Label::Person));
        apply(text, &crate::segment::sentences(text), &mut c);
        let labels: Vec<Label> = c.iter().map(|m| m.label).collect();
        use Label::*;
        assert_eq!(labels, [Loc, Loc, Loc, Gpe, Person, Person, Gpe, Org, Org, Gpe]);
        let cases: [(&str, &[(&str, usize, Label)], &[Label]); 3] = [
            // A product by its kind, unless the document shows a company of that name.
            (
                "The Cabir worm spread. Cabir is harmless. Webroot software sold. Webroot Inc. rose.",
                &[("Cabir", 0, Org), ("Cabir", 1, Person), ("Webroot", 0, Org), ("Webroot", 1, Org)],
                &[Misc, Misc, Org, Org],
            ),
            // An acronym before its product's kind is the product (`USDA county offices` is not).
            ("Sony will launch its PSP console in March. The PSP is popular.", &[("PSP", 0, Org), ("PSP", 1, Org)], &[Misc, Misc]),
            // An illness, named after a person (with the possessive) or a place, is no name.
            (
                "He had Alzheimer's disease. Alzheimer's took him. Lyme disease spreads in Lyme.",
                &[("Alzheimer", 0, Person), ("Alzheimer", 1, Org), ("Lyme", 0, Gpe), ("Lyme", 1, Gpe)],
                &[Misc, Misc, Misc, Misc],
            ),
        ];
        for (text, found, want) in cases {
            let mut c: Vec<Mention> = found.iter().map(|&(name, nth, label)| model(text, name, nth, label)).collect();
            apply(text, &crate::segment::sentences(text), &mut c);
            assert_eq!(c.iter().map(|m| m.label).collect::<Vec<_>>(), want, "{text}");
        }
    }

    #[test]
    fn a_one_word_org_spoken_of_as_a_person_is_a_person() {
        let text = "Kaka grins as he recalls the crowd. Kaka said he would stay. Fans love Kaka.";
        let mut c: Vec<Mention> = (0..3).map(|k| model(text, "Kaka", k, Label::Org)).collect();
        apply(text, &crate::segment::sentences(text), &mut c);
        assert!(c.iter().all(|m| m.label == Label::Person), "{:?}", got(text, &c));
        // One cue, a plural verb, `it` as often, or an acronym: the tagger's ORG stays.
        for text in [
            "Kaka grins as he recalls the crowd. Kaka won. Fans love Kaka.",
            "Chelsea were beaten. Chelsea said he would stay. Chelsea scored as he ran.",
            "Zeta said he would sell. Zeta said it would grow. Zeta said he agreed. Zeta said its profit rose.",
            "ZETA said he would sell. ZETA said he agreed.",
        ] {
            let name = text.split(' ').next().unwrap();
            let mut c: Vec<Mention> = (0..text.matches(name).count()).map(|k| model(text, name, k, Label::Org)).collect();
            apply(text, &crate::segment::sentences(text), &mut c);
            assert!(c.iter().all(|m| m.label == Label::Org), "{text}: {:?}", got(text, &c));
        }
    }

    #[test]
    fn a_name_before_a_comma_and_a_state_is_a_town() {
        let state = |text: &str, s: &str| Mention {
            kb_id: Some("subdivision:US-XX".into()),
            ..Mention::new(text.find(s).unwrap(), text.find(s).unwrap() + s.len(), Label::Gpe, Source::Kb, 1.0)
        };
        let text = "Ferguson, Missouri (CNN) Protests went on. Ferguson police met.";
        let mut c = vec![model(text, "Ferguson", 0, Label::Person), state(text, "Missouri"), model(text, "Ferguson", 1, Label::Org)];
        apply(text, &crate::segment::sentences(text), &mut c);
        assert_eq!(got(text, &c), [("Ferguson", Label::Gpe), ("Missouri", Label::Gpe), ("Ferguson", Label::Gpe)]);
        // A senator's state after his name, a possessive, or a person cue: left alone.
        for text in ["Durbin, Illinois Democrat, spoke.", "Durbin, Illinois' senator, spoke.", "Durbin, Illinois, said he would.", "Real, Durbin, Illinois, Paris and Rome"] {
            let mut c = vec![model(text, "Durbin", 0, Label::Person), state(text, "Illinois")];
            apply(text, &crate::segment::sentences(text), &mut c);
            assert_eq!(c[0].label, Label::Person, "{text}");
        }
        let text = "Bay Co Bldg Auth, Michigan.";
        let mut c = vec![model(text, "Bay Co Bldg Auth", 0, Label::Org), state(text, "Michigan")];
        apply(text, &crate::segment::sentences(text), &mut c);
        assert_eq!(c[0].label, Label::Org);
        // A place its form typed LOC stays so.
        let text = "It sank off the coast of Newfoundland, Canada, in 1996.";
        let mut c = vec![model(text, "Newfoundland", 0, Label::Loc), state(text, "Canada")];
        apply(text, &crate::segment::sentences(text), &mut c);
        assert_eq!(c[0].label, Label::Loc);
    }

    #[test]
    fn an_organisation_the_tagger_took_for_misc_is_org() {
        let cases = [
            ("Officials at Toshiba <TSBA.T> told reporters. Toshiba scientists agree.", "Toshiba"),
            ("Toshiba said that it will take years. Toshiba scientists agree.", "Toshiba"),
            ("Beazer (NYSE: BZR) rose. Beazer gained.", "Beazer"),
            ("Bass sold 567,800 National Distillers common shares.", "National Distillers"),
            ("European consortium Airbus Industrie had no comment.", "Airbus Industrie"),
            ("The speaker of the Argentine Parliament said.", "Argentine Parliament"),
        ];
        for (text, name) in cases {
            let mut c = vec![model(text, name, 0, Label::Misc)];
            if text[text.find(name).unwrap() + 1..].contains(name) {
                c.push(model(text, name, 1, Label::Misc));
            }
            apply(text, &[0..text.len()], &mut c);
            assert!(c.iter().all(|m| m.label == Label::Org), "{text}");
        }
        // No evidence, an adjective's noun, a verb `shares`, or a known name: left alone.
        let cases = [
            ("The Academy Awards have shied away from controversy.", "Academy Awards"),
            ("Far Eastern operators deliver aluminium.", "Far Eastern"),
            ("Victims of the attacks on the World Trade Center.", "World Trade Center"),
            ("He leads the American League in hits.", "American League"),
            ("Dublin-born director Neil Jordan.", "Dublin-born"),
            ("Shares of France-registered Cofinec rose.", "France-registered"),
            ("The Napoleonic principle of separation holds.", "Napoleonic"),
            ("He backed the Marshall Plan and said it worked.", "Marshall Plan"),
        ];
        for (text, name) in cases {
            let mut c = vec![model(text, name, 0, Label::Misc)];
            apply(text, &[0..text.len()], &mut c);
            assert!(c.iter().all(|m| m.label == Label::Misc), "{text}");
        }
        // A code of letters and digits is no person or place.
        let text = "Flight MH370 vanished near F-16 jets of Area 51.";
        let mut c = vec![model(text, "MH370", 0, Label::Gpe), model(text, "F-16", 0, Label::Person), model(text, "Area 51", 0, Label::Loc)];
        apply(text, &[0..text.len()], &mut c);
        assert_eq!(c.iter().map(|m| m.label).collect::<Vec<_>>(), [Label::Misc, Label::Misc, Label::Loc]);
        assert!(ticker_after("<TSBA.T> told") && ticker_after("(Nasdaq:AAPL) rose") && !ticker_after("(NYSE) rose"));
        // A portal's links after the instrument code are no names.
        let text = "Alcoa Inc. (AA.N: Quote, Profile, Research) posted a profit.";
        let mut c = vec![model(text, "Profile", 0, Label::Gpe), model(text, "Research", 0, Label::Org), model(text, "Alcoa Inc.", 0, Label::Org)];
        apply(text, &[0..text.len()], &mut c);
        assert_eq!(got(text, &c), [("Alcoa Inc.", Label::Org)]);
        let text = "organisms like Escherichia coli (E. coli) thrive, said Ludwig van Beethoven and Abu Bakr al-Baghdadi \
                    to the Lord Mayor.";
        let mut c = vec![
            model(text, "Mayor", 0, Label::Org),
            model(text, "E. coli", 0, Label::Person),
            model(text, "Ludwig van Beethoven", 0, Label::Person),
            model(text, "Abu Bakr al-Baghdadi", 0, Label::Person),
        ];
        apply(text, &[0..text.len()], &mut c);
        assert_eq!(got(text, &c), [("Ludwig van Beethoven", Label::Person), ("Abu Bakr al-Baghdadi", Label::Person)]);
        assert!(share_talk_after("shares fell 3 pct") && !share_talk_after("shares the view"));
    }

    #[test]
    fn a_word_capitalised_by_its_place_is_no_place() {
        let text = "Born in 1942 in Tredegar, he left. Reading is far. Hope grew. They met in Hope.";
        let mut c = vec![
            model(text, "Born", 0, Label::Gpe),
            model(text, "Tredegar", 0, Label::Gpe),
            model(text, "Hope", 0, Label::Gpe),
            model(text, "Hope", 1, Label::Gpe),
        ];
        let mut reading = model(text, "Reading", 0, Label::Gpe);
        reading.kb_id = Some("Q161491".into());
        c.push(reading);
        apply(text, &crate::segment::sentences(text), &mut c);
        assert_eq!(got(text, &c), [("Tredegar", Label::Gpe), ("Hope", Label::Gpe), ("Hope", Label::Gpe), ("Reading", Label::Gpe)]);
        // An ORG that is a plural noun opening its sentence, unless written so inside one.
        let text = "Corn -- Stocks, Aug 31, at 5,240. Boots said sales rose. Shoppers at Boots queued.";
        let mut c = vec![model(text, "Stocks", 0, Label::Org), model(text, "Boots", 0, Label::Org), model(text, "Boots", 1, Label::Org)];
        apply(text, &crate::segment::sentences(text), &mut c);
        assert_eq!(got(text, &c), [("Boots", Label::Org), ("Boots", Label::Org)]);
        // Right after a dateline's agency the story's first word is capitalised by its place.
        let text = "Beijing (CNN)Troops started in Tikrit with the Troops band";
        let mut c = vec![model(text, "Troops", 0, Label::Org), model(text, "Troops", 1, Label::Org)];
        apply(text, &[0..text.len()], &mut c);
        assert_eq!(got(text, &c), [("Troops", Label::Org), ("Troops", Label::Org)], "written inside a sentence too");
        let text = "Beijing (CNN)Troops started in Tikrit.";
        let mut c = vec![model(text, "Troops", 0, Label::Org)];
        apply(text, &[0..text.len()], &mut c);
        assert_eq!(got(text, &c), []);
    }

    #[test]
    fn sentence_initial_discourse_adverbs_are_not_names() {
        let text = "Prices rose. Moreover, the bank cut rates. \"However Smith disagreed.\" He said However.";
        let mut c = vec![
            model(text, "Moreover", 0, Label::Person),
            model(text, "However Smith", 0, Label::Person),
            model(text, "However", 1, Label::Org),
        ];
        apply(text, &[0..12, 13..42, 43..69, 70..text.len()], &mut c);
        // The last "However" is not sentence-initial: kept.
        assert_eq!(got(text, &c), [("Smith", Label::Person), ("However", Label::Org)]);
        // An interjection of an interview's answer, too.
        let text = "Yeah, we won.";
        let mut c = vec![model(text, "Yeah", 0, Label::Person)];
        apply(text, &[0..text.len()], &mut c);
        assert!(c.is_empty());
    }

    /// The shortcuts answer as the plain forms: a searcher built once per part, pronouns
    /// matched by ASCII case folding, sentence openings scanned backwards.
    #[test]
    fn shortcuts_answer_as_the_plain_forms() {
        let wholes = ["Bank of Smith", "Smithson Bank", "J. Smith", "Smith", "Smith-Jones", "Der Smith Ölbank", "", "Smi"];
        for part in ["Smith", "Bank", "Ölbank", "J."] {
            let finder = memchr::memmem::Finder::new(part.as_bytes());
            for whole in wholes {
                assert_eq!(contains_words_with(&finder, whole, part), contains_words(whole, part), "{part} in {whole}");
            }
        }
        let text = "Smith, HE said. Acme said It was. Jones and Hers agreed. Kim, \u{212a}im, HİM left.";
        let plain = |end: usize, pronouns: &[&str]| {
            words_after(text, end, PRONOUN_WINDOW).iter().any(|w| pronouns.contains(&w.to_lowercase().as_str()))
        };
        for end in 0..text.len() {
            if text.is_char_boundary(end) {
                assert_eq!(pronoun_after(text, end, PERSON_PRONOUNS), plain(end, PERSON_PRONOUNS), "at {end}");
                assert_eq!(pronoun_after(text, end, THING_PRONOUNS), plain(end, THING_PRONOUNS), "at {end}");
            }
        }
        let sentences = crate::segment::sentences(text);
        for at in (0..text.len()).filter(|&at| text.is_char_boundary(at)) {
            let forward = !text[crate::segment::sentence_start(&sentences, at)..at].chars().any(char::is_alphanumeric);
            assert_eq!(opens_sentence(text, &sentences, at), forward, "at {at}");
        }
    }
}
