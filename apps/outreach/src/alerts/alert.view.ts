import { ApiProperty } from '@nestjs/swagger';
import { INACTIVITY_ALERT_STATUSES, RISK_LEVELS, TARGET_IDENTITIES, type InactivityAlertStatus, type OutreachInactivityAlertData, type RiskLevel, type TargetIdentity } from '@tsunagu/contracts';
import { dateInJapan, fiscalYearOf } from '@tsunagu/util-japanese-calendar';
import type { OutreachTarget } from '../targets/outreach-target.entity';
import type { InactivityAlert } from './inactivity-alert.entity';

export class AlertView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) targetId!: string;
  @ApiProperty({ enum: TARGET_IDENTITIES, description: 'Who the target is known as (本人 / 世帯 / 場所のみ), so a list can name the person or say why it cannot.' }) identity!: TargetIdentity;
  @ApiProperty({ nullable: true, type: 'string', format: 'uuid', description: 'The intake person of the target, once known.' }) personId!: string | null;
  @ApiProperty({ enum: INACTIVITY_ALERT_STATUSES }) status!: InactivityAlertStatus;
  @ApiProperty({ format: 'date-time' }) raisedAt!: string;
  @ApiProperty({ format: 'date-time', description: 'Start of the lapse: the last successful contact, or discovery.' }) lapseStartedAt!: string;
  @ApiProperty({ type: 'integer' }) thresholdDays!: number;
  @ApiProperty({ nullable: true, type: 'string', format: 'date-time' }) lastSuccessfulContactAt!: string | null;
  @ApiProperty({ nullable: true, type: 'string', format: 'date-time' }) clearedAt!: string | null;
  @ApiProperty({ nullable: true, type: 'string', format: 'uuid' }) clearedByContactId!: string | null;
  @ApiProperty({ nullable: true, type: 'string', format: 'uuid' }) districtId!: string | null;
  @ApiProperty({ description: 'The district is withheld from you (DV address protection of the target).' }) addressMasked!: boolean;
  @ApiProperty({ format: 'uuid' }) assignedOrganizationId!: string;
  @ApiProperty({ enum: RISK_LEVELS }) riskLevel!: RiskLevel;
}

export function alertView(alert: InactivityAlert, target: Pick<OutreachTarget, 'identity' | 'personId'>, masked: boolean): AlertView {
  return {
    id: alert.id,
    targetId: alert.targetId,
    identity: target.identity,
    personId: target.personId,
    status: alert.status,
    raisedAt: alert.raisedAt.toISOString(),
    lapseStartedAt: alert.lapseStartedAt.toISOString(),
    thresholdDays: alert.thresholdDays,
    lastSuccessfulContactAt: alert.lastSuccessfulContactAt?.toISOString() ?? null,
    clearedAt: alert.clearedAt?.toISOString() ?? null,
    clearedByContactId: alert.clearedByContactId,
    districtId: masked ? null : alert.districtId,
    addressMasked: masked && alert.districtId !== null,
    assignedOrganizationId: alert.assignedOrganizationId,
    riskLevel: alert.riskLevel,
  };
}

/** The alert's event: no district when the target is under DV address protection (`withheld`). */
export function alertEventData(alert: InactivityAlert, at: Date, withheld: boolean): OutreachInactivityAlertData {
  const occurredOn = dateInJapan(at);
  return {
    targetId: alert.targetId,
    districtId: withheld ? null : alert.districtId,
    districtWithheld: withheld,
    assignedOrganizationId: alert.assignedOrganizationId,
    riskLevel: alert.riskLevel,
    occurredOn,
    fiscalYear: fiscalYearOf(occurredOn),
    alertId: alert.id,
    thresholdDays: alert.thresholdDays,
    lastSuccessfulContactOn: alert.lastSuccessfulContactAt ? dateInJapan(alert.lastSuccessfulContactAt) : null,
    clearedByContactId: alert.clearedByContactId,
  };
}
