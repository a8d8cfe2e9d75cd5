"""Pipeline effect of the mojibake repair: ``nf.read_texts`` on the cases of
``bench/eval_mojibake.py`` (150 real sentences per group, corrupted the ways the web does)
and on their clean originals; per group, the share of texts whose entity mentions (text,
label) and whose clean text equal those of the clean original.

    python bench/mojibake_pipeline.py            # with the build to measure
"""
import sys, json
sys.path.insert(0, "bench")
import newsframe as nf
import eval_mojibake as em
from collections import defaultdict
cases = em.build(150, 17)
texts = [c["text"] for c in cases]
golds = sorted({c["gold"] for c in cases})
def mentions(corpus):
    m = corpus.mentions
    out = defaultdict(list)
    for d, t, l in zip(m["doc_id"].to_list(), m["text"].to_list(), m["label"].to_list()):
        out[d].append((em.normal(t), l))
    ids = corpus.documents["doc_id"].to_list()
    return [sorted(out[i]) for i in ids], corpus.documents["text"].to_list()
cm, ct = mentions(nf.read_texts(texts))
gm, gt = mentions(nf.read_texts(golds))
gold_of = {g: (gm[i], gt[i]) for i, g in enumerate(golds)}
agg = defaultdict(lambda: [0, 0, 0])
for c, m, t in zip(cases, cm, ct):
    k = "clean" if c["kind"] == "clean" else "corrupted"
    gm_, gt_ = gold_of[c["gold"]]
    a = agg[(c["group"], k)]
    a[0] += 1; a[1] += m == gm_; a[2] += em.normal(t) == em.normal(gt_)
print("newsframe from", nf.__file__)
for k, (n, same_m, same_t) in sorted(agg.items()):
    print(f"{k[0]:15} {k[1]:9} n={n:5} same mentions {same_m/n:.3f} same text {same_t/n:.3f}")
