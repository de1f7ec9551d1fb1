-- CAT-09 at scale: name and field/keyword vectors get their own GIN indexes so a broad query
-- can take its best-weighted candidates (name 5 > fields 3 > summary 1) without reading
-- every match (decision 0031). fastupdate is off: PGlite has no autovacuum to flush a GIN
-- pending list, and every search would scan it linearly.
ALTER TABLE data_resource ADD COLUMN name_vector tsvector;
ALTER TABLE data_resource ADD COLUMN field_vector tsvector;
DROP INDEX data_resource_search_idx;
CREATE INDEX data_resource_search_idx ON data_resource USING gin (search_vector) WITH (fastupdate = off);
CREATE INDEX data_resource_name_vector_idx ON data_resource USING gin (name_vector) WITH (fastupdate = off);
CREATE INDEX data_resource_field_vector_idx ON data_resource USING gin (field_vector) WITH (fastupdate = off);
