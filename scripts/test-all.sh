#!/usr/bin/env bash
# THE test command (README; .ci/run calls exactly this). On a fresh Debian 12
# machine, as root: installs the lab's packages when missing, `npm ci`, then
# both tiers: `npm test` (types, lint, unit and component tests) and
# `npm run test:lab` (integration and end-to-end tests; vitest's globalSetup
# starts the lab). Exits non-zero when either fails, and leaves no lab running
# that the tests started.
# shellcheck disable=SC2015,SC2317 # `check && check || fail` is meant; cleanup runs from the trap
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export PATH=$PATH:/usr/local/sbin:/usr/sbin:/sbin # the daemons live in sbin; CI shells may lack it

# Everything the lab starts or drives.
PACKAGES=(docker.io containerd runc tini busybox-static docker-compose openssh-server openssh-client
  postgresql postgresql-contrib redis-server tmux iproute2 procps prometheus prometheus-alertmanager
  sudo ufw socat curl shellcheck) # the platform host (lab/platform.sh): DO-001's sudo -n, ufw status, health ports, curl

step() { printf '\n== %s\n' "$*"; }

missing_tools() {
  local c need=()
  for c in sshd ssh ssh-keygen ssh-keyscan dockerd containerd runc docker docker-compose tini \
    redis-server tmux ip ps prometheus prometheus-alertmanager sudo ufw socat curl shellcheck; do
    command -v "$c" >/dev/null || need+=("$c")
  done
  compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || need+=(initdb)
  # The container image is busybox copied alone: only the static build runs there.
  if [[ ! -x /bin/busybox ]] || ldd /bin/busybox >/dev/null 2>&1; then need+=(busybox-static); fi
  echo "${need[*]}"
}

install_packages() {
  local missing policy_made=''
  missing=$(missing_tools)
  [[ -n $missing ]] || { echo "lab packages present"; return 0; }
  echo "missing: $missing"
  [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null \
    || { echo "test-all: need root on Debian to install: ${PACKAGES[*]}" >&2; return 1; }
  # No package may start its own daemon (sshd on :22, postgres on :5432 …):
  # the lab starts each one itself, on its own ports.
  if [[ ! -e /usr/sbin/policy-rc.d ]]; then
    printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d && chmod 0755 /usr/sbin/policy-rc.d && policy_made=1
  fi
  local try ok=''
  for try in 1 2 3; do # mirrors in CI are occasionally flaky
    if apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${PACKAGES[@]}"; then
      ok=1; break
    fi
    sleep $((try * 5))
  done
  [[ -z $policy_made ]] || rm -f /usr/sbin/policy-rc.d
  [[ -n $ok ]] || { echo "test-all: apt-get failed" >&2; return 1; }
  missing=$(missing_tools)
  [[ -z $missing ]] || { echo "test-all: still missing after install: $missing" >&2; return 1; }
}

# Whatever happens (failed install, failed build, crashed vitest, Ctrl-C):
# stop a lab a test run started and that no live run still uses.
cleanup() {
  local rc=$?
  step "lab: clean up"
  if ! bash lab/lab.sh release; then
    echo "test-all: the lab did not stop cleanly" >&2
    ((rc != 0)) || rc=1
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

step "packages"
install_packages

step "node $(node -v 2>/dev/null || echo missing)"
node -e 'process.exit(+process.versions.node.split(".")[0] >= 20 ? 0 : 1)' 2>/dev/null \
  || { echo "test-all: Node.js >= 20 is required (Debian 12's own is 18)" >&2; exit 2; }

step "npm ci"
npm ci --no-audit --no-fund

# Each tier writes vitest's JSON report; the closing line adds them up.
reports=()
tier() { # NAME SCRIPT
  local report
  report=$(mktemp)
  reports+=("$report")
  step "$1"
  npm run "$2" -- --reporter=default --reporter=json --outputFile.json="$report"
}
set +e
tier "npm test (unit and component)" test
rc_unit=$?
tier "npm run test:lab (integration and end-to-end)" test:lab
rc_lab=$?
set -e
# One plain closing line any reader understands: 'N passed, N failed'.
# shellcheck disable=SC2016 # the program is JavaScript: its ${…} are node's
node -e '
  let passed = 0, failed = 0;
  for (const f of process.argv.slice(1)) {
    try {
      const r = JSON.parse(require("fs").readFileSync(f, "utf8"));
      passed += r.numPassedTests; failed += r.numFailedTests;
    } catch { failed++; }
  }
  console.log(`tests: ${passed} passed, ${failed} failed`);
' "${reports[@]}"
rm -f "${reports[@]}"
((rc_unit == 0 && rc_lab == 0)) || exit 1
