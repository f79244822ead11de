import type { Rng } from './random.js';

// Real OCIDs look like `ocid1.compartment.oc1..aaaaaaaa` + 52 lowercase base32 characters.
// The tail ends with the object's ordinal so two objects can never share an OCID, whatever the PRNG draws.

const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';
const TAIL = 52;
const ORDINAL_CHARS = 7;
// One reused code buffer: appending characters one by one would leave a 45-node rope per OCID,
// ~1.5 KB each, which at 50,000 compartments is most of the heap.
const codes = new Array<number>(TAIL);

export function ocid(kind: string, rng: Rng, ordinal: number): string {
  const random = TAIL - ORDINAL_CHARS;
  for (let i = 0; i < random; i++) codes[i] = BASE32.charCodeAt(Math.floor(rng() * 32));
  let n = ordinal;
  for (let i = TAIL - 1; i >= random; i--) {
    codes[i] = BASE32.charCodeAt(n % 32);
    n = Math.floor(n / 32);
  }
  return `ocid1.${kind}.oc1..aaaaaaaa${String.fromCharCode(...codes)}`;
}
