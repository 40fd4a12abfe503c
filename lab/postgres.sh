# shellcheck shell=bash
# The lab's PostgreSQL cluster, sourced by lab.sh (uses its LAB, REPO, die,
# say, pid_is, alive, wait_gone). One cluster on 127.0.0.1:$PG_PORT serves
# every lab host: they are all this machine, so each host's tunnel reaches it.
#
# TCP logins need a password (scram-sha-256), so riskctl's password path is
# really exercised; only the local socket, which the lab uses to seed, trusts.
# The data dir is kept across down/up (initdb and the seed run once, ~2 s);
# the seed is redone when lab/sql/*.sql change (their hash is the database's
# comment).

PG_PORT=${RISKCTL_LAB_PG_PORT:-55432}
if ! [[ $PG_PORT =~ ^[0-9]+$ ]] || ((PG_PORT < 1024 || PG_PORT > 65535)); then die "RISKCTL_LAB_PG_PORT: not a port: $PG_PORT"; fi
PG_DIR=$LAB/postgres
PG_DATA=$PG_DIR/data
PG_SOCK=$PG_DIR/run
PG_DB=risk_platform
PG_APP_ROLE=risk_platform_app
PG_LIMITED_ROLE=risk_platform_limited
PG_PASSWORD_ENV=RISKCTL_LAB_PG_PASSWORD
PG_PASSWORD_FILE=$LAB/pg-password # root-only; tests and `lab.sh try` export it as $PG_PASSWORD_ENV
BACKUPS_DIR=$LAB/backups

pg_bin() {
  local d
  d=$(compgen -G '/usr/lib/postgresql/*/bin' | sort -V | tail -n 1) || true
  [[ -n $d && -x $d/initdb ]] || die "PostgreSQL is not installed (apt-get install postgresql postgresql-contrib; scripts/test-all.sh does it)"
  echo "$d"
}

pg_pid() { # prints the running postmaster's PID, or fails
  local pid
  [[ -s $PG_DIR/postgres.pid ]] || return 1
  pid=$(<"$PG_DIR/postgres.pid")
  pid_is "$pid" "$PG_DATA" && echo "$pid"
}

# As the superuser over the local socket (trust). Statements come on stdin.
pg_psql() { # DB [psql args…]
  local db=$1; shift
  PGOPTIONS='-c client_min_messages=warning' runuser -u postgres -- "$(pg_bin)/psql" -X -q -v ON_ERROR_STOP=1 -h "$PG_SOCK" -p "$PG_PORT" -d "$db" "$@" 9>&-
}

pg_init() {
  local bin
  bin=$(pg_bin)
  id -u postgres >/dev/null 2>&1 || die "no 'postgres' user (the postgresql package creates it)"
  install -d -m 0755 "$PG_DIR"
  install -d -o postgres -g postgres -m 0700 "$PG_SOCK"
  if [[ ! -s $PG_DATA/PG_VERSION ]]; then
    rm -rf "$PG_DATA"
    install -d -o postgres -g postgres -m 0700 "$PG_DATA"
    # PostgreSQL refuses to run as root.
    runuser -u postgres -- "$bin/initdb" -D "$PG_DATA" -U postgres --auth=trust --no-sync -E UTF8 --no-locale \
      >"$PG_DIR/initdb.log" 2>&1 9>&- || { tail -n 20 "$PG_DIR/initdb.log" >&2; die "initdb failed"; }
    cat >>"$PG_DATA/postgresql.conf" <<'EOF'
# riskctl lab (lab/postgres.sh); listen address, port and socket dir come from the command line
fsync = off
synchronous_commit = off
full_page_writes = off
shared_preload_libraries = 'pg_stat_statements'
pg_stat_statements.track = all
password_encryption = 'scram-sha-256'
max_connections = 100
EOF
  fi
  # Rewritten on every start: trust only on the socket, passwords on TCP.
  cat >"$PG_DATA/pg_hba.conf" <<'EOF'
# riskctl lab (lab/postgres.sh)
local all all                trust
host  all all 127.0.0.1/32   scram-sha-256
host  all all ::1/128        scram-sha-256
EOF
  chown postgres:postgres "$PG_DATA/pg_hba.conf"
  if [[ ! -s $PG_PASSWORD_FILE ]]; then
    (umask 077; head -c 18 /dev/urandom | base64 | tr -d '/+=' >"$PG_PASSWORD_FILE")
  fi
}

pg_start() {
  local bin pid
  if pg_pid >/dev/null; then return 0; fi
  pg_init
  bin=$(pg_bin)
  rm -f "$PG_DIR/postgres.pid"
  echo "--- lab.sh: start $(date -Is)" >>"$PG_DIR/postgres.log"
  chown postgres:postgres "$PG_DIR/postgres.log"
  # setsid: a Ctrl-C for the foreground program must not reach the postmaster.
  runuser -u postgres -- setsid -w "$bin/pg_ctl" start -w -t 30 -D "$PG_DATA" -l "$PG_DIR/postgres.log" \
    -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -k $PG_SOCK" </dev/null >/dev/null 2>&1 9>&- || {
    tail -n 15 "$PG_DIR/postgres.log" >&2
    die "PostgreSQL did not start on 127.0.0.1:$PG_PORT"
  }
  pid=$(head -n 1 "$PG_DATA/postmaster.pid")
  pid_is "$pid" "$PG_DATA" || die "PostgreSQL started but $PG_DATA/postmaster.pid names no postmaster"
  echo "$pid" >"$PG_DIR/postgres.pid"
}

