-- Generated data for the lab's risk_platform database: deterministic (derived
-- from the row number, no random()), so the figures a test expects can be
-- computed from this file. Runs right after schema.sql, in the same transaction.
--   12 organizations, 600 users (20 admins, 75 managers; every 6th user last
--   logged in 90+ days ago, some never; some suspended, some soft-deleted),
--   300 sessions, 20 000 audit rows over 120 days plus one user's burst of
--   250 exports in the last 3 days (DO-002's anomaly), 300 threats, 500 risks,
--   14 schema migrations.
SET ROLE risk_platform_app;
SET search_path = risk_platform;

INSERT INTO organizations (name, slug, plan, created_at)
SELECT n || ' ' || s, lower(n), (ARRAY['standard', 'enterprise', 'trial'])[1 + i % 3], now() - (400 + i * 30) * interval '1 day'
FROM generate_series(1, 12) AS i,
  LATERAL (SELECT (ARRAY['Northwind', 'Contoso', 'Fabrikam', 'Tailspin', 'Wingtip', 'Litware',
                         'Adatum', 'Proseware', 'Lucerne', 'Margie', 'Fourth', 'Woodgrove'])[i] AS n,
                  (ARRAY['Ltd', 'GmbH', 'SA', 'Inc'])[1 + i % 4] AS s) AS x;

CREATE TEMP TABLE org_n AS SELECT id, slug, row_number() OVER (ORDER BY slug) AS n FROM organizations;

INSERT INTO users (organization_id, email, first_name, last_name, phone, role, status, mfa_enabled,
                   last_login_at, created_at, updated_at, deleted_at)
SELECT o.id,
  format('user%s@%s.example', lpad(i::text, 4, '0'), o.slug),
  (ARRAY['Ada', 'Grace', 'Alan', 'Edsger', 'Barbara', 'Donald', 'Frances', 'Ken', 'Margaret', 'Dennis'])[1 + i % 10],
  (ARRAY['Lovelace', 'Hopper', 'Turing', 'Dijkstra', 'Liskov', 'Knuth', 'Allen', 'Thompson', 'Hamilton', 'Ritchie'])[1 + (i * 7) % 10],
  CASE WHEN i % 3 = 0 THEN NULL ELSE format('+44 20 7946 %s', lpad((i * 13 % 10000)::text, 4, '0')) END,
  CASE WHEN i % 30 = 1 THEN 'admin' WHEN i % 8 = 2 THEN 'manager' WHEN i % 3 = 0 THEN 'viewer' ELSE 'analyst' END,
  CASE WHEN i % 53 = 0 THEN 'pending' WHEN i % 41 = 0 THEN 'suspended' WHEN i % 17 = 0 THEN 'inactive' ELSE 'active' END,
  i % 10 < 7,
  CASE WHEN i % 53 = 0 THEN NULL -- invited, never logged in
       WHEN i % 6 = 0 THEN now() - interval '91 days' - (i % 300) * interval '1 day'
       ELSE now() - (i % 60) * interval '1 day' - (i % 24) * interval '1 hour' END,
  CASE WHEN i % 97 = 0 THEN now() - interval '8 years' ELSE now() - interval '100 days' - (i * 3 % 1500) * interval '1 day' END,
  now() - (i % 30) * interval '1 day',
  CASE WHEN i % 37 = 0 THEN now() - (i % 90) * interval '1 day' END
FROM generate_series(1, 600) AS i
JOIN org_n AS o ON o.n = 1 + i % 12;

CREATE TEMP TABLE user_n AS SELECT id, organization_id, row_number() OVER (ORDER BY email) AS n FROM users;

INSERT INTO user_sessions (user_id, token_hash, ip_address, user_agent, created_at, last_seen_at, expires_at)
SELECT u.id, md5('session-' || i), ('192.168.' || (i % 200) || '.' || (1 + i % 250))::inet,
  'Mozilla/5.0 (X11; Linux x86_64) RiskPlatform/2.1', now() - (i % 48) * interval '1 hour',
  now() - (i % 60) * interval '1 minute', now() + interval '8 hours' - (i % 48) * interval '1 hour'
FROM generate_series(1, 300) AS i
JOIN user_n AS u ON u.n = 1 + (i * 2) % 600;

CREATE TEMP TABLE action_n (n int, action text, entity_type text) ON COMMIT DROP;
INSERT INTO action_n VALUES
  (1, 'login', 'user'), (2, 'logout', 'user'), (3, 'api_request', 'system'), (4, 'api_request', 'system'),
  (5, 'create_threat', 'threat'), (6, 'update_risk', 'risk'), (7, 'delete_threat', 'threat'),
  (8, 'update', 'user'), (9, 'deploy', 'system'), (10, 'configure', 'organization');

INSERT INTO audit_log (user_id, organization_id, action, entity_type, entity_id, ip_address, user_agent,
                       risk_level, old_values, new_values, "timestamp")
SELECT u.id, u.organization_id, a.action, a.entity_type,
  CASE WHEN a.entity_type IN ('threat', 'risk') THEN md5('entity-' || g)::uuid END,
  ('10.' || (g % 250) || '.' || (g * 7 % 250) || '.' || (1 + g * 13 % 250))::inet,
  'Mozilla/5.0 (X11; Linux x86_64) RiskPlatform/2.1',
  CASE WHEN a.action = 'delete_threat' AND g % 4 = 0 THEN 'high' WHEN g % 97 = 0 THEN 'critical'
       WHEN g % 23 = 0 THEN 'medium' ELSE 'low' END,
  CASE WHEN a.action LIKE 'update%' THEN jsonb_build_object('status', 'open') END,
  jsonb_build_object('status', CASE WHEN g % 50 = 0 THEN 'failure' ELSE 'success' END),
  now() - (g % 120) * interval '1 day' - (g * 37 % 86400) * interval '1 second'
FROM generate_series(1, 20000) AS g
JOIN user_n AS u ON u.n = 1 + (g * 31) % 600
JOIN action_n AS a ON a.n = 1 + g % 10;

-- DO-002 step 4: one account far above 100 actions a week.
INSERT INTO audit_log (user_id, organization_id, action, entity_type, ip_address, risk_level, new_values, "timestamp")
SELECT u.id, u.organization_id, 'export', 'user', '203.0.113.77', 'high', '{"status": "success"}',
  now() - (g * 997 % 259200) * interval '1 second'
FROM generate_series(1, 250) AS g
JOIN user_n AS u ON u.n = 7;

INSERT INTO threats (organization_id, title, description, category, severity, status, created_by, created_at, updated_at, deleted_at)
SELECT o.id, format('Threat %s: %s', g, c), 'Generated for the riskctl lab', c,
  (ARRAY['low', 'medium', 'high', 'critical'])[1 + g % 4],
  (ARRAY['open', 'investigating', 'mitigated', 'closed'])[1 + (g / 4) % 4],
  u.id, now() - (g * 2 % 500) * interval '1 day', now() - (g % 20) * interval '1 day',
  CASE WHEN g % 29 = 0 THEN now() - interval '10 days' END
FROM generate_series(1, 300) AS g
JOIN org_n AS o ON o.n = 1 + g % 12
JOIN user_n AS u ON u.n = 1 + (g * 11) % 600,
  LATERAL (SELECT (ARRAY['phishing', 'ransomware', 'insider', 'ddos', 'supply-chain', 'misconfiguration'])[1 + g % 6] AS c) AS x;

INSERT INTO risks (organization_id, threat_id, title, likelihood, impact, status, owner_id, created_at, updated_at, deleted_at)
SELECT t.organization_id, t.id, format('Risk %s', g), 1 + g % 5, 1 + (g * 3) % 5,
  (ARRAY['open', 'accepted', 'treated', 'closed'])[1 + g % 4], t.created_by,
  now() - (g % 400) * interval '1 day', now() - (g % 15) * interval '1 day',
  CASE WHEN g % 31 = 0 THEN now() - interval '5 days' END
FROM generate_series(1, 500) AS g
JOIN (SELECT id, organization_id, created_by, row_number() OVER (ORDER BY title) AS n FROM threats) AS t ON t.n = 1 + g % 300;

INSERT INTO schema_migrations (version, name, applied_at)
SELECT to_char(date_trunc('hour', now()) - (14 - i) * interval '25 days' - interval '2 hours', 'YYYYMMDDHH24MISS'),
  (ARRAY['create_organizations', 'create_users', 'create_user_sessions', 'create_audit_log', 'create_threats',
         'create_risks', 'add_users_mfa_enabled', 'add_audit_log_risk_level', 'index_audit_log_timestamp',
         'add_users_deleted_at', 'add_threats_category', 'add_risks_score', 'index_users_last_login_at',
         'add_user_sessions_last_seen_at'])[i],
  date_trunc('hour', now()) - (14 - i) * interval '25 days' - interval '2 hours' + interval '42 seconds'
FROM generate_series(1, 14) AS i;

RESET ROLE;
-- A reporting role: reads the data, but has no pg_monitor (the degraded view).
GRANT USAGE ON SCHEMA risk_platform TO risk_platform_limited;
GRANT SELECT ON ALL TABLES IN SCHEMA risk_platform TO risk_platform_limited;
