// Grows until the memory limit stops it.
const hoard = [];
while (true) hoard.push(new Array(100000).fill(hoard.length));
