// Checks the log of the jar started with LOGGING_STRUCTURED_FORMAT_CONSOLE=ecs: every line is
// an ECS JSON object, the access lines carry the fields, and none of them carries an
// ECID, an email address or an API key. Usage: node .ci/access-log-check.js <log> <api-key>
'use strict';
const fs = require('fs');

const [logPath, apiKey] = process.argv.slice(2);
const lines = fs.readFileSync(logPath, 'utf8').split('\n').filter((line) => line.trim() !== '');
const events = lines.map((line, i) => {
  try {
    return JSON.parse(line);
  } catch (error) {
    console.error(`line ${i + 1} is not JSON: ${line.slice(0, 200)}`);
    process.exit(1);
  }
});
const access = events.filter((event) => event['log.logger'] === 'io.recsbridge.access' || event.log?.logger === 'io.recsbridge.access');
if (access.length === 0) {
  console.error('no io.recsbridge.access line in the log');
  process.exit(1);
}
const fields = ['requestId', 'useCase', 'journeyId', 'source', 'reason', 'itemCount', 'visitor', 'latencyMs'];
for (const event of access) {
  const missing = fields.filter((field) => !(field in event));
  const text = JSON.stringify(event);
  if (missing.length > 0) {
    console.error(`access line without ${missing.join(', ')}: ${text}`);
    process.exit(1);
  }
  if (event['log.level'] !== 'INFO' && event.log?.level !== 'INFO') {
    console.error(`access line not at INFO: ${text}`);
    process.exit(1);
  }
  if (/[0-9]{38}/.test(text) || /@[a-z0-9.-]+\.[a-z]/i.test(text) || (apiKey && text.includes(apiKey))) {
    console.error(`access line with personal data or a key: ${text}`);
    process.exit(1);
  }
}
console.log(`${access.length} ECS access lines, each with ${fields.join(', ')}, none personal`);
console.log(`for example: ${JSON.stringify(access[0])}`);
