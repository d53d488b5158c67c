//! The floor of the benchmark: a bare pulldown-cmark pass (offset
//! iterator) over every Markdown file under the given paths, doing nothing
//! with the events but counting them. `lexalign analyze` cannot be faster
//! than reading and parsing the Markdown once.
//!
//! cargo run --release --example parse_floor -- PATH...

use std::time::Instant;

fn main() {
    let paths: Vec<std::path::PathBuf> = std::env::args_os().skip(1).map(Into::into).collect();
    let start = Instant::now();
    let (files, _) = lexalign::source::collect_paths(&paths);
    let mut bytes = 0usize;
    let mut events = 0usize;
    for f in &files {
        let Ok(text) = std::fs::read_to_string(f) else {
            continue;
        };
        bytes += text.len();
        events += pulldown_cmark::Parser::new_ext(&text, pulldown_cmark::Options::ENABLE_TABLES)
            .into_offset_iter()
            .count();
    }
    let secs = start.elapsed().as_secs_f64();
    #[allow(clippy::print_stdout, reason = "an example reports on stdout")]
    {
        println!(
            "files {} bytes {} events {} seconds {:.3} MB/s {:.1}",
            files.len(),
            bytes,
            events,
            secs,
            bytes as f64 / 1e6 / secs
        );
    }
}
