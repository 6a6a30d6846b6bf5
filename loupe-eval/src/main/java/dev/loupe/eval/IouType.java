package dev.loupe.eval;

/** What the IoU of a detection and a ground truth is computed on (pycocotools {@code iouType}). */
public enum IouType {
    /** Boxes ("bbox"): maskApi bbIou of the COCO boxes. */
    BBOX,
    /** Masks ("segm"): maskApi rleIou of the RLE masks. */
    SEGM
}
