// Grows until the memory limit stops it: a fresh 1 MB string per step.
const hoard = [];
while (true) hoard.push('x'.repeat(1 << 20) + hoard.length);
