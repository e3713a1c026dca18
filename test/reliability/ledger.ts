// The bridge's delivery ledger as the harness reads it to know when time has to pass (never to judge:
// the checker reads both systems only).
import { BRIDGE_KEY, type SyncBench } from '../support/sync';

export interface LedgerTotals {
	pending: number;
	leased: number;
	waiting: number;
	dead: number;
	/** Changes still to deliver (pending or leased); waiting ones wait for a record the other side lacks. */
	open: number;
}

/** The bridge's delivery ledger, every consumer summed (`GET /deliveries`). */
export async function ledgerTotals(bench: SyncBench): Promise<LedgerTotals> {
	const response = await fetch(`${bench.bridge.url}/deliveries`, { headers: { 'X-API-Key': BRIDGE_KEY } });
	if (!response.ok) throw new Error(`delivery ledger: ${response.status} ${await response.text()}`);
	const { items } = (await response.json()) as { items: Array<Record<'pending' | 'leased' | 'waiting' | 'dead', number>> };
	const sum = (k: 'pending' | 'leased' | 'waiting' | 'dead') => items.reduce((n, i) => n + Number(i[k] ?? 0), 0);
	const totals = { pending: sum('pending'), leased: sum('leased'), waiting: sum('waiting'), dead: sum('dead') };
	return { ...totals, open: totals.pending + totals.leased };
}
