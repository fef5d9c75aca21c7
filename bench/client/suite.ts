import type { Suite } from '../lib/types';
export const clientSuite: Suite = {
	name: 'client',
	describe: 'todo',
	run: () => Promise.resolve([])
};
