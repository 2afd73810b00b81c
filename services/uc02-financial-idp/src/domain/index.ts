export * from './confidence';
export * from './document-format';
export * from './document-type';
export * from './errors';
export * from './fields';
export * from './language';
export * from './summary-key';
export * from './tesseract-tsv';
