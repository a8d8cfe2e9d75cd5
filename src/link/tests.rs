use super::*;
use crate::doc::{Mention, Source};

/// A document of `text` whose kb mentions come from the shipped knowledge base and whose
/// other mentions are `names` (found in order in `text`).
fn doc(lang: &str, text: &str, names: &[(&str, Label)]) -> Document {
    let mut mentions = Kb::builtin().find(text);
    let mut from = 0;
    for &(surface, label) in names {
        let s = from + text[from..].find(surface).unwrap_or_else(|| panic!("{surface:?} in {text:?}"));
        assert!(mentions.iter().all(|m| m.end <= s || m.start >= s + surface.len()), "{surface} overlaps a kb match");
        mentions.push(Mention::new(s, s + surface.len(), label, Source::Rule, 0.6));
        from = s + surface.len();
    }
    mentions.sort_by_key(|m| (m.start, m.end));
    Document { text: text.into(), lang: Some(lang.into()), sentences: vec![0..text.len()], mentions, ..Default::default() }
}

fn person(text: &str, names: &[&str]) -> Document {
    let lang = if text.chars().any(is_arabic_letter) { "ar" } else { "en" };
    doc(lang, text, &names.iter().map(|n| (*n, Label::Person)).collect::<Vec<_>>())
}

fn run(docs: &[Document]) -> Linking {
    link(docs, Kb::builtin(), &LinkOptions::default())
}

/// The entity and evidence of the first mention of `surface` in document `d`.
fn of<'a>(l: &'a Linking, docs: &[Document], d: usize, surface: &str) -> (&'a LinkedEntity, Evidence) {
    let doc = &docs[d];
    let i = doc.mentions.iter().position(|m| &doc.text[m.start..m.end] == surface).unwrap_or_else(|| panic!("{surface:?} in doc {d}"));
    let ml = l.links[d][i];
    (&l.entities[ml.entity as usize], ml.evidence)
}

fn same(l: &Linking, docs: &[Document], a: (usize, &str), b: (usize, &str)) -> bool {
    of(l, docs, a.0, a.1).0.entity_id == of(l, docs, b.0, b.1).0.entity_id
}

#[test]
fn knowledge_base_demonyms_and_cities() {
    let docs = [
        doc("en", "France sent envoys to Paris and the French army followed.", &[]),
        doc("ar", "وصل وفد من فرنسا إلى باريس.", &[]),
        doc("en", "Japan and Japanese firms in Tokyo.", &[]),
    ];
    let l = run(&docs);
    // (doc, surface, entity id, label, country)
    let cases = [
        (0, "France", "country:FR", Label::Gpe, Some("FR")),
        (0, "French", "country:FR", Label::Gpe, Some("FR")),
        (1, "فرنسا", "country:FR", Label::Gpe, Some("FR")),
        (0, "Paris", "city:2988507", Label::Gpe, Some("FR")),
        (1, "باريس", "city:2988507", Label::Gpe, Some("FR")),
        (2, "Japanese", "country:JP", Label::Gpe, Some("JP")),
        (2, "Tokyo", "city:1850147", Label::Gpe, Some("JP")),
    ];
    for (d, surface, id, label, country) in cases {
        let (e, ev) = of(&l, &docs, d, surface);
        assert_eq!((e.entity_id.as_str(), e.label, e.country.as_deref(), ev), (id, label, country, Evidence::Kb), "{surface}");
        assert_eq!(e.kb_id.as_deref(), Some(id));
    }
    let (france, _) = of(&l, &docs, 0, "France");
    assert_eq!(france.name, "France");
    assert_eq!(france.aliases, ["France", "French", "فرنسا"]);
    assert_eq!(france.languages, ["ar", "en"]);
    assert_eq!((france.n_mentions, france.n_docs), (3, 2));
    let ids: Vec<&str> = l.entities.iter().map(|e| e.entity_id.as_str()).collect();
    let mut sorted = ids.clone();
    sorted.sort();
    assert_eq!(ids, sorted);
}

