import { FALLBACK_DECODER, type FontDecoder, fontsOf } from './pdf-fonts';
import {
  isDict,
  nameOf,
  type PdfDict,
  PdfKeyword,
  PdfLexer,
  PdfName,
  PdfRef,
  PdfString,
  type PdfValue,
  readValue,
} from './pdf-lexer';
import { PdfObjects } from './pdf-objects';

export interface PdfTextResult {
  /** Text of each page in page order; lines separated by `\n`. */
  readonly pages: readonly string[];
  readonly encrypted: boolean;
  /** Shown strings whose font could not be decoded (composite fonts without ToUnicode). */
  readonly undecodableStrings: number;
}

const MAX_FORM_DEPTH = 8;
// TJ adjustments are in thousandths of a text-space unit; a gap wider than ~0.2 em is a word break.
const WORD_GAP = -200;

/** Page dictionaries in reading order, with inherited `Resources` resolved. */
function pagesOf(objects: PdfObjects): { page: PdfDict; resources: PdfDict | undefined }[] {
  let catalog: PdfDict | undefined;
  for (const [, object] of objects.all()) {
    if (isDict(object.value) && nameOf(object.value.get('Type')) === 'Catalog') catalog = object.value;
  }
  const pages: { page: PdfDict; resources: PdfDict | undefined }[] = [];
  const visited = new Set<PdfDict>();
  const walk = (node: PdfDict | undefined, inherited: PdfDict | undefined): void => {
    if (node === undefined || visited.has(node)) return;
    visited.add(node);
    const resources = objects.resolveDict(node.get('Resources')) ?? inherited;
    const kids = objects.resolve(node.get('Kids'));
    if (Array.isArray(kids)) for (const kid of kids) walk(objects.resolveDict(kid), resources);
    else if (nameOf(node.get('Type')) === 'Page') pages.push({ page: node, resources });
  };
  walk(objects.resolveDict(catalog?.get('Pages')), undefined);
  if (pages.length > 0) return pages;
  // No usable page tree (damaged file): fall back to page objects in object-number order.
  return [...objects.all()]
    .sort(([a], [b]) => a - b)
    .map(([, o]) => o.value)
    .filter((v): v is PdfDict => isDict(v) && nameOf(v.get('Type')) === 'Page')
    .map((page) => ({ page, resources: objects.resolveDict(page.get('Resources')) }));
}

function contentBytes(page: PdfDict, objects: PdfObjects): Uint8Array {
  const contents = page.get('Contents');
  const direct = objects.resolve(contents);
  const refs: PdfValue[] = Array.isArray(direct) ? direct : [contents ?? null];
  const parts: Uint8Array[] = [];
  for (const ref of refs) {
    const stream = objects.streamData(ref);
    if (stream !== undefined) parts.push(stream.data, Uint8Array.of(0x0a));
  }
  return Buffer.concat(parts);
}

class TextCollector {
  private lines: string[] = [''];
  undecodable = 0;

  private get current(): string {
    return this.lines[this.lines.length - 1] ?? '';
  }

  append(text: string): void {
    this.lines[this.lines.length - 1] = this.current + text;
  }

  space(): void {
    if (this.current.length > 0 && !this.current.endsWith(' ')) this.append(' ');
  }

  newline(): void {
    if (this.current.trim().length > 0) this.lines.push('');
  }

  text(): string {
    return this.lines
      .map((l) => l.replace(/[ \t]+/g, ' ').trim())
      .filter((l) => l.length > 0)
      .join('\n');
  }
}

/** Skips inline image data (`BI … ID <binary> EI`), which would otherwise be read as operators. */
function skipInlineImage(lexer: PdfLexer): void {
  for (let token = lexer.next(); token !== undefined; token = lexer.next()) {
    if (token instanceof PdfKeyword && token.value === 'ID') break;
  }
  const { bytes, end } = lexer;
  let pos = lexer.pos + 1;
  const white = (b: number | undefined) => b === undefined || b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09;
  while (
    pos + 1 < end &&
    !(bytes[pos] === 0x45 && bytes[pos + 1] === 0x49 && white(bytes[pos - 1]) && white(bytes[pos + 2]))
  )
    pos++;
  lexer.pos = Math.min(end, pos + 2);
}

