import type { Command } from 'commander';
import { exportStatement } from '../statement/statement-export-client';
import { resolveToken } from '../submit/claim-file-client';

/**
 * `cgt statement export --labeler 51167 --state NY --quarter 2026Q1 [--format csv|html] [--out FILE]`:
 * downloads a statement through the API (same sign-in as `cgt submit`); prints it when --out is absent.
 */
export function registerStatementCommand(program: Command): void {
  const statement = program.command('statement').description('Rebate statements');
  statement
    .command('export')
    .description('Download a statement as CSV (rebate-rules section 8 columns) or printable HTML')
    .requiredOption('--labeler <code>', '5-digit labeler code')
    .requiredOption('--state <usps>', 'state (USPS code)')
    .requiredOption('--quarter <quarter>', 'statement quarter, e.g. 2026Q1')
    .option('--format <format>', 'csv or html', 'csv')
    .option('--out <file>', 'write to this file instead of standard output')
    .option('--api <url>', 'API base URL', process.env.CGT_API_URL ?? 'http://127.0.0.1:3000')
    .option('--token <token>', 'bearer token (else CGT_TOKEN, or CGT_EMAIL and CGT_PASSWORD)')
    .action(
      async (options: {
        labeler: string;
        state: string;
        quarter: string;
        format: string;
        out?: string;
        api: string;
        token?: string;
      }) => {
        if (options.format !== 'csv' && options.format !== 'html') {
          throw new Error(`--format must be csv or html, got ${options.format}`);
        }
        const token = await resolveToken(options.api, options.token, process.env);
        const body = await exportStatement({ ...options, token, format: options.format });
        if (options.out) process.stderr.write(`Wrote ${options.out} (${Buffer.byteLength(body)} bytes)\n`);
        else process.stdout.write(body);
      },
    );
}
