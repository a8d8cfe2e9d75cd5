#![no_main]
//! Fuzz target `decode`: the body is `newsframe::invariants::targets::decode`, shared with the
//! regression test that replays `tests/fuzz_regressions/decode/`.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if data.len() > newsframe::invariants::targets::MAX_LEN {
        return;
    }
    if let Err(e) = newsframe::invariants::targets::decode(data) {
        panic!("invariant violated: {e}");
    }
});
