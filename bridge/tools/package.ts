// npm run bridge:package [-- --out <folder>] [--no-lock]
// Builds what a Windows admin copies to the Sage PC (README.md, "Install on the Sage PC"):
//   dist/ (compiled bridge), openapi.yaml, package.json (runtime dependencies only) + package-lock.json,
//   service/ (WinSW service definition, example configuration), README.md, LICENSE.
// On the PC: `npm ci --omit=dev` in that folder installs the pinned dependencies (the native ones,
// odbc and winax, build or fetch their Windows binaries there). --no-lock skips the lockfile
// (it needs the npm registry), for a local check of the build.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const BRIDGE = resolve(__dirname, '..');
const ROOT = resolve(BRIDGE, '..');

function run(command: string, args: string[], cwd: string): void {
	const result = spawnSync(command, args, { cwd, stdio: 'inherit', shell: process.platform === 'win32' });
	if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (exit ${result.status})`);
}

export function packageBridge(out: string, lock: boolean): string {
	rmSync(join(BRIDGE, 'dist'), { recursive: true, force: true });
	run(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', join(BRIDGE, 'tsconfig.json')], ROOT);
	rmSync(out, { recursive: true, force: true });
	mkdirSync(out, { recursive: true });
	cpSync(join(BRIDGE, 'dist'), join(out, 'dist'), { recursive: true });
	cpSync(join(BRIDGE, 'service'), join(out, 'service'), { recursive: true });
	for (const file of ['openapi.yaml', 'README.md']) cpSync(join(BRIDGE, file), join(out, file));
	cpSync(join(ROOT, 'LICENSE'), join(out, 'LICENSE'));
	const source = JSON.parse(readFileSync(join(BRIDGE, 'package.json'), 'utf8')) as Record<string, unknown>;
	const manifest = {
		name: source.name,
		version: source.version,
		private: true,
		description: source.description,
		license: source.license,
		main: source.main,
		bin: source.bin,
		engines: source.engines,
		scripts: {
			start: 'node dist/cli.js --config C:\\ProgramData\\Sage50Bridge\\bridge.json',
			contract: 'node dist/contract/cli.js',
		},
		dependencies: source.dependencies,
		optionalDependencies: source.optionalDependencies,
		// On the Sage PC both native modules must build (npm 12 runs no install script it was not allowed).
		allowScripts: { odbc: true, winax: true },
	};
	writeFileSync(join(out, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
	if (lock) run('npm', ['install', '--package-lock-only', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund'], out);
	return out;
}

if (require.main === module) {
	const { values } = parseArgs({ options: { out: { type: 'string' }, 'no-lock': { type: 'boolean', default: false } } });
	const out = resolve(values.out ?? join(BRIDGE, 'release', 'sage50-bridge'));
	packageBridge(out, !values['no-lock']);
	console.log(`Sage 50 bridge package in ${out}: copy the folder to the Sage PC (e.g. C:\\Program Files\\Sage50Bridge), then follow bridge/README.md, "Install on the Sage PC".`);
}
