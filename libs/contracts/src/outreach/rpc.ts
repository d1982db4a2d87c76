import { defineSubjectRecordsRpc } from '../lib/subject-records';

/** Outreach's targets, contacts, watch plans and hand-overs of one person, for a 開示請求. */
export const CollectOutreachSubjectRecordsRpc = defineSubjectRecordsRpc('outreach');
