import { applyDecorators, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiProduces } from '@nestjs/swagger';
import type { Response } from 'express';
import { PayoutStatementData, statementCsv, statementHtml } from '@app/payouts';
import { htmlPage } from '../core/html-page';
import { csvDownload } from './csv-file';
import { PayoutStatementView, toStatementView } from './payouts.views';

/** The OpenAPI side of statementAnswer: one statement, three representations. */
export const ApiStatementAnswer = () =>
  applyDecorators(
    ApiProduces('application/json', 'text/csv', 'text/html'),
    ApiOkResponse({
      type: PayoutStatementView,
      description: '`Accept: text/csv` (a download) or `text/html` (a printable page) for the statement as the ambassador receives it',
    }),
  );

/**
 * A statement as the request's Accept asks, the same for the console and the portal: CSV as a download, HTML as
 * the printable page the email holds (its own Content-Security-Policy: inline styles only, never cached), JSON
 * otherwise. For a handler with `@Res({ passthrough: true })`.
 */
export function statementAnswer(
  statement: PayoutStatementData,
  accept: string | undefined,
  res: Response,
): PayoutStatementView | StreamableFile | string {
  if (accept?.includes('text/csv'))
    return csvDownload({ filename: `payout-statement-${statement.periodEnd}.csv`, csv: statementCsv(statement) });
  if (accept?.includes('text/html')) return htmlPage(res, 200, statementHtml(statement));
  return toStatementView(statement);
}
