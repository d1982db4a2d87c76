import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches, MaxLength } from 'class-validator';
import { CommaListQuery, ListQuery, UuidQuery } from '@tsunagu/platform-http';

/** Most staff subjects one `subjects=` list may name (one page of a list's staff columns). */
export const STAFF_SUBJECTS_MAX = 100;

export class StaffListQuery extends ListQuery {
  /** Names for a page of records (authors, chairs, watchers): one request, not one per row. */
  @CommaListQuery({
    max: STAFF_SUBJECTS_MAX,
    description: `Only these staff members (comma-separated login subjects, at most ${STAFF_SUBJECTS_MAX}). Subjects who never signed in are not in the answer.`,
    example: 'caseworker,supervisor',
    each: [IsString({ each: true }), MaxLength(200, { each: true }), Matches(/^\S+$/, { each: true, message: 'subjects must be login subjects without spaces' })],
  })
  subjects?: string[];

  @UuidQuery('Staff of this desk (organisation).')
  organizationId?: string;
}

export class StaffMemberView {
  @ApiProperty({ description: 'The login subject (records keep this); also the id.' }) id!: string;
  @ApiProperty({ description: 'The login subject (`sub`).' }) subject!: string;
  @ApiProperty({ description: 'Display name from the staff member’s own token (`name` claim) at their last sign-in.' }) displayName!: string;
  @ApiProperty({ type: 'string', format: 'uuid', nullable: true, description: 'Their desk at their last sign-in.' }) organizationId!: string | null;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true, description: 'Null for a line entered by the demo data.' }) lastSignedInAt!: string | null;
}
