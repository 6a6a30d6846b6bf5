-- image.md5_pixels was replaced by image.pixel_hash (XXH3-128 of the same decoded bytes, 15 times
-- faster). Its values go with it, so that no list or export shows a metric this Loupe no longer
-- computes; the next analyze computes image.pixel_hash (and the exact-duplicate groups from it).
ALTER TABLE image_metrics DROP COLUMN IF EXISTS "image.md5_pixels";
DELETE FROM metric_columns WHERE metric_id = 'image.md5_pixels';

-- image.embedding_duplicate_cluster is a cluster id: an identifier, whose size means nothing (no
-- quartiles, outliers, comparisons or importance), no longer a non-negative integer.
UPDATE metric_columns SET kind = 'identifier' WHERE metric_id = 'image.embedding_duplicate_cluster';
