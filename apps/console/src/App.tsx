import { Route } from 'react-router-dom';
import { Admin, CustomRoutes, memoryStore, Resource, type AuthProvider, type DataProvider } from 'react-admin';
import auditRecords from './audit-records';
import communityResources from './community-resources';
import coordinators from './coordinators';
import councilMeetings from './council-meetings';
import councils from './councils';
import districts from './districts';
import { AccessDenied } from './layout/AccessDenied';
import { Dashboard } from './layout/Dashboard';
import { Layout } from './layout/Layout';
import { LoginPage } from './layout/LoginPage';
import organizations from './organizations';
import persons from './persons';
import consultations from './consultations';
import referrals from './referrals';
import households from './households';
import consents from './consents';
import cases from './cases';
import plans from './plans';
import evaluations from './evaluations';
import progressNotes from './progress-notes';
import meetings from './meetings';
import mandatoryReports from './mandatory-reports';
import dataSubjectRequests from './data-subject-requests';
import { destructionBatches, legalHolds } from './retention';
import { outreachAlerts, outreachOverdueVisits, outreachTargets } from './outreach';
import { participationGaps, participationHosts, participationMatches, participationNeeds, participationOpportunities, participationOverdue } from './matching';
import { WorkPage } from './work/WorkPage';
import { ImportPage } from './import/ImportPage';
import { LogicModelPage } from './reports/LogicModelPage';
import { ReportsPage } from './reports/ReportsPage';
import { i18nProvider } from './providers/i18nProvider';
import { theme } from './theme';

export interface AppProps {
  authProvider: AuthProvider;
  dataProvider: DataProvider;
}

/**
 * The console: react-admin with our providers and one <Resource> per API collection. The store is in
 * memory (list filters may hold names or phone numbers: nothing is written to localStorage).
 */
export function App({ authProvider, dataProvider }: AppProps) {
  return (
    <Admin
      title="つなぐ"
      authProvider={authProvider}
      dataProvider={dataProvider}
      i18nProvider={i18nProvider}
      store={memoryStore()}
      layout={Layout}
      loginPage={LoginPage}
      dashboard={Dashboard}
      accessDenied={AccessDenied}
      theme={theme}
      disableTelemetry
    >
      <Resource name="persons" {...persons} />
      <Resource name="consultations" {...consultations} />
      <Resource name="referrals" {...referrals} />
      <Resource name="households" {...households} />
      <Resource name="consents" {...consents} />
      <Resource name="mandatory-reports" {...mandatoryReports} />
      <Resource name="cases" {...cases} />
      <Resource name="plans" {...plans} />
      <Resource name="evaluations" {...evaluations} />
      <Resource name="meetings" {...meetings} />
      <Resource name="progress-notes" {...progressNotes} />
      <Resource name="outreach-targets" {...outreachTargets} />
      <Resource name="outreach-overdue-visits" {...outreachOverdueVisits} />
      <Resource name="outreach-alerts" {...outreachAlerts} />
      <Resource name="outreach-contacts" />
      <Resource name="outreach-handovers" />
      <Resource name="participation-needs" {...participationNeeds} />
      <Resource name="participation-matches" {...participationMatches} />
      <Resource name="participation-overdue" {...participationOverdue} />
      <Resource name="participation-follow-ups" />
      <Resource name="participation-hosts" {...participationHosts} />
      <Resource name="participation-opportunities" {...participationOpportunities} />
      <Resource name="participation-gaps" {...participationGaps} />
      <Resource name="community-resources" {...communityResources} />
      <Resource name="organizations" {...organizations} />
      <Resource name="districts" {...districts} />
      <Resource name="coordinators" {...coordinators} />
      <Resource name="councils" {...councils} />
      <Resource name="council-meetings" {...councilMeetings} />
      <Resource name="audit-records" {...auditRecords} />
      <Resource name="data-subject-requests" {...dataSubjectRequests} />
      <Resource name="destruction-batches" {...destructionBatches} />
      <Resource name="outreach-destruction-batches" {...destructionBatches} />
      <Resource name="legal-holds" {...legalHolds} />
      <CustomRoutes>
        <Route path="/work" element={<WorkPage />} />
        <Route path="/reports" element={<ReportsPage />} />
        <Route path="/logic-model" element={<LogicModelPage />} />
        <Route path="/imports" element={<ImportPage />} />
      </CustomRoutes>
    </Admin>
  );
}
