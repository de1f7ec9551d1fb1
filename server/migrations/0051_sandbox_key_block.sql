-- SVC-06: a buyer credential blocked by the enumeration alarm until the authority reviews it.
CREATE TABLE sandbox_key_block (
  api_key_id     uuid PRIMARY KEY,
  buyer_org_id   uuid,
  service_id     uuid NOT NULL,
  reason         text NOT NULL,
  blocked_at     timestamptz NOT NULL DEFAULT now(),
  released_at    timestamptz,
  released_by    uuid
);
