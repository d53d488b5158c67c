//! The report JSON reader of `compare` and `trend`, then both on what it
//! read: a report compared with itself has no change; the trend and its
//! text summary build.
#![no_main]

use lexalign::compare::{compare, input::Side};
use lexalign::report::read::parse_report;
use lexalign::trend::{to_text, trend};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(report) = parse_report("fuzz.json", data) else {
        return;
    };
    let side = Side {
        path: "fuzz.json".into(),
        units: None,
        jurisdictions: report.jurisdictions.clone(),
    };
    let c = compare(&side, &side);
    assert!(c.regressions().is_empty());
    let _ = c.to_json();
    let entries = report
        .jurisdictions
        .into_iter()
        .map(|j| ("fuzz.json".to_string(), j))
        .collect();
    let (t, _) = trend(vec!["fuzz.json".into()], entries);
    let _ = to_text(&t);
});
