import type { NestFastifyApplication } from '@nestjs/platform-fastify';

/** A reply of an app under test: status, headers, the parsed JSON body (undefined when not JSON) and the text. */
export interface Reply {
  status: number;
  headers: Record<string, string | string[] | number | undefined>;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- test responses are checked field by field
  text: string;
}

export interface InjectOptions {
  /** Sent as JSON. */
  body?: unknown;
  /** Sent as is (malformed JSON, CSV, XML …); pass the content-type in `headers` when it is not JSON. */
  raw?: string | Buffer;
  /** Win over the content-type and authorization set here. */
  headers?: Record<string, string>;
  /** Bearer token; none when null or undefined. */
  bearer?: string | null;
}

/** Injects one request into a booted Nest Fastify app, JSON in and out, the way the service harnesses call their API. */
export async function injectJson(app: NestFastifyApplication, method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, options: InjectOptions = {}): Promise<Reply> {
  const { body, raw, headers = {}, bearer } = options;
  const response = await app.inject({
    method,
    url,
    headers: {
      ...(body !== undefined || raw !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(bearer ? { authorization: `Bearer ${bearer}` } : {}),
      ...headers,
    },
    payload: raw ?? (body !== undefined ? JSON.stringify(body) : undefined),
  });
  let parsed: unknown = undefined;
  try {
    parsed = response.body ? JSON.parse(response.body) : undefined;
  } catch {
    parsed = undefined;
  }
  return { status: response.statusCode, headers: response.headers, body: parsed, text: response.body };
}
