import { buildOpenApiDocument } from '@tsunagu/platform-service';
import { captureServiceLogs } from '@tsunagu/platform-observability';
import { describePersonalDataAtTheSeams } from '@tsunagu/platform-testing';
import { INTAKE_APP_OPTIONS } from '../src/openapi';
import { startIntake } from './intake-app';

describePersonalDataAtTheSeams({
  service: 'intake',
  boot: startIntake,
  document: (app) => buildOpenApiDocument(app, INTAKE_APP_OPTIONS),
  captureLogs: captureServiceLogs,
  roles: ['admin', 'supervisor', 'caseworker'],
  minimumProbes: 3000,
});
