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
fn a_file_of_more_provisions_than_the_limit_is_refused() {
    let mut text = String::from("---\njurisdiction: many\nlanguage: en\n---\n");
    for n in 0..=100_000 {
        text.push_str(&format!("## Section {n}\n\nA.\n\n"));
    }
    check(
        "many.md",
        text.as_bytes(),
        &["more than 100000 provisions", "not analysed"],
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
    // A warning: the document is analysed, its deeper levels as text.
    check(
        "deep.md",
        s.as_bytes(),
        &["deep.md:", "nested 200 deep", "analysed"],
        0,
    );
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

/// One kind of bad input: a file name, its bytes, what its one message
/// says (the file, with its line where there is one) and the exit code.
struct Kind {
    name: &'static str,
    bytes: Vec<u8>,
    expect: &'static [&'static str],
    code: i32,
}

fn kind(name: &'static str, bytes: impl Into<Vec<u8>>, expect: &'static [&'static str]) -> Kind {
    Kind {
        name,
        bytes: bytes.into(),
        expect,
        code: 2,
    }
}

/// Files that are read as something else than they claim: every kind gives
/// one message naming the file (and line), exit code 2, and the good file
/// beside it is still analysed. (Kinds needing the file system — FIFOs,
/// links, missing paths — are the tests below.)
fn kinds() -> Vec<Kind> {
    let fm = |yaml: &str| {
        format!(
            "---\n{yaml}\n---\n## Section 1. Offence\n\nA person who possesses child pornography commits an offence.\n"
        )
    };
    let utf16 = |le: bool| {
        let mut b = if le {
            vec![0xff, 0xfe]
        } else {
            vec![0xfe, 0xff]
        };
        for u in "## Section 1.\n\nA person commits an offence.\n".encode_utf16() {
            b.extend(if le { u.to_le_bytes() } else { u.to_be_bytes() });
        }
        b
    };
    let mut odd16 = utf16(true);
    odd16.push(b'x');
    let mut lone = utf16(false);
    lone.extend([0xd8, 0x00, 0x00, 0x41]);
    let long_fm = fm(&format!("title: \"{}\"", "x".repeat(70_000)));
    let mut late_nul = GOOD.repeat(400).into_bytes();
    late_nul.extend(b"\nmore\0text\n");
    vec![
        kind(
            "latin1.md",
            &b"# Act\n\nSection 1. caf\xe9\n"[..],
            &["latin1.md:3:15", "not valid UTF-8"],
        ),
        kind(
            "cp1252-quote.md",
            &b"Section 1. \x93quoted\x94\n"[..],
            &["cp1252-quote.md:1:", "not valid UTF-8"],
        ),
        kind(
            "truncated-utf8.md",
            &b"Section 1. \xe4\xb8"[..],
            &["truncated-utf8.md:1:", "not valid UTF-8"],
        ),
        kind("empty.md", "", &["empty.md", "empty"]),
        kind("blank.md", "\n \t\n\r\n", &["blank.md", "empty"]),
        kind(
            "png.md",
            &b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"[..],
            &["png.md:3", "binary"],
        ),
        kind("late-nul.md", late_nul, &["late-nul.md:", "binary"]),
        kind("odd-utf16.md", odd16, &["odd-utf16.md", "UTF-16"]),
        kind("lone-surrogate.md", lone, &["lone-surrogate.md", "UTF-16"]),
        kind(
            "yaml.md",
            fm("title: [unclosed"),
            &["yaml.md:", "malformed front matter"],
        ),
        kind(
            "tabs.md",
            fm("title: x\n\tyear: 2020"),
            &["tabs.md:", "malformed front matter"],
        ),
        kind(
            "list.md",
            fm("- a\n- b"),
            &["list.md:2", "expected `key: value`"],
        ),
        kind(
            "scalar.md",
            fm("just text"),
            &["scalar.md:2", "expected `key: value`"],
        ),
        kind(
            "year.md",
            fm("year: soon"),
            &["year.md:2", "`year` should be a number"],
        ),
        kind(
            "year-list.md",
            fm("year: [2020, 2021]"),
            &["year-list.md:", "malformed front matter"],
        ),
        kind(
            "dup-key.md",
            fm("jurisdiction: a\njurisdiction: b"),
            &["dup-key.md:3:", "`jurisdiction` is given twice"],
        ),
        kind(
            "unclosed.md",
            "---\ntitle: x\n\n# never closed\n",
            &["unclosed.md:1:1", "never closed"],
        ),
        kind(
            "long-front-matter.md",
            long_fm,
            &["long-front-matter.md:1:1", "64 KiB"],
        ),
        kind(
            "alias-bomb.md",
            fm(
                "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]\ng: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]\nh: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]\ni: [*h, *h, *h, *h, *h, *h, *h, *h, *h]",
            ),
            &["alias-bomb.md:", "malformed front matter"],
        ),
        kind(
            "headings.md",
            "# An Act\n\n## Part I\n\n### Section 1.\n",
            &["headings.md", "no provisions"],
        ),
        kind("dashes.md", "---\n---\n", &["dashes.md", "no provisions"]),
        Kind {
            code: 0,
            ..kind(
                "prose.md",
                "Just a sentence with no structure at all.\n",
                &["prose.md", "one block"],
            )
        },
    ]
}

#[test]
fn every_kind_of_bad_file_is_named_and_the_good_file_kept() {
    let kinds = kinds();
    assert!(kinds.len() >= 20);
    for k in kinds {
        let err = check(k.name, &k.bytes, k.expect, k.code);
        assert!(!err.contains("panicked"), "{}: {err}", k.name);
    }
}

#[test]
fn utf16_with_a_byte_order_mark_is_read() {
    let mut b = vec![0xff, 0xfe];
    for u in GOOD.replace("goodland", "widewords").encode_utf16() {
        b.extend(u.to_le_bytes());
    }
    let (_dir, p) = with_file("utf16.md", &b);
    let (status, out, err) = run(&["analyze", &p, "--format", "json"]);
    assert_eq!(status, 0, "{err}");
    assert!(out.contains("\"widewords\""), "{out}");
}

#[test]
fn a_file_over_the_size_limit_is_named_and_not_read() {
    let mut big = GOOD.as_bytes().to_vec();
    big.resize(17 * 1024 * 1024, b' ');
    check(
        "big.md",
        &big,
        &["big.md", "larger than the limit of 16 MiB"],
        2,
    );
}

#[cfg(unix)]
#[test]
fn pipes_links_and_loops_are_named_and_skipped() {
    use std::os::unix::fs::symlink;
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fs::write(d.join("good.md"), GOOD).unwrap();
    let fifo = d.join("pipe.md");
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    fs::create_dir(d.join("sub")).unwrap();
    symlink(d, d.join("sub/loop")).unwrap();
    symlink(d.join("gone.md"), d.join("dangling.md")).unwrap();
    let (status, out, err) = run(&["analyze", &arg(d), "--format", "json"]);
    assert_eq!(status, 2, "{err}");
    assert!(out.contains("\"goodland\""), "{out}");
    let name = d.file_name().unwrap().to_string_lossy().into_owned();
    for (file, says) in [
        ("pipe.md", "named pipe"),
        ("sub/loop", "loops back"),
        ("dangling.md", "cannot read"),
    ] {
        let line = err
            .lines()
            .find(|l| l.contains(&format!("{name}/{file}")))
            .unwrap_or_else(|| panic!("no message for {file}: {err}"));
        assert!(line.contains(says), "{file}: {line}");
    }
    // Given directly, a pipe is skipped too (reading it would block).
    let (status, _, err) = run(&[
        "analyze",
        &arg(&fifo),
        &arg(&d.join("good.md")),
        "--format",
        "json",
    ]);
    assert_eq!(status, 2, "{err}");
    assert!(
        err.contains("pipe.md") && err.contains("named pipe"),
        "{err}"
    );
}

#[test]
fn devices_are_not_read() {
    if !std::path::Path::new("/dev/zero").exists() {
        return;
    }
    let (_dir, p) = with_file("x.md", GOOD.as_bytes());
    let (status, out, err) = run(&["analyze", "/dev/zero", &p, "--format", "json"]);
    assert_eq!(status, 2, "{err}");
    assert!(err.contains("zero") && err.contains("device"), "{err}");
    assert!(out.contains("\"goodland\""));
}

#[test]
fn one_folder_named_twice_is_read_once() {
    let (_dir, p) = with_file("x.md", GOOD.as_bytes());
    let twice = format!(
        "{p}/../{}",
        std::path::Path::new(&p)
            .file_name()
            .unwrap()
            .to_string_lossy()
    );
    let (status, out, err) = run(&["analyze", &p, &twice, "--format", "json"]);
    assert_eq!(status, 0, "{err}");
    let report: serde_json::Value = serde_json::from_str(&out).unwrap();
    let docs = report["jurisdictions"][0]["documents"]
        .as_array()
        .unwrap()
        .len();
    assert_eq!(docs, 2, "good.md and x.md, once each: {out}");
}

#[test]
fn bad_numbers_on_the_command_line_are_refused() {
    for args in [
        ["--fail-under", "NaN"],
        ["--fail-under", "1.5"],
        ["--fail-under", "-0.1"],
        ["--jobs", "0"],
        ["--jobs", "100000"],
    ] {
        let flag = format!("{}={}", args[0], args[1]);
        let (status, _, err) = run(&["analyze", "corpus/hualan", &flag]);
        assert_eq!(status, 2, "{args:?}: {err}");
        assert!(err.contains(args[0]), "{args:?}: {err}");
    }
}

#[test]
fn invisible_characters_and_large_chinese_numbers_keep_the_numbering() {
    let dir = tempfile::tempdir().unwrap();
    let zw = dir.path().join("zw.md");
    fs::write(&zw, "## Section 1\u{200b}2. Offence\n\nA person who possesses child pornography commits an offence.\n").unwrap();
    let zh = dir.path().join("zh.md");
    fs::write(&zh, "---\nlanguage: zh\n---\n第九千九百九十九万条 任何人不得持有儿童色情物品。\n\n第一条 本法适用于未成年人。\n").unwrap();
    let (status, out, err) = run(&["outline", &arg(&zw), &arg(&zh)]);
    assert_eq!(status, 0, "{err}");
    assert!(out.contains("  12  Section"), "{out}");
    assert!(out.contains("  第九千九百九十九万条  Article"), "{out}");
    assert!(!out.contains("第一条第二款"), "{out}");
}
