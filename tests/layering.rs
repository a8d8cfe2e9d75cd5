//! The crate's top-level modules form layers, and a module uses only modules of layers below
//! its own: data flows one way, and a newcomer can read the code bottom up. This test reads
//! `src/**/*.rs`, collects the `crate::<module>` paths of each top-level module's non-test
//! code, and fails on any that points up [`LAYERS`] (as import-linter's layers contract
//! does for Python packages).
//!
//! Doc comments and comments do not count (an intra-doc link is not a dependency), nor does
//! test code (`#[cfg(test)]` items and the files of `#[cfg(test)] mod x;`): tests may build
//! their inputs with the whole pipeline.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

/// The layers, lowest first; modules on one line are one layer and may not use each other.
/// DESIGN.md shows the same list (checked below).
const LAYERS: &[&[&str]] = &[
    &["error", "text"],
    &["ingest"],
    &["clean"],
    &["lang", "segment"],
    &["doc"],
    &["kb"],
    &["ner"],
    &["extract"],
    &["features"],
    &["record"],
    &["link"],
    &["relate"],
    &["dedup"],
    &["corpus"],
    &["pipeline"],
    &["frame", "invariants"],
    &["python"],
];

/// Upward edges that exist today, each with the reason; the test fails when one goes, so
/// that the list only shrinks. None remain.
const KNOWN_UPWARD: &[(&str, &str)] = &[];

fn layer_of(module: &str) -> Option<usize> {
    LAYERS.iter().position(|l| l.contains(&module))
}

fn rs_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            rs_files(&p, out);
        } else if p.extension().is_some_and(|e| e == "rs") {
            out.push(p);
        }
    }
}

/// The directory that holds the files of the submodules declared in `file`.
fn child_dir(file: &Path) -> PathBuf {
    let stem = file.file_stem().unwrap().to_str().unwrap();
    let parent = file.parent().unwrap();
    if stem == "mod" || stem == "lib" {
        parent.to_path_buf()
    } else {
        parent.join(stem)
    }
}

/// The lines of `text` outside comments and `#[cfg(test)]` items, and the names of the
/// `#[cfg(test)] mod name;` it declares.
fn non_test_code(text: &str) -> (Vec<String>, Vec<String>) {
    let mut code = Vec::new();
    let mut test_mods = Vec::new();
    let mut lines = text.lines();
    while let Some(line) = lines.next() {
        if line.trim_start().starts_with("#[cfg(test)]") {
            // Skip the item that follows: rustfmt ends it with `;` or with a `}` at its own
            // indentation.
            let indent = line.len() - line.trim_start().len();
            for item in lines.by_ref() {
                let body = item.trim_start();
                if let Some(name) = body.strip_prefix("mod ").or_else(|| body.strip_prefix("pub(crate) mod ")) {
                    if let Some(name) = name.strip_suffix(';') {
                        test_mods.push(name.trim().to_string());
                    }
                }
                let at_indent = item.len() - body.len() == indent;
                if at_indent && (item.trim_end().ends_with(';') || item.trim_end() == format!("{}}}", " ".repeat(indent))) {
                    break;
                }
            }
            continue;
        }
        let cut = match line.find("//") {
            Some(i) if i == 0 || line[..i].ends_with(char::is_whitespace) => &line[..i],
            _ => line,
        };
        code.push(cut.to_string());
    }
    (code, test_mods)
}

/// The top-level modules named by `crate::…` paths in `code` (`crate::{a, b::c}` too).
fn crate_refs(code: &str) -> BTreeSet<String> {
    let ident = |s: &str| s.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect::<String>();
    let mut out = BTreeSet::new();
    let mut rest = code;
    while let Some(i) = rest.find("crate::") {
        let before = rest[..i].chars().next_back();
        rest = &rest[i + "crate::".len()..];
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '$') {
            continue;
        }
        if let Some(group) = rest.strip_prefix('{') {
            // Top-level items of the group: the identifier after `{` or after a comma at
            // brace depth 0.
            let (mut depth, mut start) = (0usize, true);
            for (j, c) in group.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => break,
                    '}' => depth -= 1,
                    ',' if depth == 0 => start = true,
                    c if c.is_whitespace() => {}
                    _ if start => {
                        out.insert(ident(&group[j..]));
                        start = false;
                    }
                    _ => {}
                }
            }
        } else {
            out.insert(ident(rest));
        }
    }
    out.remove("self");
    out.remove("");
    out
}

