//! What the subcommands share on the command line: diagnostics printed to
//! standard error, and the model law named by `--model-law`.

use std::io::Write;

use crate::checklist::ModelLaw;
use crate::cli::ModelLawArg;
use crate::diag::Diagnostic;
use crate::pipeline;

/// Print diagnostics to standard error; true when any is an error.
pub fn report_diagnostics(diags: &[Diagnostic]) -> bool {
    let mut err = std::io::stderr().lock();
    for d in diags {
        let _ = writeln!(err, "{d}");
    }
    diags.iter().any(Diagnostic::is_error)
}

/// Load the model law named on the command line (or the embedded one);
/// problems are printed and give `None`.
pub fn model_law(arg: &ModelLawArg) -> Option<ModelLaw> {
    match pipeline::load_model_law(arg.model_law.as_deref()) {
        Ok(l) => Some(l),
        Err(diags) => {
            report_diagnostics(&diags);
            None
        }
    }
}
