//! Criterion benchmarks of the stages on the bundled corpus (and on the
//! real statutes in ../shared/statutes when present): the bare
//! pulldown-cmark pass (the floor), parse, extract, assess, and the whole
//! pipeline. The whole-process benchmark on a 100 MB corpus is
//! `scripts/bench`.
//!
//! cargo bench --bench pipeline

use std::hint::black_box;
use std::path::PathBuf;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use lexalign::extract::{self, Engine};
use lexalign::{assess, checklist, parse, source};

fn sources() -> Vec<source::Source> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut paths = vec![root.join("corpus")];
    let statutes = root.join("../shared/statutes");
    if statutes.is_dir() {
        paths.push(statutes);
    }
    let (files, _) = source::collect_paths(&paths);
    files
        .iter()
        .filter_map(|f| source::load_file(f).ok())
        .collect()
}

fn stages(c: &mut Criterion) {
    let srcs = sources();
    let bytes: u64 = srcs.iter().map(|s| s.text.len() as u64).sum();
    let engine = Engine::new(checklist::load(None).unwrap_or_else(|_| std::process::exit(2)));
    let statutes: Vec<parse::Statute> = srcs.iter().map(|s| parse::parse_statute(s).0).collect();
    let facts: Vec<extract::DocFacts> = statutes
        .iter()
        .map(|s| extract::extract(&engine, s))
        .collect();

    let mut g = c.benchmark_group("stages");
    g.throughput(Throughput::Bytes(bytes));
    g.sample_size(10);
    g.bench_function("floor: pulldown-cmark pass", |b| {
        b.iter(|| {
            srcs.iter()
                .map(|s| {
                    pulldown_cmark::Parser::new(s.body())
                        .into_offset_iter()
                        .count()
                })
                .sum::<usize>()
        })
    });
    g.bench_function("parse", |b| {
        b.iter(|| {
            srcs.iter()
                .map(|s| parse::parse_statute(black_box(s)).0.provisions.len())
                .sum::<usize>()
        })
    });
    g.bench_function("extract", |b| {
        b.iter(|| {
            statutes
                .iter()
                .map(|s| extract::extract(&engine, black_box(s)).hits.len())
                .sum::<usize>()
        })
    });
    g.bench_function("assess", |b| {
        b.iter(|| {
            facts
                .iter()
                .map(|f| {
                    assess::assess_document(&engine, black_box(f))
                        .outcomes
                        .len()
                })
                .sum::<usize>()
        })
    });
    g.bench_function("parse + extract + assess", |b| {
        b.iter(|| {
            srcs.iter()
                .map(|s| {
                    let st = parse::parse_statute(s).0;
                    let f = extract::extract(&engine, &st);
                    assess::assess_document(&engine, &f).outcomes.len()
                })
                .sum::<usize>()
        })
    });
    g.finish();
}

criterion_group!(benches, stages);
criterion_main!(benches);
