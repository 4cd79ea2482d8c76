// MessageChannel, MessagePort and MessageEvent (HTML's channel messaging) within one sandbox: what HTML says a port
// does (structured clone at posting, delivery as a task once started, onmessage starting the port, close) and what
// the sandbox adds (a pending delivery keeps the run alive, a listening port does not). Real engine, leak check on.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { run } from '../helpers.mjs';

async function logs(source, options = {}) {
  const r = await run({ kind: 'source', source, type: 'module' }, { leakCheck: true, ...options });
  assert.equal(r.outcome.status, 'completed', `${r.outcome.message ?? ''} ${JSON.stringify(r.errors)}`);
  assert.equal(r.leak, undefined, 'no QuickJS handle leaked');
  return r.logs;
}

test('a message is cloned when posted and delivered as a trusted MessageEvent task, after the current job', async () => {
  const lines = await logs(`
    const { port1, port2 } = new MessageChannel();
    const seen = [];
    port1.onmessage = (e) => {
      seen.push([e.data, e instanceof MessageEvent, e.isTrusted, e.target === port1, e.origin, e.source, e.ports.length]);
      if (e.data.n === 2) console.log(JSON.stringify(seen));
    };
    const sent = { n: 1, list: [1, 2], at: new Map([[1, 'a']]) instanceof Map };
    port2.postMessage(sent);
    sent.n = 99;
    port2.postMessage({ n: 2 }, []);
    Promise.resolve().then(() => seen.push('microtask first'));
    console.log(Object.prototype.toString.call(port1), Object.getPrototypeOf(MessagePort.prototype) === EventTarget.prototype);
  `);
  assert.deepEqual(lines, [
    '[object MessagePort] true',
    JSON.stringify(['microtask first', [{ n: 1, list: [1, 2], at: true }, true, true, true, '', null, 0], [{ n: 2 }, true, true, true, '', null, 0]]),
  ]);
});

test('a port delivers nothing until started; addEventListener does not start it, start() and onmessage do', async () => {
  const lines = await logs(`
    const a = new MessageChannel();
    a.port1.addEventListener('message', (e) => console.log('a got', e.data));
    a.port2.postMessage('queued');
    await new Promise((r) => setTimeout(r, 20));
    console.log('before start');
    a.port1.start();
    await new Promise((r) => setTimeout(r, 20));
    const b = new MessageChannel();
    b.port2.postMessage('early');
    b.port1.onmessage = (e) => console.log('b got', e.data);
  `);
  assert.deepEqual(lines, ['before start', 'a got queued', 'b got early']);
});

test('close() disentangles both ports; a pending delivery keeps the run alive, a listening port does not', async () => {
  const lines = await logs(`
    const c = new MessageChannel();
    c.port1.onmessage = (e) => console.log('late delivery', e.data);
    c.port2.postMessage('kept alive');
    const d = new MessageChannel();
    d.port1.onmessage = () => console.log('never');
    d.port1.close();
    d.port2.postMessage('to a closed port');
    // A listening port with nothing pending: the run ends once the message above is delivered.
    new MessageChannel().port1.onmessage = () => console.log('never either');
  `, { timeoutMs: 5000 });
  assert.deepEqual(lines, ['late delivery kept alive']);
});

test('what cannot be cloned throws DataCloneError at posting; ports cannot be made by scripts', async () => {
  const lines = await logs(`
    const { port1 } = new MessageChannel();
    try { port1.postMessage(() => 1); } catch (e) { console.log(e.name); }
    try { new MessagePort(); } catch (e) { console.log(e.name); }
    try { MessagePort.prototype.postMessage.call({}, 1); } catch (e) { console.log(e.name); }
    console.log(new MessageEvent('message', { data: 5, origin: 'o', lastEventId: 'i' }).lastEventId, new MessageEvent('x').data);
  `);
  assert.deepEqual(lines, ['DataCloneError', 'TypeError', 'TypeError', 'i null']);
});
