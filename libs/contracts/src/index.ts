import type { EventContract, RpcContract } from './lib/event-contract';
import { CASE_EVENTS, INTAKE_EVENTS } from './intake';
import { CollectMatchingSubjectRecordsRpc, MATCHING_EVENTS } from './matching';
import { CollectOutreachSubjectRecordsRpc, OUTREACH_EVENTS } from './outreach';
import { REGISTRY_EVENTS, SearchResourcesRpc } from './registry';
import { REPORTING_EVENTS } from './reporting';

export * from './lib/event-contract';
export * from './lib/cloud-event';
export * from './lib/cloud-event-schema';
export * from './lib/schema-validation';
export * from './lib/asyncapi';
export * from './lib/person-pseudonym-schema';
export * from './lib/subject-records';
export * from './registry';
export * from './intake';
export * from './outreach';
export * from './matching';
export * from './reporting';

/** Every event contract on the bus; each service's contract folder adds its list here (AsyncAPI, receivers' registries). */
export const allEventContracts: readonly EventContract[] = [
  ...REGISTRY_EVENTS,
  ...INTAKE_EVENTS,
  ...CASE_EVENTS,
  ...OUTREACH_EVENTS,
  ...MATCHING_EVENTS,
  ...REPORTING_EVENTS,
];

/** Every request-reply contract on the bus; each service's contract folder adds its operations here. */
export const allRpcContracts: readonly RpcContract[] = [SearchResourcesRpc, CollectOutreachSubjectRecordsRpc, CollectMatchingSubjectRecordsRpc];
