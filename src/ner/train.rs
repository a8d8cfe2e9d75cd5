//! Training: the structured perceptron over documents, the jackknifed tag dictionaries it
//! reads, and [`train_conll`], the entry point of `python -m newsframe.train`.
//!
//! Apart from tagging because processing documents never calls it.

use super::*;

/// Dictionary code of tag counts: 0 when seen fewer than `min` times, else
/// 1 + 2 × most frequent tag + (that tag's share ≥ `share`).
pub(super) fn dict_code(counts: &[u32; NT], min: u32, share: f64) -> u8 {
    let total: u32 = counts.iter().sum();
    if total < min || total == 0 {
        return 0;
    }
    let (best, &n) = counts.iter().enumerate().fold((0, &0), |a, b| if b.1 > a.1 { b } else { a });
    1 + 2 * best as u8 + (n as f64 >= share * total as f64) as u8
}

/// Tag counts per normalised word (and per Arabic stem), overall and per jackknife fold.
pub(super) struct DictCounts {
    min: u32,
    share: f64,
    total: U64Map<[u32; NT]>,
    folds: Vec<U64Map<[u32; NT]>>,
    total_stem: U64Map<[u32; NT]>,
    folds_stem: Vec<U64Map<[u32; NT]>>,
}

/// The dictionaries a training sentence in fold `fold` sees: all counts but its fold's.
pub(super) struct FoldDicts<'a> {
    counts: &'a DictCounts,
    fold: usize,
    cluster: &'a U64Map<[u16; 2]>,
    ext_cluster: &'a U64Map<[u32; XCL_LEVELS]>,
    kb_snapshot: Option<&'a kb_snapshot::KbSnapshot>,
}

pub(super) fn held_out(total: &U64Map<[u32; NT]>, fold: &U64Map<[u32; NT]>, h: u64, min: u32, share: f64) -> u64 {
    let Some(t) = total.get(&h) else { return 0 };
    let mut c = *t;
    if let Some(f) = fold.get(&h) {
        for k in 0..NT {
            c[k] -= f[k];
        }
    }
    dict_code(&c, min, share) as u64
}

/// What the first pass hands on per sentence: its tokens, tags and history features.
type SentenceSink<'a> = dyn FnMut(&[Tok], &[u8], &[u32]) + 'a;

impl Dicts for FoldDicts<'_> {
    fn word(&self, h: u64) -> u64 {
        held_out(&self.counts.total, &self.counts.folds[self.fold], h, self.counts.min, self.counts.share)
    }
    fn stem(&self, h: u64) -> u64 {
        held_out(&self.counts.total_stem, &self.counts.folds_stem[self.fold], h, self.counts.min, self.counts.share)
    }
    fn cluster(&self, h: u64) -> [u16; 2] {
        self.cluster.get(&h).copied().unwrap_or_default()
    }
    fn ext_cluster(&self, h: u64) -> [u32; XCL_LEVELS] {
        self.ext_cluster.get(&h).copied().unwrap_or_default()
    }
    fn skeleton(&self, h: u64) -> u8 {
        match self.kb_snapshot {
            Some(k) => k.skeleton(h),
            None => features::skeleton_gazetteer().get(&h).copied().unwrap_or(0),
        }
    }
}

impl Model {
    /// Trains a model on `sentences` (see [`TrainOptions`]).
    ///
    /// # Panics
    /// If a tag is not one of `O`, `B-`/`I-` × `PER ORG LOC MISC` (normalise with
    /// [`conll::to_bio`] first), or tokens and tags differ in length.
    pub fn train(sentences: &[Sentence], opts: &TrainOptions) -> Model {
        Model::train_with(sentences, opts, &mut |_, _| {})
    }

