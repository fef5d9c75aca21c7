// The quick form for talks (谈心), home visits (家访) and calls (电话) with students: the same
// visit form as households (VisitFormManager, subject kind student), plus what makes it three
// taps from home — the member's own students offered first as one-tap choices, the kind used
// last remembered on this device, and the member on this device recorded as the teacher.
import { studentsOf, todayIn, type Issue } from '$lib/domain';
import { zhCollator } from '$lib/i18n.svelte';
import { deviceService } from '$lib/services/device.svelte';
import type { WorkspaceSession } from '$lib/services/workspace.svelte';
import { pairingRows, str } from './raw';
import { VisitFormManager, type VisitDraft } from './visit-form.svelte';

export const STUDENT_VISIT_KINDS = ['talk', 'home_visit', 'phone_call'] as const;
export type StudentVisitKind = (typeof STUDENT_VISIT_KINDS)[number];

const KIND_KEY = 'bangfu:lastStudentVisitKind';

/** The kind used last on this device (localStorage: a preference, not workspace data). */
function readLastKind(): StudentVisitKind {
	try {
		const v = globalThis.localStorage?.getItem(KIND_KEY);
		return (STUDENT_VISIT_KINDS as readonly string[]).includes(v ?? '')
			? (v as StudentVisitKind) // checked against the list above
			: 'talk';
	} catch {
		return 'talk';
	}
}

export interface StudentChoice {
	value: string;
	label: string;
	className: string;
}

export class StudentVisitManager {
	readonly form: VisitFormManager;
	readonly #session: WorkspaceSession;
	#kind = $state<StudentVisitKind>(readLastKind());

	constructor(session: WorkspaceSession) {
		this.#session = session;
		this.form = new VisitFormManager(session, 'student');
	}

	get kind(): StudentVisitKind {
		return this.#kind;
	}

	set kind(k: StudentVisitKind) {
		this.#kind = k;
		try {
			globalThis.localStorage?.setItem(KIND_KEY, k);
		} catch {
			// Private mode: the choice lasts for this visit only.
		}
	}

	get me(): string | undefined {
		return deviceService.find(this.#session.info.id)?.memberId;
	}

	/** Every student, by name. */
	get students(): StudentChoice[] {
		return this.#session
			.rows('student')
			.filter((r) => !r.deleted)
			.map((r) => ({
				value: r.id,
				label: str(r.raw, 'name'),
				className: str(r.raw, 'className')
			}))
			.sort((a, b) => zhCollator.compare(a.label, b.label));
	}

	/** The students the member on this device is responsible for: one tap each. */
	get mine(): StudentChoice[] {
		const me = this.me;
		if (!me) return [];
		const ids = studentsOf(pairingRows(this.#session.rows('pairing')), me, todayIn());
		return this.students.filter((s) => ids.has(s.value));
	}

	get issues(): Issue[] {
		return this.form.issues;
	}

	get busy(): boolean {
		return this.form.busy;
	}

	/** Saves the talk / home visit / call; its id, or undefined with `issues` set. */
	async save(
		draft: Omit<VisitDraft, 'kind' | 'visitorIds' | 'className'>
	): Promise<string | undefined> {
		const me = this.me;
		const student = this.students.find((s) => s.value === draft.subjectId);
		return this.form.save({
			...draft,
			kind: this.#kind,
			className: student?.className || undefined,
			visitorIds: me ? [me] : undefined
		});
	}
}
