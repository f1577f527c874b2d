import { execFile } from 'node:child_process';
import { join } from 'node:path';

const REPO_ROOT = join(__dirname, '..', '..', '..');

// unpdf loads PDF.js with a dynamic import, which Jest's CommonJS runtime refuses
// (ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING_FLAG); a plain Node process runs it as shipped.
const SCRIPT = `
import { extractText, getDocumentProxy } from 'unpdf';
const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const pdf = await getDocumentProxy(new Uint8Array(Buffer.concat(chunks)));
const { totalPages, text } = await extractText(pdf, { mergePages: false });
process.stdout.write(JSON.stringify({ totalPages, pages: text }));
`;

/** The text of each page of a PDF, extracted with unpdf (PDF.js) in a child Node process. */
export function pdfText(pdf: Buffer): Promise<{ totalPages: number; pages: string[] }> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      process.execPath,
      ['--input-type=module', '-e', SCRIPT],
      { cwd: REPO_ROOT, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`pdf text extraction failed: ${stderr || error.message}`));
        else resolve(JSON.parse(stdout) as { totalPages: number; pages: string[] });
      },
    );
    child.stdin!.end(pdf);
  });
}
