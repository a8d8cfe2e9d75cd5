//! Replays every input saved under `tests/fuzz_regressions/<target>/` through the body of
//! that fuzz target (`newsframe::invariants::targets`), so a crash found by `cargo fuzz`
//! and fixed stays fixed. Add a reproducer by copying it from `fuzz/artifacts/<target>/`.

use std::path::Path;

use newsframe::invariants::targets;

type Target = fn(&[u8]) -> Result<(), String>;

const TARGETS: [(&str, Target); 5] = [
    ("decode", targets::decode),
    ("clean", targets::clean),
    ("segment", targets::segment),
    ("extract", targets::extract),
    ("pipeline", targets::pipeline),
];

fn replay(name: &str, target: Target) -> (usize, Vec<String>) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz_regressions").join(name);
    let mut files: Vec<_> = match std::fs::read_dir(&dir) {
        Ok(d) => d.map(|e| e.unwrap().path()).collect(),
        Err(_) => return (0, Vec::new()),
    };
    files.sort();
    let mut failures = Vec::new();
    for f in &files {
        let data = std::fs::read(f).unwrap();
        let result = std::panic::catch_unwind(|| target(&data));
        match result {
            Ok(Ok(())) => {}
            Ok(Err(e)) => failures.push(format!("{}: {e}", f.display())),
            Err(_) => failures.push(format!("{}: panicked", f.display())),
        }
    }
    (files.len(), failures)
}

#[test]
fn fuzz_regressions_stay_fixed() {
    let mut failures = Vec::new();
    let mut total = 0;
    for (name, target) in TARGETS {
        let (n, f) = replay(name, target);
        total += n;
        failures.extend(f);
    }
    assert!(failures.is_empty(), "{} of {total} regression inputs fail:\n{}", failures.len(), failures.join("\n"));
}

/// The hostile inputs of the issue, through every target: cheap, and they must pass even
/// before the fuzzer has mutated them.
#[test]
fn hostile_inputs_pass_every_target() {
    let utf16: Vec<u8> = "Algeria and Russia signed.".encode_utf16().flat_map(u16::to_le_bytes).collect();
    let inputs: Vec<Vec<u8>> = vec![
        vec![],
        vec![0; 40],
        b"\x89PNG\r\n\x1a\n\x00\x00".to_vec(),
        "الجزائر".as_bytes()[..5].to_vec(),
        [&[0xff, 0xfe][..], &utf16].concat(),
        utf16.clone(),
        b"\xc7\xe1\xcc\xd2\xc7\xc6\xd1 \xe6\xd1\xe6\xd3\xed\xc7.".to_vec(),
        b"One.\r\nTwo.\rThree.\n\nFour.".to_vec(),
        "Mr \u{202e}Tebb\u{200d}oune\u{202c} met e\u{301}\u{301} \u{1f1e9}\u{1f1ff} 👨‍👩‍👧.".as_bytes().to_vec(),
        b"{\"text\": \"ok\"}\nnot json\n{\"text\": 1}\n".to_vec(),
        b"\x1f\x8bnot gzip".to_vec(),
        b"A\x1eB. C.\x1e\x1e".to_vec(),
    ];
    for data in &inputs {
        for (name, target) in TARGETS {
            if let Err(e) = target(data) {
                panic!("{name} on {data:?}: {e}");
            }
        }
    }
}
