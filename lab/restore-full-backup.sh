#!/bin/bash
# restore-full-backup.sh — the lab's stand-in for the Risk Platform's own
# disaster-recovery restore script (/opt/risk-platform/scripts/disaster-recovery/,
# which exists nowhere outside the platform), installed there by lab/dr.sh.
#
#   restore-full-backup.sh BACKUP_FILE
#
# BACKUP_FILE is a path, or a pattern: BR-002 passes "$BACKUP_FILE" quoted,
# so full_backup_<yesterday>_*.tar.gz reaches the script unexpanded; it is
# expanded here and the last match (by name: the newest stamp) is used.
#
# It REALLY restores: the archive's checksum is verified against its .sha256
# when there is one, database/risk_platform.dump (pg_dump -Fc) is restored into
# the DR test's scratch database ($DR_DATABASE, risk_platform_dr_test) of the
# lab cluster as $DR_USER — replacing what an earlier test left there — and the
# restored tables are counted. The platform's own database is never a target
# (refused by name; the DR role owns the scratch database and nothing else).
# configs/ are listed, not applied. Nothing stays behind but the scratch
# database: the archive is extracted into a temporary folder removed on exit.
#
# Exit: 0 restored, 1 the restore failed, 2 usage or no such backup.
set -euo pipefail

PLATFORM_ENV=${RISK_PLATFORM_ENV:-/opt/risk-platform/platform.env}
[[ -r $PLATFORM_ENV ]] || { echo "restore-full-backup: cannot read $PLATFORM_ENV (is this a platform host?)" >&2; exit 1; }
# shellcheck source=/dev/null
. "$PLATFORM_ENV"
export PGHOST PGPORT PGPASSFILE
unset PGDATABASE PGUSER
: "${DR_DATABASE:?platform.env names no DR_DATABASE}" "${DR_USER:?platform.env names no DR_USER}"
PLATFORM_DB=risk_platform

fail() { echo "restore FAILED: $*" >&2; exit 1; }

[[ $# -eq 1 && -n $1 ]] || { echo "usage: restore-full-backup.sh BACKUP_FILE (a path or a pattern)" >&2; exit 2; }
case $DR_DATABASE in
  "$PLATFORM_DB" | postgres | template0 | template1) fail "the DR test never restores into $DR_DATABASE" ;;
esac

started=$(date +%s)
echo "restore-full-backup.sh on $(hostname) at $(date -u +%Y-%m-%dT%H:%M:%SZ)"
backup=$1
if [[ ! -f $backup ]]; then
  mapfile -t matches < <(compgen -G "$backup" | sort)
  ((${#matches[@]} > 0)) || { echo "restore-full-backup: no backup matches $backup" >&2; exit 2; }
  echo "pattern:  $backup — ${#matches[@]} match(es), the newest used"
  backup=${matches[-1]}
fi
[[ -f $backup && -r $backup ]] || { echo "restore-full-backup: not a readable file: $backup" >&2; exit 2; }
echo "backup:   $backup ($(stat -c %s "$backup") bytes, made $(date -u -r "$backup" +%Y-%m-%dT%H:%M:%SZ))"

sum=${backup%.tar.gz}.sha256
if [[ -f $sum ]]; then
  (cd "$(dirname "$backup")" && sha256sum --status -c "$(basename "$sum")") || fail "checksum mismatch ($sum)"
  echo "checksum: OK ($(basename "$sum"))"
else
  echo "checksum: none beside the archive (no $(basename "$sum"))"
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/dr-restore.XXXXXX")
trap 'rm -rf "$work"' EXIT
tar -C "$work" -xzf "$backup" || fail "cannot extract $backup"
dump=$work/database/$PLATFORM_DB.dump
[[ -s $dump ]] || fail "the archive holds no database/$PLATFORM_DB.dump"
echo "archive:  $(cd "$work" && find . -type f | sed 's|^\./||' | sort | tr '\n' ' ')"
[[ -s $work/MANIFEST ]] && sed 's/^/          /' "$work/MANIFEST"

# A full restore replaces the schema: what an earlier restore left goes first.
PGOPTIONS='-c client_min_messages=warning' psql -X -q -v ON_ERROR_STOP=1 -U "$DR_USER" -d "$DR_DATABASE" \
  -c 'DROP SCHEMA IF EXISTS risk_platform CASCADE' 2>&1 \
  || fail "cannot clear $DR_DATABASE as $DR_USER"
pg_restore --no-owner --no-acl --exit-on-error -U "$DR_USER" -d "$DR_DATABASE" "$dump" 2>&1 \
  || fail "pg_restore into $DR_DATABASE failed"
echo "database: restored into $DR_DATABASE on $PGHOST:$PGPORT as $DR_USER (the DR test's scratch database)"
echo "          $PLATFORM_DB, the platform's own, is not touched"
counts=$(psql -X -At -F ' ' -v ON_ERROR_STOP=1 -U "$DR_USER" -d "$DR_DATABASE" -c "
  SELECT 'tables', count(*) FROM information_schema.tables WHERE table_schema = 'risk_platform'
  UNION ALL SELECT 'users', count(*) FROM risk_platform.users
  UNION ALL SELECT 'organizations', count(*) FROM risk_platform.organizations
  UNION ALL SELECT 'threats', count(*) FROM risk_platform.threats
  UNION ALL SELECT 'risks', count(*) FROM risk_platform.risks
  UNION ALL SELECT 'audit_log', count(*) FROM risk_platform.audit_log" 2>&1) || fail "cannot count the restored rows: $counts"
echo "restored: $(echo "$counts" | paste -sd, | sed 's/,/, /g')"
echo "configs:  $(cd "$work" && find configs -type f 2>/dev/null | sort | tr '\n' ' ')— not applied (the DR test restores the database)"
echo "restore completed in $(($(date +%s) - started)) s"
