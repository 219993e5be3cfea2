ALTER TABLE test_widgets ADD COLUMN colour TEXT;
