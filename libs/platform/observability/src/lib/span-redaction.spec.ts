import { redactAttributes, redactPath, withoutLiterals } from './span-redaction';

describe('span redaction', () => {
  it('keeps route words, uuids and numbers of a path, never a query string or a name', () => {
    expect(redactPath('/api/intake/persons/01900000-0000-7000-8000-000000000001/timeline?q=山田')).toBe('/api/intake/persons/01900000-0000-7000-8000-000000000001/timeline');
    expect(redactPath('/api/intake/persons/%E5%B1%B1%E7%94%B0')).toBe('/api/intake/persons/:redacted');
    expect(redactPath('http://127.0.0.1:3000/api/registry/districts?page=2')).toBe('http://127.0.0.1:3000/api/registry/districts');
    expect(redactPath('/api/intake/mandatory-reports/2025')).toBe('/api/intake/mandatory-reports/2025');
  });

  it('replaces SQL literals, keeps placeholders and identifiers', () => {
    expect(withoutLiterals(`select * from "intake"."person" where family_name = '山田' and age > 80 and id = $1`)).toBe(
      `select * from "intake"."person" where family_name = ? and age > ? and id = $1`,
    );
    expect(withoutLiterals(`insert into t (a) values ('O''Brien', E'x\\n')`)).toBe('insert into t (a) values (?, ?)');
  });

  it('drops query, bodies and exception messages; keeps the exception type and frames', () => {
    expect(
      redactAttributes({
        'url.query': 'q=山田',
        'http.target': '/api/intake/persons?q=山田',
        'url.full': 'http://host/api/intake/persons?q=山田',
        'http.request.body.size': 10,
        'exception.type': 'UniqueConstraintViolationException',
        'exception.message': "insert into person values ('山田')",
        'exception.stacktrace': "UniqueConstraintViolationException: insert into person values ('山田')\n    at Foo (/x.js:1:1)",
        'db.statement': "select '山田'",
        'http.route': '/api/intake/persons',
      }),
    ).toEqual({
      'http.target': '/api/intake/persons',
      'url.full': 'http://host/api/intake/persons',
      'exception.type': 'UniqueConstraintViolationException',
      'exception.stacktrace': '    at Foo (/x.js:1:1)',
      'db.statement': 'select ?',
      'http.route': '/api/intake/persons',
    });
  });
});
