import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DocumentTextPort, DocumentTextResult } from '@fsxn/inference';
import { parseTesseractTsv } from './domain';

export const LOCAL_OCR_PROVIDER = 'local:tesseract-ocr';
const TIMEOUT_MS = 120_000;
const MAX_OUTPUT = 64 * 1024 * 1024;

const run = (command: string, args: readonly string[]) =>
  new Promise<{ stdout: string; stderr: string }>((resolve, reject) => {
    execFile(
      command,
      args,
      { timeout: TIMEOUT_MS, maxBuffer: MAX_OUTPUT, encoding: 'utf8' },
      (error, stdout, stderr) => (error ? reject(Object.assign(error, { stderr })) : resolve({ stdout, stderr })),
    );
  });

/** Languages Tesseract has data for; English is required, Japanese is used when installed too. */
const languagesOf = (listing: string): string | undefined => {
  const installed = new Set(listing.split(/\r?\n/).map((l) => l.trim()));
  if (!installed.has('eng')) return undefined;
  return installed.has('jpn') ? 'eng+jpn' : 'eng';
};

/**
 * An optional offline OCR adapter: the Debian `tesseract-ocr` program with its packaged language data
 * (`tesseract-ocr-eng`, optionally `tesseract-ocr-jpn`), found at run time. Absent → undefined, and the
 * caller reports images as needing OCR. It never runs in AWS (Textract reads images there).
 */
export const detectTesseract = async (command = 'tesseract'): Promise<DocumentTextPort | undefined> => {
  let languages: string | undefined;
  try {
    const { stdout, stderr } = await run(command, ['--list-langs']);
    languages = languagesOf(`${stdout}\n${stderr}`);
  } catch {
    return undefined;
  }
  if (languages === undefined) return undefined;
  const lang = languages;
  return {
    async extractText(input): Promise<DocumentTextResult> {
      if (!('bytes' in input)) {
        return {
          status: 'unsupported',
          provider: LOCAL_OCR_PROVIDER,
          unsupported: 's3-reference-unavailable',
          message: 'local OCR reads bytes',
        };
      }
      const dir = await mkdtemp(join(tmpdir(), 'fsxn-ocr-'));
      try {
        const file = join(dir, 'page');
        await writeFile(file, input.bytes);
        let tsv: string;
        try {
          tsv = (await run(command, [file, 'stdout', '-l', lang, 'tsv'])).stdout;
        } catch (error) {
          const detail = (error as { stderr?: string }).stderr?.split('\n').find((l) => l.trim()) ?? 'no detail';
          return {
            status: 'unsupported',
            provider: LOCAL_OCR_PROVIDER,
            unsupported: 'unsupported-format',
            message: `tesseract could not read the image: ${detail.slice(0, 200)}`,
          };
        }
        const pages = parseTesseractTsv(tsv);
        return {
          status: 'ok',
          provider: LOCAL_OCR_PROVIDER,
          pageCount: Math.max(1, pages.pageCount),
          text: pages.lines.map((l) => l.text).join('\n'),
          lines: pages.lines,
          keyValues: [],
          tables: [],
          warnings: [`text recognised by tesseract (${lang}); check against the image`],
        };
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  };
};
