/** Languages this service asks Comprehend for (DetectEntities supports both). */
export type DocumentLanguage = 'ja' | 'en';

const KANA = /[\p{Script=Hiragana}\p{Script=Katakana}]/u;
const HAN = /\p{Script=Han}/u;
const LATIN = /\p{Script=Latin}/u;

/**
 * Japanese when at least a fifth of the letters are kana or kanji, English otherwise. The reference
 * sent every document to Comprehend as `ja`; an English invoice then lost most of its entities.
 */
export const detectLanguage = (text: string): DocumentLanguage => {
  let japanese = 0;
  let latin = 0;
  for (const char of text) {
    if (KANA.test(char) || HAN.test(char)) japanese++;
    else if (LATIN.test(char)) latin++;
  }
  return japanese > 0 && japanese * 4 >= latin ? 'ja' : 'en';
};
