//! The parser on real legislation in ../shared/statutes: every file parses
//! into provisions with citations, the citations a reviewer checks are
//! there, and golden outlines (citations, kinds and lines only — the
//! statutes' text stays out of the repository). When the folder is absent
//! each test prints `SKIPPED <test>` past the harness's capture, and fails
//! instead under `LEXALIGN_REQUIRE_STATUTES=1` (as in `.ci/run`).

use std::collections::BTreeMap;

use super::{arg, run, statutes};

fn citations(file: &str) -> BTreeMap<String, String> {
    let dir = statutes(file).unwrap();
    let (status, out, err) = run(&["outline", "--format", "json", &arg(&dir.join(file))]);
    assert_eq!(status, 0, "{file}: {err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let mut map = BTreeMap::new();
    fn walk(n: &serde_json::Value, parent: &str, map: &mut BTreeMap<String, String>) {
        let c = n["citation"].as_str().unwrap().to_string();
        map.entry(c.clone()).or_insert_with(|| parent.to_string());
        for ch in n["children"].as_array().into_iter().flatten() {
            walk(ch, &c, map);
        }
    }
    for n in v[0]["provisions"].as_array().unwrap() {
        walk(n, "", &mut map);
    }
    map
}

fn has(file: &str, wanted: &[&str]) {
    let c = citations(file);
    let missing: Vec<&&str> = wanted.iter().filter(|w| !c.contains_key(**w)).collect();
    assert!(missing.is_empty(), "{file}: missing {missing:?}");
}

/// The Markdown files under the statutes folder, sorted.
fn statute_files(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut files: Vec<_> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "md"))
        .map(|e| e.into_path())
        .collect();
    files.sort();
    files
}

/// Shows in the test list: passes when the statutes are there (and are
/// the expected set), and prints `SKIPPED` when they are absent.
#[test]
fn real_statutes_present_or_skip_announced() {
    let Some(dir) = statutes("statutes::real_statutes_present_or_skip_announced") else {
        return;
    };
    let n = statute_files(&dir).len();
    assert!(n >= 40, "only {n} statutes in {}", dir.display());
}

/// Real statutes read by the Markdown parser in pieces (cut between
/// blocks, tables a few rows at a time) give the blocks of the whole body
/// read at once, at piece sizes small enough to cut every file.
#[test]
fn statutes_read_in_pieces_as_whole() {
    let Some(dir) = statutes("statutes::statutes_read_in_pieces_as_whole") else {
        return;
    };
    let files = statute_files(&dir);
    let mut cut = 0;
    for f in &files {
        let text = std::fs::read_to_string(f).unwrap();
        let src = lexalign::source::Source::from_text(&f.display().to_string(), text.clone());
        let bodies = [Some(text.as_str()), src.as_ref().ok().map(|s| s.body())];
        for body in bodies.into_iter().flatten() {
            for (segment, rows) in [(0, 1), (0, 2), (1, 3), (40, 1), (200, 5), (4000, 64)] {
                if let Some(same) = lexalign::parse::pieces_agree(body, segment, rows) {
                    assert!(
                        same,
                        "{}: pieces of {segment} bytes, {rows} rows",
                        f.display()
                    );
                    cut += 1;
                }
            }
        }
    }
    assert!(
        cut > files.len(),
        "{cut} readings in pieces of {} files",
        files.len()
    );
}

#[test]
fn every_statute_parses() {
    let Some(dir) = statutes("statutes::every_statute_parses") else {
        return;
    };
    let files = statute_files(&dir);
    let (status, out, err) = run(&["outline", "--format", "json", &arg(&dir)]);
    assert_eq!(status, 0, "{err}");
    assert!(!err.contains(": error"), "error diagnostics:\n{err}");
    let docs: Vec<serde_json::Value> = serde_json::from_str(&out).unwrap();
    assert_eq!(docs.len(), files.len(), "one outline per file");
    fn walk(n: &serde_json::Value, count: &mut usize, bad: &mut Vec<String>) {
        *count += 1;
        let c = n["citation"].as_str().unwrap_or("");
        if c.trim().is_empty()
            || n["kind"].as_str().unwrap_or("").is_empty()
            || n["line"].as_u64().unwrap_or(0) == 0
        {
            bad.push(n.to_string().chars().take(200).collect());
        }
        for ch in n["children"].as_array().into_iter().flatten() {
            walk(ch, count, bad);
        }
    }
    for d in &docs {
        let path = d["path"].as_str().unwrap();
        assert!(
            !d["language"].as_str().unwrap_or("").is_empty(),
            "{path}: language"
        );
        assert!(
            !d["jurisdiction"].as_str().unwrap_or("").is_empty(),
            "{path}: jurisdiction"
        );
        let (mut count, mut bad) = (0, Vec::new());
        for p in d["provisions"].as_array().unwrap() {
            walk(p, &mut count, &mut bad);
        }
        assert!(count >= 5, "{path}: only {count} provisions");
        assert!(
            bad.is_empty(),
            "{path}: provisions without citation, kind or line: {bad:#?}"
        );
    }
    // The text outline names every file and lists its provisions.
    let (status, text, err) = run(&["outline", &arg(&dir)]);
    assert_eq!(status, 0, "{err}");
    for f in &files {
        // An absolute folder given is named by its last component.
        let name = format!("statutes/{}", arg(f.strip_prefix(&dir).unwrap()));
        let at = text
            .find(&name)
            .unwrap_or_else(|| panic!("{name} not in the outline"));
        let next = text[at..].lines().nth(1).unwrap_or("");
        assert!(
            next.starts_with(' ') && !next.trim().is_empty(),
            "{name}: empty outline"
        );
    }
}

