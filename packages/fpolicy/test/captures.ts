// Bodies written by hand from reference §3.4/§3.5 (real ONTAP captures, values sanitised), with the whitespace
// the reference added for reading removed: the wire has none. Nothing here is produced by the package under test.
import { Buffer } from 'node:buffer';

export const NEGO_REQ_BODY =
  '<?xml version="1.0"?><Handshake><VsUUID>45228b37-6292-11ee-b5d1-000c29cdbe04</VsUUID>' +
  '<PolicyName>policy-test-flo</PolicyName><SessionId>d8ad84cc-79dd-11ee-b638-000c29cdbe04</SessionId>' +
  '<ProtVersion><Vers>1.0</Vers><Vers>1.1</Vers><Vers>1.2</Vers><Vers>2.0</Vers></ProtVersion></Handshake>';

export const headerLine = (notfType: string, contentLen: number): string =>
  `<?xml version="1.0"?><Header><NotfType>${notfType}</NotfType><ContentLen>${contentLen}</ContentLen><DataFormat>XML</DataFormat></Header>`;

/** An independent frame writer: `"` + u32be + `"` + payload, written with Buffer primitives. */
export const rawFrame = (payload: Buffer): Buffer => {
  const prefix = Buffer.alloc(6);
  prefix.write('"', 0, 'latin1');
  prefix.writeUInt32BE(payload.length, 1);
  prefix.write('"', 5, 'latin1');
  return Buffer.concat([prefix, payload]);
};

/** ONTAP layout: header, "\n\n", body, NUL; ContentLen = body bytes. */
export const ontapFrame = (notfType: string, body: string): Buffer => {
  const bodyBytes = Buffer.from(body, 'utf8');
  return rawFrame(
    Buffer.concat([Buffer.from(`${headerLine(notfType, bodyBytes.length)}\n\n`, 'utf8'), bodyBytes, Buffer.from([0])]),
  );
};

const protCommonInfoSmb = (winPath: string, unixPath: string, fileSize: number, fileType: string): string =>
  '<ProtCommonInfo><ClientIp>192.0.2.26</ClientIp><GenerationTime>1698970793791282</GenerationTime>' +
  '<UsrIdType>MAPPED_ID</UsrIdType><UsrContext><MappedId><Uid>0</Uid><WinSid>S-1-5-21-…-1000</WinSid></MappedId></UsrContext>' +
  '<FileOwner><WinSid>S-1-5-32-544</WinSid></FileOwner>' +
  `<AccessPath><Path><PathNameType>WIN_NAME</PathNameType><PathName>${winPath}</PathName></Path>` +
  `<Path><PathNameType>UNIX_NAME</PathNameType><PathName>${unixPath}</PathName></Path></AccessPath>` +
  `<VolMsid>2157674396</VolMsid><FileSize>${fileSize}</FileSize><NumHardLnk>2</NumHardLnk><IsOfflineAttr>0</IsOfflineAttr>` +
  `<FileType>${fileType}</FileType><IsSparse>0</IsSparse><IsDense>0</IsDense></ProtCommonInfo>`;

const commonInfo = (protCommonInfo: string, displayPath: string): string =>
  `<CommonInfo>${protCommonInfo}<DisplayPath>${displayPath}</DisplayPath><ProtVer><MajorNum>3</MajorNum><MinorNum>1</MinorNum></ProtVer></CommonInfo>`;

/** §3.5 verbatim (SMB_OPEN of the share root directory). */
export const SMB_OPEN_BODY =
  '<?xml version="1.0"?><FscreenReq><ReqId>2822</ReqId><ReqType>SMB_OPEN</ReqType><NotfInfo><SmbOpenReq>' +
  commonInfo(protCommonInfoSmb('\\ntfs01', '/ntfs01', 4096, 'DIR'), '\\\\SVM0\\ntfs01\\') +
  '<OpenAccmode>129</OpenAccmode><OpenSharemode>7</OpenSharemode><OpenOptions>0</OpenOptions>' +
  '</SmbOpenReq></NotfInfo></FscreenReq>';

/** SMB_CREAT: same common part, a new file (FileSize 0) and the five Creat* elements (§3.5 facts). */
export const SMB_CREAT_BODY =
  '<?xml version="1.0"?><FscreenReq><ReqId>2830</ReqId><ReqType>SMB_CREAT</ReqType><NotfInfo><SmbCreatReq>' +
  commonInfo(
    protCommonInfoSmb('\\ntfs01\\reports\\q3.docx', '/ntfs01/reports/q3.docx', 0, 'FILE'),
    '\\\\SVM0\\ntfs01\\reports\\q3.docx',
  ) +
  '<CreatAccmode>1180063</CreatAccmode><CreatSharemode>3</CreatSharemode><CreatDisposition>2</CreatDisposition>' +
  '<CreatOptions>64</CreatOptions><CreatNewObject>1</CreatNewObject>' +
  '</SmbCreatReq></NotfInfo></FscreenReq>';

/** SMB_REN: the old name in AccessPath, the new one in TargetAccessPath (§3.5 facts). */
export const SMB_REN_BODY =
  '<?xml version="1.0"?><FscreenReq><ReqId>2841</ReqId><ReqType>SMB_REN</ReqType><NotfInfo><SmbRenReq>' +
  commonInfo(protCommonInfoSmb('\\ntfs01\\draft.txt', '/ntfs01/draft.txt', 12, 'FILE'), '\\\\SVM0\\ntfs01\\draft.txt') +
  '<TargetAccessPath><Path><PathNameType>WIN_NAME</PathNameType><PathName>\\ntfs01\\final.txt</PathName></Path>' +
  '<Path><PathNameType>UNIX_NAME</PathNameType><PathName>/ntfs01/final.txt</PathName></Path></TargetAccessPath>' +
  '</SmbRenReq></NotfInfo></FscreenReq>';

/** The NFS_WR shape reported by one unit test [U]: only GenerationTime, AccessPath (UNIX_NAME) and VolMsid. */
export const NFS_WR_BODY =
  '<?xml version="1.0"?><FscreenReq><ReqId>17</ReqId><ReqType>NFS_WR</ReqType><NotfInfo><NfsWrReq><CommonInfo><ProtCommonInfo>' +
  '<GenerationTime>1698970800000000</GenerationTime><AccessPath><Path><PathNameType>UNIX_NAME</PathNameType>' +
  '<PathName>/data/run1/out.csv</PathName></Path></AccessPath><VolMsid>2157674400</VolMsid>' +
  '</ProtCommonInfo></CommonInfo></NfsWrReq></NotfInfo></FscreenReq>';
