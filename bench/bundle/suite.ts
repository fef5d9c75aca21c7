import type { Suite } from '../lib/types';
export const bundleSuite: Suite = {
	name: 'bundle',
	describe: 'todo',
	run: () => Promise.resolve([])
};
