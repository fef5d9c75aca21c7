/** Pure domain: record schemas, ID numbers, calendar dates, settings, validation codes. */
export * from './codes';
export * from './messages';
export * from './dates';
export * from './id-number';
export * from './common';
export * from './people';
export * from './pairing';
export * from './student';
export * from './household';
export * from './visit';
export * from './plan';
export * from './support';
export * from './monitoring';
export * from './settings';
export * from './checklist';
export * from './filing';
export * from './kinds';
