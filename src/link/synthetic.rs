// Synthetic corpus for the linker, shared by the unit tests (src/link/tests.rs) and the
// scale example (examples/link_scale.rs), both through `include!`, so that the two draw the
// same documents and the example's scale figures describe the corpus the tests check.
// It names `Document`, `Label`, `Mention` and `Source`, which the including scope imports.
//
// Documents mention invented people (given name and surname from syllables, each with a
// home country), one in ten with a typo in the surname, often followed by the surname
// alone; their home countries (knowledge-base mentions), another country and an invented
// council. The generator returns, per document and mention, the invented person it names.

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

const SYL: [&str; 24] = [
    "ka", "lo", "ven", "dri", "mar", "tu", "sel", "bo", "ri", "nak", "gol", "phe", "an", "dor", "qui", "sa", "ler", "mi",
    "tov", "zu", "bren", "ha", "vik", "ost",
];
const COUNTRIES: [(&str, &str); 12] = [
    ("France", "country:FR"),
    ("Japan", "country:JP"),
    ("Peru", "country:PE"),
    ("Chile", "country:CL"),
    ("Norway", "country:NO"),
    ("Kenya", "country:KE"),
    ("Brazil", "country:BR"),
    ("Canada", "country:CA"),
    ("Egypt", "country:EG"),
    ("India", "country:IN"),
    ("Mexico", "country:MX"),
    ("Spain", "country:ES"),
];

/// `n_docs` documents and, per document and mention, the invented person it names.
fn synthetic(n_docs: usize, seed: u64) -> (Vec<Document>, Vec<Vec<Option<usize>>>) {
    let mut rng = Rng(seed.max(1));
    let word = |rng: &mut Rng, n: usize| -> String {
        let mut w: String = (0..n).map(|_| SYL[rng.below(SYL.len())]).collect();
        w[..1].make_ascii_uppercase();
        w
    };
    let n_people = (n_docs / 8).max(20);
    let people: Vec<(String, String, usize)> =
        (0..n_people).map(|_| (word(&mut rng, 2), word(&mut rng, 3), rng.below(COUNTRIES.len()))).collect();
    let typo = |rng: &mut Rng, s: &str| -> String {
        let mut c: Vec<char> = s.chars().collect();
        let i = 1 + rng.below(c.len() - 1);
        match rng.below(3) {
            0 => c[i] = (b'a' + rng.below(26) as u8) as char,
            1 => c.insert(i, (b'a' + rng.below(26) as u8) as char),
            _ => {
                c.remove(i);
            }
        }
        c.into_iter().collect()
    };
    let mut truth = Vec::with_capacity(n_docs);
    let docs = (0..n_docs)
        .map(|_| {
            let mut text = String::new();
            let mut mentions = Vec::new();
            let mut who = Vec::new();
            let mut add = |text: &mut String, s: &str, label: Label, kb: Option<&str>, person: Option<usize>| {
                let start = text.len();
                text.push_str(s);
                let source = if kb.is_some() { Source::Kb } else { Source::Rule };
                let mut m = Mention::new(start, text.len(), label, source, 0.7);
                m.kb_id = kb.map(str::to_string);
                mentions.push(m);
                who.push(person);
                text.push_str(" said on Monday. ");
            };
            for _ in 0..3 {
                // Popular people more often: the square of a uniform draw.
                let r = rng.below(1000);
                let p = (r * r * n_people) / 1_000_000;
                let (given, surname, home) = &people[p];
                let surname = if rng.below(10) == 0 { typo(&mut rng, surname) } else { surname.clone() };
                add(&mut text, &format!("{given} {surname}"), Label::Person, None, Some(p));
                add(&mut text, COUNTRIES[*home].0, Label::Gpe, Some(COUNTRIES[*home].1), None);
                if rng.below(2) == 0 {
                    add(&mut text, &surname, Label::Person, None, Some(p));
                }
            }
            let c = COUNTRIES[rng.below(COUNTRIES.len())];
            add(&mut text, c.0, Label::Gpe, Some(c.1), None);
            let org = format!("{} Council", people[rng.below(n_people)].1);
            add(&mut text, &org, Label::Org, None, None);
            truth.push(who);
            // One sentence spanning the whole text.
            let sentences = std::iter::once(0..text.len()).collect();
            Document { text, lang: Some("en".into()), sentences, mentions, ..Default::default() }
        })
        .collect();
    (docs, truth)
}
