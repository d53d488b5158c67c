//! Inputs the fuzz targets (`fuzz/`, `scripts/fuzz`) found, minimised,
//! fed through the public API. Each test states the behaviour the input
//! broke.

use lexalign::assess;
use lexalign::extract::{Engine, extract};
use lexalign::parse::parse_statute;
use lexalign::pipeline::load_model_law;
use lexalign::source::load_bytes;

/// Every input found so far (minimised by libFuzzer).
const FOUND: &[&[u8]] = &[
    // A setext heading (text lines underlined by `-`) of two and three lines.
    b"l\nl\n-\nl",
    b"i\nh\n-\n\xba",
    b"R\n.\n.\n-\ne",
    // Lone carriage returns: line ends for Markdown, not for line numbers.
    b"\xff\r.\r.",
    b"\xff\r\xff\r\xff",
];

/// The lines of a file as an editor shows them: a line ends at `\n`, at
/// `\r\n` or at a carriage return alone (old Mac files).
fn lines(bytes: &[u8]) -> usize {
    let lone_cr = bytes
        .windows(2)
        .filter(|w| w[0] == b'\r' && w[1] != b'\n')
        .count()
        + usize::from(bytes.last() == Some(&b'\r'));
    1 + bytes.iter().filter(|&&b| b == b'\n').count() + lone_cr
}

/// The text the loader reads (an invalid UTF-8 byte is an error there; the
/// fuzz target reads such bytes as U+FFFD, as here).
fn lossy(bytes: &[u8]) -> Vec<u8> {
    String::from_utf8_lossy(bytes).into_owned().into_bytes()
}

#[test]
fn every_input_found_goes_through_the_whole_analysis() {
    let engine = Engine::new(load_model_law(None).unwrap());
    for &input in FOUND {
        let src = load_bytes("found.md", lossy(input)).unwrap();
        let (statute, _) = parse_statute(&src);
        assert!(!statute.provisions.is_empty(), "{input:?}");
        for p in &statute.provisions {
            assert!(p.line >= 1 && p.line <= p.last_line, "{input:?}: {p:?}");
        }
        let facts = extract(&engine, &statute);
        let out = assess::assess_document(&engine, &facts);
        let reports = assess::combine(&engine.law, vec![out]);
        assert_eq!(reports.len(), 1, "{input:?}");
    }
}

/// Every provision of each input ends on a line inside the file.
fn provisions_end_inside(inputs: &[&[u8]]) {
    for &input in inputs {
        let src = load_bytes("found.md", lossy(input)).unwrap();
        let (statute, _) = parse_statute(&src);
        for p in &statute.provisions {
            assert!(
                p.last_line <= lines(input),
                "{input:?}: {} ends on line {} of {}",
                p.citation,
                p.last_line,
                lines(input)
            );
        }
    }
}

/// Found by `parse_markdown`: the provision holding a setext heading of k
/// lines ended k − 1 lines past the end of the file (`l\nl\n-\nl`, four
/// lines: last line 5): the heading's lines were counted again when it was
/// appended to the provision below it.
#[test]
fn a_setext_heading_ends_inside_the_file() {
    provisions_end_inside(&FOUND[..3]);
}

/// Found by `parse_markdown`: a lone CR ended a line for the Markdown
/// parser but not for `Source::line_of`, so a file with old Mac line ends
/// was one line whose provisions ended on lines 2, 3, ….
#[test]
fn lone_carriage_returns_give_lines_inside_the_file() {
    provisions_end_inside(&FOUND[3..]);
}
