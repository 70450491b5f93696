-- TimescaleDB when the server has it: bars become a hypertable (30-day chunks) whose chunks compress after
-- 90 days, segmented by series. Without the extension (PGlite, plain PostgreSQL, most managed services) this
-- migration changes nothing, so one migration history serves every database. See docs/decisions.md.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'timescaledb') THEN
    -- The extension must be installed on the server AND preloaded; creating it otherwise fails outright.
    IF NOT EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'timescaledb')
       OR position('timescaledb' IN current_setting('shared_preload_libraries', true)) = 0 THEN
      RETURN;
    END IF;
    BEGIN
      CREATE EXTENSION IF NOT EXISTS timescaledb;
    EXCEPTION WHEN insufficient_privilege THEN
      RAISE NOTICE 'timescaledb is available but this role may not create it; bars stay a plain table';
      RETURN;
    END;
  END IF;
  PERFORM create_hypertable('bars', 'ts', chunk_time_interval => INTERVAL '30 days',
                            migrate_data => true, if_not_exists => true);
  EXECUTE 'ALTER TABLE bars SET (timescaledb.compress, '
       || 'timescaledb.compress_segmentby = ''instrument_id, timeframe'', '
       || 'timescaledb.compress_orderby = ''ts DESC'')';
  PERFORM add_compression_policy('bars', compress_after => INTERVAL '90 days', if_not_exists => true);
END
$$;
