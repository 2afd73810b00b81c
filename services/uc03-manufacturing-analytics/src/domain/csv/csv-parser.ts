import { CsvFormatError } from '../errors';

/** One CSV record with the physical line it starts on (1-based; embedded line breaks count). */
export interface CsvRecord {
  readonly fields: string[];
  readonly line: number;
  /** Set when the record breaks RFC 4180 (stray quote, unterminated quoted field); its fields are best effort. */
  readonly malformed?: string;
}

export interface CsvParserOptions {
  /** A record longer than this (in UTF-16 units) is a fatal CsvFormatError: it bounds memory on hostile input. */
  readonly maxRecordChars?: number;
}

export const DEFAULT_MAX_RECORD_CHARS = 1024 * 1024;

const COMMA = 44;
const QUOTE = 34;
const CR = 13;
const LF = 10;
const BOM = 0xfeff;

enum State {
  /** Before the first character of a field. */
  FieldStart,
  Unquoted,
  Quoted,
  /** Saw `"` inside a quoted field: either an escaped quote (`""`) or the closing quote. */
  QuoteInQuoted,
  /** After the closing quote; only a comma or a line break may follow. */
  AfterClose,
}

/**
 * Incremental RFC 4180 parser: feed text in chunks of any size (a chunk may end mid-record, mid-CRLF or
 * mid-escape) and get complete records back, so a large file never needs to be in memory at once.
 * Accepts CRLF, LF and CR line ends and a leading BOM; blank lines are skipped (they hold no record).
 * Violations of the grammar do not stop the parse: the record is returned with `malformed` set.
 */
export class CsvParser {
  private state = State.FieldStart;
  private fields: string[] = [];
  private field = '';
  private recordChars = 0;
  private recordLine = 0;
  private line = 1;
  private pendingCr = false;
  private started = false;
  private malformed: string | undefined;
  private readonly maxRecordChars: number;

  constructor(options: CsvParserOptions = {}) {
    this.maxRecordChars = options.maxRecordChars ?? DEFAULT_MAX_RECORD_CHARS;
  }

  push(chunk: string): CsvRecord[] {
    const out: CsvRecord[] = [];
    let i = 0;
    if (!this.started && chunk.length > 0) {
      this.started = true;
      if (chunk.charCodeAt(0) === BOM) i = 1;
    }
    for (; i < chunk.length; i++) {
      const c = chunk.charCodeAt(i);
      if (c === CR || c === LF) {
        // The LF of a CRLF (possibly split across chunks) ends the same line as its CR.
        const crlfTail = c === LF && this.pendingCr;
        this.pendingCr = c === CR;
        if (this.state === State.Quoted) {
          this.appendChar(chunk[i] ?? '');
          if (!crlfTail) this.line += 1;
          continue;
        }
        if (crlfTail) continue;
        this.line += 1;
        if (this.state === State.QuoteInQuoted) this.state = State.AfterClose;
        if (this.inRecord()) out.push(this.finishRecord());
        continue;
      }
      this.pendingCr = false;
      if (!this.inRecord()) this.recordLine = this.line;
      this.countChar();
      switch (this.state) {
        case State.FieldStart:
          if (c === QUOTE) this.state = State.Quoted;
          else if (c === COMMA) this.finishField();
          else {
            this.field += chunk[i];
            this.state = State.Unquoted;
          }
          break;
        case State.Unquoted:
          if (c === COMMA) this.finishField();
          else {
            if (c === QUOTE) this.malformed ??= 'quote inside an unquoted field';
            this.field += chunk[i];
          }
          break;
        case State.Quoted:
          if (c === QUOTE) this.state = State.QuoteInQuoted;
          else this.field += chunk[i];
          break;
        case State.QuoteInQuoted:
          if (c === QUOTE) {
            this.field += '"';
            this.state = State.Quoted;
          } else if (c === COMMA) this.finishField();
          else {
            this.malformed ??= 'characters after a closing quote';
            this.field += chunk[i];
            this.state = State.AfterClose;
          }
          break;
        case State.AfterClose:
          if (c === COMMA) this.finishField();
          else this.field += chunk[i];
          break;
      }
    }
    return out;
  }

  /** Call once after the last chunk: returns the last record when the input did not end with a line break. */
  end(): CsvRecord[] {
    this.pendingCr = false;
    if (!this.inRecord()) return [];
    if (this.state === State.Quoted) this.malformed ??= 'unterminated quoted field';
    return [this.finishRecord()];
  }

  /** True while a record has started (a character or an empty field was seen since the last line break). */
  private inRecord(): boolean {
    return this.state !== State.FieldStart || this.fields.length > 0;
  }

  private appendChar(ch: string) {
    this.countChar();
    this.field += ch;
  }

  private countChar() {
    this.recordChars += 1;
    if (this.recordChars > this.maxRecordChars) {
      throw new CsvFormatError(
        `record starting at line ${this.recordLine} is longer than ${this.maxRecordChars} characters (unterminated quote?)`,
      );
    }
  }

  private finishField() {
    this.fields.push(this.field);
    this.field = '';
    this.state = State.FieldStart;
  }

  private finishRecord(): CsvRecord {
    this.finishField();
    const record: CsvRecord = {
      fields: this.fields,
      line: this.recordLine,
      ...(this.malformed ? { malformed: this.malformed } : {}),
    };
    this.fields = [];
    this.recordChars = 0;
    this.malformed = undefined;
    return record;
  }
}

/** Parses a whole CSV text (tests, small inputs); large inputs go through `CsvParser.push` chunk by chunk. */
export const parseCsv = (text: string, options?: CsvParserOptions): CsvRecord[] => {
  const parser = new CsvParser(options);
  return [...parser.push(text), ...parser.end()];
};
