import { createServer, request, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the proxy does with one request: forward it (after `delayMs`), or answer it itself. */
export type ProxyRule = (req: IncomingMessage) => { delayMs?: number } | { status: number; body: unknown };

/**
 * A loopback proxy in front of the simulator for behaviour the simulator has no option for. It forwards
 * the Host header unchanged, so request signatures still verify.
 */
export async function startProxy(target: string, rule: ProxyRule): Promise<{ url: string; close: () => void }> {
  const to = new URL(target);
  const server = createServer((req, res) => {
    const action = rule(req);
    if ('status' in action) {
      req.resume();
      res.writeHead(action.status, { 'content-type': 'application/json', 'opc-request-id': 'proxy' });
      res.end(JSON.stringify(action.body));
      return;
    }
    setTimeout(() => {
      const up = request({ host: to.hostname, port: to.port, method: req.method, path: req.url, headers: req.headers }, (r) => {
        res.writeHead(r.statusCode ?? 502, r.headers);
        r.pipe(res);
      });
      up.on('error', () => res.destroy());
      req.pipe(up);
    }, action.delayMs ?? 0);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => {
      server.closeAllConnections();
      server.close();
    },
  };
}
