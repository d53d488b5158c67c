//! Extract: a [`Statute`] → [`DocFacts`], what the checks need to know of
//! each provision: the concepts of the model law found in it (with the
//! words that matched), the terms it defines, the ages it states, and
//! whether it belongs to an offence, a defence, an aggravation or a
//! definition.
//!
//! A definition passes its concepts on to the uses of its term where the
//! concept allows it (`"publish" includes to distribute` makes "publishes"
//! a distribution; a photograph that "includes data stored on a computer"
//! brings the computer with it).

pub mod ages;
pub mod definitions;
mod facts;
mod flags;
mod hits;
pub mod matcher;
mod read;

use std::collections::BTreeMap;
use std::sync::OnceLock;

use crate::checklist::{ModelLaw, Role, Spread, TokenMode};
use crate::parse::Statute;

pub use ages::{AgeMatch, AgeRules, Bound};
pub use definitions::Definition;
pub use facts::{AgeFact, DocFacts, Hit, MAX_CONCEPTS, MAX_HIT_SPAN, ProvFacts, TokInfo, Walk};
pub use hits::{TokenSpans, is_purposive};
use matcher::Matcher;

/// The model law compiled for matching: one matcher per language, compiled
/// when the first document of that language needs it (a run over English
/// texts never pays for the Chinese automaton).
#[derive(Debug)]
pub struct Engine {
    /// The model law.
    pub law: ModelLaw,
    /// Concept ids; a concept's index is its place here.
    pub concept_ids: Vec<String>,
    /// The concepts' indices, by their ids (the checks name concepts by id
    /// each time a document is judged).
    concept_index: rustc_hash::FxHashMap<String, usize>,
    matchers: BTreeMap<String, OnceLock<(Matcher, AgeRules)>>,
    roles: BTreeMap<Role, Vec<usize>>,
    class: Vec<Option<String>>,
    spread: Vec<Spread>,
    spread_to: Vec<Option<String>>,
}

impl Engine {
    /// Compile a model law.
    pub fn new(law: ModelLaw) -> Engine {
        let concept_ids: Vec<String> = law.concepts.keys().cloned().collect();
        let concept_index = (concept_ids.iter().cloned())
            .enumerate()
            .map(|(i, c)| (c, i))
            .collect();
        let matchers = law
            .lexicons
            .keys()
            .map(|lang| (lang.clone(), OnceLock::new()))
            .collect();
        let mut roles: BTreeMap<Role, Vec<usize>> = BTreeMap::new();
        let mut class = Vec::new();
        let mut spread = Vec::new();
        let spread_to = law.concepts.values().map(|c| c.spread_to.clone()).collect();
        for (i, (_, c)) in law.concepts.iter().enumerate() {
            if let Some(r) = c.role {
                roles.entry(r).or_default().push(i);
            }
            class.push(c.class.clone());
            spread.push(c.spread);
        }
        Engine {
            law,
            concept_ids,
            concept_index,
            matchers,
            roles,
            class,
            spread,
            spread_to,
        }
    }

    /// The class of a concept, if it has one.
    pub fn class_of(&self, concept: usize) -> Option<&str> {
        self.class.get(concept).and_then(|c| c.as_deref())
    }

    /// How a concept passes through definitions.
    pub fn spread_of(&self, concept: usize) -> Spread {
        self.spread.get(concept).copied().unwrap_or_default()
    }

    /// Index of a concept id.
    pub fn concept(&self, id: &str) -> Option<usize> {
        self.concept_index.get(id).copied()
    }

    /// Concepts with a role.
    pub fn role(&self, r: Role) -> &[usize] {
        self.roles.get(&r).map_or(&[], Vec::as_slice)
    }

    /// True when the model law has a lexicon for a language.
    pub fn reads(&self, lang: &str) -> bool {
        self.matchers.contains_key(lang)
    }

