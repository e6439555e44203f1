import { z } from 'zod';
import { channel } from './channel';

/** The plan as a document for the person: three formats, the default from their recorded needs. */
export const documentFormats = ['standard', 'large-print', 'easy-read'] as const;
export type DocumentFormat = (typeof documentFormats)[number];
export const documentFormatLabels: Record<DocumentFormat, string> = {
  standard: 'Standard print',
  'large-print': 'Large print',
  'easy-read': 'Easy read',
};

const exportInput = z.strictObject({
  planId: z.uuid('Plan not recognised'),
  /** Left out, the format the person's recorded information needs ask for. */
  format: z.enum(documentFormats, 'Choose standard print, large print or easy read').optional(),
});

export const exportsChannels = {
  /** The exact HTML that will be printed, to preview before exporting. */
  'plans.exportPreview': channel<{ html: string; format: DocumentFormat; defaultFormat: DocumentFormat; fileName: string }>()({
    input: exportInput,
    permission: 'people:read',
  }),
  /** The PDF, as base64, with the file name to save it as. Audited as an export. */
  'plans.exportPdf': channel<{ fileName: string; base64: string; format: DocumentFormat }>()({ input: exportInput, permission: 'people:read' }),
};
