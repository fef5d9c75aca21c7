// The procedure where it is enforced: over a real WorkspaceDocs, a refused step writes
// nothing and says which norm; an accepted one is recorded with who decided and when.
import { describe, expect, it } from 'vitest';
import { WorkspaceDocs } from '$lib/doc';
import { caseState } from '$lib/domain';
import { ruleSettings } from '$lib/rules';
import { addIncomeCheck, nominate, takeStep } from './cases';

const ctx = {
	settings: ruleSettings({ monitoringLines: { '2021': 6000, '2026': 7000 } }),
	today: '2026-11-29'
};

describe('case steps in the document', () => {
	it('[CASE-RELEASE-NO-MEASURE] refuses a release without a measure, writes nothing, then accepts it', async () => {
		const docs = await WorkspaceDocs.open({ workspaceId: 'cases-test-1', actor: 'cadre1' });
		const h = docs.main.create('household', {
			headName: '王大山',
			members: {
				a: { name: '王大山', birthDate: '1980-05-01', labour: 'ordinary', residentMedical: true }
			},
			incomes: { '2026': { wages: 30_000 } },
			housingGrade: 'B'
		});
		if (!h.ok) throw new Error('seed');
		const n = nominate(
			docs,
			h.value,
			{ date: '2026-01-02', decidedBy: 'cadre1', source: 'village_nomination' },
			ctx
		);
		if (!n.ok || !('value' in n) || typeof n.value !== 'string') throw new Error('nominate');
		const cid = n.value;
		const steps = [
			{ to: 'verified', date: '2026-01-04', checklistDone: true, authorisationSigned: true },
			{ to: 'posted', date: '2026-01-10', postingStart: '2026-01-05', postingEnd: '2026-01-09' },
			{ to: 'township_reviewed', date: '2026-01-12' },
			{ to: 'county_approved', date: '2026-01-14' }
		] as const;
		for (const s of steps)
			expect(takeStep(docs, cid, { ...s, decidedBy: 'cadre1' }, ctx)).toEqual({ ok: true });
		// Identification needs a risk category.
		const noRisk = takeStep(
			docs,
			cid,
			{ to: 'identified', date: '2026-01-15', decidedBy: 'cadre1' },
			ctx
		);
		expect(noRisk).toEqual({
			ok: false,
			refusals: [{ norm: 'CASE-ID-NO-RISK', figures: { risks: 0 } }]
		});
		docs.main.setPath('case', cid, ['categories', 'income_expense'], true);
		expect(
			takeStep(docs, cid, { to: 'identified', date: '2026-01-15', decidedBy: 'cadre1' }, ctx).ok
		).toBe(true);
		addIncomeCheck(docs, cid, { date: '2026-02-20', perCapita: 9000 });
		addIncomeCheck(docs, cid, { date: '2026-08-20', perCapita: 15000 });

		const before = docs.main.raw('case', cid);
		const release = {
			to: 'released',
			date: '2026-09-01',
			decidedBy: 'cadre1',
			releaseWay: 'through_help'
		} as const;
		const refused = takeStep(docs, cid, release, ctx);
		expect(refused).toEqual({
			ok: false,
			refusals: [
				{
					norm: 'CASE-RELEASE-NO-MEASURE',
					figures: { identified: '2026-01-15', measures: 0, min: 1 }
				}
			]
		});
		expect(docs.main.raw('case', cid)).toEqual(before);

		docs.main.create('plan', {
			subjectKind: 'household',
			subjectId: h.value,
			year: 2026,
			measures: { m1: { type: 'employment', status: 'done', description: '公益岗位' } }
		});
		expect(takeStep(docs, cid, release, ctx)).toEqual({ ok: true });
		const r = docs.main.get('case', cid);
		expect(r?.ok && caseState(r.record.decisions)).toBe('released');
		const last = r?.ok
			? Object.values(r.record.decisions ?? {}).find((d) => d.to === 'released')
			: undefined;
		expect(last).toMatchObject({
			decidedBy: 'cadre1',
			date: '2026-09-01',
			releaseWay: 'through_help'
		});

		// Reopened: the risk returned.
		expect(
			takeStep(
				docs,
				cid,
				{ to: 'nominated', date: '2026-10-01', decidedBy: 'cadre1', source: 'rule_alert' },
				ctx
			)
		).toEqual({ ok: true });
		docs.main.remove('case', cid);
		expect(
			takeStep(
				docs,
				cid,
				{
					to: 'verified',
					date: '2026-10-02',
					decidedBy: 'x',
					checklistDone: true,
					authorisationSigned: true
				},
				ctx
			)
		).toMatchObject({ ok: false, issues: [{ code: 'record.deleted' }] });
		docs.destroy();
	});
});
