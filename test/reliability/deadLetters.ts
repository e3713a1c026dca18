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

/**
 * >>> DEAD-LETTER HOOK <<< The product does not expose dead letters yet (today it has none). When the
 * bridge's delivery ledger lands, read its dead-letter list here through its route (e.g. the
 * contract's list of parked deliveries) and map every entry to `DeadLetter`; nothing else in the
 * harness needs to change. `bridgeUrl` is the bridge origin, `apiKey` its X-API-Key.
 */
export async function readDeadLetters(_bridge: { bridgeUrl: string; apiKey: string }): Promise<DeadLetter[]> {
	return [];
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