    /// The matcher of a language; none where the language has no lexicon
    /// (its documents are not assessed, never read with another's words).
    fn matcher(&self, lang: &str) -> Option<&(Matcher, AgeRules)> {
        let (lang, cell) = self.matchers.get_key_value(lang)?;
        let lex = self.law.lexicons.get(lang)?;
        Some(cell.get_or_init(|| {
            (
                Matcher::new(lex, &self.concept_ids),
                AgeRules::new(&lex.ages),
            )
        }))
    }
}

/// The facts of a document that is done: the room of its tokens is kept
/// for the next document the thread reads.
pub fn recycle(facts: DocFacts) {
    read::recycle(facts.tokens);
}

/// Extract the facts of a statute.
pub fn extract(engine: &Engine, statute: &Statute) -> DocFacts {
    extract_owned(engine, statute.clone())
}

/// [`extract`], taking the statute: its provisions' texts move into the
/// facts instead of being copied (a document's text is held once).
pub fn extract_owned(engine: &Engine, mut statute: Statute) -> DocFacts {
    let lang = statute.meta.language.as_str();
    let Some((matcher, age_rules)) = engine.matcher(lang) else {
        return facts::empty(&statute);
    };
    let chinese = matcher.analyzer.mode() == TokenMode::Characters;
    // Held at their length while they are read (the parse is over: the
    // move is the only large thing in memory).
    statute.provisions = crate::fit::fitted(statute.provisions);
    let mut reading = read::read(&mut statute, matcher);
    // Its structure is in the facts now: what is left of the provisions
    // (numbers, labels, children) is not held while the document is judged.
    statute.provisions = Vec::new();
    // Room kept for the next document is not held at the length: it is
    // bounded, and it is reused.
    if reading.tokens.capacity() > read::KEPT_TOKENS {
        reading.tokens = crate::fit::fitted(reading.tokens);
    }
    let fuzzy = std::mem::take(&mut reading.fuzzy);
    let hits = hits::find(engine, matcher, &reading);
    let mut doc = DocFacts {
        path: statute.path.clone(),
        meta: statute.meta.clone(),
        chinese,
        provs: reading.provs,
        tokens: reading.tokens,
        positions: reading.positions,
        sentences: reading.sentences,
        prov_index: reading.prov_index,
        hits,
        by_concept: Vec::new(),
        longest_hit: 0,
        defs: Vec::new(),
        ages: Vec::new(),
        general_penalty: false,
        heading_concepts: vec![false; engine.concept_ids.len()],
        title_concepts: vec![false; engine.concept_ids.len()],
        fuzzy,
        words: reading.words,
        lead_in: Vec::new(),
    };
    doc.index();

    // Definitions, and what they pass on to their terms.
    doc.defs = definitions::find(
        &doc,
        engine.role(Role::DefinitionMarkerAfterTerm),
        engine.role(Role::DefinitionMarkerBeforeTerm),
        engine.role(Role::DefinitionByReference),
    );
    hits::inherit(engine, &mut doc);
    doc.index();

    // Ages. A Chinese text is read in Simplified characters, as its words
    // are: a Traditional age (`未滿十八歲`) is found by the same patterns.
    // Every age names the year character, so only a text holding the
    // Traditional one is converted; the conversion keeps the byte offsets
    // (else the original is read).
    for (i, p) in doc.provs.iter().enumerate() {
        let simplified = (chinese && p.text.contains('歲'))
            .then(|| fast2s::convert(&p.text))
            .filter(|s| s.len() == p.text.len());
        for age in age_rules.find(simplified.as_deref().unwrap_or(&p.text)) {
            let r = doc.provs[i].toks.clone();
            let at = doc.tokens[r.clone()].partition_point(|t| t.end as usize <= age.start);
            let tok = if r.start + at < r.end {
                r.start + at
            } else {
                r.start
            };
            doc.ages.push(AgeFact { age, prov: i, tok });
        }
    }

    hits::letter_persons(engine, &mut doc);

    flags::flag_provisions(engine, &mut doc);
    doc.lead_in = (0..doc.provs.len()).map(|i| doc.lead_in_of(i)).collect();
    doc
}

#[cfg(test)]
pub(crate) mod tests;
