// The workspace's settings as the rules use them (defaults filled in). Reading the settings
// rows first makes a getter that calls this follow edits made anywhere.
import { SETTINGS_ID } from '$lib/domain';
import { ruleSettings, type RuleSettings } from '$lib/rules';
import type { WorkspaceSession } from '$lib/services/workspace.svelte';

export function effectiveSettings(session: WorkspaceSession): RuleSettings {
	void session.rows('settings');
	const stored = session.docs.main.get('settings', SETTINGS_ID);
	return ruleSettings(stored?.ok ? stored.record : {});
}
