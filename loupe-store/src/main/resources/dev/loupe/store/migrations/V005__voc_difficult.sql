-- PASCAL VOC's per-object difficult flag: VOC AP ignores these objects (neither positives nor
-- false positives); COCO-style evaluation and the outcomes ignore the flag, as pycocotools does.
ALTER TABLE annotations ADD COLUMN difficult BOOLEAN DEFAULT false;
