import { maxReceiptBytes, receiptTypes } from '../../../src-shared/contract';

export type ReceiptType = (typeof receiptTypes)[number];
export interface ReceiptUpload {
  name: string;
  type: ReceiptType;
  base64: string;
}

/** Some systems give no type for a file; its name's ending says what it is. */
const typesByEnding: Record<string, ReceiptType> = { png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', pdf: 'application/pdf' };

function receiptType(file: File): ReceiptType | null {
  const declared = receiptTypes.find((type) => type === file.type);
  if (declared) return declared;
  if (file.type !== '') return null;
  return typesByEnding[file.name.split('.').pop()?.toLowerCase() ?? ''] ?? null;
}

/**
 * What is wrong with a chosen receipt, before it is read or sent: too large, empty, or not a photo
 * or PDF. The main process checks all of it again, and that the file is what it says it is.
 */
export function receiptProblem(file: File): string | null {
  if (file.size > maxReceiptBytes) {
    return `“${file.name}” is larger than 5 MB. A receipt must be 5 MB or smaller: take the photo at a lower resolution or scan it at a lower quality, then choose it again.`;
  }
  if (file.size === 0) return `“${file.name}” is empty. Choose the receipt again.`;
  if (!receiptType(file)) return `“${file.name}” is not a photo or a PDF. A receipt must be a PNG or JPEG photo, or a PDF.`;
  return null;
}

/** Reads a chosen receipt as base64, to send inside the call (the main process keeps it in the encrypted database). */
export async function readReceipt(file: File): Promise<{ ok: true; receipt: ReceiptUpload } | { ok: false; message: string }> {
  const problem = receiptProblem(file);
  const type = receiptType(file);
  if (problem || !type) return { ok: false, message: problem ?? 'A receipt must be a PNG or JPEG photo, or a PDF.' };
  const dataUrl = await new Promise<string | null>((resolve) => {
    const reader = new FileReader();
    reader.onload = () => resolve(typeof reader.result === 'string' ? reader.result : null);
    reader.onerror = () => resolve(null);
    reader.readAsDataURL(file);
  });
  // "data:image/png;base64,iVBOR…": the part after the comma is the file.
  const base64 = dataUrl?.slice(dataUrl.indexOf(',') + 1);
  if (!base64) return { ok: false, message: `PlanWell could not read “${file.name}”. Check it is not open in another program, then choose it again.` };
  return { ok: true, receipt: { name: file.name.slice(0, 200), type, base64 } };
}

/** A stored receipt as a page-local address to show or save it; revoke it when done. */
export function receiptObjectUrl(receipt: { type: string; base64: string }): string {
  const text = atob(receipt.base64);
  const bytes = new Uint8Array(text.length);
  for (let index = 0; index < text.length; index++) bytes[index] = text.charCodeAt(index);
  return URL.createObjectURL(new Blob([bytes], { type: receipt.type }));
}
