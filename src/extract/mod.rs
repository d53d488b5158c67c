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
pub mod matcher;
pub mod text;

use std::collections::BTreeMap;
use std::sync::OnceLock;

use rustc_hash::FxHashMap;

use crate::checklist::{ModelLaw, Role, Spread};
use crate::parse::{Kind, Statute};
use crate::source::Meta;

pub use ages::{AgeMatch, AgeRules, Bound};
pub use definitions::Definition;
use matcher::{Matcher, Searchable};

/// The model law compiled for matching: one matcher per language, compiled
/// when the first document of that language needs it (a run over English
/// texts never pays for the Chinese automaton).
#[derive(Debug)]
pub struct Engine {
    /// The model law.
    pub law: ModelLaw,
    /// Concept ids; a concept's index is its place here.
    pub concept_ids: Vec<String>,
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
        self.concept_ids
            .binary_search_by(|c| c.as_str().cmp(id))
            .ok()
    }

    /// Concepts with a role.
    pub fn role(&self, r: Role) -> &[usize] {
        self.roles.get(&r).map_or(&[], Vec::as_slice)
    }

    /// The matcher of a language; English where the language has no lexicon.
    fn matcher(&self, lang: &str) -> Option<&(Matcher, AgeRules)> {
        let (lang, cell) = self
            .matchers
            .get_key_value(lang)
            .or_else(|| self.matchers.get_key_value("en"))
            .or_else(|| self.matchers.iter().next())?;
        let lex = self.law.lexicons.get(lang)?;
        Some(cell.get_or_init(|| {
            (
                Matcher::new(lex, &self.concept_ids),
                AgeRules::new(&lex.ages),
            )
        }))
    }
}

/// One token of a document.
#[derive(Debug, Clone)]
pub struct TokInfo {
    /// Normalised form: an index into [`DocFacts::words`].
    pub norm: u32,
    /// Position (a word is 2, a Chinese character 1).
    pub pos: u32,
    /// Provision it belongs to.
    pub prov: u32,
    /// Byte range in that provision's text.
    pub start: u32,
    /// End of the byte range.
    pub end: u32,
    /// Sentence it belongs to. A sentence runs on across list items until
    /// a full stop; a new section starts a new one.
    pub sent: u32,
    /// True for a token of a heading: it labels every sentence below it.
    pub heading: bool,
}

/// A concept found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Hit {
    /// First token.
    pub first: usize,
    /// Last token (inclusive).
    pub last: usize,
    /// Concept index.
    pub concept: usize,
    /// Definition it was inherited through, if any.
    pub via: Option<usize>,
}

/// What is known of one provision.
#[derive(Debug, Clone)]
pub struct ProvFacts {
    /// Citation (`1234A(a)(5)(B)`).
    pub citation: String,
    /// Kind.
    pub kind: Kind,
    /// First line.
    pub line: usize,
    /// Heading, if any.
    pub heading: Option<String>,
    /// The text matched: heading and own text.
    pub text: String,
    /// Parent provision.
    pub parent: Option<usize>,
    /// The section or article it belongs to (itself for one).
    pub unit: Option<usize>,
    /// Its own tokens.
    pub toks: std::ops::Range<usize>,
    /// End of its subtree's tokens (exclusive).
    pub subtree_end: usize,
    /// Its section or article makes conduct punishable.
    pub offence: bool,
    /// It (or a provision above it in its section) is, from sentence
    /// [`ProvFacts::defence_from`] on, a defence, exception or exclusion.
    pub defence: bool,
    /// The sentence where its defence wording starts (0 when inherited).
    pub defence_from: u32,
    /// It (or a provision above it) is, from sentence
    /// [`ProvFacts::aggravation_from`] on, an aggravation or penalty
    /// increase.
    pub aggravation: bool,
    /// The sentence where its aggravation wording starts (0 when inherited).
    pub aggravation_from: u32,
    /// It is in a definitions section or holds a definition.
    pub definition: bool,
}

/// An age stated in a provision.
#[derive(Debug, Clone)]
pub struct AgeFact {
    /// The age and its bound, with its byte range in the provision text.
    pub age: AgeMatch,
    /// The provision.
    pub prov: usize,
    /// First token of the expression.
    pub tok: usize,
}

