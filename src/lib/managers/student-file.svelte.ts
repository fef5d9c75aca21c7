// One student's file (学生档案) on one screen: the record and every in-place edit, the
// co-edited notes, guardians, the responsible teacher and its history, the student's talks,
// home visits and calls of this year and last, its plans and its alerts.
import {
	addDays,
	changeTeacher,
	pairingHistory,
	todayIn,
	yearOf,
	type DraftOf,
	type Guardian,
	type Issue,
	type PairingLike,
	type StudentCategory,
	type Visit
} from '$lib/domain';
import { observeVisitsOf, type Json, type ReadResult, type WriteResult } from '$lib/doc';
import { sharedText, type SharedText } from '$lib/services/shared-text';
import type { WorkspaceSession } from '$lib/services/workspace.svelte';
import type { SchoolAlert } from '$lib/rules';
import { applyPairingChange } from './pairing-change';
import { pairingRows, str } from './raw';

export type StudentTextField = 'academicNotes' | 'psychologicalNotes';
type Field = keyof DraftOf<'student'>;

export interface PlanRow {
	id: string;
	year: number;
	title: string;
	planType: string;
}

export class StudentFileManager {
	readonly id: string;
	readonly today = todayIn();
	readonly year = yearOf(this.today);
	readonly #session: WorkspaceSession;
	#result = $state.raw<ReadResult<'student'> | undefined>();
	#visits = $state.raw<Visit[]>([]);
	// eslint-disable-next-line svelte/prefer-svelte-reactivity -- a cache of bindings, never rendered
	#texts = new Map<StudentTextField, SharedText>();

	constructor(session: WorkspaceSession, studentId: string) {
		this.#session = session;
		this.id = studentId;
		this.#result = session.record('student', studentId);
	}

	/** Follows the file and its visits; call from an `$effect`, which gets the stop. */
	watch(): () => void {
		const docs = this.#session.docs;
		const stops = [
			docs.main.observe('student', this.id, (r) => (this.#result = r)),
			observeVisitsOf(
				docs,
				{ kind: 'student', id: this.id },
				[this.year, this.year - 1],
				(v) => (this.#visits = v)
			)
		];
		return () => stops.forEach((stop) => stop());
	}

	get result(): ReadResult<'student'> | undefined {
		return this.#result;
	}

	get student() {
		return this.#result?.ok ? this.#result.record : undefined;
	}

	/** What the record holds as stored (shown even when it does not validate). */
	get raw(): Record<string, unknown> {
		return this.#session.docs.main.raw('student', this.id) ?? {};
	}

	get readonly(): boolean {
		return this.#session.readonly;
	}

	get alerts(): SchoolAlert[] {
		return this.#session.schoolAlerts.forStudent(this.id);
	}

	/** Talks, home visits, calls (and any other visit) of this year and last, newest first. */
	get visits(): Visit[] {
		return this.#visits;
	}

	get plans(): PlanRow[] {
		return this.#session
			.rows('plan')
			.filter((r) => !r.deleted && r.raw.subjectKind === 'student' && r.raw.subjectId === this.id)
			.map((r) => ({
				id: r.id,
				year: typeof r.raw.year === 'number' ? r.raw.year : 0,
				title: str(r.raw, 'title'),
				planType: str(r.raw, 'planType')
			}))
			.sort((a, b) => b.year - a.year);
	}

	/** Member id → name, for teachers, visitors and owners. */
	get memberNames(): Record<string, string> {
		return Object.fromEntries(
			this.#session.rows('member').map((r) => [r.id, str(r.raw, 'name') || r.id] as const)
		);
	}

	get members(): { value: string; label: string }[] {
		return this.#session
			.rows('member')
			.filter((r) => !r.deleted)
			.map((r) => ({ value: r.id, label: str(r.raw, 'name') }));
	}

	/** The responsible-teacher history, newest first (ended rows keep their end date). */
	get teacherHistory(): PairingLike[] {
		return pairingHistory(this.#pairings(), this.id);
	}

	get currentTeacherIds(): string[] {
		return this.teacherHistory
			.filter(
				(p) =>
					(!p.startDate || p.startDate <= this.today) && (!p.endDate || p.endDate >= this.today)
			)
			.map((p) => p.supporterId);
	}

	/** Changes one top-level field; '' clears it. */
	update(field: Field, value: Json | undefined): WriteResult {
		return this.#session.docs.main.update('student', this.id, {
			[field]: value === '' ? undefined : value
		});
	}

	/** Sets a nested field: father.phone, commitmentLetter.signedDate, a category flag. */
	setPath(path: [Field, ...string[]], value: Json | undefined): WriteResult {
		return this.#session.docs.main.setPath(
			'student',
			this.id,
			path,
			value === '' ? undefined : value
		);
	}

	toggleCategory(category: StudentCategory, on: boolean): WriteResult {
		return this.setPath(['categories', category], on);
	}

	addGuardian(g: Omit<Guardian, 'order'>): WriteResult<string> {
		return this.#session.docs.main.addItem('student', this.id, 'guardians', g);
	}

	updateGuardian(itemId: string, fields: Record<string, Json | undefined>): WriteResult {
		const clean = Object.fromEntries(
			Object.entries(fields).map(([k, v]) => [k, v === '' ? undefined : v])
		);
		return this.#session.docs.main.updateItem('student', this.id, 'guardians', itemId, clean);
	}

	removeGuardian(itemId: string): WriteResult {
		return this.#session.docs.main.removeItem('student', this.id, 'guardians', itemId);
	}

	/** The co-edited notes (one shared text per field, bound once). */
	text(field: StudentTextField): SharedText {
		let t = this.#texts.get(field);
		if (!t) {
			t = sharedText(
				this.#session.docs.main.text('student', this.id, field),
				this.#session.docs.origin
			);
			this.#texts.set(field, t);
		}
		return t;
	}

	/**
	 * Makes `memberId` the responsible teacher from today: the current pairing ends yesterday
	 * and a new one starts, so the history keeps who it was before.
	 */
	changeTeacher(memberId: string, commitment?: string): Issue[] {
		const change = changeTeacher(
			this.#pairings(),
			this.id,
			memberId,
			this.today,
			addDays(this.today, -1),
			commitment
		);
		return applyPairingChange(this.#session.docs.main, change);
	}

	/** Starts this year's plan for the student: struggling, disabled or general. */
	createPlan(planType: 'struggling' | 'disabled' | 'general'): string | undefined {
		const placement = this.student?.placement;
		const r = this.#session.docs.main.create('plan', {
			subjectKind: 'student',
			subjectId: this.id,
			year: this.year,
			planType,
			...(planType === 'disabled' && placement ? { placement } : {})
		});
		return r.ok ? r.value : undefined;
	}

	#pairings(): PairingLike[] {
		return pairingRows(this.#session.rows('pairing'));
	}
}
