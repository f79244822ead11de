import { resolveAuth, type ResolvedAuth } from '../src/oci/auth.js';
import { createClient, endpointFor, type ClientSpec, type ServiceClient } from '../src/oci/client.js';

/**
 * A thread's clients: one per service (and region, for Search), built on first use and reused by every
 * later task, so a client's signer (key parsed once) and keep-alive connections serve the whole run.
 * A failed build is not cached: the next task tries again, rather than the thread failing every task
 * it gets for the rest of the run over one bad moment (a token file being rewritten, say).
 */
export class Clients {
  readonly #spec: ClientSpec;
  #auth?: Promise<ResolvedAuth>;
  readonly #clients = new Map<string, Promise<unknown>>();

  constructor(spec: ClientSpec) {
    this.#spec = spec;
  }

  async #resolve(): Promise<ResolvedAuth> {
    const { endpoint, region } = this.#spec;
    const auth = (this.#auth ??= resolveAuth(this.#spec.auth, { endpoint: endpoint && endpointFor(endpoint, region), region }));
    try {
      return await auth;
    } catch (e) {
      if (this.#auth === auth) this.#auth = undefined;
      throw e;
    }
  }

  async #get<S extends keyof ServiceClient>(service: S, region?: string): Promise<ServiceClient[S]> {
    const key = `${service}:${region ?? ''}`;
    // The tasks a thread starts at once share one build (its SDK package loads once, one keep-alive agent).
    let client = this.#clients.get(key) as Promise<ServiceClient[S]> | undefined;
    if (!client) this.#clients.set(key, (client = this.#resolve().then((auth) => createClient(service, auth, this.#spec, region))));
    try {
      return await client;
    } catch (e) {
      if (this.#clients.get(key) === client) this.#clients.delete(key);
      throw e;
    }
  }

  identity(): Promise<ServiceClient['identity']> {
    return this.#get('identity');
  }

  search(region: string): Promise<ServiceClient['search']> {
    return this.#get('search', region);
  }

  usage(): Promise<ServiceClient['usage']> {
    return this.#get('usage');
  }
}
