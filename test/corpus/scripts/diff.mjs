import { diffWords, createPatch, diffLines } from 'diff';
const parts = diffWords('the quick brown fox', 'the slow brown dog'); // breakpoint
console.log(parts.map((p) => (p.added ? '+' : p.removed ? '-' : '=') + p.value).join('|'));
console.log(createPatch('file.txt', 'a\nb\nc\n', 'a\nB\nc\n', 'old', 'new'));
console.log(diffLines('x\ny\n', 'x\nz\n').length);
