// The rules behind a message boundary: fed in slices, then one record per edit, answering
// with the alert groups that changed. A copy kept from those changes equals the engine's own.
import { describe, expect, it } from 'vitest';
import { AlertMirror } from '$lib/services/rules-worker';
import { RuleEngine } from './engine';
import { RuleEngineHost } from './engine-host';
import { ruleSettings } from './engine';
import { household } from './test-data';

const ctx = { settings: ruleSettings(), today: '2026-11-29' };

function drain(host: RuleEngineHost, mirror: AlertMirror, limit: number) {
	let messages = 0;
	for (let more = true; more; messages++) {
		const c = host.take(limit);
		expect(c.groups.length).toBeLessThanOrEqual(limit);
		mirror.apply(c);
		more = c.more;
	}
	return messages;
}

describe('RuleEngineHost', () => {
	it('[HOUSING] a copy fed by chunked changes holds the same alerts as a whole load', () => {
		const hs = Array.from({ length: 25 }, (_, i) =>
			household({ id: `h${i}`, housingGrade: i % 3 ? 'A' : 'D' })
		);
		const host = new RuleEngineHost();
		host.begin(ctx);
		for (let i = 0; i < hs.length; i += 10)
			host.add(
				'household',
				hs.slice(i, i + 10).map((h) => JSON.stringify(h))
			);
		host.finish();
		const mirror = new AlertMirror();
		expect(drain(host, mirror, 4)).toBeGreaterThan(1); // more than one message
		const whole = new RuleEngine(ctx);
		whole.load({ households: hs, cases: [], plans: [], lastVisitByHousehold: new Map() });
		const key = (a: { ruleId: string; householdId?: string }) => `${a.householdId}:${a.ruleId}`;
		expect(mirror.alerts().map(key).sort()).toEqual(whole.alerts().map(key).sort());
		expect(mirror.alerts().some((a) => a.ruleId === 'HOUSING')).toBe(true);
	});

	it('[HOUSING] one edit sends back only that household, and a removal clears it', () => {
		const host = new RuleEngineHost();
		host.begin(ctx);
		host.add(
			'household',
			[household({ id: 'a' }), household({ id: 'b' })].map((h) => JSON.stringify(h))
		);
		host.finish();
		const mirror = new AlertMirror();
		drain(host, mirror, 100);
		host.update('household', 'a', household({ id: 'a', housingGrade: 'D' }));
		const c = host.take(100);
		expect(c.groups.map(([id]) => id)).toEqual(['a']);
		expect(c.reset).toBe(false);
		mirror.apply(c);
		const housing = () => mirror.alerts().filter((x) => x.ruleId === 'HOUSING');
		expect(housing().map((x) => x.householdId)).toEqual(['a']);
		host.update('household', 'a', undefined);
		mirror.apply(host.take(100));
		expect(housing()).toEqual([]);
	});

	it('[VISIT-OVERDUE] a last visit is sent for one household, not the whole summary', () => {
		const host = new RuleEngineHost();
		host.begin(ctx);
		host.add(
			'household',
			[household({ id: 'a' })].map((h) => JSON.stringify(h))
		);
		host.finish();
		const mirror = new AlertMirror();
		drain(host, mirror, 100);
		const overdue = () => mirror.alerts().some((x) => x.ruleId === 'VISIT-OVERDUE');
		const before = overdue();
		host.setLastVisit('a', '2026-11-20');
		mirror.apply(host.take(100));
		expect(before).toBe(true);
		expect(overdue()).toBe(false);
	});

	it('[VISIT-OVERDUE] the last visits fed in slices before finish count from the first evaluation', () => {
		const host = new RuleEngineHost();
		host.begin(ctx);
		host.add(
			'household',
			[household({ id: 'a' }), household({ id: 'b' })].map((h) => JSON.stringify(h))
		);
		host.addLastVisits(JSON.stringify([['a', '2026-11-20']]));
		host.finish();
		const mirror = new AlertMirror();
		drain(host, mirror, 100);
		const overdue = mirror.alerts().filter((x) => x.ruleId === 'VISIT-OVERDUE');
		expect(overdue.map((x) => x.householdId)).toEqual(['b']);
	});

	it('[HOUSING] records arrive as stored JSON: the host validates them, and an invalid, deleted or damaged one leaves no alert', () => {
		const host = new RuleEngineHost();
		host.begin(ctx);
		const bad = { ...household({ id: 'bad', housingGrade: 'D' }), headName: 42 };
		const gone = {
			...household({ id: 'gone', housingGrade: 'D' }),
			deletedAt: '2026-11-01T00:00:00.000Z'
		};
		host.add('household', [
			JSON.stringify(household({ id: 'ok', housingGrade: 'D' })),
			JSON.stringify(bad),
			JSON.stringify(gone),
			'{"id":"cut","headName":"王',
			'[1,2]'
		]);
		host.finish();
		const mirror = new AlertMirror();
		drain(host, mirror, 100);
		const housing = mirror.alerts().filter((x) => x.ruleId === 'HOUSING');
		expect(housing.map((x) => x.householdId)).toEqual(['ok']);
	});

	it('[HOUSING] a re-evaluation that moves no alert is no change for the page’s copy', () => {
		const host = new RuleEngineHost();
		host.begin(ctx);
		host.add('household', [JSON.stringify(household({ id: 'a', housingGrade: 'D' }))]);
		host.finish();
		const mirror = new AlertMirror();
		drain(host, mirror, 100);
		host.update('household', 'a', household({ id: 'a', housingGrade: 'D', notes: '门前有狗' }));
		const same = host.take(100);
		expect(same.groups.map(([id]) => id)).toEqual(['a']);
		expect(mirror.apply(same)).toBe(false);
		host.update('household', 'a', household({ id: 'a', housingGrade: 'A' }));
		expect(mirror.apply(host.take(100))).toBe(true);
		expect(mirror.alerts().some((x) => x.ruleId === 'HOUSING')).toBe(false);
	});
});
