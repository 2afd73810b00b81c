import { deflateRawSync } from 'node:zlib';
import { type Action, profileRuleFor } from './confidentiality-profile';
import { lookupTag } from './dictionary';
import { type DummyValues, dummyTextFor, resolveDummyValues } from './dummy-values';
import { type DicomElement, type DicomItem, findElement, valueBytes } from './elements';
import { PREAMBLE_LENGTH, readDicomFile } from './read-file';
import { formatTag, isGroupLength, isPrivateTag, PIXEL_DATA, type Tag, tagOf } from './tag';
import { type Encoding, EXPLICIT_LE, IMPLICIT_LE } from './transfer-syntax';
import type { UidMapper } from './uid-mapper';
import { decodeLatin1, encodeText, encodeUnsigned, trimValue } from './values';
import { BINARY_WIDTH, type Vr } from './vr';
import {
  ByteChunks,
  elementHeader,
  encodeElement,
  itemDelimiter,
  itemHeader,
  sequenceDelimiter,
  UNDEFINED_LENGTH,
} from './write-elements';

export interface DeidentifyOptions {
  /** Deterministic UID replacement (see `createHmacUidMapper`); the same mapper across a study keeps it whole. */
  readonly uidMap: UidMapper;
  /** Dummy values per VR for D actions; defaults in `DEFAULT_DUMMY_VALUES`. */
  readonly dummyValues?: Partial<DummyValues>;
  /** Text written to (0012,0063) Deidentification Method. */
  readonly method?: string;
}

/** What changed, by tag (`(gggg,eeee)`, nested occurrences included); never any value. */
export interface DeidentificationSummary {
  readonly removed: string[];
  readonly emptied: string[];
  readonly replaced: string[];
  /** UID values replaced (each value of each occurrence, file meta included). */
  readonly remappedUids: number;
  readonly privateTagsRemoved: number;
}

export interface DeidentifiedDicom {
  /** A PS3.10 file in the input's transfer syntax. */
  readonly bytes: Uint8Array;
  readonly summary: DeidentificationSummary;
}

/** Identifies this writer in (0002,0012); a fixed UUID-derived UID (2.25 root, PS3.5 §B.2). */
export const IMPLEMENTATION_CLASS_UID = '2.25.288430412316733146478146498331458914881';
export const IMPLEMENTATION_VERSION_NAME = 'FSXN_UC05_1';
export const DEFAULT_DEIDENTIFICATION_METHOD = 'DICOM PS3.15 E.1-1 Basic Application Level Confidentiality Profile';

const TAG = {
  metaGroupLength: tagOf(0x0002, 0x0000),
  metaVersion: tagOf(0x0002, 0x0001),
  mediaStorageSopClassUid: tagOf(0x0002, 0x0002),
  mediaStorageSopInstanceUid: tagOf(0x0002, 0x0003),
  transferSyntaxUid: tagOf(0x0002, 0x0010),
  implementationClassUid: tagOf(0x0002, 0x0012),
  implementationVersionName: tagOf(0x0002, 0x0013),
  sopClassUid: tagOf(0x0008, 0x0016),
  sopInstanceUid: tagOf(0x0008, 0x0018),
  codeValue: tagOf(0x0008, 0x0100),
  codingSchemeDesignator: tagOf(0x0008, 0x0102),
  codeMeaning: tagOf(0x0008, 0x0104),
  patientIdentityRemoved: tagOf(0x0012, 0x0062),
  deidentificationMethod: tagOf(0x0012, 0x0063),
  deidentificationMethodCodeSequence: tagOf(0x0012, 0x0064),
  longitudinalTemporalInformationModified: tagOf(0x0028, 0x0303),
} as const;

/** Attributes this function writes itself at the top level, replacing any earlier value. */
const MARKERS: ReadonlySet<Tag> = new Set([
  TAG.patientIdentityRemoved,
  TAG.deidentificationMethod,
  TAG.deidentificationMethodCodeSequence,
  TAG.longitudinalTemporalInformationModified,
]);

class Rewrite {
  readonly removed = new Set<string>();
  readonly emptied = new Set<string>();
  readonly replaced = new Set<string>();
  remappedUids = 0;
  privateTagsRemoved = 0;

  constructor(
    readonly bytes: Uint8Array,
    readonly uidMap: UidMapper,
    readonly dummies: DummyValues,
  ) {}

  remap(text: string): string {
    return text
      .split('\\')
      .map((value) => {
        const uid = trimValue('UI', value);
        if (uid === '') return uid;
        this.remappedUids++;
        return this.uidMap(uid);
      })
      .join('\\');
  }

  list(elements: readonly DicomElement[], encoding: Encoding): ByteChunks {
    const out = new ByteChunks();
    for (const element of elements) out.append(this.element(element, encoding));
    return out;
  }

