type WithFromBase64 = typeof Uint8Array & { fromBase64?: (s: string) => Uint8Array };

/** Decodes a frame's base64 to bytes: the native decoder where the browser has one, else atob. */
export function decodeBase64(text: string): Uint8Array {
  const native = (Uint8Array as WithFromBase64).fromBase64;
  if (native) return native(text);
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
