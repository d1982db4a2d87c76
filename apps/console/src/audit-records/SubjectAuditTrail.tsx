import { Alert, Box, Table, TableBody, TableCell, TableContainer, TableHead, TableRow, Typography } from '@mui/material';
import { useEffect, useState } from 'react';
import { useDataProvider, useTranslate } from 'react-admin';
import { DateField } from '../dates/DateField';
import { Pending } from '../shared/Pending';
import { loadSubjectAudit, type AuditFetch, type AuditRecordRow, type SubjectAuditResult } from './subjectAudit';

/** Newest records per service: enough for "who saw this person lately"; the full trail is the auditors' 監査ログ. */
const PER_SERVICE = 100;

function useSubjectAudit(subjectId: string | undefined): SubjectAuditResult | undefined {
  const dataProvider = useDataProvider();
  const [result, setResult] = useState<SubjectAuditResult | undefined>();
  useEffect(() => {
    if (!subjectId) return;
    let current = true;
    setResult(undefined);
    const fetch: AuditFetch = async (service, subject) => {
      const page = await dataProvider.getList(`${service}-audit-records`, {
        pagination: { page: 1, perPage: PER_SERVICE },
        sort: { field: 'occurredAt', order: 'DESC' },
        filter: { subjectId: subject },
      });
      return { records: page.data as unknown as AuditRecordRow[], total: page.total ?? page.data.length };
    };
    void loadSubjectAudit(subjectId, fetch).then((loaded) => current && setResult(loaded));
    return () => {
      current = false;
    };
  }, [dataProvider, subjectId]);
  return result;
}

/**
 * 「閲覧・操作の記録」 of a person (APPI: who saw or changed this person's data): every service's audit records naming
 * them, newest first — who, when, what on which record, and whether it was allowed. Only for roles that may read the
 * audit trail (the caller checks); a service that does not answer is named, the others still shown.
 */
export function SubjectAuditTrail({ subjectId }: { subjectId: string | undefined }) {
  const translate = useTranslate();
  const result = useSubjectAudit(subjectId);
  const services = (list: readonly string[]) => list.map((service) => translate(`tsunagu.subject_audit.services.${service}`, { _: service })).join('、');
  return (
    <Box component="section" aria-labelledby="subject-audit-heading" sx={{ mt: 1 }}>
      <Typography id="subject-audit-heading" component="h2" variant="h6" gutterBottom>
        {translate('tsunagu.subject_audit.title')}
      </Typography>
      <Typography variant="body2" sx={{ mb: 1 }}>
        {translate('tsunagu.subject_audit.intro')}
      </Typography>
      {!result ? (
        <Pending />
      ) : (
        <>
          {result.failed.length > 0 && (
            <Alert severity="warning" sx={{ mb: 1 }}>
              {translate('tsunagu.subject_audit.partial', { services: services(result.failed) })}
            </Alert>
          )}
          {result.truncated.length > 0 && (
            <Alert severity="info" sx={{ mb: 1 }}>
              {translate('tsunagu.subject_audit.truncated', { services: services(result.truncated), count: PER_SERVICE })}
            </Alert>
          )}
          {result.entries.length === 0 ? (
            <Typography variant="body2">{translate(result.failed.length > 0 ? 'tsunagu.subject_audit.empty_partial' : 'tsunagu.subject_audit.empty')}</Typography>
          ) : (
            <TableContainer>
              <Table size="small" aria-labelledby="subject-audit-heading">
                <TableHead>
                  <TableRow>
                    {['occurredAt', 'actor', 'action', 'resource', 'outcome', 'service'].map((column) => (
                      <TableCell key={column}>{translate(`tsunagu.subject_audit.columns.${column}`)}</TableCell>
                    ))}
                  </TableRow>
                </TableHead>
                <TableBody>
                  {result.entries.map((entry) => (
                    <TableRow key={entry.key} data-service={entry.service} data-action={entry.action} data-outcome={entry.outcome}>
                      <TableCell>
                        <DateField record={{ id: entry.key, occurredAt: entry.occurredAt }} source="occurredAt" showTime />
                      </TableCell>
                      <TableCell>
                        {entry.actor ?? translate('tsunagu.subject_audit.system')}
                        {entry.roles && entry.roles.length > 0 && (
                          <Typography component="span" variant="body2" sx={{ display: 'block', color: 'text.secondary' }}>
                            {entry.roles.map((role) => translate(`tsunagu.roles.${role}`, { _: role })).join('、')}
                          </Typography>
                        )}
                      </TableCell>
                      <TableCell>{translate(`tsunagu.subject_audit.actions.${entry.action}`, { _: entry.action })}</TableCell>
                      <TableCell>
                        {translate(`tsunagu.subject_audit.resource_types.${entry.resourceType}`, { _: entry.resourceType })}
                        {entry.resourceId && (
                          <Typography component="span" variant="body2" sx={{ display: 'block', color: 'text.secondary', wordBreak: 'break-all' }}>
                            {entry.resourceId}
                          </Typography>
                        )}
                      </TableCell>
                      <TableCell>{translate(`tsunagu.subject_audit.outcomes.${entry.outcome}`, { _: entry.outcome })}</TableCell>
                      <TableCell>{translate(`tsunagu.subject_audit.services.${entry.service}`)}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </TableContainer>
          )}
        </>
      )}
    </Box>
  );
}
