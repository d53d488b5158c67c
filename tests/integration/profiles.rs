//! Profiles (model-law/profiles/*.json): ICMEC's five criteria and the Out
//! of the Shadows Index computed from the findings, in the JSON report,
//! as `lexalign profile` tables and CSV; a user's own profile added with
//! `--profile FILE`; a broken one named with file and line.

use std::collections::BTreeMap;

use super::{arg, ok, run};

fn report(args: &[&str]) -> serde_json::Value {
    let mut a = vec!["analyze"];
    a.extend(args);
    a.extend(["--format", "json", "-q"]);
    serde_json::from_str(&ok(&a)).unwrap()
}

fn statuses(j: &serde_json::Value) -> BTreeMap<String, String> {
    j["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["item"].as_str().unwrap().to_string(),
                f["status"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

const CONDUCT: &[&str] = &[
    "CSAM-PRODUCE",
    "CSAM-DISTRIBUTE",
    "CSAM-OFFER",
    "CSAM-DISPLAY",
    "CSAM-POSSESS",
    "CSAM-ACCESS",
    "CSAM-VIEW",
    "CSAM-DOWNLOAD",
    "CSAM-STORE",
];

/// ICMEC's criteria as ../shared/model-law-spec.md maps them, worked out
/// here from the item statuses alone (the corpus has no unread document).
fn icmec_expected(s: &BTreeMap<String, String>) -> (bool, Vec<&'static str>) {
    let met = |i: &str| s[i] == "met";
    let c1 = CONDUCT.iter().any(|i| met(i));
    let c = [
        ("1", c1),
        ("2", met("CSAM-DEFINED")),
        ("3", c1 && met("ONLINE-OFFLINE")),
        ("4", met("CSAM-SIMPLE-POSSESSION")),
        ("5", met("ISP-REPORT")),
    ];
    let sufficient = c[..4].iter().all(|(_, m)| *m);
    (
        sufficient,
        c.iter().filter(|(_, m)| !m).map(|(id, _)| *id).collect(),
    )
}

#[test]
fn the_report_carries_icmec_and_oosi_per_jurisdiction() {
    let r = report(&["corpus"]);
    assert_eq!(r["version"], 2, "profiles are an added field");
    let mut verdicts = Vec::new();
    for j in r["jurisdictions"].as_array().unwrap() {
        let s = statuses(j);
        let icmec = &j["profiles"]["icmec-5"];
        let (sufficient, missed) = icmec_expected(&s);
        let got_missed: Vec<&str> = icmec["indicators"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|i| i["id"] != "sufficient" && i["status"] != "met")
            .map(|i| i["id"].as_str().unwrap())
            .collect();
        assert_eq!(got_missed, missed, "{}", j["jurisdiction"]);
        assert_eq!(icmec["verdict"]["indicator"], "sufficient");
        assert_eq!(
            icmec["verdict"]["status"] == "met",
            sufficient,
            "{}",
            j["jurisdiction"]
        );
        verdicts.push(sufficient);
        // OOSI 4.4.3 is one point for a duty on providers to report.
        let isp = &j["profiles"]["oosi"]["indicators"][2];
        assert_eq!(isp["id"], "4.4.3");
        assert_eq!(isp["max"], 1.0);
        let point = if s["ISP-REPORT"] == "met" { 1.0 } else { 0.0 };
        assert_eq!(isp["points"], point);
        // 4.4.1's definition point is listed, never awarded.
        let grooming = &j["profiles"]["oosi"]["indicators"][0];
        assert_eq!(grooming["max"], 3.0);
        assert!(grooming["points"].as_f64().unwrap() <= 2.0);
        assert_eq!(grooming["unscored"].as_array().unwrap().len(), 1);
    }
    assert!(
        verdicts.contains(&true) && verdicts.contains(&false),
        "{verdicts:?}"
    );
}

#[test]
fn cited_provisions_are_the_items_evidence() {
    let r = report(&["corpus/norland-2025"]);
    let j = &r["jurisdictions"][0];
    let def = j["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["item"] == "CSAM-DEFINED")
        .unwrap();
    let ind = &j["profiles"]["icmec-5"]["indicators"][1];
    assert_eq!(ind["id"], "2");
    assert_eq!(ind["items"], serde_json::json!(["CSAM-DEFINED"]));
    let expected: Vec<String> = if def["status"] == "met" || def["status"] == "partial" {
        def["evidence"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| {
                format!(
                    "{} ({}:{})",
                    e["citation"].as_str().unwrap(),
                    e["document"].as_str().unwrap(),
                    e["line"]
                )
            })
            .collect()
    } else {
        Vec::new()
    };
    let got: Vec<String> = ind["provisions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p.as_str().unwrap().to_string())
        .collect();
    assert_eq!(got, expected);
}

const MINE: &str = r#"{
  "id": "mine",
  "title": "Offenders",
  "source": "a test",
  "indicators": [
    {"id": "age", "title": "MACR at least 14", "rule": {"kind": "all_met", "params": {"of": ["MACR"]}}},
    {"id": "both", "title": "MACR and diversion", "rule": {"kind": "points", "params": {"parts": [
      {"title": "MACR", "rule": {"kind": "all_met", "params": {"of": ["age"]}}, "met": 2},
      {"title": "diversion", "rule": {"kind": "all_met", "params": {"of": ["CHILD-OFFENDER-DIVERSION"]}}}
    ]}}}
  ]
}
"#;

#[test]
fn a_users_profile_is_added_without_rust() {
    let t = tempfile::tempdir().unwrap();
    let p = t.path().join("mine.json");
    std::fs::write(&p, MINE).unwrap();
    let r = report(&["corpus/norland-2025", "--profile", &arg(&p)]);
    let j = &r["jurisdictions"][0];
    let profiles = j["profiles"].as_object().unwrap();
    assert_eq!(
        profiles.keys().collect::<Vec<_>>(),
        ["mine"],
        "only those named"
    );
    let s = statuses(j);
    let age = s["MACR"] == "met";
    let div = s["CHILD-OFFENDER-DIVERSION"] == "met";
    let both = &j["profiles"]["mine"]["indicators"][1];
    let points = if age { 2.0 } else { 0.0 } + if div { 1.0 } else { 0.0 };
    assert_eq!(both["points"], points);
    assert_eq!(both["max"], 3.0);
    assert_eq!(
        both["items"],
        serde_json::json!(["MACR", "CHILD-OFFENDER-DIVERSION"])
    );
    let text = ok(&["profile", "corpus/norland-2025", "--profile", &arg(&p)]);
    assert!(text.contains("## Offenders (mine)"), "{text}");
    assert!(
        text.contains("| jurisdiction | age | both | missed |"),
        "{text}"
    );
}

#[test]
fn a_broken_profile_is_one_message_with_file_and_line() {
    let t = tempfile::tempdir().unwrap();
    let p = t.path().join("bad.json");
    std::fs::write(&p, MINE.replace("\"all_met\"", "\"every_met\"")).unwrap();
    let (status, out, err) = run(&[
        "analyze",
        "corpus/norland-2025",
        "--profile",
        &arg(&p),
        "--format",
        "json",
    ]);
    assert_eq!(status, 2, "{err}");
    assert!(out.is_empty(), "no report from a broken profile");
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 1, "{err}");
    assert!(lines[0].starts_with("bad.json:6:"), "{err}");
    assert!(lines[0].contains("every_met"), "{err}");
    // An unknown item: named at its line.
    std::fs::write(&p, MINE.replace("\"MACR\"", "\"NO-SUCH\"")).unwrap();
    let (status, _, err) = run(&["profile", "corpus/norland-2025", "--profile", &arg(&p)]);
    assert_eq!(status, 2);
    assert!(err.starts_with("bad.json:6: error:"), "{err}");
    assert!(err.contains("NO-SUCH"), "{err}");
    // An unknown id.
    let (status, _, err) = run(&["profile", "corpus/norland-2025", "--profile", "icmec-6"]);
    assert_eq!(status, 2);
    assert!(err.contains("icmec-5, oosi"), "{err}");
}

#[test]
fn the_profile_table_and_csv_agree_with_the_report() {
    let text = ok(&["profile", "corpus", "--profile", "icmec-5"]);
    let csv = ok(&[
        "profile",
        "corpus",
        "--profile",
        "icmec-5",
        "--format",
        "csv",
    ]);
    let r = report(&["corpus"]);
    let js = r["jurisdictions"].as_array().unwrap();
    let mut rows = csv.lines();
    assert_eq!(
        rows.next().unwrap(),
        "jurisdiction,profile,indicator,title,status,points,max,verdict,items,provisions"
    );
    assert_eq!(rows.count(), js.len() * 6);
    // The table's rows, in the report's order (after its header and rule).
    let table: Vec<&str> = text
        .lines()
        .skip_while(|l| !l.starts_with("|---"))
        .skip(1)
        .take_while(|l| l.starts_with("| "))
        .collect();
    assert_eq!(table.len(), js.len());
    for (j, row) in js.iter().zip(table) {
        let (sufficient, missed) = icmec_expected(&statuses(j));
        let code = j["jurisdiction"].as_str().unwrap();
        assert!(row.contains(&format!("({code}) |")), "{row}");
        let cells: Vec<&str> = row.trim_matches('|').split(" | ").map(str::trim).collect();
        assert_eq!(cells[1], if sufficient { "yes" } else { "no" }, "{row}");
        let m = if missed.is_empty() {
            "-".to_string()
        } else {
            missed.join(", ")
        };
        assert_eq!(*cells.last().unwrap(), m, "{row}");
    }
}