/// (module, module it uses) → files, for the non-test code of `src`.
fn edges(src: &Path) -> BTreeMap<(String, String), BTreeSet<String>> {
    let mut files = Vec::new();
    rs_files(src, &mut files);
    let mut test_only: BTreeSet<PathBuf> = BTreeSet::new();
    let mut code_of = Vec::new();
    for f in &files {
        let (code, test_mods) = non_test_code(&fs::read_to_string(f).unwrap());
        let dir = child_dir(f);
        for m in test_mods {
            test_only.insert(dir.join(format!("{m}.rs")));
            test_only.insert(dir.join(&m));
        }
        code_of.push((f.clone(), code.join("\n")));
    }
    let mut out: BTreeMap<(String, String), BTreeSet<String>> = BTreeMap::new();
    for (f, code) in code_of {
        if test_only.iter().any(|t| f.starts_with(t)) {
            continue;
        }
        let rel = f.strip_prefix(src).unwrap();
        let top = rel.components().next().unwrap().as_os_str().to_str().unwrap().trim_end_matches(".rs").to_string();
        if top == "lib" {
            continue;
        }
        for to in crate_refs(&code) {
            if to != top {
                out.entry((top.clone(), to)).or_default().insert(rel.display().to_string());
            }
        }
    }
    out
}

fn src_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

#[test]
fn every_module_has_a_layer() {
    let mut files = Vec::new();
    rs_files(&src_dir(), &mut files);
    let tops: BTreeSet<String> = files
        .iter()
        .map(|f| f.strip_prefix(src_dir()).unwrap().components().next().unwrap().as_os_str().to_str().unwrap().trim_end_matches(".rs").to_string())
        .filter(|t| t != "lib")
        .collect();
    let missing: Vec<&String> = tops.iter().filter(|t| layer_of(t).is_none()).collect();
    assert!(missing.is_empty(), "modules without a layer in tests/layering.rs: {missing:?}");
}

#[test]
fn dependencies_point_down() {
    let edges = edges(&src_dir());
    let mut wrong = Vec::new();
    for ((from, to), files) in &edges {
        let (Some(a), Some(b)) = (layer_of(from), layer_of(to)) else { continue };
        if b >= a && !KNOWN_UPWARD.contains(&(from.as_str(), to.as_str())) {
            wrong.push(format!("{from} (layer {a}) uses {to} (layer {b}) in {files:?}"));
        }
    }
    assert!(wrong.is_empty(), "dependencies that point up or across a layer:\n{}", wrong.join("\n"));
    for (from, to) in KNOWN_UPWARD {
        assert!(
            edges.contains_key(&(from.to_string(), to.to_string())),
            "{from} no longer uses {to}: remove the pair from KNOWN_UPWARD"
        );
    }
}

#[test]
fn design_shows_the_same_layers() {
    let design = fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("DESIGN.md")).unwrap();
    let want: Vec<String> = LAYERS.iter().map(|l| l.join(", ")).collect();
    let want = format!("layers: {}", want.join(" → "));
    assert!(design.contains(&want), "DESIGN.md should contain the line\n{want}");
}

#[test]
fn the_parser_sees_what_it_must() {
    let code = "use crate::{clean, frame::{a, b}};\nuse crate::doc::Mention; // crate::python\n\
                /// [`crate::pipeline`]\n#[cfg(test)]\nmod tests {\n    use crate::corpus;\n}\n\
                let s = \"https://x\"; crate::kb::Kb::builtin();\n#[cfg(test)]\nuse crate::ner::Model;\n";
    let (lines, test_mods) = non_test_code(code);
    let refs = crate_refs(&lines.join("\n"));
    assert_eq!(refs.into_iter().collect::<Vec<_>>(), ["clean", "doc", "frame", "kb"]);
    assert!(test_mods.is_empty());
    let (_, test_mods) = non_test_code("#[cfg(test)]\nmod tests;\n");
    assert_eq!(test_mods, ["tests"]);
}
