// Which shipped templates a soak runs, and in which order — read from `workflows/*.json` at run
// time, so a new template (a "Confirm Delivery" node, a dead-letter replay template …) is picked up
// without touching the harness. Templates with a polling trigger are cycled; error workflows are
// published (n8n only calls a published error workflow); anything else (manual, webhook) is listed
// as not run.
import * as path from 'node:path';

import { loadTemplates } from '../../sandbox/n8n';

export interface SoakTemplate {
	/** File name without .json (`sage-to-fm-accounts`). */
	file: string;
	id: string;
	name: string;
}

export interface SoakTemplates {
	/** Polling templates in dependency order: accounts, products, contacts, orders, invoices, users, others; Sage → FM before FM → Sage. */
	cycled: SoakTemplate[];
	/** Error workflows (Error Trigger): published once. */
	published: SoakTemplate[];
	/** Neither (no polling or error trigger): not run by the soak. */
	notRun: SoakTemplate[];
}

const ENTITY_ORDER = ['account', 'product', 'contact', 'order', 'invoice', 'user'];

const rank = (file: string): [number, number] => {
	const entity = ENTITY_ORDER.findIndex((e) => file.includes(e));
	const direction = file.startsWith('sage-to-fm') ? 0 : file.startsWith('fm-to-sage') ? 1 : 2;
	return [entity < 0 ? ENTITY_ORDER.length : entity, direction];
};

export function soakTemplates(): SoakTemplates {
	const out: SoakTemplates = { cycled: [], published: [], notRun: [] };
	for (const wf of loadTemplates()) {
		const t: SoakTemplate = { file: path.basename(wf.file, '.json'), id: wf.id, name: wf.name };
		const types = wf.nodes.map((n) => ({ type: String(n.type), params: (n.parameters ?? {}) as Record<string, unknown> }));
		if (types.some((n) => n.params.pollTimes !== undefined)) out.cycled.push(t);
		else if (types.some((n) => n.type.endsWith('.errorTrigger'))) out.published.push(t);
		else out.notRun.push(t);
	}
	out.cycled.sort((a, b) => {
		const [ra, rb] = [rank(a.file), rank(b.file)];
		return ra[0] - rb[0] || ra[1] - rb[1] || a.file.localeCompare(b.file);
	});
	return out;
}
