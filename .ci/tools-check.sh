#!/usr/bin/env bash
# The observability and API-contract files, checked by the tools their users run:
#   Spectral on openapi/openapi.yaml; promtool on docker/prometheus (config, rules, rule unit
#   tests) and on every Grafana dashboard query; then, against the jar started on the sandbox
#   (the one `verify` built, not built again), newman on the Postman collection, promtool on a
#   real /actuator/prometheus scrape, a check of the ECS access log, and the preview page
#   driven in a real browser (Debian's chromium through playwright-core).
# Installs what it needs on a fresh Debian machine (apt: prometheus for promtool, nodejs/npm
# for npx, chromium); npm packages are pinned, and no browser is ever downloaded.
set -euo pipefail
cd "$(dirname "$0")/.."

SPECTRAL=@stoplight/spectral-cli@6.15.0
NEWMAN=newman@6.2.2
PLAYWRIGHT_CORE=playwright-core@1.65.1

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

apt_install() {
  if [ -z "${APT_UPDATED:-}" ]; then
    as_root apt-get update -qq
    APT_UPDATED=1
  fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

command -v promtool >/dev/null || apt_install prometheus
command -v npx >/dev/null || apt_install nodejs npm
command -v curl >/dev/null || apt_install curl ca-certificates
[ -x /usr/bin/chromium ] || apt_install chromium fonts-dejavu-core
promtool --version 2>&1 | head -1
echo "node $(node --version)"

echo "== Spectral: openapi/openapi.yaml"
npx --yes "$SPECTRAL" lint --ruleset .spectral.yaml --fail-severity=warn openapi/openapi.yaml

echo "== promtool: docker/prometheus"
promtool check config docker/prometheus/prometheus.yml
promtool check rules docker/prometheus/alerts.yml
(cd docker/prometheus && promtool test rules alerts.test.yml)

work=$(mktemp -d)
app_pid=""
cleanup() {
  if [ -n "$app_pid" ]; then
    kill "$app_pid" 2>/dev/null || true
    wait "$app_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

echo "== promtool: every query of docker/grafana/dashboards/recs-bridge.json"
node .ci/dashboard-queries.js docker/grafana/dashboards/recs-bridge.json "$work/dashboard-rules.yml"
promtool check rules "$work/dashboard-rules.yml"

# The jar `verify` built (the glob leaves out Boot's .jar.original); built here when run on its own.
jars=(target/recs-bridge-*.jar)
if [ ! -f "${jars[0]}" ]; then
  ./mvnw --batch-mode --no-transfer-progress -q package -DskipTests -Djacoco.skip=true
  jars=(target/recs-bridge-*.jar)
fi
jar=${jars[0]}

free_port() {
  node -e 'const s = require("net").createServer(); s.listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); });'
}
api_port=$(free_port)
management_port=$(free_port)
while [ "$management_port" = "$api_port" ]; do management_port=$(free_port); done

echo "== Starting $jar on the sandbox: API $api_port, management $management_port, ECS logs"
env -u TARGET_CLIENT_CODE -u BRIDGE_API_KEYS -u TARGET_TRANSPORT -u EDGE_DATASTREAM_ID \
  SERVER_PORT="$api_port" MANAGEMENT_SERVER_PORT="$management_port" LOGGING_STRUCTURED_FORMAT_CONSOLE=ecs \
  java -jar "$jar" >"$work/app.log" 2>&1 &
app_pid=$!
if ! bash .ci/await-ready.sh "http://127.0.0.1:$management_port/actuator/health/readiness" 120 "$app_pid"; then
  echo "the jar did not become ready; its log:" >&2
  tail -50 "$work/app.log" >&2
  exit 1
fi

# The first Target call of a cold JVM can outlast the 500 ms Target timeout and be answered
# with a fallback; warm both use cases up first, as a load balancer's slow start would.
for use_case in abandoned-cart recently-viewed abandoned-cart recently-viewed; do
  curl -sS -o /dev/null -H 'X-Api-Key: sandbox-demo-key' -H 'Content-Type: application/json' \
    -d '{"ecid": "30877512946601328475019283746550192837"}' "http://127.0.0.1:$api_port/v1/recommendations/$use_case"
done

echo "== newman: openapi/postman"
npx --yes "$NEWMAN" run openapi/postman/recs-bridge.postman_collection.json \
  --environment openapi/postman/sandbox.postman_environment.json \
  --env-var "baseUrl=http://127.0.0.1:$api_port" --env-var "managementUrl=http://127.0.0.1:$management_port" \
  --color off --disable-unicode

echo "== promtool check metrics: a real scrape"
curl -fsS "http://127.0.0.1:$management_port/actuator/prometheus" >"$work/scrape.txt"
set +e
promtool check metrics <"$work/scrape.txt" >"$work/lint.txt" 2>&1
lint=$?
set -e
# 3 is lint warnings only (Micrometer's own families, such as missing help text): acceptable.
if [ "$lint" -ne 0 ] && [ "$lint" -ne 3 ]; then
  cat "$work/lint.txt" >&2
  echo "promtool check metrics failed with exit code $lint" >&2
  exit 1
fi
echo "promtool check metrics: exit $lint ($(wc -l <"$work/lint.txt") lint warnings)"
if grep -E '^recs_bridge' "$work/lint.txt"; then
  echo "the bridge's own families have lint warnings" >&2
  exit 1
fi

echo "== The preview page in chromium: $PLAYWRIGHT_CORE"
PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm install --prefix "$work/npm" --no-save --no-audit --no-fund --silent \
  "$PLAYWRIGHT_CORE" >/dev/null
dpkg-query -W -f='chromium ${Version}\n' chromium
NODE_PATH="$work/npm/node_modules" node .ci/preview-page-check.js "http://127.0.0.1:$api_port" target/preview-page.png

echo "== ECS access log"
node .ci/access-log-check.js "$work/app.log" sandbox-demo-key
echo "tools-check: all passed"
