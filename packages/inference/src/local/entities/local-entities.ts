import type { EntityInput, EntityPort, EntityResult, EntityType, PiiType } from '../../ports';
import { findAmounts } from './amounts';
import { type Recogniser, recognise } from './candidate';
import { findEmails, findIpAddresses, findPhones, findUrls } from './contacts';
import { findDates } from './dates';
import {
  findAwsAccessKeys,
  findCreditCards,
  findIbans,
  findItins,
  findJapaneseInvoiceRegistrations,
  findLabelledIds,
  findSsns,
} from './identifiers';
import { findOrganizations, findPersons } from './names';

export const LOCAL_ENTITY_PROVIDER = 'local:entity-rules';
export const LOCAL_PII_PROVIDER = 'local:pii-rules';

const ENTITY_RECOGNISERS: readonly Recogniser<EntityType>[] = [
  (t) => findDates(t, 'DATE'),
  (t) => findAmounts(t, 'QUANTITY'),
  (t) => findOrganizations(t, 'ORGANIZATION'),
  (t) => findPersons(t, 'PERSON'),
  (t) => findEmails(t, 'OTHER'),
  (t) => findUrls(t, 'OTHER'),
  (t) => findPhones(t, 'OTHER'),
  (t) => findLabelledIds(t, 'OTHER'),
  (t) => findJapaneseInvoiceRegistrations(t, 'OTHER'),
  (t) => findCreditCards(t, 'OTHER'),
  (t) => findIbans(t, 'OTHER'),
];

const PII_RECOGNISERS: readonly Recogniser<PiiType>[] = [
  (t) => findPersons(t, 'NAME'),
  (t) => findEmails(t, 'EMAIL'),
  (t) => findUrls(t, 'URL'),
  (t) => findPhones(t, 'PHONE'),
  (t) => findSsns(t, 'SSN'),
  (t) => findItins(t, 'US_INDIVIDUAL_TAX_IDENTIFICATION_NUMBER'),
  (t) => findCreditCards(t, 'CREDIT_DEBIT_NUMBER'),
  (t) => findIbans(t, 'INTERNATIONAL_BANK_ACCOUNT_NUMBER'),
  (t) => findDates(t, 'DATE_TIME'),
  (t) => findIpAddresses(t, 'IP_ADDRESS'),
  (t) => findAwsAccessKeys(t, 'AWS_ACCESS_KEY'),
];

/** Pure functions behind the local adapter, usable without the port. */
export const detectEntitiesLocally = (text: string) => recognise(text, ENTITY_RECOGNISERS);
export const detectPiiLocally = (text: string) => recognise(text, PII_RECOGNISERS);

/**
 * Rule-based recognisers: precise for structured values (dates, amounts, checksummed numbers, contact
 * details), heuristic for names (legal suffixes, honorifics). They find no names without such cues and
 * no locations. Language is not needed: every rule is script-aware on its own.
 */
export function createLocalEntityPort(): EntityPort {
  return {
    async detectEntities(input: EntityInput): Promise<EntityResult<EntityType>> {
      return { provider: LOCAL_ENTITY_PROVIDER, entities: detectEntitiesLocally(input.text) };
    },
    async detectPii(input: EntityInput): Promise<EntityResult<PiiType>> {
      return { provider: LOCAL_PII_PROVIDER, entities: detectPiiLocally(input.text) };
    },
  };
}
