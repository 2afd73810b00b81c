/** Check-digit validators used to keep look-alike digit runs out of the results. */

/** Luhn (mod 10) over a string of decimal digits. */
export function isLuhnValid(digits: string): boolean {
  if (!/^\d{2,}$/.test(digits)) return false;
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let digit = digits.charCodeAt(i) - 48;
    if (double) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
    double = !double;
  }
  return sum % 10 === 0;
}

/** ISO 13616 IBAN check: rearranged, letters as 10–35, the number mod 97 must be 1. */
export function isIbanValid(iban: string): boolean {
  const compact = iban.replace(/ /g, '').toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(compact)) return false;
  const rearranged = compact.slice(4) + compact.slice(0, 4);
  let remainder = 0;
  for (const char of rearranged) {
    const value = char >= 'A' ? char.charCodeAt(0) - 55 : char.charCodeAt(0) - 48;
    // Two-digit letter values shift by 100, digits by 10; the remainder stays small.
    remainder = (remainder * (value > 9 ? 100 : 10) + value) % 97;
  }
  return remainder === 1;
}

/**
 * Japanese corporate number (法人番号, also the digits of a qualified-invoice registration number
 * `T` + 13 digits): the leading check digit is 9 − (Σ Pₙ·Qₙ mod 9), Pₙ the n-th digit counted from
 * the right of the 12-digit base, Qₙ = 1 for odd n and 2 for even n.
 */
export function isJapaneseCorporateNumberValid(digits: string): boolean {
  if (!/^\d{13}$/.test(digits)) return false;
  const base = digits.slice(1);
  let sum = 0;
  for (let n = 1; n <= 12; n++) {
    const digit = base.charCodeAt(12 - n) - 48;
    sum += digit * (n % 2 === 1 ? 1 : 2);
  }
  return 9 - (sum % 9) === digits.charCodeAt(0) - 48;
}
