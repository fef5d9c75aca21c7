import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		// A single-page app: the relay serves build/ and falls back to index.html for every
		// route, so the service worker can precache one shell that opens any page offline.
		adapter: adapter({
			pages: 'build',
			assets: 'build',
			fallback: 'index.html',
			precompress: true
		}),
		// @vite-pwa/sveltekit generates and registers the service worker.
		serviceWorker: { register: false },
		alias: { $domain: 'src/lib/domain', $doc: 'src/lib/doc' }
	}
};

export default config;