/// Everything extracted from one document.
#[derive(Debug, Clone)]
pub struct DocFacts {
    /// File path.
    pub path: String,
    /// Front matter.
    pub meta: Meta,
    /// True for Chinese text (character tokens).
    pub chinese: bool,
    /// Provisions in document order.
    pub provs: Vec<ProvFacts>,
    /// Tokens in document order.
    pub tokens: Vec<TokInfo>,
    /// Concept hits, sorted by first token.
    pub hits: Vec<Hit>,
    /// Hit indices per concept.
    pub by_concept: Vec<Vec<usize>>,
    /// Defined terms.
    pub defs: Vec<Definition>,
    /// Ages.
    pub ages: Vec<AgeFact>,
    /// The instrument makes breaches of its prohibitions punishable.
    pub general_penalty: bool,
    /// Concepts named in the instrument's headings (title, groups, units).
    pub heading_concepts: Vec<bool>,
    /// Concepts named in the instrument's title.
    pub title_concepts: Vec<bool>,
    /// Words the fuzzy fallback read as lexicon words: (as written, read as).
    pub fuzzy: Vec<(String, String)>,
    /// The distinct normalised words; tokens refer to them by index.
    pub words: Vec<String>,
}

impl DocFacts {
    /// Token range of bytes `[s, e)` of a provision's text.
    pub fn token_range(&self, prov: usize, s: usize, e: usize) -> Option<(usize, usize)> {
        let r = self.provs[prov].toks.clone();
        let toks = &self.tokens[r.clone()];
        let first = toks.iter().position(|t| t.end as usize > s)?;
        let last = toks.iter().rposition(|t| (t.start as usize) < e)?;
        (first <= last).then_some((r.start + first, r.start + last))
    }

    /// End (exclusive token) of the section containing a provision, or of
    /// the document.
    pub fn unit_end(&self, prov: usize) -> usize {
        match self.provs[prov].unit {
            Some(u) => self.provs[u].subtree_end,
            None => self.tokens.len(),
        }
    }

    /// Hits of a concept.
    pub fn hits_of(&self, concept: usize) -> impl Iterator<Item = &Hit> + '_ {
        self.by_concept
            .get(concept)
            .into_iter()
            .flatten()
            .map(move |&i| &self.hits[i])
    }

    /// The normalised form of a token.
    pub fn word(&self, t: usize) -> &str {
        &self.words[self.tokens[t].norm as usize]
    }

    /// Hits of a concept whose first token lies in `[from, to)`, in order.
    pub fn hits_in(
        &self,
        concept: usize,
        from: usize,
        to: usize,
    ) -> impl Iterator<Item = &Hit> + '_ {
        let list = self.by_concept.get(concept).map_or(&[][..], Vec::as_slice);
        let a = list.partition_point(|&i| self.hits[i].first < from);
        let b = list.partition_point(|&i| self.hits[i].first < to);
        list[a..b.max(a)].iter().map(move |&i| &self.hits[i])
    }

    /// The first token at or after a position.
    pub fn tok_at_pos(&self, pos: u32) -> usize {
        self.tokens.partition_point(|t| t.pos < pos)
    }

    /// Hits of a concept within `radius` positions of token `t` (either side).
    pub fn hits_near(
        &self,
        concept: usize,
        t: usize,
        radius: u32,
    ) -> impl Iterator<Item = &Hit> + '_ {
        let p = self.tokens.get(t).map_or(0, |x| x.pos);
        let from = self.tok_at_pos(p.saturating_sub(radius));
        let to = self.tok_at_pos(p.saturating_add(radius).saturating_add(1));
        self.hits_in(concept, from, to)
    }

    /// The provision of a token.
    pub fn prov_of(&self, tok: usize) -> usize {
        self.tokens[tok].prov as usize
    }

    /// True when a token stands in a defence, exception or exclusion.
    pub fn in_defence(&self, tok: usize) -> bool {
        let p = &self.provs[self.prov_of(tok)];
        p.defence && self.tokens[tok].sent >= p.defence_from
    }

    /// True when a token stands in an aggravation or penalty increase.
    pub fn in_aggravation(&self, tok: usize) -> bool {
        let p = &self.provs[self.prov_of(tok)];
        p.aggravation && self.tokens[tok].sent >= p.aggravation_from
    }

    /// The text a hit covers, as written.
    pub fn hit_text(&self, h: &Hit) -> String {
        let a = &self.tokens[h.first];
        let b = &self.tokens[h.last];
        if a.prov == b.prov {
            let t = &self.provs[a.prov as usize].text;
            t[a.start as usize..b.end as usize].to_string()
        } else {
            let ta = &self.provs[a.prov as usize].text;
            let tb = &self.provs[b.prov as usize].text;
            format!(
                "{} … {}",
                &ta[a.start as usize..a.end as usize],
                &tb[b.start as usize..b.end as usize]
            )
        }
    }
}

