// The part of picomatch 4 (no bundled types) that skipFiles.ts uses.
declare module 'picomatch' {
  interface PicomatchOptions {
    dot?: boolean;
    windows?: boolean;
  }
  function picomatch(glob: string | string[], options?: PicomatchOptions): (path: string) => boolean;
  export = picomatch;
}
