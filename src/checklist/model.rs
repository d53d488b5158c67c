//! The checklist's file format, as serde types: `checklist.json` (areas
//! and items, each with the check that decides it). `concepts.json` and
//! `lexicon/<lang>.json` are in [`super::words`].
//!
//! Every struct denies unknown fields, and [`Check`] is adjacently tagged,
//! so a typo or a wrong type is reported with its line and column.

use serde::{Deserialize, Serialize};

/// `checklist.json`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ChecklistFile {
    /// Stable identifier of this model law.
    pub id: String,
    /// Its version.
    pub version: String,
    /// Its title.
    pub title: String,
    /// Where it comes from, in a sentence.
    #[serde(default)]
    pub description: String,
    /// Status → score (met 1, partial 0.5, not_met 0).
    #[serde(default = "default_status_scores")]
    pub status_scores: StatusScores,
    /// The areas, in report order.
    pub areas: Vec<Area>,
    /// The items.
    pub items: Vec<Item>,
}

/// Score of each status.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct StatusScores {
    /// Score of met.
    pub met: f64,
    /// Score of partial.
    pub partial: f64,
    /// Score of not_met.
    pub not_met: f64,
}

fn default_status_scores() -> StatusScores {
    StatusScores {
        met: 1.0,
        partial: 0.5,
        not_met: 0.0,
    }
}

/// An area of the checklist.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Area {
    /// Identifier (`child`, `csam`).
    pub id: String,
    /// Title shown in reports.
    pub title: String,
    /// Weight of the area in the overall score.
    pub weight: f64,
    /// Core areas are shown first.
    #[serde(default)]
    pub core: bool,
}

/// One requirement of the model law.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Item {
    /// Stable identifier (`CSAM-POSSESS`).
    pub id: String,
    /// The area it belongs to.
    pub area: String,
    /// Short title.
    pub title: String,
    /// What the law must do.
    pub requirement: String,
    /// Instruments it comes from.
    pub sources: Vec<String>,
    /// Weight within its area.
    #[serde(default = "one")]
    pub weight: f64,
    /// What to recommend when the item is partial or not met.
    pub recommendation: String,
    /// The rule that decides the status.
    pub check: Check,
}

fn one() -> f64 {
    1.0
}

/// The kinds of check, each implemented in `assess::checks`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(
    tag = "kind",
    content = "params",
    rename_all = "kebab-case",
    deny_unknown_fields
)]
pub enum Check {
    /// The age that defines the protected person.
    ProtectedAge(ProtectedAgeParams),
    /// The same age across all instruments of a jurisdiction.
    AgeConsistency(ProtectedAgeParams),
    /// A definition of the material (met) or the material as an offence's
    /// object (partial).
    MaterialDefinition(MaterialParams),
    /// Words of a concept inside the definition of the material.
    DefinitionContent(DefinitionContentParams),
    /// A conduct with the material as its object in an offence provision.
    OffenceConduct(OffenceConductParams),
    /// Preferred and discouraged names of a thing.
    TermUsage(TermUsageParams),
    /// An offence about a subject that names a medium.
    OffenceMedium(OffenceMediumParams),
    /// Concepts found together in one provision, in tiers.
    Clause(ClauseParams),
    /// An age stated in a given context, compared with bands.
    AgeFact(AgeFactParams),
}

impl Check {
    /// The kind's name as written in the JSON.
    pub fn kind_name(&self) -> &'static str {
        match self {
            Check::ProtectedAge(_) => "protected-age",
            Check::AgeConsistency(_) => "age-consistency",
            Check::MaterialDefinition(_) => "material-definition",
            Check::DefinitionContent(_) => "definition-content",
            Check::OffenceConduct(_) => "offence-conduct",
            Check::TermUsage(_) => "term-usage",
            Check::OffenceMedium(_) => "offence-medium",
            Check::Clause(_) => "clause",
            Check::AgeFact(_) => "age-fact",
        }
    }

    /// Every concept the check refers to.
    pub fn concepts(&self) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        match self {
            Check::ProtectedAge(p) | Check::AgeConsistency(p) => {
                out.push(&p.person);
                out.extend(p.not_with.iter().map(String::as_str));
                out.extend(p.not_person.iter().map(String::as_str));
            }
            Check::MaterialDefinition(p) => out.extend([p.material.as_str(), p.head.as_str()]),
            Check::DefinitionContent(p) => {
                out.extend([p.material.as_str(), p.head.as_str()]);
                out.extend(p.concepts.iter().map(String::as_str));
            }
            Check::OffenceConduct(p) => {
                out.extend([
                    p.conduct.as_str(),
                    p.object.as_str(),
                    p.object_head.as_str(),
                ]);
                out.extend(p.purpose.as_deref());
                out.extend(p.anaphor.as_deref());
                out.extend(p.pronoun.as_deref());
                out.extend(p.deeming.as_deref());
                out.extend(p.condition.as_deref());
                out.extend(p.not_with.iter().map(String::as_str));
                out.extend(p.participation.as_deref());
                out.extend(p.qualifier.as_deref());
            }
            Check::TermUsage(p) => {
                out.extend([
                    p.preferred.as_str(),
                    p.discouraged.as_str(),
                    p.subject.as_str(),
                ]);
            }
            Check::OffenceMedium(p) => {
                out.push(&p.medium);
                out.extend(p.subjects.iter().map(String::as_str));
            }
            Check::Clause(p) => {
                for pat in p.met.iter().chain(&p.partial) {
                    out.extend(pat.concepts());
                }
            }
            Check::AgeFact(p) => {
                out.extend(p.context.concepts());
                out.extend(p.person.as_deref());
                if let Some(b) = &p.person_lower_bound {
                    out.extend([b.person.as_str(), b.with.as_str()]);
                }
                out.extend(p.not_person.iter().map(String::as_str));
                out.extend(p.unstated.as_deref());
            }
        }
        out
    }
}