/// Extract the facts of a statute.
pub fn extract(engine: &Engine, statute: &Statute) -> DocFacts {
    let lang = statute.meta.language.as_str();
    let Some((matcher, age_rules)) = engine.matcher(lang) else {
        return empty(statute);
    };
    let chinese = matcher.analyzer.mode() == crate::checklist::TokenMode::Characters;
    let analyzer = &matcher.analyzer;

    // Provisions and tokens.
    let mut provs: Vec<ProvFacts> = Vec::with_capacity(statute.provisions.len());
    let mut tokens: Vec<TokInfo> = Vec::new();
    let mut breaks: Vec<bool> = Vec::new();
    let mut pos = 0u32;
    // Words are interned: a token holds the id of its normalised form.
    let mut words: Vec<String> = Vec::new();
    let mut interner: FxHashMap<String, u32> = FxHashMap::default();
    let mut toks: Vec<Span> = Vec::new();
    let mut sent_state = SentenceState {
        id: 0,
        new_sentence: true,
    };
    for (i, p) in statute.provisions.iter().enumerate() {
        let text = match &p.heading {
            Some(h) if !p.text.is_empty() => {
                let mut t = String::with_capacity(h.len() + 1 + p.text.len());
                t.push_str(h);
                t.push('\n');
                t.push_str(&p.text);
                t
            }
            Some(h) => h.clone(),
            None => p.text.clone(),
        };
        let start = tokens.len();
        let heading_len = match &p.heading {
            Some(h) if !p.text.is_empty() => h.len() + 1,
            Some(h) => h.len(),
            None => 0,
        };
        if statute.unit_of(i) == Some(i) || p.kind.is_group() {
            sent_state.new_sentence = true;
        }
        toks.clear();
        analyzer.each_token(&text, |start, end, cjk, norm| {
            let id = match interner.get(norm) {
                Some(&id) => id,
                None => {
                    let id = words.len() as u32;
                    words.push(norm.to_string());
                    interner.insert(norm.to_string(), id);
                    id
                }
            };
            toks.push(Span {
                start,
                end,
                cjk,
                norm: id,
            });
        });
        for (k, t) in toks.iter().enumerate() {
            pos += if t.cjk {
                text::CHAR_UNITS
            } else {
                text::WORD_UNITS
            };
            breaks.push(k == 0);
            let heading = t.start < heading_len;
            if !heading && sent_state.new_sentence {
                sent_state.id += 1;
                sent_state.new_sentence = false;
            }
            tokens.push(TokInfo {
                norm: t.norm,
                pos,
                prov: i as u32,
                start: t.start as u32,
                end: t.end as u32,
                sent: if heading { u32::MAX } else { sent_state.id },
                heading,
            });
            // A full stop after this token ends the sentence.
            let gap_end = toks.get(k + 1).map_or(text.len(), |n| n.start);
            if !heading && ends_sentence(&text[t.end..gap_end], &words[t.norm as usize]) {
                sent_state.new_sentence = true;
            }
        }
        provs.push(ProvFacts {
            citation: p.citation.clone(),
            kind: p.kind,
            line: p.line,
            heading: p.heading.clone(),
            text,
            parent: p.parent,
            unit: statute.unit_of(i),
            toks: start..tokens.len(),
            subtree_end: tokens.len(),
            offence: false,
            defence: false,
            defence_from: 0,
            aggravation: false,
            aggravation_from: 0,
            definition: false,
        });
    }
    for i in (0..provs.len()).rev() {
        let end = statute.subtree(i).end;
        let last = end - 1;
        provs[i].subtree_end = provs[last].toks.end.max(provs[i].toks.end);
    }
    // Provisions outside any section count as their own top-level group.
    for i in 0..provs.len() {
        if provs[i].unit.is_none() {
            let mut top = i;
            while let Some(p) = provs[top].parent {
                top = p;
            }
            if !statute.provisions[top].kind.is_group() {
                provs[i].unit = Some(top);
            }
        }
    }

    // Fuzzy reading of words the lexicon almost knows, once each.
    let mut fuzzy = Vec::new();
    if !chinese {
        let mut counts = vec![0u32; words.len()];
        for t in &tokens {
            counts[t.norm as usize] += 1;
        }
        let mut fixes: FxHashMap<u32, u32> = FxHashMap::default();
        for (id, &n) in counts.iter().enumerate() {
            let w = &words[id];
            if n == 1 && w.len() >= matcher::FUZZY_MIN_LEN && !matcher.knows(w) {
                if let Some(f) = matcher.fuzzy(w) {
                    let fid = match interner.get(f) {
                        Some(&x) => x,
                        None => {
                            words.push(f.to_string());
                            interner.insert(f.to_string(), words.len() as u32 - 1);
                            words.len() as u32 - 1
                        }
                    };
                    fixes.insert(id as u32, fid);
                }
            }
        }
        if !fixes.is_empty() {
            for t in &mut tokens {
                if let Some(&f) = fixes.get(&t.norm) {
                    let p = &provs[t.prov as usize];
                    fuzzy.push((
                        p.text[t.start as usize..t.end as usize].to_string(),
                        words[f as usize].clone(),
                    ));
                    t.norm = f;
                }
            }
        }
        fuzzy.sort();
    }

    let searchable = Searchable::new(tokens.iter().zip(&breaks).map(|(t, &b)| {
        (
            words[t.norm as usize].as_str(),
            is_cjk_token(&words[t.norm as usize]),
            b,
        )
    }));
    let positions: Vec<u32> = tokens.iter().map(|t| t.pos).collect();
    let units: Vec<u32> = tokens
        .iter()
        .map(|t| provs[t.prov as usize].unit.map_or(u32::MAX, |u| u as u32))
        .collect();
    let raw = matcher.find(&searchable, &positions, &units);

    let mut hits: Vec<Hit> = Vec::with_capacity(raw.len());
    for r in &raw {
        hits.push(Hit {
            first: r.first,
            last: r.last,
            concept: r.concept,
            via: None,
        });
    }
    let mut hits = keep_longest(hits, &engine.class);
    hits.extend(sequences(engine, &hits, &tokens, &provs));

    let mut doc = DocFacts {
        path: statute.path.clone(),
        meta: statute.meta.clone(),
        chinese,
        provs,
        tokens,
        hits,
        by_concept: Vec::new(),
        defs: Vec::new(),
        ages: Vec::new(),
        general_penalty: false,
        heading_concepts: vec![false; engine.concept_ids.len()],
        title_concepts: vec![false; engine.concept_ids.len()],
        fuzzy,
        words,
    };
    doc.index();

    // Definitions, and what they pass on to their terms.
    doc.defs = definitions::find(
        &doc,
        engine.role(Role::DefinitionMarkerAfterTerm),
        engine.role(Role::DefinitionMarkerBeforeTerm),
        engine.role(Role::DefinitionByReference),
    );
    inherit(engine, &mut doc);
    doc.index();

    // Ages.
    for (i, p) in doc.provs.iter().enumerate() {
        for age in age_rules.find(&p.text) {
            let tok = doc.provs[i]
                .toks
                .clone()
                .find(|&t| doc.tokens[t].end as usize > age.start)
                .unwrap_or(doc.provs[i].toks.start);
            doc.ages.push(AgeFact { age, prov: i, tok });
        }
    }

    flag_provisions(engine, &mut doc, statute);
    doc
}

