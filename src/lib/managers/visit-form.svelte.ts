// The visit form (走访记录) for any subject kind: who can be visited, the photos taken so far
// (kept on the device by hash), and saving into the shard of the visit's year.
import type { BlobRef, DraftOf, Issue } from '$lib/domain';
import type { SubjectKind } from '$lib/doc';
import { zhCollator } from '$lib/i18n.svelte';
import { savePhoto } from '$lib/services/blobs';
import type { WorkspaceSession } from '$lib/services/workspace.svelte';

export interface SubjectOption {
	value: string;
	label: string;
}

type Raw = Record<string, unknown>;
const str = (raw: Raw, key: string) => (typeof raw[key] === 'string' ? (raw[key] as string) : '');

/** How a subject is named in the picker, per kind (from the raw rows: no validation). */
const LABELS: Record<SubjectKind, (raw: Raw) => string> = {
	household: (r) => [str(r, 'headName'), str(r, 'village')].filter(Boolean).join(' · '),
	student: (r) => [str(r, 'name'), str(r, 'className')].filter(Boolean).join(' · '),
	school: (r) => str(r, 'name')
};

/** What the form fills in; the manager adds the subject kind and the photos. */
export type VisitDraft = Omit<DraftOf<'visit'>, 'subjectKind' | 'photos'>;

export class VisitFormManager {
	readonly subjectKind: SubjectKind;
	readonly #session: WorkspaceSession;
	#photos = $state.raw<Record<string, BlobRef>>({});
	#issues = $state.raw<Issue[]>([]);
	#busy = $state(false);

	constructor(session: WorkspaceSession, subjectKind: SubjectKind = 'household') {
		this.#session = session;
		this.subjectKind = subjectKind;
	}

	/** Everyone of the subject kind who can be visited, by name. */
	get subjects(): SubjectOption[] {
		const label = LABELS[this.subjectKind];
		return this.#session
			.rows(this.subjectKind)
			.filter((r) => !r.deleted)
			.map((r) => ({ value: r.id, label: label(r.raw) }))
			.sort((a, b) => zhCollator.compare(a.label, b.label));
	}

	get photoCount(): number {
		return Object.keys(this.#photos).length;
	}

	get issues(): Issue[] {
		return this.#issues;
	}

	get busy(): boolean {
		return this.#busy;
	}

	/** Keeps each photo on the device; the visit will refer to them by hash. */
	async addPhotos(files: Iterable<File>): Promise<void> {
		for (const file of files) {
			const sha256 = await savePhoto(this.#session.info.id, file);
			this.#photos = { ...this.#photos, [sha256]: { sha256, mime: file.type || undefined } };
		}
	}

	/** Saves the visit; undefined (and `issues` set) when it is not valid. */
	async save(draft: VisitDraft): Promise<string | undefined> {
		this.#busy = true;
		try {
			const r = await this.#session.docs.createVisit({
				...draft,
				subjectKind: this.subjectKind,
				photos: this.photoCount ? this.#photos : undefined
			});
			if (!r.ok) {
				this.#issues = r.issues;
				return undefined;
			}
			this.#issues = [];
			return r.value.id;
		} finally {
			this.#busy = false;
		}
	}
}
