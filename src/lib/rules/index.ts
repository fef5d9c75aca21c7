/**
 * Risk rules: pure functions from records, workspace settings and today's date to alerts.
 * Alerts are derived, never stored; each names its rule id (docs/rules.md) and its figures.
 */
export * from './types';
export * from './define';
export * from './registry';
export * from './income';
export * from './engine';
export { workspaceStart } from './workspace-rules';
export * from './school-rules';
export * from './school-evaluate';
export * from './release-guards';
export * from './case-machine';
export * from './settings-form';
