#!/usr/bin/env bash
# THE test command (README; .ci/run calls exactly this). On a fresh Debian 12
# machine, as root: installs the lab's packages when missing, `npm ci`, then
# both tiers: `npm test` (types, lint, unit and component tests) and
# `npm run test:lab` (integration and end-to-end tests; vitest's globalSetup
# starts the lab). Exits non-zero when either fails, and leaves no lab running
# that the tests started.
# shellcheck disable=SC2317 # cleanup runs from the trap
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export PATH=$PATH:/usr/local/sbin:/usr/sbin:/sbin # the daemons live in sbin; CI shells may lack it

step() { printf '\n== %s\n' "$*"; }

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
bash scripts/install-lab-packages.sh

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
