// Who may do what on NATS: one user per service, allowed to publish its own events only (issue 16). The local stack
// and the test harness write these users into the nats-server configuration they start; the chart documents the
// same lists for the city's NATS (docs/operations/nats-users.md, charts/tsunagu/examples/nats-values.yaml — a chart
// test compares that file with `servicePermissions` below). Plain JS: the runner, jest's global setup and the chart
// tests read it without a build.
'use strict';

/** The services that connect to NATS, and the services whose request-reply operations each one calls. */
const NATS_SERVICES = {
  registry: { calls: [] },
  // tsunagu.rpc.{outreach,matching}.subject-records.collect (the 開示請求 pack, issue 19).
  intake: { calls: ['outreach', 'matching'] },
  outreach: { calls: [] },
  // tsunagu.rpc.registry.resources.search (RefreshFromRegistryUseCase).
  matching: { calls: ['registry'] },
  reporting: { calls: [] },
};

const EVENT_STREAM = 'TSUNAGU_EVENTS';
const DEAD_LETTER_STREAM = 'TSUNAGU_DEAD_LETTERS';

/** Prefix of the reply subjects of one service's connections (its `inboxPrefix`): nobody else may subscribe to them. */
function inboxPrefix(service) {
  return `_INBOX_${service}`;
}

/** NATS user name of a service. */
function natsUserName(service) {
  return `tsunagu-${service}`;
}

/**
 * The nats-server `permissions` block of one service.
 * - publish: its own events (`tsunagu.evt.<service>.>`) and dead letters (`tsunagu.dlq.<service>.>`); the RPC
 *   subjects of the services it calls; the JetStream API of the two streams, limited to what the platform does
 *   (stream info/create/update — every service ensures the streams on start —; consumer info/create/list/delete,
 *   pull, ack: durables per source replace the per-subject ones they list and delete, ADR 0016; reporting's
 *   rebuild deletes its ordered consumer). No purge, no message delete, no stream delete.
 * - subscribe: its own inbox prefix and its own RPC subjects (so nobody can answer in another service's name).
 * - allow_responses: a service answers requests on the requester's inbox without publish rights there.
 * Consumer names (`<service>__from__<source>`) are one subject token, so the consumer API cannot be narrowed to a
 * service's own durables with wildcards: any service may read the event stream, as the contracts intend.
 */
function servicePermissions(
  service,
  {
    stream = EVENT_STREAM,
    calls = NATS_SERVICES[service]?.calls ?? [],
  } = {},
) {
  const api = '$JS.API';
  const publish = [
    `tsunagu.evt.${service}.>`,
    `tsunagu.dlq.${service}.>`,
    ...calls.map((callee) => `tsunagu.rpc.${callee}.>`),
    `${api}.INFO`,
    ...[stream, DEAD_LETTER_STREAM].flatMap((name) => [
      `${api}.STREAM.INFO.${name}`,
      `${api}.STREAM.CREATE.${name}`,
      `${api}.STREAM.UPDATE.${name}`,
    ]),
    `${api}.CONSUMER.INFO.${stream}.*`,
    `${api}.CONSUMER.CREATE.${stream}`,
    `${api}.CONSUMER.CREATE.${stream}.>`,
    `${api}.CONSUMER.DURABLE.CREATE.${stream}.*`,
    `${api}.CONSUMER.MSG.NEXT.${stream}.*`,
    `${api}.CONSUMER.LIST.${stream}`,
    `${api}.CONSUMER.DELETE.${stream}.*`,
    `$JS.ACK.${stream}.>`,
  ];
  return {
    publish: { allow: publish },
    subscribe: {
      allow: [`${inboxPrefix(service)}.>`, `tsunagu.rpc.${service}.>`],
    },
    allow_responses: true,
  };
}

/** Everything, for operators' tools and tests that act as a broken or hostile producer. */
const SUPERUSER_PERMISSIONS = {
  publish: { allow: ['>'] },
  subscribe: { allow: ['>'] },
};

/**
 * The `authorization` users of a nats-server configuration: one per service of NATS_SERVICES plus a superuser.
 * `passwords` maps a user name to its password.
 */
function natsUsers({ passwords, superuser, stream = EVENT_STREAM }) {
  const users = Object.keys(NATS_SERVICES).map((service) => ({
    user: natsUserName(service),
    password: passwords[natsUserName(service)],
    permissions: servicePermissions(service, { stream }),
  }));
  users.push({
    user: superuser,
    password: passwords[superuser],
    permissions: SUPERUSER_PERMISSIONS,
  });
  return users;
}

module.exports = {
  NATS_SERVICES,
  EVENT_STREAM,
  DEAD_LETTER_STREAM,
  SUPERUSER_PERMISSIONS,
  inboxPrefix,
  natsUserName,
  servicePermissions,
  natsUsers,
};
