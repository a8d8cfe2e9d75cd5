//! A frozen copy of the knowledge base's names, for the Arabic tagger's features.
//!
//! The tagger's knowledge-base features (the label and kind of a [`Kb::find`] hit at each
//! token, and the consonant skeletons of one-word names, [`features::skeleton_map`]) were
//! read from the shipped knowledge base, which grows for the rest of the pipeline (cities,
//! companies, groups). A model trained on one version then saw different features on the
//! next, and a retrained model could not be compared with the last one on the same
//! footing. A snapshot freezes the names a model is trained with:
//! it is stored in the model file, and the model reads its features from it at run time,
//! whatever the shipped knowledge base holds by then. The pipeline's own knowledge-base
//! matches (typing, identifiers) still come from the live one.
//!
//! The snapshot holds the knowledge base's names in every language, not only the Arabic
//! ones: [`Kb::find`] runs over the whole Arabic text, so the Latin-script names in it
//! (`BBC`, `Berlin` in ANERcorp) had hits as well when a model was trained on the
//! live knowledge base. A snapshot of the Arabic names alone took those hits away: the
//! 3.0.0 file then read other features at run time than it was trained with, and the
//! same recipe retrained with that snapshot gave other weights (seed 1: 0.7449 against
//! 0.7519 on the held-out tenth). With every name, it retrains 3.0.0 byte for byte.
//! Consonant skeletons stay a feature of Arabic spellings: only names written in Arabic
//! letters give one, as the shipped knowledge base's Arabic names do.
//!
//! File format (`python/newsframe/data/gazetteers/ar_kb.tsv.gz`, written by
//! `scripts/snapshot_kb_ar.py`): gzipped or plain TSV, no header,
//! `alias<TAB>label<TAB>id`, in the order of the knowledge base's `aliases.tsv` (an alias
//! two entities share goes to the better-ranked one, then the first, as in [`Kb::build`]).

use super::features::{self, U64Map};
use crate::kb::Kb;

/// Arabic knowledge-base names: rows as stored in the model file, the matcher and the
/// skeleton lookup built from them.
#[derive(Debug, Clone)]
pub struct KbSnapshot {
    rows: Vec<(String, String, String)>,
    kb: Kb,
    skeletons: U64Map<u8>,
}

impl KbSnapshot {
    /// A snapshot of `rows` (alias, label, id).
    pub fn from_rows(rows: Vec<(String, String, String)>) -> Result<KbSnapshot, String> {
        let kb = Kb::from_aliases(&rows).map_err(|e| format!("kb snapshot: {e}"))?;
        let skeletons = features::skeleton_map(
            rows.iter()
                .filter(|(a, _, _)| a.chars().any(crate::text::arabic::is_arabic_letter))
                .map(|(a, l, _)| (a.as_str(), l.as_str())),
        );
        Ok(KbSnapshot { rows, kb, skeletons })
    }

    /// Reads the TSV described in the module documentation, gzipped or not.
    pub fn read_tsv(bytes: &[u8]) -> Result<KbSnapshot, String> {
        let text = crate::text::gzip_or_plain_text(bytes).map_err(|e| format!("kb snapshot: {e}"))?;
        let mut rows = Vec::new();
        for (n, line) in crate::text::data_lines(&text) {
            let mut cols = line.split('\t');
            let (Some(alias), Some(label), Some(id)) = (cols.next(), cols.next(), cols.next()) else {
                return Err(format!("kb snapshot line {}: expected alias<TAB>label<TAB>id", n + 1));
            };
            rows.push((alias.to_string(), label.to_string(), id.to_string()));
        }
        KbSnapshot::from_rows(rows)
    }

    /// The rows, in file order: what the model file stores.
    pub fn rows(&self) -> &[(String, String, String)] {
        &self.rows
    }

    pub fn kb(&self) -> &Kb {
        &self.kb
    }

    /// Label code of a consonant skeleton ([`features::skeleton_hash`]), 0 = none.
    pub fn skeleton(&self, h: u64) -> u8 {
        self.skeletons.get(&h).copied().unwrap_or(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Latin-script names are matched in Arabic text, as the live knowledge base matches
    /// them, but give no consonant skeleton (a Latin name's letters would make one).
    #[test]
    fn kb_snapshot_latin_names_match_without_skeletons() {
        let rows: Vec<(String, String, String)> = [("Zamrudistan", "GPE", "test:z"), ("زمردستان", "GPE", "test:z")]
            .iter()
            .map(|&(a, l, i)| (a.to_string(), l.to_string(), i.to_string()))
            .collect();
        let snap = KbSnapshot::from_rows(rows).unwrap();
        let text = "قال مراسل في Zamrudistan وفي زمردستان";
        let found: Vec<&str> = snap.kb().find(text).iter().map(|m| &text[m.start..m.end]).collect();
        assert_eq!(found, ["Zamrudistan", "زمردستان"]);
        let latin = features::skeleton_hash("zamrudistan".chars()).expect("long enough for a skeleton");
        assert_eq!(snap.skeleton(latin), 0);
        let arabic = features::skeleton_hash("زمردستان".chars()).expect("long enough for a skeleton");
        assert_eq!(snap.skeleton(arabic), 3);
    }
}
