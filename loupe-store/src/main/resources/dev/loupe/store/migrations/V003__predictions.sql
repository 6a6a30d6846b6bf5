-- Prediction sets and per-item evaluation outcomes.

-- The area COCO evaluation uses for a prediction (pycocotools loadRes: w * h for box results, the
-- mask's pixel count for segmentation results).
ALTER TABLE predictions ADD COLUMN area DOUBLE;
-- detection (scored shapes) or classification (class_probabilities).
ALTER TABLE prediction_sets ADD COLUMN kind VARCHAR;
-- What the stored outcomes were matched on: bbox or segm (NULL for classification sets).
ALTER TABLE prediction_sets ADD COLUMN iou_type VARCHAR;
ALTER TABLE prediction_sets ADD COLUMN created_at TIMESTAMP;

-- At IoU threshold t_index / 20 (0.05 .. 0.95; 0.50 .. 0.95 bit for bit pycocotools'), prediction
-- prediction_id matched annotation annotation_id (COCOeval's greedy matching per image and class,
-- all predictions, area "all"). Only matches are stored: an unmatched prediction is a false
-- positive, an unmatched non-crowd annotation a false negative. A match to a crowd region makes
-- the prediction ignored.
CREATE TABLE prediction_matches (
    set_id        INTEGER NOT NULL,
    t_index       TINYINT NOT NULL,
    prediction_id BIGINT NOT NULL,
    annotation_id BIGINT NOT NULL,
    iou           DOUBLE NOT NULL,
    crowd         BOOLEAN NOT NULL
);

-- Best overlaps of each prediction with the non-crowd annotations of its image, of its class and
-- of any other class: the reason of a false positive at any threshold is a query on these.
CREATE TABLE prediction_overlaps (
    set_id           INTEGER NOT NULL,
    prediction_id    BIGINT PRIMARY KEY,
    same_iou         DOUBLE NOT NULL,
    same_annotation  BIGINT,
    other_iou        DOUBLE NOT NULL,
    other_annotation BIGINT
);

-- Best overlap of each non-crowd annotation with the predictions of its class (per set).
CREATE TABLE annotation_overlaps (
    set_id          INTEGER NOT NULL,
    annotation_id   BIGINT NOT NULL,
    best_iou        DOUBLE NOT NULL,
    best_prediction BIGINT,
    PRIMARY KEY (set_id, annotation_id)
);

-- Prediction metric runs: image image_id is done, for the predictions of set set_id, for every
-- metric of metric set metric_set_id (as metric_coverage for annotations).
CREATE TABLE prediction_metric_coverage (
    set_id        INTEGER NOT NULL,
    image_id      BIGINT NOT NULL,
    metric_set_id INTEGER NOT NULL
);