#[test]
fn unlinked_names_spelled_like_kb_mentions() {
    let docs = [
        doc("en", "NATO met in Brussels.", &[]),
        doc("en", "The Atlantic Alliance met.", &[]),
        // Not matched by the kb, but spelled like a kb-linked mention of the corpus.
        doc("en", "The N.A.T.O. summit.", &[("N.A.T.O.", Label::Org)]),
    ];
    let l = run(&docs);
    let (e, ev) = of(&l, &docs, 2, "N.A.T.O.");
    assert_eq!((e.entity_id.as_str(), ev), ("org:nato", Evidence::Alias));
    // Without such a mention it stays apart, and the kb entity keeps its id.
    let docs = [docs[1].clone(), docs[2].clone()];
    let l = run(&docs);
    assert_eq!(of(&l, &docs, 0, "Atlantic Alliance").0.entity_id, "org:nato");
    assert_eq!(of(&l, &docs, 1, "N.A.T.O.").0.entity_id, "org:nato~2");
}

#[test]
fn names_resolve_inside_a_document() {
    let docs = [
        person(
            "Orvan Delquist met Talia Brennick. Delquist said O. Delquist and Brennick agreed. Orvan spoke.",
            &["Orvan Delquist", "Talia Brennick", "Delquist", "O. Delquist", "Brennick", "Orvan"],
        ),
        // The short form first, the full name later; two heads sharing a surname.
        person(
            "Quillan spoke first. Then Mira Quillan arrived, and Bram Quillan after her. Quillan left.",
            &["Quillan", "Mira Quillan", "Bram Quillan", "Quillan"],
        ),
    ];
    let l = run(&docs);
    let cases = [
        (0, "Orvan Delquist", "person:orvandelquist", Evidence::Alias),
        (0, "Delquist", "person:orvandelquist", Evidence::Surname),
        (0, "O. Delquist", "person:orvandelquist", Evidence::Surname),
        (0, "Orvan", "person:orvandelquist", Evidence::Surname),
        (0, "Brennick", "person:taliabrennick", Evidence::Surname),
        (1, "Quillan", "person:miraquillan", Evidence::Surname),
        (1, "Bram Quillan", "person:bramquillan", Evidence::Alias),
    ];
    for (d, surface, id, ev) in cases {
        let (e, got) = of(&l, &docs, d, surface);
        assert_eq!((e.entity_id.as_str(), got), (id, ev), "{surface}");
    }
    // The last "Quillan" goes to the nearest earlier full name.
    let last = docs[1].mentions.len() - 1;
    assert_eq!(l.entities[l.links[1][last].entity as usize].entity_id, "person:bramquillan");
    let (e, _) = of(&l, &docs, 0, "Delquist");
    assert_eq!((e.name.as_str(), e.n_mentions, e.label), ("Orvan Delquist", 4, Label::Person));
    assert_eq!(e.aliases, ["Delquist", "O. Delquist", "Orvan", "Orvan Delquist"]);
}

#[test]
fn organisations_resolve_inside_a_document() {
    let text = "The Velmar Trade Council met. The VTC said the Trade Council of Velmar agreed. The Velmar Council left.";
    let docs = [doc("en", text, &[("Velmar Trade Council", Label::Org), ("VTC", Label::Org), ("Velmar Council", Label::Org)])];
    let l = run(&docs);
    assert!(same(&l, &docs, (0, "VTC"), (0, "Velmar Trade Council")));
    assert!(same(&l, &docs, (0, "Velmar Council"), (0, "Velmar Trade Council")));
    assert_eq!(of(&l, &docs, 0, "VTC").1, Evidence::Surname);
    assert_eq!(of(&l, &docs, 0, "VTC").0.entity_id, "org:velmartradecouncil");
}

#[test]
fn spelling_variants_merge_across_documents_when_context_agrees() {
    // (name in doc A, country of A, name in doc B, country of B, merged?)
    let cases = [
        ("Tamsin Kerrowby", "France", "Tamsin Kerowby", "France", true),
        ("Tamsin Kerrowby", "France", "Tamsin Kerowby", "Japan", false),
        ("Halvard Quenneville", "Chile", "Halvard Quenevile", "Chile", true),
        ("Tamsin Kerrowby", "Peru", "T. Kerowby", "Peru", true),
        ("Tamsin Kerrowby", "Peru", "Kerrowby", "Peru", true),
        ("Tamsin Kerrowby", "Peru", "Kerrowby", "Norway", false),
        ("Tamsin Kerrowby", "Peru", "Edwin Kerowby", "Peru", false),
        ("Tamsin Kerrowby", "Peru", "Tamsin Kerrowbyan", "Peru", false),
        ("Ansel Lund", "Chile", "Ansel Lind", "Chile", false),
        ("Ansel Schaddock", "Chile", "Ansel Shadok", "Chile", true),
    ];
    for (a, ca, b, cb, want) in cases {
        let docs = [person(&format!("{a} flew to {ca}."), &[a]), person(&format!("In {cb}, {b} spoke."), &[b])];
        let l = run(&docs);
        assert_eq!(same(&l, &docs, (0, a), (1, b)), want, "{a} ({ca}) / {b} ({cb})");
        if want {
            let (e, ev) = of(&l, &docs, 1, b);
            assert_eq!((e.name.as_str(), ev), (a, Evidence::Variant), "{a} / {b}");
        }
    }
}

