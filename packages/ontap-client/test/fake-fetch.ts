import type { FetchInit, FetchLike } from '../src';

export interface RecordedRequest {
  readonly url: URL;
  readonly init: FetchInit;
}

export type Responder = (request: RecordedRequest) => { status: number; body?: unknown } | Error;

/** A `fetch` that records every request and answers from `respond` (no network). */
export const fakeFetch = (respond: Responder): { fetch: FetchLike; requests: RecordedRequest[] } => {
  const requests: RecordedRequest[] = [];
  const fetch: FetchLike = async (url, init) => {
    const request = { url: new URL(url), init };
    requests.push(request);
    const answer = respond(request);
    if (answer instanceof Error) throw answer;
    const text =
      answer.body === undefined ? '' : typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body);
    return { status: answer.status, text: async () => text };
  };
  return { fetch, requests };
};

export const networkError = (code: string): Error =>
  new TypeError('fetch failed', { cause: Object.assign(new Error(code), { code }) });
