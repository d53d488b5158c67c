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
fn two_reports_of_one_year_are_an_error_until_each_is_given_its_year() {
    let t = tempfile::tempdir().unwrap();
    // Two reports whose only year is their documents' 2019: they would
    // fall into one year, the later hiding the earlier.
    let a = hand_report(t.path(), "a.json", None, &[("ke", None, "met", "met")]);
    let b = hand_report(t.path(), "b.json", None, &[("ke", None, "not_met", "met")]);
    let (status, _, err) = run(&["trend", &a, &b, "--format", "json"]);
    assert_eq!(status, 2, "{err}");
    assert!(err.contains("for the same year, 2019"), "{err}");
    assert!(err.contains("--year"), "{err}");
    let out = t.path().join("trend");
    let (status, _, _) = run(&["trend", &a, &b, "--out", &arg(&out)]);
    assert_eq!(status, 2);
    assert!(!out.exists(), "nothing is written on an error");
    let (status, html, err) = run(&["trend", &a, &b, "--year", "2021,2023", "--format", "html"]);
    assert_eq!(status, 0, "{err}");
    assert!(html.contains("<title>Trend 2021–2023</title>"), "{html}");
    assert!(html.contains("<h1>Trend 2021–2023</h1>"), "{html}");
    let (status, out, err) = run(&["trend", &a, &b, "--year", "2023,2024", "--format", "json"]);
    assert_eq!(status, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["years"], serde_json::json!([2023, 2024]));
    assert_eq!(v["regressed"], serde_json::json!(["ke"]));
    // One edition of a statute book (its version, 2024) in two reports is
    // the same text twice: a warning, one year.
    let n1 = report(t.path(), "n1.json", &["corpus/norland-2024"]);
    let n2 = report(t.path(), "n2.json", &["corpus/norland-2024"]);
    let (status, out, err) = run(&["trend", &n1, &n2, "--format", "json"]);
    assert_eq!(status, 0, "{err}");
    assert!(
        err.contains("edition 2024, is in n1.json and in n2.json"),
        "{err}"
    );
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["years"], serde_json::json!([2024]));
    // One --year per report, or none.
    let (status, _, err) = run(&["trend", &a, &b, "--year", "2023"]);
    assert_eq!(status, 2);
    assert!(err.contains("one year per report"), "{err}");
    let (status, _, err) = run(&["trend", &a, &b, "--year", "23,2024"]);
    assert_eq!(status, 2, "{err}");
    // The same jurisdiction twice in one report: a warning, the later wins.
    let twice = report(
        t.path(),
        "twice.json",
        &["corpus/norland-2024", "corpus/norland-2024"],
    );
    let (status, _, err) = run(&["trend", &twice]);
    assert_eq!(status, 0, "{err}");
}

/// A report written by hand: per jurisdiction (code, name, statuses of
/// items X and Y); `as_of` when given. Every document is of 2019, so
/// without `as_of` two such reports have no year of their own.
fn hand_report(
    dir: &std::path::Path,
    file: &str,
    as_of: Option<&str>,
    js: &[(&str, Option<&str>, &str, &str)],
) -> String {
    let js: Vec<serde_json::Value> = js
        .iter()
        .map(|(code, name, x, y)| {
            let mut j = serde_json::json!({
                "jurisdiction": code,
                "year": 2019,
                "documents": [{"path": format!("{code}/act.md"), "title": "Act", "year": 2019}],
                "score": 0.5,
                "findings": [
                    {"item": "CSAM-POSSESS", "area": "a", "status": x},
                    {"item": "GROOMING", "area": "a", "status": y}
                ]
            });
            if let Some(n) = name {
                j["name"] = serde_json::json!(n);
            }
            j
        })
        .collect();
    let mut r = serde_json::json!({"version": 2, "jurisdictions": js});
    if let Some(d) = as_of {
        r["as_of"] = serde_json::json!(d);
    }
    let p = dir.join(file);
    std::fs::write(&p, serde_json::to_string_pretty(&r).unwrap()).unwrap();
    arg(&p)
}

