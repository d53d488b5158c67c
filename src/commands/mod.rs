//! The subcommands, one module each, above the pipeline: each reads its
//! inputs through the pipeline stages and writes its output. Diagnostics
//! go to standard error; the returned code is the process exit code.
//!
//! This module dispatches; [`shared`] holds what the commands share on
//! the command line (printing diagnostics, loading the model law named
//! there).

mod analyze;
mod checklist;
mod compare;
mod explain;
mod outline;
mod profile;
mod review;
pub mod shared;
mod trend;

use anyhow::Result;

use crate::cli::{Cli, Command};

pub use outline::{facts_text, outline_json, outline_text};
pub use shared::report_diagnostics;

/// Run a parsed command line; the result is the exit code.
pub fn run(cli: Cli) -> Result<u8> {
    match cli.command {
        Command::Outline(args) => outline::run(args),
        Command::Profile(args) => profile::run(args),
        Command::Analyze(args) => analyze::run(args),
        Command::Checklist(args) => checklist::run(args),
        Command::Explain(args) => explain::run(args),
        Command::Compare(args) => compare::run(args),
        Command::Trend(args) => trend::run(args),
        Command::Review(cmd) => review::run(cmd),
    }
}
