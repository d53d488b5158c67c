//! Parse: a [`Source`] → a [`Statute`], the tree of its provisions with the
//! citation a lawyer would write for each (`1240(8)(A)`, `41.1(4.1)`,
//! `8(1)`, `第三十二条第二款`).
//!
//! The grammar, read from the text rather than from Markdown lists:
//! - **groups**: headings or short paragraphs `Part II`, `CHAPTER 110—`,
//!   `Chapitre VII :`, `TÍTULO I.`, `第五章`; a group of a kind already open
//!   closes it and everything inside it, so Parts may hold Chapters or the
//!   other way round.
//! - **units** (sections, articles): a heading `§ 1234A. Title`,
//!   `Section 24. Title`, `Article 8`, `Artículo 7.`, `41.1 Title`, `1`; or
//!   a paragraph starting `24. (1) …`, `24. Title.—(1) …`, `Section 1. …`
//!   or `第三十二条 …`. In a document that has articles, `Section` is a group.
//!   A repeated heading for the unit already open continues it.
//! - **enumerators** at the start of a paragraph, heading or list item, and
//!   inline after `;`, `:`, `—`, `--`: `(1)`, `(a)`, `(A)`, `(i)`, `(I)`,
//!   `(4.1)`, `(za)`, `1[(da)`, `1.` (below an article heading), `a)`,
//!   `1°`, `（一）`, `一、`. Each family is one level; a number continues the
//!   open level it follows (`(i)` after `(h)` is a letter), a first number
//!   opens a level below, so `(i)` below `(A)` is a Roman numeral.
//!   Also `1 -`, `IV -`, `i)` (Portuguese and Brazilian items) and, in a
//!   document numbered by articles, `§ 1º` and `Parágrafo único`.
//! - unit labels carry ordinals and dashes (`Artículo 1º.-`, `Art. 5°`,
//!   `Artigo 176.º-A`); Chinese numbers may be spaced, Arabic or Traditional
//!   (`第 1-1 條`) and are cited in one form (`第一条之一`).
//! - unnumbered paragraphs of a Chinese article are its 款; those of any
//!   other article or section that has no numbered items are its
//!   paragraphs, cited with the language's word (`227-23 (al. 4)`,
//!   `10 (párr. 2)`: the lexicon's `paragraph_label`).
//! - a definition (`**child** means …`, `"child" includes …`) is cited on
//!   its own (`2(1)(“child”)`), its items below it.
//! - an explanation or illustration belongs to its section or article as
//!   text, not to the last item, and its own items are not numbered.
//! - a heading or an all-bold paragraph without a number is the title of the
//!   provision that follows it (UK cross-headings, Canadian marginal notes);
//!   a short untitled line right after an `Article 8` heading is its title.

mod blocks;
mod builder;
mod designator;
mod levels;
mod notes;
pub mod number;
mod pieces;
mod title;
mod units;

use crate::diag::Diagnostic;
use crate::source::{Meta, Source};

pub use blocks::pieces_agree;
use builder::Builder;
pub use designator::Kind;
use number::Family;

/// One provision: a node of the tree.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Provision {
    /// Part, section, subsection, …
    pub kind: Kind,
    /// Its own number as written (`1234A`, `a`, `4.1`, `三十二`), if any.
    pub number: Option<String>,
    /// The number as printed (`§ 1234A`, `(a)`, `Article 8`, `第三十二条`).
    pub label: String,
    /// The full citation (`1234A(a)(5)(B)`, `第三十二条第二款`, `Part II`).
    pub citation: String,
    /// Heading or marginal note, if any.
    pub heading: Option<String>,
    /// The provision's own text, without its children's.
    pub text: String,
    /// First line in the source file (1-based).
    pub line: usize,
    /// Last line of the provision and its children.
    pub last_line: usize,
    /// Index of the parent in [`Statute::provisions`].
    #[serde(skip)]
    pub parent: Option<usize>,
    /// Indices of the children, in document order.
    #[serde(skip)]
    pub children: Vec<usize>,
    #[serde(skip)]
    family: Option<Family>,
    #[serde(skip)]
    key: Vec<u32>,
}

/// A parsed statute.
#[derive(Debug, Clone)]
pub struct Statute {
    /// Where it came from.
    pub path: String,
    /// Its front matter.
    pub meta: Meta,
    /// All provisions in document order (a pre-order walk of the tree).
    pub provisions: Vec<Provision>,
    /// Top-level provisions.
    pub roots: Vec<usize>,
}

impl Statute {
    /// The provisions below `id` (itself included), in document order.
    pub fn subtree(&self, id: usize) -> std::ops::Range<usize> {
        let mut end = id + 1;
        let mut last = id;
        while let Some(&c) = self.provisions[last].children.last() {
            last = c;
        }
        if last + 1 > end {
            end = last + 1;
        }
        id..end
    }

    /// The unit (section or article) a provision belongs to, if any.
    pub fn unit_of(&self, id: usize) -> Option<usize> {
        let mut cur = Some(id);
        while let Some(c) = cur {
            if self.provisions[c].kind.is_unit() {
                return Some(c);
            }
            cur = self.provisions[c].parent;
        }
        None
    }

    /// Ancestors of a provision, nearest first.
    pub fn ancestors(&self, id: usize) -> impl Iterator<Item = usize> + '_ {
        std::iter::successors(self.provisions[id].parent, |&p| self.provisions[p].parent)
    }
}

