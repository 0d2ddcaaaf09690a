-- Version 1: documents, their content in the vault under /data, their checksum recorded by the worker.
CREATE TABLE documents (
  id BIGSERIAL PRIMARY KEY,
  name TEXT NOT NULL,
  uploaded TIMESTAMPTZ NOT NULL DEFAULT now(),
  sha256 TEXT,
  size BIGINT
);
