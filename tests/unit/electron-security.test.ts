import { EventEmitter } from 'node:events';
import { pathToFileURL } from 'node:url';
import type { IpcMain, IpcMainInvokeEvent, Session, WebContents } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { invokeChannel, registerInvokeHandler } from '../../src-main/electron/ipc-transport';
import { applyWebContentsGuards, denyAllPermissions, isAppUrl, isTrustedSender } from '../../src-main/electron/security';
import type { Dispatch } from '../../src-main/ipc/dispatch';
import { ok } from '../../src-shared/result';

const appIndexUrl = pathToFileURL('/opt/PlanWell/resources/app/out/renderer/index.html').href;

const refused = [
  ['another file', 'file:///opt/PlanWell/resources/app/out/renderer/other.html'],
  ['a file in another folder', 'file:///etc/passwd'],
  ['the same name elsewhere', 'file:///tmp/out/renderer/index.html'],
  ['a path that climbs out and back', 'file:///opt/PlanWell/resources/app/out/renderer/x/../../renderer2/index.html'],
  ['a file on another host', 'file://fileserver/opt/PlanWell/resources/app/out/renderer/index.html'],
  ['the page with a query string', `${appIndexUrl}?debug=1`],
  ['the preview host', 'http://127.0.0.1:5199/'],
  ['the preview host with the same path', 'http://127.0.0.1/opt/PlanWell/resources/app/out/renderer/index.html'],
  ['a web site', 'https://example.org/'],
  ['javascript:', 'javascript:alert(1)'],
  ['data:', 'data:text/html,<script>alert(1)</script>'],
  ['blob:', 'blob:file:///0b3f0a36-9c1d-4b0e-8d5e-4b5c5d1c9a11'],
  ['about:blank', 'about:blank'],
  ['an empty string', ''],
  ['nonsense', 'not a url'],
  ['malformed percent-encoding', 'file:///opt/PlanWell/resources/app/out/renderer/%E0%A4%A.html'],
] as const;

describe('isAppUrl', () => {
  it('accepts the app page itself', () => {
    expect(isAppUrl(appIndexUrl, appIndexUrl)).toBe(true);
  });

  it('accepts the app page with any hash, because the renderer routes by hash', () => {
    expect(isAppUrl(`${appIndexUrl}#/`, appIndexUrl)).toBe(true);
    expect(isAppUrl(`${appIndexUrl}#/people/42`, appIndexUrl)).toBe(true);
    expect(isAppUrl(`${appIndexUrl}#`, appIndexUrl)).toBe(true);
  });

  it('accepts the same file however its path is percent-encoded', () => {
    const withSpace = pathToFileURL('/Users/Dr Smith/PlanWell/out/renderer/index.html').href;
    expect(withSpace).toContain('%20');
    expect(isAppUrl('file:///Users/Dr%20Smith/PlanWell/out/renderer/%69ndex.html#/', withSpace)).toBe(true);
  });

  it('accepts a Windows drive letter in either case', () => {
    expect(isAppUrl('file:///C:/PlanWell/out/renderer/index.html#/', 'file:///c:/PlanWell/out/renderer/index.html')).toBe(true);
  });

  it.each(refused)('refuses %s', (_name, url) => {
    expect(isAppUrl(url, appIndexUrl)).toBe(false);
  });

  it('refuses anything that is not a string', () => {
    expect(isAppUrl(undefined, appIndexUrl)).toBe(false);
    expect(isAppUrl(null, appIndexUrl)).toBe(false);
    expect(isAppUrl(new URL(appIndexUrl), appIndexUrl)).toBe(false);
  });
});

describe('isTrustedSender', () => {
  it('trusts the main frame showing the app page, with any hash', () => {
    expect(isTrustedSender({ url: appIndexUrl, isMainFrame: true }, appIndexUrl)).toBe(true);
    expect(isTrustedSender({ url: `${appIndexUrl}#/people`, isMainFrame: true }, appIndexUrl)).toBe(true);
  });

  it('refuses a sub-frame, even one showing the app page', () => {
    expect(isTrustedSender({ url: appIndexUrl, isMainFrame: false }, appIndexUrl)).toBe(false);
  });

  it('refuses a missing frame', () => {
    expect(isTrustedSender(null, appIndexUrl)).toBe(false);
    expect(isTrustedSender(undefined, appIndexUrl)).toBe(false);
  });

  it.each(refused)('refuses a main frame showing %s', (_name, url) => {
    expect(isTrustedSender({ url, isMainFrame: true }, appIndexUrl)).toBe(false);
  });
});

