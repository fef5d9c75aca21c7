// The quarterly report's text (季度报告文字), co-edited in the workspace document: one record a
// quarter, each section a shared text bound once, the way a plan's sections are. The report
// export reads it from the document, so what every member typed is in the file.
import {
	NARRATIVE_SECTIONS,
	narrativeId,
	quarterKeyOf,
	type NarrativeSection,
	type Quarter
} from '$lib/domain';
import type { WriteResult } from '$lib/doc';
import { narrativeText } from '$lib/reports/quarterly';
import { sharedText, type SharedText } from '$lib/services/shared-text';
import type { WorkspaceSession } from '$lib/services/workspace.svelte';

export { NARRATIVE_SECTIONS, type NarrativeSection };

/** The quarter's text as the report prints it (headed sections; '' when nothing is written). */
export function readNarrative(session: WorkspaceSession, q: Quarter): string {
	const r = session.docs.main.get('narrative', narrativeId(q));
	if (!r?.ok || r.deleted) return '';
	return narrativeText(r.record);
}

export class QuarterlyNarrativeManager {
	readonly quarter: Quarter;
	readonly #session: WorkspaceSession;
	// eslint-disable-next-line svelte/prefer-svelte-reactivity -- a cache of bindings, never rendered
	#texts = new Map<NarrativeSection, SharedText>();

	constructor(session: WorkspaceSession, quarter: Quarter) {
		this.#session = session;
		this.quarter = quarter;
	}

	get id(): string {
		return narrativeId(this.quarter);
	}

	get readonly(): boolean {
		return this.#session.readonly;
	}

	/**
	 * Makes the quarter's record when it is not there yet (editors only). Its id comes from the
	 * quarter, so two devices doing this apart make one record and their texts merge.
	 */
	ensure(): WriteResult<string> | undefined {
		if (this.readonly || this.#session.docs.main.get('narrative', this.id)) return undefined;
		return this.#session.docs.main.create(
			'narrative',
			{ period: quarterKeyOf(this.quarter) },
			{ id: this.id }
		);
	}

	text(section: NarrativeSection): SharedText {
		let t = this.#texts.get(section);
		if (!t) {
			t = sharedText(
				this.#session.docs.main.text('narrative', this.id, section),
				this.#session.docs.origin
			);
			this.#texts.set(section, t);
		}
		return t;
	}
}