/// Parameters of `protected-age` and `age-consistency`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ProtectedAgeParams {
    /// The age the model law sets (18).
    pub threshold: u32,
    /// Concept of the words that name the protected person.
    pub person: String,
    /// Ages in a sentence with one of these concepts are rules about
    /// something else (criminal responsibility, aggravation, mitigation),
    /// not the age of the protected person.
    #[serde(default)]
    pub not_with: Vec<String>,
    /// Concepts that make a defined term the name of a thing, not of a
    /// person (`child sexual abuse material` starts with a child-naming
    /// word): the age in such a definition is not a person's.
    #[serde(default)]
    pub not_person: Vec<String>,
}

/// The lower bound of a person term's definition, taken as an age where
/// that definition names a concept.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct PersonLowerBound {
    /// Concept of the words that name the person.
    pub person: String,
    /// Concept the definition must name.
    pub with: String,
}

/// Parameters of `material-definition`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct MaterialParams {
    /// Concept naming the material.
    pub material: String,
    /// Concept of the head nouns the material is named by (`material`,
    /// `image`): a defined head noun whose definition names the material
    /// defines it too.
    pub head: String,
}

/// Parameters of `definition-content`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct DefinitionContentParams {
    /// Concept naming the material.
    pub material: String,
    /// Concept of the head nouns the material is named by.
    pub head: String,
    /// Concepts one of which must be in the definition.
    pub concepts: Vec<String>,
}

/// Parameters of `offence-conduct`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct OffenceConductParams {
    /// Concept of the conduct's verbs.
    pub conduct: String,
    /// Concept naming the object (the material).
    pub object: String,
    /// Concept of the nouns the object is referred to by near the verb
    /// (`depiction`, `photograph`, `material`).
    pub object_head: String,
    /// Words between the verb and the object (positions; a word is 2, a
    /// Chinese character 1).
    pub window: u32,
    /// Concept of the purposes that restrict an offence (`with a view to
    /// distribution`); a conduct punishable only with one is partial.
    #[serde(default)]
    pub purpose: Option<String>,
    /// Concept of words that refer back to the material named earlier in
    /// the same provision (`such photographs`).
    #[serde(default)]
    pub anaphor: Option<String>,
    /// Concept of object pronouns (`it`, `them`): right after the verb, the
    /// material named just before stands as its object ("accesses child
    /// pornography … in order to view it").
    #[serde(default)]
    pub pronoun: Option<String>,
    /// Concept of the words opening a deeming clause ("For the purposes of
    /// subsection (1), a person has … in their possession if …"): the
    /// conduct it defines is the other provision's, judged there; the
    /// conducts after the `condition` words count.
    #[serde(default)]
    pub deeming: Option<String>,
    /// Concept of the words that start a deeming clause's condition (`if`,
    /// `who`, `where`).
    #[serde(default)]
    pub condition: Option<String>,
    /// Concepts whose subject matter takes a sentence out of the offence
    /// (the compensation or care of victims: "the Fund shall pay
    /// compensation to a child harmed by the production of …"): a conduct
    /// after one of them in its sentence, or before one with no penalty
    /// between them, is what a victim suffered, not what is punished.
    #[serde(default)]
    pub not_with: Vec<String>,
    /// Concept of the phrases that make a child take part in the conduct
    /// (`involving a child in`, `associer un mineur à`, `envolvendo
    /// criança`): beside the conduct, they make its `qualifier`-marked
    /// object ("the pornographic material") the material.
    #[serde(default)]
    pub participation: Option<String>,
    /// Concept of the words that mark an object as sexual (`pornographic`).
    #[serde(default)]
    pub qualifier: Option<String>,
}

