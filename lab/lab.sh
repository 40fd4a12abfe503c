#!/usr/bin/env bash
# The lab: real daemons on loopback that the integration tests (and a person
# trying riskctl) run against. See lab/README.md.
#
#   lab.sh up [N]          start N OpenSSH hosts (default 3); idempotent
#   lab.sh down [--purge]  stop everything the lab started (--purge: forget keys too)
#   lab.sh host-stop I     stop host I and drop its open connections (fault tests)
#   lab.sh host-start I    start host I again, same host key
#   lab.sh pg-stop         stop PostgreSQL (fast shutdown; fault tests)
#   lab.sh pg-start        start PostgreSQL again, same data
#   lab.sh docker-stop     stop dockerd (its containers stop with it; fault tests)
#   lab.sh docker-start    start dockerd again; the project's containers come back
#   lab.sh platform-stop N stop the platform's health listener N (api|prometheus|grafana; fault tests)
#   lab.sh platform-start  start the platform's health listeners again
#   lab.sh status          one line per host: name address:port up|down [pid]
#   lab.sh try [ARGS]      up 3, build, run riskctl against the lab in the foreground
#   lab.sh acquire N ID    up N for test run ID (its PID); runs share the lab
#   lab.sh release [ID]    end run ID; the last run out stops the lab if a test run started it
#
# Each kind of service is a pair of functions (ssh_up/ssh_down, docker_,
# pg_, prom_ …) called from cmd_up/cmd_down; write_outputs
# assembles lab.json and riskctl.yaml from what is running.
# shellcheck disable=SC2015 # `check && check || die`: die when either check fails, as meant
set -euo pipefail
# The lab's daemons outlive a test run: their temporary files go to /tmp, not to a run's TMPDIR.
export TMPDIR=/tmp

LAB=${RISKCTL_LAB_DIR:-/tmp/riskctl-lab}
LAB_USER=riskctl-lab
# Two more logins on every host, for the procedure runner's shell tests: one
# whose login shell is bash (LAB_USER's is /bin/sh), one that finds no bash.
LAB_USER_BASH=riskctl-lab-bash
LAB_USER_NOBASH=riskctl-lab-nobash
SSH_PORT=2222
SSHD_LOGLEVEL=${RISKCTL_LAB_SSHD_LOGLEVEL:-VERBOSE} # VERBOSE: the bench counts exec channels in the log
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

die() { echo "lab: $*" >&2; exit 1; }
say() { echo "lab: $*"; }

