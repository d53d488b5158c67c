//! The model-law loader: one of its files (checklist.json, concepts.json
//! or a lexicon) replaced by the input, the others embedded. The first
//! byte chooses the file. Any text gives a model law or diagnostics.
#![no_main]

use lexalign::checklist::{embedded_files, parse_files};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&which, rest)) = data.split_first() else {
        return;
    };
    let text = String::from_utf8_lossy(rest).into_owned();
    let mut files = embedded_files();
    let slots = 2 + files.lexicons.len();
    match usize::from(which) % slots {
        0 => files.checklist = text,
        1 => files.concepts = text,
        k => files.lexicons[k - 2].1 = text,
    }
    match parse_files(&files) {
        Ok(law) => assert!(!law.checklist.items.is_empty()),
        Err(diags) => {
            assert!(!diags.is_empty());
            for d in &diags {
                assert!(!d.message.is_empty());
            }
        }
    }
});
