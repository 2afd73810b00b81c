import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { ChecksumAlgorithm } from './checksums';
import { S3ApEmulatorError } from './s3-error';
import type { Tag } from './sidecar';

export interface UploadRecord {
  readonly uploadId: string;
  readonly accessPoint: string;
  readonly key: string;
  readonly initiated: string;
  readonly contentType?: string;
  readonly metadata?: Record<string, string>;
  readonly tags?: Tag[];
  readonly checksumAlgorithm?: ChecksumAlgorithm;
}

export interface PartRecord {
  readonly partNumber: number;
  /** md5 hex of the part, without quotes. */
  readonly etag: string;
  readonly size: number;
  readonly lastModified: string;
  readonly checksum?: string;
}

const UPLOAD_ID = /^[0-9a-f]{32}$/;

/** In-progress multipart uploads, kept in `<stateDir>/uploads/<uploadId>/` (never inside the volume). */
export class MultipartStore {
  constructor(private readonly dir: string) {}

  private uploadDir(uploadId: string): string {
    return path.join(this.dir, uploadId);
  }

  partFile(uploadId: string, partNumber: number): string {
    return path.join(this.uploadDir(uploadId), `part-${partNumber}`);
  }

  async create(record: Omit<UploadRecord, 'uploadId' | 'initiated'>): Promise<UploadRecord> {
    const full: UploadRecord = {
      ...record,
      uploadId: randomBytes(16).toString('hex'),
      initiated: new Date().toISOString(),
    };
    await mkdir(this.uploadDir(full.uploadId), { recursive: true });
    await writeFile(path.join(this.uploadDir(full.uploadId), 'upload.json'), JSON.stringify(full));
    return full;
  }

  /** The upload, or NoSuchUpload when it does not exist or belongs to another access point or key. */
  async get(uploadId: string, accessPoint: string, key: string): Promise<UploadRecord> {
    const record = UPLOAD_ID.test(uploadId) ? await this.readRecord(uploadId) : undefined;
    if (!record || record.accessPoint !== accessPoint || record.key !== key) {
      throw new S3ApEmulatorError(
        'NoSuchUpload',
        'The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.',
        { UploadId: uploadId },
      );
    }
    return record;
  }

  private async readRecord(uploadId: string): Promise<UploadRecord | undefined> {
    try {
      return JSON.parse(await readFile(path.join(this.uploadDir(uploadId), 'upload.json'), 'utf8')) as UploadRecord;
    } catch {
      return undefined;
    }
  }

  /** Moves a received part into the upload (replacing an earlier upload of the same part number). */
  async savePart(uploadId: string, tempFile: string, part: PartRecord): Promise<void> {
    await rename(tempFile, this.partFile(uploadId, part.partNumber));
    const metaFile = path.join(this.uploadDir(uploadId), `part-${part.partNumber}.json`);
    const temp = `${metaFile}.${randomBytes(4).toString('hex')}`;
    await writeFile(temp, JSON.stringify(part));
    await rename(temp, metaFile);
  }

  async parts(uploadId: string): Promise<PartRecord[]> {
    const names = await readdir(this.uploadDir(uploadId)).catch(() => [] as string[]);
    const parts: PartRecord[] = [];
    for (const name of names) {
      if (!/^part-\d+\.json$/.test(name)) continue;
      const text = await readFile(path.join(this.uploadDir(uploadId), name), 'utf8').catch(() => undefined);
      if (text !== undefined) parts.push(JSON.parse(text) as PartRecord);
    }
    return parts.sort((a, b) => a.partNumber - b.partNumber);
  }

  async uploadsOf(accessPoint: string): Promise<UploadRecord[]> {
    const ids = await readdir(this.dir).catch(() => [] as string[]);
    const records: UploadRecord[] = [];
    for (const id of ids) {
      const record = UPLOAD_ID.test(id) ? await this.readRecord(id) : undefined;
      if (record?.accessPoint === accessPoint) records.push(record);
    }
    return records;
  }

  async remove(uploadId: string): Promise<void> {
    await rm(this.uploadDir(uploadId), { recursive: true, force: true });
  }
}
