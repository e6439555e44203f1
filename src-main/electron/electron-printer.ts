import { BrowserWindow } from 'electron';
import type { Printer, RenderedDocument } from '../export/printer';

const millimetresToInches = (mm: number) => mm / 25.4;

/**
 * The desktop app's printer: the document in a hidden, sandboxed window with no preload and no
 * network, printed by webContents.printToPDF with the options the preview's Chromium uses.
 */
export function electronPrinter(): Printer {
  return {
    async print(document: RenderedDocument) {
      const window = new BrowserWindow({ show: false, webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, javascript: false } });
      try {
        window.webContents.session.webRequest.onBeforeRequest({ urls: ['http://*/*', 'https://*/*'] }, (_details, callback) => callback({ cancel: true }));
        await window.loadURL(`data:text/html;charset=utf-8;base64,${Buffer.from(document.html).toString('base64')}`);
        const pdf = await window.webContents.printToPDF({
          pageSize: 'A4',
          printBackground: true,
          preferCSSPageSize: true,
          generateTaggedPDF: true,
          generateDocumentOutline: true,
          displayHeaderFooter: true,
          headerTemplate: document.headerTemplate,
          footerTemplate: document.footerTemplate,
          margins: { top: millimetresToInches(22), bottom: millimetresToInches(22), left: millimetresToInches(28), right: millimetresToInches(18) },
        });
        return new Uint8Array(pdf);
      } finally {
        window.destroy();
      }
    },
    async close() {},
  };
}
