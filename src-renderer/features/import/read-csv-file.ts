import { fileTooLargeMessage, importMaximumFileBytes, notCsvTextMessage } from '../../../src-shared/contract';
import { looksBinary } from '../../../src-shared/domain/text-file';

export type ReadCsvFileResult = { ok: true; name: string; text: string } | { ok: false; message: string };

/**
 * Byte order marks name UTF-16 (spreadsheets' "Unicode text"); otherwise UTF-8, and where the
 * bytes are not UTF-8, Windows-1252, which Excel's plain "CSV" uses in the UK.
 */
function decode(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

/**
 * Reads a chosen file for import. A file that is too large is refused before it is read; one that
 * is not text is refused before it is sent (the main process checks both again).
 */
export async function readCsvFile(file: File): Promise<ReadCsvFileResult> {
  if (file.size > importMaximumFileBytes) return { ok: false, message: fileTooLargeMessage(file.size) };
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await file.arrayBuffer());
  } catch {
    return { ok: false, message: 'PlanWell could not read this file. Check it is not open in another program, then choose it again.' };
  }
  const text = decode(bytes);
  if (looksBinary(text)) return { ok: false, message: notCsvTextMessage };
  return { ok: true, name: file.name, text };
}
