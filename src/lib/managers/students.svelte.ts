// The student list (学生档案): search by name, pinyin initials and class; filters by category,
// class, responsible teacher and alerts; "my students"; adding a student. Pinyin-pro (~100 KB)
// is loaded on first use, not with the app shell: until it is there, initials find nothing
// and names and classes still do.
import {
	classesOf,
	teachersByStudent,
	filterStudents,
	normaliseInitials,
	studentEntry,
	todayIn,
	type DraftOf,
	type InitialsOf,
	type Issue,
	type StudentCategory,
	type StudentEntry,
	type StudentFilters
} from '$lib/domain';
import { zhCollator } from '$lib/i18n.svelte';
import { alertsPerStudent } from '$lib/rules/school-evaluate';
import { deviceService } from '$lib/services/device.svelte';
import type { WorkspaceSession } from '$lib/services/workspace.svelte';
import { pairingRows, str } from './raw';

let initialsLoader: Promise<InitialsOf> | undefined;

/** Loads pinyin-pro once per page. */
export function loadInitials(): Promise<InitialsOf> {
	initialsLoader ??= import('pinyin-pro').then(
		({ pinyin }) =>
			(name: string) =>
				normaliseInitials(pinyin(name, { pattern: 'first', toneType: 'none', surname: 'head' }))
	);
	return initialsLoader;
}

export class StudentsManager {
	readonly #session: WorkspaceSession;
	readonly today = todayIn();
	#initialsOf = $state.raw<InitialsOf | undefined>();
	#filters = $state<StudentFilters>({});
	#mine = $state(false);
	#issues = $state.raw<Issue[]>([]);
	/** Initials per name: names repeat across reloads of the list, pinyin does not change. */
	// eslint-disable-next-line svelte/prefer-svelte-reactivity -- a cache, never rendered
	#initialsCache = new Map<string, string>();

	constructor(session: WorkspaceSession) {
		this.#session = session;
	}

	/** Starts loading pinyin (call when the search box is shown). */
	async loadPinyin(): Promise<void> {
		this.#initialsOf = await loadInitials();
	}

	get readonly(): boolean {
		return this.#session.readonly;
	}

	get filters(): StudentFilters {
		return this.#filters;
	}

	setFilter<K extends keyof StudentFilters>(key: K, value: StudentFilters[K]): void {
		this.#filters = { ...this.#filters, [key]: value || undefined };
	}

	/** "My students": only those the member on this device is responsible for. */
	get mine(): boolean {
		return this.#mine;
	}

	set mine(on: boolean) {
		this.#mine = on;
	}

	/** The member this device's user is, when linked (members screen). */
	get me(): string | undefined {
		return deviceService.find(this.#session.info.id)?.memberId;
	}

	/** Every student not deleted, by name. */
	get entries(): StudentEntry[] {
		const initialsOf = this.#initialsOf;
		const cached = initialsOf
			? (name: string) => {
					let v = this.#initialsCache.get(name);
					if (v === undefined) this.#initialsCache.set(name, (v = initialsOf(name)));
					return v;
				}
			: undefined;
		return this.#session
			.rows('student')
			.filter((r) => !r.deleted)
			.map((r) => studentEntry(r.id, r.raw, cached))
			.sort((a, b) => zhCollator.compare(a.name, b.name));
	}

	/** Responsible members per student today. */
	get teachersOf(): Map<string, string[]> {
		return teachersByStudent(pairingRows(this.#session.rows('pairing')), this.today);
	}

	get members(): { value: string; label: string }[] {
		return this.#session
			.rows('member')
			.filter((r) => !r.deleted)
			.map((r) => ({ value: r.id, label: str(r.raw, 'name') }))
			.sort((a, b) => zhCollator.compare(a.label, b.label));
	}

	get classes(): string[] {
		return classesOf(this.entries, zhCollator.compare);
	}

	get alertsReady(): boolean {
		return this.#session.schoolAlerts.ready;
	}

	/** Number of alerts per student. */
	get alertCount(): Map<string, number> {
		return alertsPerStudent(this.#session.schoolAlerts.alerts);
	}

	/** The list as filtered and searched. */
	get results(): StudentEntry[] {
		const f = { ...this.#filters };
		if (this.#mine) f.teacherId = this.me ?? '\u0000';
		return filterStudents(this.entries, f, {
			teachersOf: this.teachersOf,
			withAlerts: this.alertCount
		});
	}

	get issues(): Issue[] {
		return this.#issues;
	}

	/**
	 * Adds a student; the member on this device becomes responsible for them (one pairing)
	 * when `adopt` is set. Returns the id, or undefined with `issues` set.
	 */
	create(draft: DraftOf<'student'>, adopt = false): string | undefined {
		const main = this.#session.docs.main;
		let id: string | undefined;
		main.transact(() => {
			const r = main.create('student', draft);
			this.#issues = r.ok ? [] : r.issues;
			if (!r.ok) return;
			id = r.value;
			const me = this.me;
			if (adopt && me)
				main.create('pairing', {
					kind: 'member_student',
					supporterId: me,
					supportedId: id,
					startDate: this.today
				});
		});
		return id;
	}
}

export type { StudentCategory };
