// Replicas of a service in the local stack (TSUNAGU_REPLICAS), as the chart's HorizontalPodAutoscaler runs them.
'use strict';
const { StackError } = require('./processes.cjs');

const MAX_REPLICAS = 8;

/**
 * TSUNAGU_REPLICAS (`intake=2,reporting=2`) → { intake: 2, reporting: 2 }: processes per service, as the chart's
 * HorizontalPodAutoscaler runs them. Only services replicate (one idp, one console); unset means one of each.
 */
function parseReplicas(text, serviceNames) {
  const replicas = {};
  for (const part of String(text ?? '').split(',').map((item) => item.trim()).filter(Boolean)) {
    const match = /^([a-z0-9-]+)=(\d+)$/.exec(part);
    if (!match) throw new StackError(`TSUNAGU_REPLICAS: "${part}" is not <service>=<count> (e.g. intake=2,reporting=2)`, 2);
    const [, name, count] = match;
    if (serviceNames && !serviceNames.includes(name)) throw new StackError(`TSUNAGU_REPLICAS: "${name}" is not a service of this stack (${serviceNames.join(', ')})`, 2);
    if (Number(count) < 1 || Number(count) > MAX_REPLICAS) throw new StackError(`TSUNAGU_REPLICAS: ${name}=${count} — between 1 and ${MAX_REPLICAS} replicas`, 2);
    replicas[name] = Number(count);
  }
  return replicas;
}

/** The processes of a service: `intake` alone, or `intake#1`, `intake#2` … (names in the log prefixes and restarts). */
function replicasOf(entry, count = 1) {
  if (count <= 1) return [{ ...entry, service: entry.name, replica: 1 }];
  return Array.from({ length: count }, (_, i) => ({ ...entry, name: `${entry.name}#${i + 1}`, service: entry.name, replica: i + 1 }));
}

module.exports = { MAX_REPLICAS, parseReplicas, replicasOf };
