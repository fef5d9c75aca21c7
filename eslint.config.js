import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

const LAYERS =
	'Routes and ui/ go through a manager (src/lib/managers) or a service: no $lib/doc, $lib/local, $lib/sync/api, yjs, dexie or y-indexeddb, no session.docs or deviceService.db (docs/architecture.md, "Adding a screen").';

export default ts.config(
	{
		ignores: [
			'build/',
			'.svelte-kit/',
			'src/lib/paraglide/',
			'node_modules/',
			'bench/results/',
			'sync-server/dist/',
			'test-results/',
			'playwright-report/',
			'static/'
		]
	},
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	{
		languageOptions: { globals: { ...globals.browser, ...globals.node } },
		rules: {
			'no-undef': 'off',
			'@typescript-eslint/no-unused-vars': [
				'error',
				{ argsIgnorePattern: '^_', varsIgnorePattern: '^_' }
			]
		}
	},
	{
		// IndexedDB, sockets and SQLite are promise-heavy: a forgotten await loses data.
		files: ['**/*.ts', '**/*.svelte'],
		languageOptions: {
			parserOptions: {
				projectService: true,
				extraFileExtensions: ['.svelte'],
				parser: ts.parser,
				svelteConfig
			}
		},
		rules: {
			'@typescript-eslint/no-floating-promises': 'error',
			'@typescript-eslint/no-misused-promises': 'error'
		}
	},
	{
		files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
		...ts.configs.disableTypeChecked
	},
	{
		// Screens and components call managers (src/lib/managers) and services, never the
		// document layer, the device's storage or the relay API: docs/architecture.md,
		// "Adding a screen".
		files: ['src/routes/**', 'src/lib/ui/**'],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					paths: ['yjs', 'dexie', 'y-indexeddb', 'y-websocket', '$lib/sync/api'].map((name) => ({
						name,
						message: LAYERS
					})),
					patterns: [
						{
							group: ['$lib/doc', '$lib/doc/*', '$lib/local', '$lib/local/*', '$lib/sync/api'],
							message: LAYERS
						},
						{ group: ['**/lib/doc/**', '**/lib/local/**', '**/sync/api*'], message: LAYERS }
					]
				}
			],
			'no-restricted-syntax': [
				'error',
				{ selector: "MemberExpression[property.name='docs']", message: LAYERS },
				{
					selector: "MemberExpression[object.name='deviceService'][property.name='db']",
					message: LAYERS
				}
			]
		}
	}
);
