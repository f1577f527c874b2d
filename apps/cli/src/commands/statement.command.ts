import type { Command } from 'commander';
import { exportStatement, isExportFormat } from '../statement/statement-export-client';
import { resolveToken } from '../submit/claim-file-client';

/**
 * `cgt statement export --labeler 51167 --state NY --quarter 2026Q1 [--format csv|html|pdf|xlsx] [--as-of DATE] [--out FILE]`:
 * downloads a statement through the API (same sign-in as `cgt submit`); prints it when --out is absent
 * (a PDF or workbook only to a pipe or a file, never to a terminal).
 */
export function registerStatementCommand(program: Command): void {
  const statement = program.command('statement').description('Rebate statements');
  statement
    .command('export')
    .description(
      'Download a statement as CSV (rebate-rules section 8 columns), printable HTML, PDF or an Excel workbook',
    )
    .requiredOption('--labeler <code>', '5-digit labeler code')
    .requiredOption('--state <usps>', 'state (USPS code)')
    .requiredOption('--quarter <quarter>', 'statement quarter, e.g. 2026Q1')
    .option('--format <format>', 'csv, html, pdf or xlsx', 'csv')
    .option('--as-of <date>', 'balances and interest as of this day (html, pdf, xlsx)')
    .option('--out <file>', 'write to this file instead of standard output')
    .option('--api <url>', 'API base URL', process.env.CGT_API_URL ?? 'http://127.0.0.1:3000')
    .option('--token <token>', 'bearer token (else CGT_TOKEN, or CGT_EMAIL and CGT_PASSWORD)')
    .action(
      async (options: {
        labeler: string;
        state: string;
        quarter: string;
        format: string;
        asOf?: string;
        out?: string;
        api: string;
        token?: string;
      }) => {
        const format = options.format;
        if (!isExportFormat(format)) throw new Error(`--format must be csv, html, pdf or xlsx, got ${format}`);
        if (!options.out && (format === 'pdf' || format === 'xlsx') && process.stdout.isTTY) {
          throw new Error(`--format ${format} is a binary file: give --out FILE or redirect standard output`);
        }
        const token = await resolveToken(options.api, options.token, process.env);
        const body = await exportStatement({ ...options, token, format });
        if (options.out) process.stderr.write(`Wrote ${options.out} (${Buffer.byteLength(body)} bytes)\n`);
        else process.stdout.write(body);
      },
    );
}
