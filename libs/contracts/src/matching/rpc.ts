import { defineSubjectRecordsRpc } from '../lib/subject-records';

/** Matching's participation needs, matches and follow-ups of one person, for a 開示請求. */
export const CollectMatchingSubjectRecordsRpc = defineSubjectRecordsRpc('matching');
