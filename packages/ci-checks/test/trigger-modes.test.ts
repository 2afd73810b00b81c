import { describe, expect, it } from 'vitest';
import {
  checkReviewGate,
  checkTriggerModes,
  discoverStepsOf,
  parseServerlessYaml,
  stateMachinesOf,
  statesOf,
} from '../src/index';

/** `${self:custom.trigger.${param:triggerMode}.<name>}` as written in serverless.yml. */
const modeSwitch = (name: string) => `\${self:custom.trigger.\${param:triggerMode}.${name}}`;

const PIPELINE_YAML = `
params:
  default:
    triggerMode: POLLING
custom:
  trigger:
    POLLING: { polling: true, events: false, dedup: "false" }
    EVENT_DRIVEN: { polling: false, events: true, dedup: "false" }
    HYBRID: { polling: true, events: true, dedup: "true" }
provider:
  environment:
    TRIGGER_MODE: \${param:triggerMode}
functions:
  discover:
    handler: src/handlers/discover.handler
    environment:
      DEDUP_ENABLED: \${self:custom.trigger.\${param:triggerMode}.dedup}
  reviewApi:
    handler: src/handlers/review-api.handler
    events:
      - http: { method: get, path: reviews, authorizer: aws_iam }
stepFunctions:
  stateMachines:
    pipeline:
      events:
        - schedule:
            rate: rate(1 hour)
            enabled: \${self:custom.trigger.\${param:triggerMode}.polling}
        - eventBridge:
            enabled: \${self:custom.trigger.\${param:triggerMode}.events}
            event:
              source: [fsxn.fpolicy]
              detail-type: [FPolicy File Operation]
      definition: \${file(./statemachine.asl.yml)}
`;

const ASL_YAML = `
StartAt: Discover
States:
  Discover:
    Type: Task
    Resource: !GetAtt discover.Arn
    Next: Items
  Items:
    Type: Map
    ItemProcessor:
      StartAt: Review
      States:
        Review:
          Type: Task
          Resource: arn:aws:states:::lambda:invoke.waitForTaskToken
          Parameters:
            FunctionName: !GetAtt requestReview.Arn
          End: true
    End: true
`;

/** The pipeline config with `edit` applied to its YAML text, parsed with its ASL the way the guard reads them. */
const load = (edit: (yaml: string) => string = (y) => y, asl = ASL_YAML) => {
  const config = parseServerlessYaml(edit(PIPELINE_YAML), 'serverless.yml');
  const files: Record<string, string> = { './statemachine.asl.yml': asl };
  const machines = stateMachinesOf(config, (path) =>
    files[path] === undefined ? undefined : parseServerlessYaml(files[path], path),
  );
  return { config, machines };
};

const trigger = (edit?: (yaml: string) => string, asl?: string) => {
  const { config, machines } = load(edit, asl);
  return checkTriggerModes(config, machines, 'svc').map((f) => f.path);
};

describe('statesOf and discoverStepsOf', () => {
  it('finds nested states and the function the Discover task invokes', () => {
    const { machines } = load();
    expect(statesOf(machines[0]?.definition).map((s) => s.name)).toEqual(['Discover', 'Items', 'Review']);
    expect(discoverStepsOf(machines).map((s) => s.functionName)).toEqual(['discover']);
  });
});

describe('checkTriggerModes', () => {
  it('accepts a pipeline whose three modes come from one stage parameter', () => {
    expect(trigger()).toEqual([]);
  });

  it('skips a service without a Discover step', () => {
    expect(
      trigger((y) => y.replace('triggerMode: POLLING', 'triggerMode: SOMETIMES'), 'StartAt: A\nStates: {}'),
    ).toEqual([]);
  });

  it('reports a missing or unknown default trigger mode', () => {
    expect(trigger((y) => y.replace('triggerMode: POLLING', 'triggerMode: SOMETIMES'))).toEqual([
      'params.default.triggerMode',
    ]);
  });

  it('reports a mode entry that is missing or switches the wrong thing', () => {
    expect(
      trigger((y) =>
        y
          .replace('    HYBRID: { polling: true, events: true, dedup: "true" }\n', '')
          .replace('EVENT_DRIVEN: { polling: false', 'EVENT_DRIVEN: { polling: true'),
      ),
    ).toEqual([
      'custom.trigger.EVENT_DRIVEN.polling',
      'custom.trigger.HYBRID.polling',
      'custom.trigger.HYBRID.events',
      'custom.trigger.HYBRID.dedup',
    ]);
  });

  it('reports a schedule or FPolicy rule not driven by the mode, and a rule on another source', () => {
    const events = 'stepFunctions.stateMachines.pipeline.events';
    expect(trigger((y) => y.replace(`enabled: ${modeSwitch('polling')}`, 'enabled: true'))).toEqual([events]);
    expect(trigger((y) => y.replace(`enabled: ${modeSwitch('events')}`, 'enabled: false'))).toEqual([events]);
    expect(trigger((y) => y.replace('source: [fsxn.fpolicy]', 'source: [aws.s3]'))).toEqual([events]);
    expect(trigger((y) => y.replace('[FPolicy File Operation]', '[Object Created]'))).toEqual([events]);
  });

  it('reports a discover function without HYBRID dedup and TRIGGER_MODE not taken from the parameter', () => {
    expect(
      trigger((y) =>
        y
          .replace(`DEDUP_ENABLED: ${modeSwitch('dedup')}`, 'DEDUP_ENABLED: "true"')
          .replace(`TRIGGER_MODE: \${param:triggerMode}`, 'TRIGGER_MODE: HYBRID'),
      ),
    ).toEqual(['provider.environment.TRIGGER_MODE', 'functions.discover.environment.DEDUP_ENABLED']);
  });
});

describe('checkReviewGate', () => {
  const gate = (edit?: (yaml: string) => string, asl?: string) => {
    const { config, machines } = load(edit, asl);
    return checkReviewGate(config, machines, 'svc').map((f) => f.path);
  };

  it('accepts a .waitForTaskToken task and a review API', () => {
    expect(gate()).toEqual([]);
  });

  it('reports a state machine without a task token wait and a missing review API', () => {
    expect(
      gate(
        (y) => y.replace('  reviewApi:', '  otherApi:'),
        ASL_YAML.replace('lambda:invoke.waitForTaskToken', 'lambda:invoke'),
      ),
    ).toEqual(['stepFunctions.stateMachines', 'functions.reviewApi']);
  });
});
