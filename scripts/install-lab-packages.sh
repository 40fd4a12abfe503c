#!/usr/bin/env bash
# Installs the Debian packages the lab starts or drives (lab/lab.sh) when any
# tool is missing; with --peers, also the programs the bench measures riskctl
# against (htop, btop, glances). Needs root on Debian for an install; says
# "lab packages present" and changes nothing when all are there.
# Used by scripts/test-all.sh and bench/run.mjs.
set -euo pipefail
export PATH=$PATH:/usr/local/sbin:/usr/sbin:/sbin # the daemons live in sbin; CI shells may lack it

# Everything the lab starts or drives.
PACKAGES=(docker.io containerd runc tini busybox-static docker-compose openssh-server openssh-client
  postgresql postgresql-contrib redis-server tmux iproute2 procps prometheus prometheus-alertmanager
  sudo ufw socat curl shellcheck) # the platform host (lab/platform.sh): DO-001's sudo -n, ufw status, health ports, curl
TOOLS=(sshd ssh ssh-keygen ssh-keyscan dockerd containerd runc docker docker-compose tini
  redis-server tmux ip ps prometheus prometheus-alertmanager sudo ufw socat curl shellcheck)
if [[ ${1:-} == --peers ]]; then
  PACKAGES+=(htop btop glances)
  TOOLS+=(htop btop glances)
fi

missing_tools() {
  local c need=()
  for c in "${TOOLS[@]}"; do
    command -v "$c" >/dev/null || need+=("$c")
  done
  compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || need+=(initdb)
  # The container image is busybox copied alone: only the static build runs there.
  if [[ ! -x /bin/busybox ]] || ldd /bin/busybox >/dev/null 2>&1; then need+=(busybox-static); fi
  echo "${need[*]}"
}

missing=$(missing_tools)
if [[ -z $missing ]]; then
  echo "lab packages present"
  exit 0
fi
echo "missing: $missing"
if [[ $(id -u) != 0 ]] || ! command -v apt-get >/dev/null; then
  echo "install-lab-packages: need root on Debian to install: ${PACKAGES[*]}" >&2
  exit 1
fi
# No package may start its own daemon (sshd on :22, postgres on :5432 …):
# the lab starts each one itself, on its own ports.
policy_made=''
if [[ ! -e /usr/sbin/policy-rc.d ]]; then
  printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d && chmod 0755 /usr/sbin/policy-rc.d && policy_made=1
fi
ok=''
for try in 1 2 3; do # mirrors in CI are occasionally flaky
  if apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${PACKAGES[@]}"; then
    ok=1
    break
  fi
  sleep $((try * 5))
done
[[ -z $policy_made ]] || rm -f /usr/sbin/policy-rc.d
[[ -n $ok ]] || { echo "install-lab-packages: apt-get failed" >&2; exit 1; }
missing=$(missing_tools)
[[ -z $missing ]] || { echo "install-lab-packages: still missing after install: $missing" >&2; exit 1; }
