import { buildOpenApiDocument } from '@tsunagu/platform-service';
import { captureServiceLogs } from '@tsunagu/platform-observability';
import { describePersonalDataAtTheSeams } from '@tsunagu/platform-testing';
import { REPORTING_APP_OPTIONS } from '../src/app-options';
import { startReporting } from './reporting-app';

describePersonalDataAtTheSeams({
  service: 'reporting',
  boot: startReporting,
  document: (app) => buildOpenApiDocument(app, REPORTING_APP_OPTIONS),
  captureLogs: captureServiceLogs,
  roles: ['admin', 'supervisor', 'analyst'],
  minimumProbes: 300,
});
