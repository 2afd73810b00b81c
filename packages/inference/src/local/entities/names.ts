import { type Candidate, groupSpan } from './candidate';
import { INLINE_SPACE } from './inline-space';

const LEGAL_SUFFIX = `Inc\\.|Incorporated|Corp\\.|Corporation|Co\\.,?${INLINE_SPACE}?Ltd\\.?|Ltd\\.?|Limited|LLC|L\\.L\\.C\\.|LLP|PLC|plc|GmbH|AG|S\\.A\\.|SA|S\\.p\\.A\\.|N\\.V\\.|B\\.V\\.|K\\.K\\.|Pty\\.?${INLINE_SPACE}?Ltd\\.?|Co\\.`;
// Up to five capitalised words (allowing &, ', -, digits inside) before the suffix, all on one line:
// "INVOICE\nACME Trading Inc." is a title line followed by a company, not one name.
const WESTERN_ORG = new RegExp(
  `(?<![\\p{L}\\p{N}])((?:\\p{Lu}[\\p{L}\\p{N}&'.-]*${INLINE_SPACE}+){0,5}\\p{Lu}[\\p{L}\\p{N}&'-]*),?${INLINE_SPACE}+(?:${LEGAL_SUFFIX})(?![\\p{L}])`,
  'gu',
);
// Japanese company names: the kind word before or after a run of kanji/katakana/Latin name characters.
// Hiragana is excluded from the name run because particles (は, が, の, と) end a noun phrase.
const JA_KIND =
  /株式会社|有限会社|合同会社|合名会社|合資会社|一般社団法人|一般財団法人|公益社団法人|公益財団法人|医療法人|学校法人|社会福祉法人|独立行政法人|国立大学法人/gu;
const JA_NAME_CHAR = /[\p{Script=Han}\p{Script=Katakana}ー・＆&A-Za-zＡ-Ｚａ-ｚ0-9０-９]/u;
const JA_NAME_MAX = 20;
// Han runs around the kind word often carry a role noun before ("発注者") or a department after ("営業部").
const JA_ROLE_PREFIX = /^(?:発注者|受注者|請求元|請求先|取引先|委託者|受託者|甲|乙|宛先|会社名|社名)/u;
const JA_TRAILING_STOP = /(?:御中|代表|営業|本社|支店|支社|事業部|総務|経理|部|課|様)/u;

/**
 * A Japanese company name is the kind word plus the name on one side of it (前株 "株式会社山田",
 * 後株 "山田株式会社"). The name side is the run of kanji/katakana/Latin characters next to it; hiragana
 * ends it because particles (は, が, の) end a noun phrase. A name before the kind word wins.
 */
function findJapaneseOrganizations<Type extends string>(text: string, type: Type): Candidate<Type>[] {
  const found: Candidate<Type>[] = [];
  for (const match of text.matchAll(JA_KIND)) {
    const kindEnd = match.index + match[0].length;
    let before = match.index;
    while (before > 0 && match.index - before < JA_NAME_MAX && JA_NAME_CHAR.test(text[before - 1] ?? '')) before--;
    const role = JA_ROLE_PREFIX.exec(text.slice(before, match.index));
    if (role !== null) before += role[0].length;
    let after = kindEnd;
    while (after < text.length && after - kindEnd < JA_NAME_MAX && JA_NAME_CHAR.test(text[after] ?? '')) after++;
    const stop = JA_TRAILING_STOP.exec(text.slice(kindEnd, after));
    if (stop !== null) after = kindEnd + stop.index;
    if (before < match.index) found.push({ type, subtype: 'ORGANIZATION', begin: before, end: kindEnd, score: 0.75 });
    else if (after > kindEnd)
      found.push({ type, subtype: 'ORGANIZATION', begin: match.index, end: after, score: 0.75 });
  }
  return found;
}

export function findOrganizations<Type extends string>(text: string, type: Type): Candidate<Type>[] {
  const found: Candidate<Type>[] = [];
  for (const match of text.matchAll(WESTERN_ORG)) {
    found.push({ type, subtype: 'ORGANIZATION', begin: match.index, end: match.index + match[0].length, score: 0.8 });
  }
  found.push(...findJapaneseOrganizations(text, type));
  return found;
}

// Title and name words on one line: a name never continues onto the next line of a document.
const WESTERN_PERSON = new RegExp(
  `\\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Sir|Dame)\\.?${INLINE_SPACE}+(\\p{Lu}[\\p{Ll}'’-]+(?:${INLINE_SPACE}+\\p{Lu}\\.)?(?:${INLINE_SPACE}+\\p{Lu}[\\p{Ll}'’-]+){0,2})`,
  'dgu',
);
// 山田 太郎様, 佐藤さん, 鈴木一郎殿: 1–4 kanji family name, optional space, optional 1–4 kanji/kana given name.
const JAPANESE_PERSON =
  /(\p{Script=Han}{1,4}(?:[ \t　]?[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]{1,4})?)(?:様|さん|殿|氏|先生)/dgu;

// Role nouns that the kanji run before an honorific can swallow ("担当者山田様").
const JA_PERSON_ROLE_PREFIX =
  /^(?:担当者?|代表取締役(?:社長)?|代表者?|社長|部長|課長|係長|氏名|患者|医師|主治医)[ \t　]*/u;

/** Person names that follow an honorific (English) or precede one (Japanese). */
export function findPersons<Type extends string>(text: string, type: Type): Candidate<Type>[] {
  const found: Candidate<Type>[] = [];
  for (const [regex, score] of [
    [WESTERN_PERSON, 0.8],
    [JAPANESE_PERSON, 0.7],
  ] as const) {
    for (const match of text.matchAll(regex)) {
      const name = groupSpan(match as RegExpExecArray, 1);
      if (name === undefined) continue;
      const role = regex === JAPANESE_PERSON ? JA_PERSON_ROLE_PREFIX.exec(text.slice(name.begin, name.end)) : null;
      const skip = role !== null && role[0].length < name.end - name.begin ? role[0].length : 0;
      found.push({ type, subtype: 'PERSON', begin: name.begin + skip, end: name.end, score });
    }
  }
  return found;
}