    /// [`Model::train`], calling `on_epoch(epoch, &model_so_far)` after each epoch (for
    /// progress and development scores).
    pub fn train_with(sentences: &[Sentence], opts: &TrainOptions, on_epoch: &mut dyn FnMut(usize, &Model)) -> Model {
        assert!((10..=30).contains(&opts.hash_bits), "hash_bits must be in 10..=30");
        let arabic = opts.lang == "ar";
        let snapshot = opts.kb_snapshot.as_ref().filter(|_| arabic);
        let kb: &Kb = match snapshot {
            Some(k) => k.kb(),
            None => Kb::builtin(),
        };
        let bits = opts.hash_bits;
        let gold: Vec<Vec<u8>> = sentences
            .iter()
            .map(|s| {
                assert_eq!(s.tokens.len(), s.tags.len(), "tokens and tags differ in length");
                s.tags.iter().map(|t| tag_index(t).unwrap_or_else(|| panic!("unknown tag {t:?}")) as u8).collect()
            })
            .collect();

        // Tag dictionary counts, overall and per contiguous fold of sentences.
        let folds = opts.dict_folds.max(2);
        // Machine-tagged sentences (self-training) come after the gold ones; they count
        // nowhere and see every count, through the empty fold `folds`.
        let n_gold = opts.pseudo_from.map_or(sentences.len(), |p| p.min(sentences.len()));
        let fold_of = |i: usize| if i >= n_gold { folds } else { i * folds / n_gold.max(1) };
        let mut counts = DictCounts {
            min: opts.dict_min_count,
            share: opts.dict_share,
            total: U64Map::default(),
            folds: vec![U64Map::default(); folds + 1],
            total_stem: U64Map::default(),
            folds_stem: vec![U64Map::default(); folds + 1],
        };
        let mut names: U64Map<String> = U64Map::default();
        let mut stem_names: U64Map<String> = U64Map::default();
        let mut entity_set: HashSet<String> = HashSet::new();
        for (i, (s, g)) in sentences.iter().zip(&gold).enumerate().take(n_gold) {
            let f = fold_of(i);
            for (tok, &tag) in s.tokens.iter().zip(g) {
                let h = norm_hash(tok);
                names.entry(h).or_insert_with(|| norm_string(tok));
                counts.total.entry(h).or_default()[tag as usize] += 1;
                counts.folds[f].entry(h).or_default()[tag as usize] += 1;
                if let Some(stem) = features::arabic_stem(tok, arabic) {
                    let hs = norm_hash(stem);
                    stem_names.entry(hs).or_insert_with(|| norm_string(stem));
                    counts.total_stem.entry(hs).or_default()[tag as usize] += 1;
                    counts.folds_stem[f].entry(hs).or_default()[tag as usize] += 1;
                }
                if arabic && tag != 0 {
                    entity_set.insert(norm_string(tok));
                }
            }
        }
        let sorted_dict = |total: &U64Map<[u32; NT]>, names: &U64Map<String>| {
            let mut v: Vec<(String, u8)> = total
                .iter()
                .filter_map(|(h, c)| {
                    let code = dict_code(c, opts.dict_min_count, opts.dict_share);
                    (code != 0).then(|| (names[h].clone(), code))
                })
                .collect();
            v.sort();
            v.dedup_by(|a, b| a.0 == b.0);
            v
        };
        let dict_words = sorted_dict(&counts.total, &names);
        let dict_stems = sorted_dict(&counts.total_stem, &stem_names);
        let mut entity_vocab: Vec<String> = entity_set.into_iter().collect();
        entity_vocab.sort();
        // Clusters from the tokens alone: unlabelled text. A small training file has too
        // few contexts per word for them to mean anything (and a few hundred sentences of
        // one pattern would make every word its own cluster), so none are derived.
        let n_tokens: usize = sentences[..n_gold].iter().map(|s| s.tokens.len()).sum();
        let cluster_rows = opts.clusters.filter(|_| n_tokens >= MIN_CLUSTER_TOKENS).map_or_else(Vec::new, |c| {
            let toks: Vec<&[String]> = sentences[..n_gold].iter().map(|s| s.tokens.as_slice()).collect();
            clusters::derive(&toks, arabic, &c)
        });
        let cluster_map = cluster_map(&cluster_rows);
        let gz = if arabic { opts.gazetteer.clone().unwrap_or_default() } else { gazetteer::Gazetteer::default() };
        let ext_clusters = opts.external_clusters.clone().unwrap_or_default();
        let ext_map = ext_cluster_map(&ext_clusters);
        let n_sentences = sentences.len();
        let n_docs = sentences.iter().enumerate().filter(|(i, s)| *i == 0 || s.doc_start).count();
        // Case copies: some documents again in capitals and in lower case, so that the
        // model learns to tag headlines and text written without case. A copy keeps its
        // original's dictionary fold.
        let case_every = opts.case_copies;
        let mut orig_of: Vec<usize> = (0..sentences.len()).collect();
        let mut copies: Vec<Sentence> = Vec::new();
        if case_every > 0 && !arabic {
            let mut doc = 0usize;
            let mut starts = Vec::new();
            for (i, s) in sentences.iter().enumerate() {
                if i > 0 && s.doc_start {
                    doc += 1;
                }
                starts.push(doc);
            }
            for (variant, upper) in [(0usize, true), (1, false)] {
                let mut last_doc = usize::MAX;
                for (i, s) in sentences.iter().enumerate() {
                    if starts[i] % case_every != variant {
                        continue;
                    }
                    let tokens = s.tokens.iter().map(|t| if upper { t.to_uppercase() } else { t.to_lowercase() }).collect();
                    copies.push(Sentence { tokens, tags: s.tags.clone(), doc_start: starts[i] != last_doc });
                    last_doc = starts[i];
                    orig_of.push(i);
                }
            }
        }
        let gold: Vec<Vec<u8>> = gold.iter().cloned().chain(orig_of[sentences.len()..].iter().map(|&i| gold[i].clone())).collect();
        let all_sents: Vec<&Sentence> = sentences.iter().chain(&copies).collect();
        let sentences = &all_sents[..];

        // Documents: runs of sentences from one `doc_start` to the next.
        let mut docs: Vec<Range<usize>> = Vec::new();
        for (i, sent) in sentences.iter().enumerate() {
            if i == 0 || sent.doc_start {
                docs.push(i..i + 1);
            } else if let Some(d) = docs.last_mut() {
                d.end = i + 1;
            }
        }

        // Static features of every training token, computed once.
        let mut all_toks: Vec<Vec<Tok>> = Vec::with_capacity(sentences.len());
        let mut feats: Vec<u32> = Vec::new();
        let mut offsets: Vec<Vec<u32>> = Vec::with_capacity(sentences.len());
        let mut doc_case = features::DocCase::default();
        let mut agg = features::DocContext::default();
        for d in &docs {
            doc_case.clear();
            agg.clear();
            let first = all_toks.len();
            for i in d.clone() {
                let dicts = FoldDicts {
                    counts: &counts,
                    fold: fold_of(orig_of[i]),
                    cluster: &cluster_map,
                    ext_cluster: &ext_map,
                    kb_snapshot: snapshot,
                };
                let toks = sentence_atoms(&sentences[i].tokens, arabic, &dicts, kb, &gz);
                doc_case.count(&toks);
                agg.count(&toks, arabic);
                all_toks.push(toks);
            }
            for toks in &mut all_toks[first..] {
                doc_case.apply(toks, arabic);
                let ctx = features::sent_ctx(toks);
                let mut off = Vec::with_capacity(toks.len() + 1);
                off.push(feats.len() as u32);
                for j in 0..toks.len() {
                    features::static_features(toks, j, ctx, arabic, bits, &mut feats);
                    agg.features(&toks[j], bits, &mut feats);
                    off.push(feats.len() as u32);
                }
                offsets.push(off);
            }
        }

        let training = TrainInfo {
            epochs: opts.epochs,
            seed: opts.seed,
            sentences: n_sentences,
            documents: n_docs,
            tokens: n_tokens,
            prune: opts.prune,
            dict_min_count: opts.dict_min_count,
            dict_share: opts.dict_share,
            members: opts.members.max(1),
            cost: opts.cost,
        };
        let finish = |avg: &[f32], margin_scale: f32| {
            Model::assemble(
                opts,
                Table::from_dense(avg, opts.prune),
                margin_scale,
                dict_words.clone(),
                dict_stems.clone(),
                entity_vocab.clone(),
                cluster_rows.clone(),
                gz.rows().to_vec(),
                snapshot.cloned(),
                ext_clusters.clone(),
                training.clone(),
            )
        };

        let decoder = opts.decoder.unwrap_or_else(|| Decoder::for_lang(&opts.lang));
        assert!(opts.pseudo_from.is_none() || decoder == Decoder::Viterbi, "self-training needs the Viterbi decoder");
        let mut w = Trainer::new(bits);
        let mut rng = XorShift::new(opts.seed);
        let mut order: Vec<usize> = (0..docs.len()).collect();
        let mut history = features::History::default();
        let mut hist_feats: Vec<u32> = Vec::new();
        let mut pred: Vec<u8> = Vec::new();
        let mut scored: Vec<bool> = Vec::new();
        let mut margins: Vec<f32> = Vec::new();
        let mut lattice = Lattice::default();
        let (mut fg, mut fp) = (Vec::new(), Vec::new());
        let nh = features::N_HIST_FEATURES;
        // Document context (Arabic): each document is tagged once without updates (the
        // first pass, as decoding does), then again with the first pass's labels of the
        // other occurrences of each stem, and that second pass learns.
        let two_pass = two_pass(arabic, decoder);
        let nd = if two_pass { context::N_FEATURES } else { 0 };
        let mut doc_labels = context::DocLabels::default();
        let mut first_tags: Vec<Vec<u8>> = Vec::new();
        let mut first_hist: Vec<Vec<u32>> = Vec::new();
        let mut codes: Vec<u8> = Vec::new();
        let mut doc_feats: Vec<u32> = Vec::new();
        // Stacking: fold model k learns every document outside contiguous fold k and tags
        // the first pass of the documents inside it, which it has never seen. Its raw
        // (not averaged) weights tag: on the dev split, the averaged weights of the
        // previous epoch gave 0.7538 against 0.7626 (means of seeds 1-3).
        let n_folds = if two_pass && opts.doc_folds >= 2 { opts.doc_folds.min(docs.len()) } else { 0 };
        let mut fold_w: Vec<Trainer> = (0..n_folds).map(|_| Trainer::new(bits)).collect();
        let fold_of_doc = |di: usize| (n_folds > 0).then(|| di * n_folds / docs.len());
        let mut fold_pred: Vec<u8> = Vec::new();
        // Greedy tagging of one sentence into `pred`, learning from `gold` when given.
        let tag_sentence = |w: &mut Trainer,
                                si: usize,
                                hist_feats: &[u32],
                                doc_feats: &[u32],
                                learn: bool,
                                pred: &mut Vec<u8>| {
            let toks = &all_toks[si];
            let off = &offsets[si];
            if decoder == Decoder::Viterbi {
                // The first pass of a Viterbi model with document context: decoded as the
                // model decodes, never learnt from (stacked folds are greedy only).
                assert!(!learn, "--doc-folds needs the greedy decoder");
                let lower = features::sent_ctx(toks).lower;
                let (mut lattice, mut scored, mut margins) = (Lattice::default(), Vec::new(), Vec::new());
                let stat_of = |j: usize| {
                    feats[off[j] as usize..off[j + 1] as usize]
                        .iter()
                        .chain(&hist_feats[j * nh..(j + 1) * nh])
                        .chain(&doc_feats[j * nd..(j + 1) * nd])
                };
                viterbi_sentence(&*w, toks, arabic, lower, bits, stat_of, None, &mut lattice, pred, &mut scored, &mut margins);
                return;
            }
            pred.clear();
            let (mut p1, mut p2) = (features::START_TAG, features::START_TAG);
            for (j, t) in toks.iter().enumerate() {
                if (p1 == 0 || p1 == features::START_TAG) && features::skippable(t, arabic) {
                    // Decoding tags it O unseen; so does training.
                    pred.push(0);
                    p2 = p1;
                    p1 = 0;
                    continue;
                }
                let stat = &feats[off[j] as usize..off[j + 1] as usize];
                let hist = &hist_feats[j * nh..(j + 1) * nh];
                let doc = &doc_feats[j * nd..(j + 1) * nd];
                let tf = features::tag_features(t, p1, p2, bits);
                let mut acc = [0f32; NT];
                for &f in stat.iter().chain(hist).chain(doc).chain(&tf) {
                    w.add(f, &mut acc);
                }
                let (guess, _) = top2(&acc);
                if learn {
                    let truth = gold[si][j] as usize;
                    if guess != truth {
                        w.update(stat, truth, guess);
                        w.update(hist, truth, guess);
                        w.update(doc, truth, guess);
                        w.update(&tf, truth, guess);
                    }
                    w.tick();
                }
                pred.push(guess as u8);
                p2 = p1;
                p1 = guess as u64;
            }
        };
        let doc_features = |toks: &[Tok], codes: &[u8], out: &mut Vec<u32>| {
            out.clear();
            if two_pass {
                for j in 0..toks.len() {
                    context::features(toks, codes, j, bits, out);
                }
            }
        };
        // The first pass over document `di` (history features, then greedy tags, sentence by
        // sentence) with weights `w`, learning when `learn`; `each` sees every sentence's
        // tokens, tags and history features.
        #[allow(clippy::too_many_arguments)]
        let first_pass = |w: &mut Trainer,
                          di: usize,
                          learn: bool,
                          history: &mut features::History,
                          hist_feats: &mut Vec<u32>,
                          doc_feats: &mut Vec<u32>,
                          pred: &mut Vec<u8>,
                          each: &mut SentenceSink<'_>| {
            history.clear();
            for si in docs[di].clone() {
                let toks = &all_toks[si];
                hist_feats.clear();
                for t in toks {
                    history.features(t, bits, hist_feats);
                }
                doc_features(toks, &[], doc_feats);
                tag_sentence(w, si, hist_feats, doc_feats, learn, pred);
                history.record(toks, pred);
                each(toks, pred, hist_feats);
            }
        };
        // An ensemble folded into one weight table: each member trains from zero on the
        // shuffles that follow the previous member's, and the members' averaged weights are
        // averaged; member 0 is the single model of the seed.
        let members = opts.members.max(1);
        let mut sum: Vec<f32> = Vec::new();
        // The mean of the finished members' weights and `w`'s.
        let ensemble = |sum: &[f32], w: &Trainer, done: usize| -> Vec<f32> {
            let mut avg = w.averaged();
            if done > 0 {
                let n = (done + 1) as f32;
                avg.iter_mut().zip(sum).for_each(|(a, s)| *a = (*a + s) / n);
            }
            avg
        };
        for member in 0..members {
            if member > 0 {
                w = Trainer::new(bits);
                fold_w = (0..n_folds).map(|_| Trainer::new(bits)).collect();
            }
            for epoch in 0..opts.epochs {
                rng.shuffle(&mut order);
                for &di in &order {
                    if two_pass {
                        let fold = fold_of_doc(di);
                        doc_labels.clear();
                        first_tags.clear();
                        first_hist.clear();
                        let first_w = match fold {
                            Some(f) => &mut fold_w[f],
                            None => &mut w,
                        };
                        first_pass(first_w, di, false, &mut history, &mut hist_feats, &mut doc_feats, &mut pred, &mut |toks, pred, hist| {
                            doc_labels.record(toks, pred);
                            first_tags.push(pred.to_vec());
                            first_hist.push(hist.to_vec());
                        });
                        if let Some(f) = fold {
                            // Every other fold's model learns this document.
                            for k in (0..n_folds).filter(|&k| k != f) {
                                let (h, hf, df, fp) = (&mut history, &mut hist_feats, &mut doc_feats, &mut fold_pred);
                                first_pass(&mut fold_w[k], di, true, h, hf, df, fp, &mut |_, _, _| {});
                            }
                        }
                    }
                    history.clear();
                    // A case copy (English) is weighed as its original.
                    let scale = if orig_of[docs[di].start] >= n_gold { opts.pseudo_weight } else { 1.0 };
                    for (n, si) in docs[di].clone().enumerate() {
                        let toks = &all_toks[si];
                        match decoder {
                            Decoder::Viterbi => {
                                let off = &offsets[si];
                                // With document context the second pass learns, with the first
                                // pass's history and labels, as decoding replays them.
                                let hist: &[u32] = if two_pass {
                                    doc_labels.codes(toks, &first_tags[n], &mut codes);
                                    doc_features(toks, &codes, &mut doc_feats);
                                    &first_hist[n]
                                } else {
                                    hist_feats.clear();
                                    for t in toks {
                                        history.features(t, bits, &mut hist_feats);
                                    }
                                    &hist_feats
                                };
                                let doc: &[u32] = if two_pass { &doc_feats } else { &[] };
                                // The features of token j that do not depend on the previous tag.
                                let stat_of = |j: usize| {
                                    feats[off[j] as usize..off[j + 1] as usize]
                                        .iter()
                                        .chain(&hist[j * nh..(j + 1) * nh])
                                        .chain(&doc[j * nd..(j + 1) * nd])
                                };
                                pred.clear();
                                let lower = features::sent_ctx(toks).lower;
                                let g = reachable_gold(&gold[si], toks, arabic, lower);
                                let cost = (opts.cost != [0.0; 2]).then_some((&g[..], opts.cost));
                                viterbi_sentence(&w, toks, arabic, lower, bits, &stat_of, cost, &mut lattice, &mut pred, &mut scored, &mut margins);
                                // Structured perceptron update: the gold path's features up,
                                // the predicted path's down, where the two differ. A token
                                // left unscored has no features on a path that tags it O.
                                let (mut pg, mut pp) = (features::START_TAG, features::START_TAG);
                                for j in 0..g.len() {
                                    let (yg, yp) = (g[j] as usize, pred[j] as usize);
                                    if (pg, yg) != (pp, yp) {
                                        for (p, y, buf, d) in [(pg, yg, &mut fg, scale), (pp, yp, &mut fp, -scale)] {
                                            if scored[j] || y != 0 {
                                                buf.clear();
                                                buf.extend(stat_of(j));
                                                buf.extend(features::tag_features1(&toks[j], p, bits));
                                                w.add_all(buf, y, d);
                                            }
                                        }
                                    }
                                    w.tick();
                                    pg = yg as u64;
                                    pp = yp as u64;
                                }
                                if !two_pass {
                                    history.record(toks, &pred);
                                }
                            }
                            Decoder::Greedy => {
                                if two_pass {
                                    doc_labels.codes(toks, &first_tags[n], &mut codes);
                                    doc_features(toks, &codes, &mut doc_feats);
                                    tag_sentence(&mut w, si, &first_hist[n], &doc_feats, true, &mut pred);
                                } else {
                                    hist_feats.clear();
                                    for t in toks {
                                        history.features(t, bits, &mut hist_feats);
                                    }
                                    doc_features(toks, &[], &mut doc_feats);
                                    tag_sentence(&mut w, si, &hist_feats, &doc_feats, true, &mut pred);
                                    history.record(toks, &pred);
                                }
                            }
                        }
                    }
                }
                if epoch + 1 < opts.epochs && member + 1 == members {
                    on_epoch(epoch + 1, &finish(&ensemble(&sum, &w, member), 1.0));
                }
            }
            let avg = w.averaged();
            if sum.is_empty() {
                sum = avg;
            } else {
                sum.iter_mut().zip(&avg).for_each(|(s, a)| *s += a);
            }
        }
        let n = members as f32;
        sum.iter_mut().for_each(|s| *s /= n);
        let mut model = finish(&sum, 1.0);
        let doc_toks: Vec<&[Vec<Tok>]> = docs.iter().map(|d| &all_toks[d.clone()]).collect();
        model.margin_scale = model.median_margin(&doc_toks);
        on_epoch(opts.epochs, &model);
        model
    }

    pub(super) fn assemble(
        opts: &TrainOptions,
        table: Table,
        margin_scale: f32,
        dict_words: Vec<(String, u8)>,
        dict_stems: Vec<(String, u8)>,
        entity_vocab: Vec<String>,
        cluster_rows: Vec<(String, u16, u16)>,
        gazetteer_rows: Vec<(String, u8)>,
        kb_snapshot: Option<kb_snapshot::KbSnapshot>,
        ext_clusters: clusters::External,
        training: TrainInfo,
    ) -> Model {
        let dict = dict_words.iter().map(|(w, c)| (norm_hash(w), *c as u64)).collect();
        let dict_stem = dict_stems.iter().map(|(w, c)| (norm_hash(w), *c as u64)).collect();
        let entity_set = entity_vocab.iter().cloned().collect();
        Model {
            id: next_model_id(),
            lang: opts.lang.clone(),
            version: opts.version.clone(),
            bits: opts.hash_bits,
            arabic: opts.lang == "ar",
            decoder: opts.decoder.unwrap_or_else(|| Decoder::for_lang(&opts.lang)),
            table,
            margin_scale,
            dict_words,
            dict_stems,
            dict,
            dict_stem,
            entity_vocab,
            entity_set,
            cluster: cluster_map(&cluster_rows),
            cluster_rows,
            gazetteer: gazetteer::Gazetteer::from_rows(gazetteer_rows),
            kb_snapshot,
            ext_cluster: ext_cluster_map(&ext_clusters),
            ext_clusters,
            training,
        }
    }

    /// Median margin of the tokens the model tags as entities, over documents `docs`.
    pub(super) fn median_margin(&self, docs: &[&[Vec<Tok>]]) -> f32 {
        let mut s = Scratch::default();
        let mut all = Vec::new();
        for doc in docs {
            s.agg.clear();
            s.agg_sums.clear();
            for toks in doc.iter() {
                s.agg.count(toks, self.arabic);
            }
            let sents: Vec<&[Tok]> = doc.iter().map(Vec::as_slice).collect();
            self.decode_doc(&sents, &mut s, &mut |_, tags, margins| {
                all.extend(tags.iter().zip(margins).filter(|(t, _)| **t != 0).map(|(_, m)| *m * self.table.scale));
            });
        }
        if all.is_empty() {
            return 1.0;
        }
        all.sort_by(f32::total_cmp);
        all[all.len() / 2].max(1e-3)
    }
}

