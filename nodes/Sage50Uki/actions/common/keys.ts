// Record keys as the editor takes them and the bridge expects them in paths.
import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

export function readText(this: IExecuteFunctions, name: string, itemIndex: number, label: string): string {
	const value = String(this.getNodeParameter(name, itemIndex, '') ?? '').trim();
	if (value === '') throw new NodeOperationError(this.getNode(), `${label} is empty`, { itemIndex });
	return value;
}

/** Sage upper-cases account references (CustomerCreate: lower case is upper-cased). */
export function readAccountRef(this: IExecuteFunctions, itemIndex: number, name = 'accountRef'): string {
	return readText.call(this, name, itemIndex, 'Account Reference').toUpperCase();
}

export function readNumber(this: IExecuteFunctions, name: string, itemIndex: number, label: string): number {
	const raw = String(this.getNodeParameter(name, itemIndex, '') ?? '').trim();
	if (!/^\d+$/.test(raw) || Number(raw) < 1) {
		throw new NodeOperationError(this.getNode(), `${label} must be a whole number of at least 1, got "${raw}"`, { itemIndex });
	}
	return Number(raw);
}
