// Starts bench/servers.mjs (sandbox + proxy) in a child process and talks to it over IPC.

import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export async function startServers({ certs, faults }) {
  const child = fork(fileURLToPath(new URL('../servers.mjs', import.meta.url)), [], {
    env: { ...process.env, BENCH_CERTS: String(certs), BENCH_FAULTS: JSON.stringify(faults), SANDBOX_QUIET: '1' },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const info = await new Promise((resolve, reject) => {
    child.once('message', resolve);
    child.once('exit', (code) => reject(new Error(`servers exited with ${code}`)));
  });
  let seq = 0;
  const pending = new Map();
  child.on('message', (m) => {
    const p = pending.get(m.id);
    if (!p) return;
    pending.delete(m.id);
    if (m.ok) p.resolve(m);
    else p.reject(new Error(m.error));
  });
  const call = (msg) =>
    new Promise((resolve, reject) => {
      const id = ++seq;
      pending.set(id, { resolve, reject });
      child.send({ ...msg, id });
    });
  return {
    ...info,
    setFaults: (doc) => call({ cmd: 'faults', doc }),
    state: async () => (await call({ cmd: 'state' })).state,
    close: async () => {
      await call({ cmd: 'close' }).catch(() => {});
      await new Promise((r) => (child.exitCode !== null ? r() : child.once('exit', r)));
    },
  };
}
