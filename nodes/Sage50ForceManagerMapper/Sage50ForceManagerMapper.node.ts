import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { assertMappable, mapOrFail } from '../shared/mapping';
import { properties } from './description';
import { readSettings } from './settings';

export class Sage50ForceManagerMapper implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Sage 50 ⇄ ForceManager Mapper',
		name: 'sage50ForceManagerMapper',
		icon: { light: 'file:mapper.svg', dark: 'file:mapper.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["entity"] + ": " + ($parameter["direction"] === "forceManagerToSage" ? "ForceManager → Sage 50" : "Sage 50 → ForceManager")}}',
		description: 'Turn Sage 50 or ForceManager records into the other system\'s shape by the sync rules',
		defaults: { name: 'Sage 50 ⇄ ForceManager Mapper' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const out: INodeExecutionData[] = [];
		for (let i = 0; i < items.length; i++) {
			const item = items[i];
			const settings = readSettings.call(this, i);
			try {
				assertMappable(settings.entity, settings.direction);
			} catch (error) {
				throw new NodeOperationError(this.getNode(), error as Error, { itemIndex: i });
			}
			// A record that cannot be mapped comes out as a "fail" item: it fails alone, downstream.
			const mapped = mapOrFail(item.json, settings, { hasImage: item.binary?.image !== undefined });
			out.push({ json: mapped as unknown as IDataObject, ...(item.binary ? { binary: item.binary } : {}), pairedItem: { item: i } });
		}
		return [out];
	}
}
