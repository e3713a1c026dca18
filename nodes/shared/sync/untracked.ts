// The rule both sync-aware upserts share: a failed item whose change no delivery ledger tracks (no
// delivery token: no Confirm step will retry it or list it as a dead letter) fails the run, naming
// it, so a run with failed records never looks green.
import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { SyncResult } from './envelope';

/**
 * Fails the run for untracked failed items (the others were written); tracked ones go on to Confirm.
 * `noun` counts the items in the message: "records", or "upserts" for Define Below.
 */
export function failUntracked(this: IExecuteFunctions, results: SyncResult[], what: string, noun = 'records'): void {
	const untracked = results.filter((r) => r.status === 'failed' && !r.delivery);
	if (untracked.length === 0 || this.continueOnFail()) return;
	throw new NodeOperationError(this.getNode(), `${untracked.length} of ${results.length} ${what.toLowerCase()} ${noun} failed: ${untracked.map((r) => r.reason ?? r.label).join('; ')}`, {
		description: 'The other records were written. Fix the listed records and run again (unchanged records are skipped), or use a trigger with Delivery "Confirmed by the Workflow" and a Sync Delivery → Confirm step, which retries failed records and lists them as dead letters.',
	});
}