/// A token of one provision while it is read.
struct Span {
    start: usize,
    end: usize,
    cjk: bool,
    norm: u32,
}

struct SentenceState {
    id: u32,
    new_sentence: bool,
}

/// Abbreviations after which a full stop does not end a sentence.
const ABBREVIATIONS: [&str; 30] = [
    "no", "nos", "sec", "secs", "art", "arts", "para", "paras", "cf", "eg", "ie", "etc", "vs",
    "mr", "mrs", "dr", "st", "ch", "cl", "sch", "reg", "regs", "pt", "vol", "pp", "ss", "inc",
    "ltd", "co", "viz",
];

/// True when the text between a token and the next ends a sentence: a
/// full stop (not after an abbreviation or a single letter), a question or
/// exclamation mark, or a Chinese full stop.
fn ends_sentence(gap: &str, prev_norm: &str) -> bool {
    if gap.contains(['。', '！', '？', '!', '?']) {
        return true;
    }
    let lead = gap.trim_start_matches([')', ']', '"', '”', '’', ' ']);
    let Some(after) = lead.strip_prefix('.') else {
        return false;
    };
    let closes = after.is_empty()
        || after.starts_with(char::is_whitespace)
        || after.starts_with(['"', '”', '’', ')']);
    // `U.S.` or `s. 4` — but `(B). The` ends a sentence.
    let right_after_word = gap.starts_with('.');
    let abbreviation =
        right_after_word && (prev_norm.chars().count() == 1 || ABBREVIATIONS.contains(&prev_norm));
    closes && !abbreviation
}

