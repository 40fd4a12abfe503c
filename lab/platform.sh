# shellcheck shell=bash
# shellcheck disable=SC2015 # `check && check || die`: die when either check fails, as meant
# What makes a lab host a Risk Platform host, so DO-001 runs there end to end;
# sourced by lab/lab.sh after docker.sh, postgres.sh and prometheus.sh (uses
# their ports, socket and dirs, and lab.sh's die, say, pid_is, stop_tree).
#
# - $PLATFORM_DIR (/opt/risk-platform, the seed's platform folder and the
#   runner's default working dir): docker-compose.yml (the lab's project),
#   platform.env, secrets/.pgpass (the app role, readable by $LAB_USER only),
#   logs -> $LAB/logs (app.log, security.log, nginx/access.log). Refused if
#   the folder exists and is not the lab's (no .riskctl-lab marker).
# - $PLAT/bin/risk-platform (lab/risk-platform): the platform CLI's stand-in,
#   answering from real lab state. On PATH for SSH sessions only (sshd SetEnv,
#   lab.sh), with DOCKER_HOST (the lab engine) and DOCKER_CONFIG, whose
#   cli-plugins/docker-compose makes `docker compose` run Debian's compose v1
#   (Debian 12 ships no compose v2 plugin).
# - The health URLs DO-001 curls, on 127.0.0.1 where every lab host sees them:
#   :3000 forwards to the api container's httpd, :9090 to the lab Prometheus
#   (socat), :3001 is a busybox httpd serving Grafana's health answer (the
#   compose grafana is broken on purpose for the health view). A port another
#   program holds is reported, not taken: DO-001's curl then fails.
# - sudo: /etc/sudoers.d/riskctl-lab grants $LAB_USER exactly `ufw status` and
#   the auth.log grep, NOPASSWD (checked by visudo; removed by `down`).
# - /var/log/auth.log with sshd/sudo lines, when the machine has none (then
#   --purge removes it again).

PLATFORM_DIR=/opt/risk-platform
PLAT=$LAB/platform
SUDOERS_FILE=/etc/sudoers.d/riskctl-lab
AUTH_LOG=/var/log/auth.log
PLATFORM_API_PORT=3000 PLATFORM_PROM_PORT=9090 PLATFORM_GRAFANA_PORT=3001

platform_pid() { # NAME: prints the running forwarder's PID, or fails
  local pid
  [[ -s $PLAT/$1.pid ]] || return 1
  pid=$(<"$PLAT/$1.pid")
  pid_is "$pid" "$(<"$PLAT/$1.match")" && echo "$pid"
}

platform_running() {
  [[ -x $PLAT/bin/risk-platform && -e $PLATFORM_DIR/.riskctl-lab && -s $SUDOERS_FILE ]] || return 1
  local n
  for n in api prometheus grafana; do
    platform_pid "$n" >/dev/null || [[ -e $PLAT/$n.taken ]] || return 1
  done
}

platform_spawn() { # NAME PORT MATCH CMD…: starts a listener on 127.0.0.1:PORT unless running or taken
  local name=$1 port=$2 match=$3 holder
  shift 3
  rm -f "$PLAT/$name.taken"
  platform_pid "$name" >/dev/null && return 0
  if holder=$(ss -Htlnp "sport = :$port" 2>/dev/null) && [[ -n $holder ]]; then
    echo "$holder" >"$PLAT/$name.taken"
    echo "lab: WARNING port $port is taken on this machine ($(echo "$holder" | awk '{ print $4, $6 }' | head -n 1)):" \
      "the platform's $name health URL http://localhost:$port is not the lab's, and DO-001's step 1 fails here" >&2
    return 0
  fi
  echo "$match" >"$PLAT/$name.match"
  echo "--- lab.sh: start $(date -Is)" >>"$PLAT/$name.log"
  setsid "$@" </dev/null >>"$PLAT/$name.log" 2>&1 9>&- &
  echo $! >"$PLAT/$name.pid"
}

platform_wait() { # NAME PORT
  [[ -e $PLAT/$1.taken ]] && return 0
  await_ready "$(<"$PLAT/$1.pid")" 5 "the platform's $1 listener on 127.0.0.1:$2" "$PLAT/$1.log" port_open 127.0.0.1 "$2"
}

