-- Key rotation (issue 21, decisions 0102 and 0103).

-- The ledger's checkpoint signing keys (decision 0102). Generation 1 is the deployment's original key
-- (kept where it always was: kernel_secret `ledger_sm2_key` or SHUYUN_LEDGER_SM2_KEY); its row is
-- recorded at the first rollover. Every later key carries the rollover statement that introduced it,
-- signed by the previous key and countersigned by itself; its private half is wrapped by the master
-- key (a versioned blob, so a master-key rotation re-wraps it like any other).
CREATE TABLE ledger_signing_key (
  id               uuid PRIMARY KEY,
  generation       integer NOT NULL UNIQUE,
  alg              text NOT NULL DEFAULT 'sm2-sm3',
  public_key_hex   text NOT NULL UNIQUE,
  private_key_enc  bytea,
  rollover         jsonb,
  state            text NOT NULL,
  version          integer NOT NULL,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now()
);

-- Master-key rotations (decision 0103): `rewrapping` while wrapped keys are re-wrapped batch by batch,
-- `completed` when none is left under an older version; `counts` says how many blobs per column moved.
CREATE TABLE ops_key_rotation (
  id            uuid PRIMARY KEY,
  from_version  integer NOT NULL,
  to_version    integer NOT NULL,
  counts        jsonb NOT NULL DEFAULT '{}',
  state         text NOT NULL,
  version       integer NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now()
);