fn is_cjk_token(norm: &str) -> bool {
    let mut c = norm.chars();
    matches!((c.next(), c.next()), (Some(ch), None) if text::is_cjk(ch))
}

fn empty(statute: &Statute) -> DocFacts {
    DocFacts {
        path: statute.path.clone(),
        meta: statute.meta.clone(),
        chinese: false,
        provs: Vec::new(),
        tokens: Vec::new(),
        hits: Vec::new(),
        by_concept: Vec::new(),
        defs: Vec::new(),
        ages: Vec::new(),
        general_penalty: false,
        heading_concepts: Vec::new(),
        title_concepts: Vec::new(),
        fuzzy: Vec::new(),
        words: Vec::new(),
    }
}

impl DocFacts {
    fn index(&mut self) {
        self.hits.sort();
        self.hits.dedup();
        let n = self
            .hits
            .iter()
            .map(|h| h.concept + 1)
            .max()
            .unwrap_or(0)
            .max(self.heading_concepts.len());
        let mut by = vec![Vec::new(); n];
        for (i, h) in self.hits.iter().enumerate() {
            by[h.concept].push(i);
        }
        self.by_concept = by;
    }
}

/// Within one class of concepts (or one concept), a hit inside a longer
/// hit gives way: "make available" is an offer, not a making; "make a
/// report" is a report.
fn keep_longest(mut hits: Vec<Hit>, class: &[Option<String>]) -> Vec<Hit> {
    // Sorted by start, longest first: every hit that could contain this one
    // has been seen. Per group, remember the furthest end seen and its start.
    hits.sort_by(|a, b| a.first.cmp(&b.first).then(b.last.cmp(&a.last)));
    let mut reach: FxHashMap<String, (usize, usize)> = FxHashMap::default();
    let mut out = Vec::with_capacity(hits.len());
    for h in hits {
        let key = match &class[h.concept] {
            Some(c) => format!("class:{c}"),
            None => format!("concept:{}", h.concept),
        };
        let contained = reach
            .get(&key)
            .is_some_and(|&(last, first)| last > h.last || (last == h.last && first < h.first));
        match reach.get_mut(&key) {
            Some(r) if r.0 >= h.last => {}
            Some(r) => *r = (h.last, h.first),
            None => {
                reach.insert(key, (h.last, h.first));
            }
        }
        if !contained {
            out.push(h);
        }
    }
    out
}

