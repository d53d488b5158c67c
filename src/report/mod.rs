//! Report: the assessment as JSON (the contract), CSV, and HTML pages;
//! written atomically into an output folder.

pub mod json;
