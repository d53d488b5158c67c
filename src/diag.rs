//! Diagnostics: problems with the input (a statute file, the model law, the
//! command line), each tied to a file and, where there is one, a line and
//! column. Findings about the law are not diagnostics; they live in the
//! assessment.

use std::fmt;

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// Worth knowing; does not change the exit code.
    Warning,
    /// The input was bad; the run exits with code 2 after analysing the rest.
    Error,
}

/// One problem with the input, named with its file and position.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Diagnostic {
    /// The file the problem is in (as given on the command line or found in a folder).
    pub path: String,
    /// 1-based line, where one applies.
    pub line: Option<usize>,
    /// 1-based column, where one applies.
    pub column: Option<usize>,
    /// Error or warning.
    pub severity: Severity,
    /// What is wrong, in one line.
    pub message: String,
    /// How to fix it, when there is an obvious way.
    pub help: Option<String>,
}

impl Diagnostic {
    /// An error about a file as a whole.
    pub fn error(path: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic {
            path: path.into(),
            line: None,
            column: None,
            severity: Severity::Error,
            message: message.into(),
            help: None,
        }
    }

    /// A warning about a file as a whole.
    pub fn warning(path: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(path, message)
        }
    }

    /// The same diagnostic at a line (and optionally a column).
    pub fn at(mut self, line: usize, column: Option<usize>) -> Self {
        self.line = Some(line);
        self.column = column;
        self
    }

    /// The same diagnostic with a hint on how to fix it.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// True when this diagnostic should make the run exit with code 2.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.path)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(col) = self.column {
                write!(f, ":{col}")?;
            }
        }
        let level = match self.severity {
            Severity::Warning => "warning",
            Severity::Error => "error",
        };
        write!(f, ": {level}: {}", self.message)?;
        if let Some(help) = &self.help {
            write!(f, " (help: {help})")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_has_file_line_column_and_help() {
        let d = Diagnostic::error("a.md", "bad thing")
            .at(3, Some(7))
            .with_help("do this");
        assert_eq!(d.to_string(), "a.md:3:7: error: bad thing (help: do this)");
        let w = Diagnostic::warning("b.md", "odd");
        assert_eq!(w.to_string(), "b.md: warning: odd");
        assert!(!w.is_error());
    }
}
