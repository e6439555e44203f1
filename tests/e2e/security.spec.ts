import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { runInNewContext } from 'node:vm';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

/**
 * The renderer reaches the main process only through the contract, and the built renderer's
 * Content-Security-Policy stops injected script. Checked in Chromium against the built app
 * (out/renderer, served by the preview host) and the built preload (out/preload).
 */

const projectDirectory = resolve(import.meta.dirname, '..', '..');

/** What the page itself can see of the world: run in the page, as its own scripts would be. */
function pageGlobals(page: Page) {
  return page.evaluate(() => {
    const scope = globalThis as unknown as Record<string, unknown>;
    return {
      nodeGlobals: ['require', 'process', 'module', 'exports', 'Buffer', 'global', '__dirname', '__filename', 'setImmediate', 'electron', 'ipcRenderer'].filter(
        (name) => typeof scope[name] !== 'undefined',
      ),
      ownNames: Object.getOwnPropertyNames(globalThis),
      bridge: typeof scope.planwell,
    };
  });
}

test('the page reaches PlanWell only through the contract: no Node, one bridge function, and a host that answers nothing else', async ({ page, host }) => {
  await page.goto(host.url);
  await expect(page.getByRole('heading', { level: 1, name: 'Set up PlanWell' })).toBeVisible();

  // No Node in the page, and no global the app adds: the same names as a page of the same origin
  // without any script (the host's plain-text "Not found").
  const app = await pageGlobals(page);
  expect(app.nodeGlobals).toEqual([]);
  expect(app.bridge).toBe('undefined'); // the preview has no bridge object: its client calls fetch
  const blank = await page.context().newPage();
  await blank.goto(`${host.url}nothing-here`);
  const ordinary = new Set((await pageGlobals(blank)).ownNames);
  await blank.close();
  // zod keeps its configuration and schema registry on globalThis: data, with no way out of the page.
  expect(app.ownNames.filter((name) => !ordinary.has(name)).sort()).toEqual(['__zod_globalConfig', '__zod_globalRegistry']);

  // In Electron the bridge is the built preload's: run it with a stand-in for Electron's two
  // objects that records what it does. It exposes one object, holding one function, which sends
  // on one IPC channel; it asks for nothing but electron.
  const exposed: { name: string; api: Record<string, unknown> }[] = [];
  const sent: unknown[][] = [];
  const required: string[] = [];
  const standIn = {
    contextBridge: { exposeInMainWorld: (name: string, api: Record<string, unknown>) => exposed.push({ name, api }) },
    ipcRenderer: new Proxy({ invoke: (...args: unknown[]) => sent.push(args) }, {
      get: (target, property) => {
        if (property !== 'invoke') throw new Error(`The preload used ipcRenderer.${String(property)}`);
        return target.invoke;
      },
    }),
  };
  runInNewContext(readFileSync(join(projectDirectory, 'out', 'preload', 'index.cjs'), 'utf8'), {
    require: (name: string) => {
      required.push(name);
      if (name !== 'electron') throw new Error(`The preload required ${name}`);
      return standIn;
    },
  });
  expect(required).toEqual(['electron']);
  expect(exposed.map(({ name, api }) => [name, Object.keys(api)])).toEqual([['planwell', ['invoke']]]);
  const invoke = exposed[0]!.api.invoke as (channel: string, input: unknown) => unknown;
  invoke('people.search', { query: 'x' });
  expect(sent).toEqual([['app:invoke', 'people.search', { query: 'x' }]]);

  // The host serves the built renderer and POST /api/invoke, nothing else: not the source, the
  // build of the main process, the data folder, or anything above the renderer's folder.
  const answers = await page.evaluate(async () => {
    const token = document.querySelector<HTMLMetaElement>('meta[name="planwell-token"]')?.content ?? '';
    const probe = async (path: string, method = 'GET', init: RequestInit = {}) => {
      const response = await fetch(path, { method, ...init });
      return [`${method} ${path}`, response.status] as const;
    };
    const api = (body: string, headers: Record<string, string> = {}) =>
      fetch('/api/invoke', { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-PlanWell-Token': token, ...headers }, body }).then(
        async (response) => [response.status, (await response.json()) as { ok: boolean; error?: { code: string; message: string } }] as const,
      );
    const nested = `{"channel":"setup.createPractice","input":${'['.repeat(10_000)}${']'.repeat(10_000)}}`;
    return {
      paths: await Promise.all([
        ...[
          '/package.json', '/../package.json', '/..%2fpackage.json', '/%2e%2e/%2e%2e/package.json', '/assets/../../package.json', '/src-main/app.ts',
          '/out/main/preview.js', '/main/preview.js', '/preload/index.cjs', '/node_modules/zod/package.json', '/keyring.json', '/planwell.db',
          '/audit-head.json', '/etc/passwd', '/%2Fetc%2Fpasswd', '/api', '/api/', '/api/invoke/', '/api/other', '/.env', '/.git/config', '/assets/',
        ].map((path) => probe(path)),
        probe('/api/invoke'),
        probe('/', 'POST'),
        probe('/index.html', 'PUT'),
        probe('/assets/', 'DELETE'),
        probe('/api/invoke', 'PUT'),
      ]),
      // Broken percent-encoding is a bad request, not a failure of the host.
      badlyEncoded: await Promise.all(['/%E0%A4%A', '/%', '/a%zz'].map((path) => probe(path))),
      unknownChannel: await api(JSON.stringify({ channel: 'people.delete', input: {} })),
      prototypeChannel: await api(JSON.stringify({ channel: '__proto__', input: {} })),
      withoutToken: await api(JSON.stringify({ channel: 'app.status', input: {} }), { 'X-PlanWell-Token': '' }),
      notJson: await api('{"channel": "app.status"', {}),
      nestedTenThousandDeep: await api(nested),
      // Without the page's token a form post (the one cross-site request a browser sends without asking) is refused too.
      formPost: await fetch('/api/invoke', { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: '{"channel":"app.status","input":{}}' }).then((r) => r.status),
    };
  });
  for (const [request, status] of answers.paths) expect([404, 405], request).toContain(status);
  expect(answers.paths.find(([request]) => request === 'GET /api/invoke')?.[1]).toBe(405);
  expect(answers.badlyEncoded.map(([, status]) => status)).toEqual([400, 400, 400]);
  expect(answers.unknownChannel).toEqual([200, { ok: false, error: { code: 'NOT_FOUND', message: 'PlanWell does not know that request.' } }]);
  expect(answers.prototypeChannel[1]).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  expect(answers.withoutToken).toEqual([403, { ok: false, error: { code: 'FORBIDDEN', message: 'This request did not come from PlanWell.' } }]);
  expect(answers.notJson[0]).toBe(400);
  expect(answers.nestedTenThousandDeep).toEqual([200, { ok: false, error: { code: 'INVALID_INPUT', message: 'PlanWell cannot read this request: it is nested too deeply.' } }]);
  expect(answers.formPost).toBe(403);

  // And from outside the page: another origin, and no origin at all (a local process), with the right token.
  const token = (await page.locator('meta[name="planwell-token"]').getAttribute('content')) ?? '';
  const call = { channel: 'app.status', input: {} };
  const fromElsewhere = await page.request.post(`${host.url}api/invoke`, { data: call, headers: { Origin: 'http://127.0.0.1.evil.example', 'X-PlanWell-Token': token } });
  expect(fromElsewhere.status()).toBe(403);
  const withoutOrigin = await page.request.post(`${host.url}api/invoke`, { data: call, headers: { 'X-PlanWell-Token': token } });
  expect(withoutOrigin.status()).toBe(403);
});

/** The policy's directives, by name. */
function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .filter((words) => words[0])
      .map(([name, ...sources]) => [name!.toLowerCase(), sources]),
  );
}

