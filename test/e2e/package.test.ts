// The published artefact: what `npm pack` puts in the tarball is what n8n installs. It must hold
// the built nodes and credentials with their icons and codex files, every workflow template, and
// nothing that would make n8n install a runtime dependency or ship the tooling.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { packPackage, REPO_ROOT, type PackedPackage } from '../../sandbox/n8n';

jest.setTimeout(300_000);

interface PackedManifest {
	dependencies?: Record<string, string>;
	peerDependencies?: Record<string, string>;
	n8n: { nodes: string[]; credentials: string[] };
}

type Icon = string | { light: string; dark: string } | undefined;

function iconFiles(icon: Icon): string[] {
	if (!icon) return [];
	const all = typeof icon === 'string' ? [icon] : [icon.light, icon.dark];
	return all.filter((i) => i.startsWith('file:')).map((i) => i.slice('file:'.length));
}

function loadBuilt(file: string): Record<string, unknown> {
	const className = path.basename(file).split('.')[0];
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const exported = require(path.join(REPO_ROOT, file)) as Record<string, new () => Record<string, unknown>>;
	return new exported[className]();
}

describe('npm pack', () => {
	let pkg: PackedPackage;
	let files: Set<string>;
	let manifest: PackedManifest;

	beforeAll(() => {
		pkg = packPackage({ build: 'ifMissing' });
		const listing = execFileSync('tar', ['-tzf', pkg.tgz], { encoding: 'utf8' });
		files = new Set(listing.split('\n').filter(Boolean).map((f) => f.replace(/^package\//, '')));
		manifest = JSON.parse(execFileSync('tar', ['-xOzf', pkg.tgz, 'package/package.json'], { encoding: 'utf8' }));
	});

	test('has no runtime dependency and only n8n-workflow as peer', () => {
		expect(Object.keys(manifest.dependencies ?? {})).toEqual([]);
		expect(Object.keys(manifest.peerDependencies ?? {})).toEqual(['n8n-workflow']);
	});

	test('contains every registered node (with codex file and icons) and credential (with icon)', () => {
		expect(manifest.n8n.nodes.length).toBeGreaterThan(0);
		expect(manifest.n8n.credentials.length).toBeGreaterThan(0);
		for (const file of [...manifest.n8n.nodes, ...manifest.n8n.credentials]) {
			expect(files).toContain(file);
			const built = loadBuilt(file);
			const icon = (file.endsWith('.node.js') ? (built.description as { icon?: Icon }).icon : built.icon) as Icon;
			const icons = iconFiles(icon);
			expect(icons.length).toBeGreaterThan(0);
			for (const relative of icons) expect(files).toContain(path.posix.join(path.posix.dirname(file), relative));
			if (file.endsWith('.node.js')) expect(files).toContain(file.replace(/\.js$/, '.json'));
		}
	});

	test('ships every workflow template under dist/workflows', () => {
		const dir = path.join(REPO_ROOT, 'workflows');
		const templates = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.json')) : [];
		const shipped = [...files].filter((f) => f.startsWith('dist/workflows/')).map((f) => path.posix.basename(f));
		expect(shipped.sort()).toEqual(templates.sort());
	});

	test('ships only the build output (no sources, tests, simulators or bridge)', () => {
		const outside = [...files].filter(
			(f) => !f.startsWith('dist/') && !['package.json', 'README.md', 'LICENSE'].includes(f),
		);
		expect(outside).toEqual([]);
		expect([...files].filter((f) => /^dist\/(test|sandbox|bridge|bench)\//.test(f))).toEqual([]);
	});
});
