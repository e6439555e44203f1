import { PDFDocument } from 'pdf-lib';

/** A document ready to print: its HTML, and Chromium's page header and footer. */
export interface RenderedDocument {
  html: string;
  title: string;
  /** For Chromium's page header and footer, on every page. */
  headerTemplate: string;
  footerTemplate: string;
  fileName: string;
}

/**
 * The one port PDFs are printed through: Electron's webContents.printToPDF in the app, headless
 * Chromium's Page.printToPDF in the preview host and tests — the same engine with the same
 * options (A4, tagged, with an outline, header and footer on every page).
 */
export interface Printer {
  print(document: RenderedDocument): Promise<Uint8Array>;
  close(): Promise<void>;
}

export interface PdfMetadata {
  title: string;
  author: string;
}

/**
 * Chromium takes the title from <title> but sets no author or language: set all three, so screen
 * readers and file managers describe the document properly. The structure tree is kept as it is.
 */
export async function withMetadata(pdf: Uint8Array, metadata: PdfMetadata): Promise<Uint8Array> {
  const document = await PDFDocument.load(pdf, { updateMetadata: false });
  document.setTitle(metadata.title, { showInWindowTitleBar: true });
  document.setAuthor(metadata.author);
  document.setLanguage('en-GB');
  document.setCreator('PlanWell');
  document.setProducer('PlanWell (Chromium)');
  return document.save({ useObjectStreams: false });
}
