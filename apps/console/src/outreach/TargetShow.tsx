import { Box, Card, CardContent, Divider, Stack, Typography } from '@mui/material';
import { Labeled, Show, TextField, useRecordContext, useTranslate } from 'react-admin';
import { DateField } from '../dates/DateField';
import { CodeArrayField, CodeField, DistrictField, OrganizationField, useCanRead } from '../shared/codes';
import { PersonNameField } from '../shared/PersonNameField';
import { ContactTimeline } from './ContactTimeline';
import { HandOverPanel } from './HandOverPanel';
import { LogContactForm } from './LogContactForm';
import { StageActions } from './StageActions';
import { StageField } from './StageField';
import { TargetAlerts, WatchPlanCard } from './WatchPlanCard';

export function Panel({ title, id, children }: { title: string; id: string; children: React.ReactNode }) {
  return (
    <Card component="section" aria-labelledby={id} variant="outlined" sx={{ mt: 2 }}>
      <CardContent>
        <Typography id={id} component="h2" variant="h6" gutterBottom>
          {title}
        </Typography>
        {children}
      </CardContent>
    </Card>
  );
}

function TargetDetails() {
  const record = useRecordContext();
  const translate = useTranslate();
  const canReadPersons = useCanRead('persons');
  if (!record) return null;
  return (
    <Stack direction="row" spacing={3} useFlexGap sx={{ flexWrap: 'wrap' }}>
      <Labeled source="stage">
        <StageField source="stage" />
      </Labeled>
      <Labeled source="identity">
        <CodeField source="identity" table="targetIdentity" />
      </Labeled>
      <Labeled source="riskLevel">
        <CodeField source="riskLevel" table="riskLevel" />
      </Labeled>
      <Labeled source="discoveryRoute">
        <CodeField source="discoveryRoute" table="discoveryRoute" />
      </Labeled>
      <Labeled source="discoveredOn">
        <DateField source="discoveredOn" />
      </Labeled>
      <Labeled source="districtId">
        <DistrictField source="districtId" />
      </Labeled>
      {record.addressMasked ? (
        <Typography variant="body2" role="note">
          {translate('tsunagu.outreach.address_masked')}
        </Typography>
      ) : null}
      <Labeled source="assignedOrganizationId">
        <OrganizationField source="assignedOrganizationId" />
      </Labeled>
      <Labeled source="lastContactAt">
        <DateField source="lastContactAt" showTime />
      </Labeled>
      <Labeled source="lastSuccessfulContactAt">
        <DateField source="lastSuccessfulContactAt" showTime />
      </Labeled>
      {record.firstConnectedOn ? (
        <Labeled source="firstConnectedOn">
          <DateField source="firstConnectedOn" />
        </Labeled>
      ) : null}
      {record.closeReason ? (
        <Labeled source="closeReason">
          <CodeField source="closeReason" table="outreachCloseReason" />
        </Labeled>
      ) : null}
      <Box sx={{ flexBasis: '100%' }} />
      {record.locationDescription ? (
        <Labeled source="locationDescription">
          <TextField source="locationDescription" />
        </Labeled>
      ) : null}
      {/* Who was chosen: by name for roles that read intake's persons, else only that they are known there. */}
      {record.personId && canReadPersons ? (
        <Labeled label="tsunagu.person_ref.label">
          <PersonNameField source="personId" />
        </Labeled>
      ) : null}
      {record.personId && !canReadPersons ? <Typography variant="body2">{translate('tsunagu.outreach.person_known')}</Typography> : null}
      <Labeled source="reasonTags">
        <CodeArrayField source="reasonTags" table="issueTag" />
      </Labeled>
      {record.note ? (
        <Labeled source="note">
          <TextField source="note" />
        </Labeled>
      ) : null}
    </Stack>
  );
}

/** A target's page: details, the stage buttons the API allows, the contact timeline, logging a visit, watch plan, alerts, hand-over. */
export function TargetShow() {
  const translate = useTranslate();
  return (
    <Show>
      <Box sx={{ p: 2 }}>
        <TargetDetails />
        <Divider sx={{ my: 2 }} />
        <StageActions />
        <Stack direction={{ xs: 'column', lg: 'row' }} spacing={2} sx={{ alignItems: 'flex-start' }}>
          <Box sx={{ flex: 3, minWidth: 0 }}>
            <Panel title={translate('tsunagu.outreach.log_visit')} id="outreach-log-visit">
              <LogContactForm />
            </Panel>
            <Panel title={translate('tsunagu.outreach.timeline')} id="outreach-timeline">
              <ContactTimeline />
            </Panel>
          </Box>
          <Box sx={{ flex: 2, minWidth: 0 }}>
            <Panel title={translate('tsunagu.outreach.watch_plan')} id="outreach-watch-plan">
              <WatchPlanCard />
            </Panel>
            <Panel title={translate('tsunagu.outreach.alerts')} id="outreach-alerts">
              <TargetAlerts />
            </Panel>
            <Panel title={translate('tsunagu.outreach.handovers')} id="outreach-handovers">
              <HandOverPanel />
            </Panel>
          </Box>
        </Stack>
      </Box>
    </Show>
  );
}