/// Where the evaluation sentences of a training run come from.
#[derive(Debug, Clone)]
pub enum Evaluation {
    /// No evaluation.
    None,
    /// A separate annotated file (CoNLL text).
    File(String),
    /// The last fraction of the training sentences, held out.
    Holdout(f64),
    /// For tuning: the last `holdout` of the training sentences is set aside unseen, the
    /// model trains on the rest but its last `dev` fraction, and is scored on that.
    HoldoutDev { holdout: f64, dev: f64 },
}

/// The outcome of [`train_conll`]: the model and, when there was an evaluation set, its
/// exact-span scores per label (`conlleval` style) with the micro average under `"ALL"`.
pub struct Trained {
    pub model: Model,
    pub scores: Vec<(String, conll::Prf)>,
    pub n_train: usize,
    pub n_eval: usize,
}

/// Viterbi over one sentence with the weights `w`, in training as in the first pass of a
/// document-context model: `stat_of(j)` are token `j`'s features that do not depend on the
/// previous tag; the transition rows are its previous-tag features
/// ([`features::tag_features1`]) scored for each previous tag, the sentence start last.
/// `cost`: the gold tags and [`TrainOptions::cost`], added to the wrong tags' scores.
#[allow(clippy::too_many_arguments)]
fn viterbi_sentence<'f, I: Iterator<Item = &'f u32>>(
    w: &impl Scorer,
    toks: &[Tok],
    arabic: bool,
    lower: bool,
    bits: u32,
    stat_of: impl Fn(usize) -> I,
    cost: Option<(&[u8], [f32; 2])>,
    lattice: &mut Lattice,
    pred: &mut Vec<u8>,
    scored: &mut Vec<bool>,
    margins: &mut Vec<f32>,
) {
    let mut stat = |j: usize| {
        let mut acc = [0f32; NT];
        stat_of(j).for_each(|&f| w.add(f, &mut acc));
        if let Some((gold, [miss, false_name])) = cost {
            let g = gold[j] as usize;
            let c = if g == 0 { false_name } else { miss };
            for (t, a) in acc.iter_mut().enumerate() {
                if t != g && (g != 0 || t != 0) {
                    *a += c;
                }
            }
        }
        acc
    };
    let mut trans = |j: usize| {
        let mut m = [[0f32; NT]; NT + 1];
        for (p, row) in m.iter_mut().enumerate() {
            let prev = if p == NT { features::START_TAG } else { p as u64 };
            features::tag_features1(&toks[j], prev, bits).iter().for_each(|&f| w.add(f, row));
        }
        m
    };
    viterbi(toks, arabic, lower, &mut stat, &mut trans, lattice, pred, scored, margins);
}