platform_files() {
  if [[ -e $PLATFORM_DIR && ! -e $PLATFORM_DIR/.riskctl-lab ]]; then
    die "$PLATFORM_DIR exists and is not the lab's (no .riskctl-lab in it): refusing to touch it"
  fi
  install -d -m 0755 "$PLATFORM_DIR" "$PLATFORM_DIR/secrets" "$PLAT" "$PLAT/bin" "$PLAT/docker-config/cli-plugins" "$PLAT/www/api"
  : >"$PLATFORM_DIR/.riskctl-lab"
  install -m 0755 "$REPO/lab/risk-platform" "$PLAT/bin/risk-platform"
  # `docker compose …` → Debian's compose v1 (the CLI plugin protocol: metadata, then `docker-compose compose ARGS`).
  cat >"$PLAT/docker-config/cli-plugins/docker-compose" <<'EOF'
#!/bin/sh
# written by lab/platform.sh: `docker compose` for the lab user, run by Debian's compose v1
if [ "${1:-}" = docker-cli-plugin-metadata ]; then
  printf '{"SchemaVersion":"0.1.0","Vendor":"riskctl lab","Version":"1.29.2","ShortDescription":"Docker Compose (Debian compose v1)"}\n'
  exit 0
fi
[ "${1:-}" = compose ] && shift
exec /usr/bin/docker-compose --ansi never "$@"
EOF
  chmod 0755 "$PLAT/docker-config/cli-plugins/docker-compose"
  echo '{}' >"$PLAT/docker-config/config.json"
  chmod 0644 "$PLAT/docker-config/config.json"
  install -m 0644 "$DOCKER_DIR/docker-compose.yml" "$PLATFORM_DIR/docker-compose.yml"
  ln -sfn "$LAB_LOGS" "$PLATFORM_DIR/logs"
  cat >"$PLATFORM_DIR/platform.env" <<EOF
# written by lab/platform.sh: what lab/risk-platform reads
PLATFORM_DIR=$PLATFORM_DIR
PLATFORM_PROJECT=$DOCKER_PROJECT
DOCKER_HOST=unix://$DOCKER_SOCK
PGHOST=127.0.0.1
PGPORT=$PG_PORT
PGDATABASE=$PG_DB
PGUSER=$PG_APP_ROLE
PGPASSFILE=$PLATFORM_DIR/secrets/.pgpass
BACKUP_DIR=$BACKUPS_DIR
HEALTH_URLS="http://localhost:$PLATFORM_API_PORT/health http://localhost:$PLATFORM_PROM_PORT/-/healthy http://localhost:$PLATFORM_GRAFANA_PORT/api/health"
DR_TEST_DIR=$DR_DIR
DR_DATABASE=$DR_DB
DR_USER=$DR_ROLE
EOF
  # The app role (risk-platform's questions) and the DR role, for its scratch database only (lab/dr.sh).
  (umask 077; printf '127.0.0.1:%s:*:%s:%s\n127.0.0.1:%s:%s:%s:%s\n' "$PG_PORT" "$PG_APP_ROLE" "$(<"$PG_PASSWORD_FILE")" \
    "$PG_PORT" "$DR_DB" "$DR_ROLE" "$(<"$PG_PASSWORD_FILE")" >"$PLATFORM_DIR/secrets/.pgpass")
  chown "$LAB_USER" "$PLATFORM_DIR/secrets/.pgpass"
  # Grafana's health answer, as Grafana gives it.
  install -d -m 0755 "$PLAT/www/grafana/api"
  printf '{\n  "commit": "lab",\n  "database": "ok",\n  "version": "lab"\n}\n' >"$PLAT/www/grafana/api/health"
  platform_logs
}

# Rewritten at every `up` (the dates move on). Today's lines are stamped just after midnight, so none lies in the future.
platform_logs() { # nginx's access log and auth.log: a few days of plausible lines
  local d i day ts
  install -d -m 0755 "$LAB_LOGS/nginx"
  for d in 2 1 0; do
    day=$(date -d "-$d day" +%d/%b/%Y)
    for i in 1 2 3 4; do
      printf '127.0.0.1 - - [%s:00:0%s:1%s +0000] "GET /api/v1/risks?page=%s HTTP/1.1" 200 %s "-" "risk-platform-web/2.3"\n' "$day" "$i" "$i" "$i" $((1200 + i * 37))
    done
    printf '127.0.0.1 - - [%s:00:05:01 +0000] "POST /api/v1/auth/login HTTP/1.1" 401 64 "-" "curl/7.88.1"\n' "$day"
    printf '127.0.0.1 - - [%s:00:05:02 +0000] "GET /health HTTP/1.1" 200 15 "-" "kube-probe/1.29"\n' "$day"
  done >"$LAB_LOGS/nginx/access.log.tmp"
  chmod 0644 "$LAB_LOGS/nginx/access.log.tmp"
  mv "$LAB_LOGS/nginx/access.log.tmp" "$LAB_LOGS/nginx/access.log"
  # The machine's own auth.log is never touched; the lab writes one only where there is none.
  [[ ! -e $AUTH_LOG || -e $PLAT/auth-log-created ]] || return 0
  : >"$PLAT/auth-log-created"
  {
    # Failed logins, but last month's: DO-001 greps "authentication failure"
    # lines for this month's name and today's day anywhere after it (the
    # seed's loose pattern), and finding none is the good outcome.
    for d in 45 38 33; do
      ts=$(date -d "-$d day" '+%b %e')
      printf '%s 23:41:17 %s sshd[4112]: pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=127.0.0.1  user=admin\n' "$ts" "$(hostname)"
      printf '%s 23:41:19 %s sshd[4112]: Failed password for admin from 127.0.0.1 port 51002 ssh2\n' "$ts" "$(hostname)"
    done
    for d in 3 2 1 0; do
      ts=$(date -d "-$d day" '+%b %e')
      printf '%s 00:1%s:02 %s sshd[40%s1]: Accepted publickey for ops from 127.0.0.1 port 5000%s ssh2: ED25519 SHA256:lab\n' "$ts" "$d" "$(hostname)" "$d" "$d"
      printf '%s 00:1%s:03 %s sudo:      ops : TTY=pts/0 ; PWD=/opt/risk-platform ; USER=root ; COMMAND=/usr/sbin/ufw status\n' "$ts" "$d" "$(hostname)"
    done
  } >"$AUTH_LOG.riskctl-lab"
  chmod 0640 "$AUTH_LOG.riskctl-lab"
  mv "$AUTH_LOG.riskctl-lab" "$AUTH_LOG"
}

