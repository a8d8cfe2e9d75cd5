#![no_main]
//! Fuzz target `clean`: the body is `newsframe::invariants::targets::clean`, shared with the
//! regression test that replays `tests/fuzz_regressions/clean/`.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if data.len() > newsframe::invariants::targets::MAX_LEN {
        return;
    }
    if let Err(e) = newsframe::invariants::targets::clean(data) {
        panic!("invariant violated: {e}");
    }
});
