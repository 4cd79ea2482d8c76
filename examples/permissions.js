// Reading a file needs a grant. Without one this demo shows the denial; with one it reads and counts.
//   quickjs-sandbox run examples/permissions.js                           (denied, and says how to grant)
//   quickjs-sandbox run examples/permissions.js --allow-read examples     (reads examples/data/notes.txt)
//   quickjs-sandbox run examples/permissions.js --allow-read examples -- examples/primes.js

async function main() {
  const file = scriptArgs[0] ?? 'examples/data/notes.txt';
  let text;
  try {
    text = await sandbox.readFile(file);
  } catch (e) {
    console.log(`could not read ${file}:`);
    console.log(`  ${e.name}: ${e.message}`);
    return;
  }
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  const words = text.split(/\s+/).filter(Boolean);
  console.log(`${file}: ${lines.length} lines, ${words.length} words, ${new TextEncoder().encode(text).length} bytes`);
  console.log(`longest line: "${lines.reduce((a, b) => (b.length > a.length ? b : a), '')}"`);
  // Other hosts stay closed even when one folder is open.
  try {
    await sandbox.readFile('/etc/hostname');
  } catch (e) {
    console.log(`and /etc/hostname is still denied (${e.name})`);
  }
}

main();
