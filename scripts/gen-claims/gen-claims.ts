import { Command, InvalidArgumentError, Option } from 'commander';
import { type ClaimFileType, generateClaimFile } from './claim-file-generator';

/**
 * CLI: node dist/scripts/gen-claims/gen-claims.js --type CLAIMOT --state NY --month 2026-03
 *   --records 1000000 --seed 1 [--out FILE] [--gzip] [--crlf]
 * Prints one JSON line: the path, the record count and what the file contains.
 */

function wholeNumber(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError('expected a whole number');
  return Number(value);
}

async function main(argv: readonly string[]): Promise<void> {
  const program = new Command()
    .name('gen-claims')
    .description('Generate a synthetic monthly claim file in the T-MSIS CGT profile.')
    .addOption(
      new Option('--type <type>', 'file type').choices(['CLAIMOT', 'CLAIMIP', 'CLAIMRX']).makeOptionMandatory(),
    )
    .requiredOption('--state <usps>', 'state USPS code, e.g. NY')
    .requiredOption('--month <yyyy-mm>', 'reporting month, e.g. 2026-03')
    .requiredOption('--records <n>', 'records after the file header', wholeNumber)
    .option('--seed <n>', 'seed (same seed, same files)', wholeNumber, 1)
    .option('--out <file>', 'output file (default: var/gen-claims/...)')
    .option('--gzip', 'gzip the file', false)
    .option('--crlf', 'end lines with CRLF', false)
    .parse(argv);
  const options = program.opts<{
    type: ClaimFileType;
    state: string;
    month: string;
    records: number;
    seed: number;
    out?: string;
    gzip: boolean;
    crlf: boolean;
  }>();
  const started = Date.now();
  const result = await generateClaimFile(options);
  process.stdout.write(`${JSON.stringify({ ...result, seconds: (Date.now() - started) / 1000 })}\n`);
}

main(process.argv).catch((error: unknown) => {
  process.stderr.write(`gen-claims: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
