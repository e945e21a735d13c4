import { StreamableFile } from '@nestjs/common';
import type { CsvFile } from '@app/payouts';

/** A CSV download as the reports answer theirs. */
export const csvDownload = ({ filename, csv }: CsvFile) =>
  new StreamableFile(Buffer.from(csv), { type: 'text/csv; charset=utf-8', disposition: `attachment; filename="${filename}"` });