# Fast shutdown (SIGINT): sessions are ended, no waiting for clients.
pg_stop() {
  local pid
  if pid=$(pg_pid); then
    kill -INT "$pid" 2>/dev/null || true
    wait_gone 15 "$pid" || { kill -QUIT "$pid" 2>/dev/null || true; wait_gone 5 "$pid" || die "PostgreSQL ($pid) would not stop"; }
  fi
  rm -f "$PG_DIR/postgres.pid"
}

pg_seed_version() { cat "$REPO"/lab/sql/schema.sql "$REPO"/lab/sql/seed.sql | sha256sum | cut -c1-16; }

pg_seed() {
  local want have
  want=$(pg_seed_version)
  # Roles and their password: every start, so a new password file takes effect.
  RISKCTL_PW=$(<"$PG_PASSWORD_FILE") pg_psql postgres <<EOF
\\getenv pw RISKCTL_PW
SELECT format('CREATE ROLE %I LOGIN', r) FROM unnest(ARRAY['$PG_APP_ROLE', '$PG_LIMITED_ROLE']) AS r
WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = r) \\gexec
ALTER ROLE $PG_APP_ROLE PASSWORD :'pw';
ALTER ROLE $PG_LIMITED_ROLE PASSWORD :'pw';
GRANT pg_monitor TO $PG_APP_ROLE;
EOF
  have=$(pg_psql postgres -tA -c "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = '$PG_DB'")
  [[ $have == "lab seed $want" ]] && return 0
  say "seeding $PG_DB (lab/sql, version $want)"
  pg_psql postgres -c "DROP DATABASE IF EXISTS $PG_DB WITH (FORCE)" -c "CREATE DATABASE $PG_DB"
  pg_psql "$PG_DB" -1 -f "$REPO/lab/sql/schema.sql" -f "$REPO/lab/sql/seed.sql" >/dev/null
  pg_psql "$PG_DB" -c "ANALYZE" -c "COMMENT ON DATABASE $PG_DB IS 'lab seed $want'"
}

# Backups as BR-001 leaves them; the newest is 3 hours old at every `up`.
backups_up() {
  local now
  now=$(date +%s)
  install -d -m 0755 "$BACKUPS_DIR" "$BACKUPS_DIR/database"
  printf 'riskctl lab: not a real dump\n' >"$BACKUPS_DIR/database/risk_platform_lab.dump"
  printf 'riskctl lab: not a real archive\n' >"$BACKUPS_DIR/full_backup_lab.tar.gz"
  printf '%s  full_backup_lab.tar.gz\n' "$(sha256sum <"$BACKUPS_DIR/full_backup_lab.tar.gz" | cut -d' ' -f1)" >"$BACKUPS_DIR/full_backup_lab.sha256"
  chmod 0644 "$BACKUPS_DIR"/database/* "$BACKUPS_DIR"/full_backup_lab.*
  touch -d "@$((now - 27 * 3600))" "$BACKUPS_DIR/full_backup_lab.tar.gz" "$BACKUPS_DIR/full_backup_lab.sha256"
  touch -d "@$((now - 3 * 3600))" "$BACKUPS_DIR/database/risk_platform_lab.dump"
}

pg_up() {
  pg_start
  pg_seed
  backups_up
}

pg_down() { pg_stop; }

# One line per host in riskctl.yaml (every lab host reaches the one cluster).
pg_yaml() {
  echo "    postgres: { host: 127.0.0.1, port: $PG_PORT, database: $PG_DB, user: $PG_APP_ROLE, passwordEnv: $PG_PASSWORD_ENV }"
  echo "    backups: { dir: $BACKUPS_DIR }"
}

# lab.json's "postgres" and "backups" members, each line ending in a comma.
pg_json() {
  printf '  "postgres": { "host": "127.0.0.1", "port": %s, "database": "%s", "superuser": "postgres", "socketDir": "%s",\n' "$PG_PORT" "$PG_DB" "$PG_SOCK"
  printf '    "roles": { "app": "%s", "limited": "%s" }, "passwordEnv": "%s", "passwordFile": "%s",\n' "$PG_APP_ROLE" "$PG_LIMITED_ROLE" "$PG_PASSWORD_ENV" "$PG_PASSWORD_FILE"
  printf '    "bin": "%s", "pidFile": "%s", "logFile": "%s" },\n' "$(pg_bin)" "$PG_DIR/postgres.pid" "$PG_DIR/postgres.log"
  printf '  "backups": { "dir": "%s", "newest": "%s" },\n' "$BACKUPS_DIR" "$BACKUPS_DIR/database/risk_platform_lab.dump"
}