#[test]
fn us_code_chapter_110() {
    if statutes("statutes::us_code_chapter_110").is_none() {
        return;
    }
    let f = "us/usc-18-ch110-sexual-exploitation-of-children.md";
    has(
        f,
        &["2256(1)", "2256(8)(A)", "2252A(a)(5)(B)", "2258A(a)(1)(A)"],
    );
    has(
        f,
        &[
            "2251", "2251A", "2252", "2252A", "2252B", "2252C", "2253", "2254", "2255", "2256",
            "2257", "2257A", "2258", "2258A", "2258B", "2258C", "2258D", "2258E", "2259", "2259A",
            "2259B", "2260", "2260A",
        ],
    );
}

#[test]
fn commonwealth_and_eu_styles() {
    if statutes("statutes::commonwealth_and_eu_styles").is_none() {
        return;
    }
    has(
        "ca/criminal-code-ss163-1-164-1.md",
        &["163.1(4.1)", "163.1(1)(a)(i)"],
    );
    has(
        "ke/computer-misuse-and-cybercrimes-act-2018.md",
        &["24(1)(c)", "24(3)", "6(1)(ja)", "46A(2)"],
    );
    has("eu/gdpr-arts-1-11.md", &["8(1)", "6(1)(f)", "4(21)"]);
    has(
        "gb/protection-of-children-act-1978.md",
        &["1(1)(a)", "7(6)", "7(4)(b)"],
    );
    has("in/pocso-act-2012.md", &["2(1)(d)", "2(1)(da)", "15(2)"]);
    has(
        "es/codigo-penal-arts-19-181-189-ter.md",
        &["189(1)(a)", "189 bis"],
    );
    has(
        "fr/code-penal-arts-227-21-1-a-227-28-3.md",
        &["227-23", "227-26(1°)"],
    );
}

#[test]
fn chinese_minors_protection_law() {
    if statutes("statutes::chinese_minors_protection_law").is_none() {
        return;
    }
    for f in [
        "cn/minors-protection-law-2020.md",
        "cn/minors-protection-law-2024.md",
    ] {
        let c = citations(f);
        for n in 1..=132u32 {
            let cite = format!("第{}条", chinese_numeral(n));
            assert!(c.contains_key(&cite), "{f}: {cite} missing");
        }
        assert_eq!(c["第七十二条"], "第五章", "{f}");
    }
}

/// Citations, kinds and lines of every statute, as a golden file.
#[test]
fn golden_outlines_of_the_statutes() {
    let Some(dir) = statutes("statutes::golden_outlines_of_the_statutes") else {
        return;
    };
    for f in statute_files(&dir) {
        let (status, out, err) = run(&["outline", &arg(&f)]);
        assert_eq!(status, 0, "{err}");
        // Keep the structure, not the statute's words: drop headings.
        let skeleton: Vec<String> = out
            .lines()
            .skip(1)
            .map(|l| l.split("  — ").next().unwrap_or(l).to_string())
            .collect();
        let name = f
            .strip_prefix(&dir)
            .unwrap()
            .display()
            .to_string()
            .replace(['/', '.'], "_");
        insta::assert_snapshot!(format!("statute__{name}"), skeleton.join("\n"));
    }
}

/// 1..=999 in Chinese numerals (一百三十二), as statutes number articles;
/// here rather than from src/ so the test goes through the CLI only.
fn chinese_numeral(n: u32) -> String {
    const D: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    let (h, t, u) = (n / 100, n / 10 % 10, n % 10);
    let mut s = String::new();
    if h > 0 {
        s.push_str(D[h as usize]);
        s.push('百');
    }
    if t > 0 {
        if !(h == 0 && t == 1) {
            s.push_str(D[t as usize]);
        }
        s.push('十');
    } else if h > 0 && u > 0 {
        s.push('零');
    }
    if u > 0 {
        s.push_str(D[u as usize]);
    }
    s
}

#[test]
fn chinese_numerals_as_statutes_write_them() {
    for (n, want) in [
        (1, "一"),
        (10, "十"),
        (14, "十四"),
        (72, "七十二"),
        (101, "一百零一"),
        (110, "一百一十"),
        (132, "一百三十二"),
    ] {
        assert_eq!(chinese_numeral(n), want);
    }
}
