//! The Markdown-to-provisions parser: any text (front matter and body)
//! gives a tree whose links hold together, and never panics.
#![no_main]

use lexalign::parse::parse_statute;
use lexalign::source::Source;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data).into_owned();
    let Ok(src) = Source::from_text("fuzz.md", text) else {
        return;
    };
    let (statute, _diags) = parse_statute(&src);
    let n = statute.provisions.len();
    for (i, p) in statute.provisions.iter().enumerate() {
        assert!(p.line >= 1 && p.line <= p.last_line, "lines of {i}");
        // Not checked: `last_line` within the file. A setext heading of k
        // lines puts it k - 1 lines past the end (found by this target,
        // reported; tests/integration/fuzz_regressions.rs).
        if let Some(parent) = p.parent {
            assert!(parent < i, "parent after child");
            assert!(statute.provisions[parent].children.contains(&i));
        }
        for &c in &p.children {
            assert!(c > i && c < n, "child out of order");
        }
        let sub = statute.subtree(i);
        assert!(sub.start == i && sub.end <= n);
        let _ = statute.unit_of(i);
        assert!(statute.ancestors(i).count() < n.max(1));
    }
    for &r in &statute.roots {
        assert!(r < n && statute.provisions[r].parent.is_none());
    }
});
