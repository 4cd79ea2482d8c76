// Reads a file under data/: refused until the folder is granted (quickjs.permissions.readFolders).
const text = await sandbox.readFile('data/greeting.txt');
console.log('read:', text.trim());
