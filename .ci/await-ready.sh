#!/usr/bin/env bash
# Waits for a readiness URL to answer 2xx and fails when it never does: after <seconds>, or as soon
# as the process <pid> (when given) has exited. Usage: .ci/await-ready.sh <url> <seconds> [pid]
set -euo pipefail
url=$1
seconds=$2
pid=${3:-}

for _ in $(seq 1 "$seconds"); do
  if curl -fsS -o /dev/null "$url" 2>/dev/null; then
    exit 0
  fi
  if [ -n "$pid" ] && ! kill -0 "$pid" 2>/dev/null; then
    echo "await-ready: process $pid exited before $url was ready" >&2
    exit 1
  fi
  sleep 1
done
echo "await-ready: $url not ready after ${seconds}s" >&2
exit 1
