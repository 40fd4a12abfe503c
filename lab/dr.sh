# shellcheck shell=bash
# What BR-002 (Disaster Recovery Testing) needs on a platform host, so the
# built-in BR-002 runs on a lab host as written; sourced by lab/lab.sh after
# platform.sh (uses PLATFORM_DIR, PLAT, the cluster's pg_psql/pg_bin/PG_*,
# BACKUPS_DIR, lab_docker, LAB_USER, die, say).
#
# - $DR_DIR (/opt/disaster-recovery-test, BR-002 step 1's "isolated test
#   environment"): made by the lab, owned by $LAB_USER, so step 1's `mkdir -p`
#   and `cd` work as on a platform host where the operator may create it.
#   Marked .riskctl-lab (and $PLAT/dr-dir-created); --purge removes it.
# - $PLATFORM_DIR/backups -> $BACKUPS_DIR (the lab's backups folder, the one
#   platform.env names) holding last night's full backup as BR-001 would leave
#   it: full_backup_<yesterday>_020000.tar.gz (the schedule's 2:00 AM; its
#   mtime too) + .sha256, made from the lab database (pg_dump -Fc of the
#   risk_platform schema, the compose file, a MANIFEST). Redone when the day
#   moved on (every `up`, also on a lab that is already up); older ones of the
#   lab's go.
# - $DR_SCRIPT (lab/restore-full-backup.sh): the restore script's stand-in. It
#   REALLY restores the archive's dump — into the scratch database $DR_DB of
#   the lab cluster, as $DR_ROLE (owner of $DR_DB and of nothing else), never
#   into $PG_DB — and says what it did.
# - BR-002's `docker network create dr_test_network` is made in the lab engine;
#   `down` removes it (and drops $DR_DB), a test run removes it after itself.

DR_DIR=/opt/disaster-recovery-test
DR_NETWORK=dr_test_network
DR_DB=risk_platform_dr_test
DR_ROLE=risk_platform_dr
DR_SCRIPT=$PLATFORM_DIR/scripts/disaster-recovery/restore-full-backup.sh
DR_BACKUP_TIME=020000

dr_backup_name() { echo "full_backup_$(date -d '1 day ago' +%Y%m%d)_$DR_BACKUP_TIME.tar.gz"; }

dr_files() {
  if [[ -e $DR_DIR && ! -e $DR_DIR/.riskctl-lab && ! -e $PLAT/dr-dir-created ]]; then
    die "$DR_DIR exists and is not the lab's (no .riskctl-lab in it): refusing to touch it"
  fi
  install -d -o "$LAB_USER" -m 0755 "$DR_DIR"
  : >"$PLAT/dr-dir-created"
  [[ -e $DR_DIR/.riskctl-lab ]] || : >"$DR_DIR/.riskctl-lab"
  install -d -m 0755 "$PLATFORM_DIR/scripts" "$PLATFORM_DIR/scripts/disaster-recovery"
  install -m 0755 "$REPO/lab/restore-full-backup.sh" "$DR_SCRIPT"
  ln -sfn "$BACKUPS_DIR" "$PLATFORM_DIR/backups"
}

# The DR role and its scratch database; the role's password is the lab's (secrets/.pgpass, platform.sh).
dr_db() {
  RISKCTL_PW=$(<"$PG_PASSWORD_FILE") pg_psql postgres <<EOF
\\getenv pw RISKCTL_PW
SELECT 'CREATE ROLE $DR_ROLE LOGIN' WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '$DR_ROLE') \\gexec
ALTER ROLE $DR_ROLE PASSWORD :'pw';
SELECT 'CREATE DATABASE $DR_DB OWNER $DR_ROLE' WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = '$DR_DB') \\gexec
EOF
}

