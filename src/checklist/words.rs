//! The formats of the model law's words, as serde types: `concepts.json`
//! (what each concept is and how it travels through definitions) and
//! `lexicon/<lang>.json` (the words of each concept in one language).
//!
//! Every struct denies unknown fields, so a typo or a wrong type is
//! reported with its line and column.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

pub use crate::text::{CompoundRule, TokenMode};

/// `concepts.json`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ConceptsFile {
    /// Concept id → what it is.
    pub concepts: BTreeMap<String, ConceptDef>,
}

/// One concept.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ConceptDef {
    /// What the concept stands for.
    pub description: String,
    /// Concepts of one class (e.g. `conduct`) pass through definitions of
    /// terms of the same class.
    #[serde(default)]
    pub class: Option<String>,
    /// How the concept passes from a definition to the uses of the defined
    /// term.
    #[serde(default)]
    pub spread: Spread,
    /// With `any-term` or `medium`: only to terms holding a concept of this
    /// class (a medium passes to a defined thing — "photograph" — not to a
    /// defined behaviour).
    #[serde(default)]
    pub spread_to: Option<String>,
    /// Role the extractor gives this concept, if any.
    #[serde(default)]
    pub role: Option<Role>,
    /// A concept made of others found in a row ("entices … a minor"): it
    /// needs no words of its own in the lexicons.
    #[serde(default)]
    pub sequence: Option<Sequence>,
}

/// Concepts found one after the other, close together.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Sequence {
    /// The concepts, in order.
    pub parts: Vec<String>,
    /// Words allowed between two parts.
    pub gap: u32,
    /// Also accept the parts in the reverse order.
    #[serde(default)]
    pub any_order: bool,
}

/// How a concept found in a definition passes to the defined term.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum Spread {
    /// Not at all.
    #[default]
    None,
    /// To any defined term (a photograph that "includes data stored on a
    /// computer" brings the computer with it).
    AnyTerm,
    /// Only to terms of the same class ("publish" includes "distribute").
    SameClass,
    /// To any defined term, for `offence-medium` checks only: the medium a
    /// thing is described in ("a photograph includes data stored on a
    /// computer") makes offences about it offences by that medium, but does
    /// not make every use of the word a mention of the medium.
    Medium,
}

/// Concepts the extractor itself relies on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum Role {
    /// Words after which a defined term stands: `"child" means`.
    DefinitionMarkerAfterTerm,
    /// Words before a defined term: `se entiende por`.
    DefinitionMarkerBeforeTerm,
    /// A definition by reference: `has the same meaning as in`.
    DefinitionByReference,
    /// Headings of definition sections.
    DefinitionsHeading,
    /// Wording that makes conduct punishable.
    Penalty,
    /// Wording that prohibits.
    Prohibition,
    /// A clause that makes every breach of the instrument punishable.
    GeneralPenalty,
    /// A defence, exception or exclusion.
    Defence,
    /// An aggravating circumstance or a penalty increase.
    Aggravation,
    /// A purpose that restricts an offence ("for the purpose of sale"):
    /// verbs before it are not passed on through definitions as plain
    /// conducts.
    Purpose,
    /// The things conducts act on (the material and the nouns for it): a
    /// purpose after them governs a whole list of verbs.
    Object,
}

/// `lexicon/<lang>.json`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct LexiconFile {
    /// ISO 639-1 code.
    pub language: String,
    /// How words are compared: `words` (stemmed words) or `characters`.
    pub tokens: TokenMode,
    /// Stemmer: `english-plural`, `french-plural`, `spanish-plural`,
    /// `portuguese-plural` (plurals only), `german-endings` (the endings of
    /// nouns and adjectives) or `none`.
    pub stemmer: String,
    /// Compounds written as one word are read as modifier and head where
    /// the head is a word of the lexicon (German): absent, words are only
    /// whole words.
    #[serde(default)]
    pub compounds: Option<CompoundRule>,
    /// Read a word the lexicon almost knows (one letter off, or with a
    /// small word glued on) as that word: OCR and typesetting noise in
    /// English sources. Off where near-spellings are other words of the
    /// language (French `intérêt`/`internet`, `présente`/`présenter`).
    #[serde(default)]
    pub fuzzy: bool,
    /// Concept id → terms. A term is a phrase; `...` inside it allows a gap
    /// of up to 8 words (16 Chinese characters).
    pub concepts: BTreeMap<String, Vec<String>>,
    /// Age expressions.
    pub ages: AgeLexicon,
    /// The word that cites an unnumbered paragraph of an article or
    /// section (`al.` gives `227-23 (al. 4)`, `párr.` gives `10 (párr. 2)`);
    /// absent, `para.`. Chinese articles cite theirs as 款 (`第七条第二款`)
    /// whatever this says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub paragraph_label: Option<String>,
}

/// The paragraph label of a language without one in its lexicon.
pub const DEFAULT_PARAGRAPH_LABEL: &str = "para.";

impl LexiconFile {
    /// The word that cites an unnumbered paragraph (see
    /// [`LexiconFile::paragraph_label`]).
    pub fn paragraph_label(&self) -> &str {
        self.paragraph_label
            .as_deref()
            .unwrap_or(DEFAULT_PARAGRAPH_LABEL)
    }
}

/// How ages are written in a language.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct AgeLexicon {
    /// Number words → values (`eighteen` → 18, `十八` → 18).
    pub numbers: BTreeMap<String, u32>,
    /// Regular expressions (over lower-cased text) for "under N": `{N}`
    /// stands for the number.
    pub upper: Vec<String>,
    /// Regular expressions for "N or over".
    pub lower: Vec<String>,
    /// Words every age expression contains one of ("age", "years", "岁");
    /// texts without any are not searched. Empty: search every text.
    #[serde(default)]
    pub cues: Vec<String>,
}
