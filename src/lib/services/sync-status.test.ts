import { describe, expect, it } from 'vitest';
import { combineStatus } from './sync-status';

describe('combineStatus', () => {
	it('is local-only without connections, synced when every doc is', () => {
		expect(combineStatus([])).toEqual({ state: 'local' });
		const ok = { state: 'connected', pending: 0, synced: true } as const;
		expect(combineStatus([ok, ok])).toEqual({ state: 'synced' });
	});

	it('sums the waiting changes and reports the earliest offline time', () => {
		const a = {
			state: 'offline',
			since: new Date('2026-11-29T08:00:00Z'),
			pending: 2,
			retryInMs: 1
		} as const;
		const b = {
			state: 'offline',
			since: new Date('2026-11-29T07:00:00Z'),
			pending: 3,
			retryInMs: 1
		} as const;
		expect(combineStatus([a, b])).toEqual({ state: 'offline', since: b.since, pending: 5 });
		expect(combineStatus([{ state: 'connected', pending: 4, synced: false }])).toEqual({
			state: 'waiting',
			pending: 4
		});
		expect(combineStatus([{ state: 'connected', pending: 0, synced: false }])).toEqual({
			state: 'syncing'
		});
	});

	it('a refused token wins over everything', () => {
		expect(
			combineStatus([
				{ state: 'connected', pending: 0, synced: true },
				{ state: 'unauthorised', reason: 'revoked', pending: 1 }
			])
		).toEqual({ state: 'unauthorised', reason: 'revoked', pending: 1 });
	});

	it('a limit is told apart from offline and from a refusal', () => {
		const off = { state: 'offline', since: new Date(0), pending: 1, retryInMs: 1 } as const;
		const limited = {
			state: 'limited',
			reason: 'workspace_full',
			since: new Date(0),
			pending: 2,
			retryInMs: 1
		} as const;
		expect(combineStatus([off, limited])).toEqual({
			state: 'limited',
			reason: 'workspace_full',
			pending: 3
		});
		expect(
			combineStatus([limited, { state: 'unauthorised', reason: 'expired', pending: 0 }])
		).toEqual({ state: 'unauthorised', reason: 'expired', pending: 2 });
	});
});