/// True when a restricting purpose governs a verb: a purpose phrase
/// follows it in its provision (within `window` positions) and either no
/// other verb stands between them, or the purpose comes after the verbs'
/// object, or no object follows it — in "print, copy or make … for the
/// purpose of …" the purpose governs the whole list; in "sells or
/// possesses with intent to sell any material" only the verb it follows.
pub fn is_purposive(
    doc: &DocFacts,
    h: &Hit,
    spans: &[(usize, usize)],
    verbs: &[Hit],
    objects: &[Hit],
    window: u32,
) -> bool {
    let prov = doc.prov_of(h.first);
    let Some(&(start, end)) = spans
        .iter()
        .filter(|&&(a, _)| a > h.last && doc.prov_of(a) == prov)
        .min_by_key(|&&(a, _)| a)
    else {
        return false;
    };
    if doc.tokens[start].pos.saturating_sub(doc.tokens[h.last].pos) > window {
        return false;
    }
    let in_a_span = |v: &Hit| spans.iter().any(|&(a, b)| v.first >= a && v.first <= b);
    let verb_between = verbs
        .iter()
        .any(|v| v.first > h.last && v.first < start && v.last < start && !in_a_span(v));
    if !verb_between {
        return true;
    }
    // After the object, a purpose governs the whole clause ("stores or
    // possesses material …, with an intention to share it").
    let object_between = objects.iter().any(|o| o.first > h.last && o.last < start);
    let object_after = objects
        .iter()
        .any(|o| o.first > end && doc.prov_of(o.first) == prov);
    object_between || !object_after
}

/// Hits of concepts made of others in a row ("entices … any minor").
fn sequences(engine: &Engine, hits: &[Hit], tokens: &[TokInfo], provs: &[ProvFacts]) -> Vec<Hit> {
    let mut out = Vec::new();
    for (ci, def) in engine.law.concepts.values().enumerate() {
        let Some(seq) = &def.sequence else { continue };
        let parts: Vec<usize> = seq.parts.iter().filter_map(|p| engine.concept(p)).collect();
        if parts.len() != seq.parts.len() {
            continue;
        }
        let gap = (seq.gap + 1) * text::WORD_UNITS;
        let mut of: FxHashMap<usize, Vec<&Hit>> = FxHashMap::default();
        for h in hits.iter().filter(|h| parts.contains(&h.concept)) {
            of.entry(h.concept).or_default().push(h);
        }
        for v in of.values_mut() {
            v.sort_by_key(|h| h.first);
        }
        let unit = |t: usize| provs[tokens[t].prov as usize].unit;
        let mut orders = vec![parts.clone()];
        if seq.any_order {
            orders.push(parts.iter().rev().copied().collect());
        }
        let empty: Vec<&Hit> = Vec::new();
        for order in orders {
            for start in of.get(&order[0]).unwrap_or(&empty) {
                let mut last = start.last;
                let mut ok = true;
                for next in &order[1..] {
                    let list = of.get(next).unwrap_or(&empty);
                    let from = list.partition_point(|h| h.first <= last);
                    let found = list[from..]
                        .iter()
                        .take_while(|h| tokens[h.first].pos.saturating_sub(tokens[last].pos) <= gap)
                        .find(|h| unit(h.first) == unit(start.first));
                    match found {
                        Some(h) => last = h.last,
                        None => {
                            ok = false;
                            break;
                        }
                    }
                }
                if ok {
                    out.push(Hit {
                        first: start.first,
                        last,
                        concept: ci,
                        via: None,
                    });
                }
            }
        }
    }
    out
}

