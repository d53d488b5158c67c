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
//! - unnumbered paragraphs of a Chinese article are its 款.
//! - a heading or an all-bold paragraph without a number is the title of the
//!   provision that follows it (UK cross-headings, Canadian marginal notes);
//!   a short untitled line right after an `Article 8` heading is its title.

mod blocks;
mod designator;
pub mod number;

use crate::diag::Diagnostic;
use crate::source::{Meta, Source};

pub use designator::Kind;
use designator::{Enumerator, UnitDesignator};
use number::{Family, Reading};

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

/// Parse a loaded source. Problems that do not stop the parse (Markdown
/// nested too deep, no provisions at all) come back as diagnostics.
pub fn parse_statute(src: &Source) -> (Statute, Vec<Diagnostic>) {
    let read = blocks::read_blocks(src.body());
    let mut diags = Vec::new();
    if let Some((depth, offset)) = read.too_deep {
        diags.push(
            Diagnostic::error(
                &src.path,
                format!(
                    "Markdown nested {depth} levels deep (more than {}); the deeper levels are read as plain text",
                    blocks::MAX_MARKDOWN_DEPTH
                ),
            )
            .at(src.line_of(src.body_start + offset), None),
        );
    }
    // In a document numbered by articles, `Section` names a group.
    let (mut articles, mut sections) = (0usize, 0usize);
    for b in &read.blocks {
        let heading = matches!(b.kind, blocks::BlockKind::Heading(_));
        match designator::unit_with_keyword(&b.text) {
            Some(u) if u.chinese => articles += 1,
            Some(u) if heading && u.kind == Kind::Article => articles += 1,
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
        kuan: None,
        levels: Vec::new(),
        pending_title: None,
        article_style,
        chinese: src.meta.language == "zh",
        next_enum: None,
        bare: false,
    };
    for (i, block) in read.blocks.iter().enumerate() {
        builder.next_enum = read
            .blocks
            .get(i + 1)
            .and_then(|n| designator::enumerator(&n.text, builder.chinese, false));
        builder.block(block);
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
            Diagnostic::warning(&src.path, "no numbered sections or articles: the text is analysed as one block")
                .with_help("sections start with a heading such as `## Section 1.` or a paragraph such as `1. (1) …`"),
        );
    }
    (statute, diags)
}

struct Level {
    family: Family,
    key: Vec<u32>,
    node: usize,
}

struct Builder<'s> {
    src: &'s Source,
    provs: Vec<Provision>,
    roots: Vec<usize>,
    groups: Vec<usize>,
    unit: Option<usize>,
    unit_from_heading: bool,
    /// The current 款 of a Chinese article.
    kuan: Option<usize>,
    levels: Vec<Level>,
    pending_title: Option<String>,
    article_style: bool,
    chinese: bool,
    /// The enumerator starting the next block, if any (a lookahead for
    /// enumerators alone on their line).
    next_enum: Option<Enumerator>,
    /// True while placing an enumerator that has no text after it.
    bare: bool,
}

/// Enumerator levels deeper than this are read as text: real statutes stop
/// at about six, and the cap keeps hostile input from building deep trees.
const MAX_LEVELS: usize = 12;

/// Words in a line short enough to be a title (a marginal note, a heading
/// line after `Article 8`).
const MAX_TITLE_WORDS: usize = 16;

/// True when `text` has at most `n` words (without counting a long text's
/// words to the end).
fn at_most_words(text: &str, n: usize) -> bool {
    text.split_whitespace().nth(n).is_none()
}

