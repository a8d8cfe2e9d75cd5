//! Step 2, within one document: the forms of its names, and the shorter PERSON forms
//! and ORG acronyms that resolve to a fuller name of the same document.

#[allow(unused_imports)]
use super::*;
use std::cell::RefCell;
use std::collections::hash_map::Entry;
use std::sync::Arc;

/// A distinct form of one document: a kb entity, or an unlinked (label, normalised form).
#[derive(Debug, Clone)]
pub(super) struct LocalForm<'a> {
    pub(super) label: Label,
    /// Borrowed from the document, like `surface`: a form is rebuilt in every linking
    /// pass, and two owned copies per form were a third of its allocations.
    pub(super) kb: Option<&'a str>,
    pub(super) norm: String,
    /// Surface of the first mention.
    pub(super) surface: &'a str,
    /// Byte offset of the first mention.
    pub(super) first: usize,
    pub(super) count: u32,
    /// Name parts, for PERSON forms (shared with [`name_of`]'s cache).
    pub(super) name: Option<Arc<Name>>,
    /// The form of the same document this one resolves to, with the evidence.
    pub(super) target: Option<(u32, Evidence)>,
}

impl LocalForm<'_> {
    /// Does this form count as a co-mentioned entity for the context test?
    pub(super) fn is_anchor(&self) -> bool {
        self.kb.is_some()
            || (self.target.is_none()
                && match self.label {
                    Label::Person => self.name.as_ref().is_some_and(|n| n.tokens.len() >= 2),
                    Label::Org | Label::Gpe | Label::Loc | Label::Norp => !self.norm.is_empty(),
                    _ => false,
                })
    }
}

#[derive(Debug, Default)]
pub(super) struct LocalDoc<'a> {
    pub(super) forms: Vec<LocalForm<'a>>,
    /// Form of each mention.
    pub(super) mention_form: Vec<u32>,
    /// Distinct (label, normalised surface, kb id) of the kb-linked mentions.
    pub(super) kb_aliases: BTreeSet<(Label, String, String)>,
}

thread_local! {
    /// The [`Name`] of recent PERSON surfaces. In a streaming run [`analyse`] runs once per
    /// linking pass (up to four per document: it keeps no per-document state between passes),
    /// and cutting a name into normalised tokens and skeletons took 3% of the pipeline's
    /// instructions; most calls now find the name here. `Name::new` depends on the surface
    /// alone, so what the cache holds changes no output.
    static NAMES: RefCell<HashMap<Box<str>, Arc<Name>>> = RefCell::default();
}

/// Names kept before [`NAMES`] starts over (a few MB per thread).
const NAME_CACHE_MAX: usize = 1 << 13;

thread_local! {
    /// The [`content_words`] of recent ORG surfaces, for the same reason as [`NAMES`]:
    /// [`resolve_orgs`] runs once per linking pass, and normalising every word of every ORG
    /// name each time cost about as much as the comparisons. `content_words` depends on
    /// the surface alone.
    static ORG_WORDS: RefCell<HashMap<Box<str>, Arc<Vec<String>>>> = RefCell::default();
}

/// `make(surface)` from the thread's `cache`, computed and kept when missing; the cache
/// starts over past [`NAME_CACHE_MAX`] entries.
fn cached<T>(
    cache: &'static std::thread::LocalKey<RefCell<HashMap<Box<str>, Arc<T>>>>,
    surface: &str,
    make: impl FnOnce(&str) -> T,
) -> Arc<T> {
    cache.with(|c| {
        let mut c = c.borrow_mut();
        if let Some(v) = c.get(surface) {
            return Arc::clone(v);
        }
        if c.len() >= NAME_CACHE_MAX {
            c.clear();
        }
        let v = Arc::new(make(surface));
        c.insert(surface.into(), Arc::clone(&v));
        v
    })
}

/// `content_words(surface)`, from the thread's cache when it has it.
fn org_words(surface: &str) -> Arc<Vec<String>> {
    cached(&ORG_WORDS, surface, content_words)
}

/// `Name::new(surface)`, from the thread's cache when it has it.
pub(super) fn name_of(surface: &str) -> Arc<Name> {
    cached(&NAMES, surface, Name::new)
}

