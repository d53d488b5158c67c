//! Integration tests: one binary, a module per feature. See README.md in
//! this folder for how to add a case.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::print_stderr,
    clippy::print_stdout,
    reason = "tests fail loudly"
)]

mod bad_input;
mod checks;
mod cli;
mod compare;
mod corpus;
mod expected;
mod fuzz_regressions;
mod lexicon;
mod model_law;
mod not_assessed;
mod oscal;
mod outline_styles;
mod output;
mod profile_views;
mod profiles;
mod report;
mod review;
mod sarif;
mod statutes;
mod trend;

use std::io::Write;
use std::path::{Path, PathBuf};

/// The crate root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The real statutes beside the project (`../shared/statutes`; a worktree
/// finds them through its `../shared` link). When they are absent the
/// calling test is skipped and says so on the terminal, past the test
/// harness's capture, so a skip is seen in `cargo test` output; with
/// `LEXALIGN_REQUIRE_STATUTES=1` (CI sets it) an absent folder fails the
/// test instead.
pub fn statutes(test: &str) -> Option<PathBuf> {
    let p = root().join("../shared/statutes");
    if p.is_dir() {
        return Some(p);
    }
    let required = std::env::var("LEXALIGN_REQUIRE_STATUTES").is_ok_and(|v| v == "1");
    assert!(
        !required,
        "{test}: {} is absent and LEXALIGN_REQUIRE_STATUTES=1",
        p.display()
    );
    let _ = writeln!(
        std::io::stderr(),
        "SKIPPED {test}: {} is absent (the real statutes are not part of the repository; \
         LEXALIGN_REQUIRE_STATUTES=1 makes this a failure)",
        p.display()
    );
    None
}

/// The lexalign binary.
pub fn lexalign() -> assert_cmd::Command {
    let mut c = assert_cmd::Command::cargo_bin("lexalign").unwrap();
    c.current_dir(root());
    c
}

/// Run and return (exit code, stdout, stderr).
pub fn run(args: &[&str]) -> (i32, String, String) {
    let out = lexalign().args(args).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Run, check that it exited 0 (else fail with its stderr), and return
/// its stdout: for outputs that are compared with one another, so that two
/// failing runs with the same (empty) output cannot pass.
pub fn ok(args: &[&str]) -> String {
    let (status, out, err) = run(args);
    assert_eq!(status, 0, "lexalign {}: {err}", args.join(" "));
    out
}

/// Path as a string argument.
pub fn arg(p: &Path) -> String {
    p.display().to_string()
}

/// The `<main>` element of a page, with the version, the checkout's path
/// and `tmp` (a temporary folder the inputs were written to) redacted.
pub fn main_of(html: &[u8], tmp: Option<&Path>) -> String {
    let html = String::from_utf8(html.to_vec()).unwrap();
    let start = html.find("<main").expect("a <main>");
    let end = html.find("</main>").expect("a </main>") + "</main>".len();
    let main = html[start..end]
        .replace(env!("CARGO_PKG_VERSION"), "[VERSION]")
        .replace(&root().display().to_string(), "[ROOT]");
    match tmp {
        Some(t) => main.replace(&t.display().to_string(), "[TMP]"),
        None => main,
    }
}
