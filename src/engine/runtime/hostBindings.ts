/**
 * The host side of the host APIs a script calls: the platform kernel's functions (timers, readFile, fetch, env),
 * the globals kernel's sink (console lines, display outputs, promise states, the clock) and the web part's link to
 * the platform's timers. Each host function turns QuickJS handles into host values and back; the handles it is
 * given are borrowed, the one it returns is handed to QuickJS.
 */
import { Scope, type QuickJSContext, type QuickJSHandle } from 'quickjs-emscripten-core';
import type { SandboxEvent } from '../api';
import type { ResolvedOptions } from '../options';
import type { HostOps } from './hostOps';
import type { Permissions } from './permissions';
import type { RunLimits } from './runLimits';
import type { SourceMaps } from './stacks';
import { OUTPUT_PREFIX } from './packages';
import type { TimerQueue } from './timers';
import { installKernel, type GlobalsSink } from './warmEngine';
import { promiseStateObject } from './valueBridge';
import platformKernel from '../kernel/platform.kernel.js';

/** What the host functions reach on the host. */
export interface HostBindingsDeps {
  ctx: QuickJSContext;
  options: ResolvedOptions;
  timers: TimerQueue;
  ops: HostOps;
  permissions: Permissions;
  limits: RunLimits;
  maps: SourceMaps;
  /** Aborts the fetches in flight when the sandbox goes. */
  signal: AbortSignal;
  emit: (event: SandboxEvent) => void;
  /** `typeof` through the value bridge (which is built from the platform kernel, so it is looked up at call time). */
  typeOf: (h: QuickJSHandle) => string;
  /** Keeps the first error reported as uncaught (borrowed: dup it to keep it). */
  reportUncaught: (err: QuickJSHandle) => void;
  /** Milliseconds since the sandbox was created, as `performance.now()` inside. */
  now: () => number;
}

/** A copy of a byte view's bytes as an ArrayBuffer of their own, for `newArrayBuffer`. */
function ownBuffer(v: Uint8Array): ArrayBuffer {
  return v.buffer.slice(v.byteOffset, v.byteOffset + v.byteLength) as ArrayBuffer;
}

/** Installs the platform kernel with its host functions; returns its exports (the caller owns them). */
export function installPlatformKernel(d: HostBindingsDeps): QuickJSHandle {
  const { ctx, timers, ops, permissions } = d;
  const fns: Record<string, (...args: QuickJSHandle[]) => QuickJSHandle | void> = {
    setTimer: (id, delay, repeat, weak) => {
      timers.add(ctx.getNumber(id), ctx.getNumber(delay), !!ctx.dump(repeat), weak !== undefined && !!ctx.dump(weak));
    },
    clearTimer: (id) => {
      timers.clear(ctx.getNumber(id));
    },
    reportError: (err) => d.reportUncaught(err),
    readFile: (p, asBytes) => ops.start(() => permissions.readFile(ctx.getString(p), !!ctx.dump(asBytes)), (v) =>
      typeof v === 'string' ? ctx.newString(v) : ctx.newArrayBuffer(ownBuffer(v))),
    fetch: (url, method, headers, body) => {
      const bodyType = d.typeOf(body);
      const bodyValue = bodyType === 'string' ? ctx.getString(body) : bodyType === 'undefined' ? undefined : ctx.getArrayBuffer(body).consume((b) => new Uint8Array(b.value));
      const args = [ctx.getString(url), ctx.getString(method), JSON.parse(ctx.getString(headers)) as Array<[string, string]>] as const;
      return ops.start(() => permissions.fetch(...args, bodyValue, d.signal), (r) => {
        const arr = ctx.newArray();
        ctx.newString(r.meta).consume((meta) => ctx.setProp(arr, 0, meta));
        ctx.newArrayBuffer(ownBuffer(r.body)).consume((buf) => ctx.setProp(arr, 1, buf));
        return arr;
      });
    },
    envGet: (name) => {
      const v = permissions.envGet(ctx.getString(name));
      return v === undefined ? ctx.undefined : ctx.newString(v);
    },
    envNames: () => ctx.newString(JSON.stringify(permissions.envNames())),
    exit: (code) => d.limits.requestExit(d.typeOf(code) === 'number' ? ctx.getNumber(code) : 0),
  };
  return installKernel(ctx, platformKernel, 'platform', fns, (host) => {
    const args = ctx.newArray();
    d.options.args.forEach((a, i) => ctx.newString(a).consume((s) => ctx.setProp(args, i, s)));
    args.consume((a) => ctx.setProp(host, 'args', a));
    ctx.newString(d.options.nodeEnv).consume((e) => ctx.setProp(host, 'nodeEnv', e));
  });
}

/** Hands the web part (whose link the globals kernel gave the warm engine; taken here) the platform kernel's bridge
 * (its weak timeout and fetch transport), before any user code runs, whether or not the part is evaluated yet. */
export function connectWebKernel(ctx: QuickJSContext, web: QuickJSHandle, platform: QuickJSHandle): void {
  Scope.withScope((scope) => {
    scope.manage(web);
    const connect = scope.manage(ctx.getProp(web, 'connect'));
    scope.manage(ctx.unwrapResult(ctx.callFunction(connect, web, platform)));
  });
}

/** Where the globals kernel's host calls go for this sandbox. */
export function globalsSink(d: HostBindingsDeps): GlobalsSink {
  const { ctx } = d;
  return {
    console: (level, text, depth, stack) => {
      const t = ctx.getString(text);
      d.limits.countOutput(t.length);
      const frames = d.maps.frames(d.typeOf(stack) === 'string' ? ctx.getString(stack) : '');
      const caller = frames[0];
      d.emit({
        type: 'console',
        level: ctx.getString(level) as never,
        text: t,
        groupDepth: ctx.getNumber(depth),
        location: caller && caller.line > 0 ? { file: caller.file, line: caller.line, column: caller.column } : undefined,
      });
    },
    display: (mime, data) => {
      d.emit({ type: 'display', mime: ctx.getString(mime), data: ctx.getString(data) });
    },
    promiseState: (p) => promiseStateObject(ctx, p),
    now: d.now,
    reportError: (err) => d.reportUncaught(err),
    mapStack: (stack, packagesOnly) => {
      const text = d.typeOf(stack) === 'string' ? ctx.getString(stack) : '';
      const only = packagesOnly !== undefined && d.typeOf(packagesOnly) === 'boolean' && ctx.dump(packagesOnly) === true;
      return ctx.newString(d.maps.mapStackText(text, only ? (file) => file.startsWith(OUTPUT_PREFIX) : undefined));
    },
  };
}
