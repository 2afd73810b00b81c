export * from './cfn-resources';
export * from './descriptor';
export * from './start-service-stack';
export * from './state-file';
