import type { ResourceKind } from './columns.js';

export const costByTag: ResourceKind = {
  key: 'cost_by_tag',
  file: 'cost_by_tag.csv',
  title: 'Cost by tag (Usage API, per month and tag key; one key at a time, so keys must not be summed together)',
  columns: [
    { field: 'month', type: 'string', description: 'Calendar month, YYYY-MM (the current one is month to date)' },
    { field: 'tagNamespace', type: 'string', description: 'Namespace name' },
    { field: 'tagKey', type: 'string', description: 'Tag key' },
    { field: 'tagValue', type: 'string', description: 'Tag value; empty = cost not carrying this tag (untagged)' },
    { field: 'cost', type: 'number', description: 'Cost as the API gave it, summed over pages' },
    { field: 'currency', type: 'string', description: 'Currency code' },
  ],
};

export const costByMonth: ResourceKind = {
  key: 'cost_by_month',
  file: 'cost_by_month.csv',
  title: 'Cost by month (Usage API, ungrouped totals)',
  columns: [
    { field: 'month', type: 'string', description: 'Calendar month, YYYY-MM (the current one is month to date)' },
    { field: 'cost', type: 'number', description: 'Total cost of the month' },
    { field: 'currency', type: 'string', description: 'Currency code' },
  ],
};
