import { sveltekit } from '@sveltejs/kit/vite';
import { SvelteKitPWA } from '@vite-pwa/sveltekit';
import { paraglideVitePlugin } from '@inlang/paraglide-js';
import tailwindcss from '@tailwindcss/vite';
import { defineConfig } from 'vitest/config';
import svelteConfig from './svelte.config.js';

// Under vitest only SvelteKit's plugin is needed ($lib aliases); Paraglide's watcher would keep
// the test process alive, and the PWA and CSS plugins have nothing to do there.
const testing = Boolean(process.env.VITEST);
// The service worker lives at the app's root and controls every URL under it. SvelteKit's
// relative asset paths would otherwise make the plugin register `./sw.js` relative to the
// page, which from a deep link (`/w/<id>/households`) is a 404 and no offline app.
const appRoot = `${svelteConfig.kit?.paths?.base ?? ''}/`;

export default defineConfig({
	plugins: testing
		? [sveltekit()]
		: [
				paraglideVitePlugin({
					project: './project.inlang',
					outdir: './src/lib/paraglide',
					// Chinese first: the choice stored on the device wins, otherwise zh-CN. The
					// browser's own language is deliberately not consulted (DEVELOPERS.md).
					strategy: ['localStorage', 'baseLocale']
				}),
				tailwindcss(),
				sveltekit(),
				SvelteKitPWA({
					registerType: 'prompt',
					injectRegister: false,
					scope: appRoot,
					buildBase: appRoot,
					kit: { adapterFallback: 'index.html', spa: true },
					manifest: {
						name: '幫扶 Bangfu',
						short_name: '幫扶',
						description: '结对帮扶工作台：学生档案、一户一档、走访记录与风险预警',
						lang: 'zh-CN',
						start_url: '/',
						scope: '/',
						display: 'standalone',
						background_color: '#f7f5f0',
						theme_color: '#1f6f5c',
						icons: [
							{ src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' },
							{ src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png' },
							{
								src: '/icons/icon-maskable-512.png',
								sizes: '512x512',
								type: 'image/png',
								purpose: 'maskable'
							}
						]
					},
					workbox: {
						globPatterns: ['client/**/*.{js,css,ico,png,svg,webp,woff2,webmanifest}'],
						// Take control on first install so the very first visit already works offline; later
						// versions still wait for the user's "reload" (registerType: 'prompt').
						clientsClaim: true,
						// The workbox runtime inside sw.js rather than a second file it imports: an
						// update check that races the network going away can no longer install a
						// worker whose runtime failed to load (it then answers nothing offline).
						inlineWorkboxRuntime: true,
						// The relay's own routes are never answered from the shell.
						navigateFallbackDenylist: [/^\/api\//, /^\/sync\//, /^\/healthz/, /^\/metrics/]
					}
				})
			],
	test: {
		projects: [
			{
				extends: true,
				test: {
					name: 'node',
					environment: 'node',
					include: [
						'src/**/*.test.ts',
						'sync-server/**/*.test.ts',
						'tests/integration/**/*.test.ts'
					],
					exclude: ['src/**/*.svelte.test.ts', 'node_modules/**'],
					testTimeout: 30_000,
					hookTimeout: 30_000
				}
			}
		]
	}
});
