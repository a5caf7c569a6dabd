// Child process of the inventory benchmark: the sandbox and the CORS proxy on loopback, so that
// their CPU work (generating and serializing pages) does not run on the event loop being timed.
// Talks to the parent over IPC: {cmd: 'faults', doc} | {cmd: 'state'} | {cmd: 'close'}.

import { startSandbox } from '../sandbox/server.mjs';
import { startProxy } from '../proxy/proxy.mjs';

const certs = Number(process.env.BENCH_CERTS ?? 10000);
const faults = JSON.parse(process.env.BENCH_FAULTS ?? '{}');

const sandbox = await startSandbox({ port: 0, certs, faults });
const proxy = await startProxy({ port: 0, sandbox: sandbox.url });

process.on('message', async (msg) => {
  try {
    if (msg.cmd === 'faults') {
      await fetch(`${sandbox.url}/__sandbox/faults`, { method: 'POST', body: JSON.stringify(msg.doc) });
      process.send({ id: msg.id, ok: true });
    } else if (msg.cmd === 'state') {
      const state = await (await fetch(`${sandbox.url}/__sandbox/state`)).json();
      process.send({ id: msg.id, ok: true, state });
    } else if (msg.cmd === 'close') {
      await proxy.close();
      await sandbox.close();
      process.send({ id: msg.id, ok: true });
      process.disconnect();
    }
  } catch (e) {
    process.send({ id: msg.id, ok: false, error: String(e?.stack || e) });
  }
});

process.send({ ready: true, sandboxUrl: sandbox.url, proxyUrl: proxy.url, anchorMs: sandbox.anchorMs });
