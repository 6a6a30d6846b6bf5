"""Independent VOC AP (the devkit voc_eval algorithm: continuous coordinates unless PAD=1, IoU >= 0.5,
stable score order) used to cross-check VocOnVoc100Test. Usage: python3 voc_eval_reference.py [PAD [GT [DETS]]].
Prints mAP (all-point), mAP (11-point), classes; then per category id: AP all-point, AP 11-point."""
import json, sys
gt = json.load(open(sys.argv[2] if len(sys.argv) > 2 else "/work/shared/data/voc100/gts/coco_format_v1/instances_default.json"))
dets = json.load(open(sys.argv[3] if len(sys.argv) > 3 else "/work/shared/data/voc100/coco_dets_from_abs_xywh.json"))
pad = float(sys.argv[1]) if len(sys.argv) > 1 else 0.0
def iou(a, b):
    iw = min(a[0]+a[2], b[0]+b[2]) - max(a[0], b[0]) + pad
    ih = min(a[1]+a[3], b[1]+b[3]) - max(a[1], b[1]) + pad
    if iw <= 0 or ih <= 0: return 0.0
    inter = iw*ih
    return inter / ((a[2]+pad)*(a[3]+pad) + (b[2]+pad)*(b[3]+pad) - inter)
cats = sorted({a['category_id'] for a in gt['annotations']} | {d['category_id'] for d in dets})
res = {}
for c in cats:
    g = [a for a in gt['annotations'] if a['category_id'] == c]
    npos = len(g)
    d = sorted([x for x in dets if x['category_id'] == c], key=lambda x: -x['score'])
    used = set(); tp = []; fp = []
    for x in d:
        best, j = -1.0, None
        for k, a in enumerate(g):
            if a['image_id'] != x['image_id']: continue
            o = iou(x['bbox'], a['bbox'])
            if o > best: best, j = o, k
        if j is not None and best >= 0.5:
            if j not in used: used.add(j); tp.append(1); fp.append(0)
            else: tp.append(0); fp.append(1)
        else: tp.append(0); fp.append(1)
    ctp = cfp = 0; rec = []; prec = []
    for t, f in zip(tp, fp):
        ctp += t; cfp += f
        rec.append(ctp / npos if npos else float('nan')); prec.append(ctp / (ctp + cfp))
    if npos == 0: res[c] = (float('nan'), float('nan')); continue
    mrec = [0.0] + rec + [1.0]; mpre = [0.0] + prec + [0.0]
    for i in range(len(mpre) - 2, -1, -1): mpre[i] = max(mpre[i], mpre[i+1])
    ap = sum((mrec[i+1] - mrec[i]) * mpre[i+1] for i in range(len(mrec) - 1) if mrec[i+1] != mrec[i])
    ap11 = 0.0
    for i in range(11):
        t = i / 10.0
        ps = [p for r, p in zip(rec, prec) if r >= t]
        ap11 += (max(ps) if ps else 0.0) / 11
    res[c] = (ap, ap11)
import math
v = [r for r in res.values() if not math.isnan(r[0])]
print(repr(sum(r[0] for r in v) / len(v)), repr(sum(r[1] for r in v) / len(v)), len(v))
for c in cats: print(c, repr(res[c][0]), repr(res[c][1]))
