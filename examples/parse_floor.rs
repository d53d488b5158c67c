//! The floor of the benchmark: a bare pulldown-cmark pass (offset
//! iterator) over every Markdown file under the given paths, doing nothing
//! with the events but counting them. `lexalign analyze` cannot be faster
//! than reading and parsing the Markdown once.
//!
//! With `--words`, every text event is also cut into normalised words with
//! lexalign's tokeniser (lower case, plural folding, NFKC where not ASCII),
//! the least work any word-based analysis does beyond parsing.
//!
//! cargo run --release --example parse_floor -- [--words] PATH...

use std::time::Instant;

use lexalign::checklist::TokenMode;
use lexalign::text::Analyzer;
use pulldown_cmark::{Event, Options, Parser};

fn main() {
    let mut words = false;
    let mut paths: Vec<std::path::PathBuf> = Vec::new();
    for a in std::env::args_os().skip(1) {
        if a == "--words" {
            words = true;
        } else {
            paths.push(a.into());
        }
    }
    let analyzer = Analyzer::new("english-plural", TokenMode::Words);
    let start = Instant::now();
    let (files, _) = lexalign::source::collect_paths(&paths);
    let mut bytes = 0usize;
    let mut events = 0usize;
    let mut tokens = 0usize;
    for f in &files {
        let Ok(text) = std::fs::read_to_string(&f.path) else {
            continue;
        };
        bytes += text.len();
        for (event, _) in Parser::new_ext(&text, Options::ENABLE_TABLES).into_offset_iter() {
            events += 1;
            if let (true, Event::Text(t)) = (words, event) {
                analyzer.each_token(&t, |_, _, _, _| tokens += 1);
            }
        }
    }
    let secs = start.elapsed().as_secs_f64();
    #[allow(clippy::print_stdout, reason = "an example reports on stdout")]
    {
        println!(
            "files {} bytes {} events {} words {} seconds {:.3} MB/s {:.1}",
            files.len(),
            bytes,
            events,
            tokens,
            secs,
            bytes as f64 / 1e6 / secs
        );
    }
}
