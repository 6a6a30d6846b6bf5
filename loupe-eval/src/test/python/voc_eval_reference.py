"""Independent VOC AP (the devkit voc_eval algorithm: continuous coordinates unless PAD=1, IoU >= 0.5,
stable score order) used to cross-check VocOnVoc100Test. Usage: python3 voc_eval_reference.py [PAD [GT [DETS [XMLDIR]]]].
With XMLDIR, the objects its VOC XML files mark <difficult>1</difficult> (matched to the COCO ground truth by
file name, class name and box corners) are ignored as the devkit does: not counted in npos, and a detection
whose best overlap is one of them is neither TP nor FP.
Prints mAP (all-point), mAP (11-point), classes; then per category id: AP all-point, AP 11-point."""
import json, sys, os
import xml.etree.ElementTree as ET
gt = json.load(open(sys.argv[2] if len(sys.argv) > 2 else "/work/shared/data/voc100/gts/coco_format_v1/instances_default.json"))
dets = json.load(open(sys.argv[3] if len(sys.argv) > 3 else "/work/shared/data/voc100/coco_dets_from_abs_xywh.json"))
pad = float(sys.argv[1]) if len(sys.argv) > 1 else 0.0
difficult = set()
if len(sys.argv) > 4:
    files = {i['id']: i['file_name'] for i in gt['images']}
    names = {c['id']: c['name'] for c in gt['categories']}
    marked = set()
    for f in os.listdir(sys.argv[4]):
        root = ET.parse(os.path.join(sys.argv[4], f)).getroot()
        for o in root.iter('object'):
            if o.findtext('difficult', '0').strip() == '1':
                b = o.find('bndbox')
                marked.add((root.findtext('filename'), o.findtext('name'),
                            tuple(float(b.findtext(k)) for k in ('xmin', 'ymin', 'xmax', 'ymax'))))
    for a in gt['annotations']:
        x, y, w, h = a['bbox']
        if (files[a['image_id']], names[a['category_id']], (x, y, x + w, y + h)) in marked:
            difficult.add(a['id'])
    assert len(difficult) == len(marked), (len(difficult), len(marked))
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
    npos = sum(1 for a in g if a['id'] not in difficult)
    d = sorted([x for x in dets if x['category_id'] == c], key=lambda x: -x['score'])
    used = set(); tp = []; fp = []
    for x in d:
        best, j = -1.0, None
        for k, a in enumerate(g):
            if a['image_id'] != x['image_id']: continue
            o = iou(x['bbox'], a['bbox'])
            if o > best: best, j = o, k
        if j is not None and best >= 0.5:
            if g[j]['id'] in difficult: tp.append(0); fp.append(0)
            elif j not in used: used.add(j); tp.append(1); fp.append(0)
            else: tp.append(0); fp.append(1)
        else: tp.append(0); fp.append(1)
    ctp = cfp = 0; rec = []; prec = []
    for t, f in zip(tp, fp):
        ctp += t; cfp += f
        # As the devkit's Python port: an ignored detection repeats the previous point (0 before any).
        rec.append(ctp / npos if npos else float('nan')); prec.append(ctp / max(ctp + cfp, 1e-300))
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
