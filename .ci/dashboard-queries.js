// Reads the Grafana dashboard and writes its queries as Prometheus recording rules, so that
// `promtool check rules` parses every one of them; also fails when a panel the issue asks for
// is missing. Usage: node .ci/dashboard-queries.js <dashboard.json> <rules-out.yml>
'use strict';
const fs = require('fs');

const [dashboardPath, rulesPath] = process.argv.slice(2);
const dashboard = JSON.parse(fs.readFileSync(dashboardPath, 'utf8'));
const exprs = [];
const walk = (panels) => (panels || []).forEach((panel) => {
  (panel.targets || []).forEach((target) => exprs.push({ panel: panel.title, expr: target.expr }));
  walk(panel.panels);
});
walk(dashboard.panels);
(dashboard.templating?.list || []).forEach((variable) => {
  const query = variable.query?.query || '';
  const match = /^label_values\((.*),\s*\w+\)$/.exec(query);
  if (match && match[1].trim()) exprs.push({ panel: `variable ${variable.name}`, expr: match[1] });
});

const required = {
  'requests by source': /recs_bridge_requests_total.*by \(source\)|by \(source\).*recs_bridge_requests_total/,
  'requests by reason': /by \(source, reason\) \(rate\(recs_bridge_requests_total/,
  'latency percentiles': /histogram_quantile\(0\.99, .*recs_bridge_request_seconds_bucket/,
  'Target call outcomes': /by \(transport, outcome\) \(rate\(recs_bridge_target_calls_seconds_count/,
  'breaker state': /resilience4j_circuitbreaker_state\{[^}]*name="target"/,
  'cache hit ratio': /cache_gets_total\{[^}]*result="hit"[^}]*\}.*\/.*cache_gets_total/,
};
const missing = Object.entries(required)
  .filter(([, pattern]) => !exprs.some(({ expr }) => pattern.test(expr)))
  .map(([name]) => name);
if (missing.length > 0) {
  console.error(`dashboard lacks: ${missing.join(', ')}`);
  process.exit(1);
}

// Grafana's variables, as Prometheus would see them once Grafana substituted them.
const substitute = (expr) => expr
  .replaceAll('$__rate_interval', '5m')
  .replaceAll('$application', 'recs-bridge')
  .replaceAll('$use_case', '.*');
const rules = exprs.map(({ expr }, i) => `      - record: dashboard:query_${i}\n        expr: ${JSON.stringify(substitute(expr))}`);
fs.writeFileSync(rulesPath, `groups:\n  - name: dashboard\n    rules:\n${rules.join('\n')}\n`);
console.log(`${exprs.length} dashboard queries written to ${rulesPath}`);
