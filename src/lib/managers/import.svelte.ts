// The import screen: a file → its columns → a preview of every row's problems → commit → undo.
// Nothing is written before commit; commit writes the whole file as one undo step.
import { todayIn, yearOf } from '$lib/domain';
import {
	commitImport,
	fieldsOf,
	MAX_FILE_BYTES,
	previewHouseholds,
	previewStudents,
	type Choice,
	type ColumnMap,
	type CommitResult,
	type FieldDef,
	type ImportCode,
	type Preview,
	type Target
} from '$lib/import';
import type { RawSheet } from '$lib/import/read';
import type { WorkspaceSession } from '$lib/services/workspace.svelte';

export type ImportStep = 'file' | 'preview' | 'done';

export class ImportManager {
	readonly #session: WorkspaceSession;
	target = $state<Target>('student');
	#step = $state<ImportStep>('file');
	#fileName = $state('');
	#sheet = $state.raw<RawSheet | undefined>();
	#preview = $state.raw<Preview | undefined>();
	#fileProblem = $state<ImportCode | undefined>();
	#choices = $state<Record<number, Choice>>({});
	#result = $state.raw<CommitResult | undefined>();
	#busy = $state(false);

	constructor(session: WorkspaceSession) {
		this.#session = session;
	}

	get readonly() {
		return this.#session.readonly;
	}
	get step() {
		return this.#step;
	}
	get fileName() {
		return this.#fileName;
	}
	get preview() {
		return this.#preview;
	}
	get fileProblem() {
		return this.#fileProblem;
	}
	get result() {
		return this.#result;
	}
	get busy() {
		return this.#busy;
	}
	get choices(): Readonly<Record<number, Choice>> {
		return this.#choices;
	}
	get fields(): readonly FieldDef[] {
		return fieldsOf(this.target);
	}
	get duplicates() {
		return (this.#preview?.items ?? []).flatMap((item, i) =>
			item.duplicateOf ? [{ i, item }] : []
		);
	}

	/** Reads a chosen file; a file over the limit is refused before it is read. */
	async choose(file: File): Promise<void> {
		this.reset();
		this.#fileName = file.name;
		if (file.size > MAX_FILE_BYTES) {
			this.#fileProblem = 'file.too_large';
			return;
		}
		this.#busy = true;
		try {
			const { readSpreadsheet } = await import('$lib/import/read');
			const read = await readSpreadsheet(new Uint8Array(await file.arrayBuffer()), file.name);
			if (!read.ok) this.#fileProblem = read.code;
			else {
				this.#sheet = read.sheet;
				this.#run();
			}
		} finally {
			this.#busy = false;
		}
	}

	/** Maps a column to a field (or to nothing) and previews again. */
	remap(column: number, field: string | null): void {
		const mapping: ColumnMap = [...(this.#preview?.mapping ?? [])];
		for (let i = 0; i < mapping.length; i++) if (field && mapping[i] === field) mapping[i] = null;
		mapping[column] = field;
		this.#run(mapping);
	}

	setChoice(item: number, choice: Choice): void {
		this.#choices = { ...this.#choices, [item]: choice };
	}

	#run(mapping?: ColumnMap): void {
		const sheet = this.#sheet;
		if (!sheet) return;
		const main = this.#session.docs.main;
		const r =
			this.target === 'household'
				? previewHouseholds(sheet, {
						existing: main.list('household').flatMap((x) => (x.ok ? [x.record] : [])),
						year: yearOf(todayIn()),
						...(mapping ? { mapping } : {})
					})
				: previewStudents(sheet, {
						existing: main.list('student').flatMap((x) => (x.ok ? [x.record] : [])),
						...(mapping ? { mapping } : {})
					});
		if (!r.ok) {
			this.#fileProblem = r.code;
			this.#preview = undefined;
			this.#step = 'file';
		} else {
			this.#fileProblem = undefined;
			this.#preview = r.preview;
			this.#step = 'preview';
		}
	}

	commit(): CommitResult | undefined {
		const preview = this.#preview;
		if (!preview || this.readonly) return undefined;
		const r = commitImport(this.#session.docs.main, preview, this.#choices);
		this.#result = r;
		if (r.ok) this.#step = 'done';
		return r;
	}

	/** Whether the commit wrote anything (a file of skipped duplicates writes nothing). */
	get canUndo(): boolean {
		const r = this.#result;
		return !!r?.ok && r.created.length + r.merged.length > 0;
	}

	/** Undoes the import just committed (one step: the whole file). */
	undo(): void {
		// With nothing written there is no step of this import: undo would take back another.
		if (!this.canUndo) return;
		this.#session.undo();
		this.#result = undefined;
		this.#step = 'preview';
	}

	reset(): void {
		this.#step = 'file';
		this.#sheet = undefined;
		this.#preview = undefined;
		this.#fileProblem = undefined;
		this.#choices = {};
		this.#result = undefined;
	}
}
