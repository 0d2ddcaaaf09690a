-- Version 2: count the downloads of each document.
ALTER TABLE documents ADD COLUMN downloads INTEGER NOT NULL DEFAULT 0;
