import { describe, expect, it } from 'vitest';
import {
	changeHelper,
	currentPairing,
	householdsOf,
	pairingHistory,
	type PairingLike
} from './pairing-history';

const hh = (p: Partial<PairingLike> & { id: string; supporterId: string }): PairingLike => ({
	kind: 'member_household',
	supportedId: 'h1',
	...p
});

describe('member ↔ household pairings (帮扶人变更)', () => {
	const rows: PairingLike[] = [
		hh({ id: 'a', supporterId: 'c1', startDate: '2025-01-01', endDate: '2025-12-31' }),
		hh({ id: 'b', supporterId: 'c2', startDate: '2026-01-01', visitEveryMonths: 2 }),
		hh({ id: 'x', supporterId: 'c3', startDate: '2026-02-01', deletedAt: '2026-02-02' }),
		{ id: 's', kind: 'member_student', supportedId: 'h1', supporterId: 'c9' }
	];

	it('keeps household helpers apart from students’ teachers, newest first', () => {
		expect(pairingHistory(rows, 'h1', 'member_household').map((p) => p.id)).toEqual(['b', 'a']);
		expect(pairingHistory(rows, 'h1').map((p) => p.id)).toEqual(['s']);
		expect(currentPairing(rows, 'h1', '2026-03-01', 'member_household')?.id).toBe('b');
		expect(currentPairing(rows, 'h1', '2025-06-01', 'member_household')?.id).toBe('a');
	});

	it('my households: the households a member helps today, ended and deleted ones not', () => {
		expect([...householdsOf(rows, 'c2', '2026-03-01')]).toEqual(['h1']);
		expect([...householdsOf(rows, 'c1', '2026-03-01')]).toEqual([]);
		expect([...householdsOf(rows, 'c3', '2026-03-01')]).toEqual([]);
		expect([...householdsOf(rows, 'c9', '2026-03-01')]).toEqual([]);
	});

	it('a change of helper ends the current row the day before and starts a new one, keeping the cadence', () => {
		const change = changeHelper('member_household', rows, 'h1', 'c4', '2026-03-10', '2026-03-09');
		expect(change.end).toEqual([{ id: 'b', endDate: '2026-03-09' }]);
		expect(change.create).toEqual({
			kind: 'member_household',
			supporterId: 'c4',
			supportedId: 'h1',
			startDate: '2026-03-10',
			visitEveryMonths: 2
		});
		// Applying it: the history reads c4 (from 03-10), c2 (to 03-09), c1.
		const after = [
			...rows.map((p) => (p.id === 'b' ? { ...p, endDate: '2026-03-09' } : p)),
			{ id: 'n', ...change.create! }
		];
		expect(
			pairingHistory(after, 'h1', 'member_household').map((p) => [p.supporterId, p.endDate])
		).toEqual([
			['c4', undefined],
			['c2', '2026-03-09'],
			['c1', '2025-12-31']
		]);
	});

	it('choosing the current helper again writes nothing; a same-day choice is corrected, not ended', () => {
		expect(changeHelper('member_household', rows, 'h1', 'c2', '2026-03-10', '2026-03-09')).toEqual({
			end: []
		});
		const today = [hh({ id: 't', supporterId: 'c5', startDate: '2026-03-10' })];
		const change = changeHelper('member_household', today, 'h1', 'c6', '2026-03-10', '2026-03-09');
		expect(change.remove).toEqual(['t']);
		expect(change.end).toEqual([]);
		expect(change.create?.supporterId).toBe('c6');
	});
});
