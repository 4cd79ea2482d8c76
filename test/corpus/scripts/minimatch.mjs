import { minimatch } from 'minimatch';
const files = ['a.js', 'b.md', 'docs/c.md', '.hidden']; // breakpoint
console.log(files.filter((f) => minimatch(f, '**/*.md')).join(), minimatch('.x', '*'), minimatch('.x', '*', { dot: true }));
