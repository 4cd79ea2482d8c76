// BufferSource (ArrayBuffer, typed array, DataView) copies for the web APIs that keep or send bytes.
import { TypeErrorCtor, ArrayBufferCtor, DataViewCtor, TABuffer, TAByteOffset, TAByteLength, DVByteLength,
  DVByteOffset, DVBuffer, ArrayBufferIsView, ABSlice } from '../shared/intrinsics.js';

/** A fresh ArrayBuffer with the bytes of an ArrayBuffer, a typed array or a DataView. */
export function copyBufferSource(data, what) {
  if (data instanceof ArrayBufferCtor) return ABSlice(data, 0);
  if (ArrayBufferIsView(data)) {
    if (data instanceof DataViewCtor) {
      const off = DVByteOffset(data);
      return ABSlice(DVBuffer(data), off, off + DVByteLength(data));
    }
    const off = TAByteOffset(data);
    return ABSlice(TABuffer(data), off, off + TAByteLength(data));
  }
  throw new TypeErrorCtor(`${what}: the data must be an ArrayBuffer, a typed array or a DataView`);
}
