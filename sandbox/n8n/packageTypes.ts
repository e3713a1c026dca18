// The node and credential type names this package registers with n8n, derived from the
// package.json `n8n` block and the built classes in dist/ (class name = file name up to the
// first dot, as n8n's loader does; node type = `<package name>.<description.name>`).
import * as path from 'node:path';
import { readPackageJson } from './pack';
import { REPO_ROOT } from './runtime';

function loadClass(relativeFile: string): new () => Record<string, unknown> {
	const file = path.join(REPO_ROOT, relativeFile);
	const className = path.basename(file).split('.')[0];
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const exported = require(file) as Record<string, new () => Record<string, unknown>>;
	const cls = exported[className];
	if (typeof cls !== 'function') throw new Error(`${relativeFile} does not export class ${className}`);
	return cls;
}

export interface PackageTypes {
	packageName: string;
	/** e.g. `n8n-nodes-sage50-forcemanager.forceManager` */
	nodes: string[];
	/** e.g. `forceManagerApi` */
	credentials: string[];
}

export function packageTypes(): PackageTypes {
	const pkg = readPackageJson();
	const nodes = (pkg.n8n?.nodes ?? []).map((file) => {
		const instance = new (loadClass(file))();
		const description = instance.description as { name: string } | undefined;
		if (!description?.name) throw new Error(`${file}: node has no description.name`);
		return `${pkg.name}.${description.name}`;
	});
	const credentials = (pkg.n8n?.credentials ?? []).map((file) => String(new (loadClass(file))().name));
	return { packageName: pkg.name, nodes, credentials };
}
