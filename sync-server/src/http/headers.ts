// Security headers for everything the relay serves (issue 10 #9) and the /api CORS policy.
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RelayConfig } from '../config.ts';

/** On every response: no framing (clickjacking a share screen), no referrer (a join URL's
 * path never leaks to another site), no MIME sniffing. */
export function setSecurityHeaders(res: ServerResponse): void {
	res.setHeader('x-content-type-options', 'nosniff');
	res.setHeader('referrer-policy', 'no-referrer');
	res.setHeader('x-frame-options', 'DENY');
}

/**
 * The Content-Security-Policy of one built HTML page. SvelteKit's SPA shell boots from one
 * inline <script>; it is allowed by its hash, computed from the file actually served, so a
 * rebuild needs no configuration and no other inline script runs. Styles allow inline:
 * Svelte and the shell set `style` attributes, and a style cannot carry a token away the way
 * a script can. `connect-src` admits any TLS relay (a workspace may be shared on another
 * relay than the one serving the app) but plain http/ws only to this origin.
 */
export function contentSecurityPolicy(html: string): string {
	const hashes: string[] = [];
	for (const m of html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/gi)) {
		hashes.push(`'sha256-${createHash('sha256').update(m[1]!).digest('base64')}'`);
	}
	return [
		"default-src 'self'",
		`script-src 'self' ${hashes.join(' ')}`.trim(),
		"style-src 'self' 'unsafe-inline'",
		// Photos are shown from blob: URLs; the QR code library paints to a data: URL.
		"img-src 'self' data: blob:",
		"font-src 'self'",
		"connect-src 'self' https: wss:",
		"worker-src 'self'",
		"manifest-src 'self'",
		"object-src 'none'",
		"base-uri 'none'",
		"form-action 'self'",
		"frame-ancestors 'none'"
	].join('; ');
}

/** The origins a browser page may call /api from: this relay's own, PUBLIC_URL's, CORS_ORIGINS. */
export function originAllowed(origin: string, req: IncomingMessage, config: RelayConfig): boolean {
	if (config.corsOrigins === '*') return true;
	let parsed: URL;
	try {
		parsed = new URL(origin);
	} catch {
		return false;
	}
	if (parsed.host === req.headers.host) return true;
	if (config.publicUrl && new URL(config.publicUrl).origin === parsed.origin) return true;
	return config.corsOrigins.includes(parsed.origin);
}
