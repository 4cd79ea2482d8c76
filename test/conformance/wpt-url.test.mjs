// The WPT URL runner (scripts/conformance/wpt-url.mjs) on data files of its own, in WPT's shapes: WPT's files are not
// in this repository. A passing case, an expected failure, a case written wrong on purpose (it must count as failed),
// a setter, a host, and the comments the files hold.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { execFileSync } from 'node:child_process';

const script = new URL('../../scripts/conformance/wpt-url.mjs', import.meta.url).pathname;

test('wpt-url counts parser, setter and host cases run inside the sandbox, and names the failures', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qjs-wpt-url-'));
  try {
    fs.writeFileSync(path.join(dir, 'urltestdata.json'), JSON.stringify([
      'a comment line',
      { input: 'http://example.test/a/../b?q#h', base: null, href: 'http://example.test/b?q#h', pathname: '/b', search: '?q', hash: '#h' },
      { input: 'c/d', base: 'https://example.test/a/b', href: 'https://example.test/a/c/d' },
      { input: 'http://[::1', base: null, failure: true },
      { input: 'https://example.test/', base: null, host: 'written-wrong.test' },
    ]));
    fs.writeFileSync(path.join(dir, 'setters_tests.json'), JSON.stringify({
      comment: ['setters'],
      pathname: [{ href: 'https://example.test/a', new_value: 'b c', expected: { pathname: '/b%20c' } }],
    }));
    fs.writeFileSync(path.join(dir, 'toascii.json'), JSON.stringify(['hosts', { input: 'EXAMPLE.test', output: 'example.test' }, { input: 'a b', output: null }]));
    const out = execFileSync(process.execPath, [script, '--data', dir], { encoding: 'utf8' });
    assert.match(out, /^parse +3 \/ 4 /m);
    assert.match(out, /^setters +1 \/ 1 /m);
    assert.match(out, /^toascii +2 \/ 2 /m);
    assert.match(out, /failed: \["parse","https:\/\/example\.test\/",null,"host"\]/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
