import { diffWords, createPatch, diffLines } from 'diff';
const parts = diffWords('the quick brown fox', 'the slow brown dog'); // breakpoint
console.log(parts.map((p) => (p.added ? '+' : p.removed ? '-' : '=') + p.value).join('|'));
console.log(createPatch('file.txt', 'a\nb\nc\n', 'a\nB\nc\n', 'old', 'new'));
console.log(diffLines('x\ny\n', 'x\nz\n').length);
const words = diffWords('Ça coûte 3,50 €, n’est-ce pas ?', 'Ça coûtait 4,50 €, n’est-ce pas !', { intlSegmenter: new Intl.Segmenter('fr', { granularity: 'word' }) });
console.log(words.map((p) => (p.added ? '+' : p.removed ? '-' : '=') + p.value).join('|'));
