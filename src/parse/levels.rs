//! Placing enumerators: which level an `(i)` or a `1.` opens or continues.

use super::Kind;
use super::builder::{Builder, Level, MAX_LEVELS};
use super::designator::{self, Enumerator};
use super::notes;
use super::number::{self, Family, Reading};

impl Builder<'_> {
    /// Read enumerators at the start of `text` and place them; false when
    /// the text does not start with one.
    pub(super) fn enumerated(&mut self, text: &str, line: usize) -> bool {
        let dot =
            self.unit_from_heading || self.chinese || self.article_style || self.unit.is_some();
        let chinese = self.chinese || self.unit.is_some_and(|u| self.is_chinese_unit(u));
        let Some(first) = self.enumerator_at(text, chinese, dot, self.article_style) else {
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
        while let Some(next) = designator::enumerator(rest, chinese, false, false) {
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

    /// [`designator::enumerator`] at the start of `text`, reusing what the
    /// lookahead read when `text` is the block's own text.
    pub(super) fn enumerator_at(
        &mut self,
        text: &str,
        chinese: bool,
        dot: bool,
        sign: bool,
    ) -> Option<Enumerator> {
        let plain = match self.block_enum {
            Some((at, len, c, _))
                if at == text.as_ptr() as usize && len == text.len() && c == chinese =>
            {
                self.block_enum.take().map(|(.., e)| e)
            }
            _ => None,
        };
        designator::enumerator_after(text, chinese, dot, sign, plain)
    }

    /// Put text into `node`, splitting off inline enumerators that continue
    /// an open level or start a list after a colon or dash.
    pub(super) fn split_inline(&mut self, node: Option<usize>, text: &str, line: usize) {
        // An explanation after the last item belongs to the section.
        if let Some(at) = self.unit.and_then(|_| notes::inline_note_at(text)) {
            let (head, note) = text.split_at(at);
            self.split_inline(node, head, line);
            self.in_note = true;
            let unit = self.unit;
            self.split_inline(unit, note, line + newlines(head));
            return;
        }
        let chinese = self.chinese || self.unit.is_some_and(|u| self.is_chinese_unit(u));
        let mut node = node;
        let mut start = 0;
        for at in designator::inline_split_points(text) {
            if at < start || self.levels.len() >= MAX_LEVELS {
                continue;
            }
            let tail = &text[at..];
            let Some(e) = designator::enumerator(tail, chinese, false, false) else {
                continue;
            };
            let before = text[..at].trim_end();
            let opens_list = before.ends_with([':', '—', '–', '：']) || before.ends_with("--");
            let starts_list =
                opens_list && !self.in_note && e.readings.iter().any(Reading::is_first);
            if !(self.continues_open_level(&e) || starts_list) {
                continue;
            }
            self.in_note = false;
            let head = &text[start..at];
            let head_line = line + newlines(&text[..start]);
            self.append_text(node, head, head_line);
            let here = line + newlines(&text[..at]);
            let mut n = self.place(&e, here);
            let mut rest_at = at + e.len;
            while let Some(next) = designator::enumerator(&text[rest_at..], chinese, false, false) {
                if self.levels.len() >= MAX_LEVELS {
                    break;
                }
                rest_at += next.len;
                n = self.place(&next, here);
            }
            node = Some(n);
            start = rest_at;
        }
        let tail_line = line + newlines(&text[..start]);
        self.append_text(node, &text[start..], tail_line);
    }

    pub(super) fn continues_open_level(&self, e: &Enumerator) -> bool {
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
    pub(super) fn choose(&self, e: &Enumerator) -> Option<(usize, Reading)> {
        // `§ 1º` and `Parágrafo único` are paragraphs of the article itself,
        // whatever items came before them.
        if let Some(r) = e.readings.iter().find(|r| r.family == Family::Sign) {
            let at = self
                .levels
                .iter()
                .position(|l| l.family == Family::Sign)
                .unwrap_or(0);
            return Some((at, r.clone()));
        }
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

    pub(super) fn choose_by_order(&self, e: &Enumerator) -> Option<(usize, Reading)> {
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
    pub(super) fn place(&mut self, e: &Enumerator, line: usize) -> usize {
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
        if self.levels.is_empty() {
            self.merge_paragraphs();
        }
        let parent = self
            .levels
            .last()
            .map(|l| l.node)
            .or(self.para)
            .or(self.unit)
            .or(self.groups.last().copied());
        let kind = self.level_kind(depth, reading.family);
        let mut p = self.new_prov(kind, line);
        p.number = Some(e.number.clone());
        p.label = reading.family.label(&e.number);
        let below_item = parent.is_some_and(|q| self.is_chinese_item(q));
        // The parent's citation, then this number's: built in place.
        let parent_cite = parent.map_or("", |q| self.provs[q].citation.as_str());
        let own = reading.family.cite_below(&e.number, below_item);
        p.citation = String::with_capacity(parent_cite.len() + own.len());
        p.citation.push_str(parent_cite);
        p.citation.push_str(&own);
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

    /// Open a definition below the provision that holds the definitions,
    /// closing the items of the definition before it.
    pub(super) fn open_definition(&mut self, term: &str, text: &str, line: usize) {
        match self.levels.iter().position(|l| l.family == Family::Term) {
            Some(at) => self.levels.truncate(at),
            None => {
                if self.levels.len() >= 2
                    && self
                        .levels
                        .last()
                        .is_some_and(|l| !self.provs[l.node].text.is_empty())
                {
                    self.levels.pop();
                }
            }
        }
        let depth = self.levels.len();
        if depth == 0 {
            self.merge_paragraphs();
        }
        let parent = self
            .levels
            .last()
            .map(|l| l.node)
            .or(self.para)
            .or(self.unit);
        let parent_cite = parent
            .map(|p| self.provs[p].citation.clone())
            .unwrap_or_default();
        let mut p = self.new_prov(self.level_kind(depth, Family::Term), line);
        p.number = Some(term.to_string());
        p.label = Family::Term.label(term);
        p.citation = format!("{parent_cite}{}", Family::Term.cite(term));
        p.family = Some(Family::Term);
        let id = self.add(parent, p);
        self.levels.push(Level {
            family: Family::Term,
            key: Vec::new(),
            node: id,
        });
        self.take_pending_title(id);
        self.split_inline(Some(id), text, line);
    }

    /// True for a Chinese item (项): the items below it are 目.
    pub(super) fn is_chinese_item(&self, id: usize) -> bool {
        matches!(
            self.provs[id].family,
            Some(Family::CnParen | Family::CnComma)
        )
    }

    pub(super) fn level_kind(&self, depth: usize, family: Family) -> Kind {
        if matches!(family, Family::CnParen | Family::CnComma) || self.para.is_some() {
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
}

/// The line ends in `text` (counted with the memchr crate's vectorised
/// search).
fn newlines(text: &str) -> usize {
    memchr::memchr_iter(b'\n', text.as_bytes()).count()
}
