// The school-side alerts of a workspace (rules/school-rules.ts): students, student plans and
// school pairings. They need the latest talk, home visit and call per student, so this opens
// the visit shards of this year and last (a term spans the new year). Evaluated after the
// first paint and again a moment after anything they read changes; a school's 600 students
// take a few milliseconds, so the whole set is recomputed rather than tracked per record.
import { SETTINGS_ID, todayIn, type Kind } from '$lib/domain';
import type { RecordStore, WorkspaceDocs } from '$lib/doc';
import {
	evaluateSchool,
	lastContactsOf,
	ruleSettings,
	type RuleContext,
	type SchoolAlert
} from '$lib/rules';

const KINDS_READ: Kind[] = ['student', 'pairing', 'plan', 'activity', 'settings'];
/** Edits arrive a keystroke at a time; the alerts need not follow each one. */
const DEBOUNCE_MS = 300;

export class SchoolAlerts {
	#alerts = $state.raw<SchoolAlert[]>([]);
	#ready = $state(false);
	#stops: (() => void)[] = [];
	#timer: ReturnType<typeof setTimeout> | undefined;
	#shards: RecordStore[] = [];
	readonly #docs: WorkspaceDocs;
	readonly #today: () => string;

	constructor(docs: WorkspaceDocs, today?: () => string) {
		this.#docs = docs;
		this.#today = today ?? (() => todayIn(this.#context().settings.timeZone));
	}

	get alerts(): SchoolAlert[] {
		return this.#alerts;
	}

	get ready(): boolean {
		return this.#ready;
	}

	/** Alerts about one student (its file and its plans). */
	forStudent(studentId: string): SchoolAlert[] {
		return this.#alerts.filter((a) => a.studentId === studentId);
	}

	async start(): Promise<void> {
		const year = Number(this.#today().slice(0, 4));
		for (const kind of KINDS_READ)
			this.#stops.push(this.#docs.main.observeKind(kind, () => this.#schedule()));
		for (const y of [year, year - 1]) {
			const shard = await this.#docs.visits(y);
			this.#shards.push(shard);
			this.#stops.push(shard.observeKind('visit', () => this.#schedule()));
		}
		this.evaluate();
	}

	evaluate(): void {
		const main = this.#docs.main;
		const valid = <K extends Kind>(kind: K) =>
			main.list(kind).flatMap((r) => (r.ok && !r.deleted ? [r.record] : []));
		const visits = this.#shards.flatMap((s) =>
			s.list('visit').flatMap((r) => (r.ok && !r.deleted ? [r.record] : []))
		);
		this.#alerts = evaluateSchool(
			{
				students: valid('student'),
				pairings: valid('pairing'),
				plans: valid('plan'),
				activities: valid('activity'),
				lastContacts: lastContactsOf(visits)
			},
			{ ...this.#context(), today: this.#today() }
		);
		this.#ready = true;
	}

	stop(): void {
		for (const stop of this.#stops) stop();
		if (this.#timer !== undefined) clearTimeout(this.#timer);
	}

	#schedule(): void {
		if (this.#timer !== undefined) return;
		this.#timer = setTimeout(() => {
			this.#timer = undefined;
			this.evaluate();
		}, DEBOUNCE_MS);
	}

	#context(): RuleContext {
		const stored = this.#docs.main.get('settings', SETTINGS_ID);
		const settings = ruleSettings(stored?.ok ? stored.record : {});
		return { settings, today: '' };
	}
}
