// Whether the app build is current: a SHA-256 over every input of `vite build` (paths and
// contents), kept next to the build. `npm start` rebuilds only when it changed, so a second
// start takes a second instead of 35. Node built-ins only: it runs before node_modules exists.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/** What the build reads. Generated code (Paraglide's output) is derived from messages/. */
const INPUTS = [
	'src',
	'static',
	'messages',
	'project.inlang/settings.json',
	'svelte.config.js',
	'vite.config.ts',
	'tsconfig.json',
	'package-lock.json'
];
const SKIP = new Set([join('src', 'lib', 'paraglide')]);
export const STAMP_FILE = '.bangfu-build-stamp';

/**
 * Every file under `inputs` that `keep` accepts, in a stable order.
 * @param {string} root @param {string} path @param {(path: string) => boolean} keep @param {string[]} out
 */
function files(root, path, keep, out) {
	const full = join(root, path);
	if (!existsSync(full) || !keep(path)) return;
	if (statSync(full).isDirectory()) {
		for (const name of readdirSync(full).sort()) files(root, join(path, name), keep, out);
	} else out.push(path);
}

/**
 * A SHA-256 over the paths and contents of the files under `inputs` (relative to `root`)
 * that `keep` accepts; the relay bundle's stamp (relay-build.mjs) uses it too.
 * @param {string} root @param {string[]} inputs @param {(path: string) => boolean} keep
 * @returns {string}
 */
export function inputsHash(root, inputs, keep) {
	const hash = createHash('sha256');
	/** @type {string[]} */
	const list = [];
	for (const input of inputs) files(root, input, keep, list);
	for (const path of list) {
		hash.update(relative(root, join(root, path)).split(sep).join('/') + '\0');
		hash.update(readFileSync(join(root, path)));
		hash.update('\0');
	}
	return hash.digest('hex');
}

/** The hash of the build's inputs under `root`. @param {string} root @returns {string} */
export function sourceHash(root) {
	return inputsHash(root, INPUTS, (path) => !SKIP.has(path));
}

/** True when `buildDir` holds a build of exactly these sources. @param {string} root */
export function buildIsCurrent(root, buildDir = join(root, 'build')) {
	const stamp = join(buildDir, STAMP_FILE);
	if (!existsSync(join(buildDir, 'index.html')) || !existsSync(stamp)) return false;
	return readFileSync(stamp, 'utf8').trim() === sourceHash(root);
}

/**
 * Records that `buildDir` was built from the current sources (call after a successful build).
 * @param {string} root @param {string} hash
 */
export function writeStamp(root, hash, buildDir = join(root, 'build')) {
	writeFileSync(join(buildDir, STAMP_FILE), hash + '\n');
}
