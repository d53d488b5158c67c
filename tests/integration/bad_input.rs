//! Bad input never panics, never loses the good input, and is named with
//! its file (and line where there is one); the run exits with code 2.

use std::fs;

use super::{arg, run};

const GOOD: &str = "---\njurisdiction: goodland\nlanguage: en\n---\n## Section 1. Offence\n\n(1) A person who possesses child pornography commits an offence.\n";

fn with_file(name: &str, bytes: &[u8]) -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("good.md"), GOOD).unwrap();
    fs::write(dir.path().join(name), bytes).unwrap();
    let p = arg(dir.path());
    (dir, p)
}

/// Analyse a folder holding `good.md` and one bad file; return stderr.
fn check(name: &str, bytes: &[u8], expect: &[&str], code: i32) -> String {
    let (_dir, p) = with_file(name, bytes);
    let (status, out, err) = run(&["analyze", &p, "--format", "json"]);
    assert_eq!(status, code, "exit code for {name}: {err}");
    assert!(!err.contains("panicked"), "{err}");
    let report: serde_json::Value =
        serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}"));
    let jurisdictions: Vec<&str> = report["jurisdictions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|j| j["jurisdiction"].as_str().unwrap())
        .collect();
    assert!(
        jurisdictions.contains(&"goodland"),
        "the good file was lost: {jurisdictions:?}"
    );
    // A garbled file is also not assessed (its own warning, tested in
    // not_assessed.rs); the one message tested here is the other.
    let lines: Vec<&str> = err
        .lines()
        .filter(|l| l.contains(name) && !l.contains("not assessed"))
        .collect();
    assert_eq!(lines.len(), 1, "one message for {name}: {err}");
    for e in expect {
        assert!(lines[0].contains(e), "`{e}` missing from: {}", lines[0]);
    }
    err
}

#[test]
fn invalid_utf8_is_named_with_line_and_column() {
    check(
        "latin1.md",
        b"# Act\n\nSection 1. caf\xe9\n",
        &["latin1.md:3:", "not valid UTF-8"],
        2,
    );
}

#[test]
fn empty_file() {
    check("empty.md", b"", &["empty.md", "empty"], 2);
    check("blank.md", b"\n  \n", &["blank.md", "empty"], 2);
}

#[test]
fn binary_file() {
    check(
        "image.md",
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR",
        &["image.md:", "binary"],
        2,
    );
}

#[test]
fn malformed_front_matter() {
    check(
        "bad-yaml.md",
        b"---\ntitle: [unclosed\nyear: 2020\n---\n# x\n\ntext\n",
        &["bad-yaml.md:", "malformed front matter"],
        2,
    );
    check(
        "open.md",
        b"---\ntitle: x\n\n# never closed\n",
        &["open.md:1:1", "never closed"],
        2,
    );
    check(
        "year.md",
        b"---\nyear: soon\n---\ntext\n",
        &["year.md:2", "`year` should be a number"],
        2,
    );
}

#[test]
fn heading_only_file() {
    check(
        "headings.md",
        b"# An Act\n\n## Part I\n\n### Section 1.\n",
        &["headings.md", "no provisions"],
        2,
    );
}

#[test]
fn deep_nesting_is_reported_and_bounded() {
    let mut s = String::from("---\njurisdiction: deep\n---\n");
    s.push_str(&">".repeat(200));
    s.push_str(" (a) text\n\n");
    for i in 0..200 {
        s.push_str(&format!("{}- (x{i}) item\n", "  ".repeat(i)));
    }
    check("deep.md", s.as_bytes(), &["deep.md:", "nested"], 2);
}

#[test]
fn a_ten_megabyte_single_line_is_analysed_as_one_block() {
    let line = "lorem ipsum dolor sit amet consectetur adipiscing ".repeat(200_000);
    assert!(line.len() >= 10_000_000);
    check("huge.md", line.as_bytes(), &["huge.md", "one block"], 0);
}

#[test]
fn missing_paths_and_empty_folders() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("good.md"), GOOD).unwrap();
    let empty = tempfile::tempdir().unwrap();
    fs::write(empty.path().join("notes.txt"), "not markdown").unwrap();
    let missing = dir.path().join("no-such-file.md");
    let (status, out, err) = run(&[
        "analyze",
        &arg(dir.path()),
        &arg(&missing),
        &arg(empty.path()),
        "--format",
        "json",
    ]);
    assert_eq!(status, 2, "{err}");
    assert!(
        err.contains("no-such-file.md") && err.contains("cannot read"),
        "{err}"
    );
    assert!(err.contains("holds no Markdown"), "{err}");
    assert!(out.contains("\"goodland\""));
}

#[test]
fn every_bad_input_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fs::write(d.join("good.md"), GOOD).unwrap();
    fs::write(d.join("a-latin1.md"), b"caf\xe9").unwrap();
    fs::write(d.join("b-empty.md"), b"").unwrap();
    fs::write(d.join("c-binary.md"), b"\0\x01\x02").unwrap();
    fs::write(d.join("d-yaml.md"), b"---\nx: [\n---\n").unwrap();
    fs::write(d.join("e-headings.md"), b"# Only\n").unwrap();
    let (status, out, err) = run(&["analyze", &arg(d), "--format", "json"]);
    assert_eq!(status, 2);
    for f in [
        "a-latin1.md",
        "b-empty.md",
        "c-binary.md",
        "d-yaml.md",
        "e-headings.md",
    ] {
        assert_eq!(
            err.lines().filter(|l| l.contains(f)).count(),
            1,
            "{f}: {err}"
        );
    }
    assert!(out.contains("\"goodland\""));
}

#[test]
fn outline_reports_bad_files_too() {
    let (_dir, p) = with_file("z.md", b"\0\0");
    let (status, out, err) = run(&["outline", &p]);
    assert_eq!(status, 2);
    assert!(err.contains("z.md") && err.contains("binary"));
    assert!(out.contains("good.md"));
}
