// CompressionStream and DecompressionStream (dist/web-compression.js, kernel/web/compression.entry.js), evaluated when
// a script first touches either; they are transforms, so the streams load first.
import { TypeErrorCtor } from '../shared/intrinsics.js';
import { host } from './host.js';
import { lazyGlobals } from './lazyGlobals.js';
import { streams } from './streams.js';

lazyGlobals(['CompressionStream', 'DecompressionStream'], () => host.loadCompression()({ TransformStream: streams.ensure().TransformStream, TypeError: TypeErrorCtor }));
