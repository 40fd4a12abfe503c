-- The Risk Platform's schema as the operations library's queries use it
-- (DO-002, IR-001/003, PM-001, DP-001, CO-001/002, MO-002). Run by
-- lab/postgres.sh as the superuser inside the risk_platform database, in one
-- transaction with seed.sql. The application role owns its schema and tables,
-- as on the platform, where migrations run as risk_platform_app.

CREATE EXTENSION IF NOT EXISTS pg_stat_statements;

CREATE SCHEMA risk_platform AUTHORIZATION risk_platform_app;
SET ROLE risk_platform_app;
SET search_path = risk_platform;

CREATE TABLE organizations (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name        text NOT NULL UNIQUE,
  slug        text NOT NULL UNIQUE,
  plan        text NOT NULL DEFAULT 'standard',
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  deleted_at  timestamptz
);

CREATE TABLE users (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organization_id  uuid NOT NULL REFERENCES organizations (id),
  email            text NOT NULL UNIQUE,
  first_name       text,
  last_name        text,
  phone            text,
  role             text NOT NULL CHECK (role IN ('admin', 'manager', 'analyst', 'viewer')),
  status           text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'inactive', 'suspended', 'pending')),
  mfa_enabled      boolean NOT NULL DEFAULT false,
  last_login_at    timestamptz,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  deleted_at       timestamptz
);
CREATE INDEX users_last_login_at_idx ON users (last_login_at);
CREATE INDEX users_organization_id_idx ON users (organization_id);

CREATE TABLE user_sessions (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id       uuid NOT NULL REFERENCES users (id),
  token_hash    text NOT NULL,
  ip_address    inet,
  user_agent    text,
  created_at    timestamptz NOT NULL DEFAULT now(),
  last_seen_at  timestamptz NOT NULL DEFAULT now(),
  expires_at    timestamptz NOT NULL
);
CREATE INDEX user_sessions_user_id_idx ON user_sessions (user_id);

CREATE TABLE audit_log (
  id               bigserial PRIMARY KEY,
  user_id          uuid REFERENCES users (id),
  organization_id  uuid REFERENCES organizations (id),
  action           text NOT NULL,
  entity_type      text NOT NULL,
  entity_id        uuid,
  ip_address       inet,
  user_agent       text,
  risk_level       text NOT NULL DEFAULT 'low' CHECK (risk_level IN ('low', 'medium', 'high', 'critical')),
  old_values       jsonb,
  new_values       jsonb,
  "timestamp"      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX audit_log_timestamp_idx ON audit_log ("timestamp");
CREATE INDEX audit_log_user_id_timestamp_idx ON audit_log (user_id, "timestamp");

CREATE TABLE threats (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organization_id  uuid NOT NULL REFERENCES organizations (id),
  title            text NOT NULL,
  description      text,
  category         text NOT NULL,
  severity         text NOT NULL CHECK (severity IN ('low', 'medium', 'high', 'critical')),
  status           text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'investigating', 'mitigated', 'closed')),
  created_by       uuid REFERENCES users (id),
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  deleted_at       timestamptz
);

CREATE TABLE risks (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organization_id  uuid NOT NULL REFERENCES organizations (id),
  threat_id        uuid REFERENCES threats (id),
  title            text NOT NULL,
  likelihood       smallint NOT NULL CHECK (likelihood BETWEEN 1 AND 5),
  impact           smallint NOT NULL CHECK (impact BETWEEN 1 AND 5),
  score            smallint GENERATED ALWAYS AS (likelihood * impact) STORED,
  status           text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'accepted', 'treated', 'closed')),
  owner_id         uuid REFERENCES users (id),
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  deleted_at       timestamptz
);

CREATE TABLE schema_migrations (
  version     text PRIMARY KEY,
  name        text NOT NULL,
  applied_at  timestamptz NOT NULL DEFAULT now()
);

RESET ROLE;