/// Pass concepts from definitions to the uses of their terms.
fn inherit(engine: &Engine, doc: &mut DocFacts) {
    // Where each normalised word stands, to find the uses of terms.
    let mut starts: Vec<Vec<usize>> = vec![Vec::new(); doc.words.len()];
    for (t, tok) in doc.tokens.iter().enumerate() {
        starts[tok.norm as usize].push(t);
    }
    let objects_role = engine.role(Role::Object);
    let mut extra = Vec::new();
    for (di, d) in doc.defs.iter().enumerate() {
        // Hits of the term itself, and of its definition.
        let a = doc.hits.partition_point(|t| t.first < d.term_first);
        let b = doc.hits.partition_point(|t| t.first <= d.term_last);
        let c = doc.hits.partition_point(|t| t.first < d.end);
        let term_hits: Vec<&Hit> = doc.hits[a..b]
            .iter()
            .filter(|t| t.last <= d.term_last)
            .collect();
        let span = &doc.hits[b..c.max(b)];
        // Classes of the term: a hit covering the whole term ("publish")
        // for same-class concepts; any hit inside it for `spread_to`.
        let whole: Vec<&str> = term_hits
            .iter()
            .filter(|t| t.first == d.term_first && t.last == d.term_last)
            .filter_map(|t| engine.class[t.concept].as_deref())
            .collect();
        let inside: Vec<&str> = term_hits
            .iter()
            .filter_map(|t| engine.class[t.concept].as_deref())
            .collect();
        // A verb followed by a restricting purpose in its provision ("print
        // … for the purpose of doing an act referred to in (a)") is not
        // passed on as a plain conduct.
        let verbs: Vec<Hit> = span
            .iter()
            .filter(|v| engine.spread[v.concept] == Spread::SameClass)
            .copied()
            .collect();
        let objects: Vec<Hit> = span
            .iter()
            .filter(|o| objects_role.contains(&o.concept))
            .copied()
            .collect();
        // A purpose inside a verb phrase ("lend for gain", "offer for sale")
        // is part of that verb, not a purpose of the others.
        let spans: Vec<(usize, usize)> = span
            .iter()
            .filter(|p| engine.role(Role::Purpose).contains(&p.concept))
            .filter(|p| !verbs.iter().any(|v| v.first <= p.first && p.last <= v.last))
            .map(|p| (p.first, p.last))
            .collect();
        let mut passes: Vec<usize> = Vec::new();
        for h in span {
            if h.via.is_some() || passes.contains(&h.concept) {
                continue;
            }
            let ok = match engine.spread[h.concept] {
                Spread::None => false,
                Spread::AnyTerm | Spread::Medium => engine.spread_to[h.concept]
                    .as_deref()
                    .is_none_or(|c| inside.contains(&c)),
                Spread::SameClass => {
                    engine.class[h.concept]
                        .as_deref()
                        .is_some_and(|c| whole.contains(&c))
                        && !is_purposive(doc, h, &spans, &verbs, &objects, u32::MAX)
                }
            };
            if ok {
                passes.push(h.concept);
            }
        }
        if passes.is_empty() || d.term_norms.is_empty() {
            continue;
        }
        // Uses of the term outside its own definition.
        let n = d.term_norms.len();
        let mut last_end = 0;
        for &t in starts
            .get(d.term_norms[0] as usize)
            .map_or(&[][..], Vec::as_slice)
        {
            if t < last_end || t + n > doc.tokens.len() || (t >= d.term_first && t < d.end) {
                continue;
            }
            if (1..n).all(|k| doc.tokens[t + k].norm == d.term_norms[k]) {
                for &c in &passes {
                    extra.push(Hit {
                        first: t,
                        last: t + n - 1,
                        concept: c,
                        via: Some(di),
                    });
                }
                last_end = t + n;
            }
        }
    }
    doc.hits.extend(extra);
}

