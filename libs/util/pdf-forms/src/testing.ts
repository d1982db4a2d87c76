import { spawn } from 'node:child_process';

// pdf-parse (pdf.js) sets up its worker with a dynamic import, which Jest's VM refuses: read the PDF in a plain node.
const READ = `const { PDFParse } = require('pdf-parse');
const chunks = [];
process.stdin.on('data', (c) => chunks.push(c)).on('end', async () => {
  const parser = new PDFParse({ data: Buffer.concat(chunks) });
  const result = await parser.getText();
  await parser.destroy();
  process.stdout.write(JSON.stringify({ total: result.total, text: result.text, pages: result.pages.map((page) => page.text) }));
});`;

/** The text of a PDF as a reader extracts it: page count, all text, and each page's. */
export function readPdfText(pdf: Buffer): Promise<{ total: number; text: string; pages: string[] }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', READ], { cwd: process.cwd(), stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve(JSON.parse(Buffer.concat(out).toString('utf8')));
      else reject(new Error(`pdf-parse failed (${code}): ${Buffer.concat(err).toString('utf8').slice(0, 500)}`));
    });
    child.stdin.end(pdf);
  });
}