/// The forms of `doc` and the form of each mention; with `aliases`, also the kb aliases of
/// its linked mentions (only the first pass reads them).
pub(super) fn analyse<'a, D: DocView>(doc: &'a D, aliases: bool) -> LocalDoc<'a> {
    let n = doc.mentions().len();
    let mut forms: Vec<LocalForm> = Vec::with_capacity(n);
    // (label, surface) -> form, then (label, normalised surface) -> form for unlinked names.
    // Sized for every mention, so that they never grow.
    let mut by_surface: HashMap<(Label, &str, Option<&str>), u32> = HashMap::with_capacity_and_hasher(n, Default::default());
    let mut unlinked: HashMap<(Label, String), u32> = HashMap::with_capacity_and_hasher(n, Default::default());
    let mut linked: HashMap<&str, u32> = HashMap::with_capacity_and_hasher(n, Default::default());
    let mut mention_form = Vec::with_capacity(n);
    for (i, m) in doc.mentions().iter().enumerate() {
        let surface = doc.surface(i);
        let kb_id = m.kb_id.as_deref();
        if let Some(&f) = by_surface.get(&(m.label, surface, kb_id)) {
            forms[f as usize].count += 1;
            mention_form.push(f);
            continue;
        }
        let new_form = |forms: &mut Vec<LocalForm<'a>>, norm: String| {
            forms.push(LocalForm {
                label: m.label,
                kb: kb_id,
                norm,
                surface,
                first: m.start,
                count: 0,
                name: (m.label == Label::Person).then(|| name_of(surface)),
                target: None,
            });
            (forms.len() - 1) as u32
        };
        let f = match kb_id {
            Some(id) => *linked.entry(id).or_insert_with(|| new_form(&mut forms, String::new())),
            None => match unlinked.entry((m.label, normalize(surface))) {
                Entry::Occupied(e) => *e.get(),
                // The key moves into the form after the loop.
                Entry::Vacant(e) => *e.insert(new_form(&mut forms, String::new())),
            },
        };
        by_surface.insert((m.label, surface, kb_id), f);
        forms[f as usize].count += 1;
        mention_form.push(f);
    }
    for ((_, norm), f) in unlinked {
        forms[f as usize].norm = norm;
    }
    let kb_aliases = if aliases {
        by_surface
            .keys()
            .filter_map(|&(label, surface, id)| id.map(|id| (label, normalize(surface), id.to_string())))
            .collect()
    } else {
        BTreeSet::new()
    };
    let starts: Vec<usize> = doc.mentions().iter().map(|m| m.start).collect();
    resolve_persons(&mut forms, &mut mention_form, &starts);
    resolve_orgs(&mut forms);
    LocalDoc { forms, mention_form, kb_aliases }
}

/// The root of form `i` of a document.
pub(super) fn follow(forms: &[LocalForm], mut i: usize) -> u32 {
    while let Some((t, _)) = forms[i].target {
        i = t as usize;
    }
    i as u32
}

/// Nearness of a candidate full form at `head` to a short form at `short`: earlier ones
/// first, the closest first.
pub(super) fn nearness(head: usize, short: usize) -> (u8, usize) {
    if head <= short {
        (0, short - head)
    } else {
        (1, head - short)
    }
}

