import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type GeneratedDicomStudies, generateDicomStudies } from '@fsxn/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deidentify, parseDicom } from '../../src/domain';
import { isPrivateTag } from '../../src/domain/tag';
import { allElements, pixelValue, uidMap } from './helpers';

/** Debian's python3-pydicom installs into the system interpreter, which may not be the first python3. */
const findPython = (): string | undefined =>
  ['python3', '/usr/bin/python3'].find((candidate) => spawnSync(candidate, ['-c', 'import pydicom']).status === 0);

const python = findPython();
const SCRIPT = join(dirname(fileURLToPath(import.meta.url)), 'pydicom_dump.py');

interface PydicomView {
  readonly error?: string;
  readonly transferSyntax: string | null;
  readonly mediaStorageSopInstanceUid: string | null;
  readonly attributes: Record<string, string | null>;
  readonly rows: number | null;
  readonly columns: number | null;
  readonly pixelSha256: string | null;
  readonly uids: string[];
  readonly privateCount: number;
}

const readWithPydicom = (interpreter: string, paths: readonly string[]): Record<string, PydicomView> =>
  JSON.parse(execFileSync(interpreter, [SCRIPT, ...paths], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 }));

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

if (python === undefined) {
  console.warn('pydicom cross-check skipped: `python3 -c "import pydicom"` fails (apt-get install python3-pydicom)');
}

describe.skipIf(python === undefined)('independent check with pydicom', () => {
  const interpreter = python ?? 'python3';
  let dir = '';
  let generated: GeneratedDicomStudies;
  const outputs = new Map<string, string>();

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'uc05-pydicom-'));
    generated = await generateDicomStudies(dir, { studies: 2, seriesPerStudy: 1, instancesPerSeries: 6 });
    for (const file of generated.files) {
      const input = new Uint8Array(await readFile(join(dir, file.path)));
      const outputPath = join(dir, `${file.path.replaceAll('/', '_')}.deid`);
      await writeFile(outputPath, deidentify(input, { uidMap }).bytes);
      outputs.set(file.path, outputPath);
    }
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('sees the same attributes and pixel bytes as our parser in every generated file', async () => {
    const views = readWithPydicom(
      interpreter,
      generated.files.map((file) => join(dir, file.path)),
    );
    expect(new Set(generated.files.map((file) => file.syntax)).size).toBe(6);
    for (const file of generated.files) {
      const bytes = new Uint8Array(await readFile(join(dir, file.path)));
      const ours = parseDicom(bytes);
      const theirs = views[join(dir, file.path)];
      expect(theirs?.error, file.path).toBeUndefined();
      const a = ours.attributes;
      expect(theirs?.attributes).toEqual({
        PatientName: a.patientName,
        PatientID: a.patientId,
        PatientBirthDate: a.patientBirthDate,
        PatientSex: a.patientSex,
        StudyInstanceUID: a.studyInstanceUid,
        SeriesInstanceUID: a.seriesInstanceUid,
        SOPInstanceUID: a.sopInstanceUid,
        SOPClassUID: a.sopClassUid,
        StudyDate: a.studyDate,
        StudyTime: a.studyTime,
        StudyDescription: a.studyDescription,
        SeriesDescription: a.seriesDescription,
        Modality: a.modality,
        BodyPartExamined: a.bodyPartExamined,
        InstitutionName: a.institutionName,
        ReferringPhysicianName: a.referringPhysicianName,
        AccessionNumber: a.accessionNumber,
        BurnedInAnnotation: a.burnedInAnnotation === null ? null : a.burnedInAnnotation ? 'YES' : 'NO',
        PatientIdentityRemoved: null,
      });
      expect([theirs?.rows, theirs?.columns]).toEqual([a.rows, a.columns]);
      expect(theirs?.pixelSha256).toBe(sha256(pixelValue(bytes)));
      if (ours.layout === 'part10') expect(theirs?.transferSyntax).toBe(ours.transferSyntax.uid);
      const ourUids = allElements(bytes)
        .filter((entry) => entry.element.vr === 'UI' && !isPrivateTag(entry.element.tag))
        .map((entry) => entry.text)
        .filter((uid) => uid !== '');
      expect(theirs?.uids).toEqual([...ourUids].sort());
      expect(theirs?.privateCount).toBe(2);
    }
  });

  it('reads every de-identified output without error: same pixels, no private tags, remapped UIDs', async () => {
    const views = readWithPydicom(interpreter, [...outputs.values()]);
    for (const file of generated.files) {
      const view = views[outputs.get(file.path) ?? ''];
      const input = new Uint8Array(await readFile(join(dir, file.path)));
      expect(view?.error, file.path).toBeUndefined();
      expect(view?.pixelSha256).toBe(sha256(pixelValue(input)));
      expect(view?.privateCount).toBe(0);
      expect(view?.attributes.PatientIdentityRemoved).toBe('YES');
      expect(view?.attributes.PatientName).toBe('');
      expect(view?.attributes.StudyInstanceUID).toBe(uidMap(file.studyInstanceUid));
      expect(view?.attributes.SOPInstanceUID).toBe(uidMap(file.sopInstanceUid));
      expect(view?.mediaStorageSopInstanceUid).toBe(uidMap(file.sopInstanceUid));
      expect(view?.transferSyntax).toBe(parseDicom(input).transferSyntax.uid);
      // No original UID (other than class UIDs, which are not identifying) appears anywhere.
      const originalUids = new Set(
        allElements(input)
          .filter((entry) => entry.element.vr === 'UI')
          .map((entry) => entry.text),
      );
      const leaked = (view?.uids ?? []).filter((uid) => originalUids.has(uid) && !uid.startsWith('1.2.840.10008.'));
      expect(leaked).toEqual([]);
    }
  });
});