/** Script may come only from the app's own files: no inline script or handlers, no eval, no data:, blob: or other hosts. */
function expectStrictScriptPolicy(policy: string, where: string): void {
  const parsed = directives(policy);
  expect(parsed.get('default-src'), where).toEqual(["'none'"]);
  expect(parsed.get('object-src'), where).toEqual(["'none'"]);
  expect(parsed.get('base-uri'), where).toEqual(["'none'"]);
  const scripts = parsed.get('script-src') ?? parsed.get('default-src');
  expect(scripts, `${where}: script-src`).toEqual(["'self'"]);
  // script-src-elem and script-src-attr fall back to script-src; if given, they must be no looser.
  for (const directive of ['script-src-elem', 'script-src-attr']) {
    for (const loose of ["'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'", "'wasm-unsafe-eval'", "'strict-dynamic'", 'data:', 'blob:', '*', 'http:', 'https:']) {
      expect(parsed.get(directive) ?? scripts, `${where}: ${directive} allows ${loose}`).not.toContain(loose);
    }
  }
}

test('the built renderer\'s Content-Security-Policy stops injected script, inline handlers, eval and javascript: links', async ({ page, host }) => {
  const response = await page.goto(host.url);
  await expect(page.getByRole('heading', { level: 1, name: 'Set up PlanWell' })).toBeVisible();

  // The same policy three times: the preview host's header, the page's meta tag, and the built file Electron loads.
  const header = response?.headers()['content-security-policy'] ?? '';
  const meta = (await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content')) ?? '';
  const built = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(readFileSync(join(projectDirectory, 'out', 'renderer', 'index.html'), 'utf8'))?.[1] ?? '';
  expectStrictScriptPolicy(header, 'the preview host\'s header');
  expectStrictScriptPolicy(meta, 'the page\'s meta tag');
  expectStrictScriptPolicy(built, 'out/renderer/index.html');
  expect(built).toBe(meta);

  const outcome = await page.evaluate(async () => {
    type Probe = { __pwned?: string[]; __violations?: { directive: string; blocked: string }[] };
    const probe = window as unknown as Probe;
    probe.__pwned = [];
    probe.__violations = [];
    document.addEventListener('securitypolicyviolation', (event) => {
      probe.__violations?.push({ directive: event.effectiveDirective, blocked: event.blockedURI });
    });
    const ran = (label: string) => `(window.__pwned = window.__pwned || []).push(${JSON.stringify(label)})`;

    const inline = document.createElement('script');
    inline.textContent = ran('inline <script>');
    document.head.append(inline);

    const dataScript = document.createElement('script');
    dataScript.src = `data:text/javascript,${encodeURIComponent(ran('data: <script>'))}`;
    document.head.append(dataScript);

    const blobScript = document.createElement('script');
    blobScript.src = URL.createObjectURL(new Blob([ran('blob: <script>')], { type: 'text/javascript' }));
    document.head.append(blobScript);

    const handler = document.createElement('img');
    handler.setAttribute('onerror', ran('onerror attribute'));
    handler.src = '/no-such-image.png';
    document.body.append(handler);

    const markup = document.createElement('div');
    markup.innerHTML = `<img src="/no-such-image-either.png" onerror="${ran('innerHTML onerror').replace(/"/g, '&quot;')}">`;
    document.body.append(markup);

    const link = document.createElement('a');
    link.href = `javascript:${ran('javascript: link')}`;
    document.body.append(link);
    link.click();

    const frame = document.createElement('iframe');
    frame.srcdoc = '<script>parent.__pwned.push("srcdoc <script>")</script>';
    document.body.append(frame);

    // Out of this evaluation first: DevTools lets code it runs itself use eval; the page's own tasks may not.
    await new Promise((settle) => setTimeout(settle, 10));
    const refused: string[] = [];
    const attempt = (label: string, run: () => unknown) => {
      try {
        run();
      } catch {
        refused.push(label);
      }
    };
    // Indirect eval, the Function constructor and string timers all count as eval.
    attempt('eval', () => (0, window.eval)(ran('eval')));
    attempt('new Function', () => new Function(ran('new Function'))());
    attempt('string setTimeout', () => window.setTimeout(ran('string setTimeout'), 0));

    await new Promise((settle) => setTimeout(settle, 1500));
    return { pwned: probe.__pwned, violations: probe.__violations, refused };
  });

  expect(outcome.pwned, 'script that ran').toEqual([]);
  expect(outcome.refused).toEqual(expect.arrayContaining(['eval', 'new Function']));
  const reported = new Set(outcome.violations?.map((violation) => violation.directive));
  expect([...reported].sort()).toEqual(expect.arrayContaining(['script-src-attr', 'script-src-elem']));
  expect(outcome.violations?.length ?? 0).toBeGreaterThanOrEqual(5);
});
