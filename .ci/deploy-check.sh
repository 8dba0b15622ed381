#!/usr/bin/env bash
# Checks of the shipping files that need no JVM (the Maven build's DeploymentFilesTests does the
# rest): shell scripts, YAML style, the Kubernetes kustomization, the Dockerfile where a linter is
# available. Installs what it needs from Debian's packages on a fresh machine (run as root there).
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
command -v shellcheck >/dev/null || missing+=(shellcheck)
command -v yamllint >/dev/null || missing+=(yamllint)
command -v kubectl >/dev/null || missing+=(kubernetes-client)
if ((${#missing[@]})); then
	echo "deploy-check: installing ${missing[*]}"
	apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# Every script CI runs, .ci/*.sh by glob so that a new one cannot be left out.
echo "deploy-check: shellcheck"
shellcheck .ci/run .ci/*.sh bench/*.sh bench/lib/*.sh

# Style of the shipping YAML; the Prometheus rules, whose PromQL runs long, are left to promtool.
echo "deploy-check: yamllint"
rules='{line-length: {max: 120}, document-start: disable, truthy: {check-keys: false}, comments: {min-spaces-from-content: 1}}'
yamllint --strict -d "{extends: default, rules: $rules}" docker/compose.yaml docker/k8s docker/grafana/provisioning .github

echo "deploy-check: JSON"
find docker -name '*.json' -print0 | xargs -0 -n1 python3 -m json.tool >/dev/null

echo "deploy-check: kustomize build of docker/k8s"
rendered=$(kubectl kustomize docker/k8s)
for kind in ConfigMap Deployment Service HorizontalPodAutoscaler PodDisruptionBudget ServiceMonitor; do
	grep -q "^kind: $kind\$" <<<"$rendered" || { echo "docker/k8s renders no $kind" >&2; exit 1; }
done

if command -v hadolint >/dev/null; then
	echo "deploy-check: hadolint"
	hadolint docker/Dockerfile
else
	# Debian does not package hadolint; .github/workflows/ci.yml's lint job runs it.
	echo "deploy-check: hadolint not installed (Debian does not package it); skipped here, run in ci.yml"
fi
if docker compose version >/dev/null 2>&1; then
	echo "deploy-check: docker compose config"
	docker compose -f docker/compose.yaml config --quiet --no-interpolate
else
	# yamllint above has read the file; the Compose schema check itself runs in ci.yml's lint job.
	echo "deploy-check: docker compose not installed; skipped 'docker compose config' here, run in ci.yml"
fi
echo "deploy-check: passed"
