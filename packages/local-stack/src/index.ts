export * from './dynamodb';
export * from './errors';
export * from './ontap-simulator';
export * from './s3ap-emulator';
export * from './secrets-manager';
export * from './stack';
export * from './state-machine';