function interpret(
  data: Uint8Array,
  resources: PdfDict | undefined,
  objects: PdfObjects,
  out: TextCollector,
  depth: number,
): void {
  const fonts = fontsOf(resources, objects);
  const lexer = new PdfLexer(data);
  let font: FontDecoder = FALLBACK_DECODER;
  let lineY: number | undefined;
  const operands: (PdfValue | PdfKeyword)[] = [];
  const show = (value: PdfValue | PdfKeyword | undefined): void => {
    if (!(value instanceof PdfString)) return;
    const text = font.decode(value.bytes);
    if (text === undefined) out.undecodable++;
    else out.append(text);
  };
  for (let value = readValue(lexer); value !== undefined; value = readValue(lexer)) {
    if (!(value instanceof PdfKeyword)) {
      operands.push(value);
      continue;
    }
    const args = operands.splice(0);
    const number = (i: number): number => {
      const v = args[i];
      return typeof v === 'number' ? v : 0;
    };
    switch (value.value) {
      case 'BT':
        out.newline();
        lineY = undefined;
        break;
      case 'Tf': {
        const name = args[0];
        font = (name instanceof PdfName ? fonts.get(name.value) : undefined) ?? FALLBACK_DECODER;
        break;
      }
      case 'Tj':
        show(args[0]);
        break;
      case "'":
        out.newline();
        show(args[0]);
        break;
      case '"':
        out.newline();
        show(args[2]);
        break;
      case 'TJ': {
        const items = args[0];
        if (!Array.isArray(items)) break;
        for (const item of items) {
          if (typeof item === 'number') {
            if (item < WORD_GAP) out.space();
          } else show(item);
        }
        break;
      }
      case 'Td':
      case 'TD':
        if (number(1) !== 0) out.newline();
        else if (number(0) > 0) out.space();
        break;
      case 'T*':
        out.newline();
        break;
      case 'Tm': {
        const y = number(5);
        if (lineY !== undefined && y !== lineY) out.newline();
        else if (lineY !== undefined) out.space();
        lineY = y;
        break;
      }
      case 'BI':
        skipInlineImage(lexer);
        break;
      case 'Do': {
        const name = args[0];
        if (depth >= MAX_FORM_DEPTH || !(name instanceof PdfName)) break;
        const xobjects = objects.resolveDict(resources?.get('XObject'));
        const ref = xobjects?.get(name.value);
        const form = ref instanceof PdfRef ? objects.streamData(ref) : undefined;
        if (form === undefined || nameOf(form.dict.get('Subtype')) !== 'Form') break;
        const formResources = objects.resolveDict(form.dict.get('Resources')) ?? resources;
        interpret(form.data, formResources, objects, out, depth + 1);
        break;
      }
      default:
        break;
    }
  }
}

/** Counts pages without extracting text (used to pick Textract's sync or async API). */
export function countPdfPages(bytes: Uint8Array): number {
  return pagesOf(new PdfObjects(bytes)).length;
}

/**
 * Reads the text layer of a PDF: content streams of each page (and the form XObjects they draw),
 * decoded with the page fonts. It reads what the file encodes; it does not recognise text in images.
 */
export function extractPdfText(bytes: Uint8Array): PdfTextResult {
  const objects = new PdfObjects(bytes);
  const tail = Buffer.from(bytes.subarray(Math.max(0, bytes.length - 4096))).toString('latin1');
  const encrypted =
    /\/Encrypt\s/.test(tail) || [...objects.all()].some(([, o]) => isDict(o.value) && o.value.has('Encrypt'));
  if (encrypted) return { pages: [], encrypted: true, undecodableStrings: 0 };
  let undecodableStrings = 0;
  const pages = pagesOf(objects).map(({ page, resources }) => {
    const collector = new TextCollector();
    interpret(contentBytes(page, objects), resources, objects, collector, 0);
    undecodableStrings += collector.undecodable;
    return collector.text();
  });
  return { pages, encrypted: false, undecodableStrings };
}