#[test]
fn variants_in_one_document_merge() {
    let docs = [person("Dorin Velasko arrived. Velasko spoke, then Velaskko left.", &["Dorin Velasko", "Velasko", "Velaskko"])];
    let l = run(&docs);
    assert!(same(&l, &docs, (0, "Velaskko"), (0, "Dorin Velasko")));
    assert_eq!(of(&l, &docs, 0, "Velaskko").1, Evidence::Variant);
}

#[test]
fn arabic_and_latin_names_merge_through_transliteration() {
    // (Latin name, its country, Arabic name, its country, merged?)
    let cases = [
        ("Faredo Mantuli", "France", "فاريدو مانتولي", "فرنسا", true),
        ("Faredo Mantuli", "Japan", "فاريدو مانتولي", "فرنسا", false),
        ("Faredo Mantuli", "France", "مانتولي", "فرنسا", true),
        ("Ravena Kostrinka", "Peru", "رافينا كوستينكا", "بيرو", true),
        ("Faredo Mantuli", "France", "سليم مانتولي", "فرنسا", false),
        ("Bashir Zoulati", "Japan", "بشير زولاتي", "اليابان", true),
    ];
    for (latin, c1, arabic, c2, want) in cases {
        let docs = [person(&format!("{latin} visited {c1}."), &[latin]), person(&format!("زار {arabic} {c2} أمس."), &[arabic])];
        let l = run(&docs);
        assert_eq!(same(&l, &docs, (0, latin), (1, arabic)), want, "{latin} / {arabic}");
        if want {
            let (e, ev) = of(&l, &docs, 1, arabic);
            assert_eq!((e.name.as_str(), ev, e.languages.clone()), (latin, Evidence::Translit, vec!["ar".to_string(), "en".to_string()]));
            assert_eq!(e.entity_id, format!("person:{}", normalize(latin)));
        }
    }
    // An Arabic-only entity is keyed by its normalised Arabic form.
    let docs = [person("قال سليم مانتولي إن.", &["سليم مانتولي"])];
    assert_eq!(run(&docs).entities[0].entity_id, "person:سليممانتولي");
}

#[test]
fn user_overrides_win() {
    let docs = [
        person("Orvan Delquist met Pell Varga in France. Delquist spoke.", &["Orvan Delquist", "Pell Varga", "Delquist"]),
        person("Tamsin Kerrowby flew to France.", &["Tamsin Kerrowby"]),
        person("In France, Tamsin Kerowby spoke.", &["Tamsin Kerowby"]),
    ];
    let with = |merges: &[(&str, &str)], splits: &[(&str, &str)]| {
        let pairs = |p: &[(&str, &str)]| p.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect();
        link(&docs, Kb::builtin(), &LinkOptions { merges: pairs(merges), splits: pairs(splits) })
    };
    // (merges, splits, pair, together?)
    let cases: [(&[(&str, &str)], &[(&str, &str)], ((usize, &str), (usize, &str)), bool); 7] = [
        (&[], &[], ((0, "Orvan Delquist"), (0, "Pell Varga")), false),
        (&[("Orvan Delquist", "Pell Varga")], &[], ((0, "Orvan Delquist"), (0, "Pell Varga")), true),
        (&[("person:orvandelquist", "person:pellvarga")], &[], ((0, "Pell Varga"), (0, "Delquist")), true),
        (&[], &[], ((1, "Tamsin Kerrowby"), (2, "Tamsin Kerowby")), true),
        (&[], &[("Tamsin Kerrowby", "Tamsin Kerowby")], ((1, "Tamsin Kerrowby"), (2, "Tamsin Kerowby")), false),
        (&[], &[("Delquist", "Orvan Delquist")], ((0, "Orvan Delquist"), (0, "Delquist")), false),
        // A merge wins over a split of the same pair.
        (&[("Tamsin Kerrowby", "Tamsin Kerowby")], &[("Tamsin Kerrowby", "Tamsin Kerowby")], ((1, "Tamsin Kerrowby"), (2, "Tamsin Kerowby")), true),
    ];
    for (merges, splits, (a, b), want) in cases {
        let l = with(merges, splits);
        assert_eq!(same(&l, &docs, a, b), want, "merges {merges:?} splits {splits:?}: {a:?} {b:?}");
    }
    let l = with(&[("Orvan Delquist", "Pell Varga")], &[]);
    let (e, ev) = of(&l, &docs, 0, "Pell Varga");
    assert_eq!((e.entity_id.as_str(), ev), ("person:orvandelquist", Evidence::User));
    // A user merge of a kb entity and a name: the kb id names the entity.
    let l = with(&[("Pell Varga", "country:FR")], &[]);
    assert_eq!(of(&l, &docs, 0, "Pell Varga").0.entity_id, "country:FR");
}