/// Offence, defence, aggravation and definition flags, and the concepts
/// named in headings.
fn flag_provisions(engine: &Engine, doc: &mut DocFacts, statute: &Statute) {
    let has_role = |doc: &DocFacts, role: Role, range: std::ops::Range<usize>| -> bool {
        engine.role(role).iter().any(|&c| {
            doc.hits_of(c)
                .any(|h| h.via.is_none() && h.first >= range.start && h.first < range.end)
        })
    };
    let first_of_role = |doc: &DocFacts, role: Role, range: std::ops::Range<usize>| {
        engine
            .role(role)
            .iter()
            .filter_map(|&c| {
                doc.hits_of(c)
                    .filter(|h| h.via.is_none() && h.first >= range.start && h.first < range.end)
                    .map(|h| h.first)
                    .min()
            })
            .min()
    };
    doc.general_penalty = has_role(doc, Role::GeneralPenalty, 0..doc.tokens.len());
    let n = doc.provs.len();
    // Own text without the heading, for defence and aggravation wording.
    let body_range = |doc: &DocFacts, i: usize| -> std::ops::Range<usize> {
        let p = &doc.provs[i];
        match &p.heading {
            Some(h) if p.kind.is_unit() => {
                let skip = p
                    .toks
                    .clone()
                    .take_while(|&t| (doc.tokens[t].start as usize) < h.len())
                    .count();
                p.toks.start + skip..p.toks.end
            }
            _ => p.toks.clone(),
        }
    };
    let mut offence_unit = vec![false; n];
    let mut definition_unit = vec![false; n];
    for i in 0..n {
        let is_unit_root = doc.provs[i].unit == Some(i);
        if !is_unit_root {
            continue;
        }
        let range = doc.provs[i].toks.start..doc.provs[i].subtree_end;
        let penalty = has_role(doc, Role::Penalty, range.clone());
        let prohibition = has_role(doc, Role::Prohibition, range.clone());
        offence_unit[i] = penalty || (prohibition && doc.general_penalty);
        let heading_range = match &doc.provs[i].heading {
            Some(h) => {
                let p = &doc.provs[i];
                let end = p
                    .toks
                    .clone()
                    .take_while(|&t| (doc.tokens[t].start as usize) < h.len())
                    .count();
                p.toks.start..p.toks.start + end
            }
            None => 0..0,
        };
        definition_unit[i] = has_role(doc, Role::DefinitionsHeading, heading_range);
    }
    let defined_in: Vec<usize> = doc.defs.iter().map(|d| d.prov).collect();
    for i in 0..n {
        let unit = doc.provs[i].unit;
        let within_unit_parent = doc.provs[i]
            .parent
            .filter(|&p| Some(p) == unit || doc.provs[p].unit == unit && unit.is_some());
        let own = body_range(doc, i);
        // Defence and aggravation wording holds from its sentence on: the
        // offence stated before it in the same provision stays an offence
        // (an article whose last paragraph excepts or aggravates).
        let from = |doc: &DocFacts, role: Role, inherited: bool| -> Option<u32> {
            if inherited {
                return Some(0);
            }
            // Wording in the heading covers the whole provision.
            first_of_role(doc, role, own.clone()).map(|t| match doc.tokens[t].heading {
                true => 0,
                false => doc.tokens[t].sent,
            })
        };
        let defence = from(
            doc,
            Role::Defence,
            within_unit_parent.is_some_and(|p| doc.provs[p].defence),
        );
        let aggravation = from(
            doc,
            Role::Aggravation,
            within_unit_parent.is_some_and(|p| doc.provs[p].aggravation),
        );
        let p = &mut doc.provs[i];
        p.offence = unit.is_some_and(|u| offence_unit[u]);
        p.defence = defence.is_some();
        p.defence_from = defence.unwrap_or(0);
        p.aggravation = aggravation.is_some();
        p.aggravation_from = aggravation.unwrap_or(0);
        p.definition = unit.is_some_and(|u| definition_unit[u]) || defined_in.contains(&i);
    }
    // Concepts named in headings: the title, groups and units.
    let mut heads = vec![false; engine.concept_ids.len()];
    for h in &doc.hits {
        let p = &doc.provs[doc.tokens[h.first].prov as usize];
        let in_heading = match &p.heading {
            Some(head) => (doc.tokens[h.first].start as usize) < head.len(),
            None => false,
        };
        if in_heading && (p.kind.is_group() || p.kind.is_unit()) && h.concept < heads.len() {
            heads[h.concept] = true;
        }
    }
    // The title: the front matter's, else the first top-level heading.
    let title = statute.meta.title.clone().or_else(|| {
        statute
            .provisions
            .iter()
            .find(|p| p.kind == Kind::Preamble || p.kind.is_group())
            .and_then(|p| {
                p.heading
                    .clone()
                    .or_else(|| p.text.lines().next().map(str::to_string))
            })
    });
    let mut in_title = vec![false; engine.concept_ids.len()];
    if let (Some(title), Some((m, _))) = (title, engine.matcher(&statute.meta.language)) {
        let toks = m.analyzer.tokens(&title);
        let s = Searchable::new(toks.iter().map(|t| (t.norm.as_str(), t.cjk, false)));
        let pos: Vec<u32> = (0..toks.len() as u32).map(|i| i * 2).collect();
        let unit = vec![0; toks.len()];
        for r in m.find(&s, &pos, &unit) {
            heads[r.concept] = true;
            in_title[r.concept] = true;
        }
    }
    doc.heading_concepts = heads;
    doc.title_concepts = in_title;
}

#[cfg(test)]
mod tests;
