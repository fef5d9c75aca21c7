// One monitoring case (/w/<id>/cases/<cid>): its steps with who decided and when, the next
// step the procedure allows and, when one is refused, which norm and the figures; risk types,
// income checks, the household's plan measures, the signed authorisation scan. Every step is
// checked and written by services/cases.ts (the same code the unit tests exercise).
import {
	actorName,
	caseState,
	caseSteps,
	monitoringCategories,
	sortedItems,
	todayIn,
	type BlobRef,
	type CaseDecision,
	type CaseState,
	type IncomeCheck,
	type Issue,
	type MonitoringCase
} from '$lib/domain';
import type { ReadResult } from '$lib/doc';
import { procedureNext, type Alert, type Refusal, type StepRequest } from '$lib/rules';
import { addIncomeCheck, takeStep } from '$lib/services/cases';
import { deviceService } from '$lib/services/device.svelte';
import { addPhoto } from '$lib/services/photos';
import type { WorkspaceSession } from '$lib/services/workspace.svelte';

export type StepRow = CaseDecision & { id: string; by: string };
export type Category = (typeof monitoringCategories)[number];

export interface MeasureLine {
	planId: string;
	year: number;
	id: string;
	type: string;
	status: string;
	description: string;
}

/** What the step form submits (the manager adds who decided). */
export type StepInput = Omit<StepRequest, 'decidedBy'>;

export class CaseFileManager {
	readonly today = todayIn();
	readonly categories = monitoringCategories;
	readonly #session: WorkspaceSession;
	#result = $state.raw<ReadResult<'case'> | undefined>();
	#refusals = $state.raw<Refusal[]>([]);
	#issues = $state.raw<Issue[]>([]);
	#scan = $state.raw<BlobRef | undefined>();
	#saved = $state<CaseState | undefined>();

	constructor(
		session: WorkspaceSession,
		readonly id: string
	) {
		this.#session = session;
		this.#result = session.record('case', id);
	}

	watch(): () => void {
		return this.#session.docs.main.observe('case', this.id, (r) => (this.#result = r));
	}

	get result(): ReadResult<'case'> | undefined {
		return this.#result;
	}
	get record(): MonitoringCase | undefined {
		return this.#result?.ok && !this.#result.deleted ? this.#result.record : undefined;
	}
	get deleted(): boolean {
		return Boolean(this.#result?.deleted);
	}
	get readonly(): boolean {
		return this.#session.readonly;
	}
	get householdName(): string {
		const c = this.record;
		const h = c ? this.#session.record('household', c.householdId) : undefined;
		return h?.ok ? h.record.headName : '';
	}

	get steps(): StepRow[] {
		return caseSteps(this.record?.decisions).map((s) => ({ ...s, by: actorName(s.decidedBy) }));
	}
	get state(): CaseState | undefined {
		return caseState(this.record?.decisions);
	}
	/** The steps the procedure allows next (released: reopen by a new nomination). */
	get next(): readonly CaseState[] {
		return this.record ? procedureNext(this.state) : [];
	}
	get incomeChecks(): (IncomeCheck & { id: string })[] {
		return sortedItems(this.record?.incomeChecks).sort((a, b) => (a.date < b.date ? -1 : 1));
	}
	/** The alerts the rules raise on this case (deadlines, release guards). */
	get alerts(): Alert[] {
		return this.#session.alerts.filter(
			(a) => a.subject.kind === 'case' && a.subject.id === this.id
		);
	}

	/** The household's plan measures (the help the release guard counts). */
	get measures(): MeasureLine[] {
		const c = this.record;
		if (!c) return [];
		const out: MeasureLine[] = [];
		for (const row of this.#session.rows('plan')) {
			if (row.deleted || row.raw.subjectId !== c.householdId) continue;
			const r = this.#session.record('plan', row.id);
			if (!r?.ok || r.record.subjectKind !== 'household') continue;
			for (const ms of sortedItems(r.record.measures))
				out.push({
					planId: row.id,
					year: r.record.year,
					id: ms.id,
					type: ms.type,
					status: ms.status ?? 'planned',
					description: ms.description ?? ''
				});
		}
		return out;
	}
	/** This household's plan of this year, if any (the link "add a measure" opens). */
	get planId(): string | undefined {
		return this.measures[0]?.planId ?? this.#planRows()[0];
	}

	/** Refusals of the last step tried (cleared when a step is recorded). */
	get refusals(): Refusal[] {
		return this.#refusals;
	}
	get issues(): Issue[] {
		return this.#issues;
	}
	get scan(): BlobRef | undefined {
		return this.#scan;
	}
	/** The step just recorded, for the status line. */
	get saved(): CaseState | undefined {
		return this.#saved;
	}

	step(input: StepInput): boolean {
		const step: StepRequest = {
			...input,
			decidedBy: this.#session.actor,
			...(input.to === 'verified' && this.#scan
				? { authorisationScan: this.#scan, authorisationSigned: true }
				: {})
		};
		const r = takeStep(this.#session.docs, this.id, step, this.#session.ruleContext());
		if (r.ok) {
			this.#refusals = [];
			this.#issues = [];
			this.#scan = undefined;
			this.#saved = input.to;
			return true;
		}
		this.#saved = undefined;
		this.#refusals = 'refusals' in r ? r.refusals : [];
		this.#issues = 'issues' in r ? r.issues : [];
		return false;
	}

	/** Keeps the signed authorisation on the device, queued for the relay like a visit photo. */
	async attachScan(file: File): Promise<void> {
		this.#scan = await addPhoto(deviceService.db, this.#session.info.id, file);
		this.#session.photos.kick();
	}

	setCategory(cat: Category, on: boolean): void {
		const r = this.#session.docs.main.update('case', this.id, {
			categories: { ...this.record?.categories, [cat]: on }
		});
		this.#issues = r.ok ? [] : r.issues;
	}

	addIncomeCheck(date: string, perCapita: number): boolean {
		const r = addIncomeCheck(this.#session.docs, this.id, {
			date,
			perCapita,
			checkedBy: this.#session.actor
		});
		this.#issues = r.ok ? [] : r.issues;
		return r.ok;
	}

	#planRows(): string[] {
		const hid = this.record?.householdId;
		return this.#session
			.rows('plan')
			.filter((r) => !r.deleted && r.raw.subjectKind === 'household' && r.raw.subjectId === hid)
			.sort((a, b) => Number(b.raw.year) - Number(a.raw.year))
			.map((r) => r.id);
	}
}
