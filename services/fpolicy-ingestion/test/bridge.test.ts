import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { bridgeRecords } from '../src/index';
import { event } from './events';

const eventBridge = mockClient(EventBridgeClient);
afterEach(() => eventBridge.reset());
const client = () => new EventBridgeClient({ region: 'ap-northeast-1' });
const record = (n: number, body = JSON.stringify(event(n))) => ({ messageId: `m-${n}`, body });

describe('bridge SQS → EventBridge', () => {
  it('puts each file event on the bus with source fsxn.fpolicy and detail-type "FPolicy File Operation", 10 per call', async () => {
    eventBridge.on(PutEventsCommand).callsFake((input: { Entries: unknown[] }) => ({
      FailedEntryCount: 0,
      Entries: input.Entries.map((_, i) => ({ EventId: `e${i}` })),
    }));
    const records = Array.from({ length: 12 }, (_, i) => record(i));
    const result = await bridgeRecords(records, { client: client(), eventBusName: 'fsxn-fpolicy-events' });
    expect(result).toEqual({ batchItemFailures: [], published: 12, invalid: 0, failed: 0 });
    const calls = eventBridge.commandCalls(PutEventsCommand).map((c) => c.args[0].input.Entries);
    expect(calls.map((c) => c?.length)).toEqual([10, 2]);
    expect(calls[0]?.[0]).toEqual({
      EventBusName: 'fsxn-fpolicy-events',
      Source: 'fsxn.fpolicy',
      DetailType: 'FPolicy File Operation',
      Detail: JSON.stringify(event(0)),
      Time: new Date('2023-11-03T00:19:53.791Z'),
    });
  });

  it('reports entries with an ErrorCode and malformed bodies as batch item failures, publishing the rest', async () => {
    eventBridge.on(PutEventsCommand).resolves({
      FailedEntryCount: 1,
      Entries: [{ EventId: 'a' }, { ErrorCode: 'ThrottlingException', ErrorMessage: 'slow down' }, { EventId: 'c' }],
    });
    const records = [
      record(0),
      { messageId: 'not-json', body: '{oops' },
      record(1),
      { messageId: 'not-an-event', body: JSON.stringify({ ...event(9), path: '../etc/passwd' }) },
      record(2),
    ];
    const invalid: string[] = [];
    const result = await bridgeRecords(records, {
      client: client(),
      eventBusName: 'bus',
      onInvalid: (id) => invalid.push(id),
    });
    expect(result.batchItemFailures).toEqual([
      { itemIdentifier: 'not-json' },
      { itemIdentifier: 'not-an-event' },
      { itemIdentifier: 'm-1' },
    ]);
    expect(invalid).toEqual(['not-json', 'not-an-event']);
    expect(result).toMatchObject({ published: 2, invalid: 2, failed: 1 });
    expect(eventBridge.commandCalls(PutEventsCommand)[0]?.args[0].input.Entries?.map((e) => e.Detail)).toEqual([
      JSON.stringify(event(0)),
      JSON.stringify(event(1)),
      JSON.stringify(event(2)),
    ]);
  });

  it('fails every record of a chunk whose PutEvents call throws, and only those', async () => {
    eventBridge
      .on(PutEventsCommand)
      .rejectsOnce(Object.assign(new Error('boom'), { name: 'InternalException' }))
      .resolves({ FailedEntryCount: 0, Entries: [{ EventId: 'x' }] });
    const records = Array.from({ length: 11 }, (_, i) => record(i));
    const result = await bridgeRecords(records, { client: client(), eventBusName: 'bus' });
    expect(result.batchItemFailures).toEqual(Array.from({ length: 10 }, (_, i) => ({ itemIdentifier: `m-${i}` })));
    expect(result.published).toBe(1);
  });
});
