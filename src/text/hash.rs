//! FNV-1a, for keys whose hash is stored or compared across runs (MinHash shingles,
//! story fingerprints, variant blocking keys): its value must never change with a library
//! version, unlike the in-memory maps' hasher (`rustc_hash`).

/// An FNV-1a hash under construction; `.0` is the hash.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fnv(pub u64);

impl Default for Fnv {
    fn default() -> Fnv {
        Fnv::new()
    }
}

impl Fnv {
    /// The empty hash (the FNV-1a offset basis).
    pub fn new() -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
    /// Adds one byte.
    pub fn byte(self, b: u8) -> Fnv {
        Fnv((self.0 ^ b as u64).wrapping_mul(0x0100_0000_01b3))
    }
    /// Adds the UTF-8 bytes of a character.
    pub fn ch(self, c: char) -> Fnv {
        let mut buf = [0u8; 4];
        c.encode_utf8(&mut buf).bytes().fold(self, Fnv::byte)
    }
    /// Adds the bytes of a string.
    pub fn str(self, s: &str) -> Fnv {
        s.bytes().fold(self, Fnv::byte)
    }
}

/// FNV-1a of `s`.
pub fn fnv(s: &str) -> u64 {
    Fnv::new().str(s).0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv1a_reference_values() {
        // Published FNV-1a 64-bit test vectors.
        assert_eq!(fnv(""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv("a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fnv("foobar"), 0x8594_4171_f739_67e8);
        assert_eq!(Fnv::new().ch('é').0, fnv("é"));
    }
}
