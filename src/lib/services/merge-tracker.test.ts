import { describe, expect, it } from 'vitest';
import { MergeTracker } from './merge-tracker';

const touched = (kind: string, ...ids: string[]) => [[kind, { ids }]] as const;

describe('MergeTracker', () => {
	it('tells a record edited here while waiting and then changed by another device, once synced', () => {
		const t = new MergeTracker();
		t.local(touched('household', 'h1', 'h2'), 'offline');
		expect(t.remote(touched('household', 'h1', 'h3'))).toBe(true);
		expect(t.flush('waiting')).toEqual([]); // not before everything is synced
		expect(t.flush('synced')).toEqual([{ kind: 'household', id: 'h1', fields: [] }]);
		expect(t.flush('synced')).toEqual([]); // told once
		// h2 is remembered however late the other device comes back
		expect(t.remote(touched('household', 'h2'))).toBe(true);
		expect(t.flush('synced')).toEqual([{ kind: 'household', id: 'h2', fields: [] }]);
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

	it('names the fields the other device changed, whether the report comes before or after the transaction, once', () => {
		const t = new MergeTracker();
		t.local(touched('household', 'h1', 'h2'), 'offline');
		t.fields('household', 'h1', ['group']); // report first
		expect(t.remote(touched('household', 'h1', 'h2'))).toBe(true);
		t.fields('household', 'h2', ['phone', 'group']); // report after
		t.fields('household', 'h2', ['phone']);
		t.fields('household', 'h9', ['village']); // not edited here: not told
		expect(t.flush('synced')).toEqual([
			{ kind: 'household', id: 'h1', fields: ['group'] },
			{ kind: 'household', id: 'h2', fields: ['phone', 'group'] }
		]);
		t.local(touched('household', 'h1'), 'offline');
		expect(t.remote(touched('household', 'h1'))).toBe(true);
		expect(t.flush('synced')).toEqual([{ kind: 'household', id: 'h1', fields: [] }]);
	});
});