/** Just enough of WebContents to see what the guards register. */
function fakeWebContents() {
  const emitter = new EventEmitter();
  let windowOpenHandler: (() => unknown) | undefined;
  const contents = {
    on: (name: string, listener: (...args: unknown[]) => void) => emitter.on(name, listener),
    setWindowOpenHandler: (handler: () => unknown) => {
      windowOpenHandler = handler;
    },
  };
  const navigate = (name: 'will-navigate' | 'will-redirect', url: string) => {
    const event = { url, preventDefault: vi.fn() };
    emitter.emit(name, event, url);
    return event.preventDefault.mock.calls.length > 0;
  };
  return {
    contents: contents as unknown as WebContents,
    emitter,
    navigate,
    openWindow: () => windowOpenHandler?.(),
  };
}

describe('applyWebContentsGuards', () => {
  it('lets the page navigate to itself and stops every other navigation and redirect', () => {
    const fake = fakeWebContents();
    applyWebContentsGuards(fake.contents, appIndexUrl);
    for (const name of ['will-navigate', 'will-redirect'] as const) {
      expect(fake.navigate(name, `${appIndexUrl}#/people`)).toBe(false);
      expect(fake.navigate(name, 'https://example.org/')).toBe(true);
      expect(fake.navigate(name, 'file:///etc/passwd')).toBe(true);
      expect(fake.navigate(name, 'javascript:alert(1)')).toBe(true);
    }
  });

  it('never opens a new window', () => {
    const fake = fakeWebContents();
    applyWebContentsGuards(fake.contents, appIndexUrl);
    expect(fake.openWindow()).toEqual({ action: 'deny' });
  });

  it('never attaches a <webview>', () => {
    const fake = fakeWebContents();
    applyWebContentsGuards(fake.contents, appIndexUrl);
    const event = { preventDefault: vi.fn() };
    fake.emitter.emit('will-attach-webview', event, {}, {});
    expect(event.preventDefault).toHaveBeenCalled();
  });
});

describe('denyAllPermissions', () => {
  it('refuses every permission request and check', () => {
    let requestHandler: ((contents: unknown, permission: string, callback: (granted: boolean) => void) => void) | undefined;
    let checkHandler: (() => boolean) | undefined;
    const session = {
      setPermissionRequestHandler: (handler: typeof requestHandler) => {
        requestHandler = handler;
      },
      setPermissionCheckHandler: (handler: typeof checkHandler) => {
        checkHandler = handler;
      },
    };
    denyAllPermissions(session as unknown as Session);
    const callback = vi.fn();
    for (const permission of ['media', 'geolocation', 'notifications', 'openExternal']) {
      requestHandler?.({}, permission, callback);
    }
    expect(callback.mock.calls).toEqual([[false], [false], [false], [false]]);
    expect(checkHandler?.()).toBe(false);
  });
});

describe('registerInvokeHandler', () => {
  type Listener = (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<unknown>;

  function setUp() {
    const listeners = new Map<string, Listener>();
    const ipcMain = { handle: (channel: string, listener: Listener) => listeners.set(channel, listener) };
    const dispatch = vi.fn<Dispatch>(async (channel) => ok({ answered: channel }));
    registerInvokeHandler(ipcMain as unknown as IpcMain, dispatch, appIndexUrl);
    const call = (senderFrame: unknown, channel: unknown, input: unknown) =>
      listeners.get(invokeChannel)?.({ senderFrame } as unknown as IpcMainInvokeEvent, channel, input);
    return { listeners, dispatch, call };
  }

  interface FakeFrame {
    url: string;
    parent: FakeFrame | null;
    isDestroyed(): boolean;
  }
  const frame = (url: string, parent: FakeFrame | null = null, destroyed = false): FakeFrame => ({
    url,
    parent,
    isDestroyed: () => destroyed,
  });

  // Electron throws when a frame that has gone is read.
  const disposedFrame = {
    get url(): string {
      throw new Error('Render frame was disposed before WebFrameMain could be accessed');
    },
    parent: null,
    isDestroyed: (): boolean => false,
  };

  it('listens on the one channel, app:invoke', () => {
    expect(invokeChannel).toBe('app:invoke');
    expect([...setUp().listeners.keys()]).toEqual(['app:invoke']);
  });

  it('passes a call from the app main frame to the dispatcher', async () => {
    const { call, dispatch } = setUp();
    await expect(call(frame(`${appIndexUrl}#/people`), 'people.list', { q: 'a' })).resolves.toEqual(ok({ answered: 'people.list' }));
    expect(dispatch).toHaveBeenCalledWith('people.list', { q: 'a' });
  });

  it.each([
    ['no frame', null],
    ['a sub-frame', frame(appIndexUrl, frame(appIndexUrl))],
    ['a destroyed frame', frame(appIndexUrl, null, true)],
    ['another page', frame('https://example.org/')],
    ['a frame that throws when read', disposedFrame],
  ])('answers FORBIDDEN to %s without dispatching', async (_name, senderFrame) => {
    const { call, dispatch } = setUp();
    const result = await call(senderFrame, 'people.list', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(dispatch).not.toHaveBeenCalled();
  });
});
