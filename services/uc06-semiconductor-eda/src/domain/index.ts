export { checksum32, crc32 } from './crc32';
export { EdaError, LayoutParseError } from './errors';
export { chunksOf, parseGdsBytes, parseGdsStream } from './gds/parse-gds';
export { type GdsRecord, readGdsRecords } from './gds/record-reader';
export { DT, RT, recordName } from './gds/record-types';
export type { ElementCounts, GdsLibrarySummary, LayerUse, StructureSummary } from './gds/summary';
export { type BBox, heightOf, type Placement, placeBox, unionBox, widthOf } from './geometry';
export { decodeIbmFloat64, encodeIbmFloat64 } from './ibm-float';
export { type IqrOutlier, iqrOutliers, quantileCont } from './iqr';
export {
  invalidLayoutRow,
  type LayoutFacts,
  type LayoutFormat,
  type LayoutRow,
  type LayoutSummary,
  layoutFacts,
  sniffLayoutFormat,
} from './layout-record';
export { type NamingViolation, namingViolations, offendingCharacters } from './names';
export {
  DEFAULT_OASIS_LIMITS,
  END_RECORD_BYTES,
  hasOasisMagic,
  OASIS_MAGIC,
  type OasisLimits,
  type OasisSummary,
  parseOasis,
  type RangeReader,
} from './oasis/parse-oasis';
export { OasisReader } from './oasis/reader';
