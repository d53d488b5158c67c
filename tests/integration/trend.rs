//! `lexalign trend`: the two Norland editions of the corpus, from one
//! report or from two; a year reported twice; the HTML and JSON folder.

use super::{arg, main_of, ok, run};

fn report(t: &std::path::Path, name: &str, paths: &[&str]) -> String {
    let mut args = vec!["analyze"];
    args.extend_from_slice(paths);
    args.extend_from_slice(&["--format", "json"]);
    let (status, out, err) = run(&args);
    assert_eq!(status, 0, "{err}");
    let p = t.join(name);
    std::fs::write(&p, out).unwrap();
    arg(&p)
}

fn met(v: &serde_json::Value, item: &str) -> Vec<u64> {
    let i = v["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["item"] == item)
        .unwrap();
    i["met"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n.as_u64().unwrap())
        .collect()
}

#[test]
fn norland_two_editions_give_the_expected_counts() {
    let t = tempfile::tempdir().unwrap();
    let a = report(t.path(), "2024.json", &["corpus/norland-2024"]);
    let b = report(t.path(), "2025.json", &["corpus/norland-2025"]);
    let both = report(
        t.path(),
        "both.json",
        &["corpus/norland-2024", "corpus/norland-2025"],
    );
    let (status, out, err) = run(&["trend", &a, &b, "--format", "json"]);
    assert_eq!(status, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["years"], serde_json::json!([2024, 2025]));
    assert_eq!(met(&v, "CSAM-POSSESS"), vec![0, 1]);
    assert_eq!(met(&v, "CSAM-SIMPLE-POSSESSION"), vec![0, 1]);
    assert_eq!(met(&v, "CHILD-AGE-CONSISTENT"), vec![0, 1]);
    assert_eq!(met(&v, "CHILD-UNDER-18"), vec![1, 1]);
    assert_eq!(met(&v, "CSAM-VIEW"), vec![0, 0]);
    assert_eq!(v["improved"], serde_json::json!(["norland"]));
    assert_eq!(v["regressed"], serde_json::json!([]));
    let text = ok(&["trend", &a, &b]);
    let table = text
        .split("\nImproved")
        .next()
        .unwrap()
        .split_once('\n')
        .unwrap()
        .1;
    insta::assert_snapshot!("norland_trend", table);
    let one = ok(&["trend", &both]);
    assert_eq!(
        one.split_once('\n').unwrap().1,
        text.split_once('\n').unwrap().1
    );
}

#[test]
fn a_year_reported_twice_warns_and_the_later_wins() {
    let t = tempfile::tempdir().unwrap();
    let a = report(t.path(), "a.json", &["corpus/norland-2024"]);
    let b = report(t.path(), "b.json", &["corpus/norland-2024"]);
    let (status, out, err) = run(&["trend", &a, &b, "--format", "json"]);
    assert_eq!(status, 0, "{err}");
    assert!(err.contains("reported twice for 2024"), "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["years"], serde_json::json!([2024]));
}

/// `trend` over reports of Norland 2024 and 2025 with `--out DIR/trend`,
/// which must succeed; the folder.
fn norland_out(dir: &std::path::Path) -> std::path::PathBuf {
    let a = report(dir, "2024.json", &["corpus/norland-2024"]);
    let b = report(dir, "2025.json", &["corpus/norland-2025"]);
    let out = dir.join("trend");
    let (status, _, err) = run(&["trend", &a, &b, "--out", &arg(&out)]);
    assert_eq!(status, 0, "{err}");
    out
}

#[test]
fn trend_writes_html_and_json_and_rejects_bad_reports() {
    let t = tempfile::tempdir().unwrap();
    let out = norland_out(t.path());
    let html = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(html.contains("<svg role=\"img\""));
    assert!(html.contains("CSAM-POSSESS in 2025: 1 of 1 met"));
    assert!(out.join("trend.json").is_file());
    let bad = t.path().join("bad.json");
    std::fs::write(&bad, "not json").unwrap();
    let (status, _, err) = run(&["trend", &arg(&bad)]);
    assert_eq!(status, 2);
    assert!(err.contains("bad.json:1:"), "{err}");
}

/// The page of the two Norland editions (its `<main>`): a change to the
/// trend page shows in review.
#[test]
fn html_page_of_norland() {
    let t = tempfile::tempdir().unwrap();
    let out = norland_out(t.path());
    let html = std::fs::read(out.join("index.html")).unwrap();
    let page = String::from_utf8(html.clone()).unwrap();
    assert!(page.contains("<title>Trend 2024–2025</title>"), "{page}");
    assert!(page.contains("The same data is in trend.json"), "{page}");
    insta::assert_snapshot!("norland_html", main_of(&html, Some(t.path())));
}

#[test]
fn jurisdiction_names_are_escaped_in_the_trend_page() {
    let t = tempfile::tempdir().unwrap();
    let src = t.path().join("hostile.md");
    std::fs::write(
        &src,
        "---\njurisdiction: \"<b>Evil</b> & Co\"\nyear: 2024\n---\n\n# Act\n\n## Section 1. Definitions\n\n(1) In this Act, \"child\" means a person under the age of 18 years.\n",
    )
    .unwrap();
    let r = report(t.path(), "r.json", &[&arg(&src)]);
    let (status, html, err) = run(&["trend", &r, "--format", "html"]);
    assert_eq!(status, 0, "{err}");
    assert!(!html.contains("<b>Evil"), "unescaped name in\n{html}");
    assert!(html.contains("&lt;b&gt;Evil&lt;/b&gt; &amp; Co"), "{html}");
}
