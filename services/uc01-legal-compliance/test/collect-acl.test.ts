import { OntapApiError, OntapNotFoundError, OntapTransportError } from '@fsxn/ontap-client';
import { describe, expect, it } from 'vitest';
import { collectAcl, namespacePathOf } from '../src/collect-acl';
import type { FileSecurityView } from '../src/domain';

const volume = { svmUuid: 'svm-uuid', volumeUuid: 'vol-uuid', junctionPath: '/vol1' };
const request = { method: 'GET', path: '/api/protocols/file-security/permissions/x/y', headers: {} };
const descriptor = (user: string): FileSecurityView => ({
  control_flags: '0x8004',
  effective_style: 'ntfs',
  acls: [{ user, access: 'access_allow', rights: 'read' }],
});
const now = () => '2025-01-01 00:00:00.000';

describe('collectAcl', () => {
  it('reads names then SIDs at the namespace path junction + key', async () => {
    const calls: [string, boolean][] = [];
    const outcome = await collectAcl(
      {
        now,
        readFileSecurity: async (path, lookupNames) => {
          calls.push([path, lookupNames]);
          return descriptor(lookupNames ? 'CORP\\Legal Team' : 'S-1-5-21-1-2-3-1104');
        },
      },
      'legal/Exhibit A – 契約 #1.pdf',
      volume,
    );
    expect(calls).toEqual([
      ['/vol1/legal/Exhibit A – 契約 #1.pdf', true],
      ['/vol1/legal/Exhibit A – 契約 #1.pdf', false],
    ]);
    expect(outcome).toMatchObject({
      kind: 'collected',
      record: { acls: [{ sid: 'S-1-5-21-1-2-3-1104', name: 'CORP\\Legal Team' }] },
    });
    expect(namespacePathOf('/vol1/', 'a/b')).toBe('/vol1/a/b');
  });

  it('fails a file ONTAP does not find, with its error code, and skips one without a DACL', async () => {
    const missing = await collectAcl(
      {
        now,
        readFileSecurity: async () => {
          throw new OntapNotFoundError(
            404,
            { message: 'No such file or directory.', code: '655865', target: 'path', arguments: [] },
            request,
          );
        },
      },
      'gone.pdf',
      volume,
    );
    expect(missing).toEqual({
      kind: 'failed',
      reason: expect.stringMatching(/^OntapNotFoundError\[655865\]: .*No such file/),
    });
    const nullDacl = await collectAcl(
      { now, readFileSecurity: async () => ({ control_flags: '0x8000', acls: [] }) },
      'a',
      volume,
    );
    expect(nullDacl).toMatchObject({ kind: 'skipped', reason: expect.stringMatching(/^NoDacl/) });
  });

  it('throws ONTAP faults and refusals that are not about the file, for the state machine to retry or fail', async () => {
    const unavailable = new OntapApiError(503, { message: 'busy', code: '1', arguments: [] }, request);
    const denied = new OntapApiError(403, { message: 'not authorized', code: '6', arguments: [] }, request);
    const network = new OntapTransportError('connect ECONNREFUSED', {
      request,
      errorCode: 'ECONNREFUSED',
      beforeRequestSent: true,
      transient: true,
    });
    for (const error of [unavailable, denied, network]) {
      const failing = { now, readFileSecurity: async () => Promise.reject(error) };
      await expect(collectAcl(failing, 'a.pdf', volume)).rejects.toBe(error);
    }
    expect(unavailable.transient).toBe(true);
  });
});
