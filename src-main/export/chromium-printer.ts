import { existsSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import type { Printer, RenderedDocument } from './printer';

/** Debian's Chromium, or the one PLANWELL_CHROMIUM names. Never downloaded. */
export function chromiumPath(): string {
  return process.env.PLANWELL_CHROMIUM ?? '/usr/bin/chromium';
}

export const pdfPageOptions = {
  format: 'A4',
  printBackground: true,
  preferCSSPageSize: true,
  tagged: true,
  outline: true,
  displayHeaderFooter: true,
  // Wide inner margin for hole-punching; room above and below for the header and footer.
  margin: { top: '22mm', bottom: '22mm', left: '28mm', right: '18mm' },
} as const;

/**
 * The preview host's and the tests' printer: headless Chromium's Page.printToPDF through
 * playwright-core. The browser and one page start on the first print and stay warm until close():
 * opening a page costs more than printing one (measured in `npm run bench`, section h), so prints
 * take turns on the same page.
 */
export function chromiumPrinter(): Printer {
  let ready: Promise<{ browser: Browser; page: Page }> | undefined;
  let queue: Promise<unknown> = Promise.resolve();
  const start = async () => {
    const path = chromiumPath();
    if (!existsSync(path)) {
      throw new Error(`PDF export needs Chromium, which is not at ${path}. Install it (apt-get install chromium) or set PLANWELL_CHROMIUM.`);
    }
    // Loaded on the first print, not at start-up: playwright-core is about 0.4 s of the host's start.
    const { chromium } = await import('playwright-core');
    const browser = await chromium.launch({
      executablePath: path,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    });
    const page = await browser.newPage();
    // No network: the document carries its font and has nothing else to load.
    await page.route('**/*', (route) => route.abort());
    return { browser, page };
  };
  const print = async (rendered: RenderedDocument) => {
    // A failed start (no Chromium yet) is tried again at the next print.
    ready ??= start().catch((error: unknown) => {
      ready = undefined;
      throw error;
    });
    const { page } = await ready;
    await page.setContent(rendered.html, { waitUntil: 'load' });
    // The embedded font must be ready before printing (an expression: main has no DOM types).
    await page.evaluate('document.fonts.ready.then(() => true)');
    return page.pdf({ ...pdfPageOptions, headerTemplate: rendered.headerTemplate, footerTemplate: rendered.footerTemplate });
  };
  return {
    print(rendered: RenderedDocument) {
      const printed = queue.then(() => print(rendered));
      // The next print waits for this one, whether it worked or not.
      queue = printed.catch(() => undefined);
      return printed;
    },
    async close() {
      const started = ready;
      ready = undefined;
      if (started) await (await started).browser.close();
    },
  };
}
