-- Loupe project schema, version 1.
-- Ids are assigned by Loupe (1, 2, ...); source_id keeps the id or location the source file used.
-- Geometry is stored losslessly: every shape keeps its box (x, y, w, h in pixels, top-left origin,
-- continuous coordinates); polygons as text {"outer":[[x,y,...]],"holes":[[...]]} with Java's
-- shortest round-trip doubles; masks as COCO compressed RLE strings with their height and width.

CREATE TABLE project_meta (
    key   VARCHAR PRIMARY KEY,
    value VARCHAR
);

CREATE TABLE runs (
    id           BIGINT PRIMARY KEY,
    kind         VARCHAR NOT NULL,          -- import, analyze, predictions-import, eval...
    tool_version VARCHAR NOT NULL,
    parameters   VARCHAR,                   -- JSON object
    started_at   TIMESTAMP NOT NULL,
    finished_at  TIMESTAMP,
    status       VARCHAR NOT NULL,          -- running, succeeded, failed, interrupted
    message      VARCHAR
);

CREATE TABLE categories (
    id            INTEGER PRIMARY KEY,
    name          VARCHAR NOT NULL UNIQUE,
    supercategory VARCHAR,
    source_id     VARCHAR
);

CREATE TABLE images (
    id        BIGINT PRIMARY KEY,
    path      VARCHAR NOT NULL,             -- relative to the project's images folder, '/'-separated
    width     INTEGER,                      -- NULL when the image could not be read
    height    INTEGER,
    format    VARCHAR,
    split     VARCHAR,
    file_size BIGINT,                       -- -1 when the file is missing
    source_id VARCHAR
);

CREATE TABLE annotations (
    id          BIGINT PRIMARY KEY,
    image_id    BIGINT NOT NULL,
    category_id INTEGER,                    -- NULL when the source named an unknown class
    kind        VARCHAR NOT NULL,           -- box, polygon, mask, label
    x DOUBLE, y DOUBLE, w DOUBLE, h DOUBLE, -- NULL for image-level labels
    polygon     VARCHAR,
    rle         VARCHAR,
    rle_height  INTEGER,
    rle_width   INTEGER,
    iscrowd     BOOLEAN NOT NULL,
    area        DOUBLE,                     -- as the source declared it (COCO "area"), else NULL
    annotator   VARCHAR,
    confidence  DOUBLE,
    source_id   VARCHAR
);

CREATE TABLE prediction_sets (
    id          INTEGER PRIMARY KEY,
    name        VARCHAR NOT NULL UNIQUE,
    format      VARCHAR NOT NULL,
    source_file VARCHAR,
    run_id      BIGINT NOT NULL
);

CREATE TABLE predictions (
    id          BIGINT PRIMARY KEY,
    set_id      INTEGER NOT NULL,
    image_id    BIGINT NOT NULL,
    category_id INTEGER,
    kind        VARCHAR NOT NULL,
    x DOUBLE, y DOUBLE, w DOUBLE, h DOUBLE,
    polygon     VARCHAR,
    rle         VARCHAR,
    rle_height  INTEGER,
    rle_width   INTEGER,
    score       DOUBLE NOT NULL,
    source_id   VARCHAR
);

-- Per-image class probabilities of a classification prediction set.
CREATE TABLE class_probabilities (
    set_id      INTEGER NOT NULL,
    image_id    BIGINT NOT NULL,
    category_id INTEGER NOT NULL,
    probability DOUBLE NOT NULL,
    PRIMARY KEY (set_id, image_id, category_id)
);

-- Metric values are stored wide: one table per scope, one DOUBLE column per metric, added when a
-- metric first runs (metric_columns maps the stable metric id to its column). Filtering on several
-- metrics and sorting by any one is then a single columnar scan, with no pivot or self-join.
CREATE TABLE metric_columns (
    scope       VARCHAR NOT NULL,           -- image, annotation, prediction
    metric_id   VARCHAR NOT NULL,           -- stable id, e.g. image.brightness
    column_name VARCHAR NOT NULL,
    version     VARCHAR NOT NULL,
    run_id      BIGINT NOT NULL,
    PRIMARY KEY (scope, metric_id)
);
CREATE TABLE image_metrics      (image_id      BIGINT PRIMARY KEY);
CREATE TABLE annotation_metrics (annotation_id BIGINT PRIMARY KEY);
CREATE TABLE prediction_metrics (prediction_id BIGINT PRIMARY KEY);

-- A metric that failed on one item: recorded, never silently dropped.
CREATE TABLE metric_failures (
    run_id    BIGINT NOT NULL,
    metric_id VARCHAR NOT NULL,
    item_type VARCHAR NOT NULL,
    item_id   BIGINT NOT NULL,
    message   VARCHAR NOT NULL
);

CREATE TABLE issues (
    id        BIGINT PRIMARY KEY,
    run_id    BIGINT NOT NULL,
    kind      VARCHAR NOT NULL,
    severity  VARCHAR NOT NULL,
    item_type VARCHAR NOT NULL,             -- image, annotation, prediction, category, file
    item_id   BIGINT,                       -- NULL when the item could not be kept
    file      VARCHAR,
    location  VARCHAR,
    message   VARCHAR NOT NULL
);

CREATE TABLE tags (
    name       VARCHAR NOT NULL,
    item_type  VARCHAR NOT NULL,
    item_id    BIGINT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (name, item_type, item_id)
);
