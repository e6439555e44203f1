import { expect, setUpPractice, test } from './fixtures';

test('the preview API refuses calls without the page token, from another origin or host', async ({ page, request, host }) => {
  await setUpPractice(page, host.url);
  const token = await page.locator('meta[name="planwell-token"]').getAttribute('content');
  expect(token).toMatch(/^[0-9a-f]{64}$/);
  const origin = host.url.replace(/\/$/, '');
  const call = { channel: 'people.search', input: { query: '' } };

  const withoutToken = await request.post(`${host.url}api/invoke`, { data: call, headers: { Origin: origin } });
  expect(withoutToken.status()).toBe(403);
  expect((await withoutToken.json()).error.code).toBe('FORBIDDEN');

  const wrongToken = await request.post(`${host.url}api/invoke`, {
    data: call,
    headers: { Origin: origin, 'X-PlanWell-Token': 'f'.repeat(64) },
  });
  expect(wrongToken.status()).toBe(403);

  const otherOrigin = await request.post(`${host.url}api/invoke`, {
    data: call,
    headers: { Origin: 'http://evil.example', 'X-PlanWell-Token': token! },
  });
  expect(otherOrigin.status()).toBe(403);

  const otherHost = await request.post(`${host.url}api/invoke`, {
    data: call,
    headers: { Origin: origin, Host: 'rebound.example', 'X-PlanWell-Token': token! },
  });
  expect(otherHost.status()).toBe(421);

  const good = await request.post(`${host.url}api/invoke`, {
    data: call,
    headers: { Origin: origin, 'X-PlanWell-Token': token! },
  });
  expect(good.status()).toBe(200);
  expect(await good.json()).toMatchObject({ ok: true, value: { total: 0 } });
});

test('the served page carries a strict Content-Security-Policy and no token in a URL', async ({ page, host }) => {
  const response = await page.goto(host.url);
  const csp = response?.headers()['content-security-policy'] ?? '';
  expect(csp).toContain("script-src 'self'");
  expect(csp).not.toContain('unsafe-inline');
  expect(host.url).not.toMatch(/[0-9a-f]{64}/);
  expect(host.output()).not.toMatch(/[0-9a-f]{64}/);
});