impl Builder<'_> {
    fn line(&self, offset: usize) -> usize {
        self.src.line_of(self.src.body_start + offset)
    }

    fn add(&mut self, parent: Option<usize>, mut p: Provision) -> usize {
        let id = self.provs.len();
        p.parent = parent;
        match parent {
            Some(par) => self.provs[par].children.push(id),
            None => self.roots.push(id),
        }
        self.provs.push(p);
        id
    }

    fn new_prov(&self, kind: Kind, line: usize) -> Provision {
        Provision {
            kind,
            number: None,
            label: String::new(),
            citation: String::new(),
            heading: None,
            text: String::new(),
            line,
            last_line: line,
            parent: None,
            children: Vec::new(),
            family: None,
            key: Vec::new(),
        }
    }

    /// The node that receives unnumbered text.
    fn current(&self) -> Option<usize> {
        self.levels
            .last()
            .map(|l| l.node)
            .or(self.kuan)
            .or(self.unit)
            .or(self.groups.last().copied())
    }

    fn append_text(&mut self, node: Option<usize>, text: &str, line: usize) {
        let text = text.trim();
        if text.is_empty() {
            return;
        }
        let node = match node {
            Some(n) => n,
            None => {
                // Text before any structure: the preamble.
                match self
                    .roots
                    .first()
                    .copied()
                    .filter(|&r| self.provs[r].kind == Kind::Preamble)
                {
                    Some(p) => p,
                    None => {
                        let mut p = self.new_prov(Kind::Preamble, line);
                        p.label = "Preamble".into();
                        p.citation = "preamble".into();
                        self.add(None, p)
                    }
                }
            }
        };
        let p = &mut self.provs[node];
        if !p.text.is_empty() {
            p.text.push_str("\n\n");
        }
        p.text.push_str(text);
        p.last_line = p.last_line.max(line + text.matches('\n').count());
    }

    fn block(&mut self, b: &blocks::Block) {
        let line = self.line(b.offset);
        let text = b.text.as_str();
        match b.kind {
            blocks::BlockKind::Quoted => {
                let cur = self.current();
                self.append_text(cur, text, line);
            }
            blocks::BlockKind::Heading(_) => self.heading(text, line),
            blocks::BlockKind::Para => self.paragraph(text, line, b.all_bold),
        }
    }

    fn heading(&mut self, text: &str, line: usize) {
        if let Some(g) = self.group_designator(text) {
            self.open_group(g, line);
            return;
        }
        if let Some(u) = designator::unit_with_keyword(text)
            .filter(|u| !(self.article_style && u.kind == Kind::Section))
            .or_else(|| designator::unit_bare(text))
        {
            self.open_unit(u, line, true);
            return;
        }
        if self.enumerated(text, line) {
            return;
        }
        // A heading without a number titles what follows.
        self.flush_pending(line);
        self.pending_title = Some(text.trim().to_string());
    }

    fn group_designator(&self, text: &str) -> Option<designator::GroupDesignator> {
        let g = designator::group(text)?;
        if g.keyword.eq_ignore_ascii_case("section") && !self.article_style {
            return None;
        }
        Some(g)
    }

    fn paragraph(&mut self, text: &str, line: usize, all_bold: bool) {
        // Groups written as short paragraphs (`LIBRO I`, `PART II—OFFENCES`).
        let short = at_most_words(text, MAX_TITLE_WORDS);
        if short && !text.contains('\n') {
            if let Some(g) = self.group_designator(text) {
                let kw_caps = g.keyword.chars().next().is_some_and(|c| c.is_uppercase())
                    || !g.keyword.is_ascii();
                if kw_caps && !text.trim_end().ends_with([';', ',']) {
                    self.open_group(g, line);
                    return;
                }
            }
        }
        if let Some(u) = designator::unit_with_keyword(text) {
            if !(self.article_style && u.kind == Kind::Section) && self.paragraph_unit_ok(&u) {
                self.open_unit(u, line, false);
                return;
            }
        }
        if let Some(u) = designator::unit_bare(strip_amendment_marker(text)) {
            // `1[15. Title.--` repeating the open section's number (an
            // amendment note) continues it.
            let echo = u.separator == "."
                && self
                    .unit
                    .is_some_and(|c| self.provs[c].number.as_deref() == Some(u.number.as_str()));
            if echo || self.bare_paragraph_unit_ok(&u) {
                self.open_unit(u, line, false);
                return;
            }
        }
        if self.enumerated(text, line) {
            return;
        }
        if all_bold && short {
            self.flush_pending(line);
            self.pending_title = Some(text.trim().to_string());
            return;
        }
        // A short line right after an untitled unit heading is its title.
        if let Some(u) = self.unit {
            let p = &self.provs[u];
            if self.levels.is_empty()
                && self.unit_from_heading
                && p.heading.is_none()
                && p.text.is_empty()
                && p.children.is_empty()
                && self.pending_title.is_none()
                && short
                && !text.contains('\n')
                && !text
                    .trim_end()
                    .ends_with(['.', ';', ':', ',', '。', '；', '：'])
            {
                self.provs[u].heading = Some(text.trim().to_string());
                return;
            }
        }
        // Unnumbered paragraphs of a Chinese article are its 款.
        if let Some(u) = self.unit {
            if self.is_chinese_unit(u) && (!self.provs[u].text.is_empty() || self.kuan.is_some()) {
                self.new_kuan(u, line);
                self.levels.clear();
                let cur = self.current();
                self.split_inline(cur, text, line);
                return;
            }
        }
        // A short line after an enumerator, followed by this paragraph, was
        // the provision's heading (`(A) Determining the amount .`).
        if let Some(l) = self.levels.last() {
            let p = &self.provs[l.node];
            if p.heading.is_none() && p.children.is_empty() && looks_like_heading(&p.text) {
                let node = l.node;
                self.provs[node].heading = Some(std::mem::take(&mut self.provs[node].text));
            }
        }
        // An unnumbered paragraph after items of a list continues the
        // provision that holds the list, not its last item.
        // (An enumerator alone on its line takes the next paragraph.)
        if self.levels.len() >= 2
            && self
                .levels
                .last()
                .is_some_and(|l| !self.provs[l.node].text.is_empty())
        {
            self.levels.pop();
        }
        let cur = self.current();
        if let Some(title) = self.pending_title.take() {
            self.append_text(cur, &title, line);
        }
        self.split_inline(cur, text, line);
    }

    fn is_chinese_unit(&self, u: usize) -> bool {
        self.provs[u].label.starts_with('第')
    }

    /// A `Section 1.` paragraph opens a unit unless it only repeats the one
    /// open (then it continues it).
    fn paragraph_unit_ok(&self, u: &UnitDesignator) -> bool {
        if u.chinese {
            return true;
        }
        // `Section 5 of the Act is amended` is a sentence: a paragraph unit
        // needs a separator, a title dash, or an enumerator after it.
        u.separator == "." || u.rest.starts_with('(') || u.rest.is_empty()
    }

    /// `24. (1) …` opens section 24 unless we are inside a unit introduced by
    /// a heading (where `1.` numbers paragraphs) or a numbered list.
    fn bare_paragraph_unit_ok(&self, u: &UnitDesignator) -> bool {
        if self.unit_from_heading || self.article_style || self.chinese {
            return false;
        }
        let Some(key) = number::arabic_key(&u.number) else {
            return false;
        };
        let looks_like_section =
            u.rest.starts_with('(') || marginal_title(&u.rest).is_some() || u.rest.is_empty();
        if u.separator != "." && !u.rest.starts_with('(') {
            return false;
        }
        match self.unit {
            None => true,
            Some(cur) => {
                let cur_key = &self.provs[cur].key;
                if key.as_slice() <= cur_key.as_slice() {
                    return false;
                }
                // A numbered list inside the section that continues its own
                // numbering stays a list, unless the line looks like a section.
                let continues_list = self
                    .levels
                    .iter()
                    .any(|l| l.family == Family::DotArabic && number::is_successor(&l.key, &key));
                !continues_list || looks_like_section
            }
        }
    }

    fn close_unit(&mut self) {
        self.unit = None;
        self.kuan = None;
        self.levels.clear();
        self.unit_from_heading = false;
    }

    fn flush_pending(&mut self, line: usize) {
        if let Some(t) = self.pending_title.take() {
            // A heading nothing took: keep its words with the open provision.
            if let Some(cur) = self.current() {
                self.append_text(Some(cur), &t, line);
            }
        }
    }

    fn open_group(&mut self, g: designator::GroupDesignator, line: usize) {
        self.pending_title = None;
        // A group heading repeated for the group already open (sources cut
        // into chunks repeat them) changes nothing.
        if g.number.is_some()
            && self
                .groups
                .iter()
                .any(|&id| self.provs[id].kind == g.kind && self.provs[id].number == g.number)
        {
            return;
        }
        self.close_unit();
        if let Some(pos) = self
            .groups
            .iter()
            .position(|&id| self.provs[id].kind == g.kind)
        {
            self.groups.truncate(pos);
        }
        let parent = self.groups.last().copied();
        let mut p = self.new_prov(g.kind, line);
        let label = match &g.number {
            Some(n) if g.keyword.chars().any(crate::text::is_han) => {
                format!("第{n}{}", g.keyword)
            }
            Some(n) => format!("{} {n}", title_case(&g.keyword)),
            None => title_case(&g.keyword),
        };
        p.citation = label.clone();
        p.label = label;
        p.number = g.number.clone();
        let rest = g
            .rest
            .trim_start_matches(['—', '–', '-', ':', '.', ' '])
            .trim();
        if !rest.is_empty() {
            p.heading = Some(rest.to_string());
        }
        let id = self.add(parent, p);
        self.groups.push(id);
    }

    fn open_unit(&mut self, u: UnitDesignator, line: usize, from_heading: bool) {
        let number = u.number.clone();
        let (mut rest, title) = if from_heading {
            (
                String::new(),
                Some(u.rest.clone()).filter(|r| !r.is_empty()),
            )
        } else {
            match marginal_title(&u.rest) {
                Some((title, body)) => (body.to_string(), Some(title.to_string())),
                None => (u.rest.clone(), None),
            }
        };
        // A repeated heading or an echo of the unit's own number continues it.
        if let Some(cur) = self.unit {
            if self.provs[cur].number.as_deref() == Some(number.as_str()) {
                if !from_heading {
                    let body = strip_repeated_title(&rest, self.provs[cur].heading.as_deref());
                    rest = body.to_string();
                    self.levels.clear();
                    if !rest.is_empty() && !self.enumerated(&rest, line) {
                        self.split_inline(Some(cur), &rest, line);
                    }
                }
                return;
            }
        }
        let pending = self.pending_title.take();
        self.close_unit();
        let parent = self.groups.last().copied();
        let mut p = self.new_prov(u.kind, line);
        p.key = if u.chinese {
            number::chinese_value(&number)
                .map(|v| vec![v])
                .unwrap_or_default()
        } else {
            number::arabic_key(&number).unwrap_or_default()
        };
        let (label, citation) = if u.chinese {
            (format!("第{number}条"), format!("第{number}条"))
        } else if u.kind == Kind::Article {
            (format!("Article {number}"), number.clone())
        } else if u.has_keyword {
            (format!("§ {number}"), number.clone())
        } else {
            (format!("s. {number}"), number.clone())
        };
        p.label = label;
        p.citation = citation;
        p.number = Some(number);
        p.heading = title
            .map(|t| clean_title(&t))
            .filter(|t| !t.is_empty())
            .or(pending);
        let id = self.add(parent, p);
        self.unit = Some(id);
        self.unit_from_heading = from_heading;
        if !rest.is_empty() && !self.enumerated(&rest, line) {
            self.split_inline(Some(id), &rest, line);
        }
    }

    fn new_kuan(&mut self, unit: usize, line: usize) {
        let existing: Vec<usize> = self.provs[unit]
            .children
            .iter()
            .copied()
            .filter(|&c| self.provs[c].kind == Kind::Paragraph)
            .collect();
        if existing.is_empty() {
            // The article's first paragraph becomes its 第一款, with the
            // items already read under it.
            let text = std::mem::take(&mut self.provs[unit].text);
            let children = std::mem::take(&mut self.provs[unit].children);
            let first_line = self.provs[unit].line;
            let mut k = self.new_prov(Kind::Paragraph, first_line);
            k.text = text;
            k.number = Some("一".into());
            k.key = vec![1];
            let id = self.add(Some(unit), k);
            for &c in &children {
                self.provs[c].parent = Some(id);
            }
            self.provs[id].children = children;
            self.renumber_citations(id);
        }
        let n = self.provs[unit].children.len() as u32 + 1;
        let num = number::chinese_numeral(n);
        let mut k = self.new_prov(Kind::Paragraph, line);
        k.number = Some(num);
        k.key = vec![n];
        let id = self.add(Some(unit), k);
        self.renumber_citations(id);
        self.kuan = Some(id);
    }

    /// Set the label and citation of a 款 and everything below it.
    fn renumber_citations(&mut self, id: usize) {
        let Some(parent) = self.provs[id].parent else {
            return;
        };
        let pc = self.provs[parent].citation.clone();
        let p = &mut self.provs[id];
        if p.kind == Kind::Paragraph && p.family.is_none() {
            let n = p.number.clone().unwrap_or_default();
            p.label = format!("第{n}款");
            p.citation = format!("{pc}第{n}款");
        } else if let (Some(f), Some(n)) = (p.family, p.number.clone()) {
            p.citation = format!("{pc}{}", f.cite(&n));
        }
        let children = self.provs[id].children.clone();
        for c in children {
            self.renumber_citations(c);
        }
    }

    /// Read enumerators at the start of `text` and place them; false when
    /// the text does not start with one.
    fn enumerated(&mut self, text: &str, line: usize) -> bool {
        let dot =
            self.unit_from_heading || self.chinese || self.article_style || self.unit.is_some();
        let chinese = self.chinese || self.unit.is_some_and(|u| self.is_chinese_unit(u));
        let Some(first) = designator::enumerator(text, chinese, dot) else {
            return false;
        };
        if self.levels.len() >= MAX_LEVELS {
            return false;
        }
        // In a Chinese article, items after a second paragraph belong to it;
        // a new unnumbered paragraph was already turned into a 款.
        let mut rest = &text[first.len..];
        self.bare = rest.trim().is_empty();
        let mut node = self.place(&first, line);
        self.bare = false;
        // A chain: `(c)(1) text`.
        while let Some(next) = designator::enumerator(rest, chinese, false) {
            if self.levels.len() >= MAX_LEVELS {
                break;
            }
            rest = &rest[next.len..];
            node = self.place(&next, line);
        }
        self.take_pending_title(node);
        self.split_inline(Some(node), rest, line);
        true
    }

    fn take_pending_title(&mut self, node: usize) {
        if let Some(t) = self.pending_title.take() {
            if self.provs[node].heading.is_none() {
                self.provs[node].heading = Some(t);
            } else {
                self.append_text(Some(node), &t, self.provs[node].line);
            }
        }
    }

    /// Put text into `node`, splitting off inline enumerators that continue
    /// an open level or start a list after a colon or dash.
    fn split_inline(&mut self, node: Option<usize>, text: &str, line: usize) {
        let chinese = self.chinese || self.unit.is_some_and(|u| self.is_chinese_unit(u));
        let mut node = node;
        let mut start = 0;
        for at in designator::inline_split_points(text) {
            if at < start || self.levels.len() >= MAX_LEVELS {
                continue;
            }
            let tail = &text[at..];
            let Some(e) = designator::enumerator(tail, chinese, false) else {
                continue;
            };
            let before = text[..at].trim_end();
            let opens_list = before.ends_with([':', '—', '–', '：']) || before.ends_with("--");
            let starts_list = opens_list && e.readings.iter().any(Reading::is_first);
            if !(self.continues_open_level(&e) || starts_list) {
                continue;
            }
            let head = &text[start..at];
            let head_line = line + text[..start].matches('\n').count();
            self.append_text(node, head, head_line);
            let here = line + text[..at].matches('\n').count();
            let mut n = self.place(&e, here);
            let mut rest_at = at + e.len;
            while let Some(next) = designator::enumerator(&text[rest_at..], chinese, false) {
                if self.levels.len() >= MAX_LEVELS {
                    break;
                }
                rest_at += next.len;
                n = self.place(&next, here);
            }
            node = Some(n);
            start = rest_at;
        }
        let tail_line = line + text[..start].matches('\n').count();
        self.append_text(node, &text[start..], tail_line);
    }

    fn continues_open_level(&self, e: &Enumerator) -> bool {
        self.levels.iter().any(|l| {
            e.readings
                .iter()
                .any(|r| r.family == l.family && number::is_successor(&l.key, &r.key))
        })
    }

    /// Choose a reading for an enumerator and its place among the open
    /// levels, in this order of preference:
    /// 1. it continues the deepest open level (`(ii)` after `(i)`);
    /// 2. it opens a family not open yet, below the deepest (`(i)` after
    ///    `(A)` is a Roman numeral);
    /// 3. it continues a shallower open level (`(B)` after `(A)(ii)`,
    ///    `(i)` after `(h)(2)(B)(iii)` is the letter);
    /// 4. a first number restarts its open family (`(a)` after `(c)`);
    /// 5. an open family takes it despite a gap (repealed numbers).
    fn choose(&self, e: &Enumerator) -> Option<(usize, Reading)> {
        let choice = self.choose_by_order(e)?;
        // An enumerator alone on its line holds the list that follows: when
        // that list's family is already open, it sits above that level
        // (`(h)(2)`, then `(i)` alone, then `(1)`: `(i)` is the letter).
        if self.bare && e.readings.len() > 1 {
            let below = self.next_enum.as_ref().and_then(|n| {
                self.levels
                    .iter()
                    .position(|l| n.readings.iter().any(|r| r.family == l.family))
            });
            if let Some(limit) = below {
                if choice.0 > limit {
                    for (i, l) in self.levels.iter().enumerate().take(limit + 1).rev() {
                        if let Some(r) = e
                            .readings
                            .iter()
                            .find(|r| r.family == l.family && number::is_successor(&l.key, &r.key))
                        {
                            return Some((i, r.clone()));
                        }
                    }
                }
            }
        }
        Some(choice)
    }

    fn choose_by_order(&self, e: &Enumerator) -> Option<(usize, Reading)> {
        let levels = &self.levels;
        let continues =
            |l: &Level, r: &Reading| r.family == l.family && number::is_successor(&l.key, &r.key);
        if let Some(l) = levels.last() {
            if let Some(r) = e.readings.iter().find(|r| continues(l, r)) {
                return Some((levels.len() - 1, r.clone()));
            }
        }
        if let Some(r) = e
            .readings
            .iter()
            .find(|r| r.is_first() && !levels.iter().any(|l| l.family == r.family))
        {
            return Some((levels.len(), r.clone()));
        }
        for (i, l) in levels.iter().enumerate().rev() {
            if let Some(r) = e.readings.iter().find(|r| continues(l, r)) {
                return Some((i, r.clone()));
            }
        }
        for r in e.readings.iter().filter(|r| r.is_first()) {
            if let Some(at) = levels.iter().position(|l| l.family == r.family) {
                return Some((at, r.clone()));
            }
        }
        for r in &e.readings {
            if let Some(at) = levels.iter().position(|l| l.family == r.family) {
                return Some((at, r.clone()));
            }
        }
        None
    }

    /// Place an enumerator and add its node.
    fn place(&mut self, e: &Enumerator, line: usize) -> usize {
        let choice = self.choose(e);
        let (depth, reading) = choice.unwrap_or_else(|| {
            (
                self.levels.len(),
                e.readings.first().cloned().unwrap_or(Reading {
                    family: Family::ParenArabic,
                    key: vec![],
                }),
            )
        });
        self.levels.truncate(depth);
        let parent = self
            .levels
            .last()
            .map(|l| l.node)
            .or(self.kuan)
            .or(self.unit)
            .or(self.groups.last().copied());
        let parent_cite = parent
            .map(|p| self.provs[p].citation.clone())
            .unwrap_or_default();
        let kind = self.level_kind(depth, reading.family);
        let mut p = self.new_prov(kind, line);
        p.number = Some(e.number.clone());
        p.label = reading.family.label(&e.number);
        p.citation = format!("{parent_cite}{}", reading.family.cite(&e.number));
        p.family = Some(reading.family);
        p.key = reading.key.clone();
        let id = self.add(parent, p);
        self.levels.push(Level {
            family: reading.family,
            key: reading.key,
            node: id,
        });
        id
    }

    fn level_kind(&self, depth: usize, family: Family) -> Kind {
        if matches!(family, Family::CnParen | Family::CnComma) || self.kuan.is_some() {
            return Kind::Item;
        }
        let under_article = self
            .unit
            .is_some_and(|u| self.provs[u].kind == Kind::Article);
        let table: &[Kind] = if under_article {
            &[Kind::Paragraph, Kind::Point, Kind::Item]
        } else {
            &[
                Kind::Subsection,
                Kind::Paragraph,
                Kind::Subparagraph,
                Kind::Clause,
                Kind::Subclause,
                Kind::Item,
            ]
        };
        table.get(depth).copied().unwrap_or(Kind::Item)
    }

    fn finish(mut self) -> Statute {
        // Last lines bubble up from children.
        for id in (0..self.provs.len()).rev() {
            let last = self.provs[id].last_line;
            if let Some(p) = self.provs[id].parent {
                if self.provs[p].last_line < last {
                    self.provs[p].last_line = last;
                }
            }
        }
        // Renumber into a pre-order walk so that a subtree is a contiguous
        // range (the 款 rewrite may have appended nodes out of order).
        let mut order = Vec::with_capacity(self.provs.len());
        let mut stack: Vec<usize> = self.roots.iter().rev().copied().collect();
        while let Some(id) = stack.pop() {
            order.push(id);
            stack.extend(self.provs[id].children.iter().rev().copied());
        }
        let mut new_index = vec![usize::MAX; self.provs.len()];
        for (new, &old) in order.iter().enumerate() {
            new_index[old] = new;
        }
        let mut provs: Vec<Provision> = order.iter().map(|&old| self.provs[old].clone()).collect();
        for p in &mut provs {
            p.parent = p.parent.map(|x| new_index[x]);
            for c in &mut p.children {
                *c = new_index[*c];
            }
        }
        let roots = self.roots.iter().map(|&r| new_index[r]).collect();
        Statute {
            path: self.src.path.clone(),
            meta: self.src.meta.clone(),
            provisions: provs,
            roots,
        }
    }
}

