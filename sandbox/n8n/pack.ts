// Packs this repository's n8n package with `npm pack`, the way it would be published.
// The tarball is keyed by a hash of dist/ + package.json, so every suite (and every jest worker)
// in the same run reuses one pack instead of packing again.
import { execFileSync } from 'node:child_process';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from './runtime';

export interface PackOptions {
	/** 'ifMissing' (default): build only when dist/ is absent; 'always': `npm run build` first; 'never'. */
	build?: 'always' | 'ifMissing' | 'never';
	/** Where packs are kept (default `<repo>/.tmp/n8n-pack`). */
	outDir?: string;
}

export interface PackedPackage {
	tgz: string;
	name: string;
	version: string;
	/** The `n8n` block of the packed package.json (node and credential files). */
	n8n: { nodes?: string[]; credentials?: string[] };
}

function hashTree(root: string, hash: crypto.Hash): void {
	const entries = fs.readdirSync(root, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
	for (const entry of entries) {
		const full = path.join(root, entry.name);
		hash.update(path.relative(REPO_ROOT, full));
		if (entry.isDirectory()) hashTree(full, hash);
		else if (entry.isFile()) hash.update(fs.readFileSync(full));
	}
}

export function readPackageJson(): { name: string; version: string; n8n: PackedPackage['n8n'] } {
	return JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));
}

export function buildPackage(): void {
	execFileSync('npm', ['run', 'build', '--silent'], { cwd: REPO_ROOT, stdio: 'inherit' });
}

export function packPackage(options: PackOptions = {}): PackedPackage {
	const dist = path.join(REPO_ROOT, 'dist');
	const build = options.build ?? 'ifMissing';
	if (build === 'always' || (build === 'ifMissing' && !fs.existsSync(dist))) buildPackage();
	if (!fs.existsSync(dist)) throw new Error('dist/ does not exist: run `npm run build` first');

	const pkg = readPackageJson();
	const hash = crypto.createHash('sha256');
	hash.update(fs.readFileSync(path.join(REPO_ROOT, 'package.json')));
	hashTree(dist, hash);
	const key = hash.digest('hex').slice(0, 16);
	const outDir = options.outDir ?? path.join(REPO_ROOT, '.tmp', 'n8n-pack');
	const tgz = path.join(outDir, `${pkg.name}-${pkg.version}-${key}.tgz`);
	if (!fs.existsSync(tgz)) {
		// Pack into a private folder, then rename: concurrent workers never see a half-written file.
		fs.mkdirSync(outDir, { recursive: true });
		const work = fs.mkdtempSync(path.join(outDir, 'work-'));
		try {
			const out = execFileSync('npm', ['pack', '--json', '--pack-destination', work], {
				cwd: REPO_ROOT,
				encoding: 'utf8',
				stdio: ['ignore', 'pipe', 'pipe'],
			});
			const [info] = JSON.parse(out) as Array<{ filename: string }>;
			fs.renameSync(path.join(work, path.basename(info.filename)), tgz);
		} finally {
			fs.rmSync(work, { recursive: true, force: true });
		}
	}
	return { tgz, name: pkg.name, version: pkg.version, n8n: pkg.n8n ?? {} };
}
