#![no_main]
//! Fuzz target `extract`: the body is `newsframe::invariants::targets::extract`, shared with the
//! regression test that replays `tests/fuzz_regressions/extract/`.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if data.len() > newsframe::invariants::targets::MAX_LEN {
        return;
    }
    if let Err(e) = newsframe::invariants::targets::extract(data) {
        panic!("invariant violated: {e}");
    }
});
