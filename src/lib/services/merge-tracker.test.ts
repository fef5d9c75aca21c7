import { describe, expect, it } from 'vitest';
import { MergeTracker } from './merge-tracker';

const touched = (kind: string, ...ids: string[]) => [[kind, { ids }]] as const;

describe('MergeTracker', () => {
	it('tells a record edited here while waiting and then changed by another device, once synced', () => {
		const t = new MergeTracker();
		t.local(touched('household', 'h1', 'h2'), 'offline');
		expect(t.remote(touched('household', 'h1', 'h3'))).toBe(true);
		expect(t.flush('waiting')).toEqual([]); // not before everything is synced
		expect(t.flush('synced')).toEqual([{ kind: 'household', id: 'h1' }]);
		expect(t.flush('synced')).toEqual([]); // told once
		// h2 is remembered however late the other device comes back
		expect(t.remote(touched('household', 'h2'))).toBe(true);
		expect(t.flush('synced')).toEqual([{ kind: 'household', id: 'h2' }]);
	});

	it('ignores edits made while synced or never shared, and remote changes to other records', () => {
		const t = new MergeTracker();
		t.local(touched('household', 'h1'), 'synced');
		t.local(touched('household', 'h2'), 'local');
		expect(t.remote(touched('household', 'h1', 'h2'))).toBe(false);
		t.local(touched('plan', 'p1'), 'connecting');
		expect(t.remote(touched('household', 'p1'))).toBe(false); // another kind, same id
		expect(t.flush('synced')).toEqual([]);
	});
});
