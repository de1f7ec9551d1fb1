-- DataAsset cards (数据资产卡片, rights-assets.md RA-25, RA-34, RA-35, RA-37; issue 17): the four blocks,
-- the memo book (资产备查簿) and the accounting block of 入表.
CREATE TABLE rights_data_asset (
  id                    uuid PRIMARY KEY,
  holder_org_id         uuid NOT NULL,
  name                  text NOT NULL,
  is_public_data_asset  boolean NOT NULL DEFAULT false,
  basic                 jsonb NOT NULL,
  rights                jsonb NOT NULL,
  usage                 jsonb NOT NULL,
  management            jsonb NOT NULL,
  recognition           jsonb,
  accounting            jsonb,
  created_by            uuid,
  state                 text NOT NULL,
  version               integer NOT NULL,
  created_at            timestamptz NOT NULL DEFAULT now(),
  updated_at            timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX rights_data_asset_holder_idx ON rights_data_asset (holder_org_id);
