/**
 * Saves a PDF the main process made (as base64) through the browser's own download: a download
 * in the preview, and Electron's save dialog in the app, where no will-download handler sets a
 * path. The same way as components/download-file, but for bytes rather than text.
 */
export function downloadPdf(fileName: string, base64: string): void {
  const bytes = Uint8Array.from(atob(base64), (character) => character.charCodeAt(0));
  const link = document.createElement('a');
  link.href = URL.createObjectURL(new Blob([bytes], { type: 'application/pdf' }));
  link.download = fileName;
  link.click();
  URL.revokeObjectURL(link.href);
}