/// Step 2: PERSON forms that are part of a fuller PERSON name of the document resolve to it,
/// each mention to the nearest earlier such name (else the nearest later one); a form whose
/// mentions go to different names is split.
pub(super) fn resolve_persons(forms: &mut Vec<LocalForm>, mention_form: &mut [u32], starts: &[usize]) {
    let ntok = |f: &LocalForm| f.name.as_ref().map_or(0, |n| n.tokens.len());
    let initials = |f: &LocalForm| f.name.as_ref().map_or(0, |n| n.initial.iter().filter(|&&i| i).count());
    let mut order: Vec<usize> = (0..forms.len()).filter(|&i| forms[i].label == Label::Person && ntok(&forms[i]) > 0).collect();
    // A form resolves only to another one before it in `order`.
    if order.len() < 2 {
        return;
    }
    // The mentions of each form, in order, as slices of one vector (a vector per form was
    // an allocation per form and pass).
    let mut at = vec![0usize; forms.len() + 1];
    for &f in mention_form.iter() {
        at[f as usize + 1] += 1;
    }
    for i in 1..at.len() {
        at[i] += at[i - 1];
    }
    let mut flat = vec![0usize; mention_form.len()];
    let mut next = at.clone();
    for (m, &f) in mention_form.iter().enumerate() {
        flat[next[f as usize]] = m;
        next[f as usize] += 1;
    }
    let positions = |f: usize| &flat[at[f]..at[f + 1]];
    // Fuller names first: more tokens, then fewer initials.
    order.sort_by_key(|&i| (Reverse(ntok(&forms[i])), initials(&forms[i]), forms[i].first));
    for pos in 0..order.len() {
        let fi = order[pos];
        if forms[fi].kb.is_some() {
            continue;
        }
        let f = forms[fi].name.as_ref().expect("PERSON form has a name");
        let heads: Vec<(u8, usize)> = order[..pos]
            .iter()
            .filter_map(|&hi| {
                let h = forms[hi].name.as_ref().expect("PERSON form has a name");
                if h.tokens.len() < f.tokens.len() {
                    None
                } else if h.tokens.len() > f.tokens.len() && h.tokens.ends_with(&f.tokens) {
                    Some((0, hi))
                } else {
                    part_of(f, h).then_some((1, hi))
                }
            })
            .collect();
        if heads.is_empty() {
            continue;
        }
        let choice: Vec<(u32, usize)> = positions(fi)
            .iter()
            .map(|&m| {
                let (_, hi) = heads
                    .iter()
                    .map(|&(kind, hi)| {
                        let near = positions(hi).iter().map(|&h| nearness(starts[h], starts[m])).min();
                        ((kind, near), hi)
                    })
                    .min()
                    .expect("heads is not empty");
                (follow(forms, hi), m)
            })
            .collect();
        let first_root = choice[0].0;
        forms[fi].target = Some((first_root, Evidence::Surname));
        let mut split: BTreeMap<u32, u32> = BTreeMap::new();
        for (root, m) in choice {
            if root != first_root {
                let nf = *split.entry(root).or_insert_with(|| {
                    let mut clone = forms[fi].clone();
                    (clone.first, clone.count, clone.target) = (starts[m], 0, Some((root, Evidence::Surname)));
                    forms.push(clone);
                    (forms.len() - 1) as u32
                });
                forms[nf as usize].count += 1;
                forms[fi].count -= 1;
                mention_form[m] = nf;
            }
        }
    }
}

/// Is short name `f` a part of full name `h`: a single token of it (not an initial), or the
/// same surname with given names that are a subsequence of `h`'s (initials match), with
/// fewer tokens or an initial where `h` has the full name ("M. Voss" in "Mark Voss")?
pub(super) fn part_of(f: &Name, h: &Name) -> bool {
    let (nf, nh) = (f.tokens.len(), h.tokens.len());
    if nf == 0 || nf > nh {
        return false;
    }
    if nf == nh {
        let less = f.tokens.iter().zip(&h.tokens).zip(f.initial.iter().zip(&h.initial)).any(|(_, (&fi, &hi))| fi && !hi);
        return less && f.surname() == h.surname()
            && f.tokens.iter().zip(&h.tokens).zip(f.initial.iter().zip(&h.initial)).all(|((a, b), (&ai, &bi))| token_match(a, ai, b, bi));
    }
    if nf == 1 {
        return !f.initial[0] && h.tokens.iter().zip(&h.initial).any(|(t, &i)| !i && *t == f.tokens[0]);
    }
    if f.surname() != h.surname() {
        return false;
    }
    let mut j = 0;
    for k in 0..nf - 1 {
        while j < nh - 1 && !token_match(&f.tokens[k], f.initial[k], &h.tokens[j], h.initial[j]) {
            j += 1;
        }
        if j == nh - 1 {
            return false;
        }
        j += 1;
    }
    true
}

pub(super) fn token_match(a: &str, a_initial: bool, b: &str, b_initial: bool) -> bool {
    if a_initial || b_initial {
        a.chars().next() == b.chars().next()
    } else {
        a == b
    }
}