/// Literal strings written in the code, searched for in one pass over a
/// text (`kind` says which match is reported where several start).
#[expect(
    clippy::expect_used,
    reason = "a few short constant strings: building them cannot fail"
)]
fn constant_literals(
    kind: aho_corasick::MatchKind,
    patterns: &[&str],
) -> aho_corasick::AhoCorasick {
    aho_corasick::AhoCorasick::builder()
        .match_kind(kind)
        .build(patterns)
        .expect("constant literals build")
}

/// The most provisions one file may hold for analysis: a whole code has a
/// few thousand; more is a generated or broken file, whose analysis would
/// need memory out of proportion to its size. The parse stops one past it.
pub const MAX_PROVISIONS: usize = 100_000;

/// What the parser takes from the model law.
#[derive(Debug, Clone, Copy)]
pub struct ParseContext<'a> {
    /// The word that cites an unnumbered paragraph of an article in the
    /// document's language (`al.` → `227-23 (al. 4)`).
    pub paragraph_label: &'a str,
}

/// Parse a loaded source with the paragraph label of the embedded model
/// law's lexicon for its language. Problems that do not stop the parse
/// (Markdown nested too deep, no provisions at all) come back as
/// diagnostics.
pub fn parse_statute(src: &Source) -> (Statute, Vec<Diagnostic>) {
    let ctx = ParseContext {
        paragraph_label: crate::checklist::embedded_paragraph_label(&src.meta.language),
    };
    parse_statute_with(src, &ctx)
}

/// Parse a loaded source with what `ctx` gives from a model law.
pub fn parse_statute_with(src: &Source, ctx: &ParseContext) -> (Statute, Vec<Diagnostic>) {
    let read = blocks::read_blocks(src.body());
    let mut diags = Vec::new();
    if let Some((depth, offset)) = read.too_deep {
        diags.push(
            Diagnostic::warning(
                &src.path,
                format!(
                    "lists or quotes nested {depth} deep; beyond {} levels of Markdown they are read as plain text (the document is analysed)",
                    blocks::MAX_MARKDOWN_DEPTH
                ),
            )
            .at(src.line_of(src.body_start + offset), None),
        );
    }
    // In a document numbered by articles, `Section` names a group.
    // Each block's unit designator is read once, here, and handed to the
    // builder with its block.
    let mut unit_designators: Vec<Option<designator::UnitDesignator>> = read
        .blocks
        .iter()
        .map(|b| designator::unit_with_keyword(&b.text))
        .collect();
    let (mut articles, mut sections) = (0usize, 0usize);
    for (b, u) in read.blocks.iter().zip(&unit_designators) {
        let heading = matches!(b.kind, blocks::BlockKind::Heading(_));
        match u {
            Some(u) if u.chinese => articles += 1,
            Some(u) if heading && u.kind == Kind::Article => articles += 1,
            // `Art. 5.` or `Art. 1º` opening a paragraph.
            Some(u) if u.kind == Kind::Article && (u.separator == "." || u.ordinal) => {
                articles += 1
            }
            Some(u) if heading && u.kind == Kind::Section => sections += 1,
            _ => {}
        }
    }
    let article_style = articles > 0 && articles >= sections;
    let mut builder = Builder {
        src,
        provs: Vec::new(),
        roots: Vec::new(),
        groups: Vec::new(),
        unit: None,
        unit_from_heading: false,
        para: None,
        unit_text_line: None,
        paragraph_label: ctx.paragraph_label,
        levels: Vec::new(),
        pending_title: None,
        article_style,
        chinese: src.meta.language == "zh",
        next_enum: None,
        block_enum: None,
        bare: false,
        in_note: false,
    };
    let chinese = builder.chinese;
    let first_enum = |b: &blocks::Block| designator::enumerator(&b.text, chinese, false, false);
    builder.next_enum = read.blocks.first().and_then(first_enum);
    for (i, block) in read.blocks.iter().enumerate() {
        // The lookahead of the block before read this block's enumerator.
        let this_enum = builder.next_enum.take();
        builder.block_enum = Some((
            block.text.as_ptr() as usize,
            block.text.len(),
            chinese,
            this_enum,
        ));
        builder.next_enum = read.blocks.get(i + 1).and_then(first_enum);
        builder.block(block, unit_designators[i].take());
        // Past the limit the rest is not built: the file is refused for
        // its count (see `MAX_PROVISIONS`), with no need to hold it all.
        if builder.provs.len() > MAX_PROVISIONS {
            break;
        }
    }
    let statute = builder.finish();
    if statute.provisions.iter().all(|p| p.text.trim().is_empty()) {
        diags.push(
            Diagnostic::error(&src.path, "no provisions found: the file has headings but no text to analyse")
                .with_help("sections start with a heading such as `## Section 1.` or a paragraph such as `1. (1) …`"),
        );
    } else if diags.is_empty()
        && statute
            .provisions
            .iter()
            .all(|p| p.kind == Kind::Preamble || p.kind.is_group())
    {
        diags.push(
            Diagnostic::warning(&src.path, "no numbered sections or articles: the text reads as one block")
                .with_help("sections start with a heading such as `## Section 1.` or a paragraph such as `1. (1) …`"),
        );
    }
    (statute, diags)
}

#[cfg(test)]
mod tests;
