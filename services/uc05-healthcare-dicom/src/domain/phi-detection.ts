import { type Action, type ProfileCode, profileRuleFor } from './confidentiality-profile';
import { keywordOf, lookupTag } from './dictionary';
import { type DicomElement, walkElements } from './elements';
import type { ParsedDicom } from './parse-dicom';
import { formatTag, isPrivateTag, type Tag } from './tag';
import { readText } from './values';
import { FREE_TEXT_VRS, isStringVr, type Vr } from './vr';

/** One entity found by a PHI text detector (the shape of Comprehend Medical DetectPHI entities). */
export interface PhiEntity {
  readonly text: string;
  readonly type: string;
  readonly score: number;
  readonly beginOffset: number;
  readonly endOffset: number;
}

/** Port: finds PHI in free text (Comprehend Medical in AWS, local rules offline). */
export type PhiTextDetector = (text: string) => Promise<readonly PhiEntity[]>;

/** Where an element sits: the sequence tags above it, outermost first, as `(gggg,eeee)`. */
export type ElementPath = readonly string[];

export interface PhiAttributeFinding {
  readonly tag: string;
  readonly keyword: string;
  readonly path: ElementPath;
  readonly vr: Vr;
  readonly code: ProfileCode;
  readonly action: Action;
  /** Present with a zero-length value: nothing to leak, but the action still applies. */
  readonly empty: boolean;
}

export interface TextValue {
  readonly tag: string;
  readonly keyword: string;
  readonly path: ElementPath;
  readonly vr: Vr;
  /** Decoded value; person-name component separators (^ and =) shown as spaces for the detector. */
  readonly text: string;
}

/** A detector hit mapped back to its attribute; offsets are within that attribute's text. No text is kept. */
export interface TextPhiFinding {
  readonly tag: string;
  readonly keyword: string;
  readonly path: ElementPath;
  readonly entityType: string;
  readonly score: number;
  readonly beginOffset: number;
  readonly endOffset: number;
}

export interface PhiReport {
  readonly attributes: readonly PhiAttributeFinding[];
  readonly textFindings: readonly TextPhiFinding[];
  readonly privateAttributeCount: number;
  /** (0028,0301) Burned In Annotation = YES: the pixels themselves may show PHI. */
  readonly burnedInAnnotation: boolean;
  readonly hasPhi: boolean;
}

const pathOf = (path: readonly Tag[]): ElementPath => path.map(formatTag);

/** Attributes present in the file that the Basic Profile acts on (private ones counted, not listed). */
export const listProfileAttributes = (parsed: ParsedDicom): PhiAttributeFinding[] => {
  const findings: PhiAttributeFinding[] = [];
  const visit = (element: DicomElement, path: readonly Tag[]): void => {
    const rule = profileRuleFor(element.tag);
    if (rule === undefined || isPrivateTag(element.tag) || rule.action === 'K') return;
    findings.push({
      tag: formatTag(element.tag),
      keyword: rule.keyword,
      path: pathOf(path),
      vr: element.vr,
      code: rule.code,
      action: rule.action,
      empty: element.valueLength === 0 && (element.items?.length ?? 0) === 0,
    });
  };
  if (parsed.meta !== null) walkElements(parsed.meta.elements, visit);
  walkElements(parsed.dataset.elements, visit);
  return findings;
};

const countPrivate = (parsed: ParsedDicom): number => {
  let count = 0;
  walkElements(parsed.dataset.elements, (element) => {
    if (isPrivateTag(element.tag)) count++;
  });
  return count;
};

/** Every non-empty free-text value (LO, LT, SH, ST, UT, UC, PN), nested and private ones included. */
export const collectTextValues = (parsed: ParsedDicom): TextValue[] => {
  const values: TextValue[] = [];
  walkElements(parsed.dataset.elements, (element, path) => {
    const vr = element.vr === 'UN' && !isPrivateTag(element.tag) ? (lookupTag(element.tag)?.vr ?? 'UN') : element.vr;
    if (!FREE_TEXT_VRS.has(vr) || !isStringVr(vr) || element.items !== null) return;
    const raw = readText(parsed.dataset.bytes, { ...element, vr }, parsed.decodeText);
    const text = vr === 'PN' ? raw.replace(/[\^=]/gu, ' ') : raw;
    if (text.trim() === '') return;
    values.push({ tag: formatTag(element.tag), keyword: keywordOf(element.tag), path: pathOf(path), vr, text });
  });
  return values;
};

