// The case and alerts screens' managers over a real open workspace (WorkspaceSession on
// fake-indexeddb): a case from nomination to a refused then an accepted release through the
// manager the screen uses, and an alert acknowledged, snoozed and withdrawn as records.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { WorkspaceSession } from '$lib/services/workspace.svelte';
import { alertKey, hides, latestDecisions } from '$lib/services/alert-decisions';
import { AlertsInboxManager } from './alerts-inbox.svelte';
import { CaseFileManager } from './case-file.svelte';
import { CasesManager } from './cases.svelte';

const open = (id: string) =>
	WorkspaceSession.open(
		{
			id,
			name: '青山村工作组',
			kind: 'village',
			role: 'owner',
			createdAt: '2026-01-01T00:00:00.000Z',
			lastOpenedAt: '2026-01-01T00:00:00.000Z'
		},
		() => 'cadre1'
	);

const until = async (pred: () => boolean) => {
	for (let i = 0; i < 400 && !pred(); i++) await new Promise((r) => setTimeout(r, 5));
	expect(pred()).toBe(true);
};

describe('case managers', () => {
	it('nominates, walks the procedure, refuses a release with its norm, then releases and reopens', async () => {
		const session = await open('case-managers-1');
		const docs = session.docs;
		const h = docs.main.create('household', {
			headName: '王建国',
			village: '青山村',
			members: { a: { name: '王建国' } }
		});
		if (!h.ok) throw new Error('seed');
		const cases = new CasesManager(session);
		expect(cases.nominate({ householdId: h.value, date: '2026-01-02', source: undefined })).toEqual(
			{
				ok: false,
				refusals: [{ norm: 'CASE-NOMINATE-SOURCE', figures: {} }]
			}
		);
		const n = cases.nominate({
			householdId: h.value,
			date: '2026-01-02',
			source: 'village_nomination'
		});
		if (!n.ok) throw new Error('nominate');
		const file = new CaseFileManager(session, n.id);
		const stop = file.watch();
		expect(file.state).toBe('nominated');
		expect(file.step({ to: 'verified', date: '2026-01-03', checklistDone: true })).toBe(false);
		expect(file.refusals.map((r) => r.norm)).toEqual(['CASE-VERIFY-EVIDENCE']);
		await file.attachScan(
			new File([new Uint8Array([1, 2, 3])], 'auth.pdf', { type: 'application/pdf' })
		);
		expect(file.step({ to: 'verified', date: '2026-01-03', checklistDone: true })).toBe(true);
		expect(file.steps.at(-1)?.authorisationScan?.sha256).toMatch(/^[0-9a-f]{64}$/);
		expect(
			file.step({
				to: 'posted',
				date: '2026-01-10',
				postingStart: '2026-01-05',
				postingEnd: '2026-01-09'
			})
		).toBe(true);
		expect(file.step({ to: 'township_reviewed', date: '2026-01-11' })).toBe(true);
		expect(file.step({ to: 'county_approved', date: '2026-01-12' })).toBe(true);
		file.setCategory('income_expense', true);
		expect(file.step({ to: 'identified', date: '2026-01-15' })).toBe(true);
		expect(file.addIncomeCheck('2026-01-20', 9_000)).toBe(true);
		expect(cases.rows.map((r) => [r.householdName, r.state])).toEqual([['王建国', 'identified']]);

		expect(file.step({ to: 'released', date: '2026-11-01', releaseWay: 'through_help' })).toBe(
			false
		);
		expect(file.refusals).toEqual([
			{
				norm: 'CASE-RELEASE-NO-MEASURE',
				figures: { identified: '2026-01-15', measures: 0, min: 1 }
			}
		]);
		expect(file.state).toBe('identified'); // nothing written
		const plan = docs.main.create('plan', {
			subjectKind: 'household',
			subjectId: h.value,
			year: 2026
		});
		if (!plan.ok) throw new Error('plan');
		docs.main.addItem('plan', plan.value, 'measures', {
			type: 'employment',
			status: 'in_progress'
		});
		expect(file.measures.map((m) => m.status)).toEqual(['in_progress']);
		expect(file.step({ to: 'released', date: '2026-11-01', releaseWay: 'through_help' })).toBe(
			true
		);
		expect(file.steps.map((s) => s.by)).toEqual(Array(7).fill('cadre1'));
		expect(file.next).toEqual(['nominated']); // reopen
		expect(
			file.step({ to: 'nominated', date: '2026-11-20', source: 'household_application' })
		).toBe(true);
		expect(file.state).toBe('nominated');
		stop();
		session.destroy();
	});
});

describe('alerts inbox', () => {
	it('acknowledges and snoozes as stored records; withdrawing shows the alert again', async () => {
		const session = await open('case-managers-2');
		const h = session.docs.main.create('household', {
			headName: '危房户',
			village: '青山村',
			housingGrade: 'D'
		});
		if (!h.ok) throw new Error('seed');
		const inbox = new AlertsInboxManager(session);
		await until(() => inbox.rows.some((r) => r.ruleId === 'HOUSING'));
		const row = () => inbox.rows.find((r) => r.ruleId === 'HOUSING')!;
		expect(row().key).toBe(`HOUSING|household:${h.value}`);
		expect(row().focus).toEqual(['housing', 'basic']);
		expect(
			inbox.filtered({ village: '青山村', category: 'housing_safety' }).map((r) => r.ruleId)
		).toEqual(['HOUSING']);
		expect(inbox.filtered({ village: '别的村' })).toEqual([]);

		expect(inbox.decide(row().key, 'snoozed', '等待改造', inbox.today)).toEqual({
			ok: false,
			code: 'snooze.until'
		});
		expect(inbox.decide(row().key, 'acknowledged', '已上报危房改造')).toEqual({ ok: true });
		await until(() => row().hidden);
		expect(row().decision?.reason).toBe('已上报危房改造');
		expect(inbox.filtered({}).some((r) => r.ruleId === 'HOUSING')).toBe(false);
		expect(inbox.filtered({ showHandled: true }).some((r) => r.ruleId === 'HOUSING')).toBe(true);
		inbox.withdraw(row().decision!.id);
		await until(() => !row().hidden);
		session.destroy();
	});

	it('the latest decision per key counts; a snooze ends on its day', () => {
		const base = { alertKey: 'K|household:h', decidedBy: 'a', createdAt: '' };
		const rows = [
			{ id: '1', deleted: false, raw: { ...base, action: 'acknowledged', date: '2026-11-01' } },
			{
				id: '2',
				deleted: false,
				raw: { ...base, action: 'snoozed', until: '2026-12-01', date: '2026-11-02' }
			},
			{ id: '3', deleted: true, raw: { ...base, action: 'acknowledged', date: '2026-11-03' } },
			{ id: '4', deleted: false, raw: { ...base, action: 'bogus', date: '2026-11-04' } }
		];
		const d = latestDecisions(rows).get('K|household:h');
		expect(d?.id).toBe('2');
		expect(hides(d, '2026-11-30')).toBe(true);
		expect(hides(d, '2026-12-01')).toBe(false);
		expect(
			alertKey({
				ruleId: 'EDU-OUT',
				subject: { kind: 'household', id: 'h' },
				item: { kind: 'member', id: 'm' }
			})
		).toBe('EDU-OUT|household:h|member:m');
	});
});