platform_sudoers() {
  local tmp
  tmp=$(mktemp "$PLAT/sudoers.XXXXXX")
  cat >"$tmp" <<EOF
# written by lab/lab.sh (lab/platform.sh), removed by \`lab.sh down\`: DO-001's two sudo checks, nothing else
$LAB_USER ALL=(root) NOPASSWD: /usr/sbin/ufw status, /usr/bin/grep authentication\\ failure $AUTH_LOG
EOF
  visudo -cqf "$tmp" || { rm -f "$tmp"; die "the lab's sudoers drop-in does not parse (visudo -c)"; }
  chmod 0440 "$tmp"
  mv "$tmp" "$SUDOERS_FILE"
}

platform_up() {
  command -v sudo >/dev/null && command -v ufw >/dev/null && command -v socat >/dev/null && command -v curl >/dev/null \
    || die "the platform host needs sudo, ufw, socat and curl (apt-get install sudo ufw socat curl; scripts/test-all.sh does it)"
  [[ -d /etc/sudoers.d ]] || die "no /etc/sudoers.d (is sudo installed?)"
  platform_files
  platform_sudoers
  local api prom _g
  read -r api _ _g <"$DOCKER_DIR/ports"
  read -r prom _ <"$PROM_DIR/ports"
  platform_spawn api "$PLATFORM_API_PORT" "TCP-LISTEN:$PLATFORM_API_PORT,bind=127.0.0.1" \
    socat "TCP-LISTEN:$PLATFORM_API_PORT,bind=127.0.0.1,reuseaddr,fork" "TCP:127.0.0.1:$api"
  platform_spawn prometheus "$PLATFORM_PROM_PORT" "TCP-LISTEN:$PLATFORM_PROM_PORT,bind=127.0.0.1" \
    socat "TCP-LISTEN:$PLATFORM_PROM_PORT,bind=127.0.0.1,reuseaddr,fork" "TCP:127.0.0.1:$prom"
  platform_spawn grafana "$PLATFORM_GRAFANA_PORT" "$PLAT/www/grafana" \
    busybox httpd -f -p "127.0.0.1:$PLATFORM_GRAFANA_PORT" -h "$PLAT/www/grafana"
  platform_wait api "$PLATFORM_API_PORT" && platform_wait prometheus "$PLATFORM_PROM_PORT" \
    && platform_wait grafana "$PLATFORM_GRAFANA_PORT" || return 1
  say "platform: $PLATFORM_DIR, risk-platform CLI, sudoers drop-in, health on 127.0.0.1:$PLATFORM_API_PORT/$PLATFORM_PROM_PORT/$PLATFORM_GRAFANA_PORT"
}

platform_stop() { # NAME
  local pid
  if pid=$(platform_pid "$1"); then stop_tree "$pid"; fi
  rm -f "$PLAT/$1.pid" "$PLAT/$1.taken"
}

platform_down() {
  local n
  [[ -d $PLAT ]] && for n in api prometheus grafana; do platform_stop "$n"; done
  rm -f "$SUDOERS_FILE" # the privilege goes with the lab
}

platform_purge() { # after platform_down: what the lab added outside $LAB
  if [[ -e $PLATFORM_DIR/.riskctl-lab ]]; then rm -rf "$PLATFORM_DIR"; fi
  if [[ -e $PLAT/auth-log-created ]]; then rm -f "$AUTH_LOG"; fi
}

platform_json() { # lab.json member (ends with a comma)
  local taken='' n sep=''
  for n in api prometheus grafana; do [[ -e $PLAT/$n.taken ]] && { taken+="$sep\"$n\""; sep=', '; }; done
  printf '  "platform": { "dir": "%s", "cli": "%s", "sudoers": "%s", "authLog": "%s",\n' "$PLATFORM_DIR" "$PLAT/bin/risk-platform" "$SUDOERS_FILE" "$AUTH_LOG"
  printf '    "health": { "api": "http://localhost:%s/health", "prometheus": "http://localhost:%s/-/healthy", "grafana": "http://localhost:%s/api/health" },\n' \
    "$PLATFORM_API_PORT" "$PLATFORM_PROM_PORT" "$PLATFORM_GRAFANA_PORT"
  printf '    "portsTaken": [%s] },\n' "$taken"
}
