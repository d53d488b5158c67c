//! The builder: reads blocks one by one and grows the provision tree.

use super::designator::{self, Enumerator, UnitDesignator};
use super::notes;
use super::number::{self, Family};
use super::title::{
    MAX_TITLE_WORDS, at_most_words, is_han_title_line, looks_like_heading, strip_amendment_marker,
};
use super::{Kind, Provision, Statute, blocks};
use crate::source::Source;

pub(super) struct Level {
    pub(super) family: Family,
    pub(super) key: Vec<u32>,
    pub(super) node: usize,
}

/// Enumerator levels deeper than this are read as text: real statutes stop
/// at about six, and the cap keeps hostile input from building deep trees.
pub(super) const MAX_LEVELS: usize = 12;

pub(super) struct Builder<'s> {
    pub(super) src: &'s Source,
    pub(super) provs: Vec<Provision>,
    pub(super) roots: Vec<usize>,
    pub(super) groups: Vec<usize>,
    pub(super) unit: Option<usize>,
    pub(super) unit_from_heading: bool,
    /// The current unnumbered paragraph of the open unit: a 款 of a
    /// Chinese article, an alinéa or párrafo of another.
    pub(super) para: Option<usize>,
    /// Line of the first text of the open unit (where its first
    /// paragraph starts when it is split into paragraphs).
    pub(super) unit_text_line: Option<usize>,
    /// Cites an unnumbered paragraph of a non-Chinese article or section
    /// (`al.` → `227-23 (al. 4)`): the lexicon's word for the language.
    pub(super) paragraph_label: &'s str,
    pub(super) levels: Vec<Level>,
    pub(super) pending_title: Option<String>,
    pub(super) article_style: bool,
    pub(super) chinese: bool,
    /// The enumerator starting the next block, if any (a lookahead for
    /// enumerators alone on their line).
    pub(super) next_enum: Option<Enumerator>,
    /// What [`designator::enumerator`] reads at the start of the block
    /// being built (without the `dot` and `sign` forms), with the address
    /// and length of the block's text and the `chinese` flag it was read
    /// with: the lookahead already read it.
    pub(super) block_enum: Option<(usize, usize, bool, Option<Enumerator>)>,
    /// True while placing an enumerator that has no text after it.
    pub(super) bare: bool,
    /// True inside an explanation or illustration: until a number
    /// continues a level open before it, its text and its own items belong
    /// to the section or article as text.
    pub(super) in_note: bool,
}

