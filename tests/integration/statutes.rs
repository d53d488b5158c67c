//! The parser on real legislation in ../shared/statutes (skipped with a
//! message when the folder is absent): every file parses, the citations a
//! reviewer checks are there, and golden outlines (citations, kinds and
//! lines only — the statutes' text stays out of the repository).

use std::collections::BTreeMap;

use super::{arg, run, statutes};

fn citations(file: &str) -> BTreeMap<String, String> {
    let dir = statutes().unwrap();
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

#[test]
fn every_statute_parses() {
    let Some(dir) = statutes() else { return };
    let (status, _, err) = run(&["outline", &arg(&dir)]);
    assert_eq!(status, 0, "{err}");
}

#[test]
fn us_code_chapter_110() {
    if statutes().is_none() {
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
    if statutes().is_none() {
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
    if statutes().is_none() {
        return;
    }
    for f in [
        "cn/minors-protection-law-2020.md",
        "cn/minors-protection-law-2024.md",
    ] {
        let c = citations(f);
        for n in 1..=132u32 {
            let cite = format!("第{}条", lexalign::parse::number::chinese_numeral(n));
            assert!(c.contains_key(&cite), "{f}: {cite} missing");
        }
        assert_eq!(c["第七十二条"], "第五章", "{f}");
    }
}

/// Citations, kinds and lines of every statute, as a golden file.
#[test]
fn golden_outlines_of_the_statutes() {
    let Some(dir) = statutes() else { return };
    let mut files: Vec<_> = walkdir::WalkDir::new(&dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "md"))
        .map(|e| e.into_path())
        .collect();
    files.sort();
    for f in files {
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
