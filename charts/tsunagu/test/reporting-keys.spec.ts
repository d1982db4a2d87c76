import { find, podSpec, render, renderError } from './helm';

/** Issue 17: the pseudonym key goes to the services that stamp it, the snapshot key to reporting, both only by Secret reference. */
describe('reporting keys', () => {
  const env = (manifests: ReturnType<typeof render>, kind: string, name: string) =>
    (podSpec(find(manifests, kind, name)).containers[0].env as { name: string; value?: string; valueFrom?: unknown }[]).filter((variable) => variable.name.endsWith('_KEY') && variable.name.startsWith('REPORTING_'));

  it('gives REPORTING_PSEUDONYM_KEY to intake, outreach and matching and REPORTING_SNAPSHOT_KEY to reporting, from the existing Secret, never as a value', () => {
    const manifests = render({ valuesFiles: ['values-production.yaml'] });
    const pseudonym = { name: 'REPORTING_PSEUDONYM_KEY', valueFrom: { secretKeyRef: { name: 'tsunagu-reporting-keys', key: 'pseudonym-key' } } };
    for (const name of ['intake', 'outreach', 'matching']) {
      expect(env(manifests, 'Deployment', name)).toEqual([pseudonym]);
      // The migration Job loads demo data in development, which records events: the same environment.
      expect(env(manifests, 'Job', `${name}-migrate`)).toEqual([pseudonym]);
    }
    expect(env(manifests, 'Deployment', 'reporting')).toEqual([{ name: 'REPORTING_SNAPSHOT_KEY', valueFrom: { secretKeyRef: { name: 'tsunagu-reporting-keys', key: 'snapshot-key' } } }]);
    expect(env(manifests, 'Deployment', 'registry')).toEqual([]);
  });

  it('refuses to render without the Secret, naming the value', () => {
    expect(renderError({ values: { reportingKeys: { existingSecret: '' } } })).toContain('reportingKeys.existingSecret is required');
  });

  it('refuses unknown keys in the block (values.schema.json)', () => {
    expect(renderError({ values: { reportingKeys: { pseudonymKeyValue: 'secret' } } })).toMatch(/reportingKeys|additional/i);
  });
});
