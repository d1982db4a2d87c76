import { buildOpenApiDocument } from '@tsunagu/platform-service';
import { captureServiceLogs } from '@tsunagu/platform-observability';
import { describePersonalDataAtTheSeams } from '@tsunagu/platform-testing';
import { MATCHING_APP_OPTIONS } from '../src/app-options';
import { startMatching } from './matching-app';

describePersonalDataAtTheSeams({
  service: 'matching',
  boot: startMatching,
  document: (app) => buildOpenApiDocument(app, MATCHING_APP_OPTIONS),
  captureLogs: captureServiceLogs,
  roles: ['admin', 'supervisor', 'participation-worker'],
  minimumProbes: 1000,
});
