-- The 2-D embedding map's axes are coordinates: filterable and plotted on the map, but not
-- quantities (no quartiles, outliers, comparisons, importance or worst slices).
UPDATE metric_columns SET kind = 'coordinate' WHERE metric_id IN ('image.embedding_map_x', 'image.embedding_map_y',
    'annotation.embedding_map_x', 'annotation.embedding_map_y');

-- annotation.class_frequency is one value per class: per-object IQR outliers of it mean nothing.
UPDATE metric_columns SET outliers = false WHERE metric_id = 'annotation.class_frequency';
