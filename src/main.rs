//! The `lexalign` binary: parse the command line, run, and turn the result
//! into an exit code (0 done, 1 a gate failed, 2 bad input or usage).

use std::process::ExitCode;

use clap::Parser;

/// mimalloc: the analysis makes many small, short-lived allocations (words,
/// hits, windows), and the system allocator spent a fifth of the run on
/// them (see BENCHMARKS.md).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = lexalign::cli::Cli::parse();
    match lexalign::run(cli) {
        Ok(code) => ExitCode::from(code),
        Err(err) => {
            #[allow(
                clippy::print_stderr,
                reason = "the binary reports its own fatal error"
            )]
            {
                eprintln!("lexalign: error: {err:#}");
            }
            ExitCode::from(2)
        }
    }
}
