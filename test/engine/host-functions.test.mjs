// The embedder's host functions: called by name from the script, run in this (the host) process, values copied both
// ways, sync and async, errors as script errors; with the leak-checking build, so every handle is proven disposed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { run, Sandbox, engine } from './helpers.mjs';

const leakCheck = { leakCheck: true };

test('a synchronous host function returns synchronously in the script, in the host process, values copied both ways', async () => {
  const seen = [];
  const hostFunctions = {
    lookUp: (key) => ({ alpha: 1, beta: [2, { gamma: 'three' }] })[key],
    record: (...args) => {
      seen.push(args);
      return undefined;
    },
    hostPid: () => process.pid,
  };
  const r = await run(
    `const v = lookUp('beta');
     console.log(JSON.stringify(v), v[1].gamma.toUpperCase(), lookUp('none') === undefined);
     record(1, 'two', null, undefined, [true, { n: 1.5 }]);
     console.log(hostPid());`,
    { ...leakCheck, hostFunctions },
  );
  assert.equal(r.outcome.status, 'completed', JSON.stringify(r.errors));
  assert.deepEqual(r.logs, ['[2,{"gamma":"three"}] THREE true', String(process.pid)]);
  assert.deepEqual(seen, [[1, 'two', null, undefined, [true, { n: 1.5 }]]]);
  assert.equal(r.leak, undefined);
});

test('a promise from the host becomes a promise in the script; the run waits for it', async () => {
  const hostFunctions = {
    fetchUser: (id) => new Promise((resolve) => setTimeout(() => resolve({ id, name: 'Ada' }), 30)),
    rejectsNow: async () => {
      throw new RangeError('out of range');
    },
  };
  const r = await run(
    `const p = fetchUser(7);
     console.log(p instanceof Promise);
     p.then((u) => console.log(u.name, u.id));
     rejectsNow().catch((e) => console.log('rejected', e instanceof Error, e.name, e.message));`,
    { ...leakCheck, hostFunctions },
  );
  assert.equal(r.outcome.status, 'completed', JSON.stringify(r.errors));
  assert.deepEqual(r.logs.sort(), ['Ada 7', 'rejected true RangeError out of range', 'true']);
  assert.equal(r.leak, undefined);
});

test('an error thrown by a host function is thrown in the script with its message; uncaught, it ends the run', async () => {
  const hostFunctions = {
    strict: (x) => {
      if (typeof x !== 'number') throw new TypeError(`expected a number, got ${typeof x}`);
      return x * 2;
    },
  };
  const caught = await run(`try { strict('a'); } catch (e) { console.log(e.name, e.message, e instanceof Error); } console.log(strict(21));`, { ...leakCheck, hostFunctions });
  assert.deepEqual(caught.logs, ['TypeError expected a number, got string true', '42']);
  const uncaught = await run(`strict('b');`, { hostFunctions });
  assert.equal(uncaught.outcome.exitCode, 1);
  assert.match(uncaught.errors[0].error.stack, /TypeError: expected a number, got string/);
  // The host's own stack (its file paths) stays out of the sandbox.
  assert.doesNotMatch(uncaught.errors[0].error.stack, /host-functions\.test/);
});

test('a value that cannot be copied fails the call with the reason, and the script goes on', async () => {
  const r = await run(`try { handle(); } catch (e) { console.log(e.message); } console.log('after');`, { hostFunctions: { handle: () => ({ fn: () => 1, sym: Symbol('x') }) } });
  assert.match(r.logs[0], /^host function handle returned a value that cannot be passed to the script .*return plain data/);
  assert.equal(r.logs[1], 'after');
});

test('host functions survive renew, and a sandbox without them has no such globals', async () => {
  let calls = 0;
  const sandbox = await Sandbox.create({ ...leakCheck, hostFunctions: { tick: () => ++calls } });
  const logs = [];
  sandbox.onEvent((e) => e.type === 'console' && logs.push(e.text));
  await sandbox.run({ kind: 'source', source: 'console.log(tick(), typeof tick, Object.keys(globalThis).includes("tick"))' });
  await sandbox.renew();
  await sandbox.run({ kind: 'source', source: 'console.log(tick())' });
  assert.deepEqual(logs, ['1 function false', '2']);
  assert.equal(await sandbox.dispose(), undefined);
  const plain = await run('console.log(typeof tick)');
  assert.deepEqual(plain.logs, ['undefined']);
});

test('a run cancelled while a never-settling host promise is pending ends; a timeout does too', async () => {
  const r = await run('await never(); console.log("unreachable")', { timeoutMs: 300, hostFunctions: { never: () => new Promise(() => {}) } }, {});
  assert.equal(r.outcome.status, 'limit');
  assert.equal(r.outcome.limit, 'timeout');
  assert.deepEqual(r.logs, []);
  const sandbox = await Sandbox.create({ timeoutMs: 0, hostFunctions: { never: () => new Promise(() => {}) } });
  const running = sandbox.run({ kind: 'source', source: 'console.log("waiting"); await never();', type: 'module' });
  await new Promise((resolve) => sandbox.onEvent((e) => e.type === 'console' && resolve()));
  sandbox.cancel();
  assert.equal((await running).status, 'cancelled');
  await sandbox.dispose();
});

test('bad host function options are refused with the fix', async () => {
  await assert.rejects(Sandbox.create({ hostFunctions: { 'my-fn': () => 1 } }), (e) => e instanceof engine.SandboxOptionError && /"my-fn" cannot be a global's name.*"my_fn"/.test(e.message));
  await assert.rejects(Sandbox.create({ hostFunctions: { ok: 42 } }), /hostFunctions\.ok must be a function \(it is number\)/);
  await assert.rejects(Sandbox.create({ hostFunctions: [() => 1] }), /hostFunctions must be an object of functions by name/);
});

test('host results cross by one converter: BigInts, dates, deep nesting, a __proto__ key, and a script that replaced JSON.parse', async () => {
  let deep = 'bottom';
  for (let i = 0; i < 100; i++) deep = [deep];
  const hostFunctions = {
    big: () => ({ n: 12345678901234567890n, list: [1n, 2] }),
    bigAlone: () => -7n,
    when: () => ({ at: new Date(Date.UTC(2020, 0, 2)), bad: new Date(NaN) }),
    deep: () => deep,
    proto: () => JSON.parse('{"__proto__": {"polluted": 1}, "x": [1, null, 3]}'),
  };
  const r = await run(
    `JSON.parse = () => { throw new Error('hijacked'); };
     Object.defineProperty(Object.prototype, 'x', { set() { throw new Error('setter ran'); }, configurable: true });
     const b = big();
     console.log(typeof b.n, b.n === 12345678901234567890n, typeof b.list[0], b.list[1], bigAlone() === -7n);
     const w = when();
     console.log(w.at, w.bad);
     let d = deep(), levels = 0;
     while (Array.isArray(d)) { d = d[0]; levels++; }
     console.log(levels, d);
     const p = proto();
     console.log(Object.getPrototypeOf(p) === Object.prototype, Object.hasOwn(p, '__proto__'), p.__proto__.polluted, ({}).polluted, JSON.stringify(Object.getOwnPropertyDescriptor(p, 'x').value));`,
    { ...leakCheck, hostFunctions },
  );
  assert.equal(r.outcome.status, 'completed', JSON.stringify(r.errors));
  assert.deepEqual(r.logs, [
    'bigint true bigint 2 true',
    '2020-01-02T00:00:00.000Z null',
    '65 null',
    'true true 1 undefined [1,null,3]',
  ]);
  assert.equal(r.leak, undefined);
});
