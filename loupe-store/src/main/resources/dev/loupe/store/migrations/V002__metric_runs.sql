-- Metric runs: what each metric is, and which images are done for which metrics.

ALTER TABLE metric_columns ADD COLUMN kind VARCHAR;
ALTER TABLE metric_columns ADD COLUMN title VARCHAR;
ALTER TABLE metric_columns ADD COLUMN outliers BOOLEAN;

-- A set of metrics computed together on an image, as sorted "id@version" keys joined by ','.
CREATE TABLE metric_sets (
    id      INTEGER PRIMARY KEY,
    metrics VARCHAR NOT NULL UNIQUE
);

-- Image image_id is done for every metric of set set_id (failures included: they are recorded in
-- metric_failures and not retried). A version change makes the key differ, so the metric runs again.
CREATE TABLE metric_coverage (
    image_id BIGINT NOT NULL,
    set_id   INTEGER NOT NULL
);
