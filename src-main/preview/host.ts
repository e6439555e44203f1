import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { Dispatch } from '../ipc/dispatch';

/**
 * The preview transport: serves the built renderer and answers POST /api/invoke on 127.0.0.1.
 * A random per-run token, put into the page it serves, must come back with every call, and Host
 * and Origin must name this host, so no other page or process on the machine can call it.
 */
export interface PreviewHostOptions {
  dispatch: Dispatch;
  rendererDirectory: string;
  /** 0 picks a free port (tests). */
  port: number;
  /** Largest request body accepted, in bytes. */
  maximumBodyBytes?: number;
}

export interface PreviewHost {
  url: string;
  token: string;
  close(): Promise<void>;
}

export const tokenHeader = 'x-planwell-token';

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
};

const securityHeaders = {
  'Content-Security-Policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; font-src 'self'; connect-src 'self'; frame-src 'self' blob:; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Cache-Control': 'no-store',
};

export async function startPreviewHost(options: PreviewHostOptions): Promise<PreviewHost> {
  const token = randomBytes(32).toString('hex');
  const rendererDirectory = resolve(options.rendererDirectory);
  const maximumBodyBytes = options.maximumBodyBytes ?? 1024 * 1024;
  const indexHtml = (await readFile(join(rendererDirectory, 'index.html'), 'utf8')).replace(
    '</head>',
    `<meta name="planwell-token" content="${token}"></head>`,
  );
  let allowedHosts: Set<string> = new Set();

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      console.error('[planwell preview] request failed:', error);
      if (!response.headersSent) send(response, 500, 'text/plain; charset=utf-8', 'Internal error');
      else response.destroy();
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    // DNS rebinding: a page on another name that resolves to 127.0.0.1 still sends its own Host.
    if (!allowedHosts.has(request.headers.host ?? '')) {
      send(response, 421, 'text/plain; charset=utf-8', 'Unknown host');
      return;
    }
    const path = new URL(request.url ?? '/', 'http://placeholder').pathname;
    if (path === '/api/invoke') {
      await handleInvoke(request, response);
      return;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      send(response, 405, 'text/plain; charset=utf-8', 'Method not allowed');
      return;
    }
    if (path === '/' || path === '/index.html') {
      send(response, 200, contentTypes['.html']!, indexHtml);
      return;
    }
    let decoded: string;
    try {
      decoded = decodeURIComponent(path);
    } catch {
      send(response, 400, 'text/plain; charset=utf-8', 'Bad request');
      return;
    }
    const file = normalize(join(rendererDirectory, decoded));
    if (!file.startsWith(rendererDirectory + sep)) {
      send(response, 404, 'text/plain; charset=utf-8', 'Not found');
      return;
    }
    try {
      const body = await readFile(file);
      send(response, 200, contentTypes[extname(file)] ?? 'application/octet-stream', body);
    } catch {
      send(response, 404, 'text/plain; charset=utf-8', 'Not found');
    }
  }

  async function handleInvoke(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (request.method !== 'POST') {
      sendJson(response, 405, { ok: false, error: { code: 'FORBIDDEN', message: 'Use POST.' } });
      return;
    }
    const origin = request.headers.origin;
    if (origin === undefined || !allowedHosts.has(origin.replace(/^http:\/\//, ''))) {
      sendJson(response, 403, { ok: false, error: { code: 'FORBIDDEN', message: 'This request did not come from PlanWell.' } });
      return;
    }
    if (!tokenMatches(request.headers[tokenHeader], token)) {
      sendJson(response, 403, { ok: false, error: { code: 'FORBIDDEN', message: 'This request did not come from PlanWell.' } });
      return;
    }
    if (!(request.headers['content-type'] ?? '').startsWith('application/json')) {
      sendJson(response, 415, { ok: false, error: { code: 'INVALID_INPUT', message: 'Send JSON.' } });
      return;
    }
    const body = await readBody(request, maximumBodyBytes);
    if (body === null) {
      sendJson(response, 413, { ok: false, error: { code: 'INVALID_INPUT', message: 'The request is too large.' } });
      return;
    }
    let message: unknown;
    try {
      message = JSON.parse(body);
    } catch {
      sendJson(response, 400, { ok: false, error: { code: 'INVALID_INPUT', message: 'The request is not valid JSON.' } });
      return;
    }
    const { channel, input } = (typeof message === 'object' && message !== null ? message : {}) as {
      channel?: unknown;
      input?: unknown;
    };
    sendJson(response, 200, await options.dispatch(channel, input));
  }

  await new Promise<void>((resolveListen, rejectListen) => {
    server.once('error', rejectListen);
    server.listen(options.port, '127.0.0.1', () => resolveListen());
  });
  const { port } = server.address() as AddressInfo;
  allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  return {
    url: `http://127.0.0.1:${port}/`,
    token,
    close: () =>
      new Promise<void>((resolveClose) => {
        server.closeAllConnections();
        server.close(() => resolveClose());
      }),
  };
}

function tokenMatches(received: string | string[] | undefined, expected: string): boolean {
  if (typeof received !== 'string' || received.length !== expected.length) return false;
  return timingSafeEqual(Buffer.from(received), Buffer.from(expected));
}

function readBody(request: IncomingMessage, limit: number): Promise<string | null> {
  return new Promise((resolveBody, rejectBody) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) tooLarge = true;
      else chunks.push(chunk);
    });
    request.on('end', () => resolveBody(tooLarge ? null : Buffer.concat(chunks).toString('utf8')));
    request.on('error', rejectBody);
  });
}

function send(response: ServerResponse, status: number, contentType: string, body: string | Buffer): void {
  response.writeHead(status, { ...securityHeaders, 'Content-Type': contentType });
  response.end(body);
}

function sendJson(response: ServerResponse, status: number, value: unknown): void {
  send(response, status, contentTypes['.json']!, JSON.stringify(value));
}
