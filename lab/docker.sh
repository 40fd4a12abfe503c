# shellcheck shell=bash
# shellcheck disable=SC2015 # `check && check || die`: die when either check fails, as meant
# The lab's Docker engine and the platform's compose project, sourced by
# lab/lab.sh (uses its LAB, REPO, LAB_USER, die, say, pid_is, alive, stop_tree).
# One dockerd serves every lab host: they are all this machine, and each host
# reaches the socket over its own SSH connection (stream-local forwarding, as
# $LAB_USER, who is in the docker group).
#
# The engine has its own socket, data-root and exec-root under
# $LAB/docker, no iptables, no bridge (containers use the host network, so each
# health URL is a loopback port), overlay2 or else vfs. The image is Debian's
# static busybox, `docker import`ed: no registry. The project is named like the
# platform's (risk-platform) and started with compose v1, so the containers
# carry the real com.docker.compose.* labels. On purpose it is not all well:
# redis fails its healthcheck (unhealthy) and grafana exits at start (its
# health URL refuses). Log files under $LAB/logs are what tests append to.

DOCKER_DIR=$LAB/docker
DOCKER_SOCK=$DOCKER_DIR/docker.sock
DOCKER_PROJECT=risk-platform
DOCKER_IMAGE=riskctl-lab/busybox:1
LAB_LOGS=$LAB/logs

lab_docker() { docker -H "unix://$DOCKER_SOCK" "$@" 9>&-; }

docker_pid() { # prints the running dockerd's PID, or fails
  local pid
  [[ -s $DOCKER_DIR/dockerd.pid ]] || return 1
  pid=$(<"$DOCKER_DIR/dockerd.pid")
  pid_is "$pid" "$DOCKER_SOCK" && echo "$pid"
}

docker_running() { docker_pid >/dev/null && lab_docker inspect -f '{{.State.Running}}' "${DOCKER_PROJECT}_api_1" 2>/dev/null | grep -q true; }

