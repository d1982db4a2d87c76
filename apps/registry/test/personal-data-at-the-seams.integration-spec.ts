import { buildOpenApiDocument } from '@tsunagu/platform-service';
import { captureServiceLogs } from '@tsunagu/platform-observability';
import { describePersonalDataAtTheSeams } from '@tsunagu/platform-testing';
import { APP_OPTIONS, startRegistry } from './registry-app';

describePersonalDataAtTheSeams({
  service: 'registry',
  boot: () => startRegistry(),
  document: (app) => buildOpenApiDocument(app, APP_OPTIONS),
  captureLogs: captureServiceLogs,
  roles: ['admin', 'coordinator'],
  minimumProbes: 1000,
});