/// Trains a model on annotated text in CoNLL format (one token per line, the BIO or IOB1
/// tag in the last column, a blank line between sentences), as `python -m newsframe.train`
/// does. `doc_size` groups sentences into pseudo-documents for corpora without
/// `-DOCSTART-` lines; `on_epoch` hears each finished epoch.
pub fn train_conll(
    train_text: &str,
    eval: Evaluation,
    doc_size: Option<usize>,
    opts: &TrainOptions,
    on_epoch: &mut dyn FnMut(usize),
) -> Result<Trained, Error> {
    let mut train = conll::read(train_text);
    if train.is_empty() {
        return Err(Error::Config("no annotated sentences in the training text".into()));
    }
    let mut dev = match eval {
        Evaluation::None => Vec::new(),
        Evaluation::File(text) => conll::read(&text),
        Evaluation::Holdout(frac) => {
            if !(0.0..1.0).contains(&frac) {
                return Err(Error::Config(format!("holdout must be in [0, 1), got {frac}")));
            }
            let keep = (train.len() as f64 * (1.0 - frac)).floor() as usize;
            train.split_off(keep)
        }
        Evaluation::HoldoutDev { holdout, dev } => {
            if !(0.0..1.0).contains(&holdout) || !(0.0..1.0).contains(&dev) {
                return Err(Error::Config(format!("holdout and dev must be in [0, 1), got {holdout}, {dev}")));
            }
            let keep = (train.len() as f64 * (1.0 - holdout)).floor() as usize;
            train.truncate(keep);
            let keep = (train.len() as f64 * (1.0 - dev)).floor() as usize;
            train.split_off(keep)
        }
    };
    if let Some(n) = doc_size {
        conll::chunk_documents(&mut train, n.max(1));
        conll::chunk_documents(&mut dev, n.max(1));
    }
    let model = Model::train_with(&train, opts, &mut |epoch, _| on_epoch(epoch));
    let mut scores = Vec::new();
    if !dev.is_empty() {
        let mut s = conll::Scores::default();
        let mut start = 0;
        for i in 1..=dev.len() {
            if i == dev.len() || dev[i].doc_start {
                let doc = &dev[start..i];
                let tokens: Vec<&[String]> = doc.iter().map(|s| s.tokens.as_slice()).collect();
                for (sent, pred) in doc.iter().zip(model.tag_document(&tokens)) {
                    s.add(&sent.tags, &pred);
                }
                start = i;
            }
        }
        for label in ["PER", "ORG", "LOC", "MISC"] {
            scores.push((label.to_string(), s.label(label)));
        }
        scores.push(("ALL".to_string(), s.micro()));
    }
    Ok(Trained { model, scores, n_train: train.len(), n_eval: dev.len() })
}
