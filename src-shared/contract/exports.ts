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

export interface BatchExportStatus {
  jobId: string;
  total: number;
  done: number;
  /** Where the PDFs are written. */
  folder: string;
  failures: { fileName: string; message: string }[];
  finished: boolean;
}

const isoDate = (label: string) =>
  z.string().trim().min(1, `Enter the ${label}`).pipe(z.iso.date({ error: `The ${label} must be a real date, for example 2026-11-01`, abort: true }));

export const batchExportSchema = z
  .strictObject({
    agreedFrom: isoDate('first date'),
    agreedTo: isoDate('last date'),
    /** Left out, each person's recorded format. */
    format: z.enum(documentFormats).optional(),
  })
  .refine((input) => input.agreedFrom <= input.agreedTo, { message: 'The last date must be on or after the first', path: ['agreedTo'] });
export type BatchExportInput = z.input<typeof batchExportSchema>;

export const exportsChannels = {
  /** The exact HTML that will be printed, to preview before exporting. */
  'plans.exportPreview': channel<{ html: string; format: DocumentFormat; defaultFormat: DocumentFormat; fileName: string }>()({
    input: exportInput,
    permission: 'people:read',
  }),
  /** The PDF, as base64, with the file name to save it as. Audited as an export. */
  'plans.exportPdf': channel<{ fileName: string; base64: string; format: DocumentFormat }>()({ input: exportInput, permission: 'people:read' }),
  /** Every plan agreed in the dates, as PDFs into a new folder; runs on, reporting progress. */
  'exports.startBatch': channel<BatchExportStatus>()({ input: batchExportSchema, permission: 'people:read' }),
  'exports.batchStatus': channel<BatchExportStatus>()({ input: z.strictObject({ jobId: z.uuid('Export not recognised') }), permission: 'people:read' }),
};
