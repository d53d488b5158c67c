//! One document through the whole analysis with the embedded model law:
//! load → parse → extract → assess → combine into a jurisdiction report,
//! as the pipeline does for each file.
#![no_main]

use std::sync::LazyLock;

use lexalign::extract::{Engine, extract};
use lexalign::parse::parse_statute;
use lexalign::source::load_bytes;
use lexalign::{assess, pipeline};
use libfuzzer_sys::fuzz_target;

static ENGINE: LazyLock<Engine> = LazyLock::new(|| {
    let law = pipeline::load_model_law(None)
        .unwrap_or_else(|_| panic!("the embedded model law does not load"));
    Engine::new(law)
});

fuzz_target!(|data: &[u8]| {
    let engine = &*ENGINE;
    let Ok(src) = load_bytes("fuzz.md", data.to_vec()) else {
        return;
    };
    let (statute, diags) = parse_statute(&src);
    if diags
        .iter()
        .any(|d| d.is_error() && d.message.starts_with("no provisions"))
    {
        return;
    }
    let facts = extract(engine, &statute);
    let out = assess::assess_document(engine, &facts);
    let items = engine.law.checklist.items.len();
    // A document lexalign cannot read has no outcome, with its reason.
    assert!(out.outcomes.len() == items || out.info.not_assessed.is_some());
    let reports = assess::combine(&engine.law, vec![out]);
    assert_eq!(reports.len(), 1);
    let json = serde_json::to_string(&reports).unwrap_or_default();
    assert!(!json.is_empty());
});
