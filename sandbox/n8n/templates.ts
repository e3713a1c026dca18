// Loading the package's workflow templates (`workflows/*.json`) for import into a real n8n:
// fixed ids (n8n's CLI needs them; ≤ 21 chars) and credential references pointed at the
// credentials a test or the local stack imported.
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { IDataObject } from 'n8n-workflow';
import type { N8nCredential, N8nWorkflow } from './instance';
import { REPO_ROOT } from './runtime';

export const TEMPLATES_DIR = path.join(REPO_ROOT, 'workflows');

/** A stable id for a template without one: its file name, shortened with a hash when too long. */
export function templateId(file: string): string {
	const base = path.basename(file, '.json').replace(/[^A-Za-z0-9]/g, '');
	if (base.length > 0 && base.length <= 21) return base;
	const hash = crypto.createHash('sha1').update(path.basename(file)).digest('hex').slice(0, 6);
	return `${base.slice(0, 14)}${hash}`.slice(0, 21);
}

/**
 * Points every node's credential of a given type at the given credential (by id and name), so
 * imported templates work without opening them in the editor.
 */
export function bindCredentials(workflow: N8nWorkflow, credentials: N8nCredential[]): N8nWorkflow {
	const byType = new Map(credentials.map((c) => [c.type, c]));
	const nodes = workflow.nodes.map((node) => {
		const refs = node.credentials as IDataObject | undefined;
		if (!refs) return node;
		const bound: IDataObject = {};
		for (const [type, ref] of Object.entries(refs)) {
			const credential = byType.get(type);
			bound[type] = credential ? { id: credential.id, name: credential.name } : ref;
		}
		return { ...node, credentials: bound };
	});
	return { ...workflow, nodes };
}

/** Every `workflows/*.json` (sorted by file name), with ids and credential bindings applied. */
export function loadTemplates(credentials: N8nCredential[] = [], dir = TEMPLATES_DIR): Array<N8nWorkflow & { file: string }> {
	if (!fs.existsSync(dir)) return [];
	return fs
		.readdirSync(dir)
		.filter((f) => f.endsWith('.json'))
		.sort()
		.map((f) => {
			const file = path.join(dir, f);
			const raw = JSON.parse(fs.readFileSync(file, 'utf8')) as N8nWorkflow;
			const id = raw.id && raw.id.length <= 21 ? raw.id : templateId(file);
			return { ...bindCredentials({ ...raw, id }, credentials), file };
		});
}

/** A template started by hand (a manual trigger only, e.g. replaying dead letters) is not published. */
export function isPublishable(workflow: N8nWorkflow): boolean {
	return workflow.nodes.some((n) => /Trigger$/i.test(String(n.type)) && n.type !== 'n8n-nodes-base.manualTrigger');
}