/// Step 2 for organisations: an acronym ("VTC", "V.T.C.") resolves to the ORG of the
/// document whose capitalised words it spells; a shorter ORG whose content words are, in
/// order, words of a longer ORG of the document ("Ministry of Defence" in "Ministry of
/// National Defense") resolves to it.
pub(super) fn resolve_orgs(forms: &mut [LocalForm]) {
    let none: Arc<Vec<String>> = Arc::default();
    let words: Vec<Arc<Vec<String>>> = forms
        .iter()
        .map(|f| match f.label {
            Label::Org => org_words(&f.surface),
            _ => Arc::clone(&none),
        })
        .collect();
    let mut order: Vec<usize> = (0..forms.len()).filter(|&i| forms[i].label == Label::Org).collect();
    order.sort_by_key(|&i| (Reverse(words[i].len()), forms[i].first));
    // The initials of each ORG name of two words or more, computed once when an acronym
    // first asks for them rather than once per pair.
    let mut spelled: Vec<Option<Option<[String; 2]>>> = vec![None; forms.len()];
    for pos in 0..order.len() {
        let fi = order[pos];
        if forms[fi].kb.is_some() || forms[fi].target.is_some() {
            continue;
        }
        let acr = acronym(&forms[fi].surface);
        let mut best: Option<((u8, u8, usize), u32)> = None;
        for &hi in &order[..pos] {
            let h = &forms[hi];
            let kind = if acr.as_ref().is_some_and(|a| {
                spelled[hi]
                    .get_or_insert_with(|| {
                        (h.surface.split_whitespace().count() >= 2).then(|| [initials(&h.surface, false), initials(&h.surface, true)])
                    })
                    .as_ref()
                    .is_some_and(|s| s[0] == *a || s[1] == *a)
            }) {
                0
            } else if words[fi].len() >= 2 && words[fi].len() < words[hi].len() && ordered_subset(&words[fi], &words[hi]) {
                1
            } else {
                continue;
            };
            let near = nearness(h.first, forms[fi].first);
            let key = (kind, near.0, near.1);
            if best.map_or(true, |(k, _)| key < k) {
                best = Some((key, follow(forms, hi)));
            }
        }
        if let Some((_, root)) = best {
            forms[fi].target = Some((root, Evidence::Surname));
        }
    }
}

/// Normalised words of an organisation name without function words.
pub(super) fn content_words(surface: &str) -> Vec<String> {
    const FUNCTION: [&str; 21] = [
        "of", "the", "and", "for", "in", "on", "at", "to", "de", "du", "des", "la", "le", "el", "et", "في", "من", "علي",
        "عن", "الي", "و",
    ];
    surface.split_whitespace().map(normalize).filter(|w| !w.is_empty() && !FUNCTION.contains(&w.as_str())).collect()
}

/// Are the words of `short` words of `long`, in order (a letter of difference allowed in
/// words of five letters or more: "defense", "defence")?
pub(super) fn ordered_subset(short: &[String], long: &[String]) -> bool {
    let same = |a: &str, b: &str| a == b || (a.chars().count().min(b.chars().count()) >= 5 && bounded_levenshtein(a, b, 1).is_some());
    let mut j = 0;
    for w in short {
        while j < long.len() && !same(w, &long[j]) {
            j += 1;
        }
        if j == long.len() {
            return false;
        }
        j += 1;
    }
    true
}

/// The letters of an acronym: 2 to 8 capital letters, dots allowed ("UN", "U.N.").
pub(super) fn acronym(s: &str) -> Option<String> {
    // Tested before the letters are copied: every ORG form of every linking pass asks, and
    // few are acronyms.
    let letters = || s.chars().filter(|&c| c != '.');
    let n = letters().count();
    ((2..=8).contains(&n) && letters().all(|c| c.is_uppercase() && c.is_alphabetic())).then(|| letters().collect())
}

/// Initials of the capitalised words of `s` (words split on hyphens too when `hyphens`).
pub(super) fn initials(s: &str, hyphens: bool) -> String {
    s.split(|c: char| c.is_whitespace() || (hyphens && c == '-'))
        .filter_map(|w| w.chars().next())
        .filter(|c| c.is_uppercase())
        .collect()
}

// ------------------------------------------------------------------------------------------
// Across documents
