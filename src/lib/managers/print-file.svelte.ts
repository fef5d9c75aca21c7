// The printable file (一户一档 / 学生档案) of one household or student: the record, its plans
// and its latest visits, read once they are open. ID numbers are masked unless asked.
import { todayIn, yearOf, type Plan, type Visit } from '$lib/domain';
import { observeRecordsAbout, observeVisitsOf, type ReadResult } from '$lib/doc';
import type { WorkspaceSession } from '$lib/services/workspace.svelte';

/** How many visits a printed file shows: the latest, newest first. */
export const PRINTED_VISITS = 12;

type PrintKind = 'household' | 'student';

export class PrintFileManager<K extends PrintKind> {
	readonly kind: K;
	readonly id: string;
	readonly today = todayIn();
	readonly #session: WorkspaceSession;
	#result = $state.raw<ReadResult<K> | undefined>();
	#plans = $state.raw<Plan[]>([]);
	#visits = $state.raw<Visit[]>([]);
	#visitsLoaded = $state(false);
	showIds = $state(false);

	constructor(session: WorkspaceSession, kind: K, id: string) {
		this.#session = session;
		this.kind = kind;
		this.id = id;
		this.#result = session.record(kind, id);
	}

	watch(): () => void {
		const docs = this.#session.docs;
		const subject = { kind: this.kind, id: this.id };
		const year = yearOf(this.today);
		const stops = [
			docs.main.observe(this.kind, this.id, (r) => (this.#result = r)),
			observeRecordsAbout(docs.main, 'plan', subject, (p) => (this.#plans = p)),
			observeVisitsOf(docs, subject, [year, year - 1, year - 2], (v) => {
				this.#visits = v.slice(0, PRINTED_VISITS);
				this.#visitsLoaded = true;
			})
		];
		return () => stops.forEach((s) => s());
	}

	get result(): ReadResult<K> | undefined {
		return this.#result;
	}
	get record() {
		return this.#result?.ok ? this.#result.record : undefined;
	}
	/** Plans newest year first. */
	get plans(): Plan[] {
		return [...this.#plans].sort((a, b) => b.year - a.year);
	}
	get visits(): Visit[] {
		return this.#visits;
	}
	get ready(): boolean {
		return this.#visitsLoaded;
	}
	get workspaceName(): string {
		return this.#session.name;
	}

	memberName(id: string | undefined): string {
		if (!id) return '';
		const r = this.#session.rows('member').find((x) => x.id === id);
		return r ? String((r.raw as { name?: unknown }).name ?? '') : '';
	}
}
