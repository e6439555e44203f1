import { describe, expect, it } from 'vitest';
import { windowOptions } from '../../src-main/electron/window-options';

describe('main window options', () => {
  const options = windowOptions('/app/out/preload/index.cjs');
  const web = options.webPreferences ?? {};

  it('isolates and sandboxes the page, with no Node anywhere', () => {
    expect(web).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
    });
  });

  it('keeps web security on and refuses insecure content and <webview>', () => {
    expect(web.webSecurity).toBe(true);
    expect(web.allowRunningInsecureContent).toBe(false);
    expect(web.webviewTag).toBe(false);
  });

  it('turns the spellchecker on', () => {
    expect(web.spellcheck).toBe(true);
  });

  it('leaves developer tools off unless asked for', () => {
    expect(web.devTools).toBe(false);
    expect(windowOptions('/p', { devTools: true }).webPreferences?.devTools).toBe(true);
  });

  it('is titled PlanWell, sized for a surgery desktop and hidden until ready to show', () => {
    expect(options).toMatchObject({ title: 'PlanWell', width: 1280, height: 860, minWidth: 1024, minHeight: 700, show: false });
  });
});
