import { DomainErrorCode, DomainException, problemStatus, problemTitle } from './domain-exception';

describe('domain exceptions', () => {
  it('give every code an HTTP status and a title', () => {
    for (const code of Object.values(DomainErrorCode)) {
      expect(problemStatus[code]).toBeGreaterThanOrEqual(400);
      expect(problemTitle[code]).toEqual(expect.any(String));
    }
  });

  it('name the invalid field, and the missing resource without its values', () => {
    const invalid = DomainException.invalidField('birthDate', 'must be a real date');
    expect(invalid.code).toBe(DomainErrorCode.ValidationFailed);
    expect(invalid.details.errors).toEqual({ birthDate: 'must be a real date' });
    const missing = DomainException.notFound('person', '0190aaaa-0000-7000-8000-000000000001');
    expect(missing.code).toBe(DomainErrorCode.NotFound);
    expect(missing.details).toEqual({ resource: 'person' });
  });

  it('log as their code and message only (loggableError), never the details', () => {
    const error = new DomainException(DomainErrorCode.Conflict, 'person already registered', { errors: { name: '山田 太郎' } });
    expect(error.safeMessage).toBe('conflict: person already registered');
  });
});