impl Builder<'_> {
    pub(super) fn line(&self, offset: usize) -> usize {
        self.src.line_of(self.src.body_start + offset)
    }

    pub(super) fn add(&mut self, parent: Option<usize>, mut p: Provision) -> usize {
        let id = self.provs.len();
        p.parent = parent;
        match parent {
            Some(par) => self.provs[par].children.push(id),
            None => self.roots.push(id),
        }
        self.provs.push(p);
        id
    }

    pub(super) fn new_prov(&self, kind: Kind, line: usize) -> Provision {
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
    pub(super) fn current(&self) -> Option<usize> {
        self.levels
            .last()
            .map(|l| l.node)
            .or(self.para)
            .or(self.unit)
            .or(self.groups.last().copied())
    }

    pub(super) fn append_text(&mut self, node: Option<usize>, text: &str, line: usize) {
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
        if Some(node) == self.unit && self.unit_text_line.is_none() {
            self.unit_text_line = Some(line);
        }
        let p = &mut self.provs[node];
        if !p.text.is_empty() {
            p.text.push_str("\n\n");
        }
        p.text.push_str(text);
        p.last_line = p
            .last_line
            .max(line + memchr::memchr_iter(b'\n', text.as_bytes()).count());
    }

    /// Read one block; `unit` is what [`designator::unit_with_keyword`]
    /// reads at its start.
    pub(super) fn block(&mut self, b: &blocks::Block, unit: Option<UnitDesignator>) {
        let line = self.line(b.offset);
        let text = b.text.as_str();
        match b.kind {
            blocks::BlockKind::Quoted => {
                let cur = self.current();
                self.append_text(cur, text, line);
            }
            blocks::BlockKind::Heading(_) => self.heading(text, unit, line),
            blocks::BlockKind::Para => self.paragraph(b, unit, line),
        }
    }

    pub(super) fn heading(&mut self, text: &str, unit: Option<UnitDesignator>, line: usize) {
        if let Some(g) = self.group_designator(text) {
            self.open_group(g, line);
            return;
        }
        if let Some(u) = unit
            .filter(|u| !(self.article_style && u.kind == Kind::Section))
            .or_else(|| designator::unit_bare(text))
        {
            self.open_unit(u, line, true);
            return;
        }
        if self.enumerated(text, line) {
            return;
        }
        // A heading without a number titles what follows. It is one line
        // of words (a setext heading may span several), so that appended
        // to the provision below it, it adds no lines of its own.
        self.flush_pending(line);
        self.pending_title = Some(one_line(text));
    }

    pub(super) fn group_designator(&self, text: &str) -> Option<designator::GroupDesignator> {
        let g = designator::group(text, self.article_style)?;
        if g.keyword.eq_ignore_ascii_case("section") && !self.article_style {
            return None;
        }
        Some(g)
    }

    pub(super) fn paragraph(
        &mut self,
        b: &blocks::Block,
        unit: Option<UnitDesignator>,
        line: usize,
    ) {
        let (text, all_bold, lead_bold) = (b.text.as_str(), b.all_bold, b.lead_bold.as_deref());
        // Groups written as short paragraphs (`LIBRO I`, `PART II—OFFENCES`).
        // Whether it has at most a title's words is asked last, after the
        // cheaper tests (a long paragraph of Chinese has no space to stop
        // at).
        let short = || at_most_words(text, MAX_TITLE_WORDS);
        if memchr::memchr(b'\n', text.as_bytes()).is_none() {
            if let Some(g) = self.group_designator(text) {
                let kw_caps = g.keyword.chars().next().is_some_and(|c| c.is_uppercase())
                    || !g.keyword.is_ascii();
                if kw_caps && !text.trim_end().ends_with([';', ',']) && short() {
                    self.open_group(g, line);
                    return;
                }
            }
        }
        if let Some(u) = unit {
            if !(self.article_style && u.kind == Kind::Section) && self.paragraph_unit_ok(&u) {
                self.open_unit(u, line, false);
                return;
            }
        }
        if let Some(u) = designator::unit_bare(strip_amendment_marker(text)) {
            // `1[15. Title.--` repeating the open section's number (an
            // amendment note) continues it.
            // A `2.` that continues an open `1.` list is an item, even in
            // article 2.
            let continues_list = number::arabic_key(&u.number).is_some_and(|key| {
                self.levels
                    .iter()
                    .any(|l| l.family == Family::DotArabic && number::is_successor(&l.key, &key))
            });
            // Below a heading that gave the unit its number, a `1.` inside
            // an open `(1)` is the first item of a list (`(1) Im Sinne
            // dieses Gesetzes` / `1. sind Kinder …`), not an echo.
            let inside_level = self.unit_from_heading && !self.levels.is_empty();
            let echo = u.separator == "."
                && !continues_list
                && !inside_level
                && self
                    .unit
                    .is_some_and(|c| self.provs[c].number.as_deref() == Some(u.number.as_str()));
            if echo || self.bare_paragraph_unit_ok(&u) {
                self.open_unit(u, line, false);
                return;
            }
        }
        // An explanation or illustration belongs to the section or article,
        // not to its last item, and is not numbered as one.
        if let Some(u) = self.unit.filter(|_| notes::is_note(text)) {
            self.flush_pending(line);
            self.in_note = true;
            self.split_inline(Some(u), text, line);
            return;
        }
        if self.in_note {
            let chinese = self.unit.is_some_and(|u| self.is_chinese_unit(u));
            let ends_note = designator::enumerator(text, chinese, true, self.article_style)
                .is_some_and(|e| self.continues_open_level(&e));
            if !ends_note {
                let unit = self.unit;
                self.split_inline(unit, text, line);
                return;
            }
            self.in_note = false;
        }
        if self.enumerated(text, line) {
            return;
        }
        if all_bold && short() {
            self.flush_pending(line);
            self.pending_title = Some(one_line(text));
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
                && !text.contains('\n')
                && !text
                    .trim_end()
                    .ends_with(['.', ';', ':', ',', '。', '；', '：'])
                && short()
            {
                self.provs[u].heading = Some(text.trim().to_string());
                return;
            }
        }
        // A line of Chinese words without punctuation inside a Chinese
        // article is the title of what follows (a chapter title whose
        // number the source lost), not a 款.
        if self.unit.is_some_and(|u| self.is_chinese_unit(u)) && is_han_title_line(text) {
            self.flush_pending(line);
            self.pending_title = Some(one_line(text));
            return;
        }
        // Unnumbered paragraphs of a Chinese article are its 款, whatever
        // items the article holds (they move into its 第一款).
        if let Some(u) = self.unit {
            if self.is_chinese_unit(u) && (!self.provs[u].text.is_empty() || self.para.is_some()) {
                self.new_paragraph(u, line);
                self.levels.clear();
                let cur = self.current();
                self.split_inline(cur, text, line);
                return;
            }
        }
        // A definition (`**child** means …`, `"child" means …`) is a
        // provision of its own, so that its `(a)`, `(b)` are cited apart
        // from the next definition's.
        // (An enumerator alone on its line takes the definition as its text.)
        let bare_item = self.levels.last().is_some_and(|l| {
            self.provs[l.node].text.is_empty() && self.provs[l.node].children.is_empty()
        });
        if let Some(term) = self
            .unit
            .filter(|_| !bare_item)
            .and_then(|_| notes::defined_term(text, lead_bold))
        {
            if self.levels.len() < MAX_LEVELS {
                self.open_definition(&term, text, line);
                return;
            }
        }
        // Unnumbered paragraphs of any other article or section are its
        // paragraphs (alinéas, párrafos, Absätze) while it has no numbered
        // items: an item or a definition merges them back (see
        // `merge_paragraphs`), so that the items keep their citations. A
        // paragraph all in italics is an editor's note (an amendment
        // history), not a paragraph of the law.
        if let Some(u) = self.unit.filter(|&u| !self.is_chinese_unit(u)) {
            if self.levels.is_empty()
                && !b.all_italic
                && (self.para.is_some()
                    || (!self.provs[u].text.is_empty() && self.provs[u].children.is_empty()))
            {
                self.new_paragraph(u, line);
                let cur = self.current();
                if let Some(title) = self.pending_title.take() {
                    self.append_text(cur, &title, line);
                }
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
        // (An enumerator alone on its line takes the next paragraph, and so
        // does an item that ends with a colon: `1. Term:`, then `who …`.)
        if self.levels.len() >= 2
            && self.levels.last().is_some_and(|l| {
                let t = self.provs[l.node].text.trim_end();
                !t.is_empty() && !t.ends_with([':', '：'])
            })
        {
            self.levels.pop();
        }
        let cur = self.current();
        if let Some(title) = self.pending_title.take() {
            self.append_text(cur, &title, line);
        }
        self.split_inline(cur, text, line);
    }

    pub(super) fn close_unit(&mut self) {
        self.in_note = false;
        self.unit = None;
        self.para = None;
        self.unit_text_line = None;
        self.levels.clear();
        self.unit_from_heading = false;
    }

    pub(super) fn flush_pending(&mut self, line: usize) {
        if let Some(t) = self.pending_title.take() {
            // A heading nothing took: keep its words with the open provision.
            if let Some(cur) = self.current() {
                self.append_text(Some(cur), &t, line);
            }
        }
    }

    pub(super) fn take_pending_title(&mut self, node: usize) {
        if let Some(t) = self.pending_title.take() {
            if self.provs[node].heading.is_none() {
                self.provs[node].heading = Some(t);
            } else {
                self.append_text(Some(node), &t, self.provs[node].line);
            }
        }
    }

    pub(super) fn finish(mut self) -> Statute {
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
        let mut provs = if order.len() == self.provs.len() {
            // A permutation: applied in place, cycle by cycle (no second
            // vector of provisions).
            let mut provs = std::mem::take(&mut self.provs);
            let mut placed = vec![false; provs.len()];
            for i in 0..provs.len() {
                let mut j = i;
                while !placed[j] {
                    placed[j] = true;
                    let k = order[j];
                    if k == i {
                        break;
                    }
                    provs.swap(j, k);
                    j = k;
                }
            }
            provs
        } else {
            order.iter().map(|&old| self.provs[old].clone()).collect()
        };
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

/// A title's words on one line.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
