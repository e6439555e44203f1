import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import type { RenderedPlan } from './plan-document';
import type { Printer } from './printer';

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
 * playwright-core. The browser starts on the first print and stays warm until close().
 */
export function chromiumPrinter(): Printer {
  let browser: Promise<Browser> | undefined;
  const start = () => {
    const path = chromiumPath();
    if (!existsSync(path)) {
      throw new Error(`PDF export needs Chromium, which is not at ${path}. Install it (apt-get install chromium) or set PLANWELL_CHROMIUM.`);
    }
    return chromium.launch({
      executablePath: path,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    });
  };
  return {
    async print(rendered: RenderedPlan) {
      browser ??= start();
      const page = await (await browser).newPage();
      try {
        // No network: the document carries its font and has nothing else to load.
        await page.route('**/*', (route) => route.abort());
        await page.setContent(rendered.html, { waitUntil: 'load' });
        // The embedded font must be ready before printing (an expression: main has no DOM types).
        await page.evaluate('document.fonts.ready.then(() => true)');
        return await page.pdf({ ...pdfPageOptions, headerTemplate: rendered.headerTemplate, footerTemplate: rendered.footerTemplate });
      } finally {
        await page.close();
      }
    },
    async close() {
      if (browser) await (await browser).close();
      browser = undefined;
    },
  };
}
