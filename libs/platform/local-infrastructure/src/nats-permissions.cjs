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
/** The service whose `rebuild` replays the stream through an ordered consumer (apps/reporting/src/projections/rebuild.ts). */
const REBUILDING_SERVICE = 'reporting';
const DEAD_LETTER_STREAM = 'TSUNAGU_DEAD_LETTERS';

/** Prefix of the reply subjects of one service's connections (its `inboxPrefix`): nobody else may subscribe to them. */
function inboxPrefix(service) {
  return `_INBOX_${service}`;
}

/**
 * Prefix of the reply subjects of one service's request-reply calls (`<inbox prefix>.rpc`, its RPC client's
 * `inboxPrefix`): the services it calls may publish their answers there, and nowhere else in its inbox.
 */
function rpcInboxPrefix(service) {
  return `${inboxPrefix(service)}.rpc`;
}

/** The services that call `service`'s request-reply operations. */
function callersOf(service) {
  return Object.entries(NATS_SERVICES)
    .filter(([, { calls }]) => calls.includes(service))
    .map(([caller]) => caller);
}

/** NATS user name of a service. */
function natsUserName(service) {
  return `tsunagu-${service}`;
}

/**
 * The durable consumers a service may own: one per source service (ADR 0016), `<service>__from__<source>` — as
 * `sourceDurableName` in libs/platform/messaging names them. NATS wildcards match whole subject tokens only and a
 * consumer name is one token, so the permissions name each durable instead of `<service>__from__*`.
 */
function ownDurables(service) {
  return Object.keys(NATS_SERVICES).map((source) => `${service}__from__${source}`);
}

/**
 * The nats-server `permissions` block of one service.
 * - publish: its own events (`tsunagu.evt.<service>.>`) and dead letters (`tsunagu.dlq.<service>.>`); the RPC
 *   subjects of the services it calls; the JetStream API of the two streams, limited to what the platform does
 *   (stream info/create/update — every service ensures the streams on start —; on its own durables only: create
 *   (both the 2.9+ named form, with or without a filter token, and the older DURABLE.CREATE), info, pull, ack and
 *   delete; the consumer list, from which the switch to durables per source (ADR 0016) reads the ack floors of the
 *   per-subject durables it replaces). No purge, no message delete, no stream delete, no other service's durable:
 *   per-subject durables of before are left to an operator (docs/operations/nats-users.md).
 * - reporting's `rebuild` reads the stream through an ordered consumer, which nats.js names `oc_<nuid>_<n>`: its
 *   user may also create, look up and pull from consumers of any name — not delete or ack them (the ordered
 *   consumer acks nothing and expires 5 minutes after the rebuild).
 * - publish, for answers: the RPC reply prefix (`_INBOX_<caller>.rpc.>`) of each service that calls it — not
 *   `allow_responses`: with it nats-server remembers the reply subject of every message it delivers to the user, and
 *   every JetStream delivery has one (`$JS.ACK.…`, which the ack never "answers" as a response); past 4,096 remembered
 *   subjects it scans them all on every delivery for expired ones (kept 2 minutes), so each event cost the broker more
 *   the more events had come in the last two minutes — 0.3 ms of nats-server CPU per registered resource grew to
 *   1.5–1.9 ms within a `npm run bench` (docs/performance.md, 2026-12-06 night; 0.3 against 7 ms in a broker-only
 *   test). A callee learns a reply subject only from a request addressed to it (the subjects carry a random nuid).
 * - subscribe: its own inbox prefix and its own RPC subjects (so nobody can answer in another service's name).
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
    ...callersOf(service).map((caller) => `${rpcInboxPrefix(caller)}.>`),
    `${api}.INFO`,
    ...[stream, DEAD_LETTER_STREAM].flatMap((name) => [
      `${api}.STREAM.INFO.${name}`,
      `${api}.STREAM.CREATE.${name}`,
      `${api}.STREAM.UPDATE.${name}`,
    ]),
    ...ownDurables(service).flatMap((durable) => [
      `${api}.CONSUMER.CREATE.${stream}.${durable}`,
      `${api}.CONSUMER.CREATE.${stream}.${durable}.>`,
      `${api}.CONSUMER.DURABLE.CREATE.${stream}.${durable}`,
      `${api}.CONSUMER.INFO.${stream}.${durable}`,
      `${api}.CONSUMER.MSG.NEXT.${stream}.${durable}`,
      `${api}.CONSUMER.DELETE.${stream}.${durable}`,
      `$JS.ACK.${stream}.${durable}.>`,
    ]),
    `${api}.CONSUMER.LIST.${stream}`,
    ...(service === REBUILDING_SERVICE ? [`${api}.CONSUMER.CREATE.${stream}.*`, `${api}.CONSUMER.INFO.${stream}.*`, `${api}.CONSUMER.MSG.NEXT.${stream}.*`] : []),
  ];
  return {
    publish: { allow: publish },
    subscribe: {
      allow: [`${inboxPrefix(service)}.>`, `tsunagu.rpc.${service}.>`],
    },
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
  rpcInboxPrefix,
  callersOf,
  natsUserName,
  ownDurables,
  servicePermissions,
  natsUsers,
};
