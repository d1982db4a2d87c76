import type { EventContract, RpcContract } from './lib/event-contract';
import type { PersonalInformationFile } from './lib/personal-information-files';
import { CASE_EVENTS, INTAKE_EVENTS, INTAKE_PERSONAL_INFORMATION_FILES } from './intake';
import { CollectMatchingSubjectRecordsRpc, MATCHING_EVENTS, MATCHING_PERSONAL_INFORMATION_FILES } from './matching';
import { CollectOutreachSubjectRecordsRpc, OUTREACH_EVENTS, OUTREACH_PERSONAL_INFORMATION_FILES } from './outreach';
import { REGISTRY_EVENTS, SearchResourcesRpc } from './registry';
import { REPORTING_EVENTS } from './reporting';

export * from './lib/event-contract';
export * from './lib/cloud-event';
export * from './lib/cloud-event-schema';
export * from './lib/schema-validation';
export * from './lib/asyncapi';
export * from './lib/person-pseudonym-schema';
export * from './lib/subject-records';
export * from './lib/subject-record-labels';
export * from './lib/personal-information-files';
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

/** The 個人情報ファイル簿 of every service (each service's tests check its files against its data model). */
export const allPersonalInformationFiles: readonly PersonalInformationFile[] = [
  ...INTAKE_PERSONAL_INFORMATION_FILES,
  ...OUTREACH_PERSONAL_INFORMATION_FILES,
  ...MATCHING_PERSONAL_INFORMATION_FILES,
];
