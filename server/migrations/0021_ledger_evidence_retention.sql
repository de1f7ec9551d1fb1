-- Evidence packages (LED-13), legal holds (LED-18) and destruction records (LED-16..20).

CREATE TABLE evidence_package (
  id                    uuid PRIMARY KEY,
  package_no            text NOT NULL UNIQUE,
  requested_by          jsonb NOT NULL,
  purpose               text NOT NULL,
  object_type           text NOT NULL,
  object_id             text NOT NULL,
  checkpoint_tree_size  bigint NOT NULL,
  files                 jsonb NOT NULL,
  ip                    text,
  built_at              timestamptz NOT NULL
);
CREATE INDEX evidence_package_object_idx ON evidence_package (object_type, object_id, built_at);

-- A legal hold (open objection, arbitration, litigation, incident) blocks deletion in its scope.
CREATE TABLE legal_hold (
  id           uuid PRIMARY KEY,
  object_type  text NOT NULL,
  object_id    text NOT NULL,
  reason       text NOT NULL,
  source_ref   text,
  active       boolean NOT NULL DEFAULT true,
  created_by   jsonb NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  released_at  timestamptz
);
CREATE INDEX legal_hold_scope_idx ON legal_hold (object_type, object_id) WHERE active;

CREATE TABLE destruction_record (
  id                      uuid PRIMARY KEY,
  state                   text NOT NULL,
  version                 integer NOT NULL,
  jurisdiction_id         uuid,
  owner_org_id            uuid,
  scope                   jsonb NOT NULL,
  data_description        text NOT NULL,
  method                  text NOT NULL DEFAULT 'crypto_erase',
  outsourced              boolean NOT NULL DEFAULT false,
  contractor_contract_ref text,
  public_data_asset       boolean NOT NULL DEFAULT false,
  approvals               jsonb NOT NULL DEFAULT '[]',
  deleted_objects         jsonb NOT NULL DEFAULT '[]',
  destroyed_key_ids       jsonb NOT NULL DEFAULT '[]',
  erased_seqs             jsonb NOT NULL DEFAULT '[]',
  backups_covered         boolean NOT NULL DEFAULT false,
  executed_by             text,
  executed_at             timestamptz,
  verification            jsonb,
  created_by              jsonb NOT NULL,
  created_at              timestamptz NOT NULL DEFAULT now(),
  updated_at              timestamptz NOT NULL DEFAULT now()
);
