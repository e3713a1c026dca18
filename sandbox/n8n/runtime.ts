// Locates (installing on first use) the Node 24 + n8n runtime that every harness process runs on.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');

export interface N8nRuntime {
	/** Cache folder holding node_modules/{node,n8n} (`$SFM_CACHE_DIR/n8n-<version>`). */
	dir: string;
	/** Node 24 binary and the folder to put first on PATH. */
	nodeBin: string;
	nodeBinDir: string;
	/** n8n's CLI entry (a JS file run with `nodeBin`). */
	n8nBin: string;
	/** n8n's own node_modules (sqlite3, flatted, bcryptjs … resolve from here). */
	nodeModules: string;
	n8nVersion: string;
}

let cached: N8nRuntime | undefined;

/**
 * Runs `scripts/prepare-n8n.sh` (idempotent: a warm cache returns at once, a cold one installs
 * Node 24 + n8n from the npm registry in a few minutes) and returns the paths to use.
 */
export function prepareN8nRuntime(): N8nRuntime {
	if (cached) return cached;
	const script = path.join(REPO_ROOT, 'scripts', 'prepare-n8n.sh');
	const out = execFileSync('bash', [script], {
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'inherit'],
		maxBuffer: 1 << 20,
	});
	const dir = out.trim().split('\n').pop() ?? '';
	const nodeModules = path.join(dir, 'node_modules');
	const nodeBinDir = path.join(nodeModules, 'node', 'bin');
	const runtime: N8nRuntime = {
		dir,
		nodeBin: path.join(nodeBinDir, 'node'),
		nodeBinDir,
		n8nBin: path.join(nodeModules, 'n8n', 'bin', 'n8n'),
		nodeModules,
		n8nVersion: JSON.parse(fs.readFileSync(path.join(nodeModules, 'n8n', 'package.json'), 'utf8'))
			.version,
	};
	for (const file of [runtime.nodeBin, runtime.n8nBin]) {
		if (!fs.existsSync(file)) throw new Error(`prepare-n8n.sh finished but ${file} is missing`);
	}
	cached = runtime;
	return runtime;
}
