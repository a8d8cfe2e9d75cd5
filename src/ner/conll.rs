//! Training data and scoring: CoNLL-style column files, BIO repair, spans and exact-span F1
//! as `conlleval` computes it.

use std::collections::BTreeMap;

use super::Sentence;

/// Sentences of a CoNLL-style column file: the first column is the token, the last the tag;
/// a blank line ends a sentence. Tags are normalised to BIO over PER/ORG/LOC/MISC: `PERS`
/// (ANERcorp) becomes `PER`, and IOB1 tags (`I-X` opening a chunk) become `B-X`. Lines with
/// a single column get the tag `O`.
///
/// Documents: a `-DOCSTART-` line opens one. Files without such lines (the shared CoNLL-2003
/// copy) get documents from their Reuters datelines: a document opens at the headline before
/// each `CITY 1996-08-22` line (see [`mark_datelines`]).
///
/// ```
/// let s = newsframe::ner::conll::read("EU NNP B-NP I-ORG\nrejects VBZ B-VP O\n\nموسكو B-LOC\n");
/// assert_eq!(s[0].tags, ["B-ORG", "O"]);
/// assert_eq!(s[1].tokens, ["موسكو"]);
/// ```
pub fn read(text: &str) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut cur = Sentence::default();
    let mut docstart = false;
    let mut next_opens = false;
    let mut flush = |cur: &mut Sentence, next_opens: &mut bool| {
        if !cur.tokens.is_empty() {
            cur.tags = to_bio(&cur.tags);
            cur.doc_start = std::mem::take(next_opens);
            out.push(std::mem::take(cur));
        }
    };
    for line in text.lines() {
        let line = line.trim();
        if line.starts_with("-DOCSTART-") {
            flush(&mut cur, &mut next_opens);
            docstart = true;
            next_opens = true;
            continue;
        }
        if line.is_empty() {
            flush(&mut cur, &mut next_opens);
            continue;
        }
        let mut cols = line.split_whitespace();
        let token = cols.next().unwrap_or_default();
        let tag = cols.next_back().unwrap_or("O");
        cur.tokens.push(token.to_string());
        cur.tags.push(tag.replace("PERS", "PER"));
    }
    flush(&mut cur, &mut next_opens);
    if !docstart {
        mark_datelines(&mut out);
    }
    if let Some(first) = out.first_mut() {
        first.doc_start = true;
    }
    out
}

/// Is this a Reuters dateline: up to six tokens, the last an ISO date (`BRUSSELS 1996-08-22`)?
fn is_dateline(s: &Sentence) -> bool {
    let last = s.tokens.last().map_or("", String::as_str).as_bytes();
    s.tokens.len() <= 6
        && last.len() == 10
        && last.iter().enumerate().all(|(i, &c)| if i == 4 || i == 7 { c == b'-' } else { c.is_ascii_digit() })
}

/// Marks document starts in Reuters text without `-DOCSTART-`: each dateline's headline
/// (the sentence before it, or the one before a short byline between them).
pub fn mark_datelines(sents: &mut [Sentence]) {
    let mut last_start = 0;
    let mut last_dateline: Option<usize> = None;
    for d in 1..sents.len() {
        if !is_dateline(&sents[d]) {
            continue;
        }
        let prev_dateline = last_dateline.replace(d);
        let mut start = d - 1;
        let byline = |s: &Sentence| {
            s.tokens.len() <= 4
                && s.tokens.last().is_some_and(|t| t != ".")
                && s.tokens.iter().all(|t| t.chars().next().is_some_and(char::is_uppercase))
        };
        if start >= 1 && prev_dateline.map_or(true, |p| start - 1 > p) && byline(&sents[start]) {
            start -= 1;
        }
        if start > last_start || start == 0 {
            sents[start].doc_start = true;
            last_start = start;
        }
    }
}

/// Marks a document start every `n` sentences, for corpora without document boundaries.
pub fn chunk_documents(sents: &mut [Sentence], n: usize) {
    for (i, s) in sents.iter_mut().enumerate() {
        s.doc_start = i % n.max(1) == 0;
    }
}

/// Splits a tag into its prefix (`B`, `I` or `O`) and type.
pub fn split_tag(tag: &str) -> (char, &str) {
    match tag.split_once('-') {
        Some((p, t)) if p == "B" || p == "I" => (p.chars().next().unwrap_or('O'), t),
        _ => ('O', ""),
    }
}

/// IOB1 or loose BIO to strict BIO: an `I-X` that does not continue an `X` chunk becomes `B-X`.
pub fn to_bio<S: AsRef<str>>(tags: &[S]) -> Vec<String> {
    let mut prev_type = "";
    tags.iter()
        .map(|t| {
            let (p, ty) = split_tag(t.as_ref());
            let out = match p {
                'I' if prev_type != ty => format!("B-{ty}"),
                'O' => "O".to_string(),
                _ => format!("{p}-{ty}"),
            };
            prev_type = if p == 'O' { "" } else { ty };
            out
        })
        .collect()
}