  element(element: DicomElement, encoding: Encoding): ByteChunks {
    const { tag } = element;
    const empty = new ByteChunks();
    if (isPrivateTag(tag)) {
      this.privateTagsRemoved++;
      return empty;
    }
    if (isGroupLength(tag)) {
      // Retired outside the meta, and wrong once anything inside the group changes.
      this.removed.add(formatTag(tag));
      return empty;
    }
    if (tag === PIXEL_DATA) return new ByteChunks().push(this.bytes.subarray(element.headerOffset, element.end));
    const rule = profileRuleFor(tag);
    const action: Action = rule?.action ?? 'K';
    const semanticVr: Vr = element.vr === 'UN' ? (lookupTag(tag)?.vr ?? 'UN') : element.vr;
    switch (action) {
      case 'X':
        this.removed.add(formatTag(tag));
        return empty;
      case 'Z':
        this.emptied.add(formatTag(tag));
        return new ByteChunks().push(elementHeader(tag, element.vr, 0, encoding));
      case 'U':
      case 'D':
        if (element.items !== null) return this.sequence(element, encoding);
        if (semanticVr === 'UI') return this.uid(element, encoding);
        if (action === 'U') return this.uid(element, encoding);
        this.replaced.add(formatTag(tag));
        return encodeElement(tag, element.vr, this.dummy(semanticVr, encoding), encoding);
      default:
        if (element.items !== null) return this.sequence(element, encoding);
        return new ByteChunks().push(this.bytes.subarray(element.headerOffset, element.end));
    }
  }

  uid(element: DicomElement, encoding: Encoding): ByteChunks {
    const text = this.remap(decodeLatin1(valueBytes(this.bytes, element)));
    return encodeElement(element.tag, element.vr, encodeText('UI', text), encoding);
  }

  dummy(vr: Vr, encoding: Encoding): Uint8Array {
    const text = dummyTextFor(vr, this.dummies);
    return text === null ? encodeZero(vr, encoding) : encodeText(vr, text);
  }

  sequence(element: DicomElement, encoding: Encoding): ByteChunks {
    // Items of an undefined-length UN sequence are implicit VR little endian (CP-246), like the reader assumed.
    const itemEncoding = element.vr === 'UN' && encoding.explicitVr ? IMPLICIT_LE : encoding;
    const items = new ByteChunks();
    for (const item of element.items ?? []) items.append(this.item(item, itemEncoding));
    const out = new ByteChunks();
    if (element.undefinedLength) {
      return out
        .push(elementHeader(element.tag, element.vr, UNDEFINED_LENGTH, encoding))
        .append(items)
        .push(sequenceDelimiter(encoding));
    }
    return out.push(elementHeader(element.tag, element.vr, items.length, encoding)).append(items);
  }

  item(item: DicomItem, encoding: Encoding): ByteChunks {
    const content = this.list(item.elements, encoding);
    const out = new ByteChunks();
    if (item.undefinedLength)
      return out.push(itemHeader(UNDEFINED_LENGTH, encoding)).append(content).push(itemDelimiter(encoding));
    return out.push(itemHeader(content.length, encoding)).append(content);
  }
}

const encodeZero = (vr: Vr, encoding: Encoding): Uint8Array => {
  const width = BINARY_WIDTH[vr] ?? 2;
  return width === 2 || width === 4
    ? encodeUnsigned(width === 2 ? 'US' : 'UL', [0], encoding.littleEndian)
    : new Uint8Array(width);
};

/**
 * Applies the Basic Application Level Confidentiality Profile (see `confidentiality-profile.ts`) element by
 * element in the file's own transfer syntax and writes a PS3.10 file. Pixel data is copied byte for byte
 * (burned-in text is the caller's business: see `burnedInAnnotation`). Private attributes are removed.
 */
export const deidentify = (input: Uint8Array, options: DeidentifyOptions): DeidentifiedDicom => {
  const file = readDicomFile(input);
  const dummies = resolveDummyValues(options.dummyValues);
  const { dataset } = file;
  const rewrite = new Rewrite(dataset.bytes, options.uidMap, dummies);
  const body = rewriteTopLevel(dataset.elements, dataset.encoding, rewrite, options.method);

  const sopInstance = findElement(dataset.elements, TAG.sopInstanceUid);
  const metaInstance = file.meta === null ? undefined : findElement(file.meta.elements, TAG.mediaStorageSopInstanceUid);
  const originalInstanceUid = readUid(sopInstance, dataset.bytes) ?? readUid(metaInstance, file.meta?.bytes);
  const sopClass =
    readUid(findElement(dataset.elements, TAG.sopClassUid), dataset.bytes) ??
    readUid(
      file.meta === null ? undefined : findElement(file.meta.elements, TAG.mediaStorageSopClassUid),
      file.meta?.bytes,
    ) ??
    '';
  let mediaInstanceUid = '';
  if (originalInstanceUid !== undefined) {
    mediaInstanceUid = options.uidMap(originalInstanceUid);
    rewrite.remappedUids++;
  }
  const meta = fileMeta(sopClass, mediaInstanceUid, file.transferSyntax.uid);
  const datasetBytes = file.transferSyntax.deflated ? new Uint8Array(deflateRawSync(body)) : body;

  const out = new Uint8Array(PREAMBLE_LENGTH + 4 + meta.length + datasetBytes.length);
  out.set([0x44, 0x49, 0x43, 0x4d], PREAMBLE_LENGTH);
  out.set(meta, PREAMBLE_LENGTH + 4);
  out.set(datasetBytes, PREAMBLE_LENGTH + 4 + meta.length);
  return {
    bytes: out,
    summary: {
      removed: [...rewrite.removed].sort(),
      emptied: [...rewrite.emptied].sort(),
      replaced: [...rewrite.replaced].sort(),
      remappedUids: rewrite.remappedUids,
      privateTagsRemoved: rewrite.privateTagsRemoved,
    },
  };
};

