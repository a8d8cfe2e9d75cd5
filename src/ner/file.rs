//! The model file: gzip-compressed JSON ([`Model::save`], [`Model::load`]).
//!
//! Apart from the model's logic because the format is a contract with the files shipped in
//! `python/newsframe/data/models/` and with users' trained models: a change here must keep
//! old files loading.

use super::*;

/// Identifies the file format.
pub(super) const FORMAT: &str = "newsframe-ner";
pub(super) const FORMAT_VERSION: u32 = 1;

#[derive(Serialize, Deserialize)]
pub(super) struct HashParams {
    scheme: String,
    bits: u32,
}

#[derive(Serialize, Deserialize)]
pub(super) struct ModelFile {
    format: String,
    format_version: u32,
    version: String,
    lang: String,
    hash: HashParams,
    labels: Vec<String>,
    /// Real weight = stored weight × scale.
    scale: f32,
    margin_scale: f32,
    /// Kept buckets, delta-encoded (first absolute, then differences).
    buckets: Vec<u32>,
    /// `labels.len()` weights per kept bucket, in bucket order.
    weights: Vec<i16>,
    dict: Vec<(String, u8)>,
    dict_stem: Vec<(String, u8)>,
    entity_vocab: Vec<String>,
    /// Word clusters: (normalised word or Arabic stem, coarse, fine).
    #[serde(default)]
    clusters: Vec<(String, u16, u16)>,
    /// Arabic name lists: (normalised entry, code: type bits PER/ORG/LOC, then their
    /// "strong" bits).
    #[serde(default)]
    gazetteer: Vec<(String, u8)>,
    /// Arabic: knowledge-base names the features read, (alias, label, id) (absent: the
    /// shipped knowledge base; see [`super::kb_snapshot`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    kb_snapshot: Option<Vec<(String, String, String)>>,
    /// How the model decodes (absent: greedy, as files before it had).
    #[serde(default, skip_serializing_if = "Decoder::is_greedy")]
    decoder: Decoder,
    /// External word clusters (absent when the model has none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    ext_clusters: Option<ExtClusterFile>,
    training: TrainInfo,
}

/// External clusters in a model file: `levels` ids (cluster id + 1) per word, words sorted.
#[derive(Serialize, Deserialize)]
pub(super) struct ExtClusterFile {
    levels: usize,
    words: Vec<String>,
    ids: Vec<u32>,
}

impl Model {
    /// The model file: gzip-compressed JSON with `format`, `format_version`, `version`,
    /// `lang`, `hash` (`scheme`, `bits`), `labels`, `scale` (real weight = stored × scale),
    /// `margin_scale`, `buckets` (kept bucket ids, delta-encoded), `weights` (one `i16` per
    /// label per kept bucket), the tag dictionaries `dict`/`dict_stem` (normalised word,
    /// code), `entity_vocab` (Arabic) and `training` (provenance). Byte-identical for equal
    /// models.
    pub fn save(&self) -> Vec<u8> {
        let (buckets, weights) = self.table.to_sparse();
        let mut prev = 0u32;
        let deltas = buckets
            .iter()
            .map(|&b| {
                let d = b - prev;
                prev = b;
                d
            })
            .collect();
        let file = ModelFile {
            format: FORMAT.into(),
            format_version: FORMAT_VERSION,
            version: self.version.clone(),
            lang: self.lang.clone(),
            hash: HashParams { scheme: features::scheme(self.arabic).into(), bits: self.bits },
            labels: TAGS.iter().map(|t| t.to_string()).collect(),
            scale: self.table.scale,
            margin_scale: self.margin_scale,
            buckets: deltas,
            weights,
            dict: self.dict_words.clone(),
            dict_stem: self.dict_stems.clone(),
            entity_vocab: self.entity_vocab.clone(),
            clusters: self.cluster_rows.clone(),
            gazetteer: self.gazetteer.rows().to_vec(),
            kb_snapshot: self.kb_snapshot.as_ref().map(|k| k.rows().to_vec()),
            decoder: self.decoder,
            ext_clusters: (!self.ext_clusters.is_empty()).then(|| ExtClusterFile {
                levels: self.ext_clusters.levels,
                words: self.ext_clusters.words.clone(),
                ids: self.ext_clusters.ids.clone(),
            }),
            training: self.training.clone(),
        };
        let json = serde_json::to_vec(&file).expect("model serialises");
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        gz.write_all(&json).expect("write to memory");
        gz.finish().expect("write to memory")
    }

    /// Reads a model file written by [`Model::save`].
    pub fn load(bytes: &[u8]) -> Result<Model, Error> {
        let bad = |m: String| Error::Config(format!("NER model: {m}"));
        let mut json = Vec::new();
        flate2::read::GzDecoder::new(bytes).read_to_end(&mut json).map_err(|e| bad(format!("not gzip: {e}")))?;
        let f: ModelFile = serde_json::from_slice(&json).map_err(|e| bad(format!("bad JSON: {e}")))?;
        if f.format != FORMAT || f.format_version != FORMAT_VERSION {
            return Err(bad(format!(
                "format {:?} v{} is not {FORMAT:?} v{FORMAT_VERSION}",
                f.format, f.format_version
            )));
        }
        let scheme = features::scheme(f.lang == "ar");
        if f.hash.scheme != scheme || !(10..=30).contains(&f.hash.bits) {
            return Err(bad(format!(
                "feature scheme {:?} with {} bits; this build reads {scheme:?} for {:?} models",
                f.hash.scheme, f.hash.bits, f.lang
            )));
        }
        if f.labels.iter().map(String::as_str).ne(TAGS.iter().copied()) {
            return Err(bad(format!("labels {:?} are not {TAGS:?}", f.labels)));
        }
        if f.buckets.len() * NT != f.weights.len() {
            return Err(bad("weights do not match buckets".into()));
        }
        let mut buckets = Vec::with_capacity(f.buckets.len());
        let mut b = 0u64;
        for (i, &d) in f.buckets.iter().enumerate() {
            b += d as u64;
            if (i > 0 && d == 0) || b >> f.hash.bits != 0 {
                return Err(bad("bucket ids out of order or range".into()));
            }
            buckets.push(b as u32);
        }
        if !(f.scale.is_finite() && f.scale > 0.0 && f.margin_scale.is_finite() && f.margin_scale > 0.0) {
            return Err(bad("bad scale".into()));
        }
        let ext_clusters = match f.ext_clusters {
            None => clusters::External::default(),
            Some(e) => {
                if !(1..=XCL_LEVELS).contains(&e.levels) || e.words.len() * e.levels != e.ids.len() {
                    return Err(bad("external clusters: ids do not match words and levels".into()));
                }
                clusters::External { levels: e.levels, words: e.words, ids: e.ids }
            }
        };
        let kb_snapshot = f.kb_snapshot.map(super::kb_snapshot::KbSnapshot::from_rows).transpose().map_err(bad)?;
        let opts = TrainOptions {
            lang: f.lang,
            version: f.version,
            hash_bits: f.hash.bits,
            decoder: Some(f.decoder),
            ..TrainOptions::default()
        };
        Ok(Model::assemble(
            &opts,
            Table::from_sparse(f.hash.bits, &buckets, &f.weights, f.scale),
            f.margin_scale,
            f.dict,
            f.dict_stem,
            f.entity_vocab,
            f.clusters,
            f.gazetteer,
            kb_snapshot,
            ext_clusters,
            f.training,
        ))
    }
}