/// Chunks of a tag sequence as `conlleval` sees them: `(first token, end token exclusive,
/// type)`. A chunk starts at `B-X`, or at `I-X` after `O` or another type, and runs while
/// `I-X` follows.
pub fn spans<S: AsRef<str>>(tags: &[S]) -> Vec<(usize, usize, String)> {
    let mut out = Vec::new();
    let mut open: Option<(usize, &str)> = None;
    for (i, t) in tags.iter().enumerate() {
        let (p, ty) = split_tag(t.as_ref());
        let continues = p == 'I' && open.is_some_and(|(_, o)| o == ty);
        if !continues {
            if let Some((s, o)) = open.take() {
                out.push((s, i, o.to_string()));
            }
            if p != 'O' {
                open = Some((i, ty));
            }
        }
    }
    if let Some((s, o)) = open {
        out.push((s, tags.len(), o.to_string()));
    }
    out
}

/// Exact-span counts per type.
#[derive(Debug, Clone, Default)]
pub struct Scores {
    /// type -> (true positives, predicted, gold)
    pub per_type: BTreeMap<String, (usize, usize, usize)>,
}

/// Precision, recall and F1 of one row.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Prf {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    pub gold: usize,
    pub predicted: usize,
}

fn prf(tp: usize, pred: usize, gold: usize) -> Prf {
    let p = if pred == 0 { 0.0 } else { tp as f64 / pred as f64 };
    let r = if gold == 0 { 0.0 } else { tp as f64 / gold as f64 };
    let f1 = if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) };
    Prf { precision: p, recall: r, f1, gold, predicted: pred }
}

impl Scores {
    /// Adds one sentence: gold and predicted tags of the same tokens.
    pub fn add<S: AsRef<str>, T: AsRef<str>>(&mut self, gold: &[S], predicted: &[T]) {
        let g = spans(gold);
        let p = spans(predicted);
        for (_, _, ty) in &g {
            self.per_type.entry(ty.clone()).or_default().2 += 1;
        }
        for span in &p {
            let e = self.per_type.entry(span.2.clone()).or_default();
            e.1 += 1;
            if g.contains(span) {
                e.0 += 1;
            }
        }
    }

    /// Precision, recall and F1 of one type.
    pub fn label(&self, ty: &str) -> Prf {
        let (tp, pred, gold) = self.per_type.get(ty).copied().unwrap_or_default();
        prf(tp, pred, gold)
    }

    /// Micro-averaged precision, recall and F1 over all types.
    pub fn micro(&self) -> Prf {
        let (tp, pred, gold) = self.per_type.values().fold((0, 0, 0), |a, b| (a.0 + b.0, a.1 + b.1, a.2 + b.2));
        prf(tp, pred, gold)
    }

    /// A `conlleval`-like table: one row per type, then the micro average.
    pub fn table(&self) -> String {
        let mut s =
            format!("{:<8} {:>9} {:>9} {:>9} {:>7} {:>7}\n", "label", "precision", "recall", "f1", "gold", "pred");
        let row = |name: &str, r: Prf| {
            format!(
                "{:<8} {:>9.4} {:>9.4} {:>9.4} {:>7} {:>7}\n",
                name, r.precision, r.recall, r.f1, r.gold, r.predicted
            )
        };
        for ty in self.per_type.keys() {
            s += &row(ty, self.label(ty));
        }
        s += &row("micro", self.micro());
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conll_to_bio_repairs_iob1() {
        let cases: &[(&[&str], &[&str])] = &[
            (&["I-ORG", "I-ORG", "O"], &["B-ORG", "I-ORG", "O"]),
            (&["I-PER", "B-PER", "I-LOC"], &["B-PER", "B-PER", "B-LOC"]),
            (&["O", "B-MISC", "I-MISC"], &["O", "B-MISC", "I-MISC"]),
        ];
        for (input, want) in cases {
            assert_eq!(to_bio(input), *want, "{input:?}");
        }
    }

    #[test]
    fn conll_documents_from_datelines() {
        let text = "EU x O\nrejects x O\n\nPeter x B-PER\n\nBRUSSELS x B-LOC\n1996-08-22 x O\n\nThe x O\n\n\
                    Rare x O\n.\tx O\n\nLONDON x B-LOC\n1996-08-22 x O\n\nA x O\n";
        let s = read(text);
        let starts: Vec<bool> = s.iter().map(|s| s.doc_start).collect();
        assert_eq!(starts, [true, false, false, false, true, false, false]);
        let with_docstart = read("-DOCSTART- -X- O O\n\nA x O\n\nB x O\n\n-DOCSTART- -X- O O\n\nC x O\n");
        assert_eq!(with_docstart.iter().map(|s| s.doc_start).collect::<Vec<_>>(), [true, false, true]);
    }

    #[test]
    fn conll_spans_follow_conlleval() {
        let tags = ["B-PER", "I-PER", "I-LOC", "O", "I-ORG", "B-ORG", "I-ORG"];
        let got = spans(&tags);
        assert_eq!(got, [(0, 2, "PER".to_string()), (2, 3, "LOC".into()), (4, 5, "ORG".into()), (5, 7, "ORG".into())]);
    }

    #[test]
    fn conll_scores_exact_spans() {
        let mut s = Scores::default();
        s.add(&["B-PER", "I-PER", "O", "B-LOC"], &["B-PER", "O", "O", "B-LOC"]);
        assert_eq!(s.label("LOC").f1, 1.0);
        assert_eq!(s.label("PER").f1, 0.0);
        assert!((s.micro().f1 - 0.5).abs() < 1e-9);
    }
}
