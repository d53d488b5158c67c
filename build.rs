//! Embeds every lexicon of `model-law/lexicon/` and every profile of
//! `model-law/profiles/` in the binary: a language or a profile is added
//! by adding its file, with no list to keep in the code.

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    embed("model-law/lexicon", "LEXICONS", "lexicon", "lexicons.rs");
    embed("model-law/profiles", "PROFILES", "profile", "profiles.rs");
}

/// Write `OUT_DIR/dest` holding `NAME: &[(file name, text)]`, every
/// `.json` file of `dir` sorted by name.
fn embed(dir: &str, name: &str, what: &str, dest: &str) {
    let dir = Path::new(dir);
    // A directory makes cargo rerun this script when a file in it is added,
    // removed or changed.
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| n.ends_with(".json"))
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    let manifest = std::env::var("CARGO_MANIFEST_DIR").unwrap_or_else(|_| ".".into());
    let mut out = format!("/// Every shipped {what}: (file name, text), sorted by file name.\n");
    let _ = writeln!(out, "pub const {name}: &[(&str, &str)] = &[");
    for n in &names {
        let path = Path::new(&manifest).join(dir).join(n);
        let _ = writeln!(
            out,
            "    ({n:?}, include_str!({:?})),",
            path.display().to_string()
        );
    }
    out.push_str("];\n");
    let dest = Path::new(&std::env::var("OUT_DIR").unwrap_or_else(|_| ".".into())).join(dest);
    if let Err(e) = std::fs::write(&dest, out) {
        panic!("cannot write {}: {e}", dest.display());
    }
}
