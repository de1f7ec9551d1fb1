-- LED-12 anchor receipts: one per (anchor, log, checkpoint size); anchoring never blocks writes.
CREATE TABLE anchor_receipt (
  id              uuid PRIMARY KEY,
  anchor_name     text NOT NULL,
  log_id          text NOT NULL,
  tree_size       bigint NOT NULL,
  root_hash       text NOT NULL,
  submitted_at    timestamptz NOT NULL,
  status          text NOT NULL CHECK (status IN ('pending', 'confirmed', 'failed')),
  external_tx_id  text,
  block_height    bigint,
  external_time   timestamptz,
  proof_blob      text,
  attempts        integer NOT NULL DEFAULT 0,
  last_error      text,
  updated_at      timestamptz NOT NULL DEFAULT now(),
  UNIQUE (anchor_name, log_id, tree_size)
);
