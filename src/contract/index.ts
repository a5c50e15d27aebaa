export * from './objects.js';
export * from './events.js';
export * from './errors.js';
export * from './requests.js';
export * from './stream.js';
