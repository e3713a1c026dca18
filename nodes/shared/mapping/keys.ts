// The Mapper's Sage keys of a record — also the ForceManager extId of its counterpart and the key of
// the pair's sync state: ACCOUNT_REF, "<ACCOUNT_REF>/<ADDRESS_REF>", "SO:<n>" / "QU:<n>".
import type { PairEntity } from '../sync/snapshot';
import { orderKey } from './salesOrders';
import type { Rec } from './types';

export function sageKeyOf(entity: PairEntity, record: Rec | null | undefined): string | undefined {
	if (!record) return undefined;
	const text = (v: unknown) => (v === undefined || v === null ? '' : String(v).trim());
	if (entity === 'account') return text(record.ACCOUNT_REF) || undefined;
	if (entity === 'contact') {
		const account = text(record.ACCOUNT_REF);
		const ref = text(record.ADDRESS_REF);
		return account && ref ? `${account}/${ref}` : undefined;
	}
	return record.ORDER_NUMBER === undefined || record.ORDER_NUMBER === null ? undefined : orderKey(record.ORDER_TYPE, record.ORDER_NUMBER);
}
