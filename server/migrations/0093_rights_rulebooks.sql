-- RA-20 (issue 17; decision 0083): a registry's published business rules and fee schedule, one row per version.
-- A version is drafted by the registry, filed with the authority (备案) or submitted for its approval (同意),
-- per the registry profile's `reg.rulebookChange`; a published version supersedes the previous one, which stays
-- readable. Fees are integer fen.
CREATE TABLE rights_rulebook (
  id                uuid PRIMARY KEY,
  registry_org_id   uuid NOT NULL,
  profile           text NOT NULL,
  version_no        integer NOT NULL,
  title             text NOT NULL,
  summary           text NOT NULL,
  rules_text        text NOT NULL,
  fee_lines         jsonb NOT NULL DEFAULT '[]',
  authority_org_id  uuid,
  filed_at          timestamptz,
  decided_by        uuid,
  decided_at        timestamptz,
  decision_note     text,
  published_at      timestamptz,
  created_by        uuid,
  state             text NOT NULL,
  version           integer NOT NULL,
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now(),
  UNIQUE (registry_org_id, version_no)
);
CREATE INDEX rights_rulebook_authority_idx ON rights_rulebook (authority_org_id, state);
