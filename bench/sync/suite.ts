import type { Suite } from '../lib/types';
export const syncSuite: Suite = { name: 'sync', describe: 'todo', run: () => Promise.resolve([]) };
