import http from 'node:http';
import { SESSION_COOKIE } from '../../src/main/proxy/session-cookie';

export interface GateResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** One HTTP request with full control over Host and other headers (fetch forbids some). */
export function gateRequest(
  port: number,
  options: { method?: string; path?: string; headers?: Record<string, string>; body?: string },
): Promise<GateResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method: options.method ?? 'GET',
        path: options.path ?? '/',
        headers: options.headers,
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          body += chunk;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

/** The `name=value` of the session cookie a response set, for a later Cookie header. */
export function sessionCookieFrom(res: GateResponse): string {
  const header = (res.headers['set-cookie'] ?? []).find((c) => c.startsWith(`${SESSION_COOKIE}=`));
  if (!header) throw new Error(`no session cookie set (status ${res.status})`);
  return header.split(';')[0]!;
}

/** Posts the sign-in form, as the sign-in page does. */
export function postPassword(port: number, password: string, headers: Record<string, string> = {}) {
  return gateRequest(port, {
    method: 'POST',
    path: '/login',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams({ password }).toString(),
  });
}
