// Dead-lettered records: what the product parks after its retries (architecture §7: "Failed records
// retry with back-off, then park in a visible dead-letter list that one action replays").
import { text } from './correspondence';

export interface DeadLetter {
	/** Entity in either system's words: account/customer, contact/address, product, salesOrder/quotation/order, invoice/sale. */
	entity: string;
	/** The record's key at its source: a Sage key (ACCOUNT_REF, REF/n, STOCK_CODE, SO:n …) or a ForceManager id. */
	key: string;
	direction?: 'sageToForceManager' | 'forceManagerToSage';
	/** Why it was parked (the last error, naming the field). A dead letter without one is unexplained. */
	reason?: string;
	attempts?: number;
}

/** Entities of Sage change feeds (the other consumers read ForceManager). */
const SAGE_FEEDS = new Set(['customers', 'addresses', 'products', 'sales-orders', 'invoices', 'users']);

/**
 * The bridge's delivery ledger, every consumer's dead letters (`GET /deliveries/dead-letters`, the
 * route the Sync Delivery node reads). `bridgeUrl` is the bridge origin, `apiKey` its X-API-Key.
 */
export async function readDeadLetters(bridge: { bridgeUrl: string; apiKey: string }): Promise<DeadLetter[]> {
	const response = await fetch(`${bridge.bridgeUrl}/deliveries/dead-letters?limit=10000`, { headers: { 'X-API-Key': bridge.apiKey } });
	if (!response.ok) throw new Error(`dead letters: ${response.status} ${await response.text()}`);
	const { items } = (await response.json()) as { items: Array<{ entity: string; key: string; reason: string | null; field: string | null; attempts: number }> };
	return items.map((d) => ({
		entity: d.entity,
		key: d.key,
		direction: SAGE_FEEDS.has(d.entity) ? 'sageToForceManager' : 'forceManagerToSage',
		...(d.reason ? { reason: d.field ? `${d.reason} (field ${d.field})` : d.reason } : {}),
		attempts: d.attempts,
	}));
}

const ENTITY_WORDS: Record<string, string> = {
	account: 'account',
	accounts: 'account',
	customer: 'account',
	customers: 'account',
	contact: 'contact',
	contacts: 'contact',
	address: 'contact',
	addresses: 'contact',
	customeraddress: 'contact',
	product: 'product',
	products: 'product',
	salesorder: 'order',
	salesorders: 'order',
	'sales-orders': 'order',
	quotation: 'order',
	quotations: 'order',
	order: 'order',
	invoice: 'sale',
	invoices: 'sale',
	sale: 'sale',
	sales: 'sale',
};

/** `contact:ABS001/3` — the checker's entity name and the key as given. */
export const deadLetterId = (entity: string, key: string): string => `${ENTITY_WORDS[entity.toLowerCase()] ?? entity.toLowerCase()}:${text(key)}`;
