//! The JSON contract (version 1): model law, then per jurisdiction its
//! documents, scores and one finding per item with evidence and facts.

use serde::{Deserialize, Serialize};

use crate::assess::JurisdictionReport;
use crate::checklist::ModelLaw;

/// Version of the JSON contract.
pub const CONTRACT_VERSION: u32 = 1;

/// The model law a report was made with.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct ModelLawRef {
    /// Its id.
    pub id: String,
    /// Its version.
    pub version: String,
}

/// A whole report.
#[derive(Debug, Clone, Serialize)]
pub struct Report<'a> {
    /// Contract version.
    pub version: u32,
    /// The tool that wrote it.
    pub generator: String,
    /// The model law.
    pub model_law: ModelLawRef,
    /// The jurisdictions.
    pub jurisdictions: &'a [JurisdictionReport],
}

impl<'a> Report<'a> {
    /// A report over jurisdictions.
    pub fn new(law: &ModelLaw, jurisdictions: &'a [JurisdictionReport]) -> Report<'a> {
        Report {
            version: CONTRACT_VERSION,
            generator: format!("lexalign {}", env!("CARGO_PKG_VERSION")),
            model_law: ModelLawRef {
                id: law.checklist.id.clone(),
                version: law.checklist.version.clone(),
            },
            jurisdictions,
        }
    }

    /// Pretty JSON with a final newline.
    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self)
            .unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
        s.push('\n');
        s
    }
}
