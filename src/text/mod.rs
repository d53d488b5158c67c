//! The text layer under every stage that reads words: which script a
//! character is ([`script`]), which language a text is ([`language`]), and how a language is cut into normalised
//! tokens ([`tokens`]). `checklist` validates lexicons against it and
//! `extract`, `parse`, `source` and `compare` use it; it imports none of
//! them.

pub mod language;
pub mod script;
pub mod tokens;

pub use script::{is_cjk, is_han};
pub use tokens::{Analyzer, CHAR_UNITS, CompoundRule, STEMMERS, Tok, WORD_UNITS, push_searchable};

/// How a language is cut into tokens.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum TokenMode {
    /// Words, stemmed.
    Words,
    /// Characters (Chinese).
    Characters,
}

/// A regular expression written in the code: a constant pattern, compiled
/// on first use (every one is exercised by the tests, so it cannot fail in
/// a build that passed them).
#[expect(
    clippy::expect_used,
    reason = "constant patterns only; a bad one fails every test that parses"
)]
pub fn constant_regex(pattern: &str) -> regex::Regex {
    regex::Regex::new(pattern).expect("a constant pattern compiles")
}