# Loopback ports for the health URLs (api, prometheus, grafana), picked free at
# first start and kept, like lab/prometheus.sh does.
docker_pick_ports() { # sets API_PORT PROMH_PORT GRAFANA_PORT
  if [[ -s $DOCKER_DIR/ports ]]; then
    read -r API_PORT PROMH_PORT GRAFANA_PORT <"$DOCKER_DIR/ports"
    return 0
  fi
  local p found=()
  for ((p = 13000; p < 13100 && ${#found[@]} < 3; p++)); do
    ! ss -Htln "sport = :$p" 2>/dev/null | grep -q . && found+=("$p")
  done
  ((${#found[@]} == 3)) || die "no free loopback ports for the lab's health URLs in 13000-13099"
  API_PORT=${found[0]} PROMH_PORT=${found[1]} GRAFANA_PORT=${found[2]}
  echo "$API_PORT $PROMH_PORT $GRAFANA_PORT" >"$DOCKER_DIR/ports"
}

docker_spawn() { # DRIVER
  local group=()
  # root:docker 0660, so $LAB_USER (in that group) can use it; without the group, root only.
  getent group docker >/dev/null && group=(--group docker)
  echo "--- lab.sh: start $(date -Is) ($1)" >>"$DOCKER_DIR/dockerd.log"
  # setsid + no fd 9, like the other daemons. The containerd it starts lives
  # under exec-root/data-root too; its own namespace keeps it apart from any
  # system containerd.
  setsid /usr/sbin/dockerd --host "unix://$DOCKER_SOCK" --data-root "$DOCKER_DIR/data" \
    --exec-root "$DOCKER_DIR/exec" --pidfile "$DOCKER_DIR/dockerd.pidfile" --storage-driver="$1" \
    --iptables=false --ip6tables=false --bridge=none "${group[@]}" \
    --containerd-namespace riskctl-lab --containerd-plugins-namespace riskctl-lab-plugins \
    </dev/null >>"$DOCKER_DIR/dockerd.log" 2>&1 9>&- &
  echo $! >"$DOCKER_DIR/dockerd.pid"
}

docker_wait() { # seconds: the API answers
  local pid n=$(($1 * 20))
  pid=$(<"$DOCKER_DIR/dockerd.pid")
  while ((n-- > 0)); do
    alive "$pid" || return 1
    lab_docker version --format '{{.Server.Version}}' >/dev/null 2>&1 && return 0
    sleep 0.05
  done
  return 1
}

docker_start() { # dockerd only; containers with restart: unless-stopped come back by themselves
  local driver
  docker_pid >/dev/null && return 0
  install -d -m 0755 "$DOCKER_DIR"
  rm -f "$DOCKER_DIR/dockerd.pidfile" # a killed daemon leaves it, and a new one refuses to start
  driver=$(cat "$DOCKER_DIR/driver" 2>/dev/null || echo overlay2)
  docker_spawn "$driver"
  if ! docker_wait 20 && [[ $driver == overlay2 ]] && tail -n 20 "$DOCKER_DIR/dockerd.log" | grep -qi 'overlay'; then
    # overlay2 needs an upper filesystem that supports it (not overlayfs itself,
    # as in some CI containers): vfs always works, only slower to copy.
    docker_stop
    rm -f "$DOCKER_DIR/dockerd.pidfile"
    driver=vfs
    docker_spawn vfs
    docker_wait 20 || true
  fi
  docker_pid >/dev/null && lab_docker version >/dev/null 2>&1 || {
    echo "lab: dockerd did not come up; end of $DOCKER_DIR/dockerd.log:" >&2
    tail -n 15 "$DOCKER_DIR/dockerd.log" >&2
    return 1
  }
  echo "$driver" >"$DOCKER_DIR/driver"
  # The socket is root:docker 0660 (--group docker): $LAB_USER reaches it over SSH.
  chmod 0755 "$DOCKER_DIR"
}

docker_image() {
  lab_docker image inspect "$DOCKER_IMAGE" >/dev/null 2>&1 && return 0
  [[ -x /bin/busybox ]] && ! ldd /bin/busybox >/dev/null 2>&1 || die "need a static /bin/busybox (apt-get install busybox-static)"
  local root=$DOCKER_DIR/rootfs a
  rm -rf "$root"
  install -d "$root/bin" "$root/tmp" "$root/www"
  cp /bin/busybox "$root/bin/busybox"
  for a in sh sleep httpd wget echo cat seq tail printf date ls wait kill; do ln -s busybox "$root/bin/$a"; done
  tar -C "$root" -c . | lab_docker import -c 'CMD ["sh"]' - "$DOCKER_IMAGE" >/dev/null
  rm -rf "$root"
}

docker_www() { # what the health URLs serve
  local w=$DOCKER_DIR/www
  install -d -m 0755 "$w/api" "$w/api/api/v1" "$w/prometheus/-" "$w/grafana/api"
  echo '{"status":"ok"}' >"$w/api/health"
  echo '{"api":"v1","status":"ok"}' >"$w/api/api/v1/status" # BR-002's functional test curls it
  echo 'Prometheus Server is Healthy.' >"$w/prometheus/-/healthy"
  echo '{"database":"ok"}' >"$w/grafana/api/health"
}

docker_logs_dir() { # the host log files (config `logs:`); tests append to them
  install -d -m 0755 "$LAB_LOGS"
  local f
  for f in app security; do
    [[ -e $LAB_LOGS/$f.log ]] && continue
    {
      echo "$(date -Is) INFO $f: lab log started"
      echo "$(date -Is) WARNING $f: disk usage above 80% on /data"
      echo "$(date -Is) ERROR $f: upstream timed out"
    } >"$LAB_LOGS/$f.log"
    chmod 0644 "$LAB_LOGS/$f.log"
  done
}

docker_compose_file() {
  local w=$DOCKER_DIR/www
  # Each service prints a few lines at start (an error among them for the
  # errors view). --init (init: true): without it sh ignores SIGTERM as PID 1
  # and every restart waits the full 10 s stop timeout.
  cat >"$DOCKER_DIR/docker-compose.yml" <<EOF
# written by lab/docker.sh
version: "2.4"
x-base: &base
  image: $DOCKER_IMAGE
  init: true
  network_mode: host
  restart: unless-stopped
  logging: { driver: json-file, options: { max-size: 20m, max-file: "2" } }
services:
  nginx:
    <<: *base
    command: ["sh", "-c", "echo 'nginx: worker processes started'; exec sleep 2147483647"]
  api:
    <<: *base
    volumes: ["$w/api:/www:ro"]
    command: ["sh", "-c", "httpd -f -p 127.0.0.1:$API_PORT -h /www & echo 'api: listening on 127.0.0.1:$API_PORT'; echo 'api: WARNING cache is cold'; wait"]
    healthcheck: { test: ["CMD", "wget", "-q", "-O", "/dev/null", "http://127.0.0.1:$API_PORT/health"], interval: 2s, timeout: 1s, retries: 2 }
  postgres:
    <<: *base
    command: ["sh", "-c", "echo 'postgres: database system is ready to accept connections'; exec sleep 2147483647"]
  redis:
    <<: *base
    command: ["sh", "-c", "echo 'redis: Ready to accept connections'; exec sleep 2147483647"]
    healthcheck: { test: ["CMD", "sh", "-c", "echo 'PING: connection refused' >&2; exit 1"], interval: 2s, timeout: 1s, retries: 1 }
  prometheus:
    <<: *base
    volumes: ["$w/prometheus:/www:ro"]
    command: ["sh", "-c", "httpd -f -p 127.0.0.1:$PROMH_PORT -h /www & echo 'prometheus: Server is ready to receive web requests.'; wait"]
  grafana:
    <<: *base
    restart: "no"
    command: ["sh", "-c", "echo 'grafana: ERROR failed to connect to database: connection refused' >&2; exit 1"]
EOF
}

docker_compose() { DOCKER_HOST="unix://$DOCKER_SOCK" docker-compose --ansi never -p "$DOCKER_PROJECT" -f "$DOCKER_DIR/docker-compose.yml" "$@" 9>&-; }

docker_up() {
  install -d -m 0755 "$DOCKER_DIR"
  docker_pick_ports
  docker_www
  docker_logs_dir
  docker_start || return 1
  docker_image
  docker_compose_file
  docker_compose up -d --remove-orphans >"$DOCKER_DIR/compose.log" 2>&1 \
    || { tail -n 20 "$DOCKER_DIR/compose.log" >&2; die "docker-compose up failed"; }
  say "docker: project $DOCKER_PROJECT up on $DOCKER_SOCK ($(<"$DOCKER_DIR/driver"))"
}

# dockerd alone (fault tests): SIGTERM stops the containers, and on start the
# daemon brings back those with restart: unless-stopped.
docker_wait_project() { # the api container runs again (after docker-start)
  local n=200
  while ((n-- > 0)); do docker_running && break; sleep 0.05; done
  ((n >= 0)) || return 1
  # And the lab is as tests expect it: every healthcheck has answered once
  # (redis unhealthy, api healthy), none still "starting".
  n=200
  while ((n-- > 0)); do
    lab_docker ps --format '{{.Status}}' 2>/dev/null | grep -q 'health: starting' || return 0
    sleep 0.05
  done
  return 1
}

docker_stop() {
  local pid
  if pid=$(docker_pid); then
    # dockerd alone first: it stops its containers and its containerd in
    # order. Signalling the whole tree at once (stop_tree) would kill
    # containerd under it and leave the daemon hanging.
    kill -TERM "$pid" 2>/dev/null || true
    wait_gone 20 "$pid" || true
    stop_tree "$pid"
  fi
  rm -f "$DOCKER_DIR/dockerd.pid"
}

docker_down() {
  [[ -d $DOCKER_DIR ]] || return 0
  if docker_pid >/dev/null; then
    # Containers first: their shims re-parent to init and would outlive dockerd.
    docker_compose down -t 1 --remove-orphans >>"$DOCKER_DIR/compose.log" 2>&1 || true
    local ids=()
    mapfile -t ids < <(lab_docker ps -aq 2>/dev/null)
    ((${#ids[@]} == 0)) || lab_docker rm -f "${ids[@]}" >/dev/null 2>&1 || true
    lab_docker network rm "$DR_NETWORK" >/dev/null 2>&1 || true # BR-002's (lab/dr.sh)
  fi
  docker_stop
  docker_unmount
}

docker_unmount() { # what dockerd leaves mounted (netns, overlay), deepest first, so --purge can remove the dir
  local m
  awk -v d="$DOCKER_DIR/" 'index($2, d) == 1 { print $2 }' /proc/mounts | sort -r | while read -r m; do
    umount "$m" 2>/dev/null || umount -l "$m" 2>/dev/null || true
  done
}

docker_yaml() { # the lab host's riskctl.yaml lines (all hosts share the one engine)
  [[ -s $DOCKER_DIR/ports ]] || return 0
  read -r API_PORT PROMH_PORT GRAFANA_PORT <"$DOCKER_DIR/ports"
  echo "    docker: { socket: $DOCKER_SOCK }"
  echo "    health:"
  echo "      - { name: api, url: http://127.0.0.1:$API_PORT/health }"
  echo "      - { name: prometheus, url: http://127.0.0.1:$PROMH_PORT/-/healthy }"
  echo "      - { name: grafana, url: http://127.0.0.1:$GRAFANA_PORT/api/health }"
  echo "    logs: [$LAB_LOGS/*.log]"
}

docker_json() { # lab.json members (each line ends with a comma)
  [[ -s $DOCKER_DIR/ports ]] || return 0
  read -r API_PORT PROMH_PORT GRAFANA_PORT <"$DOCKER_DIR/ports"
  printf '  "docker": { "socket": "%s", "project": "%s", "image": "%s", "logsDir": "%s",\n' "$DOCKER_SOCK" "$DOCKER_PROJECT" "$DOCKER_IMAGE" "$LAB_LOGS"
  printf '    "services": ["nginx", "api", "postgres", "redis", "prometheus", "grafana"],\n'
  printf '    "health": { "api": "http://127.0.0.1:%s/health", "prometheus": "http://127.0.0.1:%s/-/healthy", "grafana": "http://127.0.0.1:%s/api/health" },\n' \
    "$API_PORT" "$PROMH_PORT" "$GRAFANA_PORT"
  printf '    "pidFile": "%s", "logFile": "%s" },\n' "$DOCKER_DIR/dockerd.pid" "$DOCKER_DIR/dockerd.log"
}
