import { buildOpenApiDocument } from '@tsunagu/platform-service';
import { captureServiceLogs } from '@tsunagu/platform-observability';
import { describePersonalDataAtTheSeams } from '@tsunagu/platform-testing';
import { OUTREACH_APP_OPTIONS } from '../src/openapi';
import { startOutreach } from './outreach-app';

describePersonalDataAtTheSeams({
  service: 'outreach',
  boot: () => startOutreach(),
  document: (app) => buildOpenApiDocument(app, OUTREACH_APP_OPTIONS),
  captureLogs: captureServiceLogs,
  roles: ['admin', 'supervisor', 'outreach-worker'],
  minimumProbes: 1000,
});