# The dir ends up verbatim in sshd_config, YAML and JSON: a tame charset means
# nothing ever needs quoting or escaping in any of them.
[[ $LAB == /* && $LAB =~ ^[A-Za-z0-9._/+-]+$ && $LAB != / ]] \
  || die "RISKCTL_LAB_DIR must be an absolute path of [A-Za-z0-9._/+-] (got '$LAB')"
[[ $SSHD_LOGLEVEL =~ ^[A-Z0-9]+$ ]] || die "RISKCTL_LAB_SSHD_LOGLEVEL: not a LogLevel: $SSHD_LOGLEVEL"

need_root() { [[ $(id -u) == 0 ]] || die "must run as root (creates $LAB_USER, /run/sshd, binds daemons)"; }

# One lock for every command that changes the lab: parallel test runs share it.
# Daemons must not inherit fd 9 (they would hold the lock forever): see 9>&-.
lab_lock() {
  install -d -m 0755 "$LAB"
  chmod 0755 "$LAB" # sshd reads authorized_keys as $LAB_USER
  [[ -e $LAB/.riskctl-lab ]] || : >"$LAB/.riskctl-lab" # marks the dir as ours for --purge
  exec 9>"$LAB/.lock"
  flock -w 120 9 || die "another lab.sh holds $LAB/.lock for over 120 s"
}
lab_unlock() { exec 9>&-; }

# --- processes --------------------------------------------------------------
# A PID counts only while it is alive, not a zombie, and still runs the
# command line we started (MATCH): PIDs get reused.
pid_is() { # PID MATCH
  local cmd
  [[ -r /proc/$1/cmdline ]] || return 1
  grep -q '^State:[[:space:]]*Z' "/proc/$1/status" 2>/dev/null && return 1
  cmd=$(tr '\0' ' ' <"/proc/$1/cmdline" 2>/dev/null) || return 1
  [[ $cmd == *"$2"* ]]
}
alive() { [[ -d /proc/$1 ]] && ! grep -q '^State:[[:space:]]*Z' "/proc/$1/status" 2>/dev/null; }

# Runs CHECK... every 0.05 s for up to SECONDS while PID lives; else says WHAT
# did not come up, with the end of its LOG.
await_ready() { # PID SECONDS WHAT LOG CHECK...
  local pid=$1 secs=$2 what=$3 log=$4
  shift 4
  for _ in $(seq $((secs * 20))); do
    alive "$pid" || break
    "$@" && return 0
    sleep 0.05
  done
  echo "lab: $what did not come up; end of $log:" >&2
  tail -n 15 "$log" >&2 || true
  return 1
}

port_open() { (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; } # ADDR PORT

descendants() { # PID: every process below it, depth first
  local c
  for c in $(ps -o pid= --ppid "$1" 2>/dev/null); do echo "$c"; descendants "$c"; done
}

# Stops PID and everything below it. sshd's per-connection processes outlive
# their listener (and re-parent to init, losing the link), so freeze the
# listener first — no new forks — then collect the tree, then signal it.
stop_tree() { # PID
  local pid=$1 pids kids
  kill -STOP "$pid" 2>/dev/null || return 0
  mapfile -t kids < <(descendants "$pid")
  pids=("$pid" "${kids[@]}")
  kill -TERM "${pids[@]}" 2>/dev/null || true
  kill -CONT "$pid" 2>/dev/null || true
  wait_gone 3 "${pids[@]}" && return 0
  kill -KILL "${pids[@]}" 2>/dev/null || true
  wait_gone 2 "${pids[@]}" || die "processes ${pids[*]} would not stop"
}
wait_gone() { # SECONDS PID…
  local n=$(($1 * 20)) p
  shift
  while ((n-- > 0)); do
    for p; do alive "$p" && { sleep 0.05; continue 2; }; done
    return 0
  done
  return 1
}

# --- OpenSSH hosts -------------------------------------------------------------
host_dir() { echo "$LAB/hosts/lab-$1"; }
host_addr() { echo "127.0.0.$(($1 + 1))"; }
host_pid() { # I: prints the running listener's PID, or fails
  local d pid
  d=$(host_dir "$1")
  [[ -s $d/sshd.pid ]] || return 1
  pid=$(<"$d/sshd.pid")
  pid_is "$pid" "$d/sshd_config" && echo "$pid"
}
lab_size() { [[ -s $LAB/size ]] && cat "$LAB/size" || echo 0; }

ensure_user() {
  if ! id -u "$LAB_USER" >/dev/null 2>&1; then
    # /bin/sh, not bash: a login shell's start-up is paid on every exec.
    useradd -m -d "/var/lib/$LAB_USER" -s /bin/sh "$LAB_USER"
  fi
  # useradd leaves the account locked ('!'), and sshd refuses locked accounts
  # even for key logins; '*' = no password, not locked.
  [[ $(getent shadow "$LAB_USER" | cut -d: -f2) == '*' ]] || usermod -p '*' "$LAB_USER"
  # Docker-socket forwarding runs as this user.
  if getent group docker >/dev/null && ! id -nG "$LAB_USER" | grep -qw docker; then
    usermod -aG docker "$LAB_USER"
  fi
  install -d -m 0755 /run/sshd # privilege-separation dir; no systemd here to create it
}

ensure_shell_users() {
  local f
  id -u "$LAB_USER_BASH" >/dev/null 2>&1 || useradd -m -d "/var/lib/$LAB_USER_BASH" -s /bin/bash "$LAB_USER_BASH"
  # A host without bash, as far as its PATH says: every command of /usr/bin but bash and rbash.
  install -d -m 0755 "$LAB/nobash" "$LAB/nobash/bin"
  for f in /usr/bin/*; do
    case ${f##*/} in bash | rbash) continue ;; esac
    [[ -e $LAB/nobash/bin/${f##*/} ]] || ln -s "$f" "$LAB/nobash/bin/${f##*/}"
  done
  printf '#!/bin/sh\nPATH=%s/nobash/bin; export PATH\nexec /bin/sh "$@"\n' "$LAB" >"$LAB/nobash/sh.tmp"
  chmod 0755 "$LAB/nobash/sh.tmp" && mv "$LAB/nobash/sh.tmp" "$LAB/nobash/sh"
  id -u "$LAB_USER_NOBASH" >/dev/null 2>&1 || useradd -m -d "/var/lib/$LAB_USER_NOBASH" -s "$LAB/nobash/sh" "$LAB_USER_NOBASH"
  for f in "$LAB_USER_BASH" "$LAB_USER_NOBASH"; do
    [[ $(getent shadow "$f" | cut -d: -f2) == '*' ]] || usermod -p '*' "$f"
  done
}

shell_users_up() {
  local i
  ensure_shell_users
  for ((i = 1; i <= $(lab_size); i++)); do reload_sshd "$i"; done
  grep -q '"shellUsers"' "$LAB/lab.json" || write_outputs
}

ensure_client_key() {
  install -d -m 0755 "$LAB/client"
  [[ -s $LAB/client/id_ed25519 ]] || ssh-keygen -q -t ed25519 -N '' -C riskctl-lab-client -f "$LAB/client/id_ed25519"
  install -m 0644 "$LAB/client/id_ed25519.pub" "$LAB/client/authorized_keys"
  runuser -u "$LAB_USER" -- test -r "$LAB/client/authorized_keys" \
    || die "$LAB_USER cannot read $LAB/client/authorized_keys: every parent of $LAB must be world-traversable"
}

ensure_host_key() { # I — kept across down/up: a known_hosts stays valid and start-up stays fast
  local d
  d=$(host_dir "$1")
  install -d -m 0755 "$d"
  [[ -s $d/ssh_host_ed25519_key ]] || ssh-keygen -q -t ed25519 -N '' -C "lab-$1" -f "$d/ssh_host_ed25519_key"
}

write_sshd_config() { # I — rewritten on every start so env overrides apply
  local d addr
  d=$(host_dir "$1") addr=$(host_addr "$1")
  cat >"$d/sshd_config" <<EOF
# lab-$1, written by lab/lab.sh
ListenAddress $addr
Port $SSH_PORT
HostKey $d/ssh_host_ed25519_key
PidFile none
UsePAM no
StrictModes no
PasswordAuthentication no
KbdInteractiveAuthentication no
PubkeyAuthentication yes
PermitRootLogin no
AuthorizedKeysFile $LAB/client/authorized_keys
AllowUsers $LAB_USER $LAB_USER_BASH $LAB_USER_NOBASH
AllowTcpForwarding yes
AllowStreamLocalForwarding yes
Subsystem sftp internal-sftp
PrintMotd no
PrintLastLog no
UseDNS no
LogLevel $SSHD_LOGLEVEL
MaxSessions 50
MaxStartups 100
# A Risk Platform host (lab/platform.sh): its CLI, the lab engine, docker compose
SetEnv PATH=$PLAT/bin:/usr/local/bin:/usr/bin:/bin DOCKER_HOST=unix://$DOCKER_SOCK DOCKER_CONFIG=$PLAT/docker-config
EOF
}

write_known_hosts() { # N
  local i
  for ((i = 1; i <= $1; i++)); do
    echo "[$(host_addr "$i")]:$SSH_PORT $(cut -d' ' -f1,2 "$(host_dir "$i")/ssh_host_ed25519_key.pub")"
  done >"$LAB/known_hosts.tmp"
  mv "$LAB/known_hosts.tmp" "$LAB/known_hosts"
}

spawn_sshd() { # I — returns at once; wait_sshd checks it came up
  local d
  d=$(host_dir "$1")
  write_sshd_config "$1"
  echo "--- lab.sh: start $(date -Is)" >>"$d/sshd.log" # so a tail shows this start's lines
  # setsid: a Ctrl-C meant for the foreground program (vitest, riskctl) must
  # not reach the daemons. No fork there, so $! is sshd's own PID.
  setsid /usr/sbin/sshd -D -e -f "$d/sshd_config" </dev/null >>"$d/sshd.log" 2>&1 9>&- &
  echo $! >"$d/sshd.pid"
}

reload_sshd() { # I: a running host whose config changed (a lab.sh update) re-reads it; its sessions stay
  local d pid
  d=$(host_dir "$1")
  pid=$(host_pid "$1") || return 0
  cp "$d/sshd_config" "$d/sshd_config.old"
  write_sshd_config "$1"
  cmp -s "$d/sshd_config" "$d/sshd_config.old" && { rm -f "$d/sshd_config.old"; return 0; }
  rm -f "$d/sshd_config.old"
  kill -HUP "$pid" # sshd re-executes itself with the same PID and arguments
  wait_sshd "$1" || die "lab-$1 did not come back after reloading its config"
  say "lab-$1 reloaded its sshd_config"
}

wait_sshd() { # I: port accepts, then a real key login with strict host key checking
  local d addr pid
  d=$(host_dir "$1") addr=$(host_addr "$1") pid=$(<"$(host_dir "$1")/sshd.pid")
  for _ in $(seq 100); do # 5 s
    alive "$pid" || break
    if pid_is "$pid" "$d/sshd_config" && port_open "$addr" "$SSH_PORT"; then
      lab_ssh "$addr" true && alive "$pid" && return 0
      break
    fi
    sleep 0.05
  done
  echo "lab: lab-$1 ($addr:$SSH_PORT) did not come up; end of $d/sshd.log:" >&2
  # Only this start's lines (the log is appended to across starts).
  awk '/^--- lab.sh: start/ { buf = "" } { buf = buf $0 "\n" } END { printf "%s", buf }' "$d/sshd.log" | tail -n 15 >&2 || true
  return 1
}

lab_ssh() { # ADDR CMD… — exactly the trust a client of the lab gets: its key, its known_hosts
  local addr=$1; shift
  ssh -F /dev/null -n -i "$LAB/client/id_ed25519" -o IdentitiesOnly=yes -o BatchMode=yes \
    -o UserKnownHostsFile="$LAB/known_hosts" -o GlobalKnownHostsFile=/dev/null \
    -o StrictHostKeyChecking=yes -o ConnectTimeout=5 -o LogLevel=ERROR \
    -p "$SSH_PORT" "$LAB_USER@$addr" "$@" 9>&-
}

ssh_up() { # N: start hosts 1..N that are not running (others are left alone)
  local n=$1 size i rc=0 started=() waits=()
  size=$(lab_size); ((size > n)) || size=$n
  ensure_user
  ensure_shell_users
  ensure_client_key
  for ((i = 1; i <= n; i++)); do ensure_host_key "$i"; done
  echo "$size" >"$LAB/size"
  write_known_hosts "$size"
  for ((i = 1; i <= n; i++)); do
    host_pid "$i" >/dev/null || { spawn_sshd "$i"; started+=("$i"); }
  done
  for ((i = 1; i <= size; i++)); do reload_sshd "$i"; done
  # Wait for all in parallel: the hosts start side by side, not one by one.
  for i in "${started[@]}"; do wait_sshd "$i" & waits+=($!); done
  for i in "${waits[@]}"; do wait "$i" || rc=1; done
  ((rc == 0)) || return 1
  ((${#started[@]} == 0)) || say "started ${started[*]/#/lab-}"
}

ssh_down() {
  local f
  for f in "$LAB"/hosts/lab-*/sshd.pid; do
    [[ -e $f ]] || continue
    host_stop "$(basename "$(dirname "$f")" | sed 's/^lab-//')"
  done
}

host_stop() { # I
  local pid d
  d=$(host_dir "$1")
  if pid=$(host_pid "$1"); then stop_tree "$pid"; fi
  rm -f "$d/sshd.pid"
}

# --- Prometheus + Alertmanager --------------------------------------------------
# shellcheck source=lab/prometheus.sh
source "$REPO/lab/prometheus.sh"

# --- PostgreSQL + backups folder ------------------------------------------------
# shellcheck source=lab/postgres.sh
source "$REPO/lab/postgres.sh"

# --- Docker engine + the risk-platform compose project, log files --------------
# shellcheck source=lab/docker.sh
source "$REPO/lab/docker.sh"

# --- the Risk Platform on the hosts: CLI, platform folder, health ports, sudo
# shellcheck source=lab/platform.sh
source "$REPO/lab/platform.sh"

# --- what BR-002 (the DR test) needs: its folder, last night's backup, the restore script
# shellcheck source=lab/dr.sh
source "$REPO/lab/dr.sh"

# --- outputs -------------------------------------------------------------------
write_outputs() {
  local size i d addr tags sep=''
  size=$(lab_size)
  {
    echo "# riskctl config for the lab, written by lab/lab.sh"
    echo "hosts:"
    for ((i = 1; i <= size; i++)); do
      tags='[lab]'; ((i == 1)) && tags='[lab, production]' # so the production marker shows
      echo "  - name: lab-$i"
      echo "    ssh: { host: $(host_addr "$i"), port: $SSH_PORT, user: $LAB_USER, identityFile: $LAB/client/id_ed25519, knownHosts: $LAB/known_hosts }"
      echo "    tags: $tags"
      pg_yaml
      docker_yaml
    done
    prom_yaml
  } >"$LAB/riskctl.yaml.tmp"
  {
    echo "# ssh -F $LAB/ssh_config lab-2 — written by lab/lab.sh"
    for ((i = 1; i <= size; i++)); do printf 'Host lab-%s\n  HostName %s\n' "$i" "$(host_addr "$i")"; done
    cat <<EOF
Host lab-*
  Port $SSH_PORT
  User $LAB_USER
  IdentityFile $LAB/client/id_ed25519
  IdentitiesOnly yes
  UserKnownHostsFile $LAB/known_hosts
  GlobalKnownHostsFile /dev/null
  StrictHostKeyChecking yes
  BatchMode yes
  LogLevel ERROR
EOF
  } >"$LAB/ssh_config.tmp"
  {
    printf '{\n  "dir": "%s",\n  "user": "%s",\n' "$LAB" "$LAB_USER"
    printf '  "shellUsers": { "bash": "%s", "noBash": "%s" },\n' "$LAB_USER_BASH" "$LAB_USER_NOBASH"
    printf '  "identityFile": "%s",\n  "knownHosts": "%s",\n' "$LAB/client/id_ed25519" "$LAB/known_hosts"
    prom_json
    pg_json
    docker_json
    platform_json
    dr_json
    printf '  "config": "%s",\n  "sshConfig": "%s",\n  "hosts": [' "$LAB/riskctl.yaml" "$LAB/ssh_config"
    for ((i = 1; i <= size; i++)); do
      d=$(host_dir "$i") addr=$(host_addr "$i")
      tags='["lab"]'; ((i == 1)) && tags='["lab", "production"]'
      printf '%s\n    { "name": "lab-%s", "address": "%s", "port": %s, "tags": %s,\n' "$sep" "$i" "$addr" "$SSH_PORT" "$tags"
      printf '      "hostKeyPub": "%s", "fingerprint": "%s",\n' "$d/ssh_host_ed25519_key.pub" \
        "$(ssh-keygen -lf "$d/ssh_host_ed25519_key.pub" | cut -d' ' -f2)"
      printf '      "pidFile": "%s", "logFile": "%s" }' "$d/sshd.pid" "$d/sshd.log"
      sep=,
    done
    printf '\n  ]\n}\n'
  } >"$LAB/lab.json.tmp"
  # lab.json last: its presence means "the lab finished coming up".
  mv "$LAB/riskctl.yaml.tmp" "$LAB/riskctl.yaml"
  mv "$LAB/ssh_config.tmp" "$LAB/ssh_config"
  mv "$LAB/lab.json.tmp" "$LAB/lab.json"
}

# --- commands ------------------------------------------------------------------
all_up() { # N
  local i
  [[ -s $LAB/lab.json ]] || return 1
  for ((i = 1; i <= $1; i++)); do host_pid "$i" >/dev/null || return 1; done
  pg_pid >/dev/null || return 1
  docker_running || return 1
  prom_running || return 1
  platform_running || return 1
  dr_running
}
any_up() {
  local i size
  size=$(lab_size)
  for ((i = 1; i <= size; i++)); do host_pid "$i" >/dev/null && return 0; done
  return 1
}

cmd_up() { # N
  local n=${1:-3}
  [[ $n =~ ^[0-9]+$ ]] && ((n >= 1 && n <= 250)) || die "up: N must be 1..250 (got '$n')"
  if all_up "$n"; then
    platform_logs # today's lines stay today's: a lab left up overnight
    dr_files; dr_backup # the restore script as in the repo, and last night's backup is last night's
    shell_users_up # a lab started by an older lab.sh gains the runner's extra logins
    say "already up: $(lab_size) host(s) in $LAB"; return 0
  fi
  ssh_up "$n"
  pg_up
  docker_up
  prom_up
  platform_up
  dr_up
  write_outputs
  say "up: $(lab_size) host(s); config $LAB/riskctl.yaml, details $LAB/lab.json"
}

cmd_down() {
  [[ -d $LAB ]] || { say "nothing to stop ($LAB does not exist)"; return 0; }
  dr_down
  ssh_down
  pg_down
  docker_down
  prom_down
  platform_down
  # Keys stay (fast next start); the size goes, so `up 3` after `down` means 3.
  rm -rf "$LAB/leases" "$LAB/test-owned" "$LAB/lab.json" "$LAB/size"
  say "down"
}

check_index() { # I
  [[ ${1:-} =~ ^[0-9]+$ ]] && (($1 >= 1 && $1 <= $(lab_size))) || die "no host '${1:-}' in the lab (1..$(lab_size))"
}

cmd_status() {
  local i size pid
  size=$(lab_size)
  ((size > 0)) || { say "no lab in $LAB"; return 0; }
  for ((i = 1; i <= size; i++)); do
    if pid=$(host_pid "$i"); then echo "lab-$i $(host_addr "$i"):$SSH_PORT up $pid"
    else echo "lab-$i $(host_addr "$i"):$SSH_PORT down"; fi
  done
}

# Test runs share the lab (several people run tests in one checkout, most of
# them never touch it): each run holds a lease file named by its PID, and no
# run waits for another. On the last release the lab stops, but only if a
# test run started it — a lab started by hand stays up.
prune_leases() {
  local f
  install -d -m 0755 "$LAB/leases"
  for f in "$LAB"/leases/*; do
    if [[ -e $f ]] && ! alive "${f##*/}"; then rm -f "$f"; fi # a run that died without releasing
  done
}
other_lease() { # ID: prints a live lease other than ID
  local f
  for f in "$LAB"/leases/*; do
    if [[ -e $f && ${f##*/} != "$1" ]]; then echo "${f##*/}"; return 0; fi
  done
  return 1
}

cmd_acquire() { # N ID
  [[ ${2:-} =~ ^[0-9]+$ ]] && alive "$2" || die "acquire: ID must be a live PID (got '${2:-}')"
  prune_leases
  if ! other_lease "$2" >/dev/null && ! any_up; then : >"$LAB/test-owned"; fi
  : >"$LAB/leases/$2"
  # Not `if ! cmd_up`: that would switch off set -e inside it. A failure exits
  # through this trap instead, leaving no half-started lab behind.
  # shellcheck disable=SC2064 # the ID is fixed now
  trap "acquire_failed $2" EXIT
  cmd_up "$1"
  trap - EXIT
}
acquire_failed() { # ID
  rm -f "$LAB/leases/$1"
  prune_leases
  if ! other_lease "" >/dev/null && [[ -e $LAB/test-owned ]]; then cmd_down >/dev/null; fi
  echo "lab: could not start the lab (see above)" >&2
}

cmd_release() { # [ID] — without ID: just clean up after runs that died
  local holder
  [[ -z ${1:-} ]] || rm -f "$LAB/leases/$1"
  prune_leases
  if holder=$(other_lease ''); then say "left up: test run $holder still uses it"
  elif [[ -e $LAB/test-owned ]]; then cmd_down
  elif any_up; then say "left up: started by hand (stop it with: bash lab/lab.sh down)"
  fi
}

cmd=${1:-help}
shift || true
case $cmd in
  up) need_root; lab_lock; cmd_up "${1:-3}" ;;
  down)
    need_root; [[ -d $LAB ]] || { say "nothing to stop ($LAB does not exist)"; exit 0; }
    lab_lock; cmd_down
    if [[ ${1:-} == --purge ]]; then
      [[ -e $LAB/.riskctl-lab ]] || die "refusing to purge $LAB: not a lab dir"
      platform_purge
      dr_purge
      rm -rf "$LAB"; say "purged $LAB"
    fi ;;
  host-stop) need_root; lab_lock; check_index "${1:-}"; host_stop "$1"; say "lab-$1 stopped" ;;
  host-start)
    need_root; lab_lock; check_index "${1:-}"
    if host_pid "$1" >/dev/null; then say "lab-$1 already up"
    else spawn_sshd "$1"; wait_sshd "$1" || die "lab-$1 did not start"; say "lab-$1 started"; fi ;;
  pg-stop) need_root; lab_lock; pg_stop; say "PostgreSQL stopped" ;;
  pg-start) need_root; lab_lock; pg_start; say "PostgreSQL started on 127.0.0.1:$PG_PORT" ;;
  docker-stop) need_root; lab_lock; docker_stop; say "dockerd stopped" ;;
  docker-start)
    need_root; lab_lock; docker_start
    docker_wait_project || die "dockerd started, but the $DOCKER_PROJECT containers did not come back"
    say "dockerd started on $DOCKER_SOCK" ;;
  platform-stop)
    need_root; lab_lock
    [[ ${1:-} =~ ^(api|prometheus|grafana)$ ]] || die "platform-stop: name api, prometheus or grafana (got '${1:-}')"
    platform_stop "$1"; say "platform $1 listener stopped" ;;
  platform-start) need_root; lab_lock; platform_up ;;
  status) cmd_status ;;
  acquire) need_root; lab_lock; cmd_acquire "${1:-3}" "${2:-}" ;;
  release) need_root; [[ -d $LAB ]] || exit 0; lab_lock; cmd_release "${1:-}" ;;
  try)
    need_root; lab_lock; cmd_up 3; lab_unlock
    cd "$REPO"; npm run build
    export "$PG_PASSWORD_ENV=$(<"$PG_PASSWORD_FILE")" # the config names the variable, never the password
    exec node dist/riskctl.mjs --config "$LAB/riskctl.yaml" "$@" ;;
  help | -h | --help) sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '/^set -euo/d; /shellcheck/d; s/^# \{0,1\}//' ;;
  *) die "unknown command '$cmd' (try: lab.sh help)" ;;
esac