/// Parameters of `term-usage`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct TermUsageParams {
    /// Concept of the preferred names.
    pub preferred: String,
    /// Concept of the discouraged names.
    pub discouraged: String,
    /// Concept of any name of the thing (to say which other words are used).
    pub subject: String,
}

/// Parameters of `offence-medium`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct OffenceMediumParams {
    /// Concept of the medium (ICT, "any means").
    pub medium: String,
    /// Concepts one of which the offence must be about.
    pub subjects: Vec<String>,
    /// Positions within which the medium and the subject appear.
    pub window: u32,
}

/// Parameters of `clause`: tiers of patterns, tried met first.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ClauseParams {
    /// Patterns that make the item met.
    pub met: Vec<Pattern>,
    /// Patterns that make it partial.
    #[serde(default)]
    pub partial: Vec<Pattern>,
}

/// Concepts that must occur together.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Pattern {
    /// Each of these concepts.
    #[serde(default)]
    pub all: Vec<String>,
    /// At least one concept of each list.
    #[serde(default)]
    pub any: Vec<Vec<String>>,
    /// None of these within the window.
    #[serde(default)]
    pub none: Vec<String>,
    /// None of these anywhere in the window's sentence ("… only in
    /// compliance with an order …").
    #[serde(default)]
    pub none_in_sentence: Vec<String>,
    /// Largest span, in positions (a word is 2, a Chinese character 1).
    pub window: u32,
    /// Where the pattern may be found.
    #[serde(default)]
    pub context: Context,
    /// Only in an instrument whose headings (title, parts, chapters,
    /// sections) name this concept: e.g. a law about the online world.
    #[serde(default)]
    pub instrument_about: Option<String>,
    /// Only in an instrument whose title names this concept (a law on the
    /// protection of minors).
    #[serde(default)]
    pub title_about: Option<String>,
    /// How far the pattern may reach: one sentence (the default) or one
    /// section.
    #[serde(default)]
    pub scope: PatternScope,
}

/// How far a pattern reaches.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum PatternScope {
    /// One sentence, with the headings above it.
    #[default]
    Sentence,
    /// One section.
    Section,
}

impl Pattern {
    /// Every concept named.
    pub fn concepts(&self) -> impl Iterator<Item = &str> {
        self.all
            .iter()
            .chain(self.any.iter().flatten())
            .chain(&self.none)
            .chain(&self.none_in_sentence)
            .chain(&self.instrument_about)
            .chain(&self.title_about)
            .map(String::as_str)
    }
}

/// Which provisions a pattern may be found in.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum Context {
    /// Anywhere.
    #[default]
    Any,
    /// In an offence provision (not its defences).
    Offence,
    /// Anywhere but a definition.
    NotDefinition,
}

/// Parameters of `age-fact`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct AgeFactParams {
    /// The context the age must be stated in.
    pub context: Pattern,
    /// Also take the age from the definition of a person term used in the
    /// context (`child` means under 13).
    #[serde(default)]
    pub person: Option<String>,
    /// Also take the lower bound of the definition of a person term when
    /// that definition names a concept (a youth-justice law whose "young
    /// person" is 12 or older and charged with an offence).
    #[serde(default)]
    pub person_lower_bound: Option<PersonLowerBound>,
    /// Concepts that make a defined term the name of a thing, not of a
    /// person (see [`ProtectedAgeParams::not_person`]).
    #[serde(default)]
    pub not_person: Vec<String>,
    /// Concept of words saying the age is set elsewhere ("such age as may be
    /// prescribed"): then the person term's age is not the age meant.
    #[serde(default)]
    pub unstated: Option<String>,
    /// Status by the lowest age found: the first band whose `at_least` the
    /// age reaches.
    pub bands: Vec<AgeBand>,
    /// Status when the context is found without an age.
    pub without_age: Status,
}

/// An age band.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct AgeBand {
    /// Lowest age of the band.
    pub at_least: u32,
    /// The status.
    pub status: Status,
}

/// A finding's status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Not assessed: lexalign could not read the text (no lexicon for its
    /// language, or no provision structure found). Never a rule's result,
    /// and excluded from scores.
    NotAssessed,
    /// Not met.
    NotMet,
    /// Partly met.
    Partial,
    /// Met.
    Met,
}

impl Status {
    /// As written in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Met => "met",
            Status::Partial => "partial",
            Status::NotMet => "not_met",
            Status::NotAssessed => "not_assessed",
        }
    }
}
