// The backup screens' outcomes in words (managers/workspace-backup.svelte.ts).
import { m } from '$lib/paraglide/messages.js';
import type { BackupOutcome } from '$lib/managers/workspace-backup.svelte';

type Refusal = Extract<BackupOutcome, { done: 'refused' }>['refusal'];

const REFUSALS: Record<Refusal, () => string> = {
	unreadable: m.backup_error_unreadable,
	wrong_format: m.backup_error_wrong_format,
	newer_version: m.backup_error_newer_version,
	damaged: m.backup_error_damaged,
	other_workspace: m.backup_error_other_workspace,
	read_only: m.backup_error_read_only,
	too_large: m.backup_error_too_large
};

export function refusalText(refusal: Refusal): string {
	return REFUSALS[refusal]();
}

/** The line shown after an export or import, and whether it is an error. */
export function outcomeText(o: BackupOutcome): { text: string; error: boolean } {
	switch (o.done) {
		case 'exported': {
			const text = m.backup_exported({
				fileName: o.fileName,
				documents: o.documents,
				photos: o.photos
			});
			const extra =
				o.photosLeftOut > 0 ? ` ${m.backup_photos_left_out({ count: o.photosLeftOut })}` : '';
			return { text: text + extra, error: false };
		}
		case 'imported':
			return {
				text:
					o.documentsChanged === 0 && o.photosAdded === 0
						? m.backup_imported_nothing_new()
						: m.backup_imported({
								who: o.exportedBy.split(' · ')[0] || o.exportedBy,
								documents: o.documentsChanged,
								photos: o.photosAdded
							}),
				error: false
			};
		case 'refused':
			return { text: refusalText(o.refusal), error: true };
		case 'failed':
			return { text: m.backup_failed({ reason: o.message }), error: true };
	}
}
