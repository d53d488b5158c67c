//! `compare --format sarif`: lost items as SARIF 2.1.0 results at the
//! new draft's provision lines, valid against the official schema
//! (../shared/schemas, read at test time); a protection removed with its
//! section is shown at the new document's first line with the old
//! provision as a related location.

use super::oscal::{invalid, schema};
use super::{arg, ok, run};

const V1: &str = "corpus/drafts/online-harms-bill-v1.md";
const V2: &str = "corpus/drafts/online-harms-bill-v2.md";
const SARIF_SCHEMA: &str = "sarif-schema-2.1.0.json";

fn sarif(old: &str, new: &str) -> serde_json::Value {
    serde_json::from_str(&ok(&["compare", old, new, "--format", "sarif"])).unwrap()
}

fn valid(doc: &serde_json::Value) {
    if let Some(v) = schema(SARIF_SCHEMA) {
        let errors = invalid(&v, doc);
        assert!(errors.is_empty(), "{errors:#?}");
    }
}

/// (ruleId, uri, startLine, endLine) of every result's first location.
fn located(doc: &serde_json::Value) -> Vec<(String, String, u64, u64)> {
    doc["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let p = &r["locations"][0]["physicalLocation"];
            (
                r["ruleId"].as_str().unwrap().to_string(),
                p["artifactLocation"]["uri"].as_str().unwrap().to_string(),
                p["region"]["startLine"].as_u64().unwrap(),
                p["region"]["endLine"]
                    .as_u64()
                    .unwrap_or(p["region"]["startLine"].as_u64().unwrap()),
            )
        })
        .collect()
}

#[test]
fn a_draft_that_loses_items_gets_results_at_its_provisions() {
    // v2 → v1 is the drafts' history backwards: what v1 lacks is lost.
    let doc = sarif(V2, V1);
    valid(&doc);
    let cmp: serde_json::Value =
        serde_json::from_str(&ok(&["compare", V2, V1, "--format", "json"])).unwrap();
    let lost: Vec<&str> = cmp["jurisdictions"][0]["lost"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert!(!lost.is_empty());
    let found = located(&doc);
    let ids: Vec<&str> = found.iter().map(|f| f.0.as_str()).collect();
    assert_eq!(ids, lost);
    let text = std::fs::read_to_string(super::root().join(V1)).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    for (id, uri, start, end) in &found {
        assert_eq!(uri, V1, "{id}: located in the new draft, by relative path");
        assert!(start <= end && *end as usize <= lines.len(), "{id}");
        // The region is text, not the blank line after it.
        assert!(!lines[*end as usize - 1].trim().is_empty(), "{id}");
    }
    // ISP-REMOVE: v2's duty to remove became v1's "may remove" (s. 7).
    let (_, _, start, end) = found.iter().find(|f| f.0 == "ISP-REMOVE").unwrap();
    let region = lines[*start as usize - 1..*end as usize].join("\n");
    assert!(region.contains("may remove"), "{region}");
    // One rule per checklist item; a result's rule is its item, with the
    // item's recommendation as help.
    let rules = doc["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .unwrap();
    assert_eq!(rules.len(), 33);
    let r = &doc["runs"][0]["results"][0];
    let rule = &rules[r["ruleIndex"].as_u64().unwrap() as usize];
    assert_eq!(rule["id"], r["ruleId"]);
    assert!(!rule["help"]["text"].as_str().unwrap().is_empty());
}

#[test]
fn nothing_lost_is_an_empty_valid_log() {
    let doc = sarif(V1, V1);
    valid(&doc);
    assert_eq!(doc["runs"][0]["results"], serde_json::json!([]));
}

#[test]
fn a_protection_removed_with_its_section_is_shown_at_line_one() {
    let t = tempfile::tempdir().unwrap();
    let v2 = std::fs::read_to_string(super::root().join(V2)).unwrap();
    let start = v2.find("### 10 Removal of material").unwrap();
    let end = v2.find("### 11 Preservation of data").unwrap();
    let cut = format!("{}{}", &v2[..start], &v2[end..]);
    std::fs::create_dir_all(t.path().join("old")).unwrap();
    std::fs::create_dir_all(t.path().join("new")).unwrap();
    let old = t.path().join("old/bill.md");
    let new = t.path().join("new/bill.md");
    std::fs::write(&old, &v2).unwrap();
    std::fs::write(&new, &cut).unwrap();
    let (status, out, err) = run(&["compare", &arg(&old), &arg(&new), "--format", "sarif"]);
    assert_eq!(status, 0, "{err}");
    let doc: serde_json::Value = serde_json::from_str(&out).unwrap();
    valid(&doc);
    assert!(!out.contains(&arg(t.path())), "no absolute path");
    let r = doc["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["ruleId"] == "ISP-REMOVE")
        .expect("ISP-REMOVE lost");
    let p = &r["locations"][0]["physicalLocation"];
    assert_eq!(p["artifactLocation"]["uri"], "bill.md");
    assert_eq!(p["region"]["startLine"], 1);
    let line_of_10 = v2[..start].lines().count() + 1;
    let related: Vec<u64> = r["relatedLocations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            l["physicalLocation"]["region"]["startLine"]
                .as_u64()
                .unwrap()
        })
        .collect();
    assert!(
        related
            .iter()
            .any(|&l| (line_of_10..line_of_10 + 3).contains(&(l as usize))),
        "{related:?} near line {line_of_10}"
    );
    assert!(
        r["message"]["text"].as_str().unwrap().contains("old draft"),
        "{}",
        r["message"]
    );
}

#[test]
fn the_log_is_the_same_at_any_thread_count_and_in_a_folder() {
    let one = ok(&["compare", V2, V1, "--format", "sarif", "--jobs", "1"]);
    let two = ok(&["compare", V2, V1, "--format", "sarif", "--jobs", "2"]);
    assert!(one == two);
    let t = tempfile::tempdir().unwrap();
    let out = t.path().join("cmp");
    ok(&["compare", V2, V1, "--format", "sarif", "--out", &arg(&out)]);
    assert!(std::fs::read_to_string(out.join("compare.sarif")).unwrap() == one);
    assert!(out.join("compare.json").is_file());
}

#[test]
fn report_json_sides_give_first_lines_and_a_valid_log() {
    let t = tempfile::tempdir().unwrap();
    let (old, new) = (t.path().join("v2.json"), t.path().join("v1.json"));
    std::fs::write(&old, ok(&["analyze", V2, "--format", "json", "-q"])).unwrap();
    std::fs::write(&new, ok(&["analyze", V1, "--format", "json", "-q"])).unwrap();
    let doc = sarif(&arg(&old), &arg(&new));
    valid(&doc);
    let from_texts = located(&sarif(V2, V1));
    let from_reports = located(&doc);
    let ids = |v: &[(String, String, u64, u64)]| v.iter().map(|f| f.0.clone()).collect::<Vec<_>>();
    assert_eq!(ids(&from_reports), ids(&from_texts));
    for (id, uri, start, end) in &from_reports {
        assert_eq!(uri, V1, "{id}");
        assert_eq!(start, end, "{id}: no text, no last line");
    }
}
