import { pick, type Rng } from './random.js';

// Names follow OCI's rules (ASCII letters, digits, `-`, `_`, `.`), so they look real; descriptions and
// tag values are where real tenancies hold free text, and where a CSV writer gets hurt.

export const TOP_LEVEL = [
  'Finance', 'Engineering', 'Shared-Services', 'Security', 'Network', 'Sandbox', 'Production', 'NonProd',
  'Data-Platform', 'HR', 'Marketing', 'Sales', 'Research', 'Operations', 'Audit', 'Legal', 'Analytics', 'Identity',
];
const UNITS = [
  'app', 'team', 'proj', 'svc', 'workload', 'lab', 'platform', 'db', 'batch', 'api', 'web', 'etl', 'ml', 'edge',
];
const WORDS = [
  'orion', 'atlas', 'zephyr', 'quartz', 'falcon', 'nimbus', 'ember', 'harbor', 'summit', 'delta', 'aurora',
  'cobalt', 'lynx', 'sierra', 'vertex', 'pulse', 'ridge', 'meadow', 'comet', 'tundra', 'willow', 'onyx',
  'pioneer', 'beacon', 'cascade', 'glacier', 'horizon', 'juniper', 'kestrel', 'lumen', 'mosaic', 'nova',
];
const ENVS = ['dev', 'test', 'uat', 'staging', 'prod', 'dr', 'perf', 'qa'];

export function compartmentName(rng: Rng, depth: number): string {
  if (depth === 1) return pick(rng, TOP_LEVEL);
  const r = rng();
  if (r < 0.3) return pick(rng, ENVS);
  if (r < 0.75) return `${pick(rng, UNITS)}-${pick(rng, WORDS)}`;
  return `${pick(rng, WORDS)}_${pick(rng, UNITS)}.${Math.floor(rng() * 100)}`;
}

/** Free text a CSV or JSON writer must survive: separators, quotes, line breaks, non-ASCII, formula prefixes. */
export const HOSTILE = [
  'Cost centre 4711, EMEA, "shared"',
  'Line one\nLine two, with a comma',
  'Zürich – 東京 – São Paulo',
  '=HYPERLINK("http://example.invalid","click")',
  '+SUM(1,2)',
  '-1,5 ; @cmd',
  'He said ""hi"" and left',
  'Windows line\r\nbreak',
  'Tab\tseparated\tvalue',
  'Ünïcødé ✓ 🚀 launch',
  'trailing space ',
  ' leading space',
  '"',
  ',',
  'back\\slash \\n not a newline',
  'Ελληνικά, русский, العربية',
];

const PLAIN = [
  'Workloads for the {w} team',
  'Managed by platform engineering',
  'Landing zone compartment',
  '{w} environment resources',
  'Owned by {w} squad; see wiki',
  'Temporary project space',
];

export function description(rng: Rng, hostileChance: number): string {
  if (rng() < hostileChance) return pick(rng, HOSTILE);
  return pick(rng, PLAIN).replace('{w}', pick(rng, WORDS));
}

export const NAMESPACE_NAMES = [
  'Oracle-Tags', 'Operations', 'Finance', 'Security', 'Governance', 'Project', 'Compliance', 'Automation',
  'Billing', 'Lifecycle', 'Backup', 'Networking', 'Data', 'Platform', 'Legacy',
];

export const TAG_NAMES = [
  'CostCenter', 'Environment', 'Owner', 'Project', 'Application', 'DataClassification', 'BackupPolicy',
  'Schedule', 'BusinessUnit', 'Department', 'Criticality', 'Compliance', 'ExpiryDate', 'Contact', 'Tier',
  'Region', 'ServiceLevel', 'Budget', 'Customer', 'Version', 'Purpose', 'Team', 'Approver', 'Ticket',
];

export const TAG_VALUES = [
  'cc-1001', 'cc-2040', 'prod', 'dev', 'team-atlas', 'confidential', 'public', 'gold', 'silver', 'bronze',
  '${iam.principal.name}', '${oci.datetime}', '${iam.principal.type}', 'n/a',
];

export function tagValue(rng: Rng, hostileChance: number): string {
  if (rng() < hostileChance) return pick(rng, HOSTILE);
  return pick(rng, TAG_VALUES);
}