const readUid = (element: DicomElement | undefined, bytes: Uint8Array | undefined): string | undefined => {
  if (element === undefined || bytes === undefined) return undefined;
  const uid = trimValue('UI', decodeLatin1(valueBytes(bytes, element)));
  return uid === '' ? undefined : uid;
};

/**
 * Adds (0012,0062) YES, (0012,0063) the method, (0012,0064) code 113100 "Basic Application Confidentiality
 * Profile" and (0028,0303) REMOVED (dates were emptied or replaced), each at its place in tag order.
 */
const rewriteTopLevel = (
  elements: readonly DicomElement[],
  encoding: Encoding,
  rewrite: Rewrite,
  method = DEFAULT_DEIDENTIFICATION_METHOD,
): Uint8Array => {
  const markers: Array<[Tag, ByteChunks]> = [
    [TAG.patientIdentityRemoved, encodeElement(TAG.patientIdentityRemoved, 'CS', encodeText('CS', 'YES'), encoding)],
    [
      TAG.deidentificationMethod,
      encodeElement(TAG.deidentificationMethod, 'LO', encodeText('LO', method.slice(0, 64)), encoding),
    ],
    [TAG.deidentificationMethodCodeSequence, methodCodeSequence(encoding)],
    [
      TAG.longitudinalTemporalInformationModified,
      encodeElement(TAG.longitudinalTemporalInformationModified, 'CS', encodeText('CS', 'REMOVED'), encoding),
    ],
  ];
  const out = new ByteChunks();
  const pending = [...markers];
  const flushBefore = (tag: Tag | null): void => {
    for (let next = pending[0]; next !== undefined && (tag === null || next[0] < tag); next = pending[0]) {
      out.append(next[1]);
      pending.shift();
    }
  };
  for (const element of elements) {
    if (MARKERS.has(element.tag)) continue;
    flushBefore(element.tag);
    out.append(rewrite.element(element, encoding));
  }
  flushBefore(null);
  return out.concat();
};

const methodCodeSequence = (encoding: Encoding): ByteChunks => {
  const item = new ByteChunks()
    .append(encodeElement(TAG.codeValue, 'SH', encodeText('SH', '113100'), encoding))
    .append(encodeElement(TAG.codingSchemeDesignator, 'SH', encodeText('SH', 'DCM'), encoding))
    .append(
      encodeElement(TAG.codeMeaning, 'LO', encodeText('LO', 'Basic Application Confidentiality Profile'), encoding),
    );
  const items = new ByteChunks().push(itemHeader(item.length, encoding)).append(item);
  return new ByteChunks()
    .push(elementHeader(TAG.deidentificationMethodCodeSequence, 'SQ', items.length, encoding))
    .append(items);
};

/** File meta (always explicit VR little endian) with a recomputed group length. */
const fileMeta = (sopClassUid: string, sopInstanceUid: string, transferSyntaxUid: string): Uint8Array => {
  const rest = new ByteChunks()
    .append(encodeElement(TAG.metaVersion, 'OB', new Uint8Array([0x00, 0x01]), EXPLICIT_LE))
    .append(encodeElement(TAG.mediaStorageSopClassUid, 'UI', encodeText('UI', sopClassUid), EXPLICIT_LE))
    .append(encodeElement(TAG.mediaStorageSopInstanceUid, 'UI', encodeText('UI', sopInstanceUid), EXPLICIT_LE))
    .append(encodeElement(TAG.transferSyntaxUid, 'UI', encodeText('UI', transferSyntaxUid), EXPLICIT_LE))
    .append(encodeElement(TAG.implementationClassUid, 'UI', encodeText('UI', IMPLEMENTATION_CLASS_UID), EXPLICIT_LE))
    .append(
      encodeElement(TAG.implementationVersionName, 'SH', encodeText('SH', IMPLEMENTATION_VERSION_NAME), EXPLICIT_LE),
    );
  const groupLength = encodeElement(TAG.metaGroupLength, 'UL', encodeUnsigned('UL', [rest.length], true), EXPLICIT_LE);
  return new ByteChunks().append(groupLength).append(rest).concat();
};
