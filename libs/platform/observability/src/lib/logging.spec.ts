import type { IncomingMessage, ServerResponse } from 'node:http';
import { loggerParams, REDACTED_PATHS } from './logging';

describe('loggerParams', () => {
  const options = loggerParams('registry', 'info').pinoHttp as {
    serializers: { req(request: Partial<IncomingMessage> & { id?: string }): unknown; res(response: Partial<ServerResponse>): unknown };
    redact: { paths: string[] };
    customSuccessMessage(request: Partial<IncomingMessage>, response: Partial<ServerResponse>): string;
  };

  it('logs the path without the query string, which may hold names searched for', () => {
    const request = { id: 'r1', method: 'GET', url: '/api/intake/people?q=%E9%AB%98%E6%9D%BE&phone=0878', headers: { authorization: 'Bearer x' } };
    expect(options.serializers.req(request)).toEqual({ id: 'r1', method: 'GET', path: '/api/intake/people' });
    expect(options.customSuccessMessage(request, { statusCode: 200 })).toBe('GET /api/intake/people 200');
  });

  it('never writes bodies or headers, and redacts credentials wherever they appear', () => {
    expect(options.serializers.res({ statusCode: 201 })).toEqual({ statusCode: 201 });
    expect(options.redact.paths).toEqual(REDACTED_PATHS);
    expect(REDACTED_PATHS).toEqual(expect.arrayContaining(['req.headers.authorization', 'req.headers.cookie', '*.password']));
  });
});
