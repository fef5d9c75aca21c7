// The monitoring procedure where decisions are written: a step is recorded only when the
// procedure allows it (rules/case-machine.ts); a refused step writes nothing and says which
// norm, with the figures. Framework-free: the case screen's manager and the tests use it.
import type { DraftOf, IsoDate, MonitoringCase, Plan } from '$lib/domain';
import type { WorkspaceDocs, WriteResult } from '$lib/doc';
import { checkStep, type Refusal, type RuleContext, type StepRequest } from '$lib/rules';

export type StepResult = { ok: true } | { ok: false; refusals: Refusal[] } | WriteResult;

function facts(docs: WorkspaceDocs, c: MonitoringCase) {
	const h = docs.main.get('household', c.householdId);
	if (!h?.ok || h.deleted) return undefined;
	const plans: Plan[] = [];
	for (const r of docs.main.list('plan'))
		if (
			r.ok &&
			!r.deleted &&
			r.record.subjectKind === 'household' &&
			r.record.subjectId === c.householdId
		)
			plans.push(r.record);
	return { household: h.record, cases: [c], plans, lastVisit: undefined, case: c };
}

/** Opens a case by its nomination (the first step is checked like any other). */
export function nominate(
	docs: WorkspaceDocs,
	householdId: string,
	step: Omit<StepRequest, 'to'>,
	ctx: RuleContext
): { ok: true; value: string } | { ok: false; refusals: Refusal[] } | WriteResult {
	const draft: DraftOf<'case'> = { householdId };
	const probe = { id: 'new', ...draft } as MonitoringCase;
	const f = facts(docs, probe);
	if (!f) return { ok: false, issues: [{ path: ['householdId'], code: 'record.missing' }] };
	const refusals = checkStep(f, { ...step, to: 'nominated' }, ctx);
	if (refusals.length > 0) return { ok: false, refusals };
	let id = '';
	let result: WriteResult = { ok: true, value: undefined };
	docs.main.transact(() => {
		const created = docs.main.create('case', draft);
		if (!created.ok) {
			result = created;
			return;
		}
		id = created.value;
		const added = docs.main.addItem('case', id, 'decisions', { ...step, to: 'nominated' });
		if (!added.ok) result = added;
	});
	return result.ok ? { ok: true, value: id } : result;
}

/** Records the next step of a case, or says why not. */
export function takeStep(
	docs: WorkspaceDocs,
	caseId: string,
	step: StepRequest,
	ctx: RuleContext
): StepResult {
	const r = docs.main.get('case', caseId);
	if (!r?.ok) return { ok: false, issues: [{ path: [], code: 'record.missing' }] };
	if (r.deleted) return { ok: false, issues: [{ path: [], code: 'record.deleted' }] };
	const f = facts(docs, r.record);
	if (!f) return { ok: false, issues: [{ path: ['householdId'], code: 'record.missing' }] };
	const refusals = checkStep(f, step, ctx);
	if (refusals.length > 0) return { ok: false, refusals };
	const added = docs.main.addItem('case', caseId, 'decisions', { ...step });
	return added.ok ? { ok: true } : added;
}

/** An income check while monitored (the release guard reads these). */
export function addIncomeCheck(
	docs: WorkspaceDocs,
	caseId: string,
	check: { date: IsoDate; perCapita: number; checkedBy?: string }
): WriteResult<string> {
	return docs.main.addItem('case', caseId, 'incomeChecks', { ...check });
}
