import type { Caller } from '../../src/oci/call.js';
import type { Row } from '../../src/resources/columns.js';
import type { FailureRow, Scope } from '../protocol.js';
import type { Clients } from '../clients.js';

/** What one scope's call gives back; a thrown error becomes the scope's one failure instead. */
export interface ScopeOutcome {
  rows: Row[];
  attempts: number;
  tenancy?: Row;
  warnings?: string[];
  /** Failures the call recorded itself while still returning rows (e.g. a 401 beside a listing). */
  failures?: FailureRow[];
  /** Buffers of the rows' typed arrays, handed to the coordinator instead of copied (the call no longer uses them). */
  transfer?: ArrayBuffer[];
}

/** The worker side of a phase: the OCI operation it names in failures, and the call for one scope. */
export interface PhaseCall {
  operation: string;
  run(clients: Clients, caller: Caller, scope: Scope): Promise<ScopeOutcome>;
}
