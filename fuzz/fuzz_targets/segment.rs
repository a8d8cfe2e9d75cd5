#![no_main]
//! Fuzz target `segment`: the body is `newsframe::invariants::targets::segment`, shared with the
//! regression test that replays `tests/fuzz_regressions/segment/`.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if data.len() > newsframe::invariants::targets::MAX_LEN {
        return;
    }
    if let Err(e) = newsframe::invariants::targets::segment(data) {
        panic!("invariant violated: {e}");
    }
});
