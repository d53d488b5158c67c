//! The `lexalign` binary: parse the command line, run, and turn the result
//! into an exit code (0 done, 1 a gate failed, 2 bad input or usage).

use std::process::ExitCode;

use clap::Parser;

/// mimalloc: the analysis makes many small, short-lived allocations (words,
/// hits, windows), and the system allocator spent a fifth of the run on
/// them (see BENCHMARKS.md).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc's `mi_option_purge_delay` (`mimalloc.h`, v2): how long freed
/// memory is kept before it is returned to the system. Its default of
/// 10 ms keeps every large buffer a document needed while the next is
/// built, which raised the peak RSS on large documents by a third; 0 costs
/// no measurable time (BENCHMARKS.md, "Memory").
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

fn main() -> ExitCode {
    // SAFETY: sets a plain integer option of the allocator, before any
    // thread is started; mimalloc allows it at any time.
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, 0) };
    let cli = lexalign::cli::Cli::parse();
    match lexalign::run(cli) {
        Ok(code) => ExitCode::from(code),
        // A reader that stopped early (`| head`) is not an error.
        Err(err)
            if err.chain().any(|e| {
                e.downcast_ref::<std::io::Error>()
                    .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
            }) =>
        {
            ExitCode::SUCCESS
        }
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
