import { UsageError } from '../errors.js';
import { resolveAuth } from '../oci/auth.js';
import { REGION_ID, TENANCY_OCID, type CollectOptions } from './options.js';

export interface Target {
  tenancyId: string;
  region?: string;
  /** What the run talks to (endpoint URL or region): a journal is only resumed against the same one. */
  target: string;
}

/** Checks what can be checked before any thread starts, so bad input fails in one line, fast. */
export async function preflight(options: CollectOptions): Promise<Target> {
  const auth = await resolveAuth(options.auth);
  for (const w of auth.warnings) options.onWarning?.(w);
  const tenancyId = options.tenancyId ?? auth.tenancyId;
  if (!tenancyId) throw new UsageError(`no tenancy: pass --tenancy or set "tenancy" in the profile`);
  if (!TENANCY_OCID.test(tenancyId)) throw new UsageError(`"${tenancyId}" is not a tenancy OCID (expected ocid1.tenancy.<realm>..<unique id>)`);
  const region = options.region ?? auth.region;
  if (region && !REGION_ID.test(region)) throw new UsageError(`"${region}" is not an OCI region identifier (e.g. us-ashburn-1)`);
  if (!region && !options.endpoint) throw new UsageError(`no region: pass --region or set "region" in the profile`);
  return { tenancyId, region, target: options.endpoint ? options.endpoint.replace(/\/+$/, '') : `region ${region}` };
}