/// `1[15. …` → `15. …`: the bracket that marks amended text.
fn strip_amendment_marker(text: &str) -> &str {
    let t = text.trim_start();
    let digits = t.chars().take_while(char::is_ascii_digit).count();
    if (1..=2).contains(&digits) && t[digits..].starts_with('[') {
        &t[digits + 1..]
    } else {
        t
    }
}

/// Text that reads as a heading when a paragraph follows it: one line of at
/// most twelve words that does not lead into a list or a sentence.
fn looks_like_heading(text: &str) -> bool {
    let t = text.trim();
    let words = t
        .split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count();
    (1..=12).contains(&words)
        && !t.contains('\n')
        && t.chars().next().is_some_and(char::is_uppercase)
        && !t.ends_with([';', ':', ',', '—', '–', '-', '；', '：', '，'])
        && !t.trim_end_matches('.').trim_end().contains(['.', ';', ':'])
        && !t.ends_with(" or")
        && !t.ends_with(" and")
}

/// `Child pornography.—(1) A person` → (`Child pornography`, `(1) A person`).
fn marginal_title(rest: &str) -> Option<(&str, &str)> {
    let seps = [
        ".—",
        ".–",
        ".--",
        ". —",
        ". –",
        "—",
        "–",
        " \u{FFFD} ",
        ".\u{FFFD}",
        ". \u{FFFD}",
        " - ",
    ];
    let mut best: Option<(usize, usize)> = None;
    for sep in seps {
        if let Some(i) = rest.find(sep) {
            if best.is_none_or(|(b, _)| i < b) {
                best = Some((i, sep.len()));
            }
        }
    }
    let (i, len) = best?;
    let title = rest[..i].trim();
    if title.is_empty()
        || !at_most_words(title, MAX_TITLE_WORDS)
        || title.contains(['(', ';', '"', '“'])
    {
        return None;
    }
    Some((title.trim_end_matches('.'), rest[i + len..].trim_start()))
}

/// `Title. — This Act …` after a repeated `Section 1.` → `This Act …`.
fn strip_repeated_title<'a>(rest: &'a str, heading: Option<&str>) -> &'a str {
    if let Some(h) = heading {
        let h = h.trim_end_matches('.');
        if let Some(after) = rest.strip_prefix(h) {
            return after
                .trim_start_matches(['.', ' ', '—', '–', '-', '\u{FFFD}'])
                .trim_start();
        }
    }
    match marginal_title(rest) {
        Some((_, body)) => body,
        None => rest,
    }
}

fn clean_title(t: &str) -> String {
    t.trim()
        .trim_start_matches(['—', '–', '-', ':', '.', ' '])
        .trim_end_matches(['.', ' '])
        .to_string()
}

fn title_case(word: &str) -> String {
    let lower = word.to_lowercase();
    let mut c = lower.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests;
