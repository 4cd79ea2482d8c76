import mime from 'mime-types';
const files = ['index.html', 'photo.JPG', 'data.json', 'archive.tar.gz', 'unknown.zzz']; // breakpoint
console.log(JSON.stringify(files.map((f) => mime.lookup(f))));
console.log(mime.contentType('json'), mime.extension('text/markdown'), mime.charset('text/html'));
