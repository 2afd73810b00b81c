export * from './cfn-resources';
export * from './descriptor';
export * from './event-pattern';
export * from './s3-stats';
export * from './sdk-warnings';
export * from './start-service-stack';
export * from './state-file';
