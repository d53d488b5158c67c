//! Write a large corpus for benchmarks by replicating statute files under
//! distinct jurisdictions: copy N of every Markdown file under SOURCE into
//! OUT/copy-NNNN/, with `jurisdiction: X` rewritten to `X-NNNN` (files
//! without front matter get one), until OUT holds at least SIZE_MB.
//!
//! cargo run --release --example make_corpus -- SOURCE OUT SIZE_MB
#![allow(
    clippy::print_stdout,
    clippy::print_stderr,
    reason = "an example program reports on the terminal"
)]

use std::path::PathBuf;

fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [source, out, size] = args.as_slice() else {
        eprintln!("usage: make_corpus SOURCE OUT SIZE_MB");
        std::process::exit(2);
    };
    let target: u64 = size.parse::<u64>().unwrap_or(100) * 1_000_000;
    let (files, _) = lexalign::source::collect_paths(&[PathBuf::from(source)]);
    let texts: Vec<(PathBuf, String)> = files
        .iter()
        .filter_map(|f| {
            Some((
                f.path.strip_prefix(source).ok()?.to_path_buf(),
                std::fs::read_to_string(&f.path).ok()?,
            ))
        })
        .collect();
    if texts.is_empty() {
        eprintln!("no Markdown files under {source}");
        std::process::exit(2);
    }
    let out = PathBuf::from(out);
    let mut written = 0u64;
    let mut copy = 0u32;
    while written < target {
        copy += 1;
        for (rel, text) in &texts {
            let body = rename_jurisdiction(text, rel, copy);
            let path = out.join(format!("copy-{copy:04}")).join(rel);
            if let Some(dir) = path.parent() {
                std::fs::create_dir_all(dir)?;
            }
            std::fs::write(&path, &body)?;
            written += body.len() as u64;
        }
    }
    println!(
        "{} copies, {} files, {:.1} MB in {}",
        copy,
        copy as usize * texts.len(),
        written as f64 / 1e6,
        out.display()
    );
    Ok(())
}

fn rename_jurisdiction(text: &str, rel: &std::path::Path, copy: u32) -> String {
    let fallback = rel
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    if let Some(rest) = text.strip_prefix("---\n") {
        if let Some(end) = rest.find("\n---") {
            let (yaml, body) = rest.split_at(end);
            let mut found = false;
            let yaml: Vec<String> = yaml
                .lines()
                .map(|l| match l.strip_prefix("jurisdiction:") {
                    Some(j) => {
                        found = true;
                        format!("jurisdiction: {}-{copy:04}", j.trim().trim_matches('"'))
                    }
                    None => l.to_string(),
                })
                .collect();
            let mut y = yaml.join("\n");
            if !found {
                y.push_str(&format!("\njurisdiction: {fallback}-{copy:04}"));
            }
            return format!("---\n{y}{body}");
        }
    }
    format!("---\njurisdiction: {fallback}-{copy:04}\n---\n{text}")
}