interface Placed {
  readonly value: TextValue;
  /** Chunk offset of the value's first character (negative for later slices of a long value). */
  readonly start: number;
  /** The chunk range this slice occupies. */
  readonly regionStart: number;
  readonly regionEnd: number;
}

/** Comprehend Medical accepts 20,000 characters per call; half leaves room for multi-byte text. */
export const DEFAULT_DETECTOR_CHUNK_CHARS = 10_000;
const SEPARATOR = '\n';

/**
 * Packs values into as few detector calls as fit `maxChars` (one value per line) and maps every entity back
 * to the value it starts in. A value longer than `maxChars` is sent in slices of its own.
 */
const chunkValues = (values: readonly TextValue[], maxChars: number): Array<{ text: string; placed: Placed[] }> => {
  const chunks: Array<{ text: string; placed: Placed[] }> = [];
  let current: { text: string; placed: Placed[] } = { text: '', placed: [] };
  const flush = (): void => {
    if (current.placed.length > 0) chunks.push(current);
    current = { text: '', placed: [] };
  };
  for (const value of values) {
    for (let sliceStart = 0; sliceStart < value.text.length; sliceStart += maxChars) {
      const slice = value.text.slice(sliceStart, sliceStart + maxChars);
      const needed = current.text.length === 0 ? slice.length : current.text.length + SEPARATOR.length + slice.length;
      if (needed > maxChars) flush();
      const start = current.text.length === 0 ? 0 : current.text.length + SEPARATOR.length;
      current.text = current.text.length === 0 ? slice : `${current.text}${SEPARATOR}${slice}`;
      // `start - sliceStart` converts chunk offsets to offsets within the whole value.
      current.placed.push({ value, start: start - sliceStart, regionStart: start, regionEnd: start + slice.length });
    }
  }
  flush();
  return chunks;
};

const locate = (placed: readonly Placed[], offset: number): Placed | undefined =>
  placed.find((entry) => offset >= entry.regionStart && offset < entry.regionEnd);

export interface DetectPhiOptions {
  readonly maxCharsPerCall?: number;
}

/**
 * Attribute-based detection (what the profile would act on) plus the text detector over every free-text
 * value, plus the burned-in annotation flag. Calls the detector sequentially: it is usually rate limited.
 */
export const detectPhi = async (
  parsed: ParsedDicom,
  detector: PhiTextDetector,
  options: DetectPhiOptions = {},
): Promise<PhiReport> => {
  const attributes = listProfileAttributes(parsed);
  const textFindings: TextPhiFinding[] = [];
  for (const chunk of chunkValues(collectTextValues(parsed), options.maxCharsPerCall ?? DEFAULT_DETECTOR_CHUNK_CHARS)) {
    for (const entity of await detector(chunk.text)) {
      const entry = locate(chunk.placed, entity.beginOffset);
      if (entry === undefined) continue;
      const begin = entity.beginOffset - entry.start;
      const end = Math.min(entity.endOffset, entry.regionEnd) - entry.start;
      const { tag, keyword, path } = entry.value;
      textFindings.push({
        tag,
        keyword,
        path,
        entityType: entity.type,
        score: entity.score,
        beginOffset: begin,
        endOffset: end,
      });
    }
  }
  const burnedInAnnotation = parsed.attributes.burnedInAnnotation === true;
  return {
    attributes,
    textFindings,
    privateAttributeCount: countPrivate(parsed),
    burnedInAnnotation,
    hasPhi: attributes.some((finding) => !finding.empty) || textFindings.length > 0 || burnedInAnnotation,
  };
};
