import { Presets, SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { resolveToken, uploadClaimFile, waitForFinalStatus } from '../submit/claim-file-client';

/**
 * `cgt submit --state NY FILE`: streams a claim file to the API with a progress bar, then
 * follows the submission until it is COMPLETED, REJECTED or FAILED and prints its counts.
 */
export function registerSubmitCommand(program: Command): void {
  program
    .command('submit')
    .description('Submit a claim file (T-MSIS CGT profile, text or gzip) for a state and follow it')
    .requiredOption('--state <usps>', 'state the file is for (USPS code)')
    .option('--api <url>', 'API base URL', process.env.CGT_API_URL ?? 'http://127.0.0.1:3000')
    .option('--token <token>', 'bearer token (else CGT_TOKEN, or CGT_EMAIL and CGT_PASSWORD)')
    .option('--no-wait', 'return after the upload')
    .argument('<file>', 'the claim file')
    .action(async (file: string, options: { state: string; api: string; token?: string; wait: boolean }) => {
      const token = await resolveToken(options.api, options.token, process.env);
      const upload = new SingleBar(
        { format: 'upload     [{bar}] {percentage}% {value}/{total} bytes', hideCursor: true },
        Presets.shades_classic,
      );
      let started = false;
      const result = await uploadClaimFile({
        api: options.api,
        token,
        state: options.state,
        file,
        onBytes: (sent, total) => {
          if (!started) upload.start(total, 0);
          started = true;
          upload.update(sent);
        },
      });
      upload.stop();
      const { submission } = result;
      process.stdout.write(
        result.httpStatus === 200
          ? `Already received: submission ${submission.id} (${submission.status})\n`
          : `Submitted: submission ${submission.id}\n`,
      );
      if (!options.wait) return;
      const reading = new SingleBar(
        { format: 'processing [{bar}] {percentage}% {value}/{total} records | {status}', hideCursor: true },
        Presets.shades_classic,
      );
      reading.start(1, 0, { status: submission.status });
      const final = await waitForFinalStatus(options.api, token, submission.id, {
        onUpdate: (s) => {
          if (s.progress.recordsTotal !== null) reading.setTotal(s.progress.recordsTotal);
          reading.update(s.progress.recordsRead, { status: s.status });
        },
      });
      reading.stop();
      process.stdout.write(`Status: ${final.status}\n`);
      if (final.rejectionReason) process.stdout.write(`Rejected (${final.rejectionCode}): ${final.rejectionReason}\n`);
      if (final.lastFailureReason) process.stdout.write(`Last failure: ${final.lastFailureReason}\n`);
      if (final.counts) process.stdout.write(`${JSON.stringify(final.counts, null, 2)}\n`);
      if (final.status !== 'COMPLETED') process.exitCode = 2;
    });
}
