# shellcheck shell=bash
# Prometheus 2.42 + Alertmanager 0.25 (Debian's packages) for the lab, sourced
# by lab/lab.sh: prom_up / prom_down / prom_running, and prom_yaml / prom_json
# for the outputs. Both listen on free loopback ports picked at first start and
# kept in $LAB/prometheus/ports. Prometheus evaluates every second a rule that
# fires at once (LabAlwaysFiring, severity warning) and sends it to the
# Alertmanager; --rules.alert.resend-delay=1s, or the first notification only
# leaves after a minute (the Alertmanager is discovered after the first
# evaluation). Stopped by the PID the lab recorded.

PROM_DIR=$LAB/prometheus

prom_port_free() { # PORT
  ! ss -Htln "sport = :$1" 2>/dev/null | grep -q .
}

prom_pick_ports() { # sets PROM_PORT and AM_PORT, kept across restarts
  if [[ -s $PROM_DIR/ports ]]; then
    read -r PROM_PORT AM_PORT <"$PROM_DIR/ports"
    return 0
  fi
  local p found=()
  for ((p = 19090; p < 19190 && ${#found[@]} < 2; p++)); do
    prom_port_free "$p" && found+=("$p")
  done
  ((${#found[@]} == 2)) || die "no free loopback ports for Prometheus/Alertmanager in 19090-19189"
  PROM_PORT=${found[0]} AM_PORT=${found[1]}
  echo "$PROM_PORT $AM_PORT" >"$PROM_DIR/ports"
}

prom_pid() { # prometheus|alertmanager: prints the running daemon's PID, or fails
  local pid
  [[ -s $PROM_DIR/$1.pid ]] || return 1
  pid=$(<"$PROM_DIR/$1.pid")
  pid_is "$pid" "$PROM_DIR/$1.yml" && echo "$pid"
}

prom_running() { prom_pid prometheus >/dev/null && prom_pid alertmanager >/dev/null; }

prom_write_configs() {
  cat >"$PROM_DIR/rules.yml" <<'EOF'
# written by lab/prometheus.sh
groups:
  - name: lab
    rules:
      - alert: LabAlwaysFiring
        expr: vector(1)
        labels: { severity: warning, procedure: MA-001 }
        annotations: { summary: "the lab's alert that fires at once" }
EOF
  cat >"$PROM_DIR/prometheus.yml" <<EOF
# written by lab/prometheus.sh
global: { scrape_interval: 1s, evaluation_interval: 1s }
rule_files: [ $PROM_DIR/rules.yml ]
alerting:
  alertmanagers: [ { static_configs: [ { targets: [ "127.0.0.1:$AM_PORT" ] } ] } ]
scrape_configs:
  - job_name: prometheus
    static_configs: [ { targets: [ "127.0.0.1:$PROM_PORT" ] } ]
  - job_name: alertmanager
    static_configs: [ { targets: [ "127.0.0.1:$AM_PORT" ] } ]
EOF
  cat >"$PROM_DIR/alertmanager.yml" <<'EOF'
# written by lab/prometheus.sh: no receivers, the lab only needs the API
route: { receiver: blackhole, group_wait: 1s, group_interval: 1s, repeat_interval: 1h }
receivers: [ { name: blackhole } ]
EOF
}

prom_http_ok() { # PORT PATH: an HTTP 200 from 127.0.0.1:PORT (no curl in the lab's packages)
  (
    exec 3<>"/dev/tcp/127.0.0.1/$1" || exit 1
    printf 'GET %s HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' "$2" >&3
    read -r -t 2 line <&3 || exit 1
    [[ $line == *" 200"* ]]
  ) 2>/dev/null
}

prom_wait() { # NAME PORT PATH
  await_ready "$(<"$PROM_DIR/$1.pid")" 10 "$1 (127.0.0.1:$2)" "$PROM_DIR/$1.log" prom_http_ok "$2" "$3"
}

prom_up() {
  install -d -m 0755 "$PROM_DIR" "$PROM_DIR/data" "$PROM_DIR/am-data"
  prom_pick_ports
  prom_write_configs
  local started=()
  if ! prom_pid alertmanager >/dev/null; then
    # setsid + no fd 9: like sshd, out of reach of a Ctrl-C and of the lab lock.
    setsid /usr/bin/prometheus-alertmanager --config.file="$PROM_DIR/alertmanager.yml" \
      --storage.path="$PROM_DIR/am-data" --web.listen-address="127.0.0.1:$AM_PORT" \
      --cluster.listen-address= </dev/null >>"$PROM_DIR/alertmanager.log" 2>&1 9>&- &
    echo $! >"$PROM_DIR/alertmanager.pid"
    started+=(alertmanager)
  fi
  if ! prom_pid prometheus >/dev/null; then
    setsid /usr/bin/prometheus --config.file="$PROM_DIR/prometheus.yml" \
      --storage.tsdb.path="$PROM_DIR/data" --web.listen-address="127.0.0.1:$PROM_PORT" \
      --rules.alert.resend-delay=1s </dev/null >>"$PROM_DIR/prometheus.log" 2>&1 9>&- &
    echo $! >"$PROM_DIR/prometheus.pid"
    started+=(prometheus)
  fi
  prom_wait alertmanager "$AM_PORT" /-/ready || return 1
  prom_wait prometheus "$PROM_PORT" /-/ready || return 1
  ((${#started[@]} == 0)) || say "started ${started[*]} (127.0.0.1:$PROM_PORT, 127.0.0.1:$AM_PORT)"
}

prom_down() {
  local name pid
  for name in prometheus alertmanager; do
    if pid=$(prom_pid "$name"); then stop_tree "$pid"; fi
    rm -f "$PROM_DIR/$name.pid"
  done
  # A fresh TSDB and silence store on the next start: tests count silences.
  rm -rf "$PROM_DIR/data" "$PROM_DIR/am-data"
}

# The lab's riskctl.yaml lines: reached through lab-1, as the platform's own
# Prometheus is reached through the host it runs on.
prom_yaml() {
  [[ -s $PROM_DIR/ports ]] || return 0
  read -r PROM_PORT AM_PORT <"$PROM_DIR/ports"
  echo "prometheus: { url: http://127.0.0.1:$PROM_PORT, via: lab-1 }"
  echo "alertmanager: { url: http://127.0.0.1:$AM_PORT, via: lab-1 }"
}

prom_json() { # lab.json members (each line ends with a comma)
  [[ -s $PROM_DIR/ports ]] || return 0
  read -r PROM_PORT AM_PORT <"$PROM_DIR/ports"
  printf '  "prometheus": { "url": "http://127.0.0.1:%s", "port": %s, "pidFile": "%s", "logFile": "%s" },\n' \
    "$PROM_PORT" "$PROM_PORT" "$PROM_DIR/prometheus.pid" "$PROM_DIR/prometheus.log"
  printf '  "alertmanager": { "url": "http://127.0.0.1:%s", "port": %s, "pidFile": "%s", "logFile": "%s" },\n' \
    "$AM_PORT" "$AM_PORT" "$PROM_DIR/alertmanager.pid" "$PROM_DIR/alertmanager.log"
}