#[test]
fn output_does_not_depend_on_document_order() {
    let mut docs = synthetic(300, 7).0;
    docs.push(person("Faredo Mantuli visited France.", &["Faredo Mantuli"]));
    docs.push(person("زار فاريدو مانتولي فرنسا أمس.", &["فاريدو مانتولي"]));
    let a = run(&docs);
    assert_eq!(a, run(&docs));
    // Any order: the same entities, and every mention keeps its entity id.
    let mut order: Vec<usize> = (0..docs.len()).collect();
    let mut rng = Rng(99);
    for i in (1..order.len()).rev() {
        order.swap(i, rng.below(i + 1));
    }
    let shuffled: Vec<Document> = order.iter().map(|&i| docs[i].clone()).collect();
    let b = run(&shuffled);
    assert_eq!(a.entities, b.entities);
    for (k, &i) in order.iter().enumerate() {
        let ids = |l: &Linking, d: usize| -> Vec<String> { l.links[d].iter().map(|m| l.entities[m.entity as usize].entity_id.clone()).collect() };
        assert_eq!(ids(&a, i), ids(&b, k));
        assert_eq!(a.links[i].iter().map(|m| m.evidence).collect::<Vec<_>>(), b.links[k].iter().map(|m| m.evidence).collect::<Vec<_>>());
    }
}

/// The passes after the first read the nodes kept from it (`keep_nodes`, in-memory runs)
/// or analyse every document again (streaming runs): the same links either way, in chunks
/// of any size, on a corpus whose variants need the context pass.
#[test]
fn kept_nodes_link_as_the_documents_analysed_again() {
    let mut docs = synthetic(300, 11).0;
    docs.push(person("Tamsin Kerrowby flew to France.", &["Tamsin Kerrowby"]));
    docs.push(person("In France, Tamsin Kerowby spoke. Kerowby left.", &["Tamsin Kerowby", "Kerowby"]));
    let want = run(&docs);
    for (size, keep) in [(docs.len(), false), (7, false), (7, true), (1, true)] {
        let mut l = Linker::new(&LinkOptions::default());
        if keep {
            l.keep_nodes();
        }
        for chunk in docs.chunks(size) {
            l.collect(chunk);
        }
        l.plan();
        assert!(l.needs_context());
        for chunk in docs.chunks(size) {
            l.context(chunk);
        }
        l.join();
        for chunk in docs.chunks(size) {
            l.aggregate(chunk);
        }
        l.finish(Kb::builtin());
        let links: Vec<Vec<MentionLink>> = docs.chunks(size).flat_map(|chunk| l.links(chunk)).collect();
        assert_eq!(l.entities, want.entities, "chunks of {size}, kept {keep}");
        assert_eq!(links, want.links, "chunks of {size}, kept {keep}");
    }
}

