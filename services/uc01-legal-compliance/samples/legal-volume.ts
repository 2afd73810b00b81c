import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { formatTimestamp } from '@fsxn/analytics';
import type { FileSecurityOption } from '@fsxn/local-stack';
import type { AclRecord } from '../src/domain';

/** A SID of a domain group "Domain Users" (relative id 513) and of an account deleted from that domain. */
export const DOMAIN_USERS_SID = 'S-1-5-21-1004336348-1177238915-682003330-513';
export const DELETED_ACCOUNT_SID = 'S-1-5-21-1004336348-1177238915-682003330-1013';

/** Volume-relative paths of the sample files, each chosen for one finding (or none). */
export const SAMPLE_FILES = {
  everyone: 'legal/public/press-release.pdf',
  authenticatedUsers: 'compliance/shared/retention-policy.docx',
  domainUsers: 'audit/2024/ledger.xlsx',
  brokenInheritance: 'legal/matters/acme-v-globex/settlement.pdf',
  orphanedSid: 'legal/matters/acme-v-globex/exhibits.pdf',
  noDacl: 'legal/scans/unclassified.pdf',
  clean: 'legal/matters/acme-v-globex/correspondence.pdf',
  truncated: 'legal/incoming/truncated.docx',
  wrongFormat: 'legal/incoming/not-a-pdf.pdf',
} as const;

/** A file audited in an earlier run that is gone now: its record goes stale. */
export const STALE_KEY = 'legal/archive/2019-retainer.pdf';

const pdf = (title: string) =>
  Buffer.from(
    `%PDF-1.4\n1 0 obj <</Type/Catalog/Pages 2 0 R>> endobj\n2 0 obj <</Type/Pages/Kids[]/Count 0>> endobj\n% ${title}\ntrailer <</Root 1 0 R>>\n%%EOF\n`,
  );
/** A ZIP local-file header cut short: what an interrupted copy of an Office file looks like. */
const truncatedZip = () => Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x08]);
const csvAsXlsx = () => Buffer.from('account,amount\n4000,1200.00\n');

/**
 * NTFS descriptors by volume-relative path ('' = the volume root), for the ONTAP simulator. The root grants
 * administrators and the legal team; files without their own entry inherit it (no finding).
 */
export const SAMPLE_FILE_SECURITY: Readonly<Record<string, FileSecurityOption>> = {
  '': {
    owner: 'BUILTIN\\Administrators',
    control_flags: '0x8404',
    acls: [
      { user: 'BUILTIN\\Administrators', access: 'access_allow', rights: 'full_control' },
      { user: 'CORP\\Legal Team', access: 'access_allow', rights: 'modify' },
    ],
  },
  [SAMPLE_FILES.everyone]: {
    control_flags: '0x8404',
    acls: [
      { user: 'Everyone', access: 'access_allow', rights: 'full_control' },
      { user: 'BUILTIN\\Administrators', access: 'access_allow', rights: 'full_control', inherited: true },
    ],
  },
  [SAMPLE_FILES.authenticatedUsers]: {
    control_flags: '0x8404',
    acls: [{ user: 'S-1-5-11', access: 'access_allow', rights: 'full_control' }],
  },
  [SAMPLE_FILES.domainUsers]: {
    control_flags: '0x8404',
    acls: [
      { user: DOMAIN_USERS_SID, access: 'access_allow', rights: 'full_control' },
      { user: 'CORP\\Auditors', access: 'access_allow', rights: 'read' },
    ],
  },
  [SAMPLE_FILES.brokenInheritance]: {
    control_flags: '0x9004',
    acls: [
      { user: 'BUILTIN\\Administrators', access: 'access_allow', rights: 'full_control' },
      { user: 'CORP\\Partner Smith', access: 'access_allow', rights: 'modify' },
    ],
  },
  [SAMPLE_FILES.orphanedSid]: {
    control_flags: '0x8404',
    acls: [
      { user: 'CORP\\Legal Team', access: 'access_allow', rights: 'modify', inherited: true },
      { user: DELETED_ACCOUNT_SID, access: 'access_allow', rights: 'modify' },
    ],
  },
  [SAMPLE_FILES.noDacl]: { control_flags: '0x8000', acls: [] },
};

export interface GeneratedLegalVolume {
  files: string[];
  bytes: number;
  staleRecordKey: string;
}

/** The namespace path → descriptor map the simulator takes, for a volume mounted at `junctionPath`. */
export const fileSecurityByNamespacePath = (junctionPath: string): Record<string, FileSecurityOption> =>
  Object.fromEntries(
    Object.entries(SAMPLE_FILE_SECURITY).map(([path, security]) => [
      path === '' ? junctionPath : `${junctionPath}/${path}`,
      security,
    ]),
  );

/**
 * Writes the sample files into `dir` plus one ACL record from an earlier run (`staleDays` ago) of a file that
 * is gone, under `<outputPrefix>acl-data/`, where every run's records live.
 */
export const generateLegalVolume = async (
  dir: string,
  options: { outputPrefix: string; now?: Date; staleDays?: number },
): Promise<GeneratedLegalVolume> => {
  const contents: Record<string, Buffer> = {
    [SAMPLE_FILES.everyone]: pdf('press release'),
    [SAMPLE_FILES.authenticatedUsers]: Buffer.from('retention policy (docx body)'),
    [SAMPLE_FILES.domainUsers]: csvAsXlsx(),
    [SAMPLE_FILES.brokenInheritance]: pdf('settlement'),
    [SAMPLE_FILES.orphanedSid]: pdf('exhibits'),
    [SAMPLE_FILES.noDacl]: pdf('scan'),
    [SAMPLE_FILES.clean]: pdf('correspondence'),
    [SAMPLE_FILES.truncated]: truncatedZip(),
    [SAMPLE_FILES.wrongFormat]: Buffer.from('plain text, not a PDF\n'),
  };
  let bytes = 0;
  for (const [key, body] of Object.entries(contents)) {
    await mkdir(dirname(join(dir, key)), { recursive: true });
    await writeFile(join(dir, key), body);
    bytes += body.length;
  }
  const now = options.now ?? new Date();
  const collected = new Date(now.getTime() - (options.staleDays ?? 200) * 86_400_000);
  const record: AclRecord = {
    object_key: STALE_KEY,
    volume_uuid: 'earlier-run',
    security_style: 'ntfs',
    owner_sid: 'S-1-5-32-544',
    dacl_protected: false,
    acls: [
      {
        sid: 'S-1-5-32-544',
        name: 'BUILTIN\\Administrators',
        type: 'ALLOWED',
        permissions: 'FULL_CONTROL',
        inherited: true,
      },
    ],
    collected_at: formatTimestamp(collected),
  };
  const staleRecordKey = `${options.outputPrefix}acl-data/${collected.toISOString().slice(0, 10).replaceAll('-', '/')}/earlier-run/${createHash('sha256').update(STALE_KEY).digest('hex').slice(0, 32)}.jsonl`;
  await mkdir(dirname(join(dir, staleRecordKey)), { recursive: true });
  await writeFile(join(dir, staleRecordKey), `${JSON.stringify(record)}\n`);
  return { files: Object.keys(contents), bytes, staleRecordKey };
};
