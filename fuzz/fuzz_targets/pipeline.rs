#![no_main]
//! Fuzz target `pipeline`: the body is `newsframe::invariants::targets::pipeline`, shared with the
//! regression test that replays `tests/fuzz_regressions/pipeline/`.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if data.len() > newsframe::invariants::targets::MAX_LEN {
        return;
    }
    if let Err(e) = newsframe::invariants::targets::pipeline(data) {
        panic!("invariant violated: {e}");
    }
});
