-- Embeddings: vectors per model for images and object crops, which images are done, the 2-D map.

-- Vectors of different models never mix: each model name (which changes whenever its vectors would) gets an id.
CREATE TABLE embedding_models (
    id          INTEGER PRIMARY KEY,
    name        VARCHAR NOT NULL UNIQUE,
    dimension   INTEGER NOT NULL,
    description VARCHAR,
    run_id      BIGINT NOT NULL               -- the run that first used it
);

CREATE TABLE image_embeddings (
    model_id INTEGER NOT NULL,
    image_id BIGINT NOT NULL,
    vector   FLOAT[] NOT NULL,                -- as the model gave it, not normalised
    PRIMARY KEY (model_id, image_id)
);

-- One vector per object crop (the annotation's box grown by 10% of its size on each side, clipped to the image).
CREATE TABLE annotation_embeddings (
    model_id      INTEGER NOT NULL,
    annotation_id BIGINT NOT NULL,
    vector        FLOAT[] NOT NULL,
    PRIMARY KEY (model_id, annotation_id)
);

-- Image image_id and its objects are done for model model_id (failures included: recorded in
-- metric_failures as metric 'embedding', not retried). A killed run resumes from here.
CREATE TABLE embedding_coverage (
    model_id INTEGER NOT NULL,
    image_id BIGINT NOT NULL,
    PRIMARY KEY (model_id, image_id)
);

-- 2-D coordinates of images and objects for the web app's scatter plot.
CREATE TABLE embedding_map (
    model_id  INTEGER NOT NULL,
    item_type VARCHAR NOT NULL,               -- image, annotation
    item_id   BIGINT NOT NULL,
    x         DOUBLE NOT NULL,
    y         DOUBLE NOT NULL,
    method    VARCHAR NOT NULL,               -- e.g. pca
    PRIMARY KEY (model_id, item_type, item_id)
);
