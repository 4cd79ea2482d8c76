// String-heavy: tokenising and rebuilding text.
let text = '';
for (let i = 0; i < 20000; i++) text += 'The quick brown fox ' + i + ' jumps over the lazy dog. ';
const words = text.split(/\s+/);
const freq = Object.create(null);
for (const w of words) freq[w.toLowerCase()] = (freq[w.toLowerCase()] || 0) + 1;
let out = [];
for (const k of Object.keys(freq).slice(0, 50000)) out.push(k.split('').reverse().join(''));
out.join(',').length;