# Last night's full backup, from the lab database as it is now; nothing when it is there already.
dr_backup() {
  local name tmp stamp f
  name=$(dr_backup_name)
  stamp="$(date -d '1 day ago' +%Y-%m-%d) ${DR_BACKUP_TIME:0:2}:${DR_BACKUP_TIME:2:2}:${DR_BACKUP_TIME:4:2}"
  if [[ ! -s $BACKUPS_DIR/$name || ! -s $BACKUPS_DIR/${name%.tar.gz}.sha256 ]]; then
    tmp=$(mktemp -d "$PLAT/dr-backup.XXXXXX")
    install -d -m 0755 "$tmp/database" "$tmp/configs"
    runuser -u postgres -- "$(pg_bin)/pg_dump" -h "$PG_SOCK" -p "$PG_PORT" -Fc -n risk_platform --no-owner --no-acl "$PG_DB" \
      >"$tmp/database/$PG_DB.dump" 9>&- || { rm -rf "$tmp"; die "pg_dump of $PG_DB for the DR backup failed"; }
    cp "$PLATFORM_DIR/docker-compose.yml" "$PLATFORM_DIR/platform.env" "$tmp/configs/"
    {
      echo "Risk Platform full backup $name"
      echo "made by the riskctl lab (lab/dr.sh) at $(date -Is), standing in for BR-001's nightly backup of $stamp"
      echo "database/$PG_DB.dump: pg_dump -Fc -n risk_platform --no-owner --no-acl $PG_DB"
      echo "configs/: docker-compose.yml, platform.env (secrets are not in the lab's backups)"
    } >"$tmp/MANIFEST"
    tar -C "$tmp" -czf "$BACKUPS_DIR/$name.tmp" MANIFEST database configs || { rm -rf "$tmp"; die "tar of the DR backup failed"; }
    rm -rf "$tmp"
    mv "$BACKUPS_DIR/$name.tmp" "$BACKUPS_DIR/$name"
    (cd "$BACKUPS_DIR" && sha256sum "$name" >"${name%.tar.gz}.sha256")
    chmod 0644 "$BACKUPS_DIR/$name" "$BACKUPS_DIR/${name%.tar.gz}.sha256"
    touch -d "$stamp" "$BACKUPS_DIR/$name" "$BACKUPS_DIR/${name%.tar.gz}.sha256"
  fi
  # The lab's earlier nights go: one full backup of this kind at a time.
  for f in "$BACKUPS_DIR"/full_backup_*_"$DR_BACKUP_TIME".tar.gz "$BACKUPS_DIR"/full_backup_*_"$DR_BACKUP_TIME".sha256; do
    [[ -e $f && ${f##*/} != "$name" && ${f##*/} != "${name%.tar.gz}.sha256" ]] && rm -f "$f"
  done
  return 0
}

dr_up() {
  dr_files
  dr_db
  dr_backup
  say "dr: $DR_DIR, $PLATFORM_DIR/backups/$(dr_backup_name), restore script into $DR_DB"
}

dr_running() { [[ -d $DR_DIR && -x $DR_SCRIPT && -s $BACKUPS_DIR/$(dr_backup_name) ]]; }

# Before the cluster and dockerd stop: what a DR test left in them.
dr_down() {
  if docker_pid >/dev/null 2>&1; then lab_docker network rm "$DR_NETWORK" >/dev/null 2>&1 || true; fi
  if pg_pid >/dev/null 2>&1; then pg_psql postgres -c "DROP DATABASE IF EXISTS $DR_DB WITH (FORCE)" >/dev/null 2>&1 || true; fi
  return 0
}

dr_purge() { # after dr_down: what the lab added outside $LAB
  if [[ -e $DR_DIR/.riskctl-lab || -e $PLAT/dr-dir-created ]]; then rm -rf "$DR_DIR"; fi
}

dr_json() { # lab.json member (ends with a comma)
  printf '  "dr": { "dir": "%s", "network": "%s", "script": "%s", "database": "%s", "role": "%s",\n' "$DR_DIR" "$DR_NETWORK" "$DR_SCRIPT" "$DR_DB" "$DR_ROLE"
  printf '    "backup": "%s" },\n' "$PLATFORM_DIR/backups/$(dr_backup_name)"
}
