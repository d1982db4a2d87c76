import { useCanRead, CodeField } from '../shared/codes';
import { useRecordContext, useTranslate } from 'react-admin';
import { PersonNameField } from '../shared/PersonNameField';

/**
 * The target's person by name for roles that may read persons; a target not yet known as a person says so (「場所のみ」,
 * 「世帯のみ」). Roles that may not read persons see only how the target is known. Used by every list of targets, overdue
 * visits and inactivity alerts, so a desk worker always sees whom a row is about.
 */
export function TargetPersonField(props: { label?: string; sortable?: boolean }) {
  const translate = useTranslate();
  const record = useRecordContext();
  const canReadPersons = useCanRead('persons');
  const identity = String(record?.identity ?? 'location-only');
  if (!canReadPersons) return <CodeField {...props} source="identity" table="targetIdentity" />;
  return <PersonNameField {...props} source="personId" emptyText={translate(`tsunagu.codes.targetIdentity.${identity}`, { _: identity })} />;
}