/// Shares, not counts: in 2024 more jurisdictions meet CSAM-POSSESS (2
/// rather than 1) but a smaller share of those assessed (2 of 5 rather
/// than 1 of 2). Expected figures worked out by hand:
/// - CSAM-POSSESS: 2023 1/2 = 0.5; 2024 2/5 = 0.4 (the not-assessed
///   sixth jurisdiction is in neither count);
/// - GROOMING: 2023 2/2 = 1.0; 2024 1/5 = 0.2;
/// - all items: 2023 3/4 = 0.75; 2024 3/10 = 0.3.
#[test]
fn trend_shows_shares_of_the_jurisdictions_assessed() {
    let t = tempfile::tempdir().unwrap();
    let y2023 = hand_report(
        t.path(),
        "y2023.json",
        Some("2023-12-31"),
        &[
            ("ke", Some("Kenya"), "met", "met"),
            ("zz", None, "not_met", "met"),
        ],
    );
    let y2024 = hand_report(
        t.path(),
        "y2024.json",
        Some("2024"),
        &[
            ("ke", Some("Kenya"), "met", "partial"),
            ("zz", None, "not_met", "not_met"),
            ("aa", Some("Aland"), "met", "met"),
            ("bb", None, "partial", "not_met"),
            ("cc", None, "not_met", "not_met"),
            ("dd", None, "not_assessed", "not_assessed"),
        ],
    );
    let (status, out, err) = run(&["trend", &y2023, &y2024, "--format", "json"]);
    assert_eq!(status, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["years"], serde_json::json!([2023, 2024]), "from as_of");
    let item = |id: &str| {
        v["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["item"] == id)
            .unwrap()
            .clone()
    };
    let x = item("CSAM-POSSESS");
    assert_eq!(x["met"], serde_json::json!([1, 2]));
    assert_eq!(x["assessed"], serde_json::json!([2, 5]));
    assert_eq!(x["share"], serde_json::json!([0.5, 0.4]));
    assert_eq!(x["percent"], serde_json::json!(["50%", "40%"]));
    assert!(x["title"].as_str().is_some_and(|t| !t.is_empty()), "{x}");
    let y = item("GROOMING");
    assert_eq!(y["share"], serde_json::json!([1.0, 0.2]));
    assert_eq!(y["partial"], serde_json::json!([0, 1]));
    let totals: Vec<(i64, u64, u64, f64)> = v["totals"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            (
                t["year"].as_i64().unwrap(),
                t["met"].as_u64().unwrap(),
                t["assessed"].as_u64().unwrap(),
                t["share"].as_f64().unwrap(),
            )
        })
        .collect();
    assert_eq!(totals, vec![(2023, 3, 4, 0.75), (2024, 3, 10, 0.3)]);
    // Names, not codes; sorted by name; Kenya lost GROOMING (met → partial).
    let names: Vec<&str> = v["jurisdictions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|j| j["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, vec!["Aland", "bb", "cc", "dd", "Kenya", "zz"]);
    assert_eq!(v["regressed"], serde_json::json!(["Kenya", "zz"]));
    // The bars stand for the shares: 2024 of CSAM-POSSESS is 0.4 of the
    // plot, lower than 2023's 0.5, though its count is higher.
    let c = &v["chart"];
    let plot = c["base"].as_u64().unwrap() - c["top"].as_u64().unwrap();
    let h: Vec<u64> = c["bars"].as_array().unwrap()[..2]
        .iter()
        .map(|b| b["h"].as_u64().unwrap())
        .collect();
    assert_eq!(h, vec![plot / 2, plot * 2 / 5]);
    let text = ok(&["trend", &y2023, &y2024]);
    assert!(
        text.contains("2023: 75% (3 of 4 items met; 2 jurisdictions)"),
        "{text}"
    );
    assert!(
        text.contains("2024: 30% (3 of 10 items met; 6 jurisdictions)"),
        "{text}"
    );
    assert!(text.contains("\nKenya: score"), "{text}");
    let (status, html, err) = run(&["trend", &y2023, &y2024, "--format", "html"]);
    assert_eq!(status, 0, "{err}");
    assert!(
        html.contains("<strong>40%</strong> <small>(2 of 5; 1 partly)</small>"),
        "{html}"
    );
    assert!(
        html.contains("<h3>Kenya <small class=\"code\">ke</small></h3>"),
        "{html}"
    );
    assert!(
        html.contains(">100%</text>"),
        "the scale is in percent: {html}"
    );
    // Without as_of the two reports have only their documents' 2019: an
    // error, not one year.
    let a = hand_report(t.path(), "a.json", None, &[("ke", None, "met", "met")]);
    let b = hand_report(t.path(), "b.json", None, &[("ke", None, "not_met", "met")]);
    let (status, _, err) = run(&["trend", &a, &b]);
    assert_eq!(status, 2, "{err}");
    assert!(
        err.contains("2019 (from the years of its documents)"),
        "{err}"
    );
    let (status, out, err) = run(&["trend", &a, &b, "--as-of", "2020,2021", "--format", "json"]);
    assert_eq!(status, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["years"], serde_json::json!([2020, 2021]));
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
    assert!(
        html.contains(
            "Possessing is an offence (CSAM-POSSESS) in 2025: 100% met (1 of 1 assessed)"
        ),
        "{html}"
    );
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
