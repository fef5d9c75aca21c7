// Display labels for enum values, through the i18n layer.
import { m } from '$lib/paraglide/messages.js';
import type { WorkspaceKind } from '$lib/services/device.svelte';
import type { Role } from '$lib/sync/protocol';

export function kindLabel(kind: WorkspaceKind): string {
	return { school: m.ws_kind_school, village: m.ws_kind_village, pairing: m.ws_kind_pairing }[
		kind
	]();
}

export function roleLabel(role: Role): string {
	return { owner: m.ws_role_owner, editor: m.ws_role_editor, viewer: m.ws_role_viewer }[role]();
}
