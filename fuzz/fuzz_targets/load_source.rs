//! Loading a file's bytes: encoding checks, front matter (YAML) and
//! metadata. Any bytes give a source or a diagnostic, never a panic.
#![no_main]

use lexalign::source::load_bytes;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    match load_bytes("fuzz.md", data.to_vec()) {
        Ok(src) => {
            assert!(src.body_start <= src.text.len());
            assert!(src.text.is_char_boundary(src.body_start));
            let _ = src.body();
            for off in [0, src.body_start, src.text.len()] {
                let line = src.line_of(off);
                assert!(line >= 1);
            }
        }
        Err(d) => {
            assert!(!d.message.is_empty());
            assert_eq!(d.path, "fuzz.md");
        }
    }
});