#[test]
fn normalisation_and_skeletons() {
    let norm = [("Saïd Chéngriha", "saidchengriha"), ("O'Brien-Smith", "obriensmith"), ("U.N.", "un"), ("الجزائرية", "الجزايريه"), ("عبد المجيد", "عبدالمجيد")];
    for (input, want) in norm {
        assert_eq!(normalize(input), want, "{input}");
    }
    // The ASCII path's byte test drops what the general path drops.
    for b in 0..128u8 {
        let c = b as char;
        assert_eq!(ascii_dropped(b), c.is_whitespace() || is_joiner(c), "{b:#x}");
        let s = format!("a{c}B");
        let general: String = s.chars().filter(|&c| !(c.is_whitespace() || is_joiner(c))).flat_map(char::to_lowercase).collect();
        assert_eq!(normalize(&s), general, "{b:#x}");
    }
    // Latin and Arabic spellings of one name share a skeleton.
    let skel = [
        ("Mantuli", "mntl"),
        ("مانتولي", "mntl"),
        ("Faredo", "frd"),
        ("فاريدو", "frd"),
        ("Bashir", "bSr"),
        ("بشير", "bSr"),
        ("Djamila", "gml"),
        ("جميلة", "gml"),
        ("Khaled", "kld"),
        ("خالد", "kld"),
        ("Zoulati", "slt"),
        ("Chiara", "Sr"),
        ("Schwartz", "Srts"),
        ("Phillipe", "flb"),
    ];
    for (input, want) in skel {
        assert_eq!(skeleton(input), want, "{input}");
    }
    let lev = [("esper", "esber", 1, Some(1)), ("kitten", "sitting", 2, None), ("kitten", "sitting", 3, Some(3)), ("abc", "abc", 0, Some(0))];
    for (a, b, k, want) in lev {
        assert_eq!(bounded_levenshtein(a, b, k), want, "{a} {b}");
    }
    // The prefix and suffix shortcut against the plain table, on words with repeated
    // letters (where the common prefix and suffix overlap the edit), non-ASCII letters, and
    // empty words, for every k up to 3.
    let table = |a: &str, b: &str| {
        let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
        let mut prev: Vec<usize> = (0..=b.len()).collect();
        for i in 1..=a.len() {
            let mut cur = vec![i; b.len() + 1];
            for j in 1..=b.len() {
                cur[j] = (prev[j - 1] + usize::from(a[i - 1] != b[j - 1])).min(prev[j] + 1).min(cur[j - 1] + 1);
            }
            prev = cur;
        }
        prev[b.len()]
    };
    let words = ["", "a", "aa", "aaa", "ab", "ba", "aba", "abba", "defense", "defence", "defenses", "Ménard", "Menard",
                 "Mnard", "أحمد", "احمد", "محمد", "Djamila", "Jamila", "Djamilla", "kitten", "sitting", "sittin"];
    for a in words {
        for b in words {
            let d = table(a, b);
            for k in 0..=3 {
                assert_eq!(bounded_levenshtein(a, b, k), (d <= k).then_some(d), "{a:?} {b:?} k={k}");
            }
        }
    }
}

#[test]
fn empty_and_valueless_documents() {
    let docs = [Document::default(), doc("en", "Nothing here.", &[])];
    let l = run(&docs);
    assert_eq!(l.links, vec![Vec::<MentionLink>::new(), Vec::new()]);
    assert!(l.entities.is_empty());
}

include!("synthetic.rs");

// Speed is measured by `cargo run --release --example link_scale`, not here.
#[test]
fn typos_do_not_multiply_people_in_20k_documents() {
    let docs = synthetic(20_000, 42).0;
    let l = run(&docs);
    let persons = l.entities.iter().filter(|e| e.label == Label::Person).count();
    // 2,500 invented people; typos must not multiply them much.
    assert!(persons < 2_500 * 12 / 10, "{persons} person entities");
}

#[test]
fn linking_is_the_same_on_any_number_of_threads() {
    // Enough clusters, some with several spellings and kb ids, that the aggregate pass deals
    // them out to several tasks; each aggregate must still count its mentions in order.
    let syllables = ["Qe", "Xu", "Zo", "Wy", "Jy", "Vu", "Ky"];
    let name = |i: usize| {
        let s = |k: usize| syllables[k % syllables.len()];
        format!("{}{} {}{}{}", s(i), s(i / 7 + 1).to_lowercase(), s(i / 3 + 2), s(i + 4).to_lowercase(), s(i / 5).to_lowercase())
    };
    let docs: Vec<Document> = (0..240)
        .map(|i| {
            let (a, b) = (name(i % 61), name((i * 7 + 3) % 61));
            let surname = b.split(' ').nth(1).unwrap().to_string();
            let text = format!("{a} met {b} in Algeria on day {i}. Later {surname} flew to Egypt.");
            person(&text, &[a.as_str(), b.as_str(), surname.as_str()])
        })
        .collect();
    let pool = |n| rayon::ThreadPoolBuilder::new().num_threads(n).build().unwrap();
    let one = pool(1).install(|| run(&docs));
    assert!(one.entities.len() > 40, "{} entities", one.entities.len());
    for n in [2, 3] {
        assert_eq!(pool(n).install(|| run(&docs)), one, "{n} threads");
    }
}
