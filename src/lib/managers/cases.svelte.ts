// The monitoring-case list (/w/<id>/cases): every case with its household, state and whether
// a time norm is broken, filtered by state, household and overdue; counts per state; and the
// nomination that opens a new case (checked by services/cases.ts like every other step).
/* eslint-disable svelte/prefer-svelte-reactivity -- lookup tables built inside a getter, never kept or rendered */
import {
	caseState,
	caseSteps,
	todayIn,
	type CaseDecision,
	type CaseState,
	type Issue
} from '$lib/domain';
import { zhCollator } from '$lib/collator';
import type { Alert, Refusal } from '$lib/rules';
import { nominate } from '$lib/services/cases';
import type { WorkspaceSession } from '$lib/services/workspace.svelte';
import { str } from './raw';

/** Case alerts that mean a deadline of the procedure has passed. */
const OVERDUE_RULES: readonly string[] = ['CASE-SLOW-ID', 'CASE-NO-MEASURE', 'CASE-POSTING-SHORT'];

export interface CaseRow {
	id: string;
	householdId: string;
	householdName: string;
	village: string;
	state: CaseState | undefined;
	/** Date of the latest step. */
	since: string;
	overdue: boolean;
	alerts: number;
}

export interface CaseFilter {
	state?: CaseState | undefined;
	householdId?: string | undefined;
	overdue?: boolean;
}

export type NominateSource = NonNullable<CaseDecision['source']>;

export class CasesManager {
	readonly today = todayIn();
	readonly #session: WorkspaceSession;

	constructor(session: WorkspaceSession) {
		this.#session = session;
	}

	get readonly(): boolean {
		return this.#session.readonly;
	}

	/** Households by id, display fields only. */
	get households(): { value: string; label: string }[] {
		return this.#session
			.rows('household')
			.filter((r) => !r.deleted)
			.map((r) => ({ value: r.id, label: str(r.raw, 'headName') || r.id }))
			.sort((a, b) => zhCollator.compare(a.label, b.label));
	}

	/** Every case that is not deleted, latest step first. Invalid records are listed too. */
	get rows(): CaseRow[] {
		const names = new Map<string, { name: string; village: string }>();
		for (const r of this.#session.rows('household'))
			names.set(r.id, { name: str(r.raw, 'headName'), village: str(r.raw, 'village') });
		const byCase = new Map<string, Alert[]>();
		for (const a of this.#session.alerts)
			if (a.subject.kind === 'case')
				byCase.set(a.subject.id, [...(byCase.get(a.subject.id) ?? []), a]);
		const out: CaseRow[] = [];
		for (const row of this.#session.rows('case')) {
			if (row.deleted) continue;
			const r = this.#session.record('case', row.id);
			const c = r?.ok ? r.record : undefined;
			const hid = c?.householdId ?? str(row.raw, 'householdId');
			const alerts = byCase.get(row.id) ?? [];
			out.push({
				id: row.id,
				householdId: hid,
				householdName: names.get(hid)?.name ?? '',
				village: names.get(hid)?.village ?? '',
				state: c ? caseState(c.decisions) : undefined,
				since: c ? (caseSteps(c.decisions).at(-1)?.date ?? '') : '',
				overdue: alerts.some((a) => OVERDUE_RULES.includes(a.ruleId)),
				alerts: alerts.length
			});
		}
		return out.sort((a, b) => (a.since < b.since ? 1 : a.since > b.since ? -1 : 0));
	}

	filtered(f: CaseFilter): CaseRow[] {
		return this.rows.filter(
			(r) =>
				(!f.state || r.state === f.state) &&
				(!f.householdId || r.householdId === f.householdId) &&
				(!f.overdue || r.overdue)
		);
	}

	/** Cases per state (of all cases, whatever the filter). */
	get counts(): Partial<Record<CaseState, number>> {
		const out: Partial<Record<CaseState, number>> = {};
		for (const r of this.rows) if (r.state) out[r.state] = (out[r.state] ?? 0) + 1;
		return out;
	}

	/**
	 * Opens a case by its nomination; returns its id, or the refusals / field issues. A case
	 * taken from an alert carries the rule id, so the case says why it was opened.
	 */
	nominate(input: {
		householdId: string;
		date: string;
		source: NominateSource | undefined;
		note?: string;
		ruleId?: string | undefined;
	}):
		{ ok: true; id: string } | { ok: false; refusals: Refusal[] } | { ok: false; issues: Issue[] } {
		const r = nominate(
			this.#session.docs,
			input.householdId,
			{
				date: input.date,
				decidedBy: this.#session.actor,
				...(input.source ? { source: input.source } : {}),
				...(input.note ? { note: input.note } : {}),
				...(input.ruleId ? { ruleId: input.ruleId } : {})
			},
			this.#session.ruleContext()
		);
		if (r.ok) return { ok: true, id: r.value as string };
		return r;
	}
}
