// The workspace settings screen (/w/<id>/settings): every line, threshold and cadence the
// rules read, validated, with its default; owners write, everyone else reads. A change is a
// settings write, which the alerts service follows at once (services/alerts.ts).
import { DEFAULT_SETTINGS, SETTINGS_ID, type Issue } from '$lib/domain';
import {
	parseLine,
	RANGES,
	parseSetting,
	SETTING_FIELDS,
	settingsIssues,
	type RuleSettings,
	type SettingField,
	type SettingKey
} from '$lib/rules';
import type { WorkspaceSession } from '$lib/services/workspace.svelte';
import { effectiveSettings } from './workspace-settings-read';

type Result = { ok: true } | { ok: false; issues: Issue[] };

export class WorkspaceSettingsManager {
	readonly fields: readonly SettingField[] = SETTING_FIELDS;
	readonly #session: WorkspaceSession;

	constructor(session: WorkspaceSession) {
		this.#session = session;
	}

	/** Only the owner changes the workspace's thresholds (editors and viewers read them). */
	get readonly(): boolean {
		return this.#session.info.role !== 'owner';
	}

	/** The values the rules use now (stored, else the default). */
	get values(): RuleSettings {
		return effectiveSettings(this.#session);
	}

	/**
	 * Whether a setting has its default value. Compared by value: a workspace's settings record
	 * is created with every default written out, so "stored" does not mean "changed".
	 */
	isDefault(key: SettingKey): boolean {
		return JSON.stringify(this.values[key]) === JSON.stringify(DEFAULT_SETTINGS[key]);
	}

	/** Sets one setting from what was typed (numbers, lists) or ticked (flags, choices). */
	set(key: SettingKey, input: string | boolean | string[]): Result {
		if (this.readonly) return { ok: false, issues: [{ path: [key], code: 'doc.read_only' }] };
		const parsed = parseSetting(key, input);
		if (!parsed.ok) return parsed;
		const cross = settingsIssues({ ...this.values, [key]: parsed.value }).filter((i) =>
			this.#pairOf(key).includes(i.path[0] as SettingKey)
		);
		if (cross.length) return { ok: false, issues: cross.map((i) => ({ ...i, path: [key] })) };
		return this.#write({ [key]: parsed.value });
	}

	/** Back to the national/local default (the stored value is removed). */
	reset(key: SettingKey): Result {
		if (this.readonly) return { ok: false, issues: [{ path: [key], code: 'doc.read_only' }] };
		const cross = settingsIssues({ ...this.values, [key]: DEFAULT_SETTINGS[key] });
		if (cross.some((i) => this.#pairOf(key).includes(i.path[0] as SettingKey)))
			return { ok: false, issues: [{ path: [key], code: 'range.order' }] };
		return this.#write({ [key]: undefined });
	}

	/** The monitoring lines, oldest year first. */
	get lines(): [string, number][] {
		return Object.entries(this.values.monitoringLines).sort(([a], [b]) => a.localeCompare(b));
	}

	/** Sets the line of one year; the first change keeps the default years beside it. */
	setLine(year: string, input: string): Result {
		if (this.readonly)
			return { ok: false, issues: [{ path: ['monitoringLines'], code: 'doc.read_only' }] };
		const parsed = parseLine(year.trim(), input);
		if (!parsed.ok) return parsed;
		if (
			!this.#session.rows('settings').some((r) => r.id === SETTINGS_ID && r.raw['monitoringLines'])
		)
			return this.#write({
				monitoringLines: { ...this.values.monitoringLines, [year.trim()]: parsed.value as number }
			});
		const r = this.#session.docs.main.setPath(
			'settings',
			SETTINGS_ID,
			['monitoringLines', year.trim()],
			parsed.value as number
		);
		return r.ok ? { ok: true } : r;
	}

	removeLine(year: string): Result {
		if (this.readonly)
			return { ok: false, issues: [{ path: ['monitoringLines'], code: 'doc.read_only' }] };
		const rest = Object.fromEntries(this.lines.filter(([y]) => y !== year));
		return this.#write({ monitoringLines: rest });
	}

	#pairOf(key: SettingKey): SettingKey[] {
		return RANGES.find((p) => p.includes(key)) ?? [];
	}

	#write(fields: Record<string, unknown>): Result {
		const r = this.#session.docs.main.update('settings', SETTINGS_ID, fields);
		return r.ok ? { ok: true } : r;
	}
}
